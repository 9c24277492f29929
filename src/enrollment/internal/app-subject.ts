/** The subject name of an app authentication certificate (spec/certificates.md §3.3). @module */
import { hexEncode } from '../../encoding/hex.js';
import { keyIdentifier } from '../../x509/builder.js';
import type { DistinguishedName } from '../../x509/name.js';
import { name } from '../../x509/name.js';

const COUNTRY = '2.5.4.6';
const ORGANIZATION = '2.5.4.10';

/**
 * `C=JP, O=<CA operator>, CN=<opaque key label>`: country and operator as the issuing CA's own
 * subject names them (in its order), and a label that identifies the key and nothing about the
 * person: `app key ` + hex of the key's RFC 7093 identifier (the certificate's subjectKeyIdentifier).
 * @internal
 */
export function appCertificateSubject(
  issuer: DistinguishedName,
  publicKey: Uint8Array,
): Uint8Array {
  const operator = issuer.rdns
    .flat()
    .filter((a) => a.type === COUNTRY || a.type === ORGANIZATION)
    .map((a) => [a.shortName, a.value] as const);
  return name([...operator, ['CN', `app key ${hexEncode(keyIdentifier(publicKey))}`]]);
}
