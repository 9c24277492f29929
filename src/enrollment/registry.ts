/**
 * The common-code registry (spec/common-code.md §3–§5): an interface whose assignment and
 * re-binding are atomic, and an in-memory reference implementation.
 * @module
 */
import { fail } from '../internal/fail.js';
import { randomBytes } from '../crypto/hash.js';
import { bytesEqual } from '../encoding/bytes.js';
import { hexEncode } from '../encoding/hex.js';
import { personKey } from './person-key.js';

/** Length of a common code in bytes (128 bits). */
export const COMMON_CODE_LENGTH = 16;

/**
 * J-LIS's link from a person's old JPKI signature certificate to the one that replaced it (renewal,
 * change of name or address). The CA obtains it from J-LIS over its registered channel; the
 * library cannot authenticate it and trusts the caller's lookup ([CC-08]).
 */
export interface JpkiRenewalLink {
  /** Issuer Name DER shared by both certificates (J-LIS keeps one name across generations). */
  readonly issuer: Uint8Array;
  /** Lower-case hex serial of the replaced certificate. */
  readonly oldSerial: string;
  /** Lower-case hex serial of the replacing certificate. */
  readonly newSerial: string;
}

/** Result of an assignment or re-binding. */
export interface CommonCodeBinding {
  /** The 16-byte common code. */
  readonly code: Uint8Array;
  /** True when this call created the binding (a new code, or a new key bound by re-binding). */
  readonly created: boolean;
}

/**
 * Storage of person key → common code. Production registries implement each method as one atomic
 * operation of their database (a unique index on the code, a conditional insert).
 */
export interface CommonCodeRegistry {
  /** The code bound to `personKey`, if any. */
  lookup(personKey: Uint8Array): Promise<Uint8Array | undefined>;
  /**
   * Atomically returns the code bound to `personKey`, or binds a fresh random code that no other
   * key holds ([CC-01], [CC-03], [CC-05]).
   */
  assignOrGet(personKey: Uint8Array): Promise<CommonCodeBinding>;
  /**
   * Atomically binds `newKey` to the code of `oldKey`, after checking that `link` names exactly
   * these two keys ([CC-07]), that `oldKey` is bound, and that `newKey` is unbound or already bound
   * to the same code ([CC-09]). Throws ERR_COMMON_CODE otherwise; never merges two codes.
   */
  rebind(oldKey: Uint8Array, newKey: Uint8Array, link: JpkiRenewalLink): Promise<CommonCodeBinding>;
}

/** Checks that `link` names exactly `oldKey` → `newKey` ([CC-07]). @internal */
export function checkLinkMatches(
  oldKey: Uint8Array,
  newKey: Uint8Array,
  link: JpkiRenewalLink,
): void {
  if (link === null || typeof link !== 'object')
    fail('ERR_COMMON_CODE', 'rebind: a renewal link is required', 'CC-07');
  let oldFromLink: Uint8Array;
  let newFromLink: Uint8Array;
  try {
    oldFromLink = personKey(link.issuer, link.oldSerial);
    newFromLink = personKey(link.issuer, link.newSerial);
  } catch (e) {
    return fail('ERR_COMMON_CODE', 'rebind: the renewal link is malformed', 'CC-07', e);
  }
  if (link.oldSerial === link.newSerial)
    fail('ERR_COMMON_CODE', 'rebind: the renewal link links a certificate to itself', 'CC-07');
  if (!bytesEqual(oldFromLink, oldKey) || !bytesEqual(newFromLink, newKey))
    fail(
      'ERR_COMMON_CODE',
      'rebind: the renewal link does not name these two certificates',
      'CC-07',
    );
}

/** Options of {@link MemoryCommonCodeRegistry}. */
export interface MemoryCommonCodeRegistryOptions {
  /** Random source for new codes (default: the platform CSPRNG). Tests and vectors only. */
  readonly random?: (length: number) => Uint8Array;
  /** Bindings to start with (person key, code), e.g. restored from storage; several keys may share a code. */
  readonly initial?: Iterable<readonly [Uint8Array, Uint8Array]>;
}

function checkKey(key: unknown, what: string): asserts key is Uint8Array {
  if (!(key instanceof Uint8Array) || key.length !== 32)
    fail('ERR_INVALID_ARGUMENT', `${what} must be a 32-byte person key`, 'CC-02');
}

/**
 * In-memory reference {@link CommonCodeRegistry}. Each method runs to completion without
 * awaiting in between its read and its write, so it is atomic within one process.
 */
export class MemoryCommonCodeRegistry implements CommonCodeRegistry {
  readonly #byKey = new Map<string, Uint8Array>();
  readonly #codes = new Set<string>();
  readonly #random: (length: number) => Uint8Array;

  constructor(options: MemoryCommonCodeRegistryOptions = {}) {
    this.#random = options.random ?? randomBytes;
    for (const [key, code] of options.initial ?? []) {
      checkKey(key, 'initial personKey');
      if (!(code instanceof Uint8Array) || code.length !== COMMON_CODE_LENGTH)
        fail('ERR_INVALID_ARGUMENT', 'initial code must be 16 bytes');
      if (this.#byKey.has(hexEncode(key)))
        fail('ERR_INVALID_ARGUMENT', 'initial bindings name a person key twice');
      this.#byKey.set(hexEncode(key), code.slice());
      this.#codes.add(hexEncode(code));
    }
  }

  /** Number of person keys bound. */
  get size(): number {
    return this.#byKey.size;
  }

  async lookup(key: Uint8Array): Promise<Uint8Array | undefined> {
    checkKey(key, 'lookup: personKey');
    return this.#byKey.get(hexEncode(key))?.slice();
  }

  async assignOrGet(key: Uint8Array): Promise<CommonCodeBinding> {
    checkKey(key, 'assignOrGet: personKey');
    const k = hexEncode(key);
    const existing = this.#byKey.get(k);
    if (existing !== undefined) return { code: existing.slice(), created: false };
    // A collision of 128-bit random values is not expected; it is checked anyway ([CC-05]).
    for (let attempt = 0; attempt < 4; attempt++) {
      const code = this.#random(COMMON_CODE_LENGTH);
      if (!(code instanceof Uint8Array) || code.length !== COMMON_CODE_LENGTH)
        fail('ERR_INTERNAL', 'random source returned the wrong length');
      const c = hexEncode(code);
      if (this.#codes.has(c)) continue;
      this.#codes.add(c);
      this.#byKey.set(k, code.slice());
      return { code: code.slice(), created: true };
    }
    return fail(
      'ERR_COMMON_CODE',
      'assignOrGet: the random source keeps returning codes already in use',
      'CC-05',
    );
  }

  async rebind(
    oldKey: Uint8Array,
    newKey: Uint8Array,
    link: JpkiRenewalLink,
  ): Promise<CommonCodeBinding> {
    checkKey(oldKey, 'rebind: oldKey');
    checkKey(newKey, 'rebind: newKey');
    checkLinkMatches(oldKey, newKey, link);
    const code = this.#byKey.get(hexEncode(oldKey));
    if (code === undefined)
      fail('ERR_COMMON_CODE', 'rebind: the old certificate has no common code', 'CC-07');
    const current = this.#byKey.get(hexEncode(newKey));
    if (current !== undefined) {
      if (!bytesEqual(current, code))
        fail(
          'ERR_COMMON_CODE',
          'rebind: the new certificate already has another common code; codes are never merged',
          'CC-09',
        );
      return { code: code.slice(), created: false };
    }
    this.#byKey.set(hexEncode(newKey), code);
    return { code: code.slice(), created: true };
  }
}
