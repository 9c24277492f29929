/**
 * A synthetic TEST PKI for document signatures: a jitsuin TEST signing root and issuing CA, the
 * accredited signing certificate of TEST person 0 (issued by `issueAccreditedSigningCertificate`
 * after "proofing" with the TEST JPKI), a TEST time-stamping authority, CRLs, and an RFC 3161
 * token builder standing in for a TSA (`src/cli/demo/timestamp.ts`, with this PKI's TSA by default)
 * and the TEST card signer (`src/cli/demo/jpki.ts`). Deterministic keys (HKDF labels) and fixed
 * times; TEST in every name.
 */
import { signEcdsa } from '../../src/crypto/ecdsa.js';
import { sha256 } from '../../src/crypto/hash.js';
import { hexDecode } from '../../src/encoding/hex.js';
import { utf8Encode } from '../../src/encoding/utf8.js';
import { readJpkiCertificate } from '../../src/jpki/read.js';
import { issueAccreditedSigningCertificate } from '../../src/enrollment/signing-certificate.js';
import { buildCertificate, keyIdentifier } from '../../src/x509/builder.js';
import { name } from '../../src/x509/name.js';
import { JITSUIN_OID, PKIX_OID } from '../../src/x509/oids.js';
import { buildCrl, type CrlEntryInput } from '../../src/x509/revocation/build-crl.js';
import type { CadesEcdsaSigner } from '../../src/signature/sign.js';
import { testEcKey, type TestEcKey } from './app-ca.js';
import { createTestJpki, TEST_JPKI_TIME, type TestJpki } from './jpki.js';
import { buildTimestampToken } from '../../src/cli/demo/timestamp.js';

export { testCardSigner } from '../../src/cli/demo/jpki.js';

/** Seed of the TEST signature PKI keys. */
export const TEST_SIGNATURE_SEED = utf8Encode('jitsuin/testpki/signature/v1 TEST ONLY');

/** The common code of TEST person 0 in the signature PKI. */
export const TEST_SIGNER_COMMON_CODE = hexDecode('5a1c0e7f3b2d4e6f8091a2b3c4d5e6f7');

/** The TEST signature PKI. */
export interface TestSignaturePki {
  readonly rootKey: TestEcKey;
  readonly root: Uint8Array;
  readonly caKey: TestEcKey;
  /** The issuing CA of accredited signing certificates. */
  readonly ca: Uint8Array;
  readonly signerKey: TestEcKey;
  /** TEST person 0's accredited signing certificate (P-256), valid from 2026-01-01 for five years (within the card's). */
  readonly signer: Uint8Array;
  /** A second accredited signing certificate of the same person (another phone), the one the tests revoke. */
  readonly revokedSignerKey: TestEcKey;
  readonly revokedSigner: Uint8Array;
  readonly tsaKey: TestEcKey;
  /** TEST TSA certificate (critical EKU id-kp-timeStamping), issued by the root. */
  readonly tsa: Uint8Array;
  readonly jpki: TestJpki;
}

/** Validity start of the TEST signature PKI: 2025-01-01. */
const CA_NOT_BEFORE = 1735689600;
const CA_NOT_AFTER = CA_NOT_BEFORE + 10 * 365 * 86400;
const caName = (cn: string): Uint8Array =>
  name([
    ['C', 'JP'],
    ['O', 'jitsuin TEST signature CA'],
    ['CN', cn],
  ]);
/** Name of the TEST signature root. */
export const TEST_SIGNATURE_ROOT_NAME = caName('jitsuin TEST signing root');
/** Name of the TEST issuing CA of accredited signing certificates. */
export const TEST_SIGNATURE_CA_NAME = caName('jitsuin TEST accredited signing CA');

/** A deterministic "random" source for serial numbers: SHA-256 of a label. */
function labelled(label: string): (n: number) => Uint8Array {
  return (n) => sha256(utf8Encode(label)).slice(0, n);
}

let cached: Promise<TestSignaturePki> | undefined;

/** Builds (once per process) the TEST signature PKI. */
export function createTestSignaturePki(): Promise<TestSignaturePki> {
  cached ??= (async () => {
    const jpki = await createTestJpki();
    const rootKey = testEcKey('signature/root', TEST_SIGNATURE_SEED);
    const caKey = testEcKey('signature/ca', TEST_SIGNATURE_SEED);
    const signerKey = testEcKey('signature/person0/phone', TEST_SIGNATURE_SEED);
    const revokedSignerKey = testEcKey('signature/person0/old-phone', TEST_SIGNATURE_SEED);
    const tsaKey = testEcKey('signature/tsa', TEST_SIGNATURE_SEED);
    const root = await buildCertificate({
      serialNumber: '01',
      issuer: TEST_SIGNATURE_ROOT_NAME,
      subject: TEST_SIGNATURE_ROOT_NAME,
      notBefore: CA_NOT_BEFORE,
      notAfter: CA_NOT_AFTER,
      publicKey: rootKey.spki,
      signer: rootKey.signer,
      basicConstraints: { ca: true, pathLenConstraint: 1 },
      keyUsage: ['keyCertSign', 'cRLSign'],
      subjectKeyId: 'auto',
    });
    const ca = await buildCertificate({
      serialNumber: '02',
      issuer: TEST_SIGNATURE_ROOT_NAME,
      subject: TEST_SIGNATURE_CA_NAME,
      notBefore: CA_NOT_BEFORE,
      notAfter: CA_NOT_AFTER,
      publicKey: caKey.spki,
      signer: rootKey.signer,
      basicConstraints: { ca: true, pathLenConstraint: 0 },
      keyUsage: ['keyCertSign', 'cRLSign'],
      subjectKeyId: 'auto',
      authorityKeyId: keyIdentifier(rootKey.spki),
      certificatePolicies: [JITSUIN_OID.policyAccreditedSigning],
    });
    const tsa = await buildCertificate({
      serialNumber: '03',
      issuer: TEST_SIGNATURE_ROOT_NAME,
      subject: caName('jitsuin TEST time-stamping authority'),
      notBefore: CA_NOT_BEFORE,
      notAfter: CA_NOT_AFTER,
      publicKey: tsaKey.spki,
      signer: rootKey.signer,
      keyUsage: ['digitalSignature'],
      extKeyUsage: [PKIX_OID_TIME_STAMPING],
      criticality: { [PKIX_OID.extKeyUsage]: true },
      subjectKeyId: 'auto',
      authorityKeyId: keyIdentifier(rootKey.spki),
    });
    const person = jpki.people[0];
    if (person === undefined) throw new Error('TEST JPKI has no person 0');
    const proofed = readJpkiCertificate(person.certificate);
    const issuer = { certificate: ca, chain: [root], signer: caKey.signer };
    const signer = (
      await issueAccreditedSigningCertificate({
        jpki: proofed,
        commonCode: TEST_SIGNER_COMMON_CODE,
        publicKey: signerKey.spki,
        issuer,
        time: TEST_JPKI_TIME,
        random: labelled('signature/person0/phone'),
      })
    ).certificate;
    const revokedSigner = (
      await issueAccreditedSigningCertificate({
        jpki: proofed,
        commonCode: TEST_SIGNER_COMMON_CODE,
        publicKey: revokedSignerKey.spki,
        issuer,
        time: TEST_JPKI_TIME,
        random: labelled('signature/person0/old-phone'),
      })
    ).certificate;
    return {
      rootKey,
      root,
      caKey,
      ca,
      signerKey,
      signer,
      revokedSignerKey,
      revokedSigner,
      tsaKey,
      tsa,
      jpki,
    };
  })();
  return cached;
}

const PKIX_OID_TIME_STAMPING = '1.3.6.1.5.5.7.3.8';

/** A CRL of the issuing CA (`ca`) or of the root (`root`), current from `thisUpdate` for seven days. */
export async function buildTestSignatureCrl(
  which: 'ca' | 'root',
  thisUpdate: number,
  entries: readonly CrlEntryInput[] = [],
): Promise<Uint8Array> {
  const pki = await createTestSignaturePki();
  const key = which === 'ca' ? pki.caKey : pki.rootKey;
  return buildCrl({
    issuer: which === 'ca' ? TEST_SIGNATURE_CA_NAME : TEST_SIGNATURE_ROOT_NAME,
    thisUpdate,
    nextUpdate: thisUpdate + 7 * 86400,
    entries,
    crlNumber: thisUpdate,
    authorityKeyId: keyIdentifier(key.spki),
    signer: key.signer,
  });
}

/** The phone's hardware key as a CAdES signer: DER output, as Secure Enclave and StrongBox answer. */
export function testPhoneSigner(key: TestEcKey): CadesEcdsaSigner {
  return {
    kind: 'ecdsa-p256',
    sign: async (m) => ({
      format: 'der',
      signature: signEcdsa(key.privateKey, m, { format: 'der' }),
    }),
  };
}

/** Options of {@link buildTestTimestampToken}. */
export interface TestTimestampOptions {
  /** The MessageImprint DER the token covers. */
  readonly messageImprint: Uint8Array;
  readonly genTime: number;
  readonly serialNumber?: number;
  /** Sign with this key and certificate instead of the TEST TSA (negative cases). */
  readonly tsa?: { readonly key: TestEcKey; readonly certificate: Uint8Array };
}

/** An RFC 3161 TimeStampToken from the TEST TSA (ECDSA P-256, ESS signingCertificateV2), the stand-in for a real TSA in tests and vectors. */
export async function buildTestTimestampToken(options: TestTimestampOptions): Promise<Uint8Array> {
  const tsa: { readonly key: TestEcKey; readonly certificate: Uint8Array } =
    options.tsa ??
    (await createTestSignaturePki().then((pki) => ({ key: pki.tsaKey, certificate: pki.tsa })));
  return buildTimestampToken({
    messageImprint: options.messageImprint,
    genTime: options.genTime,
    tsa,
    ...(options.serialNumber === undefined ? {} : { serialNumber: options.serialNumber }),
  });
}
