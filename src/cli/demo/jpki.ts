/**
 * The synthetic TEST JPKI that the demo and `jitsuin serve` run on, everything marked TEST: three
 * same-name TEST signature-root generations and a TEST user-authentication root, TEST card
 * certificates with the real JPKI extension layout (Japanese name and address with substitute
 * characters), CRLs signed by those roots, and the TEST card as a signer. Deterministic: RSA keys
 * from HKDF over fixed labels, fixed times; nothing here chains to J-LIS.
 *
 * The tests' wider TEST JPKI (six people, renewals, the test-policy card: `test/testpki/jpki.ts`)
 * and the vector generators build on this module, so the demo, the tests and the published
 * vectors share one TEST JPKI.
 * @module
 */
import {
  generateRsaKeyPair,
  rsaPublicKey,
  rsaSignEncoded,
  signRsaPkcs1v15,
  type RsaPrivateKey,
} from '../../crypto/rsa-keygen.js';
import { exportSpki } from '../../crypto/keys.js';
import { utf8Encode } from '../../encoding/utf8.js';
import { concatBytes } from '../../encoding/bytes.js';
import {
  buildCertificate,
  keyIdentifier,
  type BuildCertificateOptions,
  type CertificateSigner,
} from '../../x509/builder.js';
import { encodeTlv } from '../../x509/der.js';
import { encodeOid } from '../../x509/oid.js';
import { name } from '../../x509/name.js';
import { PKIX_OID } from '../../x509/oids.js';
import { buildCrl, type CrlEntryInput } from '../../x509/revocation/build-crl.js';
import { JPKI_OID } from '../../jpki/oids.js';
import type { CadesCardSigner } from '../../signature/sign.js';

/** Seed of every TEST JPKI key. */
export const TEST_JPKI_SEED = utf8Encode('jitsuin/testpki/jpki/v1 TEST ONLY');

/** Reference time of the TEST JPKI: 2026-01-01T00:00:00Z. */
export const TEST_JPKI_TIME = 1767225600;
const DAY = 86400;
const YEAR = 365 * DAY;

/** Name DER of the TEST signature roots (all three generations share it, as J-LIS's do). */
export const TEST_JPKI_SIGN_ROOT_NAME = name([
  ['C', 'JP'],
  ['O', 'JPKI-TEST'],
  ['OU', 'JPKI for digital signature'],
  ['OU', 'jitsuin synthetic TEST CA (not J-LIS)'],
]);
/** Name DER of the TEST user-authentication root. */
export const TEST_JPKI_AUTH_ROOT_NAME = name([
  ['C', 'JP'],
  ['O', 'JPKI-TEST'],
  ['OU', 'JPKI for user authentication'],
  ['OU', 'jitsuin synthetic TEST CA (not J-LIS)'],
]);

/** A TEST key with its SPKI and an X.509 signer. */
export interface TestRsaKey {
  readonly privateKey: RsaPrivateKey;
  readonly spki: Uint8Array;
  readonly signer: CertificateSigner;
}

/** Derives the TEST RSA-2048 key of `label` (cached by the crypto area). */
export function testRsaKey(label: string): TestRsaKey {
  const privateKey = generateRsaKeyPair(TEST_JPKI_SEED, `TEST/${label}`, 2048);
  return {
    privateKey,
    spki: exportSpki(rsaPublicKey(privateKey)),
    signer: {
      algorithm: 'RS256',
      sign: async (tbs) => signRsaPkcs1v15(privateKey, tbs, 'SHA-256'),
    },
  };
}

/** The personal data of a TEST signature certificate, as the otherName strings carry it. */
export interface TestJpkiPersonalData {
  readonly name: string;
  readonly nameSubstituted: string;
  readonly sex: string;
  readonly dateOfBirth: string;
  readonly address: string;
  readonly addressSubstituted: string;
}

/** DER of one JPKI otherName GeneralName: `[0] { OID, [0] EXPLICIT UTF8String }`. */
export function jpkiOtherName(oid: string, value: string): Uint8Array {
  return encodeTlv(
    0xa0,
    concatBytes(encodeOid(oid), encodeTlv(0xa0, encodeTlv(0x0c, utf8Encode(value)))),
  );
}

/** subjectAltName value DER with the six otherNames in the order seen on real cards (.1, .4, .3, .5, .2, .6). */
export function jpkiSubjectAltName(p: TestJpkiPersonalData): Uint8Array {
  return encodeTlv(
    0x30,
    concatBytes(
      jpkiOtherName(JPKI_OID.name, p.name),
      jpkiOtherName(JPKI_OID.dateOfBirth, p.dateOfBirth),
      jpkiOtherName(JPKI_OID.sex, p.sex),
      jpkiOtherName(JPKI_OID.address, p.address),
      jpkiOtherName(JPKI_OID.nameSubstituted, p.nameSubstituted),
      jpkiOtherName(JPKI_OID.addressSubstituted, p.addressSubstituted),
    ),
  );
}

/** Builder options to override; a member set to `undefined` removes that option. */
export type TestCertificateOverride = {
  readonly [K in keyof BuildCertificateOptions]?: BuildCertificateOptions[K] | undefined;
};

/** Inputs of {@link issueTestJpkiCertificate}. */
export interface TestJpkiCertificateInput {
  readonly kind: 'sign' | 'auth';
  /** Root generation 1..3 that issues it (auth certificates: the single TEST auth root). */
  readonly generation?: 1 | 2 | 3;
  readonly serialNumber: string;
  readonly subjectKey: TestRsaKey;
  readonly personal?: TestJpkiPersonalData;
  readonly notBefore?: number;
  readonly notAfter?: number;
  /** Overrides of the builder options (negative cases); `undefined` removes an option. */
  readonly override?: TestCertificateOverride;
}

/** One TEST root. */
export interface TestJpkiRoot {
  readonly generation: number;
  readonly key: TestRsaKey;
  readonly certificate: Uint8Array;
}

/** Substitute flags: one digit per code point of `text`, `1` at `positions`. */
export function substituteFlags(text: string, positions: readonly number[]): string {
  return [...text].map((_, i) => (positions.includes(i) ? '1' : '0')).join('');
}

/** TEST person 0 (Showa era, male), the card holder of the demo and of `jitsuin serve`. */
export const TEST_JPKI_PERSON_0: TestJpkiPersonalData & { readonly label: string } = {
  label: 'TEST person 0 (Showa, male)',
  name: '髙橋　試験太郎',
  nameSubstituted: substituteFlags('髙橋　試験太郎', [0]),
  sex: '1',
  dateOfBirth: '319800115',
  address: '東京都千代田区霞が関二丁目１番２号　試験ビル',
  addressSubstituted: substituteFlags('東京都千代田区霞が関二丁目１番２号　試験ビル', []),
};

/** The root of `generation` (1..3) of the TEST signature roots. */
function signRootWindow(generation: number): { notBefore: number; notAfter: number } {
  const start = [0, 1451606400, 1567296000, 1688169600][generation] as number; // 2016-01-01, 2019-09-01, 2023-07-01
  return { notBefore: start, notAfter: start + 20 * YEAR };
}

async function buildRoot(
  label: string,
  subject: Uint8Array,
  generation: number,
  serial: string,
): Promise<TestJpkiRoot> {
  const key = testRsaKey(label);
  const w = signRootWindow(generation);
  const certificate = await buildCertificate({
    serialNumber: serial,
    issuer: subject,
    subject,
    ...w,
    publicKey: key.spki,
    signer: key.signer,
    basicConstraints: { ca: true },
    keyUsage: ['keyCertSign', 'cRLSign'],
    subjectKeyId: 'auto',
    crlDistributionPoints: [{ directoryName: subject }],
  });
  return { generation, key, certificate };
}

const rootCache = new Map<string, Promise<TestJpkiRoot>>();

/** The TEST signature root of `generation`. */
export function testJpkiSignRoot(generation: 1 | 2 | 3): Promise<TestJpkiRoot> {
  const k = `sign${generation}`;
  let p = rootCache.get(k);
  if (p === undefined) {
    p = buildRoot(
      `jpki/sign-root/gen${generation}`,
      TEST_JPKI_SIGN_ROOT_NAME,
      generation,
      `0${generation}`,
    );
    rootCache.set(k, p);
  }
  return p;
}

/** The TEST user-authentication root (generation 3). */
export function testJpkiAuthRoot(): Promise<TestJpkiRoot> {
  let p = rootCache.get('auth');
  if (p === undefined) {
    p = buildRoot('jpki/auth-root/gen3', TEST_JPKI_AUTH_ROOT_NAME, 3, '03');
    rootCache.set('auth', p);
  }
  return p;
}

/** Issues a TEST JPKI end-entity certificate with the real extension layout. */
export async function issueTestJpkiCertificate(
  input: TestJpkiCertificateInput,
): Promise<Uint8Array> {
  const root =
    input.kind === 'sign'
      ? await testJpkiSignRoot(input.generation ?? 3)
      : await testJpkiAuthRoot();
  const rootName = input.kind === 'sign' ? TEST_JPKI_SIGN_ROOT_NAME : TEST_JPKI_AUTH_ROOT_NAME;
  const notBefore = input.notBefore ?? TEST_JPKI_TIME - 30 * DAY;
  const subject = name([
    ['C', 'JP'],
    ['L', 'Test-shi'],
    ['CN', `TEST${input.serialNumber.toUpperCase()}JPKI`],
  ]);
  const merged: Record<string, unknown> = {
    serialNumber: input.serialNumber,
    issuer: rootName,
    subject,
    notBefore,
    notAfter: input.notAfter ?? notBefore + 5 * YEAR - 1,
    publicKey: input.subjectKey.spki,
    signer: root.key.signer,
    keyUsage: input.kind === 'sign' ? ['digitalSignature', 'nonRepudiation'] : ['digitalSignature'],
    ...(input.kind === 'auth' ? { extKeyUsage: [PKIX_OID.kpClientAuth] } : {}),
    subjectKeyId: 'auto',
    authorityKeyId: keyIdentifier(root.key.spki),
    certificatePolicies: [input.kind === 'sign' ? JPKI_OID.policySign : JPKI_OID.policyAuth],
    criticality: { [PKIX_OID.certificatePolicies]: true },
    crlDistributionPoints: [{ directoryName: rootName }],
    ...(input.personal === undefined
      ? {}
      : {
          extensions: [
            {
              oid: PKIX_OID.subjectAltName,
              critical: false,
              value: jpkiSubjectAltName(input.personal),
            },
          ],
        }),
    ...input.override,
  };
  for (const k of Object.keys(merged)) if (merged[k] === undefined) delete merged[k];
  return buildCertificate(merged as unknown as BuildCertificateOptions);
}

/** Signs `tbs` as a My Number Card would (RSASSA-PKCS1-v1_5, SHA-256): the stand-in for NFC signing. */
export async function signWithTestCard(cardKey: TestRsaKey, tbs: Uint8Array): Promise<Uint8Array> {
  return signRsaPkcs1v15(cardKey.privateKey, tbs, 'SHA-256');
}

/** Options of {@link buildTestJpkiCrl}. */
export interface TestJpkiCrlOptions {
  /** Which root signs (sign generation 1..3, or `auth`). */
  readonly root: 1 | 2 | 3 | 'auth';
  readonly entries: readonly CrlEntryInput[];
  readonly thisUpdate?: number;
  readonly nextUpdate?: number;
  readonly crlNumber?: number;
}

/** Builds a TEST CRL signed by a TEST root (default: valid from a day before the reference time for two days). */
export async function buildTestJpkiCrl(options: TestJpkiCrlOptions): Promise<Uint8Array> {
  const root =
    options.root === 'auth' ? await testJpkiAuthRoot() : await testJpkiSignRoot(options.root);
  const thisUpdate = options.thisUpdate ?? TEST_JPKI_TIME - DAY;
  return buildCrl({
    issuer: options.root === 'auth' ? TEST_JPKI_AUTH_ROOT_NAME : TEST_JPKI_SIGN_ROOT_NAME,
    thisUpdate,
    nextUpdate: options.nextUpdate ?? thisUpdate + 2 * DAY,
    entries: options.entries,
    crlNumber: options.crlNumber ?? 1,
    authorityKeyId: keyIdentifier(root.key.spki),
    signer: root.key.signer,
  });
}

/** The TEST card as a CAdES signer: RSASSA-PKCS1-v1_5 over the DigestInfo it is given, as the card's signing command does. */
export function testCardSigner(cardKey: TestRsaKey): CadesCardSigner {
  return {
    kind: 'jpki-card',
    signDigestInfo: async (digestInfo) => {
      const k = Math.ceil(cardKey.privateKey.n.toString(16).length / 2);
      const em = new Uint8Array(k).fill(0xff);
      em[0] = 0;
      em[1] = 1;
      em[k - digestInfo.length - 1] = 0;
      em.set(digestInfo, k - digestInfo.length);
      return rsaSignEncoded(cardKey.privateKey, em);
    },
  };
}
