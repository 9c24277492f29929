import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { enrollmentSuite } from '../../src/conformance/suites/enrollment.js';
import { enrollmentGenerator } from '../generators/enrollment.js';
import {
  flattenCases,
  checkVectorFile,
  type VectorCase,
} from '../../src/conformance/vectorFile.js';
import { judgeOutcome } from '../../src/conformance/judge.js';
import type { VectorFile } from '../../src/conformance/types.js';

let file: VectorFile;
let cases: VectorCase[];

beforeAll(async () => {
  file = await enrollmentGenerator.generate();
  cases = flattenCases(file);
}, 120_000);

describe('enrollment vectors', () => {
  it('are deterministic: generating twice gives identical bytes', async () => {
    const again = await enrollmentGenerator.generate();
    expect(JSON.stringify(again)).toBe(JSON.stringify(file));
  }, 60_000);

  it('match the published vectors/enrollment.json', () => {
    const published = readFileSync(
      new URL('../../vectors/enrollment.json', import.meta.url),
      'utf8',
    );
    expect(JSON.parse(published)).toEqual(JSON.parse(JSON.stringify(file)));
  });

  it('pass the structural checks of a vector file', () => {
    expect(checkVectorFile(JSON.parse(JSON.stringify(file)))).toEqual([]);
    expect(file.numberOfTests).toBe(cases.length);
  });

  it('are all passed by this library', async () => {
    const failures: string[] = [];
    for (const c of cases) {
      const verdict = judgeOutcome(
        c.test,
        await enrollmentSuite.run(
          c.type,
          JSON.parse(JSON.stringify(c.input)) as Record<string, unknown>,
        ),
      );
      if (verdict.status !== 'passed')
        failures.push(`${c.id} ${c.test.comment}: ${verdict.detail ?? ''}`);
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it('have at least one negative enrollment case per CA check, each with its error code', () => {
    const negatives = cases.filter(
      (c) => c.type === 'enrollment-process' && c.test.result === 'invalid',
    );
    const byRule = new Map<string, Set<string>>();
    for (const c of negatives)
      for (const r of c.test.requirements)
        byRule.set(r, new Set([...(byRule.get(r) ?? []), c.test.error as string]));
    expect(byRule.get('ENR-02')).toEqual(new Set(['ERR_ENROLLMENT_REQUEST']));
    expect(byRule.get('ENR-03')).toEqual(new Set(['ERR_ENROLLMENT_CHALLENGE']));
    expect(byRule.get('ENR-04')).toEqual(new Set(['ERR_ENROLLMENT_CSR']));
    expect(byRule.get('ENR-06')).toEqual(new Set(['ERR_JPKI_PROFILE']));
    expect(byRule.get('ENR-07')).toEqual(
      new Set([
        'ERR_REVOKED',
        'ERR_REVOCATION_UNKNOWN',
        'ERR_JPKI_TEST_CERTIFICATE',
        'ERR_PATH_EXPIRED',
        'ERR_PATH_SIGNATURE',
      ]),
    );
    expect(byRule.get('ENR-08')).toEqual(new Set(['ERR_ENROLLMENT_CARD_SIGNATURE']));
    expect(byRule.get('ENR-09')).toEqual(new Set(['ERR_ENROLLMENT_CARD_SIGNATURE']));
    expect(byRule.get('ENR-10')).toEqual(new Set(['ERR_ENROLLMENT_ATTESTATION']));
    expect(byRule.get('ENR-12')).toEqual(new Set(['ERR_COMMON_CODE']));
  });

  it('re-bind through one and two J-LIS links, and never without a link', () => {
    const valid = cases
      .filter((c) => c.type === 'enrollment-process' && c.test.result === 'valid')
      .map(
        (c) =>
          c.test.output as {
            commonCodeStatus: string;
            rebindingStatements: number;
            commonCode: string;
          },
      );
    const rebound = valid.filter((o) => o.commonCodeStatus === 'rebound');
    expect(rebound.map((o) => o.rebindingStatements).sort()).toEqual([1, 2]);
    expect(new Set(rebound.map((o) => o.commonCode)).size).toBe(1);
  });
});
