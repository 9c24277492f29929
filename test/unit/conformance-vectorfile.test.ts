import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkVectorFile, flattenCases } from '../../src/conformance/vectorFile.js';
import { serializeVectorFile } from '../../src/conformance/serialize.js';
import { loadVectorSchema, vectorFileProblems } from '../../src/cli/schema.js';
import { packageRoot } from '../../src/cli/io.js';
import { mutableToy, toyFile } from './conformance.fixtures.js';

const validate = loadVectorSchema(packageRoot());

describe('vector file checks', () => {
  it('accepts a well-formed file (schema and semantic checks)', () => {
    expect(vectorFileProblems(validate, mutableToy())).toEqual([]);
  });

  const broken: [string, (f: Record<string, any>) => void, RegExp][] = [
    ['numberOfTests differs from the count', (f) => (f.numberOfTests = 5), /numberOfTests is 5 but the file has 4/],
    ['tcIds not ascending', (f) => (f.testGroups[1].tests[0].tcId = 2), /strictly ascending/],
    ['duplicate tcId across groups', (f) => (f.testGroups[1].tests[0].tcId = 1), /strictly ascending/],
    ['flag not in notes', (f) => (f.testGroups[0].tests[0].flags = ['Nope']), /flag "Nope" is not documented/],
    ['invalid test without error', (f) => delete f.testGroups[1].tests[0].error, /must name its error code/],
    ['valid test with error', (f) => (f.testGroups[0].tests[0].error = 'ERR_ENCODING'), /only invalid tests carry an error code/],
    ['acceptable test with error', (f) => (f.testGroups[1].tests[1].error = 'ERR_ENCODING'), /only invalid tests carry an error code/],
    ['error code not in ERROR_CODES', (f) => (f.testGroups[1].tests[0].error = 'ERR_NOT_A_CODE'), /is not an ErrorCode/],
    ['malformed requirement id', (f) => (f.testGroups[0].tests[0].requirements = ['jws-4']), /not a requirement id/],
  ];
  for (const [name, mutate, message] of broken) {
    it(`rejects a file with ${name}`, () => {
      const f = mutableToy();
      mutate(f);
      const problems = vectorFileProblems(validate, f);
      expect(problems.some((p) => message.test(p)), problems.join('\n')).toBe(true);
    });
  }

  const schemaOnly: [string, (f: Record<string, any>) => void][] = [
    ['a wrong schema constant', (f) => (f.schema = 'wycheproof')],
    ['a missing specVersion', (f) => delete f.specVersion],
    ['an unknown top-level member', (f) => (f.extra = 1)],
    ['an unknown bugType', (f) => (f.notes.EdgeCase.bugType = 'OOPS')],
    ['a result outside valid/invalid/acceptable', (f) => (f.testGroups[0].tests[0].result = 'skipped')],
    ['a test without requirements', (f) => delete f.testGroups[0].tests[0].requirements],
    ['an unknown test member', (f) => (f.testGroups[0].tests[0].note = 'x')],
    ['an empty group', (f) => (f.testGroups[0].tests = [])],
    ['a non-object input', (f) => (f.testGroups[0].tests[0].input = 'a')],
  ];
  for (const [name, mutate] of schemaOnly) {
    it(`the schema rejects ${name}`, () => {
      const f = mutableToy();
      mutate(f);
      expect(validate(f)).toBe(false);
    });
  }

  it('never throws on arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(Array.isArray(checkVectorFile(v))).toBe(true);
      }),
    );
    expect(checkVectorFile({ testGroups: [{ tests: [null, 3] }], numberOfTests: 2 }).length).toBeGreaterThan(0);
  });
});

describe('flattenCases', () => {
  it('merges group members under test input, test input winning', () => {
    const cases = flattenCases(toyFile());
    expect(cases.map((c) => c.id)).toEqual(['toy/1', 'toy/2', 'toy/3', 'toy/4']);
    expect(cases[0]!.input).toEqual({ shared: 'group', value: 'a' });
    expect(cases[1]!.input).toEqual({ shared: 'test', value: 'b' });
    expect(cases[2]!.type).toBe('reject');
    expect(cases[2]!.input).toEqual({});
  });
});

describe('serializeVectorFile', () => {
  it('uses the fixed member order, 2-space indent and a final newline, whatever the insertion order', () => {
    const f = toyFile();
    const shuffled = JSON.parse(JSON.stringify({ testGroups: f.testGroups, notes: f.notes, numberOfTests: 4, suite: 'toy', specVersion: '0.1', schema: f.schema }));
    const text = serializeVectorFile(shuffled);
    expect(text).toBe(serializeVectorFile(f));
    expect(text.endsWith('}\n')).toBe(true);
    expect(Object.keys(JSON.parse(text))).toEqual(['schema', 'suite', 'specVersion', 'numberOfTests', 'notes', 'testGroups']);
    expect(Object.keys(JSON.parse(text).testGroups[0])).toEqual(['type', 'shared', 'tests']);
    expect(Object.keys(JSON.parse(text).testGroups[1].tests[0])).toEqual(['tcId', 'comment', 'flags', 'requirements', 'input', 'result', 'error']);
    expect(text).toContain('\n  "suite": "toy"');
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(f)));
  });
});
