/** Strict base64url without padding (RFC 4648 §5), as JWS uses it. @module */
import { fail } from '../internal/fail.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const DECODE = base64DecodeTable(ALPHABET);

/** The value of each ASCII character in a 64-character `alphabet`, -1 for the others. @internal */
export function base64DecodeTable(alphabet: string): Int16Array {
  const table = new Int16Array(128).fill(-1);
  for (let i = 0; i < alphabet.length; i++) table[alphabet.charCodeAt(i)] = i;
  return table;
}

/**
 * Decodes the characters `text[0..end)` with `table` into `outLength` bytes, calling
 * `badCharacter(i)` (which throws) on the first character outside the alphabet. Returns the bytes
 * and the unused low bits of the last character, which canonical text has zero. Shared by
 * base64url and the standard base64 of JWS `x5c`. @internal
 */
export function decodeBase64Characters(
  text: string,
  end: number,
  table: Int16Array,
  outLength: number,
  badCharacter: (i: number) => never,
): { bytes: Uint8Array; unusedBits: number } {
  const bytes = new Uint8Array(outLength);
  let o = 0;
  let i = 0;
  // Whole groups of four characters make three bytes each. A character beyond 127 forces -1 and one
  // outside the alphabet maps to -1 in the table, so any bad character makes `n` negative.
  for (const whole = end - (end % 4); i < whole; i += 4) {
    const c0 = text.charCodeAt(i);
    const c1 = text.charCodeAt(i + 1);
    const c2 = text.charCodeAt(i + 2);
    const c3 = text.charCodeAt(i + 3);
    const n =
      (c0 | c1 | c2 | c3) > 127
        ? -1
        : ((table[c0] as number) << 18) |
          ((table[c1] as number) << 12) |
          ((table[c2] as number) << 6) |
          (table[c3] as number);
    if (n < 0) {
      for (let j = i; j < i + 4; j++) if (sextet(text, j, table) < 0) badCharacter(j);
    }
    bytes[o++] = n >>> 16;
    bytes[o++] = (n >>> 8) & 0xff;
    bytes[o++] = n & 0xff;
  }
  // The last one to three characters, bit by bit.
  let acc = 0;
  let bits = 0;
  for (; i < end; i++) {
    const v = sextet(text, i, table);
    if (v < 0) badCharacter(i);
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[o++] = (acc >>> bits) & 0xff;
    }
    acc &= (1 << bits) - 1;
  }
  return { bytes, unusedBits: acc };
}

/** The value of `text[i]` in `table`, -1 outside it. */
function sextet(text: string, i: number, table: Int16Array): number {
  const c = text.charCodeAt(i);
  return c < 128 ? (table[c] as number) : -1;
}

/** Encodes bytes as base64url without padding: the one canonical encoding ([ENC-06]). */
export function base64urlEncode(bytes: Uint8Array): string {
  if (!(bytes instanceof Uint8Array))
    fail('ERR_INVALID_ARGUMENT', 'base64urlEncode: expected a Uint8Array');
  return encodeBase64Alphabet(bytes, ALPHABET, false);
}

/**
 * RFC 4648 encoding of `bytes` with a 64-character `alphabet`, with `=` padding to a multiple of
 * four characters when `pad` is set. Shared by base64url and the standard base64 of JWS `x5c`.
 * @internal
 */
export function encodeBase64Alphabet(bytes: Uint8Array, alphabet: string, pad: boolean): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n =
      ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8) | (bytes[i + 2] as number);
    out +=
      alphabet[n >>> 18]! +
      alphabet[(n >>> 12) & 63]! +
      alphabet[(n >>> 6) & 63]! +
      alphabet[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = (bytes[i] as number) << 16;
    out += alphabet[n >>> 18]! + alphabet[(n >>> 12) & 63]! + (pad ? '==' : '');
  } else if (rest === 2) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8);
    out +=
      alphabet[n >>> 18]! +
      alphabet[(n >>> 12) & 63]! +
      alphabet[(n >>> 6) & 63]! +
      (pad ? '=' : '');
  }
  return out;
}

/**
 * Decodes base64url without padding, accepting only the canonical encoding so that every byte
 * string has exactly one accepted text. Rejects, in this order of checking: characters outside the
 * alphabet such as `+` and `/` ([ENC-01]), padding `=` ([ENC-02]), whitespace and line breaks
 * ([ENC-03]), a length of 4k+1 characters ([ENC-04]) and non-zero unused trailing bits ([ENC-05]).
 */
export function base64urlDecode(text: string, what = 'base64url input'): Uint8Array {
  if (typeof text !== 'string') fail('ERR_INVALID_ARGUMENT', `${what}: expected a string`);
  const len = text.length;
  const { bytes, unusedBits } = decodeBase64Characters(
    text,
    len,
    DECODE,
    Math.floor((len * 6) / 8),
    (i) => rejectCharacter(text, i, what),
  );
  if (len % 4 === 1)
    fail(
      'ERR_ENCODING',
      `${what}: length ${len} is 1 more than a multiple of 4, which no byte string encodes to`,
      'ENC-04',
    );
  if (unusedBits !== 0)
    fail(
      'ERR_ENCODING',
      `${what}: non-zero unused trailing bits in the last character (non-canonical encoding)`,
      'ENC-05',
    );
  return bytes;
}

/**
 * Decodes a base64url binary field whose length the spec fixes (a 32-byte nonce, a 16-byte
 * identifier): the text must be strict base64url and decode to exactly `length` bytes ([ENC-07]).
 */
export function decodeFixedBase64url(
  text: string,
  length: number,
  what = 'binary field',
): Uint8Array {
  if (!Number.isSafeInteger(length) || length < 0)
    fail('ERR_INVALID_ARGUMENT', `${what}: length must be a non-negative integer`);
  if (typeof text !== 'string')
    fail('ERR_ENCODING', `${what}: expected a base64url string`, 'ENC-07');
  // Bound the work before decoding: the canonical text of `length` bytes has this many characters.
  const expected = Math.floor(length / 3) * 4 + (length % 3 === 0 ? 0 : (length % 3) + 1);
  if (text.length > expected + 4)
    fail(
      'ERR_ENCODING',
      `${what}: ${text.length} characters, expected ${expected} (${length} bytes)`,
      'ENC-07',
    );
  const bytes = base64urlDecode(text, what);
  if (bytes.length !== length)
    fail(
      'ERR_ENCODING',
      `${what}: decodes to ${bytes.length} bytes, expected exactly ${length}`,
      'ENC-07',
    );
  return bytes;
}

function rejectCharacter(text: string, i: number, what: string): never {
  const ch = text[i] as string;
  const where = `${what}: character ${JSON.stringify(ch)} at offset ${i}`;
  if (ch === '=') fail('ERR_ENCODING', `${where}: padding is not allowed`, 'ENC-02');
  if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === '\f' || ch === '\v') {
    fail('ERR_ENCODING', `${where}: whitespace is not allowed`, 'ENC-03');
  }
  if (ch === '+' || ch === '/')
    fail('ERR_ENCODING', `${where} belongs to standard base64, not base64url`, 'ENC-01');
  return fail('ERR_ENCODING', `${where} is not in the base64url alphabet`, 'ENC-01');
}
