/**
 * Strict DER decoding for revocation objects: size limit, schema parse, re-encode-and-compare
 * (which rejects BER, non-minimal forms and trailing bytes), and a bounded cache keyed by bytes.
 * @internal
 */
import { AsnConvert } from '@peculiar/asn1-schema';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesEqual } from '../../encoding/bytes.js';
import { hexEncode } from '../../encoding/hex.js';
import { fail, type ErrorCode } from '../../errors.js';

/** Decodes `der` with `schema`, requiring that the decoded value re-encodes to the same bytes. @internal */
export function decodeStrict<T>(der: Uint8Array, schema: new () => T, what: string, code: ErrorCode, requirement: string): T {
  let value: T;
  try {
    value = AsnConvert.parse(der, schema);
  } catch (cause) {
    fail(code, `${what} is not valid DER: ${cause instanceof Error ? cause.message : String(cause)}`, requirement, cause);
  }
  let again: Uint8Array;
  try {
    again = new Uint8Array(AsnConvert.serialize(value));
  } catch (cause) {
    fail(code, `${what} could not be re-encoded`, requirement, cause);
  }
  if (!bytesEqual(again, der)) {
    fail(code, `${what} is not DER: it does not re-encode to the same bytes (BER form, unused signature bits or trailing data)`, requirement);
  }
  return value;
}

/** Serialises an asn1-schema value to bytes. @internal */
export function encode(value: unknown): Uint8Array {
  return new Uint8Array(AsnConvert.serialize(value));
}

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
