/**
 * The `jitsuin serve` application as one Fetch handler: the PC login page, the library's RP and
 * CA handlers (`/rp/…`, `/ca/…`), the QR image, and a phone simulator (`/phone/scan`, `approve`,
 * `deny`, `login`) driven by a
 * software key that enrolled through the CA routes at start-up.
 * @module
 */
import { JitsuinError } from '../../errors.js';
import { fail } from '../../internal/fail.js';
import { randomBytes, sha256 } from '../../crypto/hash.js';
import { base64urlDecode, base64urlEncode, utf8Encode } from '../../encoding/index.js';
import { createLoginResponse } from '../../login/response.js';
import {
  createQrApproval,
  decodeQrSessionContext,
  decodeQrUri,
  type QrOfferUri,
  type QrSessionContext,
} from '../../qr/index.js';
import { createEnrollmentRequest } from '../../enrollment/request.js';
import { createCaHandler, createRpHandler } from '../../server/index.js';
import { checkSameOrigin, jsonMembers, readJsonBody } from '../../server/input.js';
import { problemResponse } from '../../server/problem.js';
import { ATTESTATION_PREFIX } from '../demo/enroll.js';
import type { Fetch } from './node-http.js';
import { LOGIN_PAGE_HTML, LOGIN_PAGE_JS } from './page.js';
import type { ServeStores } from './stores.js';
import {
  buildTestWorld,
  enrollmentOptions,
  reissueTestCrls,
  simulatedApp,
  TEST_CRL_REFRESH,
  testCard,
  type TestWorld,
} from './world.js';

/** The RP the served page logs in to. */
export const SERVE_RP_ID = 'hospital.example';
/** The TEST card serial of the simulated person (fixed, so a shared registry keeps their code across runs). */
const PERSON_SERIAL = '5e1000';
const COOKIE = 'jitsuin_pc';

/** Options of {@link createServeApp}. */
export interface ServeAppOptions {
  readonly stores: ServeStores;
  /** Offer lifetime in seconds (default 120; short in the expiry test). */
  readonly qrLifetime?: number;
  /** Receives every handler failure (default: none). */
  readonly onError?: (error: unknown) => void;
  /** The clock, seconds since the epoch (default: the system clock; tests move it by days). */
  readonly now?: () => number;
}

/** The running application. */
export interface ServeApp {
  readonly handler: Fetch;
  readonly world: TestWorld;
  /** The simulated phone's common code, as enrollment gave it. */
  readonly commonCode: string;
  /** Signs a login response for a challenge text with the phone's key (the load run uses it). */
  signLogin(challengeText: string): Promise<string>;
}

const systemNow = (): number => Math.floor(Date.now() / 1000);

/**
 * The TEST CRLs as of now: reissued once `TEST_CRL_REFRESH` has passed since the last issue (one
 * reissue at a time, whatever the number of concurrent requests), so the handlers' sources never
 * hand out a CRL past its nextUpdate however long `serve` runs.
 */
function crlRefresher(
  world: TestWorld,
  now: () => number,
): () => Promise<Pick<TestWorld, 'revocation' | 'jpkiCrl' | 'time'>> {
  let current: Promise<Pick<TestWorld, 'revocation' | 'jpkiCrl' | 'time'>> = Promise.resolve(world);
  let crlNumber = 1;
  return async () => {
    const c = await current;
    const t = now();
    if (t - c.time < TEST_CRL_REFRESH) return c;
    const next = current.then((latest) =>
      t - latest.time < TEST_CRL_REFRESH ? latest : reissueTestCrls(world, t, ++crlNumber),
    );
    current = next;
    return next;
  };
}

function cookieOf(request: Request): string | undefined {
  for (const part of (request.headers.get('cookie') ?? '').split(';')) {
    const [k, v] = part.trim().split('=');
    if (k === COOKIE && v !== undefined && /^[A-Za-z0-9_-]{43}$/.test(v)) return v;
  }
  return undefined;
}

/** The PC session's binding: SHA-256 of its cookie value ([QR-50]). */
function browserBinding(request: Request): string {
  const sid = cookieOf(request);
  if (sid === undefined)
    throw new JitsuinError('ERR_QR_SESSION', 'no PC session cookie', { requirement: 'QR-50' });
  return base64urlEncode(sha256(utf8Encode(sid)));
}

const json = (body: unknown, status = 200): Response =>
  new Response(typeof body === 'string' ? body : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
  });

async function qrPng(uri: string): Promise<Uint8Array<ArrayBuffer>> {
  let qrcode: typeof import('qrcode');
  try {
    qrcode = (await import('qrcode')).default as typeof import('qrcode');
  } catch (e) {
    return fail(
      'ERR_BACKEND_UNAVAILABLE',
      'jitsuin serve draws QR codes with the optional peer dependency `qrcode`: npm install qrcode',
      undefined,
      e,
    );
  }
  return new Uint8Array(
    await qrcode.toBuffer(uri, { type: 'png', errorCorrectionLevel: 'M', margin: 4, scale: 8 }),
  );
}

/** Builds the TEST world, enrolls the simulated phone through the CA routes, and returns the app. */
export async function createServeApp(options: ServeAppOptions): Promise<ServeApp> {
  const { stores } = options;
  const now = options.now ?? systemNow;
  const world = await buildTestWorld(now());
  const crls = crlRefresher(world, now);
  const onError = options.onError ?? (() => {});
  const enrollment = enrollmentOptions(
    world,
    { challengeStore: stores.enrollmentChallenges, registry: stores.registry },
    world.time,
  );
  const { time: _t, ...enrollmentWithoutTime } = enrollment;
  void _t;
  const ca = createCaHandler({
    enrollment: enrollmentWithoutTime,
    crlSource: async () => [(await crls()).jpkiCrl],
    basePath: '/ca',
    now,
    onError: (e) => onError(e),
  });
  const rp = createRpHandler({
    rpId: SERVE_RP_ID,
    trustAnchors: world.trustAnchors,
    revocationSource: async () => (await crls()).revocation,
    basePath: '/rp',
    now,
    challengeStore: stores.challenges,
    qrStore: stores.qr,
    browserBinding,
    ...(options.qrLifetime === undefined ? {} : { qrLifetime: options.qrLifetime }),
    onError: (e) => onError(e),
  });

  // The simulated phone enrolls through the CA's HTTP routes, like a real app.
  const phone = simulatedApp(SERVE_RP_ID, 'serve/phone');
  const card = await testCard(world, PERSON_SERIAL);
  const post = (path: string, body: string): Request =>
    new Request(`http://jitsuin.local${path}`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json' },
    });
  const challengeResponse = await ca(
    post('/ca/enrollment/challenge', JSON.stringify({ appId: phone.appId, rpId: phone.rpId })),
  );
  if (!challengeResponse.ok)
    throw new Error(`serve: enrollment challenge failed: ${await challengeResponse.text()}`);
  const challenge = JSON.parse(await challengeResponse.text()) as Parameters<
    typeof createEnrollmentRequest
  >[0]['challenge'];
  const created = await createEnrollmentRequest({
    challenge,
    appId: phone.appId,
    jpkiCertificate: card.certificate,
    signWithCard: card.sign,
    csrSigner: { publicKey: phone.device.publicKey, sign: phone.device.sign },
    attest: () => Promise.resolve(utf8Encode(`${ATTESTATION_PREFIX}${phone.keyProtection}`)),
  });
  const enrolled = await ca(post('/ca/enrollment', created.encoded));
  const result = (await enrolled.json()) as {
    certificate: string;
    chain: string[];
    commonCode: string;
  };
  if (!enrolled.ok) throw new Error(`serve: enrollment failed: ${JSON.stringify(result)}`);
  const chain = [base64urlDecode(result.certificate), world.ca.issuing.certificate];

  /** What the phone scanned, by offer id, so that it approves with the context it was shown. */
  const scanned = new Map<string, { offer: QrOfferUri; context: QrSessionContext }>();
  const phoneRoute = async (name: string, request: Request): Promise<Response> => {
    const body = await readJsonBody(request, 4096);
    if (name === 'scan') {
      const { uri } = jsonMembers(body, { uri: 400 });
      const offer = decodeQrUri(uri!, { rpId: SERVE_RP_ID, time: now() });
      const r = await rp(
        post('/rp/qr/scan', JSON.stringify({ offerId: offer.offerId, secret: offer.secret })),
      );
      if (!r.ok) return r;
      const context = decodeQrSessionContext(await r.text(), offer);
      if (scanned.size > 1000) scanned.clear();
      scanned.set(offer.offerId, { offer, context });
      return json(context);
    }
    if (name === 'approve') {
      const { code, offerId } = jsonMembers(body, { code: 2, offerId: 64 });
      const s = scanned.get(offerId!);
      if (s === undefined) fail('ERR_QR_STATE', 'the phone has not scanned this offer', 'QR-33');
      const approval = await createQrApproval({
        offer: s.offer,
        context: s.context,
        code: code!,
        signer: phone.device.sign,
        certificateChain: chain,
        time: now(),
      });
      return rp(post('/rp/qr/approve', JSON.stringify({ approval })));
    }
    if (name === 'login') {
      // App login: the phone signs the challenge the RP issued (for tests and the load run).
      const { challenge } = jsonMembers(body, { challenge: 4096 });
      return json({
        response: await createLoginResponse(challenge!, {
          signer: phone.device.sign,
          certificateChain: chain,
          time: now(),
        }),
      });
    }
    if (name === 'deny') {
      const { offerId } = jsonMembers(body, { offerId: 64 });
      const s = scanned.get(offerId!);
      if (s === undefined) fail('ERR_QR_STATE', 'the phone has not scanned this offer', 'QR-40');
      return rp(
        post('/rp/qr/deny', JSON.stringify({ offerId: s.offer.offerId, secret: s.offer.secret })),
      );
    }
    return fail('ERR_HTTP_NOT_FOUND', 'no such phone route', 'SRV-01');
  };

  const handler: Fetch = async (request) => {
    const path = new URL(request.url).pathname;
    try {
      if (path.startsWith('/rp/')) return await rp(request);
      if (path.startsWith('/ca/')) return await ca(request);
      if (request.method === 'GET' && (path === '/' || path === '/index.html')) {
        const headers: Record<string, string> = {
          'content-type': 'text/html; charset=utf-8',
          'cache-control': 'no-store',
          'content-security-policy':
            "default-src 'none'; script-src 'self'; connect-src 'self'; img-src 'self' blob:; style-src 'unsafe-inline'; frame-ancestors 'none'",
          'referrer-policy': 'no-referrer',
          'x-content-type-options': 'nosniff',
        };
        if (cookieOf(request) === undefined)
          headers['set-cookie'] =
            `${COOKIE}=${base64urlEncode(randomBytes(32))}; Path=/; HttpOnly; SameSite=Strict`;
        return new Response(LOGIN_PAGE_HTML, { headers });
      }
      if (request.method === 'GET' && path === '/login.js')
        return new Response(LOGIN_PAGE_JS, {
          headers: {
            'content-type': 'text/javascript; charset=utf-8',
            'cache-control': 'no-store',
          },
        });
      if (request.method === 'GET' && path === '/healthz')
        return json({ ok: true, store: stores.kind });
      if (path === '/pc/qr.png' && request.method === 'POST') {
        checkSameOrigin(request, undefined);
        const { uri } = jsonMembers(await readJsonBody(request, 1024), { uri: 400 });
        decodeQrUri(uri!, { rpId: SERVE_RP_ID }); // only offers of this RP, not an open QR generator
        return new Response(await qrPng(uri!), {
          headers: { 'content-type': 'image/png', 'cache-control': 'no-store' },
        });
      }
      if (path.startsWith('/phone/') && request.method === 'POST')
        return await phoneRoute(path.slice('/phone/'.length), request);
      return fail('ERR_HTTP_NOT_FOUND', 'no such route', 'SRV-01');
    } catch (e) {
      onError(e);
      return problemResponse(e);
    }
  };

  return {
    handler,
    world,
    commonCode: result.commonCode,
    signLogin: (challengeText) =>
      createLoginResponse(challengeText, {
        signer: phone.device.sign,
        certificateChain: chain,
        time: now(),
      }),
  };
}
