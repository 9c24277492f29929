/**
 * `readJpkiCertificate`: the JPKI profile checks and the typed fields of a JPKI end-entity
 * certificate (spec/jpki.md §2–§3). Reading checks structure only; trust comes from
 * `validateJpkiCertificate`.
 * @module
 */
import { isJitsuinError } from '../errors.js';
import { fail } from '../internal/fail.js';
import { utf8Decode } from '../encoding/utf8.js';
import { parseCertificate, type Certificate } from '../x509/certificate.js';
import { readChildren, readTlv } from '../x509/der.js';
import { PKIX_OID } from '../x509/oids.js';
import type { GeneralName } from '../x509/general-name.js';
import { JPKI_OID, JPKI_OTHER_NAME_ARC } from './oids.js';

/** Which of the card's two certificates this is. */
export type JpkiCertificateKind = 'sign' | 'auth';

/** Sex as the signature certificate records it (`1`, `2`, `3`). */
export type JpkiSex = 'male' | 'female' | 'unknown';

/** Era digit of the date of birth. `unknown` is digit 0. */
export type JpkiEra = 'unknown' | 'meiji' | 'taisho' | 'showa' | 'heisei' | 'reiwa';

/** Era names indexed by their digit. */
export const JPKI_ERAS: readonly JpkiEra[] = [
  'unknown',
  'meiji',
  'taisho',
  'showa',
  'heisei',
  'reiwa',
];

/** First Gregorian day (YYYYMMDD) of each era 1..5, for the informative consistency flag. */
const ERA_STARTS: readonly number[] = [0, 18680125, 19120730, 19261225, 19890108, 20190501];

/** The date of birth: era digit plus a Gregorian year, month and day. */
export interface JpkiDateOfBirth {
  /** The era the card records. */
  readonly era: JpkiEra;
  /** The era digit itself (0..5). */
  readonly eraDigit: number;
  /** Gregorian year (see spec/jpki.md §2.4 on why this is Gregorian). */
  readonly year: number;
  readonly month: number;
  readonly day: number;
  /** The original 9-character value. */
  readonly text: string;
  /** True when the era is 0 or the date falls within that era (informative; not a rejection reason). */
  readonly eraConsistent: boolean;
}

/** Personal data of a signature certificate (基本4情報 and the substitute-character flags). */
export interface JpkiPersonalData {
  /** Name as recorded, surname and given name separated by a full-width space. */
  readonly name: string;
  /** One flag per character (code point) of `name`: true where a substitute character (代替文字) was used. */
  readonly nameSubstituted: readonly boolean[];
  readonly sex: JpkiSex;
  readonly dateOfBirth: JpkiDateOfBirth;
  readonly address: string;
  /** One flag per character of `address`. */
  readonly addressSubstituted: readonly boolean[];
}

/** The typed view of a JPKI end-entity certificate. */
export interface JpkiCertificate {
  readonly kind: JpkiCertificateKind;
  /** True when the certificate carries the JPKI test-environment policy. */
  readonly test: boolean;
  /** Lower-case hex of the serial number (DER INTEGER contents). */
  readonly serialNumber: string;
  /** Issuer Name DER (the same for all three root generations of one kind). */
  readonly issuerDer: Uint8Array;
  /** Printable issuer name. */
  readonly issuerText: string;
  readonly notBefore: number;
  readonly notAfter: number;
  /** certificatePolicies OIDs in certificate order. */
  readonly policies: readonly string[];
  /** Present for signature certificates only. */
  readonly personal?: JpkiPersonalData;
  /** The parsed certificate. */
  readonly certificate: Certificate;
}

function profile(message: string, requirement: string): never {
  return fail('ERR_JPKI_PROFILE', `JPKI certificate: ${message}`, requirement);
}

/** Reads an otherName value: `[0] { type-id OID, [0] EXPLICIT UTF8String }`, nothing else. */
function otherNameText(der: Uint8Array, typeId: string): string {
  try {
    const outer = readTlv(der, 0, 'otherName');
    const parts = readChildren(der, outer, 'otherName');
    const value = parts[1];
    if (parts.length !== 2 || value === undefined || value.tag !== 0xa0)
      profile(`otherName ${typeId} lacks its explicit [0] value`, 'JPKI-06');
    const inner = readChildren(der, value, 'otherName value');
    const str = inner[0];
    if (inner.length !== 1 || str === undefined || str.tag !== 0x0c)
      profile(`otherName ${typeId} value is not a UTF8String`, 'JPKI-06');
    return utf8Decode(der.subarray(str.contentStart, str.end), `otherName ${typeId}`);
  } catch (e) {
    if (isJitsuinError(e, 'ERR_JPKI_PROFILE')) throw e;
    return profile(
      `otherName ${typeId} is malformed: ${e instanceof Error ? e.message : String(e)}`,
      'JPKI-06',
    );
  }
}

function flags(text: string, of: string, what: string): boolean[] {
  if (!/^[01]*$/.test(text))
    profile(`${what} substitute flags contain a character other than 0 or 1`, 'JPKI-08');
  const length = [...of].length;
  if (text.length !== length)
    profile(
      `${what} substitute flags have ${text.length} digits for ${length} characters`,
      'JPKI-08',
    );
  return [...text].map((c) => c === '1');
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Parses `EYYYYMMDD` ([JPKI-10]). @internal */
export function parseDateOfBirth(text: string): JpkiDateOfBirth {
  if (!/^[0-5][0-9]{8}$/.test(text))
    profile(`date of birth "${text}" is not an era digit 0..5 and eight digits`, 'JPKI-10');
  const eraDigit = Number(text[0]);
  const year = Number(text.slice(1, 5));
  const month = Number(text.slice(5, 7));
  const day = Number(text.slice(7, 9));
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month))
    profile(`date of birth "${text}" is not a calendar date`, 'JPKI-10');
  const ymd = Number(text.slice(1));
  const start = ERA_STARTS[eraDigit] ?? 0;
  const next = ERA_STARTS[eraDigit + 1] ?? Number.MAX_SAFE_INTEGER;
  const eraConsistent = eraDigit === 0 || (ymd >= start && ymd < next);
  return { era: JPKI_ERAS[eraDigit] as JpkiEra, eraDigit, year, month, day, text, eraConsistent };
}

const PERSONAL_DATA_OIDS: ReadonlySet<string> = new Set([
  JPKI_OID.name,
  JPKI_OID.nameSubstituted,
  JPKI_OID.sex,
  JPKI_OID.dateOfBirth,
  JPKI_OID.address,
  JPKI_OID.addressSubstituted,
]);

function personalData(names: readonly GeneralName[]): JpkiPersonalData {
  const values = new Map<string, string>();
  for (const n of names) {
    if (n.type !== 'otherName' || !n.typeId.startsWith(`${JPKI_OTHER_NAME_ARC}.`)) continue;
    if (!PERSONAL_DATA_OIDS.has(n.typeId)) profile(`unknown JPKI otherName ${n.typeId}`, 'JPKI-06');
    if (values.has(n.typeId)) profile(`otherName ${n.typeId} appears twice`, 'JPKI-06');
    values.set(n.typeId, otherNameText(n.der, n.typeId));
  }
  const get = (oid: string, what: string): string => {
    const v = values.get(oid);
    if (v === undefined) profile(`subjectAltName lacks the ${what} otherName ${oid}`, 'JPKI-06');
    return v;
  };
  const name = get(JPKI_OID.name, 'name');
  const address = get(JPKI_OID.address, 'address');
  if (name.length === 0 || address.length === 0)
    profile('name and address must not be empty', 'JPKI-12');
  const sexText = get(JPKI_OID.sex, 'sex');
  const sex = ({ '1': 'male', '2': 'female', '3': 'unknown' } as const)[sexText as '1' | '2' | '3'];
  if (sex === undefined) profile(`sex "${sexText}" is not 1, 2 or 3`, 'JPKI-09');
  return {
    name,
    nameSubstituted: flags(get(JPKI_OID.nameSubstituted, 'name substitute flags'), name, 'name'),
    sex,
    dateOfBirth: parseDateOfBirth(get(JPKI_OID.dateOfBirth, 'date of birth')),
    address,
    addressSubstituted: flags(
      get(JPKI_OID.addressSubstituted, 'address substitute flags'),
      address,
      'address',
    ),
  };
}

/** Runs every profile check of spec/jpki.md §3 on a parsed certificate and returns the typed view. @internal */
export function readParsedJpkiCertificate(cert: Certificate): JpkiCertificate {
  const policiesExt = cert.extensions.find((e) => e.oid === PKIX_OID.certificatePolicies);
  if (policiesExt === undefined || !policiesExt.critical)
    profile('certificatePolicies is absent or not critical', 'JPKI-02');
  const policies = (cert.certificatePolicies ?? []).map((p) => p.policyIdentifier);
  const jpki = policies.filter(
    (p) => p === JPKI_OID.policySign || p === JPKI_OID.policySignTest || p === JPKI_OID.policyAuth,
  );
  if (jpki.length !== 1)
    profile(
      `expected exactly one JPKI policy, found ${jpki.length} (${policies.join(', ') || 'none'})`,
      'JPKI-02',
    );
  const policy = jpki[0] as string;
  const kind: JpkiCertificateKind = policy === JPKI_OID.policyAuth ? 'auth' : 'sign';

  if (cert.basicConstraints?.ca === true)
    profile('an end-entity certificate is marked as a CA', 'JPKI-05');
  let key: Certificate['publicKey'] | undefined;
  try {
    key = cert.publicKeyAlgorithm === PKIX_OID.rsaEncryption ? cert.publicKey : undefined;
  } catch {
    key = undefined;
  }
  if (key === undefined || key.kind !== 'rsa' || key.bits !== 2048 || key.e !== 65537n)
    profile('the subject key is not RSA-2048 with e = 65537', 'JPKI-03');
  if (cert.signatureAlgorithm.oid !== PKIX_OID.sha256WithRsa)
    profile(
      `signature algorithm ${cert.signatureAlgorithm.oid} is not sha256WithRSAEncryption`,
      'JPKI-04',
    );

  const kuExt = cert.extensions.find((e) => e.oid === PKIX_OID.keyUsage);
  const ku = cert.keyUsage;
  if (kuExt === undefined || !kuExt.critical || ku === undefined)
    profile('keyUsage is absent or not critical', 'JPKI-05');
  const expected = kind === 'sign' ? ['digitalSignature', 'nonRepudiation'] : ['digitalSignature'];
  if (ku.size !== expected.length || !expected.every((u) => ku.has(u as never))) {
    profile(
      `keyUsage is {${[...ku].join(', ')}}, a ${kind} certificate needs exactly {${expected.join(', ')}}`,
      'JPKI-05',
    );
  }

  const san = cert.subjectAltName ?? [];
  let personal: JpkiPersonalData | undefined;
  if (kind === 'sign') personal = personalData(san);
  else if (
    san.some((n) => n.type === 'otherName' && n.typeId.startsWith(`${JPKI_OTHER_NAME_ARC}.`))
  )
    profile('a user-authentication certificate carries JPKI personal-data otherNames', 'JPKI-07');

  return {
    kind,
    test: policy === JPKI_OID.policySignTest,
    serialNumber: cert.serialNumber,
    issuerDer: cert.issuer.der,
    issuerText: cert.issuer.text,
    notBefore: cert.notBefore,
    notAfter: cert.notAfter,
    policies,
    certificate: cert,
    ...(personal === undefined ? {} : { personal }),
  };
}

/**
 * Parses a JPKI end-entity certificate (DER) and checks the JPKI profile: exactly one JPKI policy
 * in a critical certificatePolicies, RSA-2048 e = 65537, sha256WithRSAEncryption, the keyUsage of
 * its kind, and for signature certificates the six personal-data otherNames. Does not check trust,
 * validity or revocation (see {@link validateJpkiCertificate}).
 *
 * @throws JitsuinError ERR_CERT_MALFORMED (not DER X.509 v3) or ERR_JPKI_PROFILE.
 */
export function readJpkiCertificate(der: Uint8Array): JpkiCertificate {
  return readParsedJpkiCertificate(parseCertificate(der));
}
