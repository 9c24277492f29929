/**
 * The CAdES-B-B checks that need no trust decision (spec/signature.md §4): structure, the exact
 * signed-attribute set, algorithms, the signer certificate binding, the content digest and the
 * signature. `verifyCades` adds path validation and time-stamps on top.
 * @module
 */
import { fail } from '../internal/fail.js';
import { bytesEqual } from '../encoding/bytes.js';
import { digest as hashOf, HASH_LENGTH, type HashName } from '../crypto/hash.js';
import { sha256 } from '../crypto/hash.js';
import type { Certificate } from '../x509/certificate.js';
import {
  assertDerAttributeSet,
  issuerSerialMatches,
  readContentType,
  readEssCertId,
  readSigningTime,
  singleValue,
  tlvContents,
} from './internal/attributes.js';
import { CMS_OID } from './oids.js';
import { parseSignedData, type CmsAttribute, type CmsSignedData } from './signed-data.js';
import {
  assertDigestListed,
  findSigner,
  parseEmbeddedCertificates,
  resolveAlgorithms,
  verifySignerSignature,
} from './internal/signer-info.js';

/** The signed data a verifier checks against: the content, or its digest under the SignerInfo's digestAlgorithm. */
export type CadesData = { readonly content: Uint8Array } | { readonly digest: Uint8Array };

/** What the structural and cryptographic checks established. */
export interface CheckedCades {
  readonly signedData: CmsSignedData;
  readonly signer: Certificate;
  readonly certificates: readonly Certificate[];
  readonly hash: HashName;
  readonly family: 'ecdsa' | 'rsa';
  /** The claimed signing time (seconds). */
  readonly signingTime: number;
  /** The TimeStampToken of the signature-time-stamp attribute, when there is one (not yet checked). */
  readonly timestampToken?: Uint8Array;
}

const REQUIRED = new Set<string>([
  CMS_OID.contentType,
  CMS_OID.messageDigest,
  CMS_OID.signingTime,
  CMS_OID.signingCertificateV2,
]);
const NAMES: Readonly<Record<string, string>> = {
  [CMS_OID.contentType]: 'contentType',
  [CMS_OID.messageDigest]: 'messageDigest',
  [CMS_OID.signingTime]: 'signingTime',
  [CMS_OID.signingCertificateV2]: 'signingCertificateV2',
};

function contentDigest(sd: CmsSignedData, data: CadesData | undefined, hash: HashName): Uint8Array {
  const given = data !== undefined && ('content' in data || 'digest' in data);
  if (sd.eContent !== undefined && given)
    fail(
      'ERR_INVALID_ARGUMENT',
      'the signature encapsulates its content; do not pass content or digest as well',
      'SIG-03',
    );
  if (sd.eContent !== undefined) return hashOf(hash, sd.eContent);
  if (data === undefined || !given)
    fail('ERR_INVALID_ARGUMENT', 'a detached signature needs the content or its digest', 'SIG-03');
  if ('content' in data) {
    if (!(data.content instanceof Uint8Array))
      fail('ERR_INVALID_ARGUMENT', 'content must be a Uint8Array', 'SIG-03');
    return hashOf(hash, data.content);
  }
  if (!(data.digest instanceof Uint8Array))
    fail('ERR_INVALID_ARGUMENT', 'digest must be a Uint8Array', 'SIG-03');
  if (data.digest.length !== HASH_LENGTH[hash])
    fail(
      'ERR_CADES_DIGEST_MISMATCH',
      `the supplied digest has ${data.digest.length} bytes; the signature uses ${hash}`,
      'SIG-07',
    );
  return data.digest.slice();
}

/** SIG-15: unsigned attributes are nothing or exactly one signature-time-stamp attribute with one token. */
function unsignedTimestamp(unsigned: readonly CmsAttribute[] | undefined): Uint8Array | undefined {
  if (unsigned === undefined) return undefined;
  for (const a of unsigned)
    if (a.type !== CMS_OID.signatureTimeStampToken)
      fail(
        'ERR_CADES_ATTRIBUTES',
        `unsigned attribute ${a.type} is not the signature time-stamp`,
        'SIG-15',
      );
  if (unsigned.length !== 1)
    fail(
      'ERR_CADES_ATTRIBUTES',
      `${unsigned.length} unsigned attributes; at most one signature time-stamp attribute is allowed`,
      'SIG-15',
    );
  const values = (unsigned[0] as CmsAttribute).values;
  if (values.length !== 1)
    fail(
      'ERR_CADES_ATTRIBUTES',
      `the signature time-stamp attribute has ${values.length} tokens; exactly one is allowed`,
      'SIG-15',
    );
  return values[0];
}

/**
 * Runs SIG-01 to SIG-13 and SIG-15 over `signature` (DER/BER ContentInfo) and the detached `data` (or the
 * encapsulated content). Throws the first rule broken; the signature is checked last, so a
 * failure names the broken rule rather than a consequence of it.
 */
export async function checkCades(
  signature: Uint8Array,
  data: CadesData | undefined,
): Promise<CheckedCades> {
  if (!(signature instanceof Uint8Array))
    fail('ERR_INVALID_ARGUMENT', 'verifyCades: signature must be a Uint8Array');
  const sd = parseSignedData(signature, 'ERR_CADES_MALFORMED', 'SIG-01', 'CAdES signature');
  const si = sd.signerInfo;
  assertDigestListed(sd, 'ERR_CADES_MALFORMED', 'SIG-02');
  if (si.signedAttrs === undefined || si.signedAttrsDer === undefined)
    fail('ERR_CADES_ATTRIBUTES', 'the SignerInfo has no signed attributes', 'SIG-04');
  assertDerAttributeSet(si.signedAttrsDer, 'ERR_CADES_ATTRIBUTES', 'SIG-06', 'signedAttrs');
  const attrs = si.signedAttrs;
  for (const a of attrs)
    if (!REQUIRED.has(a.type))
      fail(
        'ERR_CADES_ATTRIBUTES',
        `signed attribute ${a.type} is not one of contentType, messageDigest, signingTime, signingCertificateV2`,
        'SIG-04',
      );
  const values = Object.fromEntries(
    [...REQUIRED].map((t) => [
      t,
      singleValue(attrs, t, NAMES[t] as string, 'ERR_CADES_ATTRIBUTES', 'SIG-04'),
    ]),
  );
  const contentType = readContentType(
    values[CMS_OID.contentType] as Uint8Array,
    'ERR_CADES_ATTRIBUTES',
    'SIG-05',
  );
  if (sd.eContentType !== CMS_OID.data)
    fail('ERR_CADES_ATTRIBUTES', `eContentType is ${sd.eContentType}, not id-data`, 'SIG-05');
  if (contentType !== sd.eContentType)
    fail(
      'ERR_CADES_ATTRIBUTES',
      `the contentType attribute (${contentType}) differs from eContentType (${sd.eContentType})`,
      'SIG-05',
    );

  const { hash, family } = resolveAlgorithms(si.digestAlgorithm, si.signatureAlgorithm);
  const certificates = parseEmbeddedCertificates(sd, 'ERR_CADES_MALFORMED', 'SIG-01');
  const signer = findSigner(sd, certificates, 'ERR_CADES_SIGNING_CERTIFICATE', 'SIG-12');
  const ess = readEssCertId(
    values[CMS_OID.signingCertificateV2] as Uint8Array,
    true,
    'ERR_CADES_ATTRIBUTES',
    'SIG-13',
  );
  if (ess.hashAlgorithm !== CMS_OID.sha256)
    fail(
      'ERR_CADES_SIGNING_CERTIFICATE',
      `signingCertificateV2 hashes the certificate with ${ess.hashAlgorithm}, not SHA-256`,
      'SIG-13',
    );
  if (!bytesEqual(ess.certHash, sha256(signer.der)))
    fail(
      'ERR_CADES_SIGNING_CERTIFICATE',
      'signingCertificateV2 certHash is not the SHA-256 of the signer certificate',
      'SIG-13',
    );
  if (ess.issuerSerial !== undefined && !issuerSerialMatches(ess.issuerSerial, signer))
    fail(
      'ERR_CADES_SIGNING_CERTIFICATE',
      'signingCertificateV2 issuerSerial does not name the signer certificate',
      'SIG-13',
    );

  const md = tlvContents(
    values[CMS_OID.messageDigest] as Uint8Array,
    0x04,
    'ERR_CADES_ATTRIBUTES',
    'SIG-07',
    'messageDigest',
  );
  if (!bytesEqual(md, contentDigest(sd, data, hash)))
    fail('ERR_CADES_DIGEST_MISMATCH', `messageDigest is not the ${hash} of the content`, 'SIG-07');
  const signingTime = readSigningTime(values[CMS_OID.signingTime] as Uint8Array);
  const timestampToken = unsignedTimestamp(si.unsignedAttrs);
  await verifySignerSignature(sd, signer, hash, family);
  return {
    signedData: sd,
    signer,
    certificates,
    hash,
    family,
    signingTime,
    ...(timestampToken === undefined ? {} : { timestampToken }),
  };
}
