/**
 * Storage of QR login sessions behind a compare-and-set interface, and the in-memory reference
 * store (`spec/cross-device.md` §6).
 * @module
 */
import { fail } from '../internal/fail.js';
import type { QrSession } from './session.js';
import { QR_COLLECT_WINDOW } from './session.js';

/**
 * Where an RP keeps QR sessions. Every transition is a compare-and-set on `version`, so that of two
 * concurrent transitions of one session exactly one is stored ([QR-60]). A production store maps
 * this onto a conditional write (SQL `UPDATE … WHERE version = ?`, Redis `WATCH`/Lua, DynamoDB
 * condition expressions).
 */
export interface QrSessionStore {
  /** Stores a new session; fails if its offer id already exists. */
  create(session: QrSession): Promise<void>;
  /** The current session for `offerId`, or `undefined`. */
  get(offerId: string): Promise<QrSession | undefined>;
  /**
   * Replaces the session for `next.offerId` by `next` if and only if its stored version is still
   * `expectedVersion`; true when it did. Atomic with respect to every other call.
   */
  compareAndSet(expectedVersion: number, next: QrSession): Promise<boolean>;
}

/** Options of {@link MemoryQrSessionStore}. */
export interface MemoryQrSessionStoreOptions {
  /** Most sessions kept at once; when full, the oldest is dropped (default 10 000). */
  readonly maxEntries?: number;
  /** Seconds a session is kept after its last possible transition (default 300). */
  readonly retention?: number;
  /** Clock used only to purge old sessions, seconds since the epoch (default: the system clock). */
  readonly now?: () => number;
}

/**
 * In-memory reference {@link QrSessionStore}: a bounded map, purged of sessions that can no longer
 * change. JavaScript runs each call to completion between awaits, so each method is atomic.
 */
export class MemoryQrSessionStore implements QrSessionStore {
  readonly #sessions = new Map<string, QrSession>();
  readonly #maxEntries: number;
  readonly #retention: number;
  readonly #now: () => number;

  constructor(options: MemoryQrSessionStoreOptions = {}) {
    this.#maxEntries = options.maxEntries ?? 10_000;
    this.#retention = options.retention ?? 300;
    this.#now = options.now ?? (() => Math.floor(Date.now() / 1000));
    if (!Number.isSafeInteger(this.#maxEntries) || this.#maxEntries < 1)
      fail('ERR_INVALID_ARGUMENT', 'MemoryQrSessionStore: maxEntries must be a positive integer');
    if (!Number.isSafeInteger(this.#retention) || this.#retention < 0)
      fail(
        'ERR_INVALID_ARGUMENT',
        'MemoryQrSessionStore: retention must be a non-negative integer',
      );
  }

  /** Number of sessions held (for tests and metrics). */
  get size(): number {
    return this.#sessions.size;
  }

  async create(session: QrSession): Promise<void> {
    this.#purge();
    if (this.#sessions.has(session.offerId))
      fail('ERR_INVALID_ARGUMENT', `offer id ${session.offerId} already exists`);
    while (this.#sessions.size >= this.#maxEntries) {
      const oldest = this.#sessions.keys().next();
      if (oldest.done === true) break;
      this.#sessions.delete(oldest.value);
    }
    this.#sessions.set(session.offerId, session);
  }

  async get(offerId: string): Promise<QrSession | undefined> {
    return this.#sessions.get(offerId);
  }

  async compareAndSet(expectedVersion: number, next: QrSession): Promise<boolean> {
    const current = this.#sessions.get(next.offerId);
    if (current === undefined || current.version !== expectedVersion) return false;
    this.#sessions.set(next.offerId, next);
    return true;
  }

  /**
   * Drops, oldest first, sessions past the last moment a transition could change them. Sessions are
   * inserted in creation order and live at most 120 s plus the collect window, so
   * stopping at the first live one keeps each purge short.
   */
  #purge(): void {
    const now = this.#now();
    for (const [id, s] of this.#sessions) {
      if (now <= s.exp + QR_COLLECT_WINDOW + this.#retention) break;
      this.#sessions.delete(id);
    }
  }
}
