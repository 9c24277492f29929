/**
 * Revocation checking (spec/revocation.md): CRLs (RFC 5280) and OCSP responses (RFC 6960)
 * supplied by the caller, strict parsers for both, and builders for CAs and test vectors.
 * @module
 */
export {
  checkRevocation,
  revokedDetailsOf,
  DEFAULT_OCSP_MAX_AGE,
  type RevokedDetails,
  type CheckRevocationArgs,
  type RevocationOptions,
  type RevocationResult,
} from './check.js';
export {
  parseCrl,
  loadCrl,
  LoadedCrl,
  MAX_CRL_BYTES,
  MAX_LOADED_CRL_BYTES,
  KNOWN_CRL_EXTENSIONS,
  KNOWN_CRL_ENTRY_EXTENSIONS,
  type Crl,
  type CrlEntry,
  type IssuingDistributionPoint,
} from './crl.js';
export {
  parseOcspResponse,
  MAX_OCSP_RESPONSE_BYTES,
  CERT_ID_HASHES,
  type OcspResponse,
  type BasicOcspResponse,
  type OcspSingleResponse,
} from './ocsp.js';
export type { RevocationReason } from './reasons.js';
export {
  buildCrl,
  buildTbsCertList,
  type BuildCrlOptions,
  type CrlEntryInput,
  type IssuingDistributionPointInput,
} from './build-crl.js';
export {
  buildOcspResponse,
  type BuildOcspResponseOptions,
  type SingleResponseInput,
  type CertIdInput,
} from './build-ocsp.js';
export { crlPartitionUri, type CrlPartitioning } from './partition.js';
