/**
 * The `encoding` vector suite (`vectors/encoding.json`, `spec/encoding.md` appendix A): strict
 * base64url, UTF-8, strict JSON in both directions, and strict PEM. Every invalid case breaks exactly one rule
 * and cites its id; the valid cases include the examples of RFC 4648 §10 and RFC 8785 that fall
 * inside the profile. Nothing here is random, so the file is the same on every run.
 * The judge of its cases is `src/conformance/suites/encoding.ts`.
 * @module
 */
import type { ErrorCode } from '../../src/errors.js';
import { base64urlEncode } from '../../src/encoding/base64url.js';
import { concatBytes } from '../../src/encoding/bytes.js';
import { canonicalize } from '../../src/encoding/canonicalize.js';
import { hexDecode, hexEncode } from '../../src/encoding/hex.js';
import type { JsonValue } from '../../src/encoding/json-value.js';
import { DEFAULT_JSON_MAX_BYTES, DEFAULT_JSON_MAX_DEPTH } from '../../src/encoding/json-value.js';
import { parseStrict } from '../../src/encoding/parse.js';
import { pemEncode } from '../../src/encoding/pem.js';
import { utf8Decode, utf8Encode } from '../../src/encoding/utf8.js';
import { SPEC_VERSION } from '../../src/conformance/version.js';
import type {
  VectorFile,
  VectorGroup,
  VectorNote,
  VectorTest,
} from '../../src/conformance/types.js';
import type { VectorGenerator } from './types.js';

type Flag =
  | 'Valid'
  | 'Rfc4648'
  | 'Rfc8785'
  | 'NonCanonical'
  | 'NotBase64url'
  | 'IllFormedUtf8'
  | 'NotJson'
  | 'DuplicateName'
  | 'PrecisionLoss'
  | 'OutOfProfile'
  | 'Limit'
  | 'LaxPem';

const NOTES: Record<Flag, VectorNote> = {
  Valid: {
    bugType: 'BASIC',
    description: 'Canonical input that a conforming implementation accepts, with the output given.',
  },
  Rfc4648: {
    bugType: 'BASIC',
    description: 'Test vector of RFC 4648 §10, in the base64url alphabet without padding.',
  },
  Rfc8785: {
    bugType: 'EDGE_CASE',
    description: 'Example or edge case of RFC 8785 (JCS), restated inside the strict profile.',
  },
  NonCanonical: {
    bugType: 'MALLEABILITY',
    description:
      'A second encoding of a value that has a canonical one. Accepting it makes signed data malleable: two byte strings, one meaning.',
  },
  NotBase64url: {
    bugType: 'MALLEABILITY',
    description:
      'Text outside the base64url alphabet, or a lenient variant (padding, whitespace, standard base64).',
  },
  IllFormedUtf8: {
    bugType: 'EDGE_CASE',
    description:
      'Ill-formed UTF-8 (RFC 3629 §4) that lenient decoders replace with U+FFFD or decode to surrogates.',
  },
  NotJson: { bugType: 'BASIC', description: 'Not a JSON text of RFC 8259.' },
  DuplicateName: {
    bugType: 'AUTH_BYPASS',
    description:
      'Duplicate member names: parsers that keep the first or the last member let two verifiers read two different messages under one signature.',
  },
  PrecisionLoss: {
    bugType: 'MODIFIED_PARAMETER',
    description:
      'An integer beyond ±(2^53−1), which IEEE 754 parsers round silently (9007199254740993 reads as 9007199254740992).',
  },
  OutOfProfile: {
    bugType: 'EDGE_CASE',
    description:
      'Valid JSON, but outside the strict profile (floats, negative zero, non-ASCII names, surrogates, noncharacters).',
  },
  Limit: { bugType: 'DOS', description: 'Input at or beyond a size or nesting limit.' },
  LaxPem: {
    bugType: 'EDGE_CASE',
    description:
      'PEM that lax parsers accept (RFC 7468 §3 Figure 2) but the strict form does not: text around a block, headers, other line lengths, whitespace.',
  },
};

/** A case before its tcId is assigned. */
interface Draft {
  readonly comment: string;
  readonly flags: readonly Flag[];
  readonly requirements: readonly string[];
  readonly input: Record<string, unknown>;
  readonly result: 'valid' | 'invalid';
  readonly error?: ErrorCode;
  readonly output?: unknown;
}

const bytesOf = (text: string): Uint8Array => utf8Encode(text);
const b64 = (bytes: Uint8Array): string => base64urlEncode(bytes);
const cat = (...parts: (string | number[])[]): Uint8Array =>
  concatBytes(...parts.map((p) => (typeof p === 'string' ? bytesOf(p) : Uint8Array.from(p))));

function ok(
  comment: string,
  requirements: string[],
  input: Record<string, unknown>,
  output: unknown,
  flags: Flag[] = ['Valid'],
): Draft {
  return { comment, flags, requirements, input, result: 'valid', output };
}

function bad(
  comment: string,
  requirement: string,
  input: Record<string, unknown>,
  flags: Flag[],
  error: ErrorCode = 'ERR_ENCODING',
): Draft {
  return { comment, flags, requirements: [requirement], input, result: 'invalid', error };
}

// --- base64url ------------------------------------------------------------------------------

function base64urlDecodeCases(): Draft[] {
  const rfc4648: [string, string][] = [
    ['', ''],
    ['Zg', '66'],
    ['Zm8', '666f'],
    ['Zm9v', '666f6f'],
    ['Zm9vYg', '666f6f62'],
    ['Zm9vYmE', '666f6f6261'],
    ['Zm9vYmFy', '666f6f626172'],
  ];
  const all = Uint8Array.from({ length: 256 }, (_, i) => i);
  return [
    ...rfc4648.map(([text, hex]) =>
      ok(`RFC 4648 §10: "${text}"`, ['ENC-01'], { text }, { hex }, ['Valid', 'Rfc4648']),
    ),
    ok(
      'the two characters that differ from standard base64 (- and _)',
      ['ENC-01'],
      { text: '-_8' },
      { hex: 'fbff' },
    ),
    ok('every byte value 0..255', ['ENC-01'], { text: b64(all) }, { hex: hexEncode(all) }),
    bad("standard base64 '+' and '/' (the base64url text is \"-_8\")", 'ENC-01', { text: '+/8' }, [
      'NotBase64url',
    ]),
    bad('a character outside the alphabet', 'ENC-01', { text: 'Zm9v*mFy' }, ['NotBase64url']),
    bad('a non-ASCII character (U+00E9)', 'ENC-01', { text: 'Zm9vYm\u00e9y' }, ['NotBase64url']),
    bad('padding "==" (the canonical text is "Zg")', 'ENC-02', { text: 'Zg==' }, [
      'NotBase64url',
      'NonCanonical',
    ]),
    bad('padding "=" (the canonical text is "Zm8")', 'ENC-02', { text: 'Zm8=' }, [
      'NotBase64url',
      'NonCanonical',
    ]),
    bad('a line break in the middle', 'ENC-03', { text: 'Zm9v\nYmFy' }, [
      'NotBase64url',
      'NonCanonical',
    ]),
    bad('a space in the middle', 'ENC-03', { text: 'Zm9v YmFy' }, ['NotBase64url', 'NonCanonical']),
    bad('a trailing CR LF', 'ENC-03', { text: 'Zm9vYmFy\r\n' }, ['NotBase64url', 'NonCanonical']),
    bad('one character: a length of 4k+1', 'ENC-04', { text: 'Z' }, ['NotBase64url']),
    bad('five characters: a length of 4k+1', 'ENC-04', { text: 'Zm9vY' }, ['NotBase64url']),
    bad('non-zero unused bits after 1 byte ("Zh" also decodes to 66)', 'ENC-05', { text: 'Zh' }, [
      'NonCanonical',
    ]),
    bad(
      'non-zero unused bits after 2 bytes ("Zm9" also decodes to 666f)',
      'ENC-05',
      { text: 'Zm9' },
      ['NonCanonical'],
    ),
    bad(
      'all four unused bits set ("A_" would decode to 03, canonically "Aw")',
      'ENC-05',
      { text: 'A_' },
      ['NonCanonical'],
    ),
  ];
}

function base64urlEncodeCases(): Draft[] {
  const hexes = [
    '',
    '66',
    '666f',
    '666f6f',
    '666f6f62',
    'fbff',
    'fbffbf',
    '00',
    '0000',
    'ffffffff',
  ];
  return hexes.map((hex) =>
    ok(
      `encode ${hex === '' ? 'the empty string' : hex}`,
      ['ENC-06'],
      { hex },
      { text: b64(hexDecode(hex)) },
    ),
  );
}

// --- UTF-8 ----------------------------------------------------------------------------------

function utf8DecodeCases(): Draft[] {
  const valid: [string, string][] = [
    ['', 'empty'],
    ['41', 'ASCII'],
    ['c2a9', 'U+00A9, 2 bytes'],
    ['e282ac', 'U+20AC, 3 bytes'],
    ['f09f9880', 'U+1F600, 4 bytes'],
    ['ed9fbf', 'U+D7FF, last code point before the surrogates'],
    ['ee8080', 'U+E000, first code point after the surrogates'],
    ['f48fbfbf', 'U+10FFFF, the last code point'],
    ['efbbbf41', 'a byte order mark is decoded as U+FEFF, not stripped'],
    ['efbfbf', 'U+FFFF, a noncharacter, is well-formed UTF-8'],
  ];
  const invalid: [string, string][] = [
    ['80', 'a stray continuation byte'],
    ['c0af', 'overlong 2-byte form of "/"'],
    ['c1bf', 'overlong 2-byte form (lead byte C1)'],
    ['e080af', 'overlong 3-byte form of "/"'],
    ['f08082af', 'overlong 4-byte form of "/"'],
    ['eda080', 'encoded high surrogate U+D800 (CESU-8 style)'],
    ['edbfbf', 'encoded low surrogate U+DFFF'],
    ['f4908080', 'U+110000, above the last code point'],
    ['f5808080', 'lead byte F5'],
    ['ff', 'byte FF'],
    ['e282', 'truncated 3-byte sequence at the end'],
    ['c241', 'a lead byte followed by ASCII'],
    ['f09f98', 'truncated 4-byte sequence at the end'],
  ];
  return [
    ...valid.map(([hex, what]) =>
      ok(`well-formed: ${what}`, ['ENC-10'], { hex }, { text: utf8Decode(hexDecode(hex)) }),
    ),
    ...invalid.map(([hex, what]) =>
      bad(`ill-formed: ${what}`, 'ENC-10', { hex }, ['IllFormedUtf8']),
    ),
  ];
}

// --- strict JSON parsing --------------------------------------------------------------------

function nested(depth: number): string {
  return '['.repeat(depth) + ']'.repeat(depth);
}

function parseValid(comment: string, bytes: Uint8Array, flags: Flag[] = ['Valid']): Draft {
  // The expected value is computed by the parser under test, then checked independently by the
  // unit test of this suite (it re-derives each value with JSON.parse and compares).
  return ok(comment, ['ENC-13'], { json: b64(bytes) }, { value: parseStrict(bytes) }, flags);
}

function parseInvalid(
  comment: string,
  requirement: string,
  bytes: Uint8Array,
  flags: Flag[],
  error: ErrorCode = 'ERR_ENCODING',
): Draft {
  return bad(comment, requirement, { json: b64(bytes) }, flags, error);
}

function jsonParseStrictCases(): Draft[] {
  const t = (text: string): Uint8Array => bytesOf(text);
  return [
    parseValid('empty object', t('{}')),
    parseValid('empty array', t('[]')),
    parseValid('null', t('null')),
    parseValid('true', t('true')),
    parseValid('false', t('false')),
    parseValid('zero', t('0')),
    parseValid('negative integer', t('-1')),
    parseValid('largest integer 2^53-1', t('9007199254740991')),
    parseValid('smallest integer -(2^53-1)', t('-9007199254740991')),
    parseValid('empty string', t('""')),
    parseValid('nested members in order', t('{"a":1,"b":[true,false,null],"c":{"d":"e"}}')),
    parseValid(
      'RFC 8785 §3.2.2 string, in canonical form',
      t('"\u20ac$\\u000f\\nA\'B\\"\\\\\\\\\\"/"'),
      ['Valid', 'Rfc8785'],
    ),
    parseValid('every short escape', t('"\\b\\t\\n\\f\\r\\"\\\\"'), ['Valid', 'Rfc8785']),
    parseValid(
      'other controls as lower-case \\u00XX, DEL literal',
      cat('"\\u0000\\u001f', [0x7f], '"'),
      ['Valid', 'Rfc8785'],
    ),
    parseValid('"/", U+2028 and U+2029 are literal', t('"/\u2028\u2029"'), ['Valid', 'Rfc8785']),
    parseValid('a non-BMP character as four UTF-8 bytes', t('"\u{1f600}"'), ['Valid', 'Rfc8785']),
    parseValid('U+10FFFD, the last non-noncharacter', t('"\u{10fffd}"')),
    parseValid(
      'RFC 8785 §3.2.3 sorting example names, as string values',
      t('["\\r","1","\u0080","\u00f6","\u20ac","\u{1f600}","\ufb33"]'),
      ['Valid', 'Rfc8785'],
    ),
    parseValid(
      'ASCII names in code-unit order: control < digit < upper < "_" < lower',
      t('{"\\r":1,"1":2,"A":3,"_":4,"a":5}'),
      ['Valid', 'Rfc8785'],
    ),
    parseValid(
      'the empty name sorts first, a prefix before its extensions',
      t('{"":0,"a":1,"aa":2,"b":3}'),
      ['Valid', 'Rfc8785'],
    ),
    parseValid('a member named __proto__ is an ordinary member', t('{"__proto__":{"a":1}}')),
    parseValid(
      `nesting of exactly ${DEFAULT_JSON_MAX_DEPTH} arrays`,
      t(nested(DEFAULT_JSON_MAX_DEPTH)),
      ['Valid', 'Limit'],
    ),

    parseInvalid('empty input', 'ENC-14', t(''), ['NotJson']),
    parseInvalid('unterminated object', 'ENC-14', t('{"a":1'), ['NotJson']),
    parseInvalid('trailing comma in an array', 'ENC-14', t('[1,]'), ['NotJson']),
    parseInvalid('trailing comma in an object', 'ENC-14', t('{"a":1,}'), ['NotJson']),
    parseInvalid('unterminated string', 'ENC-14', t('"abc'), ['NotJson']),
    parseInvalid('leading zero', 'ENC-14', t('01'), ['NotJson']),
    parseInvalid('plus sign', 'ENC-14', t('+1'), ['NotJson']),
    parseInvalid('truncated literal', 'ENC-14', t('tru'), ['NotJson']),
    parseInvalid('NaN is not JSON', 'ENC-14', t('NaN'), ['NotJson']),
    parseInvalid('unknown escape \\x', 'ENC-14', t('"\\x41"'), ['NotJson']),
    parseInvalid('\\u with three hex digits', 'ENC-14', t('"\\u004"'), ['NotJson']),
    parseInvalid('unescaped control character U+0001', 'ENC-14', cat('"a', [0x01], 'b"'), [
      'NotJson',
    ]),
    parseInvalid('unescaped line feed in a string', 'ENC-14', cat('"a', [0x0a], 'b"'), ['NotJson']),
    parseInvalid('bytes after the value', 'ENC-14', t('[1]x'), ['NotJson']),
    parseInvalid('two values', 'ENC-14', t('[1][2]'), ['NotJson']),
    parseInvalid('unquoted member name', 'ENC-14', t('{a:1}'), ['NotJson']),
    parseInvalid('single quotes', 'ENC-14', t("'a'"), ['NotJson']),
    parseInvalid('byte order mark before {}', 'ENC-15', cat([0xef, 0xbb, 0xbf], '{}'), [
      'NonCanonical',
    ]),
    parseInvalid('space before the value', 'ENC-16', t(' {}'), ['NonCanonical']),
    parseInvalid('line feed after the value', 'ENC-16', t('{}\n'), ['NonCanonical']),
    parseInvalid('space after {', 'ENC-16', t('{ "a":1}'), ['NonCanonical']),
    parseInvalid('space before :', 'ENC-16', t('{"a" :1}'), ['NonCanonical']),
    parseInvalid('space after :', 'ENC-16', t('{"a": 1}'), ['NonCanonical']),
    parseInvalid('space after ,', 'ENC-16', t('[1, 2]'), ['NonCanonical']),
    parseInvalid('tab before ]', 'ENC-16', t('[1\t]'), ['NonCanonical']),
    parseInvalid('duplicate name, same value', 'ENC-17', t('{"a":1,"a":1}'), ['DuplicateName']),
    parseInvalid('duplicate name, different values', 'ENC-17', t('{"a":1,"a":2}'), [
      'DuplicateName',
    ]),
    parseInvalid('duplicate name in a nested object', 'ENC-17', t('{"x":{"b":true,"b":false}}'), [
      'DuplicateName',
    ]),
    parseInvalid('members in reverse order', 'ENC-18', t('{"b":1,"a":2}'), ['NonCanonical']),
    parseInvalid('an extension before its prefix', 'ENC-18', t('{"aa":1,"a":2}'), ['NonCanonical']),
    parseInvalid(
      'lower case before upper case (code-unit order puts "B" first)',
      'ENC-18',
      t('{"a":1,"B":2}'),
      ['NonCanonical'],
    ),
    parseInvalid('non-ASCII member name U+00E9', 'ENC-19', t('{"\u00e9":1}'), ['OutOfProfile']),
    parseInvalid(
      'non-ASCII member name U+20AC after an ASCII one',
      'ENC-19',
      t('{"a":1,"\u20ac":2}'),
      ['OutOfProfile'],
    ),
    parseInvalid('fraction with integral value 1.0', 'ENC-20', t('1.0'), [
      'OutOfProfile',
      'NonCanonical',
    ]),
    parseInvalid('fraction 1.5', 'ENC-20', t('1.5'), ['OutOfProfile']),
    parseInvalid('exponent 1e2', 'ENC-20', t('1e2'), ['OutOfProfile', 'NonCanonical']),
    parseInvalid('exponent 1E2', 'ENC-20', t('1E2'), ['OutOfProfile', 'NonCanonical']),
    parseInvalid('fraction inside an array', 'ENC-20', t('[0.5]'), ['OutOfProfile']),
    parseInvalid('2^53, one above the range', 'ENC-21', t('9007199254740992'), ['PrecisionLoss']),
    parseInvalid('-(2^53), one below the range', 'ENC-21', t('-9007199254740992'), [
      'PrecisionLoss',
    ]),
    parseInvalid('2^53+1, which IEEE 754 parsers read as 2^53', 'ENC-21', t('9007199254740993'), [
      'PrecisionLoss',
    ]),
    parseInvalid('a 21-digit integer', 'ENC-21', t('{"n":100000000000000000000}'), [
      'PrecisionLoss',
    ]),
    parseInvalid('negative zero', 'ENC-22', t('-0'), ['OutOfProfile', 'NonCanonical']),
    parseInvalid('negative zero in an array', 'ENC-22', t('[-0]'), [
      'OutOfProfile',
      'NonCanonical',
    ]),
    parseInvalid("'\\/' escape", 'ENC-23', t('"\\/"'), ['NonCanonical']),
    parseInvalid('printable ASCII escaped: \\u0041', 'ENC-23', t('"\\u0041"'), ['NonCanonical']),
    parseInvalid('non-ASCII escaped: \\u00e9', 'ENC-23', t('"\\u00e9"'), ['NonCanonical']),
    parseInvalid('\\u000a instead of \\n', 'ENC-23', t('"\\u000a"'), ['NonCanonical']),
    parseInvalid('\\u0008 instead of \\b', 'ENC-23', t('"\\u0008"'), ['NonCanonical']),
    parseInvalid('\\u0022 instead of \\"', 'ENC-23', t('"\\u0022"'), ['NonCanonical']),
    parseInvalid('\\u005c instead of \\\\', 'ENC-23', t('"\\u005c"'), ['NonCanonical']),
    parseInvalid('upper-case hex digit: \\u001F', 'ENC-23', t('"\\u001F"'), ['NonCanonical']),
    parseInvalid('DEL escaped: \\u007f', 'ENC-23', t('"\\u007f"'), ['NonCanonical']),
    parseInvalid('U+2028 escaped', 'ENC-23', t('"\\u2028"'), ['NonCanonical']),
    parseInvalid('escaped surrogate pair for U+1F600', 'ENC-23', t('"\\ud83d\\ude00"'), [
      'NonCanonical',
      'Rfc8785',
    ]),
    parseInvalid('escaped ASCII in a member name', 'ENC-23', t('{"\\u0061":1}'), ['NonCanonical']),
    parseInvalid('lone high surrogate escape', 'ENC-11', t('"\\ud800"'), ['OutOfProfile']),
    parseInvalid('lone low surrogate escape', 'ENC-11', t('"\\udc00"'), ['OutOfProfile']),
    parseInvalid('high surrogate escape followed by a letter', 'ENC-11', t('"\\ud800a"'), [
      'OutOfProfile',
    ]),
    parseInvalid('surrogates in reverse order', 'ENC-11', t('"\\udc00\\ud800"'), ['OutOfProfile']),
    parseInvalid(
      'ill-formed UTF-8 in a string: stray continuation byte',
      'ENC-10',
      cat('"', [0x80], '"'),
      ['IllFormedUtf8'],
    ),
    parseInvalid(
      'ill-formed UTF-8 in a string: overlong "/"',
      'ENC-10',
      cat('"', [0xc0, 0xaf], '"'),
      ['IllFormedUtf8'],
    ),
    parseInvalid(
      'ill-formed UTF-8 in a string: encoded surrogate',
      'ENC-10',
      cat('"', [0xed, 0xa0, 0x80], '"'),
      ['IllFormedUtf8'],
    ),
    parseInvalid(
      'ill-formed UTF-8 in a string: above U+10FFFF',
      'ENC-10',
      cat('"', [0xf4, 0x90, 0x80, 0x80], '"'),
      ['IllFormedUtf8'],
    ),
    parseInvalid(
      'ill-formed UTF-8 in a string: truncated before the quote',
      'ENC-10',
      cat('"', [0xe2, 0x82], '"'),
      ['IllFormedUtf8'],
    ),
    parseInvalid('ill-formed UTF-8 in a string: byte FF', 'ENC-10', cat('"', [0xff], '"'), [
      'IllFormedUtf8',
    ]),
    parseInvalid('noncharacter U+FDD0', 'ENC-12', t('"\ufdd0"'), ['OutOfProfile']),
    parseInvalid('noncharacter U+FFFE', 'ENC-12', t('"\ufffe"'), ['OutOfProfile']),
    parseInvalid('noncharacter U+FFFF', 'ENC-12', t('"\uffff"'), ['OutOfProfile']),
    parseInvalid('noncharacter U+1FFFF', 'ENC-12', t('"\u{1ffff}"'), ['OutOfProfile']),
    parseInvalid(
      `nesting of ${DEFAULT_JSON_MAX_DEPTH + 1} arrays`,
      'ENC-26',
      t(nested(DEFAULT_JSON_MAX_DEPTH + 1)),
      ['Limit'],
      'ERR_INPUT_TOO_LARGE',
    ),
    parseInvalid(
      `nesting of ${DEFAULT_JSON_MAX_DEPTH + 1} objects`,
      'ENC-26',
      t('{"a":'.repeat(DEFAULT_JSON_MAX_DEPTH + 1) + '{}' + '}'.repeat(DEFAULT_JSON_MAX_DEPTH)),
      ['Limit'],
      'ERR_INPUT_TOO_LARGE',
    ),
  ];
}

/** The size-limit group runs with maxBytes = SMALL_LIMIT. */
const SMALL_LIMIT = 16;

function jsonSizeLimitCases(): Draft[] {
  const exact = bytesOf('"' + 'a'.repeat(SMALL_LIMIT - 2) + '"');
  const over = bytesOf('"' + 'a'.repeat(SMALL_LIMIT - 1) + '"');
  return [
    ok(
      `exactly ${SMALL_LIMIT} bytes with maxBytes ${SMALL_LIMIT}`,
      ['ENC-27'],
      { json: b64(exact) },
      { value: parseStrict(exact) },
      ['Valid', 'Limit'],
    ),
    bad(
      `${SMALL_LIMIT + 1} bytes with maxBytes ${SMALL_LIMIT}`,
      'ENC-27',
      { json: b64(over) },
      ['Limit'],
      'ERR_INPUT_TOO_LARGE',
    ),
  ];
}

// --- canonicalization -----------------------------------------------------------------------

function canonValid(comment: string, json: string, flags: Flag[] = ['Valid']): Draft {
  return ok(
    comment,
    ['ENC-13'],
    { json },
    { canonical: canonicalize(JSON.parse(json) as JsonValue) },
    flags,
  );
}

function canonInvalid(
  comment: string,
  requirement: string,
  json: string,
  flags: Flag[],
  error: ErrorCode = 'ERR_ENCODING',
): Draft {
  return bad(comment, requirement, { json }, flags, error);
}

function jsonCanonicalizeCases(): Draft[] {
  return [
    canonValid(
      'RFC 8785 §3.2.2 example with the numbers replaced by integers',
      '{\n  "numbers": [1, -1, 0, 9007199254740991],\n  "string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/",\n  "literals": [null, true, false]\n}',
      ['Valid', 'Rfc8785'],
    ),
    canonValid(
      'RFC 8785 §3.2.3 sorting example names, as string values',
      '["\\u20ac", "\\r", "\\ufb33", "1", "\\ud83d\\ude00", "\\u0080", "\\u00f6"]',
      ['Valid', 'Rfc8785'],
    ),
    canonValid(
      'ASCII names sorted by code unit',
      '{"b": 1, "a": 2, "_": 3, "A": 4, "1": 5, "": 6, "aa": 7}',
      ['Valid', 'Rfc8785'],
    ),
    canonValid(
      'nested objects sorted at every level',
      '{"z": {"y": [], "x": {}}, "a": [{"b": 1, "a": 0}]}',
    ),
    canonValid('controls, DEL and U+2028', '["\\u0000\\u001F\\u007F\\u2028", "\\b\\t\\n\\f\\r"]', [
      'Valid',
      'Rfc8785',
    ]),
    canonValid('1.0 denotes the integer 1', '[1.0]', ['Valid', 'Rfc8785']),
    canonValid('1e2 denotes the integer 100', '[1e2]', ['Valid', 'Rfc8785']),
    canonValid('0.1e1 denotes the integer 1', '[0.1e1]', ['Valid', 'Rfc8785']),
    canonValid('1e15 prints as a plain integer', '[1e15]', ['Valid', 'Rfc8785']),
    canonValid('largest integers of the profile', '[9007199254740991, -9007199254740991]', [
      'Valid',
      'Rfc8785',
    ]),
    canonValid('a literal non-BMP character stays literal', '"\u{1f600}"', ['Valid', 'Rfc8785']),
    canonInvalid('fraction 0.5', 'ENC-20', '[0.5]', ['OutOfProfile']),
    canonInvalid('RFC 8785 §3.2.2 number 333333333.33333329', 'ENC-20', '[333333333.33333329]', [
      'OutOfProfile',
      'Rfc8785',
    ]),
    canonInvalid('1e400 denotes Infinity', 'ENC-20', '[1e400]', ['OutOfProfile', 'Rfc8785']),
    canonInvalid(
      '2^53 (RFC 8785 Appendix B writes it 9007199254740992)',
      'ENC-21',
      '[9007199254740992]',
      ['PrecisionLoss', 'Rfc8785'],
    ),
    canonInvalid('9007199254740993 denotes 2^53', 'ENC-21', '[9007199254740993]', [
      'PrecisionLoss',
    ]),
    canonInvalid('1e21, which RFC 8785 writes 1e+21', 'ENC-21', '[1e21]', [
      'PrecisionLoss',
      'Rfc8785',
    ]),
    canonInvalid('-(2^53)', 'ENC-21', '[-9007199254740992]', ['PrecisionLoss']),
    canonInvalid('-0, which RFC 8785 writes 0', 'ENC-22', '[-0]', ['OutOfProfile', 'Rfc8785']),
    canonInvalid('-0.0 denotes negative zero', 'ENC-22', '[-0.0]', ['OutOfProfile', 'Rfc8785']),
    canonInvalid(
      'RFC 8785 §3.2.3 sorting example: its names are not ASCII',
      'ENC-19',
      '{"\\u20ac": "Euro Sign", "\\r": "Carriage Return", "\\ufb33": "Hebrew Letter Dalet With Dagesh", "1": "One", "\\ud83d\\ude00": "Emoji: Grinning Face", "\\u0080": "Control", "\\u00f6": "Latin Small Letter O With Diaeresis"}',
      ['OutOfProfile', 'Rfc8785'],
    ),
    canonInvalid('non-ASCII name U+00E9', 'ENC-19', '{"\\u00e9": 1}', ['OutOfProfile']),
    canonInvalid('lone surrogate in a string', 'ENC-11', '["\\ud800"]', ['OutOfProfile']),
    canonInvalid('noncharacter U+FDD0 in a string', 'ENC-12', '["\\ufdd0"]', ['OutOfProfile']),
    canonInvalid(
      `nesting of ${DEFAULT_JSON_MAX_DEPTH + 1} arrays`,
      'ENC-26',
      nested(DEFAULT_JSON_MAX_DEPTH + 1),
      ['Limit'],
      'ERR_INPUT_TOO_LARGE',
    ),
  ];
}

// --- PEM (strict RFC 7468) -------------------------------------------------------------------

const PEM_BYTES = Uint8Array.from({ length: 100 }, (_, i) => (i * 131 + 17) & 0xff); // 136 base64 characters: 64, 64, 8
const PEM_TEXT = pemEncode('CERTIFICATE', PEM_BYTES);
const PEM_LINES = PEM_TEXT.split('\n'); // BEGIN, 64, 64, 8, END, ''

function pemEncodeCases(): Draft[] {
  const cases: [string, string, string][] = [
    ['one byte', 'X509 CRL', '01'],
    [
      '48 bytes: exactly one full line of 64 characters',
      'CERTIFICATE',
      hexEncode(PEM_BYTES.subarray(0, 48)),
    ],
    ['100 bytes: two full lines and a last line of 8', 'CERTIFICATE', hexEncode(PEM_BYTES)],
    ['a label with a space and a digit', 'PUBLIC KEY', 'fbffbf'],
  ];
  return cases.map(([comment, label, hex]) =>
    ok(`encode ${comment}`, ['ENC-33'], { label, hex }, { text: pemEncode(label, hexDecode(hex)) }),
  );
}

function pemDecodeCases(): Draft[] {
  const one = (bytes: Uint8Array): { blocks: string[] } => ({ blocks: [hexEncode(bytes)] });
  const cert = (text: string) => ({ label: 'CERTIFICATE', text });
  const lines = (ls: string[]) => ls.join('\n');
  const b64 = PEM_LINES.slice(1, 4).join('');
  const wrap = (n: number) =>
    `${PEM_LINES[0]}\n${(b64.match(new RegExp(`.{1,${n}}`, 'g')) ?? []).join('\n')}\n${PEM_LINES[4]}\n`;
  const crlA = pemEncode('X509 CRL', PEM_BYTES.subarray(0, 10));
  const crlB = pemEncode('X509 CRL', PEM_BYTES.subarray(10, 80));
  const small = pemEncode('CERTIFICATE', Uint8Array.of(1)); // AQ==
  return [
    ok('the strict form, LF line endings', ['ENC-33'], cert(PEM_TEXT), one(PEM_BYTES)),
    ok(
      'the strict form, CRLF line endings',
      ['ENC-33'],
      cert(PEM_TEXT.replace(/\n/g, '\r\n')),
      one(PEM_BYTES),
    ),
    ok(
      'the strict form, CR line endings (RFC 7468 eol)',
      ['ENC-33'],
      cert(PEM_TEXT.replace(/\n/g, '\r')),
      one(PEM_BYTES),
    ),
    ok(
      'a last line of exactly 64 characters',
      ['ENC-33'],
      cert(pemEncode('CERTIFICATE', PEM_BYTES.subarray(0, 48))),
      one(PEM_BYTES.subarray(0, 48)),
    ),
    ok(
      'two CRL blocks that follow each other directly',
      ['ENC-38'],
      { label: 'X509 CRL', text: crlA + crlB },
      { blocks: [hexEncode(PEM_BYTES.subarray(0, 10)), hexEncode(PEM_BYTES.subarray(10, 80))] },
    ),
    bad('explanatory text before the block', 'ENC-34', cert(`Subject: CN=x\n${PEM_TEXT}`), [
      'LaxPem',
    ]),
    bad('a blank line before the block', 'ENC-34', cert(`\n${PEM_TEXT}`), ['LaxPem']),
    bad('a blank line after the block', 'ENC-34', cert(`${PEM_TEXT}\n`), ['LaxPem']),
    bad('a space after the final line ending', 'ENC-34', cert(`${PEM_TEXT} `), ['LaxPem']),
    bad('empty text', 'ENC-34', cert(''), ['LaxPem']),
    bad(
      'another label than the one expected (X509 CRL for CERTIFICATE)',
      'ENC-35',
      cert(pemEncode('X509 CRL', PEM_BYTES)),
      ['LaxPem'],
    ),
    bad(
      "TRUSTED CERTIFICATE (OpenSSL's auxiliary form) for CERTIFICATE",
      'ENC-35',
      cert(PEM_TEXT.replace('BEGIN CERTIFICATE', 'BEGIN TRUSTED CERTIFICATE')),
      ['LaxPem'],
    ),
    bad(
      'an END label that differs from BEGIN',
      'ENC-35',
      cert(PEM_TEXT.replace('END CERTIFICATE', 'END X509 CRL')),
      ['LaxPem'],
    ),
    bad('a lower-case label', 'ENC-35', cert(PEM_TEXT.replace(/CERTIFICATE/g, 'certificate')), [
      'LaxPem',
    ]),
    bad(
      'a space after the BEGIN boundary',
      'ENC-36',
      cert(PEM_TEXT.replace('CERTIFICATE-----\n', 'CERTIFICATE----- \n')),
      ['LaxPem'],
    ),
    bad('no line ending after the END boundary', 'ENC-36', cert(PEM_TEXT.slice(0, -1)), ['LaxPem']),
    bad(
      'an RFC 1421 header line',
      'ENC-36',
      cert(lines([PEM_LINES[0] as string, 'Proc-Type: 4,ENCRYPTED', ...PEM_LINES.slice(1)])),
      ['LaxPem'],
    ),
    bad(
      'a blank line inside the block',
      'ENC-36',
      cert(lines([PEM_LINES[0] as string, '', ...PEM_LINES.slice(1)])),
      ['LaxPem'],
    ),
    bad('the base64 wrapped at 76 characters (MIME)', 'ENC-36', cert(wrap(76)), ['LaxPem']),
    bad('the base64 wrapped at 60 characters', 'ENC-36', cert(wrap(60)), ['LaxPem']),
    bad('the base64 on one line of 136 characters', 'ENC-36', cert(wrap(136)), ['LaxPem']),
    bad(
      'a last line without its padding ("AQ" for "AQ==")',
      'ENC-36',
      cert(small.replace('AQ==', 'AQ')),
      ['LaxPem', 'NonCanonical'],
    ),
    bad(
      'no base64 line at all',
      'ENC-36',
      cert('-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n'),
      ['LaxPem'],
    ),
    bad('no END boundary', 'ENC-36', cert('-----BEGIN CERTIFICATE-----\nAQ==\n'), ['LaxPem']),
    bad(
      'base64url characters - and _',
      'ENC-37',
      cert(pemEncode('CERTIFICATE', Uint8Array.of(0xfb, 0xff, 0xbf)).replace('+/+/', '-_-_')),
      ['LaxPem', 'NotBase64url'],
    ),
    bad(
      'a space inside a base64 line',
      'ENC-37',
      cert(pemEncode('CERTIFICATE', Uint8Array.of(0xfb, 0xff, 0xbf)).replace('+/+/', '+/ /')),
      ['LaxPem'],
    ),
    bad(
      'a non-ASCII character inside a base64 line',
      'ENC-37',
      cert(pemEncode('CERTIFICATE', Uint8Array.of(0xfb, 0xff, 0xbf)).replace('+/+/', '+/+\u00e9')),
      ['LaxPem'],
    ),
    bad(
      'non-zero unused bits before the padding ("AR==" also decodes to 01)',
      'ENC-37',
      cert(small.replace('AQ==', 'AR==')),
      ['LaxPem', 'NonCanonical'],
    ),
    bad(
      'padding inside the text, not at its end',
      'ENC-37',
      cert(PEM_TEXT.replace(/^(.{60})..../m, '$1AQ==')),
      ['LaxPem'],
    ),
    bad(
      'a blank line between two blocks',
      'ENC-34',
      { label: 'X509 CRL', text: `${crlA}\n${crlB}` },
      ['LaxPem'],
    ),
    bad(
      'a comment line between two blocks',
      'ENC-34',
      { label: 'X509 CRL', text: `${crlA}# next\n${crlB}` },
      ['LaxPem'],
    ),
    bad(
      'a second block with another label',
      'ENC-35',
      { label: 'X509 CRL', text: crlA + PEM_TEXT },
      ['LaxPem'],
    ),
    bad(
      'text one character longer than the limit',
      'ENC-39',
      { ...cert(PEM_TEXT), maxLength: PEM_TEXT.length - 1 },
      ['Limit'],
      'ERR_INPUT_TOO_LARGE',
    ),
    ok(
      'text exactly at the limit',
      ['ENC-39'],
      { ...cert(PEM_TEXT), maxLength: PEM_TEXT.length },
      one(PEM_BYTES),
      ['Valid', 'Limit'],
    ),
  ];
}

// --- the suite ------------------------------------------------------------------------------

function group(
  type: string,
  shared: Record<string, unknown>,
  drafts: readonly Draft[],
  next: () => number,
): VectorGroup {
  const tests: VectorTest[] = drafts.map((d) => {
    const test: VectorTest = {
      tcId: next(),
      comment: d.comment,
      flags: d.flags,
      requirements: d.requirements,
      input: d.input,
      result: d.result,
    };
    if (d.error !== undefined) return { ...test, error: d.error };
    if (d.output !== undefined) return { ...test, output: d.output };
    return test;
  });
  return { type, ...shared, tests };
}

function generate(): VectorFile {
  let tcId = 0;
  const next = (): number => ++tcId;
  const testGroups = [
    group('base64url-decode', {}, base64urlDecodeCases(), next),
    group('base64url-encode', {}, base64urlEncodeCases(), next),
    group('utf8-decode', {}, utf8DecodeCases(), next),
    group(
      'json-parse-strict',
      { maxBytes: DEFAULT_JSON_MAX_BYTES, maxDepth: DEFAULT_JSON_MAX_DEPTH },
      jsonParseStrictCases(),
      next,
    ),
    group(
      'json-parse-strict',
      { maxBytes: SMALL_LIMIT, maxDepth: DEFAULT_JSON_MAX_DEPTH },
      jsonSizeLimitCases(),
      next,
    ),
    group('json-canonicalize', { maxDepth: DEFAULT_JSON_MAX_DEPTH }, jsonCanonicalizeCases(), next),
    group('pem-encode', {}, pemEncodeCases(), next),
    group('pem-decode', {}, pemDecodeCases(), next),
  ];
  return {
    schema: 'jitsuin-vectors-v1',
    suite: 'encoding',
    specVersion: SPEC_VERSION,
    numberOfTests: tcId,
    notes: NOTES,
    testGroups,
  };
}

/** The generator of `vectors/encoding.json`. */
export const encodingGenerator: VectorGenerator = { name: 'encoding', generate };
