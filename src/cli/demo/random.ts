/**
 * The demo's deterministic random source, so that every artefact it writes is the same on every
 * run: HKDF-SHA-256 over a fixed seed, one derivation per request. For the demo only — production
 * code leaves the `random` options out and gets the platform CSPRNG.
 * @module
 */
import { hkdfSha256 } from '../../crypto/hash.js';
import { utf8Encode } from '../../encoding/utf8.js';

/** The seed every demo key and random value is derived from. */
export const DEMO_SEED = utf8Encode('jitsuin/demo/v1 (TEST ONLY)');

/**
 * A deterministic random source for `label`: the n-th call returns HKDF-SHA-256(IKM = seed,
 * salt = "jitsuin/demo/random", info = label "/" n, L = length).
 */
export function demoRandom(label: string): (length: number) => Uint8Array {
  let counter = 0;
  const salt = utf8Encode('jitsuin/demo/random');
  return (length: number) =>
    hkdfSha256(DEMO_SEED, salt, utf8Encode(`${label}/${counter++}`), length);
}
