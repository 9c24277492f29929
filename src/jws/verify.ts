/** JWS verification: the algorithm of spec/jws.md §9. @module */
import { fail, isJitsuinError } from '../errors.js';
import type { JsonObject } from '../encoding/json-value.js';
import { verifyEcdsa } from '../crypto/ecdsa-verify.js';
import { parseRawSignature } from '../crypto/ecdsa-signature.js';
import { parseCanonicalObject } from './canonical-json.js';
import { splitCompact } from './compact.js';
import type { CheckedHeader } from './header.js';
import { checkHeaderMemo, headerMemoKey, lookupHeader, type KnownHeader } from './header-cache.js';
import { resolveLimits } from './limits.js';
import { assertTypGrammar } from './typ.js';
import type { JwsLimits, VerifiedJws, VerifyJwsOptions, VerifyJwsWithChainOptions, VerifyJwsWithoutChainOptions } from './types.js';

const ASCII = new TextEncoder();

/** A token whose signature verified under its leaf key; the payload is not parsed yet. @internal */
export interface SignatureCheckedJws extends CheckedHeader {
  readonly payloadBytes: Uint8Array;
}

/**
 * Steps 2–14 of spec/jws.md §9: structure, header, `x5c`, signature. Shared by the verifier and by
 * the producer's self-check ([JWS-33]). @internal
 */
export async function verifyUpToSignature(token: unknown, typ: string, limits: JwsLimits): Promise<SignatureCheckedJws> {
  let key = '';
  let known: KnownHeader | undefined;
  const parts = splitCompact(token, limits, (segment) => {
    key = headerMemoKey(segment, typ, limits);
    known = lookupHeader(key, segment);
    return known?.headerBytes;
  });
  const checked = checkHeaderMemo(key, known, parts.headerBytes, parts.headerSegment, typ, limits);
  try {
    parseRawSignature(parts.signature, 'P-256');
  } catch (e) {
    const detail = isJitsuinError(e) ? e.message : 'not raw r||s';
    fail('ERR_INVALID_SIGNATURE_ENCODING', `JWS signature: ${detail} (ES256 carries 64-byte raw r||s, never DER)`, 'JWS-17', e);
  }
  // The segments are pure base64url text here (splitCompact decoded them), so this is ASCII and
  // needs none of utf8Encode's lone-surrogate scan. A known header's part is encoded already.
  const signingInput = known === undefined ? ASCII.encode(`${parts.headerSegment}.${parts.payloadSegment}`) : withPrefix(known.signingPrefix, parts.payloadSegment);
  try {
    await verifyEcdsa(checked.leafKey, signingInput, parts.signature, { format: 'raw', hash: 'SHA-256' });
  } catch (e) {
    if (isJitsuinError(e, 'ERR_SIGNATURE_INVALID')) fail('ERR_SIGNATURE_INVALID', 'JWS signature does not verify under the x5c leaf key', 'JWS-18', e);
    throw e;
  }
  return { ...checked, payloadBytes: parts.payloadBytes };
}

/** `prefix` followed by the ASCII text `rest`. */
function withPrefix(prefix: Uint8Array, rest: string): Uint8Array {
  const out = new Uint8Array(prefix.length + rest.length);
  out.set(prefix);
  ASCII.encodeInto(rest, out.subarray(prefix.length));
  return out;
}

/** Parses the payload bytes (step 16 of spec/jws.md §9). @internal */
export function parsePayload(bytes: Uint8Array): JsonObject {
  return parseCanonicalObject(bytes, 'JWS payload', 'ERR_JWS_PAYLOAD', { strict: 'JWS-21', object: 'JWS-22', canonical: 'JWS-21' });
}

function hasValidator<T>(options: VerifyJwsOptions<T>): options is VerifyJwsWithChainOptions<T> {
  return typeof (options as Partial<VerifyJwsWithChainOptions<T>>).validateChain === 'function';
}

/**
 * Verifies a jitsuin JWS (spec/jws.md §9): Compact form, canonical header with exactly `alg`
 * ES256, the expected `typ` and `x5c`; a raw ES256 signature under the `x5c` leaf key; then the
 * caller's chain validator; and only then the payload, which must be a canonical JSON object.
 *
 * Pass `validateChain` (RFC 5280 path validation against your trust anchors) in every real use.
 * `allowUnvalidatedChain: true` skips it and exists for tests and vectors only.
 *
 * @throws JitsuinError with the code of the first rule the token breaks, in the order of
 *   spec/jws.md §9; errors thrown by `validateChain` propagate unchanged.
 */
export async function verifyJws<T = undefined>(token: string, options: VerifyJwsWithChainOptions<T>): Promise<VerifiedJws<T>>;
/** Verifies a jitsuin JWS without chain validation: only for tests, vectors and debugging. */
export async function verifyJws(token: string, options: VerifyJwsWithoutChainOptions): Promise<VerifiedJws<undefined>>;
export async function verifyJws<T>(token: string, options: VerifyJwsOptions<T>): Promise<VerifiedJws<T>> {
  if (typeof options !== 'object' || options === null) fail('ERR_INVALID_ARGUMENT', 'verifyJws: options are required', 'JWS-16');
  assertTypGrammar(options.typ, 'verifyJws', 'JWS-16');
  const validate = hasValidator(options) ? options.validateChain : undefined;
  if (validate === undefined && (options as Partial<VerifyJwsWithoutChainOptions>).allowUnvalidatedChain !== true) {
    fail('ERR_INVALID_ARGUMENT', 'verifyJws: pass validateChain (RFC 5280 path validation), or allowUnvalidatedChain: true in tests', 'JWS-28');
  }
  const limits = resolveLimits(options.limits);
  const checked = await verifyUpToSignature(token, options.typ, limits);
  // The hook runs only for a chain whose leaf key made this token ([JWS-29]).
  const chain = validate === undefined ? undefined : await validate(checked.certificateChain.map((c) => c.slice()));
  const payload = parsePayload(checked.payloadBytes);
  return { header: checked.header, payload, certificateChain: checked.certificateChain, leaf: checked.leaf, chain };
}
