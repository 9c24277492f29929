/**
 * jitsuin/x509 — strict X.509 v3 parsing, the certificate builder for every jitsuin profile, and
 * RFC 5280 path validation ([spec/certificates.md](../../spec/certificates.md)).
 * @module jitsuin/x509
 */
export {
  parseCertificate,
  MAX_CERTIFICATE_SIZE,
  type Certificate,
  type AlgorithmIdentifier,
} from './certificate.js';
export {
  buildCertificate,
  buildTbsCertificate,
  keyIdentifier,
  type BuildCertificateOptions,
  type CertificateSigner,
  type SignerAlgorithm,
  type RawExtension,
  type DistributionPointInput,
} from './builder.js';
export { name, namesMatch, type DistinguishedName, type NameAttribute } from './name.js';
export type { GeneralName } from './general-name.js';
export type { GeneralNameInput } from './encode.js';
export { encodeCommonCode, encodeAppBinding, encodeKeyProtection } from './encode.js';
export {
  KEY_USAGE_BITS,
  KEY_PROTECTION_VALUES,
  decodeCommonCode,
  type Extension,
  type KeyUsage,
  type BasicConstraints,
  type AuthorityKeyIdentifier,
  type PolicyInformation,
  type PolicyConstraints,
  type PolicyMapping,
  type NameConstraints,
  type DistributionPoint,
  type ReasonFlag,
  type AccessDescription,
  type AppBinding,
  type KeyProtection,
  type DecodedExtensions,
} from './extensions.js';
export { formatCommonCode, parseCommonCode } from './common-code.js';
export { JITSUIN_ARC, JITSUIN_OID, PKIX_OID } from './oids.js';
export {
  buildRootCaCertificate,
  buildIssuingCaCertificate,
  buildAppAuthenticationCertificate,
  buildAccreditedSigningCertificate,
  buildOrganisationCertificate,
  buildOcspResponderCertificate,
  type ProfileCertificateInput,
  type IssuerInput,
  type RevocationPointers,
} from './profile-builders.js';
export { validatePath, type ValidatePathOptions, type ValidatedPath } from './validate.js';
export { clearValidationCache } from './path-cache.js';
export { PROFILE_EKUS, type CertificateProfile } from './profiles.js';
export type { PolicyInputs } from './policy.js';
export * from './revocation/index.js';
export {
  buildRelyingPartyCertificate,
  validateRelyingPartyCertificate,
  type RelyingPartyCertificateOptions,
  type RelyingPartyCertificate,
} from './rp-certificate.js';
export type { TrustInputs } from './trust-inputs.js';
