import { beforeAll, describe, expect, it } from 'vitest';
import { isJitsuinError, type ErrorCode } from '../../src/errors.js';
import { utf8Encode } from '../../src/encoding/utf8.js';
import { sha256 } from '../../src/crypto/hash.js';
import { signCades, verifyCades, type VerifyCadesOptions } from '../../src/signature/index.js';
import {
  buildTestSignatureCrl,
  buildTestTimestampToken,
  createTestSignaturePki,
  testCardSigner,
  testPhoneSigner,
  type TestSignaturePki,
} from '../testpki/signature.js';
import { buildTestJpkiCrl, TEST_JPKI_TIME } from '../testpki/jpki.js';
import { parseCertificate } from '../../src/x509/certificate.js';
import { formatCommonCode } from '../../src/x509/common-code.js';
import { TEST_SIGNER_COMMON_CODE } from '../testpki/signature.js';

const DOC = utf8Encode('契約書 TEST: jitsuin signs this document.\n');
const T0 = TEST_JPKI_TIME + 86400; // 2026-01-02
let pki: TestSignaturePki;
let crls: Uint8Array[];

async function rejects(p: Promise<unknown>, code: ErrorCode, requirement?: string): Promise<void> {
  try {
    await p;
  } catch (e) {
    if (!isJitsuinError(e)) throw e;
    expect(e.code, e.message).toBe(code);
    if (requirement !== undefined) expect(e.requirement, e.message).toBe(requirement);
    return;
  }
  throw new Error(`expected ${code}, but it resolved`);
}

type Over = { [K in keyof VerifyCadesOptions]?: VerifyCadesOptions[K] | undefined };
/** Default verification options with `over` applied; a member set to undefined is removed. */
function opts(over: Over = {}): VerifyCadesOptions {
  const o: Record<string, unknown> = {
    content: DOC,
    trustAnchors: [pki.root],
    time: T0 + 60,
    revocation: { crls },
    ...over,
  };
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o as unknown as VerifyCadesOptions;
}

beforeAll(async () => {
  pki = await createTestSignaturePki();
  crls = [
    await buildTestSignatureCrl('ca', T0 - 3600),
    await buildTestSignatureCrl('root', T0 - 3600),
  ];
}, 60_000);

describe('signCades / verifyCades, accredited certificate (phone key)', () => {
  it('[SIG-22] [SIG-14] [SIG-25] signs a detached B-B signature that verifies with the name and common code', async () => {
    const sig = await signCades(
      { content: DOC },
      {
        signer: testPhoneSigner(pki.signerKey),
        certificateChain: [pki.signer, pki.ca],
        signingTime: T0,
      },
    );
    const r = await verifyCades(sig, opts());
    expect(r.level).toBe('B-B');
    expect(r.signerKind).toBe('accredited');
    expect(r.identity.name).toBe('髙橋　試験太郎');
    expect(r.identity.commonCodeText).toBe(formatCommonCode(TEST_SIGNER_COMMON_CODE));
    expect(r.signingTime).toBe(T0);
    expect(r.validatedAt).toBe(T0 + 60);
    expect(r.revocation.map((x) => x.status)).toEqual(['good', 'good']);
    // The digest form verifies too.
    await verifyCades(sig, opts({ content: undefined, digest: sha256(DOC) }));
  });

  it('[SIG-07] rejects one altered byte of the document', async () => {
    const sig = await signCades(
      { content: DOC },
      {
        signer: testPhoneSigner(pki.signerKey),
        certificateChain: [pki.signer, pki.ca],
        signingTime: T0,
      },
    );
    const altered = DOC.slice();
    altered[3] = (altered[3] as number) ^ 1;
    await rejects(
      verifyCades(sig, opts({ content: altered })),
      'ERR_CADES_DIGEST_MISMATCH',
      'SIG-07',
    );
  });

  it('[SIG-14] fails closed without revocation data, and rejects a revoked signer', async () => {
    const sig = await signCades(
      { content: DOC },
      {
        signer: testPhoneSigner(pki.revokedSignerKey),
        certificateChain: [pki.revokedSigner, pki.ca],
        signingTime: T0,
      },
    );
    await rejects(verifyCades(sig, opts({ revocation: undefined })), 'ERR_REVOCATION_UNKNOWN');
    const serial = parseCertificate(pki.revokedSigner).serialNumber;
    const revokedCrls = [
      await buildTestSignatureCrl('ca', T0, [
        { serial, revocationDate: T0 - 10, reason: 'cessationOfOperation' },
      ]),
      crls[1] as Uint8Array,
    ];
    await rejects(verifyCades(sig, opts({ revocation: { crls: revokedCrls } })), 'ERR_REVOKED');
  });

  it('[SIG-14] a verifier that accepts only card signatures refuses an accredited one (signerKinds)', async () => {
    const sig = await signCades(
      { content: DOC },
      {
        signer: testPhoneSigner(pki.signerKey),
        certificateChain: [pki.signer, pki.ca],
        signingTime: T0,
      },
    );
    await rejects(verifyCades(sig, opts({ signerKinds: ['jpki'] })), 'ERR_CERT_PROFILE', 'SIG-14');
    expect((await verifyCades(sig, opts({ signerKinds: ['accredited'] }))).signerKind).toBe(
      'accredited',
    );
  });

  it('[SIG-23] refuses to sign with a key that does not match the certificate', async () => {
    await rejects(
      signCades(
        { content: DOC },
        {
          signer: testPhoneSigner(pki.revokedSignerKey),
          certificateChain: [pki.signer, pki.ca],
          signingTime: T0,
        },
      ),
      'ERR_SIGNATURE_INVALID',
      'SIG-23',
    );
  });
});

describe('card signature (JPKI signature certificate, RSA-2048)', () => {
  it('[SIG-24] the card signs a DigestInfo; verified against the TEST J-LIS root with its CRL', async () => {
    const person = pki.jpki.people[0];
    if (person === undefined) throw new Error('no person');
    const sig = await signCades(
      { content: DOC },
      {
        signer: testCardSigner(person.cardKey),
        certificateChain: [person.certificate],
        signingTime: T0,
      },
    );
    const roots = pki.jpki.signRoots.map((r) => r.certificate);
    const jcrl = await buildTestJpkiCrl({
      root: person.generation,
      entries: [],
      thisUpdate: T0 - 3600,
    });
    const r = await verifyCades(sig, {
      content: DOC,
      trustAnchors: roots,
      time: T0 + 60,
      revocation: { crls: [jcrl] },
    });
    expect(r.signerKind).toBe('jpki');
    expect(r.identity.name).toBe('髙橋　試験太郎');
    expect(r.hash).toBe('SHA-256');
  });
});

describe('B-T', () => {
  it('[SIG-20] a revoked signer with a time-stamp from before the revocation still verifies, as of the time-stamp', async () => {
    const tsAt = T0 + 30;
    const sig = await signCades(
      { content: DOC },
      {
        signer: testPhoneSigner(pki.revokedSignerKey),
        certificateChain: [pki.revokedSigner, pki.ca],
        signingTime: T0,
        timestamp: (imprint) =>
          buildTestTimestampToken({ messageImprint: imprint.messageImprint, genTime: tsAt }),
      },
    );
    const later = T0 + 5 * 86400;
    const serial = parseCertificate(pki.revokedSigner).serialNumber;
    const revoked = [
      await buildTestSignatureCrl('ca', later - 3600, [
        { serial, revocationDate: T0 + 86400, reason: 'cessationOfOperation' },
      ]),
      await buildTestSignatureCrl('root', later - 3600),
    ];
    const r = await verifyCades(sig, opts({ time: later, revocation: { crls: revoked } }));
    expect(r.level).toBe('B-T');
    expect(r.timestampTime).toBe(tsAt);
    expect(r.validatedAt).toBe(tsAt);
    expect(r.revocation[0]?.status).toBe('revoked-after-timestamp');
    // keyCompromise: a time-stamp does not outlast it.
    const compromised = [
      await buildTestSignatureCrl('ca', later - 3600, [
        { serial, revocationDate: T0 + 86400, reason: 'keyCompromise' },
      ]),
      revoked[1] as Uint8Array,
    ];
    await rejects(
      verifyCades(sig, opts({ time: later, revocation: { crls: compromised } })),
      'ERR_REVOKED',
      'SIG-20',
    );
    // Revoked before the time-stamp: fails.
    const before = [
      await buildTestSignatureCrl('ca', later - 3600, [
        { serial, revocationDate: T0, reason: 'cessationOfOperation' },
      ]),
      revoked[1] as Uint8Array,
    ];
    await rejects(
      verifyCades(sig, opts({ time: later, revocation: { crls: before } })),
      'ERR_REVOKED',
      'SIG-20',
    );
  });
});
