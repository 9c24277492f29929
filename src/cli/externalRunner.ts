/**
 * Runs the registered external suites (Wycheproof, x509-limbo, PKITS, ...) from a folder on disk.
 * A missing folder or missing suite files are reported, never counted as failures: those suites are
 * not shipped with jitsuin.
 * @module
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, normalize } from 'node:path';
import type { ConformanceRow } from '../conformance/harness.js';
import type { ExternalSuite } from '../conformance/types.js';

/** What happened to each external suite. */
export interface ExternalRun {
  readonly rows: readonly ConformanceRow[];
  /** Human-readable notes: folder or files not found. */
  readonly notices: readonly string[];
  /** True when the folder itself is missing. */
  readonly folderMissing: boolean;
}

/** Reads a file under `dir`, refusing paths that escape it. */
function reader(dir: string): (relativePath: string) => Promise<Uint8Array> {
  return async (relativePath) => {
    const clean = normalize(relativePath);
    if (isAbsolute(clean) || clean.startsWith('..'))
      throw new Error(`path ${relativePath} leaves the external folder`);
    return new Uint8Array(readFileSync(join(dir, clean)));
  };
}

/** Runs `suites` against the files in `dir`. A runner that throws is one failed row, not a crash. */
export async function runExternalSuites(
  dir: string,
  suites: readonly ExternalSuite[],
  onStart?: (name: string) => void,
): Promise<ExternalRun> {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    return { rows: [], notices: [`external suites not found at ${dir}`], folderMissing: true };
  }
  const rows: ConformanceRow[] = [];
  const notices: string[] = [];
  for (const suite of suites) {
    const missing = suite.requiredFiles.filter((f) => !existsSync(join(dir, f)));
    if (missing.length > 0) {
      notices.push(`${suite.name}: not found (missing ${missing.join(', ')} in ${dir})`);
      continue;
    }
    onStart?.(suite.name);
    try {
      for (const report of await suite.run(reader(dir))) rows.push({ kind: 'external', ...report });
    } catch (error) {
      const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      rows.push({
        kind: 'external',
        suite: suite.name,
        section: '(runner)',
        passed: 0,
        failed: 1,
        skipped: 0,
        failures: [{ id: suite.name, expected: 'a report', actual: 'the runner threw', detail }],
        skips: [],
      });
    }
  }
  return { rows, notices, folderMissing: false };
}
