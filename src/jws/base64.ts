/**
 * Strict standard base64 with padding (RFC 4648 §4), the encoding of `x5c` elements
 * (RFC 7515 §4.1.6). Only the canonical text of each byte string is accepted. @internal @module
 */
import { fail } from '../errors.js';
import { encodeBase64Alphabet } from '../encoding/base64url.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DECODE = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i;

/** Encodes bytes as standard base64 with `=` padding. @internal */
export function base64Encode(bytes: Uint8Array): string {
  return encodeBase64Alphabet(bytes, ALPHABET, true);
}

/**
 * Decodes canonical standard base64: length a multiple of 4, `=` only as the last one or two
 * characters, no whitespace, no base64url characters, zero unused bits. Any failure is reported
 * with `code` and `requirement` (the caller's rule), never with a generic code. @internal
 */
export function base64DecodeStrict(text: string, what: string, code: 'ERR_JWS_X5C', requirement: string): Uint8Array {
  const len = text.length;
  if (len === 0 || len % 4 !== 0) fail(code, `${what}: base64 length ${len} is not a positive multiple of 4`, requirement);
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const body = len - pad;
  const out = new Uint8Array((len / 4) * 3 - pad);
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < body; i++) {
    const c = text.charCodeAt(i);
    const v = c < 128 ? (DECODE[c] as number) : -1;
    if (v < 0) {
      const ch = JSON.stringify(text[i]);
      const hint = ch === '"-"' || ch === '"_"' ? ' (base64url is not allowed in x5c)' : '';
      fail(code, `${what}: character ${ch} at offset ${i} is not standard base64${hint}`, requirement);
    }
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >>> bits) & 0xff;
    }
    acc &= (1 << bits) - 1;
  }
  if (acc !== 0) fail(code, `${what}: non-zero unused bits before the padding (non-canonical base64)`, requirement);
  return out;
}
