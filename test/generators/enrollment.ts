/**
 * The `enrollment` vector suite (spec/enrollment.md, spec/common-code.md): the enrollment TBS,
 * person keys, full enrollments (new code, existing code, renewal re-binding over one and two J-LIS
 * links), one or more negative cases per CA check, registry re-binding rules and re-binding
 * statements. Built on the synthetic TEST JPKI and TEST app CA of `../testpki/`.
 * The judge of its cases is `src/conformance/suites/enrollment.ts`.
 * @module
 */
import { JitsuinError } from '../../src/errors.js';
import { base64urlDecode, base64urlEncode } from '../../src/encoding/base64url.js';
import { concatBytes } from '../../src/encoding/bytes.js';
import { canonicalizeToBytes } from '../../src/encoding/canonicalize.js';
import { utf8Decode, utf8Encode } from '../../src/encoding/utf8.js';
import { sha256 } from '../../src/crypto/hash.js';
import { derivePrivateKey, getEcPublicKey, signEcdsa } from '../../src/crypto/ecdsa.js';
import { exportSpki } from '../../src/crypto/keys.js';
import { compareBytes, encodeTlv, readChildren, readTlv, type Tlv } from '../../src/x509/der.js';
import { encodeOid } from '../../src/x509/oid.js';
import { JITSUIN_ARC, JITSUIN_OID } from '../../src/x509/oids.js';
import { readJpkiCertificate } from '../../src/jpki/read.js';
import { type EnrollmentChallenge } from '../../src/enrollment/challenge.js';
import { buildEnrollmentCsr } from '../../src/enrollment/csr.js';
import { encodeEnrollmentRequest, type EnrollmentRequest } from '../../src/enrollment/request.js';
import { enrollmentKeyBinding, enrollmentToBeSigned } from '../../src/enrollment/tbs.js';
import { personKey } from '../../src/enrollment/person-key.js';
import { type JpkiRenewalLink } from '../../src/enrollment/registry.js';
import { signRebindingStatement } from '../../src/enrollment/rebinding.js';
import {
  buildTestJpkiCrl,
  createTestJpki,
  issueTestJpkiCertificate,
  signWithTestCard,
  testRsaKey,
  TEST_JPKI_PEOPLE,
  TEST_JPKI_TIME,
  type TestJpkiPersonalData,
  type TestRsaKey,
} from '../testpki/jpki.js';
import { createTestAppCa, testEcKey, type TestEcKey } from '../testpki/app-ca.js';
import { SPEC_VERSION } from '../../src/conformance/version.js';
import type {
  VectorFile,
  VectorGroup,
  VectorNote,
  VectorTest,
} from '../../src/conformance/types.js';
import { numberTests, unnumbered } from './numbering.js';
import type { VectorGenerator } from './types.js';

const b64 = base64urlEncode;
const DAY = 86_400;
const T = TEST_JPKI_TIME;
const RP = 'bank.example.jp';
const APP = 'TEAMID.jp.example.bank';

const NOTES: Record<string, VectorNote> = {
  Valid: {
    bugType: 'BASIC',
    description: 'A well-formed input that must be accepted with the given output.',
  },
  Renewal: {
    bugType: 'FUNCTIONALITY',
    description: 'The code carries over through J-LIS renewal links.',
  },
  Malformed: { bugType: 'BASIC', description: 'The request is not well-formed.' },
  Challenge: {
    bugType: 'AUTH_BYPASS',
    description: 'The challenge is unknown, spent, expired or for another app.',
  },
  ProofOfPossession: {
    bugType: 'AUTH_BYPASS',
    description: 'The CSR does not prove possession of a P-256 key.',
  },
  KeyBinding: {
    bugType: 'AUTH_BYPASS',
    description:
      "The app key did not sign for this enrollment: a CSR copied into another person's enrollment (unknown-key-share, ENR-17).",
  },
  Jpki: {
    bugType: 'AUTH_BYPASS',
    description: 'The JPKI certificate is not acceptable identity evidence.',
  },
  CardSignature: {
    bugType: 'AUTH_BYPASS',
    description: 'The card signature does not bind this challenge, CSR and app.',
  },
  Attestation: { bugType: 'AUTH_BYPASS', description: 'Key attestation is missing or rejected.' },
  CommonCode: {
    bugType: 'AUTH_BYPASS',
    description: 'A re-binding that would move or merge codes without a valid link.',
  },
  Order: {
    bugType: 'FUNCTIONALITY',
    description: 'Several checks fail; the first in the specified order is reported.',
  },
  Statement: {
    bugType: 'AUTH_BYPASS',
    description: 'A re-binding statement that must not verify.',
  },
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

/** A deterministic stand-in for a random source: SHA-256 of a label and a counter. */
function fixedBytes(label: string, length: number): Uint8Array {
  return sha256(utf8Encode(`jitsuin/vectors/enrollment/${label}`)).slice(0, length);
}

interface RequestParts {
  readonly challenge: EnrollmentChallenge;
  readonly certificate: Uint8Array;
  readonly cardKey: TestRsaKey;
  readonly appKey?: TestEcKey;
  /** Replaces the CSR after it was built (and before the card signs, unless signCsr is given). */
  readonly csr?: Uint8Array;
  /** Object whose canonical form the card signs instead of the real TBS. */
  readonly tbsObject?: Record<string, string>;
  readonly cardSignature?: Uint8Array;
  readonly attestation?: Uint8Array;
  readonly rpId?: string;
  readonly appId?: string;
}

async function request(p: RequestParts): Promise<EnrollmentRequest> {
  const appKey = p.appKey ?? testEcKey('vectors/enrollment/app-key-1');
  const csr =
    p.csr ??
    (await buildEnrollmentCsr(
      {
        publicKey: appKey.spki,
        sign: async (m) => signEcdsa(appKey.privateKey, m, { format: 'der' }),
      },
      p.challenge,
    ));
  const rpId = p.rpId ?? p.challenge.rpId;
  const appId = p.appId ?? p.challenge.appId;
  const tbs =
    p.tbsObject !== undefined
      ? canonicalizeToBytes(p.tbsObject)
      : enrollmentToBeSigned({ challenge: p.challenge.challenge, rpId, appId, csr });
  const cardSignature = p.cardSignature ?? (await signWithTestCard(p.cardKey, tbs));
  return {
    v: 1,
    challenge: p.challenge.challenge,
    rpId,
    appId,
    csr,
    jpkiCertificate: p.certificate,
    cardSignature,
    ...(p.attestation === undefined ? {} : { attestation: p.attestation }),
  };
}

function challengeJson(c: EnrollmentChallenge, consumed = false): Record<string, unknown> {
  return {
    challenge: c.challenge,
    rpId: c.rpId,
    appId: c.appId,
    iat: c.iat,
    exp: c.exp,
    ...(consumed ? { consumed: true } : {}),
  };
}

function linkJson(l: JpkiRenewalLink): Record<string, unknown> {
  return { issuer: b64(l.issuer), oldSerial: l.oldSerial, newSerial: l.newSerial };
}

/** The CSR of `appKey` bound to `enrollment`, with its certificationRequestInfo re-signed after `mutate`. */
async function csrWith(
  appKey: TestEcKey,
  enrollment: EnrollmentChallenge,
  mutateInfo: (info: Uint8Array) => Uint8Array,
  algorithm?: Uint8Array,
): Promise<Uint8Array> {
  const good = await buildEnrollmentCsr(
    {
      publicKey: appKey.spki,
      sign: async (m) => signEcdsa(appKey.privateKey, m, { format: 'der' }),
    },
    enrollment,
  );
  const top = readTlv(good, 0);
  const [info, alg] = readChildren(good, top);
  if (info === undefined || alg === undefined) throw new JitsuinError('ERR_INTERNAL', 'CSR');
  const newInfo = mutateInfo(good.slice(info.start, info.end));
  const sig = signEcdsa(appKey.privateKey, newInfo, { format: 'der' });
  return encodeTlv(
    0x30,
    concatBytes(
      newInfo,
      algorithm ?? good.slice(alg.start, alg.end),
      encodeTlv(0x03, concatBytes(Uint8Array.of(0), sig)),
    ),
  );
}

async function generate(): Promise<VectorFile> {
  const j = await createTestJpki();
  const ca = await createTestAppCa();
  const [p0, p1, p2] = j.people;
  if (p0 === undefined || p1 === undefined || p2 === undefined)
    throw new JitsuinError('ERR_INTERNAL', 'TEST people missing');
  const issuerName = readJpkiCertificate(p0.certificate).issuerDer;
  const keyOf = (serial: string) => personKey(issuerName, serial);
  const ch = (label: string, over: Partial<EnrollmentChallenge> = {}): EnrollmentChallenge => ({
    challenge: b64(fixedBytes(`challenge/${label}`, 32)),
    rpId: RP,
    appId: APP,
    iat: T - 60,
    exp: T + 240,
    ...over,
  });
  const challenge = ch('main');
  const otherApp = ch('other-app', { appId: 'TEAMID.jp.example.shop' });
  const expired = ch('expired', { iat: T - 900, exp: T - 600 });
  const spent = ch('spent');
  const crls = [
    await buildTestJpkiCrl({
      root: 1,
      entries: [{ serial: p0.serialNumber, revocationDate: T - 10 * DAY, reason: 'superseded' }],
    }),
    await buildTestJpkiCrl({ root: 2, entries: [] }),
    await buildTestJpkiCrl({ root: 3, entries: [] }),
  ];
  const codeX = fixedBytes('code/existing-person-0', 16);
  const codeY = fixedBytes('code/existing-person-2', 16);
  const link1: JpkiRenewalLink = {
    issuer: issuerName,
    oldSerial: p0.serialNumber,
    newSerial: j.renewed.serialNumber,
  };
  const link2: JpkiRenewalLink = {
    issuer: issuerName,
    oldSerial: j.renewed.serialNumber,
    newSerial: j.renewedTwice.serialNumber,
  };
  const attestationOk = utf8Encode('TEST attestation evidence: secure-enclave');
  const shared = {
    time: T,
    jpkiTrustAnchors: j.signRoots.map((r) => b64(r.certificate)),
    crls: crls.map(b64),
    issuer: {
      certificate: b64(ca.issuing),
      chain: [b64(ca.root)],
      privateKey: b64(ca.issuingKey.privateKey),
    },
    rebindingSigner: {
      certificateChain: [ca.statement, ca.issuing, ca.root].map(b64),
      privateKey: b64(ca.statementKey.privateKey),
    },
    challenges: [
      challengeJson(challenge),
      challengeJson(otherApp),
      challengeJson(expired),
      challengeJson(spent, true),
    ],
    registry: [
      { personKey: b64(keyOf(p0.serialNumber)), commonCode: b64(codeX) },
      { personKey: b64(keyOf(p2.serialNumber)), commonCode: b64(codeY) },
    ],
    renewalLinks: [linkJson(link1), linkJson(link2)],
    newCodes: [b64(fixedBytes('code/new-1', 16)), b64(fixedBytes('code/new-2', 16))],
    serialRandom: b64(fixedBytes('serial', 16)),
    attestations: [{ evidence: b64(attestationOk), keyProtection: 'secure-enclave' }],
  };
  const base = (over: Partial<RequestParts> = {}) =>
    request({ challenge, certificate: p1.certificate, cardKey: p1.cardKey, ...over });
  const enc = async (r: Promise<EnrollmentRequest> | EnrollmentRequest) =>
    encodeEnrollmentRequest(await r);
  const validOut = (
    code: Uint8Array,
    status: string,
    rebindings: number,
    extra: Record<string, unknown> = {},
  ) => ({
    commonCode: b64(code),
    commonCodeStatus: status,
    keyProtection: 'software',
    rpId: RP,
    appId: APP,
    rebindingStatements: rebindings,
    ...extra,
  });
  const newCode = fixedBytes('code/new-1', 16);
  const jpkiNotAfter = (der: Uint8Array) => readJpkiCertificate(der).notAfter;

  const processGroup = await group('enrollment-process', shared, async (b) => {
    const ok = (
      comment: string,
      requirements: string[],
      req: string,
      output: Record<string, unknown>,
      flags = ['Valid'],
      extra: Record<string, unknown> = {},
    ) =>
      b.add({
        comment,
        flags,
        requirements,
        input: { request: req, ...extra },
        result: 'valid',
        output,
      });
    const no = (
      comment: string,
      requirements: string[],
      req: string,
      error: VectorTest['error'],
      flags: string[],
      extra: Record<string, unknown> = {},
    ) =>
      b.add({
        comment,
        flags,
        requirements,
        input: { request: req, ...extra },
        result: 'invalid',
        ...(error === undefined ? {} : { error }),
      });

    const good = await enc(base());
    ok(
      'first enrollment of TEST person 1: a new code',
      [
        'ENR-02',
        'ENR-03',
        'ENR-04',
        'ENR-05',
        'ENR-06',
        'ENR-07',
        'ENR-09',
        'ENR-11',
        'ENR-12',
        'CC-01',
      ],
      good,
      validOut(newCode, 'new', 0, { notAfter: T + 365 * DAY }),
    );
    ok(
      'TEST person 2, already in the registry: the existing code',
      ['CC-03', 'ENR-12'],
      await enc(base({ certificate: p2.certificate, cardKey: p2.cardKey })),
      validOut(codeY, 'existing', 0, { notAfter: T + 365 * DAY }),
    );
    ok(
      'TEST person 0 after moving house: renewed certificate linked by J-LIS to the enrolled one, code re-bound',
      ['CC-07', 'CC-08', 'CC-10', 'ENR-12'],
      await enc(base({ certificate: j.renewed.certificate, cardKey: j.renewed.cardKey })),
      validOut(codeX, 'rebound', 1, { notAfter: T + 365 * DAY }),
      ['Valid', 'Renewal'],
      { renewalLinks: [linkJson(link1)] },
    );
    ok(
      'TEST person 0 after moving house twice: two links followed back, two re-bindings',
      ['CC-07', 'CC-08', 'CC-10', 'CC-15'],
      await enc(base({ certificate: j.renewedTwice.certificate, cardKey: j.renewedTwice.cardKey })),
      validOut(codeX, 'rebound', 2, { notAfter: T + 365 * DAY }),
      ['Valid', 'Renewal'],
    );
    ok(
      'renewed certificate without any J-LIS link: a new code, nothing carried over',
      ['CC-12'],
      await enc(base({ certificate: j.renewed.certificate, cardKey: j.renewed.cardKey })),
      validOut(newCode, 'new', 0, { notAfter: T + 365 * DAY }),
      ['Valid', 'Renewal'],
      { renewalLinks: [] },
    );
    ok(
      'attestation evidence accepted by the verifier: key protection secure-enclave',
      ['ENR-10', 'ENR-11'],
      await enc(base({ attestation: attestationOk })),
      validOut(newCode, 'new', 0, { keyProtection: 'secure-enclave', notAfter: T + 365 * DAY }),
      ['Valid'],
      { requireAttestation: true },
    );
    ok(
      'test-environment JPKI certificate in a test deployment',
      ['ENR-07'],
      await enc(
        base({ certificate: j.testPolicyPerson.certificate, cardKey: j.testPolicyPerson.cardKey }),
      ),
      validOut(newCode, 'new', 0, { notAfter: T + 365 * DAY }),
      ['Valid'],
      { allowTestJpki: true },
    );
    const shortLived = await issueTestJpkiCertificate({
      kind: 'sign',
      generation: 3,
      serialNumber: '7a0001',
      subjectKey: p1.cardKey,
      personal: TEST_JPKI_PEOPLE[1] as TestJpkiPersonalData,
      notBefore: T - 4 * 365 * DAY,
      notAfter: T + 100 * DAY,
    });
    ok(
      'JPKI certificate expiring in 100 days: the app certificate expires with it',
      ['ENR-11'],
      await enc(base({ certificate: shortLived })),
      validOut(newCode, 'new', 0, { notAfter: jpkiNotAfter(shortLived) }),
    );

    // 1. request format
    no(
      'request with a space after the opening brace (not canonical JSON)',
      ['ENR-02'],
      `{ ${good.slice(1)}`,
      'ERR_ENROLLMENT_REQUEST',
      ['Malformed'],
    );
    const obj = JSON.parse(good) as Record<string, unknown>;
    const canon = (o: Record<string, unknown>) => utf8Decode(canonicalizeToBytes(o as never));
    no(
      'request with an extra member keyProtection',
      ['ENR-02'],
      canon({ ...obj, keyProtection: 'secure-enclave' }),
      'ERR_ENROLLMENT_REQUEST',
      ['Malformed'],
    );
    no('request with v = 2', ['ENR-02'], canon({ ...obj, v: 2 }), 'ERR_ENROLLMENT_REQUEST', [
      'Malformed',
    ]);
    const { cardSignature: _omit, ...noSig } = obj;
    no('request without cardSignature', ['ENR-02'], canon(noSig), 'ERR_ENROLLMENT_REQUEST', [
      'Malformed',
    ]);
    no(
      'challenge of 31 bytes',
      ['ENR-02'],
      canon({ ...obj, challenge: b64(fixedBytes('short', 31)) }),
      'ERR_ENROLLMENT_REQUEST',
      ['Malformed'],
    );
    no(
      'csr in padded base64',
      ['ENR-02'],
      canon({ ...obj, csr: `${obj['csr'] as string}=` }),
      'ERR_ENROLLMENT_REQUEST',
      ['Malformed'],
    );
    no('empty appId', ['ENR-02'], canon({ ...obj, appId: '' }), 'ERR_ENROLLMENT_REQUEST', [
      'Malformed',
    ]);
    // 2. challenge
    no(
      'challenge never issued by the CA',
      ['ENR-03'],
      await enc(base({ challenge: ch('unknown') })),
      'ERR_ENROLLMENT_CHALLENGE',
      ['Challenge'],
    );
    no(
      'challenge already used',
      ['ENR-03'],
      await enc(base({ challenge: spent })),
      'ERR_ENROLLMENT_CHALLENGE',
      ['Challenge'],
    );
    no(
      'challenge expired 600 s ago',
      ['ENR-03'],
      await enc(base({ challenge: expired })),
      'ERR_ENROLLMENT_CHALLENGE',
      ['Challenge'],
    );
    no(
      'challenge issued for another app, request names this app',
      ['ENR-03'],
      await enc(base({ challenge: otherApp, appId: APP })),
      'ERR_ENROLLMENT_CHALLENGE',
      ['Challenge'],
    );
    no(
      'challenge issued for this app, request for another RP',
      ['ENR-03'],
      await enc(base({ rpId: 'shop.example.jp' })),
      'ERR_ENROLLMENT_CHALLENGE',
      ['Challenge'],
    );
    // 3. CSR
    const appKey = testEcKey('vectors/enrollment/app-key-1');
    const csrGood = await buildEnrollmentCsr(
      {
        publicKey: appKey.spki,
        sign: async (m) => signEcdsa(appKey.privateKey, m, { format: 'der' }),
      },
      challenge,
    );
    const flipped = csrGood.slice();
    flipped[flipped.length - 3] = (flipped[flipped.length - 3] as number) ^ 1;
    no(
      'CSR signature altered (proof of possession fails)',
      ['ENR-04'],
      await enc(base({ csr: flipped })),
      'ERR_ENROLLMENT_CSR',
      ['ProofOfPossession'],
    );
    const otherKey = testEcKey('vectors/enrollment/app-key-2');
    const swapped = await csrWith(appKey, challenge, (info) => {
      // The other key's SubjectPublicKeyInfo in place of this key's; still signed by this key.
      const spki = readChildren(info, readTlv(info, 0))[2] as Tlv;
      return encodeTlv(
        0x30,
        concatBytes(
          info.subarray(readTlv(info, 0).contentStart, spki.start),
          otherKey.spki,
          info.subarray(spki.end),
        ),
      );
    });
    no(
      'CSR for another key than the one that signed it',
      ['ENR-04'],
      await enc(base({ csr: swapped })),
      'ERR_ENROLLMENT_CSR',
      ['ProofOfPossession'],
    );
    const p384 = derivePrivateKey(utf8Encode('jitsuin/vectors/enrollment'), 'TEST/p384', 'P-384');
    const p384Spki = exportSpki(getEcPublicKey(p384, 'P-384'));
    const p384Info = encodeTlv(
      0x30,
      concatBytes(Uint8Array.of(2, 1, 0, 0x30, 0), p384Spki, Uint8Array.of(0xa0, 0)),
    );
    const p384Csr = encodeTlv(
      0x30,
      concatBytes(
        p384Info,
        base64urlDecode('MAoGCCqGSM49BAMD'),
        encodeTlv(
          0x03,
          concatBytes(
            Uint8Array.of(0),
            signEcdsa(p384, p384Info, { curve: 'P-384', format: 'der' }),
          ),
        ),
      ),
    );
    no(
      'CSR for a P-384 key (ecdsa-with-SHA384)',
      ['ENR-04'],
      await enc(base({ csr: p384Csr })),
      'ERR_ENROLLMENT_CSR',
      ['ProofOfPossession'],
    );
    no(
      'CSR with version 1 (not v1 = 0)',
      ['ENR-04'],
      await enc(
        base({
          csr: await csrWith(appKey, challenge, (info) => {
            const s = info.slice();
            s[readTlv(info, 0).contentStart + 2] = 1;
            return s;
          }),
        }),
      ),
      'ERR_ENROLLMENT_CSR',
      ['ProofOfPossession'],
    );
    no(
      'CSR followed by a trailing byte',
      ['ENR-04'],
      await enc(base({ csr: concatBytes(csrGood, Uint8Array.of(0)) })),
      'ERR_ENROLLMENT_CSR',
      ['Malformed'],
    );
    // DER is checked on the received bytes: attribute values included, and without an asn1js
    // re-encoding, which would rewrite jitsuin's UUID-arc OIDs (arcs above 2^53).
    // Replaces the attributes: `keep` keeps the enrollment binding (ENR-17), added in DER SET OF order.
    const withAttributes =
      (extra: Uint8Array, keep = true) =>
      (info: Uint8Array) => {
        const t = readTlv(info, 0);
        const children = readChildren(info, t);
        const attrs = children[3] as Tlv;
        const bindingAttr = info.slice(attrs.contentStart, attrs.end);
        const items = [...(keep ? [bindingAttr] : []), ...(extra.length > 0 ? [extra] : [])].sort(
          compareBytes,
        );
        return encodeTlv(
          0x30,
          concatBytes(
            info.subarray(t.contentStart, attrs.start),
            encodeTlv(0xa0, concatBytes(...items)),
          ),
        );
      };
    const attribute = (oid: string, values: Uint8Array) =>
      encodeTlv(0x30, concatBytes(encodeOid(oid), encodeTlv(0x31, values)));
    const bindingOf = (c: EnrollmentChallenge) => encodeTlv(0x04, enrollmentKeyBinding(c));
    ok(
      "CSR with an attribute under jitsuin's UUID arc (an OID arc above 2^53) and NULL value: DER, ignored",
      ['ENR-04', 'ENR-11'],
      await enc(
        base({
          csr: await csrWith(
            appKey,
            challenge,
            withAttributes(attribute(`${JITSUIN_ARC}.4.99`, Uint8Array.of(0x05, 0x00))),
          ),
        }),
      ),
      validOut(newCode, 'new', 0, { notAfter: T + 365 * DAY }),
    );
    no(
      'CSR with BOOLEAN 01 (BER, not DER) inside an attribute value',
      ['ENR-04'],
      await enc(
        base({
          csr: await csrWith(
            appKey,
            challenge,
            withAttributes(attribute('1.2.3.4', Uint8Array.of(0x01, 0x01, 0x01))),
          ),
        }),
      ),
      'ERR_ENROLLMENT_CSR',
      ['Malformed'],
    );
    no(
      'CSR whose attribute values are not in DER SET OF order',
      ['ENR-04'],
      await enc(
        base({
          csr: await csrWith(
            appKey,
            challenge,
            withAttributes(attribute('1.2.3.4', Uint8Array.of(0x02, 0x01, 0x05, 0x02, 0x01, 0x03))),
          ),
        }),
      ),
      'ERR_ENROLLMENT_CSR',
      ['Malformed'],
    );
    no(
      'CSR signed with ecdsa-with-SHA256 whose AlgorithmIdentifier carries NULL parameters',
      ['ENR-04'],
      await enc(
        base({
          csr: await csrWith(
            appKey,
            challenge,
            (info) => info,
            base64urlDecode('MAwGCCqGSM49BAMCBQA'),
          ),
        }),
      ),
      'ERR_ENROLLMENT_CSR',
      ['ProofOfPossession'],
    );
    // 3b. The app key's binding to this enrollment (ENR-17): a CSR copied from another person's phone is refused.
    const aliceChallenge = ch('alice');
    no(
      'CSR copied from another enrollment: bound by its key to another challenge (unknown-key-share)',
      ['ENR-17'],
      await enc(
        base({
          csr: await buildEnrollmentCsr(
            {
              publicKey: appKey.spki,
              sign: async (m) => signEcdsa(appKey.privateKey, m, { format: 'der' }),
            },
            aliceChallenge,
          ),
        }),
      ),
      'ERR_ENROLLMENT_CSR',
      ['KeyBinding'],
    );
    no(
      'CSR bound to this challenge but another RP',
      ['ENR-17'],
      await enc(
        base({
          csr: await buildEnrollmentCsr(
            {
              publicKey: appKey.spki,
              sign: async (m) => signEcdsa(appKey.privateKey, m, { format: 'der' }),
            },
            { ...challenge, rpId: 'shop.example.jp' },
          ),
        }),
      ),
      'ERR_ENROLLMENT_CSR',
      ['KeyBinding'],
    );
    no(
      'CSR bound to this challenge but another app',
      ['ENR-17'],
      await enc(
        base({
          csr: await buildEnrollmentCsr(
            {
              publicKey: appKey.spki,
              sign: async (m) => signEcdsa(appKey.privateKey, m, { format: 'der' }),
            },
            { ...challenge, appId: 'TEAMID.jp.example.shop' },
          ),
        }),
      ),
      'ERR_ENROLLMENT_CSR',
      ['KeyBinding'],
    );
    no(
      'CSR without the enrollment-binding attribute (no attributes)',
      ['ENR-17'],
      await enc(
        base({ csr: await csrWith(appKey, challenge, withAttributes(new Uint8Array(), false)) }),
      ),
      'ERR_ENROLLMENT_CSR',
      ['KeyBinding'],
    );
    no(
      'CSR with two enrollment-binding attributes',
      ['ENR-17'],
      await enc(
        base({
          csr: await csrWith(
            appKey,
            challenge,
            withAttributes(attribute(JITSUIN_OID.attrEnrollmentBinding, bindingOf(aliceChallenge))),
          ),
        }),
      ),
      'ERR_ENROLLMENT_CSR',
      ['KeyBinding'],
    );
    no(
      'enrollment-binding attribute with two values',
      ['ENR-17'],
      await enc(
        base({
          csr: await csrWith(
            appKey,
            challenge,
            withAttributes(
              attribute(
                JITSUIN_OID.attrEnrollmentBinding,
                concatBytes(
                  ...[bindingOf(challenge), bindingOf(aliceChallenge)].sort(compareBytes),
                ),
              ),
              false,
            ),
          ),
        }),
      ),
      'ERR_ENROLLMENT_CSR',
      ['KeyBinding'],
    );
    no(
      'enrollment-binding attribute of 31 bytes',
      ['ENR-17'],
      await enc(
        base({
          csr: await csrWith(
            appKey,
            challenge,
            withAttributes(
              attribute(
                JITSUIN_OID.attrEnrollmentBinding,
                encodeTlv(0x04, enrollmentKeyBinding(challenge).subarray(1)),
              ),
              false,
            ),
          ),
        }),
      ),
      'ERR_ENROLLMENT_CSR',
      ['KeyBinding'],
    );
    no(
      'enrollment-binding attribute as a BIT STRING instead of an OCTET STRING',
      ['ENR-17'],
      await enc(
        base({
          csr: await csrWith(
            appKey,
            challenge,
            withAttributes(
              attribute(
                JITSUIN_OID.attrEnrollmentBinding,
                encodeTlv(0x03, concatBytes(Uint8Array.of(0), enrollmentKeyBinding(challenge))),
              ),
              false,
            ),
          ),
        }),
      ),
      'ERR_ENROLLMENT_CSR',
      ['KeyBinding'],
    );
    // 4. JPKI certificate kind and profile
    no(
      'user-authentication certificate instead of the signature certificate',
      ['ENR-06'],
      await enc(base({ certificate: j.authCertificate, cardKey: j.authKey })),
      'ERR_JPKI_PROFILE',
      ['Jpki'],
    );
    const badSex = await issueTestJpkiCertificate({
      kind: 'sign',
      generation: 3,
      serialNumber: '7a0002',
      subjectKey: p1.cardKey,
      personal: { ...(TEST_JPKI_PEOPLE[1] as TestJpkiPersonalData), sex: '9' },
    });
    no(
      'signature certificate with sex 9',
      ['ENR-06'],
      await enc(base({ certificate: badSex })),
      'ERR_JPKI_PROFILE',
      ['Jpki'],
    );
    // 5. JPKI validation
    no(
      "TEST person 0's old certificate, revoked as superseded",
      ['ENR-07'],
      await enc(base({ certificate: p0.certificate, cardKey: p0.cardKey })),
      'ERR_REVOKED',
      ['Jpki'],
    );
    no(
      'no J-LIS CRLs available (fail closed)',
      ['ENR-07'],
      good,
      'ERR_REVOCATION_UNKNOWN',
      ['Jpki'],
      { crls: [] },
    );
    no(
      'test-environment JPKI certificate in production',
      ['ENR-07'],
      await enc(
        base({ certificate: j.testPolicyPerson.certificate, cardKey: j.testPolicyPerson.cardKey }),
      ),
      'ERR_JPKI_TEST_CERTIFICATE',
      ['Jpki'],
    );
    const expiredJpki = await issueTestJpkiCertificate({
      kind: 'sign',
      generation: 3,
      serialNumber: '7a0003',
      subjectKey: p1.cardKey,
      personal: TEST_JPKI_PEOPLE[1] as TestJpkiPersonalData,
      notBefore: T - 6 * 365 * DAY,
      notAfter: T - DAY,
    });
    no(
      'JPKI certificate expired yesterday',
      ['ENR-07'],
      await enc(base({ certificate: expiredJpki })),
      'ERR_PATH_EXPIRED',
      ['Jpki'],
    );
    const forgedRoot = testRsaKey('jpki/forged-root');
    const forged = await issueTestJpkiCertificate({
      kind: 'sign',
      generation: 3,
      serialNumber: '7a0004',
      subjectKey: p1.cardKey,
      personal: TEST_JPKI_PEOPLE[1] as TestJpkiPersonalData,
      override: { signer: forgedRoot.signer },
    });
    no(
      "JPKI certificate with the root's name, signed by another key",
      ['ENR-07'],
      await enc(base({ certificate: forged })),
      'ERR_PATH_SIGNATURE',
      ['Jpki'],
    );
    // 6. card signature
    const tbsFields = {
      appId: APP,
      challenge: challenge.challenge,
      csrSha256: b64(sha256(csrGood)),
      rpId: RP,
    };
    no(
      'card signed the TBS with purpose jitsuin-login-v1',
      ['ENR-08', 'ENR-05'],
      await enc(base({ tbsObject: { ...tbsFields, purpose: 'jitsuin-login-v1' } })),
      'ERR_ENROLLMENT_CARD_SIGNATURE',
      ['CardSignature'],
    );
    no(
      'card signed the TBS without the purpose member',
      ['ENR-08', 'ENR-05'],
      await enc(base({ tbsObject: tbsFields })),
      'ERR_ENROLLMENT_CARD_SIGNATURE',
      ['CardSignature'],
    );
    no(
      'card signed a TBS for another app',
      ['ENR-08'],
      await enc(
        base({
          tbsObject: {
            ...tbsFields,
            appId: 'TEAMID.jp.example.shop',
            purpose: 'jitsuin-enrollment-v1',
          },
        }),
      ),
      'ERR_ENROLLMENT_CARD_SIGNATURE',
      ['CardSignature'],
    );
    no(
      'card signed a TBS binding another CSR (key substitution)',
      ['ENR-08'],
      await enc(
        base({
          tbsObject: {
            ...tbsFields,
            csrSha256: b64(sha256(swapped)),
            purpose: 'jitsuin-enrollment-v1',
          },
        }),
      ),
      'ERR_ENROLLMENT_CARD_SIGNATURE',
      ['CardSignature'],
    );
    no(
      "card signature made by another person's card",
      ['ENR-09'],
      await enc(base({ cardKey: p2.cardKey })),
      'ERR_ENROLLMENT_CARD_SIGNATURE',
      ['CardSignature'],
    );
    no(
      'card signature truncated by one byte',
      ['ENR-09'],
      await enc(
        request({ challenge, certificate: p1.certificate, cardKey: p1.cardKey }).then((r) => ({
          ...r,
          cardSignature: r.cardSignature.slice(1),
        })),
      ),
      'ERR_ENROLLMENT_CARD_SIGNATURE',
      ['CardSignature'],
    );
    // 7. attestation
    no(
      'attestation evidence the verifier rejects',
      ['ENR-10'],
      await enc(base({ attestation: utf8Encode('TEST forged evidence') })),
      'ERR_ENROLLMENT_ATTESTATION',
      ['Attestation'],
    );
    no(
      'no attestation evidence while the CA requires it',
      ['ENR-10'],
      good,
      'ERR_ENROLLMENT_ATTESTATION',
      ['Attestation'],
      { requireAttestation: true },
    );
    // 8. common code
    no(
      'J-LIS link source answers with a link for another certificate',
      ['ENR-12', 'CC-15'],
      await enc(base({ certificate: j.renewed.certificate, cardKey: j.renewed.cardKey })),
      'ERR_COMMON_CODE',
      ['CommonCode'],
      { renewalLinks: [{ ...linkJson(link1), newSerial: p2.serialNumber }], linkLookup: 'any' },
    );
    no(
      'certificate already replaced by a J-LIS-linked successor, never enrolled: superseded, no new code',
      ['CC-16'],
      await enc(base({ certificate: j.renewed.certificate, cardKey: j.renewed.cardKey })),
      'ERR_COMMON_CODE',
      ['CommonCode'],
    );
    no(
      'renewal links forming a cycle through the enrolling certificate (it has a successor)',
      ['CC-16'],
      await enc(base({ certificate: j.renewedTwice.certificate, cardKey: j.renewedTwice.cardKey })),
      'ERR_COMMON_CODE',
      ['CommonCode'],
      {
        renewalLinks: [
          linkJson(link2),
          linkJson({
            issuer: issuerName,
            oldSerial: j.renewedTwice.serialNumber,
            newSerial: j.renewed.serialNumber,
          }),
        ],
        registry: [],
      },
    );
    no(
      "forked link: besides J-LIS's renewal of person 0, a second link names person 1's certificate as a successor of person 0's enrolled one — refused, the code is not shared",
      ['CC-15'],
      good,
      'ERR_COMMON_CODE',
      ['CommonCode'],
      {
        renewalLinks: [
          linkJson(link1),
          linkJson({ issuer: issuerName, oldSerial: p0.serialNumber, newSerial: p1.serialNumber }),
        ],
      },
    );
    // order
    no(
      'unknown challenge and a bad CSR: the challenge is reported',
      ['ENR-13'],
      await enc(base({ challenge: ch('unknown-2'), csr: flipped })),
      'ERR_ENROLLMENT_CHALLENGE',
      ['Order'],
    );
    no(
      'bad CSR and a card signature by another card: the CSR is reported',
      ['ENR-13'],
      await enc(base({ csr: flipped, cardKey: p2.cardKey })),
      'ERR_ENROLLMENT_CSR',
      ['Order'],
    );
    no(
      'revoked JPKI certificate and a bad card signature: revocation is reported',
      ['ENR-13'],
      await enc(base({ certificate: p0.certificate, cardKey: p2.cardKey })),
      'ERR_REVOKED',
      ['Order'],
    );
  });

  const tbsGroup = await group('enrollment-tbs', {}, async (b) => {
    const csr = base64urlDecode('MIHFMG0CAQAwADBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABA');
    for (const [comment, input] of [
      [
        'ASCII identifiers',
        { challenge: challenge.challenge, rpId: RP, appId: APP, csr: b64(csr) },
      ],
      [
        'non-ASCII app id (escaping is RFC 8785)',
        {
          challenge: b64(fixedBytes('challenge/tbs-2', 32)),
          rpId: 'shop.example.jp',
          appId: 'jp.example.ショップ"\\',
          csr: b64(csr),
        },
      ],
    ] as const) {
      const tbs = enrollmentToBeSigned({
        challenge: input.challenge,
        rpId: input.rpId,
        appId: input.appId,
        csr: base64urlDecode(input.csr),
      });
      b.add({
        comment,
        flags: ['Valid'],
        requirements: ['ENR-05'],
        input,
        result: 'valid',
        output: { tbs: b64(tbs), tbsText: utf8Decode(tbs) },
      });
    }
  });

  const keyGroup = await group('person-key', {}, async (b) => {
    for (const [comment, serial] of [
      ['TEST person 0', p0.serialNumber],
      ['TEST person 1', p1.serialNumber],
      ['serial with a leading 00 octet (high bit set)', '00ff01'],
    ] as const) {
      b.add({
        comment,
        flags: ['Valid'],
        requirements: ['CC-02'],
        input: { issuer: b64(issuerName), serial },
        result: 'valid',
        output: { personKey: b64(personKey(issuerName, serial)) },
      });
    }
  });

  const k0 = keyOf(p0.serialNumber);
  const kR = keyOf(j.renewed.serialNumber);
  const k2 = keyOf(p2.serialNumber);
  const rebindGroup = await group(
    'common-code-rebind',
    {
      registry: [
        { personKey: b64(k0), commonCode: b64(codeX) },
        { personKey: b64(k2), commonCode: b64(codeY) },
      ],
    },
    async (b) => {
      const add = (
        comment: string,
        requirements: string[],
        input: Record<string, unknown>,
        expect: { code?: Uint8Array; created?: boolean; error?: 'ERR_COMMON_CODE' },
        flags: string[],
      ) =>
        b.add({
          comment,
          flags,
          requirements,
          input,
          ...(expect.error === undefined
            ? {
                result: 'valid',
                output: { commonCode: b64(expect.code as Uint8Array), created: expect.created },
              }
            : { result: 'invalid', error: expect.error }),
        });
      add(
        'valid link old → new: new key gets the old code',
        ['CC-07'],
        { oldKey: b64(k0), newKey: b64(kR), link: linkJson(link1) },
        { code: codeX, created: true },
        ['Valid', 'Renewal'],
      );
      add(
        'the same re-binding again (new key already has this code)',
        ['CC-09'],
        {
          oldKey: b64(k0),
          newKey: b64(kR),
          link: linkJson(link1),
          registry: [
            { personKey: b64(k0), commonCode: b64(codeX) },
            { personKey: b64(kR), commonCode: b64(codeX) },
          ],
        },
        { code: codeX, created: false },
        ['Valid'],
      );
      add(
        'link whose new serial names another certificate than newKey',
        ['CC-07'],
        {
          oldKey: b64(k0),
          newKey: b64(kR),
          link: linkJson({ ...link1, newSerial: j.renewedTwice.serialNumber }),
        },
        { error: 'ERR_COMMON_CODE' },
        ['CommonCode'],
      );
      add(
        'link whose old serial names another certificate than oldKey',
        ['CC-07'],
        {
          oldKey: b64(k0),
          newKey: b64(kR),
          link: linkJson({ ...link1, oldSerial: p1.serialNumber }),
        },
        { error: 'ERR_COMMON_CODE' },
        ['CommonCode'],
      );
      add(
        'link from another issuer name',
        ['CC-07'],
        {
          oldKey: b64(k0),
          newKey: b64(kR),
          link: linkJson({ ...link1, issuer: readJpkiCertificate(j.authCertificate).issuerDer }),
        },
        { error: 'ERR_COMMON_CODE' },
        ['CommonCode'],
      );
      add(
        'old key not bound',
        ['CC-07'],
        {
          oldKey: b64(keyOf(p1.serialNumber)),
          newKey: b64(kR),
          link: linkJson({ ...link1, oldSerial: p1.serialNumber }),
        },
        { error: 'ERR_COMMON_CODE' },
        ['CommonCode'],
      );
      add(
        'link from a certificate to itself',
        ['CC-07'],
        {
          oldKey: b64(k0),
          newKey: b64(k0),
          link: linkJson({ ...link1, newSerial: p0.serialNumber }),
        },
        { error: 'ERR_COMMON_CODE' },
        ['CommonCode'],
      );
      add(
        'forged link from person 0 to person 2, who has another code: never merged',
        ['CC-09'],
        {
          oldKey: b64(k0),
          newKey: b64(k2),
          link: linkJson({ ...link1, newSerial: p2.serialNumber }),
        },
        { error: 'ERR_COMMON_CODE' },
        ['CommonCode'],
      );
    },
  );

  const statement = await signRebindingStatement(
    { commonCode: codeX, link: link1, oldPersonKey: k0, newPersonKey: kR, iat: T },
    [ca.statement, ca.issuing, ca.root],
    async (m) => signEcdsa(ca.statementKey.privateKey, m),
  );
  const signStatement = async (payload: Record<string, unknown>, typ = 'jitsuin-rebinding+jws') => {
    const header = b64(
      canonicalizeToBytes({
        alg: 'ES256',
        typ,
        x5c: [ca.statement, ca.issuing, ca.root].map((c) => base64Std(c)),
      } as never),
    );
    const body = b64(canonicalizeToBytes(payload as never));
    const input = utf8Encode(`${header}.${body}`);
    return `${header}.${body}.${b64(signEcdsa(ca.statementKey.privateKey, input))}`;
  };
  const payload = JSON.parse(
    utf8Decode(base64urlDecode(statement.split('.')[1] as string)),
  ) as Record<string, unknown>;
  const stmtGroup = await group(
    'rebinding-statement',
    { trustAnchors: [b64(ca.root)], time: T },
    async (b) => {
      b.add({
        comment: 'statement of the renewal of TEST person 0',
        flags: ['Valid'],
        requirements: ['CC-10', 'CC-11'],
        input: { token: statement },
        result: 'valid',
        output: {
          commonCode: b64(codeX),
          oldSerial: link1.oldSerial,
          newSerial: link1.newSerial,
          iat: T,
        },
      });
      b.add({
        comment: "new person key swapped for another certificate's (re-signed)",
        flags: ['Statement'],
        requirements: ['CC-11'],
        input: { token: await signStatement({ ...payload, newPersonKey: b64(k2) }) },
        result: 'invalid',
        error: 'ERR_REBINDING',
      });
      b.add({
        comment: 'extra member (re-signed)',
        flags: ['Statement'],
        requirements: ['CC-11'],
        input: { token: await signStatement({ ...payload, note: 'x' }) },
        result: 'invalid',
        error: 'ERR_REBINDING',
      });
      b.add({
        comment: 'basis manual (re-signed)',
        flags: ['Statement'],
        requirements: ['CC-11'],
        input: { token: await signStatement({ ...payload, basis: 'manual' }) },
        result: 'invalid',
        error: 'ERR_REBINDING',
      });
      b.add({
        comment: 'typ jitsuin-login+jws',
        flags: ['Statement'],
        requirements: ['CC-11'],
        input: { token: await signStatement(payload, 'jitsuin-login+jws') },
        result: 'invalid',
        error: 'ERR_JWS_TYP',
      });
      b.add({
        comment: 'statement signed by a CA the verifier does not trust',
        flags: ['Statement'],
        requirements: ['CC-11'],
        input: { token: statement, trustAnchors: [b64(j.signRoots[0]?.certificate as Uint8Array)] },
        result: 'invalid',
        error: 'ERR_PATH_NO_ISSUER',
      });
    },
  );

  const groups = [processGroup, tbsGroup, keyGroup, rebindGroup, stmtGroup];
  return {
    schema: 'jitsuin-vectors-v1',
    suite: 'enrollment',
    specVersion: SPEC_VERSION,
    numberOfTests: groups.reduce((n, g) => n + g.tests.length, 0),
    notes: NOTES,
    testGroups: numberTests(groups),
  };
}

function base64Std(bytes: Uint8Array): string {
  return b64(bytes)
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .padEnd(Math.ceil((bytes.length * 4) / 3 / 4) * 4, '=');
}

/** The generator of `vectors/enrollment.json`. */
export const enrollmentGenerator: VectorGenerator = { name: 'enrollment', generate };
