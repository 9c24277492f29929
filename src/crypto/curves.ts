/** The two curves jitsuin accepts, with their parameters and noble ECDSA instances. @internal @module */
import { p256, p384 } from '@noble/curves/nist.js';
import { ecdsa, type ECDSA } from '@noble/curves/abstract/weierstrass.js';
import { sha256 as nobleSha256, sha384 as nobleSha384, sha512 as nobleSha512 } from '@noble/hashes/sha2.js';
import { fail } from '../errors.js';
import type { HashName } from './hash.js';

/** The named curves jitsuin accepts. */
export type CurveName = 'P-256' | 'P-384';

/** Static facts about one curve. */
export interface CurveInfo {
  readonly name: CurveName;
  /** Object identifier of the named curve (RFC 5480). */
  readonly oid: string;
  /** Group order n. */
  readonly n: bigint;
  /** Byte length of a field element / scalar (32 or 48): raw r||s is twice this. */
  readonly size: number;
  /** The hash ECDSA uses on this curve when the caller names none. */
  readonly defaultHash: HashName;
}

export const CURVES: Readonly<Record<CurveName, CurveInfo>> = {
  'P-256': { name: 'P-256', oid: '1.2.840.10045.3.1.7', n: p256.Point.Fn.ORDER, size: 32, defaultHash: 'SHA-256' },
  'P-384': { name: 'P-384', oid: '1.3.132.0.34', n: p384.Point.Fn.ORDER, size: 48, defaultHash: 'SHA-384' },
};

/** Returns the curve's facts, or fails with ERR_UNSUPPORTED_ALGORITHM for any other name. */
export function curveInfo(curve: unknown): CurveInfo {
  if (curve !== 'P-256' && curve !== 'P-384') fail('ERR_UNSUPPORTED_ALGORITHM', `curve ${JSON.stringify(curve)} is not P-256 or P-384`, 'CRY-01');
  return CURVES[curve];
}

const NOBLE_HASH = { 'SHA-256': nobleSha256, 'SHA-384': nobleSha384, 'SHA-512': nobleSha512 } as const;
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
