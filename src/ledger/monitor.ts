/**
 * The client's trusted checkpoint: accept a newer checkpoint only with a valid consistency proof,
 * never roll back, and turn provable log misbehaviour into evidence ([LOG-25]–[LOG-28]).
 * @module
 */
import { JitsuinError } from '../errors.js';
import { fail } from '../internal/fail.js';
import { bytesEqual } from '../encoding/bytes.js';
import { rootsFromConsistencyProof, verifyConsistency } from './tree.js';
import { verifyCheckpointWithPolicy, type LogPolicy, type PolicyCheckpoint } from './policy.js';
import { inconsistencyEvidence, misbehaviourError } from './misbehaviour.js';

/** Where a client keeps its trusted checkpoint per origin (the signed note). */
export interface CheckpointStateStore {
  /** The trusted signed checkpoint of `origin`, or undefined before the first. */
  get(origin: string): Promise<string | undefined>;
  /** Stores `next` if the current value is `expected` (undefined: none); resolves whether it did. */
  compareAndSwap(origin: string, expected: string | undefined, next: string): Promise<boolean>;
}

/** In-memory {@link CheckpointStateStore}. */
export class MemoryCheckpointStateStore implements CheckpointStateStore {
  readonly #map = new Map<string, string>();
  /** See {@link CheckpointStateStore.get}. */
  get(origin: string): Promise<string | undefined> {
    return Promise.resolve(this.#map.get(origin));
  }
  /** See {@link CheckpointStateStore.compareAndSwap}. */
  compareAndSwap(origin: string, expected: string | undefined, next: string): Promise<boolean> {
    if (this.#map.get(origin) !== expected) return Promise.resolve(false);
    this.#map.set(origin, next);
    return Promise.resolve(true);
  }
}

/**
 * Decides whether `candidate` may replace `trusted` (both already verified under the policy), given a
 * consistency proof from the trusted size to the candidate's. Smaller size: `ERR_LOG_ROLLBACK`
 * ([LOG-25]). Same size, other root: misbehaviour ([LOG-27]). Larger size: the proof must verify
 * ([LOG-26]); a proof that leads to the candidate root from another old root is misbehaviour ([LOG-28]).
 */
export function checkCheckpointUpdate(
  trusted: PolicyCheckpoint,
  candidate: PolicyCheckpoint,
  proof: readonly Uint8Array[],
): void {
  for (const c of [trusted, candidate]) {
    if (
      typeof c !== 'object' ||
      c === null ||
      typeof c.checkpoint !== 'object' ||
      c.checkpoint === null ||
      typeof c.note?.note !== 'string'
    ) {
      fail(
        'ERR_INVALID_ARGUMENT',
        'checkCheckpointUpdate: checkpoints must be results of verifyCheckpointWithPolicy',
      );
    }
  }
  if (!Array.isArray(proof))
    fail('ERR_INVALID_ARGUMENT', 'checkCheckpointUpdate: proof must be an array');
  const a = trusted.checkpoint;
  const b = candidate.checkpoint;
  if (a.origin !== b.origin)
    fail('ERR_LOG_CHECKPOINT', 'checkpoints of different origins', 'LOG-26');
  if (b.size < a.size)
    fail(
      'ERR_LOG_ROLLBACK',
      `checkpoint size ${b.size} is below the trusted size ${a.size}`,
      'LOG-25',
    );
  if (b.size === a.size) {
    if (!bytesEqual(a.rootHash, b.rootHash)) {
      throw misbehaviourError(
        { kind: 'equivocation', first: trusted.note.note, second: candidate.note.note },
        `log signed two roots for size ${a.size}`,
        'LOG-27',
      );
    }
    return;
  }
  // The empty tree is a prefix of every tree: nothing to prove.
  if (a.size === 0) return;
  try {
    verifyConsistency(a.size, b.size, a.rootHash, b.rootHash, proof);
  } catch (e) {
    if (!(e instanceof JitsuinError) || e.code !== 'ERR_LOG_PROOF') throw e;
    let roots;
    try {
      roots = rootsFromConsistencyProof(a.size, b.size, a.rootHash, proof);
    } catch {
      throw e;
    }
    if (bytesEqual(roots.second, b.rootHash) && !bytesEqual(roots.first, a.rootHash)) {
      throw misbehaviourError(
        inconsistencyEvidence(trusted.note.note, candidate.note.note, proof, roots.first),
        `log's tree of size ${b.size} does not extend its tree of size ${a.size}`,
        'LOG-28',
      );
    }
    throw e;
  }
}

/** Options of {@link updateTrustedCheckpoint}. */
export interface UpdateOptions {
  readonly policy: LogPolicy;
  readonly origin: string;
  readonly state: CheckpointStateStore;
  /** The candidate signed checkpoint. */
  readonly checkpoint: string;
  /** Gives the consistency proof from `size1` to `size2` (called only when the sizes differ and size1 > 0). */
  readonly proof: (size1: number, size2: number) => Promise<readonly Uint8Array[]>;
}

/**
 * Verifies `checkpoint` under the policy and makes it the trusted checkpoint of `origin` if it
 * extends the current one ({@link checkCheckpointUpdate}); the first checkpoint is trusted on its
 * signatures alone. The store update is a compare-and-swap, so a concurrent update is detected
 * (`ERR_LOG_STATE`) instead of rolling back. Returns the checkpoint now trusted.
 */
export async function updateTrustedCheckpoint(options: UpdateOptions): Promise<PolicyCheckpoint> {
  if (
    typeof options !== 'object' ||
    options === null ||
    typeof options.state?.get !== 'function' ||
    typeof options.proof !== 'function'
  ) {
    fail(
      'ERR_INVALID_ARGUMENT',
      'updateTrustedCheckpoint: options need policy, origin, state, checkpoint and proof',
    );
  }
  const { policy, origin, state } = options;
  const candidate = await verifyCheckpointWithPolicy(options.checkpoint, policy, origin);
  const current = await state.get(origin);
  if (current !== undefined) {
    const trusted = await verifyCheckpointWithPolicy(current, policy, origin);
    const sizes = [trusted.checkpoint.size, candidate.checkpoint.size] as const;
    const proof =
      sizes[0] > 0 && sizes[1] > sizes[0] ? await options.proof(sizes[0], sizes[1]) : [];
    checkCheckpointUpdate(trusted, candidate, proof);
    if (sizes[0] === sizes[1]) return trusted;
  }
  if (!(await state.compareAndSwap(origin, current, candidate.note.note)))
    fail('ERR_LOG_STATE', 'trusted checkpoint changed during the update; retry', 'LOG-25');
  return candidate;
}
