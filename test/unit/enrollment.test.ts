import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { isJitsuinError } from '../../src/errors.js';
import { base64urlDecode, base64urlEncode } from '../../src/encoding/base64url.js';
import { utf8Encode } from '../../src/encoding/utf8.js';
import { signEcdsa } from '../../src/crypto/ecdsa.js';
import { parseCertificate, validatePath } from '../../src/x509/index.js';
import { readJpkiCertificate } from '../../src/jpki/index.js';
import {
  createEnrollmentChallenge,
  createEnrollmentRequest,
  decodeEnrollmentRequest,
  enrollmentToBeSigned,
  MemoryCommonCodeRegistry,
  MemoryEnrollmentChallengeStore,
  personKey,
  processEnrollment,
  resolveCommonCode,
  verifyRebindingStatement,
  type EnrollmentChallenge,
  type JpkiRenewalLink,
  type ProcessEnrollmentOptions,
  type RenewalLinkSource,
} from '../../src/enrollment/index.js';
import {
  buildTestJpkiCrl,
  createTestJpki,
  issueTestJpkiCertificate,
  signWithTestCard,
  TEST_JPKI_PEOPLE,
  TEST_JPKI_TIME,
  type TestJpki,
  type TestJpkiPerson,
} from '../testpki/jpki.js';
import { createTestAppCa, testEcKey, type TestAppCa } from '../testpki/app-ca.js';

const T = TEST_JPKI_TIME;
const RP = 'bank.example.jp';
const APP = 'TEAMID.jp.example.bank';
let j: TestJpki;
let ca: TestAppCa;
let crls: Uint8Array[];

beforeAll(async () => {
  j = await createTestJpki();
  ca = await createTestAppCa();
  crls = await Promise.all(
    [1, 2, 3].map((g) => buildTestJpkiCrl({ root: g as 1 | 2 | 3, entries: [] })),
  );
}, 120_000);

const appKey = testEcKey('unit/enrollment/app');
const csrSigner = {
  publicKey: appKey.spki,
  sign: async (m: Uint8Array) => signEcdsa(appKey.privateKey, m, { format: 'der' }),
};

function caOptions(
  over: Partial<ProcessEnrollmentOptions> & {
    store: MemoryEnrollmentChallengeStore;
    registry: MemoryCommonCodeRegistry;
  },
): ProcessEnrollmentOptions {
  const { store, ...rest } = over;
  return {
    challengeStore: store,
    jpkiTrustAnchors: j.signRoots.map((r) => r.certificate),
    crls,
    time: T,
    issuer: { certificate: ca.issuing, chain: [ca.root], signer: ca.issuingKey.signer },
    rebindingSigner: {
      certificateChain: [ca.statement, ca.issuing, ca.root],
      sign: async (m) => signEcdsa(ca.statementKey.privateKey, m),
    },
    ...rest,
  };
}

async function enrol(
  person: Pick<TestJpkiPerson, 'certificate' | 'cardKey'>,
  store: MemoryEnrollmentChallengeStore,
  options: ProcessEnrollmentOptions,
  appId = APP,
) {
  const challenge = createEnrollmentChallenge({ rpId: RP, appId, time: T });
  await store.put(challenge);
  const { encoded } = await createEnrollmentRequest({
    challenge,
    appId,
    csrSigner,
    jpkiCertificate: person.certificate,
    signWithCard: (tbs) => signWithTestCard(person.cardKey, tbs),
  });
  return processEnrollment(encoded, options);
}

describe('challenge', () => {
  it('[ENR-01] draws 32 bytes from the random source, records rpId and appId, bounds the lifetime to 600 s', () => {
    const seen: number[] = [];
    const c = createEnrollmentChallenge({
      rpId: RP,
      appId: APP,
      time: T,
      lifetime: 600,
      random: (n) => {
        seen.push(n);
        return new Uint8Array(n).fill(7);
      },
    });
    expect(seen).toEqual([32]);
    expect(base64urlDecode(c.challenge)).toEqual(new Uint8Array(32).fill(7));
    expect(c).toMatchObject({ rpId: RP, appId: APP, iat: T, exp: T + 600 });
    expect(() =>
      createEnrollmentChallenge({ rpId: RP, appId: APP, time: T, lifetime: 601 }),
    ).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT', requirement: 'ENR-01' }));
    expect(() => createEnrollmentChallenge({ rpId: RP, appId: APP, time: T, lifetime: 0 })).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT' }),
    );
    expect(() => createEnrollmentChallenge({ rpId: '', appId: APP, time: T })).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT' }),
    );
    expect(() =>
      createEnrollmentChallenge({
        rpId: RP,
        appId: APP,
        time: T,
        random: () => new Uint8Array(16),
      }),
    ).toThrow(expect.objectContaining({ code: 'ERR_INTERNAL' }));
    const a = createEnrollmentChallenge({ rpId: RP, appId: APP, time: T });
    const b = createEnrollmentChallenge({ rpId: RP, appId: APP, time: T });
    expect(a.challenge).not.toBe(b.challenge);
  });

  it('[ENR-03] a challenge is consumed once, even by concurrent requests', async () => {
    const store = new MemoryEnrollmentChallengeStore();
    const c = createEnrollmentChallenge({ rpId: RP, appId: APP, time: T });
    await store.put(c);
    const results = await Promise.all(Array.from({ length: 8 }, () => store.consume(c.challenge)));
    expect(results.filter((r) => r.status === 'consumed')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'replayed')).toHaveLength(7);
    await expect(store.consume('x')).resolves.toEqual({ status: 'unknown' });
    const small = new MemoryEnrollmentChallengeStore({ maxEntries: 2 });
    const cs = [1, 2, 3].map((i) =>
      createEnrollmentChallenge({
        rpId: RP,
        appId: APP,
        time: T,
        random: (n) => new Uint8Array(n).fill(i),
      }),
    );
    for (const x of cs) await small.put(x);
    await expect(small.consume(cs[0]!.challenge)).resolves.toEqual({ status: 'unknown' });
    await expect(small.consume(cs[2]!.challenge)).resolves.toMatchObject({ status: 'consumed' });
    await expect(small.put(cs[2]!)).rejects.toMatchObject({ code: 'ERR_INVALID_ARGUMENT' });
  });

  it('[ENR-03] concurrent enrollments with one challenge: exactly one succeeds', async () => {
    const store = new MemoryEnrollmentChallengeStore();
    const registry = new MemoryCommonCodeRegistry();
    const challenge = createEnrollmentChallenge({ rpId: RP, appId: APP, time: T });
    await store.put(challenge);
    const person = j.people[1]!;
    const { encoded } = await createEnrollmentRequest({
      challenge,
      appId: APP,
      csrSigner,
      jpkiCertificate: person.certificate,
      signWithCard: (tbs) => signWithTestCard(person.cardKey, tbs),
    });
    const settled = await Promise.allSettled(
      [1, 2, 3].map(() => processEnrollment(encoded, caOptions({ store, registry }))),
    );
    expect(settled.filter((s) => s.status === 'fulfilled')).toHaveLength(1);
    for (const s of settled)
      if (s.status === 'rejected')
        expect(s.reason).toMatchObject({ code: 'ERR_ENROLLMENT_CHALLENGE' });
  });
});

describe('app side', () => {
  it('[ENR-14] refuses a challenge issued for another app before the card signs', async () => {
    const challenge: EnrollmentChallenge = createEnrollmentChallenge({
      rpId: RP,
      appId: 'TEAMID.jp.example.shop',
      time: T,
    });
    let cardCalls = 0;
    await expect(
      createEnrollmentRequest({
        challenge,
        appId: APP,
        csrSigner,
        jpkiCertificate: j.people[1]!.certificate,
        signWithCard: async () => {
          cardCalls++;
          return new Uint8Array(256);
        },
      }),
    ).rejects.toMatchObject({ code: 'ERR_ENROLLMENT_CHALLENGE', requirement: 'ENR-14' });
    expect(cardCalls).toBe(0);
  });

  it('[ENR-15] checks the card signature locally (wrong card is reported on the phone)', async () => {
    const challenge = createEnrollmentChallenge({ rpId: RP, appId: APP, time: T });
    await expect(
      createEnrollmentRequest({
        challenge,
        appId: APP,
        csrSigner,
        jpkiCertificate: j.people[1]!.certificate,
        signWithCard: (tbs) => signWithTestCard(j.people[2]!.cardKey, tbs),
      }),
    ).rejects.toMatchObject({ code: 'ERR_SIGNATURE_INVALID' });
  });

  it('[ENR-06] refuses the user-authentication certificate', async () => {
    const challenge = createEnrollmentChallenge({ rpId: RP, appId: APP, time: T });
    await expect(
      createEnrollmentRequest({
        challenge,
        appId: APP,
        csrSigner,
        jpkiCertificate: j.authCertificate,
        signWithCard: (tbs) => signWithTestCard(j.authKey, tbs),
      }),
    ).rejects.toMatchObject({ code: 'ERR_JPKI_PROFILE' });
  });

  it('[ENR-05] the card signs exactly the canonical TBS bytes', async () => {
    const challenge = createEnrollmentChallenge({
      rpId: RP,
      appId: APP,
      time: T,
      random: (n) => new Uint8Array(n),
    });
    let signed: Uint8Array | undefined;
    const created = await createEnrollmentRequest({
      challenge,
      appId: APP,
      csrSigner,
      jpkiCertificate: j.people[1]!.certificate,
      signWithCard: async (tbs) => {
        signed = tbs;
        return signWithTestCard(j.people[1]!.cardKey, tbs);
      },
    });
    const csrHash = createHash('sha256').update(created.request.csr).digest('base64url');
    const expected = `{"appId":"${APP}","challenge":"${'A'.repeat(43)}","csrSha256":"${csrHash}","purpose":"jitsuin-enrollment-v1","rpId":"${RP}"}`;
    expect(new TextDecoder().decode(signed)).toBe(expected);
    expect(
      enrollmentToBeSigned({
        challenge: challenge.challenge,
        rpId: RP,
        appId: APP,
        csr: created.request.csr,
      }),
    ).toEqual(utf8Encode(expected));
    expect(decodeEnrollmentRequest(created.encoded)).toEqual(created.request);
  });
});

describe('CA side', () => {
  it('[REV-41] [REV-40] names the partition of its issuance period in each certificate, with J-LIS CRLs loaded once', async () => {
    const { crlPartitionUri, loadCrl } = await import('../../src/x509/revocation/index.js');
    const store = new MemoryEnrollmentChallengeStore();
    const registry = new MemoryCommonCodeRegistry();
    const crlPartitions = { baseUri: 'http://crl.ca.example/app-', period: 7 * 86_400 };
    const options = caOptions({
      store,
      registry,
      crls: crls.map((c) => loadCrl(c)),
      crlPartitions,
    });
    const r = await enrol(j.people[4]!, store, options);
    const dp = parseCertificate(r.certificate).crlDistributionPoints;
    expect(dp).toHaveLength(1);
    expect(dp?.[0]?.fullName).toEqual([
      { type: 'uniformResourceIdentifier', value: crlPartitionUri(crlPartitions, T) },
    ]);
    expect(crlPartitionUri(crlPartitions, T)).toBe(
      `http://crl.ca.example/app-${Math.floor(T / crlPartitions.period)}.crl`,
    );
    // A misconfigured partitioning is refused before the challenge is spent.
    const challenge = createEnrollmentChallenge({ rpId: RP, appId: APP, time: T });
    await store.put(challenge);
    const person = j.people[4]!;
    const { encoded } = await createEnrollmentRequest({
      challenge,
      appId: APP,
      csrSigner,
      jpkiCertificate: person.certificate,
      signWithCard: (tbs) => signWithTestCard(person.cardKey, tbs),
    });
    await expect(
      processEnrollment(encoded, {
        ...options,
        crlPartitions: { baseUri: 'http://crl.ca.example/app-', period: 0 },
      }),
    ).rejects.toMatchObject({ code: 'ERR_INVALID_ARGUMENT', requirement: 'REV-41' });
    await expect(processEnrollment(encoded, options)).resolves.toBeDefined();
  });

  it("[ENR-11] issues an app-authentication certificate for the CSR key, bound to the challenge's RP and app, software without verified attestation", async () => {
    const store = new MemoryEnrollmentChallengeStore();
    const registry = new MemoryCommonCodeRegistry();
    const challenge = createEnrollmentChallenge({ rpId: RP, appId: APP, time: T });
    await store.put(challenge);
    const person = j.people[4]!;
    const { encoded } = await createEnrollmentRequest({
      challenge,
      appId: APP,
      csrSigner,
      jpkiCertificate: person.certificate,
      signWithCard: (tbs) => signWithTestCard(person.cardKey, tbs),
      attest: async () => utf8Encode('unverifiable evidence'),
    });
    const r = await processEnrollment(encoded, caOptions({ store, registry }));
    const path = await validatePath(r.certificate, {
      trustAnchors: [ca.root],
      intermediates: [ca.issuing],
      time: T,
      profile: 'app-authentication',
      revocation: { mode: 'off' },
    });
    expect(path.leaf.subjectPublicKeyInfo).toEqual(appKey.spki);
    expect(path.appBinding).toEqual({ rpId: RP, appId: APP });
    expect(path.keyProtection).toBe('software');
    expect(path.commonCode).toEqual(r.commonCode);
    expect(path.leaf.notAfter).toBeLessThanOrEqual(
      readJpkiCertificate(person.certificate).notAfter,
    );
    expect(r.chain).toEqual([r.certificate, ca.issuing, ca.root]);
  });

  it('[CC-13] the app certificate carries neither the person key, the JPKI serial nor the basic four items', async () => {
    const store = new MemoryEnrollmentChallengeStore();
    const registry = new MemoryCommonCodeRegistry();
    const person = j.people[0]!;
    const r = await enrol(j.renewed, store, caOptions({ store, registry }));
    const hex = Buffer.from(r.certificate).toString('hex');
    expect(hex).not.toContain(Buffer.from(r.personKey).toString('hex'));
    expect(hex).not.toContain(j.renewed.serialNumber);
    for (const text of [
      TEST_JPKI_PEOPLE[0]!.name,
      TEST_JPKI_PEOPLE[0]!.dateOfBirth,
      j.renewed.personal.address,
      person.personal.address,
    ]) {
      expect(hex).not.toContain(Buffer.from(text, 'utf8').toString('hex'));
    }
  });

  it("[CC-04] the code is the registry's random draw, not a function of the certificate", async () => {
    const codes: string[] = [];
    for (let i = 0; i < 2; i++) {
      const store = new MemoryEnrollmentChallengeStore();
      const registry = new MemoryCommonCodeRegistry();
      codes.push(
        base64urlEncode(
          (await enrol(j.people[3]!, store, caOptions({ store, registry }))).commonCode,
        ),
      );
    }
    expect(codes[0]).not.toBe(codes[1]);
    const store = new MemoryEnrollmentChallengeStore();
    const fixed = new Uint8Array(16).fill(0x42);
    const r = await enrol(
      j.people[3]!,
      store,
      caOptions({ store, registry: new MemoryCommonCodeRegistry({ random: () => fixed.slice() }) }),
    );
    expect(r.commonCode).toEqual(fixed);
  });

  it('[CC-06] two people with identical basic four items get different codes', async () => {
    const twinData = TEST_JPKI_PEOPLE[1]!;
    const twinA = {
      certificate: await issueTestJpkiCertificate({
        kind: 'sign',
        serialNumber: '7c0001',
        subjectKey: j.people[1]!.cardKey,
        personal: twinData,
      }),
      cardKey: j.people[1]!.cardKey,
    };
    const twinB = {
      certificate: await issueTestJpkiCertificate({
        kind: 'sign',
        serialNumber: '7c0002',
        subjectKey: j.people[2]!.cardKey,
        personal: twinData,
      }),
      cardKey: j.people[2]!.cardKey,
    };
    const store = new MemoryEnrollmentChallengeStore();
    const registry = new MemoryCommonCodeRegistry();
    const a = await enrol(twinA, store, caOptions({ store, registry }));
    const b = await enrol(twinB, store, caOptions({ store, registry }));
    expect(a.commonCodeStatus).toBe('new');
    expect(b.commonCodeStatus).toBe('new');
    expect(a.commonCodeText).not.toBe(b.commonCodeText);
  });

  it('[CC-03] same certificate in several apps: one code; [CC-10] renewal re-bound with a verifiable statement', async () => {
    const store = new MemoryEnrollmentChallengeStore();
    const registry = new MemoryCommonCodeRegistry();
    const old = j.people[0]!;
    const issuer = readJpkiCertificate(old.certificate).issuerDer;
    const link: JpkiRenewalLink = {
      issuer,
      oldSerial: old.serialNumber,
      newSerial: j.renewed.serialNumber,
    };
    const known: JpkiRenewalLink[] = [];
    const links: RenewalLinkSource = {
      previous: async (_i, serial) => known.find((l) => l.newSerial === serial),
      next: async (_i, serial) => known.find((l) => l.oldSerial === serial),
    };
    const opts = caOptions({ store, registry, renewalLinks: links });
    const first = await enrol(old, store, opts);
    const again = await enrol(old, store, opts, 'TEAMID.jp.example.shop');
    expect(again.commonCode).toEqual(first.commonCode);
    expect(again.commonCodeStatus).toBe('existing');
    known.push(link); // J-LIS renews the certificate and reports the link
    const renewed = await enrol(j.renewed, store, opts);
    expect(renewed.commonCode).toEqual(first.commonCode);
    expect(renewed.commonCodeStatus).toBe('rebound');
    expect(renewed.rebindingStatements).toHaveLength(1);
    const s = await verifyRebindingStatement(renewed.rebindingStatements[0]!, {
      validateChain: (chain) =>
        validatePath(chain[0]!, {
          trustAnchors: [ca.root],
          intermediates: chain.slice(1),
          time: T,
          revocation: { mode: 'off' },
        }),
    });
    expect(s).toMatchObject({
      commonCode: first.commonCode,
      link,
      iat: T,
      oldPersonKey: personKey(issuer, old.serialNumber),
      newPersonKey: personKey(issuer, j.renewed.serialNumber),
    });
    expect(parseCertificate(s.chain!.leaf.der).subject.text).toContain('re-binding statements');
    const third = await enrol(j.renewed, store, opts);
    expect(third.commonCodeStatus).toBe('existing');
    expect(third.rebindingStatements).toHaveLength(0);
  });

  it('[ENR-02] a request passed as an object gets the same format checks as the wire form', async () => {
    const person = j.people[1]!;
    const make = async (store: MemoryEnrollmentChallengeStore) => {
      const challenge = createEnrollmentChallenge({ rpId: RP, appId: APP, time: T });
      await store.put(challenge);
      return (
        await createEnrollmentRequest({
          challenge,
          appId: APP,
          csrSigner,
          jpkiCertificate: person.certificate,
          signWithCard: (tbs) => signWithTestCard(person.cardKey, tbs),
        })
      ).request;
    };
    const store = new MemoryEnrollmentChallengeStore();
    const options = caOptions({ store, registry: new MemoryCommonCodeRegistry() });
    const good = await make(store);
    const broken: unknown[] = [
      { ...good, challenge: 'AAAA' },
      { ...good, rpId: 'bank.example.jp\n' },
      { ...good, v: 2 },
      { ...good, keyProtection: 'secure-enclave' },
      { ...good, csr: new Uint8Array(5000).fill(0x30) },
      { ...good, cardSignature: new Uint8Array() },
      { ...good, cardSignature: 'AAAA' },
    ];
    for (const request of broken) {
      await expect(processEnrollment(request as never, options)).rejects.toMatchObject({
        code: 'ERR_ENROLLMENT_REQUEST',
        requirement: 'ENR-02',
      });
    }
    // Nothing was consumed by the refused objects: the well-formed one still enrols.
    await expect(processEnrollment(good, options)).resolves.toMatchObject({
      commonCodeStatus: 'new',
    });
  });

  it('[ENR-07] revocation checking cannot be switched off for enrollment', async () => {
    const store = new MemoryEnrollmentChallengeStore();
    await expect(
      enrol(
        j.people[1]!,
        store,
        caOptions({
          store,
          registry: new MemoryCommonCodeRegistry(),
          revocationMode: 'off' as never,
        }),
      ),
    ).rejects.toMatchObject({ code: 'ERR_INVALID_ARGUMENT', requirement: 'ENR-07' });
    await expect(
      enrol(
        j.people[1]!,
        store,
        caOptions({
          store,
          registry: new MemoryCommonCodeRegistry(),
          crls: [],
          revocationMode: 'prefer',
        }),
      ),
    ).resolves.toMatchObject({ commonCodeStatus: 'new' });
  });

  it('[CC-16] a certificate J-LIS reports as replaced gets no new code', async () => {
    const store = new MemoryEnrollmentChallengeStore();
    const old = j.people[1]!;
    const issuer = readJpkiCertificate(old.certificate).issuerDer;
    const link: JpkiRenewalLink = { issuer, oldSerial: old.serialNumber, newSerial: '7d0001' };
    const registry = new MemoryCommonCodeRegistry();
    const opts = caOptions({
      store,
      registry,
      renewalLinks: {
        previous: async () => undefined,
        next: async (_i, s) => (s === old.serialNumber ? link : undefined),
      },
    });
    await expect(enrol(old, store, opts)).rejects.toMatchObject({
      code: 'ERR_COMMON_CODE',
      requirement: 'CC-16',
    });
    expect(registry.size).toBe(0);
  });

  it('[CC-15] an inconsistent link source (a cycle behind the certificate) is refused', async () => {
    const iss = readJpkiCertificate(j.people[0]!.certificate).issuerDer;
    const registry = new MemoryCommonCodeRegistry();
    // aa ← bb ← cc ← bb: a cycle behind the enrolling certificate, each link also reported forward.
    const back: Record<string, string> = { aa: 'bb', bb: 'cc', cc: 'bb' };
    const forth: Record<string, string> = { bb: 'aa', cc: 'bb' };
    const cycle: RenewalLinkSource = {
      previous: async (_i, s) => ({ issuer: iss, oldSerial: back[s] as string, newSerial: s }),
      next: async (_i, s) =>
        forth[s] === undefined
          ? undefined
          : { issuer: iss, oldSerial: s, newSerial: forth[s] as string },
    };
    await expect(resolveCommonCode(registry, iss, 'aa', cycle)).rejects.toMatchObject({
      code: 'ERR_COMMON_CODE',
      requirement: 'CC-15',
    });
    const wrong: RenewalLinkSource = {
      previous: async () => ({ issuer: iss, oldSerial: '01', newSerial: '02' }),
      next: async () => undefined,
    };
    await expect(resolveCommonCode(registry, iss, 'aa', wrong)).rejects.toMatchObject({
      code: 'ERR_COMMON_CODE',
      requirement: 'CC-15',
    });
    let calls = 0;
    const hex = (n: number) => n.toString(16).padStart(2, '0');
    const long: RenewalLinkSource = {
      previous: async (_i, s) => {
        calls++;
        return { issuer: iss, oldSerial: hex(parseInt(s, 16) + 1), newSerial: s };
      },
      next: async (_i, s) =>
        s === '10' ? undefined : { issuer: iss, oldSerial: s, newSerial: hex(parseInt(s, 16) - 1) },
    };
    await expect(resolveCommonCode(registry, iss, '10', long)).resolves.toMatchObject({
      status: 'new',
    });
    expect(calls).toBe(8);
  });

  it('[CC-15] a forked link (a second successor of an enrolled certificate) never shares its code', async () => {
    const iss = readJpkiCertificate(j.people[0]!.certificate).issuerDer;
    const code = new Uint8Array(16).fill(0x5a);
    const registry = new MemoryCommonCodeRegistry({ initial: [[personKey(iss, '0100'), code]] });
    // J-LIS renewed 0100 into 0101; a forged or mis-recorded link also names 0100 → 0666.
    const links: JpkiRenewalLink[] = [
      { issuer: iss, oldSerial: '0100', newSerial: '0101' },
      { issuer: iss, oldSerial: '0100', newSerial: '0666' },
    ];
    const source: RenewalLinkSource = {
      previous: async (_i, s) => links.find((l) => l.newSerial === s),
      next: async (_i, s) => links.find((l) => l.oldSerial === s),
    };
    await expect(resolveCommonCode(registry, iss, '0666', source)).rejects.toMatchObject({
      code: 'ERR_COMMON_CODE',
      requirement: 'CC-15',
    });
    expect(await registry.lookup(personKey(iss, '0666'))).toBeUndefined();
    await expect(resolveCommonCode(registry, iss, '0101', source)).resolves.toMatchObject({
      status: 'rebound',
      code,
    });
  });

  it('[CC-10] renewal links without a statement signer are a configuration error caught before any check', async () => {
    const store = new MemoryEnrollmentChallengeStore();
    const { rebindingSigner: _drop, ...opts } = caOptions({
      store,
      registry: new MemoryCommonCodeRegistry(),
      renewalLinks: { previous: async () => undefined, next: async () => undefined },
    });
    await expect(enrol(j.people[1]!, store, opts)).rejects.toMatchObject({
      code: 'ERR_INVALID_ARGUMENT',
      requirement: 'CC-10',
    });
  });

  it("[CC-12] a revoked certificate's successor without a J-LIS link gets a new code", async () => {
    const store = new MemoryEnrollmentChallengeStore();
    const registry = new MemoryCommonCodeRegistry();
    const old = j.people[0]!;
    const first = await enrol(old, store, caOptions({ store, registry }));
    const revoked = [
      await buildTestJpkiCrl({
        root: 1,
        entries: [{ serial: old.serialNumber, revocationDate: T, reason: 'keyCompromise' }],
      }),
      crls[1]!,
      crls[2]!,
    ];
    await expect(
      enrol(old, store, caOptions({ store, registry, crls: revoked, time: T + 60 })),
    ).rejects.toMatchObject({ code: 'ERR_REVOKED' });
    const next = await enrol(
      j.renewed,
      store,
      caOptions({
        store,
        registry,
        crls: revoked,
        renewalLinks: { previous: async () => undefined, next: async () => undefined },
      }),
    );
    expect(next.commonCodeStatus).toBe('new');
    expect(next.commonCode).not.toEqual(first.commonCode);
  });

  it('[ENR-10] passes evidence, challenge and key to the attestation verifier and uses its answer', async () => {
    const store = new MemoryEnrollmentChallengeStore();
    const seen: unknown[] = [];
    const challenge = createEnrollmentChallenge({ rpId: RP, appId: APP, time: T });
    await store.put(challenge);
    const person = j.people[5]!;
    const { encoded } = await createEnrollmentRequest({
      challenge,
      appId: APP,
      csrSigner,
      jpkiCertificate: person.certificate,
      signWithCard: (tbs) => signWithTestCard(person.cardKey, tbs),
      attest: async (ctx) => utf8Encode(`evidence for ${ctx.challenge}`),
    });
    const r = await processEnrollment(
      encoded,
      caOptions({
        store,
        registry: new MemoryCommonCodeRegistry(),
        requireAttestation: true,
        attestationVerifier: async (ctx) => {
          seen.push(ctx);
          return 'strongbox';
        },
      }),
    );
    expect(r.keyProtection).toBe('strongbox');
    expect(seen).toEqual([
      {
        evidence: utf8Encode(`evidence for ${challenge.challenge}`),
        challenge: challenge.challenge,
        publicKey: appKey.spki,
        rpId: RP,
        appId: APP,
      },
    ]);
  });
});

describe('registry', () => {
  const issuer = (): Uint8Array => readJpkiCertificate(j.people[0]!.certificate).issuerDer;

  it('[CC-02] person keys are SHA-256 over the labelled, length-prefixed issuer and serial', () => {
    const iss = issuer();
    const serial = Buffer.from('5e1000', 'hex');
    const u32 = (n: number) => Buffer.from([n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]);
    const expected = createHash('sha256')
      .update(
        Buffer.concat([
          Buffer.from('jitsuin-person-key-v1'),
          Buffer.from([0]),
          u32(iss.length),
          iss,
          u32(serial.length),
          serial,
        ]),
      )
      .digest();
    expect(personKey(iss, '5e1000')).toEqual(new Uint8Array(expected));
    expect(() => personKey(iss, '5E1000')).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT' }),
    );
  });

  it('[CC-03] concurrent assignments of one person key give one code', async () => {
    const registry = new MemoryCommonCodeRegistry();
    const key = personKey(issuer(), '01');
    const results = await Promise.all(Array.from({ length: 10 }, () => registry.assignOrGet(key)));
    expect(new Set(results.map((r) => base64urlEncode(r.code))).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
  });

  it('[CC-05] a repeated random value is drawn again, and a source that only repeats is refused', async () => {
    const draws = [
      new Uint8Array(16).fill(1),
      new Uint8Array(16).fill(1),
      new Uint8Array(16).fill(2),
    ];
    const registry = new MemoryCommonCodeRegistry({
      random: () => draws.shift() ?? new Uint8Array(16).fill(1),
    });
    const a = await registry.assignOrGet(personKey(issuer(), '01'));
    const b = await registry.assignOrGet(personKey(issuer(), '02'));
    expect(a.code).toEqual(new Uint8Array(16).fill(1));
    expect(b.code).toEqual(new Uint8Array(16).fill(2));
    await expect(registry.assignOrGet(personKey(issuer(), '03'))).rejects.toMatchObject({
      code: 'ERR_COMMON_CODE',
      requirement: 'CC-05',
    });
  });

  it('[CC-07] [CC-09] rebind checks the link against both keys and never merges two codes', async () => {
    const registry = new MemoryCommonCodeRegistry();
    const iss = issuer();
    const [k1, k2, k3] = ['01', '02', '03'].map((s) => personKey(iss, s)) as [
      Uint8Array,
      Uint8Array,
      Uint8Array,
    ];
    const c1 = (await registry.assignOrGet(k1)).code;
    const c3 = (await registry.assignOrGet(k3)).code;
    await expect(
      registry.rebind(k1, k2, { issuer: iss, oldSerial: '01', newSerial: '04' }),
    ).rejects.toMatchObject({ code: 'ERR_COMMON_CODE', requirement: 'CC-07' });
    await expect(
      registry.rebind(k1, k3, { issuer: iss, oldSerial: '01', newSerial: '03' }),
    ).rejects.toMatchObject({ code: 'ERR_COMMON_CODE', requirement: 'CC-09' });
    expect(await registry.lookup(k3)).toEqual(c3);
    await expect(
      registry.rebind(k1, k2, { issuer: iss, oldSerial: '01', newSerial: '02' }),
    ).resolves.toEqual({ code: c1, created: true });
    expect(await registry.lookup(k2)).toEqual(c1);
    expect(
      isJitsuinError(
        await registry.rebind(k1, k2, null as never).catch((e: unknown) => e),
        'ERR_COMMON_CODE',
      ),
    ).toBe(true);
  });

  it('restores initial bindings, several keys per code', async () => {
    const iss = issuer();
    const code = new Uint8Array(16).fill(9);
    const registry = new MemoryCommonCodeRegistry({
      initial: [
        [personKey(iss, '01'), code],
        [personKey(iss, '02'), code],
      ],
    });
    expect(await registry.lookup(personKey(iss, '02'))).toEqual(code);
    expect(registry.size).toBe(2);
  });
});

describe('TEST data', () => {
  it('uses the same TEST JPKI people as the vectors', () => {
    expect(j.people).toHaveLength(TEST_JPKI_PEOPLE.length);
    expect(j.renewed.personal.name).toBe(TEST_JPKI_PEOPLE[0]!.name);
  });
});
