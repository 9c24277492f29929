import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isJitsuinError } from '../../src/errors.js';
import { canonicalize } from '../../src/encoding/index.js';
import {
  createLoginChallenge,
  decodeLoginChallenge,
  encodeLoginChallenge,
  type LoginChallenge,
} from '../../src/login/challenge.js';
import { MemoryChallengeStore, issueLoginChallenge } from '../../src/login/challenge-store.js';
import { isRpId } from '../../src/login/rp-id.js';

const T0 = 1_767_225_600;
const C = 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8'; // bytes 0..31
const GOOD: LoginChallenge = { rpId: 'hospital.example', challenge: C, iat: T0, exp: T0 + 120 };

function code(f: () => unknown): string | undefined {
  try {
    f();
    return undefined;
  } catch (e) {
    return isJitsuinError(e) ? `${e.code}/${e.requirement}` : `non-jitsuin: ${String(e)}`;
  }
}

describe('login challenge', () => {
  it('encodes canonically and decodes back', () => {
    const text = encodeLoginChallenge(GOOD);
    expect(text).toBe(
      `{"challenge":"${C}","exp":${T0 + 120},"iat":${T0},"rpId":"hospital.example"}`,
    );
    expect(decodeLoginChallenge(text)).toEqual(GOOD);
    const bound = { ...GOOD, sessionBinding: C };
    expect(decodeLoginChallenge(encodeLoginChallenge(bound))).toEqual(bound);
  });

  it('[LOGIN-01] accepts only lowercase DNS host names of two or more labels as rpId', () => {
    for (const ok of ['a.b', 'hospital.example', 'x-1.y-2.example', `${'a'.repeat(63)}.jp`])
      expect(isRpId(ok), ok).toBe(true);
    for (const bad of [
      '',
      'localhost',
      'A.example',
      'a.example.',
      '-a.example',
      'a-.example',
      'a..example',
      'a.example:443',
      'a_b.example',
      `${'a'.repeat(64)}.jp`,
      'xn--ü.jp',
      7,
      '127.0.0.1',
      'hospital.1',
      'a.0x7f',
      'a.0x',
    ]) {
      expect(isRpId(bad), String(bad)).toBe(false);
    }
    expect(
      code(() =>
        decodeLoginChallenge(
          encodeLoginChallenge(GOOD).replace('hospital.example', 'Hospital.example'),
        ),
      ),
    ).toBe('ERR_LOGIN/LOGIN-01');
  });

  it('[LOGIN-02] creates 32 fresh random bytes per challenge', () => {
    const a = createLoginChallenge({ rpId: 'a.example', time: T0 });
    const b = createLoginChallenge({ rpId: 'a.example', time: T0 });
    expect(a.challenge).toHaveLength(43);
    expect(a.challenge).not.toBe(b.challenge);
  });

  it('[LOGIN-03] lifetime is 1..300 seconds', () => {
    expect(createLoginChallenge({ rpId: 'a.example', time: T0, lifetime: 300 }).exp).toBe(T0 + 300);
    expect(code(() => createLoginChallenge({ rpId: 'a.example', time: T0, lifetime: 301 }))).toBe(
      'ERR_INVALID_ARGUMENT/LOGIN-03',
    );
    expect(code(() => createLoginChallenge({ rpId: 'a.example', time: T0, lifetime: 0 }))).toBe(
      'ERR_INVALID_ARGUMENT/LOGIN-03',
    );
    expect(code(() => decodeLoginChallenge(canonicalize({ ...GOOD, exp: T0 + 301 })))).toBe(
      'ERR_LOGIN/LOGIN-03',
    );
    expect(code(() => decodeLoginChallenge(canonicalize({ ...GOOD, exp: T0 })))).toBe(
      'ERR_LOGIN/LOGIN-03',
    );
  });

  it('[LOGIN-04] rejects unknown, missing and ill-typed members and non-canonical text', () => {
    const bad: string[] = [
      canonicalize({ ...GOOD, extra: 1 }),
      canonicalize({ rpId: GOOD.rpId, challenge: C, iat: T0 }),
      canonicalize({ ...GOOD, iat: `${T0}` }),
      canonicalize({ ...GOOD, iat: -1 }),
      canonicalize({ ...GOOD, challenge: C.slice(0, 42) }),
      canonicalize({ ...GOOD, challenge: `${C}A` }),
      canonicalize({ ...GOOD, sessionBinding: 'AAEC' }),
      canonicalize({ ...GOOD, sessionBinding: null }),
      canonicalize([GOOD.rpId]),
      JSON.stringify(GOOD), // member order is not canonical
      ` ${encodeLoginChallenge(GOOD)}`,
      encodeLoginChallenge(GOOD).replace('}', ',"iat":1}'),
      'null',
      '\ud800',
    ];
    for (const text of bad)
      expect(
        code(() => decodeLoginChallenge(text)),
        text,
      ).toBe('ERR_LOGIN/LOGIN-04');
    expect(
      code(() => decodeLoginChallenge(new TextEncoder().encode(encodeLoginChallenge(GOOD)))),
    ).toBe('ERR_LOGIN/LOGIN-04');
  });

  it('never crashes on arbitrary text: a challenge or ERR_LOGIN', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.jsonValue().map((v) => JSON.stringify(v)),
        ),
        (text) => {
          try {
            decodeLoginChallenge(text);
          } catch (e) {
            expect(isJitsuinError(e, 'ERR_LOGIN')).toBe(true);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('MemoryChallengeStore', () => {
  it('[LOGIN-05] consumes once: consumed, then replayed', async () => {
    const store = new MemoryChallengeStore({ now: () => T0 });
    await store.put(GOOD);
    expect(await store.consume(C)).toEqual({ status: 'consumed', record: GOOD });
    expect(await store.consume(C)).toEqual({ status: 'replayed' });
  });

  it('[LOGIN-05] of many concurrent consumes exactly one wins', async () => {
    const store = new MemoryChallengeStore({ now: () => T0 });
    await store.put(GOOD);
    const results = await Promise.all(Array.from({ length: 50 }, () => store.consume(C)));
    expect(results.filter((r) => r.status === 'consumed')).toHaveLength(1);
  });

  it('[LOGIN-06] never answers consumed for a challenge it was not given', async () => {
    const store = new MemoryChallengeStore({ now: () => T0 });
    await store.put(GOOD);
    expect(await store.consume(C.replace('A', 'B'))).toEqual({ status: 'unknown' });
    expect(await store.consume('')).toEqual({ status: 'unknown' });
  });

  it('[LOGIN-07] is bounded: drops the oldest when full, forgets after expiry plus retention', async () => {
    let now = T0;
    const store = new MemoryChallengeStore({ maxEntries: 3, retention: 10, now: () => now });
    const issued: LoginChallenge[] = [];
    for (let i = 0; i < 5; i++)
      issued.push(await issueLoginChallenge(store, { rpId: 'a.example', time: T0 }));
    expect(store.size).toBe(3);
    expect((await store.consume(issued[0]!.challenge)).status).toBe('unknown');
    expect((await store.consume(issued[4]!.challenge)).status).toBe('consumed');
    now = T0 + 120 + 11;
    await issueLoginChallenge(store, { rpId: 'a.example', time: now });
    expect(store.size).toBe(1);
    expect((await store.consume(issued[4]!.challenge)).status).toBe('unknown');
  });
});
