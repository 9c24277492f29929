/**
 * Errors as RFC 9457 problem details: the `JitsuinError` code and requirement id, a title that is
 * the code's fixed description, and nothing else — never the error message, which may name values
 * from the request ([SRV-06]).
 * @module
 */
import { ERROR_CODES, isJitsuinError, type ErrorCode } from '../errors.js';

/** The media type of problem details (RFC 9457 §3). */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** The body of every error response. */
export interface ProblemDetails {
  /** `urn:jitsuin:error:<code>`, a stable identifier per error code. */
  readonly type: string;
  /** The code's fixed description from `ERROR_CODES`. */
  readonly title: string;
  readonly status: number;
  /** The `JitsuinError` code. */
  readonly code: ErrorCode;
  /** The spec requirement id the failed check enforces, when there is one. */
  readonly requirement?: string;
}

const STATUS: Partial<Record<ErrorCode, number>> = {
  ERR_HTTP_NOT_FOUND: 404,
  ERR_HTTP_METHOD: 405,
  ERR_HTTP_CONTENT_TYPE: 415,
  ERR_INPUT_TOO_LARGE: 413,
  ERR_HTTP_CSRF: 403,
  ERR_RATE_LIMITED: 429,
  ERR_QR_SESSION: 403,
  ERR_QR_OFFER_UNKNOWN: 404,
  ERR_QR_STATE: 409,
  ERR_CHALLENGE_REPLAYED: 409,
  ERR_QR_EXPIRED: 410,
  ERR_INTERNAL: 500,
  ERR_STORE: 503,
  ERR_BACKEND_UNAVAILABLE: 503,
};

/** The HTTP status of an error code: 400 unless the code names a more precise one. */
export function problemStatus(code: ErrorCode): number {
  return STATUS[code] ?? 400;
}

/** The problem details of `error`; anything but a `JitsuinError` becomes `ERR_INTERNAL`. */
export function problemDetails(error: unknown): ProblemDetails {
  const code: ErrorCode = isJitsuinError(error) ? error.code : 'ERR_INTERNAL';
  const requirement = isJitsuinError(error) ? error.requirement : undefined;
  const base = {
    type: `urn:jitsuin:error:${code}`,
    title: ERROR_CODES[code],
    status: problemStatus(code),
    code,
  };
  return requirement === undefined ? base : { ...base, requirement };
}

/** A problem response for `error`, with `headers` added (e.g. `Allow`, `Retry-After`). */
export function problemResponse(error: unknown, headers: Record<string, string> = {}): Response {
  const body = problemDetails(error);
  return new Response(JSON.stringify(body), {
    status: body.status,
    headers: { 'content-type': PROBLEM_CONTENT_TYPE, 'cache-control': 'no-store', ...headers },
  });
}
