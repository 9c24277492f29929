/**
 * The PostgreSQL schema of the jitsuin stores and the function that applies it. The same SQL ships
 * as `sql/postgres/001-jitsuin-stores.sql` for teams that run migrations with their own tool.
 * @module
 */
import { fail } from '../../errors.js';
import { checkPool, sql, transaction, type PgPoolLike } from './client.js';

/** The schema version this library's adapters use. */
export const POSTGRES_SCHEMA_VERSION = 1;

/**
 * The migration to schema version 1. Hex and base64url text instead of bytea keep every value
 * readable in psql and independent of the client's binary handling.
 */
export const POSTGRES_MIGRATION_SQL = `-- jitsuin stores, schema version 1 (spec/stores.md)
CREATE TABLE jitsuin_schema (
  id integer PRIMARY KEY CHECK (id = 1),
  version integer NOT NULL
);

-- Login and enrollment challenges: single use by UPDATE ... WHERE NOT consumed RETURNING.
CREATE TABLE jitsuin_single_use (
  kind text NOT NULL,
  value text NOT NULL,
  record text NOT NULL,
  consumed boolean NOT NULL DEFAULT false,
  forget_at bigint NOT NULL,
  PRIMARY KEY (kind, value)
);
CREATE INDEX jitsuin_single_use_forget ON jitsuin_single_use (kind, forget_at);

-- QR login sessions: compare-and-set by UPDATE ... WHERE version = expected.
CREATE TABLE jitsuin_qr_session (
  offer_id text PRIMARY KEY,
  version integer NOT NULL,
  session text NOT NULL,
  forget_at bigint NOT NULL
);
CREATE INDEX jitsuin_qr_session_forget ON jitsuin_qr_session (forget_at);

-- Common codes: each code is assigned once (primary key); several person keys may share one
-- code only through re-binding, which copies an existing row's code.
CREATE TABLE jitsuin_common_code (
  code text PRIMARY KEY CHECK (code ~ '^[0-9a-f]{32}$')
);
CREATE TABLE jitsuin_person_key (
  person_key text PRIMARY KEY CHECK (person_key ~ '^[0-9a-f]{64}$'),
  code text NOT NULL REFERENCES jitsuin_common_code (code)
);

-- J-LIS renewal links: one successor and one predecessor per certificate.
CREATE TABLE jitsuin_renewal_link (
  issuer text NOT NULL,
  old_serial text NOT NULL,
  new_serial text NOT NULL,
  link text NOT NULL,
  PRIMARY KEY (issuer, old_serial),
  UNIQUE (issuer, new_serial)
);

INSERT INTO jitsuin_schema (id, version) VALUES (1, 1);
`;

/** What {@link migratePostgres} did. */
export interface MigrationResult {
  /** The schema version now in the database. */
  readonly version: number;
  /** True when this call created the tables; false when they were already there. */
  readonly applied: boolean;
}

/**
 * Applies {@link POSTGRES_MIGRATION_SQL} once, in one transaction under an advisory lock, so that
 * several processes starting together apply it exactly once ([STORE-11]). Refuses a database whose
 * schema is newer than this library's.
 */
export async function migratePostgres(pool: PgPoolLike): Promise<MigrationResult> {
  const p = checkPool(pool, 'migratePostgres');
  return transaction(p, async (db) => {
    await sql(db, "SELECT pg_advisory_xact_lock(hashtext('jitsuin-stores-migration'))");
    const exists = await sql(db, "SELECT to_regclass('jitsuin_schema') IS NOT NULL AS present");
    if (exists.rows[0]?.present === true) {
      const row = (await sql(db, 'SELECT version FROM jitsuin_schema WHERE id = 1')).rows[0];
      const version = Number(row?.version);
      if (version === POSTGRES_SCHEMA_VERSION) return { version, applied: false };
      return fail('ERR_STORE', `the database holds jitsuin schema version ${String(row?.version)}; this library uses ${POSTGRES_SCHEMA_VERSION}`, 'STORE-11');
    }
    await sql(db, POSTGRES_MIGRATION_SQL);
    return { version: POSTGRES_SCHEMA_VERSION, applied: true };
  });
}
