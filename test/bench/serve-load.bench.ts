/**
 * HTTP load on `jitsuin serve` (loopback only, bounded): login verification through the route
 * handler and the Node adapter, with the in-memory store, Redis and PostgreSQL. The server runs in
 * its own process; autocannon drives it from this one. Every pre-signed login response is sent
 * twice, concurrently on different connections, so the table also counts double accepts: exactly
 * half the requests must succeed (200) and the other half be refused as replays (409).
 *
 * Redis and PostgreSQL rows need the servers of test/services/start.sh (`npm run load`); without
 * them the row says so.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';
import autocannon from 'autocannon';
import { figureTable } from './harness.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Distinct login responses per store; each is sent twice. */
const RESPONSES = 3000;
const CONNECTIONS = 16;
/** Hard bound on one autocannon run, seconds. */
const MAX_SECONDS = 60;

interface Running {
  readonly url: string;
  readonly child: ChildProcess;
}

function startServe(args: readonly string[]): Promise<Running> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'src/cli/main.ts',
        'serve',
        '--port',
        '0',
        '--host',
        '127.0.0.1',
        ...args,
      ],
      { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${out}`)), 60_000);
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /on (http:\/\/127\.0\.0\.1:[0-9]+)\//.exec(out);
      if (m !== null) {
        clearTimeout(timer);
        resolvePromise({ url: m[1]!, child });
      }
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${String(code)}: ${out}`)));
  });
}

async function stop(r: Running): Promise<void> {
  r.child.removeAllListeners('exit');
  const exited = new Promise((res) => r.child.once('exit', res));
  r.child.kill('SIGTERM');
  await exited;
}

async function postJson(url: string, body: unknown): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

async function loadRow(label: string, args: readonly string[]): Promise<string[]> {
  const serve = await startServe(args);
  try {
    const bodies: string[] = [];
    const signOne = async (): Promise<string> => {
      const challenge = await (await postJson(`${serve.url}/rp/login/challenge`, {})).text();
      const { response } = (await (
        await postJson(`${serve.url}/phone/login`, { challenge })
      ).json()) as { response: string };
      return JSON.stringify({ response });
    };
    // Issued and signed before the run, 16 at a time; each body then goes out twice, back to back.
    while (bodies.length < 2 * RESPONSES) {
      for (const body of await Promise.all(
        Array.from({ length: Math.min(16, RESPONSES - bodies.length / 2) }, signOne),
      ))
        bodies.push(body, body);
    }
    let next = 0;
    const result = await autocannon({
      url: `${serve.url}/rp/login/verify`,
      method: 'POST',
      connections: CONNECTIONS,
      amount: bodies.length,
      timeout: 10,
      headers: { 'content-type': 'application/json' },
      requests: [{ setupRequest: (req) => ({ ...req, body: bodies[next++ % bodies.length] }) }],
      duration: MAX_SECONDS,
    });
    const byStatus = result.statusCodeStats as Record<string, { count: number }>;
    const ok = byStatus['200']?.count ?? 0;
    const replayed = byStatus['409']?.count ?? 0;
    const other = result.requests.total - ok - replayed;
    return [
      label,
      String(result.requests.total),
      Math.round(result.requests.total / result.duration).toLocaleString('en-US'),
      `${result.latency.p50} ms`,
      `${result.latency.p99} ms`,
      String(ok),
      String(replayed),
      String(Math.max(0, ok - RESPONSES)),
      String(other + result.errors + result.timeouts),
    ];
  } finally {
    await stop(serve);
  }
}

/** The figure table of the load run. */
export const serveLoad = figureTable({
  title: 'HTTP login verification under load (jitsuin serve, loopback)',
  description: `req/s is all requests over the run's wall time. autocannon, ${CONNECTIONS} connections, ${RESPONSES} distinct login responses each sent twice concurrently; the server in its own Node process on the same machine. "double accepts" counts 200s beyond one per response (must be 0); "other" counts any answer but 200/409, socket errors and timeouts.`,
  compute: async () => {
    const rows: string[][] = [await loadRow('memory', [])];
    const redis = process.env.JITSUIN_REDIS_URL;
    const postgres = process.env.JITSUIN_POSTGRES_URL;
    rows.push(
      redis === undefined
        ? [
            'redis',
            'not run: JITSUIN_REDIS_URL unset (npm run load starts the servers)',
            '',
            '',
            '',
            '',
            '',
            '',
            '',
          ]
        : await loadRow('redis', ['--redis', redis]),
    );
    rows.push(
      postgres === undefined
        ? [
            'postgres',
            'not run: JITSUIN_POSTGRES_URL unset (npm run load starts the servers)',
            '',
            '',
            '',
            '',
            '',
            '',
            '',
          ]
        : await loadRow('postgres', ['--postgres', postgres]),
    );
    return {
      columns: [
        'store',
        'requests',
        'req/s',
        'p50',
        'p99',
        '200 (logged in)',
        '409 (replay refused)',
        'double accepts',
        'other',
      ],
      rows,
    };
  },
});
