/**
 * C2SP tlog-checkpoint: the note text `origin\nsize\nbase64(root)\n[extension lines]` and its
 * verification as a signed note of the log.
 * @module
 */
import { fail } from '../internal/fail.js';
import { base64DecodeStrict, base64Encode } from '../internal/base64.js';
import { HASH_SIZE } from './hash.js';
import { checkNoteText, noteString, openNote, type OpenedNote } from './note.js';
import type { NoteVerifier } from './keys.js';

/** A parsed checkpoint body. */
export interface Checkpoint {
  /** The log's origin (first line). */
  readonly origin: string;
  /** Tree size. */
  readonly size: number;
  /** Root hash (32 bytes). */
  readonly rootHash: Uint8Array;
  /** Extension lines, in order, without newlines. */
  readonly extensions: readonly string[];
}

const bad = (why: string, requirement = 'LOG-17'): never =>
  fail('ERR_LOG_CHECKPOINT', `malformed checkpoint: ${why}`, requirement);

/** Parses an unsigned decimal without leading zeros up to 2^53 − 1, or returns undefined. @internal */
export function parseDecimal(text: string): number | undefined {
  if (!/^(0|[1-9][0-9]{0,15})$/.test(text)) return undefined;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : undefined;
}

/**
 * Parses a checkpoint body ([LOG-17]): a non-empty origin line, the size in decimal without leading
 * zeros (at most 2^53 − 1), the root hash in canonical base64 of exactly 32 bytes, then zero or more
 * non-empty extension lines; every line ends in a newline.
 */
export function parseCheckpoint(body: string | Uint8Array): Checkpoint {
  const s = noteString(body);
  if (!s.endsWith('\n')) bad('body does not end in a newline');
  const lines = s.slice(0, -1).split('\n');
  if (lines.length < 3) bad('fewer than three lines');
  const [origin, sizeText, rootText] = lines as [string, string, string];
  if (origin.length === 0) bad('empty origin line');
  const size = parseDecimal(sizeText);
  if (size === undefined) bad('size is not a decimal without leading zeros below 2^53');
  const rootHash = base64DecodeStrict(rootText, 'root hash', 'ERR_LOG_CHECKPOINT', 'LOG-17');
  if (rootHash.length !== HASH_SIZE)
    bad(`root hash is ${rootHash.length} bytes, not ${HASH_SIZE}`, 'LOG-02');
  const extensions = lines.slice(3);
  if (extensions.some((l) => l.length === 0)) bad('empty extension line');
  return { origin, size: size!, rootHash, extensions };
}

/** Serialises a checkpoint body (the note text a log signs). */
export function serializeCheckpoint(c: Checkpoint): string {
  if (
    typeof c !== 'object' ||
    c === null ||
    typeof c.origin !== 'string' ||
    !Number.isSafeInteger(c.size) ||
    !(c.rootHash instanceof Uint8Array) ||
    !Array.isArray(c.extensions) ||
    !c.extensions.every((e) => typeof e === 'string')
  ) {
    fail(
      'ERR_INVALID_ARGUMENT',
      'serializeCheckpoint: expected { origin, size, rootHash, extensions }',
    );
  }
  const text =
    [c.origin, String(c.size), base64Encode(c.rootHash), ...c.extensions].join('\n') + '\n';
  checkNoteText(text);
  parseCheckpoint(text);
  return text;
}

/** A checkpoint whose note verified under the log key. */
export interface VerifiedCheckpoint {
  readonly checkpoint: Checkpoint;
  readonly note: OpenedNote;
}

/** Options of {@link verifyCheckpoint}. */
export interface VerifyCheckpointOptions {
  /** The log's key. */
  readonly logKey: NoteVerifier;
  /** The origin the checkpoint must carry; defaults to the log key's name. */
  readonly origin?: string;
  /** Further known keys (witness cosigners); their signatures are verified too. */
  readonly witnesses?: readonly NoteVerifier[];
}

/**
 * Verifies a signed checkpoint ([LOG-18]): the note opens with the known keys, a signature by the
 * log key is among the verified ones, and the body parses with the expected origin.
 */
export async function verifyCheckpoint(
  note: string | Uint8Array,
  options: VerifyCheckpointOptions,
): Promise<VerifiedCheckpoint> {
  if (typeof options !== 'object' || options === null || options.logKey === undefined)
    fail('ERR_INVALID_ARGUMENT', 'verifyCheckpoint: options.logKey is required');
  const opened = await openNote(note, [options.logKey, ...(options.witnesses ?? [])]);
  if (!opened.verified.some((v) => v.verifier === options.logKey))
    fail('ERR_LOG_NOTE_SIGNATURE', 'checkpoint is not signed by the log key', 'LOG-18');
  const checkpoint = parseCheckpoint(opened.text);
  const origin = options.origin ?? options.logKey.name;
  if (checkpoint.origin !== origin)
    fail(
      'ERR_LOG_CHECKPOINT',
      `checkpoint origin ${JSON.stringify(checkpoint.origin)} is not ${JSON.stringify(origin)}`,
      'LOG-18',
    );
  return { checkpoint, note: opened };
}
