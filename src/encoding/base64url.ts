/** Strict base64url without padding (RFC 4648 §5), as JWS uses it. @module */
import { fail } from '../errors.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const DECODE = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i;

/** Encodes bytes as base64url without padding. */
export function base64urlEncode(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8) | (bytes[i + 2] as number);
    out += ALPHABET[n >>> 18]! + ALPHABET[(n >>> 12) & 63]! + ALPHABET[(n >>> 6) & 63]! + ALPHABET[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = (bytes[i] as number) << 16;
    out += ALPHABET[n >>> 18]! + ALPHABET[(n >>> 12) & 63]!;
  } else if (rest === 2) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8);
    out += ALPHABET[n >>> 18]! + ALPHABET[(n >>> 12) & 63]! + ALPHABET[(n >>> 6) & 63]!;
  }
  return out;
}

/**
 * Decodes base64url without padding. Rejects padding, whitespace, characters outside the
 * base64url alphabet, an impossible length (4k+1) and non-zero trailing bits, so that every byte
 * string has exactly one accepted encoding ([ENC-01]).
 */
export function base64urlDecode(text: string, what = 'base64url input'): Uint8Array {
  if (typeof text !== 'string') fail('ERR_ENCODING', `${what}: expected a string`, 'ENC-01');
  const len = text.length;
  if (len % 4 === 1) fail('ERR_ENCODING', `${what}: impossible length ${len}`, 'ENC-01');
  const out = new Uint8Array(Math.floor((len * 3) / 4));
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < len; i++) {
    const c = text.charCodeAt(i);
    const v = c < 128 ? (DECODE[c] as number) : -1;
    if (v < 0) fail('ERR_ENCODING', `${what}: character ${JSON.stringify(text[i])} at offset ${i} is not base64url`, 'ENC-01');
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >>> bits) & 0xff;
    }
    acc &= (1 << bits) - 1;
  }
  if (acc !== 0) fail('ERR_ENCODING', `${what}: non-zero trailing bits (non-canonical encoding)`, 'ENC-01');
  return out;
}
