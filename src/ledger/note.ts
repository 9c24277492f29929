/**
 * C2SP signed notes: strict parsing, serialisation, signing and opening against a set of known keys.
 * @module
 */
import { JitsuinError } from '../errors.js';
import { fail } from '../internal/fail.js';
import { findLoneSurrogate, utf8Decode, utf8Encode } from '../encoding/utf8.js';
import { base64DecodeStrict, base64Encode } from '../internal/base64.js';
import {
  isValidKeyName,
  keyIdHex,
  verifyNoteSignatureBytes,
  type NoteSigner,
  type NoteVerifier,
} from './keys.js';

/** Most signature lines a note may carry ([LOG-11]); C2SP requires accepting at least 16. */
export const MAX_NOTE_SIGNATURES = 16;
/** Largest note accepted, in UTF-16 code units of its text (a bound on hostile input). */
export const MAX_NOTE_LENGTH = 1 << 20;

const SIG_PREFIX = '\u2014 ';

/** One signature line of a note. */
export interface NoteSignature {
  readonly name: string;
  readonly keyId: number;
  /** The signature bytes after the 4-byte key ID. */
  readonly signature: Uint8Array;
  /** The line as it appears in the note, without its newline. */
  readonly line: string;
}

/** A note split into its text and signature lines; nothing is verified yet. */
export interface ParsedNote {
  /** The note text, final newline included. */
  readonly text: string;
  readonly signatures: readonly NoteSignature[];
}

/** A signature of a note that verified under a known key. */
export interface VerifiedSignature {
  readonly verifier: NoteVerifier;
  readonly signature: NoteSignature;
  /** For cosignature/v1 keys: the cosignature's timestamp (seconds); else 0. */
  readonly timestamp: number;
}

/** A note whose signatures were checked against a set of known keys. */
export interface OpenedNote {
  readonly text: string;
  /** The note exactly as received. */
  readonly note: string;
  /** Verified signatures, at most one per known key. */
  readonly verified: readonly VerifiedSignature[];
  /** Signature lines from unknown keys (ignored, [LOG-12]). */
  readonly unverified: readonly NoteSignature[];
}

const malformed = (why: string, requirement = 'LOG-10'): never =>
  fail('ERR_LOG_NOTE_MALFORMED', `malformed note: ${why}`, requirement);

/** The note as a string: bytes must be valid UTF-8 ([LOG-10]). @internal */
export function noteString(note: string | Uint8Array): string {
  if (note instanceof Uint8Array) {
    try {
      return utf8Decode(note, 'note');
    } catch (e) {
      throw new JitsuinError('ERR_LOG_NOTE_MALFORMED', 'malformed note: not valid UTF-8', {
        requirement: 'LOG-10',
        cause: e,
      });
    }
  }
  if (typeof note !== 'string')
    fail('ERR_INVALID_ARGUMENT', 'note must be a string or a Uint8Array');
  if (findLoneSurrogate(note) >= 0) malformed('lone surrogate (not encodable as UTF-8)');
  return note;
}

/**
 * Splits a signed note ([LOG-10], [LOG-11]): valid UTF-8, no control character but newline, the
 * text ends in a newline and is separated by the last blank line from one to
 * {@link MAX_NOTE_SIGNATURES} lines `— <name> <base64(keyID ‖ sig)>`, each ending in a newline.
 */
export function parseNote(note: string | Uint8Array): ParsedNote {
  const s = noteString(note);
  if (s.length > MAX_NOTE_LENGTH)
    fail('ERR_INPUT_TOO_LARGE', `note longer than ${MAX_NOTE_LENGTH} characters`);
  if (/[\u0000-\u0009\u000b-\u001f]/.test(s)) malformed('control character other than newline');
  const split = s.lastIndexOf('\n\n');
  if (split < 0) malformed('no blank line before the signatures');
  const text = s.slice(0, split + 1);
  const block = s.slice(split + 2);
  if (block.length === 0) malformed('no signature lines');
  if (!block.endsWith('\n')) malformed('last signature line does not end in a newline');
  const lines = block.slice(0, -1).split('\n');
  if (lines.length > MAX_NOTE_SIGNATURES)
    malformed(`${lines.length} signature lines, more than ${MAX_NOTE_SIGNATURES}`, 'LOG-11');
  const signatures = lines.map(parseSignatureLine);
  return { text, signatures };
}

/** Parses one signature line (without newline). @internal */
export function parseSignatureLine(line: string): NoteSignature {
  if (!line.startsWith(SIG_PREFIX))
    malformed('a line after the blank line is not a signature line');
  const rest = line.slice(SIG_PREFIX.length);
  const space = rest.indexOf(' ');
  if (space < 0) malformed('signature line without a space between name and signature');
  const name = rest.slice(0, space);
  if (!isValidKeyName(name)) malformed('signature key name is empty or contains a space or "+"');
  const bytes = base64DecodeStrict(
    rest.slice(space + 1),
    'signature',
    'ERR_LOG_NOTE_MALFORMED',
    'LOG-10',
  );
  if (bytes.length < 5) malformed('signature shorter than a key ID and one byte');
  const keyId = ((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0;
  return { name, keyId, signature: bytes.slice(4), line };
}

/** The signature line of `signature` bytes (after the key ID) made by the key `verifier`. */
export function signatureLine(verifier: NoteVerifier, signature: Uint8Array): string {
  if (
    typeof verifier !== 'object' ||
    verifier === null ||
    typeof verifier.name !== 'string' ||
    !Number.isSafeInteger(verifier.keyId) ||
    verifier.keyId < 0 ||
    verifier.keyId > 0xffffffff ||
    !(signature instanceof Uint8Array)
  ) {
    fail('ERR_INVALID_ARGUMENT', 'signatureLine: a verifier and signature bytes required');
  }
  const bytes = new Uint8Array(4 + signature.length);
  new DataView(bytes.buffer).setUint32(0, verifier.keyId);
  bytes.set(signature, 4);
  return `${SIG_PREFIX}${verifier.name} ${base64Encode(bytes)}`;
}

/** Checks a note text as the signer sees it: non-empty, ends in a newline, no control character but newline. @internal */
export function checkNoteText(text: string): void {
  if (typeof text !== 'string') fail('ERR_INVALID_ARGUMENT', 'note text must be a string');
  noteString(text);
  if (text.length === 0 || !text.endsWith('\n'))
    malformed('note text must be non-empty and end in a newline');
  if (/[\u0000-\u0009\u000b-\u001f]/.test(text)) malformed('control character other than newline');
}

/**
 * Signs `text` with each signer and returns the signed note. `time` is the cosignature timestamp
 * used by cosignature/v1 signers.
 */
export function signNote(text: string, signers: readonly NoteSigner[], time?: number): string {
  checkNoteText(text);
  if (
    !Array.isArray(signers) ||
    signers.length === 0 ||
    !signers.every((s) => typeof s?.sign === 'function' && typeof s.verifier === 'object')
  )
    fail('ERR_INVALID_ARGUMENT', 'signNote: at least one signer');
  if (signers.length > MAX_NOTE_SIGNATURES)
    fail('ERR_INVALID_ARGUMENT', `signNote: more than ${MAX_NOTE_SIGNATURES} signers`);
  const bytes = utf8Encode(text);
  const lines = signers.map((s) => signatureLine(s.verifier, s.sign(bytes, time)));
  return `${text}\n${lines.join('\n')}\n`;
}

/** Adds signature lines to a signed note (e.g. a witness's cosignatures), keeping the existing ones. */
export function addSignatureLines(note: string, lines: readonly string[]): string {
  if (!Array.isArray(lines) || !lines.every((l) => typeof l === 'string'))
    fail('ERR_INVALID_ARGUMENT', 'addSignatureLines: lines must be strings');
  const parsed = parseNote(note);
  const all = [
    ...parsed.signatures.map((s) => s.line),
    ...lines.filter((l) => !parsed.signatures.some((s) => s.line === l)),
  ];
  all.forEach(parseSignatureLine);
  if (all.length > MAX_NOTE_SIGNATURES)
    malformed(`${all.length} signature lines, more than ${MAX_NOTE_SIGNATURES}`, 'LOG-11');
  return `${parsed.text}\n${all.join('\n')}\n`;
}

/**
 * Opens a signed note against known keys (C2SP signed-note): a key is known when both name and key
 * ID match ([LOG-12]); every signature of a known key must verify ([LOG-13]), and at least one
 * must ([LOG-14]). Identical signature lines count once. Throws `ERR_LOG_NOTE_MALFORMED` or
 * `ERR_LOG_NOTE_SIGNATURE`; returns the text with the verified and ignored signatures.
 */
export async function openNote(
  note: string | Uint8Array,
  verifiers: readonly NoteVerifier[],
): Promise<OpenedNote> {
  if (!Array.isArray(verifiers))
    fail('ERR_INVALID_ARGUMENT', 'openNote: verifiers must be an array');
  const s = noteString(note);
  const parsed = parseNote(s);
  const textBytes = utf8Encode(parsed.text);
  const verified: VerifiedSignature[] = [];
  const unverified: NoteSignature[] = [];
  const seen = new Set<string>();
  for (const sig of parsed.signatures) {
    if (seen.has(sig.line)) continue;
    seen.add(sig.line);
    const known = verifiers.find((v) => v.name === sig.name && v.keyId === sig.keyId);
    if (known === undefined) {
      unverified.push(sig);
      continue;
    }
    const timestamp = await verifyNoteSignatureBytes(known, textBytes, sig.signature);
    if (!verified.some((v) => v.verifier === known))
      verified.push({ verifier: known, signature: sig, timestamp });
  }
  if (verified.length === 0)
    fail('ERR_LOG_NOTE_SIGNATURE', 'note has no verifiable signature from a known key', 'LOG-14');
  return { text: parsed.text, note: s, verified, unverified };
}

/** `name+keyid` of a verifier, for messages. @internal */
export function keyLabel(v: NoteVerifier): string {
  return `${v.name}+${keyIdHex(v.keyId)}`;
}
