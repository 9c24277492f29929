/**
 * Bounded cache of validated paths (spec/certificates.md, PATH-14). The key is SHA-256 over every
 * input that can change the outcome except the time: the leaf, intermediates, trust anchors,
 * revocation data and options, profile, policy inputs and limits. A hit requires the time to lie
 * between the time of the original validation and the result's `validUntil` (the earliest
 * notAfter or revocation nextUpdate), a window in which the outcome cannot change.
 * @module
 */
import { sha256 } from '../crypto/hash.js';
import { concatBytes } from '../encoding/bytes.js';
import { hexEncode } from '../encoding/hex.js';
import { utf8Encode } from '../encoding/utf8.js';
import type { ValidatedPath, ValidatePathOptions } from './validate.js';

const LIMIT = 256;
const entries = new Map<string, { readonly from: number; readonly result: ValidatedPath }>();

function frame(bytes: Uint8Array): Uint8Array {
  const n = bytes.length;
  return concatBytes(Uint8Array.of(n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff), bytes);
}

function list(items: readonly Uint8Array[] | undefined): Uint8Array[] {
  const parts = (items ?? []).map((x) => (x instanceof Uint8Array ? frame(x) : frame(utf8Encode('!not-bytes'))));
  return [frame(utf8Encode(String(parts.length))), ...parts];
}

/** Computes the cache key of a validation's inputs. @internal */
export function validationCacheKey(leaf: Uint8Array, o: ValidatePathOptions): string | undefined {
  if (!(leaf instanceof Uint8Array)) return undefined;
  const r = o.revocation;
  const scalars = JSON.stringify([
    o.profile ?? 'none', o.requiredEku ?? null, o.maxIntermediates ?? null, o.minRsaBits ?? null,
    r === undefined ? null : [r.mode ?? null, r.ocspMaxAge ?? null, r.crlGracePeriod ?? null],
    o.policy === undefined ? null : [o.policy.initialPolicySet ?? null, o.policy.explicitPolicy ?? null, o.policy.inhibitPolicyMapping ?? null, o.policy.inhibitAnyPolicy ?? null],
  ]);
  return hexEncode(sha256(concatBytes(
    frame(utf8Encode('jitsuin/validated-path/v1')), frame(utf8Encode(scalars)), frame(leaf),
    ...list(o.intermediates), ...list(o.trustAnchors), ...list(r?.crls), ...list(r?.ocspResponses), ...list(o.revocationSigners),
  )));
}

/** Returns the cached result when `time` lies in its window. @internal */
export function lookupValidated(key: string, time: number): ValidatedPath | undefined {
  const e = entries.get(key);
  if (e === undefined) return undefined;
  if (time < e.from || time > e.result.validUntil) return undefined;
  // Refresh recency (Map keeps insertion order; oldest is evicted first).
  entries.delete(key);
  entries.set(key, e);
  return e.result;
}

/** Stores a successful result validated at `time`. @internal */
export function storeValidated(key: string, time: number, result: ValidatedPath): void {
  if (entries.size >= LIMIT && !entries.has(key)) {
    const oldest = entries.keys().next().value;
    if (oldest !== undefined) entries.delete(oldest);
  }
  entries.set(key, { from: time, result });
}

/** Empties the validated-path cache (for tests and benchmarks of cold validation). */
export function clearValidationCache(): void {
  entries.clear();
}
