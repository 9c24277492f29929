/** Lower-case hexadecimal. @module */
import { fail } from '../errors.js';

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Encodes bytes as lower-case hex. */
export function hexEncode(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += HEX[bytes[i] as number]!;
  return out;
}

/** Decodes hex (either case); rejects odd length and non-hex characters. */
export function hexDecode(text: string, what = 'hex input'): Uint8Array {
  if (typeof text !== 'string' || text.length % 2 !== 0) fail('ERR_ENCODING', `${what}: expected an even-length hex string`);
  if (!/^[0-9a-fA-F]*$/.test(text)) fail('ERR_ENCODING', `${what}: non-hex character`);
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(text.slice(2 * i, 2 * i + 2), 16);
  return out;
}
