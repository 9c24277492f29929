/**
 * The conformance harness loop: sends every case of the chosen vector files to an implementation
 * through a {@link CaseRunner} and judges the answers. Transport-free and isomorphic; the child-
 * process transport lives in the CLI, and this library is run through {@link inProcessRunner},
 * which goes through the same JSON messages as a child process would.
 * @module
 */
import { flattenCases } from './vectorFile.js';
import { judgeOutcome } from './judge.js';
import { checkHelloReply, checkResponse, helloMessage, parseLine } from './protocol.js';
import type {
  CaseOutcome,
  ExternalReport,
  HarnessHello,
  HarnessHelloReply,
  HarnessRequest,
  VectorFile,
  VectorSuite,
} from './types.js';

/** What a runner answers for one request: an outcome, or a transport/protocol failure (timeout, crash, bad line). */
export type RunnerAnswer = { readonly outcome: CaseOutcome } | { readonly failure: string };

/** A transport to an implementation under test. */
export interface CaseRunner {
  /** Performs the handshake; returns the implementation's name and the offered suites it claims. */
  start(hello: HarnessHello): Promise<HarnessHelloReply['hello']>;
  /** Sends one request and waits at most `timeoutMs` for its answer. */
  run(request: HarnessRequest, timeoutMs: number): Promise<RunnerAnswer>;
  /** Ends the session (closes stdin of a child process). */
  close(): Promise<void>;
}

/** The verdict on one case, as it appears in reports. */
export interface CaseRecord {
  readonly id: string;
  readonly suite: string;
  readonly type: string;
  readonly tcId: number;
  readonly requirements: readonly string[];
  readonly status: 'passed' | 'failed' | 'skipped';
  readonly expected: string;
  readonly actual: string;
  readonly detail?: string;
}

/** One row of the conformance table: a vector suite (with every case) or an external suite section. */
export interface ConformanceRow extends ExternalReport {
  readonly kind: 'vectors' | 'external';
  readonly cases?: readonly CaseRecord[];
}

/** Options of {@link runVectorFiles}. */
export interface RunVectorFilesOptions {
  /** Spec version announced in the hello. */
  readonly specVersion: string;
  /** Per-case timeout in milliseconds. */
  readonly timeoutMs: number;
  /** Called after every case with the number done and the total. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** The outcome of {@link runVectorFiles}. */
export interface VectorRunResult {
  readonly implementation: string;
  readonly claimed: readonly string[];
  readonly rows: readonly ConformanceRow[];
}

/** Wraps a promise with a timeout that resolves to `onTimeout()` instead. */
export async function withTimeout<T>(
  promise: Promise<T>,
  timeoutMs: number,
  onTimeout: () => T,
): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(onTimeout()), timeoutMs);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    if (timer !== undefined) clearTimeout(timer);
  }
}

/**
 * Runs the given vector files against an implementation. Suites the implementation does not claim
 * are reported as skipped case by case; in a claimed suite a `skipped` answer counts as a failure,
 * because claiming a suite means answering all of its cases.
 */
export async function runVectorFiles(
  files: readonly VectorFile[],
  runner: CaseRunner,
  options: RunVectorFilesOptions,
): Promise<VectorRunResult> {
  const offered = files.map((f) => f.suite);
  const hello = await runner.start(helloMessage(options.specVersion, offered));
  const claimed = new Set(hello.suites);
  const total = files.reduce((n, f) => n + f.numberOfTests, 0);
  let done = 0;
  const rows: ConformanceRow[] = [];
  try {
    for (const file of files) {
      const cases: CaseRecord[] = [];
      for (const c of flattenCases(file)) {
        const base = {
          id: c.id,
          suite: c.suite,
          type: c.type,
          tcId: c.test.tcId,
          requirements: c.test.requirements,
        };
        if (!claimed.has(file.suite)) {
          cases.push({
            ...base,
            status: 'skipped',
            expected: c.test.result,
            actual: 'not sent',
            detail: 'suite not claimed by the implementation',
          });
        } else {
          const answer = await runner.run(
            { id: c.id, suite: c.suite, type: c.type, input: c.input },
            options.timeoutMs,
          );
          if ('failure' in answer) {
            cases.push({
              ...base,
              status: 'failed',
              expected: c.test.result,
              actual: 'no answer',
              detail: answer.failure,
            });
          } else {
            const verdict = judgeOutcome(c.test, answer.outcome);
            const status = verdict.status === 'skipped' ? 'failed' : verdict.status;
            const detail =
              verdict.status === 'skipped'
                ? `skipped a case of a claimed suite: ${verdict.detail ?? ''}`
                : verdict.detail;
            cases.push({
              ...base,
              status,
              expected: verdict.expected,
              actual: verdict.actual,
              ...(detail === undefined ? {} : { detail }),
            });
          }
        }
        done++;
        options.onProgress?.(done, total);
      }
      rows.push(rowOf(file.suite, cases));
    }
  } finally {
    await runner.close();
  }
  return { implementation: hello.implementation, claimed: [...claimed], rows };
}

function rowOf(suite: string, cases: readonly CaseRecord[]): ConformanceRow {
  const count = (s: CaseRecord['status']) => cases.filter((c) => c.status === s).length;
  return {
    kind: 'vectors',
    suite,
    section: 'vectors',
    passed: count('passed'),
    failed: count('failed'),
    skipped: count('skipped'),
    failures: cases
      .filter((c) => c.status === 'failed')
      .map((c) => ({
        id: c.id,
        expected: c.expected,
        actual: c.actual,
        ...(c.detail === undefined ? {} : { detail: c.detail }),
      })),
    skips: cases
      .filter((c) => c.status === 'skipped')
      .map((c) => ({ id: c.id, reason: c.detail ?? '' })),
    cases,
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/**
 * This library as a {@link CaseRunner}: requests and responses are serialised to JSON lines and
 * parsed back with the same checks a child process gets, then dispatched to the registered
 * suite's `run`. A suite that throws (it must not) is reported as a failure of that case.
 */
export function inProcessRunner(
  suites: readonly VectorSuite[],
  implementation = 'jitsuin (in-process)',
): CaseRunner {
  const byName = new Map(suites.map((s) => [s.name, s]));
  return {
    async start(hello) {
      const reply = parseLine(
        JSON.stringify({
          hello: { protocol: hello.hello.protocol, implementation, suites: [...byName.keys()] },
        }),
      );
      if (!reply.ok) throw new Error(reply.problem);
      const checked = checkHelloReply(reply.value, hello.hello.suites);
      if (!checked.ok) throw new Error(checked.problem);
      return checked.value;
    },
    async run(request, timeoutMs) {
      const wire = parseLine(JSON.stringify(request));
      if (!wire.ok) return { failure: wire.problem };
      const req = wire.value as unknown as HarnessRequest;
      const suite = byName.get(req.suite);
      if (suite === undefined) return { failure: `no suite ${req.suite}` };
      const answer = withTimeout<RunnerAnswer>(
        suite.run(req.type, req.input).then(
          (outcome) => {
            const line = parseLine(JSON.stringify({ ...outcome, id: req.id }));
            if (!line.ok) return { failure: line.problem };
            const checked = checkResponse(line.value, req.id);
            return checked.ok ? { outcome: checked.value } : { failure: checked.problem };
          },
          (error: unknown) => ({
            failure: `suite.run threw (it must return invalid instead): ${describe(error)}`,
          }),
        ),
        timeoutMs,
        () => ({ failure: `timeout after ${timeoutMs} ms` }),
      );
      return answer;
    },
    async close() {},
  };
}
