/** The QR session store on Redis: compare-and-set on a version field, in Lua. @module */
import { fail } from '../../internal/fail.js';
import type { QrSessionStore } from '../../qr/store.js';
import { QR_COLLECT_WINDOW, type QrSession } from '../../qr/session.js';
import { checkRetention, qrSessionCodec, systemSeconds } from '../internal/codec.js';
import {
  checkPrefix,
  checkRedisClient,
  command,
  RedisScript,
  ttlMillis,
  type RedisCommandClient,
} from './client.js';

const CREATE = new RedisScript(`
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], 'v', ARGV[1], 's', ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1
`);

const COMPARE_AND_SET = new RedisScript(`
if redis.call('HGET', KEYS[1], 'v') ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'v', ARGV[2], 's', ARGV[3])
return 1
`);

/** Options of {@link RedisQrSessionStore}. */
export interface RedisQrSessionStoreOptions {
  /** A connected node-redis client (v4 or later). */
  readonly client: RedisCommandClient;
  /** Prefix of every key (default `jitsuin:qr:session:`). */
  readonly keyPrefix?: string;
  /** Seconds a session is kept after its last possible transition (default 300). */
  readonly retention?: number;
  /** The clock the TTLs are computed from, seconds since the epoch (default: the system clock). */
  readonly now?: () => number;
}

/**
 * {@link QrSessionStore} on Redis: each session is a hash of its version and its JSON; the
 * compare-and-set is one Lua script, so of concurrent transitions of one session from one version
 * exactly one is stored, whichever process makes it ([STORE-06]).
 */
export class RedisQrSessionStore implements QrSessionStore {
  readonly #client: RedisCommandClient;
  readonly #prefix: string;
  readonly #retention: number;
  readonly #now: () => number;

  constructor(options: RedisQrSessionStoreOptions) {
    if (typeof options !== 'object' || options === null)
      fail('ERR_INVALID_ARGUMENT', 'RedisQrSessionStore: options with a client are required');
    this.#client = checkRedisClient(options.client, 'RedisQrSessionStore');
    this.#prefix = checkPrefix(options.keyPrefix ?? 'jitsuin:qr:session:', 'RedisQrSessionStore');
    this.#retention = checkRetention(options.retention ?? 300, 'RedisQrSessionStore');
    this.#now = options.now ?? systemSeconds;
  }

  async create(session: QrSession): Promise<void> {
    const ttl = ttlMillis(session.exp + QR_COLLECT_WINDOW + this.#retention, this.#now());
    // Already past its retention: nothing to keep, but an offer id in use is still refused.
    if (ttl === undefined) {
      if ((await command(this.#client, ['EXISTS', this.#prefix + session.offerId])) === 1)
        fail('ERR_INVALID_ARGUMENT', `offer id ${session.offerId} already exists`, 'STORE-06');
      return;
    }
    const created = await CREATE.run(
      this.#client,
      [this.#prefix + session.offerId],
      [String(session.version), qrSessionCodec.encode(session), ttl],
    );
    if (created !== 1)
      fail('ERR_INVALID_ARGUMENT', `offer id ${session.offerId} already exists`, 'STORE-06');
  }

  async get(offerId: string): Promise<QrSession | undefined> {
    if (typeof offerId !== 'string') return undefined;
    const text = await command(this.#client, ['HGET', this.#prefix + offerId, 's']);
    if (text === null || text === undefined) return undefined;
    const s = qrSessionCodec.decode(text as string);
    if (s.offerId !== offerId)
      fail(
        'ERR_STORE',
        'RedisQrSessionStore: the session stored under this key is for another offer',
        'STORE-04',
      );
    return s;
  }

  async compareAndSet(expectedVersion: number, next: QrSession): Promise<boolean> {
    const stored = await COMPARE_AND_SET.run(
      this.#client,
      [this.#prefix + next.offerId],
      [String(expectedVersion), String(next.version), qrSessionCodec.encode(next)],
    );
    return stored === 1;
  }
}
