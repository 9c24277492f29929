/**
 * `jitsuin trace [--check]`: the requirement traceability table. Reads the ids defined in
 * `spec/**\/*.md`, the ids cited by `vectors/*.json` (`requirements`) and by test names in
 * `test/**\/*.test.ts`, writes `docs/traceability.md` and exits 1 on any error (duplicate id, uncovered MUST-level id,
 * citation of an unknown id); `--check` writes nothing and also fails on a stale table. Runs only
 * in a source checkout.
 * @module
 */
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseOptions, UsageError } from './args.js';
import { listFiles } from './fsWalk.js';
import { isSourceCheckout, type CliIo } from './io.js';
import {
  buildTrace,
  needsCoverage,
  parseSpecMarkdown,
  renderTraceMarkdown,
  resolveDefinitions,
  testNameCitations,
  type Citation,
  type TraceResult,
} from './traceParse.js';

/** Usage text of the command. */
export const TRACE_USAGE = 'usage: jitsuin trace [--check]\n';

/** Collects definitions and citations under `root` and builds the trace. */
export function collectTrace(root: string): TraceResult {
  const specs = listFiles(root, 'spec', '.md').map((file) =>
    parseSpecMarkdown(readFileSync(join(root, file), 'utf8'), file),
  );
  const citations: Citation[] = [];
  for (const file of listFiles(root, 'vectors', '.json')) {
    let value: unknown;
    try {
      value = JSON.parse(readFileSync(join(root, file), 'utf8'));
    } catch {
      citations.push({ id: '(unreadable)', where: `${file} is not JSON` });
      continue;
    }
    const groups = (value as { testGroups?: unknown }).testGroups;
    if (!Array.isArray(groups)) continue;
    for (const group of groups as { tests?: unknown }[]) {
      if (!Array.isArray(group.tests)) continue;
      for (const test of group.tests as { tcId?: unknown; requirements?: unknown }[]) {
        if (!Array.isArray(test.requirements)) continue;
        for (const id of test.requirements)
          citations.push({ id: String(id), where: `${file}#${String(test.tcId)}` });
      }
    }
  }
  for (const file of listFiles(root, 'test', '.test.ts')) {
    for (const c of testNameCitations(readFileSync(join(root, file), 'utf8')))
      citations.push({ id: c.id, where: `${file}: ${c.name}` });
  }
  return buildTrace(resolveDefinitions(specs), citations);
}

/**
 * Runs the command; returns the exit code: 1 on any trace error. Without `--check` it (re)writes
 * `docs/traceability.md`; with `--check` it writes nothing and also fails when the committed table
 * is not what the tree produces (a stale table would misreport coverage to readers).
 */
export async function traceCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const options = parseOptions(argv, { check: 'boolean' });
  const check = options['check'] === true;
  // The table covers the spec, vectors and tests of a checkout; an installed package has no tests.
  if (!isSourceCheckout(io.root))
    throw new UsageError(
      `${io.root} is not a jitsuin source checkout (trace needs its spec/, vectors/ and test/)`,
    );
  const result = collectTrace(io.root);
  const path = join(io.root, 'docs', 'traceability.md');
  const text = renderTraceMarkdown(result);
  const previous = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  const stale = previous !== text;
  if (stale && !check) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  }
  const must = result.rows.filter((r) => needsCoverage(r.level));
  const covered = must.filter((r) => r.coveredBy.length > 0).length;
  for (const w of result.warnings) io.err(`warning: ${w}\n`);
  for (const e of result.errors) io.err(`error: ${e}\n`);
  if (check) {
    if (stale)
      io.err(
        'error: docs/traceability.md is not what the tree produces: run `npm run trace` and commit it\n',
      );
  } else {
    io.out(`${stale ? 'wrote' : 'unchanged'} docs/traceability.md\n`);
  }
  io.out(
    `trace: ${result.rows.length} ids, ${covered}/${must.length} MUST-level (incl. no keyword) covered, ${result.errors.length} errors, ${result.warnings.length} warnings\n`,
  );
  return result.errors.length > 0 || (check && stale) ? 1 : 0;
}
