/** `jitsuin serve` on in-memory stores, over real HTTP on loopback (the browser test drives the page). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServe, type RunningServe } from '../../src/cli/serve.js';
import { main } from '../../src/cli/main.js';

let s: RunningServe;
beforeAll(async () => {
  s = await startServe({ port: 0 });
}, 60_000);
afterAll(async () => {
  await s?.close();
});

const post = (
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Response> =>
  fetch(`${s.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('jitsuin serve', () => {
  it('serves the page with a strict CSP and an HttpOnly SameSite session cookie', async () => {
    const r = await fetch(`${s.url}/`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(r.headers.get('set-cookie')).toMatch(
      /^jitsuin_pc=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict$/,
    );
    expect(await r.text()).toContain('<script src="/login.js"></script>');
    expect((await fetch(`${s.url}/login.js`)).headers.get('content-type')).toMatch(
      /^text\/javascript/,
    );
  });

  it('[SRV-04] [QR-50] a PC without its session cookie, or calling cross-site, gets no offer', async () => {
    expect((await post('/rp/qr/offer', {}, { origin: s.url })).status).toBe(403);
    const cookie = (await fetch(`${s.url}/`)).headers.get('set-cookie')!.split(';')[0]!;
    expect((await post('/rp/qr/offer', {}, { origin: 'http://evil.example', cookie })).status).toBe(
      403,
    );
    const ok = await post('/rp/qr/offer', {}, { origin: s.url, cookie });
    expect(ok.status).toBe(200);
    const offer = (await ok.json()) as { uri: string; offerId: string; code: string };
    const png = await post('/pc/qr.png', { uri: offer.uri }, { origin: s.url, cookie });
    expect(png.headers.get('content-type')).toBe('image/png');
    expect(new Uint8Array(await png.arrayBuffer()).subarray(0, 4)).toEqual(
      Uint8Array.of(0x89, 0x50, 0x4e, 0x47),
    );
    // Not an open QR generator: only this RP's offers are drawn.
    expect(
      (await post('/pc/qr.png', { uri: 'https://evil.example/x' }, { origin: s.url, cookie }))
        .status,
    ).toBe(400);
  });

  it('[SRV-01] app login over HTTP through the Node adapter: one challenge, one login, the replay refused', async () => {
    const challenge = await (await post('/rp/login/challenge', {})).text();
    const { response } = (await (await post('/phone/login', { challenge })).json()) as {
      response: string;
    };
    expect(response).toBe(response.trim());
    const first = await post('/rp/login/verify', { response });
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({
      commonCode: s.app.commonCode,
      keyProtection: 'secure-enclave',
    });
    const again = await post('/rp/login/verify', { response });
    expect(again.status).toBe(409);
    expect(again.headers.get('content-type')).toBe('application/problem+json');
  });

  it('[SRV-03] an oversized body over real HTTP is 413 without the server reading it all', async () => {
    const r = await post('/rp/login/verify', { response: 'a'.repeat(64 * 1024) });
    expect(r.status).toBe(413);
    expect(((await r.json()) as { code: string }).code).toBe('ERR_INPUT_TOO_LARGE');
    // Chunked, with no Content-Length: the limit applies while streaming.
    const chunks = new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < 64; i++) c.enqueue(new Uint8Array(1024).fill(0x61));
        c.close();
      },
    });
    const streamed = await fetch(`${s.url}/rp/login/verify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: chunks,
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
  });

  it('the phone simulator refuses an offer it has not scanned, and unknown routes are problem details', async () => {
    const r = await post('/phone/approve', { code: '11', offerId: 'AAAAAAAAAAAAAAAAAAAAAA' });
    expect(r.status).toBe(409);
    expect(((await r.json()) as { code: string }).code).toBe('ERR_QR_STATE');
    const nf = await fetch(`${s.url}/nope`);
    expect(nf.status).toBe(404);
  });

  it('jitsuin serve rejects bad options with a usage error', async () => {
    const err: string[] = [];
    const io = {
      out: () => {},
      err: (t: string) => void err.push(t),
      cwd: process.cwd(),
      root: process.cwd(),
    };
    expect(await main(['serve', '--port', '70000'], io)).toBe(2);
    expect(await main(['serve', '--redis', 'redis://x', '--postgres', 'postgres://y'], io)).toBe(2);
    expect(await main(['serve', '--qr-lifetime', '0'], io)).toBe(2);
    expect(err.join('')).toMatch(/--port must be/);
  });
});
