/** `bytesKey` (the exact string image used for cache keys) is injective and length-preserving. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesEqual, bytesKey } from '../../src/encoding/bytes.js';

describe('bytesKey', () => {
  it('gives equal keys exactly for equal bytes, one code unit per byte', () => {
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 64 }),
      fc.uint8Array({ minLength: 8180, maxLength: 8200 }),
      fc.uint8Array({ minLength: 16_380, maxLength: 16_400 }),
    );
    fc.assert(
      fc.property(bytes, bytes, (a, b) => {
        const ka = bytesKey(a);
        expect(ka.length).toBe(a.length);
        expect(ka === bytesKey(b)).toBe(bytesEqual(a, b));
      }),
      { numRuns: 300 },
    );
  });

  it('keys inputs that differ in one byte, at any position and across chunk boundaries, differently', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 20_000 }),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        (a, at, delta) => {
          const b = a.slice();
          const i = at % a.length;
          b[i] = ((b[i] as number) + delta) & 0xff;
          expect(bytesKey(a)).not.toBe(bytesKey(b));
          expect(bytesKey(a)).toBe(bytesKey(a.slice()));
        },
      ),
      { numRuns: 200 },
    );
  });
});
