/**
 * Path validation of a chain as messages carry it (`x5c`: leaf first, then the intermediates the
 * signer chose to send) under the verifier's own trust inputs: the one place the login, consent
 * and relying-party verifiers turn a carried chain into a {@link validatePath} call.
 * @module
 */
import { fail } from '../internal/fail.js';
import type { CertificateProfile } from './profiles.js';
import type { TrustInputs } from './trust-inputs.js';
import { validatePath, type ValidatedPath } from './validate.js';

/** What a verifier requires of the leaf: its certificate profile and the key purpose it is used for. */
export interface ChainPurpose {
  readonly profile: CertificateProfile;
  readonly requiredEku: string;
}

/**
 * Validates `chain` (DER, leaf first) with the carried intermediates before the verifier's own;
 * an empty chain is `ERR_JWS_X5C` ([JWS-11]). @internal
 */
export function validateCarriedChain(
  chain: readonly Uint8Array[],
  trust: TrustInputs,
  purpose: ChainPurpose,
): Promise<ValidatedPath> {
  const [leaf, ...rest] = chain;
  if (leaf === undefined) fail('ERR_JWS_X5C', 'x5c is empty', 'JWS-11');
  return validatePath(leaf, {
    intermediates: [...rest, ...(trust.intermediates ?? [])],
    trustAnchors: trust.trustAnchors,
    time: trust.time,
    profile: purpose.profile,
    requiredEku: purpose.requiredEku,
    ...(trust.revocation === undefined ? {} : { revocation: trust.revocation }),
  });
}
