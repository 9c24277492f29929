/**
 * RSASSA-PKCS1-v1_5 verification (RFC 8017 §8.2.2) by re-encoding: the expected EM is built
 * from the message and compared whole with s^e mod n; the padding is never parsed ([CRY-11]).
 * @module
 */
import { fail, JitsuinError } from '../errors.js';
import { concatBytes } from '../encoding/bytes.js';
import { hexDecode } from '../encoding/hex.js';
import { resolveBackend, type CryptoBackendName } from './backend.js';
import { bytesToBigInt } from './bigint.js';
import { loadNoble } from './noble-loader.js';
import { assertHashName, digest, type HashName } from './hash.js';
import { assertRsaKeySize, rsaPublicKeyFromComponents, type RsaPublicKey } from './keys.js';
import { cryptoKeyFor, subtle } from './webcrypto.js';

/** Options of {@link verifyRsaPkcs1v15}. */
export interface VerifyRsaOptions {
  /** Smallest modulus accepted in bits (default 2048; 1024..2048), for external suites only. */
  readonly minRsaBits?: number;
}

/** DER of DigestInfo up to the digest OCTET STRING header, parameters NULL present (RFC 8017 §9.2 note 1). */
const DIGEST_INFO_PREFIX: Readonly<Record<HashName, Uint8Array>> = {
  'SHA-256': hexDecode('3031300d060960864801650304020105000420'),
  'SHA-384': hexDecode('3041300d060960864801650304020205000430'),
  'SHA-512': hexDecode('3051300d060960864801650304020305000440'),
};

/**
 * EMSA-PKCS1-v1_5-ENCODE (RFC 8017 §9.2): 0x00 0x01 PS(0xFF...) 0x00 DigestInfo(hash, NULL) H,
 * `k` bytes long. @internal
 */
export function emsaPkcs1v15Encode(hash: HashName, message: Uint8Array, k: number): Uint8Array {
  const t = concatBytes(DIGEST_INFO_PREFIX[hash], digest(hash, message));
  if (k < t.length + 11) fail('ERR_UNSUPPORTED_ALGORITHM', `RSA modulus of ${k} bytes is too short for ${hash}`, 'CRY-04');
  const em = new Uint8Array(k).fill(0xff);
  em[0] = 0x00;
  em[1] = 0x01;
  em[k - t.length - 1] = 0x00;
  em.set(t, k - t.length);
  return em;
}

/** Verifies with an explicit backend (the selected one when omitted). @internal */
export async function verifyRsaPkcs1v15With(
  backend: CryptoBackendName | undefined,
  key: RsaPublicKey,
  message: Uint8Array,
  signature: Uint8Array,
  hash: HashName = 'SHA-256',
  options: VerifyRsaOptions = {},
): Promise<void> {
  if (key?.kind !== 'rsa') fail('ERR_INVALID_KEY', 'verifyRsaPkcs1v15: key is not an RSA public key');
  // Re-check the key: RsaPublicKey is a plain interface and may not come from importSpki.
  const checked = rsaPublicKeyFromComponents(key.n, key.e);
  if (checked.bits !== key.bits || checked.byteLength !== key.byteLength) fail('ERR_INVALID_KEY', 'verifyRsaPkcs1v15: inconsistent key object');
  assertRsaKeySize(checked, options.minRsaBits);
  assertHashName(hash);
  if (!(message instanceof Uint8Array)) fail('ERR_INVALID_ARGUMENT', 'verifyRsaPkcs1v15: message must be a Uint8Array');
  if (!(signature instanceof Uint8Array) || signature.length !== key.byteLength) {
    fail('ERR_INVALID_SIGNATURE_ENCODING', `RSA signature must be exactly ${key.byteLength} bytes (the modulus length), got ${signature instanceof Uint8Array ? signature.length : typeof signature}`, 'CRY-12');
  }
  const s = bytesToBigInt(signature);
  if (s >= key.n) fail('ERR_SIGNATURE_INVALID', 'RSA signature representative is not below the modulus', 'CRY-13');

  const which = resolveBackend(backend);
  let ok: boolean;
  if (which === 'noble') {
    // In the module the noble backend loads on first use, with the hashes only it needs.
    ok = (await loadNoble()).nobleRsaVerify(key, s, message, hash);
  } else {
    try {
      const cryptoKey = await cryptoKeyFor(key, hash);
      ok = await subtle().verify({ name: 'RSASSA-PKCS1-v1_5' }, cryptoKey, signature as Uint8Array<ArrayBuffer>, message as Uint8Array<ArrayBuffer>);
    } catch (e) {
      if (e instanceof JitsuinError) throw e;
      return fail('ERR_SIGNATURE_INVALID', `RSA PKCS#1 v1.5 ${hash} signature does not verify (backend raised an error)`, 'CRY-11', e);
    }
  }
  if (!ok) fail('ERR_SIGNATURE_INVALID', `RSA PKCS#1 v1.5 ${hash} signature does not verify`, 'CRY-11');
}

/**
 * Verifies an RSASSA-PKCS1-v1_5 signature over `message` with SHA-256 (default), SHA-384 or
 * SHA-512. The signature must be exactly as long as the modulus (ERR_INVALID_SIGNATURE_ENCODING)
 * and below it; the expected encoded message is rebuilt and compared whole in constant time, so
 * no padding or DigestInfo parser is exposed to the signature (ERR_SIGNATURE_INVALID). SHA-1 is
 * not accepted.
 */
export function verifyRsaPkcs1v15(key: RsaPublicKey, message: Uint8Array, signature: Uint8Array, hash: HashName = 'SHA-256', options: VerifyRsaOptions = {}): Promise<void> {
  return verifyRsaPkcs1v15With(undefined, key, message, signature, hash, options);
}
