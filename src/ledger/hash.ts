/**
 * RFC 9162 §2.1.1 Merkle tree hashing with SHA-256: leaf hash `SHA-256(0x00 ‖ d)`, interior node
 * `SHA-256(0x01 ‖ left ‖ right)`. Synchronous @noble/hashes: tree hashing is the hot path of the
 * log writer and of proof verification, and an async WebCrypto round trip per 64-byte node costs
 * more than the hash itself (docs/benchmarks.md, group ledger).
 * @module
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { fail } from '../internal/fail.js';

/** Size in bytes of every hash of the tree (SHA-256). */
export const HASH_SIZE = 32;

/** The Merkle leaf hash of `data`: SHA-256(0x00 ‖ data) ([LOG-01]). */
export function leafHash(data: Uint8Array): Uint8Array {
  if (!(data instanceof Uint8Array))
    fail('ERR_INVALID_ARGUMENT', 'leafHash: data must be a Uint8Array');
  const buf = new Uint8Array(1 + data.length);
  buf.set(data, 1);
  return sha256(buf);
}

/** The interior node hash SHA-256(0x01 ‖ left ‖ right) ([LOG-01]). Both inputs must be 32 bytes. */
export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  if (
    !(left instanceof Uint8Array) ||
    !(right instanceof Uint8Array) ||
    left.length !== HASH_SIZE ||
    right.length !== HASH_SIZE
  ) {
    fail('ERR_INVALID_ARGUMENT', 'nodeHash: both children must be 32-byte Uint8Arrays');
  }
  return hashChildren(left, right);
}

/** nodeHash without argument checks, for callers that hold only 32-byte values. @internal */
export function hashChildren(left: Uint8Array, right: Uint8Array): Uint8Array {
  // One buffer and one-shot hashing: about twice as fast as an incremental hasher per node.
  const buf = new Uint8Array(65);
  buf[0] = 0x01;
  buf.set(left, 1);
  buf.set(right, 33);
  return sha256(buf);
}

/** The root of the empty tree: SHA-256 of the empty string (RFC 9162 §2.1.1). */
export function emptyRoot(): Uint8Array {
  return sha256(new Uint8Array(0));
}
