/**
 * `validateJpkiCertificate`: profile, chain to configured J-LIS anchors, validity and revocation
 * of a JPKI end-entity certificate (spec/jpki.md §5–§6).
 * @module
 */
import { isJitsuinError, JitsuinError } from '../errors.js';
import { fail } from '../internal/fail.js';
import { sha256 } from '../crypto/hash.js';
import { hexEncode } from '../encoding/hex.js';
import { parseCertificate } from '../x509/certificate.js';
import { validatePath, type ValidatedPath } from '../x509/validate.js';
import { checkRevocation, type RevocationResult } from '../x509/revocation/check.js';
import {
  readParsedJpkiCertificate,
  type JpkiCertificate,
  type JpkiCertificateKind,
} from './read.js';
import { jpkiRevocationOf, type JpkiRevocationDetails } from './revocation.js';
import type { LoadedCrl } from '../x509/revocation/crl.js';

/** Options of {@link validateJpkiCertificate}. */
export interface ValidateJpkiOptions {
  /** J-LIS root certificates (DER), e.g. `jpkiTrustAnchorCertificates()`; no default, so trust is always explicit. */
  readonly trustAnchors: readonly Uint8Array[];
  /** Validation time, integer seconds since the epoch. */
  readonly time: number;
  /** CRLs obtained from J-LIS: DER, or handles from `loadCrl` ([REV-40]). */
  readonly crls?: readonly (Uint8Array | LoadedCrl)[];
  /** Revocation mode (default `require`: fail closed when no CRL determines the status). */
  readonly mode?: 'require' | 'prefer' | 'off';
  /** Seconds after a CRL's nextUpdate during which it is still used (default 0). */
  readonly crlGracePeriod?: number;
  /** Accept certificates of the JPKI test environment (default false). */
  readonly allowTest?: boolean;
  /** The kind the caller needs (default: either). */
  readonly kind?: JpkiCertificateKind;
}

/** A validated JPKI certificate. */
export interface ValidatedJpkiCertificate {
  readonly jpki: JpkiCertificate;
  /** The path, end entity first, the J-LIS root last. */
  readonly path: ValidatedPath;
  /** Lower-case hex SHA-256 of the root that issued it (identifies the generation). */
  readonly anchorSha256: string;
  readonly revocation: RevocationResult;
}

/**
 * Validates a JPKI end-entity certificate: {@link readJpkiCertificate}'s profile checks, the test
 * policy ([JPKI-18]), an RFC 5280 path directly to one of `trustAnchors` (the issuer is found by
 * signature among same-name root generations, [JPKI-15]/[JPKI-16]), validity at `time`, and
 * revocation from the given CRLs, failing closed ([JPKI-17]). A revoked certificate fails with
 * ERR_REVOKED whose message names the reason and its effect on the common code ([JPKI-19]).
 *
 * @throws JitsuinError ERR_CERT_MALFORMED, ERR_JPKI_PROFILE, ERR_JPKI_TEST_CERTIFICATE,
 *   ERR_PATH_*, ERR_REVOKED, ERR_REVOCATION_UNKNOWN, ERR_CRL_INVALID.
 */
export async function validateJpkiCertificate(
  der: Uint8Array,
  options: ValidateJpkiOptions,
): Promise<ValidatedJpkiCertificate> {
  if (options === null || typeof options !== 'object')
    fail('ERR_INVALID_ARGUMENT', 'validateJpkiCertificate: options are required');
  const jpki = readParsedJpkiCertificate(parseCertificate(der));
  if (options.kind !== undefined && jpki.kind !== options.kind)
    fail(
      'ERR_JPKI_PROFILE',
      `expected a JPKI ${options.kind} certificate, got ${jpki.kind}`,
      'JPKI-02',
    );
  if (jpki.test && options.allowTest !== true)
    fail(
      'ERR_JPKI_TEST_CERTIFICATE',
      `JPKI certificate serial ${jpki.serialNumber} carries the test-environment policy`,
      'JPKI-18',
    );
  const path = await validatePath(der, {
    trustAnchors: options.trustAnchors,
    time: options.time,
    profile: 'none',
    maxIntermediates: 0,
    revocation: { mode: 'off' },
  });
  const anchor = path.anchor;
  const crls = options.crls ?? [];
  let revocation: RevocationResult;
  try {
    revocation = await checkRevocation({
      certificate: path.leaf,
      issuer: anchor,
      path: [anchor, path.leaf],
      time: options.time,
      options: {
        crls,
        mode: options.mode ?? 'require',
        ...(options.crlGracePeriod === undefined ? {} : { crlGracePeriod: options.crlGracePeriod }),
      },
    });
  } catch (e) {
    if (isJitsuinError(e, 'ERR_REVOKED')) {
      const details = jpkiRevocationOf(e);
      const why =
        details === undefined
          ? ''
          : ` (${details.reason}; effect on the common code: ${details.effect})`;
      throw new JitsuinError(
        'ERR_REVOKED',
        `JPKI ${jpki.kind} certificate serial ${jpki.serialNumber} is revoked${why}`,
        {
          requirement: 'JPKI-19',
          cause: e,
          ...(details === undefined ? {} : { details: { ...e.details, effect: details.effect } }),
        },
      );
    }
    if (isJitsuinError(e))
      throw new JitsuinError(e.code, `JPKI certificate serial ${jpki.serialNumber}: ${e.message}`, {
        requirement: 'JPKI-17',
        cause: e,
      });
    throw e;
  }
  return { jpki, path, anchorSha256: hexEncode(sha256(anchor.der)), revocation };
}

/**
 * Why a JPKI certificate is revoked at `time` according to `crls`, or `undefined` when no
 * acceptable CRL lists it: the reason and its effect on the common code ([JPKI-19]). It runs the
 * same `checkRevocation` as {@link validateJpkiCertificate} (mode `prefer`), so only a CRL that is
 * signed by `issuer` (the J-LIS root that issued the certificate), in scope and current at `time`
 * counts, and the reason is that of the CRL entry that decided. It does not validate the
 * certificate's path; a CRL that is rejected makes the status unknown here, not an error.
 *
 * @throws JitsuinError ERR_CERT_MALFORMED when `certificate` or `issuer` is not a certificate.
 */
export async function jpkiRevocationDetails(
  certificate: Uint8Array,
  issuer: Uint8Array,
  crls: readonly (Uint8Array | LoadedCrl)[],
  time: number,
): Promise<JpkiRevocationDetails | undefined> {
  if (!Number.isSafeInteger(time) || time < 0)
    fail('ERR_INVALID_ARGUMENT', 'jpkiRevocationDetails: time must be integer seconds', 'JPKI-19');
  const leaf = parseCertificate(certificate);
  const anchor = parseCertificate(issuer);
  try {
    await checkRevocation({
      certificate: leaf,
      issuer: anchor,
      path: [anchor, leaf],
      time,
      options: { crls, mode: 'prefer' },
    });
    return undefined;
  } catch (e) {
    const details = jpkiRevocationOf(e);
    if (details !== undefined) return details;
    throw e;
  }
}
