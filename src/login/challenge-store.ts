/** Single-use storage of issued challenges (`spec/login.md` §3.2). @module */
import { MemorySingleUseStore } from '../internal/single-use-store.js';
import {
  createLoginChallenge,
  type CreateLoginChallengeOptions,
  type LoginChallenge,
} from './challenge.js';
import { objectArgument } from '../internal/args.js';

/** The answer of {@link ChallengeStore.consume}. */
export type ChallengeConsumeResult =
  | { readonly status: 'consumed'; readonly record: LoginChallenge }
  | { readonly status: 'replayed' }
  | { readonly status: 'unknown' };

/**
 * Where an RP keeps the challenges it issued until they are used. `consume` is the one operation
 * security rests on: it MUST be atomic — of all concurrent `consume` calls for one challenge, on
 * every server sharing the store, at most one answers `consumed` ([LOGIN-05]) — and MUST NOT answer
 * `consumed` for a challenge that was never `put` ([LOGIN-06]). Production stores implement it as
 * one conditional write (SQL `DELETE … RETURNING`, Redis `GETDEL`, a DynamoDB conditional update).
 */
export interface ChallengeStore {
  /** Stores an issued challenge. */
  put(challenge: LoginChallenge): Promise<void>;
  /** Atomically marks `challenge` used and returns its record, the first time only. */
  consume(challenge: string): Promise<ChallengeConsumeResult>;
}

/** Options of {@link MemoryChallengeStore}. */
export interface MemoryChallengeStoreOptions {
  /** Most challenges kept at once; when full, the oldest is dropped (default 100 000). */
  readonly maxEntries?: number;
  /** Seconds a challenge is remembered after its expiry, to report replays precisely (default 300). */
  readonly retention?: number;
  /** Clock used only to forget old entries, seconds since the epoch (default: the system clock). */
  readonly now?: () => number;
}

/**
 * In-memory reference {@link ChallengeStore}: bounded ([LOGIN-07]) and forgetting entries after
 * their expiry plus a retention period. JavaScript runs `consume` to completion without yielding,
 * so it is atomic within one process; use a shared store when several processes verify.
 */
export class MemoryChallengeStore implements ChallengeStore {
  readonly #store: MemorySingleUseStore<LoginChallenge>;

  constructor(options: MemoryChallengeStoreOptions = {}) {
    this.#store = new MemorySingleUseStore('MemoryChallengeStore', {
      maxEntries: options.maxEntries ?? 100_000,
      retention: options.retention ?? 300,
      now: options.now ?? (() => Math.floor(Date.now() / 1000)),
    });
  }

  /** Number of challenges remembered (for tests and metrics). */
  get size(): number {
    return this.#store.size;
  }

  async put(challenge: LoginChallenge): Promise<void> {
    this.#store.put(challenge);
  }

  async consume(challenge: string): Promise<ChallengeConsumeResult> {
    return this.#store.consume(challenge);
  }
}

/**
 * Creates a challenge ({@link createLoginChallenge}) and stores it; returns it for sending to the
 * app ([spec/login.md](../../spec/login.md) §3).
 *
 * @example
 * ```ts
 * import { encodeLoginChallenge, issueLoginChallenge, MemoryChallengeStore } from 'jitsuin/login';
 *
 * const challengeStore = new MemoryChallengeStore(); // one process; use a shared store across servers
 * const challenge = await issueLoginChallenge(challengeStore, { rpId: 'hospital.example', time: Math.floor(Date.now() / 1000) });
 * respond(encodeLoginChallenge(challenge)); // the exact text the app signs over
 * ```
 */
export async function issueLoginChallenge(
  store: ChallengeStore,
  options: CreateLoginChallengeOptions,
): Promise<LoginChallenge> {
  objectArgument(store, 'issueLoginChallenge: store');
  objectArgument(options, 'issueLoginChallenge: options');
  const challenge = createLoginChallenge(options);
  await store.put(challenge);
  return challenge;
}
