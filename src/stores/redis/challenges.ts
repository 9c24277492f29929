/** The login and enrollment challenge stores on Redis. @module */
import type { ChallengeConsumeResult, ChallengeStore } from '../../login/challenge-store.js';
import type { LoginChallenge } from '../../login/challenge.js';
import type {
  EnrollmentChallenge,
  EnrollmentChallengeConsumeResult,
  EnrollmentChallengeStore,
} from '../../enrollment/challenge.js';
import { enrollmentChallengeCodec, loginChallengeCodec } from '../internal/codec.js';
import { RedisSingleUseStore, type RedisSingleUseStoreOptions } from './single-use.js';

/**
 * {@link ChallengeStore} on Redis: single use across every process sharing the server ([STORE-01]).
 * Keys `jitsuin:login:challenge:<challenge>` by default, each with a server-side TTL of the
 * challenge's expiry plus `retention` (default 300 s).
 */
export class RedisChallengeStore implements ChallengeStore {
  readonly #store: RedisSingleUseStore<LoginChallenge>;

  constructor(options: RedisSingleUseStoreOptions) {
    this.#store = new RedisSingleUseStore('RedisChallengeStore', loginChallengeCodec, options, {
      keyPrefix: 'jitsuin:login:challenge:',
      retention: 300,
    });
  }

  put(challenge: LoginChallenge): Promise<void> {
    return this.#store.put(challenge);
  }

  consume(challenge: string): Promise<ChallengeConsumeResult> {
    return this.#store.consume(challenge);
  }
}

/**
 * {@link EnrollmentChallengeStore} on Redis. Keys `jitsuin:enrollment:challenge:<challenge>` by
 * default, kept until the challenge's expiry plus `retention` (default 3600 s).
 */
export class RedisEnrollmentChallengeStore implements EnrollmentChallengeStore {
  readonly #store: RedisSingleUseStore<EnrollmentChallenge>;

  constructor(options: RedisSingleUseStoreOptions) {
    this.#store = new RedisSingleUseStore(
      'RedisEnrollmentChallengeStore',
      enrollmentChallengeCodec,
      options,
      { keyPrefix: 'jitsuin:enrollment:challenge:', retention: 3600 },
    );
  }

  put(challenge: EnrollmentChallenge): Promise<void> {
    return this.#store.put(challenge);
  }

  consume(challenge: string): Promise<EnrollmentChallengeConsumeResult> {
    return this.#store.consume(challenge);
  }
}
