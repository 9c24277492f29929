/** The store contract on a real Redis 7 (test/services/start.sh). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from '../../src/crypto/hash.js';
import { hexEncode } from '../../src/encoding/hex.js';
import {
  RedisChallengeStore,
  RedisCommonCodeRegistry,
  RedisConsentUseStore,
  RedisEnrollmentChallengeStore,
  RedisQrSessionStore,
  RedisRenewalLinkStore,
  RedisWithdrawalStore,
  RedisWitnessStateStore,
} from '../../src/stores/redis/index.js';
import {
  challengeStoreContract,
  consentUseStoreContract,
  enrollmentChallengeStoreContract,
  outcome,
  qrSessionStoreContract,
  registryContract,
  renewalLinkStoreContract,
  sampleQrSession,
  withdrawalStoreContract,
  witnessStateStoreContract,
} from '../stores/contract.js';
import { redisClient } from './env.js';

let client: Awaited<ReturnType<typeof redisClient>>;
beforeAll(async () => {
  client = await redisClient();
});
afterAll(async () => {
  await client.quit();
});

// A fresh prefix per run keeps runs against one server apart.
const run = hexEncode(randomBytes(6));

describe('[STORE-01] [STORE-02] [STORE-03] [STORE-04] [STORE-05] login challenges', () =>
  challengeStoreContract(
    'RedisChallengeStore',
    (c) =>
      new RedisChallengeStore({
        client,
        keyPrefix: `t:${run}:login:`,
        now: c.now,
        retention: c.retention,
      }),
  ));
describe('[STORE-01] [STORE-02] [STORE-03] [STORE-05] enrollment challenges', () =>
  enrollmentChallengeStoreContract(
    'RedisEnrollmentChallengeStore',
    (c) =>
      new RedisEnrollmentChallengeStore({
        client,
        keyPrefix: `t:${run}:enr:`,
        now: c.now,
        retention: c.retention,
      }),
    true,
  ));
describe('[STORE-04] [STORE-05] [STORE-06] QR sessions', () =>
  qrSessionStoreContract(
    'RedisQrSessionStore',
    (c) =>
      new RedisQrSessionStore({
        client,
        keyPrefix: `t:${run}:qr:`,
        now: c.now,
        retention: c.retention,
      }),
  ));
describe('[STORE-07] [STORE-08] common-code registry', () =>
  registryContract(
    'RedisCommonCodeRegistry',
    (random) =>
      new RedisCommonCodeRegistry({
        client,
        keyPrefix: `t:${run}:{cc}:${hexEncode(randomBytes(4))}:`,
        ...(random === undefined ? {} : { random }),
      }),
  ));
describe('[STORE-09] renewal links', () =>
  renewalLinkStoreContract(
    'RedisRenewalLinkStore',
    () => new RedisRenewalLinkStore({ client, keyPrefix: `t:${run}:{cc}:` }),
  ));

describe('[STORE-12] consent use counts', () =>
  consentUseStoreContract(
    'RedisConsentUseStore',
    () => new RedisConsentUseStore({ client, keyPrefix: `t:${run}:use:` }),
  ));
describe('[STORE-13] consent withdrawals', () =>
  withdrawalStoreContract(
    'RedisWithdrawalStore',
    () => new RedisWithdrawalStore({ client, keyPrefix: `t:${run}:withdrawn:` }),
  ));
describe('[STORE-15] witness state', () =>
  witnessStateStoreContract(
    'RedisWitnessStateStore',
    () => new RedisWitnessStateStore({ client, keyPrefix: `t:${run}:witness:` }),
  ));

describe('Redis adapters: what they refuse', () => {
  it('[STORE-04] [STORE-14] a corrupt or foreign value under a key fails with ERR_STORE, never as a record', async () => {
    const store = new RedisChallengeStore({ client, keyPrefix: `t:${run}:corrupt:` });
    await client.set(`t:${run}:corrupt:AAAA`, '1{"rpId":"x","challenge":"AAAA","iat":1}');
    expect(await outcome(store.consume('AAAA'))).toBe('ERR_STORE/STORE-04');
    await client.set(`t:${run}:corrupt:BBBB`, 'not ours');
    expect(await outcome(store.consume('BBBB'))).toBe('ERR_STORE/STORE-04');
    const qr = new RedisQrSessionStore({ client, keyPrefix: `t:${run}:corrupt-qr:` });
    await client.hSet(`t:${run}:corrupt-qr:CCCC`, { v: '0', s: '{"offerId":"CCCC"}' });
    expect(await outcome(qr.get('CCCC'))).toBe('ERR_STORE/STORE-04');
    // [STORE-14] counts and times that are not canonical decimal integers.
    const uses = new RedisConsentUseStore({ client, keyPrefix: `t:${run}:corrupt-use:` });
    const withdrawals = new RedisWithdrawalStore({ client, keyPrefix: `t:${run}:corrupt-wd:` });
    for (const bad of ['0', '07', '1e3', '-1', ' 2', 'x']) {
      await client.set(`t:${run}:corrupt-use:k`, bad);
      expect(await outcome(uses.consume('k', 100))).toMatch(/^ERR_STORE\//);
      await client.set(`t:${run}:corrupt-wd:c`, bad === '0' ? '00' : bad);
      expect(await outcome(withdrawals.withdrawnAt('c'))).toBe('ERR_STORE/STORE-04');
    }
    const witness = new RedisWitnessStateStore({ client, keyPrefix: `t:${run}:corrupt-witness:` });
    for (const bad of [
      '1',
      `01 ${'ab'.repeat(32)}`,
      `1 ${'AB'.repeat(32)}`,
      `1 ${'ab'.repeat(31)}`,
      `1  ${'ab'.repeat(32)}`,
    ]) {
      await client.set(`t:${run}:corrupt-witness:o`, bad);
      expect(await outcome(witness.get('o'))).toBe('ERR_STORE/STORE-04');
    }
  });

  it('[STORE-12] [STORE-13] counts and withdrawals carry no TTL: they are never forgotten by the server', async () => {
    const uses = new RedisConsentUseStore({ client, keyPrefix: `t:${run}:nottl-use:` });
    await uses.consume('k', 2);
    expect(await client.pTTL(`t:${run}:nottl-use:k`)).toBe(-1);
    const withdrawals = new RedisWithdrawalStore({ client, keyPrefix: `t:${run}:nottl-wd:` });
    await withdrawals.withdraw('c', 1_800_000_000);
    expect(await client.pTTL(`t:${run}:nottl-wd:c`)).toBe(-1);
  });

  it('[STORE-02] the TTL is set by the server: a record key carries a PX close to exp + retention', async () => {
    const now = Math.floor(Date.now() / 1000);
    const store = new RedisChallengeStore({ client, keyPrefix: `t:${run}:ttl:`, retention: 100 });
    await store.put({ rpId: 'hospital.example', challenge: 'DDDD', iat: now, exp: now + 20 });
    const ttl = await client.pTTL(`t:${run}:ttl:DDDD`);
    expect(ttl).toBeGreaterThan(119_000);
    expect(ttl).toBeLessThanOrEqual(121_000);
    await store.consume('DDDD');
    expect(await client.pTTL(`t:${run}:ttl:DDDD`)).toBeGreaterThan(118_000); // the tombstone keeps it
  });

  it('[STORE-05] a record already past its retention when written is never stored: no key, not even for a millisecond', async () => {
    const now = Math.floor(Date.now() / 1000);
    // Before the fix each went in with a 1 ms TTL, readable by a command sent right behind it.
    const store = new RedisChallengeStore({ client, keyPrefix: `t:${run}:late:`, retention: 1 });
    const [, consumed] = await Promise.all([
      store.put({ rpId: 'hospital.example', challenge: 'EEEE', iat: now - 60, exp: now - 30 }),
      store.consume('EEEE'),
    ]);
    expect(consumed.status).toBe('unknown');
    expect(await client.exists(`t:${run}:late:EEEE`)).toBe(0);
    const qr = new RedisQrSessionStore({ client, keyPrefix: `t:${run}:late-qr:`, retention: 1 });
    const old = sampleQrSession(now - 69);
    const [, got] = await Promise.all([qr.create(old), qr.get(old.offerId)]);
    expect(got).toBeUndefined();
    expect(await client.exists(`t:${run}:late-qr:${old.offerId}`)).toBe(0);
    // A value still held is refused all the same, stored or late.
    await store.put({ rpId: 'hospital.example', challenge: 'FFFF', iat: now, exp: now + 60 });
    expect(
      await outcome(
        store.put({ rpId: 'hospital.example', challenge: 'FFFF', iat: now - 60, exp: now - 30 }),
      ),
    ).toBe('ERR_INVALID_ARGUMENT/STORE-03');
    const live = sampleQrSession(now + 60);
    await qr.create(live);
    expect(await outcome(qr.create({ ...live, exp: now - 69 }))).toBe(
      'ERR_INVALID_ARGUMENT/STORE-06',
    );
  });

  it('bad options are ERR_INVALID_ARGUMENT, a dead server is ERR_STORE', async () => {
    expect(await outcome((async () => new RedisChallengeStore({ client: {} as never }))())).toMatch(
      /^ERR_INVALID_ARGUMENT/,
    );
    expect(await outcome((async () => new RedisChallengeStore(null as never))())).toMatch(
      /^ERR_INVALID_ARGUMENT/,
    );
    expect(
      await outcome((async () => new RedisChallengeStore({ client, retention: -1 }))()),
    ).toMatch(/^ERR_INVALID_ARGUMENT/);
    const dead = {
      sendCommand: async () => {
        throw new Error('connection refused');
      },
    };
    expect(await outcome(new RedisChallengeStore({ client: dead }).consume('EEEE'))).toBe(
      'ERR_STORE/',
    );
  });
});
