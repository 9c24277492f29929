/** The JSON value model of jitsuin's strict JSON profile, its limits and error paths. @module */
import { fail } from '../internal/fail.js';

/**
 * A JSON value as strict JSON carries it: `null`, a boolean, an integer within ±(2^53−1), a
 * string, an array, or a plain object whose member names are ASCII.
 *
 * The type cannot express the integer and ASCII constraints; {@link canonicalize} and
 * {@link parseStrict} enforce them at run time.
 */
export type JsonValue =
  null | boolean | number | string | JsonValue[] | { [name: string]: JsonValue };

/** A JSON object of the strict profile. */
export type JsonObject = { [name: string]: JsonValue };

/** The largest magnitude an integer may have in strict JSON: 2^53−1 ([ENC-21]). */
export const MAX_JSON_INTEGER = Number.MAX_SAFE_INTEGER;

/** Default nesting limit of arrays and objects for both canonicalize and parseStrict ([ENC-26]). */
export const DEFAULT_JSON_MAX_DEPTH = 32;

/** Default size limit of a strict JSON text accepted by parseStrict: 1 MiB ([ENC-27]). */
export const DEFAULT_JSON_MAX_BYTES = 1_048_576;

/**
 * The largest `maxDepth` a caller may choose. Parser and serialiser recurse once per level, and a
 * deeper limit would let input exhaust the runtime's stack (a RangeError, not a JitsuinError)
 * before the limit is reached: Node overflows between 3 000 and 6 000 levels, smaller runtimes
 * sooner. @internal
 */
export const MAX_JSON_DEPTH_OPTION = 1000;

/**
 * Checks a caller-supplied limit (`maxBytes`, `maxDepth`): a non-negative integer no larger than
 * `max`, else ERR_INVALID_ARGUMENT; the default when absent. @internal
 */
export function limitOption(
  value: number | undefined,
  fallback: number,
  name: string,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 0 || value > max) {
    fail(
      'ERR_INVALID_ARGUMENT',
      `${name} must be an integer from 0 to ${max}, got ${String(value)}`,
    );
  }
  return value;
}

/** A step in a path to a nested value: a member name or an array index. @internal */
export type PathSegment = string | number;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Formats a path as `$.a[3].b`, quoting names that are not identifiers (`$["a b"]`). @internal */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '$';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (IDENTIFIER.test(seg)) out += `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/**
 * True for a Unicode noncharacter (U+FDD0..U+FDEF and the last two code points of every plane),
 * which I-JSON (RFC 7493 §2.1) excludes from strings ([ENC-12]). @internal
 */
export function isNoncharacter(cp: number): boolean {
  return (cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) === 0xfffe;
}
