/**
 * Strict parsing of OCSP responses (RFC 6960 §4.2): OCSPResponse and its BasicOCSPResponse.
 * Parsing checks syntax only; whether a response may be used is decided by `ocsp-check.ts`.
 * @module
 */
import { BasicOCSPResponse, OCSPResponse, OCSPResponseStatus, id_pkix_ocsp_basic } from '@peculiar/asn1-ocsp';
import { bytesEqual } from '../../encoding/bytes.js';
import { hexEncode } from '../../encoding/hex.js';
import { fail, isJitsuinError } from '../../errors.js';
import { parseCertificate, type Certificate } from '../certificate.js';
import { readChildren, readTlv } from '../der.js';
import { parseName, type DistinguishedName } from '../name.js';
import { ByteCache, decodeStrict, encode } from './der.js';
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
  readonly responseStatus: 'successful' | 'malformedRequest' | 'internalError' | 'tryLater' | 'sigRequired' | 'unauthorized';
  /** Present exactly when responseStatus is successful. */
  readonly basic: BasicOcspResponse | undefined;
}

const cache = new ByteCache<OcspResponse>(256);
const REQ = 'REV-20';

function bad(message: string): never {
  return fail('ERR_OCSP_INVALID', `OCSP response: ${message}`, REQ);
}

function seconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}

function criticalOids(exts: readonly { extnID: string; critical: boolean }[] | undefined, what: string): string[] {
  const seen = new Set<string>();
  for (const e of exts ?? []) {
    if (seen.has(e.extnID)) bad(`${what} repeats extension ${e.extnID}`);
    seen.add(e.extnID);
  }
  return (exts ?? []).filter((e) => e.critical).map((e) => e.extnID);
}

function decodeBasic(der: Uint8Array): BasicOcspResponse {
  const basic = decodeStrict(der, BasicOCSPResponse, 'BasicOCSPResponse', 'ERR_OCSP_INVALID', REQ);
  const top = readTlv(der, 0, 'BasicOCSPResponse');
  const [tbsTlv, , sigTlv] = readChildren(der, top, 'BasicOCSPResponse');
  if (tbsTlv === undefined || sigTlv === undefined) bad('BasicOCSPResponse is incomplete');
  if (der[sigTlv.contentStart] !== 0) bad('signature BIT STRING has unused bits');
  const data = basic.tbsResponseData;
  if (data.version !== 0) bad(`ResponseData version ${data.version + 1} is not v1`);
  const rid = data.responderID;
  let responderId: BasicOcspResponse['responderId'];
  if (rid.byName) responderId = { byName: parseName(encode(rid.byName)) };
  else if (rid.byKey) {
    const key = new Uint8Array(rid.byKey.buffer);
    if (key.length !== 20) bad('ResponderID byKey is not a 20-byte SHA-1 hash');
    responderId = { byKey: key };
  } else bad('ResponderID is neither byName nor byKey');
  if (data.responses.length === 0) bad('no SingleResponse');
  const responses = data.responses.map((r): OcspSingleResponse => {
    const cs = r.certStatus;
    const status = cs.revoked ? 'revoked' : cs.unknown !== undefined ? 'unknown' : 'good';
    let reason: RevocationReason | undefined;
    if (cs.revoked) {
      const code = cs.revoked.revocationReason?.reason;
      reason = code === undefined ? 'unspecified' : REASON_CODES[code];
      if (reason === undefined) bad(`revocationReason ${code} is not a defined CRLReason`);
    }
    const params = r.certID.hashAlgorithm.parameters;
    if (params !== undefined && params !== null && !bytesEqual(new Uint8Array(params), Uint8Array.of(5, 0))) bad('CertID hashAlgorithm parameters are neither absent nor NULL');
    return {
      hashAlgorithm: r.certID.hashAlgorithm.algorithm,
      issuerNameHash: new Uint8Array(r.certID.issuerNameHash.buffer),
      issuerKeyHash: new Uint8Array(r.certID.issuerKeyHash.buffer),
      serialHex: hexEncode(new Uint8Array(r.certID.serialNumber)),
      status,
      revocationTime: cs.revoked ? seconds(cs.revoked.revocationTime) : undefined,
      reason,
      thisUpdate: seconds(r.thisUpdate),
      nextUpdate: r.nextUpdate === undefined ? undefined : seconds(r.nextUpdate),
      unknownCriticalExtensions: criticalOids(r.singleExtensions, 'SingleResponse'),
    };
  });
  const algParams = basic.signatureAlgorithm.parameters;
  return {
    tbs: der.slice(tbsTlv.start, tbsTlv.end),
    signatureAlgorithm: algParams === undefined || algParams === null
      ? { oid: basic.signatureAlgorithm.algorithm }
      : { oid: basic.signatureAlgorithm.algorithm, parameters: new Uint8Array(algParams) },
    signature: der.slice(sigTlv.contentStart + 1, sigTlv.end),
    responderId,
    producedAt: seconds(data.producedAt),
    responses,
    certificates: (basic.certs ?? []).map((c) => parseCertificate(encode(c))),
    unknownCriticalExtensions: criticalOids(data.responseExtensions, 'ResponseData'),
  };
}

function decodeResponse(der: Uint8Array): OcspResponse {
  const response = decodeStrict(der, OCSPResponse, 'OCSPResponse', 'ERR_OCSP_INVALID', REQ);
  const status = OCSPResponseStatus[response.responseStatus] as OcspResponse['responseStatus'] | undefined;
  if (status === undefined) bad(`responseStatus ${response.responseStatus} is not defined`);
  if (status !== 'successful') {
    if (response.responseBytes) bad(`responseStatus ${status} with responseBytes`);
    return Object.freeze({ der, responseStatus: status, basic: undefined });
  }
  if (!response.responseBytes) bad('successful response without responseBytes');
  if (response.responseBytes.responseType !== id_pkix_ocsp_basic) bad(`responseType ${response.responseBytes.responseType} is not id-pkix-ocsp-basic`);
  const basic = decodeBasic(new Uint8Array(response.responseBytes.response.buffer));
  return Object.freeze({ der, responseStatus: status, basic: Object.freeze(basic) });
}

/**
 * Parses a DER OCSPResponse strictly ([REV-20]): at most {@link MAX_OCSP_RESPONSE_BYTES}, DER
 * only (re-encode and compare, which also rejects trailing bytes), a BasicOCSPResponse when
 * successful, v1 ResponseData, at least one SingleResponse, well-formed included certificates.
 * Results are cached by the response's bytes. Throws `ERR_OCSP_INVALID` or `ERR_INPUT_TOO_LARGE`.
 */
export function parseOcspResponse(der: Uint8Array): OcspResponse {
  if (!(der instanceof Uint8Array)) fail('ERR_INVALID_ARGUMENT', 'parseOcspResponse expects a Uint8Array');
  if (der.length > MAX_OCSP_RESPONSE_BYTES) fail('ERR_INPUT_TOO_LARGE', `OCSP response of ${der.length} bytes exceeds ${MAX_OCSP_RESPONSE_BYTES}`, REQ);
  return cache.get(der, () => {
    try {
      return decodeResponse(der.slice());
    } catch (error) {
      if (isJitsuinError(error, 'ERR_OCSP_INVALID')) throw error;
      return fail('ERR_OCSP_INVALID', `OCSP response: ${error instanceof Error ? error.message : String(error)}`, REQ, error);
    }
  });
}
