import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pkitsSuite } from '../../src/conformance/external/pkits.js';
import { limboSuite } from '../../src/conformance/external/limbo.js';
import type { ExternalReport } from '../../src/conformance/types.js';

// The external folder sits beside the repository (CI passes ../shared/external). It is optional
// (.ci/run); without it vitest lists these suites as skipped, never as passed.
const DIR = join(process.cwd(), '..', 'shared', 'external');
const read = async (p: string): Promise<Uint8Array> => new Uint8Array(readFileSync(join(DIR, p)));
const total = (rows: readonly ExternalReport[], k: 'passed' | 'failed' | 'skipped'): number =>
  rows.reduce((n, r) => n + r[k], 0);

describe.runIf(existsSync(join(DIR, 'pkits', 'pkits.json')))('NIST PKITS', () => {
  it('[PATH-01] [PATH-09] passes every case except the three DSA cases, which are skipped', async () => {
    const rows = await pkitsSuite.run(read);
    expect(rows.flatMap((r) => r.failures)).toEqual([]);
    expect(total(rows, 'skipped')).toBe(3);
    expect(rows.flatMap((r) => r.skips.map((s) => s.id))).toEqual(['4.1.4', '4.1.5', '4.1.6']);
    expect(total(rows, 'passed')).toBe(246);
  }, 120_000);
});

describe.runIf(existsSync(join(DIR, 'limbo', 'limbo.json')))('x509-limbo', () => {
  it('[PATH-01] matches upstream on every case not skipped for a listed feature or exception', async () => {
    const rows = await limboSuite.run(read);
    expect(rows.flatMap((r) => r.failures)).toEqual([]);
    // Every skip carries a reason.
    for (const s of rows.flatMap((r) => r.skips)) expect(s.reason.length).toBeGreaterThan(20);
    expect(total(rows, 'passed') + total(rows, 'skipped')).toBe(208);
  }, 120_000);
});
