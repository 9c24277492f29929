/**
 * The four transparency-log external suites through their conformance runners (the same code
 * `npm run conformance -- --external` runs). The folder is optional: without it vitest lists these
 * suites as skipped, never as passed.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { merkleSuite } from '../../src/conformance/external/merkle.js';
import { tlogNotesSuite } from '../../src/conformance/external/tlog-notes.js';
import { tlogWitnessSuite } from '../../src/conformance/external/tlog-witness.js';
import { sigstoreTlogSuite } from '../../src/conformance/external/sigstore-tlog.js';
import type { ExternalReport, ExternalSuite } from '../../src/conformance/types.js';

// JITSUIN_EXTERNAL overrides the location (a worktree sits elsewhere than the main checkout).
const DIR = process.env['JITSUIN_EXTERNAL'] ?? join(process.cwd(), '..', 'shared', 'external');
const read = async (p: string): Promise<Uint8Array> => new Uint8Array(readFileSync(join(DIR, p)));
const total = (rows: readonly ExternalReport[], k: 'passed' | 'failed' | 'skipped'): number =>
  rows.reduce((n, r) => n + r[k], 0);
const present = (s: ExternalSuite): boolean =>
  s.requiredFiles.every((f) => existsSync(join(DIR, f)));

describe.runIf(present(merkleSuite))('transparency-dev/merkle probes', () => {
  it("[LOG-04] [LOG-06] [LOG-02] every probe gives upstream's verdict but the one listed hash-length case", async () => {
    const rows = await merkleSuite.run(read);
    expect(rows.flatMap((r) => r.failures)).toEqual([]);
    expect(rows.flatMap((r) => r.skips.map((s) => s.id))).toEqual([
      'consistency/additional/sizes-are-equal-one-and-proof-is-empty.json',
    ]);
    expect(total(rows, 'passed')).toBe(195 + 19);
  });
});

describe.runIf(present(tlogNotesSuite))('C2SP notes, checkpoints, cosignatures, tlog-proof', () => {
  it('[LOG-10] [LOG-12] [LOG-13] [LOG-14] [LOG-15] [LOG-16] [LOG-19] [LOG-22] every case gives the stated verdict; skips are the listed divergences', async () => {
    const rows = await tlogNotesSuite.run(read);
    expect(rows.flatMap((r) => r.failures)).toEqual([]);
    const skips = rows.flatMap((r) => r.skips);
    expect(skips.length).toBe(15);
    for (const s of skips) expect(s.reason).toMatch(/0x05|32 bytes|empty extension/);
    expect(total(rows, 'passed')).toBeGreaterThan(2300);
  });
});

describe.runIf(present(tlogWitnessSuite))('C2SP tlog-witness add-checkpoint sequence', () => {
  it('[LOG-30] the 9 steps give the C2SP status codes', async () => {
    const rows = await tlogWitnessSuite.run(read);
    expect(rows.flatMap((r) => r.failures)).toEqual([]);
    expect(total(rows, 'passed')).toBe(9);
  });
});

describe.runIf(present(sigstoreTlogSuite))('Sigstore Rekor entries', () => {
  it('[LOG-04] [LOG-18] the 17 entries give the stated inclusion and checkpoint verdicts', async () => {
    const rows = await sigstoreTlogSuite.run(read);
    expect(rows.flatMap((r) => r.failures)).toEqual([]);
    expect(total(rows, 'passed')).toBe(51);
  });
});
