import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { isJitsuinError } from '../../src/errors.js';
import { jpkiSuite } from '../../src/conformance/suites/jpki.js';
import { jpkiGenerator } from '../generators/jpki.js';
import {
  flattenCases,
  checkVectorFile,
  type VectorCase,
} from '../../src/conformance/vectorFile.js';
import { judgeOutcome } from '../../src/conformance/judge.js';
import { setCryptoBackend } from '../../src/crypto/backend.js';
import type { VectorFile } from '../../src/conformance/types.js';
import { readJpkiCertificate } from '../../src/jpki/index.js';

let file: VectorFile;
let cases: VectorCase[];
const b64url = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'base64url'));

beforeAll(async () => {
  file = await jpkiGenerator.generate();
  cases = flattenCases(file);
}, 120_000);

describe('jpki vectors', () => {
  it('are deterministic: generating twice gives identical bytes', async () => {
    const again = await jpkiGenerator.generate();
    expect(JSON.stringify(again)).toBe(JSON.stringify(file));
  }, 60_000);

  it('match the published vectors/jpki.json', () => {
    const published = readFileSync(new URL('../../vectors/jpki.json', import.meta.url), 'utf8');
    expect(JSON.parse(published)).toEqual(JSON.parse(JSON.stringify(file)));
  });

  it('pass the structural checks of a vector file', () => {
    expect(checkVectorFile(JSON.parse(JSON.stringify(file)))).toEqual([]);
    expect(file.numberOfTests).toBe(cases.length);
    expect(cases.length).toBeGreaterThan(80);
  });

  it('are all passed by this library, on both crypto backends', async () => {
    const failures: string[] = [];
    for (const backend of ['webcrypto', 'noble'] as const) {
      setCryptoBackend(backend);
      try {
        for (const c of cases) {
          const verdict = judgeOutcome(
            c.test,
            await jpkiSuite.run(
              c.type,
              JSON.parse(JSON.stringify(c.input)) as Record<string, unknown>,
            ),
          );
          if (verdict.status !== 'passed')
            failures.push(`${backend} ${c.id} ${c.test.comment}: ${verdict.detail ?? ''}`);
        }
      } finally {
        setCryptoBackend('auto');
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it('reject each invalid jpki-read case for the rule it targets (the error names one of its requirement ids)', () => {
    const wrong: string[] = [];
    for (const c of cases.filter((x) => x.type === 'jpki-read' && x.test.result === 'invalid')) {
      try {
        readJpkiCertificate(b64url(c.input['certificate'] as string));
        wrong.push(`${c.id}: accepted`);
      } catch (e) {
        // ERR_CERT_MALFORMED comes from the X.509 parser, whose own ids (CERT-01) stand for JPKI-01.
        const ok =
          isJitsuinError(e) &&
          (c.test.requirements.includes(e.requirement ?? '') ||
            (e.code === 'ERR_CERT_MALFORMED' && c.test.requirements.includes('JPKI-01')));
        if (!ok)
          wrong.push(
            `${c.id} ${c.test.comment}: ${isJitsuinError(e) ? `${e.code} ${e.requirement ?? '?'}` : String(e)}`,
          );
      }
    }
    expect(wrong).toEqual([]);
  });

  it('cover every era digit 0..5 and every sex value among the valid read cases', () => {
    const out = cases
      .filter((c) => c.type === 'jpki-read' && c.test.result === 'valid')
      .map(
        (c) => c.test.output as { personal?: { sex: string; dateOfBirth: { eraDigit: number } } },
      );
    expect(
      new Set(out.map((o) => o.personal?.dateOfBirth.eraDigit).filter((d) => d !== undefined)),
    ).toEqual(new Set([0, 1, 2, 3, 4, 5]));
    expect(new Set(out.map((o) => o.personal?.sex).filter((s) => s !== undefined))).toEqual(
      new Set(['male', 'female', 'unknown']),
    );
    expect(out.some((o) => JSON.stringify(o).includes('"nameSubstituted":"1'))).toBe(true);
  });

  it('chain across all three TEST root generations (three distinct anchors in the outputs)', () => {
    const anchors = cases
      .filter(
        (c) =>
          c.type === 'jpki-validate' && c.test.result === 'valid' && !c.test.flags.includes('Real'),
      )
      .map((c) => (c.test.output as { anchorSha256: string }).anchorSha256);
    expect(new Set(anchors).size).toBe(3);
  });
});
