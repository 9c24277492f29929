/** Times in jitsuin messages: integer seconds since the Unix epoch. @module */
import { fail } from '../internal/fail.js';

/**
 * The latest time a message may carry: 9999-12-31T23:59:59Z, in seconds since the epoch. The bound
 * keeps every time representable as a four-digit-year date in every runtime ([ENC-28]).
 */
export const MAX_TIME_SECONDS = 253_402_300_799;

/**
 * True when `value` is a time as jitsuin messages carry it: an integer number of seconds since
 * 1970-01-01T00:00:00Z (POSIX time, which counts no leap seconds), from 0 to
 * {@link MAX_TIME_SECONDS} inclusive ([ENC-28]).
 */
export function isIntegerSeconds(value: unknown): value is number {
  return (
    typeof value === 'number' &&
    Number.isInteger(value) &&
    value >= 0 &&
    value <= MAX_TIME_SECONDS &&
    !Object.is(value, -0)
  );
}

/**
 * Returns `value` when it is a time per {@link isIntegerSeconds}; otherwise throws `ERR_ENCODING`
 * naming `what` (e.g. `$.iat`) ([ENC-28]).
 */
export function requireIntegerSeconds(value: unknown, what = 'time'): number {
  if (!isIntegerSeconds(value)) {
    const shown =
      typeof value === 'number' || typeof value === 'boolean' || value === null
        ? String(value)
        : typeof value;
    fail(
      'ERR_ENCODING',
      `${what}: ${shown} is not integer seconds since the epoch in [0, ${MAX_TIME_SECONDS}]`,
      'ENC-28',
    );
  }
  return value;
}
