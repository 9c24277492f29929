/**
 * The CAdES-B-B signed attributes (spec/signature.md §3): encoding for signers (DER, sorted) and
 * the exact-set check for verifiers. Values are read with the strict DER rules.
 * @module
 */
import { type ErrorCode } from '../../errors.js';
import { fail } from '../../internal/fail.js';
import { bytesEqual, concatBytes } from '../../encoding/bytes.js';
import { hexDecode } from '../../encoding/hex.js';
import { sha256 } from '../../crypto/hash.js';
import type { Certificate } from '../../x509/certificate.js';
import { encodeTlv } from '../../x509/der.js';
import { decodeOid, encodeOid } from '../../x509/oid.js';
import { decodeTime, encodeTime } from '../../x509/time.js';
import {
  assertDer,
  berChildren,
  derSetOrder,
  readBer,
  type BerContext,
  type BerNode,
} from './ber.js';
import { CMS_OID } from '../oids.js';
import type { CmsAttribute } from '../signed-data.js';

const seq = (...parts: Uint8Array[]): Uint8Array => encodeTlv(0x30, concatBytes(...parts));

/** DER INTEGER of a certificate's serial number (its hex is the INTEGER contents). */
function serialInteger(cert: Certificate): Uint8Array {
  return encodeTlv(0x02, hexDecode(cert.serialNumber));
}

/** ESSCertIDv2 with the DEFAULT (omitted) SHA-256, the certificate hash and issuerSerial (RFC 5035 §5.4.1.1). */
export function encodeEssCertIdV2(cert: Certificate): Uint8Array {
  const issuerSerial = seq(seq(encodeTlv(0xa4, cert.issuer.der)), serialInteger(cert));
  return seq(encodeTlv(0x04, sha256(cert.der)), issuerSerial);
}

function attribute(oid: string, value: Uint8Array): Uint8Array {
  return seq(encodeOid(oid), encodeTlv(0x31, value));
}

/** Sorts DER encodings into SET OF order (X.690 §11.6). */
export function sortSetOf(elements: readonly Uint8Array[]): Uint8Array[] {
  return [...elements].sort(derSetOrder);
}

/** Inputs of {@link encodeSignedAttributes}. */
export interface SignedAttributeValues {
  readonly messageDigest: Uint8Array;
  readonly signingTime: number;
  readonly signer: Certificate;
}

/**
 * The four CAdES-B-B signed attributes as a DER SET OF (tag 0x31), sorted [SIG-22]: contentType
 * id-data, messageDigest, signingTime (UTCTime through 2049) and signingCertificateV2.
 */
export function encodeSignedAttributes(v: SignedAttributeValues): Uint8Array {
  const attrs = [
    attribute(CMS_OID.contentType, encodeOid(CMS_OID.data)),
    attribute(CMS_OID.messageDigest, encodeTlv(0x04, v.messageDigest)),
    attribute(CMS_OID.signingTime, encodeTime(v.signingTime)),
    attribute(CMS_OID.signingCertificateV2, seq(seq(encodeEssCertIdV2(v.signer)))),
  ];
  return encodeTlv(0x31, concatBytes(...sortSetOf(attrs)));
}

/** One ESSCertID(v2) as read: the hash algorithm, the hash and the issuerSerial encoding if present. */
export interface EssCertId {
  readonly hashAlgorithm: string;
  readonly certHash: Uint8Array;
  /** DER of issuerSerial, when present. */
  readonly issuerSerial?: Uint8Array;
}

/**
 * Checks that the signedAttrs bytes are DER: definite minimal lengths throughout and the SET OF in
 * ascending order of encodings, no two equal [SIG-06].
 */
export function assertDerAttributeSet(
  der: Uint8Array,
  code: ErrorCode,
  requirement: string,
  what: string,
): void {
  const ctx: BerContext = { code, requirement, what };
  const top = readBer(der, 0, der.length, ctx);
  assertDer(der, top, ctx);
  const kids = berChildren(der, top, ctx);
  for (let i = 1; i < kids.length; i++) {
    const a = der.subarray((kids[i - 1] as BerNode).start, (kids[i - 1] as BerNode).end);
    const b = der.subarray((kids[i] as BerNode).start, (kids[i] as BerNode).end);
    if (derSetOrder(a, b) >= 0)
      fail(
        code,
        `${what}: the attributes are not in DER SET OF order (element ${i} sorts before element ${i - 1})`,
        requirement,
      );
  }
}

/** The single value of the single attribute of `type`; missing, repeated or multi-valued fail [SIG-04]. */
export function singleValue(
  attrs: readonly CmsAttribute[],
  type: string,
  name: string,
  code: ErrorCode,
  requirement: string,
): Uint8Array {
  const found = attrs.filter((a) => a.type === type);
  if (found.length === 0) fail(code, `signed attribute ${name} is missing`, requirement);
  if (found.length > 1)
    fail(code, `signed attribute ${name} occurs ${found.length} times`, requirement);
  const values = (found[0] as CmsAttribute).values;
  if (values.length !== 1)
    fail(
      code,
      `signed attribute ${name} has ${values.length} values (exactly one is allowed)`,
      requirement,
    );
  return values[0] as Uint8Array;
}

/** Reads a DER value that must be one TLV with `tag`; returns its contents. */
export function tlvContents(
  value: Uint8Array,
  tag: number,
  code: ErrorCode,
  requirement: string,
  what: string,
): Uint8Array {
  const ctx: BerContext = { code, requirement, what };
  const node = readBer(value, 0, value.length, ctx);
  if (node.tag !== tag || node.end !== value.length)
    fail(code, `${what}: expected one element with tag 0x${tag.toString(16)}`, requirement);
  assertDer(value, node, ctx);
  return value.subarray(node.contentStart, node.contentEnd);
}

/** The OID a contentType attribute value names. */
export function readContentType(value: Uint8Array, code: ErrorCode, requirement: string): string {
  const c = tlvContents(value, 0x06, code, requirement, 'contentType');
  try {
    return decodeOid(c, 'contentType');
  } catch (e) {
    return fail(code, 'contentType: not a valid OBJECT IDENTIFIER', requirement, e);
  }
}

/**
 * signingTime (RFC 5652 §11.3): UTCTime for 1950–2049, GeneralizedTime from 2050, in the
 * RFC 5280 forms `YYMMDDHHMMSSZ` / `YYYYMMDDHHMMSSZ` [SIG-08].
 */
export function readSigningTime(value: Uint8Array): number {
  const tag = value[0];
  if (tag !== 0x17 && tag !== 0x18)
    fail('ERR_CADES_SIGNING_TIME', 'signingTime is neither UTCTime nor GeneralizedTime', 'SIG-08');
  const contents = tlvContents(value, tag, 'ERR_CADES_SIGNING_TIME', 'SIG-08', 'signingTime');
  let t: number;
  try {
    t = decodeTime(tag, contents, 'signingTime');
  } catch (e) {
    return fail(
      'ERR_CADES_SIGNING_TIME',
      'signingTime is not a valid time of the RFC 5280 form',
      'SIG-08',
      e,
    );
  }
  const year = new Date(t * 1000).getUTCFullYear();
  if (tag === 0x18 && year < 2050)
    fail(
      'ERR_CADES_SIGNING_TIME',
      `signingTime ${year} is a GeneralizedTime; RFC 5652 §11.3 requires UTCTime before 2050`,
      'SIG-08',
    );
  return t;
}

/**
 * The first ESSCertID of a SigningCertificate (v1, RFC 2634) or SigningCertificateV2 (RFC 5035)
 * value; further entries (other certificates of the path) are allowed and not interpreted.
 */
export function readEssCertId(
  value: Uint8Array,
  v2: boolean,
  code: ErrorCode,
  requirement: string,
): EssCertId {
  const ctx: BerContext = {
    code,
    requirement,
    what: v2 ? 'signingCertificateV2' : 'signingCertificate',
  };
  const top = readBer(value, 0, value.length, ctx);
  if (top.tag !== 0x30 || top.end !== value.length)
    fail(code, `${ctx.what}: not a SEQUENCE`, requirement);
  assertDer(value, top, ctx);
  const parts = berChildren(value, top, ctx);
  const certs = parts[0];
  if (certs?.tag !== 0x30 || parts.length > 2)
    fail(code, `${ctx.what}: not { SEQUENCE OF ESSCertID, policies OPTIONAL }`, requirement);
  const first = berChildren(value, certs, ctx)[0];
  if (first?.tag !== 0x30) fail(code, `${ctx.what}: no ESSCertID`, requirement);
  const f = berChildren(value, first, ctx);
  let i = 0;
  let hashAlgorithm: string = v2 ? CMS_OID.sha256 : CMS_OID.sha1;
  if (v2 && f[0]?.tag === 0x30) {
    const alg = berChildren(value, f[0], ctx);
    const oidNode = alg[0];
    if (oidNode?.tag !== 0x06)
      fail(code, `${ctx.what}: hashAlgorithm is not an AlgorithmIdentifier`, requirement);
    hashAlgorithm = decodeOid(
      value.subarray(oidNode.contentStart, oidNode.contentEnd),
      'hashAlgorithm',
    );
    i++;
  }
  const hash = f[i++];
  if (hash?.tag !== 0x04) fail(code, `${ctx.what}: certHash is not an OCTET STRING`, requirement);
  const serial = f[i];
  if (serial !== undefined && serial.tag !== 0x30)
    fail(code, `${ctx.what}: issuerSerial is not a SEQUENCE`, requirement);
  if (f.length > i + (serial === undefined ? 0 : 1))
    fail(code, `${ctx.what}: ESSCertID has unexpected fields`, requirement);
  return {
    hashAlgorithm,
    certHash: value.slice(hash.contentStart, hash.contentEnd),
    ...(serial === undefined ? {} : { issuerSerial: value.slice(serial.start, serial.end) }),
  };
}

/** True when an issuerSerial encoding names exactly `cert` (one directoryName equal to its issuer, its serial). */
export function issuerSerialMatches(issuerSerial: Uint8Array, cert: Certificate): boolean {
  const expected = seq(seq(encodeTlv(0xa4, cert.issuer.der)), serialInteger(cert));
  return bytesEqual(issuerSerial, expected);
}
