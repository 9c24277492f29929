import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isJitsuinError, JitsuinError, type ErrorCode } from '../../src/errors.js';
import { utf8Encode } from '../../src/encoding/utf8.js';
import { signEcdsa, derivePrivateKey, getEcPublicKey } from '../../src/crypto/ecdsa.js';
import { exportSpki } from '../../src/crypto/keys.js';
import { sha256 } from '../../src/crypto/hash.js';
import { signCades, verifyCades, type VerifyCadesOptions } from '../../src/signature/index.js';
import { parseSignedData } from '../../src/signature/signed-data.js';
import { derSetOrder } from '../../src/signature/internal/ber.js';
import { CMS_OID } from '../../src/signature/oids.js';
import { issueAccreditedSigningCertificate } from '../../src/enrollment/index.js';
import { readJpkiCertificate } from '../../src/jpki/read.js';
import { parseCertificate } from '../../src/x509/certificate.js';
import {
  buildTestSignatureCrl,
  createTestSignaturePki,
  testPhoneSigner,
  TEST_SIGNATURE_SEED,
  TEST_SIGNER_COMMON_CODE,
  type TestSignaturePki,
} from '../testpki/signature.js';
import { TEST_JPKI_TIME } from '../testpki/jpki.js';

const DOC = utf8Encode('TEST document for the signer tests\n');
const T0 = TEST_JPKI_TIME + 86_400;
let pki: TestSignaturePki;
let base: VerifyCadesOptions;

async function code(p: Promise<unknown>): Promise<ErrorCode | 'resolved'> {
  try {
    await p;
    return 'resolved';
  } catch (e) {
    if (!isJitsuinError(e)) throw e;
    return e.code;
  }
}

beforeAll(async () => {
  pki = await createTestSignaturePki();
  base = {
    content: DOC,
    trustAnchors: [pki.root],
    time: T0 + 60,
    revocation: {
      crls: [
        await buildTestSignatureCrl('ca', T0 - 3600),
        await buildTestSignatureCrl('root', T0 - 3600),
      ],
    },
  };
}, 60_000);

const sign = (
  over: Partial<Parameters<typeof signCades>[1]> = {},
  data: Parameters<typeof signCades>[0] = { content: DOC },
): Promise<Uint8Array> =>
  signCades(data, {
    signer: testPhoneSigner(pki.signerKey),
    certificateChain: [pki.signer, pki.ca],
    signingTime: T0,
    ...over,
  });

describe('signCades output', () => {
  it('[SIG-22] is detached SignedData v1, SHA-256, the four attributes sorted, UTCTime, DER ECDSA, the chain in certificates', async () => {
    const sd = parseSignedData(await sign(), 'ERR_CADES_MALFORMED', 'SIG-01', 'test');
    expect(sd.version).toBe(1);
    expect(sd.eContent).toBeUndefined();
    expect(sd.eContentType).toBe(CMS_OID.data);
    expect(sd.certificates).toHaveLength(2);
    const si = sd.signerInfo;
    expect(si.version).toBe(1);
    expect(si.sid.kind).toBe('issuerAndSerialNumber');
    expect(si.digestAlgorithm).toEqual({ oid: CMS_OID.sha256 });
    expect(si.signatureAlgorithm).toEqual({ oid: '1.2.840.10045.4.3.2' });
    expect(si.signature[0]).toBe(0x30);
    const attrs = si.signedAttrs ?? [];
    expect(attrs.map((a) => a.type).sort()).toEqual(
      [
        CMS_OID.contentType,
        CMS_OID.messageDigest,
        CMS_OID.signingTime,
        CMS_OID.signingCertificateV2,
      ].sort(),
    );
    for (let i = 1; i < attrs.length; i++)
      expect(
        derSetOrder(
          (attrs[i - 1] as { encoding: Uint8Array }).encoding,
          (attrs[i] as { encoding: Uint8Array }).encoding,
        ),
      ).toBeLessThan(0);
    const time = attrs.find((a) => a.type === CMS_OID.signingTime)?.values[0];
    expect(time?.[0]).toBe(0x17);
    expect(si.signedAttrsDer?.[0]).toBe(0x31);
  });

  it('[SIG-22] [SIG-08] signs 2050 and later with a GeneralizedTime, and that verifies', async () => {
    const t2051 = Date.UTC(2051, 0, 1) / 1000;
    const sd = parseSignedData(
      await sign({ signingTime: t2051 }),
      'ERR_CADES_MALFORMED',
      'SIG-01',
      'test',
    );
    const time = sd.signerInfo.signedAttrs?.find((a) => a.type === CMS_OID.signingTime)?.values[0];
    expect(time?.[0]).toBe(0x18);
  });

  it('[SIG-22] accepts raw r||s and high-S signer output and always writes DER', async () => {
    const raw = await signCades(
      { content: DOC },
      {
        signer: {
          kind: 'ecdsa-p256',
          sign: async (m) => ({
            format: 'raw',
            signature: signEcdsa(pki.signerKey.privateKey, m, { highS: true }),
          }),
        },
        certificateChain: [pki.signer, pki.ca],
        signingTime: T0,
      },
    );
    await verifyCades(raw, base);
    const bare = await signCades(
      { content: DOC },
      {
        signer: { kind: 'ecdsa-p256', sign: async (m) => signEcdsa(pki.signerKey.privateKey, m) },
        certificateChain: [pki.signer, pki.ca],
        signingTime: T0,
      },
    );
    expect(
      parseSignedData(bare, 'ERR_CADES_MALFORMED', 'SIG-01', 'x').signerInfo.signature[0],
    ).toBe(0x30);
  });

  it('[SIG-23] refuses signer output that is not a signature', async () => {
    expect(
      await code(
        signCades(
          { content: DOC },
          {
            signer: { kind: 'ecdsa-p256', sign: async () => new Uint8Array(10) },
            certificateChain: [pki.signer],
            signingTime: T0,
          },
        ),
      ),
    ).toBe('ERR_INVALID_SIGNATURE_ENCODING');
  });
});

describe('arguments and copies', () => {
  it('[SIG-03] bad arguments are ERR_INVALID_ARGUMENT, never a TypeError', async () => {
    const s = await sign();
    const cases: Promise<unknown>[] = [
      signCades(null as never, {
        signer: testPhoneSigner(pki.signerKey),
        certificateChain: [pki.signer],
        signingTime: T0,
      }),
      signCades({ content: 'text' } as never, {
        signer: testPhoneSigner(pki.signerKey),
        certificateChain: [pki.signer],
        signingTime: T0,
      }),
      signCades(
        { digest: new Uint8Array(31) },
        { signer: testPhoneSigner(pki.signerKey), certificateChain: [pki.signer], signingTime: T0 },
      ),
      signCades({ content: DOC }, null as never),
      signCades(
        { content: DOC },
        { signer: testPhoneSigner(pki.signerKey), certificateChain: [], signingTime: T0 },
      ),
      signCades(
        { content: DOC },
        {
          signer: testPhoneSigner(pki.signerKey),
          certificateChain: [pki.signer],
          signingTime: 1.5,
        },
      ),
      signCades(
        { content: DOC },
        { signer: { kind: 'other' } as never, certificateChain: [pki.signer], signingTime: T0 },
      ),
      verifyCades(s, null as never),
      verifyCades('x' as never, base),
      verifyCades(s, { ...base, trustAnchors: 'root' as never }),
      verifyCades(s, { ...base, trustAnchors: [] }),
      verifyCades(s, { ...base, time: -1 }),
      verifyCades(s, { ...base, digest: sha256(DOC) }),
      verifyCades(s, { ...base, revocation: { crls: 'crl' as never } }),
    ];
    for (const p of cases) expect(await code(p)).toBe('ERR_INVALID_ARGUMENT');
  });

  it('[SIG-07] copies its inputs on entry: mutating them while it runs changes nothing', async () => {
    const s = await sign();
    const content = DOC.slice();
    const anchors = [pki.root.slice()];
    const opts = { ...base, content, trustAnchors: anchors };
    const pending = verifyCades(s, opts);
    content[0] = (content[0] as number) ^ 1;
    (anchors[0] as Uint8Array).fill(0);
    anchors.length = 0;
    const r = await pending;
    r.signerCertificate.fill(0);
    expect((await verifyCades(s, base)).signerCertificate).toEqual(pki.signer);
  });
});

describe('issueAccreditedSigningCertificate', () => {
  it('[CERT-44] [CERT-43] names the person as the card does, nothing else personal, within five years and the JPKI validity', async () => {
    const person = pki.jpki.people[0];
    if (person === undefined) throw new Error('no person');
    const c = parseCertificate(pki.signer);
    expect(c.subject.rdns.flat().map((a) => [a.shortName, a.value])).toEqual([
      ['C', 'JP'],
      ['CN', person.personal.name],
    ]);
    expect(c.extensions.some((e) => e.oid === '2.5.29.17')).toBe(false);
    expect(c.keyUsage !== undefined && [...c.keyUsage].sort()).toEqual([
      'digitalSignature',
      'nonRepudiation',
    ]);
    expect(c.notAfter).toBeLessThanOrEqual(readJpkiCertificate(person.certificate).notAfter);
    expect(c.commonCode).toEqual(TEST_SIGNER_COMMON_CODE);
  });

  it('[CERT-42] [CERT-43] refuses a P-384 key, a lifetime over five years and a user-authentication certificate', async () => {
    const person = pki.jpki.people[0];
    if (person === undefined) throw new Error('no person');
    const issuer = { certificate: pki.ca, chain: [pki.root], signer: pki.caKey.signer };
    const jpki = readJpkiCertificate(person.certificate);
    const p384 = exportSpki(
      getEcPublicKey(derivePrivateKey(TEST_SIGNATURE_SEED, 'TEST/p384', 'P-384'), 'P-384'),
    );
    expect(
      await code(
        issueAccreditedSigningCertificate({
          jpki,
          commonCode: TEST_SIGNER_COMMON_CODE,
          publicKey: p384,
          issuer,
          time: T0,
        }),
      ),
    ).toBe('ERR_CERT_PROFILE');
    expect(
      await code(
        issueAccreditedSigningCertificate({
          jpki,
          commonCode: TEST_SIGNER_COMMON_CODE,
          publicKey: pki.signerKey.spki,
          issuer,
          time: T0,
          lifetime: 6 * 365 * 86_400,
        }),
      ),
    ).toBe('ERR_INVALID_ARGUMENT');
    const auth = readJpkiCertificate(pki.jpki.authCertificate);
    expect(
      await code(
        issueAccreditedSigningCertificate({
          jpki: auth,
          commonCode: TEST_SIGNER_COMMON_CODE,
          publicKey: pki.signerKey.spki,
          issuer,
          time: T0,
        }),
      ),
    ).toBe('ERR_INVALID_ARGUMENT');
  });
});

describe('tampering', () => {
  it('[SIG-11] [SIG-01] any single-byte change of a signature is rejected with a JitsuinError', async () => {
    const s = await sign();
    const codes = new Set<string>();
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: s.length - 1 }),
        fc.integer({ min: 1, max: 255 }),
        async (at, x) => {
          const t = s.slice();
          t[at] = (t[at] as number) ^ x;
          try {
            await verifyCades(t, {
              ...base,
              revocation: base.revocation as NonNullable<VerifyCadesOptions['revocation']>,
            });
            return false;
          } catch (e) {
            if (!(e instanceof JitsuinError)) throw e;
            codes.add(e.code);
            return true;
          }
        },
      ),
      { numRuns: 300, seed: 13 },
    );
    expect(codes.size).toBeGreaterThan(2);
  }, 60_000);

  it('[SIG-01] every truncation and arbitrary bytes are rejected with a JitsuinError, never a crash', async () => {
    const s = await sign();
    for (let n = 0; n < s.length; n += 7) {
      const e = await verifyCades(s.subarray(0, n), base).catch((x: unknown) => x);
      expect(e, `prefix ${n}`).toBeInstanceOf(JitsuinError);
    }
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), async (bytes) => {
        const e = await verifyCades(Uint8Array.of(0x30, 0x80, ...bytes), base).catch(
          (x: unknown) => x,
        );
        return e instanceof JitsuinError;
      }),
      { numRuns: 300, seed: 31 },
    );
  }, 60_000);
});
