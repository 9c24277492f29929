/**
 * The harness protocol over a child process's stdin/stdout (`spec/conformance.md`, "Harness
 * protocol"). One request at a time; after a timeout, a crash or a line that breaks the protocol
 * the process is killed and a fresh one is started (with a new handshake) for the next case.
 * @module
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { checkHelloReply, checkResponse, parseLine } from '../conformance/protocol.js';
import type { CaseRunner, RunnerAnswer } from '../conformance/harness.js';
import type { HarnessHello, HarnessHelloReply } from '../conformance/types.js';

/** Options of {@link processRunner}. */
export interface ProcessRunnerOptions {
  readonly cwd: string;
  /** Time the implementation has to answer the hello, in milliseconds. */
  readonly startTimeoutMs: number;
  /** Consecutive failed restarts after which every remaining case fails without a new attempt. */
  readonly maxRestarts?: number;
}

interface Live {
  readonly child: ChildProcessWithoutNullStreams;
  readonly lines: string[];
  waiter: (() => void) | undefined;
  exited: string | undefined;
  stderrTail: string[];
}

function spawnLive(command: string, cwd: string): Live {
  // A process group of its own, so a kill reaches the command and not just the shell that started it.
  const child = spawn(command, {
    cwd,
    shell: true,
    detached: true,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const live: Live = { child, lines: [], waiter: undefined, exited: undefined, stderrTail: [] };
  let buffer = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    buffer += chunk;
    let nl = buffer.indexOf('\n');
    while (nl !== -1) {
      live.lines.push(buffer.slice(0, nl).replace(/\r$/, ''));
      buffer = buffer.slice(nl + 1);
      nl = buffer.indexOf('\n');
    }
    live.waiter?.();
  });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    live.stderrTail = [...live.stderrTail, ...chunk.split('\n').filter((l) => l !== '')].slice(-10);
  });
  child.stdin.on('error', () => {
    /* EPIPE when the process died; reported through 'exit'. */
  });
  const onGone = (why: string) => {
    live.exited ??= why;
    live.waiter?.();
  };
  child.on('error', (e) => onGone(`could not start: ${e.message}`));
  child.on('exit', (code, signal) => onGone(`exited (${signal ?? `code ${String(code)}`})`));
  return live;
}

function kill(live: Live): void {
  if (live.exited !== undefined || live.child.pid === undefined) return;
  live.exited = 'killed by the harness'; // Set now: the exit event arrives later, and the next case must not use this process.
  try {
    process.kill(-live.child.pid, 'SIGKILL');
  } catch {
    live.child.kill('SIGKILL');
  }
}

/** Waits for the next stdout line, the process's end, or the timeout. */
function nextLine(live: Live, timeoutMs: number): Promise<{ line: string } | { failure: string }> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      live.waiter = undefined;
      resolve({ failure: `timeout after ${timeoutMs} ms` });
    }, timeoutMs);
    const check = () => {
      const line = live.lines.shift();
      if (line !== undefined) {
        clearTimeout(timer);
        live.waiter = undefined;
        resolve({ line });
      } else if (live.exited !== undefined) {
        clearTimeout(timer);
        live.waiter = undefined;
        const tail = live.stderrTail.length > 0 ? `; stderr: ${live.stderrTail.join(' | ')}` : '';
        resolve({ failure: `implementation ${live.exited}${tail}` });
      }
    };
    live.waiter = check;
    check();
  });
}

/** Starts `command` (through the shell) as the implementation under test. */
export function processRunner(command: string, options: ProcessRunnerOptions): CaseRunner {
  let live: Live | undefined;
  let hello: HarnessHello | undefined;
  let failedRestarts = 0;
  const maxRestarts = options.maxRestarts ?? 3;

  async function handshake(): Promise<HarnessHelloReply['hello'] | { failure: string }> {
    if (hello === undefined) return { failure: 'no hello' };
    const l = spawnLive(command, options.cwd);
    live = l;
    l.child.stdin.write(`${JSON.stringify(hello)}\n`);
    const first = await nextLine(l, options.startTimeoutMs);
    if ('failure' in first) {
      kill(l);
      return { failure: `handshake: ${first.failure}` };
    }
    const parsed = parseLine(first.line);
    const checked = parsed.ok ? checkHelloReply(parsed.value, hello.hello.suites) : parsed;
    if (!checked.ok) {
      kill(l);
      return { failure: `handshake: ${checked.problem}` };
    }
    return checked.value;
  }

  return {
    async start(h) {
      hello = h;
      const reply = await handshake();
      if ('failure' in reply) throw new Error(reply.failure);
      return reply;
    },
    async run(request, timeoutMs): Promise<RunnerAnswer> {
      if (live === undefined || live.exited !== undefined) {
        if (failedRestarts >= maxRestarts)
          return {
            failure: `implementation unavailable (gave up after ${maxRestarts} failed restarts)`,
          };
        const reply = await handshake();
        if ('failure' in reply) {
          failedRestarts++;
          return { failure: `restart failed: ${reply.failure}` };
        }
        failedRestarts = 0;
      }
      const l = live as Live;
      l.child.stdin.write(`${JSON.stringify(request)}\n`);
      const answer = await nextLine(l, timeoutMs);
      const broken = (failure: string): RunnerAnswer => {
        kill(l); // The stream may be out of step: start afresh for the next case.
        return { failure };
      };
      if ('failure' in answer) return broken(answer.failure);
      const parsed = parseLine(answer.line);
      if (!parsed.ok) return broken(parsed.problem);
      const checked = checkResponse(parsed.value, request.id);
      return checked.ok ? { outcome: checked.value } : broken(checked.problem);
    },
    async close() {
      const l = live;
      if (l === undefined || l.exited !== undefined) return;
      l.child.stdin.end();
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          kill(l);
          resolve();
        }, 2000);
        l.child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
  };
}
