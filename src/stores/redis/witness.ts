/**
 * The witness's state on Redis (spec/stores.md §8): one string per origin, swapped by one Lua
 * script that compares the whole canonical record. The key does not expire.
 * @module
 */
import { fail } from '../../internal/fail.js';
import {
  checkWitnessSwap,
  type WitnessRecord,
  type WitnessStateStore,
} from '../../ledger/witness.js';
import { witnessRecordText } from '../internal/codec.js';
import {
  checkPrefix,
  checkRedisClient,
  command,
  RedisScript,
  type RedisCommandClient,
} from './client.js';

// ARGV[1] is the expected record's text, or '' for "none".
const SWAP = new RedisScript(`
if (redis.call('GET', KEYS[1]) or '') ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2])
return 1
`);

/** Options of {@link RedisWitnessStateStore}. */
export interface RedisWitnessStateStoreOptions {
  /** A connected node-redis client (v4 or later). */
  readonly client: RedisCommandClient;
  /** Prefix of every key (default `jitsuin:witness:`); the log's origin follows it. */
  readonly keyPrefix?: string;
}

/**
 * {@link WitnessStateStore} on Redis: of concurrent swaps of one origin from one record, through
 * any number of witness processes, at most one is stored ([STORE-15]), so the witness never
 * cosigns two checkpoints that do not extend one another.
 */
export class RedisWitnessStateStore implements WitnessStateStore {
  readonly #client: RedisCommandClient;
  readonly #prefix: string;

  constructor(options: RedisWitnessStateStoreOptions) {
    if (typeof options !== 'object' || options === null)
      fail('ERR_INVALID_ARGUMENT', 'RedisWitnessStateStore: options with a client are required');
    this.#client = checkRedisClient(options.client, 'RedisWitnessStateStore');
    this.#prefix = checkPrefix(options.keyPrefix ?? 'jitsuin:witness:', 'RedisWitnessStateStore');
  }

  async get(origin: string): Promise<WitnessRecord | undefined> {
    if (typeof origin !== 'string' || origin.length === 0)
      fail('ERR_INVALID_ARGUMENT', 'RedisWitnessStateStore.get: origin must be a non-empty string');
    const text = await command(this.#client, ['GET', this.#prefix + origin]);
    return text === null || text === undefined
      ? undefined
      : witnessRecordText.decode(text, 'RedisWitnessStateStore');
  }

  async compareAndSwap(
    origin: string,
    expected: WitnessRecord | undefined,
    next: WitnessRecord,
  ): Promise<boolean> {
    checkWitnessSwap(origin, expected, next, 'RedisWitnessStateStore.compareAndSwap');
    const was = expected === undefined ? '' : witnessRecordText.encode(expected);
    return (
      (await SWAP.run(
        this.#client,
        [this.#prefix + origin],
        [was, witnessRecordText.encode(next)],
      )) === 1
    );
  }
}
