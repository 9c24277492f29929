import { describe, expect, it } from 'vitest';
import {
  MAX_TIME_SECONDS,
  constantTimeEqual,
  bytesEqual,
  concatBytes,
  isIntegerSeconds,
  requireIntegerSeconds,
  utf8Decode,
  utf8Encode,
} from '../../src/encoding/index.js';
import { expectRejection } from './encoding.helpers.js';

const b = (...xs: number[]): Uint8Array => Uint8Array.from(xs);

describe('UTF-8', () => {
  it('[ENC-10] decodes the boundaries of each sequence length', () => {
    expect(utf8Decode(b(0x7f))).toBe('\u007f');
    expect(utf8Decode(b(0xc2, 0x80))).toBe('\u0080');
    expect(utf8Decode(b(0xdf, 0xbf))).toBe('\u07ff');
    expect(utf8Decode(b(0xe0, 0xa0, 0x80))).toBe('\u0800');
    expect(utf8Decode(b(0xed, 0x9f, 0xbf))).toBe('\ud7ff');
    expect(utf8Decode(b(0xee, 0x80, 0x80))).toBe('\ue000');
    expect(utf8Decode(b(0xef, 0xbf, 0xbf))).toBe('\uffff');
    expect(utf8Decode(b(0xf0, 0x90, 0x80, 0x80))).toBe('\u{10000}');
    expect(utf8Decode(b(0xf4, 0x8f, 0xbf, 0xbf))).toBe('\u{10ffff}');
  });

  it('[ENC-10] keeps a byte order mark as U+FEFF', () => {
    expect(utf8Decode(b(0xef, 0xbb, 0xbf, 0x41))).toBe('\ufeffA');
  });

  it('[ENC-10] rejects every class of ill-formed sequence with its offset and reason', () => {
    const cases: [number[], string][] = [
      [[0x41, 0x80], 'continuation'],
      [[0xc0, 0xaf], 'overlong'],
      [[0xc1, 0xbf], 'overlong'],
      [[0xe0, 0x80, 0xaf], 'overlong'],
      [[0xf0, 0x80, 0x80, 0xaf], 'overlong'],
      [[0xed, 0xa0, 0x80], 'surrogate'],
      [[0xed, 0xbf, 0xbf], 'surrogate'],
      [[0xf4, 0x90, 0x80, 0x80], 'U+10FFFF'],
      [[0xf5, 0x80, 0x80, 0x80], 'never occurs'],
      [[0xff], 'never occurs'],
      [[0xe2, 0x82], 'truncated'],
      [[0xc2, 0x41], 'truncated'],
      [[0xf0, 0x9f, 0x98], 'truncated'],
      [[0xf0, 0x9f, 0x98, 0x41], 'truncated'],
    ];
    for (const [bytes, reason] of cases) {
      const message = expectRejection(() => utf8Decode(Uint8Array.from(bytes)), 'ENC-10');
      expect(message).toContain(reason);
    }
    expect(expectRejection(() => utf8Decode(b(0x41, 0x42, 0x80)), 'ENC-10')).toContain('offset 2');
  });

  it('[ENC-10] decodes long inputs across the internal chunk boundary', () => {
    const text = '\u{1f600}a\u00e9'.repeat(5000);
    expect(utf8Decode(new TextEncoder().encode(text))).toBe(text);
  });

  it('[ENC-11] refuses to encode a lone surrogate instead of writing U+FFFD', () => {
    expect(expectRejection(() => utf8Encode('ab\ud800'), 'ENC-11')).toContain('U+D800 at index 2');
    expectRejection(() => utf8Encode('\udc00\ud800'), 'ENC-11');
    expectRejection(() => utf8Encode('\ud800a'), 'ENC-11');
    expect(utf8Encode('\ud83d\ude00')).toEqual(b(0xf0, 0x9f, 0x98, 0x80));
  });

  it('rejects arguments of the wrong type with ERR_INVALID_ARGUMENT', () => {
    expectRejection(
      () => utf8Decode('x' as unknown as Uint8Array),
      undefined,
      'ERR_INVALID_ARGUMENT',
    );
    expectRejection(() => utf8Encode(1 as unknown as string), undefined, 'ERR_INVALID_ARGUMENT');
  });
});

describe('times', () => {
  it('[ENC-28] accepts integer seconds from 0 to 9999-12-31T23:59:59Z', () => {
    expect(MAX_TIME_SECONDS).toBe(Date.UTC(9999, 11, 31, 23, 59, 59) / 1000);
    for (const t of [0, 1, 1_767_225_600, MAX_TIME_SECONDS]) {
      expect(isIntegerSeconds(t)).toBe(true);
      expect(requireIntegerSeconds(t)).toBe(t);
    }
  });

  it('[ENC-28] rejects fractions, negatives, later times, -0 and non-numbers, naming the field', () => {
    for (const t of [
      1.5,
      -1,
      MAX_TIME_SECONDS + 1,
      -0,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      '1700000000',
      null,
      1_700_000_000_000n,
    ]) {
      expect(isIntegerSeconds(t)).toBe(false);
      expect(expectRejection(() => requireIntegerSeconds(t, '$.iat'), 'ENC-28')).toContain('$.iat');
    }
  });
});

describe('bytes', () => {
  it('[ENC-32] constantTimeEqual agrees with equality, including a difference in the last byte', () => {
    const a = Uint8Array.from({ length: 64 }, (_, i) => i);
    expect(constantTimeEqual(a, a.slice())).toBe(true);
    const last = a.slice();
    last[63] = 0;
    expect(constantTimeEqual(a, last)).toBe(false);
    const first = a.slice();
    first[0] = 1;
    expect(constantTimeEqual(a, first)).toBe(false);
    expect(constantTimeEqual(a, a.subarray(0, 63))).toBe(false);
    expect(constantTimeEqual(new Uint8Array(0), new Uint8Array(0))).toBe(true);
  });

  it('[ENC-32] constantTimeEqual, bytesEqual and concatBytes refuse anything but Uint8Arrays instead of comparing it', () => {
    // Two strings of one length XOR to 0 character by character (NaN | 0), so they used to compare equal.
    for (const f of [
      () => constantTimeEqual('ab' as never, 'xy' as never),
      () => bytesEqual('ab' as never, 'ab' as never),
      () => constantTimeEqual([1] as never, b(1)),
      () => concatBytes(b(1), 'xy' as never),
    ]) {
      expect(f).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT' }));
    }
  });

  it('bytesEqual and concatBytes', () => {
    expect(bytesEqual(b(1, 2), b(1, 2))).toBe(true);
    expect(bytesEqual(b(1, 2), b(1, 3))).toBe(false);
    expect(bytesEqual(b(1, 2), b(1))).toBe(false);
    expect(concatBytes(b(1), new Uint8Array(0), b(2, 3))).toEqual(b(1, 2, 3));
    expect(concatBytes()).toEqual(new Uint8Array(0));
  });
});
