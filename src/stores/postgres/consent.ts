/**
 * The consent use counts and withdrawals on PostgreSQL (spec/stores.md §7): one conditional
 * upsert counts, a primary key keeps the first withdrawal. Neither row expires.
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
import { MAX_USES } from '../../consent/model.js';
import { storedInteger } from '../internal/codec.js';
import { checkPool, sql, type PgPoolLike } from './client.js';

/** Options of {@link PostgresConsentUseStore} and {@link PostgresWithdrawalStore}. */
export interface PostgresConsentStoreOptions {
  /** A `pg.Pool` on a database where {@link migratePostgres} was run (schema version 2 or later). */
  readonly pool: PgPoolLike;
}

function poolOf(o: PostgresConsentStoreOptions, name: string): PgPoolLike {
  if (typeof o !== 'object' || o === null)
    fail('ERR_INVALID_ARGUMENT', `${name}: options with a pool are required`);
  return checkPool(o.pool, name);
}

// The upsert's DO UPDATE takes the row lock and re-evaluates `uses < limit` after waiting, so of
// concurrent consumes at most `limit` return a row, each with its own count.
const COUNT = `INSERT INTO jitsuin_consent_use (use_key, uses) VALUES ($1, 1)
  ON CONFLICT (use_key) DO UPDATE SET uses = jitsuin_consent_use.uses + 1 WHERE jitsuin_consent_use.uses < $2
  RETURNING uses`;

/**
 * {@link ConsentUseStore} on PostgreSQL: of concurrent consumes of one key through any number of
 * pools and processes, at most `limit` are granted, each with its own use number ([STORE-12]).
 */
export class PostgresConsentUseStore implements ConsentUseStore {
  readonly #pool: PgPoolLike;

  constructor(o: PostgresConsentStoreOptions) {
    this.#pool = poolOf(o, 'PostgresConsentUseStore');
  }

  async consume(key: string, limit: number): Promise<ConsentUseResult> {
    checkUseArguments(key, limit, 'PostgresConsentUseStore.consume');
    const counted = (await sql(this.#pool, COUNT, [key, limit])).rows[0];
    if (counted !== undefined)
      return {
        status: 'granted',
        use: storedInteger(counted.uses, MAX_USES, 'PostgresConsentUseStore'),
      };
    const row = (
      await sql(this.#pool, 'SELECT uses FROM jitsuin_consent_use WHERE use_key = $1', [key])
    ).rows[0];
    return {
      status: 'exhausted',
      uses: storedInteger(row?.uses, MAX_USES, 'PostgresConsentUseStore'),
    };
  }
}

/** {@link WithdrawalStore} on PostgreSQL: the first withdrawal of a consent is kept, forever ([STORE-13]). */
export class PostgresWithdrawalStore implements WithdrawalStore {
  readonly #pool: PgPoolLike;

  constructor(o: PostgresConsentStoreOptions) {
    this.#pool = poolOf(o, 'PostgresWithdrawalStore');
  }

  async withdraw(consentId: string, at: number): Promise<void> {
    checkWithdrawArguments(consentId, at, 'PostgresWithdrawalStore.withdraw');
    await sql(
      this.#pool,
      'INSERT INTO jitsuin_consent_withdrawal (consent_id, withdrawn_at) VALUES ($1, $2) ON CONFLICT DO NOTHING',
      [consentId, at],
    );
  }

  async withdrawnAt(consentId: string): Promise<number | undefined> {
    if (typeof consentId !== 'string')
      fail(
        'ERR_INVALID_ARGUMENT',
        'PostgresWithdrawalStore.withdrawnAt: consentId must be a string',
      );
    const row = (
      await sql(
        this.#pool,
        'SELECT withdrawn_at FROM jitsuin_consent_withdrawal WHERE consent_id = $1',
        [consentId],
      )
    ).rows[0];
    // bigint arrives as a string from node-postgres.
    return row === undefined
      ? undefined
      : storedInteger(row.withdrawn_at, Number.MAX_SAFE_INTEGER, 'PostgresWithdrawalStore');
  }
}
