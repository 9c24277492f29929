/**
 * The parse cache of revocation objects: a bounded cache of decoded CRLs and OCSP responses keyed
 * by the SHA-256 of their bytes.
 * @internal
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { hexEncode } from '../../encoding/hex.js';

/** A bounded insertion-ordered cache of decoded objects keyed by the SHA-256 of their bytes. @internal */
export class ByteCache<T> {
  readonly #limit: number;
  readonly #map = new Map<string, T>();
  constructor(limit: number) {
    this.#limit = limit;
  }
  /** Returns the cached value for `bytes`, or computes, stores and returns it (errors are not cached). */
  get(bytes: Uint8Array, compute: () => T): T {
    const key = hexEncode(sha256(bytes));
    const hit = this.#map.get(key);
    if (hit !== undefined) return hit;
    const value = compute();
    if (this.#map.size >= this.#limit) {
      const oldest = this.#map.keys().next();
      if (!oldest.done) this.#map.delete(oldest.value);
    }
    this.#map.set(key, value);
    return value;
  }
}
