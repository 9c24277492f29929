/**
 * The cryptographic core shared by CAdES signatures and time-stamp tokens: the signer certificate
 * named by the SignerIdentifier, the algorithm rules (SIG-09, SIG-10) and the signature over the
 * received signed-attribute bytes (SIG-11).
 * @module
 */
import { isJitsuinError, type ErrorCode } from '../../errors.js';
import { fail } from '../../internal/fail.js';
import { bytesEqual } from '../../encoding/bytes.js';
import { verifyEcdsa } from '../../crypto/ecdsa-verify.js';
import type { HashName } from '../../crypto/hash.js';
import { verifyRsaPkcs1v15 } from '../../crypto/rsa.js';
import { parseCertificate, type Certificate } from '../../x509/certificate.js';
import { namesMatch } from '../../x509/name.js';
import { parseName } from '../../x509/name.js';
import { DIGEST_NAMES, SIGNATURE_ALGORITHMS } from '../oids.js';
import type { CmsAlgorithm, CmsSignedData } from '../signed-data.js';

/** What the signature core established. */
export interface CheckedSignature {
  readonly signer: Certificate;
  /** Parsed certificates of the `certificates` field, the signer included. */
  readonly certificates: readonly Certificate[];
  readonly hash: HashName;
  readonly family: 'ecdsa' | 'rsa';
}

const SUPPORTED: readonly string[] = ['SHA-256', 'SHA-384', 'SHA-512'];

function isNullOrAbsent(p: Uint8Array | undefined): boolean {
  return p === undefined || (p.length === 2 && p[0] === 0x05 && p[1] === 0x00);
}

/**
 * The hash and family of a SignerInfo: the digestAlgorithm must equal the hash its signature
 * algorithm fixes (rsaEncryption fixes none and takes the digestAlgorithm) [SIG-09], and both must
 * be in the profile [SIG-10]. The mismatch is reported first, so a SHA3/SHA-256 mix is named as such.
 */
export function resolveAlgorithms(
  digestAlgorithm: CmsAlgorithm,
  signatureAlgorithm: CmsAlgorithm,
): { hash: HashName; family: 'ecdsa' | 'rsa' } {
  const digest = DIGEST_NAMES[digestAlgorithm.oid];
  const sig = SIGNATURE_ALGORITHMS[signatureAlgorithm.oid];
  if (digest === undefined)
    fail(
      'ERR_UNSUPPORTED_ALGORITHM',
      `digestAlgorithm ${digestAlgorithm.oid} is not a known hash`,
      'SIG-10',
    );
  if (sig === undefined)
    fail(
      'ERR_UNSUPPORTED_ALGORITHM',
      `signatureAlgorithm ${signatureAlgorithm.oid} is not supported`,
      'SIG-10',
    );
  if (sig.hash !== undefined && sig.hash !== digest) {
    fail(
      'ERR_CADES_ALGORITHM_MISMATCH',
      `digestAlgorithm is ${digest} but the signature algorithm hashes with ${sig.hash}`,
      'SIG-09',
    );
  }
  if (!SUPPORTED.includes(digest))
    fail(
      'ERR_UNSUPPORTED_ALGORITHM',
      `${digest} is outside the profile (SHA-256, SHA-384, SHA-512)`,
      'SIG-10',
    );
  if (!isNullOrAbsent(digestAlgorithm.parameters))
    fail(
      'ERR_UNSUPPORTED_ALGORITHM',
      'digestAlgorithm parameters are neither absent nor NULL',
      'SIG-10',
    );
  if (sig.family === 'rsa-pss')
    fail(
      'ERR_UNSUPPORTED_ALGORITHM',
      'RSASSA-PSS is outside the profile (ECDSA and RSASSA-PKCS1-v1_5 only)',
      'SIG-10',
    );
  if (sig.family === 'ecdsa-plain')
    fail(
      'ERR_UNSUPPORTED_ALGORITHM',
      'plain r||s ECDSA (BSI ecdsa-plain-*) is outside the profile; CMS ECDSA signatures are DER',
      'SIG-10',
    );
  if (sig.family === 'ecdsa' && signatureAlgorithm.parameters !== undefined)
    fail(
      'ERR_UNSUPPORTED_ALGORITHM',
      'ECDSA signatureAlgorithm carries parameters (RFC 5758 §3.2)',
      'SIG-10',
    );
  if (sig.family === 'rsa' && !isNullOrAbsent(signatureAlgorithm.parameters))
    fail(
      'ERR_UNSUPPORTED_ALGORITHM',
      'RSA signatureAlgorithm parameters are neither absent nor NULL',
      'SIG-10',
    );
  return { hash: digest as HashName, family: sig.family };
}

/** Parses the `certificates` field; a malformed certificate makes the signature malformed. */
export function parseEmbeddedCertificates(
  sd: CmsSignedData,
  code: ErrorCode,
  requirement: string,
): Certificate[] {
  return sd.certificates.map((der) => {
    try {
      return parseCertificate(der);
    } catch (e) {
      return fail(
        code,
        `certificates: an embedded certificate is malformed${isJitsuinError(e) ? `: ${e.message}` : ''}`,
        requirement,
        e,
      );
    }
  });
}

/** The one certificate the SignerIdentifier names [SIG-12]; `code` for a missing or ambiguous one. */
export function findSigner(
  sd: CmsSignedData,
  certificates: readonly Certificate[],
  code: ErrorCode,
  requirement: string,
): Certificate {
  const sid = sd.signerInfo.sid;
  let matches: Certificate[];
  if (sid.kind === 'issuerAndSerialNumber') {
    let issuer: ReturnType<typeof parseName>;
    try {
      issuer = parseName(sid.issuer, 'sid issuer');
    } catch (e) {
      return fail(code, 'SignerIdentifier: the issuer is not a valid Name', requirement, e);
    }
    matches = certificates.filter(
      (c) => c.serialNumber === sid.serialNumber && namesMatch(c.issuer, issuer),
    );
  } else {
    matches = certificates.filter(
      (c) => c.subjectKeyId !== undefined && bytesEqual(c.subjectKeyId, sid.keyIdentifier),
    );
  }
  // The same certificate twice is one certificate; two different ones are ambiguous.
  const distinct = matches.filter(
    (c, i) => matches.findIndex((d) => bytesEqual(d.der, c.der)) === i,
  );
  if (distinct.length === 0)
    fail(
      code,
      'the signer certificate named by the SignerIdentifier is not in certificates',
      requirement,
    );
  if (distinct.length > 1)
    fail(code, 'the SignerIdentifier matches more than one certificate', requirement);
  return distinct[0] as Certificate;
}

/**
 * Verifies the SignerInfo's signature over its signed attributes (tag 0x31, as received) with the
 * signer's key [SIG-11]. The signer certificate is whatever {@link findSigner} returned; its
 * trust is established elsewhere.
 */
export async function verifySignerSignature(
  sd: CmsSignedData,
  signer: Certificate,
  hash: HashName,
  family: 'ecdsa' | 'rsa',
  requirement = 'SIG-11',
): Promise<void> {
  const si = sd.signerInfo;
  const message = si.signedAttrsDer;
  if (message === undefined)
    fail('ERR_CADES_ATTRIBUTES', 'the SignerInfo has no signed attributes', 'SIG-04');
  const key = signer.publicKey;
  if (family === 'ecdsa') {
    if (key.kind !== 'ec')
      fail(
        'ERR_UNSUPPORTED_ALGORITHM',
        'ECDSA signature but the signer key is not an EC key',
        'SIG-10',
      );
    await verifyEcdsa(key, message, si.signature, { format: 'der', hash }).catch((e: unknown) =>
      rethrow(e, requirement),
    );
  } else {
    if (key.kind !== 'rsa')
      fail(
        'ERR_UNSUPPORTED_ALGORITHM',
        'RSA signature but the signer key is not an RSA key',
        'SIG-10',
      );
    await verifyRsaPkcs1v15(key, message, si.signature, hash).catch((e: unknown) =>
      rethrow(e, requirement),
    );
  }
}

function rethrow(e: unknown, requirement: string): never {
  if (
    isJitsuinError(e) &&
    (e.code === 'ERR_SIGNATURE_INVALID' || e.code === 'ERR_INVALID_SIGNATURE_ENCODING')
  ) {
    fail(e.code, `SignerInfo signature: ${e.message}`, requirement, e);
  }
  throw e;
}

/** Checks that `digestAlgorithms` lists the SignerInfo's digest algorithm (RFC 5652 §5.1) [SIG-02]. */
export function assertDigestListed(sd: CmsSignedData, code: ErrorCode, requirement: string): void {
  if (!sd.digestAlgorithms.some((a) => a.oid === sd.signerInfo.digestAlgorithm.oid))
    fail(
      code,
      'SignedData.digestAlgorithms does not list the SignerInfo digestAlgorithm',
      requirement,
    );
}
