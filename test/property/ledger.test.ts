/**
 * Property tests of the Merkle tree (spec/evidence-log.md §2): for random sizes m ≤ n ≤ 5000, every
 * sampled inclusion proof and the consistency proof between the two sizes verify, and flipping any
 * single bit of a proof hash, the leaf or a root makes verification fail.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { utf8Encode } from '../../src/encoding/utf8.js';
import {
  consistencyProof,
  inclusionProof,
  leafHash,
  nodeHash,
  rootFromLeafHashes,
  verifyConsistency,
  verifyInclusion,
} from '../../src/ledger/index.js';
import {
  buildProof,
  consistencyPlan,
  foldRange,
  inclusionPlan,
  rangeNodes,
} from '../../src/ledger/tree.js';

const N = 5000;
const LEAVES = Array.from({ length: N }, (_, i) => leafHash(utf8Encode(`p${i}`)));
/** Every complete subtree hash of the 5000-leaf tree, level by level (a node source without recomputation). */
const LEVELS: Uint8Array[][] = [LEAVES];
while (LEVELS.at(-1)!.length > 1) {
  const below = LEVELS.at(-1)!;
  LEVELS.push(
    Array.from({ length: Math.floor(below.length / 2) }, (_, i) =>
      nodeHash(below[2 * i]!, below[2 * i + 1]!),
    ),
  );
}
const source = ({ level, index }: { level: number; index: number }): Uint8Array =>
  LEVELS[level]![index]!;
const rootOf = (n: number): Uint8Array => foldRange(rangeNodes({ start: 0, end: n }).map(source));
const incl = (i: number, n: number): Uint8Array[] => buildProof(inclusionPlan(i, n), source);
const cons = (m: number, n: number): Uint8Array[] => buildProof(consistencyPlan(m, n), source);

it('the fast node source agrees with the public functions', () => {
  for (const n of [1, 2, 3, 255, 256, 257, 1000]) {
    expect(rootOf(n)).toEqual(rootFromLeafHashes(LEAVES.slice(0, n)));
    expect(incl(n - 1, n)).toEqual(inclusionProof(n - 1, n, LEAVES));
    expect(cons(1, n)).toEqual(consistencyProof(1, n, LEAVES));
  }
});

function flipped(h: Uint8Array, bit: number): Uint8Array {
  const c = h.slice();
  c[Math.floor(bit / 8) % 32]! ^= 1 << (bit % 8);
  return c;
}

const fails = (f: () => void): boolean => {
  try {
    f();
    return false;
  } catch (e) {
    return (e as { code?: string }).code === 'ERR_LOG_PROOF';
  }
};

describe('Merkle tree properties', () => {
  it('[LOG-04] [LOG-03] inclusion proofs of sampled leaves verify, and any single-bit change fails', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: N }),
        fc.integer({ min: 0, max: N - 1 }),
        fc.nat(255),
        fc.nat(),
        (n, i0, bit, which) => {
          const i = i0 % n;
          const proof = incl(i, n);
          const root = rootOf(n);
          verifyInclusion(i, n, LEAVES[i]!, proof, root);
          expect(fails(() => verifyInclusion(i, n, flipped(LEAVES[i]!, bit), proof, root))).toBe(
            true,
          );
          expect(fails(() => verifyInclusion(i, n, LEAVES[i]!, proof, flipped(root, bit)))).toBe(
            true,
          );
          if (proof.length > 0) {
            const k = which % proof.length;
            expect(
              fails(() =>
                verifyInclusion(
                  i,
                  n,
                  LEAVES[i]!,
                  proof.map((h, j) => (j === k ? flipped(h, bit) : h)),
                  root,
                ),
              ),
            ).toBe(true);
            expect(fails(() => verifyInclusion(i, n, LEAVES[i]!, proof.slice(1), root))).toBe(true);
          }
          expect(fails(() => verifyInclusion(i, n, LEAVES[i]!, [...proof, root], root))).toBe(true);
          expect(fails(() => verifyInclusion(n, n, LEAVES[i]!, proof, root))).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('[LOG-06] [LOG-05] consistency proofs between random m <= n verify, and any single-bit change fails', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: N }),
        fc.integer({ min: 1, max: N }),
        fc.nat(255),
        fc.nat(),
        (a, b, bit, which) => {
          const [m, n] = a <= b ? [a, b] : [b, a];
          const proof = cons(m, n);
          const r1 = rootOf(m);
          const r2 = rootOf(n);
          verifyConsistency(m, n, r1, r2, proof);
          expect(fails(() => verifyConsistency(m, n, flipped(r1, bit), r2, proof))).toBe(true);
          expect(fails(() => verifyConsistency(m, n, r1, flipped(r2, bit), proof))).toBe(true);
          if (proof.length > 0) {
            const k = which % proof.length;
            expect(
              fails(() =>
                verifyConsistency(
                  m,
                  n,
                  r1,
                  r2,
                  proof.map((h, j) => (j === k ? flipped(h, bit) : h)),
                ),
              ),
            ).toBe(true);
          }
          if (m < n) {
            expect(fails(() => verifyConsistency(m, n, r1, r2, [...proof, r1]))).toBe(true);
            expect(fails(() => verifyConsistency(n, m, r2, r1, proof))).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
