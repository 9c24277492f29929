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
const memo = new LruCache<string, CheckedHeader>(LIMIT);

/**
 * {@link checkHeader} of `headerBytes`, the strict base64url decoding of `headerSegment` (the text
 * determines the bytes, and only the canonical text decodes, so the text keys them exactly). The
 * result's arrays are the caller's own copies. @internal
 */
export function checkHeaderMemo(headerSegment: string, headerBytes: Uint8Array, typ: string, limits: JwsLimits): CheckedHeader {
  const key = `${typ.length}|${typ}${limits.maxChainLength}|${limits.maxCertificateBytes}|${headerSegment}`;
  let checked = memo.get(key);
  if (checked === undefined) {
    checked = checkHeader(headerBytes, typ, limits);
    // Keep private copies: the caller receives (and may change) the arrays of what is returned.
    memo.set(key, { ...checked, header: { ...checked.header, x5c: [...checked.header.x5c] }, certificateChain: checked.certificateChain.map((c) => c.slice()) });
    return checked;
  }
  return { ...checked, header: { ...checked.header, x5c: [...checked.header.x5c] }, certificateChain: checked.certificateChain.map((c) => c.slice()) };
}

/** Empties the memo (tests and benchmarks). @internal */
export function clearHeaderMemo(): void {
  memo.clear();
}
