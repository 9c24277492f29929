/** Big-endian unsigned integers as bigint, and modular arithmetic for RSA. @module */
import { fail } from '../../internal/fail.js';

/** OS2IP: big-endian unsigned bytes to a bigint. */
export function bytesToBigInt(bytes: Uint8Array): bigint {
  let hex = '';
  for (let i = 0; i < bytes.length; i++) hex += (bytes[i] as number).toString(16).padStart(2, '0');
  return hex === '' ? 0n : BigInt('0x' + hex);
}

/** I2OSP: a non-negative bigint to exactly `length` big-endian bytes; fails if it does not fit. */
export function bigIntToBytes(value: bigint, length: number): Uint8Array {
  if (value < 0n) fail('ERR_INTERNAL', 'bigIntToBytes: negative value');
  const hex = value.toString(16);
  if (hex.length > 2 * length)
    fail('ERR_INTERNAL', `bigIntToBytes: value does not fit in ${length} bytes`);
  const padded = hex.padStart(2 * length, '0');
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = parseInt(padded.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** Minimal big-endian bytes of a non-negative bigint (0 → one zero byte). */
export function bigIntToMinimalBytes(value: bigint): Uint8Array {
  return bigIntToBytes(value, Math.max(1, Math.ceil(bitLength(value) / 8)));
}

/** Number of significant bits (0 for 0). */
export function bitLength(value: bigint): number {
  return value === 0n ? 0 : value.toString(2).length;
}

/** base^exp mod m by left-to-right square-and-multiply (public exponents and test keys only: not constant time). */
export function modPow(base: bigint, exp: bigint, m: bigint): bigint {
  if (m === 1n) return 0n;
  let result = 1n;
  let b = base % m;
  const bits = exp.toString(2);
  for (let i = 0; i < bits.length; i++) {
    result = (result * result) % m;
    if (bits[i] === '1') result = (result * b) % m;
  }
  b = 0n;
  return result;
}

/** Inverse of a modulo m (a and m coprime), by the extended Euclidean algorithm. */
export function modInverse(a: bigint, m: bigint): bigint {
  let [oldR, r] = [((a % m) + m) % m, m];
  let [oldS, s] = [1n, 0n];
  while (r !== 0n) {
    const q = oldR / r;
    [oldR, r] = [r, oldR - q * r];
    [oldS, s] = [s, oldS - q * s];
  }
  if (oldR !== 1n) fail('ERR_INTERNAL', 'modInverse: not invertible');
  return ((oldS % m) + m) % m;
}

/** Greatest common divisor. */
export function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a < 0n ? -a : a;
}
