/**
 * The x509 DER primitives against reference definitions: OBJECT IDENTIFIER decoding (arcs of any
 * size, including the 128-bit UUID arcs under 2.25) and child TLVs bounded by their parent.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isJitsuinError } from '../../src/errors.js';
import { decodeOid, encodeOid } from '../../src/x509/oid.js';
import { readChildren, readTlv } from '../../src/x509/der.js';

/** X.690 §8.19 with BigInt throughout: the definition the fast decoder must match. */
function referenceDecode(contents: Uint8Array): string | undefined {
  if (contents.length === 0 || contents.length > 128) return undefined;
  const arcs: bigint[] = [];
  let value = 0n;
  let start = true;
  for (const b of contents) {
    if (start && b === 0x80) return undefined;
    value = (value << 7n) | BigInt(b & 0x7f);
    start = false;
    if ((b & 0x80) === 0) {
      arcs.push(value);
      value = 0n;
      start = true;
    }
  }
  if (!start) return undefined;
  const first = arcs[0] as bigint;
  const head = first < 40n ? [0n, first] : first < 80n ? [1n, first - 40n] : [2n, first - 80n];
  return [...head, ...arcs.slice(1)].join('.');
}

function decodeOrUndefined(contents: Uint8Array): string | undefined {
  try {
    return decodeOid(contents, 'oid');
  } catch (e) {
    if (!isJitsuinError(e, 'ERR_CERT_MALFORMED')) throw e;
    return undefined;
  }
}

const arc = fc.oneof(
  fc.nat({ max: 200 }),
  fc.bigInt({ min: 0n, max: 1n << 60n }),
  fc.bigInt({ min: (1n << 45n) - 5n, max: (1n << 47n) + 5n }),
  fc.bigInt({ min: 0n, max: (1n << 128n) - 1n }),
);

describe('decodeOid', () => {
  it('matches the BigInt definition on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
        expect(decodeOrUndefined(bytes)).toBe(referenceDecode(bytes));
      }),
      { numRuns: 2000 },
    );
  });

  it('round-trips dotted OIDs with arcs of any size through encodeOid', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(0n, 1n, 2n),
        fc.bigInt({ min: 0n, max: 39n }),
        fc.bigInt({ min: 0n, max: 1n << 70n }),
        fc.array(arc, { maxLength: 6 }),
        (x, y, y2, rest) => {
          const second = x === 2n ? y2 : y;
          const dotted = [x, second, ...rest].join('.');
          const tlv = encodeOid(dotted);
          expect(decodeOid(tlv.subarray(2 + (tlv[1]! & 0x80 ? tlv[1]! & 0x7f : 0)), 'oid')).toBe(
            dotted,
          );
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('readChildren', () => {
  it('never reads a child past its parent, even when the buffer goes on', () => {
    // A SEQUENCE of length 3 whose only child claims 3 content bytes: it runs past the parent.
    const bytes = Uint8Array.of(0x30, 0x03, 0x04, 0x03, 0xaa, 0xbb, 0xcc, 0xdd);
    const parent = readTlv(bytes, 0);
    expect(() => readChildren(bytes, parent)).toThrow(/runs past the end/);
    // A child header cut by the parent's end.
    const cut = Uint8Array.of(0x30, 0x01, 0x04, 0x00);
    expect(() => readChildren(cut, readTlv(cut, 0))).toThrow(/truncated/);
  });

  it('agrees with reading each child from the parent alone', () => {
    const tlv = fc.tuple(
      fc.constantFrom(0x02, 0x04, 0x30, 0x31, 0xa0),
      fc.uint8Array({ maxLength: 300 }),
    );
    fc.assert(
      fc.property(
        fc.array(tlv, { maxLength: 5 }),
        fc.uint8Array({ maxLength: 8 }),
        (children, trailing) => {
          const enc = (tag: number, c: Uint8Array): number[] => [
            tag,
            ...(c.length < 0x80
              ? [c.length]
              : c.length < 256
                ? [0x81, c.length]
                : [0x82, c.length >> 8, c.length & 0xff]),
            ...c,
          ];
          const body = children.flatMap(([tag, c]) => enc(tag, c));
          const whole = Uint8Array.from([...enc(0x30, Uint8Array.from(body)), ...trailing]);
          const parent = readTlv(whole, 0);
          const alone = whole.subarray(0, parent.end);
          expect(readChildren(whole, parent)).toEqual(readChildren(alone, readTlv(alone, 0)));
          expect(readChildren(whole, parent).map((t) => t.tag)).toEqual(
            children.map(([tag]) => tag),
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});
