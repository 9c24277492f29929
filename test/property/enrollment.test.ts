import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { isJitsuinError } from '../../src/errors.js';
import { base64urlEncode } from '../../src/encoding/base64url.js';
import { signEcdsa } from '../../src/crypto/ecdsa.js';
import {
  buildEnrollmentCsr,
  decodeEnrollmentRequest,
  enrollmentToBeSigned,
  verifyEnrollmentCsr,
} from '../../src/enrollment/index.js';
import { testEcKey } from '../testpki/app-ca.js';

const key = testEcKey('property/enrollment/app');
let csr: Uint8Array;
beforeAll(async () => {
  csr = await buildEnrollmentCsr(
    { publicKey: key.spki, sign: async (m) => signEcdsa(key.privateKey, m, { format: 'der' }) },
    {
      challenge: base64urlEncode(new Uint8Array(32)),
      rpId: 'bank.example.jp',
      appId: 'TEAMID.jp.example.bank',
    },
  );
});

const isCode = (e: unknown, code: string): boolean => isJitsuinError(e) && e.code === code;

describe('enrollment decoders (property)', () => {
  it('[ENR-02] decodeEnrollmentRequest rejects arbitrary text with ERR_ENROLLMENT_REQUEST only', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), fc.uint8Array({ maxLength: 300 })), (input) => {
        try {
          decodeEnrollmentRequest(input);
        } catch (e) {
          expect(isCode(e, 'ERR_ENROLLMENT_REQUEST')).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('[ENR-02] any single-character change to a valid request either decodes to a different request or is rejected with ERR_ENROLLMENT_REQUEST', () => {
    const encoded = JSON.stringify({
      appId: 'a.b',
      cardSignature: base64urlEncode(new Uint8Array(256).fill(3)),
      challenge: base64urlEncode(new Uint8Array(32).fill(1)),
      csr: base64urlEncode(csr),
      jpkiCertificate: base64urlEncode(new Uint8Array(40).fill(5)),
      rpId: 'rp.example',
      v: 1,
    });
    const good = decodeEnrollmentRequest(encoded);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: encoded.length - 1 }),
        fc.integer({ min: 32, max: 126 }),
        (at, ch) => {
          const mutated = encoded.slice(0, at) + String.fromCharCode(ch) + encoded.slice(at + 1);
          fc.pre(mutated !== encoded);
          try {
            expect(decodeEnrollmentRequest(mutated)).not.toEqual(good);
          } catch (e) {
            expect(isCode(e, 'ERR_ENROLLMENT_REQUEST')).toBe(true);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('[ENR-04] verifyEnrollmentCsr rejects every byte mutation with ERR_ENROLLMENT_CSR (and never crashes)', async () => {
    await verifyEnrollmentCsr(csr);
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: csr.length - 1 }),
        fc.integer({ min: 1, max: 255 }),
        async (at, x) => {
          const m = csr.slice();
          m[at] = (m[at] as number) ^ x;
          const err = await verifyEnrollmentCsr(m).then(
            () => undefined,
            (e: unknown) => e,
          );
          expect(isCode(err, 'ERR_ENROLLMENT_CSR')).toBe(true);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('[ENR-04] verifyEnrollmentCsr rejects random bytes with ERR_ENROLLMENT_CSR', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), async (bytes) => {
        const err = await verifyEnrollmentCsr(bytes).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(isCode(err, 'ERR_ENROLLMENT_CSR')).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('[ENR-05] the TBS binds every input: different inputs give different bytes', () => {
    const idArb = fc.string({ minLength: 1, maxLength: 12 });
    const inputArb = fc.record({
      challenge: fc.uint8Array({ minLength: 32, maxLength: 32 }).map(base64urlEncode),
      rpId: idArb,
      appId: idArb,
      csr: fc.uint8Array({ minLength: 1, maxLength: 16 }),
    });
    fc.assert(
      fc.property(inputArb, inputArb, (a, b) => {
        const same =
          a.challenge === b.challenge &&
          a.rpId === b.rpId &&
          a.appId === b.appId &&
          Buffer.from(a.csr).equals(Buffer.from(b.csr));
        expect(
          Buffer.from(enrollmentToBeSigned(a)).equals(Buffer.from(enrollmentToBeSigned(b))),
        ).toBe(same);
      }),
      { numRuns: 500 },
    );
  });
});
