/**
 * UTF-8 (RFC 3629) that rejects ill-formed input instead of replacing it. The decoder is written
 * out rather than delegated to `TextDecoder` so that it behaves identically on every runtime
 * (Hermes ships no fatal `TextDecoder`) and can say at which byte offset and why input is rejected.
 * @module
 */
import { fail } from '../internal/fail.js';

const encoder = new TextEncoder();

/** Code units collected before they are flushed into the result string. */
const FLUSH_UNITS = 4096;

/**
 * Encodes a string as UTF-8. Rejects lone surrogates, which have no UTF-8 form ([ENC-11]), instead
 * of silently replacing them with U+FFFD as `TextEncoder` would.
 */
export function utf8Encode(text: string, what = 'text'): Uint8Array {
  if (typeof text !== 'string') fail('ERR_INVALID_ARGUMENT', `${what}: expected a string`);
  const bad = findLoneSurrogate(text);
  if (bad >= 0) {
    fail(
      'ERR_ENCODING',
      `${what}: lone surrogate ${codeUnitName(text.charCodeAt(bad))} at index ${bad} has no UTF-8 form`,
      'ENC-11',
    );
  }
  return encoder.encode(text);
}

/**
 * Decodes UTF-8. Rejects every ill-formed sequence of RFC 3629 §4 — stray continuation bytes,
 * overlong forms, encoded surrogates, code points above U+10FFFF and truncated sequences — with
 * the byte offset of the first one ([ENC-10]). A leading byte order mark is kept as U+FEFF, never
 * stripped.
 */
export function utf8Decode(bytes: Uint8Array, what = 'UTF-8 input'): string {
  if (!(bytes instanceof Uint8Array))
    fail('ERR_INVALID_ARGUMENT', `${what}: expected a Uint8Array`);
  let out = '';
  const units: number[] = [];
  for (let i = 0; i < bytes.length;) {
    const c = bytes[i] as number;
    if (c < 0x80) {
      units.push(c);
      i++;
    } else {
      const len = utf8SequenceLength(bytes, i);
      if (len === 0)
        fail(
          'ERR_ENCODING',
          `${what}: ill-formed UTF-8 at byte offset ${i}: ${utf8ErrorReason(bytes, i)}`,
          'ENC-10',
        );
      pushCodePoint(units, decodeSequence(bytes, i, len));
      i += len;
    }
    if (units.length >= FLUSH_UNITS) {
      out += String.fromCharCode(...units);
      units.length = 0;
    }
  }
  return out + String.fromCharCode(...units);
}

/**
 * Length (2–4) of the well-formed multi-byte UTF-8 sequence starting at `bytes[i]`, or 0 when the
 * sequence is ill-formed. The ranges are those of RFC 3629 §4 (Unicode Table 3-7), which exclude
 * overlong forms, surrogates and code points above U+10FFFF by construction.
 * @internal
 */
export function utf8SequenceLength(bytes: Uint8Array, i: number): number {
  const c = bytes[i] as number;
  if (c < 0x80) return 1;
  if (c < 0xc2 || c > 0xf4) return 0;
  const n = bytes.length;
  if (c < 0xe0) return i + 1 < n && isContinuation(bytes[i + 1] as number) ? 2 : 0;
  if (c < 0xf0) {
    if (i + 2 >= n) return 0;
    const c1 = bytes[i + 1] as number;
    const lo = c === 0xe0 ? 0xa0 : 0x80;
    const hi = c === 0xed ? 0x9f : 0xbf;
    return c1 >= lo && c1 <= hi && isContinuation(bytes[i + 2] as number) ? 3 : 0;
  }
  if (i + 3 >= n) return 0;
  const c1 = bytes[i + 1] as number;
  const lo = c === 0xf0 ? 0x90 : 0x80;
  const hi = c === 0xf4 ? 0x8f : 0xbf;
  return c1 >= lo &&
    c1 <= hi &&
    isContinuation(bytes[i + 2] as number) &&
    isContinuation(bytes[i + 3] as number)
    ? 4
    : 0;
}

/** The code point of a sequence already checked by {@link utf8SequenceLength}. @internal */
export function decodeSequence(bytes: Uint8Array, i: number, len: number): number {
  const c = bytes[i] as number;
  if (len === 2) return ((c & 0x1f) << 6) | ((bytes[i + 1] as number) & 0x3f);
  if (len === 3)
    return (
      ((c & 0x0f) << 12) |
      (((bytes[i + 1] as number) & 0x3f) << 6) |
      ((bytes[i + 2] as number) & 0x3f)
    );
  return (
    ((c & 0x07) << 18) |
    (((bytes[i + 1] as number) & 0x3f) << 12) |
    (((bytes[i + 2] as number) & 0x3f) << 6) |
    ((bytes[i + 3] as number) & 0x3f)
  );
}

/** Appends a code point as one or two UTF-16 code units. @internal */
export function pushCodePoint(units: number[], cp: number): void {
  if (cp < 0x10000) units.push(cp);
  else units.push(0xd800 + ((cp - 0x10000) >> 10), 0xdc00 + ((cp - 0x10000) & 0x3ff));
}

/** Why the sequence at `bytes[i]` is ill-formed, in words, for error messages. @internal */
export function utf8ErrorReason(bytes: Uint8Array, i: number): string {
  const c = bytes[i] as number;
  const hex = (b: number): string => '0x' + b.toString(16).padStart(2, '0');
  if (c >= 0x80 && c < 0xc0) return `unexpected continuation byte ${hex(c)}`;
  if (c === 0xc0 || c === 0xc1) return `overlong encoding (lead byte ${hex(c)})`;
  if (c > 0xf4) return `byte ${hex(c)} never occurs in UTF-8`;
  const need = c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
  for (let k = 1; k < need; k++) {
    const b = bytes[i + k];
    if (b === undefined) return `truncated ${need}-byte sequence`;
    if (k === 1) {
      if (c === 0xe0 && b >= 0x80 && b < 0xa0) return 'overlong 3-byte encoding';
      if (c === 0xed && b >= 0xa0 && b < 0xc0) return 'encoded surrogate (U+D800..U+DFFF)';
      if (c === 0xf0 && b >= 0x80 && b < 0x90) return 'overlong 4-byte encoding';
      if (c === 0xf4 && b >= 0x90 && b < 0xc0) return 'code point above U+10FFFF';
    }
    if (!isContinuation(b))
      return `truncated ${need}-byte sequence (byte ${hex(b)} at offset ${i + k} is not a continuation byte)`;
  }
  return 'ill-formed sequence';
}

/** Index of the first lone surrogate code unit in `s`, or -1 when `s` is well-formed UTF-16. @internal */
export function findLoneSurrogate(s: string): number {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    if (c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        i++;
        continue;
      }
    }
    return i;
  }
  return -1;
}

/** `U+XXXX` notation of a code point or code unit. @internal */
export function codeUnitName(c: number): string {
  return 'U+' + c.toString(16).toUpperCase().padStart(4, '0');
}

function isContinuation(b: number): boolean {
  return (b & 0xc0) === 0x80;
}
