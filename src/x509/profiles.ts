/**
 * The jitsuin certificate profiles (spec/certificates.md §3): checks on the end-entity certificate
 * of a validated path, and on the CA certificates above it, beyond RFC 5280.
 * @module
 */
import { type ErrorCode } from '../errors.js';
import { fail } from '../internal/fail.js';
import type { Certificate } from './certificate.js';
import type { KeyUsage } from './extensions.js';
import { JITSUIN_OID, PKIX_OID } from './oids.js';

/** Which profile the end-entity certificate must satisfy; `none` applies RFC 5280 only. */
export type CertificateProfile =
  'app-authentication' | 'accredited-signing' | 'organisation' | 'ocsp-responder' | 'none';

/** The EKU each profile requires of the end entity (any one of the listed values). */
export const PROFILE_EKUS: Readonly<
  Record<Exclude<CertificateProfile, 'none'>, readonly string[]>
> = {
  'app-authentication': [JITSUIN_OID.ekuLogin, JITSUIN_OID.ekuConsent],
  'accredited-signing': [],
  organisation: [JITSUIN_OID.ekuOrganisation],
  'ocsp-responder': [PKIX_OID.kpOcspSigning],
};

function profileFail(
  label: string,
  message: string,
  requirement: string,
  code: ErrorCode = 'ERR_CERT_PROFILE',
): never {
  return fail(code, `${label}: ${message}`, requirement);
}

function requireP256(cert: Certificate, label: string, requirement: string): void {
  if (cert.publicKeyAlgorithm !== PKIX_OID.ecPublicKey || cert.namedCurve !== PKIX_OID.secp256r1)
    profileFail(label, 'the certified key is not an EC P-256 key', requirement);
}

/** Five years of 365 days plus the two leap days they can contain (CERT-43). */
const MAX_SIGNING_VALIDITY = (5 * 365 + 2) * 86400;

/** CERT-42: an accredited signing key is EC P-256 (a phone key) or RSA-2048 with e = 65537. */
function requireSigningKey(cert: Certificate, label: string): void {
  if (cert.publicKeyAlgorithm === PKIX_OID.ecPublicKey && cert.namedCurve === PKIX_OID.secp256r1)
    return;
  if (cert.publicKeyAlgorithm === PKIX_OID.rsaEncryption) {
    const key = cert.publicKey;
    if (key.kind === 'rsa' && key.bits === 2048 && key.e === 65537n) return;
  }
  profileFail(
    label,
    'the certified key is neither EC P-256 nor RSA-2048 with e = 65537',
    'CERT-42',
  );
}

function requireKeyUsage(
  cert: Certificate,
  label: string,
  allowed: readonly KeyUsage[],
  required: readonly KeyUsage[],
  requirement: string,
): void {
  const ku = cert.keyUsage;
  if (ku === undefined) profileFail(label, 'keyUsage is absent', requirement, 'ERR_PATH_KEY_USAGE');
  if (!cert.extensions.some((e) => e.oid === PKIX_OID.keyUsage && e.critical))
    profileFail(label, 'keyUsage is not critical', requirement, 'ERR_PATH_KEY_USAGE');
  for (const r of required)
    if (!ku.has(r)) profileFail(label, `keyUsage lacks ${r}`, requirement, 'ERR_PATH_KEY_USAGE');
  for (const u of ku)
    if (!allowed.includes(u))
      profileFail(
        label,
        `keyUsage has ${u}, which this profile forbids`,
        requirement,
        'ERR_PATH_KEY_USAGE',
      );
}

function requireNonCriticalExtension(
  cert: Certificate,
  label: string,
  oid: string,
  what: string,
  requirement: string,
): void {
  const ext = cert.extensions.find((e) => e.oid === oid);
  if (ext === undefined) profileFail(label, `the ${what} extension is absent`, requirement);
  if (ext.critical) profileFail(label, `the ${what} extension is marked critical`, requirement);
}

function requirePolicy(cert: Certificate, label: string, oid: string, requirement: string): void {
  if (!(cert.certificatePolicies ?? []).some((p) => p.policyIdentifier === oid))
    profileFail(label, `certificatePolicies lacks ${oid}`, requirement);
}

function requireSubjectAttribute(
  cert: Certificate,
  label: string,
  type: string,
  what: string,
  requirement: string,
): void {
  if (!cert.subject.rdns.some((rdn) => rdn.some((a) => a.type === type && a.value.trim() !== '')))
    profileFail(label, `the subject has no ${what}`, requirement);
}

/** Profile rules for every CA certificate of a jitsuin path (anchor included). @internal */
export function checkCaProfile(cert: Certificate, label: string): void {
  requireKeyUsage(
    cert,
    label,
    ['keyCertSign', 'cRLSign', 'digitalSignature'],
    ['keyCertSign'],
    'CERT-11',
  );
}

/** Profile rules for the end-entity certificate. @internal */
export function checkLeafProfile(
  cert: Certificate,
  profile: CertificateProfile,
  label: string,
): void {
  switch (profile) {
    case 'none':
      return;
    case 'app-authentication':
      requireP256(cert, label, 'CERT-20');
      requireKeyUsage(cert, label, ['digitalSignature'], ['digitalSignature'], 'CERT-21');
      requireEku(cert, label, PROFILE_EKUS['app-authentication'], 'CERT-22');
      requireNonCriticalExtension(cert, label, JITSUIN_OID.commonCode, 'common-code', 'CERT-23');
      requireNonCriticalExtension(cert, label, JITSUIN_OID.appBinding, 'app-binding', 'CERT-24');
      requireNonCriticalExtension(
        cert,
        label,
        JITSUIN_OID.keyProtection,
        'key-protection',
        'CERT-25',
      );
      requirePolicy(cert, label, JITSUIN_OID.policyAppAuthentication, 'CERT-26');
      return;
    case 'accredited-signing':
      requireSigningKey(cert, label);
      if (cert.notAfter - cert.notBefore > MAX_SIGNING_VALIDITY)
        profileFail(label, 'validity exceeds five years', 'CERT-43');
      requireKeyUsage(
        cert,
        label,
        ['nonRepudiation', 'digitalSignature'],
        ['nonRepudiation'],
        'CERT-30',
      );
      requirePolicy(cert, label, JITSUIN_OID.policyAccreditedSigning, 'CERT-31');
      requireSubjectAttribute(cert, label, '2.5.4.3', "commonName (the signer's name)", 'CERT-32');
      requireNonCriticalExtension(cert, label, JITSUIN_OID.commonCode, 'common-code', 'CERT-23');
      return;
    case 'organisation':
      requireP256(cert, label, 'CERT-20');
      requireKeyUsage(cert, label, ['digitalSignature'], ['digitalSignature'], 'CERT-21');
      requireEku(cert, label, PROFILE_EKUS.organisation, 'CERT-35');
      requireSubjectAttribute(cert, label, '2.5.4.10', 'organizationName', 'CERT-36');
      requirePolicy(cert, label, JITSUIN_OID.policyOrganisation, 'CERT-37');
      return;
    case 'ocsp-responder':
      requireKeyUsage(cert, label, ['digitalSignature'], ['digitalSignature'], 'CERT-21');
      requireEku(cert, label, PROFILE_EKUS['ocsp-responder'], 'CERT-38');
      if (cert.ocspNoCheck !== true)
        profileFail(label, 'an OCSP responder certificate without id-pkix-ocsp-nocheck', 'CERT-39');
      return;
    default:
      return fail('ERR_INVALID_ARGUMENT', `unknown certificate profile "${String(profile)}"`);
  }
}

function requireEku(
  cert: Certificate,
  label: string,
  anyOf: readonly string[],
  requirement: string,
): void {
  const eku = cert.extKeyUsage;
  if (eku === undefined) profileFail(label, 'extKeyUsage is absent', requirement, 'ERR_PATH_EKU');
  if (eku.includes(PKIX_OID.anyExtendedKeyUsage))
    profileFail(label, 'extKeyUsage contains anyExtendedKeyUsage', requirement, 'ERR_PATH_EKU');
  if (!anyOf.some((o) => eku.includes(o)))
    profileFail(label, `extKeyUsage has none of ${anyOf.join(', ')}`, requirement, 'ERR_PATH_EKU');
}
