/**
 * GeneralName decoding (RFC 5280 §4.2.1.6) with a strict DER reader, so that IP addresses and
 * names keep their exact bytes (name-constraint matching needs them).
 * @module
 */
import { fail } from '../internal/fail.js';
import { readChildren, readTlv, type Tlv } from './der.js';
import { parseName, type DistinguishedName } from './name.js';
import { decodeOid } from './oid.js';

/** One GeneralName. Forms this profile does not interpret keep their DER in `der`. */
export type GeneralName =
  | {
      readonly type: 'rfc822Name' | 'dNSName' | 'uniformResourceIdentifier';
      readonly value: string;
    }
  | { readonly type: 'directoryName'; readonly value: DistinguishedName }
  | { readonly type: 'iPAddress'; readonly value: Uint8Array }
  | { readonly type: 'registeredID'; readonly value: string }
  | { readonly type: 'otherName'; readonly typeId: string; readonly der: Uint8Array }
  | { readonly type: 'x400Address' | 'ediPartyName'; readonly der: Uint8Array };

function ia5(bytes: Uint8Array, what: string): string {
  let out = '';
  for (const b of bytes) {
    if (b > 0x7f) fail('ERR_CERT_MALFORMED', `${what}: IA5String with a non-ASCII byte`);
    out += String.fromCharCode(b);
  }
  return out;
}

/** Decodes one GeneralName TLV. @internal */
export function decodeGeneralName(bytes: Uint8Array, tlv: Tlv, what: string): GeneralName {
  const contents = bytes.subarray(tlv.contentStart, tlv.end);
  switch (tlv.tag) {
    case 0x81:
      return { type: 'rfc822Name', value: ia5(contents, what) };
    case 0x82:
      return { type: 'dNSName', value: ia5(contents, what) };
    case 0x86:
      return { type: 'uniformResourceIdentifier', value: ia5(contents, what) };
    case 0x87:
      return { type: 'iPAddress', value: contents.slice() };
    case 0x88:
      return { type: 'registeredID', value: decodeOid(contents, what) };
    case 0xa4: {
      const inner = readTlv(bytes.subarray(0, tlv.end), tlv.contentStart, what);
      if (inner.end !== tlv.end || inner.tag !== 0x30)
        fail('ERR_CERT_MALFORMED', `${what}: malformed directoryName`);
      return {
        type: 'directoryName',
        value: parseName(bytes.slice(inner.start, inner.end), `${what} directoryName`),
      };
    }
    case 0xa0: {
      const oid = readTlv(bytes.subarray(0, tlv.end), tlv.contentStart, what);
      if (oid.tag !== 0x06) fail('ERR_CERT_MALFORMED', `${what}: malformed otherName`);
      return {
        type: 'otherName',
        typeId: decodeOid(bytes.subarray(oid.contentStart, oid.end), what),
        der: bytes.slice(tlv.start, tlv.end),
      };
    }
    case 0xa3:
      return { type: 'x400Address', der: bytes.slice(tlv.start, tlv.end) };
    case 0xa5:
      return { type: 'ediPartyName', der: bytes.slice(tlv.start, tlv.end) };
    default:
      return fail(
        'ERR_CERT_MALFORMED',
        `${what}: unknown GeneralName tag 0x${tlv.tag.toString(16)}`,
      );
  }
}

/** Decodes the GeneralName children of a (possibly implicitly tagged) GeneralNames TLV. @internal */
export function decodeGeneralNamesIn(bytes: Uint8Array, tlv: Tlv, what: string): GeneralName[] {
  const names = readChildren(bytes, tlv, what).map((t) => decodeGeneralName(bytes, t, what));
  if (names.length === 0) fail('ERR_CERT_MALFORMED', `${what}: empty GeneralNames`);
  return names;
}

/** Decodes a DER GeneralNames (SEQUENCE SIZE (1..MAX) OF GeneralName) filling `bytes`. @internal */
export function decodeGeneralNames(bytes: Uint8Array, what: string): GeneralName[] {
  const seq = readTlv(bytes, 0, what);
  if (seq.tag !== 0x30 || seq.end !== bytes.length)
    fail('ERR_CERT_MALFORMED', `${what}: not a single SEQUENCE`);
  return decodeGeneralNamesIn(bytes, seq, what);
}
