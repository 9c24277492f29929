/**
 * `jitsuin serve` (`npm run serve`): a local RP on the TEST world — the PC login page, the route
 * handlers, a phone simulator — on in-memory stores, or on Redis / PostgreSQL with `--redis URL` /
 * `--postgres URL`.
 * @module
 */
import { createServer, type Server } from 'node:http';
import { parseOptions, stringOption, UsageError } from './args.js';
import type { CliIo } from './io.js';
import { createServeApp, type ServeApp } from './serve/app.js';
import { nodeListener } from './serve/node-http.js';
import { openStores, type ServeStores, type StoreChoice } from './serve/stores.js';

/** Usage text of `jitsuin serve`. */
export const SERVE_USAGE = `usage: jitsuin serve [--port N] [--host ADDR] [--redis URL | --postgres URL] [--qr-lifetime S]

Runs a local TEST relying party (hospital.example) on a synthetic PKI: open http://HOST:PORT/ for the
PC login page (QR code, number to match, countdown, live state). The phone is simulated: POST
/phone/scan {"uri"}, then /phone/approve {"offerId","code"} or /phone/deny {"offerId"}; for app
login, /phone/login {"challenge"} signs what POST /rp/login/challenge returned.

  --port N          port (default 8080; 0 picks a free one)
  --host ADDR       address to listen on (default 127.0.0.1)
  --redis URL       keep challenges, QR sessions and the registry in Redis (e.g. redis://127.0.0.1:6379)
  --postgres URL    keep them in PostgreSQL (migrated on start), e.g. postgres://user@127.0.0.1/db
  --qr-lifetime S   offer lifetime in seconds, 1..120 (default 120)

TEST only: the phone simulator approves any offer as the TEST person. Keep it on loopback.
`;

/** A started server. */
export interface RunningServe {
  readonly url: string;
  readonly app: ServeApp;
  readonly stores: ServeStores;
  readonly server: Server;
  close(): Promise<void>;
}

/** Options of {@link startServe}. */
export interface StartServeOptions {
  readonly port?: number;
  readonly host?: string;
  readonly store?: StoreChoice;
  readonly qrLifetime?: number;
  readonly onError?: (error: unknown) => void;
}

/** Starts the server (used by the command, the browser test and the load run). */
export async function startServe(options: StartServeOptions = {}): Promise<RunningServe> {
  const stores = await openStores(options.store ?? { kind: 'memory' });
  const app = await createServeApp({
    stores,
    ...(options.qrLifetime === undefined ? {} : { qrLifetime: options.qrLifetime }),
    ...(options.onError === undefined ? {} : { onError: options.onError }),
  });
  const host = options.host ?? '127.0.0.1';
  const server = createServer(
    { requestTimeout: 30_000, headersTimeout: 10_000, maxHeaderSize: 16 * 1024 },
    nodeListener(app.handler, `http://${host}`),
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8080, host, resolve);
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : options.port;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${String(port)}`,
    app,
    stores,
    server,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await stores.close();
    },
  };
}

/** Runs `jitsuin serve` until SIGINT / SIGTERM. */
export async function serveCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const o = parseOptions(argv, {
    port: 'string',
    host: 'string',
    redis: 'string',
    postgres: 'string',
    'qr-lifetime': 'string',
  });
  const port = Number(stringOption(o, 'port') ?? '8080');
  if (!Number.isSafeInteger(port) || port < 0 || port > 65535)
    throw new UsageError('--port must be 0..65535');
  const lifetimeText = stringOption(o, 'qr-lifetime');
  const qrLifetime = lifetimeText === undefined ? undefined : Number(lifetimeText);
  if (
    qrLifetime !== undefined &&
    (!Number.isSafeInteger(qrLifetime) || qrLifetime < 1 || qrLifetime > 120)
  )
    throw new UsageError('--qr-lifetime must be 1..120');
  const redis = stringOption(o, 'redis');
  const postgres = stringOption(o, 'postgres');
  if (redis !== undefined && postgres !== undefined)
    throw new UsageError('give --redis or --postgres, not both');
  const store: StoreChoice =
    redis !== undefined
      ? { kind: 'redis', url: redis }
      : postgres !== undefined
        ? { kind: 'postgres', url: postgres }
        : { kind: 'memory' };
  const host = stringOption(o, 'host') ?? '127.0.0.1';
  const running = await startServe({
    port,
    host,
    store,
    ...(qrLifetime === undefined ? {} : { qrLifetime }),
  });
  io.out(
    `jitsuin serve: TEST relying party hospital.example on ${running.url}/ (stores: ${store.kind})\n`,
  );
  io.out(
    `  PC login page:   ${running.url}/\n  phone simulator: POST ${running.url}/phone/scan {"uri"} → /phone/approve {"offerId","code"}\n`,
  );
  io.out(`  the simulated person's common code: ${running.app.commonCode}\n  Ctrl-C stops it.\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await running.close();
  return 0;
}
