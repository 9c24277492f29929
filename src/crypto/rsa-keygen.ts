/**
 * Deterministic RSA key generation and PKCS#1 v1.5 signing, for synthetic test PKIs only
 * (JPKI test cards carry RSA-2048 keys). Not constant time; never use for real keys.
 * @module
 */
import { fail } from '../internal/fail.js';
import { concatBytes } from '../encoding/bytes.js';
import { hexEncode } from '../encoding/hex.js';
import { utf8Encode } from '../encoding/utf8.js';
import { hmac } from '@noble/hashes/hmac.js';
import { extract } from '@noble/hashes/hkdf.js';
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import {
  bigIntToBytes,
  bitLength,
  bytesToBigInt,
  gcd,
  modInverse,
  modPow,
} from './internal/bigint.js';
import { assertHashName, type HashName } from './hash.js';
import { rsaPublicKeyFromComponents, type RsaPublicKey } from './keys.js';
import { emsaPkcs1v15Encode } from './internal/emsa-pkcs1.js';
import { LruCache } from './internal/lru.js';

/** An RSA private key with its CRT components. Test keys only. */
export interface RsaPrivateKey {
  /** Discriminant. */
  readonly kind: 'rsa-private';
  /** Modulus n = p·q. */
  readonly n: bigint;
  /** Public exponent (65537). */
  readonly e: bigint;
  /** Private exponent e^-1 mod lcm(p-1, q-1). */
  readonly d: bigint;
  /** Larger prime factor. */
  readonly p: bigint;
  /** Smaller prime factor. */
  readonly q: bigint;
  /** d mod (p-1) */
  readonly dp: bigint;
  /** d mod (q-1) */
  readonly dq: bigint;
  /** q^-1 mod p */
  readonly qInv: bigint;
  /** Exact bit length of n. */
  readonly bits: number;
}

const E = 65537n;
const cache = new LruCache<string, RsaPrivateKey>(64);

/**
 * A deterministic byte stream: PRK = HKDF-Extract(salt = "jitsuin/rsa-keygen/v1", seed), block i
 * (i = 0, 1, ...) = HMAC-SHA-256(PRK, info || uint32be(i)). This is HKDF-Expand's PRF in counter
 * mode without the 255-block limit, which prime search can exceed.
 */
class HkdfStream {
  private readonly prk: Uint8Array;
  private counter = 0;
  private buffer: Uint8Array = new Uint8Array(0);

  constructor(
    seed: Uint8Array,
    private readonly info: Uint8Array,
  ) {
    this.prk = extract(nobleSha256, seed, utf8Encode('jitsuin/rsa-keygen/v1'));
  }

  next(n: number): Uint8Array {
    while (this.buffer.length < n) {
      const ctr = Uint8Array.of(
        this.counter >>> 24,
        (this.counter >>> 16) & 0xff,
        (this.counter >>> 8) & 0xff,
        this.counter & 0xff,
      );
      this.counter++;
      this.buffer = concatBytes(
        this.buffer,
        hmac(nobleSha256, this.prk, concatBytes(this.info, ctr)),
      );
    }
    const out = this.buffer.slice(0, n);
    this.buffer = this.buffer.slice(n);
    return out;
  }
}

const SMALL_PRIMES: readonly number[] = (() => {
  const limit = 4096;
  const sieve = new Uint8Array(limit);
  const out: number[] = [];
  for (let i = 3; i < limit; i += 2) {
    if (sieve[i] === 0) {
      out.push(i);
      for (let j = i * i; j < limit; j += 2 * i) sieve[j] = 1;
    }
  }
  return out;
})();

/** Miller-Rabin with `rounds` bases drawn from the stream (FIPS 186-5 B.3.1). */
function isProbablePrime(w: bigint, rounds: number, stream: HkdfStream): boolean {
  const wm1 = w - 1n;
  let m = wm1;
  let a = 0;
  while ((m & 1n) === 0n) {
    m >>= 1n;
    a++;
  }
  const len = Math.ceil(bitLength(w) / 8);
  for (let i = 0; i < rounds; i++) {
    let b: bigint;
    do b = bytesToBigInt(stream.next(len)) % w;
    while (b <= 1n || b >= wm1);
    let z = modPow(b, m, w);
    if (z === 1n || z === wm1) continue;
    let composite = true;
    for (let j = 1; j < a; j++) {
      z = (z * z) % w;
      if (z === wm1) {
        composite = false;
        break;
      }
      if (z === 1n) break;
    }
    if (composite) return false;
  }
  return true;
}

/** A prime of exactly `bits` bits with its top two bits set and gcd(p-1, e) = 1, by sieved incremental search. */
function generatePrime(bits: number, stream: HkdfStream): bigint {
  const rounds = bits >= 1536 ? 4 : 5; // FIPS 186-5 Table B.1 (error probability <= 2^-100)
  for (;;) {
    const bytes = stream.next(bits / 8);
    let start = bytesToBigInt(bytes) | (3n << BigInt(bits - 2)) | 1n;
    start &= (1n << BigInt(bits)) - 1n;
    const residues = SMALL_PRIMES.map((p) => Number(start % BigInt(p)));
    // Walk start, start+2, ... over a window; skip candidates with a small factor.
    for (let k = 0; k < 8192; k += 2) {
      let hasSmallFactor = false;
      for (let i = 0; i < SMALL_PRIMES.length; i++) {
        const p = SMALL_PRIMES[i] as number;
        if (((residues[i] as number) + k) % p === 0) {
          hasSmallFactor = true;
          break;
        }
      }
      if (hasSmallFactor) continue;
      const candidate = start + BigInt(k);
      if (bitLength(candidate) !== bits) break;
      if (gcd(candidate - 1n, E) !== 1n) continue;
      if (isProbablePrime(candidate, rounds, stream)) return candidate;
    }
  }
}

/**
 * Generates an RSA key pair deterministically from (seed, label, bits), e = 65537. Primes come from
 * the HKDF stream described in spec/crypto.md ([CRY-19]) with info = UTF-8 `label + "/" + bits`;
 * the result is cached in-process. `bits` must be a multiple of 16 in 1024..4096 (1024 only for
 * negative test cases: such keys are refused by the verifier's size policy).
 */
export function generateRsaKeyPair(seed: Uint8Array, label: string, bits = 2048): RsaPrivateKey {
  if (!(seed instanceof Uint8Array) || seed.length === 0)
    fail('ERR_INVALID_ARGUMENT', 'generateRsaKeyPair: seed must be a non-empty Uint8Array');
  if (typeof label !== 'string' || label.length === 0)
    fail('ERR_INVALID_ARGUMENT', 'generateRsaKeyPair: label must be a non-empty string');
  if (!Number.isSafeInteger(bits) || bits < 1024 || bits > 4096 || bits % 16 !== 0) {
    fail(
      'ERR_INVALID_ARGUMENT',
      `generateRsaKeyPair: bits ${bits} is not a multiple of 16 in 1024..4096`,
    );
  }
  const cacheKey = `${hexEncode(seed)}|${bits}|${label}`;
  const hit = cache.get(cacheKey);
  if (hit !== undefined) return hit;

  const stream = new HkdfStream(seed, utf8Encode(`${label}/${bits}`));
  const half = bits / 2;
  let p = generatePrime(half, stream);
  let q: bigint;
  // |p - q| must exceed 2^(bits/2 - 100) (FIPS 186-5 A.1.3); also p != q.
  do q = generatePrime(half, stream);
  while ((p > q ? p - q : q - p) <= 1n << BigInt(half - 100));
  if (p < q) [p, q] = [q, p];
  const n = p * q;
  const lambda = ((p - 1n) * (q - 1n)) / gcd(p - 1n, q - 1n);
  const d = modInverse(E, lambda);
  const key: RsaPrivateKey = Object.freeze({
    kind: 'rsa-private',
    n,
    e: E,
    d,
    p,
    q,
    dp: d % (p - 1n),
    dq: d % (q - 1n),
    qInv: modInverse(q, p),
    bits: bitLength(n),
  });
  if (key.bits !== bits)
    fail('ERR_INTERNAL', `generateRsaKeyPair: modulus has ${key.bits} bits, expected ${bits}`);
  cache.set(cacheKey, key);
  return key;
}

/** The public half of an RSA private key. */
export function rsaPublicKey(privateKey: RsaPrivateKey): RsaPublicKey {
  if (privateKey?.kind !== 'rsa-private')
    fail('ERR_INVALID_KEY', 'rsaPublicKey: not an RSA private key');
  return rsaPublicKeyFromComponents(privateKey.n, privateKey.e);
}

/**
 * RSASP1 with CRT on an already-encoded message `em` (k bytes), with a fault check s^e = m.
 * Exposed for vector generators that need deliberately malformed encodings. @internal
 */
export function rsaSignEncoded(privateKey: RsaPrivateKey, em: Uint8Array): Uint8Array {
  const k = Math.ceil(privateKey.bits / 8);
  if (em.length !== k)
    fail('ERR_INVALID_ARGUMENT', `rsaSignEncoded: encoded message must be ${k} bytes`);
  const m = bytesToBigInt(em);
  if (m >= privateKey.n)
    fail('ERR_INVALID_ARGUMENT', 'rsaSignEncoded: message representative out of range');
  const { p, q, dp, dq, qInv, n, e } = privateKey;
  const m1 = modPow(m, dp, p);
  const m2 = modPow(m, dq, q);
  const h = (qInv * (((m1 - m2) % p) + p)) % p;
  const s = m2 + h * q;
  if (modPow(s, e, n) !== m) fail('ERR_INTERNAL', 'rsaSignEncoded: CRT fault check failed');
  return bigIntToBytes(s, k);
}

/** Signs `message` with RSASSA-PKCS1-v1_5 (RFC 8017 §8.2.1) and SHA-256/384/512, using CRT. */
export function signRsaPkcs1v15(
  privateKey: RsaPrivateKey,
  message: Uint8Array,
  hash: HashName = 'SHA-256',
): Uint8Array {
  if (privateKey?.kind !== 'rsa-private')
    fail('ERR_INVALID_KEY', 'signRsaPkcs1v15: not an RSA private key');
  assertHashName(hash);
  if (!(message instanceof Uint8Array))
    fail('ERR_INVALID_ARGUMENT', 'signRsaPkcs1v15: message must be a Uint8Array');
  return rsaSignEncoded(
    privateKey,
    emsaPkcs1v15Encode(hash, message, Math.ceil(privateKey.bits / 8)),
  );
}

/** Empties the in-process key cache (tests that check determinism from scratch). @internal */
export function clearRsaKeyCache(): void {
  cache.clear();
}
