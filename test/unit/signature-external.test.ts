import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cadesSuite, statedVerdict } from '../../src/conformance/external/cades.js';

// The external folder sits beside the repository (JITSUIN_EXTERNAL overrides it); without it these
// tests are listed as skipped, never as passed.
const BASE = process.env.JITSUIN_EXTERNAL ?? join(process.cwd(), '..', 'shared', 'external');
const read = async (p: string): Promise<Uint8Array> => new Uint8Array(readFileSync(join(BASE, p)));

describe('cades verdict wording', () => {
  it('[SIG-04] maps every stated wording and refuses unknown ones', () => {
    expect(
      statedVerdict('B-level technically valid (signature intact + messageDigest matches)'),
    ).toBe('valid');
    expect(statedVerdict('NOT B-level technically valid')).toBe('invalid');
    expect(statedVerdict('reject')).toBe('invalid');
    expect(
      statedVerdict('valid CMS, but `-verify -cades` fails: missing signing certificate attribute'),
    ).toBe('invalid');
    expect(() => statedVerdict('probably fine')).toThrow(/unknown verdict/);
  });
});

describe.runIf(existsSync(join(BASE, 'cades', 'verdicts.json')))(
  'external CAdES samples (EU DSS, OpenSSL)',
  () => {
    it('[SIG-06] [SIG-09] [SIG-10] [SIG-04] [SIG-07] every case gives its stated verdict or a listed exception with the pinned error', async () => {
      const rows = await cadesSuite.run(read);
      expect(rows.flatMap((r) => r.failures)).toEqual([]);
      const skips = rows.flatMap((r) => r.skips);
      for (const s of skips) expect(s.reason.length).toBeGreaterThan(40);
      // The three cases where DSS and OpenSSL disagree are explicit exceptions.
      const ids = skips.map((s) => s.id);
      expect(ids).toContain('dss/dss-667_DER_reordered_prova.txt.p7m');
      expect(ids).toContain('dss/dss-1419_CAdES-BpB-att-SHA256-SHA3_256withRSAandMGF1.p7m');
      // The mixed-hash cases are not exceptions: DSS rejects them and so does jitsuin, for SIG-09.
      const passes = rows.flatMap((r) => r.passes ?? []);
      expect(
        passes.find((p) => p.id === 'dss/dss-1419_CAdES-BpB-att-SHA256-SHA512withRSA.p7m')?.detail,
      ).toContain('ERR_CADES_ALGORITHM_MISMATCH');
      expect(
        passes.find((p) => p.id === 'local-openssl3/p256-cades-min-detached.p7s')?.detail,
      ).toContain('jitsuin valid');
      const total = rows.reduce((n, r) => n + r.passed + r.skipped, 0);
      expect(total).toBe(passes.length + skips.length);
    }, 60_000);
  },
);
