/**
 * jitsuin/jpki — reading, verifying and validating My Number Card (JPKI) certificates
 * ([spec/jpki.md](../../spec/jpki.md)): the personal-data fields of signature certificates, card signatures
 * (RSASSA-PKCS1-v1_5 SHA-256), the J-LIS roots pinned by fingerprint, chain and revocation checks.
 * @module jitsuin/jpki
 */
export { JPKI_OID, JPKI_OTHER_NAME_ARC } from './oids.js';
export {
  readJpkiCertificate,
  JPKI_ERAS,
  type JpkiCertificate,
  type JpkiCertificateKind,
  type JpkiPersonalData,
  type JpkiDateOfBirth,
  type JpkiSex,
  type JpkiEra,
} from './read.js';
export {
  verifyJpkiSignature,
  type VerifiedJpkiSignature,
  type VerifyJpkiSignatureOptions,
} from './signature.js';
export { JPKI_TRUST_ANCHORS, type JpkiTrustAnchorInfo } from './anchors.js';
export { jpkiTrustAnchor, jpkiTrustAnchorCertificates } from './trust.js';
export {
  validateJpkiCertificate,
  jpkiRevocationDetails,
  type ValidateJpkiOptions,
  type ValidatedJpkiCertificate,
} from './validate.js';
export {
  JPKI_REVOCATION_EFFECTS,
  type JpkiRevocationEffect,
  type JpkiRevocationDetails,
} from './revocation.js';
