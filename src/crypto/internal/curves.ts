/**
 * The two curves jitsuin accepts and their parameters (SEC 2 / FIPS 186-5), as constants: nothing
 * here loads @noble/curves, which only the noble backend and signing need (`noble.ts`). @module
 */
import { fail } from '../../internal/fail.js';
import type { HashName } from '../hash.js';

/** The named curves jitsuin accepts. */
export type CurveName = 'P-256' | 'P-384';

/** Static facts about one curve. */
export interface CurveInfo {
  readonly name: CurveName;
  /** Object identifier of the named curve (RFC 5480). */
  readonly oid: string;
  /** Group order n. */
  readonly n: bigint;
  /** Field prime p (the curves are y^2 = x^3 - 3x + b over GF(p)). */
  readonly p: bigint;
  /** Curve coefficient b. */
  readonly b: bigint;
  /** Byte length of a field element / scalar (32 or 48): raw r||s is twice this. */
  readonly size: number;
  /** The hash ECDSA uses on this curve when the caller names none. */
  readonly defaultHash: HashName;
}

export const CURVES: Readonly<Record<CurveName, CurveInfo>> = {
  'P-256': {
    name: 'P-256',
    oid: '1.2.840.10045.3.1.7',
    size: 32,
    defaultHash: 'SHA-256',
    n: 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n,
    p: 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffffn,
    b: 0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604bn,
  },
  'P-384': {
    name: 'P-384',
    oid: '1.3.132.0.34',
    size: 48,
    defaultHash: 'SHA-384',
    n: 0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973n,
    p: 0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000ffffffffn,
    b: 0xb3312fa7e23ee7e4988e056be3f82d19181d9c6efe8141120314088f5013875ac656398d8a2ed19d2a85c8edd3ec2aefn,
  },
};

/** Returns the curve's facts, or fails with ERR_UNSUPPORTED_ALGORITHM for any other name. */
export function curveInfo(curve: unknown): CurveInfo {
  if (curve !== 'P-256' && curve !== 'P-384')
    fail(
      'ERR_UNSUPPORTED_ALGORITHM',
      `curve ${JSON.stringify(curve)} is not P-256 or P-384`,
      'CRY-01',
    );
  return CURVES[curve];
}

/**
 * True when (x, y) is an affine point of the curve: both coordinates in [0, p-1] and
 * y^2 = x^3 - 3x + b (mod p). The point at infinity has no affine form, so it is never one.
 */
export function isOnCurve(info: CurveInfo, x: bigint, y: bigint): boolean {
  const { p, b } = info;
  if (x < 0n || x >= p || y < 0n || y >= p) return false;
  const rhs = (((x * x) % p) * x - 3n * x + b) % p;
  return (((y * y - rhs) % p) + p) % p === 0n;
}
