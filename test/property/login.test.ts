/**
 * Properties of single-use challenges ([LOGIN-05], [LOGIN-06]): the in-memory store agrees with a
 * model under random put / consume commands, and under any interleaving of concurrent
 * verifications of responses to one challenge exactly one login is accepted.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isJitsuinError } from '../../src/errors.js';
import { base64urlEncode } from '../../src/encoding/index.js';
import { MemoryChallengeStore, type ChallengeStore } from '../../src/login/challenge-store.js';
import { createLoginResponse } from '../../src/login/response.js';
import { verifyLoginResponse } from '../../src/login/verify.js';
import type { LoginChallenge } from '../../src/login/challenge.js';
import { LOGIN_NOW } from '../../src/conformance/suites/login.js';
import { HOSPITAL, loginPki } from '../generators/login.js';

const T0 = 1_767_225_600;
const value = (i: number): string => base64urlEncode(new Uint8Array(32).fill(i));
const record = (i: number): LoginChallenge => ({
  rpId: 'rp.example',
  challenge: value(i),
  iat: T0,
  exp: T0 + 60,
});

interface Model {
  readonly issued: Set<number>;
  readonly consumed: Set<number>;
}

class Put implements fc.AsyncCommand<Model, MemoryChallengeStore> {
  constructor(readonly i: number) {}
  check(m: Readonly<Model>): boolean {
    return !m.issued.has(this.i);
  }
  async run(m: Model, store: MemoryChallengeStore): Promise<void> {
    await store.put(record(this.i));
    m.issued.add(this.i);
  }
  toString(): string {
    return `put(${this.i})`;
  }
}

class Consume implements fc.AsyncCommand<Model, MemoryChallengeStore> {
  constructor(readonly i: number) {}
  check(): boolean {
    return true;
  }
  async run(m: Model, store: MemoryChallengeStore): Promise<void> {
    const r = await store.consume(value(this.i));
    const expected = !m.issued.has(this.i)
      ? 'unknown'
      : m.consumed.has(this.i)
        ? 'replayed'
        : 'consumed';
    expect(r.status).toBe(expected);
    if (r.status === 'consumed') expect(r.record).toEqual(record(this.i));
    if (m.issued.has(this.i)) m.consumed.add(this.i);
  }
  toString(): string {
    return `consume(${this.i})`;
  }
}

describe('challenge store (model-based)', () => {
  it('[LOGIN-05] [LOGIN-06] consume answers consumed once per issued challenge, replayed after, unknown otherwise', async () => {
    const commands = [
      fc.integer({ min: 1, max: 6 }).map((i) => new Put(i)),
      fc.integer({ min: 1, max: 8 }).map((i) => new Consume(i)),
    ];
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: 30 }), async (cmds) => {
        await fc.asyncModelRun(
          () => ({
            model: { issued: new Set<number>(), consumed: new Set<number>() },
            real: new MemoryChallengeStore({ now: () => T0 }),
          }),
          cmds,
        );
      }),
      { numRuns: 300 },
    );
  });
});

describe('concurrent verification', () => {
  it('[LOGIN-05] under any interleaving of concurrent verifications of one challenge, exactly one succeeds', async () => {
    const f = await loginPki();
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.scheduler(),
        fc.integer({ min: 2, max: 5 }),
        fc.boolean(),
        async (s, count, sameToken) => {
          n++;
          const inner = new MemoryChallengeStore({ now: () => LOGIN_NOW });
          const challenge: LoginChallenge = {
            rpId: HOSPITAL,
            challenge: base64urlEncode(new Uint8Array(32).fill(n % 256)),
            iat: LOGIN_NOW - 10,
            exp: LOGIN_NOW + 60,
          };
          await inner.put(challenge);
          // Every verification is held at the store until all have arrived, then the scheduler
          // releases them in an arbitrary order: the consume calls race for real.
          let arrived = 0;
          let release = (): void => undefined;
          const allArrived = new Promise<void>((r) => (release = r));
          const gate = (): Promise<void> => {
            if (++arrived === count) release();
            return s.schedule(Promise.resolve(), 'consume');
          };
          const store: ChallengeStore = {
            put: (c) => inner.put(c),
            consume: (c) => gate().then(() => inner.consume(c)),
          };
          // Either the same response several times (a replay race) or distinct responses (several devices racing).
          const tokens = await Promise.all(
            Array.from({ length: count }, (_, i) =>
              createLoginResponse(challenge, {
                signer: f.hospital.signer,
                certificateChain: f.hospital.chain,
                time: LOGIN_NOW - (sameToken ? 5 : 5 + i),
              }),
            ),
          );
          const attempts = tokens.map((t) =>
            verifyLoginResponse(t, {
              rpId: HOSPITAL,
              trustAnchors: [f.root],
              revocation: f.revocation,
              time: LOGIN_NOW,
              clockTolerance: 60,
              challengeStore: store,
            }).then(
              () => 'ok',
              (e: unknown) => (isJitsuinError(e) ? e.code : 'crash'),
            ),
          );
          await Promise.race([allArrived, Promise.all(attempts)]);
          await s.waitFor(Promise.all(attempts));
          const results = await Promise.all(attempts);
          expect(results.filter((r) => r === 'ok')).toHaveLength(1);
          expect(
            results.filter((r) => r !== 'ok').every((r) => r === 'ERR_CHALLENGE_REPLAYED'),
          ).toBe(true);
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('hostile responses', () => {
  it('[LOGIN-13] any one-character change to a valid response is rejected with a JitsuinError, never a crash', async () => {
    const f = await loginPki();
    const challenge: LoginChallenge = {
      rpId: HOSPITAL,
      challenge: base64urlEncode(new Uint8Array(32).fill(0xee)),
      iat: LOGIN_NOW - 10,
      exp: LOGIN_NOW + 60,
    };
    const token = await createLoginResponse(challenge, {
      signer: f.hospital.signer,
      certificateChain: f.hospital.chain,
      time: LOGIN_NOW - 5,
    });
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ ';
    await fc.assert(
      fc.asyncProperty(
        fc.nat(token.length - 1),
        fc.constantFrom(...alphabet),
        fc.boolean(),
        async (at, ch, remove) => {
          const mutated = remove
            ? token.slice(0, at) + token.slice(at + 1)
            : token.slice(0, at) + ch + token.slice(at + 1);
          fc.pre(mutated !== token);
          const store = new MemoryChallengeStore({ now: () => LOGIN_NOW });
          await store.put(challenge);
          const verdict = await verifyLoginResponse(mutated, {
            rpId: HOSPITAL,
            trustAnchors: [f.root],
            revocation: f.revocation,
            time: LOGIN_NOW,
            challengeStore: store,
          }).then(
            () => 'accepted',
            (e: unknown) => (isJitsuinError(e) ? 'rejected' : `crash: ${String(e)}`),
          );
          expect(verdict).toBe('rejected');
        },
      ),
      { numRuns: 300 },
    );
  });
});
