/**
 * The relying party's routes: app login (challenge, verify) and PC login by QR code (offer, poll,
 * collect from the PC browser; scan, approve, deny from the app).
 * @module
 */
import { fail } from '../internal/fail.js';
import { issueLoginChallenge, type ChallengeStore } from '../login/challenge-store.js';
import { encodeLoginChallenge } from '../login/challenge.js';
import { verifyLoginResponse, type LoginResult } from '../login/verify.js';
import type { AppCertificateOptions } from '../login/app-certificate.js';
import type { RevocationOptions } from '../x509/revocation/index.js';
import { createQrOffer } from '../qr/offer.js';
import { collectQrLogin, denyQrOffer, pollQrSession, scanQrOffer } from '../qr/flow.js';
import { approveQrOffer } from '../qr/approval.js';
import { encodeQrSessionContext } from '../qr/context.js';
import type { QrBrowserContext, QrLoginIdentity } from '../qr/session.js';
import type { QrSessionStore } from '../qr/store.js';
import { jsonMembers } from './input.js';
import {
  jsonResponse,
  routeHandler,
  type FetchHandler,
  type HandlerOptions,
  type Route,
} from './router.js';

/** Longest signed token (login response, QR approval) a route reads. */
const MAX_TOKEN = 16 * 1024;
/** Offer ids and secrets are base64url of 16 bytes. */
const MAX_ID = 64;

/** Options of {@link createRpHandler}. */
export interface RpHandlerOptions extends HandlerOptions, Omit<AppCertificateOptions, 'time'> {
  readonly challengeStore: ChallengeStore;
  /** Needed for the QR routes; without it they answer 404. */
  readonly qrStore?: QrSessionStore;
  /**
   * The PC browser session's binding (base64url of 32 bytes, e.g. SHA-256 of the session id from
   * its cookie), for the QR browser routes. Required with `qrStore`.
   */
  readonly browserBinding?: (request: Request) => string | Promise<string>;
  /** What the phone is told about the PC (default: browser and OS from User-Agent, place "unknown"). */
  readonly browserContext?: (request: Request) => QrBrowserContext | Promise<QrBrowserContext>;
  /** The RP session binding for app login (base64url of 32 bytes), when challenges are bound to sessions. */
  readonly sessionBinding?: (request: Request) => string | undefined | Promise<string | undefined>;
  /** Turns a verified app login into the response (e.g. setting the session cookie); default: the common code as JSON. */
  readonly onLogin?: (result: LoginResult, request: Request) => Response | Promise<Response>;
  /** Turns a collected QR login into the PC's response (e.g. setting its session cookie); default: the common code as JSON. */
  readonly onQrLogin?: (
    identity: QrLoginIdentity,
    request: Request,
  ) => Response | Promise<Response>;
  /** Offer lifetime in seconds (default 120). */
  readonly qrLifetime?: number;
  /**
   * The current revocation inputs, asked for on every verification (e.g. the CRLs your fetcher
   * last stored); takes precedence over `revocation`, which a long-running server would let go stale.
   */
  readonly revocationSource?: () => RevocationOptions | Promise<RevocationOptions>;
}

const clip = (s: string): string => (s.length <= 64 ? s : s.slice(0, 64));

/** A coarse "Browser on OS" from a User-Agent string, at most 64 characters. */
export function describeUserAgent(userAgent: string | null): string {
  const ua = userAgent ?? '';
  const browser = /Edg\//.test(ua)
    ? 'Edge'
    : /Firefox\//.test(ua)
      ? 'Firefox'
      : /Chrom(e|ium)\//.test(ua)
        ? 'Chrome'
        : /Safari\//.test(ua)
          ? 'Safari'
          : 'a browser';
  const os = /Windows/.test(ua)
    ? 'Windows'
    : /Mac OS X/.test(ua)
      ? 'macOS'
      : /Android/.test(ua)
        ? 'Android'
        : /Linux/.test(ua)
          ? 'Linux'
          : /iPhone|iPad/.test(ua)
            ? 'iOS'
            : 'an unknown system';
  return clip(`${browser} on ${os}`);
}

/**
 * The RP's Fetch handler ([SRV-01]): `POST {basePath}/login/challenge`, `/login/verify` (app),
 * `/qr/offer`, `/qr/poll`, `/qr/collect` (PC browser: same-origin only, [SRV-04]), `/qr/scan`,
 * `/qr/approve`, `/qr/deny` (app). Bodies are canonical strict JSON objects ([SRV-02]).
 */
export function createRpHandler(options: RpHandlerOptions): FetchHandler {
  if (typeof options !== 'object' || options === null)
    fail('ERR_INVALID_ARGUMENT', 'createRpHandler: options are required');
  const now = options.now ?? (() => Math.floor(Date.now() / 1000));
  const verifier = async (): Promise<AppCertificateOptions> => {
    const o: AppCertificateOptions = {
      rpId: options.rpId,
      trustAnchors: options.trustAnchors,
      time: now(),
    };
    const revocation =
      options.revocationSource === undefined
        ? options.revocation
        : await options.revocationSource();
    return {
      ...o,
      ...(options.intermediates === undefined ? {} : { intermediates: options.intermediates }),
      ...(revocation === undefined ? {} : { revocation }),
    };
  };
  const routes: Record<string, Route> = {
    'login/challenge': {
      browser: false,
      run: async (body, request) => {
        jsonMembers(body, {});
        const binding = await options.sessionBinding?.(request);
        const ch = await issueLoginChallenge(options.challengeStore, {
          rpId: options.rpId,
          time: now(),
          ...(binding === undefined ? {} : { sessionBinding: binding }),
        });
        return jsonResponse(encodeLoginChallenge(ch));
      },
    },
    'login/verify': {
      browser: false,
      run: async (body, request) => {
        const { response } = jsonMembers(body, { response: MAX_TOKEN });
        const binding = await options.sessionBinding?.(request);
        const result = await verifyLoginResponse(response!, {
          ...(await verifier()),
          challengeStore: options.challengeStore,
          ...(binding === undefined ? {} : { sessionBinding: binding }),
        });
        return options.onLogin === undefined
          ? jsonResponse({ commonCode: result.commonCodeText, keyProtection: result.keyProtection })
          : options.onLogin(result, request);
      },
    },
  };
  const qr = options.qrStore;
  if (qr !== undefined) {
    const browserBinding = options.browserBinding;
    if (typeof browserBinding !== 'function')
      fail('ERR_INVALID_ARGUMENT', 'createRpHandler: the QR routes need a browserBinding function');
    Object.assign(routes, {
      'qr/offer': {
        browser: true,
        run: async (body, request) => {
          jsonMembers(body, {});
          const context =
            options.browserContext === undefined
              ? { browser: describeUserAgent(request.headers.get('user-agent')), place: 'unknown' }
              : await options.browserContext(request);
          const offer = await createQrOffer(qr, {
            rpId: options.rpId,
            browserBinding: await browserBinding(request),
            context,
            time: now(),
            ...(options.qrLifetime === undefined ? {} : { lifetime: options.qrLifetime }),
          });
          return jsonResponse({
            uri: offer.uri,
            offerId: offer.offerId,
            code: offer.code,
            exp: offer.exp,
          });
        },
      },
      'qr/poll': {
        browser: true,
        run: async (body, request) => {
          const { offerId } = jsonMembers(body, { offerId: MAX_ID });
          const state = await pollQrSession(qr, {
            offerId: offerId!,
            browserBinding: await browserBinding(request),
            time: now(),
          });
          return jsonResponse({ state });
        },
      },
      'qr/collect': {
        browser: true,
        run: async (body, request) => {
          const { offerId } = jsonMembers(body, { offerId: MAX_ID });
          const identity = await collectQrLogin(qr, {
            offerId: offerId!,
            browserBinding: await browserBinding(request),
            time: now(),
          });
          return options.onQrLogin === undefined
            ? jsonResponse({
                commonCode: identity.commonCodeText,
                keyProtection: identity.keyProtection,
              })
            : options.onQrLogin(identity, request);
        },
      },
      'qr/scan': {
        browser: false,
        run: async (body) => {
          const { offerId, secret } = jsonMembers(body, { offerId: MAX_ID, secret: MAX_ID });
          return jsonResponse(
            encodeQrSessionContext(
              await scanQrOffer(qr, { offerId: offerId!, secret: secret!, time: now() }),
            ),
          );
        },
      },
      'qr/approve': {
        browser: false,
        run: async (body) => {
          const { approval } = jsonMembers(body, { approval: MAX_TOKEN });
          const r = await approveQrOffer(qr, approval!, await verifier());
          return jsonResponse({ offerId: r.offerId, state: 'approved' });
        },
      },
      'qr/deny': {
        browser: false,
        run: async (body) => {
          const { offerId, secret } = jsonMembers(body, { offerId: MAX_ID, secret: MAX_ID });
          await denyQrOffer(qr, { offerId: offerId!, secret: secret!, time: now() });
          return jsonResponse({ offerId, state: 'denied' });
        },
      },
    } satisfies Record<string, Route>);
  }
  return routeHandler(routes, options);
}
