/**
 * A small benchmark harness for `npm run bench`.
 *
 * A bench module is any `test/bench/*.bench.ts` file; every named export made with
 * {@link benchGroup} is one table in `docs/benchmarks.md`. A group compares cases that do the same
 * work, and names one of them as the reference its ratios are relative to.
 *
 * Method, per case: run `setup`, warm up for `warmupMs` (JIT, key caches), calibrate a batch size
 * so one batch takes about `batchMs`, then run whole batches until `timeMs` has passed. The
 * figure is total operations / total measured time; the margin is the 95 % confidence half-width
 * of the per-batch rates relative to their mean (normal approximation, fine for n ≥ 10 batches).
 * Async cases are awaited one call at a time (no concurrency), sync cases are not awaited at all.
 */

const BRAND = Symbol.for('jitsuin.bench.group');

/** One measured operation. A bare function is a case with no setup. */
export type BenchCase =
  | (() => unknown)
  | {
      /** Runs once before warm-up (e.g. selects a crypto backend). */
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
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
}

/** Timing parameters of one case. */
export interface BenchOptions {
  readonly warmupMs: number;
  readonly timeMs: number;
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
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
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

/** Measures one case. Throws if the case throws (a failing benchmark is an error, not a figure). */
export async function measure(name: string, benchCase: BenchCase, options: BenchOptions): Promise<CaseResult> {
  const run = typeof benchCase === 'function' ? benchCase : benchCase.run;
  if (typeof benchCase !== 'function' && benchCase.setup !== undefined) await benchCase.setup();

  // First call decides whether the case is async, and surfaces errors before any timing.
  const first = run();
  const async = isPromise(first);
  sink = async ? await first : first;

  // Warm-up, doubling the batch until it is long enough to time, then running out warmupMs.
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

  const rates: number[] = [];
  let ops = 0;
  let total = 0;
  while (total < options.timeMs || rates.length < 10) {
    const ms = await runBatch(run, async, batch);
    total += ms;
    ops += batch;
    rates.push((batch * 1000) / ms);
  }
  const mean = rates.reduce((a, b) => a + b, 0) / rates.length;
  const variance = rates.reduce((a, r) => a + (r - mean) ** 2, 0) / (rates.length - 1);
  const margin = (1.96 * Math.sqrt(variance / rates.length)) / mean;
  return { name, opsPerSec: (ops * 1000) / total, relativeMargin: margin, operations: ops, batches: rates.length };
}
