/**
 * The consent use counts and withdrawals on Redis (spec/stores.md §7): the check-and-increment
 * is one Lua script; a withdrawal is `SET NX`, so the first one wins. Neither key expires.
 * @module
 */
import { fail } from '../../internal/fail.js';
import {
  checkUseArguments,
  checkWithdrawArguments,
  type ConsentUseResult,
  type ConsentUseStore,
  type WithdrawalStore,
} from '../../consent/stores.js';
import { storedInteger } from '../internal/codec.js';
import {
  checkPrefix,
  checkRedisClient,
  command,
  RedisScript,
  type RedisCommandClient,
} from './client.js';

// Answers {1, use} when it counted, {0, count} when the limit was reached; a stored value that is
// not canonical decimal digits is an error reply (the adapter reports ERR_STORE).
const CONSUME = new RedisScript(`
local v = redis.call('GET', KEYS[1])
if v and not string.match(v, '^[1-9][0-9]*$') then return redis.error_reply('jitsuin: not a use count') end
local n = tonumber(v or '0')
if n >= tonumber(ARGV[1]) then return {0, n} end
redis.call('SET', KEYS[1], tostring(n + 1))
return {1, n + 1}
`);

/** Options of {@link RedisConsentUseStore} and {@link RedisWithdrawalStore}. */
export interface RedisConsentStoreOptions {
  /** A connected node-redis client (v4 or later). */
  readonly client: RedisCommandClient;
  /** Prefix of every key (default `jitsuin:consent:use:` for counts, `jitsuin:consent:withdrawn:` for withdrawals). */
  readonly keyPrefix?: string;
}

function options(
  o: RedisConsentStoreOptions,
  name: string,
  prefix: string,
): { client: RedisCommandClient; prefix: string } {
  if (typeof o !== 'object' || o === null)
    fail('ERR_INVALID_ARGUMENT', `${name}: options with a client are required`);
  return {
    client: checkRedisClient(o.client, name),
    prefix: checkPrefix(o.keyPrefix ?? prefix, name),
  };
}

/**
 * {@link ConsentUseStore} on Redis: of concurrent consumes of one key through any number of
 * clients, at most `limit` are granted, each with its own use number ([STORE-12]).
 */
export class RedisConsentUseStore implements ConsentUseStore {
  readonly #client: RedisCommandClient;
  readonly #prefix: string;

  constructor(o: RedisConsentStoreOptions) {
    ({ client: this.#client, prefix: this.#prefix } = options(
      o,
      'RedisConsentUseStore',
      'jitsuin:consent:use:',
    ));
  }

  async consume(key: string, limit: number): Promise<ConsentUseResult> {
    checkUseArguments(key, limit, 'RedisConsentUseStore.consume');
    const reply = await CONSUME.run(this.#client, [this.#prefix + key], [String(limit)]);
    if (!Array.isArray(reply) || reply.length !== 2 || (reply[0] !== 0 && reply[0] !== 1))
      fail('ERR_STORE', 'RedisConsentUseStore: unexpected reply to consume', 'STORE-04');
    const n = storedInteger(reply[1], Number.MAX_SAFE_INTEGER, 'RedisConsentUseStore');
    return reply[0] === 1 ? { status: 'granted', use: n } : { status: 'exhausted', uses: n };
  }
}

/** {@link WithdrawalStore} on Redis: the first withdrawal of a consent is kept, forever ([STORE-13]). */
export class RedisWithdrawalStore implements WithdrawalStore {
  readonly #client: RedisCommandClient;
  readonly #prefix: string;

  constructor(o: RedisConsentStoreOptions) {
    ({ client: this.#client, prefix: this.#prefix } = options(
      o,
      'RedisWithdrawalStore',
      'jitsuin:consent:withdrawn:',
    ));
  }

  async withdraw(consentId: string, at: number): Promise<void> {
    checkWithdrawArguments(consentId, at, 'RedisWithdrawalStore.withdraw');
    const reply = await command(this.#client, ['SET', this.#prefix + consentId, String(at), 'NX']);
    if (reply !== 'OK' && reply !== null)
      fail('ERR_STORE', `RedisWithdrawalStore: redis SET answered ${String(reply)}`);
  }

  async withdrawnAt(consentId: string): Promise<number | undefined> {
    if (typeof consentId !== 'string')
      fail('ERR_INVALID_ARGUMENT', 'RedisWithdrawalStore.withdrawnAt: consentId must be a string');
    const reply = await command(this.#client, ['GET', this.#prefix + consentId]);
    return reply === null || reply === undefined
      ? undefined
      : storedInteger(reply, Number.MAX_SAFE_INTEGER, 'RedisWithdrawalStore');
  }
}
