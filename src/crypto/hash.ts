/** Hashes, HMAC, HKDF and randomness (synchronous, @noble/hashes). @module */
import {
  sha256 as nobleSha256,
  sha384 as nobleSha384,
  sha512 as nobleSha512,
} from '@noble/hashes/sha2.js';
import { sha1 as nobleSha1 } from '@noble/hashes/legacy.js';
import { hmac } from '@noble/hashes/hmac.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { fail } from '../internal/fail.js';
import { assertBytes } from '../encoding/bytes.js';

/** The hash functions jitsuin signs and verifies with. SHA-1 is never one of them. */
export type HashName = 'SHA-256' | 'SHA-384' | 'SHA-512';

/** SHA-256 (FIPS 180-4) of `data`. */
export function sha256(data: Uint8Array): Uint8Array {
  assertBytes(data, 'sha256');
  return nobleSha256(data);
}

/** SHA-384 (FIPS 180-4) of `data`. */
export function sha384(data: Uint8Array): Uint8Array {
  assertBytes(data, 'sha384');
  return nobleSha384(data);
}

/** SHA-512 (FIPS 180-4) of `data`. */
export function sha512(data: Uint8Array): Uint8Array {
  assertBytes(data, 'sha512');
  return nobleSha512(data);
}

/**
 * SHA-1, for certificate fingerprints and key identifiers only (RFC 5280 §4.2.1.2 method 1).
 * Never used to sign or verify. @internal
 */
export function sha1(data: Uint8Array): Uint8Array {
  assertBytes(data, 'sha1');
  return nobleSha1(data);
}

/** Output length in bytes of each {@link HashName}. @internal */
export const HASH_LENGTH: Readonly<Record<HashName, number>> = {
  'SHA-256': 32,
  'SHA-384': 48,
  'SHA-512': 64,
};

/** Checks that `name` is a {@link HashName}; anything else (SHA-1 included) is unsupported. @internal */
export function assertHashName(name: unknown, requirement = 'CRY-14'): asserts name is HashName {
  if (name !== 'SHA-256' && name !== 'SHA-384' && name !== 'SHA-512') {
    fail(
      'ERR_UNSUPPORTED_ALGORITHM',
      `hash ${JSON.stringify(name)} is not one of SHA-256, SHA-384, SHA-512`,
      requirement,
    );
  }
}

/** The digest of `data` under the named hash. */
export function digest(name: HashName, data: Uint8Array): Uint8Array {
  assertHashName(name);
  assertBytes(data, 'digest');
  return name === 'SHA-256'
    ? nobleSha256(data)
    : name === 'SHA-384'
      ? nobleSha384(data)
      : nobleSha512(data);
}

/** HMAC-SHA-256 (RFC 2104) of `data` under `key`. */
export function hmacSha256(key: Uint8Array, data: Uint8Array): Uint8Array {
  assertBytes(key, 'hmacSha256 key');
  assertBytes(data, 'hmacSha256 data');
  return hmac(nobleSha256, key, data);
}

/**
 * HKDF-SHA-256 (RFC 5869): extract with `salt`, expand with `info` to `length` bytes
 * (at most 255 × 32 = 8160).
 */
export function hkdfSha256(
  ikm: Uint8Array,
  salt: Uint8Array,
  info: Uint8Array,
  length: number,
): Uint8Array {
  if (!Number.isSafeInteger(length) || length < 1 || length > 255 * 32) {
    fail('ERR_INVALID_ARGUMENT', `hkdfSha256: length ${length} is outside 1..8160`);
  }
  assertBytes(ikm, 'hkdfSha256 ikm');
  assertBytes(salt, 'hkdfSha256 salt');
  assertBytes(info, 'hkdfSha256 info');
  return hkdf(nobleSha256, ikm, salt, info, length);
}

/** `n` bytes from the platform CSPRNG (`crypto.getRandomValues`); fails if there is none. */
export function randomBytes(n: number): Uint8Array {
  if (!Number.isSafeInteger(n) || n < 0)
    fail('ERR_INVALID_ARGUMENT', `randomBytes: bad length ${n}`);
  const c = (globalThis as { crypto?: { getRandomValues?: (a: Uint8Array) => Uint8Array } }).crypto;
  if (c?.getRandomValues === undefined)
    fail(
      'ERR_BACKEND_UNAVAILABLE',
      'randomBytes: crypto.getRandomValues is not available in this runtime',
    );
  const out = new Uint8Array(n);
  // getRandomValues fills at most 65536 bytes per call.
  for (let i = 0; i < n; i += 65536) c.getRandomValues(out.subarray(i, Math.min(n, i + 65536)));
  return out;
}
