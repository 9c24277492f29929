/**
 * jitsuin/stores/redis — every store of the library on Redis 7 through a node-redis client the
 * caller created and connected (normative text: `spec/stores.md`). Single use by one Lua script
 * per operation, expiry by server-side TTLs. Durable across a restart only when the server runs
 * with `appendonly yes` and `appendfsync always` ([STORE-10]).
 * @module jitsuin/stores/redis
 */
export { type RedisCommandClient } from './client.js';
export { type RedisSingleUseStoreOptions } from './single-use.js';
export { RedisChallengeStore, RedisEnrollmentChallengeStore } from './challenges.js';
export { RedisQrSessionStore, type RedisQrSessionStoreOptions } from './qr.js';
export {
  RedisCommonCodeRegistry,
  RedisRenewalLinkStore,
  type RedisRegistryOptions,
} from './registry.js';
export {
  RedisConsentUseStore,
  RedisWithdrawalStore,
  type RedisConsentStoreOptions,
} from './consent.js';
export { RedisWitnessStateStore, type RedisWitnessStateStoreOptions } from './witness.js';
