/**
 * Bounded cache of validated paths (spec/certificates.md, PATH-14). The key binds every input that
 * can change the outcome except the time, by their exact bytes (or SHA-256 over them when large):
 * the leaf, intermediates, trust anchors, revocation data and options, profile, policy inputs and
 * limits. A hit requires the time to lie
 * between the time of the original validation and the result's `validUntil` (the earliest
 * notAfter or revocation nextUpdate), a window in which the outcome cannot change.
 * @module
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesKey } from '../encoding/bytes.js';
import { hexEncode } from '../encoding/hex.js';
import { utf8Encode } from '../encoding/utf8.js';
import type { ValidatedPath, ValidatePathOptions } from './validate.js';
import type { RevocationOptions } from './revocation/check.js';
import type { PolicyInputs } from './policy.js';
import { clearCertificateCache } from './certificate.js';
import { clearSignatureMemo } from './signature.js';
import { LoadedCrl, loadedCrl } from './revocation/crl.js';

const LIMIT = 256;
const entries = new Map<string, { readonly from: number; readonly result: ValidatedPath }>();

type Hasher = ReturnType<typeof sha256.create>;

/**
 * Inputs of at most this many bytes in total are keyed by their exact bytes; larger ones (big
 * CRLs) by SHA-256, so that 256 entries never hold more than a few MiB of keys. Either key is
 * injective over the inputs (the SHA-256 one up to collisions); they cannot meet, their first
 * characters differ. The bound also keeps exact keys under the length beyond which V8 stops
 * hashing a string's contents.
 */
const EXACT_KEY_MAX_BYTES = 12 * 1024;

/** Absorbs a length-prefixed byte string (incrementally: no copy of the inputs). */
function absorb(h: Hasher, bytes: Uint8Array): void {
  const n = bytes.length;
  h.update(Uint8Array.of(n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff));
  h.update(bytes);
}

/** Each element: a type octet (0 bytes, 1 a loaded CRL by its SHA-256, 2 not bytes), then its length-prefixed value. */
function absorbList(h: Hasher, list: readonly unknown[]): void {
  absorb(h, utf8Encode(String(list.length)));
  for (const x of list) {
    const crl = loadedCrlId(x);
    h.update(Uint8Array.of(x instanceof Uint8Array ? 0 : crl !== undefined ? 1 : 2));
    absorb(h, x instanceof Uint8Array ? x : utf8Encode(crl ?? ''));
  }
}

/** The identity of a handle from `loadCrl` (the SHA-256 of its DER), else undefined. */
function loadedCrlId(x: unknown): string | undefined {
  return x instanceof LoadedCrl && loadedCrl(x) !== undefined ? x.sha256 : undefined;
}

/**
 * The exact form: every count and length in decimal followed by `|`, each byte string as one
 * code unit per byte, `L` and 64 hex digits for a loaded CRL, `!` for an element that is neither.
 * Parsing it back is unambiguous.
 */
function exactKey(scalars: string, lists: readonly (readonly unknown[])[]): string {
  let key = `x${scalars.length}|${scalars}`;
  for (const list of lists) {
    key += `${list.length}|`;
    for (const x of list) {
      const crl = loadedCrlId(x);
      key += x instanceof Uint8Array ? `${x.length}|${bytesKey(x)}` : crl !== undefined ? `L${crl}` : '!';
    }
  }
  return key;
}

function hashedKey(scalars: string, lists: readonly (readonly unknown[])[]): string {
  const h = sha256.create();
  absorb(h, utf8Encode('jitsuin/validated-path/v1'));
  absorb(h, utf8Encode(scalars));
  for (const list of lists) absorbList(h, list);
  return `h${hexEncode(h.digest())}`;
}

/**
 * How each option enters the cache key: `scalar` (its JSON value), `list` (its byte strings and
 * loaded CRLs, in order), a nested plan for an options object, or `unkeyed` (it cannot change the
 * outcome: the time, which the hit test handles, and the cache switch itself). The plan is mapped
 * over every key of the options type, so an option added to the type without an entry here is a
 * compile error rather than a silent wrong hit ([PATH-14]). @internal
 */
export type KeyPlan<T> = { readonly [K in keyof Required<T>]-?: 'scalar' | 'list' | 'unkeyed' | KeyPlan<NonNullable<T[K]>> };

const REVOCATION_PLAN: KeyPlan<RevocationOptions> = { crls: 'list', ocspResponses: 'list', mode: 'scalar', ocspMaxAge: 'scalar', crlGracePeriod: 'scalar' };
const POLICY_PLAN: KeyPlan<PolicyInputs> = { initialPolicySet: 'scalar', explicitPolicy: 'scalar', inhibitPolicyMapping: 'scalar', inhibitAnyPolicy: 'scalar' };
/** @internal */
export const VALIDATION_KEY_PLAN: KeyPlan<ValidatePathOptions> = {
  intermediates: 'list', trustAnchors: 'list', time: 'unkeyed', profile: 'scalar', requiredEku: 'scalar', revocation: REVOCATION_PLAN,
  policy: POLICY_PLAN, maxIntermediates: 'scalar', minRsaBits: 'scalar', revocationSigners: 'list', cache: 'unkeyed', issuanceChecks: 'scalar',
};

/** Walks `plan` over `value`, appending scalars (as JSON) and lists in the plan's fixed order. */
function collect(plan: Readonly<Record<string, unknown>>, value: unknown, scalars: unknown[], lists: (readonly unknown[])[]): void {
  const o = (value ?? {}) as Record<string, unknown>;
  scalars.push(value === undefined ? 0 : 1);
  for (const [k, how] of Object.entries(plan)) {
    const v = o[k];
    if (how === 'scalar') scalars.push(v ?? null);
    else if (how === 'list') lists.push(listOf(v as readonly unknown[] | undefined));
    else if (typeof how === 'object' && how !== null) collect(how as Record<string, unknown>, v, scalars, lists);
  }
}

/**
 * Computes the cache key of a validation's inputs: every input that can change the outcome except
 * the time ([PATH-14]), as {@link VALIDATION_KEY_PLAN} lists them. @internal
 */
export function validationCacheKey(leaf: Uint8Array, o: ValidatePathOptions): string | undefined {
  if (!(leaf instanceof Uint8Array)) return undefined;
  const values: unknown[] = [];
  const lists: (readonly unknown[])[] = [[leaf]];
  collect(VALIDATION_KEY_PLAN, o, values, lists);
  const scalars = JSON.stringify(values);
  let total = 0;
  for (const list of lists) for (const x of list) if (x instanceof Uint8Array) total += x.length;
  return total <= EXACT_KEY_MAX_BYTES ? exactKey(scalars, lists) : hashedKey(scalars, lists);
}

/** Stands for an input that should be an array and is not (validatePath rejects such calls). */
const NOT_AN_ARRAY: readonly unknown[] = [{}];

/** An input list: absent keys as empty, a non-array as a list no valid call has. */
function listOf(items: readonly unknown[] | undefined): readonly unknown[] {
  if (items === undefined) return [];
  return Array.isArray(items) ? items : NOT_AN_ARRAY;
}

/** Returns the cached result when `time` lies in its window. @internal */
export function lookupValidated(key: string, time: number): ValidatedPath | undefined {
  const e = entries.get(key);
  if (e === undefined) return undefined;
  // validUntil is exclusive: at that instant some rule of the validation answers differently ([PATH-14]).
  if (time < e.from || time >= e.result.validUntil) return undefined;
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
