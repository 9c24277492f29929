/**
 * The TEST PKI of the consent vectors, tests and benchmark: under the TEST jitsuin root, an RP
 * issuing CA for relying-party certificates beside the app issuing CA; app certificates of two
 * people (Hanako with two apps, Taro with one), relying-party certificates of four RPs, and the
 * CRLs of all three CAs. Deterministic: HKDF-labelled keys, RFC 6979 signatures, fixed times.
 * @internal
 * @module
 */
import { signEcdsa } from '../../src/crypto/ecdsa.js';
import { buildCertificate, keyIdentifier } from '../../src/x509/builder.js';
import { parseCertificate } from '../../src/x509/certificate.js';
import { name } from '../../src/x509/name.js';
import { JITSUIN_OID } from '../../src/x509/oids.js';
import { buildAppAuthenticationCertificate } from '../../src/x509/profile-builders.js';
import { buildOrganisationCertificate } from '../../src/x509/profile-builders.js';
import { buildRelyingPartyCertificate } from '../../src/x509/rp-certificate.js';
import { buildCrl, type CrlEntryInput } from '../../src/x509/revocation/build-crl.js';
import type { JwsSigner } from '../../src/jws/index.js';
import type { CreateConsentRequestOptions } from '../../src/consent/request.js';
import { createTestAppCa, testEcKey, TEST_APP_CA_ROOT_NAME, type TestEcKey } from './app-ca.js';

/** The fixture's "now": 2026-04-01T00:00:00Z. */
export const CONSENT_TIME = 1_775_001_600;
const NOT_BEFORE = 1_767_225_600;
const NOT_AFTER = NOT_BEFORE + 366 * 86_400;

/** The RPs of the fixture. */
export const CONSENT_RP = {
  hospitalA: 'hospital-a.example',
  hospitalB: 'hospital-b.example',
  pharmacy: 'pharmacy.example',
  transport: 'transport.example',
} as const;

/** A signing party of the fixture: its key as a JWS signer and its chain (leaf first, without root). */
export interface ConsentParty {
  readonly key: TestEcKey;
  readonly signer: JwsSigner;
  readonly chain: readonly Uint8Array[];
  readonly certificate: Uint8Array;
}

/** The consent TEST PKI. */
export interface ConsentPki {
  readonly root: Uint8Array;
  readonly appCa: Uint8Array;
  readonly rpCa: Uint8Array;
  readonly crls: readonly Uint8Array[];
  /** Hanako's common code and her two apps (hospital A app, pharmacy app). */
  readonly hanako: {
    readonly commonCode: Uint8Array;
    readonly hospitalApp: ConsentParty;
    readonly pharmacyApp: ConsentParty;
    readonly loginOnlyApp: ConsentParty;
    readonly revokedApp: ConsentParty;
  };
  /** Taro, another person. */
  readonly taro: { readonly commonCode: Uint8Array; readonly app: ConsentParty };
  /** Relying-party keys, by rpId. */
  readonly rp: Readonly<Record<(typeof CONSENT_RP)[keyof typeof CONSENT_RP], ConsentParty>>;
  /** Organisation names shown to the person, by rpId. */
  readonly organisation: Readonly<Record<string, string>>;
  /** An organisation certificate of hospital A without the relying-party consent EKU. */
  readonly hospitalAWithoutConsentEku: ConsentParty;
  /** A relying-party certificate of hospital A issued by a CA nobody trusts. */
  readonly forgedHospitalA: ConsentParty;
}

const signerOf =
  (k: TestEcKey): JwsSigner =>
  (input) =>
    Promise.resolve(signEcdsa(k.privateKey, input));

let cached: Promise<ConsentPki> | undefined;

/** Builds (once) the consent TEST PKI. */
export function createConsentPki(): Promise<ConsentPki> {
  cached ??= build();
  return cached;
}

async function build(): Promise<ConsentPki> {
  const ca = await createTestAppCa();
  const appCaCert = parseCertificate(ca.issuing);
  const rootCert = parseCertificate(ca.root);
  const rpCaKey = testEcKey('consent/rp-ca');
  const rpCaName = name([
    ['C', 'JP'],
    ['O', 'jitsuin TEST CA'],
    ['CN', 'jitsuin TEST relying-party issuing CA'],
  ]);
  const rpCa = await buildCertificate({
    serialNumber: '0c01',
    issuer: TEST_APP_CA_ROOT_NAME,
    subject: rpCaName,
    notBefore: NOT_BEFORE,
    notAfter: NOT_AFTER + 86_400,
    publicKey: rpCaKey.spki,
    signer: ca.rootKey.signer,
    basicConstraints: { ca: true, pathLenConstraint: 0 },
    keyUsage: ['keyCertSign', 'cRLSign'],
    subjectKeyId: 'auto',
    authorityKeyId: keyIdentifier(ca.rootKey.spki),
    certificatePolicies: [JITSUIN_OID.policyOrganisation],
  });
  const rpCaCert = parseCertificate(rpCa);
  let serial = 0x0c10;
  const app = async (
    label: string,
    commonCode: Uint8Array,
    rpId: string,
    purposes?: readonly ('login' | 'consent')[],
  ): Promise<ConsentParty> => {
    const key = testEcKey(`consent/app/${label}`);
    const certificate = await buildAppAuthenticationCertificate({
      serialNumber: (serial++).toString(16).padStart(4, '0'),
      subject: name([
        ['C', 'JP'],
        ['O', 'jitsuin TEST CA'],
        ['CN', `TEST app ${label}`],
      ]),
      publicKey: key.spki,
      notBefore: NOT_BEFORE,
      notAfter: NOT_AFTER,
      issuer: { certificate: appCaCert, signer: ca.issuingKey.signer },
      commonCode,
      appBinding: { rpId, appId: `jp.example.${label}` },
      keyProtection: 'secure-enclave',
      ...(purposes === undefined ? {} : { purposes }),
    });
    return { key, signer: signerOf(key), chain: [certificate, ca.issuing], certificate };
  };
  const organisation: Record<string, string> = {
    [CONSENT_RP.hospitalA]: 'TEST 医療法人 A病院',
    [CONSENT_RP.hospitalB]: 'TEST 医療法人 B病院',
    [CONSENT_RP.pharmacy]: 'TEST みなと薬局',
    [CONSENT_RP.transport]: 'TEST さくら介護タクシー',
  };
  const rpParty = async (rpId: string): Promise<ConsentParty> => {
    const key = testEcKey(`consent/rp/${rpId}`);
    const certificate = await buildRelyingPartyCertificate({
      serialNumber: (serial++).toString(16).padStart(4, '0'),
      subject: name([
        ['C', 'JP'],
        ['O', organisation[rpId]!],
        ['CN', rpId],
      ]),
      publicKey: key.spki,
      notBefore: NOT_BEFORE,
      notAfter: NOT_AFTER,
      issuer: { certificate: rpCaCert, signer: rpCaKey.signer },
      rpId,
    });
    return { key, signer: signerOf(key), chain: [certificate, rpCa], certificate };
  };
  const hanakoCode = Uint8Array.from({ length: 16 }, (_, i) => 0x48 + i);
  const taroCode = Uint8Array.from({ length: 16 }, (_, i) => 0x90 + i);
  const hanako = {
    commonCode: hanakoCode,
    hospitalApp: await app('hanako-hospital', hanakoCode, CONSENT_RP.hospitalA),
    pharmacyApp: await app('hanako-pharmacy', hanakoCode, CONSENT_RP.pharmacy),
    loginOnlyApp: await app('hanako-login-only', hanakoCode, CONSENT_RP.hospitalB, ['login']),
    revokedApp: await app('hanako-revoked', hanakoCode, CONSENT_RP.hospitalA),
  };
  const taro = { commonCode: taroCode, app: await app('taro', taroCode, CONSENT_RP.hospitalA) };
  const rp = {
    [CONSENT_RP.hospitalA]: await rpParty(CONSENT_RP.hospitalA),
    [CONSENT_RP.hospitalB]: await rpParty(CONSENT_RP.hospitalB),
    [CONSENT_RP.pharmacy]: await rpParty(CONSENT_RP.pharmacy),
    [CONSENT_RP.transport]: await rpParty(CONSENT_RP.transport),
  } as ConsentPki['rp'];
  const orgKey = testEcKey(`consent/rp/${CONSENT_RP.hospitalA}`);
  const orgCert = await buildOrganisationCertificate({
    serialNumber: (serial++).toString(16).padStart(4, '0'),
    subject: name([
      ['C', 'JP'],
      ['O', organisation[CONSENT_RP.hospitalA]!],
      ['CN', CONSENT_RP.hospitalA],
    ]),
    publicKey: orgKey.spki,
    notBefore: NOT_BEFORE,
    notAfter: NOT_AFTER,
    issuer: { certificate: rpCaCert, signer: rpCaKey.signer },
    dnsNames: [CONSENT_RP.hospitalA],
  });
  const forgedRootKey = testEcKey('consent/forged-root');
  const forgedRootName = name([
    ['C', 'JP'],
    ['O', 'jitsuin TEST CA'],
    ['CN', 'jitsuin TEST root'],
  ]);
  const forgedRoot = await buildCertificate({
    serialNumber: '66',
    issuer: forgedRootName,
    subject: forgedRootName,
    notBefore: NOT_BEFORE,
    notAfter: NOT_AFTER + 86_400,
    publicKey: forgedRootKey.spki,
    signer: forgedRootKey.signer,
    basicConstraints: { ca: true },
    keyUsage: ['keyCertSign', 'cRLSign'],
    subjectKeyId: 'auto',
  });
  const forgedKey = testEcKey('consent/forged-hospital-a');
  const forged = await buildRelyingPartyCertificate({
    serialNumber: '67',
    subject: name([
      ['C', 'JP'],
      ['O', organisation[CONSENT_RP.hospitalA]!],
      ['CN', CONSENT_RP.hospitalA],
    ]),
    publicKey: forgedKey.spki,
    notBefore: NOT_BEFORE,
    notAfter: NOT_AFTER,
    issuer: { certificate: parseCertificate(forgedRoot), signer: forgedRootKey.signer },
    rpId: CONSENT_RP.hospitalA,
  });
  const crl = (
    issuer: Uint8Array,
    signer: TestEcKey,
    entries: readonly CrlEntryInput[] = [],
  ): Promise<Uint8Array> =>
    buildCrl({
      issuer,
      thisUpdate: CONSENT_TIME - 86_400,
      nextUpdate: CONSENT_TIME + 30 * 86_400,
      crlNumber: 1,
      authorityKeyId: keyIdentifier(signer.spki),
      signer: signer.signer,
      entries,
    });
  const revokedSerial = parseCertificate(hanako.revokedApp.certificate).serialNumber;
  const crls = [
    await crl(rootCert.subject.der, ca.rootKey),
    await crl(appCaCert.subject.der, ca.issuingKey, [
      { serial: revokedSerial, revocationDate: CONSENT_TIME - 3600, reason: 'keyCompromise' },
    ]),
    await crl(rpCaCert.subject.der, rpCaKey),
  ];
  return {
    root: ca.root,
    appCa: ca.issuing,
    rpCa,
    crls,
    hanako,
    taro,
    rp,
    organisation,
    hospitalAWithoutConsentEku: {
      key: orgKey,
      signer: signerOf(orgKey),
      chain: [orgCert, rpCa],
      certificate: orgCert,
    },
    forgedHospitalA: {
      key: forgedKey,
      signer: signerOf(forgedKey),
      chain: [forged, forgedRoot],
      certificate: forged,
    },
  };
}

/** The request options of the fixture's flows, without signer and chain. */
export type ConsentRequestDraft = Omit<CreateConsentRequestOptions, 'signer' | 'certificateChain'>;

/** Builds a display text that satisfies the display rule (CON-12) for `draft`, in Japanese. */
export function displayTextFor(
  draft: Omit<ConsentRequestDraft, 'display'>,
  organisation: string,
): string {
  const exp = new Date((draft.exp + 9 * 3600) * 1000).toISOString().slice(0, 10);
  return [
    `${organisation}から、あなたの情報の提供についての同意のお願いです。`,
    `目的: ${draft.purpose.text.ja}`,
    ...draft.transfers.map((t, i) => `${i + 1}. ${t.text.ja}`),
    `保存期間: ${draft.retention.text.ja}`,
    `この同意は ${exp} まで有効です。いつでも撤回できます。`,
  ].join('\n');
}

/** Hospital A asks for last year's blood test and images kept at hospital B (the example). */
export function bloodTestDraft(
  pki: ConsentPki,
  nonce: Uint8Array,
  time: number = CONSENT_TIME,
): ConsentRequestDraft {
  const base = {
    requester: CONSENT_RP.hospitalA,
    person: pki.hanako.commonCode,
    nonce,
    iat: time,
    exp: time + 7 * 86_400,
    uses: 1,
    purpose: {
      code: 'https://w3id.org/dpv#ProvisionOfHealthcare',
      text: { ja: 'A病院での診療のため', en: 'For treatment at Hospital A' },
    },
    retention: { days: 365, text: { ja: '受け取ってから1年間', en: 'One year after receipt' } },
    transfers: [
      {
        id: 'labs',
        provider: CONSENT_RP.hospitalB,
        recipient: CONSENT_RP.hospitalA,
        text: {
          ja: 'B病院 → A病院: 昨年の血液検査の結果と画像',
          en: "Hospital B → Hospital A: last year's blood tests and images",
        },
        authorization_details: [
          {
            type: 'jitsuin-health-record',
            actions: ['transfer'],
            datatypes: ['blood-test'],
            time_range: { from: 1_735_657_200, to: 1_767_193_199 },
          },
          {
            type: 'jitsuin-health-record',
            actions: ['transfer'],
            datatypes: ['imaging'],
            time_range: { from: 1_735_657_200, to: 1_767_193_199 },
          },
        ],
      },
    ],
  };
  const org = pki.organisation[CONSENT_RP.hospitalA]!;
  const en = `${org}: consent request.\nPurpose: ${base.purpose.text.en}\n1. ${base.transfers[0]!.text.en}\nKept: ${base.retention.text.en}\nValid until ${new Date((base.exp + 9 * 3600) * 1000).toISOString().slice(0, 10)}.`;
  return { ...base, display: { ja: displayTextFor(base, org), en } };
}

/** The one-tap bundle: hospital A arranges the prescription at the pharmacy and the transport. */
export function bundleDraft(
  pki: ConsentPki,
  nonce: Uint8Array,
  time: number = CONSENT_TIME,
): ConsentRequestDraft {
  const base = {
    requester: CONSENT_RP.hospitalA,
    person: pki.hanako.commonCode,
    nonce,
    iat: time,
    exp: time + 2 * 86_400,
    uses: 1,
    purpose: {
      code: 'https://w3id.org/dpv#ProvisionOfHealthcare',
      text: { ja: '退院後の処方と移動の手配のため' },
    },
    retention: { days: 30, text: { ja: '手配が終わってから30日間' } },
    transfers: [
      {
        id: 'prescription',
        provider: CONSENT_RP.hospitalA,
        recipient: CONSENT_RP.pharmacy,
        text: { ja: 'A病院 → みなと薬局: 退院時の処方箋' },
        authorization_details: [
          {
            type: 'jitsuin-prescription',
            actions: ['transfer'],
            datatypes: ['prescription'],
            identifier: 'rx-2026-0401-001',
          },
        ],
      },
      {
        id: 'transport',
        provider: CONSENT_RP.hospitalA,
        recipient: CONSENT_RP.transport,
        text: { ja: 'A病院 → さくら介護タクシー: 退院日時と車椅子の要否' },
        authorization_details: [
          {
            type: 'jitsuin-transport',
            actions: ['transfer'],
            datatypes: ['discharge-time', 'mobility-needs'],
            identifier: 'discharge-2026-04-02',
          },
        ],
      },
    ],
  };
  return {
    ...base,
    display: { ja: displayTextFor(base, pki.organisation[CONSENT_RP.hospitalA]!) },
  };
}
