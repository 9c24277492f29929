/**
 * A log written to a directory by LogWriter and served by a plain static HTTP server on loopback:
 * the client, using the platform fetch, verifies a receipt and a consistency proof from the tiles
 * (spec/evidence-log.md §10).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import * as fs from 'node:fs/promises';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, normalize } from 'node:path';
import { utf8Encode } from '../../src/encoding/utf8.js';
import { sha256 } from '../../src/crypto/hash.js';
import {
  DirectoryTileStore,
  LogClient,
  LogWriter,
  MemoryCheckpointStateStore,
  cosignatureSigner,
  ed25519NoteSigner,
  leafHash,
  parsePolicy,
  signNote,
  verifyReceipt,
  addSignatureLines,
} from '../../src/ledger/index.js';

const ORIGIN = 'log.loopback.example/evidence';
const signer = ed25519NoteSigner(ORIGIN, sha256(utf8Encode('jitsuin/test/ledger-http/log')));
const witness = cosignatureSigner(
  'w.loopback.example',
  sha256(utf8Encode('jitsuin/test/ledger-http/w')),
);
const policy = parsePolicy(
  `log ${signer.verifier.vkey}\nwitness w ${witness.verifier.vkey}\nquorum w\n`,
);

let dir: string;
let server: Server;
let base: string;
const requested: string[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'jitsuin-http-'));
  server = createServer((req, res) => {
    const path = normalize(decodeURIComponent((req.url ?? '/').split('?')[0]!)).replace(/^\/+/, '');
    requested.push(path);
    if (path.includes('..')) {
      res.writeHead(400).end();
      return;
    }
    readFile(join(dir, path)).then(
      (b) => res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(b),
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  base = `http://127.0.0.1:${typeof addr === 'object' && addr !== null ? addr.port : 0}/`;
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
  await rm(dir, { recursive: true, force: true });
});

/** The witness cosigns the writer's checkpoint; the served checkpoint carries the cosignature. */
async function publishCosigned(w: LogWriter, store: DirectoryTileStore): Promise<void> {
  const text = w.checkpoint.slice(0, w.checkpoint.lastIndexOf('\n\n') + 1);
  const line = signNote(text, [witness], 1_780_000_000).trimEnd().split('\n').pop()!;
  await store.put('checkpoint', utf8Encode(addSignatureLines(w.checkpoint, [line])));
}

describe('tiles over loopback HTTP', () => {
  it('[LOG-34] [LOG-23] the client verifies a receipt and a consistency proof from served tiles', async () => {
    const store = new DirectoryTileStore(fs, dir);
    const w = await LogWriter.create({ store, signer });
    const entry = utf8Encode('consent granted: opaque bytes');
    for (let i = 0; i < 700; i++) w.append(utf8Encode(`before ${i}`));
    const mine = w.append(entry);
    await w.integrate();
    await publishCosigned(w, store);

    const client = new LogClient({
      baseUrl: base,
      fetch: (u) => fetch(u),
      policy,
      origin: ORIGIN,
      state: new MemoryCheckpointStateStore(),
    });
    expect((await client.update()).checkpoint.size).toBe(701);
    const receipt = await client.receipt(mine.index, leafHash(mine.commitment));
    const v = await verifyReceipt(receipt, { entry, salt: mine.salt }, policy);
    expect([v.index, v.checkpoint.size, v.witnesses.map((x) => x.name)]).toEqual([700, 701, ['w']]);
    expect(await client.leafData(mine.index)).toEqual(mine.commitment);

    for (let i = 0; i < 5000; i++) w.append(utf8Encode(`after ${i}`));
    await w.integrate();
    await publishCosigned(w, store);
    requested.length = 0;
    expect((await client.update()).checkpoint.size).toBe(5701);
    // The consistency proof came from a handful of tiles, not from the whole log.
    expect(requested.filter((p) => p.startsWith('tile/')).length).toBeLessThanOrEqual(8);
    expect(requested).toContain('checkpoint');
  });
});
