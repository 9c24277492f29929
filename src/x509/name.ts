/**
 * Distinguished names: a builder with UTF8String values (Japanese included), strict DER decoding,
 * a printable form for logs, and the normalised comparison key RFC 5280 §7.1 asks for when
 * chaining names.
 * @module
 */
import { isJitsuinError } from '../errors.js';
import { fail } from '../internal/fail.js';
import { concatBytes } from '../encoding/bytes.js';
import { hexEncode } from '../encoding/hex.js';
import { utf8Decode, utf8Encode } from '../encoding/utf8.js';
import { compareBytes, contentsOf, encodeTlv, readChildren, readSingle, type Tlv } from './der.js';
import { decodeOid, encodeOid } from './oid.js';
import { ATTRIBUTE_SHORT_NAMES } from './oids.js';
import { arrayArgument, objectArgument } from '../internal/args.js';

/** One attribute of a distinguished name as read from a certificate. */
export interface NameAttribute {
  /** Attribute type OID, e.g. `2.5.4.3`. */
  readonly type: string;
  /** Short name when known (`CN`, `O`, `C`, ...), else the OID. */
  readonly shortName: string;
  /** The value as text; values that are not strings are shown as `#` + hex of their DER. */
  readonly value: string;
  /** The ASN.1 string type the value was encoded with (`utf8String`, `printableString`, ...), or `other`. */
  readonly stringType: string;
}

/** A distinguished name: its exact DER bytes, its attributes and a printable form. */
export interface DistinguishedName {
  /** The exact DER encoding of the Name as it appears in the certificate. */
  readonly der: Uint8Array;
  /** Relative distinguished names in encoding order, each a set of attributes. */
  readonly rdns: readonly (readonly NameAttribute[])[];
  /** Printable form in encoding order, e.g. `C=JP, O=Example, CN=山田太郎` (for logs and errors). */
  readonly text: string;
  /** Normalised comparison key (RFC 5280 §7.1, RFC 4518 simplified). @internal */
  readonly key: string;
  /** Normalised comparison key of each RDN, in order (for directoryName constraints). @internal */
  readonly rdnKeys: readonly string[];
}

const SHORT_TO_OID: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(ATTRIBUTE_SHORT_NAMES).map(([oid, short]) => [short, oid]),
);

/** Attribute types whose syntax is PrintableString (RFC 5280 Appendix A). */
const PRINTABLE_TYPES = new Set(['2.5.4.6', '2.5.4.5', '2.5.4.46']);

/**
 * Builds the DER of a distinguished name from `[type, value]` pairs, one RDN each, in order
 * (`name([['C','JP'],['O','Example'],['CN','山田太郎']])`). Types are short names (`C`, `O`,
 * `OU`, `CN`, `serialNumber`, ...) or dotted OIDs. Values are UTF8String, except countryName,
 * serialNumber and dnQualifier which RFC 5280 makes PrintableString.
 */
export function name(attributes: readonly (readonly [string, string])[]): Uint8Array {
  arrayArgument(attributes, 'name: attributes');
  const rdns = attributes.map(([type, value]) => {
    const oid = SHORT_TO_OID[type] ?? (/^\d+(\.\d+)+$/.test(type) ? type : undefined);
    if (oid === undefined) fail('ERR_INVALID_ARGUMENT', `name(): unknown attribute type "${type}"`);
    if (typeof value !== 'string' || value.length === 0)
      fail('ERR_INVALID_ARGUMENT', `name(): empty value for ${type}`);
    let encoded: Uint8Array;
    if (PRINTABLE_TYPES.has(oid)) {
      if (!/^[A-Za-z0-9 '()+,\-./:=?]+$/.test(value))
        fail('ERR_INVALID_ARGUMENT', `name(): ${type} must be a PrintableString`);
      encoded = encodeTlv(0x13, utf8Encode(value));
    } else {
      encoded = encodeTlv(0x0c, utf8Encode(value));
    }
    return encodeTlv(0x31, encodeTlv(0x30, concatBytes(encodeOid(oid), encoded)));
  });
  return encodeTlv(0x30, concatBytes(...rdns));
}

/** RFC 4514 escaping of one attribute value for the printable form. */
function escapeValue(value: string): string {
  return value.replace(/[,+"\\<>;=]/g, (c) => `\\${c}`).replace(/^[ #]|[ ]$/g, (c) => `\\${c}`);
}

function ascii(c: Uint8Array, what: string): string {
  let s = '';
  for (const b of c) {
    if (b > 0x7f) fail('ERR_CERT_MALFORMED', `${what}: non-ASCII byte in an ASCII string type`);
    s += String.fromCharCode(b);
  }
  return s;
}

/** Decodes a directory string value; returns undefined for non-string values. */
function decodeString(c: Uint8Array, tag: number, what: string): [string, string] | undefined {
  switch (tag) {
    case 0x0c:
      return ['utf8String', utf8Decode(c, what)];
    case 0x13:
      return ['printableString', ascii(c, what)];
    case 0x16:
      return ['ia5String', ascii(c, what)];
    case 0x12:
      return ['numericString', ascii(c, what)];
    case 0x1a:
      return ['visibleString', ascii(c, what)];
    case 0x14:
      return ['teletexString', Array.from(c, (b) => String.fromCharCode(b)).join('')];
    case 0x1e: {
      if (c.length % 2 !== 0) fail('ERR_CERT_MALFORMED', `${what}: odd-length BMPString`);
      let s = '';
      for (let i = 0; i < c.length; i += 2)
        s += String.fromCharCode(((c[i] as number) << 8) | (c[i + 1] as number));
      return ['bmpString', s];
    }
    case 0x1c: {
      if (c.length % 4 !== 0) fail('ERR_CERT_MALFORMED', `${what}: bad UniversalString length`);
      let s = '';
      for (let i = 0; i < c.length; i += 4) {
        const cp =
          (((c[i] as number) << 24) |
            ((c[i + 1] as number) << 16) |
            ((c[i + 2] as number) << 8) |
            (c[i + 3] as number)) >>>
          0;
        if (cp > 0x10ffff) fail('ERR_CERT_MALFORMED', `${what}: bad UniversalString code point`);
        s += String.fromCodePoint(cp);
      }
      return ['universalString', s];
    }
    default:
      return undefined;
  }
}

/**
 * Normalised form of a string value for name comparison: RFC 4518 insignificant-space handling
 * and case folding (simplified: Unicode NFKC, lower case, runs of white space collapsed, trimmed).
 */
function normaliseValue(value: string): string {
  return value.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

function decodeAttribute(bytes: Uint8Array, tlv: Tlv, what: string): [NameAttribute, string] {
  if (tlv.tag !== 0x30)
    fail('ERR_CERT_MALFORMED', `${what}: AttributeTypeAndValue is not a SEQUENCE`);
  const parts = readChildren(bytes, tlv, what);
  const [typeTlv, valueTlv] = parts;
  if (parts.length !== 2 || typeTlv === undefined || valueTlv === undefined || typeTlv.tag !== 0x06)
    fail('ERR_CERT_MALFORMED', `${what}: malformed AttributeTypeAndValue`);
  const type = decodeOid(contentsOf(bytes, typeTlv), what);
  const decoded = decodeString(contentsOf(bytes, valueTlv), valueTlv.tag, what);
  const [stringType, value] = decoded ?? [
    'other',
    `#${hexEncode(bytes.subarray(valueTlv.start, valueTlv.end))}`,
  ];
  // Strings compare after normalisation; other values compare exactly by their DER.
  const key = `${type}=${decoded === undefined ? value : JSON.stringify(normaliseValue(value))}`;
  return [{ type, shortName: ATTRIBUTE_SHORT_NAMES[type] ?? type, value, stringType }, key];
}

/** Parses DER Name bytes (exactly one RDNSequence) into a {@link DistinguishedName}. @internal */
export function parseName(der: Uint8Array, what = 'name'): DistinguishedName {
  try {
    const top = readSingle(der, 0x30, what);
    const rdns: NameAttribute[][] = [];
    const keyParts: string[] = [];
    for (const rdnTlv of readChildren(der, top, what)) {
      if (rdnTlv.tag !== 0x31) fail('ERR_CERT_MALFORMED', `${what}: RDN is not a SET`);
      const members = readChildren(der, rdnTlv, what);
      if (members.length === 0) fail('ERR_CERT_MALFORMED', `${what}: empty RDN`);
      for (let i = 1; i < members.length; i++) {
        const a = members[i - 1] as Tlv;
        const b = members[i] as Tlv;
        if (compareBytes(der.subarray(a.start, a.end), der.subarray(b.start, b.end)) > 0)
          fail('ERR_CERT_MALFORMED', `${what}: RDN SET OF not in DER order`);
      }
      const decoded = members.map((m) => decodeAttribute(der, m, what));
      rdns.push(decoded.map(([a]) => a));
      keyParts.push(
        decoded
          .map(([, k]) => k)
          .sort()
          .join('+'),
      );
    }
    const text = rdns
      .map((rdn) => rdn.map((a) => `${a.shortName}=${escapeValue(a.value)}`).join('+'))
      .join(', ');
    return { der, rdns, text, key: JSON.stringify(keyParts), rdnKeys: keyParts };
  } catch (cause) {
    if (isJitsuinError(cause, 'ERR_CERT_MALFORMED')) throw cause;
    return fail('ERR_CERT_MALFORMED', `${what}: cannot be decoded`, undefined, cause);
  }
}

/** True when two names match under RFC 5280 §7.1 comparison rules (normalised, RDN order significant). */
export function namesMatch(a: DistinguishedName, b: DistinguishedName): boolean {
  objectArgument(a, 'namesMatch: a');
  objectArgument(b, 'namesMatch: b');
  return a.key === b.key;
}
