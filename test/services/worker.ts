/**
 * One verifier process of the cross-process test: connects to the shared Redis and PostgreSQL,
 * then answers the coordinator's requests (verify this login response, approve this QR offer,
 * process this enrollment, authorize this consented transfer) with what the library decided. Run
 * with `node --import tsx`.
 */
import { createClient } from 'redis';
import pg from 'pg';
import { isJitsuinError } from '../../src/errors.js';
import { hexEncode } from '../../src/encoding/index.js';
import { verifyLoginResponse } from '../../src/login/verify.js';
import { approveQrOffer } from '../../src/qr/approval.js';
import { processEnrollment } from '../../src/enrollment/process.js';
import { LOGIN_NOW } from '../../src/conformance/suites/login.js';
import { HOSPITAL, loginPki } from '../generators/login.js';
import {
  RedisChallengeStore,
  RedisCommonCodeRegistry,
  RedisEnrollmentChallengeStore,
  RedisQrSessionStore,
} from '../../src/stores/redis/index.js';
import {
  PostgresChallengeStore,
  PostgresCommonCodeRegistry,
  PostgresEnrollmentChallengeStore,
  PostgresQrSessionStore,
} from '../../src/stores/postgres/index.js';
import { buildTestWorld, enrollmentOptions } from '../../src/cli/serve/world.js';
import { authorizeTransfer } from '../../src/consent/authorize.js';
import { CONSENT_RP, CONSENT_TIME, createConsentPki } from '../testpki/consent.js';
import { RedisConsentUseStore, RedisWithdrawalStore } from '../../src/stores/redis/index.js';
import {
  PostgresConsentUseStore,
  PostgresWithdrawalStore,
} from '../../src/stores/postgres/index.js';

/** A request of the coordinator. */
export type WorkerRequest =
  | { id: number; kind: 'login'; store: 'redis' | 'postgres'; response: string }
  | { id: number; kind: 'qr-approve'; store: 'redis' | 'postgres'; approval: string }
  | { id: number; kind: 'enroll'; store: 'redis' | 'postgres'; request: string; time: number }
  | {
      id: number;
      kind: 'consent';
      store: 'redis' | 'postgres';
      request: string;
      decision: string;
      keyPrefix: string;
    }
  | { id: number; kind: 'probe'; store: 'redis' | 'postgres' };

/** The answer: success (with the common code for enrollments, the use number for consents) or the error code. */
export type WorkerAnswer =
  | { id: number; ok: true; commonCode?: string; status?: string; use?: number }
  | { id: number; ok: false; code: string };

const send = (m: unknown): void => {
  process.send?.(m);
};

const redis = createClient({ url: process.env.JITSUIN_REDIS_URL! });
redis.on('error', () => {});
await redis.connect();
const pool = new pg.Pool({ connectionString: process.env.JITSUIN_POSTGRES_URL!, max: 4 });
pool.on('error', () => {});
const pki = await loginPki();
const world = await buildTestWorld(Number(process.env.JITSUIN_WORLD_TIME));
const prefix = process.env.JITSUIN_KEY_PREFIX ?? 'xp:';
const loginNow = () => LOGIN_NOW;
const worldNow = () => world.time;

const stores = {
  redis: {
    login: new RedisChallengeStore({ client: redis, keyPrefix: `${prefix}login:`, now: loginNow }),
    qr: new RedisQrSessionStore({ client: redis, keyPrefix: `${prefix}qr:`, now: loginNow }),
    enrollment: new RedisEnrollmentChallengeStore({
      client: redis,
      keyPrefix: `${prefix}enr:`,
      now: worldNow,
    }),
    registry: new RedisCommonCodeRegistry({ client: redis, keyPrefix: `${prefix}{cc}:` }),
  },
  postgres: {
    login: new PostgresChallengeStore({ pool, now: loginNow }),
    qr: new PostgresQrSessionStore({ pool, now: loginNow }),
    enrollment: new PostgresEnrollmentChallengeStore({ pool, now: worldNow }),
    registry: new PostgresCommonCodeRegistry({ pool }),
  },
};

async function handle(m: WorkerRequest): Promise<WorkerAnswer> {
  const s = stores[m.store];
  if (m.kind === 'probe') {
    // After a server restart: wait until this process's connection works again.
    for (let i = 0; ; i++) {
      try {
        if (m.store === 'redis') await redis.ping();
        else await pool.query('SELECT 1');
        return { id: m.id, ok: true };
      } catch (e) {
        if (i > 200) throw e;
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  }
  if (m.kind === 'login') {
    await verifyLoginResponse(m.response, {
      rpId: HOSPITAL,
      trustAnchors: [pki.root],
      revocation: pki.revocation,
      time: LOGIN_NOW,
      challengeStore: s.login,
    });
    return { id: m.id, ok: true };
  }
  if (m.kind === 'consent') {
    // Hospital B's provider process: every check of spec/consent.md §6, then the shared use count.
    const consent = await createConsentPki();
    const b = consent.rp[CONSENT_RP.hospitalB];
    const useStore =
      m.store === 'redis'
        ? new RedisConsentUseStore({ client: redis, keyPrefix: `${m.keyPrefix}use:` })
        : new PostgresConsentUseStore({ pool });
    const withdrawalStore =
      m.store === 'redis'
        ? new RedisWithdrawalStore({ client: redis, keyPrefix: `${m.keyPrefix}withdrawn:` })
        : new PostgresWithdrawalStore({ pool });
    const r = await authorizeTransfer({
      trustAnchors: [consent.root],
      revocation: { crls: consent.crls, mode: 'require' },
      time: CONSENT_TIME + 60,
      rpId: CONSENT_RP.hospitalB,
      request: m.request,
      decision: m.decision,
      transfer: 'labs',
      recipient: CONSENT_RP.hospitalA,
      purpose: 'https://w3id.org/dpv#ProvisionOfHealthcare',
      customer: consent.hanako.commonCode,
      useStore,
      withdrawalStore,
      signer: b.signer,
      certificateChain: b.chain,
    });
    return { id: m.id, ok: true, use: r.use };
  }
  if (m.kind === 'qr-approve') {
    await approveQrOffer(s.qr, m.approval, {
      rpId: HOSPITAL,
      trustAnchors: [pki.root],
      revocation: pki.revocation,
      time: LOGIN_NOW,
    });
    return { id: m.id, ok: true };
  }
  const r = await processEnrollment(
    m.request,
    enrollmentOptions(world, { challengeStore: s.enrollment, registry: s.registry }, m.time),
  );
  return { id: m.id, ok: true, commonCode: hexEncode(r.commonCode), status: r.commonCodeStatus };
}

process.on('message', (m: WorkerRequest | { kind: 'exit' }) => {
  if (m.kind === 'exit') {
    void Promise.all([redis.quit(), pool.end()]).finally(() => process.exit(0));
    return;
  }
  handle(m).then(send, (e: unknown) =>
    send({ id: m.id, ok: false, code: isJitsuinError(e) ? e.code : `non-jitsuin: ${String(e)}` }),
  );
});
send({ kind: 'ready' });
