/**
 * The `ecdsa` vector suite: its generator is deterministic and schema-valid, and every case it
 * generates passes through this library on both crypto backends with the same answer.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { ecdsaSuite } from '../../src/conformance/suites/ecdsa.js';
import { ecdsaGenerator } from '../generators/ecdsa.js';
import { flattenCases } from '../../src/conformance/vectorFile.js';
import { judgeOutcome } from '../../src/conformance/judge.js';
import { loadVectorSchema, vectorFileProblems } from '../../src/cli/schema.js';
import { packageRoot } from '../../src/cli/io.js';
import { setCryptoBackend } from '../../src/crypto/index.js';
import type { VectorFile } from '../../src/conformance/types.js';

afterAll(() => setCryptoBackend('auto'));

const file = (await ecdsaGenerator.generate()) as VectorFile;

describe('ecdsa vector suite', () => {
  it('generate() is deterministic and schema-valid', async () => {
    expect(JSON.stringify(await ecdsaGenerator.generate())).toBe(JSON.stringify(file));
    expect(
      vectorFileProblems(loadVectorSchema(packageRoot()), JSON.parse(JSON.stringify(file))),
    ).toEqual([]);
  });

  it('covers every MUST of spec/crypto.md that a vector can express', () => {
    const ids = new Set(file.testGroups.flatMap((g) => g.tests.flatMap((t) => t.requirements)));
    for (const id of [
      'CRY-01',
      'CRY-02',
      'CRY-03',
      'CRY-04',
      'CRY-05',
      'CRY-06',
      'CRY-07',
      'CRY-08',
      'CRY-09',
      'CRY-11',
      'CRY-12',
      'CRY-13',
      'CRY-14',
      'CRY-20',
      'CRY-21',
    ]) {
      expect(ids.has(id), id).toBe(true);
    }
  });

  it('an unknown group type is answered as skipped, and malformed input as invalid, never thrown', async () => {
    expect((await ecdsaSuite.run('no-such-type', {})).result).toBe('skipped');
    expect(await ecdsaSuite.run('ecdsa-verify', { publicKey: 7 })).toEqual({
      result: 'invalid',
      error: 'ERR_VECTOR',
    });
    expect(await ecdsaSuite.run('ecdsa-der-to-raw', { der: 'MA=', curve: 'P-256' })).toEqual({
      result: 'invalid',
      error: 'ERR_ENCODING',
    });
  });

  describe.each(['webcrypto', 'noble'] as const)('on the %s backend', (backend) => {
    for (const c of flattenCases(file)) {
      it(`tcId ${c.test.tcId} ${c.type} [${c.test.requirements.join('] [')}] ${c.test.comment}`, async () => {
        setCryptoBackend(backend);
        const verdict = judgeOutcome(
          c.test,
          await ecdsaSuite.run(c.type, structuredClone(c.input)),
        );
        expect(verdict.status, verdict.detail).toBe('passed');
      });
    }
  });
});
