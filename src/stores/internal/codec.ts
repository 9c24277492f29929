/**
 * How the shared stores write records as text and read them back. A record read from Redis or
 * PostgreSQL is checked member by member before use: a corrupt or foreign value fails with
 * `ERR_STORE` ([STORE-04]) instead of reaching a verifier.
 * @module
 */
import { fail } from '../../internal/fail.js';
import { base64urlDecode, base64urlEncode } from '../../encoding/base64url.js';
import { hexDecode, hexEncode } from '../../encoding/hex.js';
import type { LoginChallenge } from '../../login/challenge.js';
import type { EnrollmentChallenge } from '../../enrollment/challenge.js';
import type { JpkiRenewalLink } from '../../enrollment/registry.js';
import type { QrLoginIdentity, QrSession, QrState } from '../../qr/session.js';
import { KEY_PROTECTION_VALUES, type KeyProtection } from '../../x509/extensions.js';

/** Encodes and checks one kind of record. @internal */
export interface RecordCodec<R> {
  /** Short name for error messages, e.g. `login challenge`. */
  readonly name: string;
  encode(record: R): string;
  /** Parses and checks; throws `ERR_STORE` on anything but a record this codec wrote. */
  decode(text: string): R;
}

type Obj = Record<string, unknown>;

function corrupt(what: string, detail: string): never {
  return fail('ERR_STORE', `stored ${what} is corrupt: ${detail}`, 'STORE-04');
}

function parseObject(text: unknown, what: string): Obj {
  if (typeof text !== 'string') corrupt(what, `expected text, got ${typeof text}`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return corrupt(what, 'not JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    corrupt(what, 'not a JSON object');
  return value as Obj;
}

function onlyMembers(o: Obj, allowed: readonly string[], what: string): void {
  for (const k of Object.keys(o))
    if (!allowed.includes(k)) corrupt(what, `unexpected member ${JSON.stringify(k)}`);
}

function str(o: Obj, k: string, what: string): string {
  const v = o[k];
  if (typeof v !== 'string') corrupt(what, `${k} is not a string`);
  return v;
}

function optStr(o: Obj, k: string, what: string): string | undefined {
  return o[k] === undefined ? undefined : str(o, k, what);
}

function int(o: Obj, k: string, what: string): number {
  const v = o[k];
  if (typeof v !== 'number' || !Number.isSafeInteger(v)) corrupt(what, `${k} is not an integer`);
  return v;
}

function optInt(o: Obj, k: string, what: string): number | undefined {
  return o[k] === undefined ? undefined : int(o, k, what);
}

function bytes(o: Obj, k: string, what: string): Uint8Array {
  try {
    return base64urlDecode(str(o, k, what));
  } catch {
    return corrupt(what, `${k} is not base64url`);
  }
}

/** Login challenges ({@link LoginChallenge}). @internal */
export const loginChallengeCodec: RecordCodec<LoginChallenge> = {
  name: 'login challenge',
  encode: (c) =>
    JSON.stringify(
      c.sessionBinding === undefined
        ? { rpId: c.rpId, challenge: c.challenge, iat: c.iat, exp: c.exp }
        : {
            rpId: c.rpId,
            challenge: c.challenge,
            iat: c.iat,
            exp: c.exp,
            sessionBinding: c.sessionBinding,
          },
    ),
  decode(text) {
    const w = this.name;
    const o = parseObject(text, w);
    onlyMembers(o, ['rpId', 'challenge', 'iat', 'exp', 'sessionBinding'], w);
    const out: LoginChallenge = {
      rpId: str(o, 'rpId', w),
      challenge: str(o, 'challenge', w),
      iat: int(o, 'iat', w),
      exp: int(o, 'exp', w),
    };
    const sb = optStr(o, 'sessionBinding', w);
    return sb === undefined ? out : { ...out, sessionBinding: sb };
  },
};

/** Enrollment challenges ({@link EnrollmentChallenge}). @internal */
export const enrollmentChallengeCodec: RecordCodec<EnrollmentChallenge> = {
  name: 'enrollment challenge',
  encode: (c) =>
    JSON.stringify({
      challenge: c.challenge,
      rpId: c.rpId,
      appId: c.appId,
      iat: c.iat,
      exp: c.exp,
    }),
  decode(text) {
    const w = this.name;
    const o = parseObject(text, w);
    onlyMembers(o, ['challenge', 'rpId', 'appId', 'iat', 'exp'], w);
    return {
      challenge: str(o, 'challenge', w),
      rpId: str(o, 'rpId', w),
      appId: str(o, 'appId', w),
      iat: int(o, 'iat', w),
      exp: int(o, 'exp', w),
    };
  },
};

const QR_STATES: readonly QrState[] = [
  'pending',
  'scanned',
  'approved',
  'denied',
  'expired',
  'collected',
];

/** QR login sessions ({@link QrSession}); the identity's bytes travel as base64url. @internal */
export const qrSessionCodec: RecordCodec<QrSession> = {
  name: 'QR session',
  encode(s) {
    const o: Obj = {
      offerId: s.offerId,
      secretHash: s.secretHash,
      rpId: s.rpId,
      browserBinding: s.browserBinding,
      code: s.code,
      choices: [...s.choices],
      context: { browser: s.context.browser, place: s.context.place },
      createdAt: s.createdAt,
      exp: s.exp,
      state: s.state,
      version: s.version,
    };
    if (s.scannedAt !== undefined) o.scannedAt = s.scannedAt;
    if (s.approvedAt !== undefined) o.approvedAt = s.approvedAt;
    if (s.identity !== undefined) {
      o.identity = {
        commonCode: base64urlEncode(s.identity.commonCode),
        commonCodeText: s.identity.commonCodeText,
        certificate: base64urlEncode(s.identity.certificate),
        keyProtection: s.identity.keyProtection,
      };
    }
    return JSON.stringify(o);
  },
  decode(text) {
    const w = this.name;
    const o = parseObject(text, w);
    onlyMembers(
      o,
      [
        'offerId',
        'secretHash',
        'rpId',
        'browserBinding',
        'code',
        'choices',
        'context',
        'createdAt',
        'exp',
        'state',
        'version',
        'scannedAt',
        'approvedAt',
        'identity',
      ],
      w,
    );
    const choices = o.choices;
    if (!Array.isArray(choices) || !choices.every((c) => typeof c === 'string'))
      corrupt(w, 'choices is not a list of strings');
    const ctx = o.context;
    if (typeof ctx !== 'object' || ctx === null || Array.isArray(ctx))
      corrupt(w, 'context is not an object');
    onlyMembers(ctx as Obj, ['browser', 'place'], w);
    const state = str(o, 'state', w);
    if (!QR_STATES.includes(state as QrState))
      corrupt(w, `state ${JSON.stringify(state)} is unknown`);
    let s: QrSession = {
      offerId: str(o, 'offerId', w),
      secretHash: str(o, 'secretHash', w),
      rpId: str(o, 'rpId', w),
      browserBinding: str(o, 'browserBinding', w),
      code: str(o, 'code', w),
      choices: choices as string[],
      context: { browser: str(ctx as Obj, 'browser', w), place: str(ctx as Obj, 'place', w) },
      createdAt: int(o, 'createdAt', w),
      exp: int(o, 'exp', w),
      state: state as QrState,
      version: int(o, 'version', w),
    };
    const scannedAt = optInt(o, 'scannedAt', w);
    if (scannedAt !== undefined) s = { ...s, scannedAt };
    const approvedAt = optInt(o, 'approvedAt', w);
    if (approvedAt !== undefined) s = { ...s, approvedAt };
    if (o.identity !== undefined) {
      const i = o.identity;
      if (typeof i !== 'object' || i === null || Array.isArray(i))
        corrupt(w, 'identity is not an object');
      const io = i as Obj;
      onlyMembers(io, ['commonCode', 'commonCodeText', 'certificate', 'keyProtection'], w);
      const kp = str(io, 'keyProtection', w);
      if (!(KEY_PROTECTION_VALUES as readonly string[]).includes(kp))
        corrupt(w, `keyProtection ${JSON.stringify(kp)} is unknown`);
      const identity: QrLoginIdentity = {
        commonCode: bytes(io, 'commonCode', w),
        commonCodeText: str(io, 'commonCodeText', w),
        certificate: bytes(io, 'certificate', w),
        keyProtection: kp as KeyProtection,
      };
      s = { ...s, identity };
    }
    return s;
  },
};

/** J-LIS renewal links ({@link JpkiRenewalLink}). @internal */
export const renewalLinkCodec: RecordCodec<JpkiRenewalLink> = {
  name: 'renewal link',
  encode: (l) =>
    JSON.stringify({
      issuer: base64urlEncode(l.issuer),
      oldSerial: l.oldSerial,
      newSerial: l.newSerial,
    }),
  decode(text) {
    const w = this.name;
    const o = parseObject(text, w);
    onlyMembers(o, ['issuer', 'oldSerial', 'newSerial'], w);
    return {
      issuer: bytes(o, 'issuer', w),
      oldSerial: str(o, 'oldSerial', w),
      newSerial: str(o, 'newSerial', w),
    };
  },
};

/** The system clock in integer seconds, the default of every store's `now`. @internal */
export const systemSeconds = (): number => Math.floor(Date.now() / 1000);

/** Checks a store's `retention` option (seconds kept after expiry). @internal */
export function checkRetention(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0)
    fail('ERR_INVALID_ARGUMENT', `${name}: retention must be a non-negative integer`);
  return value;
}

/**
 * A count or a time as a shared store holds it: canonical decimal digits (a Redis string, a
 * PostgreSQL integer as the client returns it), an integer in `0..max`; anything else is
 * `ERR_STORE` ([STORE-04]). @internal
 */
export function storedInteger(value: unknown, max: number, where: string): number {
  const n =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && /^(0|[1-9][0-9]{0,15})$/.test(value)
        ? Number(value)
        : NaN;
  if (!Number.isSafeInteger(n) || n < 0 || n > max)
    fail('ERR_STORE', `${where}: the stored value is not an integer in 0..${max}`, 'STORE-04');
  return n;
}

/**
 * A witness record as the Redis adapter keeps it: `<size> <root as 64 lowercase hex digits>`. The
 * form is canonical, so comparing the strings compares the records. @internal
 */
export const witnessRecordText = {
  encode(r: { readonly size: number; readonly rootHash: Uint8Array }): string {
    return `${r.size} ${hexEncode(r.rootHash)}`;
  },
  decode(text: unknown, where: string): { size: number; rootHash: Uint8Array } {
    const m = typeof text === 'string' ? /^(0|[1-9][0-9]{0,15}) ([0-9a-f]{64})$/.exec(text) : null;
    if (m === null)
      fail(
        'ERR_STORE',
        `${where}: the stored witness record is not "<size> <64 hex digits>"`,
        'STORE-04',
      );
    return {
      size: storedInteger(m[1], Number.MAX_SAFE_INTEGER, where),
      rootHash: hexDecode(m[2]!),
    };
  },
};
