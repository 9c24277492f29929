/**
 * Single use across processes: N worker processes (test/services/worker.ts) verify the same login
 * response, approve the same QR offer, process the same enrollment and authorize transfers under
 * the same consent decision concurrently through one
 * Redis and one PostgreSQL; exactly one succeeds, every round. Mid-run the server is killed and
 * restarted: challenges issued before the restart still work once, and those used before it stay used.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { randomBytes } from '../../src/crypto/hash.js';
import { base64urlEncode, hexEncode } from '../../src/encoding/index.js';
import { encodeLoginChallenge } from '../../src/login/challenge.js';
import { issueLoginChallenge, type ChallengeStore } from '../../src/login/challenge-store.js';
import { createLoginResponse } from '../../src/login/response.js';
import {
  collectQrLogin,
  createQrApproval,
  createQrOffer,
  decodeQrUri,
  scanQrOffer,
  type QrSessionStore,
} from '../../src/qr/index.js';
import type { EnrollmentChallengeStore } from '../../src/enrollment/challenge.js';
import { LOGIN_NOW } from '../../src/conformance/suites/login.js';
import { COMMON_CODE, HOSPITAL, loginPki } from '../generators/login.js';
import {
  RedisChallengeStore,
  RedisCommonCodeRegistry,
  RedisEnrollmentChallengeStore,
  RedisQrSessionStore,
} from '../../src/stores/redis/index.js';
import type { CommonCodeRegistry } from '../../src/enrollment/registry.js';
import { personKey } from '../../src/enrollment/person-key.js';
import {
  migratePostgres,
  PostgresChallengeStore,
  PostgresCommonCodeRegistry,
  PostgresEnrollmentChallengeStore,
  PostgresQrSessionStore,
} from '../../src/stores/postgres/index.js';
import {
  buildTestWorld,
  enrollmentRequestFor,
  randomCardSerial,
  simulatedApp,
  testCard,
  type TestWorld,
} from '../../src/cli/serve/world.js';
import {
  createConsentDecision,
  createConsentRequest,
  decodeConsentRequest,
} from '../../src/consent/index.js';
import { RedisWithdrawalStore } from '../../src/stores/redis/index.js';
import { PostgresWithdrawalStore } from '../../src/stores/postgres/index.js';
import { bloodTestDraft, CONSENT_RP, CONSENT_TIME, createConsentPki } from '../testpki/consent.js';
import { postgresPool, redisClient, restart } from './env.js';
import type { WorkerAnswer, WorkerRequest } from './worker.js';

const N = 4;
const LOGIN_ROUNDS = 40;
const QR_ROUNDS = 20;
const ENROLL_ROUNDS = 4;
const WORLD_TIME = Math.floor(Date.now() / 1000);
const PREFIX = `xp:${hexEncode(randomBytes(4))}:`;

type Store = 'redis' | 'postgres';
type Without<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;

let workers: ChildProcess[] = [];
let nextId = 1;
const pending = new Map<number, (a: WorkerAnswer) => void>();
let redis: Awaited<ReturnType<typeof redisClient>>;
const pool = postgresPool();
let world: TestWorld;
let coordinator: Record<
  Store,
  {
    login: ChallengeStore;
    qr: QrSessionStore;
    enrollment: EnrollmentChallengeStore;
    registry: CommonCodeRegistry;
  }
>;

function ask(w: ChildProcess, req: Without<WorkerRequest, 'id'>): Promise<WorkerAnswer> {
  const id = nextId++;
  return new Promise((resolve) => {
    pending.set(id, resolve);
    w.send({ ...req, id });
  });
}

const summary = (answers: readonly WorkerAnswer[]): string[] =>
  answers.map((a) => (a.ok ? 'ok' : a.code)).sort();

beforeAll(async () => {
  redis = await redisClient();
  await migratePostgres(pool);
  world = await buildTestWorld(WORLD_TIME);
  const loginNow = () => LOGIN_NOW;
  coordinator = {
    redis: {
      login: new RedisChallengeStore({
        client: redis,
        keyPrefix: `${PREFIX}login:`,
        now: loginNow,
      }),
      qr: new RedisQrSessionStore({ client: redis, keyPrefix: `${PREFIX}qr:`, now: loginNow }),
      enrollment: new RedisEnrollmentChallengeStore({
        client: redis,
        keyPrefix: `${PREFIX}enr:`,
        now: () => WORLD_TIME,
      }),
      registry: new RedisCommonCodeRegistry({ client: redis, keyPrefix: `${PREFIX}{cc}:` }),
    },
    postgres: {
      login: new PostgresChallengeStore({ pool, now: loginNow }),
      qr: new PostgresQrSessionStore({ pool, now: loginNow }),
      enrollment: new PostgresEnrollmentChallengeStore({ pool, now: () => WORLD_TIME }),
      registry: new PostgresCommonCodeRegistry({ pool }),
    },
  };
  const script = fileURLToPath(new URL('./worker.ts', import.meta.url));
  const ready: Promise<void>[] = [];
  for (let i = 0; i < N; i++) {
    const w = fork(script, [], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, JITSUIN_WORLD_TIME: String(WORLD_TIME), JITSUIN_KEY_PREFIX: PREFIX },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    ready.push(
      new Promise((resolve, reject) => {
        w.once('exit', (code) => reject(new Error(`worker ${i} exited with ${String(code)}`)));
        w.on('message', (m: WorkerAnswer | { kind: 'ready' }) => {
          if ('kind' in m) return resolve();
          pending.get(m.id)?.(m);
          pending.delete(m.id);
        });
      }),
    );
    workers.push(w);
  }
  await Promise.all(ready);
}, 120_000);

afterAll(async () => {
  for (const w of workers) {
    w.removeAllListeners('exit');
    w.send({ kind: 'exit' });
  }
  await new Promise((r) => setTimeout(r, 300));
  for (const w of workers) if (w.exitCode === null) w.kill();
  workers = [];
  await redis.quit().catch(() => {});
  await pool.end();
});

/** Waits until every worker (and the coordinator) talks to the restarted server again. */
async function reconnect(store: Store): Promise<void> {
  const probes = await Promise.all(workers.map((w) => ask(w, { kind: 'probe', store })));
  expect(summary(probes)).toEqual(Array(N).fill('ok'));
  for (let i = 0; ; i++) {
    try {
      if (store === 'redis') await redis.ping();
      else await pool.query('SELECT 1');
      return;
    } catch (e) {
      if (i > 200) throw e;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

describe.each(['redis', 'postgres'] as const)('across %s', (store) => {
  it(`[STORE-01] [STORE-10] [LOGIN-05] ${N} processes verify the same login response: exactly one accepts, every round, through a server restart`, async () => {
    const pki = await loginPki();
    const s = coordinator[store].login;
    // Every round's challenge is issued (and acknowledged) up front, before the restart.
    const responses: string[] = [];
    for (let round = 0; round < LOGIN_ROUNDS; round++) {
      const ch = await issueLoginChallenge(s, { rpId: HOSPITAL, time: LOGIN_NOW - 5 });
      responses.push(
        await createLoginResponse(encodeLoginChallenge(ch), {
          signer: pki.hospital.signer,
          certificateChain: pki.hospital.chain,
          time: LOGIN_NOW - 2,
        }),
      );
    }
    let accepted = 0;
    for (let round = 0; round < LOGIN_ROUNDS; round++) {
      if (round === LOGIN_ROUNDS / 2) {
        restart(store);
        await reconnect(store);
        // Used before the restart: still used after it.
        const replay = await Promise.all(
          responses
            .slice(0, round)
            .map((response, i) => ask(workers[i % N]!, { kind: 'login', store, response })),
        );
        expect(summary(replay)).toEqual(Array(round).fill('ERR_CHALLENGE_REPLAYED'));
      }
      const answers = await Promise.all(
        workers.map((w) => ask(w, { kind: 'login', store, response: responses[round]! })),
      );
      expect(summary(answers), `round ${round}`).toEqual([
        'ERR_CHALLENGE_REPLAYED',
        'ERR_CHALLENGE_REPLAYED',
        'ERR_CHALLENGE_REPLAYED',
        'ok',
      ]);
      accepted += answers.filter((a) => a.ok).length;
    }
    expect(accepted).toBe(LOGIN_ROUNDS);
  });

  it(`[STORE-12] [STORE-13] [CON-28] [CON-29] ${N} processes authorize transfers under one decision: exactly its uses pass, each number once; a withdrawal stops every process`, async () => {
    const pki = await createConsentPki();
    const a = pki.rp[CONSENT_RP.hospitalA];
    const trust = {
      trustAnchors: [pki.root],
      revocation: { crls: pki.crls, mode: 'require' as const },
      time: CONSENT_TIME + 60,
    };
    const app = pki.hanako.hospitalApp;
    const consented = async (uses: number) => {
      const req = await createConsentRequest({
        ...bloodTestDraft(pki, randomBytes(32)),
        uses,
        signer: a.signer,
        certificateChain: a.chain,
      });
      const screen = await decodeConsentRequest(req.token, trust);
      const decision = await createConsentDecision({
        request: screen,
        decision: 'approve',
        signer: app.signer,
        certificateChain: app.chain,
        time: CONSENT_TIME + 30,
      });
      return { request: req.token, decision, consentId: screen.consentId };
    };
    for (let round = 0; round < 4; round++) {
      const c = await consented(3);
      // Three attempts per process, all at once: twelve for three uses.
      const answers = await Promise.all(
        workers.flatMap((w) =>
          [0, 1, 2].map(() =>
            ask(w, {
              kind: 'consent',
              store,
              request: c.request,
              decision: c.decision,
              keyPrefix: PREFIX,
            }),
          ),
        ),
      );
      expect(answers.flatMap((x) => (x.ok ? [x.use] : [])).sort(), `round ${round}`).toEqual([
        1, 2, 3,
      ]);
      expect(summary(answers).filter((x) => x !== 'ok')).toEqual(
        Array(3 * N - 3).fill('ERR_CONSENT_USED_UP'),
      );
    }
    const c = await consented(20);
    const before = await Promise.all(
      workers.map((w) =>
        ask(w, {
          kind: 'consent',
          store,
          request: c.request,
          decision: c.decision,
          keyPrefix: PREFIX,
        }),
      ),
    );
    expect(summary(before)).toEqual(Array(N).fill('ok'));
    const withdrawals =
      store === 'redis'
        ? new RedisWithdrawalStore({ client: redis, keyPrefix: `${PREFIX}withdrawn:` })
        : new PostgresWithdrawalStore({ pool });
    await withdrawals.withdraw(c.consentId, CONSENT_TIME + 50);
    const after = await Promise.all(
      workers.map((w) =>
        ask(w, {
          kind: 'consent',
          store,
          request: c.request,
          decision: c.decision,
          keyPrefix: PREFIX,
        }),
      ),
    );
    expect(summary(after)).toEqual(Array(N).fill('ERR_CONSENT_WITHDRAWN'));
  });

  it(`[STORE-06] [QR-60] ${N} processes approve the same QR offer: exactly one approval is stored, every round`, async () => {
    const pki = await loginPki();
    const s = coordinator[store].qr;
    for (let round = 0; round < QR_ROUNDS; round++) {
      const browserBinding = base64urlEncode(randomBytes(32));
      const offer = await createQrOffer(s, {
        rpId: HOSPITAL,
        browserBinding,
        context: { browser: 'Chromium on Linux', place: 'Tokyo, JP' },
        time: LOGIN_NOW,
      });
      const scanned = decodeQrUri(offer.uri, { rpId: HOSPITAL, time: LOGIN_NOW });
      const context = await scanQrOffer(s, {
        offerId: scanned.offerId,
        secret: scanned.secret,
        time: LOGIN_NOW,
      });
      const approval = await createQrApproval({
        offer: scanned,
        context,
        code: offer.code,
        signer: pki.hospital.signer,
        certificateChain: pki.hospital.chain,
        time: LOGIN_NOW,
      });
      const answers = await Promise.all(
        workers.map((w) => ask(w, { kind: 'qr-approve', store, approval })),
      );
      expect(summary(answers), `round ${round}`).toEqual([
        'ERR_QR_STATE',
        'ERR_QR_STATE',
        'ERR_QR_STATE',
        'ok',
      ]);
      const identity = await collectQrLogin(s, {
        offerId: offer.offerId,
        browserBinding,
        time: LOGIN_NOW,
      });
      expect(identity.commonCode).toEqual(COMMON_CODE);
    }
  });

  it(`[STORE-01] [STORE-07] [ENR-03] ${N} processes enroll the same person: one request succeeds once, and all of the person's enrollments get one code, created once`, async () => {
    const s = coordinator[store].enrollment;
    for (let round = 0; round < ENROLL_ROUNDS; round++) {
      const card = await testCard(world, randomCardSerial());
      const requests: string[] = [];
      for (let i = 0; i <= N; i++)
        requests.push(
          await enrollmentRequestFor(
            simulatedApp(HOSPITAL, `xp/${round}/${i}`),
            card,
            s,
            WORLD_TIME,
          ),
        );
      const [dup, distinct] = await Promise.all([
        Promise.all(
          workers.map((w) =>
            ask(w, { kind: 'enroll', store, request: requests[0]!, time: WORLD_TIME }),
          ),
        ),
        Promise.all(
          workers.map((w, i) =>
            ask(w, { kind: 'enroll', store, request: requests[i + 1]!, time: WORLD_TIME }),
          ),
        ),
      ]);
      expect(summary(dup), `round ${round}`).toEqual([
        'ERR_ENROLLMENT_CHALLENGE',
        'ERR_ENROLLMENT_CHALLENGE',
        'ERR_ENROLLMENT_CHALLENGE',
        'ok',
      ]);
      expect(summary(distinct), `round ${round}`).toEqual(Array(N).fill('ok'));
      const ok = [...dup, ...distinct].filter(
        (a): a is Extract<WorkerAnswer, { ok: true }> => a.ok,
      );
      expect(new Set(ok.map((a) => a.commonCode)).size).toBe(1);
      expect(ok.filter((a) => a.status === 'new')).toHaveLength(1);
    }
  });

  it(`[STORE-10] a QR session approved and a common code bound before a ${store} kill survive it: collected once after, the code unchanged`, async () => {
    const pki = await loginPki();
    const { qr, registry } = coordinator[store];
    const browserBinding = base64urlEncode(randomBytes(32));
    const offer = await createQrOffer(qr, {
      rpId: HOSPITAL,
      browserBinding,
      context: { browser: 'Chromium on Linux', place: 'Tokyo, JP' },
      time: LOGIN_NOW,
    });
    const scanned = decodeQrUri(offer.uri, { rpId: HOSPITAL, time: LOGIN_NOW });
    const context = await scanQrOffer(qr, {
      offerId: scanned.offerId,
      secret: scanned.secret,
      time: LOGIN_NOW,
    });
    const approval = await createQrApproval({
      offer: scanned,
      context,
      code: offer.code,
      signer: pki.hospital.signer,
      certificateChain: pki.hospital.chain,
      time: LOGIN_NOW,
    });
    expect(summary([await ask(workers[0]!, { kind: 'qr-approve', store, approval })])).toEqual([
      'ok',
    ]);
    const key = personKey(Uint8Array.of(0x30, 4, ...randomBytes(4)), '01');
    const bound = await registry.assignOrGet(key);
    restart(store);
    await reconnect(store);
    expect(
      (await collectQrLogin(qr, { offerId: offer.offerId, browserBinding, time: LOGIN_NOW }))
        .commonCode,
    ).toEqual(COMMON_CODE);
    await expect(
      collectQrLogin(qr, { offerId: offer.offerId, browserBinding, time: LOGIN_NOW }),
    ).rejects.toMatchObject({ code: 'ERR_QR_STATE' });
    expect(await registry.lookup(key)).toEqual(bound.code);
    expect(await registry.assignOrGet(key)).toEqual({ code: bound.code, created: false });
  });
});
