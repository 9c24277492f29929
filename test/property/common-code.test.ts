import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isJitsuinError } from '../../src/errors.js';
import { hexEncode } from '../../src/encoding/hex.js';
import { name } from '../../src/x509/name.js';
import {
  MemoryCommonCodeRegistry,
  personKey,
  resolveCommonCode,
  type JpkiRenewalLink,
  type RenewalLinkSource,
} from '../../src/enrollment/index.js';

const ISSUER = name([
  ['C', 'JP'],
  ['O', 'JPKI-TEST'],
  ['OU', 'JPKI for digital signature'],
  ['OU', 'property TEST'],
]);
const OTHER_ISSUER = name([
  ['C', 'JP'],
  ['O', 'JPKI-TEST'],
  ['OU', 'another TEST issuer'],
]);

/** One step of a world: a person enrols with their current certificate, or renews it (linked or not). */
type Op =
  | { readonly kind: 'enrol'; readonly person: number }
  | { readonly kind: 'renew'; readonly person: number; readonly linked: boolean };

const opArb = (people: number, linkedOnly: boolean): fc.Arbitrary<Op> =>
  fc.oneof(
    fc.record({
      kind: fc.constant('enrol' as const),
      person: fc.integer({ min: 0, max: people - 1 }),
    }),
    fc.record({
      kind: fc.constant('renew' as const),
      person: fc.integer({ min: 0, max: people - 1 }),
      linked: linkedOnly ? fc.constant(true) : fc.boolean(),
    }),
  );

interface Outcome {
  readonly person: number;
  readonly code: string;
  /** How many unlinked renewals this person had before this enrollment. */
  readonly breaks: number;
}

/**
 * Simulates J-LIS (serials, renewal links) and the CA (registry + resolveCommonCode). Each person
 * enrols with their newest certificate, as J-LIS revokes the replaced one.
 */
async function simulate(people: number, ops: readonly Op[]): Promise<Outcome[]> {
  let nextSerial = 0x100;
  const current = Array.from({ length: people }, () =>
    (nextSerial++).toString(16).padStart(4, '0'),
  );
  const breaks = new Array<number>(people).fill(0);
  const links: JpkiRenewalLink[] = [];
  const source: RenewalLinkSource = {
    previous: async (issuer, serial) =>
      links.find((l) => l.newSerial === serial && hexEncode(l.issuer) === hexEncode(issuer)),
    next: async (issuer, serial) =>
      links.find((l) => l.oldSerial === serial && hexEncode(l.issuer) === hexEncode(issuer)),
  };
  const registry = new MemoryCommonCodeRegistry();
  const out: Outcome[] = [];
  for (const op of ops) {
    if (op.kind === 'renew') {
      const serial = (nextSerial++).toString(16).padStart(4, '0');
      if (op.linked)
        links.push({ issuer: ISSUER, oldSerial: current[op.person] as string, newSerial: serial });
      else breaks[op.person] = (breaks[op.person] as number) + 1;
      current[op.person] = serial;
    } else {
      const r = await resolveCommonCode(registry, ISSUER, current[op.person] as string, source);
      out.push({ person: op.person, code: hexEncode(r.code), breaks: breaks[op.person] as number });
    }
  }
  return out;
}

describe('common-code lifecycle (property)', () => {
  it('[CC-03] [CC-07] the same person always gets the same code through any sequence of enrollments and linked renewals', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .integer({ min: 1, max: 4 })
          .chain((n) => fc.tuple(fc.constant(n), fc.array(opArb(n, true), { maxLength: 40 }))),
        async ([n, ops]) => {
          const outcomes = await simulate(n, ops);
          for (let p = 0; p < n; p++)
            expect(
              new Set(outcomes.filter((o) => o.person === p).map((o) => o.code)).size,
            ).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('[CC-05] [CC-09] different people never share a code, whatever the renewals, linked or not', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .integer({ min: 2, max: 5 })
          .chain((n) => fc.tuple(fc.constant(n), fc.array(opArb(n, false), { maxLength: 50 }))),
        async ([n, ops]) => {
          const outcomes = await simulate(n, ops);
          const owner = new Map<string, number>();
          for (const o of outcomes) {
            const prev = owner.get(o.code);
            if (prev !== undefined) expect(prev).toBe(o.person);
            owner.set(o.code, o.person);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('[CC-12] a person has at most one code per stretch of linked certificates (a new one only after an unlinked renewal)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .integer({ min: 1, max: 3 })
          .chain((n) => fc.tuple(fc.constant(n), fc.array(opArb(n, false), { maxLength: 40 }))),
        async ([n, ops]) => {
          const outcomes = await simulate(n, ops);
          for (let p = 0; p < n; p++) {
            const byStretch = new Map<number, Set<string>>();
            for (const o of outcomes.filter((x) => x.person === p))
              byStretch.set(o.breaks, new Set([...(byStretch.get(o.breaks) ?? []), o.code]));
            for (const codes of byStretch.values()) expect(codes.size).toBe(1);
            // Codes of different stretches differ: nothing carries over without a link.
            const all = [...byStretch.values()].map((s) => [...s][0]);
            expect(new Set(all).size).toBe(all.length);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('[CC-07] [CC-09] re-binding without a valid link never merges two people and never changes a binding', async () => {
    const serialArb = fc.integer({ min: 1, max: 40 }).map((v) => v.toString(16).padStart(2, '0'));
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(serialArb, { minLength: 2, maxLength: 12 }),
        fc.array(
          fc.record({
            old: fc.nat(),
            neu: fc.nat(),
            linkOld: serialArb,
            linkNew: serialArb,
            otherIssuer: fc.boolean(),
          }),
          { maxLength: 30 },
        ),
        async (bound, attempts) => {
          const registry = new MemoryCommonCodeRegistry();
          for (const s of bound) await registry.assignOrGet(personKey(ISSUER, s));
          const before = new Map<string, string>();
          const snapshot = async (): Promise<Map<string, string>> => {
            const m = new Map<string, string>();
            for (let v = 1; v <= 40; v++) {
              const s = v.toString(16).padStart(2, '0');
              const c = await registry.lookup(personKey(ISSUER, s));
              if (c !== undefined) m.set(s, hexEncode(c));
            }
            return m;
          };
          for (const [k, v] of await snapshot()) before.set(k, v);
          for (const a of attempts) {
            const oldSerial = bound[a.old % bound.length] as string;
            const newSerial = bound[a.neu % bound.length] as string;
            const link: JpkiRenewalLink = {
              issuer: a.otherIssuer ? OTHER_ISSUER : ISSUER,
              oldSerial: a.linkOld,
              newSerial: a.linkNew,
            };
            // Both keys are bound, each to its own code (or they are one key): every attempt must fail,
            // whether or not the link names them.
            const err = await registry
              .rebind(personKey(ISSUER, oldSerial), personKey(ISSUER, newSerial), link)
              .then(
                () => undefined,
                (e: unknown) => e,
              );
            expect(isJitsuinError(err, 'ERR_COMMON_CODE')).toBe(true);
          }
          expect(await snapshot()).toEqual(before);
          expect(new Set(before.values()).size).toBe(bound.length);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('[CC-07] a link naming other certificates than the two keys is refused even when the new key is free', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.tuple(
          fc.integer({ min: 1, max: 255 }),
          fc.integer({ min: 1, max: 255 }),
          fc.integer({ min: 1, max: 255 }),
          fc.integer({ min: 1, max: 255 }),
        ),
        async ([a, b, la, lb]) => {
          fc.pre(a !== b && (la !== a || lb !== b));
          const hex = (v: number) => v.toString(16).padStart(2, '0');
          const registry = new MemoryCommonCodeRegistry();
          await registry.assignOrGet(personKey(ISSUER, hex(a)));
          const err = await registry
            .rebind(personKey(ISSUER, hex(a)), personKey(ISSUER, hex(b)), {
              issuer: ISSUER,
              oldSerial: hex(la),
              newSerial: hex(lb),
            })
            .then(
              () => undefined,
              (e: unknown) => e,
            );
          expect(isJitsuinError(err, 'ERR_COMMON_CODE')).toBe(true);
          expect(await registry.lookup(personKey(ISSUER, hex(b)))).toBeUndefined();
        },
      ),
      { numRuns: 300 },
    );
  });
});
