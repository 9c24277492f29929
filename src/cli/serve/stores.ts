/** The stores `jitsuin serve` runs on: in memory by default, Redis or PostgreSQL on request. @module */
import { MemoryChallengeStore, type ChallengeStore } from '../../login/challenge-store.js';
import { MemoryQrSessionStore, type QrSessionStore } from '../../qr/store.js';
import {
  MemoryEnrollmentChallengeStore,
  type EnrollmentChallengeStore,
} from '../../enrollment/challenge.js';
import { MemoryCommonCodeRegistry, type CommonCodeRegistry } from '../../enrollment/registry.js';
import {
  RedisChallengeStore,
  RedisCommonCodeRegistry,
  RedisEnrollmentChallengeStore,
  RedisQrSessionStore,
  type RedisCommandClient,
} from '../../stores/redis/index.js';
import {
  migratePostgres,
  PostgresChallengeStore,
  PostgresCommonCodeRegistry,
  PostgresEnrollmentChallengeStore,
  PostgresQrSessionStore,
  type PgPoolLike,
} from '../../stores/postgres/index.js';

/** One set of stores, and how to let go of their connections. */
export interface ServeStores {
  readonly kind: 'memory' | 'redis' | 'postgres';
  readonly challenges: ChallengeStore;
  readonly qr: QrSessionStore;
  readonly enrollmentChallenges: EnrollmentChallengeStore;
  readonly registry: CommonCodeRegistry;
  close(): Promise<void>;
}

/** Where the stores live. */
export type StoreChoice =
  | { readonly kind: 'memory' }
  | { readonly kind: 'redis'; readonly url: string }
  | { readonly kind: 'postgres'; readonly url: string };

/** Opens the chosen stores; Redis and PostgreSQL clients are loaded only when asked for (optional peers). */
export async function openStores(
  choice: StoreChoice,
  keyPrefix = 'jitsuin:serve:',
): Promise<ServeStores> {
  if (choice.kind === 'memory') {
    return {
      kind: 'memory',
      challenges: new MemoryChallengeStore(),
      qr: new MemoryQrSessionStore(),
      enrollmentChallenges: new MemoryEnrollmentChallengeStore(),
      registry: new MemoryCommonCodeRegistry(),
      close: async () => {},
    };
  }
  if (choice.kind === 'redis') {
    const { createClient } = await import('redis');
    const client = createClient({ url: choice.url });
    client.on('error', () => {});
    await client.connect();
    const c: RedisCommandClient = client;
    return {
      kind: 'redis',
      challenges: new RedisChallengeStore({ client: c, keyPrefix: `${keyPrefix}login:` }),
      qr: new RedisQrSessionStore({ client: c, keyPrefix: `${keyPrefix}qr:` }),
      enrollmentChallenges: new RedisEnrollmentChallengeStore({
        client: c,
        keyPrefix: `${keyPrefix}enr:`,
      }),
      registry: new RedisCommonCodeRegistry({ client: c, keyPrefix: `${keyPrefix}{cc}:` }),
      close: async () => {
        await client.quit();
      },
    };
  }
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: choice.url, max: 20 });
  pool.on('error', () => {});
  const p: PgPoolLike = pool;
  await migratePostgres(p);
  return {
    kind: 'postgres',
    challenges: new PostgresChallengeStore({ pool: p }),
    qr: new PostgresQrSessionStore({ pool: p }),
    enrollmentChallenges: new PostgresEnrollmentChallengeStore({ pool: p }),
    registry: new PostgresCommonCodeRegistry({ pool: p }),
    close: () => pool.end(),
  };
}
