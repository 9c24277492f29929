/**
 * A witness (C2SP tlog-witness): the `add-checkpoint` decision as a function of the request body
 * and the witness's state, answering with the status codes the C2SP text gives ([LOG-30], [LOG-31]).
 * No HTTP of its own: a route handler passes the body in and writes the response out.
 * @module
 */
import { JitsuinError } from '../errors.js';
import { fail } from '../internal/fail.js';
import { bytesEqual } from '../encoding/bytes.js';
import { utf8Encode } from '../encoding/utf8.js';
import { base64DecodeStrict } from '../internal/base64.js';
import { parseCheckpoint, parseDecimal, type Checkpoint } from './checkpoint.js';
import { HASH_SIZE } from './hash.js';
import { openNote, signatureLine } from './note.js';
import { verifyConsistency } from './tree.js';
import type { NoteSigner, NoteVerifier } from './keys.js';

/** Latest checkpoint a witness cosigned for one origin. */
export interface WitnessRecord {
  readonly size: number;
  readonly rootHash: Uint8Array;
}

/** The witness's persistent state. `compareAndSwap` makes check-and-update atomic ([LOG-31]). */
export interface WitnessStateStore {
  /** The record of `origin`, or undefined if the witness never cosigned for it. */
  get(origin: string): Promise<WitnessRecord | undefined>;
  /** Stores `next` if the current record is `expected` (same size and root; undefined: none); resolves whether it did. */
  compareAndSwap(
    origin: string,
    expected: WitnessRecord | undefined,
    next: WitnessRecord,
  ): Promise<boolean>;
}

/**
 * Checks the arguments of {@link WitnessStateStore.compareAndSwap} for every implementation: a
 * non-empty origin, records of a safe non-negative size and a 32-byte root. @internal
 */
export function checkWitnessSwap(
  origin: unknown,
  expected: unknown,
  next: unknown,
  where: string,
): asserts origin is string {
  if (typeof origin !== 'string' || origin.length === 0)
    fail('ERR_INVALID_ARGUMENT', `${where}: origin must be a non-empty string`);
  for (const [r, what] of [
    [expected, 'expected'],
    [next, 'next'],
  ] as const) {
    if (r === undefined && what === 'expected') continue;
    const w = r as WitnessRecord;
    if (
      typeof r !== 'object' ||
      r === null ||
      !Number.isSafeInteger(w.size) ||
      w.size < 0 ||
      !(w.rootHash instanceof Uint8Array) ||
      w.rootHash.length !== HASH_SIZE
    ) {
      fail(
        'ERR_INVALID_ARGUMENT',
        `${where}: ${what} must be a record of a non-negative integer size and a ${HASH_SIZE}-byte root`,
      );
    }
  }
}

/** In-memory {@link WitnessStateStore}. */
export class MemoryWitnessStateStore implements WitnessStateStore {
  readonly #map = new Map<string, WitnessRecord>();
  /** See {@link WitnessStateStore.get}. */
  get(origin: string): Promise<WitnessRecord | undefined> {
    const r = this.#map.get(origin);
    return Promise.resolve(
      r === undefined ? undefined : { size: r.size, rootHash: r.rootHash.slice() },
    );
  }
  /** See {@link WitnessStateStore.compareAndSwap}. */
  compareAndSwap(
    origin: string,
    expected: WitnessRecord | undefined,
    next: WitnessRecord,
  ): Promise<boolean> {
    checkWitnessSwap(origin, expected, next, 'MemoryWitnessStateStore.compareAndSwap');
    const cur = this.#map.get(origin);
    const same =
      cur === undefined
        ? expected === undefined
        : expected !== undefined &&
          cur.size === expected.size &&
          bytesEqual(cur.rootHash, expected.rootHash);
    if (!same) return Promise.resolve(false);
    this.#map.set(origin, { size: next.size, rootHash: next.rootHash.slice() });
    return Promise.resolve(true);
  }
}

/** Configuration of a witness. */
export interface WitnessConfig {
  /** Trusted log keys by origin. */
  readonly logs: ReadonlyMap<string, readonly NoteVerifier[]>;
  /** The witness's cosignature/v1 signer(s). */
  readonly signers: readonly NoteSigner[];
  readonly state: WitnessStateStore;
  /** Current time in seconds (the cosignature timestamp). */
  readonly now: () => number;
}

/** The HTTP answer to an add-checkpoint request. */
export interface WitnessResponse {
  readonly status: 200 | 400 | 403 | 404 | 409 | 422;
  readonly contentType: string;
  readonly body: string;
}

const text = (
  status: WitnessResponse['status'],
  body: string,
  contentType = 'text/plain; charset=utf-8',
): WitnessResponse => ({ status, contentType, body });

interface AddCheckpointRequest {
  readonly oldSize: number;
  readonly proof: Uint8Array[];
  readonly note: string;
}

function parseRequest(body: string): AddCheckpointRequest | undefined {
  const lines = body.split('\n');
  const first = lines[0] ?? '';
  if (!first.startsWith('old ')) return undefined;
  const oldSize = parseDecimal(first.slice(4));
  if (oldSize === undefined) return undefined;
  const proof: Uint8Array[] = [];
  let i = 1;
  for (; ; i++) {
    const line = lines[i];
    if (line === undefined) return undefined;
    if (line === '') break;
    if (proof.length === 63) return undefined;
    let h: Uint8Array;
    try {
      h = base64DecodeStrict(line, 'consistency proof line', 'ERR_LOG_PROOF', 'LOG-30');
    } catch {
      return undefined;
    }
    if (h.length !== HASH_SIZE) return undefined;
    proof.push(h);
  }
  return { oldSize, proof, note: lines.slice(i + 1).join('\n') };
}

/**
 * Handles one `POST /add-checkpoint` body ([LOG-30]): 400 for a malformed request, checkpoint body or
 * old size above the checkpoint size, 404 for an unknown origin, 403 when no trusted log signature
 * verifies (a malformed signature block included), 409 (body:
 * the latest cosigned size, `text/x.tlog.size`) when the old size is not the witness's, or the same
 * size comes with another root, 422 when the consistency proof fails (or is not empty for old 0),
 * and 200 with the cosignature lines after the new state is stored by compare-and-swap ([LOG-31]).
 */
export async function addCheckpoint(
  config: WitnessConfig,
  body: string | Uint8Array,
): Promise<WitnessResponse> {
  let s: string;
  try {
    s = typeof body === 'string' ? body : new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return text(400, 'request body is not UTF-8\n');
  }
  const req = parseRequest(s);
  if (req === undefined) return text(400, 'malformed add-checkpoint request\n');
  let checkpoint: Checkpoint;
  const origin = req.note.split('\n', 1)[0]!;
  const keys = config.logs.get(origin);
  if (keys === undefined) return text(404, 'unknown log origin\n');
  let opened;
  try {
    opened = await openNote(req.note, keys);
  } catch (e) {
    // No signature of a trusted key verifies (a malformed signature block verifies nothing either).
    if (e instanceof JitsuinError && e.code !== 'ERR_INTERNAL')
      return text(403, 'invalid signature\n');
    throw e;
  }
  try {
    checkpoint = parseCheckpoint(opened.text);
  } catch {
    return text(400, 'malformed checkpoint\n');
  }
  if (checkpoint.origin !== origin) return text(400, 'malformed checkpoint\n');
  if (req.oldSize > checkpoint.size)
    return text(400, 'old size is larger than the checkpoint size\n');
  const current = await config.state.get(origin);
  const currentSize = current?.size ?? 0;
  const conflict = (): WitnessResponse => text(409, `${currentSize}\n`, 'text/x.tlog.size');
  if (req.oldSize !== currentSize) return conflict();
  if (req.oldSize === 0) {
    if (req.proof.length !== 0)
      return text(422, 'consistency proof must be empty for old size 0\n');
  } else {
    try {
      verifyConsistency(
        req.oldSize,
        checkpoint.size,
        current!.rootHash,
        checkpoint.rootHash,
        req.proof,
      );
    } catch {
      // Same size, other root: a conflict (C2SP), and evidence the caller may keep.
      if (req.oldSize === checkpoint.size && req.proof.length === 0) return conflict();
      return text(422, 'consistency proof does not verify\n');
    }
  }
  const next = { size: checkpoint.size, rootHash: checkpoint.rootHash };
  if (!(await config.state.compareAndSwap(origin, current, next))) {
    const now = await config.state.get(origin);
    return text(409, `${now?.size ?? 0}\n`, 'text/x.tlog.size');
  }
  const bodyBytes = utf8Encode(parseNoteText(req.note));
  const time = config.now();
  const lines = config.signers.map(
    (sig) => `${signatureLine(sig.verifier, sig.sign(bodyBytes, time))}\n`,
  );
  return text(200, lines.join(''));
}

function parseNoteText(note: string): string {
  return note.slice(0, note.lastIndexOf('\n\n') + 1);
}
