/**
 * Hexadecimal. jitsuin messages never carry hex (binary travels as base64url); hex appears only in
 * vector files, diagnostics and test data, so the decoder accepts either case.
 * @module
 */
import { fail } from '../internal/fail.js';

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Encodes bytes as lower-case hex ([ENC-08]). */
export function hexEncode(bytes: Uint8Array): string {
  if (!(bytes instanceof Uint8Array))
    fail('ERR_INVALID_ARGUMENT', 'hexEncode: expected a Uint8Array');
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += HEX[bytes[i] as number]!;
  return out;
}

/**
 * Decodes hex digits of either case. Rejects an odd length and any character that is not a hex
 * digit, including whitespace, separators and a `0x` prefix ([ENC-09]).
 */
export function hexDecode(text: string, what = 'hex input'): Uint8Array {
  if (typeof text !== 'string') fail('ERR_INVALID_ARGUMENT', `${what}: expected a string`);
  if (text.length % 2 !== 0) fail('ERR_ENCODING', `${what}: odd length ${text.length}`, 'ENC-09');
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < text.length; i += 2) {
    const hi = nibble(text.charCodeAt(i));
    const lo = nibble(text.charCodeAt(i + 1));
    if (hi < 0 || lo < 0) {
      const at = hi < 0 ? i : i + 1;
      fail(
        'ERR_ENCODING',
        `${what}: character ${JSON.stringify(text[at])} at offset ${at} is not a hex digit`,
        'ENC-09',
      );
    }
    out[i >> 1] = (hi << 4) | lo;
  }
  return out;
}

function nibble(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  return -1;
}
