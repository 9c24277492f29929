/**
 * The PostgreSQL schema of the jitsuin stores, as numbered steps, and the function that applies
 * them. The same SQL ships as `sql/postgres/NNN-*.sql` for teams that run migrations with their
 * own tool.
 * @module
 */
import { fail } from '../../internal/fail.js';
import { checkPool, sql, transaction, type PgPoolLike } from './client.js';

/**
 * The migration steps, in order: step `version` takes the schema from `version - 1` to `version`
 * and records it in `jitsuin_schema` ([STORE-11]). Each ships as `sql/postgres/<file>`. Hex and
 * base64url text instead of bytea keep every value readable in psql and independent of the
 * client's binary handling.
 */
export const POSTGRES_MIGRATIONS: readonly PostgresMigration[] = [
  {
    version: 1,
    file: '001-jitsuin-stores.sql',
    sql: `-- jitsuin stores, schema version 1 (spec/stores.md)
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
`,
  },
  {
    version: 2,
    file: '002-jitsuin-consent-witness.sql',
    sql: `-- jitsuin stores, schema version 2: consent use counts and withdrawals (spec/stores.md §7),
-- the witness state (§8)
-- Use counts: one row per (consent, transfer); INSERT ... ON CONFLICT DO UPDATE ... WHERE uses < limit
-- takes the row lock, so concurrent consumes never pass the limit. Kept with no expiry.
CREATE TABLE jitsuin_consent_use (
  use_key text PRIMARY KEY,
  uses integer NOT NULL CHECK (uses >= 1)
);

-- Withdrawals: the first one of a consent wins (primary key, ON CONFLICT DO NOTHING); never deleted.
CREATE TABLE jitsuin_consent_withdrawal (
  consent_id text PRIMARY KEY,
  withdrawn_at bigint NOT NULL CHECK (withdrawn_at >= 0)
);

-- Witness state: the latest cosigned checkpoint per log origin, swapped by UPDATE ... WHERE the
-- expected size and root still hold; the first one by INSERT under the primary key.
CREATE TABLE jitsuin_witness_state (
  origin text PRIMARY KEY,
  size bigint NOT NULL CHECK (size >= 0),
  root_hash text NOT NULL CHECK (root_hash ~ '^[0-9a-f]{64}$')
);

UPDATE jitsuin_schema SET version = 2 WHERE id = 1;
`,
  },
];

/** One migration step of {@link POSTGRES_MIGRATIONS}. */
export interface PostgresMigration {
  /** The schema version this step produces. */
  readonly version: number;
  /** Its file name under `sql/postgres/` in the package. */
  readonly file: string;
  /** The SQL, exactly as the file holds it. */
  readonly sql: string;
}

/** The schema version this library's adapters use: the last step's. */
export const POSTGRES_SCHEMA_VERSION = POSTGRES_MIGRATIONS[POSTGRES_MIGRATIONS.length - 1]!.version;

/** What {@link migratePostgres} did. */
export interface MigrationResult {
  /** The schema version now in the database. */
  readonly version: number;
  /** True when this call applied at least one step; false when the schema was already current. */
  readonly applied: boolean;
  /** The schema version found before this call (0: no jitsuin tables). */
  readonly from: number;
}

/**
 * Applies the steps of {@link POSTGRES_MIGRATIONS} the database lacks, in order, in one
 * transaction under an advisory lock, so that several processes starting together apply each
 * exactly once ([STORE-11]). Refuses a database whose schema is newer than this library's.
 */
export async function migratePostgres(pool: PgPoolLike): Promise<MigrationResult> {
  const p = checkPool(pool, 'migratePostgres');
  return transaction(p, async (db) => {
    await sql(db, "SELECT pg_advisory_xact_lock(hashtext('jitsuin-stores-migration'))");
    const exists = await sql(db, "SELECT to_regclass('jitsuin_schema') IS NOT NULL AS present");
    let from = 0;
    if (exists.rows[0]?.present === true) {
      const row = (await sql(db, 'SELECT version FROM jitsuin_schema WHERE id = 1')).rows[0];
      from = Number(row?.version);
      if (!Number.isSafeInteger(from) || from < 1 || from > POSTGRES_SCHEMA_VERSION) {
        return fail(
          'ERR_STORE',
          `the database holds jitsuin schema version ${String(row?.version)}; this library uses ${POSTGRES_SCHEMA_VERSION}`,
          'STORE-11',
        );
      }
    }
    for (const step of POSTGRES_MIGRATIONS) if (step.version > from) await sql(db, step.sql);
    return { version: POSTGRES_SCHEMA_VERSION, applied: from < POSTGRES_SCHEMA_VERSION, from };
  });
}
