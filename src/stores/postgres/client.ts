/** The parts of a `pg` pool the PostgreSQL adapters use, and error mapping. @module */
import { isJitsuinError } from '../../errors.js';
import { fail } from '../../internal/fail.js';

/** A query result as `pg` returns it. */
export interface PgQueryResultLike {
  readonly rows: readonly Record<string, unknown>[];
  readonly rowCount: number | null;
}

/** Anything that runs one parameterised query: a `pg.Pool`, a `pg.Client`, a checked-out pool client. */
export interface PgQueryable {
  /** Runs `text` with `$1…` bound to `values`. */
  query(text: string, values?: unknown[]): Promise<PgQueryResultLike>;
}

/** A client checked out of a pool, for a transaction. */
export interface PgPoolClientLike extends PgQueryable {
  /** Returns the client to its pool; `true` or an error discards it. */
  release(error?: Error | boolean): void;
}

/**
 * A `pg.Pool` the caller created (pooling, TLS and auth stay the caller's). Single statements go
 * through `query`; the few operations that need a transaction check a client out with `connect`.
 */
export interface PgPoolLike extends PgQueryable {
  /** Checks a client out of the pool. */
  connect(): Promise<PgPoolClientLike>;
}

/** Checks the `pool` option of an adapter. @internal */
export function checkPool(pool: unknown, where: string): PgPoolLike {
  const p = pool as PgPoolLike;
  if (
    typeof pool !== 'object' ||
    pool === null ||
    typeof p.query !== 'function' ||
    typeof p.connect !== 'function'
  ) {
    fail(
      'ERR_INVALID_ARGUMENT',
      `${where}: pool must be a pg.Pool (an object with query and connect)`,
    );
  }
  return p;
}

/** PostgreSQL's "undefined table": the migration was not applied. */
const UNDEFINED_TABLE = '42P01';

/** Runs one query, reporting any failure as `ERR_STORE` (with a hint when the tables are missing). @internal */
export async function sql(
  db: PgQueryable,
  text: string,
  values: unknown[] = [],
): Promise<PgQueryResultLike> {
  try {
    return await db.query(text, values);
  } catch (e) {
    if (isJitsuinError(e)) throw e;
    const code = (e as { code?: unknown }).code;
    const hint =
      code === UNDEFINED_TABLE ? ' (the jitsuin tables are missing: run migratePostgres once)' : '';
    return fail(
      'ERR_STORE',
      `postgres query failed${hint}: ${e instanceof Error ? e.message : String(e)}`,
      code === UNDEFINED_TABLE ? 'STORE-11' : undefined,
      e,
    );
  }
}

/** Runs `body` in one transaction on a client checked out of `pool`; rolls back on any throw. @internal */
export async function transaction<T>(
  pool: PgPoolLike,
  body: (db: PgQueryable) => Promise<T>,
): Promise<T> {
  let client: PgPoolClientLike;
  try {
    client = await pool.connect();
  } catch (e) {
    return fail(
      'ERR_STORE',
      `postgres connect failed: ${e instanceof Error ? e.message : String(e)}`,
      undefined,
      e,
    );
  }
  let broken = false;
  try {
    await sql(client, 'BEGIN');
    const result = await body(client);
    await sql(client, 'COMMIT');
    return result;
  } catch (e) {
    try {
      await client.query('ROLLBACK');
    } catch {
      broken = true; // the connection is unusable; let the pool discard it
    }
    throw e;
  } finally {
    client.release(broken);
  }
}
