/**
 * The evidence log's writer, tiles, client, witness and monitor (spec/evidence-log.md §7–§10).
 * The vectors (vectors/evidence-log.json) pin the pure functions; these tests run the stateful parts.
 */
import { describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import * as fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isJitsuinError, type ErrorCode } from '../../src/errors.js';
import { utf8Encode, utf8Decode } from '../../src/encoding/utf8.js';
import { sha256 } from '../../src/crypto/hash.js';
import {
  DirectoryTileStore,
  LogClient,
  LogWriter,
  MemoryCheckpointStateStore,
  MemoryTileStore,
  MemoryWitnessStateStore,
  TILE_WIDTH,
  addCheckpoint,
  addSignatureLines,
  commitEntry,
  commitmentLeafHash,
  consistencyProof,
  cosignatureSigner,
  decodeEntryBundle,
  ecdsaNoteSigner,
  ed25519NoteSigner,
  encodeEntryBundle,
  inclusionProof,
  leafHash,
  parsePolicy,
  parseReceipt,
  receiptOverdue,
  rootFromLeafHashes,
  serializeCheckpoint,
  signNote,
  tileIndexPath,
  tilePath,
  updateTrustedCheckpoint,
  verifyConsistency,
  verifyInclusion,
  verifyMisbehaviourEvidence,
  verifyReceipt,
  type FetchLike,
  type MisbehaviourEvidence,
  type TileStore,
  type WitnessConfig,
} from '../../src/ledger/index.js';
import { derivePrivateKey } from '../../src/crypto/ecdsa.js';

const seed = (label: string): Uint8Array => sha256(utf8Encode(`jitsuin/test/ledger/${label}`));
const ORIGIN = 'log.test.example/evidence';
const logSigner = ed25519NoteSigner(ORIGIN, seed('log'));
const w1 = cosignatureSigner('w1.test.example', seed('w1'));
const w2 = cosignatureSigner('w2.test.example', seed('w2'));
const POLICY = parsePolicy(
  `log ${logSigner.verifier.vkey}\nwitness w1 ${w1.verifier.vkey}\nwitness w2 ${w2.verifier.vkey}\ngroup both all w1 w2\nquorum both\n`,
);
const NO_WITNESS_POLICY = parsePolicy(`log ${logSigner.verifier.vkey}\nquorum none\n`);

async function rejects(
  p: Promise<unknown> | (() => unknown),
  code: ErrorCode,
  requirement?: string,
): Promise<void> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    expect(isJitsuinError(e) ? e.code : String(e)).toBe(code);
    if (requirement !== undefined)
      expect((e as { requirement?: string }).requirement).toBe(requirement);
    return;
  }
  throw new Error(`expected ${code}`);
}

/** A fetch over a tile store (what a static file server does), counting requests. */
function storeFetch(
  store: TileStore,
  base = 'https://log.test.example/',
): FetchLike & { calls: string[] } {
  const calls: string[] = [];
  const f = (async (url: string) => {
    calls.push(url);
    const bytes = url.startsWith(base)
      ? await store.get(url.slice(base.length)).catch(() => undefined)
      : undefined;
    return {
      ok: bytes !== undefined,
      status: bytes === undefined ? 404 : 200,
      arrayBuffer: () => Promise.resolve((bytes ?? new Uint8Array(0)).slice().buffer),
    };
  }) as FetchLike & { calls: string[] };
  f.calls = calls;
  return f;
}

describe('log writer and tiles', () => {
  it('[LOG-32] tile paths follow tlog-tiles (3-digit groups, x prefixes, .p/W for partial tiles)', () => {
    expect(tileIndexPath(0)).toBe('000');
    expect(tileIndexPath(1234067)).toBe('x001/x234/067');
    expect(tilePath(0, 1234067)).toBe('tile/0/x001/x234/067');
    expect(tilePath(2, 5, 17)).toBe('tile/2/005.p/17');
  });

  it('[LOG-32] [LOG-01] tiles, bundles and checkpoint match an in-memory tree at every integration size', async () => {
    const store = new MemoryTileStore();
    const w = await LogWriter.create({ store, signer: logSigner });
    const leaves: Uint8Array[] = [];
    let n = 0;
    for (const batch of [1, 2, 250, 3, 256, 300, 65_000 - 812, 536, 1]) {
      for (let i = 0; i < batch; i++) {
        const data = utf8Encode(`leaf ${n++}`);
        w.appendLeaf(data);
        leaves.push(leafHash(data));
      }
      const note = await w.integrate();
      expect(note.split('\n')[1]).toBe(String(n));
      expect(note.split('\n')[2]).toBe(btoa(String.fromCharCode(...rootFromLeafHashes(leaves))));
      for (const idx of [0, n - 1, Math.floor(n / 2)])
        verifyInclusion(
          idx,
          n,
          leaves[idx]!,
          await w.inclusionProof(idx),
          rootFromLeafHashes(leaves),
        );
    }
    expect(n).toBe(65_537);
    // The checkpoint is what the store serves; full tiles exist, partial right-edge tiles at the final width.
    expect(utf8Decode((await store.get('checkpoint'))!)).toBe(w.checkpoint);
    expect((await store.get(tilePath(0, 0)))!.length).toBe(TILE_WIDTH * 32);
    expect((await store.get(tilePath(1, 0)))!.length).toBe(TILE_WIDTH * 32);
    expect((await store.get(tilePath(2, 0, 1)))!.length).toBe(32);
    expect((await store.get(tilePath(0, 256, 1)))!.length).toBe(32);
    expect(decodeEntryBundle((await store.get('tile/entries/256.p/1'))!, 1)[0]).toEqual(
      utf8Encode('leaf 65536'),
    );
    // Consistency proofs from tiles for older sizes (partial tiles of those sizes are kept).
    for (const m of [1, 3, 253, 512, 812])
      verifyConsistency(
        m,
        n,
        rootFromLeafHashes(leaves.slice(0, m)),
        rootFromLeafHashes(leaves),
        await w.consistencyProof(m),
      );
  });

  it('[LOG-32] a full tile, once written, is never rewritten; the checkpoint is written after the tiles', async () => {
    const writes: string[] = [];
    const inner = new MemoryTileStore();
    const store: TileStore = {
      get: (p) => inner.get(p),
      put: (p, b) => (writes.push(p), inner.put(p, b)),
    };
    const w = await LogWriter.create({ store, signer: logSigner });
    for (let round = 0; round < 5; round++) {
      for (let i = 0; i < 200; i++) w.appendLeaf(utf8Encode(`r${round} ${i}`));
      writes.push('--');
      await w.integrate();
    }
    const full = writes.filter((p) => p.startsWith('tile/') && !p.includes('.p/'));
    expect(new Set(full).size).toBe(full.length);
    for (const round of writes.join('|').split('--').slice(1))
      expect(round.split('|').filter(Boolean).at(-1)).toBe('checkpoint');
  });

  it('[LOG-32] concurrent integrations run in order: the store never ends on an older checkpoint', async () => {
    const inner = new MemoryTileStore();
    let delay = 5;
    // A store whose writes finish in reverse order of their start (slow first, fast later).
    const store: TileStore = {
      get: (p) => inner.get(p),
      put: async (p, b) => {
        const d = (delay = Math.max(0, delay - 1));
        await new Promise((r) => setTimeout(r, d));
        await inner.put(p, b);
      },
    };
    const w = await LogWriter.create({ store, signer: logSigner });
    w.appendLeaf(utf8Encode('a'));
    const first = w.integrate();
    w.appendLeaf(utf8Encode('b'));
    w.appendLeaf(utf8Encode('c'));
    const second = w.integrate();
    const [n1, n2] = await Promise.all([first, second]);
    // Each checkpoint covers at least what was appended before its call; the later one covers all.
    expect(Number(n1.split('\n')[1])).toBeGreaterThanOrEqual(1);
    expect(n2.split('\n')[1]).toBe('3');
    const third = w.integrate();
    w.appendLeaf(utf8Encode('d'));
    const n3 = await third;
    expect(n3.split('\n')[1]).toBe('4');
    expect(utf8Decode((await inner.get('checkpoint'))!)).toBe(n3);
  });

  it('[LOG-32] a failed store write stops the writer until it is resumed from the store', async () => {
    const inner = new MemoryTileStore();
    let failing = false;
    const store: TileStore = {
      get: (p) => inner.get(p),
      put: (p, b) =>
        failing && p !== 'checkpoint' ? Promise.reject(new Error('disk full')) : inner.put(p, b),
    };
    const w = await LogWriter.create({ store, signer: logSigner });
    for (let i = 0; i < 10; i++) w.appendLeaf(utf8Encode(`f${i}`));
    await w.integrate();
    w.appendLeaf(utf8Encode('lost'));
    failing = true;
    await expect(w.integrate()).rejects.toThrow('disk full');
    failing = false;
    w.appendLeaf(utf8Encode('after'));
    await rejects(w.integrate(), 'ERR_LOG_STATE', 'LOG-32');
    // The store still ends on the last complete checkpoint, and a resumed writer continues from it.
    const again = await LogWriter.resume({ store, signer: logSigner });
    expect(again.size).toBe(10);
  });

  it('[LOG-07] [LOG-08] append stores only the salted commitment: fresh salt each time, entry never in a bundle', async () => {
    const store = new MemoryTileStore();
    const w = await LogWriter.create({ store, signer: logSigner });
    const entry = utf8Encode('person 42 agreed to share address with RP 7');
    const a = w.append(entry);
    const b = w.append(entry);
    await w.integrate();
    expect(a.salt).not.toEqual(b.salt);
    expect(a.commitment).not.toEqual(b.commitment);
    expect(a.commitment).toEqual(commitEntry(entry, a.salt).commitment);
    const bundle = (await store.get('tile/entries/000.p/2'))!;
    expect(decodeEntryBundle(bundle, 2)).toEqual([a.commitment, b.commitment]);
    expect(new TextDecoder().decode(bundle).includes('person 42')).toBe(false);
  });

  it('[LOG-33] entry bundles and tiles of the wrong shape are rejected', async () => {
    await rejects(
      () => decodeEntryBundle(encodeEntryBundle([new Uint8Array(3)]), 2),
      'ERR_LOG_TILE',
      'LOG-33',
    );
    await rejects(() => decodeEntryBundle(Uint8Array.of(0, 5, 1, 2), 1), 'ERR_LOG_TILE', 'LOG-33');
    await rejects(() => decodeEntryBundle(Uint8Array.of(0), 0), 'ERR_LOG_TILE', 'LOG-33');
    const store = new MemoryTileStore();
    const w = await LogWriter.create({ store, signer: logSigner });
    for (let i = 0; i < 5; i++) w.appendLeaf(utf8Encode(`x${i}`));
    await w.integrate();
    await store.put(tilePath(0, 0, 5), new Uint8Array(31 * 5));
    await rejects(w.inclusionProof(1), 'ERR_LOG_TILE', 'LOG-33');
  });

  it('resume reloads the right edge from the store and continues the same tree', async () => {
    const store = new MemoryTileStore();
    const w = await LogWriter.create({ store, signer: logSigner });
    const leaves: Uint8Array[] = [];
    for (let i = 0; i < 70_000; i++) {
      const d = utf8Encode(`e${i}`);
      w.appendLeaf(d);
      leaves.push(leafHash(d));
      if (i === 300 || i === 66_000) await w.integrate();
    }
    await w.integrate();
    const again = await LogWriter.resume({ store, signer: logSigner });
    expect(again.size).toBe(70_000);
    again.appendLeaf(utf8Encode('e70000'));
    leaves.push(leafHash(utf8Encode('e70000')));
    const note = await again.integrate();
    expect(note.split('\n')[2]).toBe(btoa(String.fromCharCode(...rootFromLeafHashes(leaves))));
    await rejects(
      LogWriter.resume({ store, signer: ed25519NoteSigner(ORIGIN, seed('other')) }),
      'ERR_LOG_NOTE_SIGNATURE',
    );
    await rejects(LogWriter.create({ store, signer: logSigner }), 'ERR_INVALID_ARGUMENT');
  });

  it('[LOG-32] the directory store writes the static files a web server serves', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'jitsuin-log-'));
    try {
      const store = new DirectoryTileStore(fs, dir);
      const w = await LogWriter.create({
        store,
        signer: ecdsaNoteSigner('p256.test.example/log', derivePrivateKey(seed('p256'), 'log')),
      });
      for (let i = 0; i < 300; i++) w.appendLeaf(utf8Encode(`d${i}`));
      await w.integrate();
      expect((await readFile(join(dir, 'tile/0/000'))).length).toBe(8192);
      expect((await readFile(join(dir, 'tile/0/001.p/44'))).length).toBe(44 * 32);
      expect(new TextDecoder().decode(await readFile(join(dir, 'checkpoint')))).toBe(w.checkpoint);
      expect(await store.get('tile/0/009')).toBeUndefined();
      await rejects(() => store.get('../etc/passwd'), 'ERR_INVALID_ARGUMENT');
      const resumed = await LogWriter.resume({
        store,
        signer: ecdsaNoteSigner('p256.test.example/log', derivePrivateKey(seed('p256'), 'log')),
      });
      expect(resumed.size).toBe(300);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

async function witnessedLog(
  n: number,
): Promise<{ store: MemoryTileStore; writer: LogWriter; lines: string[] }> {
  const store = new MemoryTileStore();
  const writer = await LogWriter.create({ store, signer: logSigner });
  for (let i = 0; i < n; i++) writer.append(utf8Encode(`event ${i}`));
  await writer.integrate();
  const lines = [w1, w2].map((w) => {
    const text = writer.checkpoint.slice(0, writer.checkpoint.lastIndexOf('\n\n') + 1);
    return signNote(text, [w], 1_780_000_000).trimEnd().split('\n').pop()!;
  });
  return { store, writer, lines };
}

describe('receipts and the client', () => {
  it('[LOG-23] a receipt from the writer proves the entry offline under the policy', async () => {
    const store = new MemoryTileStore();
    const writer = await LogWriter.create({ store, signer: logSigner });
    const entry = utf8Encode('consent event #1');
    const r = writer.append(entry);
    for (let i = 0; i < 40; i++) writer.append(utf8Encode(`other ${i}`));
    await writer.integrate();
    const text = writer.checkpoint.slice(0, writer.checkpoint.lastIndexOf('\n\n') + 1);
    const cos = [w1, w2].map((w) =>
      signNote(text, [w], 1_780_000_000).trimEnd().split('\n').pop()!,
    );
    const receipt = await writer.receipt(r.index, cos);
    const v = await verifyReceipt(receipt, { entry, salt: r.salt }, POLICY);
    expect(v.index).toBe(0);
    expect(v.witnesses.map((x) => x.name).sort()).toEqual(['w1', 'w2']);
    await rejects(
      verifyReceipt(
        await writer.receipt(r.index, cos.slice(0, 1)),
        { entry, salt: r.salt },
        POLICY,
      ),
      'ERR_LOG_QUORUM',
      'LOG-21',
    );
    await rejects(
      verifyReceipt(receipt, { entry: utf8Encode('consent event #2'), salt: r.salt }, POLICY),
      'ERR_LOG_PROOF',
      'LOG-04',
    );
    // Tampering with the extra data changes nothing: it is not authenticated and not trusted.
    const parsed = parseReceipt(receipt);
    expect(
      (
        await verifyReceipt(
          { ...parsed, extra: utf8Encode('index 7') },
          { entry, salt: r.salt },
          POLICY,
        )
      ).index,
    ).toBe(0);
  });

  it('[LOG-24] an entry without a receipt within the maximum merge delay counts as not logged', () => {
    expect(receiptOverdue(1_000, 1_000 + 86_400)).toBe(false);
    expect(receiptOverdue(1_000, 1_000 + 86_401)).toBe(true);
    expect(receiptOverdue(0, 61, 60)).toBe(true);
    expect(() => receiptOverdue(-1, 0)).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT' }),
    );
  });

  it('[LOG-34] [LOG-26] the client updates with consistency proofs from tiles and verifies what it builds', async () => {
    const { store, writer } = await witnessedLog(10);
    const fetch = storeFetch(store);
    const state = new MemoryCheckpointStateStore();
    const client = new LogClient({
      baseUrl: 'https://log.test.example',
      fetch,
      policy: NO_WITNESS_POLICY,
      origin: ORIGIN,
      state,
    });
    expect((await client.update()).checkpoint.size).toBe(10);
    for (let i = 0; i < 600; i++) writer.append(utf8Encode(`later ${i}`));
    await writer.integrate();
    expect((await client.update()).checkpoint.size).toBe(610);
    const leaf = await client.leafData(3);
    const receipt = await client.receipt(3, leafHash(leaf));
    expect(
      (await verifyReceipt(receipt, { leafHash: leafHash(leaf) }, NO_WITNESS_POLICY)).index,
    ).toBe(3);
    // A served tile that lies is caught by the verification of what the client built from it.
    const tampered = (await store.get(tilePath(0, 0)))!;
    tampered[5 * 32 + 3]! ^= 1;
    await store.put(tilePath(0, 0), tampered);
    await rejects(client.leafData(5), 'ERR_LOG_TILE', 'LOG-33');
    // Leaf 1 itself is intact, but its proof needs the node over leaves 4..7, built from the lying tile.
    const bundle0 = decodeEntryBundle((await store.get('tile/entries/000'))!, 256);
    await rejects(client.receipt(1, leafHash(bundle0[1]!)), 'ERR_LOG_PROOF', 'LOG-04');
  });

  it('[LOG-25] the client refuses a rollback and [LOG-27] reports equivocation with both notes', async () => {
    const state = new MemoryCheckpointStateStore();
    const leaves = Array.from({ length: 20 }, (_, i) => leafHash(utf8Encode(`l${i}`)));
    const cp = (size: number, root = rootFromLeafHashes(leaves.slice(0, size))): string =>
      signNote(serializeCheckpoint({ origin: ORIGIN, size, rootHash: root, extensions: [] }), [
        logSigner,
      ]);
    const update = (note: string): Promise<unknown> =>
      updateTrustedCheckpoint({
        policy: NO_WITNESS_POLICY,
        origin: ORIGIN,
        state,
        checkpoint: note,
        proof: (m, n) => Promise.resolve(consistencyProof(m, n, leaves)),
      });
    await update(cp(10));
    await update(cp(15));
    await rejects(update(cp(12)), 'ERR_LOG_ROLLBACK', 'LOG-25');
    const forged = cp(
      15,
      rootFromLeafHashes([...leaves.slice(0, 14), leafHash(utf8Encode('forged'))]),
    );
    let evidence: MisbehaviourEvidence | undefined;
    try {
      await update(forged);
    } catch (e) {
      expect(isJitsuinError(e, 'ERR_LOG_MISBEHAVIOUR')).toBe(true);
      evidence = (e as { details: { evidence: MisbehaviourEvidence } }).details.evidence;
    }
    expect(evidence?.kind).toBe('equivocation');
    expect([evidence!.first, evidence!.second]).toEqual([cp(15), forged]);
    await verifyMisbehaviourEvidence(evidence!, logSigner.verifier);
    expect(await state.get(ORIGIN)).toBe(cp(15));
  });

  it('[LOG-28] a tiled log that forks is caught with transferable inconsistency evidence, also at power-of-two sizes', async () => {
    for (const m of [8, 7]) {
      const honest = await witnessedLog(m);
      const fetchHonest = storeFetch(honest.store);
      const state = new MemoryCheckpointStateStore();
      const client = new LogClient({
        baseUrl: 'https://log.test.example/',
        fetch: fetchHonest,
        policy: NO_WITNESS_POLICY,
        origin: ORIGIN,
        state,
      });
      await client.update();
      // The operator rebuilds the log with one leaf changed and keeps signing.
      const forkStore = new MemoryTileStore();
      const fork = await LogWriter.create({ store: forkStore, signer: logSigner });
      for (let i = 0; i < m + 9; i++) fork.append(utf8Encode(i === 2 ? 'rewritten' : `event ${i}`));
      await fork.integrate();
      const forkClient = new LogClient({
        baseUrl: 'https://log.test.example/',
        fetch: storeFetch(forkStore),
        policy: NO_WITNESS_POLICY,
        origin: ORIGIN,
        state,
      });
      let evidence: MisbehaviourEvidence | undefined;
      try {
        await forkClient.update();
      } catch (e) {
        expect((e as { code?: string }).code).toBe('ERR_LOG_MISBEHAVIOUR');
        evidence = (e as { details: { evidence: MisbehaviourEvidence } }).details.evidence;
      }
      expect(evidence?.kind).toBe('inconsistency');
      await verifyMisbehaviourEvidence(evidence!, logSigner.verifier);
      // Altering the evidence makes it fail ([LOG-29]).
      await rejects(
        verifyMisbehaviourEvidence(
          { ...evidence!, impliedFirstRoot: btoa(String.fromCharCode(...new Uint8Array(32))) },
          logSigner.verifier,
        ),
        'ERR_LOG_PROOF',
      );
    }
  });

  it('[LOG-26] a concurrent update of the trusted checkpoint is detected, not silently rolled back', async () => {
    const leaves = Array.from({ length: 20 }, (_, i) => leafHash(utf8Encode(`l${i}`)));
    const cp = (size: number): string =>
      signNote(
        serializeCheckpoint({
          origin: ORIGIN,
          size,
          rootHash: rootFromLeafHashes(leaves.slice(0, size)),
          extensions: [],
        }),
        [logSigner],
      );
    const state = new MemoryCheckpointStateStore();
    await state.compareAndSwap(ORIGIN, undefined, cp(5));
    // Between reading the state and writing it, another update lands.
    const racing = {
      get: (o: string) => state.get(o),
      compareAndSwap: async (o: string, e: string | undefined, n: string) => (
        await state.compareAndSwap(o, e, cp(19)),
        state.compareAndSwap(o, e, n)
      ),
    };
    await rejects(
      updateTrustedCheckpoint({
        policy: NO_WITNESS_POLICY,
        origin: ORIGIN,
        state: racing,
        checkpoint: cp(12),
        proof: (m, n) => Promise.resolve(consistencyProof(m, n, leaves)),
      }),
      'ERR_LOG_STATE',
    );
    expect(await state.get(ORIGIN)).toBe(cp(19));
  });
});

describe('witness', () => {
  const leaves = Array.from({ length: 40 }, (_, i) => leafHash(utf8Encode(`w${i}`)));
  const cp = (
    size: number,
    root = rootFromLeafHashes(leaves.slice(0, size)),
    signer = logSigner,
  ): string =>
    signNote(serializeCheckpoint({ origin: ORIGIN, size, rootHash: root, extensions: [] }), [
      signer,
    ]);
  const body = (old: number, proof: Uint8Array[], note: string): string =>
    `old ${old}\n${proof.map((h) => `${btoa(String.fromCharCode(...h))}\n`).join('')}\n${note}`;
  const config = (state = new MemoryWitnessStateStore()): WitnessConfig => ({
    logs: new Map([[ORIGIN, [logSigner.verifier]]]),
    signers: [w1],
    state,
    now: () => 1_780_000_000,
  });

  it('[LOG-30] answers 200/400/403/404/409/422 as C2SP tlog-witness specifies', async () => {
    const c = config();
    const r1 = await addCheckpoint(c, body(0, [], cp(10)));
    expect(r1.status).toBe(200);
    const cosigned = addSignatureLines(cp(10), [r1.body.trimEnd()]);
    expect(cosigned.split('\n').filter((l) => l.startsWith('\u2014')).length).toBe(2);
    expect((await addCheckpoint(c, 'garbage')).status).toBe(400);
    expect((await addCheckpoint(c, body(30, [], cp(20)))).status).toBe(400);
    expect(
      (
        await addCheckpoint(
          c,
          body(10, consistencyProof(10, 20, leaves), cp(20).replace(ORIGIN, 'other.example/log')),
        )
      ).status,
    ).toBe(404);
    expect(
      (
        await addCheckpoint(
          c,
          body(
            10,
            consistencyProof(10, 20, leaves),
            cp(20, undefined, ed25519NoteSigner(ORIGIN, seed('evil'))),
          ),
        )
      ).status,
    ).toBe(403);
    const stale = await addCheckpoint(c, body(5, consistencyProof(5, 20, leaves), cp(20)));
    expect([stale.status, stale.body, stale.contentType]).toEqual([
      409,
      '10\n',
      'text/x.tlog.size',
    ]);
    expect((await addCheckpoint(c, body(10, consistencyProof(9, 20, leaves), cp(20)))).status).toBe(
      422,
    );
    expect(
      (await addCheckpoint(c, body(10, [], cp(10, rootFromLeafHashes(leaves.slice(1, 11))))))
        .status,
    ).toBe(409);
    expect(
      (await addCheckpoint(c, body(10, consistencyProof(10, 20, leaves), cp(20)))).status,
    ).toBe(200);
    expect((await addCheckpoint(config(), body(0, [leaves[0]!], cp(20)))).status).toBe(422);
  });

  it('[LOG-31] check-and-store is atomic: of two racing requests from the same old size one gets 409', async () => {
    const state = new MemoryWitnessStateStore();
    const c = config(state);
    expect((await addCheckpoint(c, body(0, [], cp(10)))).status).toBe(200);
    const [a, b] = await Promise.all([
      addCheckpoint(c, body(10, consistencyProof(10, 30, leaves), cp(30))),
      addCheckpoint(c, body(10, consistencyProof(10, 20, leaves), cp(20))),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const rec = await state.get(ORIGIN);
    expect(rec!.size === 30 ? a.status : b.status).toBe(200);
  });
});

describe('commitments', () => {
  it('[LOG-09] the leaf hash a receipt starts from is recomputed from entry and salt', () => {
    const salt = seed('salt');
    const c = commitEntry(utf8Encode('e'), salt);
    expect(commitmentLeafHash(utf8Encode('e'), salt)).toEqual(leafHash(c.commitment));
    expect(() => commitmentLeafHash(utf8Encode('e'), salt.subarray(1))).toThrow(
      expect.objectContaining({ code: 'ERR_LOG_COMMITMENT' }),
    );
    expect(inclusionProof(0, 1, [leafHash(c.commitment)])).toEqual([]);
  });
});
