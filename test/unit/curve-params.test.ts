/**
 * The curve constants of src/crypto/internal/curves.ts are typed in (so that verification on WebCrypto never
 * loads @noble/curves): they must be noble's, and the on-curve check must answer as noble's does.
 */
import { describe, expect, it } from 'vitest';
import { p256, p384 } from '@noble/curves/nist.js';
import { CURVES, isOnCurve } from '../../src/crypto/internal/curves.js';
import { ecPublicKeyFromPoint } from '../../src/crypto/keys.js';
import { bytesToBigInt } from '../../src/crypto/internal/bigint.js';
import { isJitsuinError } from '../../src/errors.js';

const NOBLE = { 'P-256': p256, 'P-384': p384 } as const;

describe('curve parameters', () => {
  for (const name of ['P-256', 'P-384'] as const) {
    const info = CURVES[name];
    const noble = NOBLE[name];

    it(`[CRY-02] ${name}: n, p and b are noble's`, () => {
      expect(info.n).toBe(noble.Point.Fn.ORDER);
      expect(info.p).toBe(noble.Point.Fp.ORDER);
      expect(info.b).toBe(noble.Point.CURVE().b);
      expect(noble.Point.CURVE().a).toBe(info.p - 3n);
    });

    it(`[CRY-02] ${name}: points of the curve pass, every one-bit change of y and out-of-range coordinates fail, as in noble`, () => {
      for (let i = 0; i < 8; i++) {
        const point = noble.getPublicKey(noble.utils.randomSecretKey(), false);
        const x = bytesToBigInt(point.subarray(1, 1 + info.size));
        const y = bytesToBigInt(point.subarray(1 + info.size));
        expect(isOnCurve(info, x, y)).toBe(true);
        expect(ecPublicKeyFromPoint(name, point).point).toEqual(point);
        const bad = point.slice();
        bad[bad.length - 1 - i] = (bad[bad.length - 1 - i] as number) ^ 1;
        expect(isOnCurve(info, x, bytesToBigInt(bad.subarray(1 + info.size)))).toBe(false);
        expect(() => noble.Point.fromBytes(bad)).toThrow();
        let refused = false;
        try {
          ecPublicKeyFromPoint(name, bad);
        } catch (e) {
          refused = isJitsuinError(e, 'ERR_INVALID_KEY');
        }
        expect(refused).toBe(true);
        // The same point with y + p (reduced, it would be on the curve) is out of range.
        expect(isOnCurve(info, x, y + info.p)).toBe(false);
        expect(isOnCurve(info, x + info.p, y)).toBe(false);
      }
      expect(isOnCurve(info, 0n, 0n)).toBe(false);
    });
  }
});
