/** Exact-member checks of strict JSON message objects (closed member lists). @module */
import { type ErrorCode } from '../../errors.js';
import { fail } from '../../internal/fail.js';
import { decodeFixedBase64url, isIntegerSeconds, type JsonValue } from '../../encoding/index.js';

/** The kinds of member value jitsuin login and QR messages use. @internal */
export type MemberKind = 'string' | 'time' | 'b64-16' | 'b64-32' | 'array';

/** A closed member list: every name maps to its kind and whether it is optional. @internal */
export type MemberSpec = Readonly<
  Record<string, { readonly kind: MemberKind; readonly optional?: boolean }>
>;

function isKind(value: JsonValue | undefined, kind: MemberKind): boolean {
  switch (kind) {
    case 'string':
      return typeof value === 'string';
    case 'array':
      return Array.isArray(value);
    case 'time':
      return isIntegerSeconds(value);
    case 'b64-16':
    case 'b64-32':
      if (typeof value !== 'string') return false;
      try {
        decodeFixedBase64url(value, kind === 'b64-16' ? 16 : 32);
        return true;
      } catch {
        return false;
      }
  }
}

/**
 * Checks that `value` is an object with exactly the members of `spec` (optional ones may be
 * absent), each of its kind; fails with `code` and `requirement` naming the first offending member.
 * @internal
 */
export function checkMembers(
  value: JsonValue,
  spec: MemberSpec,
  what: string,
  code: ErrorCode,
  requirement: string,
): Readonly<Record<string, JsonValue>> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    fail(code, `${what}: not a JSON object`, requirement);
  for (const name of Object.keys(value)) {
    if (!Object.hasOwn(spec, name))
      fail(code, `${what}: unknown member ${JSON.stringify(name)}`, requirement);
  }
  for (const [name, rule] of Object.entries(spec)) {
    const member = Object.hasOwn(value, name) ? value[name] : undefined;
    if (member === undefined) {
      if (rule.optional === true) continue;
      fail(code, `${what}: member ${JSON.stringify(name)} is missing`, requirement);
    }
    if (!isKind(member, rule.kind))
      fail(
        code,
        `${what}: member ${JSON.stringify(name)} is not ${describeKind(rule.kind)}`,
        requirement,
      );
  }
  return value;
}

function describeKind(kind: MemberKind): string {
  switch (kind) {
    case 'string':
      return 'a string';
    case 'array':
      return 'an array';
    case 'time':
      return 'integer seconds since the epoch';
    case 'b64-16':
      return 'base64url of 16 bytes';
    case 'b64-32':
      return 'base64url of 32 bytes';
  }
}
