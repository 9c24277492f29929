/**
 * The one method the Redis adapters need from a client, and running Lua scripts by their SHA1
 * (loaded once, reloaded after a server restart flushed the script cache).
 * @module
 */
import { isJitsuinError } from '../../errors.js';
import { fail } from '../../internal/fail.js';

/**
 * The part of a node-redis client (v4 and later, `createClient()` or a pool/cluster client
 * wrapper) the adapters use: raw commands with RESP2 replies. Connection, pooling, TLS and auth
 * stay the caller's.
 */
export interface RedisCommandClient {
  /** Sends one command (name and arguments) and resolves to the server's reply. */
  sendCommand(args: string[]): Promise<unknown>;
}

/** Checks the `client` option of an adapter. @internal */
export function checkRedisClient(client: unknown, where: string): RedisCommandClient {
  if (
    typeof client !== 'object' ||
    client === null ||
    typeof (client as RedisCommandClient).sendCommand !== 'function'
  ) {
    fail(
      'ERR_INVALID_ARGUMENT',
      `${where}: client must be a node-redis client (an object with sendCommand)`,
    );
  }
  return client as RedisCommandClient;
}

/** Checks a key prefix: printable, at most 128 characters. @internal */
export function checkPrefix(prefix: unknown, where: string): string {
  // eslint-disable-next-line no-control-regex
  if (typeof prefix !== 'string' || prefix.length > 128 || /[\u0000-\u001f\u007f]/.test(prefix))
    fail(
      'ERR_INVALID_ARGUMENT',
      `${where}: keyPrefix must be printable text of at most 128 characters`,
    );
  return prefix;
}

/** Sends a command, reporting any client or server failure as `ERR_STORE`. @internal */
export async function command(client: RedisCommandClient, args: string[]): Promise<unknown> {
  try {
    return await client.sendCommand(args);
  } catch (e) {
    return fail(
      'ERR_STORE',
      `redis ${args[0] ?? ''} failed: ${e instanceof Error ? e.message : String(e)}`,
      undefined,
      e,
    );
  }
}

/** A Lua script run with EVALSHA. @internal */
export class RedisScript {
  #sha: string | undefined;

  constructor(readonly source: string) {}

  /** Runs the script on `keys` and `args`; loads it first, and again after NOSCRIPT. */
  async run(
    client: RedisCommandClient,
    keys: readonly string[],
    args: readonly string[],
  ): Promise<unknown> {
    for (let attempt = 0; attempt < 2; attempt++) {
      if (this.#sha === undefined)
        this.#sha = String(await command(client, ['SCRIPT', 'LOAD', this.source]));
      try {
        return await command(client, ['EVALSHA', this.#sha, String(keys.length), ...keys, ...args]);
      } catch (e) {
        // A restarted (or flushed) server forgets loaded scripts; load it again once.
        if (isJitsuinError(e, 'ERR_STORE') && /NOSCRIPT/.test(e.message)) {
          this.#sha = undefined;
          continue;
        }
        throw e;
      }
    }
    return fail('ERR_STORE', 'redis keeps answering NOSCRIPT after SCRIPT LOAD');
  }
}

/**
 * Milliseconds from `now` (seconds) until the end of second `until`, or `undefined` when that end
 * has passed: such a record must not be written at all, since even a 1 ms TTL leaves it readable
 * for that millisecond where every other store has already forgotten it ([STORE-05]). @internal
 */
export function ttlMillis(until: number, now: number): string | undefined {
  const ms = (until + 1 - now) * 1000;
  return ms > 0 ? String(ms) : undefined;
}
