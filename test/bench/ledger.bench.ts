/**
 * Evidence log benchmarks (spec/evidence-log.md): append + integrate of 1,000,000 leaves against
 * the bare SHA-256 floor of 2 hashes per leaf, inclusion-proof verification at n = 2^20 against
 * ⌈log2 n⌉ + 1 raw hashes, and proof generation from tiles at n = 10^3 … 10^6.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8Encode } from '../../src/encoding/utf8.js';
import {
  LogWriter,
  MemoryTileStore,
  ed25519NoteSigner,
  leafHash,
  verifyInclusion,
  parseCheckpoint,
  commitEntry,
} from '../../src/ledger/index.js';
import { benchGroup, figureTable } from './harness.js';

const N = 1_000_000;
const BATCH = 1_000;
const SIZES = [1_000, 10_000, 100_000, 1_000_000];
const signer = ed25519NoteSigner(
  'bench.example/log',
  sha256(utf8Encode('jitsuin/bench/ledger/log')),
);

/** 32-byte leaf data (the size of a commitment), distinct per index. */
function leafData(i: number): Uint8Array {
  const d = new Uint8Array(32);
  new DataView(d.buffer).setUint32(0, i);
  return d;
}

let shared: Promise<LogWriter> | undefined;

/** Builds a 10^6-leaf log integrated in batches of 1,000 (so every size of SIZES is a checkpoint size). */
async function build(onBatch?: () => void): Promise<LogWriter> {
  const w = await LogWriter.create({ store: new MemoryTileStore(), signer });
  for (let i = 0; i < N;) {
    for (let j = 0; j < BATCH; j++, i++) w.appendLeaf(leafData(i));
    await w.integrate();
    onBatch?.();
  }
  return w;
}

const writer = (): Promise<LogWriter> => (shared ??= build());

const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

export const appendThroughput = figureTable({
  title: 'Evidence log: append + integrate 1,000,000 leaves',
  description: `LogWriter over the in-memory tile store, ${BATCH} leaves per integration (tiles, entry bundles and a signed Ed25519 checkpoint written each time), 32-byte leaves. Floor: the bare SHA-256 work of 2 hashes per leaf (a leaf hash of 33 bytes and a node hash of 65 bytes), measured in the same run, interleaved batch by batch with the writer. "append" adds the salted commitment (one more hash and 32 random bytes per leaf). Peak memory: RSS growth during the run (the in-memory store keeps every tile).`,
  async compute() {
    // Floor and writer interleaved batch by batch, so load changes on a shared machine hit both alike.
    const node = new Uint8Array(65);
    const leaf = new Uint8Array(33);
    let sink = 0;
    let floorMs = 0;
    let writerMs = 0;
    const rss0 = process.memoryUsage().rss;
    let peak = rss0;
    const w = await LogWriter.create({ store: new MemoryTileStore(), signer });
    for (let i = 0; i < N;) {
      let t = performance.now();
      for (let j = 0; j < BATCH; j++) {
        leaf[1] = j;
        sink ^= sha256(leaf)[0]!;
        node[1] = j;
        sink ^= sha256(node)[0]!;
      }
      floorMs += performance.now() - t;
      t = performance.now();
      for (let j = 0; j < BATCH; j++, i++) w.appendLeaf(leafData(i));
      await w.integrate();
      writerMs += performance.now() - t;
      peak = Math.max(peak, process.memoryUsage().rss);
    }
    const floorS = floorMs / 1000;
    const writerS = writerMs / 1000;
    shared = Promise.resolve(w);
    // append() with commitments, 100,000 leaves (scaled), same batches.
    const w2 = await LogWriter.create({ store: new MemoryTileStore(), signer });
    const M = 100_000;
    const t = performance.now();
    for (let i = 0; i < M;) {
      for (let j = 0; j < BATCH; j++, i++) w2.append(leafData(i));
      await w2.integrate();
    }
    const appendS = ((performance.now() - t) / 1000) * (N / M);
    const rate = (s: number): string => `${Math.round(N / s).toLocaleString('en-US')} leaves/s`;
    return {
      columns: [
        'case',
        'time for 10^6 leaves',
        'throughput',
        'share of the floor',
        'peak RSS growth',
      ],
      rows: [
        ['SHA-256 floor (2 hashes per leaf)', `${floorS.toFixed(2)} s`, rate(floorS), '100 %', '—'],
        [
          'appendLeaf + integrate',
          `${writerS.toFixed(2)} s`,
          rate(writerS),
          `${((floorS / writerS) * 100).toFixed(0)} %`,
          mb(peak - rss0),
        ],
        [
          'append (commitment) + integrate, from 10^5',
          `${appendS.toFixed(2)} s`,
          rate(appendS),
          `${((floorS / appendS) * 100).toFixed(0)} %`,
          '—',
        ],
        ...(sink === 256 ? [['', '', '', '', '']] : []),
      ],
    };
  },
});

let proof20:
  | { index: number; size: number; leaf: Uint8Array; proof: Uint8Array[]; root: Uint8Array }
  | undefined;

export const inclusionVerify = benchGroup({
  title: 'Evidence log: inclusion proof verification at n = 2^20',
  description:
    'verifyInclusion of leaf 777,777 in a tree of 1,048,576 leaves (20 proof hashes), against the raw SHA-256 floor of ⌈log2 n⌉ + 1 = 21 hashes (one 33-byte leaf input, twenty 65-byte node inputs).',
  reference: 'SHA-256 floor (21 hashes)',
  async setup() {
    const w = await writer();
    const size = 2 ** 20;
    for (let i = w.size; i < size; i++) w.appendLeaf(leafData(i));
    if (w.pending > 0) await w.integrate();
    const index = 777_777;
    const proof = await w.inclusionProof(index, size);
    proof20 = {
      index,
      size,
      leaf: leafHash(leafData(index)),
      proof,
      root: parseCheckpoint(w.checkpoint.slice(0, w.checkpoint.lastIndexOf('\n\n') + 1)).rootHash,
    };
  },
  cases: () => {
    const node = new Uint8Array(65);
    const leaf = new Uint8Array(33);
    return {
      'SHA-256 floor (21 hashes)': () => {
        let x = sha256(leaf)[0]!;
        for (let i = 0; i < 20; i++) x ^= sha256(node)[0]!;
        return x;
      },
      verifyInclusion: () =>
        verifyInclusion(
          proof20!.index,
          proof20!.size,
          proof20!.leaf,
          proof20!.proof,
          proof20!.root,
        ),
    };
  },
});

export const proofGeneration = figureTable({
  title: 'Evidence log: proof generation from tiles',
  description:
    'Mean time to build an inclusion proof (random leaf) and a consistency proof (random older size) from the in-memory tile store of a 10^6-leaf log, for trees of n leaves; 2,000 proofs each. The cost follows the proof length (log n) and the tiles read, not n.',
  async compute() {
    const w = await writer();
    const rows: string[][] = [];
    let seed = 12345;
    const rnd = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    // Warm-up (JIT) before the first row.
    for (let i = 0; i < 300; i++) await w.inclusionProof(rnd(N), N);
    for (const n of SIZES) {
      const k = 2000;
      let t = performance.now();
      let hashes = 0;
      for (let i = 0; i < k; i++) hashes += (await w.inclusionProof(rnd(n), n)).length;
      const inc = ((performance.now() - t) * 1000) / k;
      t = performance.now();
      for (let i = 0; i < k; i++) await w.consistencyProof(1 + rnd(n - 1), n);
      const con = ((performance.now() - t) * 1000) / k;
      rows.push([
        n.toLocaleString('en-US'),
        `${(hashes / k).toFixed(1)}`,
        `${inc.toFixed(0)} µs`,
        `${con.toFixed(0)} µs`,
      ]);
    }
    void commitEntry;
    return {
      columns: ['n', 'mean inclusion proof length', 'inclusion proof', 'consistency proof'],
      rows,
    };
  },
});
