/**
 * The one error class of jitsuin and its guard, for code that imports only some areas: every
 * subpath throws this same `JitsuinError` (one module graph), so `isJitsuinError` from here, from
 * the root or from any area's error handling recognises all of them. Codes: {@link ERROR_CODES}.
 *
 * @example
 * ```ts
 * import { isJitsuinError } from 'jitsuin/errors';
 * try {
 *   await verifyLoginResponse(token, options);
 * } catch (e) {
 *   if (isJitsuinError(e, 'ERR_CHALLENGE_REPLAYED')) return reject(409, e.requirement);
 *   throw e;
 * }
 * ```
 * @module jitsuin/errors
 */
export {
  JitsuinError,
  isJitsuinError,
  ERROR_CODES,
  type ErrorCode,
  type JitsuinErrorOptions,
} from './errors.js';
