/** The RP side of login: `verifyLoginResponse` (`spec/login.md` §4.2). @module */
import { fail } from '../internal/fail.js';
import type { AppBinding, Certificate, KeyProtection } from '../x509/index.js';
import type { AppCertificateOptions } from './app-certificate.js';
import { checkVerifierOptions, verifyAppToken } from './app-token.js';
import type { LoginChallenge } from './challenge.js';
import type { ChallengeStore } from './challenge-store.js';
import { checkMembers, type MemberSpec } from './internal/members.js';
import { LOGIN_TYP } from './response.js';
import { describe } from './rp-id.js';

/** Options of {@link verifyLoginResponse}. */
export interface VerifyLoginResponseOptions extends AppCertificateOptions {
  /** The store the challenge was put in; the challenge is consumed from it. */
  readonly challengeStore: ChallengeStore;
  /** Tolerated skew of the phone's clock in seconds, 0..300 (default 60) ([LOGIN-27]). */
  readonly clockTolerance?: number;
  /**
   * The session binding of the RP session the response arrived in. Required when the challenge was
   * bound to a session (otherwise `ERR_LOGIN_SESSION_BINDING`); when given, an unbound challenge is refused.
   */
  readonly sessionBinding?: string;
}

/** What a successful login establishes. */
export interface LoginResult {
  /** The person's 16-byte common code, the same at every RP. */
  readonly commonCode: Uint8Array;
  /** Its text form with check character, for logs and user interfaces. */
  readonly commonCodeText: string;
  /** The app certificate that signed the response. */
  readonly certificate: Certificate;
  /** How the app key is protected, as the certificate states it. */
  readonly keyProtection: KeyProtection;
  /** The RP and app the certificate is bound to. */
  readonly appBinding: AppBinding;
  /** The validated certification path, leaf first. */
  readonly path: readonly Certificate[];
  /** The challenge record this response consumed. */
  readonly challenge: LoginChallenge;
  /** The signed issued-at time of the response. */
  readonly iat: number;
}

const RESPONSE_MEMBERS: MemberSpec = {
  rpId: { kind: 'string' },
  challenge: { kind: 'b64-32' },
  iat: { kind: 'time' },
  sessionBinding: { kind: 'b64-32', optional: true },
};

/**
 * Verifies a login response in the order of `spec/login.md` §4.2 ([LOGIN-12]) and consumes its
 * challenge: JWS profile and signature ([LOGIN-13]); path validation, login EKU and revocation
 * ([LOGIN-14]–[LOGIN-16]); app binding ([LOGIN-18]); payload members ([LOGIN-19]) and RP
 * ([LOGIN-20]); the challenge known, unused, this RP's and unexpired ([LOGIN-21]–[LOGIN-25]);
 * session binding ([LOGIN-08]); issued-at ([LOGIN-26]).
 *
 * Normative text: [spec/login.md](../../spec/login.md) §4.2.
 *
 * @example
 * ```ts
 * import { isJitsuinError, verifyLoginResponse } from 'jitsuin/login';
 *
 * try {
 *   const login = await verifyLoginResponse(responseFromApp, {
 *     rpId: 'hospital.example', challengeStore, time: Math.floor(Date.now() / 1000),
 *     trustAnchors: [caRootDer], revocation: { crls: [rootCrlDer, issuingCaCrlDer], mode: 'require' },
 *   });
 *   startSession(login.commonCodeText, login.keyProtection);
 * } catch (e) {
 *   if (isJitsuinError(e)) return refuse(e.code, e.requirement); // e.g. ERR_CHALLENGE_REPLAYED, LOGIN-22
 *   throw e;
 * }
 * ```
 * @throws JitsuinError with the code of the first failed check.
 */
export async function verifyLoginResponse(
  response: string,
  options: VerifyLoginResponseOptions,
): Promise<LoginResult> {
  const tolerance = checkVerifierOptions(options, 'verifyLoginResponse');
  const store = options.challengeStore;
  if (typeof store !== 'object' || store === null || typeof store.consume !== 'function')
    fail('ERR_INVALID_ARGUMENT', 'verifyLoginResponse: challengeStore is required');
  const { payload, app } = await verifyAppToken(response, LOGIN_TYP, options);
  const p = checkMembers(
    payload,
    RESPONSE_MEMBERS,
    'login response payload',
    'ERR_LOGIN_PAYLOAD',
    'LOGIN-19',
  );
  if (p.rpId !== options.rpId)
    fail(
      'ERR_LOGIN_RP_MISMATCH',
      `login response is for RP ${describe(p.rpId)}, not ${JSON.stringify(options.rpId)}`,
      'LOGIN-20',
    );
  // Only a response signed by a certified key of this RP reaches the store ([LOGIN-23]).
  const consumed = await store.consume(p.challenge as string);
  if (consumed.status === 'unknown')
    fail(
      'ERR_CHALLENGE_UNKNOWN',
      'the challenge was not issued by this RP, or is forgotten',
      'LOGIN-21',
    );
  if (consumed.status === 'replayed')
    fail('ERR_CHALLENGE_REPLAYED', 'the challenge was already used', 'LOGIN-22');
  if (consumed.status !== 'consumed')
    fail('ERR_INTERNAL', 'challenge store answered an unknown status');
  const record = consumed.record;
  if (record.rpId !== options.rpId)
    fail(
      'ERR_LOGIN_RP_MISMATCH',
      `the challenge was issued for RP ${JSON.stringify(record.rpId)}`,
      'LOGIN-24',
    );
  if (options.time > record.exp)
    fail(
      'ERR_CHALLENGE_EXPIRED',
      `the challenge expired at ${record.exp}, now ${options.time}`,
      'LOGIN-25',
    );
  if (p.sessionBinding !== record.sessionBinding)
    fail(
      'ERR_LOGIN_SESSION_BINDING',
      'the response session binding differs from the challenge',
      'LOGIN-08',
    );
  // A bound challenge needs the caller to name its session: omitting it must not skip the check.
  if (
    (options.sessionBinding !== undefined || record.sessionBinding !== undefined) &&
    options.sessionBinding !== record.sessionBinding
  ) {
    fail(
      'ERR_LOGIN_SESSION_BINDING',
      options.sessionBinding === undefined
        ? 'the challenge is bound to a session, but the caller did not name the session the response arrived in'
        : 'the response arrived in another session than the challenge was issued for',
      'LOGIN-08',
    );
  }
  const iat = p.iat as number;
  if (iat < record.iat - tolerance || iat > options.time + tolerance) {
    fail(
      'ERR_LOGIN_IAT',
      `iat ${iat} is outside [${record.iat - tolerance}, ${options.time + tolerance}]`,
      'LOGIN-26',
    );
  }
  return {
    commonCode: app.commonCode,
    commonCodeText: app.commonCodeText,
    certificate: app.certificate,
    keyProtection: app.keyProtection,
    appBinding: app.appBinding,
    path: app.path,
    challenge: record,
    iat,
  };
}
