/**
 * Single-use records on Redis: `SET key value NX PX ttl` to issue, and one Lua script that reads
 * the record and overwrites it with a tombstone (keeping its TTL) to consume, so of concurrent
 * consumes on any number of clients exactly one gets the record ([STORE-01]) and the others learn
 * it was replayed rather than unknown ([STORE-02]).
 * @module
 */
import { fail } from '../../internal/fail.js';
import type { SingleUseConsumeResult } from '../../internal/single-use-store.js';
import type { RecordCodec } from '../internal/codec.js';
import { checkRetention, systemSeconds } from '../internal/codec.js';
import {
  checkPrefix,
  checkRedisClient,
  command,
  RedisScript,
  ttlMillis,
  type RedisCommandClient,
} from './client.js';

/** Live records start with `1`; a consumed one is the tombstone `0`. */
const LIVE = '1';
const TOMBSTONE = '0';

const CONSUME = new RedisScript(`
local v = redis.call('GET', KEYS[1])
if not v then return false end
if v == '${TOMBSTONE}' then return '${TOMBSTONE}' end
redis.call('SET', KEYS[1], '${TOMBSTONE}', 'KEEPTTL')
return v
`);

/** Options shared by the Redis single-use stores. */
export interface RedisSingleUseStoreOptions {
  /** A connected node-redis client (v4 or later). */
  readonly client: RedisCommandClient;
  /** Prefix of every key this store writes. */
  readonly keyPrefix?: string;
  /** Seconds a record is kept after its `exp`, so that replays are reported as such. */
  readonly retention?: number;
  /** The clock the TTLs are computed from, seconds since the epoch (default: the system clock). */
  readonly now?: () => number;
}

/** The engine behind the Redis challenge stores. @internal */
export class RedisSingleUseStore<R extends { readonly challenge: string; readonly exp: number }> {
  readonly #client: RedisCommandClient;
  readonly #prefix: string;
  readonly #retention: number;
  readonly #now: () => number;

  constructor(
    readonly name: string,
    readonly codec: RecordCodec<R>,
    options: RedisSingleUseStoreOptions,
    defaults: { keyPrefix: string; retention: number },
  ) {
    if (typeof options !== 'object' || options === null)
      fail('ERR_INVALID_ARGUMENT', `${name}: options with a client are required`);
    this.#client = checkRedisClient(options.client, name);
    this.#prefix = checkPrefix(options.keyPrefix ?? defaults.keyPrefix, name);
    this.#retention = checkRetention(options.retention ?? defaults.retention, name);
    this.#now = options.now ?? systemSeconds;
  }

  async put(record: R): Promise<void> {
    const text = this.codec.encode(record);
    const ttl = ttlMillis(record.exp + this.#retention, this.#now());
    // Already past its retention: not written (it would be forgotten at once), but a value still
    // held is refused as for any put.
    if (ttl === undefined) {
      if ((await command(this.#client, ['EXISTS', this.#prefix + record.challenge])) === 1)
        fail(
          'ERR_INVALID_ARGUMENT',
          `${this.name}: this challenge value was already issued`,
          'STORE-03',
        );
      return;
    }
    const reply = await command(this.#client, [
      'SET',
      this.#prefix + record.challenge,
      LIVE + text,
      'NX',
      'PX',
      ttl,
    ]);
    if (reply === null)
      fail(
        'ERR_INVALID_ARGUMENT',
        `${this.name}: this challenge value was already issued`,
        'STORE-03',
      );
    if (reply !== 'OK') fail('ERR_STORE', `${this.name}: redis SET answered ${String(reply)}`);
  }

  async consume(value: string): Promise<SingleUseConsumeResult<R>> {
    if (typeof value !== 'string') return { status: 'unknown' };
    const reply = await CONSUME.run(this.#client, [this.#prefix + value], []);
    if (reply === null || reply === undefined) return { status: 'unknown' };
    if (reply === TOMBSTONE) return { status: 'replayed' };
    if (typeof reply !== 'string' || !reply.startsWith(LIVE))
      fail('ERR_STORE', `${this.name}: unexpected reply to consume`, 'STORE-04');
    const record = this.codec.decode(reply.slice(LIVE.length));
    if (record.challenge !== value)
      fail(
        'ERR_STORE',
        `${this.name}: the record stored under this key is for another value`,
        'STORE-04',
      );
    return { status: 'consumed', record };
  }
}
