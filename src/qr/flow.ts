/**
 * The RP's QR operations on a {@link QrSessionStore}: each reads the session, applies a pure
 * transition and stores the result by compare-and-set, re-evaluating on conflict ([QR-60]).
 * @module
 */
import { JitsuinError } from '../errors.js';
import { fail } from '../internal/fail.js';
import {
  collectTransition,
  denyTransition,
  pollTransition,
  scanTransition,
  type QrLoginIdentity,
  type QrSession,
  type QrState,
  type QrTransition,
} from './session.js';
import type { QrSessionStore } from './store.js';
import { arrayArgument, functionArgument, objectArgument } from '../internal/args.js';

/** What the app shows after a successful scan ([QR-23]); strict JSON. */
export interface QrSessionContext {
  readonly rpId: string;
  readonly offerId: string;
  /** Browser and operating system of the PC, as the RP derived them. */
  readonly browser: string;
  /** Coarse place of the PC. */
  readonly place: string;
  /** When the offer was created. */
  readonly iat: number;
  readonly exp: number;
  /** The number shown on the PC and two decoys, in display order. */
  readonly choices: readonly string[];
}

/** Arguments of {@link scanQrOffer} and {@link denyQrOffer}: what the app read from the QR code. */
export interface QrSecretArgs {
  readonly offerId: string;
  readonly secret: string;
  /** The RP's current time. */
  readonly time: number;
}

/** Arguments of {@link collectQrLogin} and {@link pollQrSession}: the PC browser session's claim. */
export interface QrBrowserArgs {
  readonly offerId: string;
  /** The browser binding of the session making the call. */
  readonly browserBinding: string;
  /** The RP's current time. */
  readonly time: number;
}

/**
 * Most compare-and-set attempts for one event. A session changes at most three times in its life
 * (pending → scanned → approved → collected, or an earlier exit to denied or expired), and each
 * failed attempt means one of those changes happened elsewhere, so a correct store never reaches
 * this bound.
 */
const MAX_ATTEMPTS = 8;

/**
 * Reads the session, applies `transition`, stores its `next` by compare-and-set (re-reading on
 * conflict), then throws its error or returns the session now stored. @internal
 */
export async function applyQrTransition(
  store: QrSessionStore,
  offerId: string,
  transition: (s: QrSession) => QrTransition,
): Promise<QrSession> {
  functionArgument(store.get, 'QR session store: get');
  functionArgument(store.compareAndSet, 'QR session store: compareAndSet');
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const current = await store.get(offerId);
    if (current === undefined)
      fail('ERR_QR_OFFER_UNKNOWN', `offer ${describeId(offerId)} is not known`, 'QR-30');
    const t = transition(current);
    let stored = current;
    if (t.next !== undefined) {
      if (t.next.version !== current.version + 1)
        fail('ERR_INTERNAL', 'a QR transition must increment the version by one');
      if (!(await store.compareAndSet(current.version, t.next))) continue;
      stored = t.next;
    }
    if (t.error !== undefined) throw t.error;
    return stored;
  }
  throw new JitsuinError(
    'ERR_INTERNAL',
    `offer ${describeId(offerId)}: compare-and-set kept failing; the store is not atomic`,
  );
}

function describeId(offerId: unknown): string {
  return typeof offerId === 'string' ? JSON.stringify(offerId.slice(0, 40)) : typeof offerId;
}

/** The session context of `s` for the app ([QR-23]). */
export function qrSessionContext(s: QrSession): QrSessionContext {
  objectArgument(s, 'qrSessionContext: s');
  objectArgument(s.context, 'qrSessionContext: s.context');
  arrayArgument(s.choices, 'qrSessionContext: s.choices');
  return {
    rpId: s.rpId,
    offerId: s.offerId,
    browser: s.context.browser,
    place: s.context.place,
    iat: s.createdAt,
    exp: s.exp,
    choices: [...s.choices],
  };
}

/** The app scanned the QR code: `pending → scanned`, once ([QR-20], [QR-21]); returns the context to show. */
export async function scanQrOffer(
  store: QrSessionStore,
  args: QrSecretArgs,
): Promise<QrSessionContext> {
  objectArgument(store, 'scanQrOffer: store');
  objectArgument(args, 'scanQrOffer: args');
  const s = await applyQrTransition(store, args.offerId, (cur) =>
    scanTransition(cur, args.secret, args.time),
  );
  return qrSessionContext(s);
}

/** The user declined on the phone: `scanned → denied` ([QR-40]). */
export async function denyQrOffer(store: QrSessionStore, args: QrSecretArgs): Promise<void> {
  objectArgument(store, 'denyQrOffer: store');
  objectArgument(args, 'denyQrOffer: args');
  await applyQrTransition(store, args.offerId, (cur) =>
    denyTransition(cur, args.secret, args.time),
  );
}

/**
 * The PC browser session that created the offer takes the approved login, once ([QR-50]–[QR-52]):
 * `approved → collected`. Returns the identity the approval established.
 */
export async function collectQrLogin(
  store: QrSessionStore,
  args: QrBrowserArgs,
): Promise<QrLoginIdentity> {
  objectArgument(store, 'collectQrLogin: store');
  objectArgument(args, 'collectQrLogin: args');
  const s = await applyQrTransition(store, args.offerId, (cur) =>
    collectTransition(cur, args.browserBinding, args.time),
  );
  if (s.identity === undefined) fail('ERR_INTERNAL', 'a collected session has no identity');
  return s.identity;
}

/** The PC polls: the session's state at `time` (expiry applied), for its own browser session only. */
export async function pollQrSession(store: QrSessionStore, args: QrBrowserArgs): Promise<QrState> {
  objectArgument(store, 'pollQrSession: store');
  objectArgument(args, 'pollQrSession: args');
  const s = await applyQrTransition(store, args.offerId, (cur) =>
    pollTransition(cur, args.browserBinding, args.time),
  );
  return s.state;
}
