/** The app side of login: checking the challenge and signing the response (`spec/login.md` §4.1). @module */
import { fail } from '../internal/fail.js';
import { isIntegerSeconds, type JsonObject } from '../encoding/index.js';
import { JWS_TYP, signJws, type JwsSigner } from '../jws/index.js';
import { parseCertificate } from '../x509/index.js';
import { decodeLoginChallenge, encodeLoginChallenge, type LoginChallenge } from './challenge.js';
import { describe } from './rp-id.js';
import { objectArgument } from '../internal/args.js';

/** The `typ` of a login response ([LOGIN-11]). */
export const LOGIN_TYP = JWS_TYP.login;

/** Options of {@link createLoginResponse}. */
export interface CreateLoginResponseOptions {
  /** Signs with the app's hardware key (DER or raw r‖s). */
  readonly signer: JwsSigner;
  /** The app certificate chain, DER, leaf first, without the root. */
  readonly certificateChain: readonly Uint8Array[];
  /** The app's current time; becomes the response's `iat`. */
  readonly time: number;
}

/**
 * Builds the signed login response for a challenge (the message text or the decoded object).
 * Refuses, with `ERR_LOGIN`, a malformed challenge ([LOGIN-04]), one for another RP than the leaf
 * certificate is bound to, or one already expired by the app's clock ([LOGIN-09]).
 */
export async function createLoginResponse(
  challenge: string | LoginChallenge,
  options: CreateLoginResponseOptions,
): Promise<string> {
  objectArgument(options, 'createLoginResponse: options');
  const c = decodeLoginChallenge(
    typeof challenge === 'string' ? challenge : encodeLoginChallenge(challenge),
  );
  if (!isIntegerSeconds(options.time))
    fail(
      'ERR_INVALID_ARGUMENT',
      `createLoginResponse: time ${describe(options.time)} is not integer seconds`,
    );
  const leafDer = options.certificateChain[0];
  if (leafDer === undefined)
    fail('ERR_INVALID_ARGUMENT', 'createLoginResponse: certificateChain is empty');
  const binding = parseCertificate(leafDer).appBinding;
  if (binding?.rpId !== c.rpId) {
    fail(
      'ERR_LOGIN',
      `challenge is for RP ${JSON.stringify(c.rpId)} but this app's certificate is bound to ${JSON.stringify(binding?.rpId ?? null)}`,
      'LOGIN-09',
    );
  }
  if (options.time > c.exp)
    fail('ERR_LOGIN', `challenge expired at ${c.exp}, now ${options.time}`, 'LOGIN-09');
  const payload: JsonObject = { rpId: c.rpId, challenge: c.challenge, iat: options.time };
  if (c.sessionBinding !== undefined) payload.sessionBinding = c.sessionBinding;
  return signJws({
    typ: LOGIN_TYP,
    payload,
    certificateChain: options.certificateChain,
    signer: options.signer,
  });
}
