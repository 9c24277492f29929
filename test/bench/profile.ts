/**
 * In-process CPU profile of a benchmark case (node:inspector, V8 sampling profiler), aggregated by
 * self time per function and file: "where the time goes" for the Goals section of `run.ts`, and
 * exploration of a single case. The profile covers only the calls made
 * between Profiler.start and Profiler.stop, so fixtures built before are not in it.
 */
import { Session } from 'node:inspector/promises';
import { relative, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string };
  readonly hitCount?: number;
}

interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly startTime: number;
  readonly endTime: number;
  readonly samples?: readonly number[];
  readonly timeDeltas?: readonly number[];
}

/** One row: a function (name and where it is) and its share of the samples. */
export interface ProfileRow {
  readonly fn: string;
  readonly where: string;
  readonly selfMs: number;
  readonly share: number;
}

/** The aggregate of one profile. */
export interface ProfileSummary {
  /** Self time by area: jitsuin's own folders, Node built-ins, native code, idle, GC. */
  readonly areas: readonly {
    readonly area: string;
    readonly selfMs: number;
    readonly share: number;
  }[];
  readonly iterations: number;
  readonly totalMs: number;
  readonly samples: number;
  readonly rows: readonly ProfileRow[];
}

/** The file of a frame (no line: under tsx every frame reports line 1 of the transformed module). */
function place(url: string): string {
  if (url === '') return '(native / VM)';
  let path = url.startsWith('file://') ? fileURLToPath(url) : url;
  if (path.startsWith(root)) path = relative(root, path);
  return path.replace(/^.*node_modules\//, '');
}

/**
 * Runs `run` `iterations` times (awaiting each call) under the sampling profiler and returns the
 * self time per function, largest first. `interval` is the sampling period in microseconds.
 */
export async function profileCalls(
  run: () => unknown,
  iterations: number,
  top = 12,
  interval = 100,
): Promise<ProfileSummary> {
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval });
    await session.post('Profiler.start');
    for (let i = 0; i < iterations; i++) await run();
    const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: Profile };
    await session.post('Profiler.disable');
    return summarise(profile, iterations, top);
  } finally {
    session.disconnect();
  }
}

function summarise(profile: Profile, iterations: number, top: number): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  // Each sample's time is the delta to the next one (the last gets the mean).
  let total = 0;
  for (let i = 0; i < samples.length; i++) {
    const d =
      deltas[i + 1] ??
      (samples.length > 0 ? (profile.endTime - profile.startTime) / samples.length : 0);
    const id = samples[i] as number;
    selfUs.set(id, (selfUs.get(id) ?? 0) + d);
    total += d;
  }
  const agg = new Map<string, { fn: string; where: string; us: number }>();
  for (const [id, us] of selfUs) {
    const node = byId.get(id);
    if (node === undefined) continue;
    const { functionName, url } = node.callFrame;
    const fn = functionName === '' ? '(anonymous)' : functionName;
    const where = place(url);
    const k = `${fn}\u0000${where}`;
    const row = agg.get(k) ?? { fn, where, us: 0 };
    row.us += us;
    agg.set(k, row);
  }
  const areas = new Map<string, number>();
  for (const r of agg.values())
    areas.set(areaOf(r.fn, r.where), (areas.get(areaOf(r.fn, r.where)) ?? 0) + r.us);
  const areaRows = [...areas]
    .sort((a, b) => b[1] - a[1])
    .map(([area, us]) => ({ area, selfMs: us / 1000, share: total === 0 ? 0 : us / total }));
  const rows = [...agg.values()]
    .sort((a, b) => b.us - a.us)
    .slice(0, top)
    .map((r) => ({
      fn: r.fn,
      where: r.where,
      selfMs: r.us / 1000,
      share: total === 0 ? 0 : r.us / total,
    }));
  return { areas: areaRows, iterations, totalMs: total / 1000, samples: samples.length, rows };
}

function areaOf(fn: string, where: string): string {
  if (fn === '(idle)') return '(idle): waiting (WebCrypto thread pool)';
  if (fn === '(garbage collector)') return 'garbage collector';
  if (where === '(native / VM)') return 'native code (V8, Node C++ incl. WebCrypto job setup)';
  if (where.startsWith('node:')) return 'Node built-ins (JS, e.g. WebCrypto argument checks)';
  const src = /^src\/([^/]+)/.exec(where);
  if (src !== null) return `jitsuin src/${src[1] ?? ''}`;
  if (where.startsWith('test/')) return 'bench harness and fixtures';
  return `dependency ${where
    .split('/')
    .slice(0, where.startsWith('@') ? 2 : 1)
    .join('/')}`;
}

/** A summary as plain text lines (console). */
export function formatProfile(p: ProfileSummary): string[] {
  const lines = [
    `  ${p.iterations} calls, ${p.totalMs.toFixed(0)} ms sampled (${p.samples} samples), self time by area:`,
  ];
  for (const a of p.areas)
    lines.push(
      `  ${(a.share * 100).toFixed(1).padStart(5)} %  ${a.selfMs.toFixed(1).padStart(8)} ms  ${a.area}`,
    );
  lines.push('  by function:');
  for (const r of p.rows)
    lines.push(
      `  ${(r.share * 100).toFixed(1).padStart(5)} %  ${r.selfMs.toFixed(1).padStart(8)} ms  ${r.fn}  ${r.where}`,
    );
  return lines;
}
