/**
 * The witness's state on PostgreSQL (spec/stores.md §8): one row per origin; the first record is
 * an insert that a primary key makes unique, every later one a conditional update.
 * @module
 */
import { fail } from '../../internal/fail.js';
import { hexDecode, hexEncode } from '../../encoding/hex.js';
import {
  checkWitnessSwap,
  type WitnessRecord,
  type WitnessStateStore,
} from '../../ledger/witness.js';
import { storedInteger } from '../internal/codec.js';
import { checkPool, sql, type PgPoolLike } from './client.js';

/** Options of {@link PostgresWitnessStateStore}. */
export interface PostgresWitnessStateStoreOptions {
  /** A `pg.Pool` on a database where {@link migratePostgres} was run (schema version 2 or later). */
  readonly pool: PgPoolLike;
}

/**
 * {@link WitnessStateStore} on PostgreSQL: of concurrent swaps of one origin from one record,
 * through any number of witness processes, at most one is stored ([STORE-15]).
 */
export class PostgresWitnessStateStore implements WitnessStateStore {
  readonly #pool: PgPoolLike;

  constructor(options: PostgresWitnessStateStoreOptions) {
    if (typeof options !== 'object' || options === null)
      fail('ERR_INVALID_ARGUMENT', 'PostgresWitnessStateStore: options with a pool are required');
    this.#pool = checkPool(options.pool, 'PostgresWitnessStateStore');
  }

  async get(origin: string): Promise<WitnessRecord | undefined> {
    if (typeof origin !== 'string' || origin.length === 0)
      fail(
        'ERR_INVALID_ARGUMENT',
        'PostgresWitnessStateStore.get: origin must be a non-empty string',
      );
    const row = (
      await sql(this.#pool, 'SELECT size, root_hash FROM jitsuin_witness_state WHERE origin = $1', [
        origin,
      ])
    ).rows[0];
    if (row === undefined) return undefined;
    const root =
      typeof row.root_hash === 'string' && /^[0-9a-f]{64}$/.test(row.root_hash)
        ? hexDecode(row.root_hash)
        : fail(
            'ERR_STORE',
            'PostgresWitnessStateStore: a stored root is not 64 hex digits',
            'STORE-04',
          );
    return {
      size: storedInteger(row.size, Number.MAX_SAFE_INTEGER, 'PostgresWitnessStateStore'),
      rootHash: root,
    };
  }

  async compareAndSwap(
    origin: string,
    expected: WitnessRecord | undefined,
    next: WitnessRecord,
  ): Promise<boolean> {
    checkWitnessSwap(origin, expected, next, 'PostgresWitnessStateStore.compareAndSwap');
    const r =
      expected === undefined
        ? await sql(
            this.#pool,
            'INSERT INTO jitsuin_witness_state (origin, size, root_hash) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
            [origin, next.size, hexEncode(next.rootHash)],
          )
        : await sql(
            this.#pool,
            'UPDATE jitsuin_witness_state SET size = $4, root_hash = $5 WHERE origin = $1 AND size = $2 AND root_hash = $3',
            [
              origin,
              expected.size,
              hexEncode(expected.rootHash),
              next.size,
              hexEncode(next.rootHash),
            ],
          );
    return r.rowCount === 1;
  }
}
