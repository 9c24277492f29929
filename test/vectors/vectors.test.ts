/**
 * Every committed vectors/*.json: valid against the schema and the semantic checks, and every case
 * passes through this library's registered suite. Test names carry the tcId and the requirement
 * ids in brackets (trace reads coverage from the vector files themselves).
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SUITES } from '../../src/conformance/suites.js';
import { flattenCases } from '../../src/conformance/vectorFile.js';
import { judgeOutcome } from '../../src/conformance/judge.js';
import { SPEC_VERSION } from '../../src/conformance/version.js';
import type { VectorFile } from '../../src/conformance/types.js';
import { loadVectorSchema, vectorFileProblems } from '../../src/cli/schema.js';
import { packageRoot } from '../../src/cli/io.js';
import { generateVectorTexts } from '../generators/vectors.js';
import { GENERATORS } from '../generators/index.js';

const root = packageRoot();
const dir = join(root, 'vectors');
const validate = loadVectorSchema(root);
const names = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();

it('every registered suite has a committed vector file and every vector file a registered suite', () => {
  expect(names).toEqual(SUITES.map((s) => `${s.name}.json`).sort());
});

it('every judge (src/conformance/suites.ts) has a generator (test/generators/index.ts), in the same order', () => {
  expect(GENERATORS.map((g) => g.name)).toEqual(SUITES.map((s) => s.name));
});

it('[CONF-10] every generator gives byte-identical files twice in a row, equal to the committed files', async () => {
  const first = await generateVectorTexts(root);
  const second = await generateVectorTexts(root);
  for (const [name, text] of first) {
    expect(second.get(name), `${name} changed between two generations`).toBe(text);
    expect(readFileSync(join(dir, name), 'utf8'), `vectors/${name} is not what the generator writes (npm run vectors)`).toBe(text);
  }
}, 180_000); // two full generations (RSA-2048 TEST keys): ~20 s of CPU, far more on a shared, loaded machine

for (const name of names) {
  const value: unknown = JSON.parse(readFileSync(join(dir, name), 'utf8'));
  describe(`vectors/${name}`, () => {
    it('is valid against spec/schemas/vectors.schema.json and the semantic checks, for this spec version', () => {
      expect(vectorFileProblems(validate, value)).toEqual([]);
      expect((value as VectorFile).suite).toBe(name.replace(/\.json$/, ''));
      expect((value as VectorFile).specVersion).toBe(SPEC_VERSION);
    });
    const file = value as VectorFile;
    const suite = SUITES.find((s) => s.name === file.suite);
    if (suite === undefined || !Array.isArray(file.testGroups)) return;
    for (const c of flattenCases(file)) {
      const reqs = c.test.requirements.length > 0 ? ` [${c.test.requirements.join('] [')}]` : '';
      it(`tcId ${c.test.tcId} ${c.type}${reqs} ${c.test.comment}`, async () => {
        const outcome = await suite.run(c.type, structuredClone(c.input));
        const verdict = judgeOutcome(c.test, outcome);
        expect(verdict.status, verdict.detail).toBe('passed');
      });
    }
  });
}
