/**
 * Leaf commitments: what the evidence log stores instead of an entry. A leaf's data is
 * `SHA-256("jitsuin/evidence-log/commitment/v1" ‖ 0x00 ‖ salt ‖ u64be(len(entry)) ‖ entry)`, with a
 * fresh 32-byte random salt per entry (spec/evidence-log.md §3). Erasing the entry and its salt
 * leaves a hash that cannot be linked back to the entry.
 * @module
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { fail } from '../internal/fail.js';
import { constantTimeEqual } from '../encoding/bytes.js';
import { randomBytes } from '../crypto/hash.js';
import { utf8Encode } from '../encoding/utf8.js';
import { leafHash } from './hash.js';

/** Length of a commitment salt. */
export const SALT_SIZE = 32;

const TAG = utf8Encode('jitsuin/evidence-log/commitment/v1');

/** An entry's commitment with the salt that opens it. */
export interface LeafCommitment {
  /** The 32-byte commitment: the data of the log leaf. */
  readonly commitment: Uint8Array;
  /** The salt; travels with the entry to the parties of the event only. */
  readonly salt: Uint8Array;
}

function commit(entry: Uint8Array, salt: Uint8Array): Uint8Array {
  // TAG ‖ 0x00 ‖ salt ‖ u64be(len) ‖ entry, hashed in one shot.
  const buf = new Uint8Array(TAG.length + 1 + SALT_SIZE + 8 + entry.length);
  buf.set(TAG, 0);
  buf.set(salt, TAG.length + 1);
  new DataView(buf.buffer).setBigUint64(TAG.length + 1 + SALT_SIZE, BigInt(entry.length));
  buf.set(entry, TAG.length + 1 + SALT_SIZE + 8);
  return sha256(buf);
}

/**
 * Commits to `entry` ([LOG-07], [LOG-08]). The salt is 32 fresh bytes from the platform CSPRNG;
 * a caller-supplied salt is for vectors only and must be 32 bytes.
 */
export function commitEntry(entry: Uint8Array, salt?: Uint8Array): LeafCommitment {
  if (!(entry instanceof Uint8Array))
    fail('ERR_INVALID_ARGUMENT', 'commitEntry: entry must be a Uint8Array');
  const s = salt === undefined ? randomBytes(SALT_SIZE) : salt;
  if (!(s instanceof Uint8Array) || s.length !== SALT_SIZE)
    fail('ERR_LOG_COMMITMENT', `salt must be ${SALT_SIZE} bytes`, 'LOG-08');
  return { commitment: commit(entry, s), salt: s.slice() };
}

/**
 * Opens a commitment ([LOG-09]): recomputes it from `entry` and `salt` and compares in constant
 * time. Returns the Merkle leaf hash of the commitment (what the inclusion proof starts from).
 */
export function openCommitment(
  commitment: Uint8Array,
  entry: Uint8Array,
  salt: Uint8Array,
): Uint8Array {
  if (
    !(commitment instanceof Uint8Array) ||
    !(entry instanceof Uint8Array) ||
    !(salt instanceof Uint8Array)
  )
    fail('ERR_INVALID_ARGUMENT', 'openCommitment: arguments must be Uint8Arrays');
  if (salt.length !== SALT_SIZE)
    fail('ERR_LOG_COMMITMENT', `salt must be ${SALT_SIZE} bytes`, 'LOG-09');
  if (commitment.length !== 32 || !constantTimeEqual(commit(entry, salt), commitment))
    fail('ERR_LOG_COMMITMENT', 'commitment does not open to this entry and salt', 'LOG-09');
  return leafHash(commitment);
}

/**
 * The Merkle leaf hash of the commitment to `entry` under `salt` ([LOG-09]): what a party holding
 * the entry and its salt checks an inclusion proof from.
 */
export function commitmentLeafHash(entry: Uint8Array, salt: Uint8Array): Uint8Array {
  if (!(salt instanceof Uint8Array) || salt.length !== SALT_SIZE)
    fail('ERR_LOG_COMMITMENT', `salt must be ${SALT_SIZE} bytes`, 'LOG-09');
  return leafHash(commitEntry(entry, salt).commitment);
}
