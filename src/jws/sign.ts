/** JWS production (spec/jws.md §8). @module */
import { isJitsuinError } from '../errors.js';
import { fail } from '../internal/fail.js';
import { base64urlEncode } from '../encoding/base64url.js';
import { canonicalizeToBytes } from '../encoding/canonicalize.js';
import { utf8Encode } from '../encoding/utf8.js';
import type { JsonValue } from '../encoding/json-value.js';
import {
  derToRawSignature,
  ecdsaSignatureReadings,
  parseRawSignature,
} from '../crypto/ecdsa-signature.js';
import { base64Encode } from '../internal/base64.js';
import { isJsonObject } from './internal/canonical-json.js';
import { splitCompact } from './internal/compact.js';
import {
  checkHeaderMemo,
  headerMemoKey,
  lookupHeader,
  type KnownHeader,
} from './internal/header-cache.js';
import { resolveLimits } from './internal/limits.js';
import { assertTypGrammar } from './typ.js';
import type { JwsLimits, JwsSignerSignature, SignJwsOptions } from './types.js';
import { parsePayload, verifyUpToSignature } from './internal/signature-check.js';

/**
 * Produces a jitsuin JWS: header `{"alg":"ES256","typ":…,"x5c":[…]}` and payload in canonical
 * form, the signer's output converted to raw r‖s when it is DER (strict DER; high-S kept as is).
 * The signer may declare its encoding (`{ format: 'der' | 'raw', signature }`); see `JwsSigner`.
 *
 * Before returning, the finished token goes through the verifier's checks up to and including the
 * signature under the leaf key ([JWS-33]), so a signer key that does not match the leaf, a chain
 * the verifiers would refuse, or a token over the size limits never leaves the producer.
 *
 * @throws JitsuinError with the verifier's error code for whatever the token would break
 *   (e.g. ERR_SIGNATURE_INVALID for a signer/leaf mismatch, ERR_JWS_X5C for a bad certificate,
 *   ERR_JWS_PAYLOAD for a payload that is not a strict JSON object); errors thrown by `signer`
 *   propagate unchanged.
 */
export async function signJws(options: SignJwsOptions): Promise<string> {
  if (typeof options !== 'object' || options === null)
    fail('ERR_INVALID_ARGUMENT', 'signJws: options are required');
  const { typ, payload, certificateChain, signer } = options;
  assertTypGrammar(typ, 'signJws', 'JWS-37');
  if (typeof signer !== 'function')
    fail('ERR_INVALID_ARGUMENT', 'signJws: signer must be a function');
  if (!Array.isArray(certificateChain) || !certificateChain.every((c) => c instanceof Uint8Array)) {
    fail(
      'ERR_INVALID_ARGUMENT',
      'signJws: certificateChain must be an array of DER Uint8Arrays, leaf first',
    );
  }
  const limits = resolveLimits(options.limits);
  if (!isJsonObject(payload as JsonValue))
    fail('ERR_JWS_PAYLOAD', 'signJws: payload must be a JSON object', 'JWS-22');
  let payloadBytes: Uint8Array;
  try {
    payloadBytes = canonicalizeToBytes(payload);
  } catch (e) {
    const detail = isJitsuinError(e) ? e.message : 'not strict JSON';
    return fail('ERR_JWS_PAYLOAD', `signJws: payload is not strict JSON: ${detail}`, 'JWS-31', e);
  }
  // Canonical members sort alg < typ < x5c, so this literal order is the canonical one ([JWS-30]).
  const header = { alg: 'ES256', typ, x5c: certificateChain.map(base64Encode) };
  const signingInput = `${base64urlEncode(canonicalizeToBytes(header))}.${base64urlEncode(payloadBytes)}`;
  // Preflight every check that does not need the signature, so that secure hardware (which may
  // prompt the user) is never asked to sign a token the verifiers would refuse anyway.
  // The header check goes through the verifier's memo, so a signer whose chain signed before
  // (a server key) does not parse its certificates again; a header that fails is never stored.
  const placeholder = base64urlEncode(new Uint8Array(64));
  let memoKey = '';
  let known: KnownHeader | undefined;
  const preflight = splitCompact(`${signingInput}.${placeholder}`, limits, (segment) => {
    memoKey = headerMemoKey(segment, typ, limits);
    known = lookupHeader(memoKey, segment);
    return known?.headerBytes;
  });
  checkHeaderMemo(memoKey, known, preflight.headerBytes, preflight.headerSegment, typ, limits);
  const readings = readSignerOutput(await signer(utf8Encode(signingInput)));
  return firstVerifyingToken(signingInput, readings, typ, limits);
}

function isDeclaredSignature(value: unknown): value is JwsSignerSignature {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<JwsSignerSignature>;
  return (v.format === 'der' || v.format === 'raw') && v.signature instanceof Uint8Array;
}

/**
 * The raw r||s readings of the signer's output ([JWS-32]): one for a declared encoding, read that
 * way only; for plain bytes, every valid reading (strict DER, 64-byte raw), two only when both are.
 */
function readSignerOutput(produced: unknown): Uint8Array[] {
  const declared = isDeclaredSignature(produced);
  if (!declared && !(produced instanceof Uint8Array)) {
    fail(
      'ERR_INVALID_ARGUMENT',
      'signJws: signer must resolve to a Uint8Array or to { format: "der" | "raw", signature: Uint8Array }',
    );
  }
  try {
    if (!declared) return ecdsaSignatureReadings(produced as Uint8Array, 'P-256');
    if (produced.format === 'der') return [derToRawSignature(produced.signature, 'P-256')];
    parseRawSignature(produced.signature, 'P-256');
    return [produced.signature.slice()];
  } catch (e) {
    const detail = isJitsuinError(e) ? e.message : 'not an ECDSA signature';
    const expected = declared ? `declared ${produced.format}` : 'strict DER or raw r||s';
    return fail(
      'ERR_INVALID_SIGNATURE_ENCODING',
      `signJws: signer output is not ${expected}: ${detail}`,
      'JWS-32',
      e,
    );
  }
}

/**
 * Builds the token for each reading in turn and returns the first that passes the verifier's
 * checks up to the signature and the payload ([JWS-33]). A reading that does not verify
 * (ERR_SIGNATURE_INVALID) gives way to the next; the last one's error is thrown. @internal
 */
export async function firstVerifyingToken(
  signingInput: string,
  readings: readonly Uint8Array[],
  typ: string,
  limits: JwsLimits,
): Promise<string> {
  if (readings.length === 0) fail('ERR_INTERNAL', 'signJws: no reading of the signer output');
  let failure: unknown;
  for (const raw of readings) {
    const token = `${signingInput}.${base64urlEncode(raw)}`;
    try {
      const checked = await verifyUpToSignature(token, typ, limits);
      parsePayload(checked.payloadBytes);
      return token;
    } catch (e) {
      if (!isJitsuinError(e, 'ERR_SIGNATURE_INVALID')) throw e;
      failure = e;
    }
  }
  throw failure;
}
