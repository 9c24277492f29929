/**
 * The PKCS#10 certification request (RFC 2986) that proves possession of the app's hardware P-256
 * key (spec/enrollment.md §3.1). Built by hand in DER. Verified by a strict DER walk of every TLV
 * (including attribute values and SET OF order) and checked against the @peculiar/asn1-csr schema,
 * which is only ever used to parse: an asn1js re-encoding would rewrite OID arcs of 2^53 and above
 * (jitsuin's own UUID arc) and keeps attribute values as opaque bytes, so re-encode-and-compare
 * would both reject valid DER and miss BER inside attributes.
 * @module
 */
import { AsnConvert } from '@peculiar/asn1-schema';
import { CertificationRequest } from '@peculiar/asn1-csr';
import { isJitsuinError } from '../errors.js';
import { fail } from '../internal/fail.js';
import { bytesEqual, concatBytes } from '../encoding/bytes.js';
import { importSpki, type EcPublicKey } from '../crypto/keys.js';
import { verifyEcdsa } from '../crypto/ecdsa-verify.js';
import { normalizeEcdsaSignature, rawToDerSignature } from '../crypto/ecdsa-signature.js';
import {
  assertDer,
  compareBytes,
  encodeTlv,
  readChildren,
  readTlv,
  type Tlv,
} from '../x509/der.js';
import { decodeOid, encodeOid } from '../x509/oid.js';
import { JITSUIN_OID } from '../x509/oids.js';
import { enrollmentKeyBinding, type EnrollmentBindingInput } from './tbs.js';

/** Largest CSR accepted, in bytes. */
export const MAX_CSR_SIZE = 4096;

/** DER AlgorithmIdentifier of ecdsa-with-SHA256 (no parameters, RFC 5758). */
const ECDSA_WITH_SHA256 = Uint8Array.of(
  0x30,
  0x0a,
  0x06,
  0x08,
  0x2a,
  0x86,
  0x48,
  0xce,
  0x3d,
  0x04,
  0x03,
  0x02,
);

/** Something that signs with the app's hardware key: ECDSA P-256 over SHA-256, DER or raw r‖s. */
export interface CsrSigner {
  /** SubjectPublicKeyInfo DER of the P-256 key. */
  readonly publicKey: Uint8Array;
  /** Signs `message` (the signer hashes it with SHA-256). */
  sign(message: Uint8Array): Promise<Uint8Array>;
}

/** Length of the enrollment-binding attribute's value. */
const BINDING_LENGTH = 32;

/** The DER Attribute `{ id-jitsuin-enrollmentBinding, SET { OCTET STRING binding } }`. */
function bindingAttribute(binding: Uint8Array): Uint8Array {
  return encodeTlv(
    0x30,
    concatBytes(
      encodeOid(JITSUIN_OID.attrEnrollmentBinding),
      encodeTlv(0x31, encodeTlv(0x04, binding)),
    ),
  );
}

/**
 * Builds the DER CSR for `signer`'s key, bound to one enrollment ([ENR-17]): empty subject, one
 * attribute (the enrollment binding of `enrollment`), ecdsa-with-SHA256.
 */
export async function buildEnrollmentCsr(
  signer: CsrSigner,
  enrollment: EnrollmentBindingInput,
): Promise<Uint8Array> {
  if (
    signer === null ||
    typeof signer !== 'object' ||
    !(signer.publicKey instanceof Uint8Array) ||
    typeof signer.sign !== 'function'
  )
    fail(
      'ERR_INVALID_ARGUMENT',
      'buildEnrollmentCsr: signer must be { publicKey: Uint8Array, sign }',
      'ENR-04',
    );
  if (
    enrollment === null ||
    typeof enrollment !== 'object' ||
    typeof enrollment.challenge !== 'string' ||
    typeof enrollment.rpId !== 'string' ||
    typeof enrollment.appId !== 'string'
  ) {
    fail(
      'ERR_INVALID_ARGUMENT',
      'buildEnrollmentCsr: enrollment must be { challenge, rpId, appId } as the CA issued them',
      'ENR-17',
    );
  }
  const key = importSpki(signer.publicKey);
  if (key.kind !== 'ec' || key.curve !== 'P-256')
    fail('ERR_INVALID_ARGUMENT', 'buildEnrollmentCsr: the key must be EC P-256', 'ENR-04');
  const attributes = encodeTlv(0xa0, bindingAttribute(enrollmentKeyBinding(enrollment)));
  const info = encodeTlv(
    0x30,
    concatBytes(
      Uint8Array.of(0x02, 0x01, 0x00),
      Uint8Array.of(0x30, 0x00),
      signer.publicKey,
      attributes,
    ),
  );
  const signature = rawToDerSignature(
    normalizeEcdsaSignature(await signer.sign(info), 'P-256'),
    'P-256',
  );
  return encodeTlv(
    0x30,
    concatBytes(info, ECDSA_WITH_SHA256, encodeTlv(0x03, concatBytes(Uint8Array.of(0), signature))),
  );
}

/** A CSR whose proof of possession verified. */
export interface VerifiedCsr {
  /** SubjectPublicKeyInfo DER of the requested key. */
  readonly publicKey: Uint8Array;
  readonly key: EcPublicKey;
  /**
   * The value of its enrollment-binding attribute, signed by the requested key; `undefined` when
   * the CSR has none (the CA then refuses it, [ENR-17]).
   */
  readonly binding: Uint8Array | undefined;
}

function bad(message: string, cause?: unknown): never {
  return fail('ERR_ENROLLMENT_CSR', `CSR: ${message}`, 'ENR-04', cause);
}

/** DER orders SET OF elements by their encodings (X.690 §11.6); `set` is a SET OF TLV in `der`. */
function assertSetOfOrder(der: Uint8Array, set: Tlv, what: string): Tlv[] {
  const items = readChildren(der, set, what);
  for (let i = 1; i < items.length; i++) {
    const a = items[i - 1] as Tlv;
    const b = items[i] as Tlv;
    if (compareBytes(der.subarray(a.start, a.end), der.subarray(b.start, b.end)) > 0)
      bad(`${what} is not in DER SET OF order`);
  }
  return items;
}

/**
 * Parses a DER CSR and verifies its self-signature ([ENR-04]): version 0, an EC P-256 key,
 * ecdsa-with-SHA256, a strict DER signature that verifies over the exact certificationRequestInfo
 * bytes. The enrollment-binding attribute, when present, must be well formed and is returned
 * ([ENR-17]); the subject and other attributes are ignored (the CA copies nothing else from a CSR, [ENR-11]).
 */
export async function verifyEnrollmentCsr(der: Uint8Array): Promise<VerifiedCsr> {
  if (!(der instanceof Uint8Array) || der.length === 0) bad('missing');
  if (der.length > MAX_CSR_SIZE) bad(`${der.length} bytes exceed ${MAX_CSR_SIZE}`);
  let infoBytes: Uint8Array;
  let spki: Uint8Array;
  let algorithm: Uint8Array;
  let signature: Uint8Array;
  let binding: Uint8Array | undefined;
  try {
    // Every TLV, attribute values included, under DER rules; never an asn1js re-encoding (see @module).
    assertDer(der, 'CSR');
    // asn1js does not check the tag of a SEQUENCE it parses, so every tag of the structure is checked here.
    const top = readTlv(der, 0, 'CSR');
    if (top.tag !== 0x30) bad('is not a SEQUENCE');
    const parts = readChildren(der, top, 'CSR');
    const [info, alg, sig] = parts;
    if (
      parts.length !== 3 ||
      info === undefined ||
      alg === undefined ||
      sig === undefined ||
      info.tag !== 0x30 ||
      alg.tag !== 0x30
    )
      bad('is not SEQUENCE { certificationRequestInfo, signatureAlgorithm, signature }');
    const infoParts = readChildren(der, info, 'certificationRequestInfo');
    const [version, subject, spkiTlv, attributes] = infoParts;
    if (
      infoParts.length !== 4 ||
      version === undefined ||
      subject === undefined ||
      spkiTlv === undefined ||
      attributes === undefined ||
      version.tag !== 0x02 ||
      subject.tag !== 0x30 ||
      spkiTlv.tag !== 0x30 ||
      attributes.tag !== 0xa0
    ) {
      bad('certificationRequestInfo is not { version, subject, subjectPKInfo, [0] attributes }');
    }
    if (version.end - version.contentStart !== 1 || der[version.contentStart] !== 0)
      bad('version is not 0 (v1)');
    const typeAndValues = (tlv: Tlv, what: string): Tlv | undefined => {
      const [type, value, extra] = tlv.tag === 0x30 ? readChildren(der, tlv, what) : [];
      if (type?.tag !== 0x06 || value === undefined || extra !== undefined)
        bad(`${what} is not SEQUENCE { OBJECT IDENTIFIER, value }`);
      return value;
    };
    for (const rdn of readChildren(der, subject, 'subject')) {
      if (rdn.tag !== 0x31) bad('a subject RDN is not a SET');
      for (const atv of assertSetOfOrder(der, rdn, 'a subject RDN'))
        typeAndValues(atv, 'a subject attribute');
    }
    for (const attribute of assertSetOfOrder(der, attributes, 'attributes')) {
      const values = typeAndValues(attribute, 'an attribute');
      if (values?.tag !== 0x31) bad('an attribute lacks its SET OF values');
      const items = assertSetOfOrder(der, values, "an attribute's values");
      const type = readChildren(der, attribute, 'an attribute')[0] as Tlv;
      if (
        decodeOid(der.subarray(type.contentStart, type.end), 'attribute type') !==
        JITSUIN_OID.attrEnrollmentBinding
      )
        continue;
      // ENR-17: exactly one binding attribute, with exactly one OCTET STRING of 32 bytes.
      const [value, more] = items;
      if (binding !== undefined) bad('has more than one enrollment-binding attribute');
      if (
        value === undefined ||
        more !== undefined ||
        value.tag !== 0x04 ||
        value.end - value.contentStart !== BINDING_LENGTH
      )
        bad(`enrollment-binding attribute is not SET { OCTET STRING (${BINDING_LENGTH} bytes) }`);
      binding = der.slice(value.contentStart, value.end);
    }
    // Schema check only (types and structure); the parsed values are not used or re-encoded.
    AsnConvert.parse(der, CertificationRequest);
    infoBytes = der.slice(info.start, info.end);
    spki = der.slice(spkiTlv.start, spkiTlv.end);
    algorithm = der.slice(alg.start, alg.end);
    if (sig.tag !== 0x03 || der[sig.contentStart] !== 0)
      bad('signature is not a BIT STRING without unused bits');
    signature = der.slice(sig.contentStart + 1, sig.end);
  } catch (e) {
    if (isJitsuinError(e, 'ERR_ENROLLMENT_CSR')) throw e;
    return bad(`malformed: ${e instanceof Error ? e.message : String(e)}`, e);
  }
  if (!bytesEqual(algorithm, ECDSA_WITH_SHA256))
    bad('signature algorithm is not ecdsa-with-SHA256');
  let key: EcPublicKey;
  try {
    const k = importSpki(spki);
    if (k.kind !== 'ec' || k.curve !== 'P-256') bad('the requested key is not EC P-256');
    key = k;
  } catch (e) {
    if (isJitsuinError(e, 'ERR_ENROLLMENT_CSR')) throw e;
    return bad(
      `the requested key is not a valid P-256 key: ${e instanceof Error ? e.message : String(e)}`,
      e,
    );
  }
  try {
    await verifyEcdsa(key, infoBytes, signature, { format: 'der' });
  } catch (e) {
    return bad(
      `proof-of-possession signature does not verify${isJitsuinError(e) ? ` (${e.code})` : ''}`,
      e,
    );
  }
  return { publicKey: spki, key, binding };
}
