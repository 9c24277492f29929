/**
 * The log writer: `append(entry)` assigns an index and a salted commitment, `integrate()` hashes the
 * pending leaves into the tree, writes the new tiles and entry bundles, then signs and publishes the
 * checkpoint ([LOG-32]); receipts and proofs are built from the tiles. Appending costs O(1) hashes
 * per leaf plus O(log n) per integration; a proof costs O(log n) tile reads (no rebuild).
 * @module
 */
import { fail } from '../internal/fail.js';
import { utf8Decode, utf8Encode } from '../encoding/utf8.js';
import { emptyRoot, hashChildren, leafHash } from './hash.js';
import { commitEntry } from './commitment.js';
import { parseCheckpoint, serializeCheckpoint, verifyCheckpoint } from './checkpoint.js';
import { addSignatureLines, signNote } from './note.js';
import { serializeReceipt } from './receipt.js';
import { buildProofAsync, consistencyPlan, foldRange, inclusionPlan } from './tree.js';
import {
  TILE_WIDTH,
  TilePyramidCache,
  decodeEntryBundle,
  encodeEntryBundle,
  encodeTile,
  entryBundlePath,
  readTile,
  tileNodeSource,
  tilePath,
  tileWidth,
  type TileStore,
} from './tiles.js';
import type { NoteSigner } from './keys.js';

/** What `append` returns: the entry's index and the commitment with its salt (give both to the parties of the event). */
export interface AppendResult {
  readonly index: number;
  readonly commitment: Uint8Array;
  readonly salt: Uint8Array;
}

/** Options of {@link LogWriter.create} and {@link LogWriter.resume}. */
export interface LogWriterOptions {
  readonly store: TileStore;
  /** The log key (Ed25519 or ECDSA P-256); its name is the origin. */
  readonly signer: NoteSigner;
  /** Checkpoint extension lines, e.g. a timestamp (called at each integration). */
  readonly extensions?: () => readonly string[];
}

/**
 * An append-only tiled log. One writer per log (it assumes nobody else writes the store);
 * concurrent `integrate` calls run one after the other, so a checkpoint is never published before
 * its tiles or after a newer checkpoint.
 */
export class LogWriter {
  readonly #store: TileStore;
  readonly #signer: NoteSigner;
  readonly #extensions: () => readonly string[];
  /** Right edge of the tree: the hashes of the last, incomplete tile of each tile level. */
  readonly #edges: Uint8Array[][];
  /**
   * Per level, the roots of the complete subtrees of that edge, largest first (a compact range):
   * each node hash is computed once, the tile root is its last merge, and the tree root is a fold
   * of all of them, so integration costs about one node hash per leaf.
   */
  readonly #stacks: CompactRange[];
  #bundle: Uint8Array[];
  #size: number;
  #pending: Uint8Array[] = [];
  #checkpoint: string | undefined;
  /** Inner nodes of full tiles of its own store: immutable, so proofs skip re-reading and re-hashing them. */
  readonly #pyramids = new TilePyramidCache();
  /** Integrations run in this chain, one at a time. */
  #chain: Promise<unknown> = Promise.resolve();
  /** Set when an integration failed half-way: memory and store may differ, so the writer stops. */
  #broken = false;

  private constructor(
    options: LogWriterOptions,
    size: number,
    edges: Uint8Array[][],
    bundle: Uint8Array[],
    checkpoint: string | undefined,
  ) {
    this.#store = options.store;
    this.#signer = options.signer;
    this.#extensions = options.extensions ?? (() => []);
    this.#size = size;
    this.#edges = edges;
    this.#stacks = edges.map((edge) => {
      const stack: CompactRange = { sizes: [], hashes: [] };
      for (const h of edge) pushStack(stack, h);
      return stack;
    });
    this.#bundle = bundle;
    this.#checkpoint = checkpoint;
  }

  /** A new, empty log. Fails if the store already holds a checkpoint (use {@link LogWriter.resume}). */
  static async create(options: LogWriterOptions): Promise<LogWriter> {
    checkOptions(options);
    if ((await options.store.get('checkpoint')) !== undefined)
      fail(
        'ERR_INVALID_ARGUMENT',
        'LogWriter.create: the store already holds a log; use LogWriter.resume',
      );
    const w = new LogWriter(options, 0, [[]], [], undefined);
    await w.integrate();
    return w;
  }

  /** Reopens a log from its store: verifies the checkpoint with the log key and reloads the right edge from the tiles. */
  static async resume(options: LogWriterOptions): Promise<LogWriter> {
    checkOptions(options);
    const note = await options.store.get('checkpoint');
    if (note === undefined)
      fail('ERR_INVALID_ARGUMENT', 'LogWriter.resume: the store holds no checkpoint');
    const text = utf8Decode(note!);
    const { checkpoint } = await verifyCheckpoint(text, { logKey: options.signer.verifier });
    const size = checkpoint.size;
    const get = (p: string): Promise<Uint8Array | undefined> => options.store.get(p);
    const edges: Uint8Array[][] = [];
    for (let level = 0; level === 0 || TILE_WIDTH ** level <= size; level++) {
      const nodes = Math.floor(size / TILE_WIDTH ** level);
      const index = Math.floor(nodes / TILE_WIDTH);
      edges.push(tileWidth(level, index, size) > 0 ? await readTile(get, level, index, size) : []);
    }
    const bIndex = Math.floor(size / TILE_WIDTH);
    const bWidth = size - bIndex * TILE_WIDTH;
    const bundle =
      bWidth > 0
        ? decodeEntryBundle((await options.store.get(entryBundlePath(bIndex, bWidth)))!, bWidth)
        : [];
    const w = new LogWriter(options, size, edges, bundle, text);
    const root = w.#root();
    if (!root.every((b, i) => b === checkpoint.rootHash[i]))
      fail('ERR_LOG_TILE', 'tiles do not give the checkpoint root', 'LOG-34');
    return w;
  }

  /** Size of the last integrated tree. */
  get size(): number {
    return this.#size;
  }

  /** Number of appended entries not yet integrated. */
  get pending(): number {
    return this.#pending.length;
  }

  /** The latest signed checkpoint. */
  get checkpoint(): string {
    return this.#checkpoint!;
  }

  /**
   * Appends an opaque entry as a salted commitment ([LOG-07], [LOG-08]) and returns its index; the
   * entry is in a signed tree only after the next {@link integrate}. The entry itself is not kept.
   */
  append(entry: Uint8Array): AppendResult {
    const c = commitEntry(entry);
    const index = this.appendLeaf(c.commitment);
    return { index, commitment: c.commitment, salt: c.salt };
  }

  /** Appends raw leaf data (for logs whose leaves are not commitments, and for tests); returns its index. */
  appendLeaf(data: Uint8Array): number {
    if (!(data instanceof Uint8Array) || data.length > 0xffff)
      fail('ERR_INVALID_ARGUMENT', 'appendLeaf: data must be a Uint8Array of at most 65535 bytes');
    this.#pending.push(data.slice());
    return this.#size + this.#pending.length - 1;
  }

  /**
   * Integrates the pending leaves: hashes them into the right edge, writes every tile and bundle
   * that changed (full ones once, partial ones at the new width), then signs and writes the
   * checkpoint last ([LOG-32]). Returns the signed checkpoint. If a store write fails, the writer
   * refuses further work (`ERR_LOG_STATE`): reopen it with {@link LogWriter.resume}.
   */
  integrate(): Promise<string> {
    const run = this.#chain.then(() => this.#integrate());
    this.#chain = run.catch(() => undefined);
    return run;
  }

  async #integrate(): Promise<string> {
    if (this.#broken)
      fail(
        'ERR_LOG_STATE',
        'a previous integration failed; reopen the log with LogWriter.resume',
        'LOG-32',
      );
    const pending = this.#pending;
    this.#pending = [];
    const writes = new Map<string, Uint8Array>();
    const touched = { top: -1 };
    for (const data of pending) {
      this.#bundle.push(data);
      const leafIndex = this.#size++;
      if (this.#bundle.length === TILE_WIDTH) {
        writes.set(
          entryBundlePath(Math.floor(leafIndex / TILE_WIDTH)),
          encodeEntryBundle(this.#bundle),
        );
        this.#bundle = [];
      }
      this.#push(0, leafHash(data), writes, touched);
    }
    // Partial tiles and bundle at the new right edge.
    for (let level = 0; level <= touched.top; level++) {
      const edge = this.#edges[level]!;
      if (edge.length > 0)
        writes.set(
          tilePath(
            level,
            Math.floor(Math.floor(this.#size / TILE_WIDTH ** level) / TILE_WIDTH),
            edge.length,
          ),
          encodeTile(edge),
        );
    }
    if (this.#bundle.length > 0 && pending.length > 0)
      writes.set(
        entryBundlePath(Math.floor(this.#size / TILE_WIDTH), this.#bundle.length),
        encodeEntryBundle(this.#bundle),
      );
    const text = serializeCheckpoint({
      origin: this.#signer.verifier.name,
      size: this.#size,
      rootHash: this.#root(),
      extensions: [...this.#extensions()],
    });
    const note = signNote(text, [this.#signer]);
    try {
      for (const [path, bytes] of writes) await this.#store.put(path, bytes);
      await this.#store.put('checkpoint', utf8Encode(note));
    } catch (e) {
      this.#broken = true;
      throw e;
    }
    this.#checkpoint = note;
    return note;
  }

  /** Pushes a node hash onto the edge of `level`; a full edge becomes a full tile and its root moves up. */
  #push(
    level: number,
    hash: Uint8Array,
    writes: Map<string, Uint8Array>,
    touched: { top: number },
  ): void {
    if (this.#edges.length === level) {
      this.#edges.push([]);
      this.#stacks.push({ sizes: [], hashes: [] });
    }
    const edge = this.#edges[level]!;
    const stack = this.#stacks[level]!;
    edge.push(hash);
    pushStack(stack, hash);
    if (level > touched.top) touched.top = level;
    if (edge.length === TILE_WIDTH) {
      const index = Math.floor(this.#size / TILE_WIDTH ** (level + 1)) - 1;
      writes.set(tilePath(level, index), encodeTile(edge));
      this.#edges[level] = [];
      this.#stacks[level] = { sizes: [], hashes: [] };
      this.#push(level + 1, stack.hashes[0]!, writes, touched);
    }
  }

  /** Root of the integrated tree from the right edges only (O(log n) hashes). */
  #root(): Uint8Array {
    if (this.#size === 0) return emptyRoot();
    // The complete subtrees of the tree, largest first: the top level's stack, then the next, ...
    const hashes: Uint8Array[] = [];
    for (let level = this.#stacks.length - 1; level >= 0; level--)
      hashes.push(...this.#stacks[level]!.hashes);
    return foldRange(hashes);
  }

  /** Inclusion proof of `index` in the tree of `size` (default: current) from the tiles. */
  inclusionProof(index: number, size: number = this.#size): Promise<Uint8Array[]> {
    this.#checkSize(size);
    return buildProofAsync(
      inclusionPlan(index, size),
      tileNodeSource((p) => this.#store.get(p), size, this.#pyramids),
    );
  }

  /** Consistency proof from `size1` to `size2` (default: current) from the tiles. */
  consistencyProof(size1: number, size2: number = this.#size): Promise<Uint8Array[]> {
    this.#checkSize(size2);
    return buildProofAsync(
      consistencyPlan(size1, size2),
      tileNodeSource((p) => this.#store.get(p), size2, this.#pyramids),
    );
  }

  /**
   * A receipt (tlog-proof) for `index` against the current checkpoint, with any witness cosignature
   * lines added to the checkpoint (from `add-checkpoint` answers). Fails if `index` is not integrated.
   */
  async receipt(index: number, cosignatureLines: readonly string[] = []): Promise<string> {
    const note =
      cosignatureLines.length === 0
        ? this.checkpoint
        : addSignatureLines(this.checkpoint, cosignatureLines);
    const size = parseCheckpoint(note.slice(0, note.lastIndexOf('\n\n') + 1)).size;
    return serializeReceipt({
      index,
      proof: await this.inclusionProof(index, size),
      checkpoint: note,
    });
  }

  #checkSize(size: number): void {
    if (!Number.isSafeInteger(size) || size < 0 || size > this.#size)
      fail(
        'ERR_INVALID_ARGUMENT',
        `tree size ${size} is not an integrated size (0..${this.#size})`,
      );
  }
}

/** Roots of complete subtrees, largest first, as parallel arrays (sizes in hashes of the level). */
interface CompactRange {
  readonly sizes: number[];
  readonly hashes: Uint8Array[];
}

/** Pushes a hash onto a compact range, merging equal-size neighbours (one node hash per merge). */
function pushStack(stack: CompactRange, hash: Uint8Array): void {
  let size = 1;
  let h = hash;
  const { sizes, hashes } = stack;
  while (sizes.length > 0 && sizes[sizes.length - 1] === size) {
    sizes.pop();
    h = hashChildren(hashes.pop()!, h);
    size *= 2;
  }
  sizes.push(size);
  hashes.push(h);
}

function checkOptions(options: LogWriterOptions): void {
  if (
    typeof options !== 'object' ||
    options === null ||
    typeof options.store?.get !== 'function' ||
    typeof options.store.put !== 'function' ||
    typeof options.signer?.sign !== 'function'
  ) {
    fail('ERR_INVALID_ARGUMENT', 'LogWriter: options need a store and a signer');
  }
  if (options.signer.verifier.type === 'cosignature/v1')
    fail(
      'ERR_INVALID_ARGUMENT',
      'LogWriter: the log key must be an Ed25519 or ECDSA note key, not a witness key',
    );
}
