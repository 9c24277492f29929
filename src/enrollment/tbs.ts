/**
 * The bytes the My Number Card signs in an enrollment (spec/enrollment.md §3.2, [ENR-05]).
 * @module
 */
import { sha256 } from '../crypto/hash.js';
import { base64urlEncode } from '../encoding/base64url.js';
import { canonicalizeToBytes } from '../encoding/canonicalize.js';
import { objectArgument } from '../internal/args.js';

/** The fixed `purpose` member that separates enrollment signatures from any other card signature. */
export const ENROLLMENT_PURPOSE = 'jitsuin-enrollment-v1';

/** The fixed `purpose` member of the app key's enrollment binding (§3.1), distinct from the card's. */
export const ENROLLMENT_KEY_PURPOSE = 'jitsuin-enrollment-key-v1';

/** The enrollment an app key binds its CSR to: the challenge as issued and the RP and app it names. */
export interface EnrollmentBindingInput {
  /** The challenge exactly as the CA issued it (base64url). */
  readonly challenge: string;
  readonly rpId: string;
  readonly appId: string;
}

/**
 * The 32-byte value of the CSR's enrollment-binding attribute ([ENR-17]): SHA-256 over the UTF-8
 * RFC 8785 canonical JSON of `{"appId", "challenge", "purpose": "jitsuin-enrollment-key-v1", "rpId"}`.
 * The CSR's self-signature covers it, so the app key itself vouches that it asks to be certified
 * for this enrollment and no other: a CSR copied into another person's enrollment fails.
 */
export function enrollmentKeyBinding(input: EnrollmentBindingInput): Uint8Array {
  objectArgument(input, 'enrollmentKeyBinding: input');
  return sha256(
    canonicalizeToBytes({
      appId: input.appId,
      challenge: input.challenge,
      purpose: ENROLLMENT_KEY_PURPOSE,
      rpId: input.rpId,
    }),
  );
}

/** Inputs of {@link enrollmentToBeSigned}. */
export interface EnrollmentTbsInput {
  /** The challenge exactly as the CA issued it (base64url). */
  readonly challenge: string;
  readonly rpId: string;
  readonly appId: string;
  /** DER of the CSR. */
  readonly csr: Uint8Array;
}

/**
 * The RFC 8785 canonical JSON, UTF-8 encoded, of
 * `{"appId", "challenge", "csrSha256": base64url(SHA-256(csr)), "purpose": "jitsuin-enrollment-v1", "rpId"}`.
 * The card signs these bytes with RSASSA-PKCS1-v1_5 / SHA-256; the CA rebuilds them from the
 * request, never accepting them from the app.
 */
export function enrollmentToBeSigned(input: EnrollmentTbsInput): Uint8Array {
  objectArgument(input, 'enrollmentToBeSigned: input');
  return canonicalizeToBytes({
    appId: input.appId,
    challenge: input.challenge,
    csrSha256: base64urlEncode(sha256(input.csr)),
    purpose: ENROLLMENT_PURPOSE,
    rpId: input.rpId,
  });
}
