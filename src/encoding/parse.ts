/**
 * A parser that accepts only canonical strict JSON: bytes that are well-formed UTF-8 and equal,
 * byte for byte, to the RFC 8785 serialisation of the value they denote. Instead of parsing
 * leniently and re-serialising, it checks each canonical-form rule where it applies, so that a
 * rejection names the rule, the byte offset and the path. Property tests prove it equivalent to
 * "decode, JSON.parse, canonicalize, compare bytes".
 * @module
 */
import { fail } from '../internal/fail.js';
import {
  DEFAULT_JSON_MAX_BYTES,
  DEFAULT_JSON_MAX_DEPTH,
  MAX_JSON_DEPTH_OPTION,
  MAX_JSON_INTEGER,
  formatPath,
  limitOption,
  isNoncharacter,
  type JsonObject,
  type JsonValue,
  type PathSegment,
} from './json-value.js';
import {
  codeUnitName,
  decodeSequence,
  utf8Decode,
  utf8ErrorReason,
  utf8SequenceLength,
} from './utf8.js';
import { objectArgument } from '../internal/args.js';

/** Options of {@link parseStrict}. */
export interface ParseStrictOptions {
  /** Largest input accepted, in bytes; default {@link DEFAULT_JSON_MAX_BYTES}. */
  readonly maxBytes?: number;
  /** Largest nesting of arrays and objects accepted; default {@link DEFAULT_JSON_MAX_DEPTH}, at most 1000. */
  readonly maxDepth?: number;
}

/**
 * Parses strict JSON ([ENC-13]): returns the value only when `bytes` is exactly its canonical
 * serialisation. Every other input is rejected with `ERR_ENCODING` and a message naming the rule,
 * the byte offset and the path: not JSON ([ENC-14]), a byte order mark ([ENC-15]), whitespace
 * outside strings ([ENC-16]), a duplicate member name ([ENC-17]), members out of order ([ENC-18]),
 * a non-ASCII member name ([ENC-19]), a fraction or exponent ([ENC-20]), an integer outside
 * ±(2^53−1) ([ENC-21]), `-0` ([ENC-22]), an escape other than the canonical one ([ENC-23]),
 * ill-formed UTF-8 ([ENC-10]), a lone surrogate escape ([ENC-11]) or a noncharacter ([ENC-12]).
 * Inputs over `maxBytes` or nested deeper than `maxDepth` are rejected with `ERR_INPUT_TOO_LARGE`
 * before the work they would cause ([ENC-27], [ENC-26]).
 */
export function parseStrict(bytes: Uint8Array, options: ParseStrictOptions = {}): JsonValue {
  objectArgument(options, 'parseStrict: options');
  if (!(bytes instanceof Uint8Array))
    fail('ERR_INVALID_ARGUMENT', 'parseStrict: expected a Uint8Array');
  const maxBytes = limitOption(options.maxBytes, DEFAULT_JSON_MAX_BYTES, 'parseStrict: maxBytes');
  const maxDepth = limitOption(
    options.maxDepth,
    DEFAULT_JSON_MAX_DEPTH,
    'parseStrict: maxDepth',
    MAX_JSON_DEPTH_OPTION,
  );
  if (bytes.length > maxBytes)
    fail(
      'ERR_INPUT_TOO_LARGE',
      `strict JSON: ${bytes.length} bytes exceed the limit of ${maxBytes}`,
      'ENC-27',
    );
  return new StrictParser(bytes, maxDepth).document();
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const MINUS = 0x2d;

/** The short escapes RFC 8785 writes, by the byte after the backslash → the code unit they stand for. */
const SHORT_ESCAPE_VALUES: Readonly<Record<number, number>> = {
  0x22: 0x22,
  0x5c: 0x5c,
  0x62: 0x08,
  0x74: 0x09,
  0x6e: 0x0a,
  0x66: 0x0c,
  0x72: 0x0d,
};
/** Code units that canonical JSON writes with a short escape, → that escape. */
const SHORT_ESCAPE_NAMES: Readonly<Record<number, string>> = {
  0x08: '\\b',
  0x09: '\\t',
  0x0a: '\\n',
  0x0c: '\\f',
  0x0d: '\\r',
  0x22: '\\"',
  0x5c: '\\\\',
};

/** 1 for the bytes that stand for themselves in a string and need no further check: printable ASCII but `"` and `\`. */
const PLAIN = new Uint8Array(256);
for (let c = 0x20; c < 0x80; c++) PLAIN[c] = c === QUOTE || c === BACKSLASH ? 0 : 1;

function isWhitespace(c: number | undefined): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

function isDigit(c: number | undefined): c is number {
  return c !== undefined && c >= 0x30 && c <= 0x39;
}

function describeByte(c: number): string {
  return c >= 0x21 && c < 0x7f
    ? `'${String.fromCharCode(c)}'`
    : `byte 0x${c.toString(16).padStart(2, '0')}`;
}

class StrictParser {
  private pos = 0;
  private readonly path: PathSegment[] = [];

  constructor(
    private readonly bytes: Uint8Array,
    private readonly maxDepth: number,
  ) {}

  document(): JsonValue {
    const b = this.bytes;
    if (b.length === 0) this.reject('empty input is not a JSON text', 'ENC-14');
    if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) this.reject('byte order mark', 'ENC-15');
    const value = this.value(0);
    if (this.pos < b.length) {
      const c = b[this.pos] as number;
      if (isWhitespace(c)) this.reject('whitespace after the value', 'ENC-16');
      this.reject(`${describeByte(c)} after the end of the value`, 'ENC-14');
    }
    return value;
  }

  private value(depth: number): JsonValue {
    const c = this.bytes[this.pos];
    switch (c) {
      case 0x7b: // {
        return this.object(depth + 1);
      case 0x5b: // [
        return this.array(depth + 1);
      case QUOTE:
        return this.string();
      case 0x74: // t
        return this.literal('true', true);
      case 0x66: // f
        return this.literal('false', false);
      case 0x6e: // n
        return this.literal('null', null);
      default:
        if (c === MINUS || isDigit(c)) return this.number();
        if (c === undefined)
          return this.reject('unexpected end of input, expected a value', 'ENC-14');
        if (isWhitespace(c)) return this.reject('whitespace before a value', 'ENC-16');
        return this.reject(`unexpected ${describeByte(c)}, expected a value`, 'ENC-14');
    }
  }

  private literal<T extends JsonValue>(word: string, value: T): T {
    for (let i = 0; i < word.length; i++) {
      if (this.bytes[this.pos + i] !== word.charCodeAt(i))
        this.reject(`invalid literal, expected ${word}`, 'ENC-14');
    }
    this.pos += word.length;
    return value;
  }

  private array(depth: number): JsonValue[] {
    this.checkDepth(depth);
    this.pos++; // [
    const out: JsonValue[] = [];
    if (this.bytes[this.pos] === 0x5d) {
      this.pos++;
      return out;
    }
    for (;;) {
      this.path.push(out.length);
      out.push(this.value(depth));
      this.path.pop();
      const c = this.bytes[this.pos];
      this.pos++;
      if (c === COMMA) continue;
      if (c === 0x5d) return out;
      this.pos--;
      this.afterMember(c, "',' or ']'");
    }
  }

  private object(depth: number): JsonObject {
    this.checkDepth(depth);
    this.pos++; // {
    const out: JsonObject = {};
    if (this.bytes[this.pos] === 0x7d) {
      this.pos++;
      return out;
    }
    let previous: string | undefined;
    for (;;) {
      const c = this.bytes[this.pos];
      if (c !== QUOTE) this.afterMember(c, 'a member name');
      const at = this.pos;
      const name = this.string();
      this.checkName(name, previous, at);
      if (this.bytes[this.pos] !== COLON) this.afterMember(this.bytes[this.pos], "':'");
      this.pos++;
      this.path.push(name);
      const member = this.value(depth);
      this.path.pop();
      // A member named __proto__ must become an own property, not replace the prototype.
      if (name === '__proto__')
        Object.defineProperty(out, name, {
          value: member,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      else out[name] = member;
      previous = name;
      const d = this.bytes[this.pos];
      this.pos++;
      if (d === COMMA) continue;
      if (d === 0x7d) return out;
      this.pos--;
      this.afterMember(d, "',' or '}'");
    }
  }

  private checkName(name: string, previous: string | undefined, at: number): void {
    for (let i = 0; i < name.length; i++) {
      if (name.charCodeAt(i) > 0x7f)
        this.reject(`member name ${JSON.stringify(name)} is not ASCII`, 'ENC-19', at);
    }
    if (previous === undefined) return;
    if (name === previous)
      this.reject(`duplicate member name ${JSON.stringify(name)}`, 'ENC-17', at);
    // JavaScript compares strings by UTF-16 code units, the order RFC 8785 §3.2.3 prescribes.
    if (name < previous)
      this.reject(
        `member ${JSON.stringify(name)} is out of order: it must sort before ${JSON.stringify(previous)}`,
        'ENC-18',
        at,
      );
  }

  /** Rejects the byte found where a separator or closing bracket was expected. */
  private afterMember(c: number | undefined, expected: string): never {
    if (c === undefined)
      return this.reject(`unexpected end of input, expected ${expected}`, 'ENC-14');
    if (isWhitespace(c)) return this.reject('whitespace between tokens', 'ENC-16');
    return this.reject(`unexpected ${describeByte(c)}, expected ${expected}`, 'ENC-14');
  }

  private checkDepth(depth: number): void {
    if (depth > this.maxDepth)
      fail(
        'ERR_INPUT_TOO_LARGE',
        `strict JSON: nesting deeper than ${this.maxDepth} at byte offset ${this.pos} (${formatPath(this.path)})`,
        'ENC-26',
      );
  }

  private number(): number {
    const b = this.bytes;
    const start = this.pos;
    const negative = b[this.pos] === MINUS;
    if (negative) this.pos++;
    if (!isDigit(b[this.pos])) this.reject("'-' is not followed by a digit", 'ENC-14');
    if (b[this.pos] === 0x30 && isDigit(b[this.pos + 1]))
      this.reject('leading zero in a number', 'ENC-14', this.pos);
    let magnitude = 0;
    let tooLarge = false;
    for (let c = b[this.pos]; isDigit(c); c = b[++this.pos]) {
      magnitude = magnitude * 10 + (c - 0x30);
      // Exact while at most 2^53-1; once above, the rounded sum stays above, so the flag is sound.
      if (magnitude > MAX_JSON_INTEGER) tooLarge = true;
    }
    const next = b[this.pos];
    if (next === 0x2e || next === 0x65 || next === 0x45) {
      const part = next === 0x2e ? 'a fraction' : 'an exponent';
      this.reject(`number with ${part}: only integers are allowed`, 'ENC-20', start);
    }
    if (tooLarge) this.reject('integer outside ±(2^53−1)', 'ENC-21', start);
    if (negative && magnitude === 0) this.reject('negative zero', 'ENC-22', start);
    return negative ? -magnitude : magnitude;
  }

  private string(): string {
    const b = this.bytes;
    const start = ++this.pos; // after the opening quote
    // Fast path: printable ASCII with no escape, the common case for names and identifiers.
    let i = start;
    while (i < b.length && PLAIN[b[i] as number] === 1) i++;
    if (b[i] === QUOTE) {
      this.pos = i + 1;
      return decodeChecked(b, start, i, true);
    }
    return this.slowString(start);
  }

  private slowString(start: number): string {
    const b = this.bytes;
    let out = '';
    let run = start; // start of the pending run of bytes that stand for themselves
    let ascii = true;
    let i = start;
    for (;;) {
      const c = b[i];
      if (c === undefined) this.reject('unterminated string', 'ENC-14', i);
      if (c === QUOTE) break;
      if (c === BACKSLASH) {
        if (i > run) out += decodeChecked(b, run, i, ascii);
        out += String.fromCharCode(this.escape(i));
        i += b[i + 1] === 0x75 ? 6 : 2;
        run = i;
        ascii = true;
      } else if (c < 0x20) {
        this.reject(`unescaped control character ${codeUnitName(c)} in a string`, 'ENC-14', i);
      } else if (c < 0x80) {
        i++;
      } else {
        const len = utf8SequenceLength(b, i);
        if (len === 0) this.reject(`ill-formed UTF-8: ${utf8ErrorReason(b, i)}`, 'ENC-10', i);
        const cp = decodeSequence(b, i, len);
        if (isNoncharacter(cp))
          this.reject(`noncharacter ${codeUnitName(cp)} in a string`, 'ENC-12', i);
        i += len;
        ascii = false;
      }
    }
    if (i > run) out += decodeChecked(b, run, i, ascii);
    this.pos = i + 1;
    return out;
  }

  /** Checks the escape at `b[i]` (a backslash) and returns the code unit it stands for. */
  private escape(i: number): number {
    const b = this.bytes;
    const e = b[i + 1];
    const short = e === undefined ? undefined : SHORT_ESCAPE_VALUES[e];
    if (short !== undefined) return short;
    if (e === 0x2f)
      this.reject("'\\/' escapes a character that must appear literally", 'ENC-23', i);
    if (e !== 0x75)
      this.reject(
        `invalid escape '\\${e === undefined ? '' : String.fromCharCode(e)}'`,
        'ENC-14',
        i,
      );
    const v = this.hex4(i + 2);
    if (v < 0) this.reject('\\u is not followed by four hex digits', 'ENC-14', i);
    if (v >= 0xd800 && v <= 0xdfff) {
      const pairs =
        v <= 0xdbff &&
        b[i + 6] === BACKSLASH &&
        b[i + 7] === 0x75 &&
        isLowSurrogate(this.hex4(i + 8));
      if (pairs)
        this.reject(
          `escaped surrogate pair: a character above U+FFFF must appear literally as UTF-8`,
          'ENC-23',
          i,
        );
      this.reject(`escaped lone surrogate ${codeUnitName(v)}`, 'ENC-11', i);
    }
    const short2 = SHORT_ESCAPE_NAMES[v];
    if (short2 !== undefined)
      this.reject(`${codeUnitName(v)} must be escaped as '${short2}'`, 'ENC-23', i);
    if (v >= 0x20)
      this.reject(`${codeUnitName(v)} must appear literally, not escaped`, 'ENC-23', i);
    for (let k = i + 2; k < i + 6; k++) {
      const h = b[k] as number;
      if (h >= 0x41 && h <= 0x46) this.reject('upper-case hex digit in a \\u escape', 'ENC-23', i);
    }
    return v;
  }

  /** Value of four hex digits at `b[i]`, or -1. */
  private hex4(i: number): number {
    let v = 0;
    for (let k = i; k < i + 4; k++) {
      const h = this.bytes[k];
      let n: number;
      if (h === undefined) return -1;
      if (h >= 0x30 && h <= 0x39) n = h - 0x30;
      else if (h >= 0x61 && h <= 0x66) n = h - 0x57;
      else if (h >= 0x41 && h <= 0x46) n = h - 0x37;
      else return -1;
      v = (v << 4) | n;
    }
    return v;
  }

  private reject(reason: string, requirement: string, at = this.pos): never {
    return fail(
      'ERR_ENCODING',
      `strict JSON: ${reason} at byte offset ${at} (${formatPath(this.path)})`,
      requirement,
    );
  }
}

function isLowSurrogate(v: number): boolean {
  return v >= 0xdc00 && v <= 0xdfff;
}

const nativeDecoder =
  typeof TextDecoder === 'function' ? new TextDecoder('utf-8', { ignoreBOM: true }) : undefined;

/**
 * Decodes bytes already checked to be well-formed UTF-8 (so a non-fatal decoder cannot substitute
 * anything). `ignoreBOM` keeps a U+FEFF at the start of a run, which is string content here.
 */
function decodeChecked(b: Uint8Array, start: number, end: number, ascii: boolean): string {
  if (ascii && end - start <= 16) {
    // Short ASCII strings (most member names and identifiers): a loop beats a native call.
    let out = '';
    for (let i = start; i < end; i++) out += String.fromCharCode(b[i] as number);
    return out;
  }
  return nativeDecoder !== undefined
    ? nativeDecoder.decode(b.subarray(start, end))
    : utf8Decode(b.subarray(start, end));
}
