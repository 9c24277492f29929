/**
 * The CA's enrollment challenge and its single-use store (spec/enrollment.md §2).
 * @module
 */
import { fail } from '../internal/fail.js';
import { randomBytes } from '../crypto/hash.js';
import { base64urlEncode } from '../encoding/base64url.js';
import { MemorySingleUseStore } from '../internal/single-use-store.js';
import { objectArgument } from '../internal/args.js';

/** Length in bytes of an enrollment challenge. */
export const ENROLLMENT_CHALLENGE_LENGTH = 32;
/** Longest enrollment challenge lifetime in seconds (reading the card over NFC takes a while). */
export const MAX_ENROLLMENT_CHALLENGE_LIFETIME = 600;

/** A challenge the CA issued for one enrollment of one app. */
export interface EnrollmentChallenge {
  /** base64url of 32 random bytes. */
  readonly challenge: string;
  /** The relying party the app certificate will be bound to. */
  readonly rpId: string;
  /** The app the certificate will be bound to. */
  readonly appId: string;
  readonly iat: number;
  /** Last second at which the challenge may be used. */
  readonly exp: number;
}

/** Options of {@link createEnrollmentChallenge}. */
export interface CreateEnrollmentChallengeOptions {
  readonly rpId: string;
  readonly appId: string;
  /** The CA's current time, seconds since the epoch. */
  readonly time: number;
  /** Seconds until expiry, 1..600 (default 300). */
  readonly lifetime?: number;
  /** Random source (default: the platform CSPRNG). Tests and vectors only. */
  readonly random?: (length: number) => Uint8Array;
}

/** Checks an app-binding identifier (rpId / appId): 1..255 characters, no control characters. @internal */
export function isBindingId(value: unknown): value is string {
  // eslint-disable-next-line no-control-regex
  return (
    typeof value === 'string' &&
    value.length > 0 &&
    value.length <= 255 &&
    !/[\u0000-\u001f\u007f]/.test(value)
  );
}

/** Creates an enrollment challenge ([ENR-01]). Store it with an {@link EnrollmentChallengeStore} before sending it. */
export function createEnrollmentChallenge(
  options: CreateEnrollmentChallengeOptions,
): EnrollmentChallenge {
  objectArgument(options, 'createEnrollmentChallenge: options');
  const lifetime = options.lifetime ?? 300;
  if (!isBindingId(options.rpId) || !isBindingId(options.appId))
    fail(
      'ERR_INVALID_ARGUMENT',
      'createEnrollmentChallenge: rpId and appId must be 1..255 characters without control characters',
      'ENR-01',
    );
  if (!Number.isSafeInteger(options.time) || options.time < 0)
    fail(
      'ERR_INVALID_ARGUMENT',
      'createEnrollmentChallenge: time must be integer seconds',
      'ENR-01',
    );
  if (
    !Number.isSafeInteger(lifetime) ||
    lifetime < 1 ||
    lifetime > MAX_ENROLLMENT_CHALLENGE_LIFETIME
  )
    fail(
      'ERR_INVALID_ARGUMENT',
      `createEnrollmentChallenge: lifetime must be 1..${MAX_ENROLLMENT_CHALLENGE_LIFETIME}`,
      'ENR-01',
    );
  const bytes = (options.random ?? randomBytes)(ENROLLMENT_CHALLENGE_LENGTH);
  if (!(bytes instanceof Uint8Array) || bytes.length !== ENROLLMENT_CHALLENGE_LENGTH)
    fail('ERR_INTERNAL', 'random source returned the wrong length');
  return {
    challenge: base64urlEncode(bytes),
    rpId: options.rpId,
    appId: options.appId,
    iat: options.time,
    exp: options.time + lifetime,
  };
}

/** The answer of {@link EnrollmentChallengeStore.consume}. */
export type EnrollmentChallengeConsumeResult =
  | { readonly status: 'consumed'; readonly record: EnrollmentChallenge }
  | { readonly status: 'replayed' }
  | { readonly status: 'unknown' };

/**
 * Where the CA keeps issued challenges. `consume` MUST be atomic: of concurrent calls for one
 * challenge, at most one answers `consumed` ([ENR-03]).
 */
export interface EnrollmentChallengeStore {
  /** Stores an issued challenge until it is consumed or expires. */
  put(challenge: EnrollmentChallenge): Promise<void>;
  /** Atomically marks the challenge used and returns its record, the first time only. */
  consume(challenge: string): Promise<EnrollmentChallengeConsumeResult>;
}

/** Options of {@link MemoryEnrollmentChallengeStore}. */
export interface MemoryEnrollmentChallengeStoreOptions {
  /** Most challenges kept at once; when full, the oldest is forgotten (default 100 000). */
  readonly maxEntries?: number;
}

/**
 * In-memory reference {@link EnrollmentChallengeStore}: atomic within one process, bounded (the
 * oldest challenge is forgotten first, so it then fails as unknown). Use a shared store when several
 * CA processes serve enrollments.
 */
export class MemoryEnrollmentChallengeStore implements EnrollmentChallengeStore {
  readonly #store: MemorySingleUseStore<EnrollmentChallenge>;

  constructor(options: MemoryEnrollmentChallengeStoreOptions = {}) {
    // No time-based purge: a challenge is forgotten only when the size bound evicts it.
    this.#store = new MemorySingleUseStore('MemoryEnrollmentChallengeStore', {
      maxEntries: options.maxEntries ?? 100_000,
      retention: undefined,
      now: () => 0,
    });
  }

  /** Stores `challenge`; a value issued twice is a bug of the random source and is refused. */
  async put(challenge: EnrollmentChallenge): Promise<void> {
    this.#store.put(challenge);
  }

  /** Consumes `challenge` (no await between read and write, so atomic within the process). */
  async consume(challenge: string): Promise<EnrollmentChallengeConsumeResult> {
    return this.#store.consume(challenge);
  }
}
