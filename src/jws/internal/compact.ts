/** Splitting and decoding of the JWS Compact Serialization (spec/jws.md §1). @module */
import { isJitsuinError } from '../../errors.js';
import { fail } from '../../internal/fail.js';
import { base64urlDecode } from '../../encoding/base64url.js';
import type { JwsLimits } from '../types.js';

/** The three segments of a token, as text and as decoded bytes. @internal */
export interface CompactParts {
  readonly headerSegment: string;
  readonly payloadSegment: string;
  readonly headerBytes: Uint8Array;
  readonly payloadBytes: Uint8Array;
  readonly signature: Uint8Array;
}

function decodeSegment(text: string, which: string): Uint8Array {
  try {
    return base64urlDecode(text, `JWS ${which} segment`);
  } catch (e) {
    const detail = isJitsuinError(e) ? e.message : 'not base64url';
    return fail(
      'ERR_JWS_MALFORMED',
      `${detail} (each segment must be strict base64url)`,
      'JWS-03',
      e,
    );
  }
}

/**
 * Steps 2–7 of the verification algorithm (spec/jws.md §9). `knownHeader` may supply the bytes of
 * a header segment that decoded before (the same text always decodes to the same bytes), which
 * spares decoding it again; every other step, the header size limit included, runs as usual.
 * @internal
 */
export function splitCompact(
  token: unknown,
  limits: JwsLimits,
  knownHeader?: (headerSegment: string) => Uint8Array | undefined,
): CompactParts {
  if (typeof token !== 'string') fail('ERR_JWS_MALFORMED', 'JWS: token must be a string', 'JWS-01');
  if (token.length > limits.maxTokenLength) {
    fail(
      'ERR_INPUT_TOO_LARGE',
      `JWS: token of ${token.length} characters exceeds maxTokenLength ${limits.maxTokenLength}`,
      'JWS-23',
    );
  }
  if (token.startsWith('{'))
    fail('ERR_JWS_MALFORMED', 'JWS: JSON Serialization is not accepted, only Compact', 'JWS-02');
  const segments = token.split('.');
  if (segments.length !== 3)
    fail('ERR_JWS_MALFORMED', `JWS: ${segments.length} segments, expected exactly 3`, 'JWS-01');
  const [headerSegment, payloadSegment, signatureSegment] = segments as [string, string, string];
  if (payloadSegment.length === 0)
    fail(
      'ERR_JWS_MALFORMED',
      'JWS: empty payload segment (detached content is not supported)',
      'JWS-04',
    );
  const headerBytes = knownHeader?.(headerSegment) ?? decodeSegment(headerSegment, 'header');
  const payloadBytes = decodeSegment(payloadSegment, 'payload');
  const signature = decodeSegment(signatureSegment, 'signature');
  if (headerBytes.length > limits.maxHeaderBytes) {
    fail(
      'ERR_INPUT_TOO_LARGE',
      `JWS: header of ${headerBytes.length} bytes exceeds maxHeaderBytes ${limits.maxHeaderBytes}`,
      'JWS-24',
    );
  }
  if (payloadBytes.length > limits.maxPayloadBytes) {
    fail(
      'ERR_INPUT_TOO_LARGE',
      `JWS: payload of ${payloadBytes.length} bytes exceeds maxPayloadBytes ${limits.maxPayloadBytes}`,
      'JWS-25',
    );
  }
  return { headerSegment, payloadSegment, headerBytes, payloadBytes, signature };
}
