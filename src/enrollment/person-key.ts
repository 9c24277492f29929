/**
 * The person key: the registry's handle on a JPKI signature certificate (spec/common-code.md §2).
 * @module
 */
import { fail } from '../internal/fail.js';
import { sha256 } from '../crypto/hash.js';
import { concatBytes } from '../encoding/bytes.js';
import { hexDecode } from '../encoding/hex.js';
import { utf8Encode } from '../encoding/utf8.js';

const PERSON_KEY_LABEL = utf8Encode('jitsuin-person-key-v1');

function u32(n: number): Uint8Array {
  return Uint8Array.of((n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
}

/**
 * SHA-256( "jitsuin-person-key-v1" || 0x00 || uint32be(len(I)) || I || uint32be(len(S)) || S ),
 * where I is the exact DER of the certificate's issuer Name and S the contents octets of its
 * serialNumber INTEGER ([CC-02]). Issuer name plus serial number identify a certificate uniquely
 * (RFC 5280 §4.1.2.2), across J-LIS's same-name root generations too.
 *
 * @param issuerNameDer DER of the JPKI certificate's issuer Name.
 * @param serialHex lower-case hex of the serial number's INTEGER contents (as `Certificate.serialNumber`).
 */
export function personKey(issuerNameDer: Uint8Array, serialHex: string): Uint8Array {
  if (!(issuerNameDer instanceof Uint8Array) || issuerNameDer[0] !== 0x30)
    fail('ERR_INVALID_ARGUMENT', 'personKey: issuer must be Name DER (a SEQUENCE)', 'CC-02');
  if (typeof serialHex !== 'string' || !/^([0-9a-f]{2}){1,21}$/.test(serialHex))
    fail(
      'ERR_INVALID_ARGUMENT',
      'personKey: serial must be lower-case hex of 1..21 octets',
      'CC-02',
    );
  const serial = hexDecode(serialHex, 'serial');
  return sha256(
    concatBytes(
      PERSON_KEY_LABEL,
      Uint8Array.of(0),
      u32(issuerNameDer.length),
      issuerNameDer,
      u32(serial.length),
      serial,
    ),
  );
}
