/**
 * Object identifiers of CMS (RFC 5652), ESS (RFC 5035), CAdES (ETSI EN 319 122-1) and time-stamping
 * (RFC 3161) that the signature area reads and writes.
 * @module
 */

/** CMS, ESS, CAdES and TSP object identifiers. */
export const CMS_OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  tstInfo: '1.2.840.113549.1.9.16.1.4',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificate: '1.2.840.113549.1.9.16.2.12',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  signatureTimeStampToken: '1.2.840.113549.1.9.16.2.14',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha384: '2.16.840.1.101.3.4.2.2',
  sha512: '2.16.840.1.101.3.4.2.3',
  sha1: '1.3.14.3.2.26',
  kpTimeStamping: '1.3.6.1.5.5.7.3.8',
} as const;

/** Digest algorithm OIDs by name, SHA-3 included so that a mismatch can be named before "unsupported" (SIG-09). @internal */
export const DIGEST_NAMES: Readonly<Record<string, string>> = {
  [CMS_OID.sha256]: 'SHA-256',
  [CMS_OID.sha384]: 'SHA-384',
  [CMS_OID.sha512]: 'SHA-512',
  '2.16.840.1.101.3.4.2.4': 'SHA-224',
  [CMS_OID.sha1]: 'SHA-1',
  '2.16.840.1.101.3.4.2.7': 'SHA3-224',
  '2.16.840.1.101.3.4.2.8': 'SHA3-256',
  '2.16.840.1.101.3.4.2.9': 'SHA3-384',
  '2.16.840.1.101.3.4.2.10': 'SHA3-512',
};

/** Signature algorithm OIDs: family and the hash they fix (`undefined`: rsaEncryption, whose hash is the digestAlgorithm). @internal */
export const SIGNATURE_ALGORITHMS: Readonly<
  Record<
    string,
    { readonly family: 'ecdsa' | 'rsa' | 'rsa-pss' | 'ecdsa-plain'; readonly hash?: string }
  >
> = {
  '1.2.840.10045.4.3.2': { family: 'ecdsa', hash: 'SHA-256' },
  '1.2.840.10045.4.3.3': { family: 'ecdsa', hash: 'SHA-384' },
  '1.2.840.10045.4.3.4': { family: 'ecdsa', hash: 'SHA-512' },
  '1.2.840.113549.1.1.11': { family: 'rsa', hash: 'SHA-256' },
  '1.2.840.113549.1.1.12': { family: 'rsa', hash: 'SHA-384' },
  '1.2.840.113549.1.1.13': { family: 'rsa', hash: 'SHA-512' },
  '1.2.840.113549.1.1.5': { family: 'rsa', hash: 'SHA-1' },
  '1.2.840.113549.1.1.1': { family: 'rsa' },
  '1.2.840.113549.1.1.10': { family: 'rsa-pss' },
  '2.16.840.1.101.3.4.3.13': { family: 'rsa', hash: 'SHA3-224' },
  '2.16.840.1.101.3.4.3.14': { family: 'rsa', hash: 'SHA3-256' },
  '2.16.840.1.101.3.4.3.15': { family: 'rsa', hash: 'SHA3-384' },
  '2.16.840.1.101.3.4.3.16': { family: 'rsa', hash: 'SHA3-512' },
  '2.16.840.1.101.3.4.3.10': { family: 'ecdsa', hash: 'SHA3-256' },
  // BSI TR-03111 ecdsa-plain-SHA*: r||s inside CMS, never accepted (SIG-10).
  '0.4.0.127.0.7.1.1.4.1.3': { family: 'ecdsa-plain', hash: 'SHA-256' },
  '0.4.0.127.0.7.1.1.4.1.4': { family: 'ecdsa-plain', hash: 'SHA-384' },
  '0.4.0.127.0.7.1.1.4.1.5': { family: 'ecdsa-plain', hash: 'SHA-512' },
};
