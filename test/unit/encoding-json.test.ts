import { runInNewContext } from 'node:vm';
import { describe, expect, it, vi } from 'vitest';
import {
  DEFAULT_JSON_MAX_BYTES,
  DEFAULT_JSON_MAX_DEPTH,
  canonicalize,
  canonicalizeToBytes,
  parseStrict,
  type JsonValue,
} from '../../src/encoding/index.js';
import { bytes, expectRejection } from './encoding.helpers.js';

const parse = (text: string): JsonValue => parseStrict(new TextEncoder().encode(text));
const nested = (depth: number): string => '['.repeat(depth) + ']'.repeat(depth);
const as = (v: unknown): JsonValue => v as JsonValue;

describe('canonicalize: RFC 8785 examples inside the profile', () => {
  it('[ENC-13] serialises the RFC 8785 §3.2.2 string example as the RFC shows', () => {
    // Value: € $ U+000F LF A ' B " \ \ " /  — escapes only where JCS requires them.
    const value = { string: '\u20ac$\u000f\nA\'B"\\\\"/' };
    expect(canonicalize(value)).toBe('{"string":"\u20ac$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}');
  });

  it('[ENC-13] serialises the RFC 8785 §3.2.2 literals and sorts its members', () => {
    const value = {
      numbers: [1, -1, 0, 9007199254740991],
      string: 'x',
      literals: [null, true, false],
    };
    expect(canonicalize(value)).toBe(
      '{"literals":[null,true,false],"numbers":[1,-1,0,9007199254740991],"string":"x"}',
    );
  });

  it('[ENC-13] writes the RFC 8785 §3.2.3 sorting example names literally when they are values', () => {
    const names = ['\u20ac', '\r', '\ufb33', '1', '\ud83d\ude00', '\u0080', '\u00f6'];
    expect(canonicalize(names)).toBe(
      '["\u20ac","\\r","\ufb33","1","\ud83d\ude00","\u0080","\u00f6"]',
    );
  });

  it('[ENC-19] rejects the RFC 8785 §3.2.3 sorting example itself: its names are not ASCII', () => {
    const rfc = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    expectRejection(() => canonicalize(rfc), 'ENC-19');
    // Its ASCII subset sorts as the RFC sorts it: "\r" (U+000D) before "1" (U+0031).
    expect(canonicalize({ '1': 'One', '\r': 'Carriage Return' })).toBe(
      '{"\\r":"Carriage Return","1":"One"}',
    );
  });

  it('[ENC-18] sorts ASCII names by code unit at every level (upper case before lower case, prefix first)', () => {
    expect(canonicalize({ b: 1, a: { d: [], c: {} }, B: 2, aa: 3, '': 4, _: 5 })).toBe(
      '{"":4,"B":2,"_":5,"a":{"c":{},"d":[]},"aa":3,"b":1}',
    );
  });

  it('[ENC-23] escapes exactly the characters RFC 8785 escapes', () => {
    const all =
      Array.from({ length: 0x20 }, (_, i) => String.fromCharCode(i)).join('') +
      '"\\/\u007f\u2028\u2029';
    expect(canonicalize(all)).toBe(
      '"\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n\\u000b\\f\\r\\u000e\\u000f' +
        '\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017\\u0018\\u0019\\u001a\\u001b\\u001c\\u001d\\u001e\\u001f' +
        '\\"\\\\/\u007f\u2028\u2029"',
    );
  });

  it('[ENC-13] canonicalizeToBytes is the UTF-8 of canonicalize', () => {
    expect(canonicalizeToBytes({ a: '\u20ac' })).toEqual(bytes('{"a":"', [0xe2, 0x82, 0xac], '"}'));
  });
});

describe('canonicalize: numbers (RFC 8785 Appendix B values and the profile)', () => {
  it('[ENC-21] writes integers up to ±(2^53−1) as plain decimals', () => {
    expect(canonicalize([0, 1, -1, 1e15, 9007199254740991, -9007199254740991])).toBe(
      '[0,1,-1,1000000000000000,9007199254740991,-9007199254740991]',
    );
  });

  it('[ENC-20] rejects non-integers, NaN and infinities', () => {
    for (const n of [
      0.5,
      333333333.3333333,
      5e-324,
      -1.5,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
    ]) {
      expectRejection(() => canonicalize([n]), 'ENC-20');
    }
  });

  it('[ENC-21] rejects integers outside ±(2^53−1), which JCS would write as 9007199254740992 or 1e+21', () => {
    for (const n of [9007199254740992, -9007199254740992, 1e21, 1e23, Number.MAX_VALUE])
      expectRejection(() => canonicalize([n]), 'ENC-21');
  });

  it('[ENC-22] rejects negative zero rather than writing 0 as RFC 8785 would', () => {
    expect(expectRejection(() => canonicalize({ a: [1, -0] }), 'ENC-22')).toContain('$.a[1]');
    expect(canonicalize(0)).toBe('0');
  });
});

describe('canonicalize: the value model', () => {
  it('[ENC-24] rejects undefined, functions, bigints and symbols, naming the path', () => {
    expect(
      expectRejection(() => canonicalize(as({ a: [0, 1, 2, { b: undefined }] })), 'ENC-24'),
    ).toContain('$.a[3].b');
    expectRejection(() => canonicalize(as(undefined)), 'ENC-24');
    expectRejection(() => canonicalize(as({ f: () => 1 })), 'ENC-24');
    expectRejection(() => canonicalize(as({ n: 1n })), 'ENC-24');
    expectRejection(() => canonicalize(as({ s: Symbol('x') })), 'ENC-24');
  });

  it('[ENC-24] rejects array holes and symbol-keyed members', () => {
    // eslint-disable-next-line no-sparse-arrays
    expectRejection(() => canonicalize(as([1, , 3])), 'ENC-24');
    expectRejection(() => canonicalize(as({ a: 1, [Symbol('k')]: 2 })), 'ENC-24');
  });

  it('[ENC-24] rejects an array carrying named or symbol-keyed members, or of an Array subclass, instead of dropping what is not an index', () => {
    expect(
      expectRejection(() => canonicalize(as({ a: Object.assign([1, 2], { extra: 3 }) })), 'ENC-24'),
    ).toContain('$.a');
    expectRejection(() => canonicalize(as(Object.assign([1], { [Symbol('k')]: 2 }))), 'ENC-24');
    class Tuple extends Array<number> {}
    expectRejection(() => canonicalize(as(Tuple.from([1, 2]))), 'ENC-24');
    // Plain arrays, including ones from another realm and empty ones, are still values.
    expect(canonicalize(as(runInNewContext('[1, [2], []]')))).toBe('[1,[2],[]]');
  });

  it('[ENC-24] rejects class instances instead of calling toJSON or dropping them', () => {
    class Point {
      x = 1;
    }
    const instances: unknown[] = [
      new Date(0),
      new Uint8Array(2),
      new Map(),
      new Set(),
      new Point(),
      new String('s'),
      new Number(1),
      /x/,
      new Error('e'),
    ];
    for (const v of instances)
      expect(expectRejection(() => canonicalize(as({ v })), 'ENC-24')).toContain('$.v');
    expect(expectRejection(() => canonicalize(as(new Date(0))), 'ENC-24')).toContain('Date');
  });

  it('[ENC-24] accepts plain objects of another realm and objects without a prototype', () => {
    expect(canonicalize(as(runInNewContext('({ b: [1], a: { c: null } })')))).toBe(
      '{"a":{"c":null},"b":[1]}',
    );
    const bare = Object.create(null) as Record<string, JsonValue>;
    bare['z'] = 1;
    bare['a'] = 2;
    expect(canonicalize(bare)).toBe('{"a":2,"z":1}');
  });

  it('[ENC-25] rejects cycles through objects and arrays, but not shared sub-values', () => {
    const o: Record<string, unknown> = { a: 1 };
    o['self'] = o;
    expect(expectRejection(() => canonicalize(as(o)), 'ENC-25')).toContain('$.self');
    const arr: unknown[] = [];
    arr.push([arr]);
    expectRejection(() => canonicalize(as(arr)), 'ENC-25');
    const shared = { x: 1 };
    expect(canonicalize({ a: shared, b: [shared, shared] })).toBe(
      '{"a":{"x":1},"b":[{"x":1},{"x":1}]}',
    );
  });

  it('[ENC-11] rejects lone surrogates in strings and in names', () => {
    expect(expectRejection(() => canonicalize({ a: 'x\ud800' }), 'ENC-11')).toContain('$.a');
    expectRejection(() => canonicalize(['\udc00\ud800']), 'ENC-11');
    expectRejection(() => canonicalize(['\ud83d']), 'ENC-11');
  });

  it('[ENC-12] rejects noncharacters in the BMP and in the supplementary planes', () => {
    for (const s of ['\ufdd0', '\ufdef', '\ufffe', '\uffff', '\u{1fffe}', '\u{10ffff}'])
      expectRejection(() => canonicalize([s]), 'ENC-12');
    expect(canonicalize(['\ufdcf\ufdf0\ufffd\u{10fffd}'])).toBe('["\ufdcf\ufdf0\ufffd\u{10fffd}"]');
  });

  it('[ENC-19] rejects a non-ASCII member name but accepts any ASCII one, escaped as a string', () => {
    expectRejection(() => canonicalize({ café: 1 }), 'ENC-19');
    expect(canonicalize({ '\u0000\u007f': 1 })).toBe('{"\\u0000\u007f":1}');
  });

  it('[ENC-26] rejects nesting deeper than the limit with ERR_INPUT_TOO_LARGE', () => {
    expect(canonicalize(JSON.parse(nested(DEFAULT_JSON_MAX_DEPTH)) as JsonValue)).toBe(
      nested(DEFAULT_JSON_MAX_DEPTH),
    );
    expectRejection(
      () => canonicalize(JSON.parse(nested(DEFAULT_JSON_MAX_DEPTH + 1)) as JsonValue),
      'ENC-26',
      'ERR_INPUT_TOO_LARGE',
    );
    expectRejection(
      () => canonicalize({ a: { b: {} } }, { maxDepth: 2 }),
      'ENC-26',
      'ERR_INPUT_TOO_LARGE',
    );
    expect(canonicalize({ a: {} }, { maxDepth: 2 })).toBe('{"a":{}}');
  });

  it('[ENC-29] does not normalise strings: NFC and NFD forms stay distinct', () => {
    const nfc = 'caf\u00e9';
    const nfd = 'cafe\u0301';
    expect(canonicalize([nfc])).not.toBe(canonicalize([nfd]));
    expect(canonicalize([nfd])).toBe('["cafe\u0301"]');
  });
});

describe('parseStrict', () => {
  it('[ENC-13] accepts canonical text and returns its value', () => {
    expect(parse('{"a":[1,-2,"x",true,false,null],"b":{}}')).toEqual({
      a: [1, -2, 'x', true, false, null],
      b: {},
    });
    expect(parse('"\u20ac$\\u000f\\nA\'B\\"\\\\\\\\\\"/"')).toBe('\u20ac$\u000f\nA\'B"\\\\"/');
    expect(parse('9007199254740991')).toBe(9007199254740991);
    expect(parse('-9007199254740991')).toBe(-9007199254740991);
    expect(parse('"\u{1f600}\u2028/\u007f"')).toBe('\u{1f600}\u2028/\u007f');
  });

  it('[ENC-13] keeps __proto__ as an own member and never changes the prototype', () => {
    const v = parse('{"__proto__":{"polluted":1}}') as Record<string, JsonValue>;
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(Object.keys(v)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(canonicalize(v)).toBe('{"__proto__":{"polluted":1}}');
  });

  it('[ENC-14] rejects what is not RFC 8259 JSON', () => {
    const notJson = [
      '',
      '{',
      '{"a":1',
      '[1,]',
      '{"a":1,}',
      '"abc',
      '01',
      '-01',
      '-',
      '+1',
      '.5',
      'tru',
      'nulll',
      'NaN',
      'Infinity',
      '"\\x41"',
      '"\\u004"',
      '"\\u00g0"',
      '[1]x',
      '[1][2]',
      '{a:1}',
      "'a'",
      '{"a"}',
      '{"a":}',
      '[,1]',
      '{,}',
      ']',
    ];
    for (const text of notJson) expectRejection(() => parse(text), 'ENC-14');
    expect(expectRejection(() => parseStrict(bytes('"a', [0x01], 'b"')), 'ENC-14')).toContain(
      'control character U+0001',
    );
    expectRejection(() => parseStrict(bytes('"a', [0x0a], '"')), 'ENC-14');
    expectRejection(() => parseStrict(bytes([0xc3, 0xa9])), 'ENC-14');
  });

  it('[ENC-15] rejects a byte order mark', () => {
    expectRejection(() => parseStrict(bytes([0xef, 0xbb, 0xbf], '{}')), 'ENC-15');
  });

  it('[ENC-16] rejects whitespace around every kind of token, with its offset', () => {
    for (const text of [
      ' 1',
      '1 ',
      '1\n',
      '\t[]',
      '[ ]',
      '[1 ]',
      '[1, 2]',
      '{ }',
      '{ "a":1}',
      '{"a" :1}',
      '{"a": 1}',
      '{"a":1 }',
      '{"a":1, "b":2}',
      '\r\n{}',
    ]) {
      expectRejection(() => parse(text), 'ENC-16');
    }
    expect(expectRejection(() => parse('[1, 2]'), 'ENC-16')).toContain('byte offset 3');
  });

  it('[ENC-17] rejects duplicate member names that JSON.parse silently merges', () => {
    // What a lenient parser does: the last duplicate wins, the first disappears.
    expect(JSON.parse('{"a":1,"a":2}')).toEqual({ a: 2 });
    expect(expectRejection(() => parse('{"a":1,"a":2}'), 'ENC-17')).toContain(
      'duplicate member name "a"',
    );
    expectRejection(() => parse('{"a":1,"a":1}'), 'ENC-17');
    expect(expectRejection(() => parse('{"x":[{"b":1,"b":1}]}'), 'ENC-17')).toContain('$.x[0]');
    // Byte comparison against the canonical form would catch it as well: the duplicate is dropped.
    expect(canonicalize(JSON.parse('{"a":1,"a":1}') as JsonValue)).toBe('{"a":1}');
  });

  it('[ENC-18] rejects members out of UTF-16 code-unit order', () => {
    for (const text of [
      '{"b":1,"a":2}',
      '{"aa":1,"a":2}',
      '{"a":1,"B":2}',
      '{"a":1,"c":2,"b":3}',
      '{"a":1,"":2}',
    ])
      expectRejection(() => parse(text), 'ENC-18');
    expect(parse('{"B":1,"a":2}')).toEqual({ B: 1, a: 2 });
    // An unsorted duplicate is reported as the order it breaks first.
    expectRejection(() => parse('{"a":1,"b":2,"a":3}'), 'ENC-18');
  });

  it('[ENC-19] rejects non-ASCII member names, literal or escaped', () => {
    expectRejection(() => parse('{"caf\u00e9":1}'), 'ENC-19');
    expectRejection(() => parse('{"a":{"\u{1f600}":1}}'), 'ENC-19');
    expect(parse('{"\\u0000\u007f":1}')).toEqual({ '\u0000\u007f': 1 });
  });

  it('[ENC-20] rejects fractions and exponents, even integral ones', () => {
    for (const text of [
      '1.0',
      '1.5',
      '0.5',
      '-0.5',
      '1e2',
      '1E2',
      '1e-2',
      '1e+2',
      '[0.0]',
      '{"a":2.50}',
      '9007199254740991.0',
    ])
      expectRejection(() => parse(text), 'ENC-20');
  });

  it('[ENC-21] rejects integers beyond ±(2^53−1) that JSON.parse rounds silently', () => {
    expect(JSON.parse('9007199254740993')).toBe(9007199254740992);
    for (const text of [
      '9007199254740992',
      '-9007199254740992',
      '9007199254740993',
      '18446744073709551616',
      '1' + '0'.repeat(400),
      '[-99999999999999999999]',
    ]) {
      expectRejection(() => parse(text), 'ENC-21');
    }
  });

  it('[ENC-22] rejects negative zero', () => {
    expectRejection(() => parse('-0'), 'ENC-22');
    expect(expectRejection(() => parse('{"a":[-0]}'), 'ENC-22')).toContain('$.a[0]');
    expect(Object.is(parse('0'), 0)).toBe(true);
  });

  it('[ENC-23] rejects every escape but the canonical one', () => {
    const cases = [
      '"\\/"',
      '"\\u0041"',
      '"\\u00e9"',
      '"\\u20ac"',
      '"\\u000a"',
      '"\\u0008"',
      '"\\u0009"',
      '"\\u000c"',
      '"\\u000d"',
      '"\\u0022"',
      '"\\u005c"',
      '"\\u001F"',
      '"\\u000B"',
      '"\\u007f"',
      '"\\u2028"',
      '"\\ud83d\\ude00"',
      '{"\\u0061":1}',
      '"\\uFFFF"',
    ];
    for (const text of cases) expectRejection(() => parse(text), 'ENC-23');
    expect(parse('"\\u000b\\u001f\\b\\t\\n\\f\\r\\"\\\\"')).toBe('\u000b\u001f\b\t\n\f\r"\\');
  });

  it('[ENC-11] rejects the lone surrogate escape that parse-and-compare over JSON.stringify would accept', () => {
    // The pitfall spec/encoding.md §4.2 warns about: JSON.stringify restores the very escape.
    expect(JSON.stringify(JSON.parse('"\\ud800"'))).toBe('"\\ud800"');
    expectRejection(() => parse('"\\ud800"'), 'ENC-11');
  });

  it('[ENC-11] rejects escaped lone surrogates', () => {
    for (const text of [
      '"\\ud800"',
      '"\\udbff"',
      '"\\udc00"',
      '"\\udfff"',
      '"\\ud800a"',
      '"\\udc00\\ud800"',
      '"\\ud800\\ud800"',
      '"\\ud800\\n"',
    ]) {
      expectRejection(() => parse(text), 'ENC-11');
    }
  });

  it('[ENC-10] rejects ill-formed UTF-8 inside strings, with the offset', () => {
    const cases: number[][] = [
      [0x80],
      [0xc0, 0xaf],
      [0xe0, 0x80, 0xaf],
      [0xed, 0xa0, 0x80],
      [0xf4, 0x90, 0x80, 0x80],
      [0xf8, 0x88, 0x80, 0x80, 0x80],
      [0xff],
      [0xe2, 0x82],
    ];
    for (const seq of cases)
      expectRejection(() => parseStrict(bytes('["ok","', seq, '"]')), 'ENC-10');
    expect(expectRejection(() => parseStrict(bytes('["ok","', [0x80], '"]')), 'ENC-10')).toContain(
      'byte offset 7',
    );
  });

  it('[ENC-12] rejects noncharacters inside strings', () => {
    for (const s of ['\ufdd0', '\ufdef', '\ufffe', '\uffff', '\u{1ffff}', '\u{10fffe}'])
      expectRejection(() => parse(`"${s}"`), 'ENC-12');
    expect(parse('"\ufdcf\ufdf0\ufffd"')).toBe('\ufdcf\ufdf0\ufffd');
  });

  it('[ENC-26] rejects nesting beyond maxDepth with ERR_INPUT_TOO_LARGE', () => {
    expect(parse(nested(DEFAULT_JSON_MAX_DEPTH))).toBeDefined();
    expectRejection(
      () => parse(nested(DEFAULT_JSON_MAX_DEPTH + 1)),
      'ENC-26',
      'ERR_INPUT_TOO_LARGE',
    );
    expectRejection(() => parse('['.repeat(100_000)), 'ENC-26', 'ERR_INPUT_TOO_LARGE');
    expectRejection(
      () => parseStrict(new TextEncoder().encode('{"a":{"b":{}}}'), { maxDepth: 2 }),
      'ENC-26',
      'ERR_INPUT_TOO_LARGE',
    );
    expect(parseStrict(new TextEncoder().encode('{"a":{}}'), { maxDepth: 2 })).toEqual({ a: {} });
  });

  it('[ENC-27] rejects inputs over maxBytes before parsing them (default 1 MiB)', () => {
    const exact = new TextEncoder().encode('"' + 'a'.repeat(DEFAULT_JSON_MAX_BYTES - 2) + '"');
    expect((parseStrict(exact) as string).length).toBe(DEFAULT_JSON_MAX_BYTES - 2);
    const over = new TextEncoder().encode('"' + 'a'.repeat(DEFAULT_JSON_MAX_BYTES - 1) + '"');
    expectRejection(() => parseStrict(over), 'ENC-27', 'ERR_INPUT_TOO_LARGE');
    // Checked before parsing: garbage over the limit is reported as too large, not as ill-formed.
    expectRejection(
      () => parseStrict(new Uint8Array(17).fill(0xff), { maxBytes: 16 }),
      'ENC-27',
      'ERR_INPUT_TOO_LARGE',
    );
  });

  it('[ENC-29] returns strings exactly as sent, without normalisation', () => {
    expect(parse('"cafe\u0301"')).toBe('cafe\u0301');
    expect(parse('"caf\u00e9"')).toBe('caf\u00e9');
  });

  it('rejects a non-Uint8Array argument and unusable limits with ERR_INVALID_ARGUMENT', () => {
    expectRejection(
      () => parseStrict('{}' as unknown as Uint8Array),
      undefined,
      'ERR_INVALID_ARGUMENT',
    );
    const input = new TextEncoder().encode('[]');
    for (const bad of [Number.NaN, -1, 1.5, Number.POSITIVE_INFINITY]) {
      expectRejection(
        () => parseStrict(input, { maxDepth: bad }),
        undefined,
        'ERR_INVALID_ARGUMENT',
      );
      expectRejection(
        () => parseStrict(input, { maxBytes: bad }),
        undefined,
        'ERR_INVALID_ARGUMENT',
      );
      expectRejection(() => canonicalize([], { maxDepth: bad }), undefined, 'ERR_INVALID_ARGUMENT');
    }
  });

  it('[ENC-26] refuses a maxDepth above 1000, which would let deep input overflow the stack (a RangeError) before the limit', () => {
    const deep = (n: number): Uint8Array => new TextEncoder().encode('['.repeat(n) + ']'.repeat(n));
    expectRejection(
      () => parseStrict(deep(10), { maxDepth: 1001 }),
      undefined,
      'ERR_INVALID_ARGUMENT',
    );
    expectRejection(() => canonicalize([], { maxDepth: 1001 }), undefined, 'ERR_INVALID_ARGUMENT');
    // The largest allowed limit is usable all the way down on this runtime.
    expect(JSON.stringify(parseStrict(deep(1000), { maxDepth: 1000 }))).toBe(
      '['.repeat(1000) + ']'.repeat(1000),
    );
    let v: JsonValue = [];
    for (let i = 1; i < 1000; i++) v = [v];
    expect(canonicalize(v, { maxDepth: 1000 })).toHaveLength(2000);
    expectRejection(
      () => parseStrict(deep(1001), { maxDepth: 1000, maxBytes: 4000 }),
      'ENC-26',
      'ERR_INPUT_TOO_LARGE',
    );
  });

  it('[ENC-13] keeps U+FEFF inside strings, at the start and after an escape', () => {
    expect(parse('"\ufeffa"')).toBe('\ufeffa');
    expect(parse('"\\n\ufeff\u00e9"')).toBe('\n\ufeff\u00e9');
    expect(parse('["\ufeff","x\\"\ufeff"]')).toEqual(['\ufeff', 'x"\ufeff']);
  });

  it('[ENC-13] gives the same answers without a native TextDecoder (React Native / Hermes)', async () => {
    vi.resetModules();
    vi.stubGlobal('TextDecoder', undefined);
    try {
      const { parseStrict: parseWithoutDecoder } = await import('../../src/encoding/parse.js');
      const samples = [
        '{"a":"' + 'x'.repeat(40) + '","b":"\u00e9\u{1f600}\\n\ufeff' + 'y'.repeat(40) + '"}',
        '"\ufeff"',
        '["short","\u540d\u524d"]',
      ];
      for (const text of samples) {
        const input = new TextEncoder().encode(text);
        expect(parseWithoutDecoder(input)).toStrictEqual(parseStrict(input));
      }
      // The re-imported module has its own JitsuinError class, so compare members, not instanceof.
      let thrown: unknown;
      try {
        parseWithoutDecoder(bytes('"', [0xc0, 0xaf], '"'));
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toMatchObject({
        name: 'JitsuinError',
        code: 'ERR_ENCODING',
        requirement: 'ENC-10',
      });
    } finally {
      vi.unstubAllGlobals();
      vi.resetModules();
    }
  });
});

describe('strict JSON speed (micro-check; benchmarks live in test/bench)', () => {
  it('canonicalizes and parses a document of about 70 kB well within the time budget', () => {
    const doc: JsonValue = {
      items: Array.from({ length: 800 }, (_, i) => ({
        id: `item-${i}`,
        iat: 1_767_225_600 + i,
        ok: i % 2 === 0,
        name: `\u540d\u524d ${i}`,
        tags: ['a', 'b', String(i)],
      })),
    };
    const text = canonicalizeToBytes(doc);
    expect(text.length).toBeGreaterThan(50_000);
    const rounds = 20;
    const t0 = performance.now();
    for (let i = 0; i < rounds; i++) parseStrict(canonicalizeToBytes(doc));
    const ms = (performance.now() - t0) / rounds;
    const t1 = performance.now();
    for (let i = 0; i < rounds; i++)
      JSON.parse(new TextDecoder().decode(new TextEncoder().encode(JSON.stringify(doc))));
    const nativeMs = (performance.now() - t1) / rounds;
    // Generous bound for a shared CI machine: ~10 MB/s would already be slow for this code.
    expect(ms).toBeLessThan(250);
    console.info(
      `strict JSON round trip of ${text.length} bytes: ${ms.toFixed(2)} ms (native JSON ${nativeMs.toFixed(2)} ms)`,
    );
  });
});
