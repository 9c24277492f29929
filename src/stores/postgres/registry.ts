/**
 * The common-code registry and the renewal-link store on PostgreSQL: unique constraints carry the
 * rules, a transaction makes the first assignment atomic.
 * @module
 */
import { fail } from '../../internal/fail.js';
import { randomBytes } from '../../crypto/hash.js';
import { hexDecode, hexEncode } from '../../encoding/hex.js';
import {
  checkLinkMatches,
  COMMON_CODE_LENGTH,
  type CommonCodeBinding,
  type CommonCodeRegistry,
  type JpkiRenewalLink,
} from '../../enrollment/registry.js';
import { checkRenewalLink, forkError, sameLink, type RenewalLinkStore } from '../renewal-links.js';
import { renewalLinkCodec } from '../internal/codec.js';
import { checkPool, sql, transaction, type PgPoolLike } from './client.js';

/** Options of {@link PostgresCommonCodeRegistry} and {@link PostgresRenewalLinkStore}. */
export interface PostgresRegistryOptions {
  /** A `pg.Pool` on a database where {@link migratePostgres} was run. */
  readonly pool: PgPoolLike;
  /** Random source for new codes (default: the platform CSPRNG). Tests only. */
  readonly random?: (length: number) => Uint8Array;
}

function checkKey(key: unknown, what: string): asserts key is Uint8Array {
  if (!(key instanceof Uint8Array) || key.length !== 32)
    fail('ERR_INVALID_ARGUMENT', `${what} must be a 32-byte person key`, 'CC-02');
}

function codeFrom(value: unknown, where: string): Uint8Array {
  let code: Uint8Array | undefined;
  try {
    code = typeof value === 'string' ? hexDecode(value) : undefined;
  } catch {
    code = undefined;
  }
  if (code?.length !== COMMON_CODE_LENGTH)
    fail(
      'ERR_STORE',
      `${where}: a stored common code is not ${COMMON_CODE_LENGTH} bytes of hex`,
      'STORE-04',
    );
  return code;
}

const SELECT_CODE = 'SELECT code FROM jitsuin_person_key WHERE person_key = $1';

/**
 * {@link CommonCodeRegistry} on PostgreSQL: `jitsuin_common_code` holds each code once (primary
 * key), `jitsuin_person_key` binds each person key once (primary key), so concurrent first
 * enrollments of one person on any number of CA processes end with one code ([STORE-07]).
 */
export class PostgresCommonCodeRegistry implements CommonCodeRegistry {
  readonly #pool: PgPoolLike;
  readonly #random: (length: number) => Uint8Array;

  constructor(options: PostgresRegistryOptions) {
    if (typeof options !== 'object' || options === null)
      fail('ERR_INVALID_ARGUMENT', 'PostgresCommonCodeRegistry: options with a pool are required');
    this.#pool = checkPool(options.pool, 'PostgresCommonCodeRegistry');
    this.#random = options.random ?? randomBytes;
  }

  async lookup(key: Uint8Array): Promise<Uint8Array | undefined> {
    checkKey(key, 'lookup: personKey');
    const row = (await sql(this.#pool, SELECT_CODE, [hexEncode(key)])).rows[0];
    return row === undefined ? undefined : codeFrom(row.code, 'lookup');
  }

  async assignOrGet(key: Uint8Array): Promise<CommonCodeBinding> {
    checkKey(key, 'assignOrGet: personKey');
    const k = hexEncode(key);
    const existing = (await sql(this.#pool, SELECT_CODE, [k])).rows[0];
    if (existing !== undefined)
      return { code: codeFrom(existing.code, 'assignOrGet'), created: false };
    const won = await transaction(this.#pool, async (db) => {
      // A collision of 128-bit random values is not expected; it is checked anyway ([CC-05]).
      for (let attempt = 0; attempt < 4; attempt++) {
        const code = this.#random(COMMON_CODE_LENGTH);
        if (!(code instanceof Uint8Array) || code.length !== COMMON_CODE_LENGTH)
          fail('ERR_INTERNAL', 'random source returned the wrong length');
        const c = hexEncode(code);
        const reserved = await sql(
          db,
          'INSERT INTO jitsuin_common_code (code) VALUES ($1) ON CONFLICT DO NOTHING',
          [c],
        );
        if (reserved.rowCount !== 1) continue;
        // Waits for a concurrent uncommitted binding of the same key; then inserts nothing.
        const bound = await sql(
          db,
          'INSERT INTO jitsuin_person_key (person_key, code) VALUES ($1, $2) ON CONFLICT DO NOTHING',
          [k, c],
        );
        if (bound.rowCount !== 1) fail('ERR_STORE', 'lost the race', undefined, LOST_RACE);
        return code.slice();
      }
      return fail(
        'ERR_COMMON_CODE',
        'assignOrGet: the random source keeps returning codes already in use',
        'CC-05',
      );
    }).catch((e: unknown) => {
      // Another process bound this key first: the transaction (and its reserved code) was rolled back.
      if (e instanceof Error && e.cause === LOST_RACE) return undefined;
      throw e;
    });
    if (won !== undefined) return { code: won, created: true };
    const row = (await sql(this.#pool, SELECT_CODE, [k])).rows[0];
    if (row === undefined)
      fail('ERR_STORE', 'assignOrGet: a concurrent binding of this key is not visible', 'STORE-07');
    return { code: codeFrom(row.code, 'assignOrGet'), created: false };
  }

  async rebind(
    oldKey: Uint8Array,
    newKey: Uint8Array,
    link: JpkiRenewalLink,
  ): Promise<CommonCodeBinding> {
    checkKey(oldKey, 'rebind: oldKey');
    checkKey(newKey, 'rebind: newKey');
    checkLinkMatches(oldKey, newKey, link);
    const o = hexEncode(oldKey);
    const n = hexEncode(newKey);
    // One statement copies the old key's code to the new key unless the new key is bound already.
    const copied = await sql(
      this.#pool,
      `INSERT INTO jitsuin_person_key (person_key, code)
      SELECT $2, code FROM jitsuin_person_key WHERE person_key = $1 ON CONFLICT DO NOTHING RETURNING code`,
      [o, n],
    );
    const row = copied.rows[0];
    if (row !== undefined) return { code: codeFrom(row.code, 'rebind'), created: true };
    // Bindings are never deleted, so these reads see what made the insert do nothing.
    const old = (await sql(this.#pool, SELECT_CODE, [o])).rows[0];
    if (old === undefined)
      fail('ERR_COMMON_CODE', 'rebind: the old certificate has no common code', 'CC-07');
    const current = (await sql(this.#pool, SELECT_CODE, [n])).rows[0];
    if (current === undefined)
      fail('ERR_STORE', 'rebind: the new key is neither bound nor bindable', 'STORE-08');
    if (current.code !== old.code)
      fail(
        'ERR_COMMON_CODE',
        'rebind: the new certificate already has another common code; codes are never merged',
        'CC-09',
      );
    return { code: codeFrom(current.code, 'rebind'), created: false };
  }
}

/** Marks the rollback of a lost first-assignment race. */
const LOST_RACE = Symbol('lost race');

/** {@link RenewalLinkStore} on PostgreSQL: the primary key and a unique constraint forbid forks ([STORE-09]). */
export class PostgresRenewalLinkStore implements RenewalLinkStore {
  readonly #pool: PgPoolLike;

  constructor(options: PostgresRegistryOptions) {
    if (typeof options !== 'object' || options === null)
      fail('ERR_INVALID_ARGUMENT', 'PostgresRenewalLinkStore: options with a pool are required');
    this.#pool = checkPool(options.pool, 'PostgresRenewalLinkStore');
  }

  async add(link: JpkiRenewalLink): Promise<boolean> {
    const l = checkRenewalLink(link, 'PostgresRenewalLinkStore.add');
    const issuer = hexEncode(l.issuer);
    const r = await sql(
      this.#pool,
      'INSERT INTO jitsuin_renewal_link (issuer, old_serial, new_serial, link) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
      [issuer, l.oldSerial, l.newSerial, renewalLinkCodec.encode(l)],
    );
    if (r.rowCount === 1) return true;
    const existing = (
      await sql(
        this.#pool,
        'SELECT link FROM jitsuin_renewal_link WHERE issuer = $1 AND (old_serial = $2 OR new_serial = $3)',
        [issuer, l.oldSerial, l.newSerial],
      )
    ).rows;
    if (existing.length === 1 && sameLink(renewalLinkCodec.decode(existing[0]?.link as string), l))
      return false;
    return forkError(l);
  }

  async previous(issuer: Uint8Array, serial: string): Promise<JpkiRenewalLink | undefined> {
    const row = (
      await sql(
        this.#pool,
        'SELECT link FROM jitsuin_renewal_link WHERE issuer = $1 AND new_serial = $2',
        [hexEncode(issuer), serial],
      )
    ).rows[0];
    return row === undefined ? undefined : renewalLinkCodec.decode(row.link as string);
  }

  async next(issuer: Uint8Array, serial: string): Promise<JpkiRenewalLink | undefined> {
    const row = (
      await sql(
        this.#pool,
        'SELECT link FROM jitsuin_renewal_link WHERE issuer = $1 AND old_serial = $2',
        [hexEncode(issuer), serial],
      )
    ).rows[0];
    return row === undefined ? undefined : renewalLinkCodec.decode(row.link as string);
  }
}
