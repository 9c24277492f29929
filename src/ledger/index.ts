/**
 * The evidence log (`spec/evidence-log.md`): an append-only transparency log of opaque entries
 * stored as salted commitments — RFC 9162 Merkle trees and proofs, C2SP signed notes, checkpoints,
 * cosignatures, policies and tlog-proof receipts, client-side monitoring with misbehaviour evidence,
 * and the witness add-checkpoint logic.
 *
 * ```ts
 * // Operator: append opaque entries, integrate, publish tiles (any TileStore; a web server serves them).
 * const log = await LogWriter.create({ store, signer: ed25519NoteSigner('log.example.jp/evidence', seed) });
 * const { index, salt } = log.append(entryBytes); // give entryBytes + salt to the parties of the event
 * await log.integrate();                           // tiles, bundles, then the signed checkpoint
 * const receipt = await log.receipt(index, cosignatureLines); // c2sp.org/tlog-proof@v1 text
 *
 * // Anyone holding the entry and its salt, offline:
 * const policy = parsePolicy(policyText);          // C2SP tlog-policy: log key, witnesses, quorum
 * await verifyReceipt(receipt, { entry: entryBytes, salt }, policy);
 *
 * // A phone monitoring the log: never rolls back, returns misbehaviour evidence.
 * const client = new LogClient({ baseUrl, fetch, policy, origin: 'log.example.jp/evidence', state });
 * await client.update(); // ERR_LOG_ROLLBACK, ERR_LOG_PROOF, or ERR_LOG_MISBEHAVIOUR with details.evidence
 * ```
 * @module jitsuin/ledger
 */
export { HASH_SIZE, leafHash, nodeHash, emptyRoot } from './hash.js';
export {
  rootFromLeafHashes,
  inclusionProof,
  consistencyProof,
  verifyInclusion,
  verifyConsistency,
  type NodeId,
  type NodeSource,
  type AsyncNodeSource,
} from './tree.js';
export {
  SALT_SIZE,
  commitEntry,
  openCommitment,
  commitmentLeafHash,
  type LeafCommitment,
} from './commitment.js';
export {
  noteVerifier,
  parseVerifierKey,
  noteKeyId,
  cosignedMessage,
  cosignatureTimestamp,
  ed25519NoteSigner,
  ecdsaNoteSigner,
  cosignatureSigner,
  parseSignerKey,
  type NoteKeyType,
  type NoteVerifier,
  type NoteSigner,
} from './keys.js';
export {
  MAX_NOTE_SIGNATURES,
  MAX_NOTE_LENGTH,
  parseNote,
  signNote,
  openNote,
  signatureLine,
  addSignatureLines,
  type NoteSignature,
  type ParsedNote,
  type OpenedNote,
  type VerifiedSignature,
} from './note.js';
export {
  parseCheckpoint,
  serializeCheckpoint,
  verifyCheckpoint,
  type Checkpoint,
  type VerifiedCheckpoint,
  type VerifyCheckpointOptions,
} from './checkpoint.js';
export {
  MAX_POLICY_ITEMS,
  parsePolicy,
  quorumSatisfied,
  verifyCheckpointWithPolicy,
  type LogPolicy,
  type PolicyWitness,
  type PolicyGroup,
  type PolicyCheckpoint,
} from './policy.js';
export {
  RECEIPT_HEADER,
  MAX_RECEIPT_HASHES,
  DEFAULT_MAX_MERGE_DELAY,
  parseReceipt,
  serializeReceipt,
  verifyReceipt,
  receiptOverdue,
  type Receipt,
  type ReceiptSubject,
  type VerifiedReceipt,
} from './receipt.js';
export { verifyMisbehaviourEvidence, type MisbehaviourEvidence } from './misbehaviour.js';
export {
  MemoryCheckpointStateStore,
  checkCheckpointUpdate,
  updateTrustedCheckpoint,
  type CheckpointStateStore,
  type UpdateOptions,
} from './monitor.js';
export {
  MemoryWitnessStateStore,
  addCheckpoint,
  type WitnessConfig,
  type WitnessRecord,
  type WitnessResponse,
  type WitnessStateStore,
} from './witness.js';
export {
  TILE_WIDTH,
  TILE_HEIGHT,
  MemoryTileStore,
  DirectoryTileStore,
  tilePath,
  entryBundlePath,
  tileIndexPath,
  tileWidth,
  encodeTile,
  decodeTile,
  encodeEntryBundle,
  decodeEntryBundle,
  type TileStore,
  type FsLike,
} from './tiles.js';
export { LogWriter, type AppendResult, type LogWriterOptions } from './writer.js';
export {
  LogClient,
  type LogClientOptions,
  type FetchLike,
  type FetchResponseLike,
} from './client.js';
