/**
 * Evidence of log misbehaviour: two checkpoints signed by the same log that cannot both describe one
 * append-only tree. Anyone holding the log key can re-check the evidence offline, so a phone can
 * show it and pass it on.
 * @module
 */
import { JitsuinError } from '../errors.js';
import { fail } from '../internal/fail.js';
import { bytesEqual } from '../encoding/bytes.js';
import { base64DecodeStrict, base64Encode } from '../internal/base64.js';
import { verifyCheckpoint } from './checkpoint.js';
import { verifyConsistency } from './tree.js';
import type { NoteVerifier } from './keys.js';

/**
 * Misbehaviour evidence. `equivocation`: two checkpoints of one size with different roots.
 * `inconsistency`: a consistency proof (base64 hashes) from `(first.size, impliedFirstRoot)` to the
 * second checkpoint that verifies, where `impliedFirstRoot` differs from the first checkpoint's root:
 * the second tree's first `first.size` leaves are not the first tree.
 */
export interface MisbehaviourEvidence {
  readonly kind: 'equivocation' | 'inconsistency';
  /** The two signed checkpoint notes, verbatim; `first` has the smaller or equal size. */
  readonly first: string;
  readonly second: string;
  /** For `inconsistency`: the consistency proof hashes in base64. */
  readonly proof?: readonly string[];
  /** For `inconsistency`: base64 root of the second tree's prefix of `first.size` leaves. */
  readonly impliedFirstRoot?: string;
}

/** Builds the error that carries evidence ([LOG-27], [LOG-28]). @internal */
export function misbehaviourError(
  evidence: MisbehaviourEvidence,
  message: string,
  requirement: string,
): JitsuinError {
  return new JitsuinError('ERR_LOG_MISBEHAVIOUR', message, { requirement, details: { evidence } });
}

/** Evidence for an inconsistency, from hashes. @internal */
export function inconsistencyEvidence(
  first: string,
  second: string,
  proof: readonly Uint8Array[],
  impliedFirstRoot: Uint8Array,
): MisbehaviourEvidence {
  return {
    kind: 'inconsistency',
    first,
    second,
    proof: proof.map(base64Encode),
    impliedFirstRoot: base64Encode(impliedFirstRoot),
  };
}

/**
 * Checks misbehaviour evidence against the log key ([LOG-29]): both notes are checkpoints signed by
 * the log with the same origin, and either they have one size and different roots, or the proof
 * shows the second tree's prefix has another root than the first checkpoint. Returns nothing when
 * the evidence holds; throws `ERR_LOG_PROOF` (or the note's error) when it does not.
 */
export async function verifyMisbehaviourEvidence(
  evidence: MisbehaviourEvidence,
  logKey: NoteVerifier,
  origin?: string,
): Promise<void> {
  if (typeof evidence !== 'object' || evidence === null)
    fail('ERR_INVALID_ARGUMENT', 'verifyMisbehaviourEvidence: evidence must be an object');
  const opts = origin === undefined ? { logKey } : { logKey, origin };
  const a = (await verifyCheckpoint(evidence.first, opts)).checkpoint;
  const b = (await verifyCheckpoint(evidence.second, opts)).checkpoint;
  if (evidence.kind === 'equivocation') {
    if (a.size !== b.size || bytesEqual(a.rootHash, b.rootHash))
      fail('ERR_LOG_PROOF', 'not an equivocation: sizes differ or roots are equal', 'LOG-29');
    return;
  }
  if (
    evidence.kind !== 'inconsistency' ||
    !Array.isArray(evidence.proof) ||
    typeof evidence.impliedFirstRoot !== 'string'
  )
    fail(
      'ERR_INVALID_ARGUMENT',
      'evidence kind must be equivocation or inconsistency (with proof and impliedFirstRoot)',
    );
  const implied = base64DecodeStrict(
    evidence.impliedFirstRoot!,
    'impliedFirstRoot',
    'ERR_LOG_PROOF',
    'LOG-29',
  );
  const proof = evidence.proof!.map((h) =>
    base64DecodeStrict(h, 'proof hash', 'ERR_LOG_PROOF', 'LOG-29'),
  );
  if (a.size >= b.size)
    fail('ERR_LOG_PROOF', 'inconsistency evidence needs a smaller first checkpoint', 'LOG-29');
  if (bytesEqual(implied, a.rootHash))
    fail('ERR_LOG_PROOF', 'implied root equals the first root: no inconsistency', 'LOG-29');
  verifyConsistency(a.size, b.size, implied, b.rootHash, proof);
}
