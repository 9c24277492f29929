/**
 * Issuance rules of RFC 5280 §4.2 that every certificate of a path must meet, whatever the profile
 * (spec/certificates.md §2). RFC 5280 addresses most of them to CAs; jitsuin rejects certificates
 * that break them instead of guessing, because each one protects path building or the meaning of
 * a constraint.
 * @module
 */
import { importSpki } from '../crypto/keys.js';
import { isJitsuinError, type ErrorCode } from '../errors.js';
import { fail } from '../internal/fail.js';
import { bytesEqual } from '../encoding/bytes.js';
import type { Certificate } from './certificate.js';
import { PKIX_OID } from './oids.js';

/** Where a certificate sits in the path. @internal */
export type PathRole = 'anchor' | 'ca' | 'leaf';

function critical(cert: Certificate, oid: string): boolean | undefined {
  return cert.extensions.find((e) => e.oid === oid)?.critical;
}

function reject(
  label: string,
  message: string,
  requirement: string,
  code: ErrorCode = 'ERR_CERT_PROFILE',
): never {
  return fail(code, `${label}: ${message}`, requirement);
}

/** Checks the certificate's public key is one jitsuin verifies with (CERT-05). @internal */
export function checkAdmittedKey(cert: Certificate, label: string, minRsaBits?: number): void {
  try {
    const key = importSpki(
      cert.subjectPublicKeyInfo,
      minRsaBits === undefined ? {} : { minRsaBits },
    );
    if (key.kind === 'rsa' && key.bits % 8 !== 0)
      reject(
        label,
        `RSA modulus of ${key.bits} bits is not a whole number of octets`,
        'CERT-05',
        'ERR_INVALID_KEY',
      );
  } catch (e) {
    if (isJitsuinError(e)) {
      const code: ErrorCode =
        e.code === 'ERR_UNSUPPORTED_ALGORITHM' ? 'ERR_UNSUPPORTED_ALGORITHM' : 'ERR_INVALID_KEY';
      return reject(label, `certified public key not admitted: ${e.message}`, 'CERT-05', code);
    }
    throw e;
  }
}

/** Checks the RFC 5280 issuance rules for a certificate in role `role`. @internal */
export function checkIssuanceRules(cert: Certificate, role: PathRole, label: string): void {
  const isCa = role !== 'leaf';
  // CERT-03: authorityKeyIdentifier.
  const aki = cert.authorityKeyId;
  if (aki !== undefined) {
    if (critical(cert, PKIX_OID.authorityKeyIdentifier) === true)
      reject(label, 'authorityKeyIdentifier is critical', 'CERT-03');
    if (aki.keyIdentifier === undefined)
      reject(label, 'authorityKeyIdentifier lacks keyIdentifier', 'CERT-03');
    if (role === 'anchor' && cert.selfIssued) {
      // A self-issued root names itself: anything but its own key identifier there is contradictory.
      if (cert.subjectKeyId !== undefined && !bytesEqual(aki.keyIdentifier, cert.subjectKeyId))
        reject(
          label,
          'self-issued anchor whose authorityKeyIdentifier differs from its subjectKeyIdentifier',
          'CERT-03',
        );
      if (aki.authorityCertIssuer !== undefined || aki.authorityCertSerialNumber !== undefined)
        reject(
          label,
          'self-issued anchor whose authorityKeyIdentifier names an issuer certificate',
          'CERT-03',
        );
    }
  } else if (role !== 'anchor') {
    // A trust anchor's own issuer lies outside the path, so its AKI is not needed to build it.
    reject(label, 'authorityKeyIdentifier is absent (only a trust anchor may omit it)', 'CERT-03');
  }
  // CERT-04: subjectKeyIdentifier.
  if (critical(cert, PKIX_OID.subjectKeyIdentifier) === true)
    reject(label, 'subjectKeyIdentifier is critical', 'CERT-04');
  if (isCa && cert.subjectKeyId === undefined)
    reject(label, 'a CA certificate without subjectKeyIdentifier', 'CERT-04');
  // CERT-10: basicConstraints critical in CA certificates.
  if (isCa && critical(cert, PKIX_OID.basicConstraints) !== true)
    reject(label, 'a CA certificate without a critical basicConstraints', 'CERT-10');
  // CERT-06: keyCertSign only with cA TRUE.
  if (cert.keyUsage?.has('keyCertSign') === true && cert.basicConstraints?.ca !== true)
    reject(
      label,
      'keyUsage keyCertSign without basicConstraints cA TRUE',
      'CERT-06',
      'ERR_PATH_KEY_USAGE',
    );
  // CERT-27: an end entity is not a CA.
  if (!isCa && cert.basicConstraints?.ca === true)
    reject(label, 'the end-entity certificate is a CA certificate', 'CERT-27');
  // CERT-07: nameConstraints only in CA certificates, critical.
  if (cert.nameConstraints !== undefined) {
    if (!isCa)
      reject(
        label,
        'nameConstraints in an end-entity certificate',
        'CERT-07',
        'ERR_PATH_NAME_CONSTRAINTS',
      );
    if (critical(cert, PKIX_OID.nameConstraints) !== true)
      reject(label, 'nameConstraints is not critical', 'CERT-07', 'ERR_PATH_NAME_CONSTRAINTS');
  }
  // CERT-08: policy constraints and inhibitAnyPolicy critical.
  if (cert.policyConstraints !== undefined && critical(cert, PKIX_OID.policyConstraints) !== true)
    reject(label, 'policyConstraints is not critical', 'CERT-08', 'ERR_PATH_POLICY');
  if (cert.inhibitAnyPolicy !== undefined && critical(cert, PKIX_OID.inhibitAnyPolicy) !== true)
    reject(label, 'inhibitAnyPolicy is not critical', 'CERT-08', 'ERR_PATH_POLICY');
  // CERT-09: informational extensions non-critical; subjectAltName critical exactly when the subject is empty.
  if (critical(cert, PKIX_OID.authorityInfoAccess) === true)
    reject(label, 'authorityInfoAccess is critical', 'CERT-09');
  if (critical(cert, PKIX_OID.extKeyUsage) === true)
    reject(label, 'extKeyUsage is critical', 'CERT-09', 'ERR_PATH_EKU');
  // Implementations disagree on what an EKU in a root means (constraint or nothing); a root with one is ambiguous.
  if (role === 'anchor' && cert.selfIssued && cert.extKeyUsage !== undefined)
    reject(label, 'a self-issued trust anchor carries extKeyUsage', 'CERT-09', 'ERR_PATH_EKU');
  const sanCritical = critical(cert, PKIX_OID.subjectAltName);
  if (cert.subject.rdns.length === 0) {
    if (sanCritical !== true)
      reject(label, 'empty subject without a critical subjectAltName', 'CERT-09');
  } else if (sanCritical === true) {
    reject(label, 'subjectAltName is critical although the subject is not empty', 'CERT-09');
  }
}
