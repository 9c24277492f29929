/**
 * jitsuin/crypto — hashes, HKDF, public keys (SPKI), ECDSA P-256/P-384 and RSASSA-PKCS1-v1_5,
 * over two interchangeable backends (WebCrypto, noble). Normative text: [spec/crypto.md](../../spec/crypto.md).
 *
 * @example Choosing the backend (the setting is shared by every subpath of the package)
 * ```ts
 * import { getCryptoBackend, setCryptoBackend } from 'jitsuin/crypto';
 *
 * getCryptoBackend(); // 'webcrypto' where crypto.subtle exists, else 'noble'
 * setCryptoBackend('noble'); // e.g. React Native / Hermes without WebCrypto
 * ```
 * @module jitsuin/crypto
 */
export {
  sha256,
  sha384,
  sha512,
  digest,
  hmacSha256,
  hkdfSha256,
  randomBytes,
  type HashName,
} from './hash.js';
export type { CurveName } from './keys.js';
export {
  importSpki,
  exportSpki,
  ecPublicKeyFromPoint,
  type PublicKey,
  type EcPublicKey,
  type RsaPublicKey,
  type ImportSpkiOptions,
} from './keys.js';
export {
  derToRawSignature,
  rawToDerSignature,
  normalizeEcdsaSignature,
} from './ecdsa-signature.js';
export { verifyEcdsa, type VerifyEcdsaOptions } from './ecdsa-verify.js';
export { signEcdsa, getEcPublicKey, derivePrivateKey, type SignEcdsaOptions } from './ecdsa.js';
export { verifyRsaPkcs1v15, type VerifyRsaOptions } from './rsa.js';
export {
  generateRsaKeyPair,
  signRsaPkcs1v15,
  rsaPublicKey,
  type RsaPrivateKey,
} from './rsa-keygen.js';
export { setCryptoBackend, getCryptoBackend, type CryptoBackendName } from './backend.js';
