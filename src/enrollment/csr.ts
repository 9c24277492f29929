/**
 * The PKCS#10 certification request (RFC 2986) that proves possession of the app's hardware P-256
 * key (spec/enrollment.md §3.1). Built by hand in DER; parsed with @peculiar/asn1-csr and checked
 * to re-encode to the same bytes, so only DER is accepted.
 * @module
 */
import { AsnConvert } from '@peculiar/asn1-schema';
import { CertificationRequest } from '@peculiar/asn1-csr';
import { fail, isJitsuinError } from '../errors.js';
import { bytesEqual, concatBytes } from '../encoding/bytes.js';
import { importSpki, type EcPublicKey } from '../crypto/keys.js';
import { verifyEcdsa } from '../crypto/ecdsa.js';
import { normalizeEcdsaSignature, rawToDerSignature } from '../crypto/ecdsa-signature.js';
import { encodeTlv, readChildren, readTlv } from '../x509/der.js';

/** Largest CSR accepted, in bytes. */
export const MAX_CSR_SIZE = 4096;

/** DER AlgorithmIdentifier of ecdsa-with-SHA256 (no parameters, RFC 5758). */
const ECDSA_WITH_SHA256 = Uint8Array.of(0x30, 0x0a, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02);

/** Something that signs with the app's hardware key: ECDSA P-256 over SHA-256, DER or raw r‖s. */
export interface CsrSigner {
  /** SubjectPublicKeyInfo DER of the P-256 key. */
  readonly publicKey: Uint8Array;
  /** Signs `message` (the signer hashes it with SHA-256). */
  sign(message: Uint8Array): Promise<Uint8Array>;
}

/** Builds the DER CSR for `signer`'s key: empty subject, no attributes, ecdsa-with-SHA256. */
export async function buildEnrollmentCsr(signer: CsrSigner): Promise<Uint8Array> {
  const key = importSpki(signer.publicKey);
  if (key.kind !== 'ec' || key.curve !== 'P-256') fail('ERR_INVALID_ARGUMENT', 'buildEnrollmentCsr: the key must be EC P-256', 'ENR-04');
  const info = encodeTlv(0x30, concatBytes(Uint8Array.of(0x02, 0x01, 0x00), Uint8Array.of(0x30, 0x00), signer.publicKey, Uint8Array.of(0xa0, 0x00)));
  const signature = rawToDerSignature(normalizeEcdsaSignature(await signer.sign(info), 'P-256'), 'P-256');
  return encodeTlv(0x30, concatBytes(info, ECDSA_WITH_SHA256, encodeTlv(0x03, concatBytes(Uint8Array.of(0), signature))));
}

/** A CSR whose proof of possession verified. */
export interface VerifiedCsr {
  /** SubjectPublicKeyInfo DER of the requested key. */
  readonly publicKey: Uint8Array;
  readonly key: EcPublicKey;
}

function bad(message: string, cause?: unknown): never {
  return fail('ERR_ENROLLMENT_CSR', `CSR: ${message}`, 'ENR-04', cause);
}

/**
 * Parses a DER CSR and verifies its self-signature ([ENR-04]): version 0, an EC P-256 key,
 * ecdsa-with-SHA256, a strict DER signature that verifies over the exact certificationRequestInfo
 * bytes. Subject and attributes are ignored (the CA copies nothing else from a CSR, [ENR-11]).
 */
export async function verifyEnrollmentCsr(der: Uint8Array): Promise<VerifiedCsr> {
  if (!(der instanceof Uint8Array) || der.length === 0) bad('missing');
  if (der.length > MAX_CSR_SIZE) bad(`${der.length} bytes exceed ${MAX_CSR_SIZE}`);
  let infoBytes: Uint8Array;
  let spki: Uint8Array;
  let algorithm: Uint8Array;
  let signature: Uint8Array;
  try {
    const parsed = AsnConvert.parse(der, CertificationRequest);
    if (!bytesEqual(new Uint8Array(AsnConvert.serialize(parsed)), der)) bad('not DER (does not re-encode to the same bytes)');
    if (parsed.certificationRequestInfo.version !== 0) bad('version is not 0 (v1)');
    const top = readTlv(der, 0, 'CSR');
    if (top.end !== der.length) bad('trailing bytes');
    const [info, alg, sig] = readChildren(der, top, 'CSR');
    if (info === undefined || alg === undefined || sig === undefined) bad('missing a component');
    infoBytes = der.slice(info.start, info.end);
    const infoParts = readChildren(der, info, 'certificationRequestInfo');
    const spkiTlv = infoParts[2];
    if (spkiTlv === undefined) bad('missing subjectPKInfo');
    spki = der.slice(spkiTlv.start, spkiTlv.end);
    algorithm = der.slice(alg.start, alg.end);
    if (sig.tag !== 0x03 || der[sig.contentStart] !== 0) bad('signature is not a BIT STRING without unused bits');
    signature = der.slice(sig.contentStart + 1, sig.end);
  } catch (e) {
    if (isJitsuinError(e, 'ERR_ENROLLMENT_CSR')) throw e;
    return bad(`malformed: ${e instanceof Error ? e.message : String(e)}`, e);
  }
  if (!bytesEqual(algorithm, ECDSA_WITH_SHA256)) bad('signature algorithm is not ecdsa-with-SHA256');
  let key: EcPublicKey;
  try {
    const k = importSpki(spki);
    if (k.kind !== 'ec' || k.curve !== 'P-256') bad('the requested key is not EC P-256');
    key = k;
  } catch (e) {
    if (isJitsuinError(e, 'ERR_ENROLLMENT_CSR')) throw e;
    return bad(`the requested key is not a valid P-256 key: ${e instanceof Error ? e.message : String(e)}`, e);
  }
  try {
    await verifyEcdsa(key, infoBytes, signature, { format: 'der' });
  } catch (e) {
    return bad(`proof-of-possession signature does not verify${isJitsuinError(e) ? ` (${e.code})` : ''}`, e);
  }
  return { publicKey: spki, key };
}
