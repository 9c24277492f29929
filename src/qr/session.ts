/**
 * The QR login session state machine (`spec/cross-device.md` §5): pure functions from a session and
 * an event to the next session, with no storage, clock or randomness of their own.
 *
 * ```
 * pending ──scan──▶ scanned ──approve──▶ approved ──collect──▶ collected
 *    │                 ├──deny / wrong number──▶ denied
 *    └──(time > exp)───┴──(time > exp)──▶ expired ◀──(time > approvedAt + collect window)── approved
 * ```
 *
 * @module
 */
import { JitsuinError } from '../errors.js';
import {
  base64urlDecode,
  base64urlEncode,
  constantTimeEqual,
  utf8Encode,
} from '../encoding/index.js';
import { sha256 } from '../crypto/hash.js';
import type { KeyProtection } from '../x509/extensions.js';
import { objectArgument } from '../internal/args.js';

/** States of a QR login session. `denied`, `expired` and `collected` are terminal. */
export type QrState = 'pending' | 'scanned' | 'approved' | 'denied' | 'expired' | 'collected';

/** Seconds an approved session stays collectable by the PC ([QR-52]). */
export const QR_COLLECT_WINDOW = 60;

/** Longest offer lifetime, `exp − createdAt`, in seconds ([QR-10]). */
export const QR_MAX_LIFETIME = 120;

/** What the RP tells the app about the PC that asked for the offer; nothing personal ([QR-23]). */
export interface QrBrowserContext {
  /** Browser and operating system as the RP derived them (e.g. "Firefox on Windows"), ≤ 64 chars. */
  readonly browser: string;
  /** Coarse place of the PC (e.g. from its IP address: "Osaka, JP"), ≤ 64 chars. */
  readonly place: string;
}

/** The identity an approval established, handed to the PC session at collection. */
export interface QrLoginIdentity {
  /** The person's 16-byte common code, as the app certificate carries it. */
  readonly commonCode: Uint8Array;
  /** Its text form with check character, for logs and user interfaces. */
  readonly commonCodeText: string;
  /** DER of the app certificate that signed the approval. */
  readonly certificate: Uint8Array;
  /** How the app key is protected, as the certificate states it. */
  readonly keyProtection: KeyProtection;
}

/** One QR login session as the RP stores it. The secret itself is never stored, only its hash. */
export interface QrSession {
  readonly offerId: string;
  /** base64url(SHA-256("jitsuin-qr-secret" ‖ 0x00 ‖ secret bytes)). */
  readonly secretHash: string;
  readonly rpId: string;
  /** base64url of 32 bytes the RP derives from the PC browser's session (e.g. SHA-256 of its id). */
  readonly browserBinding: string;
  /** The number the PC shows: two decimal digits. */
  readonly code: string;
  /** The numbers the phone offers: the code and two decoys, all distinct, in display order. */
  readonly choices: readonly string[];
  readonly context: QrBrowserContext;
  readonly createdAt: number;
  readonly exp: number;
  readonly state: QrState;
  /** Incremented on every transition; the store's compare-and-set key. */
  readonly version: number;
  readonly scannedAt?: number;
  readonly approvedAt?: number;
  /** Present from `approved` on. */
  readonly identity?: QrLoginIdentity;
}

/**
 * The outcome of applying an event: the session to store (absent when nothing changes) and the
 * error to report after storing it (absent on success). Expiry and a wrong number both store a
 * terminal state *and* fail.
 */
export interface QrTransition {
  readonly next?: QrSession;
  readonly error?: JitsuinError;
}

/** The hash under which a session stores its one-time secret. @internal */
export function hashQrSecret(secret: Uint8Array): string {
  const label = utf8Encode('jitsuin-qr-secret\u0000');
  const data = new Uint8Array(label.length + secret.length);
  data.set(label);
  data.set(secret, label.length);
  return base64urlEncode(sha256(data));
}

function err(
  code: ConstructorParameters<typeof JitsuinError>[0],
  message: string,
  requirement: string,
): QrTransition {
  return { error: new JitsuinError(code, message, { requirement }) };
}

function to(s: QrSession, state: QrState, extra: Partial<QrSession> = {}): QrSession {
  return { ...s, ...extra, state, version: s.version + 1 };
}

/** Expires a live session whose deadline has passed; `undefined` when it has not. */
function expireIfDue(s: QrSession, time: number): QrTransition | undefined {
  const live = s.state === 'pending' || s.state === 'scanned';
  if (live && time > s.exp) {
    return {
      next: to(s, 'expired'),
      error: new JitsuinError('ERR_QR_EXPIRED', `offer expired at ${s.exp}, now ${time}`, {
        requirement: 'QR-34',
      }),
    };
  }
  if (s.state === 'approved' && time > (s.approvedAt ?? s.exp) + QR_COLLECT_WINDOW) {
    return {
      next: to(s, 'expired'),
      error: new JitsuinError(
        'ERR_QR_EXPIRED',
        `collection window closed at ${(s.approvedAt ?? s.exp) + QR_COLLECT_WINDOW}, now ${time}`,
        { requirement: 'QR-52' },
      ),
    };
  }
  return undefined;
}

function secretMatches(s: QrSession, secret: string): boolean {
  let bytes: Uint8Array;
  try {
    bytes = base64urlDecode(secret);
  } catch {
    return false;
  }
  return constantTimeEqual(utf8Encode(hashQrSecret(bytes)), utf8Encode(s.secretHash));
}

/** Constant-time check of the browser binding a PC presents ([QR-50]). */
function bindingMatches(s: QrSession, browserBinding: string): boolean {
  return constantTimeEqual(utf8Encode(browserBinding), utf8Encode(s.browserBinding));
}

function stateError(s: QrSession, event: string, requirement: string): QrTransition {
  if (s.state === 'expired')
    return err('ERR_QR_EXPIRED', `${event}: offer ${s.offerId} has expired`, requirement);
  return err('ERR_QR_STATE', `${event}: offer ${s.offerId} is ${s.state}`, requirement);
}

/** The app presents the offer id and secret to fetch the session context: `pending → scanned`. */
export function scanTransition(s: QrSession, secret: string, time: number): QrTransition {
  objectArgument(s, 'scanTransition: s');
  if (!secretMatches(s, secret))
    return err('ERR_QR_SECRET', `scan: wrong secret for offer ${s.offerId}`, 'QR-20');
  const expired = expireIfDue(s, time);
  if (expired !== undefined) return expired;
  if (s.state !== 'pending') return stateError(s, 'scan', 'QR-21');
  return { next: to(s, 'scanned', { scannedAt: time }) };
}

/** The checked content of an approval, as {@link approveTransition} needs it. */
export interface QrApprovalEvent {
  /** The secret from the signed payload. */
  readonly secret: string;
  /** The number the user picked. */
  readonly code: string;
  /** The signed issued-at time. */
  readonly iat: number;
  /** Tolerated skew of the phone's clock, seconds. */
  readonly clockTolerance: number;
  /** The identity the approval's certificate established. */
  readonly identity: QrLoginIdentity;
}

/**
 * The app's verified approval: `scanned → approved` when the chosen number is the code, and
 * `scanned → denied` (failing with `ERR_QR_NUMBER`) when it is not: one guess only. Checks in the
 * order of [QR-39]: secret, expiry, state, issued-at, number.
 */
export function approveTransition(
  s: QrSession,
  event: QrApprovalEvent,
  time: number,
): QrTransition {
  objectArgument(s, 'approveTransition: s');
  objectArgument(event, 'approveTransition: event');
  if (!secretMatches(s, event.secret))
    return err('ERR_QR_SECRET', `approve: wrong secret for offer ${s.offerId}`, 'QR-35');
  const expired = expireIfDue(s, time);
  if (expired !== undefined) return expired;
  if (s.state !== 'scanned') return stateError(s, 'approve', 'QR-33');
  const earliest = (s.scannedAt ?? s.createdAt) - event.clockTolerance;
  if (event.iat < earliest || event.iat > time + event.clockTolerance) {
    return err(
      'ERR_LOGIN_IAT',
      `approve: iat ${event.iat} is outside [${earliest}, ${time + event.clockTolerance}]`,
      'QR-38',
    );
  }
  if (!constantTimeEqual(utf8Encode(event.code), utf8Encode(s.code))) {
    return {
      next: to(s, 'denied'),
      error: new JitsuinError(
        'ERR_QR_NUMBER',
        `approve: the number picked is not the one shown on the PC; offer ${s.offerId} denied`,
        { requirement: 'QR-36' },
      ),
    };
  }
  return { next: to(s, 'approved', { approvedAt: time, identity: event.identity }) };
}

/** The user declines on the phone: `scanned → denied`. */
export function denyTransition(s: QrSession, secret: string, time: number): QrTransition {
  objectArgument(s, 'denyTransition: s');
  if (!secretMatches(s, secret))
    return err('ERR_QR_SECRET', `deny: wrong secret for offer ${s.offerId}`, 'QR-40');
  const expired = expireIfDue(s, time);
  if (expired !== undefined) return expired;
  if (s.state !== 'scanned') return stateError(s, 'deny', 'QR-40');
  return { next: to(s, 'denied') };
}

/** The PC session that created the offer takes the login: `approved → collected`, once. */
export function collectTransition(
  s: QrSession,
  browserBinding: string,
  time: number,
): QrTransition {
  objectArgument(s, 'collectTransition: s');
  if (!bindingMatches(s, browserBinding)) {
    return err(
      'ERR_QR_SESSION',
      `collect: offer ${s.offerId} belongs to another browser session`,
      'QR-50',
    );
  }
  const expired = expireIfDue(s, time);
  if (expired !== undefined) return expired;
  if (s.state !== 'approved') return stateError(s, 'collect', 'QR-51');
  return { next: to(s, 'collected') };
}

/** What the PC sees when it polls: the state, after applying expiry at `time`. */
export function pollTransition(s: QrSession, browserBinding: string, time: number): QrTransition {
  objectArgument(s, 'pollTransition: s');
  if (!bindingMatches(s, browserBinding)) {
    return err(
      'ERR_QR_SESSION',
      `poll: offer ${s.offerId} belongs to another browser session`,
      'QR-50',
    );
  }
  const expired = expireIfDue(s, time);
  return expired?.next === undefined ? {} : { next: expired.next };
}
