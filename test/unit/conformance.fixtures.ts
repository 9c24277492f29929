/** Small vector files and suites for the conformance and CLI tests. */
import type { CaseOutcome, VectorFile, VectorSuite } from '../../src/conformance/types.js';
import type { VectorGenerator } from '../generators/types.js';

/** A well-formed file of a toy suite "toy": `echo` returns its input's `value`, `reject` rejects with ERR_ENCODING. */
export function toyFile(): VectorFile {
  return {
    schema: 'jitsuin-vectors-v1',
    suite: 'toy',
    specVersion: '0.1',
    numberOfTests: 4,
    notes: { EdgeCase: { bugType: 'EDGE_CASE', description: 'an edge case' } },
    testGroups: [
      {
        type: 'echo',
        shared: 'group',
        tests: [
          {
            tcId: 1,
            comment: 'echo',
            flags: [],
            requirements: ['CONF-01'],
            input: { value: 'a' },
            result: 'valid',
            output: { value: 'a', shared: 'group' },
          },
          {
            tcId: 2,
            comment: 'override shared',
            flags: ['EdgeCase'],
            requirements: [],
            input: { value: 'b', shared: 'test' },
            result: 'valid',
            output: { value: 'b', shared: 'test' },
          },
        ],
      },
      {
        type: 'reject',
        tests: [
          {
            tcId: 3,
            comment: 'reject',
            flags: [],
            requirements: ['CONF-02'],
            input: {},
            result: 'invalid',
            error: 'ERR_ENCODING',
          },
          {
            tcId: 4,
            comment: 'either',
            flags: [],
            requirements: [],
            input: {},
            result: 'acceptable',
          },
        ],
      },
    ],
  };
}

/** The toy suite as this library would judge it (and its generator); `behave` overrides answers per type for fault injection. */
export function toySuite(
  behave: Partial<
    Record<string, (input: Readonly<Record<string, unknown>>) => Promise<CaseOutcome>>
  > = {},
): VectorSuite & VectorGenerator {
  return {
    name: 'toy',
    generate: () => toyFile(),
    async run(type, input) {
      const override = behave[type];
      if (override !== undefined) return override(input);
      if (type === 'echo')
        return { result: 'valid', output: { value: input['value'], shared: input['shared'] } };
      if (type === 'reject') return { result: 'invalid', error: 'ERR_ENCODING' };
      return { result: 'invalid', error: 'ERR_VECTOR' };
    },
  };
}

/** A deep, mutable copy of the toy file for negative tests. */
export function mutableToy(): Record<string, any> {
  return JSON.parse(JSON.stringify(toyFile())) as Record<string, any>;
}
