/**
 * The noble backend: @noble/curves ECDSA instances (also used for signing) and RSA verification by
 * BigInt arithmetic. Verification loads this module only when the noble backend is used
 * (`noble-loader.ts`), so an application on the WebCrypto backend does not ship or parse it.
 * @module
 */
import { p256, p384 } from '@noble/curves/nist.js';
import { ecdsa, type ECDSA } from '@noble/curves/abstract/weierstrass.js';
import {
  sha256 as nobleSha256,
  sha384 as nobleSha384,
  sha512 as nobleSha512,
} from '@noble/hashes/sha2.js';
import { constantTimeEqual } from '../../encoding/bytes.js';
import type { CurveName } from './curves.js';
import type { HashName } from '../hash.js';
import { bigIntToBytes, modPow } from './bigint.js';
import type { RsaPublicKey } from '../keys.js';
import { emsaPkcs1v15Encode } from './emsa-pkcs1.js';

const NOBLE_HASH = {
  'SHA-256': nobleSha256,
  'SHA-384': nobleSha384,
  'SHA-512': nobleSha512,
} as const;
const instances = new Map<string, ECDSA>();

/**
 * A noble ECDSA instance whose prehash AND RFC 6979 HMAC-DRBG both use `hash`, so that signing
 * with (curve, hash) is exactly RFC 6979 §3.2 with H = hash, whatever the curve's default hash.
 */
export function nobleEcdsa(curve: CurveName, hash: HashName): ECDSA {
  const key = `${curve}/${hash}`;
  let inst = instances.get(key);
  if (inst === undefined) {
    inst = ecdsa((curve === 'P-256' ? p256 : p384).Point, NOBLE_HASH[hash]);
    instances.set(key, inst);
  }
  return inst;
}

/** The noble point constructor of a curve. */
export function noblePoint(curve: CurveName): typeof p256.Point {
  return curve === 'P-256' ? p256.Point : p384.Point;
}

/**
 * RSASSA-PKCS1-v1_5 verification by arithmetic: s^e mod n, compared whole and in constant time
 * with the encoding rebuilt from `message` (RFC 8017 §8.2.2). `s` is below n (checked by the caller).
 */
export function nobleRsaVerify(
  key: RsaPublicKey,
  s: bigint,
  message: Uint8Array,
  hash: HashName,
): boolean {
  const expected = emsaPkcs1v15Encode(hash, message, key.byteLength);
  const em = bigIntToBytes(modPow(s, key.e, key.n), key.byteLength);
  return constantTimeEqual(em, expected);
}
