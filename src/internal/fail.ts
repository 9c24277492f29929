/**
 * `fail`: throws the library's one error class. Internal: every check of the library uses it, and
 * callers test `err.code` of the {@link JitsuinError} it throws; it is not part of the API.
 * @module
 */
import { JitsuinError, type ErrorCode } from '../errors.js';

/** Throws a {@link JitsuinError}; a helper to keep checks on one line. */
export function fail(
  code: ErrorCode,
  message: string,
  requirement?: string,
  cause?: unknown,
): never {
  const options: { requirement?: string; cause?: unknown } = {};
  if (requirement !== undefined) options.requirement = requirement;
  if (cause !== undefined) options.cause = cause;
  throw new JitsuinError(code, message, options);
}
