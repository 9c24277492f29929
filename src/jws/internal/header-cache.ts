/**
 * Memo of successful header checks. Every response of one device carries the same protected header
 * (alg, typ and its certificate chain), and checking it (strict and canonical JSON, base64 of each
 * certificate, certificate parsing, leaf key import) costs several times a cached path lookup. The
 * check is a pure function of the header text, the expected `typ` and the two chain limits, so its
 * result is reused only for exactly those inputs; failures are never stored, so every rejection
 * still comes from the checks themselves.
 * @module
 */
import { LruCache } from '../../crypto/internal/lru.js';
import { checkHeader, type CheckedHeader } from './header.js';
import type { JwsLimits } from '../types.js';

/** Distinct headers kept (one per recently seen device chain). */
const LIMIT = 256;

/** A header that passed: its text, decoded bytes and the check's result (private copies, never handed out). */
export interface KnownHeader {
  /** The exact header segment; a lookup hits only for this text. */
  readonly segment: string;
  readonly headerBytes: Uint8Array;
  /** ASCII of the segment and the `.` that follows it: the start of every signing input under this header. */
  readonly signingPrefix: Uint8Array;
  readonly checked: CheckedHeader;
}

const ASCII = new TextEncoder();

const memo = new LruCache<string, KnownHeader>(LIMIT);

/** Headers up to this many characters are keyed by their whole text. */
const WHOLE_KEY_CHARS = 512;

/**
 * The memo key of a header: the expected `typ`, the two limits the header check applies, and the
 * header segment's length with a sample of its text (its first 128 characters, then 16 at each of
 * 16 evenly spaced places and at the end) instead of all of it, which would have to be hashed
 * anew for every response (kilobytes of x5c). The sample only picks the entry: a lookup hits when
 * the entry's whole segment equals this one ({@link lookupHeader}), and only the canonical text
 * decodes, so the segment determines the bytes. Two headers that share a sample take turns in one
 * slot: a miss, never a wrong hit. @internal
 */
export function headerMemoKey(headerSegment: string, typ: string, limits: JwsLimits): string {
  const config = `${typ.length}|${typ}${limits.maxChainLength}|${limits.maxCertificateBytes}|`;
  const n = headerSegment.length;
  if (n <= WHOLE_KEY_CHARS) return `${config}${headerSegment}`;
  let sample = `${config}${n}|${headerSegment.slice(0, 128)}`;
  const step = Math.floor((n - 144) / 16);
  for (let at = 128; at < n - 16; at += step) sample += headerSegment.slice(at, at + 16);
  return sample + headerSegment.slice(n - 16);
}

/** The header stored under `key`, if it passed before and is exactly `headerSegment`. @internal */
export function lookupHeader(key: string, headerSegment: string): KnownHeader | undefined {
  const known = memo.get(key);
  return known !== undefined && known.segment === headerSegment ? known : undefined;
}

function copyOf(checked: CheckedHeader): CheckedHeader {
  return {
    ...checked,
    header: { ...checked.header, x5c: [...checked.header.x5c] },
    certificateChain: checked.certificateChain.map((c) => c.slice()),
  };
}

/**
 * {@link checkHeader} with the memo: `known` (from {@link lookupHeader} under `key`) is reused,
 * otherwise `headerBytes` are checked and, when they pass, stored. The result's arrays are always
 * the caller's own copies. @internal
 */
export function checkHeaderMemo(
  key: string,
  known: KnownHeader | undefined,
  headerBytes: Uint8Array,
  headerSegment: string,
  typ: string,
  limits: JwsLimits,
): CheckedHeader {
  if (known !== undefined) return copyOf(known.checked);
  const checked = checkHeader(headerBytes, typ, limits);
  memo.set(key, {
    segment: headerSegment,
    headerBytes: headerBytes.slice(),
    signingPrefix: ASCII.encode(`${headerSegment}.`),
    checked: copyOf(checked),
  });
  return checked;
}

/** Empties the memo (tests and benchmarks). @internal */
export function clearHeaderMemo(): void {
  memo.clear();
}
