import { X509Certificate, createHash } from 'node:crypto';
import { readFileSync, existsSync } from 'node:fs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { isJitsuinError, type JitsuinError } from '../../src/errors.js';
import { base64urlDecode } from '../../src/encoding/base64url.js';
import { utf8Encode } from '../../src/encoding/utf8.js';
import {
  JPKI_REVOCATION_EFFECTS,
  JPKI_TRUST_ANCHORS,
  jpkiRevocationDetails,
  jpkiTrustAnchor,
  jpkiTrustAnchorCertificates,
  readJpkiCertificate,
  validateJpkiCertificate,
  verifyJpkiSignature,
} from '../../src/jpki/index.js';
import { buildCertificate, keyIdentifier, name } from '../../src/x509/index.js';
import { REAL_JPKI_AUTH_EE_B64 } from '../testpki/jpki-real.js';
import {
  buildTestJpkiCrl,
  createTestJpki,
  issueTestJpkiCertificate,
  signWithTestCard,
  testRsaKey,
  TEST_JPKI_PEOPLE,
  TEST_JPKI_SIGN_ROOT_NAME,
  TEST_JPKI_TIME,
  type TestJpki,
} from '../testpki/jpki.js';

const T = TEST_JPKI_TIME;
let j: TestJpki;
beforeAll(async () => {
  j = await createTestJpki();
}, 120_000);

const sha256hex = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

/** Fingerprints as OpenSSL printed them for /work/shared/external/jpki/roots (ROOTS_FACTS.txt), an independent source. */
const OPENSSL_FINGERPRINTS: Record<string, string> = {
  'sign/1':
    '19:64:54:05:A1:FE:14:37:74:34:BD:55:95:76:28:AC:40:38:55:7C:54:24:03:A2:24:3F:21:C7:06:FC:93:55',
  'sign/3':
    'D2:27:F6:CD:E1:1D:35:C5:25:21:78:F1:06:F8:43:D2:46:51:94:49:75:41:3B:53:9F:A2:FB:68:DB:FA:36:5F',
  'auth/1':
    '4D:CF:C4:CA:0A:AF:9F:B2:A3:08:1B:3F:0C:99:1C:32:0B:3A:CC:00:86:67:A3:41:EE:AE:C5:AF:1D:58:CA:7D',
  'auth/3':
    '64:11:4F:29:62:0C:24:ED:26:31:D4:64:76:A0:40:E7:EE:74:0D:95:60:89:C0:0B:03:6A:6A:81:18:C3:22:B5',
};

describe('J-LIS trust anchors', () => {
  it('[JPKI-14] every embedded root hashes to the fingerprint OpenSSL printed for it', () => {
    expect(JPKI_TRUST_ANCHORS).toHaveLength(4);
    for (const a of JPKI_TRUST_ANCHORS) {
      const der = base64urlDecode(a.derBase64url);
      const expected = OPENSSL_FINGERPRINTS[`${a.kind}/${a.generation}`]
        ?.replace(/:/g, '')
        .toLowerCase();
      expect(sha256hex(der), `${a.kind}/${a.generation}`).toBe(expected);
      expect(a.sha256).toBe(expected);
    }
  });

  it('embedded roots are self-signed J-LIS CA certificates (checked by OpenSSL through node:crypto)', () => {
    for (const a of JPKI_TRUST_ANCHORS) {
      const x = new X509Certificate(base64urlDecode(a.derBase64url));
      expect(x.subject).toContain('O=JPKI');
      expect(x.subject).toContain(
        a.kind === 'sign' ? 'OU=JPKI for digital signature' : 'OU=JPKI for user authentication',
      );
      expect(x.ca).toBe(true);
      expect(x.verify(x.publicKey)).toBe(true);
      expect(Math.floor(Date.parse(x.validTo) / 1000)).toBe(a.notAfter);
    }
  });

  it('embedded roots equal the PEM files of the shared external data, when present', () => {
    const dir = new URL('../../../shared/external/jpki/roots/', import.meta.url);
    const files = {
      'sign/1': 'sign_ca_2015.pem',
      'sign/3': 'sign_ca_2023.pem',
      'auth/1': 'auth_ca_2015.pem',
      'auth/3': 'auth_ca_2023.pem',
    } as const;
    const present = Object.values(files).filter((f) => existsSync(new URL(f, dir)));
    // The external folder is optional in CI; the fingerprint test above does not depend on it.
    for (const a of JPKI_TRUST_ANCHORS) {
      const f = files[`${a.kind}/${a.generation}` as keyof typeof files];
      if (!present.includes(f)) continue;
      const pem = readFileSync(new URL(f, dir), 'utf8');
      expect(new Uint8Array(new X509Certificate(pem).raw)).toEqual(base64urlDecode(a.derBase64url));
    }
  });

  it('[JPKI-14] jpkiTrustAnchor refuses a certificate whose SHA-256 differs from the pinned one', () => {
    const der = jpkiTrustAnchorCertificates('sign')[0] as Uint8Array;
    expect(jpkiTrustAnchor(der, OPENSSL_FINGERPRINTS['sign/1'] as string)).toBe(der);
    const wrong = OPENSSL_FINGERPRINTS['sign/3'] as string;
    expect(() => jpkiTrustAnchor(der, wrong)).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT', requirement: 'JPKI-14' }),
    );
    const altered = der.slice();
    altered[100] = (altered[100] as number) ^ 1;
    expect(() => jpkiTrustAnchor(altered, OPENSSL_FINGERPRINTS['sign/1'] as string)).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT' }),
    );
    expect(() => jpkiTrustAnchor(der, 'not hex')).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT' }),
    );
  });

  it('jpkiTrustAnchorCertificates filters by kind', () => {
    expect(jpkiTrustAnchorCertificates('sign')).toHaveLength(2);
    expect(jpkiTrustAnchorCertificates('auth')).toHaveLength(2);
    expect(jpkiTrustAnchorCertificates()).toHaveLength(4);
  });
});

describe('real J-LIS user-authentication certificate', () => {
  const real = base64urlDecode(REAL_JPKI_AUTH_EE_B64);
  it('is the certificate described in the external NOTES (SHA-256)', () => {
    expect(sha256hex(real)).toBe(
      '449ef3f93be0c5425330af2b41c63769190aa75a713223d96839f6537104007e',
    );
  });
  it('reads as an auth certificate without personal data', () => {
    const r = readJpkiCertificate(real);
    expect(r.kind).toBe('auth');
    expect(r.test).toBe(false);
    expect(r.personal).toBeUndefined();
    expect(r.serialNumber).toBe('012d57ca');
  });
  it('validates against the generation-1 authentication root at a time inside its validity', async () => {
    const v = await validateJpkiCertificate(real, {
      trustAnchors: jpkiTrustAnchorCertificates(),
      time: 1_600_000_000,
      mode: 'off',
    });
    expect(v.anchorSha256).toBe(
      JPKI_TRUST_ANCHORS.find((a) => a.kind === 'auth' && a.generation === 1)?.sha256,
    );
  });
});

describe('readJpkiCertificate on the TEST JPKI', () => {
  it('extracts the six fields, substitute flags per code point (𠮷 counts once) and the era', () => {
    const p2 = readJpkiCertificate(j.people[2]!.certificate).personal!;
    expect(p2.name).toBe('試験　葛飾');
    expect(p2.nameSubstituted).toEqual([false, false, false, false, true]);
    expect(p2.address).toContain('𠮷');
    expect(p2.addressSubstituted).toHaveLength([...p2.address].length);
    expect(p2.addressSubstituted[[...p2.address].indexOf('𠮷')]).toBe(true);
    expect(p2.dateOfBirth).toMatchObject({
      era: 'reiwa',
      eraDigit: 5,
      year: 2020,
      month: 5,
      day: 1,
      eraConsistent: true,
    });
    expect(p2.sex).toBe('unknown');
  });

  it('agrees with the TEST input data for every person', () => {
    for (const [i, person] of j.people.entries()) {
      const input = TEST_JPKI_PEOPLE[i]!;
      const r = readJpkiCertificate(person.certificate);
      expect(r.kind).toBe('sign');
      expect(r.personal?.name).toBe(input.name);
      expect(r.personal?.address).toBe(input.address);
      expect(r.personal?.nameSubstituted.map((f) => (f ? '1' : '0')).join('')).toBe(
        input.nameSubstituted,
      );
      expect(r.personal?.dateOfBirth.text).toBe(input.dateOfBirth);
      expect(r.personal?.dateOfBirth.eraDigit).toBe(Number(input.dateOfBirth[0]));
    }
  });

  it('[JPKI-11] does not reject a date outside the era its digit names', async () => {
    const der = await issueTestJpkiCertificate({
      kind: 'sign',
      serialNumber: '7e0001',
      subjectKey: j.people[0]!.cardKey,
      personal: { ...TEST_JPKI_PEOPLE[0]!, dateOfBirth: '519800115' },
    });
    expect(readJpkiCertificate(der).personal?.dateOfBirth).toMatchObject({
      era: 'reiwa',
      year: 1980,
      eraConsistent: false,
    });
  });

  it('[JPKI-01] never throws anything but a JitsuinError on mutated certificates', () => {
    const base = j.people[1]!.certificate;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: base.length - 1 }),
        fc.integer({ min: 1, max: 255 }),
        (at, x) => {
          const m = base.slice();
          m[at] = (m[at] as number) ^ x;
          try {
            readJpkiCertificate(m);
          } catch (e) {
            if (!isJitsuinError(e)) throw e;
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('verifyJpkiSignature', () => {
  it('[JPKI-13] accepts the card signature and rejects it under another message', async () => {
    const msg = utf8Encode('TEST');
    const sig = await signWithTestCard(j.people[3]!.cardKey, msg);
    await expect(
      verifyJpkiSignature(j.people[3]!.certificate, msg, sig, { kind: 'sign' }),
    ).resolves.toMatchObject({ certificate: { kind: 'sign' } });
    await expect(
      verifyJpkiSignature(j.people[3]!.certificate, utf8Encode('TESt'), sig),
    ).rejects.toMatchObject({ code: 'ERR_SIGNATURE_INVALID', requirement: 'JPKI-13' });
  });

  it('agrees with OpenSSL (node:crypto) on a card signature', async () => {
    const msg = utf8Encode('OpenSSL cross-check');
    const sig = await signWithTestCard(j.people[4]!.cardKey, msg);
    const x = new X509Certificate(j.people[4]!.certificate);
    const { verify } = await import('node:crypto');
    expect(verify('sha256', msg, x.publicKey, sig)).toBe(true);
    await verifyJpkiSignature(j.people[4]!.certificate, msg, sig);
  });
});

describe('validateJpkiCertificate', () => {
  const crls = async (): Promise<Uint8Array[]> =>
    Promise.all([1, 2, 3].map((g) => buildTestJpkiCrl({ root: g as 1 | 2 | 3, entries: [] })));

  it('[JPKI-16] refuses a certificate issued through an intermediate CA', async () => {
    const root = j.signRoots[2]!;
    const interKey = testRsaKey('jpki/intermediate');
    const interName = name([
      ['C', 'JP'],
      ['O', 'JPKI-TEST'],
      ['OU', 'TEST intermediate'],
    ]);
    const inter = await buildCertificate({
      serialNumber: '7f01',
      issuer: TEST_JPKI_SIGN_ROOT_NAME,
      subject: interName,
      notBefore: T - 100 * 86400,
      notAfter: T + 1000 * 86400,
      publicKey: interKey.spki,
      signer: root.key.signer,
      basicConstraints: { ca: true },
      keyUsage: ['keyCertSign', 'cRLSign'],
      subjectKeyId: 'auto',
      authorityKeyId: keyIdentifier(root.key.spki),
    });
    const leaf = await issueTestJpkiCertificate({
      kind: 'sign',
      serialNumber: '7f02',
      subjectKey: j.people[1]!.cardKey,
      personal: TEST_JPKI_PEOPLE[1]!,
      override: {
        issuer: interName,
        signer: interKey.signer,
        authorityKeyId: keyIdentifier(interKey.spki),
      },
    });
    // validateJpkiCertificate has no input for intermediates and builds paths with maxIntermediates 0:
    // a leaf below a genuine sub-CA of a configured root has no path.
    await expect(
      validateJpkiCertificate(leaf, {
        trustAnchors: j.signRoots.map((r) => r.certificate),
        time: T,
        mode: 'off',
      }),
    ).rejects.toMatchObject({ code: 'ERR_PATH_NO_ISSUER' });
    await expect(
      validateJpkiCertificate(inter, { trustAnchors: [root.certificate], time: T, mode: 'off' }),
    ).rejects.toMatchObject({ code: 'ERR_JPKI_PROFILE' });
  });

  it('[JPKI-15] finds the issuer among three same-name generations by signature, in any anchor order', async () => {
    const c = await crls();
    for (const person of j.people) {
      const anchors = j.signRoots.map((r) => r.certificate).reverse();
      const v = await validateJpkiCertificate(person.certificate, {
        trustAnchors: anchors,
        time: T,
        crls: c,
      });
      expect(v.anchorSha256).toBe(sha256hex(j.signRoots[person.generation - 1]!.certificate));
    }
  });

  it('[JPKI-17] fails closed without CRLs and accepts mode prefer as not-checked', async () => {
    const cert = j.people[5]!.certificate;
    const anchors = j.signRoots.map((r) => r.certificate);
    await expect(
      validateJpkiCertificate(cert, { trustAnchors: anchors, time: T }),
    ).rejects.toMatchObject({ code: 'ERR_REVOCATION_UNKNOWN' });
    await expect(
      validateJpkiCertificate(cert, { trustAnchors: anchors, time: T, mode: 'prefer' }),
    ).resolves.toMatchObject({ revocation: { status: 'not-checked' } });
  });

  it('[JPKI-19] names the reason and its effect in the ERR_REVOKED message and through jpkiRevocationDetails', async () => {
    const person = j.people[3]!;
    const crl = await buildTestJpkiCrl({
      root: 3,
      crlNumber: 5,
      entries: [
        { serial: person.serialNumber, revocationDate: T - 7200, reason: 'affiliationChanged' },
      ],
    });
    const anchors = j.signRoots.map((r) => r.certificate);
    const err = await validateJpkiCertificate(person.certificate, {
      trustAnchors: anchors,
      time: T,
      crls: [crl],
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'ERR_REVOKED', requirement: 'JPKI-19' });
    expect((err as Error).message).toContain('affiliationChanged');
    expect((err as Error).message).toContain('rebind-via-link');
    expect((err as JitsuinError).details).toMatchObject({
      reason: 'affiliationChanged',
      revocationDate: T - 7200,
      source: 'crl',
      effect: 'rebind-via-link',
      serialNumber: person.serialNumber,
    });
    await expect(
      jpkiRevocationDetails(person.certificate, j.signRoots[2]!.certificate, [crl], T),
    ).resolves.toEqual({
      reason: 'affiliationChanged',
      revocationDate: T - 7200,
      effect: 'rebind-via-link',
    });
    // The same CRL is not authentic for a generation-1 certificate's issuer.
    await expect(
      jpkiRevocationDetails(person.certificate, j.signRoots[0]!.certificate, [crl], T),
    ).resolves.toBeUndefined();
  });

  it('[JPKI-19] reports the reason of the CRL that revoked the certificate, not of a newer CRL that is not yet valid', async () => {
    const person = j.people[3]!;
    const current = await buildTestJpkiCrl({
      root: 3,
      crlNumber: 5,
      entries: [
        { serial: person.serialNumber, revocationDate: T - 7200, reason: 'affiliationChanged' },
      ],
    });
    const future = await buildTestJpkiCrl({
      root: 3,
      crlNumber: 6,
      thisUpdate: T + 3600,
      entries: [{ serial: person.serialNumber, revocationDate: T + 1800, reason: 'keyCompromise' }],
    });
    const anchors = j.signRoots.map((r) => r.certificate);
    for (const crls of [
      [current, future],
      [future, current],
    ]) {
      const err = await validateJpkiCertificate(person.certificate, {
        trustAnchors: anchors,
        time: T,
        crls,
      }).catch((e: unknown) => e);
      expect(err).toMatchObject({
        code: 'ERR_REVOKED',
        requirement: 'JPKI-19',
        details: {
          reason: 'affiliationChanged',
          effect: 'rebind-via-link',
          revocationDate: T - 7200,
        },
      });
      expect((err as Error).message).not.toContain('keyCompromise');
      await expect(
        jpkiRevocationDetails(person.certificate, j.signRoots[2]!.certificate, crls, T),
      ).resolves.toEqual({
        reason: 'affiliationChanged',
        revocationDate: T - 7200,
        effect: 'rebind-via-link',
      });
    }
    // A CRL that is not current at `time` says nothing on its own.
    await expect(
      jpkiRevocationDetails(person.certificate, j.signRoots[2]!.certificate, [future], T),
    ).resolves.toBeUndefined();
  });

  it('[JPKI-19] maps every RFC 5280 reason to an effect', () => {
    expect(JPKI_REVOCATION_EFFECTS.superseded).toBe('rebind-via-link');
    expect(JPKI_REVOCATION_EFFECTS.certificateHold).toBe('suspended');
    expect(JPKI_REVOCATION_EFFECTS.cessationOfOperation).toBe('retire');
    expect(JPKI_REVOCATION_EFFECTS.keyCompromise).toBe('review-and-enrol-again');
    expect(Object.keys(JPKI_REVOCATION_EFFECTS)).toHaveLength(10);
  });

  it('[JPKI-18] rejects the test-environment policy unless allowed', async () => {
    const c = await crls();
    const anchors = j.signRoots.map((r) => r.certificate);
    await expect(
      validateJpkiCertificate(j.testPolicyPerson.certificate, {
        trustAnchors: anchors,
        time: T,
        crls: c,
      }),
    ).rejects.toMatchObject({ code: 'ERR_JPKI_TEST_CERTIFICATE', requirement: 'JPKI-18' });
    await expect(
      validateJpkiCertificate(j.testPolicyPerson.certificate, {
        trustAnchors: anchors,
        time: T,
        crls: c,
        allowTest: true,
      }),
    ).resolves.toMatchObject({ jpki: { test: true } });
  });
});
