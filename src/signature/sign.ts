/**
 * `signCades`: CAdES-B-B (and B-T with a caller-supplied time-stamp) detached signatures, made by
 * a phone's hardware key (ECDSA P-256, the login signer contract) or by the My Number Card (RSA,
 * the card signs a DigestInfo). spec/signature.md §5.
 * @module
 */
import { isJitsuinError } from '../errors.js';
import { fail } from '../internal/fail.js';
import { concatBytes } from '../encoding/bytes.js';
import { hexDecode } from '../encoding/hex.js';
import { sha256 } from '../crypto/hash.js';
import {
  derToRawSignature,
  ecdsaSignatureReadings,
  parseRawSignature,
  rawToDerSignature,
} from '../crypto/ecdsa-signature.js';
import { verifyEcdsa } from '../crypto/ecdsa-verify.js';
import { parseCertificate, type Certificate } from '../x509/certificate.js';
import { encodeTlv } from '../x509/der.js';
import { encodeOid } from '../x509/oid.js';
import { encodeSignedAttributes, sortSetOf } from './internal/attributes.js';
import { checkCades, type CadesData } from './cades-check.js';
import { CMS_OID } from './oids.js';
import { checkTimestampToken, encodeMessageImprint } from './internal/timestamp.js';

/** A hardware ECDSA P-256 key: signs `message` (hashing it with SHA-256) and answers in DER or raw r‖s, as for login. */
export interface CadesEcdsaSigner {
  readonly kind: 'ecdsa-p256';
  /** Same contract as `JwsSigner`: a Uint8Array (strict DER or raw r‖s) or `{ format, signature }`. */
  readonly sign: (
    message: Uint8Array,
  ) => Promise<Uint8Array | { readonly format: 'der' | 'raw'; readonly signature: Uint8Array }>;
}

/** The My Number Card's signature key: it RSA-signs a DigestInfo it is given (RSASSA-PKCS1-v1_5 padding on the card). */
export interface CadesCardSigner {
  readonly kind: 'jpki-card';
  /** Signs the DER DigestInfo { sha256, H } and resolves to the 256-byte signature. */
  readonly signDigestInfo: (digestInfo: Uint8Array) => Promise<Uint8Array>;
}

/** Either signing path of spec/signature.md §2. */
export type CadesSigner = CadesEcdsaSigner | CadesCardSigner;

/** What the time-stamping function receives: the hash of the signature value and its MessageImprint DER (RFC 3161 §2.4.1). */
export interface TimestampImprint {
  readonly hashAlgorithm: 'SHA-256';
  /** SHA-256 of the SignerInfo signature value. */
  readonly digest: Uint8Array;
  /** DER MessageImprint { sha256, digest }, ready for a TimeStampReq. */
  readonly messageImprint: Uint8Array;
}

/** Options of {@link signCades}. */
export interface SignCadesOptions {
  readonly signer: CadesSigner;
  /** DER certificates, signer first, then its issuers (the trust anchor may be left out). */
  readonly certificateChain: readonly Uint8Array[];
  /** The signing time to claim, integer seconds since the epoch. */
  readonly signingTime: number;
  /** Obtains an RFC 3161 TimeStampToken (DER ContentInfo) over the imprint; the result is then CAdES-B-T. No network in the library: the caller does the request. */
  readonly timestamp?: (imprint: TimestampImprint) => Promise<Uint8Array>;
}

const SHA256_DIGEST_INFO_PREFIX = hexDecode('3031300d060960864801650304020105000420');
const seq = (...parts: Uint8Array[]): Uint8Array => encodeTlv(0x30, concatBytes(...parts));
const SHA256_ALG = seq(encodeOid(CMS_OID.sha256));
const ECDSA_SHA256_ALG = seq(encodeOid('1.2.840.10045.4.3.2'));
const RSA_SHA256_ALG = seq(encodeOid('1.2.840.113549.1.1.11'), Uint8Array.of(0x05, 0x00));

async function signAttributes(
  signer: CadesSigner,
  leaf: Certificate,
  signedAttrs: Uint8Array,
): Promise<Uint8Array> {
  if (signer.kind === 'jpki-card') {
    if (typeof signer.signDigestInfo !== 'function')
      fail('ERR_INVALID_ARGUMENT', 'signCades: a card signer needs signDigestInfo');
    const sig = await signer.signDigestInfo(
      concatBytes(SHA256_DIGEST_INFO_PREFIX, sha256(signedAttrs)),
    );
    if (!(sig instanceof Uint8Array))
      fail('ERR_INVALID_ARGUMENT', 'signCades: the card signer must resolve to a Uint8Array');
    return sig.slice();
  }
  if (signer.kind !== 'ecdsa-p256' || typeof signer.sign !== 'function')
    fail(
      'ERR_INVALID_ARGUMENT',
      'signCades: signer must be { kind: "ecdsa-p256", sign } or { kind: "jpki-card", signDigestInfo }',
    );
  const key = leaf.publicKey;
  if (key.kind !== 'ec' || key.curve !== 'P-256')
    fail(
      'ERR_CERT_PROFILE',
      'signCades: an ECDSA signer needs a P-256 signer certificate',
      'CERT-42',
    );
  const produced = await signer.sign(signedAttrs.slice());
  let readings: Uint8Array[];
  try {
    if (produced instanceof Uint8Array) readings = ecdsaSignatureReadings(produced, 'P-256');
    else if (
      produced !== null &&
      typeof produced === 'object' &&
      produced.signature instanceof Uint8Array &&
      (produced.format === 'der' || produced.format === 'raw')
    ) {
      if (produced.format === 'der') readings = [derToRawSignature(produced.signature, 'P-256')];
      else {
        parseRawSignature(produced.signature, 'P-256');
        readings = [produced.signature.slice()];
      }
    } else
      return fail(
        'ERR_INVALID_ARGUMENT',
        'signCades: signer must resolve to a Uint8Array or { format, signature }',
      );
  } catch (e) {
    return fail(
      'ERR_INVALID_SIGNATURE_ENCODING',
      `signCades: signer output is not strict DER or raw r||s${isJitsuinError(e) ? `: ${e.message}` : ''}`,
      'SIG-11',
      e,
    );
  }
  // The reading that verifies under the leaf key, re-encoded as DER: CMS carries DER ECDSA-Sig-Value only.
  for (const raw of readings) {
    try {
      await verifyEcdsa(key, signedAttrs, raw, { format: 'raw', hash: 'SHA-256' });
      return rawToDerSignature(raw, 'P-256');
    } catch (e) {
      if (!isJitsuinError(e, 'ERR_SIGNATURE_INVALID')) throw e;
    }
  }
  return fail(
    'ERR_SIGNATURE_INVALID',
    'signCades: the signer output does not verify under the signer certificate key',
    'SIG-23',
  );
}

/**
 * Signs `data` (the content, or its SHA-256 digest) as a detached CAdES-B-B CMS SignedData
 * (RFC 5652, ETSI EN 319 122-1): signed attributes exactly contentType id-data, messageDigest,
 * signingTime and signingCertificateV2, in DER order; the chain in `certificates`; ECDSA values
 * in DER. With `options.timestamp` the signature time-stamp is added (CAdES-B-T).
 *
 * The finished signature is checked with the verifier's own structural and signature checks
 * before it is returned [SIG-23], so a signer key that does not match the certificate never
 * yields a signature.
 *
 * @returns the DER ContentInfo.
 * @throws JitsuinError ERR_INVALID_ARGUMENT, ERR_CERT_MALFORMED, ERR_SIGNATURE_INVALID,
 *   ERR_INVALID_SIGNATURE_ENCODING, ERR_TIMESTAMP; errors of the signer and of `timestamp` propagate.
 */
export async function signCades(data: CadesData, options: SignCadesOptions): Promise<Uint8Array> {
  if (options === null || typeof options !== 'object')
    fail('ERR_INVALID_ARGUMENT', 'signCades: options are required');
  if (data === null || typeof data !== 'object')
    fail('ERR_INVALID_ARGUMENT', 'signCades: data must be { content } or { digest }');
  const { signer, certificateChain, signingTime } = options;
  if (signer === null || typeof signer !== 'object')
    fail('ERR_INVALID_ARGUMENT', 'signCades: signer is required');
  if (
    !Array.isArray(certificateChain) ||
    certificateChain.length === 0 ||
    !certificateChain.every((c) => c instanceof Uint8Array)
  ) {
    fail(
      'ERR_INVALID_ARGUMENT',
      'signCades: certificateChain must be a non-empty array of DER certificates, signer first',
    );
  }
  if (!Number.isSafeInteger(signingTime) || signingTime < 0)
    fail('ERR_INVALID_ARGUMENT', 'signCades: signingTime must be integer seconds since the epoch');
  if (options.timestamp !== undefined && typeof options.timestamp !== 'function')
    fail('ERR_INVALID_ARGUMENT', 'signCades: timestamp must be a function');
  let messageDigest: Uint8Array;
  if ('content' in data && data.content instanceof Uint8Array) messageDigest = sha256(data.content);
  else if ('digest' in data && data.digest instanceof Uint8Array && data.digest.length === 32)
    messageDigest = data.digest.slice();
  else
    return fail(
      'ERR_INVALID_ARGUMENT',
      'signCades: data must be { content: Uint8Array } or { digest: 32-byte SHA-256 }',
    );
  const chain = certificateChain.map((c) => c.slice());
  const leaf = parseCertificate(chain[0] as Uint8Array);

  const signedAttrs = encodeSignedAttributes({ messageDigest, signingTime, signer: leaf });
  const signature = await signAttributes(signer, leaf, signedAttrs);
  let unsigned: Uint8Array = new Uint8Array(0);
  if (options.timestamp !== undefined) {
    const digest = sha256(signature);
    const token = await options.timestamp({
      hashAlgorithm: 'SHA-256',
      digest: digest.slice(),
      messageImprint: encodeMessageImprint(digest),
    });
    if (!(token instanceof Uint8Array))
      fail('ERR_INVALID_ARGUMENT', 'signCades: timestamp must resolve to the DER TimeStampToken');
    await checkTimestampToken(token, signature);
    const attr = seq(encodeOid(CMS_OID.signatureTimeStampToken), encodeTlv(0x31, token));
    unsigned = encodeTlv(0xa1, attr);
  }
  const sid = seq(leaf.issuer.der, encodeTlv(0x02, hexDecode(leaf.serialNumber)));
  const signedAttrsImplicit = signedAttrs.slice();
  signedAttrsImplicit[0] = 0xa0;
  const signerInfo = seq(
    Uint8Array.of(0x02, 0x01, 0x01),
    sid,
    SHA256_ALG,
    signedAttrsImplicit,
    signer.kind === 'jpki-card' ? RSA_SHA256_ALG : ECDSA_SHA256_ALG,
    encodeTlv(0x04, signature),
    unsigned,
  );
  const signedData = seq(
    Uint8Array.of(0x02, 0x01, 0x01),
    encodeTlv(0x31, SHA256_ALG),
    seq(encodeOid(CMS_OID.data)),
    encodeTlv(0xa0, concatBytes(...sortSetOf(chain))),
    encodeTlv(0x31, signerInfo),
  );
  const out = seq(encodeOid(CMS_OID.signedData), encodeTlv(0xa0, signedData));
  await checkCades(out, { digest: messageDigest });
  return out;
}
