/**
 * An RFC 3161 TimeStampToken from a TEST time-stamping authority (ECDSA P-256, ESS
 * signingCertificateV2): the stand-in for a real TSA in the demo, the tests and the signature
 * vectors (whose default TEST TSA is in `test/testpki/signature.ts`). Everything it signs is TEST.
 * @module
 */
import { signEcdsa } from '../../crypto/ecdsa.js';
import { sha256 } from '../../crypto/hash.js';
import { concatBytes } from '../../encoding/bytes.js';
import { hexDecode } from '../../encoding/hex.js';
import { utf8Encode } from '../../encoding/utf8.js';
import { parseCertificate, type Certificate } from '../../x509/certificate.js';
import { encodeTlv } from '../../x509/der.js';
import { encodeOid } from '../../x509/oid.js';
import { JITSUIN_OID } from '../../x509/oids.js';
import { encodeTime } from '../../x509/time.js';
import { encodeEssCertIdV2, sortSetOf } from '../../signature/internal/attributes.js';
import { CMS_OID } from '../../signature/oids.js';

/** A TEST TSA: its P-256 private key and its certificate (critical EKU id-kp-timeStamping). */
export interface TestTsa {
  readonly key: { readonly privateKey: Uint8Array };
  readonly certificate: Uint8Array;
}

/** Options of {@link buildTimestampToken}. */
export interface TimestampTokenOptions {
  /** The MessageImprint DER the token covers. */
  readonly messageImprint: Uint8Array;
  readonly genTime: number;
  readonly serialNumber?: number;
  /** The TSA that signs. */
  readonly tsa: TestTsa;
}

const seq = (...p: Uint8Array[]): Uint8Array => encodeTlv(0x30, concatBytes(...p));

/** Builds the token: TSTInfo under the accredited-signing TSA policy, signed by `options.tsa`. */
export function buildTimestampToken(options: TimestampTokenOptions): Uint8Array {
  const key = options.tsa.key;
  const certDer = options.tsa.certificate;
  const cert: Certificate = parseCertificate(certDer);
  const gen = new Date(options.genTime * 1000)
    .toISOString()
    .replace(/[-:T]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  const genTime = encodeTlv(0x18, utf8Encode(gen));
  const tstInfo = seq(
    Uint8Array.of(0x02, 0x01, 0x01),
    encodeOid(`${JITSUIN_OID.policyAccreditedSigning}.1`),
    options.messageImprint,
    encodeTlv(0x02, Uint8Array.of(options.serialNumber ?? 1)),
    genTime,
  );
  const attr = (oid: string, v: Uint8Array): Uint8Array => seq(encodeOid(oid), encodeTlv(0x31, v));
  const signedAttrs = encodeTlv(
    0x31,
    concatBytes(
      ...sortSetOf([
        attr(CMS_OID.contentType, encodeOid(CMS_OID.tstInfo)),
        attr(CMS_OID.messageDigest, encodeTlv(0x04, sha256(tstInfo))),
        attr(CMS_OID.signingTime, encodeTime(options.genTime)),
        attr(CMS_OID.signingCertificateV2, seq(seq(encodeEssCertIdV2(cert)))),
      ]),
    ),
  );
  const sig = signEcdsa(key.privateKey, signedAttrs, { format: 'der' });
  const implicit = signedAttrs.slice();
  implicit[0] = 0xa0;
  const sha256Alg = seq(encodeOid(CMS_OID.sha256));
  const signerInfo = seq(
    Uint8Array.of(0x02, 0x01, 0x01),
    seq(cert.issuer.der, encodeTlv(0x02, hexDecode(cert.serialNumber))),
    sha256Alg,
    implicit,
    seq(encodeOid('1.2.840.10045.4.3.2')),
    encodeTlv(0x04, sig),
  );
  const signedData = seq(
    Uint8Array.of(0x02, 0x01, 0x03),
    encodeTlv(0x31, sha256Alg),
    seq(encodeOid(CMS_OID.tstInfo), encodeTlv(0xa0, encodeTlv(0x04, tstInfo))),
    encodeTlv(0xa0, certDer),
    encodeTlv(0x31, signerInfo),
  );
  return seq(encodeOid(CMS_OID.signedData), encodeTlv(0xa0, signedData));
}
