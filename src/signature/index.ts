/**
 * jitsuin/signature — document signatures with legal effect (capability 7, `spec/signature.md`):
 * CAdES-B-B and B-T CMS SignedData made with the accredited signing certificate (a phone's
 * hardware key) or the My Number Card's signature certificate, and their verification.
 * @module jitsuin/signature
 */
export {
  signCades,
  type SignCadesOptions,
  type CadesSigner,
  type CadesEcdsaSigner,
  type CadesCardSigner,
  type TimestampImprint,
} from './sign.js';
export {
  verifyCades,
  CADES_CLOCK_SKEW,
  type VerifyCadesOptions,
  type VerifiedCades,
  type CadesIdentity,
  type CadesSignerKind,
  type CadesRevocationStatus,
} from './verify.js';
export type { CadesData } from './cades-check.js';
export { MAX_CADES_SIZE } from './signed-data.js';
export { CMS_OID } from './oids.js';
