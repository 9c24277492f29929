/** The QR session store on PostgreSQL: compare-and-set by `UPDATE … WHERE version = $expected`. @module */
import { fail } from '../../internal/fail.js';
import type { QrSessionStore } from '../../qr/store.js';
import { QR_COLLECT_WINDOW, type QrSession } from '../../qr/session.js';
import { checkRetention, qrSessionCodec, systemSeconds } from '../internal/codec.js';
import { checkPool, sql, type PgPoolLike } from './client.js';

/** Options of {@link PostgresQrSessionStore}. */
export interface PostgresQrSessionStoreOptions {
  /** A `pg.Pool` on a database where {@link migratePostgres} was run. */
  readonly pool: PgPoolLike;
  /** Seconds a session is kept after its last possible transition (default 300). */
  readonly retention?: number;
  /** The clock for expiry, seconds since the epoch (default: the system clock). */
  readonly now?: () => number;
}

/**
 * {@link QrSessionStore} on PostgreSQL. The conditional `UPDATE` takes the row lock and re-checks
 * the version after waiting, so of concurrent transitions from one version exactly one is
 * stored ([STORE-06]).
 */
export class PostgresQrSessionStore implements QrSessionStore {
  readonly #pool: PgPoolLike;
  readonly #retention: number;
  readonly #now: () => number;

  constructor(options: PostgresQrSessionStoreOptions) {
    if (typeof options !== 'object' || options === null)
      fail('ERR_INVALID_ARGUMENT', 'PostgresQrSessionStore: options with a pool are required');
    this.#pool = checkPool(options.pool, 'PostgresQrSessionStore');
    this.#retention = checkRetention(options.retention ?? 300, 'PostgresQrSessionStore');
    this.#now = options.now ?? systemSeconds;
  }

  async create(session: QrSession): Promise<void> {
    const now = this.#now();
    await sql(
      this.#pool,
      'DELETE FROM jitsuin_qr_session WHERE offer_id IN (SELECT offer_id FROM jitsuin_qr_session WHERE forget_at < $1 LIMIT 64 FOR UPDATE SKIP LOCKED)',
      [now],
    );
    const r = await sql(
      this.#pool,
      `INSERT INTO jitsuin_qr_session (offer_id, version, session, forget_at) VALUES ($1, $2, $3, $4)
      ON CONFLICT (offer_id) DO UPDATE SET version = EXCLUDED.version, session = EXCLUDED.session, forget_at = EXCLUDED.forget_at
      WHERE jitsuin_qr_session.forget_at < $5`,
      [
        session.offerId,
        session.version,
        qrSessionCodec.encode(session),
        session.exp + QR_COLLECT_WINDOW + this.#retention,
        now,
      ],
    );
    if (r.rowCount !== 1)
      fail('ERR_INVALID_ARGUMENT', `offer id ${session.offerId} already exists`, 'STORE-06');
  }

  async get(offerId: string): Promise<QrSession | undefined> {
    if (typeof offerId !== 'string') return undefined;
    const r = await sql(
      this.#pool,
      'SELECT session FROM jitsuin_qr_session WHERE offer_id = $1 AND forget_at >= $2',
      [offerId, this.#now()],
    );
    const row = r.rows[0];
    if (row === undefined) return undefined;
    const s = qrSessionCodec.decode(row.session as string);
    if (s.offerId !== offerId)
      fail(
        'ERR_STORE',
        'PostgresQrSessionStore: the session stored under this id is for another offer',
        'STORE-04',
      );
    return s;
  }

  async compareAndSet(expectedVersion: number, next: QrSession): Promise<boolean> {
    const r = await sql(
      this.#pool,
      'UPDATE jitsuin_qr_session SET version = $1, session = $2 WHERE offer_id = $3 AND version = $4',
      [next.version, qrSessionCodec.encode(next), next.offerId, expectedVersion],
    );
    return r.rowCount === 1;
  }
}
