/**
 * Argument guards of the public API: a caller's null, undefined or wrongly typed argument is
 * answered with `ERR_INVALID_ARGUMENT`, never with a `TypeError` from deep inside (spec/encoding.md
 * ENC-40). Each public function checks the shape of its arguments on entry; the contents are
 * checked by the rules of its area.
 * @internal
 */
import { fail } from '../internal/fail.js';

/** Fails unless `value` is a non-null object (not an array). */
export function objectArgument(value: unknown, what: string): asserts value is object {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    fail('ERR_INVALID_ARGUMENT', `${what} must be an object, not ${describe(value)}`, 'ENC-40');
}

/** Fails unless `value` is undefined or a non-null object. */
export function optionalObjectArgument(value: unknown, what: string): void {
  if (value !== undefined) objectArgument(value, what);
}

/** Fails unless `value` is a Uint8Array. */
export function bytesArgument(value: unknown, what: string): asserts value is Uint8Array {
  if (!(value instanceof Uint8Array))
    fail('ERR_INVALID_ARGUMENT', `${what} must be a Uint8Array, not ${describe(value)}`, 'ENC-40');
}

/** Fails unless `value` is an array. */
export function arrayArgument(value: unknown, what: string): asserts value is readonly unknown[] {
  if (!Array.isArray(value))
    fail('ERR_INVALID_ARGUMENT', `${what} must be an array, not ${describe(value)}`, 'ENC-40');
}

/** Fails unless `value` is a string. */
export function stringArgument(value: unknown, what: string): asserts value is string {
  if (typeof value !== 'string')
    fail('ERR_INVALID_ARGUMENT', `${what} must be a string, not ${describe(value)}`, 'ENC-40');
}

/** Fails unless `value` is a function. */
export function functionArgument(
  value: unknown,
  what: string,
): asserts value is (...args: never[]) => unknown {
  if (typeof value !== 'function')
    fail('ERR_INVALID_ARGUMENT', `${what} must be a function, not ${describe(value)}`, 'ENC-40');
}

/** A short, non-revealing description of a wrong argument (its type, never its contents). */
function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}
