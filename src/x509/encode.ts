/**
 * DER encoders for the pieces the builder assembles (OIDs, integers, strings, GeneralNames and the
 * jitsuin extensions). Deterministic by construction: same inputs, same bytes.
 * @module
 */
import { fail } from '../internal/fail.js';
import { concatBytes } from '../encoding/bytes.js';
import { utf8Encode } from '../encoding/utf8.js';
import { encodeTlv } from './der.js';
import type { AppBinding, KeyProtection, KeyUsage, ReasonFlag } from './extensions.js';
import { KEY_PROTECTION_VALUES, KEY_USAGE_BITS, REASON_FLAGS } from './extensions.js';
import { objectArgument } from '../internal/args.js';

/** A GeneralName as the builder accepts it. `directoryName` takes Name DER (see `name()`). */
export type GeneralNameInput =
  | {
      readonly type: 'rfc822Name' | 'dNSName' | 'uniformResourceIdentifier';
      readonly value: string;
    }
  | { readonly type: 'directoryName'; readonly value: Uint8Array }
  | { readonly type: 'iPAddress'; readonly value: Uint8Array };

/** Encodes a non-negative integer (number or unsigned big-endian bytes) as a DER INTEGER. @internal */
export function encodeInteger(value: number | Uint8Array): Uint8Array {
  let bytes: Uint8Array;
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value) || value < 0)
      fail('ERR_INVALID_ARGUMENT', `integer out of range: ${value}`);
    const b: number[] = [];
    let v = value;
    do {
      b.unshift(v % 256);
      v = Math.floor(v / 256);
    } while (v > 0);
    bytes = Uint8Array.from(b);
  } else {
    bytes = value;
  }
  let i = 0;
  while (i < bytes.length - 1 && bytes[i] === 0) i++;
  let c = bytes.subarray(i);
  if (c.length === 0) c = Uint8Array.of(0);
  if (((c[0] as number) & 0x80) !== 0) c = concatBytes(Uint8Array.of(0), c);
  return encodeTlv(0x02, c);
}

/** DER SEQUENCE of the given encoded elements. @internal */
export function sequence(...items: readonly Uint8Array[]): Uint8Array {
  return encodeTlv(0x30, concatBytes(...items));
}

/** DER OCTET STRING. @internal */
export function octetString(bytes: Uint8Array): Uint8Array {
  return encodeTlv(0x04, bytes);
}

/** DER BIT STRING of named bits (trailing zero bits trimmed, as DER requires). @internal */
export function namedBitString(bits: readonly number[]): Uint8Array {
  if (bits.length === 0) return encodeTlv(0x03, Uint8Array.of(0));
  const max = Math.max(...bits);
  const bytes = new Uint8Array(Math.floor(max / 8) + 1);
  for (const b of bits) bytes[b >> 3] = (bytes[b >> 3] as number) | (0x80 >> (b & 7));
  const unused = 7 - (max & 7);
  return encodeTlv(0x03, concatBytes(Uint8Array.of(unused), bytes));
}

function ia5(text: string): Uint8Array {
  if (!/^[\x00-\x7f]*$/.test(text)) fail('ERR_INVALID_ARGUMENT', `not IA5 (ASCII): ${text}`);
  return utf8Encode(text);
}

/** Encodes one GeneralName. @internal */
export function encodeGeneralName(n: GeneralNameInput): Uint8Array {
  switch (n.type) {
    case 'rfc822Name':
      return encodeTlv(0x81, ia5(n.value));
    case 'dNSName':
      return encodeTlv(0x82, ia5(n.value));
    case 'uniformResourceIdentifier':
      return encodeTlv(0x86, ia5(n.value));
    case 'iPAddress':
      return encodeTlv(0x87, n.value);
    case 'directoryName':
      return encodeTlv(0xa4, n.value);
  }
}

/** Encodes keyUsage bits. @internal */
export function encodeKeyUsage(usages: readonly KeyUsage[]): Uint8Array {
  return namedBitString(usages.map((u) => KEY_USAGE_BITS.indexOf(u)));
}

/** Encodes reason flags. @internal */
export function encodeReasonFlags(reasons: readonly ReasonFlag[]): Uint8Array {
  return namedBitString(reasons.map((r) => REASON_FLAGS.indexOf(r)));
}

/** DER of `CommonCode ::= SEQUENCE { version INTEGER (1), code OCTET STRING (SIZE(16)) }`. */
export function encodeCommonCode(code: Uint8Array): Uint8Array {
  if (!(code instanceof Uint8Array) || code.length !== 16)
    fail('ERR_INVALID_ARGUMENT', 'a common code is exactly 16 bytes');
  return sequence(encodeInteger(1), octetString(code));
}

/** DER of `AppBinding ::= SEQUENCE { version INTEGER (1), rpId UTF8String, appId UTF8String }`. */
export function encodeAppBinding(binding: AppBinding): Uint8Array {
  objectArgument(binding, 'encodeAppBinding: binding');
  for (const [k, v] of [
    ['rpId', binding.rpId],
    ['appId', binding.appId],
  ] as const) {
    if (typeof v !== 'string' || v.length === 0 || v.length > 255)
      fail('ERR_INVALID_ARGUMENT', `appBinding.${k} must be 1..255 characters`);
  }
  return sequence(
    encodeInteger(1),
    encodeTlv(0x0c, utf8Encode(binding.rpId)),
    encodeTlv(0x0c, utf8Encode(binding.appId)),
  );
}

/** DER of `KeyProtection ::= ENUMERATED { software(0), tee(1), strongbox(2), secure-enclave(3) }`. */
export function encodeKeyProtection(protection: KeyProtection): Uint8Array {
  const n = KEY_PROTECTION_VALUES.indexOf(protection);
  if (n < 0) fail('ERR_INVALID_ARGUMENT', `unknown key protection "${String(protection)}"`);
  return encodeTlv(0x0a, Uint8Array.of(n));
}
