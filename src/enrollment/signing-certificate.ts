/**
 * Issuance of the accredited signing certificate (spec/certificates.md §10) after JPKI proofing:
 * the person's name exactly as the card's signature certificate gives it, the common code, no
 * other personal data. A separate step from `processEnrollment`, which the CA runs once the
 * proofing of the same request has succeeded.
 * @module
 */
import { fail } from '../internal/fail.js';
import { randomBytes } from '../crypto/hash.js';
import type { JpkiCertificate } from '../jpki/read.js';
import { parseCertificate } from '../x509/certificate.js';
import { name } from '../x509/name.js';
import {
  buildAccreditedSigningCertificate,
  type RevocationPointers,
} from '../x509/profile-builders.js';
import { importSpki } from '../crypto/keys.js';
import type { EnrollmentIssuer } from './process.js';

/** Longest validity of an accredited signing certificate: five years (CERT-43). */
export const MAX_SIGNING_CERTIFICATE_LIFETIME = 5 * 365 * 86400;

/** Inputs of {@link issueAccreditedSigningCertificate}. */
export interface AccreditedSigningIssuance {
  /** The person's JPKI signature certificate, as `validateJpkiCertificate` accepted it at proofing time (`EnrollmentResult.jpki`). */
  readonly jpki: JpkiCertificate;
  /** The person's common code (`EnrollmentResult.commonCode`). */
  readonly commonCode: Uint8Array;
  /** SubjectPublicKeyInfo DER of the key to certify: the app's P-256 key from the proven CSR, or an RSA-2048 key. */
  readonly publicKey: Uint8Array;
  readonly issuer: EnrollmentIssuer;
  /** The CA's current time (the notBefore). */
  readonly time: number;
  /** Validity in seconds (default and maximum five years); never beyond the JPKI certificate or the issuer. */
  readonly lifetime?: number;
  readonly revocationPointers?: RevocationPointers;
  /** Random source for the serial number (default: the platform CSPRNG). Vectors and demos only. */
  readonly random?: (length: number) => Uint8Array;
}

/**
 * Issues the accredited signing certificate of a proofed person: subject `C=JP, CN=<JPKI name>`
 * ([CERT-44]: no address, birth date or sex), the common code, keyUsage digitalSignature +
 * nonRepudiation, the accredited-signing policy, validity at most five years and within the JPKI
 * certificate's ([CERT-43]).
 *
 * @returns the certificate and the chain (certificate, issuing CA, rest of the issuer chain).
 * @throws JitsuinError ERR_INVALID_ARGUMENT (not a signature certificate, bad lifetime),
 *   ERR_CERT_PROFILE (a key other than P-256 or RSA-2048, CERT-42).
 */
export async function issueAccreditedSigningCertificate(
  input: AccreditedSigningIssuance,
): Promise<{ readonly certificate: Uint8Array; readonly chain: readonly Uint8Array[] }> {
  if (input === null || typeof input !== 'object')
    fail('ERR_INVALID_ARGUMENT', 'issueAccreditedSigningCertificate: input is required');
  const { jpki, time } = input;
  if (jpki?.kind !== 'sign' || jpki.personal === undefined)
    fail(
      'ERR_INVALID_ARGUMENT',
      'issueAccreditedSigningCertificate: the proofing certificate must be a JPKI signature certificate',
      'CERT-44',
    );
  if (!Number.isSafeInteger(time) || time < 0)
    fail('ERR_INVALID_ARGUMENT', 'issueAccreditedSigningCertificate: time must be integer seconds');
  const lifetime = input.lifetime ?? MAX_SIGNING_CERTIFICATE_LIFETIME;
  if (
    !Number.isSafeInteger(lifetime) ||
    lifetime < 1 ||
    lifetime > MAX_SIGNING_CERTIFICATE_LIFETIME
  )
    fail(
      'ERR_INVALID_ARGUMENT',
      'issueAccreditedSigningCertificate: lifetime must be 1 s to five years',
      'CERT-43',
    );
  if (time >= jpki.notAfter)
    fail(
      'ERR_INVALID_ARGUMENT',
      'issueAccreditedSigningCertificate: the JPKI certificate has expired',
      'CERT-43',
    );
  const key = importSpki(input.publicKey);
  const acceptable =
    key.kind === 'ec' ? key.curve === 'P-256' : key.bits === 2048 && key.e === 65537n;
  if (!acceptable)
    fail(
      'ERR_CERT_PROFILE',
      'an accredited signing key is EC P-256 or RSA-2048 with e = 65537',
      'CERT-42',
    );
  const issuerCert = parseCertificate(input.issuer.certificate);
  const serial = (input.random ?? randomBytes)(16).slice();
  serial[0] = ((serial[0] ?? 0) & 0x7f) | 0x40;
  const certificate = await buildAccreditedSigningCertificate({
    serialNumber: serial,
    subject: name([
      ['C', 'JP'],
      ['CN', jpki.personal.name],
    ]),
    publicKey: input.publicKey,
    notBefore: time,
    notAfter: Math.min(time + lifetime, jpki.notAfter, issuerCert.notAfter),
    issuer: { certificate: issuerCert, signer: input.issuer.signer },
    commonCode: input.commonCode,
    ...(input.revocationPointers ?? {}),
  });
  return {
    certificate,
    chain: [certificate, input.issuer.certificate, ...(input.issuer.chain ?? [])],
  };
}
