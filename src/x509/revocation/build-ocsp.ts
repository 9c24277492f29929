/**
 * OCSP response builder (RFC 6960 §4.2.1): a BasicOCSPResponse signed by the CA or a delegated
 * responder through the certificate builder's {@link CertificateSigner}. Deterministic DER.
 * @module
 */
import { concatBytes } from '../../encoding/bytes.js';
import { sha1, sha256 } from '../../crypto/hash.js';
import { fail } from '../../internal/fail.js';
import {
  signatureAlgorithmIdentifier,
  signForX509,
  type CertificateSigner,
  type RawExtension,
} from '../builder.js';
import { encodeTlv, readChildren, readTlv } from '../der.js';
import { octetString, sequence } from '../encode.js';
import { encodeOid } from '../oid.js';
import { serialContents } from './build-crl.js';
import { reasonCode, type RevocationReason } from './reasons.js';
import { objectArgument } from '../../internal/args.js';

/** Identifies the certificate a SingleResponse is about. */
export interface CertIdInput {
  /** Issuer Name DER (the certificate's `issuer.der`). */
  readonly issuerName: Uint8Array;
  /** The issuer's SubjectPublicKeyInfo DER. */
  readonly issuerPublicKey: Uint8Array;
  /** Serial number as `Certificate.serialNumber` (hex of the INTEGER contents). */
  readonly serial: string;
  /** CertID hash (default SHA-256; SHA-1 is what most deployed responders use). */
  readonly hash?: 'SHA-256' | 'SHA-1';
}

/** One SingleResponse. */
export interface SingleResponseInput {
  readonly certId: CertIdInput;
  readonly status:
    | 'good'
    | 'unknown'
    | { readonly revoked: { readonly time: number; readonly reason?: RevocationReason } };
  /** Seconds since the epoch. */
  readonly thisUpdate: number;
  /** Seconds since the epoch; omit for "newer information is always available". */
  readonly nextUpdate?: number;
  readonly extensions?: readonly RawExtension[];
}

/** Inputs of {@link buildOcspResponse}. */
export interface BuildOcspResponseOptions {
  /** Default `successful`; any other status builds the unsigned error response (no other field is used). */
  readonly responseStatus?:
    | 'successful'
    | 'malformedRequest'
    | 'internalError'
    | 'tryLater'
    | 'sigRequired'
    | 'unauthorized';
  /** The responder: its Name DER and SubjectPublicKeyInfo DER (the CA's, or the delegated responder's). */
  readonly responder?: { readonly name: Uint8Array; readonly publicKey: Uint8Array };
  /** ResponderID form (default `byKey`: SHA-1 of the responder's subjectPublicKey BIT STRING value). */
  readonly responderIdType?: 'byKey' | 'byName';
  /** Seconds since the epoch. */
  readonly producedAt?: number;
  readonly responses?: readonly SingleResponseInput[];
  /** Certificates to include (e.g. the delegated responder's certificate DER). */
  readonly certificates?: readonly Uint8Array[];
  /** responseExtensions (e.g. a nonce, or an unknown critical extension for negative vectors). */
  readonly extensions?: readonly RawExtension[];
  readonly signer?: CertificateSigner;
}

const STATUS_CODES = {
  successful: 0,
  malformedRequest: 1,
  internalError: 2,
  tryLater: 3,
  sigRequired: 5,
  unauthorized: 6,
} as const;
const HASH_OIDS = { 'SHA-1': '1.3.14.3.2.26', 'SHA-256': '2.16.840.1.101.3.4.2.1' } as const;

/** GeneralizedTime `YYYYMMDDHHMMSSZ` (RFC 6960 uses GeneralizedTime for every time). */
function generalizedTime(seconds: number): Uint8Array {
  if (!Number.isSafeInteger(seconds) || seconds < 0)
    fail('ERR_INVALID_ARGUMENT', 'OCSP times must be non-negative integer seconds');
  const d = new Date(seconds * 1000);
  const p = (n: number, w = 2): string => n.toString().padStart(w, '0');
  const text = `${p(d.getUTCFullYear(), 4)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}Z`;
  return encodeTlv(
    0x18,
    Uint8Array.from(text, (c) => c.charCodeAt(0)),
  );
}

function publicKeyBits(spki: Uint8Array): Uint8Array {
  const top = readTlv(spki, 0, 'SubjectPublicKeyInfo');
  const bits = readChildren(spki, top, 'SubjectPublicKeyInfo')[1];
  if (bits === undefined || bits.tag !== 0x03)
    fail('ERR_INVALID_ARGUMENT', 'not a SubjectPublicKeyInfo');
  return spki.subarray(bits.contentStart + 1, bits.end);
}

function extensions(tag: number, exts: readonly RawExtension[] | undefined): Uint8Array[] {
  if (!exts || exts.length === 0) return [];
  return [
    encodeTlv(
      tag,
      sequence(
        ...exts.map((x) =>
          sequence(
            encodeOid(x.oid),
            ...(x.critical ? [Uint8Array.of(1, 1, 0xff)] : []),
            octetString(x.value),
          ),
        ),
      ),
    ),
  ];
}

function certId(id: CertIdInput): Uint8Array {
  const hash = id.hash ?? 'SHA-256';
  const h = hash === 'SHA-1' ? sha1 : sha256;
  const serial = serialContents(id.serial, 'CertID serial');
  return sequence(
    sequence(encodeOid(HASH_OIDS[hash]), Uint8Array.of(0x05, 0x00)),
    octetString(h(id.issuerName)),
    octetString(h(publicKeyBits(id.issuerPublicKey))),
    encodeTlv(0x02, serial),
  );
}

function singleResponse(r: SingleResponseInput): Uint8Array {
  let status: Uint8Array;
  if (r.status === 'good') status = Uint8Array.of(0x80, 0x00);
  else if (r.status === 'unknown') status = Uint8Array.of(0x82, 0x00);
  else {
    const { time, reason } = r.status.revoked;
    status = encodeTlv(
      0xa1,
      concatBytes(
        generalizedTime(time),
        ...(reason === undefined
          ? []
          : [encodeTlv(0xa0, encodeTlv(0x0a, Uint8Array.of(reasonCode(reason))))]),
      ),
    );
  }
  return sequence(
    certId(r.certId),
    status,
    generalizedTime(r.thisUpdate),
    ...(r.nextUpdate === undefined ? [] : [encodeTlv(0xa0, generalizedTime(r.nextUpdate))]),
    ...extensions(0xa1, r.extensions),
  );
}

/**
 * Builds an OCSPResponse; returns its DER. For `successful` (the default) it builds and signs a
 * BasicOCSPResponse (ResponseData v1, version omitted as DER requires) with `signer`, the
 * responder's key; `responder`, `producedAt` and at least one response are then required.
 */
export async function buildOcspResponse(options: BuildOcspResponseOptions): Promise<Uint8Array> {
  objectArgument(options, 'buildOcspResponse: options');
  const status = options.responseStatus ?? 'successful';
  const code = STATUS_CODES[status];
  if (code === undefined)
    fail('ERR_INVALID_ARGUMENT', `unknown OCSP responseStatus ${String(status)}`);
  const statusTlv = encodeTlv(0x0a, Uint8Array.of(code));
  if (status !== 'successful') return sequence(statusTlv);
  const { responder, signer, producedAt, responses } = options;
  if (!responder || !signer || producedAt === undefined || !responses || responses.length === 0) {
    fail(
      'ERR_INVALID_ARGUMENT',
      'buildOcspResponse: a successful response needs responder, signer, producedAt and responses',
    );
  }
  const responderId =
    (options.responderIdType ?? 'byKey') === 'byKey'
      ? encodeTlv(0xa2, octetString(sha1(publicKeyBits(responder.publicKey))))
      : encodeTlv(0xa1, responder.name);
  const tbs = sequence(
    responderId,
    generalizedTime(producedAt),
    sequence(...responses.map(singleResponse)),
    ...extensions(0xa1, options.extensions),
  );
  const signature = await signForX509(signer, tbs);
  const certs =
    options.certificates && options.certificates.length > 0
      ? [encodeTlv(0xa0, sequence(...options.certificates))]
      : [];
  const basic = sequence(
    tbs,
    signatureAlgorithmIdentifier(signer.algorithm),
    encodeTlv(0x03, concatBytes(Uint8Array.of(0), signature)),
    ...certs,
  );
  return sequence(
    statusTlv,
    encodeTlv(0xa0, sequence(encodeOid('1.3.6.1.5.5.7.48.1.1'), octetString(basic))),
  );
}
