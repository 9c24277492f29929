/** The Fetch route handlers (spec/server.md) with the in-memory stores. */
import { describe, expect, it } from 'vitest';
import { randomBytes } from '../../src/crypto/hash.js';
import { base64urlEncode } from '../../src/encoding/index.js';
import { JitsuinError } from '../../src/errors.js';
import { MemoryChallengeStore } from '../../src/login/challenge-store.js';
import { createLoginResponse } from '../../src/login/response.js';
import {
  createQrApproval,
  decodeQrSessionContext,
  decodeQrUri,
  MemoryQrSessionStore,
} from '../../src/qr/index.js';
import { MemoryEnrollmentChallengeStore } from '../../src/enrollment/challenge.js';
import { MemoryCommonCodeRegistry } from '../../src/enrollment/registry.js';
import { LOGIN_NOW } from '../../src/conformance/suites/login.js';
import { COMMON_CODE, HOSPITAL, loginPki } from '../generators/login.js';
import { formatCommonCode } from '../../src/x509/common-code.js';
import {
  createCaHandler,
  createRpHandler,
  describeUserAgent,
  type RpHandlerOptions,
} from '../../src/server/index.js';
import {
  buildTestWorld,
  enrollmentOptions,
  randomCardSerial,
  simulatedApp,
  testCard,
} from '../../src/cli/serve/world.js';
import { createEnrollmentRequest } from '../../src/enrollment/request.js';
import { ATTESTATION_PREFIX } from '../../src/cli/demo/enroll.js';
import { utf8Encode } from '../../src/encoding/utf8.js';

const pki = await loginPki();
const ORIGIN = 'https://hospital.example';
const PC = base64urlEncode(new Uint8Array(32).fill(7));

function rp(extra: Partial<RpHandlerOptions> = {}) {
  const challengeStore = new MemoryChallengeStore({ now: () => LOGIN_NOW });
  const qrStore = new MemoryQrSessionStore({ now: () => LOGIN_NOW });
  const errors: unknown[] = [];
  const handler = createRpHandler({
    rpId: HOSPITAL,
    trustAnchors: [pki.root],
    revocation: pki.revocation,
    challengeStore,
    qrStore,
    now: () => LOGIN_NOW,
    browserBinding: (r) => r.headers.get('x-test-session') ?? PC,
    onError: (e) => errors.push(e),
    ...extra,
  });
  return { handler, challengeStore, qrStore, errors };
}

function post(path: string, body: unknown, headers: Record<string, string> = {}): Request {
  return new Request(`${ORIGIN}${path}`, {
    method: 'POST',
    body: typeof body === 'string' ? body : JSON.stringify(body),
    headers: { 'content-type': 'application/json', ...headers },
  });
}
const browser = (path: string, body: unknown, headers: Record<string, string> = {}): Request =>
  post(path, body, { origin: ORIGIN, 'sec-fetch-site': 'same-origin', ...headers });

async function json(r: Response): Promise<Record<string, unknown>> {
  return (await r.json()) as Record<string, unknown>;
}

async function problem(r: Response): Promise<string> {
  expect(r.headers.get('content-type')).toBe('application/problem+json');
  const b = await json(r);
  return `${r.status} ${String(b.code)}`;
}

describe('createRpHandler: app login', () => {
  it('[SRV-01] challenge → signed response → verify logs in once; the replay is 409', async () => {
    const { handler } = rp();
    const cr = await handler(post('/login/challenge', {}));
    expect(cr.status).toBe(200);
    const challengeText = await cr.text();
    const response = await createLoginResponse(challengeText, {
      signer: pki.hospital.signer,
      certificateChain: pki.hospital.chain,
      time: LOGIN_NOW,
    });
    const ok = await handler(post('/login/verify', { response }));
    expect(ok.status).toBe(200);
    expect(await json(ok)).toEqual({
      commonCode: formatCommonCode(COMMON_CODE),
      keyProtection: 'secure-enclave',
    });
    expect(await problem(await handler(post('/login/verify', { response })))).toBe(
      '409 ERR_CHALLENGE_REPLAYED',
    );
  });

  it('asks revocationSource for the current revocation inputs on every verification', async () => {
    let calls = 0;
    const { handler } = rp({
      revocation: { mode: 'require' },
      revocationSource: () => {
        calls++;
        return pki.revocation;
      },
    });
    for (let i = 0; i < 2; i++) {
      const challengeText = await (await handler(post('/login/challenge', {}))).text();
      const response = await createLoginResponse(challengeText, {
        signer: pki.hospital.signer,
        certificateChain: pki.hospital.chain,
        time: LOGIN_NOW,
      });
      expect((await handler(post('/login/verify', { response }))).status).toBe(200);
    }
    expect(calls).toBe(2);
    // Without it, the static revocation (here: no data, fail closed) applies.
    const stale = rp({ revocation: { mode: 'require' } });
    const challengeText = await (await stale.handler(post('/login/challenge', {}))).text();
    const response = await createLoginResponse(challengeText, {
      signer: pki.hospital.signer,
      certificateChain: pki.hospital.chain,
      time: LOGIN_NOW,
    });
    expect(await problem(await stale.handler(post('/login/verify', { response })))).toBe(
      '400 ERR_REVOCATION_UNKNOWN',
    );
  });

  it('[SRV-01] other paths are 404 and other methods 405 with Allow: POST, before any work', async () => {
    let limited = 0;
    const { handler } = rp({
      rateLimit: () => {
        limited++;
        return { allowed: true };
      },
    });
    expect(await problem(await handler(post('/login/nope', {})))).toBe('404 ERR_HTTP_NOT_FOUND');
    expect(await problem(await handler(post('/__proto__', {})))).toBe('404 ERR_HTTP_NOT_FOUND');
    expect(await problem(await handler(post('/', {})))).toBe('404 ERR_HTTP_NOT_FOUND');
    const get = await handler(new Request(`${ORIGIN}/login/challenge`));
    expect(await problem(get)).toBe('405 ERR_HTTP_METHOD');
    expect(get.headers.get('allow')).toBe('POST');
    expect(limited).toBe(0);
    const based = createRpHandler({
      rpId: HOSPITAL,
      trustAnchors: [pki.root],
      challengeStore: new MemoryChallengeStore(),
      basePath: '/jitsuin',
    });
    expect((await based(post('/jitsuin/login/challenge', {}))).status).toBe(200);
    expect(await problem(await based(post('/login/challenge', {})))).toBe('404 ERR_HTTP_NOT_FOUND');
    expect(await problem(await based(post('/jitsuinlogin/challenge', {})))).toBe(
      '404 ERR_HTTP_NOT_FOUND',
    );
  });

  it('[SRV-02] JSON only: other content types, non-canonical JSON, extra or missing members are refused', async () => {
    const { handler } = rp();
    expect(
      await problem(
        await handler(post('/login/challenge', '{}', { 'content-type': 'text/plain' })),
      ),
    ).toBe('415 ERR_HTTP_CONTENT_TYPE');
    expect(
      await problem(
        await handler(
          post('/login/challenge', '{}', { 'content-type': 'application/x-www-form-urlencoded' }),
        ),
      ),
    ).toBe('415 ERR_HTTP_CONTENT_TYPE');
    expect(
      await problem(
        await handler(
          post('/login/challenge', '{}', { 'content-type': 'application/json; charset=latin1' }),
        ),
      ),
    ).toBe('415 ERR_HTTP_CONTENT_TYPE');
    expect(
      (
        await handler(
          post('/login/challenge', '{}', { 'content-type': 'application/json; charset=utf-8' }),
        )
      ).status,
    ).toBe(200);
    expect(await problem(await handler(post('/login/challenge', '')))).toBe('400 ERR_HTTP_BODY');
    expect(await problem(await handler(post('/login/challenge', '{ }')))).toBe('400 ERR_HTTP_BODY');
    expect(await problem(await handler(post('/login/challenge', '[]')))).toBe('400 ERR_HTTP_BODY');
    expect(await problem(await handler(post('/login/challenge', { x: 'y' })))).toBe(
      '400 ERR_HTTP_BODY',
    );
    expect(await problem(await handler(post('/login/verify', {})))).toBe('400 ERR_HTTP_BODY');
    expect(await problem(await handler(post('/login/verify', { response: 5 })))).toBe(
      '400 ERR_HTTP_BODY',
    );
    expect(
      await problem(await handler(post('/login/verify', '{"response":"a","response":"b"}'))),
    ).toBe('400 ERR_HTTP_BODY');
  });

  it('[SRV-03] bodies over the limit are 413, by Content-Length or while streaming', async () => {
    const { handler } = rp({ maxBodyBytes: 100 });
    expect(await problem(await handler(post('/login/verify', { response: 'a'.repeat(200) })))).toBe(
      '413 ERR_INPUT_TOO_LARGE',
    );
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        pulled++;
        if (pulled > 1000) c.close();
        else c.enqueue(new Uint8Array(64).fill(0x61));
      },
    });
    const streamed = new Request(`${ORIGIN}/login/verify`, {
      method: 'POST',
      body: stream,
      headers: { 'content-type': 'application/json' },
      duplex: 'half',
    } as RequestInit);
    expect(await problem(await handler(streamed))).toBe('413 ERR_INPUT_TOO_LARGE');
    expect(pulled).toBeLessThan(10);
  });

  it('[SRV-05] a rate-limit refusal is 429 with Retry-After, before the body is read or a store touched', async () => {
    const seen: string[] = [];
    const { handler, challengeStore } = rp({
      rateLimit: ({ route }) => {
        seen.push(route);
        return { allowed: false, retryAfter: 30 };
      },
    });
    const r = await handler(post('/login/challenge', {}));
    expect(await problem(r)).toBe('429 ERR_RATE_LIMITED');
    expect(r.headers.get('retry-after')).toBe('30');
    expect(seen).toEqual(['login/challenge']);
    expect(challengeStore.size).toBe(0);
  });

  it('[SRV-06] problem details carry code, requirement, fixed title — no message, nothing from the request', async () => {
    const { handler, errors } = rp();
    const cr = await handler(post('/login/challenge', {}));
    const challengeText = await cr.text();
    const response = await createLoginResponse(challengeText, {
      signer: pki.hospital.signer,
      certificateChain: pki.hospital.chain,
      time: LOGIN_NOW,
    });
    await handler(post('/login/verify', { response }));
    const r = await handler(post('/login/verify', { response }));
    const text = await r.text();
    expect(JSON.parse(text)).toEqual({
      type: 'urn:jitsuin:error:ERR_CHALLENGE_REPLAYED',
      title: 'The challenge was already consumed.',
      status: 409,
      code: 'ERR_CHALLENGE_REPLAYED',
      requirement: 'LOGIN-22',
    });
    expect(text).not.toContain(JSON.parse(challengeText).challenge);
    expect(text).not.toContain(formatCommonCode(COMMON_CODE));
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(errors.at(-1)).toBeInstanceOf(JitsuinError);
    // A failure that is not a JitsuinError says nothing about itself.
    const broken = rp({
      sessionBinding: () => {
        throw new Error('secret database detail');
      },
    });
    const b = await broken.handler(post('/login/challenge', {}));
    const bt = await b.text();
    expect(b.status).toBe(500);
    expect(JSON.parse(bt)).toEqual({
      type: 'urn:jitsuin:error:ERR_INTERNAL',
      title: 'An invariant of the library failed; this is a bug in jitsuin.',
      status: 500,
      code: 'ERR_INTERNAL',
    });
    expect(bt).not.toContain('secret');
  });
});

describe('createRpHandler: PC login by QR', () => {
  async function offerFlow(h: ReturnType<typeof rp>['handler']) {
    const o = await json(
      await h(
        browser(
          '/qr/offer',
          {},
          { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0 Safari/537.36' },
        ),
      ),
    );
    const scanned = decodeQrUri(o.uri as string, { rpId: HOSPITAL, time: LOGIN_NOW });
    const sr = await h(post('/qr/scan', { offerId: scanned.offerId, secret: scanned.secret }));
    expect(sr.status).toBe(200);
    const context = decodeQrSessionContext(await sr.text(), scanned);
    return { o, scanned, context };
  }

  it('[SRV-01] offer → scan → approve → poll approved → collect once; the context names the PC, not the person', async () => {
    const { handler } = rp();
    const { o, scanned, context } = await offerFlow(handler);
    expect(context.browser).toBe('Chrome on Linux');
    expect(context.choices).toContain(o.code);
    const approval = await createQrApproval({
      offer: scanned,
      context,
      code: o.code as string,
      signer: pki.hospital.signer,
      certificateChain: pki.hospital.chain,
      time: LOGIN_NOW,
    });
    expect(await json(await handler(post('/qr/approve', { approval })))).toEqual({
      offerId: scanned.offerId,
      state: 'approved',
    });
    expect(await json(await handler(browser('/qr/poll', { offerId: scanned.offerId })))).toEqual({
      state: 'approved',
    });
    expect(await json(await handler(browser('/qr/collect', { offerId: scanned.offerId })))).toEqual(
      { commonCode: formatCommonCode(COMMON_CODE), keyProtection: 'secure-enclave' },
    );
    expect(await problem(await handler(browser('/qr/collect', { offerId: scanned.offerId })))).toBe(
      '409 ERR_QR_STATE',
    );
  });

  it('[SRV-04] browser routes refuse a missing or foreign Origin and cross-site fetches; app routes need no Origin', async () => {
    const { handler } = rp();
    expect(await problem(await handler(post('/qr/offer', {})))).toBe('403 ERR_HTTP_CSRF');
    expect(
      await problem(await handler(post('/qr/offer', {}, { origin: 'https://evil.example' }))),
    ).toBe('403 ERR_HTTP_CSRF');
    expect(
      await problem(
        await handler(post('/qr/offer', {}, { origin: ORIGIN, 'sec-fetch-site': 'cross-site' })),
      ),
    ).toBe('403 ERR_HTTP_CSRF');
    expect(
      await problem(
        await handler(post('/qr/offer', {}, { origin: ORIGIN, 'sec-fetch-site': 'same-site' })),
      ),
    ).toBe('403 ERR_HTTP_CSRF');
    expect((await handler(post('/qr/offer', {}, { origin: ORIGIN }))).status).toBe(200);
    const proxied = rp({ allowedOrigins: ['https://login.hospital.example'] });
    expect(await problem(await proxied.handler(browser('/qr/offer', {})))).toBe(
      '403 ERR_HTTP_CSRF',
    );
    expect(
      (await proxied.handler(post('/qr/offer', {}, { origin: 'https://login.hospital.example' })))
        .status,
    ).toBe(200);
    expect((await handler(post('/login/challenge', {}))).status).toBe(200);
  });

  it('[SRV-06] a wrong number denies the offer (the PC sees denied); another browser session cannot collect', async () => {
    const { handler } = rp();
    const { o, scanned, context } = await offerFlow(handler);
    const wrong = context.choices.find((c) => c !== o.code)!;
    const approval = await createQrApproval({
      offer: scanned,
      context,
      code: wrong,
      signer: pki.hospital.signer,
      certificateChain: pki.hospital.chain,
      time: LOGIN_NOW,
    });
    expect(await problem(await handler(post('/qr/approve', { approval })))).toBe(
      '400 ERR_QR_NUMBER',
    );
    expect(await json(await handler(browser('/qr/poll', { offerId: scanned.offerId })))).toEqual({
      state: 'denied',
    });
    const second = await offerFlow(handler);
    const ok = await createQrApproval({
      offer: second.scanned,
      context: second.context,
      code: second.o.code as string,
      signer: pki.hospital.signer,
      certificateChain: pki.hospital.chain,
      time: LOGIN_NOW,
    });
    await handler(post('/qr/approve', { approval: ok }));
    const other = { 'x-test-session': base64urlEncode(new Uint8Array(32).fill(9)) };
    expect(
      await problem(
        await handler(browser('/qr/collect', { offerId: second.scanned.offerId }, other)),
      ),
    ).toBe('403 ERR_QR_SESSION');
    expect(
      await problem(await handler(browser('/qr/poll', { offerId: second.scanned.offerId }, other))),
    ).toBe('403 ERR_QR_SESSION');
    expect(
      await problem(
        await handler(browser('/qr/poll', { offerId: base64urlEncode(randomBytes(16)) })),
      ),
    ).toBe('404 ERR_QR_OFFER_UNKNOWN');
  });

  it('describes the PC coarsely from its User-Agent', () => {
    expect(
      describeUserAgent(
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:140.0) Gecko/20100101 Firefox/140.0',
      ),
    ).toBe('Firefox on Windows');
    expect(describeUserAgent(null)).toBe('a browser on an unknown system');
  });
});

describe('createCaHandler', () => {
  it('[SRV-01] [SRV-02] challenge → enrollment request → certificate chain and common code; the challenge is single use', async () => {
    const time = Math.floor(Date.now() / 1000);
    const world = await buildTestWorld(time);
    const challengeStore = new MemoryEnrollmentChallengeStore();
    let crlCalls = 0;
    const handler = createCaHandler({
      enrollment: {
        ...enrollmentOptions(
          world,
          { challengeStore, registry: new MemoryCommonCodeRegistry() },
          time,
        ),
        crls: [],
      },
      now: () => time,
      crlSource: () => {
        crlCalls++;
        return [world.jpkiCrl];
      },
    });
    const app = simulatedApp(HOSPITAL, 'server-test');
    const cr = await handler(post('/enrollment/challenge', { appId: app.appId, rpId: app.rpId }));
    expect(cr.status).toBe(200);
    const challenge = JSON.parse(await cr.text());
    const card = await testCard(world, randomCardSerial());
    const created = await createEnrollmentRequest({
      challenge,
      appId: app.appId,
      jpkiCertificate: card.certificate,
      signWithCard: card.sign,
      csrSigner: { publicKey: app.device.publicKey, sign: app.device.sign },
      attest: () => Promise.resolve(utf8Encode(`${ATTESTATION_PREFIX}secure-enclave`)),
    });
    const er = await handler(post('/enrollment', created.encoded));
    expect(er.status).toBe(200);
    const result = await json(er);
    expect(result.commonCodeStatus).toBe('new');
    expect((result.chain as string[]).length).toBe(3); // leaf, issuing CA, root
    expect(await problem(await handler(post('/enrollment', created.encoded)))).toBe(
      '400 ERR_ENROLLMENT_CHALLENGE',
    );
    expect(crlCalls).toBe(2); // the current CRLs, asked for per enrollment (the static list is empty)
    expect(
      await problem(
        await handler(
          post('/enrollment/challenge', { appId: app.appId, rpId: 'Not A Host\u0001' }),
        ),
      ),
    ).toBe('400 ERR_INVALID_ARGUMENT');
  });
});
