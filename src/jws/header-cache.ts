/**
 * Memo of successful header checks. Every response of one device carries the same protected header
 * (alg, typ and its certificate chain), and checking it (strict and canonical JSON, base64 of each
 * certificate, certificate parsing, leaf key import) costs several times a cached path lookup. The
 * check is a pure function of the header text, the expected `typ` and the two chain limits, so its
 * result is reused only for exactly those inputs; failures are never stored, so every rejection
 * still comes from the checks themselves. @internal
 * @module
 */
import { LruCache } from '../crypto/lru.js';
import { checkHeader, type CheckedHeader } from './header.js';
import type { JwsLimits } from './types.js';

/** Distinct headers kept (one per recently seen device chain). */
const LIMIT = 256;

/** A header that passed: its decoded bytes and the check's result (private copies, never handed out). */
export interface KnownHeader {
  readonly headerBytes: Uint8Array;
  readonly checked: CheckedHeader;
}

const memo = new LruCache<string, KnownHeader>(LIMIT);

/**
 * The memo key of a header: its exact base64url text (which determines the bytes, and only the
 * canonical text decodes), the expected `typ` and the two limits the header check applies.
 * @internal
 */
export function headerMemoKey(headerSegment: string, typ: string, limits: JwsLimits): string {
  return `${typ.length}|${typ}${limits.maxChainLength}|${limits.maxCertificateBytes}|${headerSegment}`;
}

/** The header stored under `key`, if it passed before. @internal */
export function lookupHeader(key: string): KnownHeader | undefined {
  return memo.get(key);
}

function copyOf(checked: CheckedHeader): CheckedHeader {
  return { ...checked, header: { ...checked.header, x5c: [...checked.header.x5c] }, certificateChain: checked.certificateChain.map((c) => c.slice()) };
}

/**
 * {@link checkHeader} with the memo: `known` (from {@link lookupHeader} under `key`) is reused,
 * otherwise `headerBytes` are checked and, when they pass, stored. The result's arrays are always
 * the caller's own copies. @internal
 */
export function checkHeaderMemo(key: string, known: KnownHeader | undefined, headerBytes: Uint8Array, typ: string, limits: JwsLimits): CheckedHeader {
  if (known !== undefined) return copyOf(known.checked);
  const checked = checkHeader(headerBytes, typ, limits);
  memo.set(key, { headerBytes: headerBytes.slice(), checked: copyOf(checked) });
  return checked;
}

/** Empties the memo (tests and benchmarks). @internal */
export function clearHeaderMemo(): void {
  memo.clear();
}
