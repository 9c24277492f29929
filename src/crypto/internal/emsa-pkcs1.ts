/**
 * EMSA-PKCS1-v1_5 encoding, shared by the noble backend's verification (which loads lazily and so
 * must not import `rsa.ts`) and by RSA signing.
 * @module
 */
import { fail } from '../../internal/fail.js';
import { concatBytes } from '../../encoding/bytes.js';
import { hexDecode } from '../../encoding/hex.js';
import { digest, type HashName } from '../hash.js';

/** DER of DigestInfo up to the digest OCTET STRING header, parameters NULL present (RFC 8017 §9.2 note 1). */
const DIGEST_INFO_PREFIX: Readonly<Record<HashName, Uint8Array>> = {
  'SHA-256': hexDecode('3031300d060960864801650304020105000420'),
  'SHA-384': hexDecode('3041300d060960864801650304020205000430'),
  'SHA-512': hexDecode('3051300d060960864801650304020305000440'),
};

/**
 * EMSA-PKCS1-v1_5-ENCODE (RFC 8017 §9.2): 0x00 0x01 PS(0xFF...) 0x00 DigestInfo(hash, NULL) H,
 * `k` bytes long.
 */
export function emsaPkcs1v15Encode(hash: HashName, message: Uint8Array, k: number): Uint8Array {
  const t = concatBytes(DIGEST_INFO_PREFIX[hash], digest(hash, message));
  if (k < t.length + 11)
    fail(
      'ERR_UNSUPPORTED_ALGORITHM',
      `RSA modulus of ${k} bytes is too short for ${hash}`,
      'CRY-04',
    );
  const em = new Uint8Array(k).fill(0xff);
  em[0] = 0x00;
  em[1] = 0x01;
  em[k - t.length - 1] = 0x00;
  em.set(t, k - t.length);
  return em;
}
