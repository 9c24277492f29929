/**
 * The `jpki` vector suite (spec/jpki.md): field extraction (substitute flags, eras, sex), profile
 * rejections, card signatures, chains across the three same-name TEST root generations, and
 * revocation reasons with their effect on the common code. Built on the synthetic TEST JPKI of
 * `../testpki/jpki.ts`, plus the real J-LIS roots and one real (expired) user-authentication
 * certificate as structure samples.
 * The judge of its cases is `src/conformance/suites/jpki.ts`.
 * @module
 */
import { JitsuinError } from '../../src/errors.js';
import { base64urlDecode, base64urlEncode } from '../../src/encoding/base64url.js';
import { concatBytes } from '../../src/encoding/bytes.js';
import { hexDecode } from '../../src/encoding/hex.js';
import { utf8Encode } from '../../src/encoding/utf8.js';
import { sha256 } from '../../src/crypto/hash.js';
import { emsaPkcs1v15Encode } from '../../src/crypto/internal/emsa-pkcs1.js';
import {
  generateRsaKeyPair,
  rsaPublicKey,
  rsaSignEncoded,
  signRsaPkcs1v15,
} from '../../src/crypto/rsa-keygen.js';
import { exportSpki } from '../../src/crypto/keys.js';
import { derivePrivateKey, getEcPublicKey } from '../../src/crypto/ecdsa.js';
import { encodeTlv } from '../../src/x509/der.js';
import { encodeOid } from '../../src/x509/oid.js';
import { PKIX_OID } from '../../src/x509/oids.js';
import type { RevocationReason } from '../../src/x509/revocation/reasons.js';
import { JPKI_OID } from '../../src/jpki/oids.js';
import { readJpkiCertificate } from '../../src/jpki/read.js';
import { validateJpkiCertificate } from '../../src/jpki/validate.js';
import { jpkiTrustAnchorCertificates } from '../../src/jpki/trust.js';
import {
  buildTestJpkiCrl,
  createTestJpki,
  issueTestJpkiCertificate,
  jpkiOtherName,
  signWithTestCard,
  testRsaKey,
  TEST_JPKI_PEOPLE,
  TEST_JPKI_SEED,
  TEST_JPKI_TIME,
  type TestJpkiPersonalData,
} from '../testpki/jpki.js';
import { REAL_JPKI_AUTH_EE_B64 } from '../testpki/jpki-real.js';
import { SPEC_VERSION } from '../../src/conformance/version.js';
import type {
  VectorFile,
  VectorGroup,
  VectorNote,
  VectorTest,
} from '../../src/conformance/types.js';
import { numberTests, unnumbered } from './numbering.js';
import { jpkiReadOutput } from '../../src/conformance/suites/jpki.js';
import type { VectorGenerator } from './types.js';

const b64 = base64urlEncode;
const DAY = 86_400;
const T = TEST_JPKI_TIME;

/** The real J-LIS user-authentication end-entity certificate (expired 2024-05-02), see /work/shared/external/jpki/ee/NOTES.txt. */
const REAL_AUTH_EE_SHA256 = '449ef3f93be0c5425330af2b41c63769190aa75a713223d96839f6537104007e';

const NOTES: Record<string, VectorNote> = {
  Valid: {
    bugType: 'BASIC',
    description: 'A well-formed input that must be accepted with the given output.',
  },
  Real: {
    bugType: 'FUNCTIONALITY',
    description:
      'A real J-LIS certificate (public root, or an expired end-entity certificate used as a structure sample).',
  },
  SubstituteFlags: {
    bugType: 'EDGE_CASE',
    description:
      'Names or addresses with substitute characters, including a character outside the BMP.',
  },
  Era: { bugType: 'EDGE_CASE', description: 'Date of birth with each era digit 0..5.' },
  Profile: {
    bugType: 'MODIFIED_PARAMETER',
    description: 'The certificate breaks exactly one rule of the JPKI profile.',
  },
  Malformed: { bugType: 'BASIC', description: 'The input is not well-formed.' },
  BadSignature: {
    bugType: 'AUTH_BYPASS',
    description: 'The signature does not verify and must be rejected.',
  },
  Generation: {
    bugType: 'FUNCTIONALITY',
    description:
      'Chains to one of three same-name root generations: the issuer is found by signature.',
  },
  Revoked: { bugType: 'AUTH_BYPASS', description: 'The certificate is revoked.' },
  FailClosed: {
    bugType: 'AUTH_BYPASS',
    description: 'No revocation status can be established: must be rejected in mode require.',
  },
  TestCard: { bugType: 'AUTH_BYPASS', description: 'A certificate of the JPKI test environment.' },
  Expired: { bugType: 'BASIC', description: 'Outside the validity period.' },
};

interface Builder {
  add(t: Omit<VectorTest, 'tcId'>): void;
}
async function group(
  type: string,
  shared: Record<string, unknown>,
  fill: (b: Builder) => Promise<void>,
): Promise<VectorGroup> {
  const tests: VectorTest[] = [];
  await fill({ add: (t) => tests.push(unnumbered(t)) });
  return { type, ...shared, tests };
}

function sanOf(names: readonly Uint8Array[]): {
  oid: string;
  critical: boolean;
  value: Uint8Array;
} {
  return {
    oid: PKIX_OID.subjectAltName,
    critical: false,
    value: encodeTlv(0x30, concatBytes(...names)),
  };
}

function sixNames(p: TestJpkiPersonalData): Uint8Array[] {
  return [
    jpkiOtherName(JPKI_OID.name, p.name),
    jpkiOtherName(JPKI_OID.dateOfBirth, p.dateOfBirth),
    jpkiOtherName(JPKI_OID.sex, p.sex),
    jpkiOtherName(JPKI_OID.address, p.address),
    jpkiOtherName(JPKI_OID.nameSubstituted, p.nameSubstituted),
    jpkiOtherName(JPKI_OID.addressSubstituted, p.addressSubstituted),
  ];
}

async function generate(): Promise<VectorFile> {
  const j = await createTestJpki();
  const signAnchors = j.signRoots.map((r) => b64(r.certificate));
  const p0 = TEST_JPKI_PEOPLE[0] as TestJpkiPersonalData;
  const key0 = j.people[0]?.cardKey ?? testRsaKey('jpki/person0/sign');
  const sign = (
    serialNumber: string,
    override: Parameters<typeof issueTestJpkiCertificate>[0]['override'],
    personal: TestJpkiPersonalData | null = p0,
    subjectKey = key0,
  ) =>
    issueTestJpkiCertificate({
      kind: 'sign',
      generation: 3,
      serialNumber,
      subjectKey,
      ...(personal === null ? {} : { personal }),
      ...(override === undefined ? {} : { override }),
    });
  const withSan = (serial: string, names: Uint8Array[]) =>
    sign(serial, { extensions: [sanOf(names)] }, null);
  const withPersonal = (serial: string, over: Partial<TestJpkiPersonalData>) =>
    sign(serial, undefined, { ...p0, ...over });

  const readGroup = await group('jpki-read', {}, async (b) => {
    for (const person of j.people) {
      const r = readJpkiCertificate(person.certificate);
      b.add({
        comment: `${person.label}: generation ${person.generation}`,
        flags: ['Valid', 'Era', 'SubstituteFlags'],
        requirements: ['JPKI-02', 'JPKI-06', 'JPKI-08', 'JPKI-09', 'JPKI-10'],
        input: { certificate: b64(person.certificate) },
        result: 'valid',
        output: jpkiReadOutput(r),
      });
    }
    b.add({
      comment: 'TEST person 0 after moving house (renewed certificate, new address)',
      flags: ['Valid'],
      requirements: ['JPKI-06'],
      input: { certificate: b64(j.renewed.certificate) },
      result: 'valid',
      output: jpkiReadOutput(readJpkiCertificate(j.renewed.certificate)),
    });
    b.add({
      comment: 'signature certificate with the test-environment policy: test = true',
      flags: ['Valid', 'TestCard'],
      requirements: ['JPKI-02'],
      input: { certificate: b64(j.testPolicyPerson.certificate) },
      result: 'valid',
      output: jpkiReadOutput(readJpkiCertificate(j.testPolicyPerson.certificate)),
    });
    b.add({
      comment: 'TEST user-authentication certificate: no personal data',
      flags: ['Valid'],
      requirements: ['JPKI-02', 'JPKI-05'],
      input: { certificate: b64(j.authCertificate) },
      result: 'valid',
      output: jpkiReadOutput(readJpkiCertificate(j.authCertificate)),
    });
    const real = realAuthEe();
    b.add({
      comment: `real J-LIS user-authentication certificate (serial 012d57ca, expired 2024-05-02, SHA-256 ${REAL_AUTH_EE_SHA256})`,
      flags: ['Valid', 'Real'],
      requirements: ['JPKI-01', 'JPKI-02', 'JPKI-03', 'JPKI-04', 'JPKI-05', 'JPKI-07'],
      input: { certificate: b64(real) },
      result: 'valid',
      output: jpkiReadOutput(readJpkiCertificate(real)),
    });
    const incons = await withPersonal('6e0001', { dateOfBirth: '320010101' });
    b.add({
      comment: 'Showa era digit with a 2001 date: accepted, eraConsistent false',
      flags: ['Valid', 'Era'],
      requirements: ['JPKI-11'],
      input: { certificate: b64(incons) },
      result: 'valid',
      output: jpkiReadOutput(readJpkiCertificate(incons)),
    });
    const leap = await withPersonal('6e0002', { dateOfBirth: '420040229' });
    b.add({
      comment: 'born 29 February 2004 (leap year)',
      flags: ['Valid', 'Era'],
      requirements: ['JPKI-10'],
      input: { certificate: b64(leap) },
      result: 'valid',
      output: jpkiReadOutput(readJpkiCertificate(leap)),
    });

    const bad = (
      comment: string,
      requirements: string[],
      der: Uint8Array,
      error: 'ERR_JPKI_PROFILE' | 'ERR_CERT_MALFORMED' = 'ERR_JPKI_PROFILE',
      flags = ['Profile'],
    ) =>
      b.add({
        comment,
        flags,
        requirements,
        input: { certificate: b64(der) },
        result: 'invalid',
        error,
      });
    const good = j.people[0]?.certificate as Uint8Array;
    bad(
      'truncated DER (last byte removed)',
      ['JPKI-01'],
      good.slice(0, good.length - 1),
      'ERR_CERT_MALFORMED',
      ['Malformed'],
    );
    bad(
      'trailing byte after the DER',
      ['JPKI-01'],
      concatBytes(good, Uint8Array.of(0)),
      'ERR_CERT_MALFORMED',
      ['Malformed'],
    );
    bad(
      'certificatePolicies not critical',
      ['JPKI-02'],
      await sign('6e0101', { criticality: { [PKIX_OID.certificatePolicies]: false } }),
    );
    bad(
      'certificatePolicies without a JPKI policy',
      ['JPKI-02'],
      await sign('6e0102', { certificatePolicies: ['1.2.392.200149.8.5.1.9.99'] }),
    );
    bad(
      'both the signature and the user-authentication policy',
      ['JPKI-02'],
      await sign('6e0103', { certificatePolicies: [JPKI_OID.policySign, JPKI_OID.policyAuth] }),
    );
    bad(
      'certificatePolicies absent',
      ['JPKI-02'],
      await sign('6e0104', { certificatePolicies: undefined }),
    );
    const ecSpki = exportSpki(
      getEcPublicKey(derivePrivateKey(TEST_JPKI_SEED, 'TEST/jpki/ec-subject')),
    );
    bad('subject key is EC P-256', ['JPKI-03'], await sign('6e0201', { publicKey: ecSpki }));
    const rsa1024 = generateRsaKeyPair(TEST_JPKI_SEED, 'TEST/jpki/rsa-1024', 1024);
    bad(
      'subject key is RSA-1024',
      ['JPKI-03'],
      await sign('6e0202', { publicKey: exportSpki(rsaPublicKey(rsa1024)) }),
    );
    const root3 = j.signRoots[2];
    if (root3 === undefined) throw new JitsuinError('ERR_INTERNAL', 'no generation-3 root');
    bad(
      'signed with sha384WithRSAEncryption',
      ['JPKI-04'],
      await sign('6e0301', {
        signer: {
          algorithm: 'RS384',
          sign: async (tbs) => signRsaPkcs1v15(root3.key.privateKey, tbs, 'SHA-384'),
        },
      }),
    );
    bad(
      'keyUsage not critical',
      ['JPKI-05'],
      await sign('6e0401', {
        criticality: { [PKIX_OID.keyUsage]: false, [PKIX_OID.certificatePolicies]: true },
      }),
    );
    bad(
      'signature certificate with keyUsage digitalSignature only',
      ['JPKI-05'],
      await sign('6e0402', { keyUsage: ['digitalSignature'] }),
    );
    bad(
      'signature certificate with keyUsage also keyEncipherment',
      ['JPKI-05'],
      await sign('6e0403', { keyUsage: ['digitalSignature', 'nonRepudiation', 'keyEncipherment'] }),
    );
    bad(
      'user-authentication certificate with nonRepudiation',
      ['JPKI-05'],
      await issueTestJpkiCertificate({
        kind: 'auth',
        serialNumber: '6e0404',
        subjectKey: j.authKey,
        override: { keyUsage: ['digitalSignature', 'nonRepudiation'] },
      }),
    );
    bad('keyUsage absent', ['JPKI-05'], await sign('6e0405', { keyUsage: undefined }));
    bad(
      'end-entity certificate with basicConstraints cA',
      ['JPKI-05'],
      await sign('6e0406', { basicConstraints: { ca: true } }),
    );
    const six = sixNames(p0);
    bad(
      'address otherName (.5) missing',
      ['JPKI-06'],
      await withSan(
        '6e0601',
        six.filter((_, i) => i !== 3),
      ),
    );
    bad('subjectAltName absent', ['JPKI-06'], await sign('6e0602', undefined, null));
    bad(
      'name otherName (.1) twice',
      ['JPKI-06'],
      await withSan('6e0603', [...six, jpkiOtherName(JPKI_OID.name, p0.name)]),
    );
    bad(
      'unknown otherName .7 under the JPKI arc',
      ['JPKI-06'],
      await withSan('6e0604', [...six, jpkiOtherName('1.2.392.200149.8.5.5.7', 'x')]),
    );
    const printable = encodeTlv(
      0xa0,
      concatBytes(encodeOid(JPKI_OID.sex), encodeTlv(0xa0, encodeTlv(0x13, utf8Encode('1')))),
    );
    bad(
      'sex value is a PrintableString, not a UTF8String',
      ['JPKI-06'],
      await withSan('6e0605', [...six.filter((_, i) => i !== 2), printable]),
    );
    const implicit = encodeTlv(
      0xa0,
      concatBytes(encodeOid(JPKI_OID.sex), encodeTlv(0x80, utf8Encode('1'))),
    );
    bad(
      'sex value without the explicit [0] wrapper',
      ['JPKI-06'],
      await withSan('6e0606', [...six.filter((_, i) => i !== 2), implicit]),
    );
    const badUtf8 = encodeTlv(
      0xa0,
      concatBytes(
        encodeOid(JPKI_OID.name),
        encodeTlv(0xa0, encodeTlv(0x0c, Uint8Array.of(0xe9, 0xab))),
      ),
    );
    bad(
      'name is not valid UTF-8 (truncated sequence)',
      ['JPKI-06'],
      await withSan('6e0607', [badUtf8, ...six.slice(1)]),
    );
    bad(
      'user-authentication certificate with the JPKI otherNames',
      ['JPKI-07'],
      await issueTestJpkiCertificate({
        kind: 'auth',
        serialNumber: '6e0701',
        subjectKey: j.authKey,
        override: { extensions: [sanOf(six)] },
      }),
    );
    bad(
      'name substitute flags one digit short',
      ['JPKI-08'],
      await withPersonal('6e0801', { nameSubstituted: p0.nameSubstituted.slice(1) }),
    );
    bad(
      'address substitute flags one digit long',
      ['JPKI-08'],
      await withPersonal('6e0802', { addressSubstituted: `${p0.addressSubstituted}0` }),
    );
    bad(
      'name substitute flags contain 2',
      ['JPKI-08'],
      await withPersonal('6e0803', { nameSubstituted: `2${p0.nameSubstituted.slice(1)}` }),
    );
    const astral = '𠮷田　試験';
    bad(
      'flags counted in UTF-16 units instead of characters (𠮷 counted twice)',
      ['JPKI-08'],
      await withPersonal('6e0804', {
        name: astral,
        nameSubstituted: '1'.padEnd(astral.length, '0'),
      }),
    );
    bad('sex 0', ['JPKI-09'], await withPersonal('6e0901', { sex: '0' }));
    bad('sex 4', ['JPKI-09'], await withPersonal('6e0902', { sex: '4' }));
    bad('era digit 6', ['JPKI-10'], await withPersonal('6e1001', { dateOfBirth: '619800115' }));
    bad(
      'date of birth with 8 digits (no era digit)',
      ['JPKI-10'],
      await withPersonal('6e1002', { dateOfBirth: '19800115' }),
    );
    bad(
      '29 February 2001 (not a leap year)',
      ['JPKI-10'],
      await withPersonal('6e1003', { dateOfBirth: '420010229' }),
    );
    bad('month 13', ['JPKI-10'], await withPersonal('6e1004', { dateOfBirth: '319801301' }));
    bad('day 00', ['JPKI-10'], await withPersonal('6e1005', { dateOfBirth: '319800100' }));
    bad(
      'full-width digits in the date of birth',
      ['JPKI-10'],
      await withPersonal('6e1006', { dateOfBirth: '３19800115' }),
    );
    bad('empty name', ['JPKI-12'], await withPersonal('6e1201', { name: '', nameSubstituted: '' }));
    bad(
      'empty address',
      ['JPKI-12'],
      await withPersonal('6e1202', { address: '', addressSubstituted: '' }),
    );
  });

  const msg = utf8Encode('jitsuin TEST message signed by a TEST card');
  const sig0 = await signWithTestCard(key0, msg);
  const cert0 = j.people[0]?.certificate as Uint8Array;
  const k = rsaPublicKey(key0.privateKey).byteLength;
  const em = emsaPkcs1v15Encode('SHA-256', msg, k);
  const sigGroup = await group('jpki-signature', {}, async (b) => {
    const add = (
      comment: string,
      flags: string[],
      input: Record<string, unknown>,
      error?: 'ERR_SIGNATURE_INVALID' | 'ERR_INVALID_SIGNATURE_ENCODING' | 'ERR_JPKI_PROFILE',
    ) =>
      b.add({
        comment,
        flags,
        requirements: ['JPKI-13'],
        input: { certificate: b64(cert0), message: b64(msg), ...input },
        ...(error === undefined ? { result: 'valid' } : { result: 'invalid', error }),
      });
    add('card signature (RSASSA-PKCS1-v1_5, SHA-256)', ['Valid'], { signature: b64(sig0) });
    add('user-authentication certificate and its key', ['Valid'], {
      certificate: b64(j.authCertificate),
      signature: b64(await signWithTestCard(j.authKey, msg)),
    });
    const flipped = sig0.slice();
    flipped[10] = (flipped[10] as number) ^ 1;
    add(
      'one bit of the signature flipped',
      ['BadSignature'],
      { signature: b64(flipped) },
      'ERR_SIGNATURE_INVALID',
    );
    add(
      'signature over another message',
      ['BadSignature'],
      { signature: b64(await signWithTestCard(key0, utf8Encode('another message'))) },
      'ERR_SIGNATURE_INVALID',
    );
    add(
      'signature by another card (person 1)',
      ['BadSignature'],
      { signature: b64(await signWithTestCard(j.people[1]?.cardKey ?? key0, msg)) },
      'ERR_SIGNATURE_INVALID',
    );
    add(
      'SHA-384 signature',
      ['BadSignature'],
      { signature: b64(signRsaPkcs1v15(key0.privateKey, msg, 'SHA-384')) },
      'ERR_SIGNATURE_INVALID',
    );
    const noNull = concatBytes(
      hexDecode('302f300b0609608648016503040201'),
      Uint8Array.of(0x04, 0x20),
      sha256(msg),
    );
    const emNoNull = concatBytes(
      Uint8Array.of(0, 1),
      new Uint8Array(k - 3 - noNull.length).fill(0xff),
      Uint8Array.of(0),
      noNull,
    );
    add(
      'DigestInfo without the NULL parameters (accepted by lenient parsers; the whole EM differs)',
      ['BadSignature'],
      { signature: b64(rsaSignEncoded(key0.privateKey, emNoNull)) },
      'ERR_SIGNATURE_INVALID',
    );
    const shortPad = em.slice();
    shortPad[9] = 0x00; // padding ends early: 0x00 01 FF*7 00 ... garbage
    add(
      'padding shortened to 7 bytes of 0xFF with the DigestInfo shifted (Bleichenbacher-style forgery shape)',
      ['BadSignature'],
      { signature: b64(rsaSignEncoded(key0.privateKey, shortPad)) },
      'ERR_SIGNATURE_INVALID',
    );
    add(
      'signature one byte short',
      ['Malformed'],
      { signature: b64(sig0.slice(1)) },
      'ERR_INVALID_SIGNATURE_ENCODING',
    );
    add(
      'signature all zero',
      ['BadSignature'],
      { signature: b64(new Uint8Array(k)) },
      'ERR_SIGNATURE_INVALID',
    );
    add(
      'signature equal to 0xFF…FF (not below the modulus)',
      ['BadSignature'],
      { signature: b64(new Uint8Array(k).fill(0xff)) },
      'ERR_SIGNATURE_INVALID',
    );
    add(
      'signature certificate expected, user-authentication certificate given',
      ['Profile'],
      {
        certificate: b64(j.authCertificate),
        signature: b64(await signWithTestCard(j.authKey, msg)),
        kind: 'sign',
      },
      'ERR_JPKI_PROFILE',
    );
  });

  const gen = (g: number) => j.signRoots[g - 1]?.certificate as Uint8Array;
  const crls = await Promise.all(
    [1, 2, 3].map((g) => buildTestJpkiCrl({ root: g as 1 | 2 | 3, entries: [] })),
  );
  const validGroup = await group(
    'jpki-validate',
    { time: T, trustAnchors: signAnchors, crls: crls.map(b64) },
    async (b) => {
      for (const person of j.people) {
        const v = await validateJpkiCertificate(person.certificate, {
          trustAnchors: j.signRoots.map((r) => r.certificate),
          time: T,
          crls,
        });
        b.add({
          comment: `${person.label}: issued by root generation ${person.generation} of three with the same name`,
          flags: ['Valid', 'Generation'],
          requirements: ['JPKI-15', 'JPKI-17', 'JPKI-20'],
          input: { certificate: b64(person.certificate) },
          result: 'valid',
          output: {
            kind: 'sign',
            serialNumber: person.serialNumber,
            anchorSha256: v.anchorSha256,
            revocation: 'good',
          },
        });
      }
      const p1 = j.people[1];
      if (p1 === undefined) throw new JitsuinError('ERR_INTERNAL', 'missing person');
      b.add({
        comment:
          'generation-2 certificate, but only generations 1 and 3 configured (same name, wrong keys)',
        flags: ['Generation', 'BadSignature'],
        requirements: ['JPKI-15'],
        input: { certificate: b64(p1.certificate), trustAnchors: [b64(gen(1)), b64(gen(3))] },
        result: 'invalid',
        error: 'ERR_PATH_SIGNATURE',
      });
      b.add({
        comment: 'TEST certificate against the real J-LIS signature roots',
        flags: ['Real'],
        requirements: ['JPKI-15'],
        input: {
          certificate: b64(p1.certificate),
          trustAnchors: jpkiTrustAnchorCertificates('sign').map(b64),
        },
        result: 'invalid',
        error: 'ERR_PATH_NO_ISSUER',
      });
      const real = realAuthEe();
      const realAnchors = jpkiTrustAnchorCertificates().map(b64);
      b.add({
        comment:
          'real J-LIS user-authentication certificate at 2020-01-01 against the embedded real roots (revocation off: no historic CRL)',
        flags: ['Valid', 'Real', 'Generation'],
        requirements: ['JPKI-14', 'JPKI-15', 'JPKI-20'],
        input: {
          certificate: b64(real),
          trustAnchors: realAnchors,
          time: 1577836800,
          crls: [],
          mode: 'off',
        },
        result: 'valid',
        output: {
          kind: 'auth',
          serialNumber: '012d57ca',
          anchorSha256: '4dcfc4ca0aaf9fb2a3081b3f0c991c320b3acc008667a341eeaec5af1d58ca7d',
          revocation: 'not-checked',
        },
      });
      b.add({
        comment: 'the same real certificate at 2026-01-01: expired on 2024-05-02',
        flags: ['Real', 'Expired'],
        requirements: ['JPKI-20'],
        input: { certificate: b64(real), trustAnchors: realAnchors, crls: [], mode: 'off' },
        result: 'invalid',
        error: 'ERR_PATH_EXPIRED',
      });
      b.add({
        comment: 'the same real certificate against the real signature roots only',
        flags: ['Real'],
        requirements: ['JPKI-15'],
        input: {
          certificate: b64(real),
          trustAnchors: jpkiTrustAnchorCertificates('sign').map(b64),
          time: 1577836800,
          crls: [],
          mode: 'off',
        },
        result: 'invalid',
        error: 'ERR_PATH_NO_ISSUER',
      });
      const forged = testRsaKey('jpki/forged-root');
      const forgedCert = await issueTestJpkiCertificate({
        kind: 'sign',
        generation: 3,
        serialNumber: '6f0001',
        subjectKey: key0,
        personal: p0,
        override: { signer: forged.signer },
      });
      b.add({
        comment:
          'certificate with the root name and layout signed by a key that is no root generation',
        flags: ['BadSignature'],
        requirements: ['JPKI-15'],
        input: { certificate: b64(forgedCert) },
        result: 'invalid',
        error: 'ERR_PATH_SIGNATURE',
      });
      b.add({
        comment: 'one second after notAfter',
        flags: ['Expired'],
        requirements: ['JPKI-20'],
        input: {
          certificate: b64(p1.certificate),
          time: readJpkiCertificate(p1.certificate).notAfter + 1,
          mode: 'off',
        },
        result: 'invalid',
        error: 'ERR_PATH_EXPIRED',
      });
      b.add({
        comment: 'one second before notBefore',
        flags: ['Expired'],
        requirements: ['JPKI-20'],
        input: {
          certificate: b64(p1.certificate),
          time: readJpkiCertificate(p1.certificate).notBefore - 1,
          mode: 'off',
        },
        result: 'invalid',
        error: 'ERR_PATH_NOT_YET_VALID',
      });
      b.add({
        comment: 'test-environment policy, test certificates not allowed',
        flags: ['TestCard'],
        requirements: ['JPKI-18'],
        input: { certificate: b64(j.testPolicyPerson.certificate) },
        result: 'invalid',
        error: 'ERR_JPKI_TEST_CERTIFICATE',
      });
      b.add({
        comment: 'test-environment policy, test certificates allowed',
        flags: ['Valid', 'TestCard'],
        requirements: ['JPKI-18'],
        input: { certificate: b64(j.testPolicyPerson.certificate), allowTest: true },
        result: 'valid',
        output: {
          kind: 'sign',
          serialNumber: j.testPolicyPerson.serialNumber,
          anchorSha256: (
            await validateJpkiCertificate(j.testPolicyPerson.certificate, {
              trustAnchors: [gen(3)],
              time: T,
              crls,
              allowTest: true,
            })
          ).anchorSha256,
          revocation: 'good',
        },
      });
      b.add({
        comment: 'no CRL at all (mode require)',
        flags: ['FailClosed'],
        requirements: ['JPKI-17'],
        input: { certificate: b64(p1.certificate), crls: [] },
        result: 'invalid',
        error: 'ERR_REVOCATION_UNKNOWN',
      });
      b.add({
        comment: 'only the CRLs of the other generations (same name, other keys)',
        flags: ['FailClosed', 'Generation'],
        requirements: ['JPKI-17'],
        input: {
          certificate: b64(p1.certificate),
          crls: [b64(crls[0] as Uint8Array), b64(crls[2] as Uint8Array)],
        },
        result: 'invalid',
        error: 'ERR_CRL_INVALID',
      });
      const stale = await buildTestJpkiCrl({
        root: 2,
        entries: [],
        thisUpdate: T - 10 * DAY,
        nextUpdate: T - DAY,
      });
      b.add({
        comment: 'CRL of the right generation, expired',
        flags: ['FailClosed'],
        requirements: ['JPKI-17'],
        input: { certificate: b64(p1.certificate), crls: [b64(stale)] },
        result: 'invalid',
        error: 'ERR_CRL_INVALID',
      });
      b.add({
        comment: 'no CRL, mode prefer: accepted, not checked',
        flags: ['Valid'],
        requirements: ['JPKI-17'],
        input: { certificate: b64(p1.certificate), crls: [], mode: 'prefer' },
        result: 'valid',
        output: {
          kind: 'sign',
          serialNumber: p1.serialNumber,
          anchorSha256: (
            await validateJpkiCertificate(p1.certificate, { trustAnchors: [gen(2)], time: T, crls })
          ).anchorSha256,
          revocation: 'not-checked',
        },
      });
      for (const reason of REASONS) {
        const crl = await buildTestJpkiCrl({
          root: 2,
          crlNumber: 2,
          entries: [
            {
              serial: p1.serialNumber,
              revocationDate: T - 3600,
              ...(reason === 'unspecified' ? {} : { reason }),
            },
          ],
        });
        b.add({
          comment: `revoked with reason ${reason}`,
          flags: ['Revoked'],
          requirements: ['JPKI-17', 'JPKI-19'],
          input: {
            certificate: b64(p1.certificate),
            crls: [b64(crls[0] as Uint8Array), b64(crl), b64(crls[2] as Uint8Array)],
          },
          result: 'invalid',
          error: 'ERR_REVOKED',
        });
      }
    },
  );

  const reasonGroup = await group('jpki-revocation-reason', { time: T }, async (b) => {
    const p1 = j.people[1];
    if (p1 === undefined) throw new JitsuinError('ERR_INTERNAL', 'missing person');
    const effects: Record<string, string> = {
      unspecified: 'enrol-again',
      keyCompromise: 'review-and-enrol-again',
      affiliationChanged: 'rebind-via-link',
      superseded: 'rebind-via-link',
      cessationOfOperation: 'retire',
      certificateHold: 'suspended',
      privilegeWithdrawn: 'enrol-again',
    };
    for (const reason of REASONS) {
      const crl = await buildTestJpkiCrl({
        root: 2,
        crlNumber: 2,
        entries: [
          {
            serial: p1.serialNumber,
            revocationDate: T - 3600,
            ...(reason === 'unspecified' ? {} : { reason }),
          },
        ],
      });
      b.add({
        comment: `reason ${reason} and its effect on the common code`,
        flags: ['Revoked'],
        requirements: ['JPKI-19'],
        input: { certificate: b64(p1.certificate), issuer: b64(gen(2)), crls: [b64(crl)] },
        result: 'valid',
        output: { listed: true, reason, revocationDate: T - 3600, effect: effects[reason] },
      });
    }
    const forgedCrl = await buildTestJpkiCrl({
      root: 3,
      crlNumber: 9,
      entries: [{ serial: p1.serialNumber, revocationDate: T - 60, reason: 'keyCompromise' }],
    });
    b.add({
      comment:
        'a CRL with the same issuer name signed by another generation lists the certificate: not used for the reason',
      flags: ['BadSignature', 'Generation'],
      requirements: ['JPKI-19'],
      input: { certificate: b64(p1.certificate), issuer: b64(gen(2)), crls: [b64(forgedCrl)] },
      result: 'valid',
      output: { listed: false },
    });
    const current = await buildTestJpkiCrl({
      root: 2,
      crlNumber: 2,
      entries: [{ serial: p1.serialNumber, revocationDate: T - 3600, reason: 'superseded' }],
    });
    const notYetValid = await buildTestJpkiCrl({
      root: 2,
      crlNumber: 3,
      thisUpdate: T + 3600,
      entries: [{ serial: p1.serialNumber, revocationDate: T + 1800, reason: 'keyCompromise' }],
    });
    b.add({
      comment:
        'a newer CRL that is not yet valid at time gives another reason: the reason is that of the CRL that decided',
      flags: ['Revoked'],
      requirements: ['JPKI-19'],
      input: {
        certificate: b64(p1.certificate),
        issuer: b64(gen(2)),
        crls: [b64(notYetValid), b64(current)],
      },
      result: 'valid',
      output: {
        listed: true,
        reason: 'superseded',
        revocationDate: T - 3600,
        effect: 'rebind-via-link',
      },
    });
    b.add({
      comment: 'CRL that does not list the certificate',
      flags: ['Valid'],
      requirements: ['JPKI-19'],
      input: {
        certificate: b64(p1.certificate),
        issuer: b64(gen(2)),
        crls: [b64(crls[1] as Uint8Array)],
      },
      result: 'valid',
      output: { listed: false },
    });
  });

  const groups = [readGroup, sigGroup, validGroup, reasonGroup];
  return {
    schema: 'jitsuin-vectors-v1',
    suite: 'jpki',
    specVersion: SPEC_VERSION,
    numberOfTests: groups.reduce((n, g) => n + g.tests.length, 0),
    notes: NOTES,
    testGroups: numberTests(groups),
  };
}

const REASONS: readonly RevocationReason[] = [
  'unspecified',
  'keyCompromise',
  'affiliationChanged',
  'superseded',
  'cessationOfOperation',
  'certificateHold',
  'privilegeWithdrawn',
];

function realAuthEe(): Uint8Array {
  return base64urlDecode(REAL_JPKI_AUTH_EE_B64);
}

/** The generator of `vectors/jpki.json`. */
export const jpkiGenerator: VectorGenerator = { name: 'jpki', generate };
