import { describe, expect, it } from 'vitest';
import { certificatesSuite } from '../../src/conformance/suites/certificates.js';
import { certificatesGenerator } from '../generators/certificates.js';
import { judgeOutcome } from '../../src/conformance/judge.js';
import { checkVectorFile, flattenCases } from '../../src/conformance/vectorFile.js';
import type { VectorFile } from '../../src/conformance/types.js';

describe('certificates vector suite', () => {
  let file: VectorFile;
  it('generates deterministically and passes its own checks', async () => {
    file = await certificatesGenerator.generate();
    const again = await certificatesGenerator.generate();
    expect(JSON.stringify(again)).toBe(JSON.stringify(file));
    expect(checkVectorFile(JSON.parse(JSON.stringify(file)))).toEqual([]);
    expect(file.numberOfTests).toBeGreaterThan(80);
  }, 120_000);

  it('every case gives its expected result through run()', async () => {
    const failures: string[] = [];
    for (const c of flattenCases(file)) {
      const outcome = await certificatesSuite.run(c.type, c.input);
      const verdict = judgeOutcome(c.test, outcome);
      if (verdict.status !== 'passed')
        failures.push(
          `${c.id} ${c.test.comment}: expected ${verdict.expected}, got ${verdict.actual} ${verdict.detail ?? ''}`,
        );
    }
    expect(failures).toEqual([]);
  }, 120_000);
});
