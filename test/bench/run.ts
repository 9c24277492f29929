/**
 * `npm run bench`: runs every group exported by `test/bench/*.bench.ts` (see `harness.ts`) and
 * writes `docs/benchmarks.md`. Adding a benchmark means adding a `*.bench.ts` file, nothing else.
 *
 * Options: `--filter TEXT` runs only groups whose title contains TEXT (and then does not write the
 * docs file, which always holds a complete run); `--time MS` sets the measured time per case
 * (default 1000); `--out FILE` writes elsewhere than docs/benchmarks.md.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { cpus, platform, arch, totalmem, loadavg } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { setCryptoBackend } from '../../src/crypto/index.js';
import {
  isBenchGroup,
  isFigureTable,
  prepare,
  sample,
  summarise,
  type BenchCase,
  type BenchGroup,
  type BenchOptions,
  type FigureTable,
  type CaseResult,
  type PreparedCase,
} from './harness.js';
import { evaluateGoals, goalsConsole, goalsMarkdown } from './goals.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? undefined : process.argv[i + 1];
}

const filter = option('filter');
const timeMs = Number(option('time') ?? 1000);
const out = resolve(root, option('out') ?? join('docs', 'benchmarks.md'));
const options: BenchOptions = {
  warmupMs: Math.max(200, timeMs / 4),
  timeMs,
  rounds: 5,
  batchMs: 50,
};

interface GroupResult {
  readonly kind: 'group';
  readonly module: string;
  readonly group: BenchGroup;
  readonly results: readonly CaseResult[];
  readonly errors: readonly string[];
  /** The cases as run, so the Goals section can profile one after the run. */
  readonly cases: Readonly<Record<string, BenchCase>>;
}

interface FigureResult {
  readonly kind: 'figures';
  readonly module: string;
  readonly table: FigureTable;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
  readonly facts: Readonly<Record<string, number>>;
  readonly errors: readonly string[];
}

type Result = GroupResult | FigureResult;

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

async function runFigures(module: string, table: FigureTable): Promise<FigureResult> {
  console.log(`\n## ${table.title} (${module})`);
  try {
    const { columns, rows, facts } = await table.compute();
    for (const row of rows) console.log(`  ${row.join('  ')}`);
    return { kind: 'figures', module, table, columns, rows, facts: facts ?? {}, errors: [] };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    console.log(`  FAILED ${message}`);
    return { kind: 'figures', module, table, columns: [], rows: [], facts: {}, errors: [message] };
  }
}

function formatOps(ops: number): string {
  if (ops >= 100) return Math.round(ops).toLocaleString('en-US');
  return ops.toPrecision(3);
}

function formatRatio(ratio: number): string {
  return ratio >= 10 ? `${ratio.toFixed(1)}×` : `${ratio.toFixed(2)}×`;
}

async function runGroup(module: string, group: BenchGroup): Promise<GroupResult> {
  const results: CaseResult[] = [];
  const errors: string[] = [];
  let cases: Readonly<Record<string, BenchCase>> = {};
  console.log(`\n## ${group.title} (${module})`);
  // Cases may select a crypto backend in their setup; every group starts from the library default
  // so that one group's choice (e.g. the noble row of the P-256 table) never leaks into the next.
  setCryptoBackend('auto');
  try {
    await group.setup?.();
    cases = group.cases();
    if (!(group.reference in cases))
      errors.push(`reference case "${group.reference}" is not one of the cases`);
    const prepared: PreparedCase[] = [];
    for (const [name, benchCase] of Object.entries(cases)) {
      try {
        prepared.push(await prepare(name, benchCase, options));
      } catch (e) {
        errors.push(`${name}: ${e instanceof Error ? e.message : String(e)}`);
        console.log(`  ${name.padEnd(44)} FAILED ${errors.at(-1) ?? ''}`);
      }
    }
    for (let round = 0; round < options.rounds; round++) {
      for (const c of prepared) await sample(c, options.timeMs / options.rounds);
    }
    for (const c of prepared) {
      const r = summarise(c);
      results.push(r);
      console.log(
        `  ${r.name.padEnd(44)} ${formatOps(r.opsPerSec).padStart(12)} ops/s ±${(r.relativeMargin * 100).toFixed(1)}%`,
      );
    }
  } catch (e) {
    errors.push(`setup: ${e instanceof Error ? e.message : String(e)}`);
    console.log(`  setup FAILED: ${errors.at(-1) ?? ''}`);
  }
  return { kind: 'group', module, group, results, errors, cases };
}

function markdown(
  groups: readonly Result[],
  moduleErrors: readonly string[],
  started: Date,
  seconds: number,
  load: readonly number[],
  goals: readonly string[],
): string {
  const cpuList = cpus();
  const lines = [
    '# Benchmarks',
    '',
    '<!-- Generated by `npm run bench` (test/bench/run.ts). Do not edit: re-run the bench. -->',
    '',
    'Every figure below comes from one run of `npm run bench` on the machine described here; ratios',
    'compare cases measured in that same run, so they carry over between machines far better than the',
    'absolute figures do. On a shared or busy machine the margins widen: read them before the digits.',
    '',
    '| | |',
    '|---|---|',
    `| date | ${started.toISOString().replace(/\.\d+Z$/, 'Z')} |`,
    `| runtime | Node.js ${process.version} (V8 ${process.versions.v8}), ${platform()} ${arch()} |`,
    `| CPU | ${cpuList[0]?.model.trim() ?? 'unknown'}, ${cpuList.length} logical cores, ${Math.round(totalmem() / 2 ** 30)} GiB RAM |`,
    `| method | per case: ${options.warmupMs} ms warm-up, then ${options.timeMs} ms of ~${options.batchMs} ms batches in ${options.rounds} slots interleaved with the other cases of its group; one call at a time (async calls awaited one by one); ± is the 95 % confidence half-width of the per-batch rate |`,
    `| load average at start (1, 5, 15 min) | ${load.map((l) => l.toFixed(2)).join(', ')} (on ${cpuList.length} cores; above that count, cases competed with other work for the CPU) |`,
    `| total time | ${seconds.toFixed(0)} s |`,
    '',
  ];
  for (const e of moduleErrors) lines.push(`**Bench module failed:** ${e}`, '');
  lines.push(...goals);
  // Throughput tables first, then the figure tables (sizes), each in run order.
  const ordered = [
    ...groups.filter((g) => g.kind === 'group'),
    ...groups.filter((g) => g.kind === 'figures'),
  ];
  for (const g of ordered) {
    if (g.kind === 'figures') {
      lines.push(
        `## ${g.table.title}`,
        '',
        `${g.table.description} Source: \`test/bench/${g.module}\`.`,
        '',
      );
      if (g.columns.length > 0) {
        lines.push(
          `| ${g.columns.map(cell).join(' | ')} |`,
          `|${g.columns.map(() => '---').join('|')}|`,
        );
        for (const row of g.rows) lines.push(`| ${row.map(cell).join(' | ')} |`);
      }
      for (const e of g.errors) lines.push(`**failed**: ${cell(e)}`);
      lines.push('');
      continue;
    }
    const ref = g.results.find((r) => r.name === g.group.reference);
    lines.push(
      `## ${g.group.title}`,
      '',
      `${g.group.description} Reference: **${g.group.reference}**. Source: \`test/bench/${g.module}\`.`,
      '',
    );
    lines.push('| case | ops/s | ± | ratio to reference |', '|---|---:|---:|---:|');
    for (const r of g.results) {
      const ratio = ref === undefined ? 'n/a' : formatRatio(r.opsPerSec / ref.opsPerSec);
      const name = r.name === g.group.reference ? `${r.name} (reference)` : r.name;
      lines.push(
        `| ${name} | ${formatOps(r.opsPerSec)} | ${(r.relativeMargin * 100).toFixed(1)} % | ${ratio} |`,
      );
    }
    for (const e of g.errors) lines.push(`| **failed**: ${cell(e)} | | | |`);
    lines.push('');
  }
  return lines.join('\n');
}

const started = new Date();
const load = loadavg();
const modules = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .sort();
const results: Result[] = [];
const moduleErrors: string[] = [];
for (const file of modules) {
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(join(here, file)).href)) as Record<string, unknown>;
  } catch (e) {
    moduleErrors.push(`${file}: cannot load: ${e instanceof Error ? e.message : String(e)}`);
    console.log(`\n${moduleErrors.at(-1) ?? ''}`);
    continue;
  }
  // Namespace keys are sorted by name; run in declaration order instead.
  const items = Object.values(mod)
    .filter((v): v is BenchGroup | FigureTable => isBenchGroup(v) || isFigureTable(v))
    .sort((a, b) => a.sequence - b.sequence);
  if (items.length === 0)
    moduleErrors.push(`${file}: exports no benchGroup(...) or figureTable(...)`);
  for (const item of items) {
    if (filter !== undefined && !item.title.includes(filter)) continue;
    results.push(isBenchGroup(item) ? await runGroup(file, item) : await runFigures(file, item));
  }
}
// The goals are evaluated from the figures above; missed throughput goals get a profile of their
// case, taken now (after every group, on the default backend the groups start from).
setCryptoBackend('auto');
const goals = await evaluateGoals(
  results.flatMap((r) =>
    r.kind === 'group' ? [{ title: r.group.title, results: r.results, cases: r.cases }] : [],
  ),
  results.flatMap((r) => (r.kind === 'figures' ? [{ title: r.table.title, facts: r.facts }] : [])),
);
for (const line of goalsConsole(goals)) console.log(line);
const seconds = (Date.now() - started.getTime()) / 1000;
const failures = results.reduce((n, g) => n + g.errors.length, moduleErrors.length);

if (filter === undefined) {
  writeFileSync(out, markdown(results, moduleErrors, started, seconds, load, goalsMarkdown(goals)));
  console.log(`\nwrote ${relative(root, out)} (${results.length} groups, ${seconds.toFixed(0)} s)`);
} else {
  console.log(
    `\n--filter given: ${relative(root, out)} not written (it always holds a complete run)`,
  );
}
if (failures > 0) {
  console.log(`${failures} benchmark case(s) failed`);
  process.exitCode = 1;
}
