/**
 * Strict standard base64 with padding (RFC 4648 §4), the encoding of every binary field of signed
 * notes, checkpoints, tlog-proofs and vkeys. Only the canonical text of each byte string decodes.
 * @module
 */
import { type ErrorCode } from '../../errors.js';
import { fail } from '../../internal/fail.js';
import {
  base64DecodeTable,
  decodeBase64Characters,
  encodeBase64Alphabet,
} from '../../encoding/base64url.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DECODE = base64DecodeTable(ALPHABET);

/** Standard base64 with `=` padding. @internal */
export function b64Encode(bytes: Uint8Array): string {
  return encodeBase64Alphabet(bytes, ALPHABET, true);
}

/**
 * Decodes canonical standard base64 (length a multiple of 4, padding only at the end, zero unused
 * bits, no whitespace) or fails with `code` and `requirement`. The empty string decodes to no bytes.
 * @internal
 */
export function b64DecodeStrict(
  text: string,
  what: string,
  code: ErrorCode,
  requirement: string,
): Uint8Array {
  const len = text.length;
  if (len % 4 !== 0)
    fail(code, `${what}: base64 length ${len} is not a multiple of 4`, requirement);
  if (len === 0) return new Uint8Array(0);
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const { bytes, unusedBits } = decodeBase64Characters(
    text,
    len - pad,
    DECODE,
    (len / 4) * 3 - pad,
    (i) =>
      fail(
        code,
        `${what}: character ${JSON.stringify(text[i])} at offset ${i} is not standard base64`,
        requirement,
      ),
  );
  if (unusedBits !== 0)
    fail(code, `${what}: non-zero bits before the padding (non-canonical base64)`, requirement);
  return bytes;
}
