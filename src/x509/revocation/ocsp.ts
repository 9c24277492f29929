/**
 * Strict parsing of OCSP responses (RFC 6960 §4.2): OCSPResponse and its BasicOCSPResponse.
 * Parsing checks syntax only; whether a response may be used is decided by `ocsp-check.ts`.
 *
 * Walked with the x509 core's strict TLV reader, not a schema library: the verifier bundle then
 * carries no generic ASN.1 runtime, and OIDs with arcs of any size (the jitsuin `2.25` arc) are
 * read exactly instead of being re-encoded. DER is enforced by {@link assertDer} over every
 * constructed node (minimal definite lengths, BOOLEAN, INTEGER, BIT STRING, NULL and constructed
 * string rules) and, field by field below, by what a re-encoding would catch: field order, no
 * encoded DEFAULT values, GeneralizedTime `YYYYMMDDHHMMSSZ`, no bytes after the end.
 * @module
 */
import { bytesEqual } from '../../encoding/bytes.js';
import { hexEncode } from '../../encoding/hex.js';
import { isJitsuinError } from '../../errors.js';
import { fail } from '../../internal/fail.js';
import { parseCertificate, type Certificate } from '../certificate.js';
import { assertDer, readChildren, readTlv, type Tlv } from '../der.js';
import { parseName, type DistinguishedName } from '../name.js';
import { decodeOid } from '../oid.js';
import { decodeTime } from '../time.js';
import { ByteCache } from './der.js';
import { REASON_CODES, type RevocationReason } from './reasons.js';

/** Largest OCSP response accepted, in bytes. */
export const MAX_OCSP_RESPONSE_BYTES = 64 * 1024;

/** Hash algorithms accepted in a CertID: SHA-256, and SHA-1 because most responders still use it. */
export const CERT_ID_HASHES: Readonly<Record<string, 'SHA-1' | 'SHA-256'>> = {
  '1.3.14.3.2.26': 'SHA-1',
  '2.16.840.1.101.3.4.2.1': 'SHA-256',
};

/** One SingleResponse. */
export interface OcspSingleResponse {
  /** CertID hash algorithm OID. */
  readonly hashAlgorithm: string;
  readonly issuerNameHash: Uint8Array;
  readonly issuerKeyHash: Uint8Array;
  /** Serial number as lower-case hex of the INTEGER contents, as `Certificate.serialNumber`. */
  readonly serialHex: string;
  readonly status: 'good' | 'revoked' | 'unknown';
  /** revocationTime for `revoked`, seconds since the epoch. */
  readonly revocationTime: number | undefined;
  /** revocationReason for `revoked` (`unspecified` when absent). */
  readonly reason: RevocationReason | undefined;
  readonly thisUpdate: number;
  readonly nextUpdate: number | undefined;
  /** OIDs of critical singleExtensions (none is understood). */
  readonly unknownCriticalExtensions: readonly string[];
}

/** The signed part of a successful response (BasicOCSPResponse). */
export interface BasicOcspResponse {
  /** DER of tbsResponseData (the signed bytes). */
  readonly tbs: Uint8Array;
  readonly signatureAlgorithm: { readonly oid: string; readonly parameters?: Uint8Array };
  readonly signature: Uint8Array;
  /** ResponderID: a name, or the SHA-1 hash of the responder's public key BIT STRING value. */
  readonly responderId: { readonly byName: DistinguishedName } | { readonly byKey: Uint8Array };
  readonly producedAt: number;
  readonly responses: readonly OcspSingleResponse[];
  /** Certificates included to help verify the signature (e.g. a delegated responder's). */
  readonly certificates: readonly Certificate[];
  /** OIDs of critical responseExtensions (none is understood; the nonce is never critical). */
  readonly unknownCriticalExtensions: readonly string[];
}

/** A parsed OCSP response, obtained from {@link parseOcspResponse}. Shared through the parse cache: do not modify it. */
export interface OcspResponse {
  readonly der: Uint8Array;
  readonly responseStatus:
    | 'successful'
    | 'malformedRequest'
    | 'internalError'
    | 'tryLater'
    | 'sigRequired'
    | 'unauthorized';
  /** Present exactly when responseStatus is successful. */
  readonly basic: BasicOcspResponse | undefined;
}

const cache = new ByteCache<OcspResponse>(256);
const REQ = 'REV-20';
const ID_PKIX_OCSP_BASIC = '1.3.6.1.5.5.7.48.1.1';
/** OCSPResponseStatus ENUMERATED values (4 is unused by RFC 6960). */
const RESPONSE_STATUSES: Readonly<Record<number, OcspResponse['responseStatus']>> = {
  0: 'successful',
  1: 'malformedRequest',
  2: 'internalError',
  3: 'tryLater',
  5: 'sigRequired',
  6: 'unauthorized',
};

function bad(message: string): never {
  return fail('ERR_OCSP_INVALID', `OCSP response: ${message}`, REQ);
}

/** The children of `tlv`, which must have tag `tag`. */
function kids(der: Uint8Array, tlv: Tlv | undefined, tag: number, what: string): Tlv[] {
  if (tlv?.tag !== tag) bad(`${what} is missing or not of the expected type`);
  return readChildren(der, tlv, what);
}

/** The single child of an EXPLICIT context tag. */
function explicit(der: Uint8Array, tlv: Tlv, what: string): Tlv {
  const inner = readChildren(der, tlv, what);
  if (inner.length !== 1 || inner[0] === undefined)
    bad(`${what} is not one explicitly tagged value`);
  return inner[0];
}

function contents(der: Uint8Array, tlv: Tlv): Uint8Array {
  return der.subarray(tlv.contentStart, tlv.end);
}

/** A DER ENUMERATED (minimality already checked by assertDer) as a small non-negative number. */
function enumerated(der: Uint8Array, tlv: Tlv | undefined, what: string): number {
  if (tlv?.tag !== 0x0a) bad(`${what} is not an ENUMERATED`);
  const c = contents(der, tlv);
  if (c.length > 2 || ((c[0] as number) & 0x80) !== 0) bad(`${what} is out of range`);
  return c.length === 1 ? (c[0] as number) : ((c[0] as number) << 8) | (c[1] as number);
}

function generalizedTime(der: Uint8Array, tlv: Tlv | undefined, what: string): number {
  if (tlv?.tag !== 0x18) bad(`${what} is not a GeneralizedTime`);
  return decodeTime(0x18, contents(der, tlv), what);
}

function octets(der: Uint8Array, tlv: Tlv | undefined, what: string): Uint8Array {
  if (tlv?.tag !== 0x04) bad(`${what} is not an OCTET STRING`);
  return der.slice(tlv.contentStart, tlv.end);
}

/** AlgorithmIdentifier ::= SEQUENCE { algorithm OID, parameters ANY OPTIONAL }. */
function algorithm(
  der: Uint8Array,
  tlv: Tlv | undefined,
  what: string,
): { oid: string; parameters?: Uint8Array } {
  const parts = kids(der, tlv, 0x30, what);
  const [oidTlv, params] = parts;
  if (oidTlv?.tag !== 0x06 || parts.length > 2) bad(`${what} is malformed`);
  const oid = decodeOid(contents(der, oidTlv), what);
  return params === undefined ? { oid } : { oid, parameters: der.slice(params.start, params.end) };
}

/**
 * Extensions ::= SEQUENCE SIZE (1..MAX) OF Extension; returns the OIDs of the critical ones.
 * DER omits a FALSE critical flag (assertDer has checked a BOOLEAN is 00 or FF; FF is required here).
 */
function criticalOids(der: Uint8Array, wrapper: Tlv, what: string): string[] {
  const list = kids(der, explicit(der, wrapper, what), 0x30, what);
  if (list.length === 0) bad(`${what} is an empty Extensions`);
  const seen = new Set<string>();
  const critical: string[] = [];
  for (const ext of list) {
    const parts = kids(der, ext, 0x30, `${what} Extension`);
    const [oidTlv, second, third] = parts;
    if (oidTlv?.tag !== 0x06 || parts.length < 2 || parts.length > 3)
      bad(`${what} has a malformed Extension`);
    const oid = decodeOid(contents(der, oidTlv), what);
    if (parts.length === 3 && (second?.tag !== 0x01 || der[second.contentStart] !== 0xff))
      bad(`${what} extension ${oid} has a critical flag that is not a DER TRUE`);
    if ((parts.length === 3 ? third : second)?.tag !== 0x04)
      bad(`${what} extension ${oid} has no OCTET STRING value`);
    if (seen.has(oid)) bad(`${what} repeats extension ${oid}`);
    seen.add(oid);
    if (parts.length === 3) critical.push(oid);
  }
  return critical;
}

/** SingleResponse ::= SEQUENCE { certID, certStatus, thisUpdate, nextUpdate [0] OPTIONAL, singleExtensions [1] OPTIONAL }. */
function decodeSingle(der: Uint8Array, tlv: Tlv): OcspSingleResponse {
  const parts = kids(der, tlv, 0x30, 'SingleResponse');
  const [certIdTlv, statusTlv, thisUpdateTlv] = parts;
  const id = kids(der, certIdTlv, 0x30, 'CertID');
  if (id.length !== 4)
    bad('CertID is not { hashAlgorithm, issuerNameHash, issuerKeyHash, serialNumber }');
  const hashAlgorithm = algorithm(der, id[0], 'CertID hashAlgorithm');
  if (
    hashAlgorithm.parameters !== undefined &&
    !bytesEqual(hashAlgorithm.parameters, Uint8Array.of(5, 0))
  )
    bad('CertID hashAlgorithm parameters are neither absent nor NULL');
  const serial = id[3];
  if (serial?.tag !== 0x02) bad('CertID serialNumber is not an INTEGER');
  if (statusTlv === undefined) bad('SingleResponse has no certStatus');
  let status: OcspSingleResponse['status'];
  let revocationTime: number | undefined;
  let reason: RevocationReason | undefined;
  switch (statusTlv.tag) {
    case 0x80: // good [0] IMPLICIT NULL
    case 0x82: // unknown [2] IMPLICIT UnknownInfo (NULL)
      if (statusTlv.end !== statusTlv.contentStart) bad('certStatus NULL has contents');
      status = statusTlv.tag === 0x80 ? 'good' : 'unknown';
      break;
    case 0xa1: {
      // revoked [1] IMPLICIT RevokedInfo ::= SEQUENCE { revocationTime, revocationReason [0] EXPLICIT CRLReason OPTIONAL }
      const info = readChildren(der, statusTlv, 'RevokedInfo');
      const [timeTlv, reasonTlv] = info;
      if (info.length > 2 || (reasonTlv !== undefined && reasonTlv.tag !== 0xa0))
        bad('RevokedInfo is malformed');
      status = 'revoked';
      revocationTime = generalizedTime(der, timeTlv, 'revocationTime');
      if (reasonTlv === undefined) reason = 'unspecified';
      else {
        const code = enumerated(
          der,
          explicit(der, reasonTlv, 'revocationReason'),
          'revocationReason',
        );
        reason = REASON_CODES[code];
        if (reason === undefined) bad(`revocationReason ${code} is not a defined CRLReason`);
      }
      break;
    }
    default:
      bad('certStatus is not good, revoked or unknown');
  }
  const thisUpdate = generalizedTime(der, thisUpdateTlv, 'thisUpdate');
  let k = 3;
  let nextUpdate: number | undefined;
  if (parts[k]?.tag === 0xa0)
    nextUpdate = generalizedTime(der, explicit(der, parts[k++] as Tlv, 'nextUpdate'), 'nextUpdate');
  let unknownCriticalExtensions: string[] = [];
  if (parts[k]?.tag === 0xa1)
    unknownCriticalExtensions = criticalOids(der, parts[k++] as Tlv, 'SingleResponse');
  if (k !== parts.length) bad('unexpected field in SingleResponse');
  return {
    hashAlgorithm: hashAlgorithm.oid,
    issuerNameHash: octets(der, id[1], 'CertID issuerNameHash'),
    issuerKeyHash: octets(der, id[2], 'CertID issuerKeyHash'),
    serialHex: hexEncode(contents(der, serial)),
    status,
    revocationTime,
    reason,
    thisUpdate,
    nextUpdate,
    unknownCriticalExtensions,
  };
}

/** BasicOCSPResponse ::= SEQUENCE { tbsResponseData, signatureAlgorithm, signature, certs [0] EXPLICIT SEQUENCE OF Certificate OPTIONAL }. */
function decodeBasic(der: Uint8Array): BasicOcspResponse {
  const top = readTlv(der, 0, 'BasicOCSPResponse');
  if (top.end !== der.length) bad('bytes after the BasicOCSPResponse');
  const outer = kids(der, top, 0x30, 'BasicOCSPResponse');
  const [tbsTlv, algTlv, sigTlv, certsTlv] = outer;
  if (outer.length > 4 || (certsTlv !== undefined && certsTlv.tag !== 0xa0))
    bad('BasicOCSPResponse is not { tbsResponseData, signatureAlgorithm, signature, certs? }');
  if (sigTlv?.tag !== 0x03) bad('signature is not a BIT STRING');
  if (sigTlv.end === sigTlv.contentStart || der[sigTlv.contentStart] !== 0)
    bad('signature BIT STRING has unused bits');
  const signatureAlgorithm = algorithm(der, algTlv, 'signatureAlgorithm');

  // ResponseData ::= SEQUENCE { version [0] EXPLICIT DEFAULT v1, responderID, producedAt, responses, responseExtensions [1] OPTIONAL }
  const data = kids(der, tbsTlv, 0x30, 'ResponseData');
  let k = 0;
  if (data[0]?.tag === 0xa0) {
    const v = explicit(der, data[0], 'version');
    const value = v.tag === 0x02 && v.end - v.contentStart === 1 ? der[v.contentStart] : undefined;
    // DER never encodes a DEFAULT value, so an explicit v1 (0) is as wrong as another version.
    bad(
      value === 0
        ? 'ResponseData version v1 is encoded (DER omits the DEFAULT)'
        : 'ResponseData version is not v1',
    );
  }
  const rid = data[k++];
  let responderId: BasicOcspResponse['responderId'];
  if (rid?.tag === 0xa1) {
    const name = explicit(der, rid, 'ResponderID byName');
    responderId = { byName: parseName(der.slice(name.start, name.end), 'ResponderID byName') };
  } else if (rid?.tag === 0xa2) {
    const key = octets(der, explicit(der, rid, 'ResponderID byKey'), 'ResponderID byKey');
    if (key.length !== 20) bad('ResponderID byKey is not a 20-byte SHA-1 hash');
    responderId = { byKey: key };
  } else bad('ResponderID is neither byName nor byKey');
  const producedAt = generalizedTime(der, data[k++], 'producedAt');
  const singles = kids(der, data[k++], 0x30, 'responses');
  if (singles.length === 0) bad('no SingleResponse');
  let unknownCriticalExtensions: string[] = [];
  if (data[k]?.tag === 0xa1)
    unknownCriticalExtensions = criticalOids(der, data[k++] as Tlv, 'ResponseData');
  if (k !== data.length) bad('unexpected field in ResponseData');

  const certificates: Certificate[] = [];
  if (certsTlv !== undefined) {
    for (const c of kids(der, explicit(der, certsTlv, 'certs'), 0x30, 'certs'))
      certificates.push(parseCertificate(der.slice(c.start, c.end)));
  }
  return {
    tbs: der.slice((tbsTlv as Tlv).start, (tbsTlv as Tlv).end),
    signatureAlgorithm,
    signature: der.slice(sigTlv.contentStart + 1, sigTlv.end),
    responderId,
    producedAt,
    responses: singles.map((t) => decodeSingle(der, t)),
    certificates,
    unknownCriticalExtensions,
  };
}

/** OCSPResponse ::= SEQUENCE { responseStatus ENUMERATED, responseBytes [0] EXPLICIT ResponseBytes OPTIONAL }. */
function decodeResponse(der: Uint8Array): OcspResponse {
  assertDer(der, 'OCSPResponse');
  const top = readTlv(der, 0, 'OCSPResponse');
  const parts = kids(der, top, 0x30, 'OCSPResponse');
  const [statusTlv, bytesTlv] = parts;
  if (parts.length > 2 || (bytesTlv !== undefined && bytesTlv.tag !== 0xa0))
    bad('OCSPResponse is not { responseStatus, responseBytes? }');
  const code = enumerated(der, statusTlv, 'responseStatus');
  const status = RESPONSE_STATUSES[code];
  if (status === undefined) bad(`responseStatus ${code} is not defined`);
  if (status !== 'successful') {
    if (bytesTlv) bad(`responseStatus ${status} with responseBytes`);
    return Object.freeze({ der, responseStatus: status, basic: undefined });
  }
  if (!bytesTlv) bad('successful response without responseBytes');
  // ResponseBytes ::= SEQUENCE { responseType OID, response OCTET STRING }
  const rb = kids(der, explicit(der, bytesTlv, 'responseBytes'), 0x30, 'ResponseBytes');
  const [typeTlv, responseTlv] = rb;
  if (rb.length !== 2 || typeTlv?.tag !== 0x06)
    bad('ResponseBytes is not { responseType, response }');
  const type = decodeOid(contents(der, typeTlv), 'responseType');
  if (type !== ID_PKIX_OCSP_BASIC) bad(`responseType ${type} is not id-pkix-ocsp-basic`);
  const basicDer = octets(der, responseTlv, 'response');
  assertDer(basicDer, 'BasicOCSPResponse');
  return Object.freeze({
    der,
    responseStatus: status,
    basic: Object.freeze(decodeBasic(basicDer)),
  });
}

/**
 * Parses a DER OCSPResponse strictly ([REV-20]): at most {@link MAX_OCSP_RESPONSE_BYTES}, DER
 * only (every length, INTEGER, BOOLEAN, BIT STRING and time in its DER form, fields in order, no
 * encoded DEFAULT, no trailing bytes), a BasicOCSPResponse when
 * successful, v1 ResponseData, at least one SingleResponse, well-formed included certificates.
 * Results are cached by the response's bytes. Throws `ERR_OCSP_INVALID` or `ERR_INPUT_TOO_LARGE`.
 */
export function parseOcspResponse(der: Uint8Array): OcspResponse {
  if (!(der instanceof Uint8Array))
    fail('ERR_INVALID_ARGUMENT', 'parseOcspResponse expects a Uint8Array');
  if (der.length > MAX_OCSP_RESPONSE_BYTES)
    fail(
      'ERR_INPUT_TOO_LARGE',
      `OCSP response of ${der.length} bytes exceeds ${MAX_OCSP_RESPONSE_BYTES}`,
      REQ,
    );
  return cache.get(der, () => {
    try {
      return decodeResponse(der.slice());
    } catch (error) {
      if (isJitsuinError(error, 'ERR_OCSP_INVALID')) throw error;
      return fail(
        'ERR_OCSP_INVALID',
        `OCSP response: ${error instanceof Error ? error.message : String(error)}`,
        REQ,
        error,
      );
    }
  });
}
