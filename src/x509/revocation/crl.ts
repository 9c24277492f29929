/**
 * Strict parsing of X.509 CRLs (RFC 5280 §5) into the facts revocation checking needs.
 * Parsing checks syntax only; whether a CRL may be used is decided by `crl-check.ts`.
 * @module
 */
import { bytesEqual } from '../../encoding/bytes.js';
import { hexEncode } from '../../encoding/hex.js';
import { sha256 } from '../../crypto/hash.js';
import { isJitsuinError } from '../../errors.js';
import { fail } from '../../internal/fail.js';
import { assertDer, readChildren, readTlv, type Tlv } from '../der.js';
import { decodeGeneralNames, decodeGeneralNamesIn, type GeneralName } from '../general-name.js';
import { decodeOid } from '../oid.js';
import { decodeTime } from '../time.js';
import { parseName, type DistinguishedName } from '../name.js';
import { ByteCache } from './der.js';
import { REASON_CODES, ALL_REASONS, reasonBitsToMask, type RevocationReason } from './reasons.js';
import { relativeToFullName } from './scope.js';
import type { Crl, CrlEntry, IssuingDistributionPoint } from './types.js';

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

export type { Crl, CrlEntry, IssuingDistributionPoint } from './types.js';

const cache = new ByteCache<Crl>(64);
const REQ = 'REV-01';

function bad(message: string): never {
  return fail('ERR_CRL_INVALID', `CRL: ${message}`, REQ);
}

function single(value: Uint8Array, tag: number, what: string): Tlv {
  const tlv = readTlv(value, 0, what);
  if (tlv.tag !== tag || tlv.end !== value.length)
    bad(`${what} is not a single DER value of the expected type`);
  return tlv;
}

/** cRLNumber / BaseCRLNumber: a non-negative DER INTEGER of at most 20 octets (RFC 5280 §5.2.3). */
function crlNumberOf(value: Uint8Array, what: string): bigint {
  const tlv = single(value, 0x02, what);
  const c = value.subarray(tlv.contentStart, tlv.end);
  if (c.length === 0) bad(`${what} is empty`);
  if (((c[0] as number) & 0x80) !== 0) bad(`${what} is negative`);
  if (c.length > 1 && c[0] === 0 && ((c[1] as number) & 0x80) === 0)
    bad(`${what} is not minimally encoded`);
  if (c.length > 21 || (c.length === 21 && c[0] !== 0)) bad(`${what} is longer than 20 octets`);
  return BigInt(`0x${hexEncode(c)}`);
}

/** Named-bit BIT STRING contents to a mask (DER: unused bits zero). */
function bitsMask(value: Uint8Array, tlv: Tlv, what: string): number {
  const c = value.subarray(tlv.contentStart, tlv.end);
  const unused = c[0];
  if (unused === undefined || unused > 7 || (c.length === 1 && unused !== 0))
    bad(`${what} is a malformed BIT STRING`);
  if (c.length > 1 && ((c[c.length - 1] as number) & ((1 << unused) - 1)) !== 0)
    bad(`${what} has non-zero unused bits`);
  return reasonBitsToMask(c.subarray(1));
}

function booleanTrue(value: Uint8Array, tlv: Tlv, what: string): true {
  // DER: a DEFAULT FALSE boolean is present only when TRUE, encoded as 0xFF.
  if (tlv.end - tlv.contentStart !== 1 || value[tlv.contentStart] !== 0xff)
    bad(`${what} is not a DER TRUE`);
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
        if (choice === undefined || kids.length !== 1)
          bad(`${what} has a malformed distributionPoint`);
        if (choice.tag === 0xa0) distributionPoint = decodeGeneralNamesIn(value, choice, what);
        else if (choice.tag === 0xa1)
          distributionPoint = [
            relativeToFullName(
              issuer,
              Uint8Array.of(0x31, ...value.subarray(choice.start + 1, choice.end)),
            ),
          ];
        else bad(`${what} has a malformed DistributionPointName`);
        break;
      }
      case 0x81:
        flags.user = booleanTrue(value, part, `${what}.onlyContainsUserCerts`);
        break;
      case 0x82:
        flags.ca = booleanTrue(value, part, `${what}.onlyContainsCACerts`);
        break;
      case 0x83:
        reasons = bitsMask(value, part, `${what}.onlySomeReasons`);
        break;
      case 0x84:
        flags.indirect = booleanTrue(value, part, `${what}.indirectCRL`);
        break;
      case 0x85:
        flags.attr = booleanTrue(value, part, `${what}.onlyContainsAttributeCerts`);
        break;
      default:
        bad(`${what} has an unexpected field`);
    }
  }
  // RFC 5280 §5.2.5: at most one of the onlyContains* flags, and never an empty extension.
  if ([flags.user, flags.ca, flags.attr].filter(Boolean).length > 1)
    bad(`${what} asserts more than one onlyContains* flag`);
  if (lastTag === 0) bad(`${what} is empty`);
  return {
    distributionPoint,
    onlyContainsUserCerts: flags.user,
    onlyContainsCACerts: flags.ca,
    onlyContainsAttributeCerts: flags.attr,
    indirectCRL: flags.indirect,
    reasons,
    der: value.slice(),
  };
}

interface RawExtension {
  readonly oid: string;
  readonly critical: boolean;
  readonly value: Uint8Array;
}

/**
 * An extension's OID. The id-ce arcs every CRL and entry carries (`2.5.29.n`, n < 128, encoded
 * `55 1D n`) are read directly; any other goes through the general decoder. Same result, but a
 * CRL's per-entry reasonCode no longer costs a BigInt decode.
 */
function extensionOid(der: Uint8Array, tlv: Tlv, where: string): string {
  const at = tlv.contentStart;
  const arc = der[at + 2] as number;
  if (tlv.end - at === 3 && der[at] === 0x55 && der[at + 1] === 0x1d && arc < 0x80)
    return `2.5.29.${arc}`;
  return decodeOid(der.subarray(at, tlv.end), where);
}

/** Extensions ::= SEQUENCE SIZE (1..MAX) OF Extension, strictly (DER omits a FALSE critical flag). */
function decodeExtensions(der: Uint8Array, seq: Tlv, where: string): RawExtension[] {
  if (seq.tag !== 0x30) bad(`${where} extensions are not a SEQUENCE`);
  const out: RawExtension[] = [];
  const seen = new Set<string>();
  for (const ext of readChildren(der, seq, where)) {
    const parts = ext.tag === 0x30 ? readChildren(der, ext, where) : [];
    const [oidTlv, second, third] = parts;
    if (oidTlv?.tag !== 0x06 || parts.length < 2 || parts.length > 3)
      bad(`${where} has a malformed Extension`);
    const oid = extensionOid(der, oidTlv, where);
    let critical = false;
    let valueTlv = second;
    if (parts.length === 3) {
      if (
        second?.tag !== 0x01 ||
        second.end - second.contentStart !== 1 ||
        der[second.contentStart] !== 0xff
      )
        bad(`${where} extension ${oid} has a critical flag that is not a DER TRUE`);
      critical = true;
      valueTlv = third;
    }
    if (valueTlv?.tag !== 0x04) bad(`${where} extension ${oid} has no OCTET STRING value`);
    if (seen.has(oid)) bad(`${where} repeats extension ${oid}`);
    seen.add(oid);
    out.push({ oid, critical, value: der.subarray(valueTlv.contentStart, valueTlv.end) });
  }
  if (out.length === 0) bad(`${where} has an empty extensions field`);
  return out;
}

/** 2050-01-01T00:00:00Z, from which RFC 5280 Time is a GeneralizedTime. */
const Y2050 = 2_524_608_000;

function timeAt(der: Uint8Array, tlv: Tlv | undefined, what: string): number {
  // RFC 5280 §5.1.2.4: UTCTime through 2049, GeneralizedTime from 2050, seconds and Z required.
  if (tlv === undefined || (tlv.tag !== 0x17 && tlv.tag !== 0x18))
    bad(`${what} is missing or not a Time`);
  const seconds = decodeTime(tlv.tag, der.subarray(tlv.contentStart, tlv.end), what);
  if (tlv.tag === 0x18 && seconds < Y2050)
    bad(`${what} is a GeneralizedTime before 2050 (RFC 5280 §5.1.2.4: UTCTime through 2049)`);
  return seconds;
}

/** A DER INTEGER's contents as lower-case hex, requiring minimal encoding (any sign). */
function integerHex(der: Uint8Array, tlv: Tlv | undefined, what: string): string {
  if (tlv?.tag !== 0x02) bad(`${what} is not an INTEGER`);
  const c = der.subarray(tlv.contentStart, tlv.end);
  if (c.length === 0) bad(`${what} is empty`);
  if (
    c.length > 1 &&
    ((c[0] === 0 && ((c[1] as number) & 0x80) === 0) ||
      (c[0] === 0xff && ((c[1] as number) & 0x80) !== 0))
  )
    bad(`${what} is not minimally encoded`);
  return hexEncode(c);
}

function decodeCrl(der: Uint8Array): Crl {
  // Walked with the strict TLV reader rather than a schema library: a CRL can hold 10^5-10^6
  // entries, beyond what generic ASN.1 object trees handle (asn1js caps its node count).
  const top = readTlv(der, 0, 'CRL');
  if (top.tag !== 0x30) bad('not a SEQUENCE');
  if (top.end !== der.length) bad(`${der.length - top.end} bytes after the end`);
  const outer = readChildren(der, top, 'CRL');
  const [tbsTlv, algTlv, sigTlv] = outer;
  if (outer.length !== 3 || tbsTlv?.tag !== 0x30 || algTlv?.tag !== 0x30 || sigTlv?.tag !== 0x03)
    bad('not { tbsCertList, signatureAlgorithm, signature }');
  if (sigTlv.end === sigTlv.contentStart || der[sigTlv.contentStart] !== 0)
    bad('signature BIT STRING has unused bits (a signature is whole octets)');
  const algParts = readChildren(der, algTlv, 'signatureAlgorithm');
  const [algOid, algParams] = algParts;
  if (algOid?.tag !== 0x06 || algParts.length > 2) bad('malformed signatureAlgorithm');
  const oid = decodeOid(der.subarray(algOid.contentStart, algOid.end), 'signatureAlgorithm');
  const signatureAlgorithm =
    algParams === undefined
      ? { oid }
      : { oid, parameters: der.slice(algParams.start, algParams.end) };

  const t = readChildren(der, tbsTlv, 'tbsCertList');
  let k = 0;
  let v2 = false;
  if (t[k]?.tag === 0x02) {
    const v = t[k] as Tlv;
    if (v.end - v.contentStart !== 1 || der[v.contentStart] !== 1)
      bad('version is not v2 (DER: v1 is expressed by omitting it)');
    v2 = true;
    k++;
  }
  const innerAlg = t[k++];
  if (
    innerAlg?.tag !== 0x30 ||
    !bytesEqual(der.subarray(innerAlg.start, innerAlg.end), der.subarray(algTlv.start, algTlv.end))
  ) {
    bad('tbsCertList.signature differs from signatureAlgorithm');
  }
  const issuerTlv = t[k++];
  if (issuerTlv?.tag !== 0x30) bad('issuer is not a Name');
  // `der` is parseCrl's private copy, so the parts below are views of it rather than copies.
  const issuerDer = der.subarray(issuerTlv.start, issuerTlv.end);
  // Every nested element of the Name in DER form (lengths, no constructed strings); parseName
  // checks its structure and the DER order of multi-valued RDNs.
  assertDer(issuerDer, 'issuer Name');
  const issuer = parseName(issuerDer, 'issuer Name');
  if (issuer.rdns.length === 0) bad('issuer is an empty name');
  const thisUpdate = timeAt(der, t[k++], 'thisUpdate');
  let nextUpdate: number | undefined;
  if (t[k]?.tag === 0x17 || t[k]?.tag === 0x18) nextUpdate = timeAt(der, t[k++], 'nextUpdate');
  let revokedTlv: Tlv | undefined;
  if (t[k]?.tag === 0x30) revokedTlv = t[k++];
  let extensionsTlv: Tlv | undefined;
  if (t[k]?.tag === 0xa0) extensionsTlv = t[k++];
  if (k !== t.length) bad('unexpected field in tbsCertList');

  const unknownCritical: string[] = [];
  let crlNumber: bigint | undefined;
  let crlNumberCritical = false;
  let baseCrlNumber: bigint | undefined;
  let authorityKeyId: Uint8Array | undefined;
  let idp: IssuingDistributionPoint | undefined;
  if (extensionsTlv) {
    if (!v2) bad('extensions present in a v1 CRL');
    const inner = readChildren(der, extensionsTlv, 'crlExtensions');
    if (inner.length !== 1 || inner[0] === undefined)
      bad('crlExtensions is not one Extensions SEQUENCE');
    for (const ext of decodeExtensions(der, inner[0], 'CRL')) {
      const value = ext.value;
      switch (ext.oid) {
        case '2.5.29.20':
          crlNumber = crlNumberOf(value, 'cRLNumber');
          crlNumberCritical = ext.critical;
          break;
        case '2.5.29.27':
          baseCrlNumber = crlNumberOf(value, 'BaseCRLNumber');
          break;
        case '2.5.29.35': {
          const seq = single(value, 0x30, 'authorityKeyIdentifier');
          const first = readChildren(value, seq, 'authorityKeyIdentifier')[0];
          if (first?.tag === 0x80) authorityKeyId = value.slice(first.contentStart, first.end);
          break;
        }
        case '2.5.29.28':
          idp = decodeIdp(value, issuer);
          break;
        default:
          if (ext.critical && !KNOWN_CRL_EXTENSIONS.has(ext.oid)) unknownCritical.push(ext.oid);
      }
    }
  }

  const entries = new Map<string, CrlEntry[]>();
  if (revokedTlv) {
    let entryIssuer: DistinguishedName | undefined = issuer;
    let count = 0;
    let pos = revokedTlv.contentStart;
    const revokedBytes = der.subarray(0, revokedTlv.end);
    while (pos < revokedTlv.end) {
      const item = readTlv(revokedBytes, pos, 'revokedCertificates');
      pos = item.end;
      count++;
      const parts = item.tag === 0x30 ? readChildren(der, item, 'CRL entry') : [];
      if (parts.length < 2 || parts.length > 3)
        bad(`entry ${count} is not { userCertificate, revocationDate, crlEntryExtensions? }`);
      const serialHex = integerHex(der, parts[0], `entry ${count} serial number`);
      const revocationDate = timeAt(der, parts[1], `entry ${count} revocationDate`);
      let reason: RevocationReason = 'unspecified';
      if (parts[2] !== undefined) {
        if (!v2) bad('entry extensions present in a v1 CRL');
        for (const ext of decodeExtensions(der, parts[2], `CRL entry ${count}`)) {
          const value = ext.value;
          if (ext.oid === '2.5.29.21') {
            const tlv = single(value, 0x0a, 'reasonCode');
            const c = value.subarray(tlv.contentStart, tlv.end);
            const name = c.length === 1 ? REASON_CODES[c[0] as number] : undefined;
            if (name === undefined)
              bad(`entry ${count} reasonCode ${hexEncode(c)} is not a defined CRLReason`);
            reason = name;
          } else if (ext.oid === '2.5.29.29') {
            // certificateIssuer applies to this entry and every following one until the next (RFC 5280 §5.3.3).
            const dn = decodeGeneralNames(value.slice(), 'certificateIssuer').find(
              (gn) => gn.type === 'directoryName',
            );
            entryIssuer = dn?.type === 'directoryName' ? dn.value : undefined;
          } else if (ext.critical && !KNOWN_CRL_ENTRY_EXTENSIONS.has(ext.oid)) {
            unknownCritical.push(ext.oid);
          }
        }
      }
      const entry: CrlEntry = { serialHex, revocationDate, reason, certificateIssuer: entryIssuer };
      const same = entries.get(serialHex);
      if (same === undefined) entries.set(serialHex, [entry]);
      else same.push(entry);
    }
    // RFC 5280 §5.1.2.6: with no revoked certificates the list is absent, not empty.
    if (count === 0) bad('revokedCertificates is present but empty');
  }
  return Object.freeze({
    der,
    tbs: der.subarray(tbsTlv.start, tbsTlv.end),
    signatureAlgorithm,
    signature: der.subarray(sigTlv.contentStart + 1, sigTlv.end),
    issuer,
    thisUpdate,
    nextUpdate,
    crlNumber,
    crlNumberCritical,
    baseCrlNumber,
    authorityKeyId,
    issuingDistributionPoint: idp,
    entries,
    unknownCriticalExtensions: Object.freeze([...new Set(unknownCritical)]),
  });
}

/**
 * Parses a DER CRL strictly ([REV-01]): at most {@link MAX_CRL_BYTES}, DER only (definite
 * minimal lengths, minimal INTEGERs, DER booleans and times, field order, no trailing bytes), v2
 * whenever extensions are present, no repeated extension, well-formed extensions it understands.
 * Results are cached by the CRL's bytes. Throws `ERR_CRL_INVALID` or `ERR_INPUT_TOO_LARGE`.
 */
export function parseCrl(der: Uint8Array): Crl {
  if (!(der instanceof Uint8Array)) fail('ERR_INVALID_ARGUMENT', 'parseCrl expects a Uint8Array');
  if (der.length > MAX_CRL_BYTES)
    fail('ERR_INPUT_TOO_LARGE', `CRL of ${der.length} bytes exceeds ${MAX_CRL_BYTES}`, REQ);
  return cache.get(der, () => decodeOwnCopy(der));
}

function decodeOwnCopy(der: Uint8Array): Crl {
  try {
    return decodeCrl(der.slice());
  } catch (error) {
    if (isJitsuinError(error, 'ERR_CRL_INVALID')) throw error;
    return fail(
      'ERR_CRL_INVALID',
      `CRL: ${error instanceof Error ? error.message : String(error)}`,
      REQ,
      error,
    );
  }
}

/** Largest CRL {@link loadCrl} accepts when its caller raises the limit explicitly ([REV-40]). */
export const MAX_LOADED_CRL_BYTES = 256 * 1024 * 1024;

const loaded = new WeakMap<LoadedCrl, Crl>();

/**
 * A CRL parsed once and kept by the caller between refreshes ([REV-40]): pass it in
 * `RevocationOptions.crls` instead of the bytes, and every check costs a lookup of the
 * certificate's serial number in its index — no hash, copy or parse of the CRL per call, whatever
 * its size. Immutable: it holds its own copy of the DER. Its signature is verified at the first
 * check that uses it and remembered for the same signer key. Obtain it from {@link loadCrl}.
 */
export class LoadedCrl {
  /** SHA-256 of the DER, lower-case hex: the CRL's identity in cache keys. */
  readonly sha256: string;
  /** Size of the DER in bytes. */
  readonly byteLength: number;
  /** Number of entries (revoked certificates) listed. */
  readonly entryCount: number;
  /** The CRL issuer, in the text form of `DistinguishedName.text`. */
  readonly issuer: string;
  /** cRLNumber in decimal, when present. */
  readonly crlNumber: string | undefined;
  /** thisUpdate and nextUpdate, seconds since the epoch (nextUpdate undefined when absent). */
  readonly thisUpdate: number;
  readonly nextUpdate: number | undefined;
  /** True for a delta CRL. */
  readonly delta: boolean;

  private constructor(crl: Crl, sha: string, entryCount: number) {
    this.sha256 = sha;
    this.byteLength = crl.der.length;
    this.entryCount = entryCount;
    this.issuer = crl.issuer.text;
    this.crlNumber = crl.crlNumber?.toString();
    this.thisUpdate = crl.thisUpdate;
    this.nextUpdate = crl.nextUpdate;
    this.delta = crl.baseCrlNumber !== undefined;
    Object.freeze(this);
  }

  /** @internal */
  static of(crl: Crl, sha: string, entryCount: number): LoadedCrl {
    const handle = new LoadedCrl(crl, sha, entryCount);
    loaded.set(handle, crl);
    return handle;
  }
}

/**
 * Parses and indexes a CRL once ([REV-40]), with the strictness of {@link parseCrl}. The limit is
 * {@link MAX_CRL_BYTES} unless `options.maxBytes` raises it (at most {@link MAX_LOADED_CRL_BYTES}):
 * a caller that loads a CRL once per refresh can afford a larger one than a per-call input.
 * Throws `ERR_CRL_INVALID`, `ERR_INPUT_TOO_LARGE`, or `ERR_INVALID_ARGUMENT`.
 */
export function loadCrl(der: Uint8Array, options: { readonly maxBytes?: number } = {}): LoadedCrl {
  if (!(der instanceof Uint8Array))
    fail('ERR_INVALID_ARGUMENT', 'loadCrl expects a Uint8Array', 'REV-40');
  if (options === null || typeof options !== 'object')
    fail('ERR_INVALID_ARGUMENT', 'loadCrl: options must be an object', 'REV-40');
  const max = options.maxBytes ?? MAX_CRL_BYTES;
  if (!Number.isSafeInteger(max) || max < 1 || max > MAX_LOADED_CRL_BYTES)
    fail('ERR_INVALID_ARGUMENT', `loadCrl: maxBytes must be 1..${MAX_LOADED_CRL_BYTES}`, 'REV-40');
  if (der.length > max)
    fail('ERR_INPUT_TOO_LARGE', `CRL of ${der.length} bytes exceeds ${max}`, REQ);
  const crl = decodeOwnCopy(der);
  let entryCount = 0;
  for (const list of crl.entries.values()) entryCount += list.length;
  return LoadedCrl.of(crl, hexEncode(sha256(crl.der)), entryCount);
}

/** The parsed CRL behind a handle from {@link loadCrl}; undefined for anything else. @internal */
export function loadedCrl(handle: unknown): Crl | undefined {
  return typeof handle === 'object' && handle !== null
    ? loaded.get(handle as LoadedCrl)
    : undefined;
}
