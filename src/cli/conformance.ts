/**
 * `jitsuin conformance`: runs the published vectors against this library (in-process, through the
 * same protocol checks) or against another implementation (`--impl`, a child process speaking the
 * harness protocol), plus the external suites found in `--external DIR`.
 * @module
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { EXTERNAL_SUITES } from '../conformance/external.js';
import { inProcessRunner, runVectorFiles, type ConformanceRow } from '../conformance/harness.js';
import { HARNESS_PROTOCOL } from '../conformance/protocol.js';
import { SUITES } from '../conformance/suites.js';
import { SPEC_VERSION } from '../conformance/version.js';
import type { ExternalSuite, VectorFile, VectorSuite } from '../conformance/types.js';
import { parseOptions, stringOption, stringsOption, UsageError } from './args.js';
import { runExternalSuites } from './externalRunner.js';
import { listFiles } from './fsWalk.js';
import type { CliIo } from './io.js';
import { processRunner } from './processRunner.js';
import { renderJunit, renderTable, summaryLine, totals } from './report.js';
import { loadVectorSchema, parseVectorFile } from './schema.js';

/** Usage text of the command. */
export const CONFORMANCE_USAGE = `usage: jitsuin conformance [--impl "<command>"] [--suite NAME]... [--external DIR]
                           [--vectors DIR] [--json FILE] [--junit FILE] [--timeout MS]
  --impl CMD      run CMD (through the shell) as the implementation under test, speaking the
                  harness protocol of spec/conformance.md; without it, this library is tested
  --suite NAME    only this suite (repeatable); vector suites and external suites alike
  --external DIR  also run the external suites (Wycheproof, limbo, PKITS) from DIR
  --vectors DIR   vector files to run (default: the package's vectors/)
  --json FILE     write the full report (every failure and skip) as JSON
  --junit FILE    write JUnit XML
  --timeout MS    per-case timeout (default 10000)
`;

/** The registries the command runs; tests substitute their own. */
export interface ConformanceRegistries {
  readonly suites: readonly VectorSuite[];
  readonly external: readonly ExternalSuite[];
}

const MAX_LISTED_FAILURES = 50;

/** Runs the command; returns the exit code (0 all passed, 1 any failure, 2 usage or setup error). */
export async function conformanceCommand(
  argv: readonly string[],
  io: CliIo,
  registries: ConformanceRegistries = { suites: SUITES, external: EXTERNAL_SUITES },
): Promise<number> {
  const options = parseOptions(argv, {
    impl: 'string',
    suite: 'strings',
    external: 'string',
    vectors: 'string',
    json: 'string',
    junit: 'string',
    timeout: 'string',
  });
  const timeoutText = stringOption(options, 'timeout') ?? '10000';
  const timeoutMs = Number(timeoutText);
  if (!/^[1-9][0-9]*$/.test(timeoutText) || !Number.isSafeInteger(timeoutMs))
    throw new UsageError(`--timeout must be a positive integer (milliseconds), got ${timeoutText}`);
  const impl = stringOption(options, 'impl');
  const externalDir = stringOption(options, 'external');

  // Vector files: every file is validated before anything runs.
  const vectorsDir = resolve(io.cwd, stringOption(options, 'vectors') ?? join(io.root, 'vectors'));
  const validate = loadVectorSchema(io.root);
  const files: VectorFile[] = [];
  for (const rel of listFiles(vectorsDir, '.', '.json')) {
    files.push(
      parseVectorFile(validate, readFileSync(join(vectorsDir, rel), 'utf8'), basename(rel)),
    );
  }
  const externals = impl === undefined ? registries.external : [];
  const requested = stringsOption(options, 'suite');
  const known = new Set([...files.map((f) => f.suite), ...registries.external.map((s) => s.name)]);
  for (const name of requested) {
    if (!known.has(name))
      throw new UsageError(
        `unknown suite ${name}; known: ${[...known].sort().join(', ') || '(none)'}`,
      );
  }
  const wanted = (name: string) => requested.length === 0 || requested.includes(name);
  const selectedFiles = files.filter((f) => wanted(f.suite));
  const selectedExternal = externals.filter((s) => wanted(s.name));

  const rows: ConformanceRow[] = [];
  const notices: string[] = [];
  let implementation = `jitsuin (in-process), spec ${SPEC_VERSION}`;
  let claimed: readonly string[] = [];
  if (selectedFiles.length > 0) {
    const runner =
      impl === undefined
        ? inProcessRunner(registries.suites)
        : processRunner(impl, { cwd: io.cwd, startTimeoutMs: Math.max(timeoutMs, 10_000) });
    let lastProgress = Date.now();
    const total = selectedFiles.reduce((n, f) => n + f.numberOfTests, 0);
    io.err(
      `running ${total} vector cases in ${selectedFiles.length} suite(s) against ${impl ?? 'this library'}\n`,
    );
    let result;
    try {
      result = await runVectorFiles(selectedFiles, runner, {
        specVersion: SPEC_VERSION,
        timeoutMs,
        onProgress: (done, all) => {
          if (Date.now() - lastProgress >= 2000 && done < all) {
            lastProgress = Date.now();
            io.err(`progress: ${done}/${all} cases\n`);
          }
        },
      });
    } catch (error) {
      io.err(
        `conformance: could not start the implementation: ${error instanceof Error ? error.message : String(error)}\n`,
      );
      return 2;
    }
    implementation = result.implementation;
    claimed = result.claimed;
    rows.push(...result.rows);
    for (const name of requested) {
      if (selectedFiles.some((f) => f.suite === name) && !claimed.includes(name)) {
        notices.push(`requested suite ${name} is not claimed by the implementation`);
        rows.push({
          kind: 'vectors',
          suite: name,
          section: 'claim',
          passed: 0,
          failed: 1,
          skipped: 0,
          failures: [{ id: name, expected: 'suite claimed in hello', actual: 'not claimed' }],
          skips: [],
        });
      }
    }
  }
  if (externalDir === undefined) {
    for (const name of requested) {
      if (registries.external.some((e) => e.name === name))
        notices.push(`${name} is an external suite: pass --external DIR to run it`);
    }
  } else {
    if (impl !== undefined) {
      notices.push('external suites run against this library only; not run with --impl');
    } else if (selectedExternal.length > 0 || requested.length === 0) {
      const dir = resolve(io.cwd, externalDir);
      const ext = await runExternalSuites(dir, selectedExternal, (name) =>
        io.err(`external: running ${name}\n`),
      );
      rows.push(...ext.rows);
      notices.push(...ext.notices);
    }
  }

  io.out(`implementation: ${implementation}\n`);
  io.out(renderTable(rows));
  for (const n of notices) io.out(`note: ${n}\n`);
  const failures = rows.flatMap((r) =>
    r.failures.map((f) => ({ suite: r.suite, section: r.section, ...f })),
  );
  for (const f of failures.slice(0, MAX_LISTED_FAILURES)) {
    io.out(
      `FAIL ${f.suite}/${f.section} ${f.id}: expected ${f.expected}, got ${f.actual}${f.detail === undefined ? '' : ` — ${f.detail}`}\n`,
    );
  }
  if (failures.length > MAX_LISTED_FAILURES)
    io.out(`... and ${failures.length - MAX_LISTED_FAILURES} more failures (see --json)\n`);

  const report = {
    tool: 'jitsuin conformance',
    protocol: HARNESS_PROTOCOL,
    specVersion: SPEC_VERSION,
    implementation,
    command: impl ?? null,
    claimed,
    timeoutMs,
    totals: totals(rows),
    notices,
    rows,
  };
  const jsonPath = stringOption(options, 'json');
  if (jsonPath !== undefined)
    writeFileSync(resolve(io.cwd, jsonPath), `${JSON.stringify(report, null, 2)}\n`);
  const junitPath = stringOption(options, 'junit');
  if (junitPath !== undefined) writeFileSync(resolve(io.cwd, junitPath), renderJunit(rows));
  io.out(summaryLine(rows));
  // A run that tested nothing (no vector case answered valid/invalid) is not a pass ([CONF-36]).
  const vectorRows = rows.filter((r) => r.kind === 'vectors');
  if (selectedFiles.length > 0 && vectorRows.every((r) => r.passed + r.failed === 0)) {
    io.err(
      'conformance: no vector case ran (the implementation claimed none of the selected suites, or skipped every case): not a pass [CONF-36]\n',
    );
    return 1;
  }
  return totals(rows).failed > 0 ? 1 : 0;
}
