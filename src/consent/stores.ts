/**
 * The provider's consent state behind small interfaces (spec/consent.md §9): the atomic use count
 * and the withdrawals, plus the app's rate limit of requests (CON-16); in-memory references.
 * The shared-store adapters (`jitsuin/stores/redis`, `jitsuin/stores/postgres`) implement the same
 * contracts (spec/stores.md §7).
 * @module
 */
import { fail } from '../internal/fail.js';
import { MAX_USES } from './model.js';

/** What {@link ConsentUseStore.consume} answers. */
export type ConsentUseResult =
  | { readonly status: 'granted'; readonly use: number }
  | { readonly status: 'exhausted'; readonly uses: number };

/** The use count of each (consent id, transfer id). */
export interface ConsentUseStore {
  /**
   * Atomically increments the count of `key` when it is below `limit` and answers the new count
   * (`granted`, use 1..limit), or `exhausted` without changing anything ([CON-28]). Two calls never
   * both see the same count, across every process sharing the store.
   */
  consume(key: string, limit: number): Promise<ConsentUseResult>;
}

/** The provider's view of withdrawals. */
export interface WithdrawalStore {
  /** Records that `consentId` was withdrawn at `at` (the first time wins); resolves once it holds for every later read. */
  withdraw(consentId: string, at: number): Promise<void>;
  /** When `consentId` was withdrawn, or `undefined`. */
  withdrawnAt(consentId: string): Promise<number | undefined>;
}

/** The app's limit on how many requests of one requester it shows per day (CON-16). */
export interface ConsentRateLimiter {
  /** Counts `consentId` for `requester` on the day of `time` and answers whether it may be shown (a request shown again is not counted twice). */
  allow(requester: string, consentId: string, time: number): Promise<boolean>;
}

/** Checks the arguments of {@link ConsentUseStore.consume} for every implementation. @internal */
export function checkUseArguments(
  key: unknown,
  limit: unknown,
  where: string,
): asserts key is string {
  if (typeof key !== 'string' || key.length === 0)
    fail('ERR_INVALID_ARGUMENT', `${where}: key must be a non-empty string`);
  if (!Number.isSafeInteger(limit) || (limit as number) < 1 || (limit as number) > MAX_USES)
    fail('ERR_INVALID_ARGUMENT', `${where}: limit must be an integer in 1..${MAX_USES}`);
}

/** Checks the arguments of {@link WithdrawalStore.withdraw} for every implementation. @internal */
export function checkWithdrawArguments(
  consentId: unknown,
  at: unknown,
  where: string,
): asserts consentId is string {
  if (typeof consentId !== 'string' || consentId.length === 0)
    fail('ERR_INVALID_ARGUMENT', `${where}: consentId must be a non-empty string`);
  if (!Number.isSafeInteger(at) || (at as number) < 0)
    fail('ERR_INVALID_ARGUMENT', `${where}: at must be integer seconds`);
}

/** In-memory {@link ConsentUseStore}: synchronous check-and-increment, so atomic within the process. */
export class MemoryConsentUseStore implements ConsentUseStore {
  readonly #counts = new Map<string, number>();

  consume(key: string, limit: number): Promise<ConsentUseResult> {
    checkUseArguments(key, limit, 'MemoryConsentUseStore.consume');
    const used = this.#counts.get(key) ?? 0;
    if (used >= limit) return Promise.resolve({ status: 'exhausted', uses: used });
    this.#counts.set(key, used + 1);
    return Promise.resolve({ status: 'granted', use: used + 1 });
  }

  /** The count of `key` (0 when never used). */
  count(key: string): number {
    return this.#counts.get(key) ?? 0;
  }
}

/** In-memory {@link WithdrawalStore}. */
export class MemoryWithdrawalStore implements WithdrawalStore {
  readonly #at = new Map<string, number>();

  withdraw(consentId: string, at: number): Promise<void> {
    checkWithdrawArguments(consentId, at, 'MemoryWithdrawalStore.withdraw');
    if (!this.#at.has(consentId)) this.#at.set(consentId, at);
    return Promise.resolve();
  }

  withdrawnAt(consentId: string): Promise<number | undefined> {
    if (typeof consentId !== 'string')
      fail('ERR_INVALID_ARGUMENT', 'MemoryWithdrawalStore.withdrawnAt: consentId must be a string');
    return Promise.resolve(this.#at.get(consentId));
  }
}

/** Default of {@link MemoryConsentRateLimiter}: requests of one requester shown per day. */
export const DEFAULT_REQUESTS_PER_DAY = 3;

/** In-memory {@link ConsentRateLimiter}: at most `perDay` distinct requests per requester and UTC+9 day. */
export class MemoryConsentRateLimiter implements ConsentRateLimiter {
  readonly #seen = new Map<string, Set<string>>();
  readonly #perDay: number;

  constructor(perDay: number = DEFAULT_REQUESTS_PER_DAY) {
    if (!Number.isSafeInteger(perDay) || perDay < 1)
      fail('ERR_INVALID_ARGUMENT', 'MemoryConsentRateLimiter: perDay must be a positive integer');
    this.#perDay = perDay;
  }

  allow(requester: string, consentId: string, time: number): Promise<boolean> {
    if (
      typeof requester !== 'string' ||
      typeof consentId !== 'string' ||
      !Number.isSafeInteger(time)
    )
      fail(
        'ERR_INVALID_ARGUMENT',
        'MemoryConsentRateLimiter.allow: requester, consentId and integer time are required',
      );
    const key = `${requester}\n${Math.floor((time + 9 * 3600) / 86_400)}`;
    let seen = this.#seen.get(key);
    if (seen === undefined) this.#seen.set(key, (seen = new Set()));
    if (seen.has(consentId)) return Promise.resolve(true);
    if (seen.size >= this.#perDay) return Promise.resolve(false);
    seen.add(consentId);
    return Promise.resolve(true);
  }
}
