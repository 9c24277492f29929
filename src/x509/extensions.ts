/**
 * Decoding of the certificate extensions the profile interprets (RFC 5280 §4.2 and the jitsuin
 * extensions of `spec/asn1/Jitsuin.asn`). Every decoder is strict: a malformed value, a value that
 * is not DER, or trailing bytes raise ERR_CERT_MALFORMED.
 * @module
 */
import { fail } from '../internal/fail.js';
import { bytesEqual } from '../encoding/bytes.js';
import { hexEncode } from '../encoding/hex.js';
import { utf8Decode } from '../encoding/utf8.js';
import {
  contentsOf,
  decodeBoolean,
  decodeSmallInteger,
  integerContents,
  readChildren,
  readTlv,
  type Tlv,
} from './der.js';
import {
  decodeGeneralName,
  decodeGeneralNames,
  decodeGeneralNamesIn,
  type GeneralName,
} from './general-name.js';
import { decodeOid } from './oid.js';
import { constraintNameProblem, sanNameProblem } from './name-syntax.js';
import { JITSUIN_OID, PKIX_OID } from './oids.js';
import { bytesArgument } from '../internal/args.js';

/** One extension as it appears in the certificate. */
export interface Extension {
  /** Extension OID (`extnID`). */
  readonly oid: string;
  /** The `critical` flag (DER omits FALSE; absent means non-critical). */
  readonly critical: boolean;
  /** The contents of `extnValue` (the DER of the extension's own type). */
  readonly value: Uint8Array;
}

/** Names of the keyUsage bits, indexed by bit number (RFC 5280 §4.2.1.3). */
export const KEY_USAGE_BITS = [
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
  'encipherOnly',
  'decipherOnly',
] as const;

/** A keyUsage bit name. `nonRepudiation` is X.509's `contentCommitment`. */
export type KeyUsage = (typeof KEY_USAGE_BITS)[number];

/** basicConstraints (RFC 5280 §4.2.1.9). */
export interface BasicConstraints {
  readonly ca: boolean;
  /** Present only when the certificate carries it. */
  readonly pathLenConstraint?: number;
}

/** authorityKeyIdentifier (RFC 5280 §4.2.1.1). */
export interface AuthorityKeyIdentifier {
  readonly keyIdentifier?: Uint8Array;
  readonly authorityCertIssuer?: readonly GeneralName[];
  /** Lower-case hex of the serial number's DER INTEGER contents. */
  readonly authorityCertSerialNumber?: string;
}

/** One entry of certificatePolicies; qualifiers are kept only as their OIDs. */
export interface PolicyInformation {
  readonly policyIdentifier: string;
  readonly qualifierIds: readonly string[];
}

/** policyConstraints (RFC 5280 §4.2.1.11). */
export interface PolicyConstraints {
  readonly requireExplicitPolicy?: number;
  readonly inhibitPolicyMapping?: number;
}

/** One policyMappings entry (RFC 5280 §4.2.1.5). */
export interface PolicyMapping {
  readonly issuerDomainPolicy: string;
  readonly subjectDomainPolicy: string;
}

/** nameConstraints (RFC 5280 §4.2.1.10); minimum is always 0 and maximum absent, as the RFC requires. */
export interface NameConstraints {
  readonly permitted?: readonly GeneralName[];
  readonly excluded?: readonly GeneralName[];
}

/** A CRL reason flag name (RFC 5280 §4.2.1.13). */
export type ReasonFlag =
  | 'unused'
  | 'keyCompromise'
  | 'cACompromise'
  | 'affiliationChanged'
  | 'superseded'
  | 'cessationOfOperation'
  | 'certificateHold'
  | 'privilegeWithdrawn'
  | 'aACompromise';

/** ReasonFlags names by bit position (RFC 5280 §4.2.1.13). @internal */
export const REASON_FLAGS: readonly ReasonFlag[] = [
  'unused',
  'keyCompromise',
  'cACompromise',
  'affiliationChanged',
  'superseded',
  'cessationOfOperation',
  'certificateHold',
  'privilegeWithdrawn',
  'aACompromise',
];

/** One cRLDistributionPoints / freshestCRL entry (RFC 5280 §4.2.1.13). */
export interface DistributionPoint {
  readonly fullName?: readonly GeneralName[];
  /** DER of the RelativeDistinguishedName (a SET), when the name is relative to the CRL issuer. */
  readonly nameRelativeToCRLIssuer?: Uint8Array;
  readonly reasons?: readonly ReasonFlag[];
  readonly cRLIssuer?: readonly GeneralName[];
}

/** One authorityInfoAccess entry. */
export interface AccessDescription {
  readonly accessMethod: string;
  readonly accessLocation: GeneralName;
}

/** The app-binding extension: the relying party and the app the certified key is bound to. */
export interface AppBinding {
  /** Relying-party identifier (e.g. `login.example.jp`). */
  readonly rpId: string;
  /** App identifier (e.g. iOS `TEAMID.bundle.id`, Android `package:sha256-of-signing-cert`). */
  readonly appId: string;
}

/** How the certified private key is protected (the key-protection extension). */
export type KeyProtection = 'software' | 'tee' | 'strongbox' | 'secure-enclave';

/** Values of KeyProtection in ENUMERATED order. */
export const KEY_PROTECTION_VALUES: readonly KeyProtection[] = [
  'software',
  'tee',
  'strongbox',
  'secure-enclave',
];

/** Every interpreted extension, decoded. Absent members mean the extension is absent. */
export interface DecodedExtensions {
  keyUsage?: ReadonlySet<KeyUsage>;
  extKeyUsage?: readonly string[];
  basicConstraints?: BasicConstraints;
  subjectKeyId?: Uint8Array;
  authorityKeyId?: AuthorityKeyIdentifier;
  subjectAltName?: readonly GeneralName[];
  issuerAltName?: readonly GeneralName[];
  certificatePolicies?: readonly PolicyInformation[];
  policyMappings?: readonly PolicyMapping[];
  policyConstraints?: PolicyConstraints;
  inhibitAnyPolicy?: number;
  nameConstraints?: NameConstraints;
  crlDistributionPoints?: readonly DistributionPoint[];
  freshestCrl?: readonly DistributionPoint[];
  authorityInfoAccess?: readonly AccessDescription[];
  ocspNoCheck?: boolean;
  commonCode?: Uint8Array;
  appBinding?: AppBinding;
  keyProtection?: KeyProtection;
}

/** Reads the single top-level TLV that must fill `value`. */
function single(value: Uint8Array, tag: number, what: string): Tlv {
  const tlv = readTlv(value, 0, what);
  if (tlv.tag !== tag)
    fail('ERR_CERT_MALFORMED', `${what}: unexpected tag 0x${tlv.tag.toString(16)}`);
  if (tlv.end !== value.length) fail('ERR_CERT_MALFORMED', `${what}: trailing bytes`);
  return tlv;
}

/** Decodes a DER BIT STRING of named bits into the set bit indexes (DER: trailing zero bits trimmed). */
function namedBits(bytes: Uint8Array, tlv: Tlv, what: string): number[] {
  const c = bytes.subarray(tlv.contentStart, tlv.end);
  const unused = c[0];
  if (unused === undefined || unused > 7 || (c.length === 1 && unused !== 0))
    fail('ERR_CERT_MALFORMED', `${what}: malformed BIT STRING`);
  const last = c[c.length - 1] as number;
  if (c.length > 1 && (last & ((1 << unused) - 1)) !== 0)
    fail('ERR_CERT_MALFORMED', `${what}: unused bits not zero`);
  const bits: number[] = [];
  for (let i = 1; i < c.length; i++) {
    for (let j = 0; j < 8; j++) if (((c[i] as number) >> (7 - j)) & 1) bits.push((i - 1) * 8 + j);
  }
  return bits;
}

function oidList(value: Uint8Array, what: string): string[] {
  const seq = single(value, 0x30, what);
  const out = readChildren(value, seq, what).map((t) => {
    if (t.tag !== 0x06) fail('ERR_CERT_MALFORMED', `${what}: element is not an OID`);
    return decodeOid(contentsOf(value, t), what);
  });
  if (out.length === 0) fail('ERR_CERT_MALFORMED', `${what}: empty`);
  return out;
}

function decodeBasicConstraints(value: Uint8Array): BasicConstraints {
  const what = 'basicConstraints';
  const parts = readChildren(value, single(value, 0x30, what), what);
  let i = 0;
  let ca = false;
  const first = parts[0];
  if (first !== undefined && first.tag === 0x01) {
    ca = decodeBoolean(value, first, what);
    // DER: a DEFAULT FALSE value is omitted, never encoded.
    if (!ca) fail('ERR_CERT_MALFORMED', `${what}: cA FALSE encoded explicitly (not DER)`);
    i = 1;
  }
  const pl = parts[i];
  if (parts.length > i + 1) fail('ERR_CERT_MALFORMED', `${what}: extra fields`);
  return pl === undefined ? { ca } : { ca, pathLenConstraint: decodeSmallInteger(value, pl, what) };
}

function decodeAuthorityKeyId(value: Uint8Array): AuthorityKeyIdentifier {
  const what = 'authorityKeyIdentifier';
  const r: {
    keyIdentifier?: Uint8Array;
    authorityCertIssuer?: GeneralName[];
    authorityCertSerialNumber?: string;
  } = {};
  let lastTag = 0;
  for (const t of readChildren(value, single(value, 0x30, what), what)) {
    if ((t.tag & 0x1f) < lastTag) fail('ERR_CERT_MALFORMED', `${what}: fields out of order`);
    lastTag = (t.tag & 0x1f) + 1;
    if (t.tag === 0x80) r.keyIdentifier = contentsOf(value, t).slice();
    else if (t.tag === 0xa1) r.authorityCertIssuer = decodeGeneralNamesIn(value, t, what);
    else if (t.tag === 0x82)
      r.authorityCertSerialNumber = hexEncode(integerContents(value, t, what));
    else fail('ERR_CERT_MALFORMED', `${what}: unexpected field`);
  }
  // RFC 5280 §4.2.1.1: issuer and serial number appear together or not at all.
  if ((r.authorityCertIssuer === undefined) !== (r.authorityCertSerialNumber === undefined))
    fail('ERR_CERT_MALFORMED', `${what}: authorityCertIssuer without serial (or vice versa)`);
  return r;
}

function decodeCertificatePolicies(value: Uint8Array): PolicyInformation[] {
  const what = 'certificatePolicies';
  const ids = new Set<string>();
  const out = readChildren(value, single(value, 0x30, what), what).map((pi) => {
    const parts = pi.tag === 0x30 ? readChildren(value, pi, what) : [];
    const [idTlv, qualifiers] = parts;
    if (idTlv === undefined || idTlv.tag !== 0x06 || parts.length > 2)
      fail('ERR_CERT_MALFORMED', `${what}: malformed PolicyInformation`);
    const policyIdentifier = decodeOid(contentsOf(value, idTlv), what);
    // RFC 5280 §4.2.1.4: a policy OID MUST NOT appear more than once.
    if (ids.has(policyIdentifier))
      fail('ERR_CERT_MALFORMED', `${what}: ${policyIdentifier} appears twice`);
    ids.add(policyIdentifier);
    const qualifierIds: string[] = [];
    if (qualifiers !== undefined) {
      if (qualifiers.tag !== 0x30)
        fail('ERR_CERT_MALFORMED', `${what}: malformed policyQualifiers`);
      for (const q of readChildren(value, qualifiers, what)) {
        const qp = q.tag === 0x30 ? readChildren(value, q, what) : [];
        const qid = qp[0];
        if (qid === undefined || qid.tag !== 0x06 || qp.length > 2)
          fail('ERR_CERT_MALFORMED', `${what}: malformed PolicyQualifierInfo`);
        qualifierIds.push(decodeOid(contentsOf(value, qid), what));
      }
      if (qualifierIds.length === 0) fail('ERR_CERT_MALFORMED', `${what}: empty policyQualifiers`);
    }
    return { policyIdentifier, qualifierIds };
  });
  if (out.length === 0) fail('ERR_CERT_MALFORMED', `${what}: empty`);
  return out;
}

function decodePolicyMappings(value: Uint8Array): PolicyMapping[] {
  const what = 'policyMappings';
  const out = readChildren(value, single(value, 0x30, what), what).map((m) => {
    const parts = m.tag === 0x30 ? readChildren(value, m, what) : [];
    const [a, b] = parts;
    if (
      parts.length !== 2 ||
      a === undefined ||
      b === undefined ||
      a.tag !== 0x06 ||
      b.tag !== 0x06
    )
      fail('ERR_CERT_MALFORMED', `${what}: malformed mapping`);
    return {
      issuerDomainPolicy: decodeOid(contentsOf(value, a), what),
      subjectDomainPolicy: decodeOid(contentsOf(value, b), what),
    };
  });
  if (out.length === 0) fail('ERR_CERT_MALFORMED', `${what}: empty`);
  return out;
}

function decodePolicyConstraints(value: Uint8Array): PolicyConstraints {
  const what = 'policyConstraints';
  const r: { requireExplicitPolicy?: number; inhibitPolicyMapping?: number } = {};
  let lastTag = 0;
  for (const t of readChildren(value, single(value, 0x30, what), what)) {
    if ((t.tag & 0x1f) < lastTag) fail('ERR_CERT_MALFORMED', `${what}: fields out of order`);
    lastTag = (t.tag & 0x1f) + 1;
    if (t.tag === 0x80) r.requireExplicitPolicy = decodeSmallInteger(value, t, what, 0x80);
    else if (t.tag === 0x81) r.inhibitPolicyMapping = decodeSmallInteger(value, t, what, 0x81);
    else fail('ERR_CERT_MALFORMED', `${what}: unexpected field`);
  }
  // RFC 5280 §4.2.1.11: conforming CAs MUST NOT issue an empty policyConstraints.
  if (r.requireExplicitPolicy === undefined && r.inhibitPolicyMapping === undefined)
    fail('ERR_CERT_MALFORMED', `${what}: empty`);
  return r;
}

function decodeKeyUsage(value: Uint8Array): Set<KeyUsage> {
  const what = 'keyUsage';
  const bits = namedBits(value, single(value, 0x03, what), what);
  if (bits.length === 0) fail('ERR_CERT_MALFORMED', `${what}: no bit set`);
  const out = new Set<KeyUsage>();
  for (const b of bits) {
    const n = KEY_USAGE_BITS[b];
    if (n === undefined) fail('ERR_CERT_MALFORMED', `${what}: undefined bit ${b}`);
    out.add(n);
  }
  return out;
}

function decodeSubtrees(bytes: Uint8Array, tlv: Tlv, what: string): GeneralName[] {
  const out: GeneralName[] = [];
  for (const subtree of readChildren(bytes, tlv, what)) {
    if (subtree.tag !== 0x30)
      fail('ERR_CERT_MALFORMED', `${what}: GeneralSubtree is not a SEQUENCE`);
    const parts = readChildren(bytes, subtree, what);
    const base = parts[0];
    if (base === undefined) fail('ERR_CERT_MALFORMED', `${what}: empty GeneralSubtree`);
    // RFC 5280: minimum MUST be zero (so DER omits it) and maximum MUST be absent.
    if (parts.length !== 1)
      fail('ERR_CERT_MALFORMED', `${what}: GeneralSubtree with minimum/maximum`);
    const name = decodeGeneralName(bytes, base, what);
    const problem = constraintNameProblem(name);
    if (problem !== undefined) fail('ERR_CERT_MALFORMED', `${what}: ${problem}`);
    out.push(name);
  }
  if (out.length === 0) fail('ERR_CERT_MALFORMED', `${what}: empty GeneralSubtrees`);
  return out;
}

function decodeNameConstraints(value: Uint8Array): NameConstraints {
  const what = 'nameConstraints';
  const seq = single(value, 0x30, what);
  const out: { permitted?: GeneralName[]; excluded?: GeneralName[] } = {};
  let lastTag = 0;
  for (const part of readChildren(value, seq, what)) {
    if ((part.tag & 0x1f) < lastTag) fail('ERR_CERT_MALFORMED', `${what}: fields out of order`);
    lastTag = (part.tag & 0x1f) + 1;
    if (part.tag === 0xa0) out.permitted = decodeSubtrees(value, part, what);
    else if (part.tag === 0xa1) out.excluded = decodeSubtrees(value, part, what);
    else fail('ERR_CERT_MALFORMED', `${what}: unexpected field`);
  }
  // RFC 5280: conforming CAs MUST NOT issue an empty nameConstraints.
  if (out.permitted === undefined && out.excluded === undefined)
    fail('ERR_CERT_MALFORMED', `${what}: empty`);
  return out;
}

function decodeDistributionPoints(value: Uint8Array, what: string): DistributionPoint[] {
  const seq = single(value, 0x30, what);
  const out: DistributionPoint[] = [];
  for (const dpTlv of readChildren(value, seq, what)) {
    if (dpTlv.tag !== 0x30)
      fail('ERR_CERT_MALFORMED', `${what}: DistributionPoint is not a SEQUENCE`);
    const dp: {
      fullName?: GeneralName[];
      nameRelativeToCRLIssuer?: Uint8Array;
      reasons?: ReasonFlag[];
      cRLIssuer?: GeneralName[];
    } = {};
    let lastTag = 0;
    for (const part of readChildren(value, dpTlv, what)) {
      if ((part.tag & 0x1f) < lastTag) fail('ERR_CERT_MALFORMED', `${what}: fields out of order`);
      lastTag = (part.tag & 0x1f) + 1;
      if (part.tag === 0xa0) {
        const kids = readChildren(value, part, what);
        const choice = kids[0];
        if (choice === undefined || kids.length !== 1)
          fail('ERR_CERT_MALFORMED', `${what}: malformed distributionPoint`);
        if (choice.tag === 0xa0) dp.fullName = decodeGeneralNamesIn(value, choice, what);
        else if (choice.tag === 0xa1)
          dp.nameRelativeToCRLIssuer = Uint8Array.of(
            0x31,
            ...value.subarray(choice.start + 1, choice.end),
          );
        else fail('ERR_CERT_MALFORMED', `${what}: malformed DistributionPointName`);
      } else if (part.tag === 0x81) {
        dp.reasons = namedBits(value, part, what).map(
          (b) =>
            REASON_FLAGS[b] ?? fail('ERR_CERT_MALFORMED', `${what}: undefined reason bit ${b}`),
        );
      } else if (part.tag === 0xa2) {
        dp.cRLIssuer = decodeGeneralNamesIn(value, part, what);
      } else fail('ERR_CERT_MALFORMED', `${what}: unexpected field`);
    }
    if (
      dp.fullName === undefined &&
      dp.nameRelativeToCRLIssuer === undefined &&
      dp.cRLIssuer === undefined
    ) {
      fail('ERR_CERT_MALFORMED', `${what}: DistributionPoint with neither name nor cRLIssuer`);
    }
    out.push(dp);
  }
  if (out.length === 0) fail('ERR_CERT_MALFORMED', `${what}: empty`);
  return out;
}

function decodeAuthorityInfoAccess(value: Uint8Array): AccessDescription[] {
  const what = 'authorityInfoAccess';
  const seq = single(value, 0x30, what);
  return readChildren(value, seq, what).map((ad) => {
    const parts = ad.tag === 0x30 ? readChildren(value, ad, what) : [];
    const [method, location] = parts;
    if (parts.length !== 2 || method === undefined || location === undefined || method.tag !== 0x06)
      fail('ERR_CERT_MALFORMED', `${what}: malformed AccessDescription`);
    return {
      accessMethod: decodeOid(value.subarray(method.contentStart, method.end), what),
      accessLocation: decodeGeneralName(value, location, what),
    };
  });
}

/** The exact DER prefix of a CommonCode value: SEQUENCE(21) { INTEGER 1, OCTET STRING(16) }. */
const COMMON_CODE_PREFIX = Uint8Array.of(0x30, 0x15, 0x02, 0x01, 0x01, 0x04, 0x10);

/** Decodes the common-code extension value; the only accepted encoding is version 1 with 16 bytes. */
export function decodeCommonCode(value: Uint8Array): Uint8Array {
  bytesArgument(value, 'decodeCommonCode: value');
  if (value.length !== 23 || !bytesEqual(value.subarray(0, 7), COMMON_CODE_PREFIX)) {
    fail(
      'ERR_CERT_MALFORMED',
      'commonCode: not CommonCode { version 1, code OCTET STRING (SIZE(16)) } in DER',
    );
  }
  return value.slice(7);
}

function decodeAppBinding(value: Uint8Array): AppBinding {
  const what = 'appBinding';
  const seq = single(value, 0x30, what);
  const parts = readChildren(value, seq, what);
  const [version, rp, app] = parts;
  if (parts.length !== 3 || version === undefined || rp === undefined || app === undefined)
    fail('ERR_CERT_MALFORMED', `${what}: expected { version, rpId, appId }`);
  if (decodeSmallInteger(value, version, what) !== 1)
    fail('ERR_CERT_MALFORMED', `${what}: version is not 1`);
  const text = (t: Tlv, field: string): string => {
    if (t.tag !== 0x0c) fail('ERR_CERT_MALFORMED', `${what}: ${field} is not a UTF8String`);
    const s = utf8Decode(value.subarray(t.contentStart, t.end), `${what}.${field}`);
    if (s.length === 0 || s.length > 255)
      fail('ERR_CERT_MALFORMED', `${what}: ${field} length out of range`);
    return s;
  };
  return { rpId: text(rp, 'rpId'), appId: text(app, 'appId') };
}

function decodeKeyProtection(value: Uint8Array): KeyProtection {
  const what = 'keyProtection';
  const tlv = single(value, 0x0a, what);
  const n = decodeSmallInteger(value, tlv, what, 0x0a);
  return KEY_PROTECTION_VALUES[n] ?? fail('ERR_CERT_MALFORMED', `${what}: unknown value ${n}`);
}

/** Decodes every interpreted extension. Unknown extensions are left to the path validator. @internal */
export function decodeExtensions(extensions: readonly Extension[]): DecodedExtensions {
  const out: DecodedExtensions = {};
  const seen = new Set<string>();
  for (const ext of extensions) {
    // RFC 5280 §4.2: a certificate MUST NOT include more than one instance of an extension.
    if (seen.has(ext.oid)) fail('ERR_CERT_MALFORMED', `extension ${ext.oid} appears twice`);
    seen.add(ext.oid);
    const v = ext.value;
    switch (ext.oid) {
      case PKIX_OID.keyUsage:
        out.keyUsage = decodeKeyUsage(v);
        break;
      case PKIX_OID.extKeyUsage:
        out.extKeyUsage = oidList(v, 'extKeyUsage');
        break;
      case PKIX_OID.basicConstraints:
        out.basicConstraints = decodeBasicConstraints(v);
        break;
      case PKIX_OID.subjectKeyIdentifier:
        out.subjectKeyId = contentsOf(v, single(v, 0x04, 'subjectKeyIdentifier')).slice();
        break;
      case PKIX_OID.authorityKeyIdentifier:
        out.authorityKeyId = decodeAuthorityKeyId(v);
        break;
      case PKIX_OID.subjectAltName: {
        const names = decodeGeneralNames(v, 'subjectAltName');
        for (const n of names) {
          const problem = sanNameProblem(n);
          if (problem !== undefined) fail('ERR_CERT_MALFORMED', `subjectAltName: ${problem}`);
        }
        out.subjectAltName = names;
        break;
      }
      case PKIX_OID.issuerAltName:
        out.issuerAltName = decodeGeneralNames(v, 'issuerAltName');
        break;
      case PKIX_OID.certificatePolicies:
        out.certificatePolicies = decodeCertificatePolicies(v);
        break;
      case PKIX_OID.policyMappings:
        out.policyMappings = decodePolicyMappings(v);
        break;
      case PKIX_OID.policyConstraints:
        out.policyConstraints = decodePolicyConstraints(v);
        break;
      case PKIX_OID.inhibitAnyPolicy:
        out.inhibitAnyPolicy = decodeSmallInteger(
          v,
          single(v, 0x02, 'inhibitAnyPolicy'),
          'inhibitAnyPolicy',
        );
        break;
      case PKIX_OID.nameConstraints:
        out.nameConstraints = decodeNameConstraints(v);
        break;
      case PKIX_OID.crlDistributionPoints:
        out.crlDistributionPoints = decodeDistributionPoints(v, 'cRLDistributionPoints');
        break;
      case PKIX_OID.freshestCrl:
        out.freshestCrl = decodeDistributionPoints(v, 'freshestCRL');
        break;
      case PKIX_OID.authorityInfoAccess:
        out.authorityInfoAccess = decodeAuthorityInfoAccess(v);
        break;
      case PKIX_OID.ocspNoCheck:
        if (v.length !== 2 || v[0] !== 0x05 || v[1] !== 0x00)
          fail('ERR_CERT_MALFORMED', 'ocspNoCheck: value is not NULL');
        out.ocspNoCheck = true;
        break;
      case JITSUIN_OID.commonCode:
        out.commonCode = decodeCommonCode(v);
        break;
      case JITSUIN_OID.appBinding:
        out.appBinding = decodeAppBinding(v);
        break;
      case JITSUIN_OID.keyProtection:
        out.keyProtection = decodeKeyProtection(v);
        break;
      default:
        break;
    }
  }
  return out;
}

/** OIDs of the extensions {@link decodeExtensions} interprets (the set a validator "understands"). */
export const UNDERSTOOD_EXTENSIONS: ReadonlySet<string> = new Set<string>([
  PKIX_OID.keyUsage,
  PKIX_OID.extKeyUsage,
  PKIX_OID.basicConstraints,
  PKIX_OID.subjectKeyIdentifier,
  PKIX_OID.authorityKeyIdentifier,
  PKIX_OID.subjectAltName,
  PKIX_OID.issuerAltName,
  PKIX_OID.certificatePolicies,
  PKIX_OID.policyMappings,
  PKIX_OID.policyConstraints,
  PKIX_OID.inhibitAnyPolicy,
  PKIX_OID.nameConstraints,
  PKIX_OID.crlDistributionPoints,
  PKIX_OID.freshestCrl,
  PKIX_OID.authorityInfoAccess,
  PKIX_OID.ocspNoCheck,
  JITSUIN_OID.commonCode,
  JITSUIN_OID.appBinding,
  JITSUIN_OID.keyProtection,
]);
