/**
 * Strict PEM (RFC 7468 §3, Figure 3 "stricttextualmsg"): the file form of certificates and CRLs
 * beside the DER every API takes (`spec/encoding.md` §8). Only the strict form is read, so one DER
 * value has one PEM text up to the line ending; anything laxer (headers, text around the block,
 * short lines, whitespace) is an error rather than a guess.
 * @module
 */
import { fail } from '../internal/fail.js';
import { base64DecodeTable, decodeBase64Characters, encodeBase64Alphabet } from './base64url.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DECODE = base64DecodeTable(ALPHABET);

/** Default bound on the PEM text read, in characters (8 MiB: a large CRL fits) ([ENC-39]). */
export const DEFAULT_PEM_MAX_LENGTH = 8 * 1024 * 1024;

/** Options of {@link pemDecode} and {@link pemDecodeAll}. */
export interface PemDecodeOptions {
  /** Most characters of PEM text read (default {@link DEFAULT_PEM_MAX_LENGTH}). */
  readonly maxLength?: number;
}

// RFC 7468 label: printable ASCII except '-', single '-' or space allowed between label characters.
const LABEL = /^[\x21-\x2c\x2e-\x7e]+(?:[- ][\x21-\x2c\x2e-\x7e]+)*$/;

function checkLabel(label: unknown, where: string): asserts label is string {
  if (typeof label !== 'string' || !LABEL.test(label))
    fail(
      'ERR_INVALID_ARGUMENT',
      `${where}: the label must be an RFC 7468 label such as "CERTIFICATE", got ${JSON.stringify(label)}`,
    );
}

/**
 * Encodes DER bytes as strict PEM: `-----BEGIN label-----`, base64 in lines of 64 characters,
 * `-----END label-----`, each line ended by a line feed ([ENC-33]).
 *
 * @example
 * ```ts
 * import { pemEncode } from 'jitsuin/encoding';
 * await writeFile('leaf.pem', pemEncode('CERTIFICATE', certificateDer));
 * ```
 */
export function pemEncode(label: string, der: Uint8Array): string {
  checkLabel(label, 'pemEncode');
  if (!(der instanceof Uint8Array))
    fail('ERR_INVALID_ARGUMENT', 'pemEncode: expected the DER as a Uint8Array');
  if (der.length === 0)
    fail('ERR_INVALID_ARGUMENT', 'pemEncode: the strict form cannot encode zero bytes');
  const b64 = encodeBase64Alphabet(der, ALPHABET, true);
  let body = '';
  for (let i = 0; i < b64.length; i += 64) body += `${b64.slice(i, i + 64)}\n`;
  return `-----BEGIN ${label}-----\n${body}-----END ${label}-----\n`;
}

/**
 * Decodes exactly one strict PEM block with the expected `label` (e.g. `'CERTIFICATE'`,
 * `'X509 CRL'`) and returns its bytes. Nothing may precede or follow the block but its final line
 * ending ([ENC-34]); the bytes are not parsed (pass them to the DER API that consumes them).
 * Accepts the text as a string or as its ASCII bytes (e.g. a file read without an encoding).
 *
 * @example
 * ```ts
 * import { pemDecode } from 'jitsuin/encoding';
 * const root = pemDecode(await readFile('root-ca.pem'), 'CERTIFICATE');
 * ```
 */
export function pemDecode(
  text: string | Uint8Array,
  label: string,
  options: PemDecodeOptions = {},
): Uint8Array {
  const blocks = decodeBlocks(text, label, options, 'pemDecode');
  if (blocks.length !== 1)
    fail(
      'ERR_ENCODING',
      `pemDecode: expected one ${label} block, found ${blocks.length}`,
      'ENC-34',
    );
  return blocks[0] as Uint8Array;
}

/**
 * Decodes a sequence of one or more strict PEM blocks, all with `label`, that follow each other
 * directly (a certificate bundle, a file of CRLs) ([ENC-38]); returns their bytes in order.
 *
 * @example
 * ```ts
 * import { pemDecodeAll } from 'jitsuin/encoding';
 * const crls = pemDecodeAll(await readFile('crls.pem'), 'X509 CRL');
 * ```
 */
export function pemDecodeAll(
  text: string | Uint8Array,
  label: string,
  options: PemDecodeOptions = {},
): Uint8Array[] {
  return decodeBlocks(text, label, options, 'pemDecodeAll');
}

function asText(text: unknown, where: string, maxLength: number): string {
  let s: string;
  if (typeof text === 'string') {
    if (text.length > maxLength)
      fail(
        'ERR_INPUT_TOO_LARGE',
        `${where}: ${text.length} characters exceed the limit of ${maxLength}`,
        'ENC-39',
      );
    s = text;
  } else if (text instanceof Uint8Array) {
    if (text.length > maxLength)
      fail(
        'ERR_INPUT_TOO_LARGE',
        `${where}: ${text.length} bytes exceed the limit of ${maxLength}`,
        'ENC-39',
      );
    s = '';
    for (let i = 0; i < text.length; i++) {
      const b = text[i] as number;
      if (b > 0x7e)
        fail(
          'ERR_ENCODING',
          `${where}: byte 0x${b.toString(16)} at offset ${i} is not ASCII text`,
          'ENC-37',
        );
      s += String.fromCharCode(b);
    }
  } else {
    return fail(
      'ERR_INVALID_ARGUMENT',
      `${where}: expected the PEM text as a string or Uint8Array`,
    );
  }
  return s;
}

/** Length of the line ending (CRLF, LF or CR) at `i`, 0 when there is none. */
function eolAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c === 0x0a) return 1;
  if (c === 0x0d) return s.charCodeAt(i + 1) === 0x0a ? 2 : 1;
  return 0;
}

/** Index of the next CR or LF at or after `i` (the string's length when there is none). */
function lineEnd(s: string, i: number): number {
  let j = i;
  while (j < s.length) {
    const c = s.charCodeAt(j);
    if (c === 0x0a || c === 0x0d) break;
    j++;
  }
  return j;
}

function decodeBlocks(
  input: unknown,
  label: unknown,
  options: PemDecodeOptions,
  where: string,
): Uint8Array[] {
  checkLabel(label, where);
  const maxLength = options.maxLength ?? DEFAULT_PEM_MAX_LENGTH;
  if (!Number.isSafeInteger(maxLength) || maxLength < 0)
    fail('ERR_INVALID_ARGUMENT', `${where}: maxLength must be a non-negative integer`);
  const s = asText(input, where, maxLength);
  const begin = `-----BEGIN ${label}-----`;
  const end = `-----END ${label}-----`;
  const blocks: Uint8Array[] = [];
  let i = 0;
  do {
    // Pre-encapsulation boundary, exactly, then a line ending ([ENC-34], [ENC-35]).
    if (!s.startsWith(begin, i) || eolAt(s, i + begin.length) === 0) {
      if (s.startsWith('-----BEGIN ', i)) boundaryProblem(s, i, 'BEGIN', label, where);
      fail(
        'ERR_ENCODING',
        `${where}: expected "${begin}" at offset ${i}${i === 0 ? ' (no text may precede the block)' : ''}`,
        'ENC-34',
      );
    }
    i += begin.length + eolAt(s, i + begin.length);
    // Base64 lines up to the post-encapsulation boundary: all 64 characters but the last, which has
    // 4..64 (a multiple of 4) and carries the padding ([ENC-36], [ENC-37]).
    let b64 = '';
    let lastLength = -1;
    for (;;) {
      if (s.startsWith('-----END ', i)) break;
      if (i >= s.length) fail('ERR_ENCODING', `${where}: the text ends before "${end}"`, 'ENC-36');
      const stop = lineEnd(s, i);
      const eol = eolAt(s, stop);
      if (eol === 0)
        fail('ERR_ENCODING', `${where}: base64 line at offset ${i} has no line ending`, 'ENC-36');
      if (lastLength !== -1 && lastLength !== 64)
        fail(
          'ERR_ENCODING',
          `${where}: a base64 line of ${lastLength} characters is followed by another (only the last line may be shorter than 64)`,
          'ENC-36',
        );
      const line = s.slice(i, stop);
      if (line.length === 0 || line.length > 64 || line.length % 4 !== 0)
        fail(
          'ERR_ENCODING',
          `${where}: base64 line at offset ${i} has ${line.length} characters (64, or 4..64 in multiples of 4 for the last)`,
          'ENC-36',
        );
      b64 += line;
      lastLength = line.length;
      i = stop + eol;
    }
    if (b64.length === 0)
      fail('ERR_ENCODING', `${where}: the block holds no base64 line`, 'ENC-36');
    if (!s.startsWith(end, i)) boundaryProblem(s, i, 'END', label, where);
    i += end.length;
    const eol = eolAt(s, i);
    if (eol === 0)
      fail(
        'ERR_ENCODING',
        `${where}: "${end}" must be followed by a line ending${i < s.length ? ' and nothing else on its line' : ''}`,
        'ENC-36',
      );
    i += eol;
    blocks.push(decodeBody(b64, where));
  } while (i < s.length);
  return blocks;
}

/** Reports a malformed boundary line at `i`: another label ([ENC-35]) or another shape ([ENC-36]). */
function boundaryProblem(
  s: string,
  i: number,
  kind: 'BEGIN' | 'END',
  label: string,
  where: string,
): never {
  const line = s.slice(i, lineEnd(s, i));
  const m = new RegExp(`^-----${kind} (.*)-----$`).exec(line);
  if (m !== null && m[1] !== label)
    fail(
      'ERR_ENCODING',
      `${where}: ${kind} label ${JSON.stringify(m[1])} at offset ${i}, expected ${JSON.stringify(label)}`,
      'ENC-35',
    );
  return fail(
    'ERR_ENCODING',
    `${where}: the line at offset ${i} is not "-----${kind} ${label}-----" followed by a line ending`,
    'ENC-36',
  );
}

/** Canonical standard base64 of one block: alphabet, padding at the end only, zero unused bits ([ENC-37]). */
function decodeBody(b64: string, where: string): Uint8Array {
  const pad = b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0;
  const body = b64.length - pad;
  const { bytes, unusedBits } = decodeBase64Characters(
    b64,
    body,
    DECODE,
    (b64.length / 4) * 3 - pad,
    (k) =>
      fail(
        'ERR_ENCODING',
        `${where}: character ${JSON.stringify(b64[k])} is not standard base64 (or padding before the end)`,
        'ENC-37',
      ),
  );
  if (unusedBits !== 0)
    fail(
      'ERR_ENCODING',
      `${where}: non-zero unused bits before the padding (non-canonical base64)`,
      'ENC-37',
    );
  return bytes;
}
