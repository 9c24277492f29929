/**
 * `verifyJpkiSignature`: checks a signature made by the My Number Card (spec/jpki.md §4).
 * @module
 */
import { isJitsuinError } from '../errors.js';
import { fail } from '../internal/fail.js';
import type { RsaPublicKey } from '../crypto/keys.js';
import { verifyRsaPkcs1v15 } from '../crypto/rsa.js';
import { readJpkiCertificate, type JpkiCertificate, type JpkiCertificateKind } from './read.js';
import { objectArgument } from '../internal/args.js';

/** What {@link verifyJpkiSignature} returns on success. */
export interface VerifiedJpkiSignature {
  /** The certificate whose key verified the signature (profile-checked, not yet trusted). */
  readonly certificate: JpkiCertificate;
}

/** Options of {@link verifyJpkiSignature}. */
export interface VerifyJpkiSignatureOptions {
  /** The certificate kind the caller expects (default: either). */
  readonly kind?: JpkiCertificateKind;
}

/**
 * Verifies `signature` over `message` with the key of a JPKI certificate: RSASSA-PKCS1-v1_5 with
 * SHA-256, checked by rebuilding the whole expected encoded message (no padding parsing) ([JPKI-13]).
 * The certificate passes {@link readJpkiCertificate} first, so only RSA-2048 e = 65537 keys are
 * used. This establishes possession of the card's key, not trust in the certificate: call
 * `validateJpkiCertificate` for that.
 *
 * @param certificate DER of the JPKI certificate, or the result of {@link readJpkiCertificate}.
 * @throws JitsuinError ERR_JPKI_PROFILE (wrong kind or profile), ERR_SIGNATURE_INVALID.
 */
export async function verifyJpkiSignature(
  certificate: Uint8Array | JpkiCertificate,
  message: Uint8Array,
  signature: Uint8Array,
  options: VerifyJpkiSignatureOptions = {},
): Promise<VerifiedJpkiSignature> {
  objectArgument(options, 'verifyJpkiSignature: options');
  objectArgument(certificate, 'verifyJpkiSignature: certificate');
  const jpki = certificate instanceof Uint8Array ? readJpkiCertificate(certificate) : certificate;
  if (options.kind !== undefined && jpki.kind !== options.kind)
    fail(
      'ERR_JPKI_PROFILE',
      `verifyJpkiSignature: expected a ${options.kind} certificate, got ${jpki.kind}`,
      'JPKI-13',
    );
  if (!(message instanceof Uint8Array) || !(signature instanceof Uint8Array))
    fail('ERR_INVALID_ARGUMENT', 'verifyJpkiSignature: message and signature must be Uint8Array');
  const key = jpki.certificate.publicKey as RsaPublicKey;
  try {
    await verifyRsaPkcs1v15(key, message, signature, 'SHA-256');
  } catch (e) {
    if (isJitsuinError(e) && e.code === 'ERR_SIGNATURE_INVALID') {
      fail(
        'ERR_SIGNATURE_INVALID',
        `JPKI signature does not verify under the ${jpki.kind} certificate serial ${jpki.serialNumber}`,
        'JPKI-13',
        e,
      );
    }
    throw e;
  }
  return { certificate: jpki };
}
