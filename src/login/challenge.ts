/** The RP's login challenge: creation, strict encoding and decoding (`spec/login.md` §3). @module */
import { isJitsuinError } from '../errors.js';
import { fail } from '../internal/fail.js';
import {
  base64urlEncode,
  canonicalize,
  parseStrict,
  utf8Encode,
  type JsonObject,
} from '../encoding/index.js';
import { randomBytes } from '../crypto/hash.js';
import { checkMembers, type MemberSpec } from './internal/members.js';
import { describe, isRpId } from './rp-id.js';
import { objectArgument } from '../internal/args.js';

/** Longest challenge lifetime, `exp − iat`, in seconds ([LOGIN-03]). */
export const MAX_CHALLENGE_LIFETIME = 300;

/** Default challenge lifetime in seconds. */
export const DEFAULT_CHALLENGE_LIFETIME = 120;

/** Length in bytes of a challenge ([LOGIN-02]). */
export const CHALLENGE_LENGTH = 32;

/** A login challenge as the RP issues and stores it (strict JSON on the wire). */
export interface LoginChallenge {
  /** The RP identifier. */
  readonly rpId: string;
  /** base64url of 32 random bytes. */
  readonly challenge: string;
  /** When the RP issued the challenge. */
  readonly iat: number;
  /** Last second at which the challenge may be used. */
  readonly exp: number;
  /** base64url of 32 bytes tying the challenge to an RP session (e.g. SHA-256 of its id). */
  readonly sessionBinding?: string;
}

/** Options of {@link createLoginChallenge}. */
export interface CreateLoginChallengeOptions {
  readonly rpId: string;
  /** The RP's current time. */
  readonly time: number;
  /** Seconds until expiry, 1..300 (default 120). */
  readonly lifetime?: number;
  /** base64url of 32 bytes derived from the RP session the login should land in. */
  readonly sessionBinding?: string;
  /** Random source (default: the platform CSPRNG). Tests only; production leaves it out. */
  readonly random?: (length: number) => Uint8Array;
}

const CHALLENGE_MEMBERS: MemberSpec = {
  rpId: { kind: 'string' },
  challenge: { kind: 'b64-32' },
  iat: { kind: 'time' },
  exp: { kind: 'time' },
  sessionBinding: { kind: 'b64-32', optional: true },
};

/** Checks every rule of [LOGIN-01], [LOGIN-03], [LOGIN-04] on a parsed challenge object. */
function checkChallenge(
  value: JsonObject,
  code: 'ERR_LOGIN' | 'ERR_INVALID_ARGUMENT',
): LoginChallenge {
  const v = checkMembers(value, CHALLENGE_MEMBERS, 'login challenge', code, 'LOGIN-04');
  if (!isRpId(v.rpId))
    fail(
      code,
      `login challenge: rpId ${describe(v.rpId)} is not a lowercase DNS host name`,
      'LOGIN-01',
    );
  const iat = v.iat as number;
  const exp = v.exp as number;
  if (exp <= iat || exp - iat > MAX_CHALLENGE_LIFETIME)
    fail(
      code,
      `login challenge: lifetime exp − iat = ${exp - iat} is outside 1..${MAX_CHALLENGE_LIFETIME}`,
      'LOGIN-03',
    );
  const out: LoginChallenge = { rpId: v.rpId, challenge: v.challenge as string, iat, exp };
  return v.sessionBinding === undefined
    ? out
    : { ...out, sessionBinding: v.sessionBinding as string };
}

/** The challenge as a JSON object (for embedding and canonical encoding). */
export function loginChallengeToJson(challenge: LoginChallenge): JsonObject {
  objectArgument(challenge, 'loginChallengeToJson: challenge');
  const o: JsonObject = {
    rpId: challenge.rpId,
    challenge: challenge.challenge,
    iat: challenge.iat,
    exp: challenge.exp,
  };
  if (challenge.sessionBinding !== undefined) o.sessionBinding = challenge.sessionBinding;
  return o;
}

/** Creates a fresh challenge ([LOGIN-02], [LOGIN-03]); store it with a {@link ChallengeStore} before sending it. */
export function createLoginChallenge(options: CreateLoginChallengeOptions): LoginChallenge {
  objectArgument(options, 'createLoginChallenge: options');
  const random = options.random ?? randomBytes;
  const lifetime = options.lifetime ?? DEFAULT_CHALLENGE_LIFETIME;
  const draft: JsonObject = {
    rpId: options.rpId,
    challenge: base64urlEncode(random(CHALLENGE_LENGTH)),
    iat: options.time,
    exp: options.time + lifetime,
  };
  if (options.sessionBinding !== undefined) draft.sessionBinding = options.sessionBinding;
  return checkChallenge(draft, 'ERR_INVALID_ARGUMENT');
}

/** The challenge message as it travels: canonical strict JSON text ([LOGIN-04]). */
export function encodeLoginChallenge(challenge: LoginChallenge): string {
  objectArgument(challenge, 'encodeLoginChallenge: challenge');
  return canonicalize(
    loginChallengeToJson(checkChallenge(loginChallengeToJson(challenge), 'ERR_INVALID_ARGUMENT')),
  );
}

/**
 * Decodes a challenge message, rejecting with `ERR_LOGIN` anything but canonical strict JSON with
 * exactly the members of `spec/login.md` §3.1, each well-formed ([LOGIN-01], [LOGIN-03], [LOGIN-04]).
 */
export function decodeLoginChallenge(text: unknown): LoginChallenge {
  if (typeof text !== 'string')
    fail('ERR_LOGIN', `login challenge: expected a string, got ${describe(text)}`, 'LOGIN-04');
  if (text.length > 4096)
    fail('ERR_LOGIN', `login challenge: ${text.length} characters exceed 4096`, 'LOGIN-04');
  let value;
  try {
    value = parseStrict(utf8Encode(text));
  } catch (e) {
    if (isJitsuinError(e))
      fail('ERR_LOGIN', `login challenge: not canonical strict JSON (${e.message})`, 'LOGIN-04', e);
    throw e;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    fail('ERR_LOGIN', 'login challenge: not a JSON object', 'LOGIN-04');
  return checkChallenge(value, 'ERR_LOGIN');
}
