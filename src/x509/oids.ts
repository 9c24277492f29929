/**
 * Object identifiers used by the certificate profile (`spec/certificates.md`, `spec/asn1/Jitsuin.asn`).
 * @module
 */

/** The jitsuin UUID arc (X.667), under which every jitsuin-specific identifier lives. */
export const JITSUIN_ARC = '2.25.236537640982490090959633515664135831664';

/** jitsuin object identifiers: `.1.x` extensions, `.2.x` extended key usages, `.3.x` policies. */
export const JITSUIN_OID = {
  /** Extension carrying the person's 128-bit common code. */
  commonCode: `${JITSUIN_ARC}.1.1`,
  /** Extension naming the relying party and app an app key is bound to. */
  appBinding: `${JITSUIN_ARC}.1.2`,
  /** Extension stating how the certified private key is protected. */
  keyProtection: `${JITSUIN_ARC}.1.3`,
  /** EKU: sign login responses. */
  ekuLogin: `${JITSUIN_ARC}.2.1`,
  /** EKU: sign consent decisions. */
  ekuConsent: `${JITSUIN_ARC}.2.2`,
  /** EKU: relying-party organisation key (consent requests, QR offers). */
  ekuOrganisation: `${JITSUIN_ARC}.2.3`,
  /** Certificate policy: app authentication certificate. */
  policyAppAuthentication: `${JITSUIN_ARC}.3.1`,
  /** Certificate policy: accredited signing certificate (Electronic Signatures Act). */
  policyAccreditedSigning: `${JITSUIN_ARC}.3.2`,
  /** Certificate policy: organisation certificate. */
  policyOrganisation: `${JITSUIN_ARC}.3.3`,
  /** CSR attribute: the app key's binding to one enrollment (spec/enrollment.md §3.1, ENR-17). */
  attrEnrollmentBinding: `${JITSUIN_ARC}.4.1`,
  /** EKU: relying-party consent signing (consent requests, transfer records; spec/certificates.md §11). */
  ekuRpConsent: `${JITSUIN_ARC}.2.4`,
} as const;

/** Standard PKIX object identifiers this module interprets. */
export const PKIX_OID = {
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  subjectAltName: '2.5.29.17',
  issuerAltName: '2.5.29.18',
  basicConstraints: '2.5.29.19',
  nameConstraints: '2.5.29.30',
  crlDistributionPoints: '2.5.29.31',
  certificatePolicies: '2.5.29.32',
  policyMappings: '2.5.29.33',
  authorityKeyIdentifier: '2.5.29.35',
  policyConstraints: '2.5.29.36',
  extKeyUsage: '2.5.29.37',
  freshestCrl: '2.5.29.46',
  inhibitAnyPolicy: '2.5.29.54',
  authorityInfoAccess: '1.3.6.1.5.5.7.1.1',
  subjectInfoAccess: '1.3.6.1.5.5.7.1.11',
  ocspNoCheck: '1.3.6.1.5.5.7.48.1.5',
  anyPolicy: '2.5.29.32.0',
  anyExtendedKeyUsage: '2.5.29.37.0',
  kpServerAuth: '1.3.6.1.5.5.7.3.1',
  kpClientAuth: '1.3.6.1.5.5.7.3.2',
  kpCodeSigning: '1.3.6.1.5.5.7.3.3',
  kpEmailProtection: '1.3.6.1.5.5.7.3.4',
  kpOcspSigning: '1.3.6.1.5.5.7.3.9',
  ecPublicKey: '1.2.840.10045.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
  ed25519: '1.3.101.112',
  secp256r1: '1.2.840.10045.3.1.7',
  secp384r1: '1.3.132.0.34',
  secp521r1: '1.3.132.0.35',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  ecdsaWithSha384: '1.2.840.10045.4.3.3',
  ecdsaWithSha512: '1.2.840.10045.4.3.4',
  sha256WithRsa: '1.2.840.113549.1.1.11',
  sha384WithRsa: '1.2.840.113549.1.1.12',
  sha512WithRsa: '1.2.840.113549.1.1.13',
  sha1WithRsa: '1.2.840.113549.1.1.5',
  rsassaPss: '1.2.840.113549.1.1.10',
  dsaWithSha1: '1.2.840.10040.4.3',
  dsa: '1.2.840.10040.4.1',
} as const;

/** Attribute types of distinguished names with their short names (RFC 4514 plus a few common ones). */
export const ATTRIBUTE_SHORT_NAMES: Readonly<Record<string, string>> = {
  '2.5.4.3': 'CN',
  '2.5.4.4': 'SN',
  '2.5.4.5': 'serialNumber',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.9': 'STREET',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.12': 'title',
  '2.5.4.42': 'GN',
  '2.5.4.46': 'dnQualifier',
  '2.5.4.65': 'pseudonym',
  '2.5.4.97': 'organizationIdentifier',
  '0.9.2342.19200300.100.1.25': 'DC',
  '0.9.2342.19200300.100.1.1': 'UID',
  '1.2.840.113549.1.9.1': 'emailAddress',
};
