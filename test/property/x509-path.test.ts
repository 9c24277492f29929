import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { certificatesPki, T } from '../generators/certificates.js';
import {
  formatCommonCode,
  parseCertificate,
  parseCommonCode,
  validatePath,
} from '../../src/x509/index.js';
import { isJitsuinError } from '../../src/errors.js';

describe('x509 properties', () => {
  it('[PATH-02] a single-byte change anywhere in a valid path never crashes and never changes the common code', async () => {
    const pki = await certificatesPki();
    const certs = [pki.app, pki.ca, pki.root];
    const run = (c: readonly Uint8Array[]) =>
      validatePath(c[0]!, {
        intermediates: [c[1]!],
        trustAnchors: [c[2]!],
        time: T,
        profile: 'app-authentication',
        revocation: { mode: 'off' },
        cache: false,
      });
    const reference = await run(certs);
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 2 }),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        async (which, at, delta) => {
          const mutated = certs.map((c) => c.slice());
          const target = mutated[which]!;
          const i = at % target.length;
          target[i] = (target[i]! + delta) & 0xff;
          try {
            const r = await run(mutated);
            accepted++;
            // Only bytes outside what is checked may change (none in a leaf signed over its whole tbs):
            // the result must be the same person, path and profile fields.
            expect(r.commonCodeText).toBe(reference.commonCodeText);
            expect(r.appBinding).toEqual(reference.appBinding);
            expect(r.keyProtection).toBe(reference.keyProtection);
            expect(r.path.map((c) => c.subject.text)).toEqual(
              reference.path.map((c) => c.subject.text),
            );
          } catch (e) {
            if (!isJitsuinError(e)) throw e;
          }
        },
      ),
      { numRuns: 400, seed: 0x5eed },
    );
    // A changed anchor byte can survive (anchors are not signature-checked) but must not change the leaf's fields.
    expect(accepted).toBeLessThan(400);
  }, 120_000);

  it('[PATH-01] the path found does not depend on the order of intermediates or on same-name decoys', async () => {
    const pki = await certificatesPki();
    const { buildCertificate } = await import('../../src/x509/index.js');
    const { caOptions, KEYS } = await import('../generators/certificates.js');
    // Decoys: CAs with the issuing CA's name but other keys (one signed by the root, one by a rogue key).
    const decoys = [
      await buildCertificate(caOptions({ serialNumber: '9001' }, KEYS.root, KEYS.ca2)),
      await buildCertificate(caOptions({ serialNumber: '9002' }, KEYS.rogue, KEYS.ca)),
      await buildCertificate(
        caOptions(
          { serialNumber: '9003', notBefore: T - 10, notAfter: T + 86_400 },
          KEYS.root,
          KEYS.rogue,
        ),
      ),
    ];
    const pool = [pki.ca, ...decoys];
    await fc.assert(
      fc.asyncProperty(
        fc.shuffledSubarray(pool, { minLength: pool.length, maxLength: pool.length }),
        fc.integer({ min: 0, max: 2 }),
        async (order, dup) => {
          const intermediates = [...order, ...order.slice(0, dup)];
          const r = await validatePath(pki.app, {
            intermediates,
            trustAnchors: [pki.root],
            time: T,
            profile: 'app-authentication',
            revocation: { mode: 'off' },
            cache: false,
          });
          expect(r.path[1]!.der).toEqual(pki.ca);
        },
      ),
      { numRuns: 50, seed: 11 },
    );
  });

  it('[CERT-01] parseCertificate never throws anything but a JitsuinError on truncated or mutated input', async () => {
    const pki = await certificatesPki();
    fc.assert(
      fc.property(
        fc.constantFrom(pki.app, pki.ca, pki.root, pki.signing),
        fc.nat(),
        fc.nat(),
        fc.uint8Array({ minLength: 0, maxLength: 4 }),
        (der, cut, at, insert) => {
          const c = cut % (der.length + 1);
          const p = at % (c + 1);
          const mutated = new Uint8Array([...der.subarray(0, p), ...insert, ...der.subarray(p, c)]);
          try {
            parseCertificate(mutated);
          } catch (e) {
            expect(isJitsuinError(e)).toBe(true);
          }
        },
      ),
      { numRuns: 2000, seed: 42 },
    );
  });

  it('[CERT-40] [CERT-41] the common-code text form round-trips and detects any single substitution', () => {
    const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 16, maxLength: 16 }),
        fc.nat(),
        fc.nat(),
        (code, pos, sym) => {
          const text = formatCommonCode(code);
          expect(parseCommonCode(text)).toEqual(code);
          const flat = text.replace(/-/g, '');
          const i = pos % 26;
          const replacement = alphabet[sym % 32]!;
          if (replacement === flat[i]) return;
          const broken = flat.slice(0, i) + replacement + flat.slice(i + 1);
          let rejected = false;
          try {
            parseCommonCode(broken);
          } catch (e) {
            rejected = isJitsuinError(e, 'ERR_ENCODING');
          }
          expect(rejected).toBe(true);
        },
      ),
      { numRuns: 1000, seed: 7 },
    );
  });
});
