/**
 * A minimal strict DER reader and writer for the few structures the crypto layer parses itself
 * (ECDSA-Sig-Value, SubjectPublicKeyInfo, RSAPublicKey). It accepts only definite, minimally
 * encoded lengths and single-byte tags, which is all these structures use.
 * @module
 */
import { fail } from '../../internal/fail.js';
import type { ErrorCode } from '../../errors.js';

/** One decoded TLV: its tag byte, its content, and the offset just past it. */
export interface Tlv {
  readonly tag: number;
  readonly content: Uint8Array;
  readonly end: number;
}

/** Where a failure is reported: the error code and requirement id of the structure being read. */
export interface DerContext {
  readonly code: ErrorCode;
  readonly requirement: string;
  readonly what: string;
}

/** Reads one TLV at `offset` of `bytes` under strict DER length rules. */
export function readTlv(bytes: Uint8Array, offset: number, ctx: DerContext): Tlv {
  const bad = (msg: string): never =>
    fail(ctx.code, `${ctx.what}: ${msg} at offset ${offset}`, ctx.requirement);
  if (offset + 2 > bytes.length) bad('truncated TLV header');
  const tag = bytes[offset] as number;
  if ((tag & 0x1f) === 0x1f) bad('multi-byte tag');
  let pos = offset + 1;
  const first = bytes[pos++] as number;
  let length: number;
  if (first < 0x80) {
    length = first;
  } else if (first === 0x80) {
    return bad('indefinite length (BER, not DER)');
  } else {
    const n = first & 0x7f;
    if (n > 3) bad(`length of length ${n} is too large`);
    if (pos + n > bytes.length) bad('truncated length');
    if (bytes[pos] === 0) bad('non-minimal long-form length (leading zero)');
    length = 0;
    for (let i = 0; i < n; i++) length = length * 256 + (bytes[pos++] as number);
    if (length < 0x80) bad('long-form length used for a length below 128');
  }
  if (pos + length > bytes.length) bad(`length ${length} runs past the end`);
  return { tag, content: bytes.subarray(pos, pos + length), end: pos + length };
}

/** Reads one TLV that must have tag `tag`. */
export function expectTlv(
  bytes: Uint8Array,
  offset: number,
  tag: number,
  ctx: DerContext,
  name: string,
): Tlv {
  const tlv = readTlv(bytes, offset, ctx);
  if (tlv.tag !== tag) {
    fail(
      ctx.code,
      `${ctx.what}: expected ${name} (tag 0x${tag.toString(16).padStart(2, '0')}) but found tag 0x${tlv.tag.toString(16).padStart(2, '0')} at offset ${offset}`,
      ctx.requirement,
    );
  }
  return tlv;
}

/** Checks that the content of an INTEGER is minimal and positive (or zero); returns its magnitude bytes without sign padding. */
export function positiveIntegerContent(
  content: Uint8Array,
  ctx: DerContext,
  name: string,
): Uint8Array {
  if (content.length === 0)
    fail(ctx.code, `${ctx.what}: ${name} is an empty INTEGER`, ctx.requirement);
  const b0 = content[0] as number;
  if (b0 & 0x80) fail(ctx.code, `${ctx.what}: ${name} is negative`, ctx.requirement);
  if (content.length > 1 && b0 === 0 && ((content[1] as number) & 0x80) === 0) {
    fail(ctx.code, `${ctx.what}: ${name} has a superfluous leading zero byte`, ctx.requirement);
  }
  return b0 === 0 && content.length > 1 ? content.subarray(1) : content;
}

/** Encodes a DER length. */
function encodeLength(length: number): Uint8Array {
  if (length < 0x80) return Uint8Array.of(length);
  const out: number[] = [];
  for (let l = length; l > 0; l = Math.floor(l / 256)) out.unshift(l & 0xff);
  return Uint8Array.from([0x80 | out.length, ...out]);
}

/** Encodes one TLV. */
export function encodeTlv(tag: number, content: Uint8Array): Uint8Array {
  const len = encodeLength(content.length);
  const out = new Uint8Array(1 + len.length + content.length);
  out[0] = tag;
  out.set(len, 1);
  out.set(content, 1 + len.length);
  return out;
}

/** Encodes a non-negative INTEGER from big-endian magnitude bytes (leading zeros stripped, sign byte added when needed). */
export function encodeUnsignedInteger(magnitude: Uint8Array): Uint8Array {
  let i = 0;
  while (i < magnitude.length - 1 && magnitude[i] === 0) i++;
  let body = magnitude.subarray(i);
  if (body.length === 0) body = Uint8Array.of(0);
  if ((body[0] as number) & 0x80) {
    const padded = new Uint8Array(body.length + 1);
    padded.set(body, 1);
    body = padded;
  }
  return encodeTlv(0x02, body);
}

/** Decodes the dotted form of an OBJECT IDENTIFIER's content octets (strict: minimal sub-identifiers). */
export function decodeOid(content: Uint8Array, ctx: DerContext): string {
  if (content.length === 0) fail(ctx.code, `${ctx.what}: empty OBJECT IDENTIFIER`, ctx.requirement);
  const arcs: number[] = [];
  let value = 0;
  let start = true;
  for (let i = 0; i < content.length; i++) {
    const b = content[i] as number;
    if (start && b === 0x80)
      fail(ctx.code, `${ctx.what}: non-minimal OBJECT IDENTIFIER arc`, ctx.requirement);
    if (value > 0x1ffffffffffff)
      fail(ctx.code, `${ctx.what}: OBJECT IDENTIFIER arc too large`, ctx.requirement);
    value = value * 128 + (b & 0x7f);
    start = (b & 0x80) === 0;
    if (start) {
      arcs.push(value);
      value = 0;
    }
  }
  if (!start) fail(ctx.code, `${ctx.what}: truncated OBJECT IDENTIFIER`, ctx.requirement);
  const first = arcs[0] as number;
  const head = first < 40 ? [0, first] : first < 80 ? [1, first - 40] : [2, first - 80];
  return [...head, ...arcs.slice(1)].join('.');
}
