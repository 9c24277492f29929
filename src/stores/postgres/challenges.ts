/** The login and enrollment challenge stores on PostgreSQL. @module */
import type { ChallengeConsumeResult, ChallengeStore } from '../../login/challenge-store.js';
import type { LoginChallenge } from '../../login/challenge.js';
import type {
  EnrollmentChallenge,
  EnrollmentChallengeConsumeResult,
  EnrollmentChallengeStore,
} from '../../enrollment/challenge.js';
import { enrollmentChallengeCodec, loginChallengeCodec } from '../internal/codec.js';
import { PostgresSingleUseStore, type PostgresSingleUseStoreOptions } from './single-use.js';

/** {@link ChallengeStore} on PostgreSQL (rows of kind `login`), kept until expiry plus `retention` (default 300 s). */
export class PostgresChallengeStore implements ChallengeStore {
  readonly #store: PostgresSingleUseStore<LoginChallenge>;

  constructor(options: PostgresSingleUseStoreOptions) {
    this.#store = new PostgresSingleUseStore(
      'PostgresChallengeStore',
      'login',
      loginChallengeCodec,
      options,
      300,
    );
  }

  put(challenge: LoginChallenge): Promise<void> {
    return this.#store.put(challenge);
  }

  consume(challenge: string): Promise<ChallengeConsumeResult> {
    return this.#store.consume(challenge);
  }
}

/** {@link EnrollmentChallengeStore} on PostgreSQL (rows of kind `enrollment`), kept until expiry plus `retention` (default 3600 s). */
export class PostgresEnrollmentChallengeStore implements EnrollmentChallengeStore {
  readonly #store: PostgresSingleUseStore<EnrollmentChallenge>;

  constructor(options: PostgresSingleUseStoreOptions) {
    this.#store = new PostgresSingleUseStore(
      'PostgresEnrollmentChallengeStore',
      'enrollment',
      enrollmentChallengeCodec,
      options,
      3600,
    );
  }

  put(challenge: EnrollmentChallenge): Promise<void> {
    return this.#store.put(challenge);
  }

  consume(challenge: string): Promise<EnrollmentChallengeConsumeResult> {
    return this.#store.consume(challenge);
  }
}
