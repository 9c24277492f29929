/**
 * A small benchmark harness for `npm run bench`.
 *
 * A bench module is any `test/bench/*.bench.ts` file; every named export made with
 * {@link benchGroup} is one table in `docs/benchmarks.md`. A group compares cases that do the same
 * work, and names one of them as the reference its ratios are relative to. Figures that are not
 * throughput (e.g. bundle sizes) are exported with {@link figureTable}.
 *
 * Method, per group: every case runs `setup`, warms up for `warmupMs` (JIT, key caches) and gets a
 * batch size calibrated to take about `batchMs`. Then the cases are measured in `rounds`
 * interleaved slots (A B C A B C ...) of `timeMs / rounds` each, so a load change on a shared
 * machine hits every case alike instead of whichever ran at that moment. A case's figure is its
 * total operations / total measured time; the margin is the 95 % confidence half-width of its
 * per-batch rates relative to their mean. Async cases are awaited one call at a time (no
 * concurrency); sync cases are not awaited at all.
 */

const BRAND = Symbol.for('jitsuin.bench.group');

/** One measured operation. A bare function is a case with no setup. */
export type BenchCase =
  | (() => unknown)
  | {
      /** Runs before warm-up and before each measuring slot (e.g. selects a crypto backend): keep it cheap. */
      readonly setup?: () => unknown;
      /** The operation; its result is kept so it cannot be optimised away. */
      readonly run: () => unknown;
    };

/** A table of cases doing the same work. */
export interface BenchGroup {
  readonly [BRAND]: true;
  /** Declaration order, so a module's tables appear in the order it declares them. */
  readonly sequence: number;
  /** Table title, e.g. `P-256 ECDSA verify`. */
  readonly title: string;
  /** What one operation is, shown under the title (input size, key size, encoding). */
  readonly description: string;
  /** Name of the case the ratios are relative to. */
  readonly reference: string;
  /** Runs once before any case of the group (key generation, fixtures); may be async. */
  readonly setup?: () => unknown;
  /** The cases, by display name. Created lazily so fixtures from `setup` are available. */
  readonly cases: () => Readonly<Record<string, BenchCase>>;
}

let declared = 0;
/** Declares a group; export it (named) from a `*.bench.ts` module to have it run. */
export function benchGroup(group: Omit<BenchGroup, typeof BRAND | 'sequence'>): BenchGroup {
  return { ...group, sequence: declared++, [BRAND]: true };
}

/** True for values made by {@link benchGroup}. */
export function isBenchGroup(value: unknown): value is BenchGroup {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Record<symbol, unknown>)[BRAND] === true
  );
}

const FIGURES = Symbol.for('jitsuin.bench.figures');

/**
 * A table of figures that are not throughput (bundle sizes, counts), computed by the run so they
 * are never typed by hand. Export it from a `*.bench.ts` module like a {@link BenchGroup}.
 */
export interface FigureTable {
  readonly [FIGURES]: true;
  readonly sequence: number;
  readonly title: string;
  /** What the figures are and how they were obtained. */
  readonly description: string;
  /** Computes the table: a header row and data rows, as display strings. */
  readonly compute: () => Promise<FigureOutput>;
}

/** What a figure table computes: display strings, and optionally the numbers behind them. */
export interface FigureOutput {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** Named numbers of this run (e.g. a size in bytes) for summaries such as the Goals table of `run.ts`. */
  readonly facts?: Readonly<Record<string, number>>;
}

/** Declares a {@link FigureTable}. */
export function figureTable(table: Omit<FigureTable, typeof FIGURES | 'sequence'>): FigureTable {
  return { ...table, sequence: declared++, [FIGURES]: true };
}

/** True for values made by {@link figureTable}. */
export function isFigureTable(value: unknown): value is FigureTable {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Record<symbol, unknown>)[FIGURES] === true
  );
}

/** Timing parameters of one case. */
export interface BenchOptions {
  readonly warmupMs: number;
  /** Measured time per case, split over `rounds` slots. */
  readonly timeMs: number;
  readonly rounds: number;
  readonly batchMs: number;
}

/** The measurement of one case. */
export interface CaseResult {
  readonly name: string;
  readonly opsPerSec: number;
  /** 95 % confidence half-width of the per-batch rate, relative to the mean (0.02 = ±2 %). */
  readonly relativeMargin: number;
  readonly operations: number;
  readonly batches: number;
}

let sink: unknown;
/** The last result of every case, so the engine cannot drop the work. */
export function blackhole(): unknown {
  return sink;
}

function isPromise(value: unknown): value is Promise<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

async function runBatch(run: () => unknown, async: boolean, n: number): Promise<number> {
  const start = performance.now();
  if (async) {
    for (let i = 0; i < n; i++) sink = await run();
  } else {
    for (let i = 0; i < n; i++) sink = run();
  }
  return performance.now() - start;
}

/** A case after warm-up: its batch size is calibrated and its samples accumulate across slots. */
export interface PreparedCase {
  readonly name: string;
  readonly setup: (() => unknown) | undefined;
  readonly run: () => unknown;
  readonly async: boolean;
  readonly batch: number;
  readonly rates: number[];
  operations: number;
  elapsedMs: number;
}

/**
 * Runs setup, a first call (which decides whether the case is async and surfaces errors before any
 * timing), the warm-up, and calibrates the batch size. Throws if the case throws.
 */
export async function prepare(
  name: string,
  benchCase: BenchCase,
  options: BenchOptions,
): Promise<PreparedCase> {
  const run = typeof benchCase === 'function' ? benchCase : benchCase.run;
  const setup = typeof benchCase === 'function' ? undefined : benchCase.setup;
  await setup?.();
  const first = run();
  const async = isPromise(first);
  sink = async ? await first : first;

  // Warm-up: double the batch until it is long enough to time, then run out warmupMs.
  let batch = 1;
  let warm = 0;
  for (;;) {
    const ms = await runBatch(run, async, batch);
    warm += ms;
    if (ms >= options.batchMs / 4 && warm >= options.warmupMs) break;
    if (ms < options.batchMs / 4) batch *= 2;
  }
  const perOp = (await runBatch(run, async, batch)) / batch;
  batch = Math.max(1, Math.round(options.batchMs / Math.max(perOp, 1e-6)));
  return { name, setup, run, async, batch, rates: [], operations: 0, elapsedMs: 0 };
}

/** Measures whole batches of a prepared case for about `slotMs` (at least one batch). */
export async function sample(c: PreparedCase, slotMs: number): Promise<void> {
  await c.setup?.();
  let slot = 0;
  do {
    const ms = await runBatch(c.run, c.async, c.batch);
    slot += ms;
    c.operations += c.batch;
    c.elapsedMs += ms;
    c.rates.push((c.batch * 1000) / ms);
  } while (slot < slotMs);
}

/** Summarises the samples of a case. */
export function summarise(c: PreparedCase): CaseResult {
  const n = c.rates.length;
  const mean = c.rates.reduce((a, b) => a + b, 0) / n;
  const variance = n > 1 ? c.rates.reduce((a, r) => a + (r - mean) ** 2, 0) / (n - 1) : 0;
  return {
    name: c.name,
    opsPerSec: (c.operations * 1000) / c.elapsedMs,
    relativeMargin: (1.96 * Math.sqrt(variance / n)) / mean,
    operations: c.operations,
    batches: n,
  };
}
