/** Single-use storage of issued challenges (`spec/login.md` §3.2). @module */
import { fail } from '../errors.js';
import { createLoginChallenge, type CreateLoginChallengeOptions, type LoginChallenge } from './challenge.js';

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

interface Entry {
  readonly record: LoginChallenge;
  consumed: boolean;
}

/**
 * In-memory reference {@link ChallengeStore}: bounded ([LOGIN-07]) and forgetting entries after
 * their expiry plus a retention period. JavaScript runs `consume` to completion without yielding,
 * so it is atomic within one process; use a shared store when several processes verify.
 */
export class MemoryChallengeStore implements ChallengeStore {
  readonly #entries = new Map<string, Entry>();
  readonly #maxEntries: number;
  readonly #retention: number;
  readonly #now: () => number;

  constructor(options: MemoryChallengeStoreOptions = {}) {
    this.#maxEntries = options.maxEntries ?? 100_000;
    this.#retention = options.retention ?? 300;
    this.#now = options.now ?? (() => Math.floor(Date.now() / 1000));
    if (!Number.isSafeInteger(this.#maxEntries) || this.#maxEntries < 1) fail('ERR_INVALID_ARGUMENT', 'MemoryChallengeStore: maxEntries must be a positive integer');
    if (!Number.isSafeInteger(this.#retention) || this.#retention < 0) fail('ERR_INVALID_ARGUMENT', 'MemoryChallengeStore: retention must be a non-negative integer');
  }

  /** Number of challenges remembered (for tests and metrics). */
  get size(): number {
    return this.#entries.size;
  }

  async put(challenge: LoginChallenge): Promise<void> {
    this.#purge();
    if (this.#entries.has(challenge.challenge)) fail('ERR_INVALID_ARGUMENT', 'MemoryChallengeStore: this challenge value was already issued');
    while (this.#entries.size >= this.#maxEntries) {
      const oldest = this.#entries.keys().next();
      if (oldest.done === true) break;
      this.#entries.delete(oldest.value);
    }
    this.#entries.set(challenge.challenge, { record: challenge, consumed: false });
  }

  async consume(challenge: string): Promise<ChallengeConsumeResult> {
    const entry = this.#entries.get(challenge);
    if (entry === undefined) return { status: 'unknown' };
    if (entry.consumed) return { status: 'replayed' };
    entry.consumed = true;
    return { status: 'consumed', record: entry.record };
  }

  /** Forgets, oldest first, entries whose expiry plus retention has passed. */
  #purge(): void {
    const now = this.#now();
    for (const [key, entry] of this.#entries) {
      if (now <= entry.record.exp + this.#retention) break;
      this.#entries.delete(key);
    }
  }
}

/** Creates a challenge ({@link createLoginChallenge}) and stores it; returns it for sending to the app. */
export async function issueLoginChallenge(store: ChallengeStore, options: CreateLoginChallengeOptions): Promise<LoginChallenge> {
  const challenge = createLoginChallenge(options);
  await store.put(challenge);
  return challenge;
}
