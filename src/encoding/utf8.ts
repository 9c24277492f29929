/** UTF-8 that rejects ill-formed input instead of replacing it. @module */
import { fail } from '../errors.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Encodes a string as UTF-8; rejects lone surrogates, which have no UTF-8 form. */
export function utf8Encode(text: string, what = 'text'): Uint8Array {
  if (typeof text !== 'string') fail('ERR_ENCODING', `${what}: expected a string`);
  if (!isWellFormed(text)) fail('ERR_ENCODING', `${what}: contains a lone surrogate`, 'ENC-03');
  return encoder.encode(text);
}

/** Decodes UTF-8; rejects ill-formed sequences (overlong forms, surrogates, truncation). */
export function utf8Decode(bytes: Uint8Array, what = 'UTF-8 input'): string {
  try {
    return decoder.decode(bytes);
  } catch (e) {
    return fail('ERR_ENCODING', `${what}: ill-formed UTF-8`, 'ENC-03', e);
  }
}

function isWellFormed(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (!(d >= 0xdc00 && d <= 0xdfff)) return false;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) return false;
  }
  return true;
}
