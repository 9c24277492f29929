/**
 * The input and result types of path validation, apart from `validate.ts` so that the path cache
 * can name them without importing the validator (which imports the cache).
 * @module
 */
import type { RevocationOptions, RevocationResult } from './revocation/index.js';
import type { Certificate } from './certificate.js';
import type { AppBinding, KeyProtection } from './extensions.js';
import type { PolicyInputs } from './policy.js';
import type { CertificateProfile } from './profiles.js';

/** Inputs of {@link validatePath}. */
export interface ValidatePathOptions {
  /** Candidate intermediate CA certificates (DER), in any order; unusable ones are ignored. */
  readonly intermediates?: readonly Uint8Array[];
  /** Trust anchors as DER certificates. Their signatures are not checked; their validity, basicConstraints, keyUsage, pathLenConstraint and nameConstraints are (PATH-12). */
  readonly trustAnchors: readonly Uint8Array[];
  /** Validation time, integer seconds since the epoch. */
  readonly time: number;
  /** Profile the end entity must satisfy (default `none`: RFC 5280 only). */
  readonly profile?: CertificateProfile;
  /** An extended key usage the end entity must carry, in addition to the profile's. */
  readonly requiredEku?: string;
  /** Revocation inputs. Absent means mode `require` with no data, which fails closed: pass `{ mode: 'off' }` to opt out explicitly. */
  readonly revocation?: RevocationOptions;
  /** RFC 5280 policy inputs (user-initial-policy-set and the three initial flags). */
  readonly policy?: PolicyInputs;
  /** Most intermediates a path may have (default 6). */
  readonly maxIntermediates?: number;
  /** Smallest RSA modulus accepted, in bits (default 2048; lower only for external test suites). */
  readonly minRsaBits?: number;
  /** Certificates that may have signed revocation data without being in the path (CRL signers, OCSP responders). */
  readonly revocationSigners?: readonly Uint8Array[];
  /** Use and fill the validated-path cache (default true). */
  readonly cache?: boolean;
  /**
   * Apply the RFC 5280 §4 issuance rules CERT-03..CERT-10 and CERT-27 to every certificate of the
   * path (default true). Only profile `none` may turn them off, for legacy data and for NIST PKITS,
   * which tests the §6 algorithm with certificates that break some of them on purpose.
   */
  readonly issuanceChecks?: boolean;
}

/**
 * A validated certification path and the profile fields of its end entity. Each call returns its
 * own object and its own copy of `commonCode`; the parsed certificates in `path`, `leaf` and
 * `anchor` are shared with the certificate and path caches: treat them, and the byte arrays in
 * them, as read-only.
 */
export interface ValidatedPath {
  /** The path, end entity first, trust anchor last. */
  readonly path: readonly Certificate[];
  readonly leaf: Certificate;
  readonly anchor: Certificate;
  readonly profile: CertificateProfile;
  /** The 16-byte common code, when the end entity carries one. */
  readonly commonCode?: Uint8Array;
  /** Its text form (`formatCommonCode`). */
  readonly commonCodeText?: string;
  readonly appBinding?: AppBinding;
  readonly keyProtection?: KeyProtection;
  /** The end entity's subject in printable form. */
  readonly subjectName: string;
  /** The user-constrained policy set (RFC 5280 §6.1.6); `2.5.29.32.0` when any policy is acceptable. */
  readonly policies: readonly string[];
  /** Revocation results for each certificate below the anchor, end entity first. */
  readonly revocation: readonly RevocationResult[];
  /**
   * First time (seconds since the epoch) at which this result may no longer hold, exclusive: the
   * earliest instant at which any time rule evaluated during the validation — of the path's
   * certificates, of the candidates it tried, of every CRL, OCSP response, CRL signer and
   * delegated responder considered — would answer differently ([PATH-14], [REV-38]). For a path
   * this is at most the earliest notAfter + 1 and, with revocation, the earliest nextUpdate.
   */
  readonly validUntil: number;
}
