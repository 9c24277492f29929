/**
 * jitsuin/stores/postgres — every store of the library on PostgreSQL 15 through a `pg.Pool` the
 * caller created (normative text: `spec/stores.md`). Run {@link migratePostgres} (or the shipped
 * `sql/postgres/*.sql` steps, in order) once. Every acknowledged write is committed, so it
 * survives a server restart with PostgreSQL's default `fsync` and `synchronous_commit` ([STORE-10]).
 * @module jitsuin/stores/postgres
 */
export {
  type PgPoolLike,
  type PgPoolClientLike,
  type PgQueryable,
  type PgQueryResultLike,
} from './client.js';
export {
  migratePostgres,
  POSTGRES_MIGRATIONS,
  POSTGRES_SCHEMA_VERSION,
  type MigrationResult,
  type PostgresMigration,
} from './migration.js';
export { type PostgresSingleUseStoreOptions } from './single-use.js';
export { PostgresChallengeStore, PostgresEnrollmentChallengeStore } from './challenges.js';
export { PostgresQrSessionStore, type PostgresQrSessionStoreOptions } from './qr.js';
export {
  PostgresCommonCodeRegistry,
  PostgresRenewalLinkStore,
  type PostgresRegistryOptions,
} from './registry.js';
export {
  PostgresConsentUseStore,
  PostgresWithdrawalStore,
  type PostgresConsentStoreOptions,
} from './consent.js';
export { PostgresWitnessStateStore, type PostgresWitnessStateStoreOptions } from './witness.js';
