/** JWS verification: the algorithm of spec/jws.md §9. @module */
import { fail } from '../internal/fail.js';
import { parsePayload, verifyUpToSignature } from './internal/signature-check.js';
import { resolveLimits } from './internal/limits.js';
import { assertTypGrammar } from './typ.js';
import type {
  VerifiedJws,
  VerifyJwsOptions,
  VerifyJwsWithChainOptions,
  VerifyJwsWithoutChainOptions,
} from './types.js';

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
export async function verifyJws<T = undefined>(
  token: string,
  options: VerifyJwsWithChainOptions<T>,
): Promise<VerifiedJws<T>>;
/** Verifies a jitsuin JWS without chain validation: only for tests, vectors and debugging. */
export async function verifyJws(
  token: string,
  options: VerifyJwsWithoutChainOptions,
): Promise<VerifiedJws<undefined>>;
export async function verifyJws<T>(
  token: string,
  options: VerifyJwsOptions<T>,
): Promise<VerifiedJws<T>> {
  if (typeof options !== 'object' || options === null)
    fail('ERR_INVALID_ARGUMENT', 'verifyJws: options are required', 'JWS-16');
  assertTypGrammar(options.typ, 'verifyJws', 'JWS-16');
  const validate = hasValidator(options) ? options.validateChain : undefined;
  if (
    validate === undefined &&
    (options as Partial<VerifyJwsWithoutChainOptions>).allowUnvalidatedChain !== true
  ) {
    fail(
      'ERR_INVALID_ARGUMENT',
      'verifyJws: pass validateChain (RFC 5280 path validation), or allowUnvalidatedChain: true in tests',
      'JWS-28',
    );
  }
  const limits = resolveLimits(options.limits);
  const checked = await verifyUpToSignature(token, options.typ, limits);
  // The hook runs only for a chain whose leaf key made this token ([JWS-29]).
  const chain =
    validate === undefined
      ? undefined
      : await validate(checked.certificateChain.map((c) => c.slice()));
  const payload = parsePayload(checked.payloadBytes);
  return {
    header: checked.header,
    payload,
    certificateChain: checked.certificateChain,
    leaf: checked.leaf,
    chain,
  };
}
