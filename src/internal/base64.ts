/**
 * Strict standard base64 with padding (RFC 4648 §4): the encoding of `x5c` elements
 * (RFC 7515 §4.1.6) and of every binary field of signed notes, checkpoints, tlog-proofs and vkeys.
 * Only the canonical text of each byte string decodes. @module
 */
import type { ErrorCode } from '../errors.js';
import { fail } from './fail.js';
import {
  base64DecodeTable,
  decodeBase64Characters,
  encodeBase64Alphabet,
} from '../encoding/base64url.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DECODE = base64DecodeTable(ALPHABET);

/** Encodes bytes as standard base64 with `=` padding. @internal */
export function base64Encode(bytes: Uint8Array): string {
  return encodeBase64Alphabet(bytes, ALPHABET, true);
}

/**
 * Decodes canonical standard base64: length a multiple of 4, `=` only as the last one or two
 * characters, no whitespace, no base64url characters, zero unused bits. The empty text is the
 * canonical encoding of no bytes; a field that must not be empty says so itself. Any failure is
 * reported with `code` and `requirement` (the caller's rule), never a generic code.
 * @internal
 */
export function base64DecodeStrict(
  text: string,
  what: string,
  code: ErrorCode,
  requirement: string,
): Uint8Array {
  const len = text.length;
  if (len === 0) return new Uint8Array(0);
  if (len % 4 !== 0)
    fail(code, `${what}: base64 length ${len} is not a multiple of 4`, requirement);
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const { bytes, unusedBits } = decodeBase64Characters(
    text,
    len - pad,
    DECODE,
    (len / 4) * 3 - pad,
    (i) => {
      const ch = JSON.stringify(text[i]);
      const hint = ch === '"-"' || ch === '"_"' ? ' (base64url is not standard base64)' : '';
      return fail(
        code,
        `${what}: character ${ch} at offset ${i} is not standard base64${hint}`,
        requirement,
      );
    },
  );
  if (unusedBits !== 0)
    fail(
      code,
      `${what}: non-zero unused bits before the padding (non-canonical base64)`,
      requirement,
    );
  return bytes;
}
