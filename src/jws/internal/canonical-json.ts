/** Strict, canonical JSON bytes (spec/encoding.md) as the JWS header and payload need them. @module */
import { isJitsuinError, type ErrorCode } from '../../errors.js';
import { fail } from '../../internal/fail.js';
import { bytesEqual } from '../../encoding/bytes.js';
import { canonicalizeToBytes } from '../../encoding/canonicalize.js';
import { parseStrict } from '../../encoding/parse.js';
import type { JsonObject, JsonValue } from '../../encoding/json-value.js';

/** spec/encoding.md rules about the form of the text rather than the value it denotes. */
const CANONICAL_FORM_RULES: ReadonlySet<string> = new Set(['ENC-16', 'ENC-18', 'ENC-23']);

/** True for a JSON object (not an array, not null). @internal */
export function isJsonObject(value: JsonValue): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Parses `bytes` as strict JSON, requires a top-level object and requires the bytes to be that
 * object's canonical form. Every failure is reported as `code` with the rule's requirement id.
 * @internal
 */
export function parseCanonicalObject(
  bytes: Uint8Array,
  what: string,
  code: ErrorCode,
  ids: { readonly strict: string; readonly object: string; readonly canonical: string },
): JsonObject {
  let value: JsonValue;
  try {
    // The JWS limits (spec/jws.md §6) have bounded the size already, possibly above 1 MiB.
    value = parseStrict(bytes, { maxBytes: bytes.length });
  } catch (e) {
    // parseStrict accepts canonical text only; attribute its failure to the canonical-form rule
    // when the underlying rule is one of form (whitespace, member order, escapes), else to strictness.
    const canonicalRule =
      isJitsuinError(e) && e.requirement !== undefined && CANONICAL_FORM_RULES.has(e.requirement);
    const detail = isJitsuinError(e) ? e.message : 'not strict JSON';
    return fail(code, `${what}: ${detail}`, canonicalRule ? ids.canonical : ids.strict, e);
  }
  if (!isJsonObject(value)) fail(code, `${what}: top-level value is not a JSON object`, ids.object);
  let canonical: Uint8Array;
  try {
    canonical = canonicalizeToBytes(value);
  } catch (e) {
    // parseStrict accepted it, so canonicalisation should too; report it as the same rule.
    return fail(code, `${what}: has no canonical form`, ids.canonical, e);
  }
  if (!bytesEqual(canonical, bytes))
    fail(
      code,
      `${what}: bytes are not the canonical (RFC 8785) form of their value`,
      ids.canonical,
    );
  return value;
}
