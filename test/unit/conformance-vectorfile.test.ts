import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkVectorFile, flattenCases } from '../../src/conformance/vectorFile.js';
import { serializeVectorFile } from '../../src/conformance/serialize.js';
import { loadVectorSchema, vectorFileProblems } from '../../src/cli/schema.js';
import { packageRoot } from '../../src/cli/io.js';
import { mutableToy, toyFile } from './conformance.fixtures.js';

const validate = loadVectorSchema(packageRoot());

describe('vector file checks', () => {
  it('[CONF-01] accepts a well-formed file (schema and semantic checks)', () => {
    expect(vectorFileProblems(validate, mutableToy())).toEqual([]);
  });

  function problemsAfter(mutate: (f: Record<string, any>) => void): string[] {
    const f = mutableToy();
    mutate(f);
    return vectorFileProblems(validate, f);
  }
  function expectProblem(mutate: (f: Record<string, any>) => void, message: RegExp): void {
    const problems = problemsAfter(mutate);
    expect(
      problems.some((p) => message.test(p)),
      problems.join('\n'),
    ).toBe(true);
  }

  it('[CONF-02] rejects a numberOfTests that differs from the count', () => {
    expectProblem((f) => (f.numberOfTests = 5), /numberOfTests is 5 but the file has 4/);
  });
  it('[CONF-03] rejects tcIds that are not strictly ascending, also across groups', () => {
    expectProblem((f) => (f.testGroups[1].tests[0].tcId = 2), /strictly ascending/);
    expectProblem((f) => (f.testGroups[1].tests[0].tcId = 1), /strictly ascending/);
  });
  it('[CONF-04] rejects a flag that notes do not document', () => {
    expectProblem(
      (f) => (f.testGroups[0].tests[0].flags = ['Nope']),
      /flag "Nope" is not documented/,
    );
  });
  it('[CONF-05] rejects an invalid test without error or with a code outside ERROR_CODES', () => {
    expectProblem((f) => delete f.testGroups[1].tests[0].error, /must name its error code/);
    expectProblem(
      (f) => (f.testGroups[1].tests[0].error = 'ERR_NOT_A_CODE'),
      /is not an ErrorCode/,
    );
  });
  it('[CONF-06] rejects an error code on a valid or acceptable test', () => {
    expectProblem(
      (f) => (f.testGroups[0].tests[0].error = 'ERR_ENCODING'),
      /only invalid tests carry an error code/,
    );
    expectProblem(
      (f) => (f.testGroups[1].tests[1].error = 'ERR_ENCODING'),
      /only invalid tests carry an error code/,
    );
  });
  it('[CONF-07] rejects a malformed requirement id', () => {
    expectProblem(
      (f) => (f.testGroups[0].tests[0].requirements = ['jws-4']),
      /not a requirement id/,
    );
  });

  it('[CONF-01] the schema rejects wrong constants, missing or unknown members, bad enums, empty groups', () => {
    const schemaOnly: [string, (f: Record<string, any>) => void][] = [
      ['a wrong schema constant', (f) => (f.schema = 'wycheproof')],
      ['a missing specVersion', (f) => delete f.specVersion],
      ['an unknown top-level member', (f) => (f.extra = 1)],
      ['an unknown bugType', (f) => (f.notes.EdgeCase.bugType = 'OOPS')],
      [
        'a result outside valid/invalid/acceptable',
        (f) => (f.testGroups[0].tests[0].result = 'skipped'),
      ],
      ['a test without requirements', (f) => delete f.testGroups[0].tests[0].requirements],
      ['an unknown test member', (f) => (f.testGroups[0].tests[0].note = 'x')],
      ['an empty group', (f) => (f.testGroups[0].tests = [])],
      ['a non-object input', (f) => (f.testGroups[0].tests[0].input = 'a')],
    ];
    for (const [name, mutate] of schemaOnly) {
      const f = mutableToy();
      mutate(f);
      expect(validate(f), name).toBe(false);
    }
  });

  it('never throws on arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(Array.isArray(checkVectorFile(v))).toBe(true);
      }),
    );
    expect(
      checkVectorFile({ testGroups: [{ tests: [null, 3] }], numberOfTests: 2 }).length,
    ).toBeGreaterThan(0);
  });
});

describe('flattenCases', () => {
  it('[CONF-08] merges group members under test input, test input winning', () => {
    const cases = flattenCases(toyFile());
    expect(cases.map((c) => c.id)).toEqual(['toy/1', 'toy/2', 'toy/3', 'toy/4']);
    expect(cases[0]!.input).toEqual({ shared: 'group', value: 'a' });
    expect(cases[1]!.input).toEqual({ shared: 'test', value: 'b' });
    expect(cases[2]!.type).toBe('reject');
    expect(cases[2]!.input).toEqual({});
  });
});

describe('serializeVectorFile', () => {
  it('[CONF-12] uses the fixed member order, 2-space indent and a final newline, whatever the insertion order', () => {
    const f = toyFile();
    const shuffled = JSON.parse(
      JSON.stringify({
        testGroups: f.testGroups,
        notes: f.notes,
        numberOfTests: 4,
        suite: 'toy',
        specVersion: '0.1',
        schema: f.schema,
      }),
    );
    const text = serializeVectorFile(shuffled);
    expect(text).toBe(serializeVectorFile(f));
    expect(text.endsWith('}\n')).toBe(true);
    expect(Object.keys(JSON.parse(text))).toEqual([
      'schema',
      'suite',
      'specVersion',
      'numberOfTests',
      'notes',
      'testGroups',
    ]);
    expect(Object.keys(JSON.parse(text).testGroups[0])).toEqual(['type', 'shared', 'tests']);
    expect(Object.keys(JSON.parse(text).testGroups[1].tests[0])).toEqual([
      'tcId',
      'comment',
      'flags',
      'requirements',
      'input',
      'result',
      'error',
    ]);
    expect(text).toContain('\n  "suite": "toy"');
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(f)));
  });

  it('[CONF-12] keeps a member named __proto__ as an ordinary member (found by the Python harness)', () => {
    const f = JSON.parse(JSON.stringify(toyFile())) as Record<string, any>;
    f.testGroups[0].tests[0].output = JSON.parse('{"value":{"__proto__":{"a":1}}}');
    const text = serializeVectorFile(f as never);
    expect(text).toContain('"__proto__": {');
    expect(Object.keys(JSON.parse(text).testGroups[0].tests[0].output.value)).toEqual([
      '__proto__',
    ]);
  });
});
