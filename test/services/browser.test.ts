/**
 * The PC login page of `jitsuin serve` in Debian's Chromium (playwright-core): the QR code is
 * decoded from a screenshot of the page (jsQR), the simulated phone scans it, reads the session
 * context, picks the number the page shows and approves; the page logs in. Also the wrong number,
 * a relayed QR collected by another browser, and expiry with a fresh QR. Screenshots of each state
 * go to test-results/browser/ (or $JITSUIN_ARTIFACTS_DIR).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { PNG } from 'pngjs';
import jsQR from 'jsqr';
import { startServe, type RunningServe } from '../../src/cli/serve.js';
import { decodeQrUri } from '../../src/qr/uri.js';
import { POSTGRES_URL, REDIS_URL } from './env.js';

const ARTIFACTS =
  process.env.JITSUIN_ARTIFACTS_DIR ?? join(process.cwd(), 'test-results', 'browser');
mkdirSync(ARTIFACTS, { recursive: true });

let browser: Browser;
let serve: RunningServe;
let shortLived: RunningServe;
let onPostgres: RunningServe;

beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking'],
  });
  // The main server keeps its state in the real Redis; the expiry one in memory with 3-second offers.
  serve = await startServe({ port: 0, store: { kind: 'redis', url: REDIS_URL() } });
  shortLived = await startServe({ port: 0, qrLifetime: 3 });
  onPostgres = await startServe({ port: 0, store: { kind: 'postgres', url: POSTGRES_URL() } });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await serve?.close();
  await shortLived?.close();
  await onPostgres?.close();
});

async function phone(
  s: RunningServe,
  route: string,
  body: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const r = await fetch(`${s.url}/phone/${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: r.status, body: (await r.json()) as Record<string, unknown> };
}

/** Decodes the QR code shown on the page from a screenshot of it. */
async function readQr(page: Page, shot: string): Promise<string> {
  const png = PNG.sync.read(
    await page.locator('#qr').screenshot({ path: join(ARTIFACTS, `${shot}-qr.png`) }),
  );
  const code = jsQR(
    new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length),
    png.width,
    png.height,
  );
  if (code === null) throw new Error('no QR code found in the screenshot');
  return code.data;
}

async function open(s: RunningServe): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 800, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${s.url}/`);
  await page.locator('#state[data-state="pending"]').waitFor({ timeout: 20_000 });
  return { context, page };
}

const state = (page: Page): Promise<string | null> =>
  page.locator('#state').getAttribute('data-state');

describe('the PC login page in Chromium', () => {
  it('[QR-50] the drawn QR carries the offer: the phone scans it, picks the number shown, approves, and the page logs in', async () => {
    const { context, page } = await open(serve);
    await page.screenshot({ path: join(ARTIFACTS, '1-pending.png') });
    const uri = await readQr(page, '1');
    const offer = decodeQrUri(uri, { rpId: 'hospital.example' });
    expect(await page.locator('#qr').getAttribute('data-offer-id')).toBe(offer.offerId);
    const shown = (await page.locator('#code').textContent())!.trim();
    expect(shown).toMatch(/^[0-9]{2}$/);
    expect(Number((await page.locator('#countdown').textContent())!)).toBeGreaterThan(100);

    const scan = await phone(serve, 'scan', { uri });
    expect(scan.status).toBe(200);
    expect(scan.body.choices).toContain(shown);
    expect(scan.body.browser).toMatch(/on Linux$/);
    await page.locator('#state[data-state="scanned"]').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, '1-scanned.png') });

    const approve = await phone(serve, 'approve', { code: shown, offerId: offer.offerId });
    expect(approve.status).toBe(200);
    await page.locator('#state[data-state="collected"]').waitFor();
    expect(await page.locator('#login').textContent()).toBe(
      `Logged in as ${serve.app.commonCode} (secure-enclave)`,
    );
    await page.screenshot({ path: join(ARTIFACTS, '1-logged-in.png') });
    await context.close();
  });

  it('[QR-36] the wrong number: the page shows the denial and logs nobody in', async () => {
    const { context, page } = await open(serve);
    const uri = await readQr(page, '2');
    const offer = decodeQrUri(uri, { rpId: 'hospital.example' });
    const shown = (await page.locator('#code').textContent())!.trim();
    const scan = await phone(serve, 'scan', { uri });
    const wrong = (scan.body.choices as string[]).find((c) => c !== shown)!;
    const approve = await phone(serve, 'approve', { code: wrong, offerId: offer.offerId });
    expect(approve.status).toBe(400);
    expect(approve.body.code).toBe('ERR_QR_NUMBER');
    await page.locator('#state[data-state="denied"]').waitFor();
    expect(await page.locator('#login').isHidden()).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, '2-denied.png') });
    // The offer is spent: a second try with the right number is refused too.
    expect((await phone(serve, 'approve', { code: shown, offerId: offer.offerId })).body.code).toBe(
      'ERR_QR_STATE',
    );
    await context.close();
  });

  it('[QR-50] a relayed QR: another browser collecting the approved login is refused; the browser that showed it logs in', async () => {
    const victim = await open(serve);
    const attacker = await open(serve);
    // The attacker shows (relays) the victim's offer; the phone approves it; the attacker's browser tries to take the login.
    const uri = await readQr(victim.page, '3');
    const offer = decodeQrUri(uri, { rpId: 'hospital.example' });
    const shown = (await victim.page.locator('#code').textContent())!.trim();
    await phone(serve, 'scan', { uri });
    await phone(serve, 'approve', { code: shown, offerId: offer.offerId });
    const stolen = await attacker.page.evaluate(async (offerId) => {
      const r = await fetch('/rp/qr/collect', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ offerId }),
      });
      return { status: r.status, body: (await r.json()) as Record<string, unknown> };
    }, offer.offerId);
    expect(stolen.status).toBe(403);
    expect(stolen.body.code).toBe('ERR_QR_SESSION');
    expect(JSON.stringify(stolen.body)).not.toContain(serve.app.commonCode);
    await attacker.page.screenshot({ path: join(ARTIFACTS, '3-attacker-refused.png') });
    expect(await state(attacker.page)).not.toBe('collected');
    await victim.page.locator('#state[data-state="collected"]').waitFor();
    await victim.page.screenshot({ path: join(ARTIFACTS, '3-victim-logged-in.png') });
    await victim.context.close();
    await attacker.context.close();
  });

  it('[QR-34] expiry: the page replaces the expired QR with a fresh one, and the old one no longer scans', async () => {
    const { context, page } = await open(shortLived);
    const first = await readQr(page, '4-first');
    const firstOffer = decodeQrUri(first, { rpId: 'hospital.example' });
    await page.screenshot({ path: join(ARTIFACTS, '4-before-expiry.png') });
    await page.waitForFunction(
      (id) => {
        const img = document.getElementById('qr');
        return (
          img !== null &&
          img.dataset.offerId !== id &&
          document.getElementById('state')?.dataset.state === 'pending'
        );
      },
      firstOffer.offerId,
      { timeout: 15_000 },
    );
    await page.screenshot({ path: join(ARTIFACTS, '4-fresh-qr.png') });
    const second = await readQr(page, '4-second');
    const secondOffer = decodeQrUri(second, { rpId: 'hospital.example' });
    expect(secondOffer.offerId).not.toBe(firstOffer.offerId);
    const old = await phone(shortLived, 'scan', { uri: first });
    expect(old.status).toBe(410);
    expect(old.body.code).toBe('ERR_QR_EXPIRED');
    expect((await phone(shortLived, 'scan', { uri: second })).status).toBe(200);
    await context.close();
  });

  it('[QR-50] the same login on a serve backed by PostgreSQL', async () => {
    const { context, page } = await open(onPostgres);
    const uri = await readQr(page, '5');
    const offer = decodeQrUri(uri, { rpId: 'hospital.example' });
    const shown = (await page.locator('#code').textContent())!.trim();
    expect((await phone(onPostgres, 'scan', { uri })).status).toBe(200);
    expect(
      (await phone(onPostgres, 'approve', { code: shown, offerId: offer.offerId })).status,
    ).toBe(200);
    await page.locator('#state[data-state="collected"]').waitFor();
    expect(await page.locator('#login').textContent()).toBe(
      `Logged in as ${onPostgres.app.commonCode} (secure-enclave)`,
    );
    await page.screenshot({ path: join(ARTIFACTS, '5-postgres-logged-in.png') });
    await context.close();
  });
});
