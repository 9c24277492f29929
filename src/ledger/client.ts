/**
 * A log client over tlog-tiles: fetches through a caller-supplied `fetch`-like function (no network
 * of its own), verifies the checkpoint under a policy, keeps its trusted checkpoint through a state
 * store, and builds and verifies proofs from tiles, never trusting tile contents ([LOG-34]).
 * @module
 */
import { JitsuinError } from '../errors.js';
import { fail } from '../internal/fail.js';
import { bytesEqual } from '../encoding/bytes.js';
import { utf8Decode } from '../encoding/utf8.js';
import { emptyRoot, leafHash } from './hash.js';
import {
  buildProofAsync,
  consistencyPlan,
  inclusionPlan,
  verifyConsistency,
  verifyInclusion,
} from './tree.js';
import {
  decodeEntryBundle,
  entryBundlePath,
  rootFromTiles,
  tileNodeSource,
  tileWidth,
  TILE_WIDTH,
} from './tiles.js';
import { verifyCheckpointWithPolicy, type LogPolicy, type PolicyCheckpoint } from './policy.js';
import { updateTrustedCheckpoint, type CheckpointStateStore } from './monitor.js';
import { inconsistencyEvidence, misbehaviourError } from './misbehaviour.js';
import { serializeReceipt } from './receipt.js';

/** The part of the Fetch API response the client reads. */
export interface FetchResponseLike {
  readonly ok: boolean;
  readonly status: number;
  /** The body. */
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** A `fetch`-like function: `globalThis.fetch` fits. */
export type FetchLike = (url: string) => Promise<FetchResponseLike>;

/** Options of {@link LogClient}. */
export interface LogClientOptions {
  /** Base URL of the log's tiles, e.g. `https://log.example.jp/` (a trailing slash is added). */
  readonly baseUrl: string;
  readonly fetch: FetchLike;
  readonly policy: LogPolicy;
  /** The log's origin (a log of the policy). */
  readonly origin: string;
  readonly state: CheckpointStateStore;
}

/** Reads and monitors one tiled log. */
export class LogClient {
  readonly #o: LogClientOptions;
  readonly #base: string;
  constructor(options: LogClientOptions) {
    if (
      typeof options?.fetch !== 'function' ||
      typeof options.baseUrl !== 'string' ||
      typeof options.state?.get !== 'function' ||
      typeof options.origin !== 'string'
    ) {
      fail(
        'ERR_INVALID_ARGUMENT',
        'LogClient: baseUrl, fetch, policy, origin and state are required',
      );
    }
    this.#o = options;
    this.#base = options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`;
  }

  /** GET a path under the base URL; undefined on 404. */
  readonly #get = async (path: string): Promise<Uint8Array | undefined> => {
    const res = await this.#o.fetch(this.#base + path);
    if (res.status === 404) return undefined;
    if (!res.ok) fail('ERR_LOG_TILE', `GET ${path}: HTTP ${res.status}`, 'LOG-33');
    return new Uint8Array(await res.arrayBuffer());
  };

  /** Fetches `/checkpoint` and verifies it under the policy (log signature, origin, quorum). */
  async latestCheckpoint(): Promise<PolicyCheckpoint> {
    const bytes = await this.#get('checkpoint');
    if (bytes === undefined) fail('ERR_LOG_TILE', 'the log serves no checkpoint', 'LOG-33');
    return verifyCheckpointWithPolicy(
      utf8Decode(bytes!, 'checkpoint'),
      this.#o.policy,
      this.#o.origin,
    );
  }

  /**
   * Moves the trusted checkpoint to `checkpoint` (default: the log's latest) with a consistency proof
   * built from the tiles ([LOG-26]). When the proof from the new tree does not reach the trusted root
   * but the new tree's own prefix verifies, throws `ERR_LOG_MISBEHAVIOUR` with the evidence ([LOG-28]).
   */
  async update(checkpoint?: string): Promise<PolicyCheckpoint> {
    const note = checkpoint ?? (await this.latestCheckpoint()).note.note;
    try {
      return await updateTrustedCheckpoint({
        policy: this.#o.policy,
        origin: this.#o.origin,
        state: this.#o.state,
        checkpoint: note,
        proof: (m, n) => this.#consistencyProof(m, n),
      });
    } catch (e) {
      if (!(e instanceof JitsuinError) || e.code !== 'ERR_LOG_PROOF') throw e;
      const trustedNote = await this.#o.state.get(this.#o.origin);
      const trusted = await verifyCheckpointWithPolicy(
        trustedNote!,
        this.#o.policy,
        this.#o.origin,
      );
      const next = await verifyCheckpointWithPolicy(note, this.#o.policy, this.#o.origin);
      const m = trusted.checkpoint.size;
      const n = next.checkpoint.size;
      // What the new tree says the first m leaves were, proved against the new root.
      let implied: Uint8Array;
      let proof: Uint8Array[];
      try {
        implied = await rootFromTiles(this.#get, n, m);
        proof = await this.#consistencyProof(m, n);
        verifyConsistency(m, n, implied, next.checkpoint.rootHash, proof);
      } catch {
        throw e;
      }
      if (!bytesEqual(implied, trusted.checkpoint.rootHash)) {
        throw misbehaviourError(
          inconsistencyEvidence(trusted.note.note, next.note.note, proof, implied),
          `log's tree of size ${n} does not extend its tree of size ${m}`,
          'LOG-28',
        );
      }
      throw e;
    }
  }

  /** The trusted checkpoint, verified again under the policy; undefined before the first update. */
  async trusted(): Promise<PolicyCheckpoint | undefined> {
    const note = await this.#o.state.get(this.#o.origin);
    return note === undefined
      ? undefined
      : verifyCheckpointWithPolicy(note, this.#o.policy, this.#o.origin);
  }

  /** Consistency proof from the tiles of the tree of `size2`; every caller verifies it before use ([LOG-34]). */
  #consistencyProof(size1: number, size2: number): Promise<Uint8Array[]> {
    return buildProofAsync(consistencyPlan(size1, size2), tileNodeSource(this.#get, size2));
  }

  /** Inclusion proof of `index` from the tiles of the tree of `size`, verified against `root` before it is returned. */
  async inclusionProof(
    index: number,
    size: number,
    leaf: Uint8Array,
    root: Uint8Array,
  ): Promise<Uint8Array[]> {
    const proof = await buildProofAsync(
      inclusionPlan(index, size),
      tileNodeSource(this.#get, size),
    );
    verifyInclusion(index, size, leaf, proof, root);
    return proof;
  }

  /**
   * The leaf data (a commitment) at `index` in the tree of the trusted checkpoint, from its entry
   * bundle; its leaf hash must equal the level-0 tile's, and the tile's is proved to the root ([LOG-33]).
   */
  async leafData(index: number): Promise<Uint8Array> {
    const t = await this.trusted();
    if (t === undefined)
      fail('ERR_INVALID_ARGUMENT', 'LogClient.leafData: no trusted checkpoint yet (call update)');
    const size = t!.checkpoint.size;
    if (!Number.isSafeInteger(index) || index < 0 || index >= size)
      fail('ERR_LOG_PROOF', `index ${index} is not below the trusted size ${size}`, 'LOG-03');
    const bIndex = Math.floor(index / TILE_WIDTH);
    const width = tileWidth(0, bIndex, size);
    let count = width;
    let bytes = await this.#get(entryBundlePath(bIndex, width));
    if (bytes === undefined && width < TILE_WIDTH) {
      // The partial bundle may be gone once the full one exists; the full one starts with the same entries.
      bytes = await this.#get(entryBundlePath(bIndex));
      count = TILE_WIDTH;
    }
    if (bytes === undefined) fail('ERR_LOG_TILE', `entry bundle ${bIndex} not found`, 'LOG-33');
    const entries = decodeEntryBundle(bytes!, count);
    const data = entries[index - bIndex * TILE_WIDTH]!;
    const [tileLeaf] = await tileNodeSource(this.#get, size)([{ level: 0, index }]);
    if (!bytesEqual(leafHash(data), tileLeaf!))
      fail('ERR_LOG_TILE', 'entry bundle leaf does not match the level-0 tile', 'LOG-33');
    await this.inclusionProof(index, size, tileLeaf!, t!.checkpoint.rootHash);
    return data;
  }

  /** A receipt (tlog-proof) for `index` against the trusted checkpoint, its proof verified first. */
  async receipt(index: number, leaf: Uint8Array): Promise<string> {
    const t = await this.trusted();
    if (t === undefined)
      fail('ERR_INVALID_ARGUMENT', 'LogClient.receipt: no trusted checkpoint yet (call update)');
    const size = t!.checkpoint.size;
    const proof = await this.inclusionProof(
      index,
      size,
      leaf,
      size === 0 ? emptyRoot() : t!.checkpoint.rootHash,
    );
    return serializeReceipt({ index, proof, checkpoint: t!.note.note });
  }
}
