/**
 * The in-memory single-use store behind the reference challenge stores of login and enrollment:
 * bounded (oldest first out), refusing a value issued twice, and optionally forgetting entries
 * once their expiry plus a retention period has passed.
 * @module
 */
import { fail } from '../internal/fail.js';

/** What `consume` answers: the record the first time, `replayed` after, `unknown` if never stored. */
export type SingleUseConsumeResult<R> =
  | { readonly status: 'consumed'; readonly record: R }
  | { readonly status: 'replayed' }
  | { readonly status: 'unknown' };

/** Options of {@link MemorySingleUseStore}. */
export interface MemorySingleUseStoreOptions {
  /** Most records kept at once; when full, the oldest is forgotten. */
  readonly maxEntries: number;
  /** Seconds a record is remembered after its `exp`; `undefined` keeps it until evicted by size. */
  readonly retention: number | undefined;
  /** Clock used only to forget old entries, seconds since the epoch. */
  readonly now: () => number;
}

/** A bounded, process-local single-use store keyed by each record's `challenge` value. @internal */
export class MemorySingleUseStore<R extends { readonly challenge: string; readonly exp: number }> {
  readonly #entries = new Map<string, { readonly record: R; consumed: boolean }>();
  readonly #name: string;
  readonly #options: MemorySingleUseStoreOptions;

  /** `name` is the public class name, used in error messages. */
  constructor(name: string, options: MemorySingleUseStoreOptions) {
    this.#name = name;
    this.#options = options;
    if (!Number.isSafeInteger(options.maxEntries) || options.maxEntries < 1)
      fail('ERR_INVALID_ARGUMENT', `${name}: maxEntries must be a positive integer`);
    if (
      options.retention !== undefined &&
      (!Number.isSafeInteger(options.retention) || options.retention < 0)
    )
      fail('ERR_INVALID_ARGUMENT', `${name}: retention must be a non-negative integer`);
  }

  /** Number of records remembered. */
  get size(): number {
    return this.#entries.size;
  }

  /** Stores `record`; a value issued twice is a bug of the random source and is refused. */
  put(record: R): void {
    this.#purge();
    if (this.#entries.has(record.challenge))
      fail('ERR_INVALID_ARGUMENT', `${this.#name}: this challenge value was already issued`);
    while (this.#entries.size >= this.#options.maxEntries) {
      const oldest = this.#entries.keys().next();
      if (oldest.done === true) break;
      this.#entries.delete(oldest.value);
    }
    this.#entries.set(record.challenge, { record, consumed: false });
  }

  /** Marks `value` used and returns its record, the first time only (synchronous, so atomic in-process). */
  consume(value: string): SingleUseConsumeResult<R> {
    const entry = this.#entries.get(value);
    if (entry === undefined) return { status: 'unknown' };
    if (entry.consumed) return { status: 'replayed' };
    entry.consumed = true;
    return { status: 'consumed', record: entry.record };
  }

  /** Forgets, oldest first, entries whose expiry plus retention has passed. */
  #purge(): void {
    const retention = this.#options.retention;
    if (retention === undefined) return;
    const now = this.#options.now();
    for (const [key, entry] of this.#entries) {
      if (now <= entry.record.exp + retention) break;
      this.#entries.delete(key);
    }
  }
}
