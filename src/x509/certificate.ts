/**
 * Strict X.509 v3 certificate parsing (RFC 5280 §4.1), with the raw byte ranges a validator needs
 * and the profile extensions decoded. The decoder is jitsuin's own strict DER reader rather than
 * @peculiar/asn1-x509: asn1js cannot round-trip OIDs with arcs of 2^53 or more, and every jitsuin
 * OID sits under a 128-bit UUID arc (see spec/certificates.md, "Implementation notes").
 *
 * Rejected as ERR_CERT_MALFORMED: inputs over {@link MAX_CERTIFICATE_SIZE}, anything that is not
 * DER (non-minimal lengths or integers, indefinite lengths, explicit DEFAULT values, unsorted SET OF,
 * BOOLEANs other than 00/FF), trailing bytes, versions other than
 * v3, a tbsCertificate signature algorithm that differs from the outer one, negative serial numbers
 * or serials longer than 20 octets, non-strict times, duplicate or malformed extensions. (A zero
 * serial number parses, since some deployed roots carry one; path validation rejects it on
 * non-anchor certificates. Unique identifiers parse and are ignored, as RFC 5280 §4.1.2.8 asks.)
 * @module
 */
import { importSpki, type PublicKey } from '../crypto/keys.js';
import { isJitsuinError } from '../errors.js';
import { fail } from '../internal/fail.js';
import { bytesEqual, bytesKey } from '../encoding/bytes.js';
import { hexEncode } from '../encoding/hex.js';
import {
  assertDer,
  contentsOf,
  decodeBoolean,
  integerContents,
  readChildren,
  readSingle,
  readTlv,
  type Tlv,
} from './der.js';
import {
  decodeExtensions,
  UNDERSTOOD_EXTENSIONS,
  type DecodedExtensions,
  type Extension,
} from './extensions.js';
import { namesMatch, parseName, type DistinguishedName } from './name.js';
import { decodeOid } from './oid.js';
import { PKIX_OID } from './oids.js';
import { decodeTime } from './time.js';

/** Largest certificate accepted, in bytes: bounds parsing work on hostile input. */
export const MAX_CERTIFICATE_SIZE = 16 * 1024;

/** An AlgorithmIdentifier: OID and the DER of its parameters (absent when omitted). */
export interface AlgorithmIdentifier {
  readonly oid: string;
  readonly parameters?: Uint8Array;
}

/**
 * A parsed, DER-checked X.509 v3 certificate. Its byte arrays are views into the object's own copy
 * of the DER (never the caller's input), shared with every user of the parse cache: read-only.
 */
export interface Certificate extends Readonly<DecodedExtensions> {
  /** The certificate's exact DER. */
  readonly der: Uint8Array;
  /** The DER of tbsCertificate (the signed bytes). */
  readonly tbs: Uint8Array;
  /** Always 3 (v3): other versions are rejected. */
  readonly version: 3;
  /** Lower-case hex of the serial number's INTEGER contents (DER, so no redundant leading zero). */
  readonly serialNumber: string;
  readonly issuer: DistinguishedName;
  readonly subject: DistinguishedName;
  /** Validity start, seconds since the epoch. */
  readonly notBefore: number;
  /** Validity end (inclusive), seconds since the epoch. */
  readonly notAfter: number;
  /** DER of SubjectPublicKeyInfo. */
  readonly subjectPublicKeyInfo: Uint8Array;
  /** SubjectPublicKeyInfo algorithm OID (e.g. id-ecPublicKey). */
  readonly publicKeyAlgorithm: string;
  /** For EC keys, the named-curve OID. */
  readonly namedCurve?: string;
  /** The outer signatureAlgorithm. */
  readonly signatureAlgorithm: AlgorithmIdentifier;
  /** The signature BIT STRING contents (without the unused-bits octet). */
  readonly signature: Uint8Array;
  /** Every extension in certificate order, with its critical flag. */
  readonly extensions: readonly Extension[];
  /** True when issuer and subject names match (RFC 5280 "self-issued"). */
  readonly selfIssued: boolean;
  /**
   * The certified public key, imported on first access with `importSpki` (cached by the crypto
   * area). Throws ERR_UNSUPPORTED_ALGORITHM / ERR_INVALID_KEY for keys jitsuin cannot verify with.
   */
  readonly publicKey: PublicKey;
}

function malformed(message: string): never {
  return fail('ERR_CERT_MALFORMED', `certificate: ${message}`, 'CERT-01');
}

function child(list: readonly Tlv[], index: number, tag: number, what: string): Tlv {
  const t = list[index];
  if (t === undefined || t.tag !== tag) malformed(`${what} missing or mistagged`);
  return t;
}

function decodeAlgorithm(der: Uint8Array, tlv: Tlv, what: string): AlgorithmIdentifier {
  const parts = readChildren(der, tlv, what);
  const oidTlv = child(parts, 0, 0x06, `${what} OID`);
  const oid = decodeOid(der.subarray(oidTlv.contentStart, oidTlv.end), what);
  if (parts.length > 2) malformed(`${what} has extra fields`);
  const params = parts[1];
  return params === undefined
    ? { oid }
    : { oid, parameters: der.subarray(params.start, params.end) };
}

function decodeExtension(der: Uint8Array, tlv: Tlv): Extension {
  const parts = tlv.tag === 0x30 ? readChildren(der, tlv, 'extension') : [];
  const oidTlv = parts[0];
  if (oidTlv === undefined || oidTlv.tag !== 0x06 || parts.length < 2 || parts.length > 3)
    malformed('malformed Extension');
  const oid = decodeOid(contentsOf(der, oidTlv), 'extnID');
  let critical = false;
  if (parts.length === 3) {
    critical = decodeBoolean(der, parts[1] as Tlv, `extension ${oid} critical`);
    // DER: critical DEFAULT FALSE is omitted, never encoded.
    if (!critical) malformed(`extension ${oid}: critical FALSE encoded explicitly (not DER)`);
  }
  const valueTlv = parts[parts.length - 1] as Tlv;
  if (valueTlv.tag !== 0x04) malformed(`extension ${oid}: extnValue is not an OCTET STRING`);
  const value = der.subarray(valueTlv.contentStart, valueTlv.end);
  // The value of every extension jitsuin interprets is DER (RFC 5280 §4.2); unknown values are opaque.
  if (UNDERSTOOD_EXTENSIONS.has(oid)) assertDer(value, `extension ${oid}`);
  return { oid, critical, value };
}

function parseUncached(der: Uint8Array): Certificate {
  if (der.length > MAX_CERTIFICATE_SIZE)
    fail(
      'ERR_INPUT_TOO_LARGE',
      `certificate of ${der.length} bytes exceeds ${MAX_CERTIFICATE_SIZE}`,
      'CERT-01',
    );
  const top = readTlv(der, 0, 'certificate');
  if (top.tag !== 0x30) malformed('not a SEQUENCE');
  if (top.end !== der.length) malformed(`${der.length - top.end} trailing bytes`);
  assertDer(der, 'certificate');

  const outer = readChildren(der, top, 'certificate');
  if (outer.length !== 3) malformed('expected tbsCertificate, signatureAlgorithm, signatureValue');
  const tbsTlv = child(outer, 0, 0x30, 'tbsCertificate');
  const sigAlgTlv = child(outer, 1, 0x30, 'signatureAlgorithm');
  const sigTlv = child(outer, 2, 0x03, 'signatureValue');
  if (der[sigTlv.contentStart] !== 0) malformed('signature BIT STRING has unused bits');

  const t = readChildren(der, tbsTlv, 'tbsCertificate');
  const versionTlv = child(t, 0, 0xa0, 'version (only v3 is accepted)');
  const v = der.subarray(versionTlv.contentStart, versionTlv.end);
  if (v.length !== 3 || v[0] !== 0x02 || v[1] !== 0x01 || v[2] !== 0x02)
    malformed('version is not v3');
  const serialTlv = child(t, 1, 0x02, 'serialNumber');
  const serial = integerContents(der, serialTlv, 'serialNumber');
  // RFC 5280 §4.1.2.2: a positive integer of at most 20 octets.
  if (((serial[0] as number) & 0x80) !== 0) malformed('serialNumber is negative');
  if (serial.length > 21 || (serial.length === 21 && serial[0] !== 0))
    malformed('serialNumber longer than 20 octets');
  const innerSigTlv = child(t, 2, 0x30, 'signature');
  if (
    !bytesEqual(
      der.subarray(innerSigTlv.start, innerSigTlv.end),
      der.subarray(sigAlgTlv.start, sigAlgTlv.end),
    )
  ) {
    malformed('tbsCertificate.signature differs from signatureAlgorithm');
  }
  const issuerTlv = child(t, 3, 0x30, 'issuer');
  const validityTlv = child(t, 4, 0x30, 'validity');
  const subjectTlv = child(t, 5, 0x30, 'subject');
  const spkiTlv = child(t, 6, 0x30, 'subjectPublicKeyInfo');
  const extensions: Extension[] = [];
  for (const extra of t.slice(7)) {
    if (extra.tag === 0x81 || extra.tag === 0x82 || extra.tag === 0xa1 || extra.tag === 0xa2)
      continue;
    if (extra.tag !== 0xa3 || extra !== t[t.length - 1])
      malformed('unexpected field after subjectPublicKeyInfo');
    const list = readChildren(der, extra, 'extensions');
    const seq = list[0];
    if (list.length !== 1 || seq === undefined || seq.tag !== 0x30)
      malformed('extensions is not a SEQUENCE');
    for (const e of readChildren(der, seq, 'extensions')) extensions.push(decodeExtension(der, e));
    if (extensions.length === 0) malformed('extensions field present but empty');
  }

  const validity = readChildren(der, validityTlv, 'validity');
  const nb = validity[0];
  const na = validity[1];
  if (validity.length !== 2 || nb === undefined || na === undefined)
    malformed('validity is not { notBefore, notAfter }');
  const notBefore = decodeTime(nb.tag, der.subarray(nb.contentStart, nb.end), 'notBefore');
  const notAfter = decodeTime(na.tag, der.subarray(na.contentStart, na.end), 'notAfter');

  const spkiParts = readChildren(der, spkiTlv, 'subjectPublicKeyInfo');
  const spkiAlg = decodeAlgorithm(
    der,
    child(spkiParts, 0, 0x30, 'subjectPublicKeyInfo.algorithm'),
    'subjectPublicKeyInfo.algorithm',
  );
  child(spkiParts, 1, 0x03, 'subjectPublicKey');
  let namedCurve: string | undefined;
  if (spkiAlg.oid === PKIX_OID.ecPublicKey) {
    const p = spkiAlg.parameters;
    if (p === undefined || p[0] !== 0x06) malformed('EC key without a named curve');
    namedCurve = decodeOid(contentsOf(p, readSingle(p, 0x06, 'namedCurve')), 'namedCurve');
  }

  const issuer = parseName(der.subarray(issuerTlv.start, issuerTlv.end), 'issuer');
  const subject = parseName(der.subarray(subjectTlv.start, subjectTlv.end), 'subject');
  // RFC 5280 §4.1.2.4: the issuer field MUST contain a non-empty distinguished name.
  if (issuer.rdns.length === 0) malformed('issuer is an empty name');
  const decoded = decodeExtensions(extensions);

  const spki = der.subarray(spkiTlv.start, spkiTlv.end);
  const cert = {
    ...decoded,
    der,
    tbs: der.subarray(tbsTlv.start, tbsTlv.end),
    version: 3,
    serialNumber: hexEncode(serial),
    issuer,
    subject,
    notBefore,
    notAfter,
    subjectPublicKeyInfo: spki,
    publicKeyAlgorithm: spkiAlg.oid,
    ...(namedCurve === undefined ? {} : { namedCurve }),
    signatureAlgorithm: decodeAlgorithm(der, sigAlgTlv, 'signatureAlgorithm'),
    signature: der.subarray(sigTlv.contentStart + 1, sigTlv.end),
    extensions,
    selfIssued: namesMatch(issuer, subject),
    get publicKey(): PublicKey {
      return importSpki(spki);
    },
  } satisfies Certificate;
  return Object.freeze(cert);
}

/** Bounded cache of parsed certificates keyed by their bytes (insertion-ordered, oldest evicted). */
const CACHE_LIMIT = 512;
const cache = new Map<string, Certificate>();

function cacheKey(der: Uint8Array): string {
  return bytesKey(der);
}

/**
 * Parses a DER X.509 v3 certificate strictly and decodes the extensions the profile interprets.
 * Results are cached by content (bounded), so parsing the same bytes twice is cheap; the input is
 * copied, so later changes to the caller's array do not affect the result.
 *
 * @throws JitsuinError ERR_CERT_MALFORMED (or ERR_INPUT_TOO_LARGE) when the bytes are not an
 *   acceptable certificate.
 */
export function parseCertificate(der: Uint8Array): Certificate {
  if (!(der instanceof Uint8Array))
    fail('ERR_INVALID_ARGUMENT', 'parseCertificate expects a Uint8Array');
  if (der.length > MAX_CERTIFICATE_SIZE)
    fail(
      'ERR_INPUT_TOO_LARGE',
      `certificate of ${der.length} bytes exceeds ${MAX_CERTIFICATE_SIZE}`,
      'CERT-01',
    );
  const key = cacheKey(der);
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  let cert: Certificate;
  try {
    cert = parseUncached(der.slice());
  } catch (cause) {
    if (isJitsuinError(cause)) {
      if (cause.code === 'ERR_CERT_MALFORMED' || cause.code === 'ERR_INPUT_TOO_LARGE') throw cause;
      return fail('ERR_CERT_MALFORMED', `certificate: ${cause.message}`, 'CERT-01', cause);
    }
    return fail('ERR_CERT_MALFORMED', 'certificate: cannot be decoded', 'CERT-01', cause);
  }
  if (cache.size >= CACHE_LIMIT) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  cache.set(key, cert);
  return cert;
}

/** Empties the parsed-certificate cache. @internal */
export function clearCertificateCache(): void {
  cache.clear();
}
