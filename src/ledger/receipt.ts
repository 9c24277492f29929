/**
 * Receipts: C2SP tlog-proof (`c2sp.org/tlog-proof@v1`), an entry's index, its inclusion proof and
 * the (cosigned) checkpoint it is proved against — verifiable offline against a policy.
 * @module
 */
import { fail } from '../internal/fail.js';
import { base64DecodeStrict, base64Encode } from '../internal/base64.js';
import { HASH_SIZE } from './hash.js';
import { parseDecimal } from './checkpoint.js';
import { noteString } from './note.js';
import { commitmentLeafHash } from './commitment.js';
import { verifyInclusion } from './tree.js';
import { verifyCheckpointWithPolicy, type LogPolicy, type PolicyCheckpoint } from './policy.js';

/** First line of every tlog-proof. */
export const RECEIPT_HEADER = 'c2sp.org/tlog-proof@v1';
/** Most inclusion-proof hashes a receipt may carry (a tree of at most 2^53 leaves needs 53). */
export const MAX_RECEIPT_HASHES = 64;

/** A parsed tlog-proof. */
export interface Receipt {
  readonly index: number;
  /** Inclusion proof, leaf side first. */
  readonly proof: readonly Uint8Array[];
  /** The signed checkpoint note, verbatim. */
  readonly checkpoint: string;
  /** Opaque, unauthenticated extra data ([LOG-23]: never trusted). */
  readonly extra?: Uint8Array;
}

const bad = (why: string): never =>
  fail('ERR_LOG_RECEIPT', `malformed tlog-proof: ${why}`, 'LOG-22');

/**
 * Parses a tlog-proof ([LOG-22]): the header line, an optional `extra <base64>` line, `index <n>`
 * in decimal without leading zeros, zero to {@link MAX_RECEIPT_HASHES} lines of 32-byte canonical
 * base64 hashes, an empty line, and the checkpoint note (non-empty, taken verbatim).
 */
export function parseReceipt(text: string | Uint8Array): Receipt {
  const s = noteString(text);
  if (s.length > 1 << 20) fail('ERR_INPUT_TOO_LARGE', 'tlog-proof longer than 1 MiB');
  const lines = s.split('\n');
  let i = 0;
  if (lines[i++] !== RECEIPT_HEADER) bad(`first line is not ${RECEIPT_HEADER}`);
  let extra: Uint8Array | undefined;
  if (lines[i]?.startsWith('extra '))
    extra = base64DecodeStrict(lines[i++]!.slice(6), 'extra', 'ERR_LOG_RECEIPT', 'LOG-22');
  const indexLine = lines[i++];
  if (indexLine === undefined || !indexLine.startsWith('index ')) bad('no index line');
  const index = parseDecimal(indexLine!.slice(6));
  if (index === undefined) bad('index is not a decimal without leading zeros below 2^53');
  const proof: Uint8Array[] = [];
  for (;;) {
    const line = lines[i++];
    if (line === undefined) bad('no empty line before the checkpoint');
    if (line === '') break;
    if (proof.length === MAX_RECEIPT_HASHES) bad(`more than ${MAX_RECEIPT_HASHES} proof hashes`);
    const h = base64DecodeStrict(line!, 'proof hash', 'ERR_LOG_RECEIPT', 'LOG-22');
    if (h.length !== HASH_SIZE) bad(`proof hash is ${h.length} bytes, not ${HASH_SIZE}`);
    proof.push(h);
  }
  const checkpoint = lines.slice(i).join('\n');
  if (checkpoint.length === 0) bad('no checkpoint');
  return extra === undefined
    ? { index: index!, proof, checkpoint }
    : { index: index!, proof, checkpoint, extra };
}

/** Serialises a receipt as a tlog-proof. */
export function serializeReceipt(r: Receipt): string {
  if (
    typeof r !== 'object' ||
    r === null ||
    !Array.isArray(r.proof) ||
    typeof r.checkpoint !== 'string'
  )
    fail('ERR_INVALID_ARGUMENT', 'serializeReceipt: expected a receipt');
  const lines = [RECEIPT_HEADER];
  if (r.extra !== undefined) lines.push(`extra ${base64Encode(r.extra)}`);
  lines.push(`index ${r.index}`, ...r.proof.map(base64Encode), '');
  const text = `${lines.join('\n')}\n${r.checkpoint}`;
  parseReceipt(text);
  return text;
}

/** What {@link verifyReceipt} checks the receipt against. */
export interface ReceiptSubject {
  /** The entry and the salt of its commitment (the usual case: a party of the event holds both); or */
  readonly entry?: Uint8Array;
  readonly salt?: Uint8Array;
  /** the Merkle leaf hash directly (for logs whose leaves are not commitments). */
  readonly leafHash?: Uint8Array;
}

/** A verified receipt. */
export interface VerifiedReceipt extends PolicyCheckpoint {
  readonly index: number;
  readonly leafHash: Uint8Array;
}

/**
 * Verifies a receipt offline ([LOG-23]): the checkpoint satisfies the policy (log signature, origin,
 * witness quorum), the entry and salt give the leaf hash ([LOG-09]), and the
 * inclusion proof leads from that leaf at `index` to the checkpoint's root. The extra data plays
 * no part. `origin` selects the log when the policy lists several.
 */
export async function verifyReceipt(
  receipt: string | Receipt,
  subject: ReceiptSubject,
  policy: LogPolicy,
  origin?: string,
): Promise<VerifiedReceipt> {
  const r = typeof receipt === 'string' ? parseReceipt(receipt) : receipt;
  if (typeof subject !== 'object' || subject === null)
    fail('ERR_INVALID_ARGUMENT', 'verifyReceipt: subject is required');
  let leaf: Uint8Array;
  if (subject.leafHash !== undefined) leaf = subject.leafHash;
  else if (subject.entry !== undefined && subject.salt !== undefined)
    leaf = commitmentLeafHash(subject.entry, subject.salt);
  else
    return fail('ERR_INVALID_ARGUMENT', 'verifyReceipt: subject needs entry and salt, or leafHash');
  const cp = await verifyCheckpointWithPolicy(r.checkpoint, policy, origin);
  verifyInclusion(r.index, cp.checkpoint.size, leaf, r.proof, cp.checkpoint.rootHash);
  return { ...cp, index: r.index, leafHash: leaf.slice() };
}

/** Default maximum merge delay of a jitsuin log, in seconds (24 hours). */
export const DEFAULT_MAX_MERGE_DELAY = 86_400;

/**
 * Whether an entry submitted at `submittedAt` without a proving receipt must now be treated as not
 * logged ([LOG-24]): true once more than `maxMergeDelay` seconds have passed.
 */
export function receiptOverdue(
  submittedAt: number,
  now: number,
  maxMergeDelay: number = DEFAULT_MAX_MERGE_DELAY,
): boolean {
  for (const [v, n] of [
    [submittedAt, 'submittedAt'],
    [now, 'now'],
    [maxMergeDelay, 'maxMergeDelay'],
  ] as const) {
    if (!Number.isSafeInteger(v) || v < 0)
      fail('ERR_INVALID_ARGUMENT', `receiptOverdue: ${n} must be a non-negative integer (seconds)`);
  }
  return now - submittedAt > maxMergeDelay;
}
