/** Helpers of the CAdES interop tests: PEM files for OpenSSL and Python, and the TEST keys in their formats. */
import { execFileSync } from 'node:child_process';
import { concatBytes } from '../../src/encoding/bytes.js';
import { encodeTlv } from '../../src/x509/der.js';
import { encodeOid } from '../../src/x509/oid.js';
import type { RsaPrivateKey } from '../../src/crypto/rsa-keygen.js';

export const pem = (der: Uint8Array, label = 'CERTIFICATE'): string =>
  `-----BEGIN ${label}-----\n${Buffer.from(der).toString('base64').replace(/.{64}/g, '$&\n').replace(/\n?$/, '\n')}-----END ${label}-----\n`;

/** True when the command runs; the interop tests assert it instead of skipping. */
export function commandWorks(cmd: string, args: string[]): boolean {
  try {
    execFileSync(cmd, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function bigIntBytes(n: bigint): Uint8Array {
  let hex = n.toString(16);
  if (hex.length % 2 === 1) hex = `0${hex}`;
  if (parseInt(hex.slice(0, 2), 16) >= 0x80) hex = `00${hex}`;
  return Uint8Array.from(Buffer.from(hex, 'hex'));
}
const int = (n: bigint): Uint8Array => encodeTlv(0x02, bigIntBytes(n));

/** SEC 1 ECPrivateKey DER of a P-256 scalar (OpenSSL derives the public point). */
export function ecPrivateKeyDer(scalar: Uint8Array): Uint8Array {
  return encodeTlv(
    0x30,
    concatBytes(
      int(1n),
      encodeTlv(0x04, scalar),
      encodeTlv(0xa0, encodeOid('1.2.840.10045.3.1.7')),
    ),
  );
}

/** PKCS#1 RSAPrivateKey DER. */
export function rsaPrivateKeyDer(k: RsaPrivateKey): Uint8Array {
  return encodeTlv(
    0x30,
    concatBytes(
      int(0n),
      int(k.n),
      int(k.e),
      int(k.d),
      int(k.p),
      int(k.q),
      int(k.dp),
      int(k.dq),
      int(k.qInv),
    ),
  );
}
