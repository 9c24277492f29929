/**
 * Property tests of jitsuin/encoding: round trips, the equivalence of parseStrict with the
 * definition of strict JSON (decode, JSON.parse, canonicalize, compare bytes), canonical base64url,
 * and fuzzing of every decoder (nothing but a JitsuinError may escape).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  base64urlDecode,
  base64urlEncode,
  bytesEqual,
  canonicalize,
  canonicalizeToBytes,
  constantTimeEqual,
  decodeFixedBase64url,
  hexDecode,
  hexEncode,
  parseStrict,
  utf8Decode,
  utf8Encode,
  type JsonValue,
} from '../../src/encoding/index.js';
import { isJitsuinError } from '../../src/errors.js';

const RUNS = { numRuns: 500 };

const isNonchar = (cp: number): boolean =>
  (cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) === 0xfffe;
const hasNonchar = (s: string): boolean =>
  [...s].some((ch) => isNonchar(ch.codePointAt(0) as number));

/** Strings the profile admits: any well-formed Unicode except noncharacters, biased to JSON's special characters. */
const profileString = fc
  .oneof(
    fc.string({ unit: 'binary', maxLength: 12 }),
    fc.string({
      unit: fc.constantFrom(
        '"',
        '\\',
        '/',
        '\n',
        '\u0000',
        '\u001f',
        '\u007f',
        '\u2028',
        'a',
        '\u00e9',
        '\u{1f600}',
      ),
      maxLength: 8,
    }),
  )
  .filter((s) => !hasNonchar(s));

/** ASCII member names, including control characters and the empty name. */
const asciiName = fc.string({
  unit: fc.integer({ min: 0, max: 0x7f }).map((c) => String.fromCharCode(c)),
  maxLength: 6,
});

const safeInteger = fc
  .oneof(fc.maxSafeInteger(), fc.integer({ min: -1000, max: 1000 }))
  .map((n) => (n === 0 ? 0 : n));

/** Arbitrary values of the strict profile. */
const { value: jsonValue } = fc.letrec<{ value: JsonValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    safeInteger,
    profileString,
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(asciiName, tie('value'), { maxKeys: 5, noNullPrototype: true }),
  ),
}));

/** Independent oracle for canonical text within the profile: JSON.stringify (which RFC 8785 builds on) with sorted members. */
function oracle(v: JsonValue): string {
  if (Array.isArray(v)) return '[' + v.map(oracle).join(',') + ']';
  if (v !== null && typeof v === 'object') {
    return (
      '{' +
      Object.keys(v)
        .sort()
        .map((k) => JSON.stringify(k) + ':' + oracle(v[k] as JsonValue))
        .join(',') +
      '}'
    );
  }
  return JSON.stringify(v);
}

/** The definition of strict JSON (spec/encoding.md §4.2) applied literally: the value, or undefined when rejected. */
function byDefinition(bytes: Uint8Array): { value: JsonValue } | undefined {
  let value: JsonValue;
  try {
    value = JSON.parse(
      new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes),
    ) as JsonValue;
  } catch {
    return undefined;
  }
  try {
    return bytesEqual(canonicalizeToBytes(value), bytes) ? { value } : undefined;
  } catch {
    return undefined;
  }
}

function tryParse(bytes: Uint8Array): { value: JsonValue } | undefined {
  try {
    return { value: parseStrict(bytes) };
  } catch (e) {
    if (!isJitsuinError(e)) throw e;
    return undefined;
  }
}

/** parseStrict and the canonical-bytes definition agree on acceptance and, when both accept, on the value. */
function expectSameVerdictAsDefinition(bytes: Uint8Array): void {
  const ours = tryParse(bytes);
  const reference = byDefinition(bytes);
  expect(ours === undefined).toBe(reference === undefined);
  if (ours !== undefined && reference !== undefined)
    expect(ours.value).toStrictEqual(reference.value);
}

/** Runs `fn`; passes when it returns or throws a JitsuinError, fails on any other exception. */
function onlyJitsuinErrors(fn: () => unknown): void {
  try {
    fn();
  } catch (e) {
    if (!isJitsuinError(e)) throw new Error(`non-JitsuinError escaped: ${String(e)}`);
  }
}

/** Bytes that occur in JSON or break it, used to mutate canonical texts. */
const interestingByte = fc.constantFrom(
  0x20,
  0x0a,
  0x09,
  0x22,
  0x5c,
  0x2c,
  0x3a,
  0x30,
  0x31,
  0x39,
  0x2d,
  0x2e,
  0x65,
  0x75,
  0x7b,
  0x7d,
  0x5b,
  0x5d,
  0x61,
  0x00,
  0x1f,
  0x7f,
  0x80,
  0xbf,
  0xc3,
  0xa9,
  0xed,
  0xef,
  0xbb,
  0xff,
);

type Mutation = { kind: 'insert' | 'replace' | 'delete' | 'swap'; at: number; byte: number };
const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom('insert', 'replace', 'delete', 'swap'),
  at: fc.nat(),
  byte: interestingByte,
});

function mutate(input: Uint8Array, ms: readonly Mutation[]): Uint8Array {
  let b = Array.from(input);
  for (const m of ms) {
    const at = b.length === 0 ? 0 : m.at % (b.length + (m.kind === 'insert' ? 1 : 0));
    if (m.kind === 'insert') b.splice(at, 0, m.byte);
    else if (b.length === 0) continue;
    else if (m.kind === 'replace') b[at] = m.byte;
    else if (m.kind === 'delete') b.splice(at, 1);
    else if (at + 1 < b.length)
      b = [...b.slice(0, at), b[at + 1] as number, b[at] as number, ...b.slice(at + 2)];
  }
  return Uint8Array.from(b);
}

/**
 * JSON texts assembled from tokens that are canonical or break exactly one rule (duplicate and
 * unsorted names, -0, floats, big integers, non-canonical escapes, whitespace, non-ASCII names), so
 * that both accepted and rejected inputs are frequent.
 */
const tokenSoup: fc.Arbitrary<string> = (() => {
  const ws = fc.constantFrom('', '', '', '', '', '', ' ', '\n');
  const literal = fc.constantFrom('null', 'true', 'false', 'nul', 'True');
  const numberText = fc.constantFrom(
    '0',
    '-0',
    '1',
    '-1',
    '01',
    '1.0',
    '1e2',
    '10',
    '9007199254740991',
    '-9007199254740991',
    '9007199254740992',
    '-9007199254740992',
    '9007199254740993',
    '-',
  );
  const piece = fc.constantFrom(
    'a',
    'b',
    '\\n',
    '\\u000a',
    '\\u0041',
    '\\/',
    '/',
    '\\"',
    '\\\\',
    '\\ud800',
    '\\udc00',
    '\\ud83d\\ude00',
    '\u{1f600}',
    '\u00e9',
    '\\u001f',
    '\\u001F',
    '\u007f',
    '\\b',
    '\\u0008',
    '\ufffe',
    '\\x',
  );
  const stringText = fc.array(piece, { maxLength: 3 }).map((parts) => '"' + parts.join('') + '"');
  const nameText = fc.constantFrom(
    '""',
    '"a"',
    '"b"',
    '"B"',
    '"aa"',
    '"\u00e9"',
    '"\\u0061"',
    '"__proto__"',
    '"\\n"',
  );
  const { value } = fc.letrec<{ value: string }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small' },
      literal,
      numberText,
      stringText,
      fc
        .array(fc.tuple(ws, tie('value'), ws), { maxLength: 3 })
        .map((items) => '[' + items.map(([a, v, b]) => a + v + b).join(',') + ']'),
      fc
        .tuple(fc.array(fc.tuple(nameText, ws, tie('value')), { maxLength: 3 }), fc.boolean())
        .map(([members, sorted]) => {
          const ordered = sorted
            ? [...members].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
            : members;
          return '{' + ordered.map(([n, w, v]) => n + ':' + w + v).join(',') + '}';
        }),
    ),
  }));
  return value;
})();

describe('strict JSON properties', () => {
  it('[ENC-13] canonicalize agrees with JSON.stringify over sorted members on every profile value', () => {
    fc.assert(
      fc.property(jsonValue, (v) => canonicalize(v) === oracle(v)),
      RUNS,
    );
  });

  it('[ENC-13] parseStrict(canonicalizeToBytes(v)) deep-equals v, and re-serialises to the same bytes', () => {
    fc.assert(
      fc.property(jsonValue, (v) => {
        const bytes = canonicalizeToBytes(v);
        const back = parseStrict(bytes);
        expect(back).toStrictEqual(v);
        expect(canonicalizeToBytes(back)).toEqual(bytes);
      }),
      RUNS,
    );
  });

  it('[ENC-13] parseStrict accepts exactly what the canonical-bytes definition accepts (mutated canonical texts)', () => {
    fc.assert(
      fc.property(jsonValue, fc.array(mutation, { minLength: 1, maxLength: 3 }), (v, ms) => {
        expectSameVerdictAsDefinition(mutate(canonicalizeToBytes(v), ms));
      }),
      { numRuns: 3000 },
    );
  });

  it('[ENC-13] parseStrict accepts exactly what the definition accepts (texts built from near-canonical tokens)', () => {
    fc.assert(
      fc.property(tokenSoup, (text) => {
        expectSameVerdictAsDefinition(new TextEncoder().encode(text));
      }),
      { numRuns: 4000 },
    );
  });

  it('[ENC-13] parseStrict accepts exactly what the definition accepts (arbitrary JSON texts)', () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        expectSameVerdictAsDefinition(new TextEncoder().encode(text));
      }),
      { numRuns: 1000 },
    );
  });

  it('parseStrict throws nothing but JitsuinError on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) =>
        onlyJitsuinErrors(() => parseStrict(bytes)),
      ),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.array(interestingByte, { maxLength: 40 }), (xs) =>
        onlyJitsuinErrors(() => parseStrict(Uint8Array.from(xs))),
      ),
      { numRuns: 2000 },
    );
  });

  it('canonicalize throws nothing but JitsuinError on arbitrary JavaScript values', () => {
    fc.assert(
      fc.property(
        fc.anything({
          withBigInt: true,
          withDate: true,
          withMap: true,
          withSet: true,
          withTypedArray: true,
          withSparseArray: true,
          withNullPrototype: true,
        }),
        (v) => onlyJitsuinErrors(() => canonicalize(v as JsonValue)),
      ),
      RUNS,
    );
  });
});

describe('base64url properties', () => {
  it('[ENC-06] decode(encode(b)) = b for every byte string', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (b) => {
        expect(base64urlDecode(base64urlEncode(b))).toEqual(b);
      }),
      RUNS,
    );
  });

  it('[ENC-05] every byte string has exactly one accepted encoding: accepted texts re-encode to themselves', () => {
    const alphabetText = fc.string({
      unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'),
      maxLength: 12,
    });
    fc.assert(
      fc.property(alphabetText, (text) => {
        let decoded: Uint8Array | undefined;
        try {
          decoded = base64urlDecode(text);
        } catch (e) {
          if (!isJitsuinError(e, 'ERR_ENCODING')) throw e;
        }
        if (decoded !== undefined) expect(base64urlEncode(decoded)).toBe(text);
        // Conversely, a text is rejected only for its length or its unused bits.
        else
          expect(
            text.length % 4 === 1 || base64urlEncode(base64urlDecodeLoose(text)) !== text,
          ).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('[ENC-05] setting any unused trailing bit of a canonical encoding is rejected', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 40 }).filter((b) => b.length % 3 !== 0),
        fc.nat(),
        (b, k) => {
          const text = base64urlEncode(b);
          const unused = b.length % 3 === 1 ? 4 : 2;
          const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
          const last = alphabet.indexOf(text[text.length - 1] as string);
          const tampered = text.slice(0, -1) + alphabet[last | (1 << (k % unused))];
          expect(() => base64urlDecode(tampered)).toThrow(/trailing bits/);
        },
      ),
      RUNS,
    );
  });

  it('base64urlDecode and decodeFixedBase64url throw nothing but JitsuinError on random strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), fc.nat({ max: 40 }), (s, n) => {
        onlyJitsuinErrors(() => base64urlDecode(s));
        onlyJitsuinErrors(() => decodeFixedBase64url(s, n));
      }),
      { numRuns: 2000 },
    );
  });
});

/** Decoding that ignores unused bits and length, to state the uniqueness property's converse. */
function base64urlDecodeLoose(text: string): Uint8Array {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const out: number[] = [];
  let acc = 0;
  let bits = 0;
  for (const ch of text) {
    acc = (acc << 6) | alphabet.indexOf(ch);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((acc >>> bits) & 0xff);
    }
    acc &= (1 << bits) - 1;
  }
  return Uint8Array.from(out);
}

describe('hex, UTF-8 and byte comparison properties', () => {
  it('[ENC-09] hexDecode(hexEncode(b)) = b, also from upper case; random strings throw only JitsuinError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (b) => {
        expect(hexDecode(hexEncode(b))).toEqual(b);
        expect(hexDecode(hexEncode(b).toUpperCase())).toEqual(b);
      }),
      RUNS,
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 20 }), (s) =>
        onlyJitsuinErrors(() => hexDecode(s)),
      ),
      { numRuns: 2000 },
    );
  });

  it('[ENC-10] utf8Decode accepts and decodes exactly what a fatal TextDecoder does', () => {
    const fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    const biased = fc.array(
      fc.oneof(
        fc.integer({ min: 0, max: 255 }),
        fc.constantFrom(
          0x80,
          0x8f,
          0x90,
          0x9f,
          0xa0,
          0xbf,
          0xc0,
          0xc2,
          0xdf,
          0xe0,
          0xed,
          0xef,
          0xf0,
          0xf4,
          0xf5,
        ),
      ),
      { maxLength: 12 },
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 24 }),
          biased.map((xs) => Uint8Array.from(xs)),
        ),
        (b) => {
          let expected: string | undefined;
          try {
            expected = fatal.decode(b);
          } catch {
            expected = undefined;
          }
          let actual: string | undefined;
          try {
            actual = utf8Decode(b);
          } catch (e) {
            if (!isJitsuinError(e, 'ERR_ENCODING')) throw e;
          }
          expect(actual).toBe(expected);
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('[ENC-11] utf8Encode matches TextEncoder on well-formed strings and round-trips', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (s) => {
        const encoded = utf8Encode(s);
        expect(encoded).toEqual(new TextEncoder().encode(s));
        expect(utf8Decode(encoded)).toBe(s);
      }),
      RUNS,
    );
  });

  it('[ENC-32] constantTimeEqual agrees with bytesEqual, including single-byte differences', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 48 }),
        fc.uint8Array({ maxLength: 48 }),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        (a, b, i, x) => {
          expect(constantTimeEqual(a, b)).toBe(bytesEqual(a, b));
          expect(constantTimeEqual(a, a.slice())).toBe(true);
          if (a.length > 0) {
            const c = a.slice();
            const at = i % a.length;
            c[at] = (c[at] as number) ^ x;
            expect(constantTimeEqual(a, c)).toBe(false);
          }
        },
      ),
      RUNS,
    );
  });
});
