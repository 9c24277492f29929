/**
 * Bounded cache of validated paths (spec/certificates.md, PATH-14). The key binds every input that
 * can change the outcome except the time, by their exact bytes (or SHA-256 over them when large):
 * the leaf, intermediates, trust anchors, revocation data and options, profile, policy inputs and
 * limits. Exact keys are not strings of the bytes: a lookup finds its entry by a short text (the
 * scalars, the shape of the lists and a fingerprint of the bytes) and then compares the bytes
 * themselves with the entry's own copies, so no key string of kilobytes is built, hashed and
 * compared per call. A hit requires the time to lie
 * between the time of the original validation and the result's `validUntil` (the earliest
 * notAfter or revocation nextUpdate), a window in which the outcome cannot change.
 * @module
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { hexEncode } from '../encoding/hex.js';
import { utf8Encode } from '../encoding/utf8.js';
import type { ValidatedPath, ValidatePathOptions } from './types.js';
import type { RevocationOptions } from './revocation/check.js';
import type { PolicyInputs } from './policy.js';
import { clearCertificateCache } from './certificate.js';
import { clearSignatureMemo } from './signature.js';
import { LoadedCrl, loadedCrl } from './revocation/crl.js';

const LIMIT = 256;

/**
 * A cache key. `text` holds everything but the byte strings of an exact key (those are `bytes`, in
 * order, with their lengths and a fingerprint of their contents in `text`); a hashed key has them
 * all in `text` (SHA-256) and no `bytes`. Two keys are equal when both parts are. @internal
 */
export interface CacheKey {
  readonly text: string;
  bytes: readonly Uint8Array[] | undefined;
}

interface Entry {
  readonly from: number;
  readonly result: ValidatedPath;
  /** The entry's own copies of its key's byte strings (never the caller's arrays). */
  readonly bytes: readonly Uint8Array[] | undefined;
}

const entries = new Map<string, Entry>();

type Hasher = ReturnType<typeof sha256.create>;

/**
 * Inputs of at most this many bytes in total are keyed by their exact bytes; larger ones (big
 * CRLs) by SHA-256, so that 256 entries never hold more than a few MiB of keys. Either key is
 * injective over the inputs (the SHA-256 one up to collisions); they cannot meet, their texts'
 * first characters differ.
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

/** Equal bytes, compared 32 bits at a time (the inputs are public: no need for constant time). */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  const n = a.length;
  if (n !== b.length) return false;
  const da = new DataView(a.buffer, a.byteOffset, n);
  const db = new DataView(b.buffer, b.byteOffset, n);
  const words = n & ~3;
  for (let i = 0; i < words; i += 4) if (da.getUint32(i) !== db.getUint32(i)) return false;
  for (let i = words; i < n; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** True when `bytes` are the same byte strings as `stored`, in order. */
function sameList(
  bytes: readonly Uint8Array[] | undefined,
  stored: readonly Uint8Array[] | undefined,
): boolean {
  if (bytes === undefined || stored === undefined) return bytes === stored;
  if (bytes.length !== stored.length) return false;
  for (let i = 0; i < bytes.length; i++)
    if (!sameBytes(bytes[i] as Uint8Array, stored[i] as Uint8Array)) return false;
  return true;
}

/** Two keys denote the same inputs. @internal */
export function sameKey(a: CacheKey, b: CacheKey): boolean {
  return a.text === b.text && sameList(a.bytes, b.bytes);
}

/**
 * A 32-bit fingerprint (multiplicative hashing of big-endian words) of the byte strings. Not
 * collision resistant and it need not be: it only picks the entry whose bytes are then compared,
 * and a collision costs a miss, never a wrong hit.
 */
function fingerprint(list: readonly Uint8Array[]): string {
  let h = 0x811c9dc5;
  for (const b of list) {
    const n = b.length;
    const d = new DataView(b.buffer, b.byteOffset, n);
    const words = n & ~3;
    for (let i = 0; i < words; i += 4) h = Math.imul(h ^ d.getUint32(i), 0x9e3779b1);
    for (let i = words; i < n; i++) h = Math.imul(h ^ (b[i] as number), 0x9e3779b1);
    h = Math.imul(h ^ n, 0xcc9e2d51);
  }
  return (h >>> 0).toString(36);
}

/**
 * The exact form. `text`: every count and length in decimal followed by `|`, `b` for a byte
 * string (its bytes are the next element of `bytes`), `L` and 64 hex digits for a loaded CRL, `!`
 * for an element that is neither, then the fingerprint. Parsing it back is unambiguous, and with
 * `bytes` it determines every input.
 */
function exactKey(scalars: string, lists: readonly (readonly unknown[])[]): CacheKey {
  let text = `x${scalars.length}|${scalars}`;
  const bytes: Uint8Array[] = [];
  for (const list of lists) {
    text += `${list.length}|`;
    for (const x of list) {
      const crl = loadedCrlId(x);
      if (x instanceof Uint8Array) {
        text += `b${x.length}|`;
        bytes.push(x);
      } else text += crl !== undefined ? `L${crl}` : '!';
    }
  }
  return { text: `${text}#${fingerprint(bytes)}`, bytes };
}

function hashedKey(scalars: string, lists: readonly (readonly unknown[])[]): CacheKey {
  const h = sha256.create();
  absorb(h, utf8Encode('jitsuin/validated-path/v1'));
  absorb(h, utf8Encode(scalars));
  for (const list of lists) absorbList(h, list);
  return { text: `h${hexEncode(h.digest())}`, bytes: undefined };
}

/**
 * How each option enters the cache key: `scalar` (its JSON value), `list` (its byte strings and
 * loaded CRLs, in order), a nested plan for an options object, or `unkeyed` (it cannot change the
 * outcome: the time, which the hit test handles, and the cache switch itself). The plan is mapped
 * over every key of the options type, so an option added to the type without an entry here is a
 * compile error rather than a silent wrong hit ([PATH-14]). @internal
 */
export type KeyPlan<T> = {
  readonly [K in keyof Required<T>]-?: 'scalar' | 'list' | 'unkeyed' | KeyPlan<NonNullable<T[K]>>;
};

const REVOCATION_PLAN: KeyPlan<RevocationOptions> = {
  crls: 'list',
  ocspResponses: 'list',
  mode: 'scalar',
  ocspMaxAge: 'scalar',
  crlGracePeriod: 'scalar',
};
const POLICY_PLAN: KeyPlan<PolicyInputs> = {
  initialPolicySet: 'scalar',
  explicitPolicy: 'scalar',
  inhibitPolicyMapping: 'scalar',
  inhibitAnyPolicy: 'scalar',
};
/** @internal */
export const VALIDATION_KEY_PLAN: KeyPlan<ValidatePathOptions> = {
  intermediates: 'list',
  trustAnchors: 'list',
  time: 'unkeyed',
  profile: 'scalar',
  requiredEku: 'scalar',
  revocation: REVOCATION_PLAN,
  policy: POLICY_PLAN,
  maxIntermediates: 'scalar',
  minRsaBits: 'scalar',
  revocationSigners: 'list',
  cache: 'unkeyed',
  issuanceChecks: 'scalar',
};

/** A plan as arrays, walked on every call (no Object.entries per call). */
type CompiledPlan = readonly (readonly [
  key: string,
  how: 'scalar' | 'list' | 'unkeyed' | CompiledPlan,
])[];

function compile(plan: Readonly<Record<string, unknown>>): CompiledPlan {
  return Object.entries(plan).map(
    ([k, how]) =>
      [
        k,
        typeof how === 'object' && how !== null
          ? compile(how as Record<string, unknown>)
          : (how as 'scalar' | 'list' | 'unkeyed'),
      ] as const,
  );
}

const COMPILED_PLAN = compile(VALIDATION_KEY_PLAN);

/** Walks `plan` over `value`, appending scalars (as JSON) and lists in the plan's fixed order. */
function collect(
  plan: CompiledPlan,
  value: unknown,
  scalars: unknown[],
  lists: (readonly unknown[])[],
): void {
  const o = (value ?? {}) as Record<string, unknown>;
  scalars.push(value === undefined ? 0 : 1);
  for (const [k, how] of plan) {
    const v = o[k];
    if (how === 'scalar') scalars.push(v ?? null);
    else if (how === 'list') lists.push(listOf(v as readonly unknown[] | undefined));
    else if (how !== 'unkeyed') collect(how, v, scalars, lists);
  }
}

/**
 * Computes the cache key of a validation's inputs: every input that can change the outcome except
 * the time ([PATH-14]), as {@link VALIDATION_KEY_PLAN} lists them. @internal
 */
export function validationCacheKey(leaf: Uint8Array, o: ValidatePathOptions): CacheKey | undefined {
  if (!(leaf instanceof Uint8Array)) return undefined;
  const values: unknown[] = [];
  const lists: (readonly unknown[])[] = [[leaf]];
  collect(COMPILED_PLAN, o, values, lists);
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

/**
 * Makes the key's byte strings its own copies. Call it in the same synchronous step as the key was
 * computed, before any await: the caller may change its arrays later, and the entry stored under
 * this key must describe the inputs that were validated ([PATH-16]). @internal
 */
export function ownKeyBytes(key: CacheKey): void {
  if (key.bytes !== undefined) key.bytes = key.bytes.map((b) => b.slice());
}

/** Returns the cached result when `time` lies in its window. @internal */
export function lookupValidated(key: CacheKey, time: number): ValidatedPath | undefined {
  const e = entries.get(key.text);
  if (e === undefined || !sameList(key.bytes, e.bytes)) return undefined;
  // validUntil is exclusive: at that instant some rule of the validation answers differently ([PATH-14]).
  if (time < e.from || time >= e.result.validUntil) return undefined;
  // Refresh recency (Map keeps insertion order; oldest is evicted first).
  entries.delete(key.text);
  entries.set(key.text, e);
  return e.result;
}

/**
 * Stores a successful result validated at `time`, under a key whose bytes are its own
 * ({@link ownKeyBytes}). An entry of the same text and other bytes (a fingerprint collision) is
 * replaced. @internal
 */
export function storeValidated(key: CacheKey, time: number, result: ValidatedPath): void {
  if (entries.size >= LIMIT && !entries.has(key.text)) {
    const oldest = entries.keys().next().value;
    if (oldest !== undefined) entries.delete(oldest);
  }
  entries.delete(key.text);
  entries.set(key.text, { from: time, result, bytes: key.bytes });
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
