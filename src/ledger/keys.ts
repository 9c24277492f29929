/**
 * Signed-note keys (C2SP signed-note, "Verifier keys"): the `vkey` text form, key IDs, and the
 * three signature types this profile uses — Ed25519 (0x01), ECDSA P-256 (0x02) and timestamped
 * Ed25519 witness cosignatures (0x04, C2SP tlog-cosignature).
 * @module
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { JitsuinError } from '../errors.js';
import { fail } from '../internal/fail.js';
import { concatBytes } from '../encoding/bytes.js';
import { utf8Encode } from '../encoding/utf8.js';
import { exportSpki, importSpki, type EcPublicKey } from '../crypto/keys.js';
import { getEcPublicKey, signEcdsa, verifyEcdsa } from '../crypto/ecdsa.js';
import { base64DecodeStrict, base64Encode } from '../internal/base64.js';

/** The signature types of this profile: Ed25519 note signatures, ECDSA P-256 note signatures, cosignature/v1. */
export type NoteKeyType = 'ed25519' | 'ecdsa-p256' | 'cosignature/v1';

const TYPE_BYTE: Readonly<Record<NoteKeyType, number>> = {
  ed25519: 0x01,
  'ecdsa-p256': 0x02,
  'cosignature/v1': 0x04,
};

/** A public key that verifies signature lines of signed notes. Build it with {@link parseVerifierKey} or a signer's `verifier`. */
export interface NoteVerifier {
  /** Key name (for a log: its origin). */
  readonly name: string;
  /** The 32-bit key ID. */
  readonly keyId: number;
  readonly type: NoteKeyType;
  /** Ed25519: the 32-byte public key; ECDSA: the DER SubjectPublicKeyInfo. */
  readonly publicKey: Uint8Array;
  /** The `vkey` text (`name+keyid+base64(type‖key)`). */
  readonly vkey: string;
}

/** A private key that signs notes (log checkpoints) or cosigns checkpoints (witnesses). */
export interface NoteSigner {
  readonly verifier: NoteVerifier;
  /**
   * The signature bytes after the key ID, over the note text. For cosignature/v1 the signer
   * signs the cosigned message of {@link cosignedMessage} at `time` and returns `time ‖ signature`.
   */
  sign(text: Uint8Array, time?: number): Uint8Array;
}

/** Key names: non-empty, no Unicode space, no `+`, no control character ([LOG-10]). @internal */
export function isValidKeyName(name: string): boolean {
  return name.length > 0 && !/[\s\p{Z}+\u0000-\u001f\u007f]/u.test(name);
}

/** The key ID of a key (C2SP signed-note; ECDSA: SHA-256 of the DER SPKI) ([LOG-15], [LOG-16]). */
export function noteKeyId(name: string, type: NoteKeyType, publicKey: Uint8Array): number {
  if (typeof name !== 'string' || !(publicKey instanceof Uint8Array) || !(type in TYPE_BYTE))
    fail('ERR_INVALID_ARGUMENT', 'noteKeyId: name, type and public key bytes required');
  const digest =
    type === 'ecdsa-p256'
      ? sha256(publicKey)
      : sha256(concatBytes(utf8Encode(name), Uint8Array.of(0x0a, TYPE_BYTE[type]), publicKey));
  return ((digest[0]! << 24) | (digest[1]! << 16) | (digest[2]! << 8) | digest[3]!) >>> 0;
}

/** Key ID as the 8 lower-case hex digits of a vkey. @internal */
export function keyIdHex(keyId: number): string {
  return keyId.toString(16).padStart(8, '0');
}

function makeVerifier(name: string, type: NoteKeyType, publicKey: Uint8Array): NoteVerifier {
  const keyId = noteKeyId(name, type, publicKey);
  return Object.freeze({
    name,
    keyId,
    type,
    publicKey: publicKey.slice(),
    vkey: `${name}+${keyIdHex(keyId)}+${base64Encode(concatBytes(Uint8Array.of(TYPE_BYTE[type]), publicKey))}`,
  });
}

/** Checks a P-256 DER SPKI and returns it as an EC key. */
function p256Spki(spki: Uint8Array): EcPublicKey {
  let key;
  try {
    key = importSpki(spki);
  } catch (e) {
    throw new JitsuinError(
      'ERR_LOG_KEY',
      'ECDSA note key is not a valid DER SubjectPublicKeyInfo',
      { requirement: 'LOG-16', cause: e },
    );
  }
  if (key.kind !== 'ec' || key.curve !== 'P-256')
    fail('ERR_LOG_KEY', 'ECDSA note keys must be P-256', 'LOG-16');
  return key;
}

/** A verifier for a raw public key: 32-byte Ed25519 key, or DER SPKI for ECDSA P-256. */
export function noteVerifier(name: string, type: NoteKeyType, publicKey: Uint8Array): NoteVerifier {
  if (typeof name !== 'string' || !isValidKeyName(name))
    fail(
      'ERR_LOG_KEY',
      `key name ${JSON.stringify(name)} is empty or contains a space, "+" or a control character`,
      'LOG-10',
    );
  if (!(publicKey instanceof Uint8Array))
    fail('ERR_INVALID_ARGUMENT', 'noteVerifier: publicKey must be a Uint8Array');
  if (type === 'ecdsa-p256') p256Spki(publicKey);
  else if (type === 'ed25519' || type === 'cosignature/v1') {
    if (publicKey.length !== 32)
      fail('ERR_LOG_KEY', `Ed25519 public key is ${publicKey.length} bytes, not 32`, 'LOG-15');
  } else fail('ERR_LOG_KEY', `unsupported note key type ${JSON.stringify(type)}`, 'LOG-15');
  return makeVerifier(name, type, publicKey);
}

/**
 * Parses a vkey `name+keyid+base64(type ‖ key)` ([LOG-15]): name rules, exactly eight lower-case
 * hex digits, canonical base64, a supported type (0x01, 0x02 P-256, 0x04), the right key length,
 * and a key ID equal to the one computed from the key. Anything else fails with `ERR_LOG_KEY`.
 */
export function parseVerifierKey(vkey: string): NoteVerifier {
  if (typeof vkey !== 'string')
    fail('ERR_INVALID_ARGUMENT', 'parseVerifierKey: vkey must be a string');
  if (vkey.length > 4096) fail('ERR_LOG_KEY', 'vkey longer than 4096 characters', 'LOG-15');
  // The name has no "+", the key ID is hex: the first two "+" split; base64 itself may contain "+".
  const first = vkey.indexOf('+');
  const second = first < 0 ? -1 : vkey.indexOf('+', first + 1);
  if (second < 0) fail('ERR_LOG_KEY', 'vkey is not name+keyid+key', 'LOG-15');
  const name = vkey.slice(0, first);
  const idHex = vkey.slice(first + 1, second);
  const keyB64 = vkey.slice(second + 1);
  if (!isValidKeyName(name))
    fail('ERR_LOG_KEY', 'vkey name is empty or contains a space or control character', 'LOG-15');
  if (!/^[0-9a-f]{8}$/.test(idHex))
    fail('ERR_LOG_KEY', 'vkey key ID is not 8 lower-case hex digits', 'LOG-15');
  const raw = base64DecodeStrict(keyB64, 'vkey key', 'ERR_LOG_KEY', 'LOG-15');
  if (raw.length < 2) fail('ERR_LOG_KEY', 'vkey key is too short', 'LOG-15');
  const typeByte = raw[0];
  const type = (Object.keys(TYPE_BYTE) as NoteKeyType[]).find((t) => TYPE_BYTE[t] === typeByte);
  if (type === undefined)
    fail(
      'ERR_LOG_KEY',
      `vkey signature type 0x${typeByte!.toString(16).padStart(2, '0')} is not supported (0x01, 0x02, 0x04)`,
      'LOG-15',
    );
  const verifier = noteVerifier(name, type, raw.subarray(1));
  if (keyIdHex(verifier.keyId) !== idHex)
    fail(
      'ERR_LOG_KEY',
      `vkey key ID ${idHex} does not match the key (${keyIdHex(verifier.keyId)})`,
      type === 'ecdsa-p256' ? 'LOG-16' : 'LOG-15',
    );
  return verifier;
}

/**
 * The message a cosignature/v1 signs (C2SP tlog-cosignature): `cosignature/v1\ntime <t>\n` followed
 * by the checkpoint body ([LOG-19]). `time` may be a bigint for values above 2^53.
 */
export function cosignedMessage(checkpointBody: Uint8Array, time: number | bigint): Uint8Array {
  if (!(checkpointBody instanceof Uint8Array))
    fail('ERR_INVALID_ARGUMENT', 'cosignedMessage: body must be a Uint8Array');
  if (typeof time !== 'bigint' && !Number.isSafeInteger(time))
    fail('ERR_INVALID_ARGUMENT', 'cosignedMessage: time must be an integer');
  const t = typeof time === 'bigint' ? time : BigInt(time);
  if (t < 0n || t >= 2n ** 64n) fail('ERR_INVALID_ARGUMENT', 'cosignedMessage: time must be a u64');
  return concatBytes(utf8Encode(`cosignature/v1\ntime ${t.toString()}\n`), checkpointBody);
}

function u64be(t: number): Uint8Array {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, BigInt(t));
  return out;
}

/**
 * Verifies the signature bytes (after the key ID) of one signature line under `verifier` over the
 * note `text`. Returns the cosignature timestamp for cosignature/v1 keys, 0 otherwise; throws
 * `ERR_LOG_NOTE_SIGNATURE` when it does not verify, `ERR_LOG_COSIGNATURE` when a cosignature has
 * the wrong length. @internal
 */
export async function verifyNoteSignatureBytes(
  verifier: NoteVerifier,
  text: Uint8Array,
  sig: Uint8Array,
): Promise<number> {
  const bad = (why: string): never =>
    fail(
      'ERR_LOG_NOTE_SIGNATURE',
      `signature by ${verifier.name}+${keyIdHex(verifier.keyId)} does not verify${why}`,
      'LOG-13',
    );
  if (verifier.type === 'ed25519') {
    if (sig.length !== 64 || !safeEd25519(sig, text, verifier.publicKey)) bad('');
    return 0;
  }
  if (verifier.type === 'cosignature/v1') {
    const t = cosignatureTimestamp(sig);
    if (!safeEd25519(sig.subarray(8), cosignedMessage(text, t), verifier.publicKey))
      bad(' (cosignature/v1)');
    return t;
  }
  const key = p256Spki(verifier.publicKey);
  try {
    await verifyEcdsa(key, text, sig, { format: 'der' });
  } catch (e) {
    if (
      e instanceof JitsuinError &&
      (e.code === 'ERR_SIGNATURE_INVALID' || e.code === 'ERR_INVALID_SIGNATURE_ENCODING')
    )
      bad(' (ECDSA P-256)');
    throw e;
  }
  return 0;
}

/**
 * The timestamp of a cosignature/v1 signature (the bytes after the key ID: u64be time ‖ 64-byte
 * Ed25519 signature) ([LOG-19]); fails with `ERR_LOG_COSIGNATURE` on another length or a time above 2^53 − 1.
 */
export function cosignatureTimestamp(sig: Uint8Array): number {
  if (!(sig instanceof Uint8Array))
    fail('ERR_INVALID_ARGUMENT', 'cosignatureTimestamp: sig must be a Uint8Array');
  if (sig.length !== 72)
    fail(
      'ERR_LOG_COSIGNATURE',
      `cosignature is ${sig.length + 4} bytes, not 76 (key ID, timestamp, Ed25519 signature)`,
      'LOG-19',
    );
  const t = new DataView(sig.buffer, sig.byteOffset, 8).getBigUint64(0);
  if (t > BigInt(Number.MAX_SAFE_INTEGER))
    fail('ERR_LOG_COSIGNATURE', 'cosignature timestamp exceeds 2^53 - 1 seconds', 'LOG-19');
  return Number(t);
}

function safeEd25519(sig: Uint8Array, msg: Uint8Array, pub: Uint8Array): boolean {
  try {
    // RFC 8032 strict decoding (no ZIP-215 leniency): one accepted encoding per signature.
    return ed25519.verify(sig, msg, pub, { zip215: false });
  } catch {
    return false;
  }
}

/** An Ed25519 note signer (type 0x01) from a 32-byte seed. */
export function ed25519NoteSigner(name: string, seed: Uint8Array): NoteSigner {
  if (!(seed instanceof Uint8Array) || seed.length !== 32)
    fail('ERR_LOG_KEY', 'Ed25519 seed must be 32 bytes', 'LOG-15');
  const s = seed.slice();
  const verifier = noteVerifier(name, 'ed25519', ed25519.getPublicKey(s));
  return { verifier, sign: (text) => ed25519.sign(text, s) };
}

/** An ECDSA P-256 note signer (type 0x02) from a 32-byte private scalar; deterministic (RFC 6979), DER signatures. */
export function ecdsaNoteSigner(name: string, privateKey: Uint8Array): NoteSigner {
  if (!(privateKey instanceof Uint8Array))
    fail('ERR_INVALID_ARGUMENT', 'ecdsaNoteSigner: privateKey must be a Uint8Array');
  const d = privateKey.slice();
  const verifier = noteVerifier(name, 'ecdsa-p256', exportSpki(getEcPublicKey(d, 'P-256')));
  return { verifier, sign: (text) => signEcdsa(d, text, { format: 'der' }) };
}

/** A cosignature/v1 witness signer (type 0x04) from a 32-byte Ed25519 seed. `sign(body, time)` returns `time ‖ sig`. */
export function cosignatureSigner(name: string, seed: Uint8Array): NoteSigner {
  if (!(seed instanceof Uint8Array) || seed.length !== 32)
    fail('ERR_LOG_KEY', 'Ed25519 seed must be 32 bytes', 'LOG-19');
  const s = seed.slice();
  const verifier = noteVerifier(name, 'cosignature/v1', ed25519.getPublicKey(s));
  return {
    verifier,
    sign(body, time) {
      if (time === undefined || !Number.isSafeInteger(time) || time < 0)
        fail(
          'ERR_INVALID_ARGUMENT',
          'cosignature signer: time must be a non-negative safe integer',
        );
      return concatBytes(u64be(time), ed25519.sign(cosignedMessage(body, time), s));
    },
  };
}

/**
 * Parses a Go-style Ed25519 signer key `PRIVATE+KEY+name+keyid+base64(0x01 ‖ seed)` (the form of
 * golang.org/x/mod/sumdb/note) into a signer; the key ID must match.
 */
export function parseSignerKey(skey: string): NoteSigner {
  if (typeof skey !== 'string')
    fail('ERR_INVALID_ARGUMENT', 'parseSignerKey: skey must be a string');
  const m = /^PRIVATE\+KEY\+([^+]+)\+([0-9a-f]{8})\+(.*)$/s.exec(skey);
  if (m === null) fail('ERR_LOG_KEY', 'signer key is not PRIVATE+KEY+name+keyid+key', 'LOG-15');
  const parts = ['PRIVATE', 'KEY', m![1]!, m![2]!, m![3]!];
  const raw = base64DecodeStrict(parts[4]!, 'signer key', 'ERR_LOG_KEY', 'LOG-15');
  if (raw.length !== 33 || raw[0] !== 0x01)
    fail('ERR_LOG_KEY', 'signer key is not an Ed25519 (0x01) seed of 32 bytes', 'LOG-15');
  const signer = ed25519NoteSigner(parts[2]!, raw.subarray(1));
  if (keyIdHex(signer.verifier.keyId) !== parts[3])
    fail('ERR_LOG_KEY', 'signer key ID does not match the key', 'LOG-15');
  return signer;
}
