/**
 * CRL builder (RFC 5280 §5): what a CA implementation and the vector generator use. Output is
 * deterministic DER, signed through the certificate builder's {@link CertificateSigner}.
 * @module
 */
import { concatBytes } from '../../encoding/bytes.js';
import { hexDecode } from '../../encoding/hex.js';
import { fail } from '../../internal/fail.js';
import {
  signatureAlgorithmIdentifier,
  signForX509,
  type CertificateSigner,
  type RawExtension,
} from '../builder.js';
import { encodeTlv } from '../der.js';
import { encodeGeneralName, encodeReasonFlags, octetString, sequence } from '../encode.js';
import type { ReasonFlag } from '../extensions.js';
import { encodeOid } from '../oid.js';
import { encodeTime } from '../time.js';
import { reasonCode, type RevocationReason } from './reasons.js';
import { objectArgument } from '../../internal/args.js';
import { MAX_CRL_BYTES } from './crl.js';

/** One revoked certificate to list. */
export interface CrlEntryInput {
  /** Serial number as `Certificate.serialNumber` gives it: lower-case hex of the INTEGER contents. */
  readonly serial: string;
  /** Seconds since the epoch. */
  readonly revocationDate: number;
  /** reasonCode entry extension; omitted when absent (RFC 5280 says to omit `unspecified`). */
  readonly reason?: RevocationReason;
  /** certificateIssuer entry extension (Name DER), for indirect CRLs; critical as RFC 5280 requires. */
  readonly certificateIssuer?: Uint8Array;
  /** Extra entry extensions (e.g. an unknown critical one, for negative vectors). */
  readonly extensions?: readonly RawExtension[];
}

/** The issuingDistributionPoint extension as the builder accepts it (always critical). */
export interface IssuingDistributionPointInput {
  /** fullName: URIs and/or one directory name (Name DER). */
  readonly uris?: readonly string[];
  readonly directoryName?: Uint8Array;
  readonly onlyContainsUserCerts?: boolean;
  readonly onlyContainsCACerts?: boolean;
  readonly onlySomeReasons?: readonly ReasonFlag[];
  readonly indirectCRL?: boolean;
  readonly onlyContainsAttributeCerts?: boolean;
}

/** Inputs of {@link buildCrl}. */
export interface BuildCrlOptions {
  /** Issuer Name DER (the CA certificate's `subject.der`). */
  readonly issuer: Uint8Array;
  /** Seconds since the epoch. */
  readonly thisUpdate: number;
  /** Seconds since the epoch. Omitting it builds a CRL that verifiers reject ([REV-06]); for negative vectors. */
  readonly nextUpdate?: number;
  readonly entries?: readonly CrlEntryInput[];
  /**
   * Largest CRL to produce, in bytes (default and at most `MAX_CRL_BYTES`, the verifiers' limit of
   * [REV-01]): a CRL that relying parties could not load is refused with `ERR_INPUT_TOO_LARGE`
   * ([REV-42]); partition the CRL instead ([REV-41]).
   */
  readonly maxBytes?: number;
  /**
   * cRLNumber (non-critical, required by RFC 5280 §5.2.3 of conforming CAs). `null` omits it,
   * building a CRL that verifiers reject ([REV-37]); for negative vectors.
   */
  readonly crlNumber: number | bigint | null;
  /** Marks cRLNumber critical, building a CRL that verifiers reject ([REV-37]); for negative vectors. */
  readonly crlNumberCritical?: boolean;
  /** authorityKeyIdentifier keyIdentifier (the signer's subjectKeyId). */
  readonly authorityKeyId?: Uint8Array;
  readonly issuingDistributionPoint?: IssuingDistributionPointInput;
  /** Makes this a delta CRL: the deltaCRLIndicator (critical) with this BaseCRLNumber. */
  readonly deltaOf?: number | bigint;
  /** Extra CRL extensions appended in order (e.g. an unknown critical one, for negative vectors). */
  readonly extensions?: readonly RawExtension[];
  readonly signer: CertificateSigner;
}

const TRUE = Uint8Array.of(0x01, 0x01, 0xff);

function integer(value: number | bigint, what: string): Uint8Array {
  const v = BigInt(value);
  if (v < 0n) fail('ERR_INVALID_ARGUMENT', `${what} must be non-negative`);
  let hex = v.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  let bytes = hexDecode(hex);
  if (((bytes[0] as number) & 0x80) !== 0) bytes = concatBytes(Uint8Array.of(0), bytes);
  if (bytes.length > 21) fail('ERR_INVALID_ARGUMENT', `${what} is longer than 20 octets`);
  return encodeTlv(0x02, bytes);
}

function extension(oid: string, critical: boolean, value: Uint8Array): Uint8Array {
  return sequence(encodeOid(oid), ...(critical ? [TRUE] : []), octetString(value));
}

function idpValue(idp: IssuingDistributionPointInput): Uint8Array {
  const parts: Uint8Array[] = [];
  const full = [
    ...(idp.uris ?? []).map((u) =>
      encodeGeneralName({ type: 'uniformResourceIdentifier', value: u }),
    ),
    ...(idp.directoryName === undefined
      ? []
      : [encodeGeneralName({ type: 'directoryName', value: idp.directoryName })]),
  ];
  if (full.length > 0) parts.push(encodeTlv(0xa0, encodeTlv(0xa0, concatBytes(...full))));
  if (idp.onlyContainsUserCerts) parts.push(Uint8Array.of(0x81, 0x01, 0xff));
  if (idp.onlyContainsCACerts) parts.push(Uint8Array.of(0x82, 0x01, 0xff));
  if (idp.onlySomeReasons !== undefined)
    parts.push(
      concatBytes(Uint8Array.of(0x83), encodeReasonFlags(idp.onlySomeReasons).subarray(1)),
    );
  if (idp.indirectCRL) parts.push(Uint8Array.of(0x84, 0x01, 0xff));
  if (idp.onlyContainsAttributeCerts) parts.push(Uint8Array.of(0x85, 0x01, 0xff));
  return sequence(...parts);
}

/** INTEGER contents from hex, which must already be minimal (as `Certificate.serialNumber` is). @internal */
export function serialContents(hex: string, what: string): Uint8Array {
  const c = hexDecode(hex, what);
  if (c.length === 0) fail('ERR_INVALID_ARGUMENT', `${what} is empty`);
  if (
    c.length > 1 &&
    ((c[0] === 0 && ((c[1] as number) & 0x80) === 0) ||
      (c[0] === 0xff && ((c[1] as number) & 0x80) !== 0))
  ) {
    fail('ERR_INVALID_ARGUMENT', `${what} ${hex} is not the minimal INTEGER contents`);
  }
  return c;
}

function entry(e: CrlEntryInput): Uint8Array {
  const serial = serialContents(e.serial, 'CRL entry serial');
  const exts: Uint8Array[] = [];
  if (e.reason !== undefined && e.reason !== 'unspecified')
    exts.push(extension('2.5.29.21', false, encodeTlv(0x0a, Uint8Array.of(reasonCode(e.reason)))));
  if (e.certificateIssuer !== undefined)
    exts.push(
      extension(
        '2.5.29.29',
        true,
        sequence(encodeGeneralName({ type: 'directoryName', value: e.certificateIssuer })),
      ),
    );
  for (const x of e.extensions ?? []) exts.push(extension(x.oid, x.critical, x.value));
  return sequence(
    encodeTlv(0x02, serial),
    encodeTime(e.revocationDate),
    ...(exts.length > 0 ? [sequence(...exts)] : []),
  );
}

/** Concatenates any number of parts (a spread of 10^5 CRL entries would overflow the call stack). */
function concatList(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/** Builds the DER tbsCertList for `options`. */
export function buildTbsCertList(options: BuildCrlOptions): Uint8Array {
  objectArgument(options, 'buildTbsCertList: options');
  const o = options;
  if (!(o.issuer instanceof Uint8Array) || o.issuer[0] !== 0x30)
    fail('ERR_INVALID_ARGUMENT', 'buildCrl: issuer must be Name DER');
  const exts: Uint8Array[] = [];
  if (o.authorityKeyId !== undefined)
    exts.push(extension('2.5.29.35', false, sequence(encodeTlv(0x80, o.authorityKeyId))));
  if (o.crlNumber !== null)
    exts.push(
      extension('2.5.29.20', o.crlNumberCritical === true, integer(o.crlNumber, 'crlNumber')),
    );
  if (o.deltaOf !== undefined)
    exts.push(extension('2.5.29.27', true, integer(o.deltaOf, 'deltaOf')));
  if (o.issuingDistributionPoint !== undefined)
    exts.push(extension('2.5.29.28', true, idpValue(o.issuingDistributionPoint)));
  for (const x of o.extensions ?? []) exts.push(extension(x.oid, x.critical, x.value));
  const entries = o.entries ?? [];
  return sequence(
    Uint8Array.of(0x02, 0x01, 0x01),
    signatureAlgorithmIdentifier(o.signer.algorithm),
    o.issuer,
    encodeTime(o.thisUpdate),
    ...(o.nextUpdate === undefined ? [] : [encodeTime(o.nextUpdate)]),
    ...(entries.length > 0 ? [encodeTlv(0x30, concatList(entries.map(entry)))] : []),
    ...(exts.length > 0 ? [encodeTlv(0xa0, sequence(...exts))] : []),
  );
}

/**
 * Builds and signs a v2 CRL; returns its DER. Extensions appear in a fixed order
 * (authorityKeyIdentifier, cRLNumber, deltaCRLIndicator, issuingDistributionPoint, then
 * `extensions`); entries in the order given.
 */
export async function buildCrl(options: BuildCrlOptions): Promise<Uint8Array> {
  objectArgument(options, 'buildCrl: options');
  const max = options.maxBytes ?? MAX_CRL_BYTES;
  if (!Number.isSafeInteger(max) || max < 1 || max > MAX_CRL_BYTES)
    fail('ERR_INVALID_ARGUMENT', `buildCrl: maxBytes must be 1..${MAX_CRL_BYTES}`, 'REV-42');
  const tbs = buildTbsCertList(options);
  // The signature and its algorithm add well under 200 bytes; refuse before signing.
  if (tbs.length + 200 > max)
    fail(
      'ERR_INPUT_TOO_LARGE',
      `buildCrl: a CRL of about ${tbs.length + 200} bytes exceeds ${max}, more than relying parties load (REV-01): partition it (REV-41)`,
      'REV-42',
    );
  const signature = await signForX509(options.signer, tbs);
  return sequence(
    tbs,
    signatureAlgorithmIdentifier(options.signer.algorithm),
    encodeTlv(0x03, concatBytes(Uint8Array.of(0), signature)),
  );
}
