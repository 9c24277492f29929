/**
 * jitsuin/enrollment — JPKI-proofed enrollment of an app's hardware key ([spec/enrollment.md](../../spec/enrollment.md)) and
 * the common-code lifecycle ([spec/common-code.md](../../spec/common-code.md)): the CA's challenge, the app's request (CSR +
 * card signature), the CA's pipeline, the common-code registry and re-binding statements.
 *
 * @example The CA certifies an app key (after issuing the challenge the app answered)
 * ```ts
 * import { processEnrollment } from 'jitsuin/enrollment';
 *
 * const enrolled = await processEnrollment(requestFromApp, {
 *   challengeStore, registry, time: Math.floor(Date.now() / 1000),
 *   jpkiTrustAnchors, crls: currentJpkiCrls, // J-LIS roots and the CRLs fetched on schedule
 *   issuer: { certificate: issuingCaDer, chain: [rootDer], signer: hsmSigner },
 *   attestationVerifier, requireAttestation: true,
 * });
 * respond(enrolled.chain); // the app certificate (its common code inside) and the issuing chain
 * ```
 * @module jitsuin/enrollment
 */
export {
  createEnrollmentChallenge,
  MemoryEnrollmentChallengeStore,
  ENROLLMENT_CHALLENGE_LENGTH,
  MAX_ENROLLMENT_CHALLENGE_LIFETIME,
  type EnrollmentChallenge,
  type CreateEnrollmentChallengeOptions,
  type EnrollmentChallengeStore,
  type EnrollmentChallengeConsumeResult,
  type MemoryEnrollmentChallengeStoreOptions,
} from './challenge.js';
export {
  enrollmentToBeSigned,
  enrollmentKeyBinding,
  ENROLLMENT_PURPOSE,
  ENROLLMENT_KEY_PURPOSE,
  type EnrollmentTbsInput,
  type EnrollmentBindingInput,
} from './tbs.js';
export {
  buildEnrollmentCsr,
  verifyEnrollmentCsr,
  MAX_CSR_SIZE,
  type CsrSigner,
  type VerifiedCsr,
} from './csr.js';
export {
  createEnrollmentRequest,
  encodeEnrollmentRequest,
  decodeEnrollmentRequest,
  MAX_ENROLLMENT_REQUEST_SIZE,
  MAX_ATTESTATION_SIZE,
  type EnrollmentRequest,
  type CreateEnrollmentRequestOptions,
  type CreatedEnrollmentRequest,
} from './request.js';
export { personKey } from './person-key.js';
export {
  MemoryCommonCodeRegistry,
  COMMON_CODE_LENGTH,
  type CommonCodeRegistry,
  type CommonCodeBinding,
  type JpkiRenewalLink,
  type MemoryCommonCodeRegistryOptions,
} from './registry.js';
export {
  resolveCommonCode,
  MAX_RENEWAL_HOPS,
  type RenewalLinkSource,
  type Rebinding,
  type ResolvedCommonCode,
} from './common-code.js';
export {
  signRebindingStatement,
  verifyRebindingStatement,
  rebindingPayload,
  REBINDING_TYP,
  REBINDING_PURPOSE,
  REBINDING_BASIS,
  type RebindingStatement,
  type VerifyRebindingOptions,
  type VerifiedRebindingStatement,
} from './rebinding.js';
export {
  processEnrollment,
  DEFAULT_APP_CERTIFICATE_LIFETIME,
  type ProcessEnrollmentOptions,
  type EnrollmentResult,
  type RebindingSigner,
  type EnrollmentIssuer,
  type AttestationVerifier,
  type AttestationContext,
} from './process.js';
export {
  issueAccreditedSigningCertificate,
  MAX_SIGNING_CERTIFICATE_LIFETIME,
  type AccreditedSigningIssuance,
} from './signing-certificate.js';
