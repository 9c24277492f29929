/** Byte-array helpers shared by every area. @module */
import { fail } from '../internal/fail.js';

/** Fails with ERR_INVALID_ARGUMENT unless `value` is a Uint8Array. @internal */
export function assertBytes(value: unknown, where: string): asserts value is Uint8Array {
  if (!(value instanceof Uint8Array))
    fail(
      'ERR_INVALID_ARGUMENT',
      `${where}: expected a Uint8Array, got ${value === null ? 'null' : typeof value}`,
    );
}

/** Concatenates byte arrays into a new array. */
export function concatBytes(...parts: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const p of parts) {
    assertBytes(p, 'concatBytes');
    length += p.length;
  }
  const out = new Uint8Array(length);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/**
 * Compares two byte arrays in time that depends only on their lengths, not on where they differ.
 * Use it for MACs, secrets and encoded messages whose comparison must not leak a prefix.
 * Anything but two Uint8Arrays is an ERR_INVALID_ARGUMENT, never a comparison: two strings would
 * otherwise compare equal whenever their lengths match.
 */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  assertBytes(a, 'constantTimeEqual');
  assertBytes(b, 'constantTimeEqual');
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] as number) ^ (b[i] as number);
  return diff === 0;
}

/** Plain (not constant-time) equality, for public data such as certificate bytes. */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  assertBytes(a, 'bytesEqual');
  assertBytes(b, 'bytesEqual');
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Bytes per `String.fromCharCode` call: well under every engine's argument-count limit. */
const KEY_CHUNK = 8192;

/**
 * An exact string image of `bytes` for use as a Map key: one UTF-16 code unit per byte (0..255),
 * so distinct byte strings give distinct keys, half the length of hex and several times cheaper
 * to build and to hash. Not a text encoding: never display or transmit it. @internal
 */
export function bytesKey(bytes: Uint8Array): string {
  if (bytes.length <= KEY_CHUNK)
    return String.fromCharCode.apply(null, bytes as unknown as number[]);
  let out = '';
  for (let i = 0; i < bytes.length; i += KEY_CHUNK)
    out += String.fromCharCode.apply(null, bytes.subarray(i, i + KEY_CHUNK) as unknown as number[]);
  return out;
}
