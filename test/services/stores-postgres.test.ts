/** The store contract on a real PostgreSQL 15 (test/services/start.sh), and the migration. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  migratePostgres, PostgresChallengeStore, PostgresCommonCodeRegistry, PostgresEnrollmentChallengeStore, PostgresQrSessionStore, PostgresRenewalLinkStore, POSTGRES_MIGRATION_SQL,
} from '../../src/stores/postgres/index.js';
import { challengeStoreContract, enrollmentChallengeStoreContract, outcome, qrSessionStoreContract, registryContract, renewalLinkStoreContract } from '../stores/contract.js';
import { postgresPool } from './env.js';

const pool = postgresPool();
beforeAll(async () => {
  await migratePostgres(pool);
});
afterAll(async () => {
  await pool.end();
});

describe('[STORE-01] [STORE-02] [STORE-03] [STORE-04] [STORE-05] login challenges', () => challengeStoreContract('PostgresChallengeStore', (c) => new PostgresChallengeStore({ pool, now: c.now, retention: c.retention })));
describe('[STORE-01] [STORE-02] [STORE-03] [STORE-05] enrollment challenges', () => enrollmentChallengeStoreContract('PostgresEnrollmentChallengeStore', (c) => new PostgresEnrollmentChallengeStore({ pool, now: c.now, retention: c.retention }), true));
describe('[STORE-04] [STORE-05] [STORE-06] QR sessions', () => qrSessionStoreContract('PostgresQrSessionStore', (c) => new PostgresQrSessionStore({ pool, now: c.now, retention: c.retention })));
describe('[STORE-07] [STORE-08] common-code registry', () => registryContract('PostgresCommonCodeRegistry', (random) => new PostgresCommonCodeRegistry({ pool, ...(random === undefined ? {} : { random }) })));
describe('[STORE-09] renewal links', () => renewalLinkStoreContract('PostgresRenewalLinkStore', () => new PostgresRenewalLinkStore({ pool })));

describe('PostgreSQL migration', () => {
  it('[STORE-11] applies once: concurrent runs agree, later runs are no-ops', async () => {
    const results = await Promise.all([migratePostgres(pool), migratePostgres(pool), migratePostgres(pool)]);
    expect(results.every((r) => r.version === 1 && !r.applied)).toBe(true);
  });

  it('[STORE-11] on a fresh database, exactly one of several concurrent migrations applies it', async () => {
    const admin = postgresPool(2);
    const db = `jitsuin_fresh_${Date.now()}`;
    await admin.query(`CREATE DATABASE ${db}`);
    const url = new URL(process.env.JITSUIN_POSTGRES_URL!);
    url.pathname = `/${db}`;
    const { default: pg } = await import('pg');
    const fresh = new pg.Pool({ connectionString: url.href, max: 6 });
    try {
      const results = await Promise.all(Array.from({ length: 5 }, () => migratePostgres(fresh)));
      expect(results.filter((r) => r.applied)).toHaveLength(1);
      // A schema from a future version is refused rather than used.
      await fresh.query('UPDATE jitsuin_schema SET version = 2');
      expect(await outcome(migratePostgres(fresh))).toBe('ERR_STORE/STORE-11');
    } finally {
      await fresh.end();
      await admin.query(`DROP DATABASE ${db}`);
      await admin.end();
    }
  });

  it('[STORE-11] a store on a database without the tables fails with ERR_STORE naming the migration', async () => {
    const admin = postgresPool(2);
    const db = `jitsuin_empty_${Date.now()}`;
    await admin.query(`CREATE DATABASE ${db}`);
    const url = new URL(process.env.JITSUIN_POSTGRES_URL!);
    url.pathname = `/${db}`;
    const { default: pg } = await import('pg');
    const empty = new pg.Pool({ connectionString: url.href, max: 2 });
    try {
      const e = await new PostgresChallengeStore({ pool: empty }).consume('AAAA').catch((x: unknown) => x as Error);
      expect((e as { code?: string }).code).toBe('ERR_STORE');
      expect((e as Error).message).toMatch(/migratePostgres/);
    } finally {
      await empty.end();
      await admin.query(`DROP DATABASE ${db}`);
      await admin.end();
    }
  });

  it('[STORE-11] the shipped SQL file is the migration the function applies', () => {
    expect(readFileSync(new URL('../../sql/postgres/001-jitsuin-stores.sql', import.meta.url), 'utf8')).toBe(POSTGRES_MIGRATION_SQL);
  });

  it('[STORE-04] a corrupt row fails with ERR_STORE, never as a record', async () => {
    await pool.query("INSERT INTO jitsuin_single_use (kind, value, record, forget_at) VALUES ('login', 'ZZZZ', '{\"rpId\":1}', 9999999999) ON CONFLICT DO NOTHING");
    expect(await outcome(new PostgresChallengeStore({ pool }).consume('ZZZZ'))).toBe('ERR_STORE/STORE-04');
  });
});
