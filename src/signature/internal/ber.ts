/**
 * A bounded BER reader for the outer CMS structures (RFC 5652 permits BER there, and streaming
 * signers write indefinite lengths), and a strict DER check for what a signature covers (the
 * signed attributes, SIG-06). Single-byte tags only; depth and size are bounded.
 * @module
 */
import { type ErrorCode } from '../../errors.js';
import { fail } from '../../internal/fail.js';

/** One element: its tag, where its contents are, where it ends (after an end-of-contents for indefinite lengths). */
export interface BerNode {
  readonly tag: number;
  readonly start: number;
  readonly contentStart: number;
  /** End of the contents (before the end-of-contents octets when `indefinite`). */
  readonly contentEnd: number;
  /** End of the whole element. */
  readonly end: number;
  readonly indefinite: boolean;
}

/** Where a failure is reported. */
export interface BerContext {
  readonly code: ErrorCode;
  readonly requirement: string;
  readonly what: string;
}

const MAX_DEPTH = 32;

/** Reads the element at `offset`, not past `limit`. Indefinite lengths only on constructed elements. */
export function readBer(
  bytes: Uint8Array,
  offset: number,
  limit: number,
  ctx: BerContext,
  depth = 0,
): BerNode {
  const bad = (msg: string): never =>
    fail(ctx.code, `${ctx.what}: ${msg} at offset ${offset}`, ctx.requirement);
  if (depth > MAX_DEPTH) bad('nesting too deep');
  if (offset + 2 > limit) bad('truncated element');
  const tag = bytes[offset] as number;
  if ((tag & 0x1f) === 0x1f) bad('multi-byte tag');
  const first = bytes[offset + 1] as number;
  if (first === 0x80) {
    if ((tag & 0x20) === 0) bad('indefinite length on a primitive element');
    let pos = offset + 2;
    for (;;) {
      if (pos + 2 > limit) bad('indefinite length without end-of-contents');
      if (bytes[pos] === 0 && bytes[pos + 1] === 0)
        return {
          tag,
          start: offset,
          contentStart: offset + 2,
          contentEnd: pos,
          end: pos + 2,
          indefinite: true,
        };
      pos = readBer(bytes, pos, limit, ctx, depth + 1).end;
    }
  }
  let length = first;
  let pos = offset + 2;
  if (first > 0x80) {
    const n = first & 0x7f;
    if (n > 4) bad(`length of ${n} octets`);
    if (pos + n > limit) bad('truncated length');
    length = 0;
    for (let i = 0; i < n; i++) length = length * 256 + (bytes[pos + i] as number);
    pos += n;
  }
  if (pos + length > limit) bad(`length ${length} runs past the end`);
  return {
    tag,
    start: offset,
    contentStart: pos,
    contentEnd: pos + length,
    end: pos + length,
    indefinite: false,
  };
}

/** The children of a constructed element. */
export function berChildren(bytes: Uint8Array, node: BerNode, ctx: BerContext): BerNode[] {
  if ((node.tag & 0x20) === 0)
    fail(
      ctx.code,
      `${ctx.what}: expected a constructed element at offset ${node.start}`,
      ctx.requirement,
    );
  const out: BerNode[] = [];
  for (let pos = node.contentStart; pos < node.contentEnd;) {
    const c = readBer(bytes, pos, node.contentEnd, ctx);
    out.push(c);
    pos = c.end;
  }
  return out;
}

/** The contents of a primitive element, or the concatenated segments of a constructed OCTET STRING (BER). */
export function octetStringValue(bytes: Uint8Array, node: BerNode, ctx: BerContext): Uint8Array {
  if (node.tag === 0x04) return bytes.slice(node.contentStart, node.contentEnd);
  if (node.tag !== 0x24)
    fail(
      ctx.code,
      `${ctx.what}: expected an OCTET STRING at offset ${node.start}`,
      ctx.requirement,
    );
  const parts = berChildren(bytes, node, ctx).map((c) => octetStringValue(bytes, c, ctx));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return (a[i] as number) - (b[i] as number);
  return a.length - b.length;
}

/** X.690 §11.6 order of SET OF elements: ascending by their encodings, the shorter one first when one is a prefix. */
export function derSetOrder(a: Uint8Array, b: Uint8Array): number {
  return compareBytes(a, b);
}

/**
 * Checks that `bytes[node]` is DER throughout: definite minimal lengths at every level. SET OF
 * order is checked by the caller where it matters (the attribute SET, SIG-06).
 */
export function assertDer(bytes: Uint8Array, node: BerNode, ctx: BerContext, depth = 0): void {
  const bad = (msg: string): never =>
    fail(ctx.code, `${ctx.what}: ${msg} at offset ${node.start} (not DER)`, ctx.requirement);
  if (depth > MAX_DEPTH) bad('nesting too deep');
  if (node.indefinite) bad('indefinite length');
  const length = node.contentEnd - node.contentStart;
  const lengthOctets = node.contentStart - node.start - 1;
  const minimal = length < 0x80 ? 1 : 1 + Math.ceil(Math.log2(length + 1) / 8);
  if (lengthOctets !== minimal) bad('non-minimal length');
  if ((node.tag & 0x20) !== 0)
    for (const c of berChildren(bytes, node, ctx)) assertDer(bytes, c, ctx, depth + 1);
}
