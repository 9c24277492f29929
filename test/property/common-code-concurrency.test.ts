import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isJitsuinError } from '../../src/errors.js';
import { hexEncode } from '../../src/encoding/hex.js';
import { name } from '../../src/x509/name.js';
import {
  MemoryCommonCodeRegistry,
  personKey,
  resolveCommonCode,
  type CommonCodeRegistry,
  type JpkiRenewalLink,
  type RenewalLinkSource,
} from '../../src/enrollment/index.js';

const ISSUER = name([
  ['C', 'JP'],
  ['O', 'JPKI-TEST'],
  ['OU', 'JPKI for digital signature'],
  ['OU', 'concurrency TEST'],
]);

/** A person: a chain of certificates, each linked by J-LIS to the previous one; optionally the first is already enrolled. */
interface Person {
  readonly serials: readonly string[];
  readonly enrolledCode?: Uint8Array;
}

const worldArb = fc.integer({ min: 1, max: 3 }).chain((people) =>
  fc.tuple(
    fc.array(fc.tuple(fc.integer({ min: 1, max: 3 }), fc.boolean()), {
      minLength: people,
      maxLength: people,
    }),
    fc.array(fc.tuple(fc.nat({ max: people - 1 }), fc.nat({ max: 2 })), {
      minLength: 1,
      maxLength: 8,
    }),
  ),
);

function buildWorld(shape: readonly (readonly [number, boolean])[]): Person[] {
  let next = 0x200;
  return shape.map(([length, enrolled], i) => {
    const serials = Array.from({ length }, () => (next++).toString(16).padStart(4, '0'));
    return enrolled ? { serials, enrolledCode: new Uint8Array(16).fill(0xa0 + i) } : { serials };
  });
}

/** Every registry and link-source call goes through the scheduler, so enrollments interleave at each await. */
function scheduled(
  s: fc.Scheduler,
  registry: CommonCodeRegistry,
  links: RenewalLinkSource,
): { registry: CommonCodeRegistry; links: RenewalLinkSource } {
  return {
    registry: {
      lookup: s.scheduleFunction((k: Uint8Array) => registry.lookup(k)),
      assignOrGet: s.scheduleFunction((k: Uint8Array) => registry.assignOrGet(k)),
      rebind: s.scheduleFunction((o: Uint8Array, n: Uint8Array, l: JpkiRenewalLink) =>
        registry.rebind(o, n, l),
      ),
    },
    links: {
      previous: s.scheduleFunction((i: Uint8Array, serial: string) => links.previous(i, serial)),
      next: s.scheduleFunction((i: Uint8Array, serial: string) => links.next(i, serial)),
    },
  };
}

describe('common-code registry under concurrent enrollments (fast-check scheduler)', () => {
  it('[CC-03] [CC-09] [CC-16] any interleaving: one code per person, no code shared by two people, only superseded certificates refused', async () => {
    await fc.assert(
      fc.asyncProperty(worldArb, fc.scheduler(), async ([shape, enrolments], s) => {
        const people = buildWorld(shape);
        const linkList: JpkiRenewalLink[] = people.flatMap((p) =>
          p.serials.slice(1).map((serial, i) => ({
            issuer: ISSUER,
            oldSerial: p.serials[i] as string,
            newSerial: serial,
          })),
        );
        const source: RenewalLinkSource = {
          previous: async (issuer, serial) =>
            linkList.find(
              (l) => l.newSerial === serial && hexEncode(l.issuer) === hexEncode(issuer),
            ),
          next: async (issuer, serial) =>
            linkList.find(
              (l) => l.oldSerial === serial && hexEncode(l.issuer) === hexEncode(issuer),
            ),
        };
        let counter = 0;
        const registry = new MemoryCommonCodeRegistry({
          random: (n) => {
            counter++;
            return new Uint8Array(n).fill(counter);
          },
          initial: people.flatMap((p) =>
            p.enrolledCode === undefined
              ? []
              : [[personKey(ISSUER, p.serials[0] as string), p.enrolledCode] as const],
          ),
        });
        const { registry: r, links } = scheduled(s, registry, source);
        const runs = enrolments.map(([who, at]) => {
          const person = people[who] as Person;
          const index = Math.min(at, person.serials.length - 1);
          return resolveCommonCode(r, ISSUER, person.serials[index] as string, links).then(
            (res) => ({ who, index, code: hexEncode(res.code) }),
            (e: unknown) => ({ who, index, error: e }),
          );
        });
        const results = await s.waitFor(Promise.all(runs));

        const codeOf = new Map<number, string>();
        for (const res of results) {
          const person = people[res.who] as Person;
          if ('error' in res) {
            // Only a certificate J-LIS already replaced may be refused, and only for that reason.
            expect(
              isJitsuinError(res.error, 'ERR_COMMON_CODE') && res.error.requirement === 'CC-16',
              String(res.error),
            ).toBe(true);
            expect(res.index).toBeLessThan(person.serials.length - 1);
            continue;
          }
          const seen = codeOf.get(res.who);
          if (seen === undefined) codeOf.set(res.who, res.code);
          else expect(res.code).toBe(seen);
          if (person.enrolledCode !== undefined)
            expect(res.code).toBe(hexEncode(person.enrolledCode));
        }
        expect(new Set(codeOf.values()).size).toBe(codeOf.size);
        // The registry agrees: every bound key of a person holds that person's one code.
        for (const [who, code] of codeOf) {
          for (const serial of (people[who] as Person).serials) {
            const bound = await registry.lookup(personKey(ISSUER, serial));
            if (bound !== undefined) expect(hexEncode(bound)).toBe(code);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('[CC-03] concurrent assignOrGet and rebind of one key: one code wins, the loser fails without merging', async () => {
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), async (s) => {
        const oldKey = personKey(ISSUER, '0a');
        const newKey = personKey(ISSUER, '0b');
        const link: JpkiRenewalLink = { issuer: ISSUER, oldSerial: '0a', newSerial: '0b' };
        const registry = new MemoryCommonCodeRegistry({
          random: (n) => new Uint8Array(n).fill(0x11),
          initial: [[oldKey, new Uint8Array(16).fill(0x22)]],
        });
        const assign = s.scheduleFunction((k: Uint8Array) => registry.assignOrGet(k));
        const rebind = s.scheduleFunction((o: Uint8Array, n: Uint8Array, l: JpkiRenewalLink) =>
          registry.rebind(o, n, l),
        );
        const settle = <T>(p: Promise<T>) =>
          p.then(
            (v) => ({ ok: true as const, v }),
            (e: unknown) => ({ ok: false as const, e }),
          );
        const [a, b] = await s.waitFor(
          Promise.all([settle(assign(newKey)), settle(rebind(oldKey, newKey, link))]),
        );
        const final = hexEncode((await registry.lookup(newKey)) as Uint8Array);
        expect(a.ok).toBe(true);
        if (a.ok) expect(hexEncode(a.v.code)).toBe(final);
        if (b.ok) expect(hexEncode(b.v.code)).toBe(final);
        else
          expect(isJitsuinError(b.e, 'ERR_COMMON_CODE') && b.e.requirement === 'CC-09').toBe(true);
        // The old key is never touched.
        expect(hexEncode((await registry.lookup(oldKey)) as Uint8Array)).toBe('22'.repeat(16));
      }),
      { numRuns: 100 },
    );
  });
});
