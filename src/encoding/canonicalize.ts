/**
 * RFC 8785 (JCS) serialisation restricted to jitsuin's strict JSON profile. Within the profile the
 * general JCS rules reduce to: integers print as plain decimals, strings escape only `"`, `\` and
 * U+0000..U+001F (with the short forms where JSON has them), members sort by UTF-16 code units —
 * which for ASCII names is byte order — and no whitespace is written.
 * @module
 */
import { fail } from '../internal/fail.js';
import {
  DEFAULT_JSON_MAX_DEPTH,
  MAX_JSON_DEPTH_OPTION,
  formatPath,
  limitOption,
  isNoncharacter,
  type JsonValue,
  type PathSegment,
} from './json-value.js';
import { codeUnitName } from './utf8.js';
import { objectArgument } from '../internal/args.js';

/** Options of {@link canonicalize} and {@link canonicalizeToBytes}. */
export interface CanonicalizeOptions {
  /** Largest nesting of arrays and objects accepted; default {@link DEFAULT_JSON_MAX_DEPTH}, at most 1000. */
  readonly maxDepth?: number;
}

const encoder = new TextEncoder();

/** Any character that forces the slow path of string serialisation. */
const NEEDS_CARE = /["\\\u0000-\u001f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]/;

/** The canonical text of an array index. */
const INDEX = /^(?:0|[1-9][0-9]*)$/;

/** Any character outside ASCII. */
const NON_ASCII = /[^\u0000-\u007f]/;
/** A member name that needs no escape: printable ASCII without `"` and `\`. */
const PLAIN_NAME = /^[\u0020\u0021\u0023-\u005b\u005d-\u007e]*$/;

const SHORT_ESCAPES: Readonly<Record<number, string>> = {
  0x08: '\\b',
  0x09: '\\t',
  0x0a: '\\n',
  0x0c: '\\f',
  0x0d: '\\r',
  0x22: '\\"',
  0x5c: '\\\\',
};

/**
 * Serialises a value as canonical JSON text (RFC 8785 within the strict profile, [ENC-13]).
 *
 * Throws `ERR_ENCODING`, naming the path of the offending value (`$.a[3].b`), for a number that
 * is not an integer ([ENC-20]), outside ±(2^53−1) ([ENC-21]) or negative zero ([ENC-22]); a string
 * with a lone surrogate ([ENC-11]) or a noncharacter ([ENC-12]); a non-ASCII member name
 * ([ENC-19]); a value outside the JSON model — `undefined`, a function, a bigint, a symbol, a
 * symbol-keyed member, an instance of a class such as `Date` or `Uint8Array` ([ENC-24]); and a
 * cycle ([ENC-25]). Throws `ERR_INPUT_TOO_LARGE` beyond the nesting limit ([ENC-26]).
 */
export function canonicalize(value: JsonValue, options: CanonicalizeOptions = {}): string {
  objectArgument(options, 'canonicalize: options');
  const maxDepth = limitOption(
    options.maxDepth,
    DEFAULT_JSON_MAX_DEPTH,
    'canonicalize: maxDepth',
    MAX_JSON_DEPTH_OPTION,
  );
  return new Serializer(maxDepth).value(value, 0);
}

/** {@link canonicalize}, encoded as UTF-8: the exact bytes that are signed and that travel. */
export function canonicalizeToBytes(
  value: JsonValue,
  options: CanonicalizeOptions = {},
): Uint8Array {
  objectArgument(options, 'canonicalizeToBytes: options');
  // canonicalize() has rejected lone surrogates, so TextEncoder never substitutes U+FFFD here.
  return encoder.encode(canonicalize(value, options));
}

class Serializer {
  private readonly path: PathSegment[] = [];
  private readonly ancestors: object[] = [];

  constructor(private readonly maxDepth: number) {}

  value(v: unknown, depth: number): string {
    switch (typeof v) {
      case 'string':
        return this.string(v);
      case 'number':
        return this.number(v);
      case 'boolean':
        return v ? 'true' : 'false';
      case 'object':
        if (v === null) return 'null';
        return Array.isArray(v) ? this.array(v, depth + 1) : this.object(v, depth + 1);
      default:
        return this.reject(`${typeof v} is not a JSON value`, 'ENC-24');
    }
  }

  private number(n: number): string {
    if (Number.isSafeInteger(n)) {
      if (Object.is(n, -0)) this.reject('negative zero is not allowed', 'ENC-22');
      return String(n);
    }
    if (!Number.isFinite(n)) this.reject(`${n} is not a JSON number`, 'ENC-20');
    if (!Number.isInteger(n)) this.reject(`${n} is not an integer`, 'ENC-20');
    return this.reject(`integer ${n} is outside ±(2^53−1)`, 'ENC-21');
  }

  private string(s: string): string {
    if (!NEEDS_CARE.test(s)) return '"' + s + '"';
    let out = '"';
    let run = 0; // start of the pending run of characters copied unchanged
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      let escape: string | undefined;
      if (c < 0x20 || c === 0x22 || c === 0x5c) {
        escape = SHORT_ESCAPES[c] ?? '\\u00' + c.toString(16).padStart(2, '0');
      } else if (c >= 0xd800 && c <= 0xdfff) {
        const d = s.charCodeAt(i + 1);
        if (c > 0xdbff || !(d >= 0xdc00 && d <= 0xdfff))
          this.reject(`lone surrogate ${codeUnitName(c)} at index ${i} of a string`, 'ENC-11');
        const cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        if (isNoncharacter(cp))
          this.reject(`noncharacter ${codeUnitName(cp)} at index ${i} of a string`, 'ENC-12');
        i++;
      } else if (isNoncharacter(c)) {
        this.reject(`noncharacter ${codeUnitName(c)} at index ${i} of a string`, 'ENC-12');
      }
      if (escape !== undefined) {
        out += s.slice(run, i) + escape;
        run = i + 1;
      }
    }
    return out + s.slice(run) + '"';
  }

  private array(a: readonly unknown[], depth: number): string {
    // An array's prototype is Array.prototype (of any realm), whose own prototype is a root one.
    const proto: unknown = Object.getPrototypeOf(a);
    if (proto === null || Object.getPrototypeOf(Object.getPrototypeOf(proto)) !== null)
      this.reject('an instance of an Array subclass is not a JSON value', 'ENC-24');
    // Members other than the indices would be dropped, as JSON.stringify drops them. Own keys list
    // the indices first, so a named member, if any, is the last key. (Holes are caught per element.)
    const keys = Object.keys(a);
    const last = keys[keys.length - 1];
    if (
      Object.getOwnPropertySymbols(a).length > 0 ||
      (last !== undefined && !(INDEX.test(last) && Number(last) < a.length))
    ) {
      this.reject('an array with members other than its indices is not a JSON value', 'ENC-24');
    }
    this.enter(a, depth);
    let out = '[';
    for (let i = 0; i < a.length; i++) {
      this.path.push(i);
      const item = a[i];
      if (item === undefined)
        this.reject('undefined (or an array hole) is not a JSON value', 'ENC-24');
      out += (i === 0 ? '' : ',') + this.value(item, depth);
      this.path.pop();
    }
    this.leave();
    return out + ']';
  }

  private object(o: object, depth: number): string {
    const proto: unknown = Object.getPrototypeOf(o);
    // A plain object's prototype is a root prototype (Object.prototype of any realm, or null).
    if (proto !== null && Object.getPrototypeOf(proto) !== null) {
      const name = (o as { constructor?: { name?: unknown } }).constructor?.name;
      this.reject(
        `an instance of ${typeof name === 'string' && name !== '' ? name : 'a class'} is not a JSON value`,
        'ENC-24',
      );
    }
    if (Object.getOwnPropertySymbols(o).length > 0)
      this.reject('a symbol-keyed member is not a JSON value', 'ENC-24');
    this.enter(o, depth);
    const record = o as Record<string, unknown>;
    const names = Object.keys(record);
    for (const name of names) {
      if (NON_ASCII.test(name))
        this.reject(`member name ${JSON.stringify(name)} is not ASCII`, 'ENC-19');
    }
    // Default sort compares UTF-16 code units, exactly as RFC 8785 §3.2.3 orders members.
    names.sort();
    let out = '{';
    for (let i = 0; i < names.length; i++) {
      const name = names[i] as string;
      this.path.push(name);
      const member = record[name];
      if (member === undefined) this.reject('undefined is not a JSON value', 'ENC-24');
      const quoted = PLAIN_NAME.test(name) ? '"' + name + '":' : this.string(name) + ':';
      out += (i === 0 ? quoted : ',' + quoted) + this.value(member, depth);
      this.path.pop();
    }
    this.leave();
    return out + '}';
  }

  private enter(container: object, depth: number): void {
    if (depth > this.maxDepth)
      fail(
        'ERR_INPUT_TOO_LARGE',
        `canonicalize: nesting deeper than ${this.maxDepth} at ${formatPath(this.path)}`,
        'ENC-26',
      );
    if (this.ancestors.includes(container))
      this.reject('cycle: the value contains itself', 'ENC-25');
    this.ancestors.push(container);
  }

  private leave(): void {
    this.ancestors.pop();
  }

  private reject(reason: string, requirement: string): never {
    return fail('ERR_ENCODING', `canonicalize: ${reason} at ${formatPath(this.path)}`, requirement);
  }
}
