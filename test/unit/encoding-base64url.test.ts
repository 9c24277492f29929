import { describe, expect, it } from 'vitest';
import {
  base64urlDecode,
  base64urlEncode,
  decodeFixedBase64url,
  hexDecode,
  hexEncode,
} from '../../src/encoding/index.js';
import { expectRejection } from './encoding.helpers.js';

const ascii = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('base64url', () => {
  it('[ENC-06] encodes the RFC 4648 §10 vectors without padding', () => {
    const cases: [string, string][] = [
      ['', ''],
      ['f', 'Zg'],
      ['fo', 'Zm8'],
      ['foo', 'Zm9v'],
      ['foob', 'Zm9vYg'],
      ['fooba', 'Zm9vYmE'],
      ['foobar', 'Zm9vYmFy'],
    ];
    for (const [plain, text] of cases) {
      expect(base64urlEncode(ascii(plain))).toBe(text);
      expect(base64urlDecode(text)).toEqual(ascii(plain));
    }
  });

  it('[ENC-01] uses - and _ where standard base64 uses + and /', () => {
    expect(base64urlEncode(Uint8Array.of(0xfb, 0xff, 0xbf))).toBe('-_-_');
    expect(base64urlDecode('-_-_')).toEqual(Uint8Array.of(0xfb, 0xff, 0xbf));
  });

  it('[ENC-01] rejects characters outside the alphabet, with their offset', () => {
    expect(expectRejection(() => base64urlDecode('+/8'), 'ENC-01')).toContain('offset 0');
    expectRejection(() => base64urlDecode('Zm9v/w'), 'ENC-01');
    expectRejection(() => base64urlDecode('Zm9v*mFy'), 'ENC-01');
    expectRejection(() => base64urlDecode('Zm9vYm\u00e9y'), 'ENC-01');
    expectRejection(() => base64urlDecode('Zm9v\u0000'), 'ENC-01');
    // A code unit whose low 7 bits are an alphabet character must not alias into the table.
    expectRejection(() => base64urlDecode('Zm9v\u0141'), 'ENC-01');
  });

  it('[ENC-02] rejects padding anywhere', () => {
    expectRejection(() => base64urlDecode('Zg=='), 'ENC-02');
    expectRejection(() => base64urlDecode('Zm8='), 'ENC-02');
    expectRejection(() => base64urlDecode('=Zm8'), 'ENC-02');
  });

  it('[ENC-03] rejects whitespace and line breaks instead of skipping them', () => {
    for (const ws of [' ', '\n', '\r', '\t', '\f', '\v'])
      expectRejection(() => base64urlDecode(`Zm9v${ws}YmFy`), 'ENC-03');
    expectRejection(() => base64urlDecode('Zm9vYmFy\r\n'), 'ENC-03');
  });

  it('[ENC-04] rejects a length of 4k+1', () => {
    expectRejection(() => base64urlDecode('Z'), 'ENC-04');
    expectRejection(() => base64urlDecode('Zm9vY'), 'ENC-04');
  });

  it('[ENC-05] rejects non-zero unused trailing bits (every aliased text)', () => {
    // "Zg" encodes 0x66; the last character carries 4 unused bits, so "Zh".."Zv" alias it.
    for (const c of 'hijklmnopqrstuv') expectRejection(() => base64urlDecode(`Z${c}`), 'ENC-05');
    // "Zm8" encodes 0x66 0x6f; 2 unused bits, so "Zm9", "Zm-", "Zm_" would alias it.
    for (const c of '9-_') expectRejection(() => base64urlDecode(`Zm${c}`), 'ENC-05');
    expect(base64urlDecode('Zg')).toEqual(Uint8Array.of(0x66));
  });

  it('rejects a non-string with ERR_INVALID_ARGUMENT', () => {
    expectRejection(
      () => base64urlDecode(42 as unknown as string),
      undefined,
      'ERR_INVALID_ARGUMENT',
    );
    expectRejection(
      () => base64urlEncode('x' as unknown as Uint8Array),
      undefined,
      'ERR_INVALID_ARGUMENT',
    );
  });
});

describe('decodeFixedBase64url', () => {
  const sixteen = Uint8Array.from({ length: 16 }, (_, i) => i * 7);

  it('[ENC-07] accepts exactly the fixed length', () => {
    expect(decodeFixedBase64url(base64urlEncode(sixteen), 16, 'nonce')).toEqual(sixteen);
    expect(decodeFixedBase64url('', 0)).toEqual(new Uint8Array(0));
  });

  it('[ENC-07] rejects one byte fewer or more, naming the field', () => {
    expect(
      expectRejection(
        () => decodeFixedBase64url(base64urlEncode(sixteen.subarray(1)), 16, 'nonce'),
        'ENC-07',
      ),
    ).toContain('nonce');
    expectRejection(
      () => decodeFixedBase64url(base64urlEncode(Uint8Array.of(...sixteen, 1)), 16),
      'ENC-07',
    );
  });

  it('[ENC-07] rejects an over-long text before decoding it, and a non-string', () => {
    expect(
      expectRejection(() => decodeFixedBase64url('A'.repeat(1_000_000) + '!', 16), 'ENC-07'),
    ).toContain('characters');
    expectRejection(() => decodeFixedBase64url(16 as unknown as string, 16), 'ENC-07');
  });

  it('[ENC-07] still applies every base64url rule', () => {
    expectRejection(() => decodeFixedBase64url(base64urlEncode(sixteen) + '==', 16), 'ENC-02');
  });
});

describe('hex', () => {
  it('[ENC-08] encodes lower-case, two digits per byte', () => {
    expect(hexEncode(Uint8Array.of(0, 1, 0xab, 0xff))).toBe('0001abff');
    expect(hexEncode(new Uint8Array(0))).toBe('');
  });

  it('[ENC-09] decodes either case', () => {
    expect(hexDecode('00ABcdff')).toEqual(Uint8Array.of(0, 0xab, 0xcd, 0xff));
  });

  it('[ENC-09] rejects odd length, non-hex characters, prefixes and separators', () => {
    expectRejection(() => hexDecode('abc'), 'ENC-09');
    expect(expectRejection(() => hexDecode('0g'), 'ENC-09')).toContain('offset 1');
    expectRejection(() => hexDecode('0x00'), 'ENC-09');
    expectRejection(() => hexDecode('00 11'), 'ENC-09');
    expectRejection(() => hexDecode('00:1'), 'ENC-09');
    expectRejection(() => hexDecode('+1'), 'ENC-09');
  });
});
