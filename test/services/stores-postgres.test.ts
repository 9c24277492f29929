/** The store contract on a real PostgreSQL 15 (test/services/start.sh), and the migration. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  migratePostgres,
  PostgresChallengeStore,
  PostgresCommonCodeRegistry,
  PostgresConsentUseStore,
  PostgresEnrollmentChallengeStore,
  PostgresQrSessionStore,
  PostgresRenewalLinkStore,
  PostgresWithdrawalStore,
  PostgresWitnessStateStore,
  POSTGRES_MIGRATIONS,
  POSTGRES_SCHEMA_VERSION,
  type PgPoolLike,
} from '../../src/stores/postgres/index.js';
import {
  challengeStoreContract,
  consentUseStoreContract,
  enrollmentChallengeStoreContract,
  outcome,
  qrSessionStoreContract,
  registryContract,
  renewalLinkStoreContract,
  withdrawalStoreContract,
  witnessStateStoreContract,
} from '../stores/contract.js';
import { postgresPool } from './env.js';

const pool = postgresPool();
beforeAll(async () => {
  await migratePostgres(pool);
});
afterAll(async () => {
  await pool.end();
});

describe('[STORE-01] [STORE-02] [STORE-03] [STORE-04] [STORE-05] login challenges', () =>
  challengeStoreContract(
    'PostgresChallengeStore',
    (c) => new PostgresChallengeStore({ pool, now: c.now, retention: c.retention }),
  ));
describe('[STORE-01] [STORE-02] [STORE-03] [STORE-05] enrollment challenges', () =>
  enrollmentChallengeStoreContract(
    'PostgresEnrollmentChallengeStore',
    (c) => new PostgresEnrollmentChallengeStore({ pool, now: c.now, retention: c.retention }),
    true,
  ));
describe('[STORE-04] [STORE-05] [STORE-06] QR sessions', () =>
  qrSessionStoreContract(
    'PostgresQrSessionStore',
    (c) => new PostgresQrSessionStore({ pool, now: c.now, retention: c.retention }),
  ));
describe('[STORE-07] [STORE-08] common-code registry', () =>
  registryContract(
    'PostgresCommonCodeRegistry',
    (random) =>
      new PostgresCommonCodeRegistry({ pool, ...(random === undefined ? {} : { random }) }),
  ));
describe('[STORE-09] renewal links', () =>
  renewalLinkStoreContract(
    'PostgresRenewalLinkStore',
    () => new PostgresRenewalLinkStore({ pool }),
  ));

describe('[STORE-12] consent use counts', () =>
  consentUseStoreContract('PostgresConsentUseStore', () => new PostgresConsentUseStore({ pool })));
describe('[STORE-13] consent withdrawals', () =>
  withdrawalStoreContract('PostgresWithdrawalStore', () => new PostgresWithdrawalStore({ pool })));
describe('[STORE-15] witness state', () =>
  witnessStateStoreContract(
    'PostgresWitnessStateStore',
    () => new PostgresWitnessStateStore({ pool }),
  ));

/** Runs `body` on a new, empty database, dropped afterwards. */
async function withFreshDatabase(
  label: string,
  body: (db: PgPoolLike & { end(): Promise<void> }) => Promise<void>,
): Promise<void> {
  const admin = postgresPool(2);
  const db = `jitsuin_${label}_${Date.now()}`;
  await admin.query(`CREATE DATABASE ${db}`);
  const url = new URL(process.env.JITSUIN_POSTGRES_URL!);
  url.pathname = `/${db}`;
  const { default: pg } = await import('pg');
  const fresh = new pg.Pool({ connectionString: url.href, max: 6 });
  try {
    await body(fresh);
  } finally {
    await fresh.end();
    await admin.query(`DROP DATABASE ${db}`);
    await admin.end();
  }
}

describe('PostgreSQL migration', () => {
  it('[STORE-11] applies once: concurrent runs agree, later runs are no-ops', async () => {
    const results = await Promise.all([
      migratePostgres(pool),
      migratePostgres(pool),
      migratePostgres(pool),
    ]);
    expect(
      results.every(
        (r) =>
          r.version === POSTGRES_SCHEMA_VERSION && !r.applied && r.from === POSTGRES_SCHEMA_VERSION,
      ),
    ).toBe(true);
  });

  it('[STORE-11] on a fresh database, exactly one of several concurrent migrations applies every step', async () => {
    await withFreshDatabase('fresh', async (fresh) => {
      const results = await Promise.all(Array.from({ length: 5 }, () => migratePostgres(fresh)));
      expect(results.filter((r) => r.applied)).toEqual([
        { version: POSTGRES_SCHEMA_VERSION, applied: true, from: 0 },
      ]);
      expect((await fresh.query('SELECT version FROM jitsuin_schema')).rows).toEqual([
        { version: POSTGRES_SCHEMA_VERSION },
      ]);
      // A schema from a future version is refused rather than used.
      await fresh.query(`UPDATE jitsuin_schema SET version = ${POSTGRES_SCHEMA_VERSION + 1}`);
      expect(await outcome(migratePostgres(fresh))).toBe('ERR_STORE/STORE-11');
    });
  });

  it('[STORE-11] a database at schema version 1 is brought up to date once, its rows kept; the consent stores then work', async () => {
    await withFreshDatabase('v1', async (old) => {
      await old.query(POSTGRES_MIGRATIONS[0]!.sql);
      await new PostgresChallengeStore({ pool: old }).put({
        rpId: 'hospital.example',
        challenge: 'KEPT',
        iat: 1,
        exp: 9_999_999_999,
      });
      // Before the upgrade the consent tables are missing: ERR_STORE naming the migration.
      expect(await outcome(new PostgresConsentUseStore({ pool: old }).consume('k', 1))).toBe(
        'ERR_STORE/STORE-11',
      );
      const results = await Promise.all(Array.from({ length: 4 }, () => migratePostgres(old)));
      expect(results.filter((r) => r.applied)).toEqual([
        { version: POSTGRES_SCHEMA_VERSION, applied: true, from: 1 },
      ]);
      expect((await new PostgresChallengeStore({ pool: old }).consume('KEPT')).status).toBe(
        'consumed',
      );
      expect(await new PostgresConsentUseStore({ pool: old }).consume('k', 1)).toEqual({
        status: 'granted',
        use: 1,
      });
      await new PostgresWithdrawalStore({ pool: old }).withdraw('c', 5);
      expect(await new PostgresWithdrawalStore({ pool: old }).withdrawnAt('c')).toBe(5);
    });
  });

  it('[STORE-11] a store on a database without the tables fails with ERR_STORE naming the migration', async () => {
    await withFreshDatabase('empty', async (empty) => {
      const e = await new PostgresChallengeStore({ pool: empty })
        .consume('AAAA')
        .catch((x: unknown) => x as Error);
      expect((e as { code?: string }).code).toBe('ERR_STORE');
      expect((e as Error).message).toMatch(/migratePostgres/);
    });
  });

  it('[STORE-04] a corrupt row fails with ERR_STORE, never as a record', async () => {
    await pool.query(
      "INSERT INTO jitsuin_single_use (kind, value, record, forget_at) VALUES ('login', 'ZZZZ', '{\"rpId\":1}', 9999999999) ON CONFLICT DO NOTHING",
    );
    expect(await outcome(new PostgresChallengeStore({ pool }).consume('ZZZZ'))).toBe(
      'ERR_STORE/STORE-04',
    );
  });

  it('[STORE-12] [STORE-13] the tables refuse what no adapter writes: a count below 1, a negative time', async () => {
    expect(
      await pool.query("INSERT INTO jitsuin_consent_use (use_key, uses) VALUES ('zero', 0)").then(
        () => 'stored',
        () => 'refused',
      ),
    ).toBe('refused');
    expect(
      await pool
        .query(
          "INSERT INTO jitsuin_consent_withdrawal (consent_id, withdrawn_at) VALUES ('neg', -1)",
        )
        .then(
          () => 'stored',
          () => 'refused',
        ),
    ).toBe('refused');
  });
});
