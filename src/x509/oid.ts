/**
 * OBJECT IDENTIFIER encoding and decoding with arbitrary-size arcs (the jitsuin UUID arc under
 * 2.25 has a 128-bit arc, which asn1js/@peculiar cannot round-trip, so jitsuin does this itself).
 * @module
 */
import { fail } from '../internal/fail.js';
import { encodeTlv } from './der.js';

/** Decodes DER OBJECT IDENTIFIER contents to dotted form (minimal base-128 arcs). @internal */
export function decodeOid(contents: Uint8Array, what: string): string {
  if (contents.length === 0) fail('ERR_CERT_MALFORMED', `${what}: empty OID`);
  if (contents.length > 128) fail('ERR_CERT_MALFORMED', `${what}: OID too long`);
  const arcs: (number | bigint)[] = [];
  // Arcs accumulate in a Number while they stay below 2^46 (so one more 7-bit shift is exact),
  // and in a BigInt beyond: the 128-bit UUID arcs under 2.25 need it, the common arcs do not.
  let small = 0;
  let big: bigint | undefined;
  let start = true;
  for (let i = 0; i < contents.length; i++) {
    const b = contents[i] as number;
    if (start && b === 0x80) fail('ERR_CERT_MALFORMED', `${what}: non-minimal OID arc`);
    if (big === undefined && small >= 2 ** 46) big = BigInt(small);
    if (big === undefined) small = small * 128 + (b & 0x7f);
    else big = (big << 7n) | BigInt(b & 0x7f);
    start = false;
    if ((b & 0x80) === 0) {
      arcs.push(big ?? small);
      small = 0;
      big = undefined;
      start = true;
    }
  }
  if (!start) fail('ERR_CERT_MALFORMED', `${what}: truncated OID`);
  const first = arcs[0] as number | bigint;
  // The first subidentifier is 40·X + Y (X.690 §8.19.4): X is 0 or 1 below 80, else 2.
  const head =
    first < 40
      ? `0.${first}`
      : first < 80
        ? `1.${Number(first) - 40}`
        : `2.${typeof first === 'bigint' ? first - 80n : first - 80}`;
  return arcs.length === 1 ? head : `${head}.${arcs.slice(1).join('.')}`;
}

/** Encodes a dotted OID as a DER OBJECT IDENTIFIER TLV. @internal */
export function encodeOid(oid: string): Uint8Array {
  if (!/^[0-2](\.(0|[1-9]\d*))+$/.test(oid))
    fail('ERR_INVALID_ARGUMENT', `not a dotted OID: ${oid}`);
  const arcs = oid.split('.').map((a) => BigInt(a));
  if ((arcs[0] as bigint) < 2n && (arcs[1] as bigint) >= 40n)
    fail('ERR_INVALID_ARGUMENT', `second arc out of range: ${oid}`);
  const first = (arcs[0] as bigint) * 40n + (arcs[1] as bigint);
  const out: number[] = [];
  for (const arc of [first, ...arcs.slice(2)]) {
    const chunk: number[] = [];
    let v = arc;
    do {
      chunk.unshift(Number(v & 0x7fn));
      v >>= 7n;
    } while (v > 0n);
    for (let i = 0; i < chunk.length - 1; i++) chunk[i] = (chunk[i] as number) | 0x80;
    out.push(...chunk);
  }
  return encodeTlv(0x06, Uint8Array.from(out));
}
