/**
 * The validated-path cache key covers every option by construction (PATH-14): the plan is mapped
 * over the options types, so a new option without an entry does not compile, and every planned
 * option changes the key.
 */
import { describe, expect, it } from 'vitest';
import {
  lookupValidated,
  sameKey,
  storeValidated,
  validationCacheKey,
  VALIDATION_KEY_PLAN,
  type CacheKey,
  type KeyPlan,
} from '../../src/x509/path-cache.js';
import type { ValidatePathOptions } from '../../src/x509/index.js';

// @ts-expect-error a plan that leaves out an option of its type is a compile error
const missing: KeyPlan<{ readonly a?: number; readonly b?: string }> = { a: 'scalar' };
// @ts-expect-error a plan that names an option the type does not have is a compile error too
const extra: KeyPlan<{ readonly a?: number }> = { a: 'scalar', b: 'scalar' };
void missing;
void extra;

const leaf = Uint8Array.of(1, 2, 3);

function key(l: Uint8Array, o: ValidatePathOptions): CacheKey {
  const k = validationCacheKey(l, o);
  if (k === undefined) throw new Error('no key');
  return k;
}
const base: ValidatePathOptions = { trustAnchors: [Uint8Array.of(9)], time: 1 };

/** Every path of the plan with how it is keyed. */
function entries(plan: Record<string, unknown>, prefix: string[] = []): [string[], string][] {
  return Object.entries(plan).flatMap(([k, how]) =>
    typeof how === 'object' && how !== null
      ? entries(how as Record<string, unknown>, [...prefix, k])
      : [[[...prefix, k], how as string]],
  );
}

function withValue(path: string[], value: unknown): ValidatePathOptions {
  const out: Record<string, unknown> = { ...base };
  let cur = out;
  for (const [i, k] of path.entries()) {
    if (i === path.length - 1) cur[k] = value;
    else cur = (cur[k] = { ...(cur[k] as object | undefined) }) as Record<string, unknown>;
  }
  return out as unknown as ValidatePathOptions;
}

describe('validationCacheKey', () => {
  const all = entries(VALIDATION_KEY_PLAN as unknown as Record<string, unknown>);

  it('[PATH-14] plans every option of ValidatePathOptions, RevocationOptions and PolicyInputs', () => {
    expect(all.map(([p]) => p.join('.')).sort()).toEqual(
      [
        'cache',
        'intermediates',
        'issuanceChecks',
        'maxIntermediates',
        'minRsaBits',
        'policy.explicitPolicy',
        'policy.inhibitAnyPolicy',
        'policy.inhibitPolicyMapping',
        'policy.initialPolicySet',
        'profile',
        'requiredEku',
        'revocation.crlGracePeriod',
        'revocation.crls',
        'revocation.mode',
        'revocation.ocspMaxAge',
        'revocation.ocspResponses',
        'revocationSigners',
        'time',
        'trustAnchors',
      ].sort(),
    );
  });

  it('[PATH-14] every keyed option changes the key; the time and the cache switch do not', () => {
    for (const [path, how] of all) {
      const [a, b] =
        how === 'list'
          ? [[Uint8Array.of(1)], [Uint8Array.of(2)]]
          : how === 'scalar'
            ? [7, 8]
            : [1, 2];
      const ka = key(leaf, withValue(path, a));
      const kb = key(leaf, withValue(path, b));
      if (how === 'unkeyed') expect(sameKey(ka, kb), path.join('.')).toBe(true);
      else {
        expect(sameKey(ka, kb), path.join('.')).toBe(false);
        expect(sameKey(ka, key(leaf, base)), `${path.join('.')} absent vs set`).toBe(false);
      }
    }
    // An absent options object and an empty one are different inputs only where the defaults differ: both are keyed.
    expect(sameKey(key(leaf, { ...base, revocation: {} }), key(leaf, base))).toBe(false);
  });

  it('[PATH-14] a byte that differs changes the key, wherever it is and whatever the fingerprint says', () => {
    const big = new Uint8Array(1000).map((_, i) => i & 0xff);
    const k0 = key(big, base);
    for (const at of [0, 3, 4, 501, 998, 999]) {
      const other = big.slice();
      other[at] = (other[at] as number) ^ 1;
      expect(sameKey(k0, key(other, base)), `byte ${at}`).toBe(false);
    }
    expect(sameKey(k0, key(big.slice(), base))).toBe(true);
    // A key whose text (fingerprint included) is forged equal but whose bytes differ does not hit:
    // the entry is found by its text and accepted only on equal bytes.
    const stored: CacheKey = { text: k0.text, bytes: [big.slice(), ...(k0.bytes ?? []).slice(1)] };
    storeValidated(stored, 10, { validUntil: 100 } as unknown as Parameters<
      typeof storeValidated
    >[2]);
    expect(lookupValidated(stored, 20)).toBeDefined();
    const changed = big.slice();
    changed[700] = 0;
    expect(
      lookupValidated({ text: k0.text, bytes: [changed, ...(k0.bytes ?? []).slice(1)] }, 20),
    ).toBeUndefined();
  });
});
