/**
 * Minimal DER helpers the x509 area needs beyond @peculiar/asn1-schema: a strict TLV reader used
 * to slice raw components, and the ECDSA raw-to-DER conversion used by the builder.
 * @module
 */
import { fail } from '../internal/fail.js';
import { concatBytes } from '../encoding/bytes.js';

/** One DER tag-length-value, with offsets into the buffer it was read from. @internal */
export interface Tlv {
  readonly tag: number;
  readonly start: number;
  readonly contentStart: number;
  readonly end: number;
}

/**
 * Reads one TLV at `offset` under DER rules: single-byte tags only (enough for X.509), definite
 * minimal lengths, contents within the buffer, or within `bytes[0..limit)` when `limit` is given
 * (a parent's end). Throws ERR_CERT_MALFORMED otherwise. @internal
 */
export function readTlv(
  bytes: Uint8Array,
  offset: number,
  what = 'DER',
  limit = bytes.length,
): Tlv {
  const tag = offset < limit ? bytes[offset] : undefined;
  if (tag === undefined) fail('ERR_CERT_MALFORMED', `${what}: truncated (no tag at ${offset})`);
  if ((tag & 0x1f) === 0x1f) fail('ERR_CERT_MALFORMED', `${what}: multi-byte tag at ${offset}`);
  const first = offset + 1 < limit ? bytes[offset + 1] : undefined;
  if (first === undefined)
    fail('ERR_CERT_MALFORMED', `${what}: truncated (no length at ${offset + 1})`);
  let length: number;
  let contentStart: number;
  if (first < 0x80) {
    length = first;
    contentStart = offset + 2;
  } else {
    const n = first & 0x7f;
    if (n === 0)
      fail('ERR_CERT_MALFORMED', `${what}: indefinite length at ${offset} (BER, not DER)`);
    if (n > 4) fail('ERR_CERT_MALFORMED', `${what}: length of ${n} octets at ${offset}`);
    length = 0;
    for (let i = 0; i < n; i++) {
      const b = offset + 2 + i < limit ? bytes[offset + 2 + i] : undefined;
      if (b === undefined) fail('ERR_CERT_MALFORMED', `${what}: truncated length at ${offset}`);
      if (i === 0 && b === 0)
        fail('ERR_CERT_MALFORMED', `${what}: non-minimal length at ${offset}`);
      length = length * 256 + b;
    }
    if (length < 0x80) fail('ERR_CERT_MALFORMED', `${what}: non-minimal length at ${offset}`);
    contentStart = offset + 2 + n;
  }
  const end = contentStart + length;
  if (end > limit)
    fail('ERR_CERT_MALFORMED', `${what}: length ${length} at ${offset} runs past the end`);
  return { tag, start: offset, contentStart, end };
}

/** Returns the children TLVs of a constructed TLV, which must exactly fill it. @internal */
export function readChildren(bytes: Uint8Array, parent: Tlv, what = 'DER'): Tlv[] {
  const out: Tlv[] = [];
  let offset = parent.contentStart;
  while (offset < parent.end) {
    const child = readTlv(bytes, offset, what, parent.end);
    out.push(child);
    offset = child.end;
  }
  return out;
}

/** Encodes a DER length. @internal */
export function encodeLength(length: number): Uint8Array {
  if (length < 0x80) return Uint8Array.of(length);
  const out: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) out.unshift(n & 0xff);
  return Uint8Array.of(0x80 | out.length, ...out);
}

/** Encodes a TLV from a tag and contents. @internal */
export function encodeTlv(tag: number, contents: Uint8Array): Uint8Array {
  return concatBytes(Uint8Array.of(tag), encodeLength(contents.length), contents);
}

/** Minimal two's-complement positive INTEGER contents from unsigned big-endian bytes. */
function unsignedIntegerContents(bytes: Uint8Array): Uint8Array {
  let i = 0;
  while (i < bytes.length - 1 && bytes[i] === 0) i++;
  const trimmed = bytes.subarray(i);
  return (trimmed[0] as number) & 0x80 ? concatBytes(Uint8Array.of(0), trimmed) : trimmed;
}

/**
 * Converts a raw ECDSA signature r‖s (each half the curve's field size) to a DER ECDSA-Sig-Value.
 * @internal
 */
export function ecdsaRawToDer(raw: Uint8Array): Uint8Array {
  if (raw.length === 0 || raw.length % 2 !== 0)
    fail('ERR_INVALID_SIGNATURE_ENCODING', `raw ECDSA signature of odd length ${raw.length}`);
  const half = raw.length / 2;
  const r = encodeTlv(0x02, unsignedIntegerContents(raw.subarray(0, half)));
  const s = encodeTlv(0x02, unsignedIntegerContents(raw.subarray(half)));
  return encodeTlv(0x30, concatBytes(r, s));
}

/** Reads the single TLV that fills `bytes` exactly, with the expected tag. @internal */
export function readSingle(bytes: Uint8Array, tag: number, what: string): Tlv {
  const tlv = readTlv(bytes, 0, what);
  if (tlv.tag !== tag)
    fail(
      'ERR_CERT_MALFORMED',
      `${what}: expected tag 0x${tag.toString(16)}, got 0x${tlv.tag.toString(16)}`,
    );
  if (tlv.end !== bytes.length) fail('ERR_CERT_MALFORMED', `${what}: trailing bytes`);
  return tlv;
}

/** Contents of a TLV. @internal */
export function contentsOf(bytes: Uint8Array, tlv: Tlv): Uint8Array {
  return bytes.subarray(tlv.contentStart, tlv.end);
}

/** Decodes a DER BOOLEAN (one octet, 0x00 or 0xFF). @internal */
export function decodeBoolean(bytes: Uint8Array, tlv: Tlv, what: string): boolean {
  const c = contentsOf(bytes, tlv);
  if (tlv.tag !== 0x01 || c.length !== 1 || (c[0] !== 0 && c[0] !== 0xff))
    fail('ERR_CERT_MALFORMED', `${what}: not a DER BOOLEAN`);
  return c[0] === 0xff;
}

/** Checks DER INTEGER contents are minimal (no redundant leading 0x00/0xFF) and returns them. @internal */
export function integerContents(bytes: Uint8Array, tlv: Tlv, what: string): Uint8Array {
  const c = contentsOf(bytes, tlv);
  if (c.length === 0) fail('ERR_CERT_MALFORMED', `${what}: empty INTEGER`);
  if (
    c.length > 1 &&
    ((c[0] === 0 && ((c[1] as number) & 0x80) === 0) ||
      (c[0] === 0xff && ((c[1] as number) & 0x80) !== 0))
  ) {
    fail('ERR_CERT_MALFORMED', `${what}: non-minimal INTEGER`);
  }
  return c;
}

/** Decodes a DER non-negative INTEGER (or ENUMERATED with `tag`) below 2^31. @internal */
export function decodeSmallInteger(bytes: Uint8Array, tlv: Tlv, what: string, tag = 0x02): number {
  if (tlv.tag !== tag) fail('ERR_CERT_MALFORMED', `${what}: expected tag 0x${tag.toString(16)}`);
  const c = integerContents(bytes, tlv, what);
  if (((c[0] as number) & 0x80) !== 0) fail('ERR_CERT_MALFORMED', `${what}: negative integer`);
  if (c.length > 4 && !(c.length === 5 && c[0] === 0))
    fail('ERR_CERT_MALFORMED', `${what}: integer out of range`);
  let n = 0;
  for (const b of c) n = n * 256 + b;
  if (n > 0x7fffffff) fail('ERR_CERT_MALFORMED', `${what}: integer out of range`);
  return n;
}

/** Compares two byte strings as DER SET OF ordering does (shorter prefix first). @internal */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return (a[i] as number) - (b[i] as number);
  return a.length - b.length;
}

/**
 * Walks every TLV nested in `bytes` (which must be exactly one TLV) and checks the DER rules a
 * schema-driven decoder does not see: BOOLEAN is `00` or `FF`, INTEGER and ENUMERATED are
 * minimal, BIT STRING padding bits are zero, NULL is empty, and universal string and primitive
 * types never use the constructed form. Lengths are checked by {@link readTlv}. @internal
 */
export function assertDer(bytes: Uint8Array, what: string): void {
  const top = readTlv(bytes, 0, what);
  if (top.end !== bytes.length) fail('ERR_CERT_MALFORMED', `${what}: trailing bytes`);
  const stack: Tlv[] = [top];
  let budget = 20_000;
  while (stack.length > 0) {
    const t = stack.pop() as Tlv;
    if (--budget < 0) fail('ERR_CERT_MALFORMED', `${what}: too many nested elements`);
    // Contents are read in place (bytes[s..t.end)): no view is allocated per element.
    const s = t.contentStart;
    const len = t.end - s;
    const constructed = (t.tag & 0x20) !== 0;
    const universal = (t.tag & 0xc0) === 0;
    if (constructed) {
      if (universal && t.tag !== 0x30 && t.tag !== 0x31)
        fail(
          'ERR_CERT_MALFORMED',
          `${what}: constructed encoding of universal tag ${t.tag & 0x1f} (BER, not DER)`,
        );
      for (const child of readChildren(bytes, t, what)) stack.push(child);
      continue;
    }
    if (!universal) continue;
    switch (t.tag) {
      case 0x01:
        if (len !== 1 || (bytes[s] !== 0 && bytes[s] !== 0xff))
          fail('ERR_CERT_MALFORMED', `${what}: BOOLEAN is not 00 or FF`);
        break;
      case 0x02:
      case 0x0a:
        if (
          len === 0 ||
          (len > 1 &&
            ((bytes[s] === 0 && ((bytes[s + 1] as number) & 0x80) === 0) ||
              (bytes[s] === 0xff && ((bytes[s + 1] as number) & 0x80) !== 0)))
        ) {
          fail('ERR_CERT_MALFORMED', `${what}: INTEGER is not minimal`);
        }
        break;
      case 0x03: {
        const unused = len > 0 ? (bytes[s] as number) : undefined;
        if (unused === undefined || unused > 7 || (len === 1 && unused !== 0))
          fail('ERR_CERT_MALFORMED', `${what}: malformed BIT STRING`);
        if (len > 1 && ((bytes[t.end - 1] as number) & ((1 << unused) - 1)) !== 0)
          fail('ERR_CERT_MALFORMED', `${what}: BIT STRING padding bits are not zero`);
        break;
      }
      case 0x05:
        if (len !== 0) fail('ERR_CERT_MALFORMED', `${what}: NULL with contents`);
        break;
      default:
        break;
    }
  }
}
