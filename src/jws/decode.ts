/** Decoding without verification, for debugging and diagnostics only. @module */
import { isJitsuinError } from '../errors.js';
import { fail } from '../internal/fail.js';
import { utf8Encode } from '../encoding/utf8.js';
import type { JsonValue } from '../encoding/json-value.js';
import { parseStrict } from '../encoding/parse.js';
import { isJsonObject } from './internal/canonical-json.js';
import { splitCompact } from './internal/compact.js';
import { DEFAULT_JWS_LIMITS, type UnverifiedJws } from './types.js';

/**
 * Splits and decodes a token WITHOUT verifying anything: no signature, no `alg`, no `typ`, no
 * chain. For logs and debugging only; never act on what it returns. The header must be a strict
 * JSON object; a payload that is not strict JSON is returned as `undefined`.
 *
 * @throws JitsuinError ERR_JWS_MALFORMED / ERR_INPUT_TOO_LARGE for the structure,
 *   ERR_JWS_HEADER_INVALID when the header is not a strict JSON object.
 */
export function decodeJwsUnverified(token: string): UnverifiedJws {
  const parts = splitCompact(token, DEFAULT_JWS_LIMITS);
  let header: JsonValue;
  try {
    header = parseStrict(parts.headerBytes);
  } catch (e) {
    return fail(
      'ERR_JWS_HEADER_INVALID',
      `JWS header: ${isJitsuinError(e) ? e.message : 'not strict JSON'}`,
      'JWS-05',
      e,
    );
  }
  if (!isJsonObject(header))
    fail('ERR_JWS_HEADER_INVALID', 'JWS header: not a JSON object', 'JWS-05');
  let payload: JsonValue | undefined;
  try {
    payload = parseStrict(parts.payloadBytes);
  } catch {
    payload = undefined;
  }
  return {
    header,
    payload,
    signature: parts.signature,
    signingInput: utf8Encode(`${parts.headerSegment}.${parts.payloadSegment}`),
  };
}
