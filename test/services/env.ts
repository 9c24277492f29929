/** Connections to the servers test/services/start.sh started (the service suite fails without them). */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { createClient } from 'redis';
import pg from 'pg';

function need(name: string): string {
  const v = process.env[name];
  if (v === undefined || v === '')
    throw new Error(
      `${name} is not set: run the service suite through test/services/start.sh (npm run test:services)`,
    );
  return v;
}

export const REDIS_URL = (): string => need('JITSUIN_REDIS_URL');
export const POSTGRES_URL = (): string => need('JITSUIN_POSTGRES_URL');

/** A connected node-redis client; close it with `.quit()`. */
// eslint-disable-next-line @typescript-eslint/explicit-function-return-type
export async function redisClient() {
  const client = createClient({ url: REDIS_URL() });
  client.on('error', () => {}); // reconnects are expected in the restart test
  await client.connect();
  return client;
}

/** A pg pool; close it with `.end()`. */
export function postgresPool(max = 10): pg.Pool {
  const pool = new pg.Pool({ connectionString: POSTGRES_URL(), max });
  pool.on('error', () => {}); // idle clients die in the restart test
  return pool;
}

/** Kills and restarts one server on its data (scripts written by start.sh). */
export function restart(server: 'redis' | 'postgres'): void {
  execFileSync(join(need('JITSUIN_SERVICES_DIR'), `restart-${server}`), {
    stdio: 'inherit',
    timeout: 60_000,
  });
}
