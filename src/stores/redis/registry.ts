/**
 * The common-code registry and the renewal-link store on Redis. Each operation is one Lua script
 * over keys sharing one hash tag, so it is atomic and runs on one Redis Cluster shard. Nothing
 * expires: bindings and links are permanent.
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
import {
  checkPrefix,
  checkRedisClient,
  command,
  RedisScript,
  type RedisCommandClient,
} from './client.js';

/** Answers of the scripts: the first element says what happened. */
const EXISTING = 0;
const CREATED = 1;
const CODE_TAKEN = 2;
const OLD_UNBOUND = 3;
const OTHER_CODE = 4;

// KEYS: key:<person key>, code:<code>; ARGV: code hex, person key hex.
const ASSIGN = new RedisScript(`
local c = redis.call('GET', KEYS[1])
if c then return {${EXISTING}, c} end
if not redis.call('SET', KEYS[2], ARGV[2], 'NX') then return {${CODE_TAKEN}, ''} end
redis.call('SET', KEYS[1], ARGV[1])
return {${CREATED}, ARGV[1]}
`);

// KEYS: key:<old>, key:<new>.
const REBIND = new RedisScript(`
local c = redis.call('GET', KEYS[1])
if not c then return {${OLD_UNBOUND}, ''} end
local n = redis.call('GET', KEYS[2])
if n then
  if n == c then return {${EXISTING}, c} end
  return {${OTHER_CODE}, ''}
end
redis.call('SET', KEYS[2], c)
return {${CREATED}, c}
`);

// KEYS: next:<issuer>:<old>, prev:<issuer>:<new>; ARGV: link JSON.
const ADD_LINK = new RedisScript(`
local out = redis.call('GET', KEYS[1])
if out then return {${EXISTING}, out} end
local into = redis.call('GET', KEYS[2])
if into then return {${EXISTING}, into} end
redis.call('SET', KEYS[1], ARGV[1])
redis.call('SET', KEYS[2], ARGV[1])
return {${CREATED}, ARGV[1]}
`);

/** Options of {@link RedisCommonCodeRegistry} and {@link RedisRenewalLinkStore}. */
export interface RedisRegistryOptions {
  /** A connected node-redis client (v4 or later). */
  readonly client: RedisCommandClient;
  /** Prefix of every key; keep one `{hash tag}` in it for Redis Cluster (default `jitsuin:{cc}:`). */
  readonly keyPrefix?: string;
  /** Random source for new codes (default: the platform CSPRNG). Tests only. */
  readonly random?: (length: number) => Uint8Array;
}

function checkKey(key: unknown, what: string): asserts key is Uint8Array {
  if (!(key instanceof Uint8Array) || key.length !== 32)
    fail('ERR_INVALID_ARGUMENT', `${what} must be a 32-byte person key`, 'CC-02');
}

function reply(value: unknown, where: string): [number, string] {
  if (
    !Array.isArray(value) ||
    value.length !== 2 ||
    typeof value[0] !== 'number' ||
    typeof value[1] !== 'string'
  )
    fail('ERR_STORE', `${where}: unexpected reply from redis`, 'STORE-04');
  return [value[0], value[1]];
}

function codeFrom(hex: string, where: string): Uint8Array {
  let code: Uint8Array;
  try {
    code = hexDecode(hex);
  } catch {
    return fail('ERR_STORE', `${where}: a stored common code is not hex`, 'STORE-04');
  }
  if (code.length !== COMMON_CODE_LENGTH)
    fail(
      'ERR_STORE',
      `${where}: a stored common code is not ${COMMON_CODE_LENGTH} bytes`,
      'STORE-04',
    );
  return code;
}

function setup(
  options: RedisRegistryOptions,
  name: string,
): { client: RedisCommandClient; prefix: string } {
  if (typeof options !== 'object' || options === null)
    fail('ERR_INVALID_ARGUMENT', `${name}: options with a client are required`);
  return {
    client: checkRedisClient(options.client, name),
    prefix: checkPrefix(options.keyPrefix ?? 'jitsuin:{cc}:', name),
  };
}

/** {@link CommonCodeRegistry} on Redis: one code per person key, across every CA process ([STORE-07]). */
export class RedisCommonCodeRegistry implements CommonCodeRegistry {
  readonly #client: RedisCommandClient;
  readonly #prefix: string;
  readonly #random: (length: number) => Uint8Array;

  constructor(options: RedisRegistryOptions) {
    const { client, prefix } = setup(options, 'RedisCommonCodeRegistry');
    this.#client = client;
    this.#prefix = prefix;
    this.#random = options.random ?? randomBytes;
  }

  async lookup(key: Uint8Array): Promise<Uint8Array | undefined> {
    checkKey(key, 'lookup: personKey');
    const hex = await command(this.#client, ['GET', `${this.#prefix}key:${hexEncode(key)}`]);
    if (hex === null || hex === undefined) return undefined;
    return codeFrom(String(hex), 'lookup');
  }

  async assignOrGet(key: Uint8Array): Promise<CommonCodeBinding> {
    checkKey(key, 'assignOrGet: personKey');
    const k = hexEncode(key);
    // A collision of 128-bit random values is not expected; it is checked anyway ([CC-05]).
    for (let attempt = 0; attempt < 4; attempt++) {
      const code = this.#random(COMMON_CODE_LENGTH);
      if (!(code instanceof Uint8Array) || code.length !== COMMON_CODE_LENGTH)
        fail('ERR_INTERNAL', 'random source returned the wrong length');
      const c = hexEncode(code);
      const [status, hex] = reply(
        await ASSIGN.run(
          this.#client,
          [`${this.#prefix}key:${k}`, `${this.#prefix}code:${c}`],
          [c, k],
        ),
        'assignOrGet',
      );
      if (status === CODE_TAKEN) continue;
      if (status !== EXISTING && status !== CREATED)
        fail('ERR_STORE', 'assignOrGet: unexpected status from redis', 'STORE-04');
      return { code: codeFrom(hex, 'assignOrGet'), created: status === CREATED };
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
    const [status, hex] = reply(
      await REBIND.run(
        this.#client,
        [`${this.#prefix}key:${hexEncode(oldKey)}`, `${this.#prefix}key:${hexEncode(newKey)}`],
        [],
      ),
      'rebind',
    );
    if (status === OLD_UNBOUND)
      fail('ERR_COMMON_CODE', 'rebind: the old certificate has no common code', 'CC-07');
    if (status === OTHER_CODE)
      fail(
        'ERR_COMMON_CODE',
        'rebind: the new certificate already has another common code; codes are never merged',
        'CC-09',
      );
    if (status !== EXISTING && status !== CREATED)
      fail('ERR_STORE', 'rebind: unexpected status from redis', 'STORE-04');
    return { code: codeFrom(hex, 'rebind'), created: status === CREATED };
  }
}

/** {@link RenewalLinkStore} on Redis: both directions of a link written by one script ([STORE-09]). */
export class RedisRenewalLinkStore implements RenewalLinkStore {
  readonly #client: RedisCommandClient;
  readonly #prefix: string;

  constructor(options: RedisRegistryOptions) {
    const { client, prefix } = setup(options, 'RedisRenewalLinkStore');
    this.#client = client;
    this.#prefix = prefix;
  }

  async add(link: JpkiRenewalLink): Promise<boolean> {
    const l = checkRenewalLink(link, 'RedisRenewalLinkStore.add');
    const issuer = hexEncode(l.issuer);
    const [status, text] = reply(
      await ADD_LINK.run(
        this.#client,
        [
          `${this.#prefix}next:${issuer}:${l.oldSerial}`,
          `${this.#prefix}prev:${issuer}:${l.newSerial}`,
        ],
        [renewalLinkCodec.encode(l)],
      ),
      'add',
    );
    if (status === CREATED) return true;
    if (status !== EXISTING) fail('ERR_STORE', 'add: unexpected status from redis', 'STORE-04');
    if (sameLink(renewalLinkCodec.decode(text), l)) return false;
    return forkError(l);
  }

  async previous(issuer: Uint8Array, serial: string): Promise<JpkiRenewalLink | undefined> {
    return this.#read(`prev:${hexEncode(issuer)}:${serial}`);
  }

  async next(issuer: Uint8Array, serial: string): Promise<JpkiRenewalLink | undefined> {
    return this.#read(`next:${hexEncode(issuer)}:${serial}`);
  }

  async #read(suffix: string): Promise<JpkiRenewalLink | undefined> {
    const text = await command(this.#client, ['GET', this.#prefix + suffix]);
    return text === null || text === undefined ? undefined : renewalLinkCodec.decode(String(text));
  }
}
