/**
 * Strict parsing of X.509 CRLs (RFC 5280 §5) into the facts revocation checking needs.
 * Parsing checks syntax only; whether a CRL may be used is decided by `crl-check.ts`.
 * @module
 */
import { CertificateList, type Extension as AsnExtension, type Time } from '@peculiar/asn1-x509';
import { bytesEqual } from '../../encoding/bytes.js';
import { hexEncode } from '../../encoding/hex.js';
import { fail, isJitsuinError } from '../../errors.js';
import { readChildren, readTlv, type Tlv } from '../der.js';
import { decodeGeneralNames, decodeGeneralNamesIn, type GeneralName } from '../general-name.js';
import { parseName, type DistinguishedName } from '../name.js';
import { ByteCache, decodeStrict, encode } from './der.js';
import { REASON_CODES, ALL_REASONS, reasonBitsToMask, type RevocationReason } from './reasons.js';
import { relativeToFullName } from './scope.js';

/** Largest CRL accepted, in bytes (J-LIS CRLs are several MB; the limit bounds work on hostile input). */
export const MAX_CRL_BYTES = 32 * 1024 * 1024;

/** CRL extensions this library understands; a critical extension outside this set voids the CRL ([REV-08]). */
export const KNOWN_CRL_EXTENSIONS: ReadonlySet<string> = new Set([
  '2.5.29.35', // authorityKeyIdentifier
  '2.5.29.20', // cRLNumber
  '2.5.29.28', // issuingDistributionPoint
  '2.5.29.27', // deltaCRLIndicator
  '2.5.29.46', // freshestCRL
  '2.5.29.18', // issuerAltName
  '1.3.6.1.5.5.7.1.1', // authorityInfoAccess
]);

/** CRL entry extensions this library understands. */
export const KNOWN_CRL_ENTRY_EXTENSIONS: ReadonlySet<string> = new Set([
  '2.5.29.21', // reasonCode
  '2.5.29.24', // invalidityDate
  '2.5.29.29', // certificateIssuer
  '2.5.29.23', // holdInstructionCode
]);

/** One revoked-certificate entry of a CRL. */
export interface CrlEntry {
  /** Serial number: lower-case hex of the INTEGER's content octets, as `Certificate.serialNumber`. */
  readonly serialHex: string;
  /** revocationDate, seconds since the epoch. */
  readonly revocationDate: number;
  /** The reasonCode entry extension; `unspecified` when absent. */
  readonly reason: RevocationReason;
  /**
   * Issuer of the certificate this entry is about: the CRL issuer, or the directory name of the
   * latest certificateIssuer entry extension (RFC 5280 §5.3.3); undefined when that extension
   * names no directory name (such an entry can match no certificate).
   */
  readonly certificateIssuer: DistinguishedName | undefined;
}

/** The issuingDistributionPoint extension (RFC 5280 §5.2.5). */
export interface IssuingDistributionPoint {
  /** Full names of the distribution point (a relative name is resolved against the CRL issuer). */
  readonly distributionPoint: readonly GeneralName[] | undefined;
  readonly onlyContainsUserCerts: boolean;
  readonly onlyContainsCACerts: boolean;
  readonly onlyContainsAttributeCerts: boolean;
  readonly indirectCRL: boolean;
  /** Mask of the reasons covered (bit i = ReasonFlags bit i); every reason when onlySomeReasons is absent. */
  readonly reasons: number;
  /** DER of the extension value (a delta CRL's scope must equal its base's byte for byte). */
  readonly der: Uint8Array;
}

/** A parsed CRL. Immutable; obtained from {@link parseCrl}. */
export interface Crl {
  /** The exact DER. */
  readonly der: Uint8Array;
  /** DER of tbsCertList (the signed bytes). */
  readonly tbs: Uint8Array;
  /** The signature algorithm. */
  readonly signatureAlgorithm: { readonly oid: string; readonly parameters?: Uint8Array };
  /** The signature BIT STRING contents (whole octets). */
  readonly signature: Uint8Array;
  readonly issuer: DistinguishedName;
  /** thisUpdate, seconds since the epoch. */
  readonly thisUpdate: number;
  /** nextUpdate, seconds since the epoch; undefined when absent (such a CRL is never used). */
  readonly nextUpdate: number | undefined;
  readonly crlNumber: bigint | undefined;
  /** BaseCRLNumber when this is a delta CRL (deltaCRLIndicator present); undefined for a complete CRL. */
  readonly baseCrlNumber: bigint | undefined;
  /** keyIdentifier of the authorityKeyIdentifier extension. */
  readonly authorityKeyId: Uint8Array | undefined;
  readonly issuingDistributionPoint: IssuingDistributionPoint | undefined;
  /** Entries by serial hex (an indirect CRL may list the same serial for several issuers). */
  readonly entries: ReadonlyMap<string, readonly CrlEntry[]>;
  /** OIDs of critical CRL or entry extensions this library does not understand. */
  readonly unknownCriticalExtensions: readonly string[];
}

const cache = new ByteCache<Crl>(64);
const REQ = 'REV-01';

function bad(message: string): never {
  return fail('ERR_CRL_INVALID', `CRL: ${message}`, REQ);
}

function single(value: Uint8Array, tag: number, what: string): Tlv {
  const tlv = readTlv(value, 0, what);
  if (tlv.tag !== tag || tlv.end !== value.length) bad(`${what} is not a single DER value of the expected type`);
  return tlv;
}

/** cRLNumber / BaseCRLNumber: a non-negative DER INTEGER of at most 20 octets (RFC 5280 §5.2.3). */
function crlNumberOf(value: Uint8Array, what: string): bigint {
  const tlv = single(value, 0x02, what);
  const c = value.subarray(tlv.contentStart, tlv.end);
  if (c.length === 0) bad(`${what} is empty`);
  if (((c[0] as number) & 0x80) !== 0) bad(`${what} is negative`);
  if (c.length > 1 && c[0] === 0 && ((c[1] as number) & 0x80) === 0) bad(`${what} is not minimally encoded`);
  if (c.length > 21 || (c.length === 21 && c[0] !== 0)) bad(`${what} is longer than 20 octets`);
  return BigInt(`0x${hexEncode(c)}`);
}

/** Named-bit BIT STRING contents to a mask (DER: unused bits zero). */
function bitsMask(value: Uint8Array, tlv: Tlv, what: string): number {
  const c = value.subarray(tlv.contentStart, tlv.end);
  const unused = c[0];
  if (unused === undefined || unused > 7 || (c.length === 1 && unused !== 0)) bad(`${what} is a malformed BIT STRING`);
  if (c.length > 1 && ((c[c.length - 1] as number) & ((1 << unused) - 1)) !== 0) bad(`${what} has non-zero unused bits`);
  return reasonBitsToMask(c.subarray(1));
}

function booleanTrue(value: Uint8Array, tlv: Tlv, what: string): true {
  // DER: a DEFAULT FALSE boolean is present only when TRUE, encoded as 0xFF.
  if (tlv.end - tlv.contentStart !== 1 || value[tlv.contentStart] !== 0xff) bad(`${what} is not a DER TRUE`);
  return true;
}

function decodeIdp(value: Uint8Array, issuer: DistinguishedName): IssuingDistributionPoint {
  const what = 'issuingDistributionPoint';
  const seq = single(value, 0x30, what);
  let distributionPoint: GeneralName[] | undefined;
  const flags = { user: false, ca: false, attr: false, indirect: false };
  let reasons = ALL_REASONS;
  let lastTag = 0;
  for (const part of readChildren(value, seq, what)) {
    // Context tag numbers must increase (DER SEQUENCE order); the class/constructed bits differ by field.
    if ((part.tag & 0x1f) < lastTag) bad(`${what} fields out of order`);
    lastTag = (part.tag & 0x1f) + 1;
    switch (part.tag) {
      case 0xa0: {
        const kids = readChildren(value, part, what);
        const choice = kids[0];
        if (choice === undefined || kids.length !== 1) bad(`${what} has a malformed distributionPoint`);
        if (choice.tag === 0xa0) distributionPoint = decodeGeneralNamesIn(value, choice, what);
        else if (choice.tag === 0xa1) distributionPoint = [relativeToFullName(issuer, Uint8Array.of(0x31, ...value.subarray(choice.start + 1, choice.end)))];
        else bad(`${what} has a malformed DistributionPointName`);
        break;
      }
      case 0x81: flags.user = booleanTrue(value, part, `${what}.onlyContainsUserCerts`); break;
      case 0x82: flags.ca = booleanTrue(value, part, `${what}.onlyContainsCACerts`); break;
      case 0x83: reasons = bitsMask(value, part, `${what}.onlySomeReasons`); break;
      case 0x84: flags.indirect = booleanTrue(value, part, `${what}.indirectCRL`); break;
      case 0x85: flags.attr = booleanTrue(value, part, `${what}.onlyContainsAttributeCerts`); break;
      default: bad(`${what} has an unexpected field`);
    }
  }
  // RFC 5280 §5.2.5: at most one of the onlyContains* flags, and never an empty extension.
  if ([flags.user, flags.ca, flags.attr].filter(Boolean).length > 1) bad(`${what} asserts more than one onlyContains* flag`);
  if (lastTag === 0) bad(`${what} is empty`);
  return {
    distributionPoint, onlyContainsUserCerts: flags.user, onlyContainsCACerts: flags.ca,
    onlyContainsAttributeCerts: flags.attr, indirectCRL: flags.indirect, reasons, der: value.slice(),
  };
}

function checkUnique(exts: readonly AsnExtension[], where: string): void {
  const seen = new Set<string>();
  for (const ext of exts) {
    if (seen.has(ext.extnID)) bad(`${where} repeats extension ${ext.extnID}`);
    seen.add(ext.extnID);
  }
}

function seconds(time: Time, what: string): number {
  // RFC 5280 §5.1.2.4: UTCTime through 2049, GeneralizedTime from 2050 (re-encoding fixed the format).
  const date = time.getTime();
  if (time.generalTime !== undefined && date.getUTCFullYear() < 2050) bad(`${what} uses GeneralizedTime before 2050`);
  return Math.floor(date.getTime() / 1000);
}

function decodeCrl(der: Uint8Array): Crl {
  const list = decodeStrict(der, CertificateList, 'CRL', 'ERR_CRL_INVALID', REQ);
  const top = readTlv(der, 0, 'CRL');
  const [tbsTlv, algTlv, sigTlv] = readChildren(der, top, 'CRL');
  if (tbsTlv === undefined || algTlv === undefined || sigTlv === undefined) bad('not { tbsCertList, signatureAlgorithm, signature }');
  if (der[sigTlv.contentStart] !== 0) bad('signature BIT STRING has unused bits (a signature is whole octets)');
  const tbsList = list.tbsCertList;
  const algDer = der.subarray(algTlv.start, algTlv.end);
  if (!bytesEqual(encode(tbsList.signature), algDer)) bad('tbsCertList.signature differs from signatureAlgorithm');
  const params = list.signatureAlgorithm.parameters;
  const signatureAlgorithm = params === undefined || params === null
    ? { oid: list.signatureAlgorithm.algorithm }
    : { oid: list.signatureAlgorithm.algorithm, parameters: new Uint8Array(params) };
  const crlExtensions = tbsList.crlExtensions ?? [];
  const revoked = tbsList.revokedCertificates ?? [];
  const anyEntryExtensions = revoked.some((e) => (e.crlEntryExtensions?.length ?? 0) > 0);
  if (tbsList.version !== undefined && tbsList.version !== 1) bad(`version ${tbsList.version + 1} is not v2`);
  if ((crlExtensions.length > 0 || anyEntryExtensions) && tbsList.version !== 1) bad('extensions present in a v1 CRL');
  if (tbsList.crlExtensions !== undefined && crlExtensions.length === 0) bad('crlExtensions present but empty');
  checkUnique(crlExtensions, 'CRL');

  const issuer = parseName(encode(tbsList.issuer));
  if (issuer.rdns.length === 0) bad('issuer is an empty name');
  const unknownCritical: string[] = [];
  let crlNumber: bigint | undefined;
  let baseCrlNumber: bigint | undefined;
  let authorityKeyId: Uint8Array | undefined;
  let idp: IssuingDistributionPoint | undefined;
  for (const ext of crlExtensions) {
    const value = new Uint8Array(ext.extnValue.buffer);
    switch (ext.extnID) {
      case '2.5.29.20': crlNumber = crlNumberOf(value, 'cRLNumber'); break;
      case '2.5.29.27': baseCrlNumber = crlNumberOf(value, 'BaseCRLNumber'); break;
      case '2.5.29.35': {
        const seq = single(value, 0x30, 'authorityKeyIdentifier');
        const first = readChildren(value, seq, 'authorityKeyIdentifier')[0];
        if (first?.tag === 0x80) authorityKeyId = value.slice(first.contentStart, first.end);
        break;
      }
      case '2.5.29.28': idp = decodeIdp(value, issuer); break;
      default: if (ext.critical && !KNOWN_CRL_EXTENSIONS.has(ext.extnID)) unknownCritical.push(ext.extnID);
    }
  }

  const entries = new Map<string, CrlEntry[]>();
  let entryIssuer: DistinguishedName | undefined = issuer;
  for (const item of revoked) {
    const exts = item.crlEntryExtensions ?? [];
    if (item.crlEntryExtensions !== undefined && exts.length === 0) bad('crlEntryExtensions present but empty');
    checkUnique(exts, 'CRL entry');
    let reason: RevocationReason = 'unspecified';
    for (const ext of exts) {
      const value = new Uint8Array(ext.extnValue.buffer);
      if (ext.extnID === '2.5.29.21') {
        const tlv = single(value, 0x0a, 'reasonCode');
        const c = value.subarray(tlv.contentStart, tlv.end);
        const name = c.length === 1 ? REASON_CODES[c[0] as number] : undefined;
        if (name === undefined) bad(`reasonCode ${hexEncode(c)} is not a defined CRLReason`);
        reason = name;
      } else if (ext.extnID === '2.5.29.29') {
        // certificateIssuer applies to this entry and every following one until the next (RFC 5280 §5.3.3).
        const dn = decodeGeneralNames(value, 'certificateIssuer').find((gn) => gn.type === 'directoryName');
        entryIssuer = dn?.type === 'directoryName' ? dn.value : undefined;
      } else if (ext.critical && !KNOWN_CRL_ENTRY_EXTENSIONS.has(ext.extnID)) {
        unknownCritical.push(ext.extnID);
      }
    }
    const serial = new Uint8Array(item.userCertificate);
    if (serial.length === 0) bad('entry with an empty serial number');
    const serialHex = hexEncode(serial);
    const entry: CrlEntry = { serialHex, revocationDate: seconds(item.revocationDate, 'revocationDate'), reason, certificateIssuer: entryIssuer };
    const same = entries.get(serialHex);
    if (same === undefined) entries.set(serialHex, [entry]);
    else same.push(entry);
  }
  return Object.freeze({
    der, tbs: der.slice(tbsTlv.start, tbsTlv.end), signatureAlgorithm, signature: der.slice(sigTlv.contentStart + 1, sigTlv.end),
    issuer, thisUpdate: seconds(tbsList.thisUpdate, 'thisUpdate'),
    nextUpdate: tbsList.nextUpdate === undefined ? undefined : seconds(tbsList.nextUpdate, 'nextUpdate'),
    crlNumber, baseCrlNumber, authorityKeyId, issuingDistributionPoint: idp, entries,
    unknownCriticalExtensions: Object.freeze(unknownCritical),
  });
}

/**
 * Parses a DER CRL strictly ([REV-01]): at most {@link MAX_CRL_BYTES}, DER only (the decoded
 * structure must re-encode to the same bytes, so BER forms and trailing bytes are rejected), v2
 * whenever extensions are present, no repeated extension, well-formed extensions it understands.
 * Results are cached by the CRL's bytes. Throws `ERR_CRL_INVALID` or `ERR_INPUT_TOO_LARGE`.
 */
export function parseCrl(der: Uint8Array): Crl {
  if (!(der instanceof Uint8Array)) fail('ERR_INVALID_ARGUMENT', 'parseCrl expects a Uint8Array');
  if (der.length > MAX_CRL_BYTES) fail('ERR_INPUT_TOO_LARGE', `CRL of ${der.length} bytes exceeds ${MAX_CRL_BYTES}`, REQ);
  return cache.get(der, () => {
    try {
      return decodeCrl(der.slice());
    } catch (error) {
      if (isJitsuinError(error, 'ERR_CRL_INVALID')) throw error;
      return fail('ERR_CRL_INVALID', `CRL: ${error instanceof Error ? error.message : String(error)}`, REQ, error);
    }
  });
}
