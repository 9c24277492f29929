/**
 * C2SP tlog-tiles: paths, tile and entry-bundle encodings, the storage interface the writer writes
 * through, and a node source that reads a tree of a given size from tiles ([LOG-32]–[LOG-34]).
 * @module
 */
import { fail } from '../internal/fail.js';
import { LruCache } from '../crypto/internal/lru.js';
import { HASH_SIZE, emptyRoot, hashChildren } from './hash.js';
import type { AsyncNodeSource, NodeId } from './tree.js';
import { foldRange, rangeNodes } from './tree.js';

/** Hashes per full tile (tile height 8). */
export const TILE_WIDTH = 256;
/** Tree levels per tile level. */
export const TILE_HEIGHT = 8;

/** Where a log's tiles, bundles and checkpoint live: a static file tree (object store, web root, memory). */
export interface TileStore {
  /** The bytes at `path` (e.g. `tile/0/x001/234`), or undefined when there is none. */
  get(path: string): Promise<Uint8Array | undefined>;
  /** Writes `bytes` at `path`, replacing any previous value atomically. */
  put(path: string, bytes: Uint8Array): Promise<void>;
}

/** In-memory {@link TileStore}; values are copied in and out. */
export class MemoryTileStore implements TileStore {
  readonly #map = new Map<string, Uint8Array>();
  get(path: string): Promise<Uint8Array | undefined> {
    const v = this.#map.get(path);
    return Promise.resolve(v?.slice());
  }
  put(path: string, bytes: Uint8Array): Promise<void> {
    this.#map.set(path, bytes.slice());
    return Promise.resolve();
  }
  /** Every stored path, sorted (for tests and for serving). */
  paths(): string[] {
    return [...this.#map.keys()].sort();
  }
}

/** The subset of `node:fs/promises` that {@link DirectoryTileStore} uses; pass `node:fs/promises` itself. */
export interface FsLike {
  /** Reads a whole file; rejects with `code: 'ENOENT'` when it does not exist. */
  readFile(path: string): Promise<Uint8Array>;
  /** Writes a whole file. */
  writeFile(path: string, data: Uint8Array): Promise<void>;
  /** Creates a directory and its parents. */
  mkdir(path: string, options: { recursive: true }): Promise<unknown>;
  /** Renames a file, replacing the target atomically. */
  rename(from: string, to: string): Promise<void>;
}

/**
 * A {@link TileStore} over a directory: the static files a web server or object store serves as-is.
 * The library stays free of `node:` imports: the caller passes the file system (`node:fs/promises`).
 * Writes go to a temporary file renamed into place, so a reader never sees half a tile.
 */
export class DirectoryTileStore implements TileStore {
  readonly #fs: FsLike;
  readonly #root: string;
  #counter = 0;
  constructor(fs: FsLike, root: string) {
    if (typeof root !== 'string' || root.length === 0)
      fail('ERR_INVALID_ARGUMENT', 'DirectoryTileStore: root must be a non-empty path');
    if (
      typeof fs?.readFile !== 'function' ||
      typeof fs.writeFile !== 'function' ||
      typeof fs.mkdir !== 'function' ||
      typeof fs.rename !== 'function'
    )
      fail(
        'ERR_INVALID_ARGUMENT',
        'DirectoryTileStore: fs must provide readFile, writeFile, mkdir and rename',
      );
    this.#fs = fs;
    this.#root = root.replace(/\/+$/, '');
  }
  async get(path: string): Promise<Uint8Array | undefined> {
    checkPath(path);
    try {
      return new Uint8Array(await this.#fs.readFile(`${this.#root}/${path}`));
    } catch (e) {
      if ((e as { code?: string }).code === 'ENOENT') return undefined;
      throw e;
    }
  }
  async put(path: string, bytes: Uint8Array): Promise<void> {
    checkPath(path);
    const full = `${this.#root}/${path}`;
    await this.#fs.mkdir(full.slice(0, full.lastIndexOf('/')), { recursive: true });
    const tmp = `${full}.tmp-${this.#counter++}`;
    await this.#fs.writeFile(tmp, bytes);
    await this.#fs.rename(tmp, full);
  }
}

function checkPath(path: string): void {
  if (
    typeof path !== 'string' ||
    !/^(checkpoint|tile\/(entries|[0-9]+)(\/x[0-9]{3})*\/[0-9]{3}(\.p\/[0-9]{1,3})?)$/.test(path)
  )
    fail('ERR_INVALID_ARGUMENT', `not a tlog-tiles path: ${JSON.stringify(path)}`);
}

/** The tlog-tiles encoding of a tile index: 3-digit groups, all but the last prefixed `x`. */
export function tileIndexPath(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0)
    fail('ERR_INVALID_ARGUMENT', 'tile index must be a non-negative safe integer');
  const groups: string[] = [];
  let x = n;
  do {
    groups.unshift(String(x % 1000).padStart(3, '0'));
    x = Math.floor(x / 1000);
  } while (x > 0);
  return groups.map((g, i) => (i < groups.length - 1 ? `x${g}` : g)).join('/');
}

/** Path of hash tile `(level, index)` of width `width` (256 = full) ([LOG-32]). */
export function tilePath(level: number, index: number, width: number = TILE_WIDTH): string {
  if (!Number.isSafeInteger(level) || level < 0)
    fail('ERR_INVALID_ARGUMENT', 'tilePath: level must be a non-negative integer');
  checkWidth(width);
  return `tile/${level}/${tileIndexPath(index)}${width === TILE_WIDTH ? '' : `.p/${width}`}`;
}

/** Path of entry bundle `index` of width `width` ([LOG-32]). */
export function entryBundlePath(index: number, width: number = TILE_WIDTH): string {
  checkWidth(width);
  return `tile/entries/${tileIndexPath(index)}${width === TILE_WIDTH ? '' : `.p/${width}`}`;
}

function checkWidth(width: number): void {
  if (!Number.isSafeInteger(width) || width < 1 || width > TILE_WIDTH)
    fail('ERR_INVALID_ARGUMENT', `tile width ${width} is not in 1..256`);
}

/** Width of tile `(level, index)` in the tree of `size` leaves (0 when it does not exist yet). */
export function tileWidth(level: number, index: number, size: number): number {
  if (![level, index, size].every((x) => Number.isSafeInteger(x) && x >= 0))
    fail('ERR_INVALID_ARGUMENT', 'tileWidth: non-negative integers required');
  const nodes = Math.floor(size / TILE_WIDTH ** level);
  return Math.max(0, Math.min(TILE_WIDTH, nodes - index * TILE_WIDTH));
}

/** Splits a hash tile into its hashes; fails unless it is exactly `width` hashes ([LOG-33]). */
export function decodeTile(bytes: Uint8Array, width: number): Uint8Array[] {
  if (!Number.isSafeInteger(width) || width < 1 || width > TILE_WIDTH)
    fail('ERR_INVALID_ARGUMENT', 'decodeTile: width must be 1..256');
  if (!(bytes instanceof Uint8Array) || bytes.length !== width * HASH_SIZE)
    fail('ERR_LOG_TILE', `tile of ${bytes?.length} bytes is not ${width} hashes`, 'LOG-33');
  return Array.from({ length: width }, (_, i) => bytes.slice(i * HASH_SIZE, (i + 1) * HASH_SIZE));
}

/** Concatenates hashes into a tile. */
export function encodeTile(hashes: readonly Uint8Array[]): Uint8Array {
  if (
    !Array.isArray(hashes) ||
    hashes.length > TILE_WIDTH ||
    !hashes.every((h) => h instanceof Uint8Array && h.length === HASH_SIZE)
  )
    fail('ERR_INVALID_ARGUMENT', 'encodeTile: at most 256 hashes of 32 bytes');
  const out = new Uint8Array(hashes.length * HASH_SIZE);
  hashes.forEach((h, i) => out.set(h, i * HASH_SIZE));
  return out;
}

/** Encodes an entry bundle: each entry as a big-endian u16 length and its bytes ([LOG-32]). */
export function encodeEntryBundle(entries: readonly Uint8Array[]): Uint8Array {
  if (
    !Array.isArray(entries) ||
    entries.length > TILE_WIDTH ||
    !entries.every((e) => e instanceof Uint8Array)
  )
    fail('ERR_INVALID_ARGUMENT', 'encodeEntryBundle: at most 256 Uint8Arrays');
  const total = entries.reduce((n, e) => n + 2 + e.length, 0);
  const out = new Uint8Array(total);
  let o = 0;
  for (const e of entries) {
    if (e.length > 0xffff) fail('ERR_INVALID_ARGUMENT', 'entry longer than 65535 bytes');
    out[o] = e.length >> 8;
    out[o + 1] = e.length & 0xff;
    out.set(e, o + 2);
    o += 2 + e.length;
  }
  return out;
}

/** Decodes an entry bundle of exactly `width` entries, nothing left over ([LOG-33]). */
export function decodeEntryBundle(bytes: Uint8Array, width: number): Uint8Array[] {
  if (
    !(bytes instanceof Uint8Array) ||
    !Number.isSafeInteger(width) ||
    width < 0 ||
    width > TILE_WIDTH
  )
    fail('ERR_INVALID_ARGUMENT', 'decodeEntryBundle: bytes and a width of 0..256 required');
  const out: Uint8Array[] = [];
  let o = 0;
  while (o < bytes.length) {
    if (o + 2 > bytes.length)
      fail('ERR_LOG_TILE', 'entry bundle ends inside a length prefix', 'LOG-33');
    const len = (bytes[o]! << 8) | bytes[o + 1]!;
    if (o + 2 + len > bytes.length)
      fail('ERR_LOG_TILE', 'entry bundle ends inside an entry', 'LOG-33');
    out.push(bytes.slice(o + 2, o + 2 + len));
    o += 2 + len;
  }
  if (out.length !== width)
    fail('ERR_LOG_TILE', `entry bundle has ${out.length} entries, not ${width}`, 'LOG-33');
  return out;
}

/** Merkle root of a complete run of `2^k` hashes. @internal */
export function completeRoot(hashes: readonly Uint8Array[]): Uint8Array {
  let level = [...hashes];
  while (level.length > 1) {
    const next: Uint8Array[] = [];
    for (let i = 0; i < level.length; i += 2) next.push(hashChildren(level[i]!, level[i + 1]!));
    level = next;
  }
  return level[0]!;
}

/**
 * Reads the hash tile `(level, index)` of the tree of `size` leaves: the partial tile of its width,
 * or the full tile cut to that width when the partial one is gone (C2SP allows either).
 * @internal
 */
export async function readTile(
  get: (path: string) => Promise<Uint8Array | undefined>,
  level: number,
  index: number,
  size: number,
): Promise<Uint8Array[]> {
  const width = tileWidth(level, index, size);
  if (width === 0)
    fail('ERR_LOG_TILE', `tile ${level}/${index} does not exist at size ${size}`, 'LOG-33');
  let bytes = await get(tilePath(level, index, width));
  if (bytes === undefined && width < TILE_WIDTH) {
    const full = await get(tilePath(level, index));
    if (full !== undefined) bytes = full.subarray(0, Math.min(full.length, width * HASH_SIZE));
  }
  if (bytes === undefined)
    fail('ERR_LOG_TILE', `tile ${tilePath(level, index, width)} not found`, 'LOG-33');
  return decodeTile(bytes!, width);
}

/**
 * Every subtree hash of a full tile, level by level (256 + 128 + … + 1 hashes, 16 KiB): computed once
 * per full tile, since full tiles never change ([LOG-32]), so a proof costs no re-hashing. @internal
 */
export class TilePyramidCache {
  readonly #lru: LruCache<string, Uint8Array[][]>;
  constructor(capacity = 256) {
    this.#lru = new LruCache(capacity);
  }
  /** The pyramid of the full tile at `key`, if cached. */
  peek(key: string): Uint8Array[][] | undefined {
    return this.#lru.get(key);
  }
  /** The pyramid of the full tile at `key`, building it from `hashes` on a miss. */
  pyramid(key: string, hashes: readonly Uint8Array[]): Uint8Array[][] {
    let p = this.#lru.get(key);
    if (p === undefined) {
      p = [[...hashes]];
      while (p[p.length - 1]!.length > 1) {
        const below = p[p.length - 1]!;
        p.push(
          Array.from({ length: below.length / 2 }, (_, i) =>
            hashChildren(below[2 * i]!, below[2 * i + 1]!),
          ),
        );
      }
      this.#lru.set(key, p);
    }
    return p;
  }
}

/**
 * A node source over the tiles of the tree of `size` leaves: each node `(ℓ, i)` is the root of the
 * `2^(ℓ mod 8)` hashes it covers in tile level `⌊ℓ/8⌋`. Tiles are fetched once per call. With a
 * `cache` (only for tiles the caller trusts, e.g. a writer's own store), full tiles are read once and
 * their inner nodes hashed once.
 * @internal
 */
export function tileNodeSource(
  get: (path: string) => Promise<Uint8Array | undefined>,
  size: number,
  cache?: TilePyramidCache,
): AsyncNodeSource {
  return async (nodes: readonly NodeId[]) => {
    const tiles = new Map<string, Promise<Uint8Array[]>>();
    return Promise.all(
      nodes.map(async ({ level, index }) => {
        const tl = Math.floor(level / TILE_HEIGHT);
        const h = level - tl * TILE_HEIGHT;
        const span = 2 ** h;
        const first = index * span;
        const tileIndex = Math.floor(first / TILE_WIDTH);
        const key = `${tl}/${tileIndex}`;
        if (cache !== undefined && tileWidth(tl, tileIndex, size) === TILE_WIDTH) {
          let pyramid = cache.peek(key);
          if (pyramid === undefined) {
            let t = tiles.get(key);
            if (t === undefined) {
              t = readTile(get, tl, tileIndex, size);
              tiles.set(key, t);
            }
            pyramid = cache.pyramid(key, await t);
          }
          return pyramid[h]![(first - tileIndex * TILE_WIDTH) / span]!;
        }
        let t = tiles.get(key);
        if (t === undefined) {
          t = readTile(get, tl, tileIndex, size);
          tiles.set(key, t);
        }
        const hashes = await t;
        const offset = first - tileIndex * TILE_WIDTH;
        if (offset + span > hashes.length)
          fail('ERR_LOG_TILE', `node ${level}/${index} is not complete at size ${size}`, 'LOG-33');
        return completeRoot(hashes.slice(offset, offset + span));
      }),
    );
  };
}

/** Root of the first `size` leaves from tiles. @internal */
export async function rootFromTiles(
  get: (path: string) => Promise<Uint8Array | undefined>,
  size: number,
  prefix: number = size,
): Promise<Uint8Array> {
  if (prefix === 0) return emptyRoot();
  const nodes = rangeNodes({ start: 0, end: prefix });
  return foldRange(await tileNodeSource(get, size)(nodes));
}
