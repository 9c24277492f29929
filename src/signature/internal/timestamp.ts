/**
 * RFC 3161 time-stamp tokens as CAdES-B-T signature time-stamps (spec/signature.md §6): the
 * imprint a signer asks a TSA for, and the checks of a token that need no trust decision (its
 * SignedData, ESS signing certificate, TSTInfo and imprint). The TSA's path is validated by
 * `verifyCades`.
 * @module
 */
import { fail } from '../../internal/fail.js';
import { bytesEqual, concatBytes } from '../../encoding/bytes.js';
import { digest as hashOf, sha1, type HashName } from '../../crypto/hash.js';
import type { Certificate } from '../../x509/certificate.js';
import { encodeTlv } from '../../x509/der.js';
import { decodeOid, encodeOid } from '../../x509/oid.js';
import { decodeTime } from '../../x509/time.js';
import {
  assertDerAttributeSet,
  issuerSerialMatches,
  readContentType,
  readEssCertId,
  singleValue,
  tlvContents,
} from './attributes.js';
import { assertDer, berChildren, readBer, type BerContext, type BerNode } from './ber.js';
import { CMS_OID, DIGEST_NAMES } from '../oids.js';
import { parseSignedData } from '../signed-data.js';
import {
  assertDigestListed,
  findSigner,
  parseEmbeddedCertificates,
  resolveAlgorithms,
  verifySignerSignature,
} from './signer-info.js';

/** DER MessageImprint { AlgorithmIdentifier sha256, OCTET STRING digest } (RFC 3161 §2.4.1). */
export function encodeMessageImprint(digest: Uint8Array): Uint8Array {
  return encodeTlv(
    0x30,
    concatBytes(encodeTlv(0x30, encodeOid(CMS_OID.sha256)), encodeTlv(0x04, digest)),
  );
}

/** A time-stamp token that passed {@link checkTimestampToken}. */
export interface CheckedTimestamp {
  /** genTime, seconds since the epoch (fractions of a second dropped). */
  readonly genTime: number;
  /** The TSA certificate that signed the token. */
  readonly tsa: Certificate;
  /** Every certificate the token carries (candidate intermediates). */
  readonly certificates: readonly Certificate[];
  /** The TSA policy OID. */
  readonly policy: string;
  /** TSTInfo serialNumber, lower-case hex. */
  readonly serialNumber: string;
}

const ctxOf = (what: string): BerContext => ({
  code: 'ERR_TIMESTAMP',
  requirement: 'SIG-17',
  what,
});

function readGenTime(bytes: Uint8Array, node: BerNode): number {
  if (node.tag !== 0x18)
    fail('ERR_TIMESTAMP', 'TSTInfo genTime is not a GeneralizedTime', 'SIG-17');
  let text = '';
  for (const b of bytes.subarray(node.contentStart, node.contentEnd))
    text += String.fromCharCode(b);
  // RFC 3161 §2.4.2: YYYYMMDDhhmmss[.s...]Z, no trailing zeros in the fraction.
  const m = /^(\d{14})(\.\d*[1-9])?Z$/.exec(text);
  if (m === null)
    fail('ERR_TIMESTAMP', `TSTInfo genTime "${text}" is not YYYYMMDDhhmmss[.s...]Z`, 'SIG-17');
  const whole = `${m[1] as string}Z`;
  const contents = new Uint8Array(whole.length);
  for (let i = 0; i < whole.length; i++) contents[i] = whole.charCodeAt(i);
  try {
    return decodeTime(0x18, contents, 'genTime');
  } catch (e) {
    return fail('ERR_TIMESTAMP', `TSTInfo genTime "${text}" is not a valid time`, 'SIG-17', e);
  }
}

interface TstInfo {
  readonly policy: string;
  readonly imprintAlgorithm: string;
  readonly imprintParameters?: Uint8Array;
  readonly hashedMessage: Uint8Array;
  readonly serialNumber: string;
  readonly genTime: number;
}

function readTstInfo(der: Uint8Array): TstInfo {
  const ctx = ctxOf('TSTInfo');
  const top = readBer(der, 0, der.length, ctx);
  if (top.tag !== 0x30 || top.end !== der.length)
    fail('ERR_TIMESTAMP', 'TSTInfo is not one SEQUENCE', 'SIG-17');
  assertDer(der, top, ctx);
  const k = berChildren(der, top, ctx);
  const [version, policy, imprint, serial, genTime] = k;
  if (
    version?.tag !== 0x02 ||
    version.contentEnd - version.contentStart !== 1 ||
    der[version.contentStart] !== 1
  )
    fail('ERR_TIMESTAMP', 'TSTInfo version is not 1', 'SIG-17');
  if (
    policy?.tag !== 0x06 ||
    imprint?.tag !== 0x30 ||
    serial?.tag !== 0x02 ||
    genTime === undefined
  )
    fail(
      'ERR_TIMESTAMP',
      'TSTInfo lacks policy, messageImprint, serialNumber or genTime',
      'SIG-17',
    );
  const mi = berChildren(der, imprint, ctx);
  const alg = mi[0];
  const hashed = mi[1];
  if (mi.length !== 2 || alg?.tag !== 0x30 || hashed?.tag !== 0x04)
    fail('ERR_TIMESTAMP', 'messageImprint is not { AlgorithmIdentifier, OCTET STRING }', 'SIG-17');
  const algKids = berChildren(der, alg, ctx);
  const algOid = algKids[0];
  if (algOid?.tag !== 0x06 || algKids.length > 2)
    fail('ERR_TIMESTAMP', 'messageImprint hashAlgorithm is malformed', 'SIG-17');
  const params = algKids[1];
  let hex = '';
  for (const b of der.subarray(serial.contentStart, serial.contentEnd))
    hex += b.toString(16).padStart(2, '0');
  return {
    policy: decodeOid(der.subarray(policy.contentStart, policy.contentEnd), 'TSTInfo policy'),
    imprintAlgorithm: decodeOid(
      der.subarray(algOid.contentStart, algOid.contentEnd),
      'hashAlgorithm',
    ),
    ...(params === undefined ? {} : { imprintParameters: der.slice(params.start, params.end) }),
    hashedMessage: der.slice(hashed.contentStart, hashed.contentEnd),
    serialNumber: hex,
    genTime: readGenTime(der, genTime),
  };
}

const TOKEN_HASHES: readonly string[] = ['SHA-256', 'SHA-384', 'SHA-512'];

/**
 * Checks a TimeStampToken over `signatureValue` without any trust decision [SIG-16] [SIG-17]:
 * a SignedData of one SignerInfo over an encapsulated DER TSTInfo, DER signed attributes with
 * contentType id-ct-TSTInfo, the messageDigest of the TSTInfo and exactly one ESS signing
 * certificate attribute (v1 or v2) naming the embedded TSA certificate, a signature that
 * verifies, TSTInfo version 1 and a messageImprint equal to the hash of `signatureValue`.
 */
export async function checkTimestampToken(
  token: Uint8Array,
  signatureValue: Uint8Array,
): Promise<CheckedTimestamp> {
  const sd = parseSignedData(token, 'ERR_TIMESTAMP', 'SIG-16', 'time-stamp token');
  const si = sd.signerInfo;
  if (sd.eContentType !== CMS_OID.tstInfo || sd.eContent === undefined)
    fail('ERR_TIMESTAMP', 'the token does not encapsulate a TSTInfo (id-ct-TSTInfo)', 'SIG-16');
  assertDigestListed(sd, 'ERR_TIMESTAMP', 'SIG-16');
  if (si.signedAttrs === undefined || si.signedAttrsDer === undefined)
    fail('ERR_TIMESTAMP', 'the token SignerInfo has no signed attributes', 'SIG-16');
  assertDerAttributeSet(si.signedAttrsDer, 'ERR_TIMESTAMP', 'SIG-16', 'token signedAttrs');
  const attrs = si.signedAttrs;
  const contentType = readContentType(
    singleValue(attrs, CMS_OID.contentType, 'contentType', 'ERR_TIMESTAMP', 'SIG-16'),
    'ERR_TIMESTAMP',
    'SIG-16',
  );
  if (contentType !== CMS_OID.tstInfo)
    fail('ERR_TIMESTAMP', 'the token contentType attribute is not id-ct-TSTInfo', 'SIG-16');
  let algorithms: ReturnType<typeof resolveAlgorithms>;
  try {
    algorithms = resolveAlgorithms(si.digestAlgorithm, si.signatureAlgorithm);
  } catch (e) {
    return fail(
      'ERR_TIMESTAMP',
      `the token's algorithms: ${e instanceof Error ? e.message : String(e)}`,
      'SIG-16',
      e,
    );
  }
  const { hash, family } = algorithms;
  const certificates = parseEmbeddedCertificates(sd, 'ERR_TIMESTAMP', 'SIG-16');
  const tsa = findSigner(sd, certificates, 'ERR_TIMESTAMP', 'SIG-16');
  const v1 = attrs.some((a) => a.type === CMS_OID.signingCertificate);
  const v2 = attrs.some((a) => a.type === CMS_OID.signingCertificateV2);
  if (v1 === v2)
    fail(
      'ERR_TIMESTAMP',
      'the token must carry exactly one of signingCertificate and signingCertificateV2',
      'SIG-16',
    );
  const essValue = singleValue(
    attrs,
    v2 ? CMS_OID.signingCertificateV2 : CMS_OID.signingCertificate,
    'signingCertificate',
    'ERR_TIMESTAMP',
    'SIG-16',
  );
  const ess = readEssCertId(essValue, v2, 'ERR_TIMESTAMP', 'SIG-16');
  const essHash = DIGEST_NAMES[ess.hashAlgorithm];
  let expected: Uint8Array;
  if (!v2)
    expected = sha1(tsa.der); // RFC 2634 ESSCertID: a certificate identifier, not a signature hash.
  else if (essHash !== undefined && TOKEN_HASHES.includes(essHash))
    expected = hashOf(essHash as HashName, tsa.der);
  else
    return fail(
      'ERR_TIMESTAMP',
      `signingCertificateV2 of the token uses ${ess.hashAlgorithm}`,
      'SIG-16',
    );
  if (!bytesEqual(ess.certHash, expected))
    fail('ERR_TIMESTAMP', 'the token ESS certHash does not identify the TSA certificate', 'SIG-16');
  if (ess.issuerSerial !== undefined && !issuerSerialMatches(ess.issuerSerial, tsa))
    fail('ERR_TIMESTAMP', 'the token ESS issuerSerial does not name the TSA certificate', 'SIG-16');
  const md = tlvContents(
    singleValue(attrs, CMS_OID.messageDigest, 'messageDigest', 'ERR_TIMESTAMP', 'SIG-16'),
    0x04,
    'ERR_TIMESTAMP',
    'SIG-16',
    'messageDigest',
  );
  if (!bytesEqual(md, hashOf(hash, sd.eContent)))
    fail('ERR_TIMESTAMP', 'the token messageDigest is not the hash of its TSTInfo', 'SIG-16');
  await verifySignerSignature(sd, tsa, hash, family, 'SIG-16').catch((e: unknown) => {
    fail(
      'ERR_TIMESTAMP',
      `the token signature does not verify: ${e instanceof Error ? e.message : String(e)}`,
      'SIG-16',
      e,
    );
  });
  const tst = readTstInfo(sd.eContent);
  const imprintHash = DIGEST_NAMES[tst.imprintAlgorithm];
  if (imprintHash === undefined || !TOKEN_HASHES.includes(imprintHash))
    fail(
      'ERR_TIMESTAMP',
      `messageImprint hash ${tst.imprintAlgorithm} is outside SHA-256/384/512`,
      'SIG-17',
    );
  const p = tst.imprintParameters;
  if (p !== undefined && !(p.length === 2 && p[0] === 0x05 && p[1] === 0x00))
    fail(
      'ERR_TIMESTAMP',
      'messageImprint hashAlgorithm parameters are neither absent nor NULL',
      'SIG-17',
    );
  if (!bytesEqual(tst.hashedMessage, hashOf(imprintHash as HashName, signatureValue)))
    fail('ERR_TIMESTAMP', 'messageImprint is not the hash of the signature value', 'SIG-17');
  return {
    genTime: tst.genTime,
    tsa,
    certificates,
    policy: tst.policy,
    serialNumber: tst.serialNumber,
  };
}
