/**
 * The steps of JWS verification that the verifier (`verify.ts`) and the producer's self-check
 * (`sign.ts`) share: everything up to the signature, and the payload parse.
 * @module
 */
import { isJitsuinError } from '../../errors.js';
import { fail } from '../../internal/fail.js';
import type { JsonObject } from '../../encoding/json-value.js';
import { verifyEcdsa } from '../../crypto/ecdsa-verify.js';
import { parseRawSignature } from '../../crypto/ecdsa-signature.js';
import { parseCanonicalObject } from './canonical-json.js';
import { splitCompact } from './compact.js';
import type { CheckedHeader } from './header.js';
import { checkHeaderMemo, headerMemoKey, lookupHeader, type KnownHeader } from './header-cache.js';
import type { JwsLimits } from '../types.js';

const ASCII = new TextEncoder();

/** A token whose signature verified under its leaf key; the payload is not parsed yet. */
export interface SignatureCheckedJws extends CheckedHeader {
  readonly payloadBytes: Uint8Array;
}

/**
 * Steps 2–14 of spec/jws.md §9: structure, header, `x5c`, signature. Shared by the verifier and by
 * the producer's self-check ([JWS-33]).
 */
export async function verifyUpToSignature(
  token: unknown,
  typ: string,
  limits: JwsLimits,
): Promise<SignatureCheckedJws> {
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
    fail(
      'ERR_INVALID_SIGNATURE_ENCODING',
      `JWS signature: ${detail} (ES256 carries 64-byte raw r||s, never DER)`,
      'JWS-17',
      e,
    );
  }
  // The segments are pure base64url text here (splitCompact decoded them), so this is ASCII and
  // needs none of utf8Encode's lone-surrogate scan. A known header's part is encoded already.
  const signingInput =
    known === undefined
      ? ASCII.encode(`${parts.headerSegment}.${parts.payloadSegment}`)
      : withPrefix(known.signingPrefix, parts.payloadSegment);
  try {
    await verifyEcdsa(checked.leafKey, signingInput, parts.signature, {
      format: 'raw',
      hash: 'SHA-256',
    });
  } catch (e) {
    if (isJitsuinError(e, 'ERR_SIGNATURE_INVALID'))
      fail(
        'ERR_SIGNATURE_INVALID',
        'JWS signature does not verify under the x5c leaf key',
        'JWS-18',
        e,
      );
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

/** Parses the payload bytes (step 16 of spec/jws.md §9). */
export function parsePayload(bytes: Uint8Array): JsonObject {
  return parseCanonicalObject(bytes, 'JWS payload', 'ERR_JWS_PAYLOAD', {
    strict: 'JWS-21',
    object: 'JWS-22',
    canonical: 'JWS-21',
  });
}
