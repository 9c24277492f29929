/**
 * RFC 9162 §2.1 Merkle tree: roots, inclusion and consistency proofs (generation and verification).
 *
 * Generation is split into a pure *plan* (which complete subtrees each proof element is made of)
 * and a fold over their hashes, so the same code serves an in-memory tree and a tiled store: a
 * proof element is the root of a range `[a, b)` of leaves, which is the right-to-left fold of the
 * O(log n) complete subtrees covering it. Sizes are JavaScript numbers up to 2^53 − 1, and the
 * arithmetic avoids 32-bit bit operators so that every such size works.
 * @module
 */
import { fail } from '../internal/fail.js';
import { bytesEqual } from '../encoding/bytes.js';
import { HASH_SIZE, emptyRoot, hashChildren } from './hash.js';

/** A complete subtree: `2^level` leaves starting at leaf `index · 2^level`. */
export interface NodeId {
  readonly level: number;
  readonly index: number;
}

/** A range `[start, end)` of leaves whose Merkle root is one proof element. @internal */
export interface LeafRange {
  readonly start: number;
  readonly end: number;
}

function assertSize(value: unknown, what: string): asserts value is number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    fail('ERR_INVALID_ARGUMENT', `${what} must be a non-negative safe integer`);
  }
}

/** The largest power of two strictly smaller than `n` (n ≥ 2). */
function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** The complete subtrees covering `[start, end)`, largest first (start is aligned, as in every RFC 9162 split). @internal */
export function rangeNodes(range: LeafRange): NodeId[] {
  const out: NodeId[] = [];
  let start = range.start;
  let remaining = range.end - range.start;
  while (remaining > 0) {
    let size = 1;
    let level = 0;
    while (size * 2 <= remaining) {
      size *= 2;
      level++;
    }
    out.push({ level, index: start / size });
    start += size;
    remaining -= size;
  }
  return out;
}

/** Folds the hashes of {@link rangeNodes} (same order) into the range's Merkle root. @internal */
export function foldRange(hashes: readonly Uint8Array[]): Uint8Array {
  let acc = hashes[hashes.length - 1]!;
  for (let i = hashes.length - 2; i >= 0; i--) acc = hashChildren(hashes[i]!, acc);
  return acc;
}

/** The leaf ranges of the RFC 9162 §2.1.3.1 inclusion proof of `index` in a tree of `size`, leaf side first. @internal */
export function inclusionPlan(index: number, size: number): LeafRange[] {
  assertSize(index, 'index');
  assertSize(size, 'size');
  if (index >= size)
    fail('ERR_LOG_PROOF', `index ${index} is not below tree size ${size}`, 'LOG-03');
  const out: LeafRange[] = [];
  const walk = (start: number, end: number): void => {
    if (end - start === 1) return;
    const k = splitPoint(end - start);
    if (index < start + k) {
      walk(start, start + k);
      out.push({ start: start + k, end });
    } else {
      walk(start + k, end);
      out.push({ start, end: start + k });
    }
  };
  walk(0, size);
  return out;
}

/** The leaf ranges of the RFC 9162 §2.1.4.1 consistency proof from `size1` to `size2` (0 < size1 ≤ size2). @internal */
export function consistencyPlan(size1: number, size2: number): LeafRange[] {
  assertSize(size1, 'size1');
  assertSize(size2, 'size2');
  if (size1 === 0 || size1 > size2)
    fail('ERR_LOG_PROOF', `no consistency proof from size ${size1} to size ${size2}`, 'LOG-05');
  const out: LeafRange[] = [];
  const walk = (start: number, end: number, whole: boolean): void => {
    if (size1 === end) {
      if (!whole) out.push({ start, end });
      return;
    }
    const k = splitPoint(end - start);
    if (size1 <= start + k) {
      walk(start, start + k, whole);
      out.push({ start: start + k, end });
    } else {
      walk(start + k, end, false);
      out.push({ start, end: start + k });
    }
  };
  if (size1 < size2) walk(0, size2, true);
  return out;
}

/** Gives the hash of a complete subtree; throws when it is not available. */
export type NodeSource = (node: NodeId) => Uint8Array;

/** Like {@link NodeSource} but asynchronous (a tiled store). */
export type AsyncNodeSource = (nodes: readonly NodeId[]) => Promise<readonly Uint8Array[]>;

/** Builds the proof of `plan` from a synchronous node source. @internal */
export function buildProof(plan: readonly LeafRange[], source: NodeSource): Uint8Array[] {
  return plan.map((r) => foldRange(rangeNodes(r).map(source)));
}

/** Builds the proof of `plan` from an asynchronous node source, fetching all nodes in one call. @internal */
export async function buildProofAsync(
  plan: readonly LeafRange[],
  source: AsyncNodeSource,
): Promise<Uint8Array[]> {
  const perRange = plan.map(rangeNodes);
  const hashes = await source(perRange.flat());
  let i = 0;
  return perRange.map((nodes) => foldRange(nodes.map(() => hashes[i++]!)));
}

/** The Merkle tree hash (RFC 9162 §2.1.1) of a list of leaf hashes; the empty list gives SHA-256(""). */
export function rootFromLeafHashes(leafHashes: readonly Uint8Array[]): Uint8Array {
  if (!Array.isArray(leafHashes))
    fail('ERR_INVALID_ARGUMENT', 'rootFromLeafHashes: expected an array of 32-byte hashes');
  if (leafHashes.length === 0) return emptyRoot();
  // A stack of complete subtree roots, as an append-only writer keeps them (compact range).
  const stack: Uint8Array[] = [];
  const sizes: number[] = [];
  for (const h of leafHashes) {
    checkHash(h, 'leaf hash', 'ERR_INVALID_ARGUMENT');
    let node = h;
    let size = 1;
    while (sizes.length > 0 && sizes[sizes.length - 1] === size) {
      node = hashChildren(stack.pop()!, node);
      sizes.pop();
      size *= 2;
    }
    stack.push(node);
    sizes.push(size);
  }
  let root = stack[stack.length - 1]!;
  for (let i = stack.length - 2; i >= 0; i--) root = hashChildren(stack[i]!, root);
  return root.slice();
}

/** Inclusion proof of leaf `index` in the tree of the first `size` leaves of `leafHashes` (in memory). */
export function inclusionProof(
  index: number,
  size: number,
  leafHashes: readonly Uint8Array[],
): Uint8Array[] {
  if (!Array.isArray(leafHashes) || leafHashes.length < size)
    fail('ERR_INVALID_ARGUMENT', 'inclusionProof: fewer leaf hashes than the tree size');
  return buildProof(inclusionPlan(index, size), memorySource(leafHashes));
}

/** Consistency proof from `size1` to `size2` over the first `size2` leaves of `leafHashes` (in memory). */
export function consistencyProof(
  size1: number,
  size2: number,
  leafHashes: readonly Uint8Array[],
): Uint8Array[] {
  if (!Array.isArray(leafHashes) || leafHashes.length < size2)
    fail('ERR_INVALID_ARGUMENT', 'consistencyProof: fewer leaf hashes than size2');
  return buildProof(consistencyPlan(size1, size2), memorySource(leafHashes));
}

/** A node source over an array of leaf hashes (recomputes each subtree; for tests and small trees). */
function memorySource(leafHashes: readonly Uint8Array[]): NodeSource {
  return ({ level, index }) => {
    const width = 2 ** level;
    return rootFromLeafHashes(leafHashes.slice(index * width, index * width + width));
  };
}

function checkHash(
  h: unknown,
  what: string,
  code: 'ERR_LOG_PROOF' | 'ERR_INVALID_ARGUMENT' = 'ERR_LOG_PROOF',
): asserts h is Uint8Array {
  if (!(h instanceof Uint8Array)) fail('ERR_INVALID_ARGUMENT', `${what} must be a Uint8Array`);
  if (h.length !== HASH_SIZE)
    fail(code, `${what} is ${h.length} bytes, not ${HASH_SIZE}`, 'LOG-02');
}

function checkProofArray(proof: unknown): asserts proof is readonly Uint8Array[] {
  if (!Array.isArray(proof))
    fail('ERR_INVALID_ARGUMENT', 'proof must be an array of 32-byte hashes');
  proof.forEach((h, i) => checkHash(h, `proof hash ${i}`));
}

const isOdd = (x: number): boolean => x % 2 === 1;
const half = (x: number): number => Math.floor(x / 2);

/**
 * The root that an inclusion proof implies for `leaf` at `index` in a tree of `size` (RFC 9162
 * §2.1.3.2 steps 1–5). Fails on a proof of the wrong length for the (index, size) pair.
 * @internal
 */
export function rootFromInclusionProof(
  index: number,
  size: number,
  leaf: Uint8Array,
  proof: readonly Uint8Array[],
): Uint8Array {
  assertSize(index, 'index');
  assertSize(size, 'size');
  checkHash(leaf, 'leaf hash');
  checkProofArray(proof);
  if (index >= size)
    fail('ERR_LOG_PROOF', `leaf index ${index} is not below tree size ${size}`, 'LOG-03');
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0)
      fail('ERR_LOG_PROOF', 'inclusion proof has more hashes than the tree has levels', 'LOG-04');
    if (isOdd(fn) || fn === sn) {
      r = hashChildren(p, r);
      if (!isOdd(fn)) {
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      r = hashChildren(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  if (sn !== 0)
    fail('ERR_LOG_PROOF', 'inclusion proof has fewer hashes than the path to the root', 'LOG-04');
  return r;
}

/**
 * Verifies that `leaf` (a leaf hash) is at `index` in the tree of `size` leaves with root `root`
 * (RFC 9162 §2.1.3.2). Throws `ERR_LOG_PROOF` otherwise; returns nothing.
 */
export function verifyInclusion(
  index: number,
  size: number,
  leaf: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): void {
  checkHash(root, 'root hash');
  const r = rootFromInclusionProof(index, size, leaf, proof);
  if (!bytesEqual(r, root))
    fail('ERR_LOG_PROOF', 'inclusion proof does not lead to the root hash', 'LOG-04');
}

/** The two roots a consistency proof implies: `first` for size1, `second` for size2. @internal */
export interface ImpliedRoots {
  readonly first: Uint8Array;
  readonly second: Uint8Array;
}

/**
 * The roots a consistency proof from `size1` to `size2` implies (RFC 9162 §2.1.4.2), `firstRoot`
 * being the trusted old root (used when size1 is a power of two). Fails on a proof of the wrong
 * shape. 0 < size1 < size2. @internal
 */
export function rootsFromConsistencyProof(
  size1: number,
  size2: number,
  firstRoot: Uint8Array,
  proof: readonly Uint8Array[],
): ImpliedRoots {
  let path = [...proof];
  if (path.length === 0)
    fail('ERR_LOG_PROOF', 'consistency proof between different sizes is empty', 'LOG-06');
  let fn = size1 - 1;
  let sn = size2 - 1;
  // size1 a power of two: the old root is itself a node of the new tree.
  if (fn === 0 || isPowerOfTwo(size1)) path = [firstRoot, ...path];
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = path[0]!;
  let sr = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0) fail('ERR_LOG_PROOF', 'consistency proof has more hashes than needed', 'LOG-06');
    if (isOdd(fn) || fn === sn) {
      fr = hashChildren(c, fr);
      sr = hashChildren(c, sr);
      if (!isOdd(fn)) {
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      sr = hashChildren(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  if (sn !== 0) fail('ERR_LOG_PROOF', 'consistency proof has fewer hashes than needed', 'LOG-06');
  return { first: fr, second: sr };
}

function isPowerOfTwo(n: number): boolean {
  let x = n;
  while (x > 1 && x % 2 === 0) x /= 2;
  return x === 1;
}

/**
 * Verifies that the tree of `size1` leaves with root `root1` is a prefix of the tree of `size2`
 * leaves with root `root2` (RFC 9162 §2.1.4.2). Equal sizes need an empty proof and equal roots;
 * size1 = 0 is rejected (nothing to prove). Throws `ERR_LOG_PROOF`; returns nothing.
 */
export function verifyConsistency(
  size1: number,
  size2: number,
  root1: Uint8Array,
  root2: Uint8Array,
  proof: readonly Uint8Array[],
): void {
  assertSize(size1, 'size1');
  assertSize(size2, 'size2');
  checkHash(root1, 'first root hash');
  checkHash(root2, 'second root hash');
  checkProofArray(proof);
  if (size1 > size2)
    fail('ERR_LOG_PROOF', `size1 ${size1} is larger than size2 ${size2}`, 'LOG-05');
  if (size1 === size2) {
    if (proof.length !== 0)
      fail('ERR_LOG_PROOF', 'consistency proof between equal sizes must be empty', 'LOG-05');
    if (!bytesEqual(root1, root2))
      fail('ERR_LOG_PROOF', 'two trees of the same size have different roots', 'LOG-05');
    return;
  }
  if (size1 === 0)
    fail('ERR_LOG_PROOF', 'a consistency proof from the empty tree proves nothing', 'LOG-05');
  const roots = rootsFromConsistencyProof(size1, size2, root1, proof);
  if (!bytesEqual(roots.first, root1))
    fail('ERR_LOG_PROOF', 'consistency proof does not lead to the first root', 'LOG-06');
  if (!bytesEqual(roots.second, root2))
    fail('ERR_LOG_PROOF', 'consistency proof does not lead to the second root', 'LOG-06');
}
