/**
 * Bounded cache of validated paths (spec/certificates.md, PATH-14). The key is SHA-256 over every
 * input that can change the outcome except the time: the leaf, intermediates, trust anchors,
 * revocation data and options, profile, policy inputs and limits. A hit requires the time to lie
 * between the time of the original validation and the result's `validUntil` (the earliest
 * notAfter or revocation nextUpdate), a window in which the outcome cannot change.
 * @module
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { hexEncode } from '../encoding/hex.js';
import { utf8Encode } from '../encoding/utf8.js';
import type { ValidatedPath, ValidatePathOptions } from './validate.js';
import { clearCertificateCache } from './certificate.js';
import { clearSignatureMemo } from './signature.js';

const LIMIT = 256;
const entries = new Map<string, { readonly from: number; readonly result: ValidatedPath }>();

type Hasher = ReturnType<typeof sha256.create>;

/** Absorbs a length-prefixed byte string (incrementally: no copy of the inputs). */
function absorb(h: Hasher, bytes: Uint8Array): void {
  const n = bytes.length;
  h.update(Uint8Array.of(n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff));
  h.update(bytes);
}

function absorbList(h: Hasher, items: readonly Uint8Array[] | undefined): void {
  const list = items ?? [];
  absorb(h, utf8Encode(String(list.length)));
  for (const x of list) absorb(h, x instanceof Uint8Array ? x : utf8Encode('!not-bytes'));
}

/** Computes the cache key of a validation's inputs. @internal */
export function validationCacheKey(leaf: Uint8Array, o: ValidatePathOptions): string | undefined {
  if (!(leaf instanceof Uint8Array)) return undefined;
  const r = o.revocation;
  const scalars = JSON.stringify([
    o.profile ?? 'none', o.requiredEku ?? null, o.maxIntermediates ?? null, o.minRsaBits ?? null, o.issuanceChecks ?? null,
    r === undefined ? null : [r.mode ?? null, r.ocspMaxAge ?? null, r.crlGracePeriod ?? null],
    o.policy === undefined ? null : [o.policy.initialPolicySet ?? null, o.policy.explicitPolicy ?? null, o.policy.inhibitPolicyMapping ?? null, o.policy.inhibitAnyPolicy ?? null],
  ]);
  const h = sha256.create();
  absorb(h, utf8Encode('jitsuin/validated-path/v1'));
  absorb(h, utf8Encode(scalars));
  absorb(h, leaf);
  absorbList(h, o.intermediates);
  absorbList(h, o.trustAnchors);
  absorbList(h, r?.crls);
  absorbList(h, r?.ocspResponses);
  absorbList(h, o.revocationSigners);
  return hexEncode(h.digest());
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

/**
 * Empties every x509 cache: validated paths, parsed certificates and verified signatures (for
 * tests, and for benchmarks of cold validation).
 */
export function clearValidationCache(): void {
  entries.clear();
  clearCertificateCache();
  clearSignatureMemo();
}
