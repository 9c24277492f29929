/**
 * The store contract (spec/stores.md), written once and run against every implementation: the
 * in-memory reference stores (test/unit/stores-memory.test.ts, in `npm test`) and the Redis and
 * PostgreSQL adapters (test/services/, in `npm run test:services`, against real servers).
 */
import { describe, expect, it } from 'vitest';
import { isJitsuinError } from '../../src/errors.js';
import { randomBytes } from '../../src/crypto/hash.js';
import { base64urlEncode } from '../../src/encoding/base64url.js';
import type { ChallengeStore } from '../../src/login/challenge-store.js';
import type { LoginChallenge } from '../../src/login/challenge.js';
import type {
  EnrollmentChallenge,
  EnrollmentChallengeStore,
} from '../../src/enrollment/challenge.js';
import type { CommonCodeRegistry } from '../../src/enrollment/registry.js';
import { personKey } from '../../src/enrollment/person-key.js';
import type { QrSession, QrSessionStore } from '../../src/qr/index.js';
import type { RenewalLinkStore } from '../../src/stores/index.js';
import type { ConsentUseStore, WithdrawalStore } from '../../src/consent/stores.js';
import type { WitnessRecord, WitnessStateStore } from '../../src/ledger/witness.js';

/** What a contract factory receives: the clock and retention the store must use. */
export interface StoreClock {
  readonly now: () => number;
  readonly retention: number;
}

const now = (): number => Math.floor(Date.now() / 1000);
const value = (): string => base64urlEncode(randomBytes(32));
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** The code and requirement of a rejection, or `ok`. */
export async function outcome(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (e) {
    return isJitsuinError(e) ? `${e.code}/${e.requirement ?? ''}` : `non-jitsuin: ${String(e)}`;
  }
}

type SingleUse<R> = {
  put(r: R): Promise<void>;
  consume(v: string): Promise<{ status: string; record?: R }>;
};

function singleUseContract<R extends { challenge: string; exp: number }>(
  label: string,
  make: (clock: StoreClock) => SingleUse<R> | Promise<SingleUse<R>>,
  record: (challenge: string, exp: number) => R,
  forgets: boolean,
): void {
  const clock = (retention = 300): StoreClock => ({ now, retention });

  it(`[STORE-02] ${label}: consumed once with the exact record, then replayed; never put → unknown`, async () => {
    const store = await make(clock());
    const r = record(value(), now() + 60);
    await store.put(r);
    const first = await store.consume(r.challenge);
    expect(first.status).toBe('consumed');
    expect(first.record).toEqual(r);
    expect((await store.consume(r.challenge)).status).toBe('replayed');
    expect((await store.consume(r.challenge)).status).toBe('replayed');
    expect((await store.consume(value())).status).toBe('unknown');
    expect((await store.consume('')).status).toBe('unknown');
  });

  it(`[STORE-01] ${label}: of 40 concurrent consumes of one value exactly one is consumed`, async () => {
    const store = await make(clock());
    for (let round = 0; round < 5; round++) {
      const r = record(value(), now() + 60);
      await store.put(r);
      const results = await Promise.all(
        Array.from({ length: 40 }, () => store.consume(r.challenge)),
      );
      expect(results.filter((x) => x.status === 'consumed')).toHaveLength(1);
      expect(results.filter((x) => x.status === 'replayed')).toHaveLength(39);
    }
  });

  it(`[STORE-03] ${label}: a value issued twice is refused, and the first record stays`, async () => {
    const store = await make(clock());
    const r = record(value(), now() + 60);
    await store.put(r);
    expect(await outcome(store.put(record(r.challenge, now() + 90)))).toMatch(
      /^ERR_INVALID_ARGUMENT\//,
    );
    const got = await store.consume(r.challenge);
    expect(got.record).toEqual(r);
  });

  it(`[STORE-05] ${label}: an unconsumed record is kept past its exp until exp + retention`, async () => {
    const store = await make(clock(30));
    const r = record(value(), now() - 5);
    await store.put(r);
    await store.put(record(value(), now() + 60)); // a later put may purge; this one must stay
    const got = await store.consume(r.challenge);
    expect(got.status).toBe('consumed');
    expect(got.record).toEqual(r);
  });

  if (forgets) {
    it(`[STORE-05] ${label}: a record is forgotten (unknown) once exp + retention has passed`, async () => {
      const store = await make(clock(1));
      const old = record(value(), now() - 30);
      await store.put(old);
      const soon = record(value(), now());
      await store.put(soon);
      const consumedSoon = record(value(), now());
      await store.put(consumedSoon);
      expect((await store.consume(consumedSoon.challenge)).status).toBe('consumed');
      await sleep(3100); // past the end of second exp + retention (1 s)
      await store.put(record(value(), now() + 60));
      expect((await store.consume(old.challenge)).status).toBe('unknown');
      expect((await store.consume(soon.challenge)).status).toBe('unknown');
      expect((await store.consume(consumedSoon.challenge)).status).toBe('unknown');
      // A forgotten value may be issued again.
      await store.put(record(soon.challenge, now() + 60));
      expect((await store.consume(soon.challenge)).status).toBe('consumed');
    });
  }
}

/** The {@link ChallengeStore} contract. */
export function challengeStoreContract(
  name: string,
  make: (clock: StoreClock) => ChallengeStore | Promise<ChallengeStore>,
): void {
  describe(`${name} (login ChallengeStore contract)`, () => {
    const rec = (challenge: string, exp: number): LoginChallenge => ({
      rpId: 'hospital.example',
      challenge,
      iat: exp - 120,
      exp,
    });
    singleUseContract(name, make, rec, true);
    it(`[STORE-04] ${name}: the session binding round-trips`, async () => {
      const store = await make({ now, retention: 300 });
      const r = { ...rec(value(), now() + 60), sessionBinding: value() };
      await store.put(r);
      expect(await store.consume(r.challenge)).toEqual({ status: 'consumed', record: r });
    });
  });
}

/** The {@link EnrollmentChallengeStore} contract; `forgets`: whether the store forgets by time. */
export function enrollmentChallengeStoreContract(
  name: string,
  make: (clock: StoreClock) => EnrollmentChallengeStore | Promise<EnrollmentChallengeStore>,
  forgets: boolean,
): void {
  describe(`${name} (EnrollmentChallengeStore contract)`, () => {
    const rec = (challenge: string, exp: number): EnrollmentChallenge => ({
      challenge,
      rpId: 'hospital.example',
      appId: 'TEST1234AB.jp.example.hospital',
      iat: exp - 300,
      exp,
    });
    singleUseContract(name, make, rec, forgets);
  });
}

/** A QR session as `createQrOffer` makes them, with fresh random ids. */
export function sampleQrSession(exp: number, extra: Partial<QrSession> = {}): QrSession {
  return {
    offerId: base64urlEncode(randomBytes(16)),
    secretHash: value(),
    rpId: 'hospital.example',
    browserBinding: value(),
    code: '42',
    choices: ['17', '42', '88'],
    context: { browser: 'Firefox 140 on Windows 11', place: 'Tokyo, JP' },
    createdAt: exp - 120,
    exp,
    state: 'pending',
    version: 0,
    ...extra,
  };
}

/** The {@link QrSessionStore} contract. */
export function qrSessionStoreContract(
  name: string,
  make: (clock: StoreClock) => QrSessionStore | Promise<QrSessionStore>,
): void {
  describe(`${name} (QrSessionStore contract)`, () => {
    it(`[STORE-04] ${name}: a session round-trips exactly, identity bytes included`, async () => {
      const store = await make({ now, retention: 300 });
      const s = sampleQrSession(now() + 60);
      await store.create(s);
      expect(await store.get(s.offerId)).toEqual(s);
      const approved: QrSession = {
        ...s,
        state: 'approved',
        version: 1,
        scannedAt: now(),
        approvedAt: now(),
        identity: {
          commonCode: randomBytes(16),
          commonCodeText: 'TEST-CODE',
          certificate: randomBytes(300),
          keyProtection: 'strongbox',
        },
      };
      expect(await store.compareAndSet(0, approved)).toBe(true);
      const got = await store.get(s.offerId);
      expect(got).toEqual(approved);
      expect(got?.identity?.commonCode).toBeInstanceOf(Uint8Array);
      expect(await store.get(base64urlEncode(randomBytes(16)))).toBeUndefined();
    });

    it(`[STORE-06] ${name}: create refuses an existing offer id; compare-and-set only from the stored version`, async () => {
      const store = await make({ now, retention: 300 });
      const s = sampleQrSession(now() + 60);
      await store.create(s);
      expect(await outcome(store.create({ ...s, code: '17' }))).toMatch(/^ERR_INVALID_ARGUMENT\//);
      expect((await store.get(s.offerId))?.code).toBe('42');
      expect(await store.compareAndSet(1, { ...s, state: 'scanned', version: 2 })).toBe(false);
      expect(await store.compareAndSet(0, { ...s, state: 'scanned', version: 1 })).toBe(true);
      expect(await store.compareAndSet(0, { ...s, state: 'denied', version: 1 })).toBe(false);
      expect((await store.get(s.offerId))?.state).toBe('scanned');
      expect(await store.compareAndSet(0, sampleQrSession(now() + 60, { version: 1 }))).toBe(false); // unknown offer
    });

    it(`[STORE-06] ${name}: of 30 concurrent compare-and-sets from one version exactly one is stored`, async () => {
      const store = await make({ now, retention: 300 });
      for (let round = 0; round < 5; round++) {
        const s = sampleQrSession(now() + 60);
        await store.create(s);
        const codes = Array.from({ length: 30 }, (_, i) => String(10 + i));
        const results = await Promise.all(
          codes.map((code) => store.compareAndSet(0, { ...s, code, version: 1 })),
        );
        expect(results.filter(Boolean)).toHaveLength(1);
        expect((await store.get(s.offerId))?.code).toBe(codes[results.indexOf(true)]);
      }
    });

    it(`[STORE-05] ${name}: a session is kept through its collect window and forgotten after it plus retention`, async () => {
      const store = await make({ now, retention: 1 });
      const live = sampleQrSession(now() - 50); // exp passed, collect window (60 s) not yet
      // exp + 60 + 1 s retention passed 8 s ago. (The Redis failures once blamed on TTL granularity
      // were a 1 ms TTL given to records already past it; such records are no longer written.)
      const old = sampleQrSession(now() - 69);
      await store.create(old);
      await store.create(live);
      await store.create(sampleQrSession(now() + 60)); // a later create may purge
      expect(await store.get(live.offerId)).toEqual(live);
      expect(await store.get(old.offerId)).toBeUndefined();
    });
  });
}

/** A fresh issuer "Name": a SEQUENCE of random bytes, so runs against one shared server never collide. */
function issuerBytes(): Uint8Array {
  return Uint8Array.of(0x30, 38, ...randomBytes(38));
}

/** The {@link CommonCodeRegistry} contract; `make` may receive a random source. */
export function registryContract(
  name: string,
  make: (random?: (n: number) => Uint8Array) => CommonCodeRegistry | Promise<CommonCodeRegistry>,
): void {
  describe(`${name} (CommonCodeRegistry contract)`, () => {
    it(`[STORE-07] ${name}: one code per person key, a fresh one per other key, copies out`, async () => {
      const reg = await make();
      const a = personKey(issuerBytes(), '0a');
      const b = personKey(issuerBytes(), '0b');
      expect(await reg.lookup(a)).toBeUndefined();
      const first = await reg.assignOrGet(a);
      expect(first.created).toBe(true);
      expect(first.code).toHaveLength(16);
      first.code.fill(0);
      const again = await reg.assignOrGet(a);
      expect(again.created).toBe(false);
      expect(await reg.lookup(a)).toEqual(again.code);
      const other = await reg.assignOrGet(b);
      expect(other.created).toBe(true);
      expect(other.code).not.toEqual(again.code);
      expect(await outcome(reg.lookup(new Uint8Array(31)))).toBe('ERR_INVALID_ARGUMENT/CC-02');
      expect(await outcome(reg.assignOrGet(null as unknown as Uint8Array))).toBe(
        'ERR_INVALID_ARGUMENT/CC-02',
      );
    });

    it(`[STORE-07] ${name}: 20 concurrent first assignments of one key agree on one code, one created`, async () => {
      const reg = await make();
      for (let round = 0; round < 3; round++) {
        const k = personKey(issuerBytes(), '01');
        const results = await Promise.all(Array.from({ length: 20 }, () => reg.assignOrGet(k)));
        expect(results.filter((r) => r.created)).toHaveLength(1);
        expect(new Set(results.map((r) => base64urlEncode(r.code))).size).toBe(1);
      }
    });

    it(`[STORE-07] ${name}: a code already held is never handed to another key (random source repeats)`, async () => {
      const fixed = randomBytes(16);
      const reg = await make(() => fixed.slice());
      expect((await reg.assignOrGet(personKey(issuerBytes(), '01'))).created).toBe(true);
      expect(await outcome(reg.assignOrGet(personKey(issuerBytes(), '02')))).toBe(
        'ERR_COMMON_CODE/CC-05',
      );
    });

    it(`[STORE-08] ${name}: rebind carries the code over once, checks the link, never merges`, async () => {
      const reg = await make();
      const issuer = issuerBytes();
      const oldKey = personKey(issuer, '10');
      const newKey = personKey(issuer, '11');
      const link = { issuer, oldSerial: '10', newSerial: '11' };
      expect(await outcome(reg.rebind(oldKey, newKey, link))).toBe('ERR_COMMON_CODE/CC-07'); // old unbound
      const { code } = await reg.assignOrGet(oldKey);
      expect(await outcome(reg.rebind(oldKey, newKey, { ...link, newSerial: '12' }))).toBe(
        'ERR_COMMON_CODE/CC-07',
      );
      expect(await reg.rebind(oldKey, newKey, link)).toEqual({ code, created: true });
      expect(await reg.rebind(oldKey, newKey, link)).toEqual({ code, created: false });
      expect(await reg.lookup(newKey)).toEqual(code);
      // A new key that already holds another code is never merged.
      const otherKey = personKey(issuer, '13');
      await reg.assignOrGet(otherKey);
      expect(
        await outcome(reg.rebind(oldKey, otherKey, { issuer, oldSerial: '10', newSerial: '13' })),
      ).toBe('ERR_COMMON_CODE/CC-09');
    });

    it(`[STORE-08] ${name}: 20 concurrent rebinds of one link create one binding`, async () => {
      const reg = await make();
      const issuer = issuerBytes();
      const oldKey = personKey(issuer, '20');
      const newKey = personKey(issuer, '21');
      const { code } = await reg.assignOrGet(oldKey);
      const results = await Promise.all(
        Array.from({ length: 20 }, () =>
          reg.rebind(oldKey, newKey, { issuer, oldSerial: '20', newSerial: '21' }),
        ),
      );
      expect(results.filter((r) => r.created)).toHaveLength(1);
      for (const r of results) expect(r.code).toEqual(code);
    });
  });
}

/** The {@link RenewalLinkStore} contract. */
export function renewalLinkStoreContract(
  name: string,
  make: () => RenewalLinkStore | Promise<RenewalLinkStore>,
): void {
  describe(`${name} (RenewalLinkStore contract)`, () => {
    it(`[STORE-09] ${name}: a link is found both ways; the same link again is a no-op; forks are refused`, async () => {
      const links = await make();
      const issuer = issuerBytes();
      const link = { issuer, oldSerial: '0a', newSerial: '0b' };
      expect(await links.next(issuer, '0a')).toBeUndefined();
      expect(await links.add(link)).toBe(true);
      expect(await links.add({ ...link, issuer: issuer.slice() })).toBe(false);
      expect(await links.next(issuer, '0a')).toEqual(link);
      expect(await links.previous(issuer, '0b')).toEqual(link);
      expect(await links.previous(issuer, '0a')).toBeUndefined();
      expect(await links.next(issuerBytes(), '0a')).toBeUndefined();
      expect(await outcome(links.add({ issuer, oldSerial: '0a', newSerial: '0c' }))).toBe(
        'ERR_COMMON_CODE/STORE-09',
      );
      expect(await outcome(links.add({ issuer, oldSerial: '09', newSerial: '0b' }))).toBe(
        'ERR_COMMON_CODE/STORE-09',
      );
      expect(await links.next(issuer, '09')).toBeUndefined();
      expect(await outcome(links.add({ issuer, oldSerial: '0A', newSerial: '0d' }))).toMatch(
        /^ERR_INVALID_ARGUMENT\//,
      );
    });

    it(`[STORE-09] ${name}: of 20 concurrent different links out of one certificate exactly one is recorded`, async () => {
      const links = await make();
      const issuer = issuerBytes();
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          outcome(links.add({ issuer, oldSerial: '01', newSerial: (0x10 + i).toString(16) })),
        ),
      );
      expect(results.filter((r) => r === 'ok')).toHaveLength(1);
      expect(results.filter((r) => r === 'ERR_COMMON_CODE/STORE-09')).toHaveLength(19);
    });
  });
}

/** A rejection's code, whether the store throws synchronously (the memory stores) or rejects. */
const settle = (f: () => Promise<unknown>): Promise<string> => outcome((async () => f())());

/** The {@link ConsentUseStore} contract (spec/stores.md §7). */
export function consentUseStoreContract(
  name: string,
  make: () => ConsentUseStore | Promise<ConsentUseStore>,
): void {
  describe(`${name} (ConsentUseStore contract)`, () => {
    it(`[STORE-12] ${name}: uses 1..limit are granted in order, then exhausted without counting; keys are independent`, async () => {
      const store = await make();
      const key = `${value()}/transfer-1`;
      const other = `${value()}/transfer-2`;
      expect(await store.consume(key, 3)).toEqual({ status: 'granted', use: 1 });
      expect(await store.consume(key, 3)).toEqual({ status: 'granted', use: 2 });
      expect(await store.consume(other, 1)).toEqual({ status: 'granted', use: 1 });
      expect(await store.consume(key, 3)).toEqual({ status: 'granted', use: 3 });
      expect(await store.consume(key, 3)).toEqual({ status: 'exhausted', uses: 3 });
      expect(await store.consume(key, 2)).toEqual({ status: 'exhausted', uses: 3 });
      expect(await store.consume(other, 1)).toEqual({ status: 'exhausted', uses: 1 });
      // The limit is the caller's (the signed request's); the count is the store's.
      expect(await store.consume(key, 4)).toEqual({ status: 'granted', use: 4 });
    });

    it(`[STORE-12] ${name}: of 60 concurrent consumes with limit 7, exactly 7 are granted, uses 1..7 once each`, async () => {
      const store = await make();
      for (let round = 0; round < 3; round++) {
        const key = `${value()}/t`;
        const results = await Promise.all(Array.from({ length: 60 }, () => store.consume(key, 7)));
        const uses = results.flatMap((r) => (r.status === 'granted' ? [r.use] : []));
        expect(uses.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7]);
        expect(
          results
            .filter((r) => r.status === 'exhausted')
            .every((r) => r.status === 'exhausted' && r.uses === 7),
        ).toBe(true);
      }
    });

    it(`[STORE-12] [STORE-14] ${name}: a key that is not a non-empty string, or a limit outside 1..100, is ERR_INVALID_ARGUMENT`, async () => {
      const store = await make();
      for (const [key, limit] of [
        ['', 1],
        [7, 1],
        ['k', 0],
        ['k', 101],
        ['k', 1.5],
        ['k', Number.NaN],
      ] as const) {
        expect(await settle(() => store.consume(key as string, limit))).toMatch(
          /^ERR_INVALID_ARGUMENT\//,
        );
      }
    });
  });
}

/** The {@link WithdrawalStore} contract (spec/stores.md §7). */
export function withdrawalStoreContract(
  name: string,
  make: () => WithdrawalStore | Promise<WithdrawalStore>,
): void {
  describe(`${name} (WithdrawalStore contract)`, () => {
    it(`[STORE-13] ${name}: the first withdrawal wins and is read back; others are unknown`, async () => {
      const store = await make();
      const id = value();
      expect(await store.withdrawnAt(id)).toBeUndefined();
      await store.withdraw(id, 1_800_000_000);
      await store.withdraw(id, 1_800_000_500);
      expect(await store.withdrawnAt(id)).toBe(1_800_000_000);
      expect(await store.withdrawnAt(value())).toBeUndefined();
      const zero = value();
      await store.withdraw(zero, 0);
      expect(await store.withdrawnAt(zero)).toBe(0);
    });

    it(`[STORE-13] ${name}: of 20 concurrent withdrawals of one consent one time wins, and every read agrees`, async () => {
      const store = await make();
      const id = value();
      await Promise.all(
        Array.from({ length: 20 }, (_, i) => store.withdraw(id, 1_800_000_000 + i)),
      );
      const reads = await Promise.all(Array.from({ length: 5 }, () => store.withdrawnAt(id)));
      expect(new Set(reads).size).toBe(1);
      expect(reads[0]).toBeGreaterThanOrEqual(1_800_000_000);
      expect(reads[0]).toBeLessThan(1_800_000_020);
    });

    it(`[STORE-13] [STORE-14] ${name}: an empty or non-string id, or a time that is not integer seconds, is ERR_INVALID_ARGUMENT`, async () => {
      const store = await make();
      for (const [id, at] of [
        ['', 1],
        [null, 1],
        ['c', -1],
        ['c', 1.5],
        ['c', Number.POSITIVE_INFINITY],
      ] as const) {
        expect(await settle(() => store.withdraw(id as string, at))).toMatch(
          /^ERR_INVALID_ARGUMENT\//,
        );
      }
      expect(await settle(() => store.withdrawnAt(5 as unknown as string))).toMatch(
        /^ERR_INVALID_ARGUMENT\//,
      );
    });
  });
}

/** The {@link WitnessStateStore} contract (spec/stores.md §8). */
export function witnessStateStoreContract(
  name: string,
  make: () => WitnessStateStore | Promise<WitnessStateStore>,
): void {
  const record = (size: number): WitnessRecord => ({ size, rootHash: randomBytes(32) });
  describe(`${name} (WitnessStateStore contract)`, () => {
    it(`[STORE-15] ${name}: the first record from none, then swaps only from the record held; records read back exactly, copied out`, async () => {
      const store = await make();
      const origin = `example.com/log/${value()}`;
      expect(await store.get(origin)).toBeUndefined();
      const first = record(0);
      expect(await store.compareAndSwap(origin, record(5), first)).toBe(false);
      expect(await store.compareAndSwap(origin, undefined, first)).toBe(true);
      expect(await store.compareAndSwap(origin, undefined, record(3))).toBe(false);
      expect(await store.get(origin)).toEqual(first);
      const second = record(9_007_199_254_740_991);
      // Same size, another root: not the record held.
      expect(
        await store.compareAndSwap(origin, { size: 0, rootHash: randomBytes(32) }, second),
      ).toBe(false);
      expect(
        await store.compareAndSwap(
          origin,
          { size: first.size, rootHash: first.rootHash.slice() },
          second,
        ),
      ).toBe(true);
      const got = await store.get(origin);
      expect(got).toEqual(second);
      got!.rootHash.fill(0);
      expect(await store.get(origin)).toEqual(second);
      expect(await store.get(`example.com/log/${value()}`)).toBeUndefined();
    });

    it(`[STORE-15] ${name}: of 20 concurrent swaps of one origin from one record exactly one is stored`, async () => {
      const store = await make();
      for (let round = 0; round < 3; round++) {
        const origin = `example.com/log/${value()}`;
        const base = record(10);
        expect(await store.compareAndSwap(origin, undefined, base)).toBe(true);
        const candidates = Array.from({ length: 20 }, (_, i) => record(11 + i));
        const results = await Promise.all(
          candidates.map((c) => store.compareAndSwap(origin, base, c)),
        );
        expect(results.filter(Boolean)).toHaveLength(1);
        expect(await store.get(origin)).toEqual(candidates[results.indexOf(true)]);
        const firsts = await Promise.all(
          candidates.map((c) => store.compareAndSwap(`${origin}/new`, undefined, c)),
        );
        expect(firsts.filter(Boolean)).toHaveLength(1);
      }
    });

    it(`[STORE-15] ${name}: an empty origin, a negative or fractional size, or a root of another length is ERR_INVALID_ARGUMENT`, async () => {
      const store = await make();
      const ok = record(1);
      expect(await settle(() => store.compareAndSwap('', undefined, ok))).toMatch(
        /^ERR_INVALID_ARGUMENT\//,
      );
      expect(
        await settle(() =>
          store.compareAndSwap('o', undefined, { size: -1, rootHash: randomBytes(32) }),
        ),
      ).toMatch(/^ERR_INVALID_ARGUMENT\//);
      expect(
        await settle(() =>
          store.compareAndSwap('o', undefined, { size: 1.5, rootHash: randomBytes(32) }),
        ),
      ).toMatch(/^ERR_INVALID_ARGUMENT\//);
      expect(
        await settle(() =>
          store.compareAndSwap('o', undefined, { size: 1, rootHash: randomBytes(31) }),
        ),
      ).toMatch(/^ERR_INVALID_ARGUMENT\//);
      expect(
        await settle(() => store.compareAndSwap('o', { size: 1, rootHash: randomBytes(33) }, ok)),
      ).toMatch(/^ERR_INVALID_ARGUMENT\//);
      expect(
        await settle(() => store.compareAndSwap('o', null as unknown as undefined, ok)),
      ).toMatch(/^ERR_INVALID_ARGUMENT\//);
    });
  });
}
