/**
 * Single-use records on PostgreSQL. Consuming is one `UPDATE … WHERE NOT consumed RETURNING`:
 * the row lock makes concurrent consumers wait and re-check, so exactly one gets the record
 * ([STORE-01]), and the consumed row stays until `forget_at` so a replay is reported as such
 * ([STORE-02]). Rows past `forget_at` are invisible and removed a few at a time by `DELETE` (skipping rows
 * another purge holds, so purges never deadlock).
 * @module
 */
import { fail } from '../../internal/fail.js';
import type { SingleUseConsumeResult } from '../../internal/single-use-store.js';
import type { RecordCodec } from '../internal/codec.js';
import { checkRetention, systemSeconds } from '../internal/codec.js';
import { checkPool, sql, type PgPoolLike } from './client.js';

/** Options shared by the PostgreSQL single-use stores. */
export interface PostgresSingleUseStoreOptions {
  /** A `pg.Pool` on a database where {@link migratePostgres} was run. */
  readonly pool: PgPoolLike;
  /** Seconds a record is kept after its `exp`, so that replays are reported as such. */
  readonly retention?: number;
  /** The clock for expiry, seconds since the epoch (default: the system clock). */
  readonly now?: () => number;
}

/** Most expired rows removed by one `put`, to keep each put short. */
const PURGE_BATCH = 64;

/** The engine behind the PostgreSQL challenge stores. @internal */
export class PostgresSingleUseStore<
  R extends { readonly challenge: string; readonly exp: number },
> {
  readonly #pool: PgPoolLike;
  readonly #retention: number;
  readonly #now: () => number;

  constructor(
    readonly name: string,
    readonly kind: string,
    readonly codec: RecordCodec<R>,
    options: PostgresSingleUseStoreOptions,
    defaultRetention: number,
  ) {
    if (typeof options !== 'object' || options === null)
      fail('ERR_INVALID_ARGUMENT', `${name}: options with a pool are required`);
    this.#pool = checkPool(options.pool, name);
    this.#retention = checkRetention(options.retention ?? defaultRetention, name);
    this.#now = options.now ?? systemSeconds;
  }

  async put(record: R): Promise<void> {
    const now = this.#now();
    await sql(
      this.#pool,
      `DELETE FROM jitsuin_single_use WHERE kind = $1 AND (kind, value) IN
      (SELECT kind, value FROM jitsuin_single_use WHERE kind = $1 AND forget_at < $2 LIMIT ${PURGE_BATCH} FOR UPDATE SKIP LOCKED)`,
      [this.kind, now],
    );
    // A forgotten row of the same value may still be there: it is replaced; a live one refuses.
    const r = await sql(
      this.#pool,
      `INSERT INTO jitsuin_single_use (kind, value, record, consumed, forget_at) VALUES ($1, $2, $3, false, $4)
      ON CONFLICT (kind, value) DO UPDATE SET record = EXCLUDED.record, consumed = false, forget_at = EXCLUDED.forget_at
      WHERE jitsuin_single_use.forget_at < $5`,
      [this.kind, record.challenge, this.codec.encode(record), record.exp + this.#retention, now],
    );
    if (r.rowCount !== 1)
      fail(
        'ERR_INVALID_ARGUMENT',
        `${this.name}: this challenge value was already issued`,
        'STORE-03',
      );
  }

  async consume(value: string): Promise<SingleUseConsumeResult<R>> {
    if (typeof value !== 'string') return { status: 'unknown' };
    const now = this.#now();
    const r = await sql(
      this.#pool,
      `UPDATE jitsuin_single_use SET consumed = true
      WHERE kind = $1 AND value = $2 AND NOT consumed AND forget_at >= $3 RETURNING record`,
      [this.kind, value, now],
    );
    const row = r.rows[0];
    if (row !== undefined) {
      const record = this.codec.decode(row.record as string);
      if (record.challenge !== value)
        fail(
          'ERR_STORE',
          `${this.name}: the record stored under this value is for another value`,
          'STORE-04',
        );
      return { status: 'consumed', record };
    }
    // Nothing consumed: a consumed row still remembered is a replay; anything else is unknown.
    const seen = await sql(
      this.#pool,
      'SELECT consumed FROM jitsuin_single_use WHERE kind = $1 AND value = $2 AND forget_at >= $3',
      [this.kind, value, now],
    );
    return seen.rows[0]?.consumed === true ? { status: 'replayed' } : { status: 'unknown' };
  }
}
