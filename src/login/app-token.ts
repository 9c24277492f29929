/**
 * Verification of a JWS signed by an app key, shared by login responses and QR approvals
 * (`spec/login.md` §4.2 steps 1–5).
 * @module
 */
import { fail } from '../internal/fail.js';
import { isIntegerSeconds, type JsonObject } from '../encoding/index.js';
import { verifyJws } from '../jws/index.js';
import {
  validateAppCertificate,
  type AppCertificate,
  type AppCertificateOptions,
} from './app-certificate.js';
import { describe, isRpId } from './rp-id.js';

/** Largest clock tolerance a verifier accepts, seconds ([LOGIN-27]). */
export const MAX_CLOCK_TOLERANCE = 300;

/** Default clock tolerance, seconds. */
export const DEFAULT_CLOCK_TOLERANCE = 60;

/** Checks the verifier configuration (step 1) and returns the clock tolerance. @internal */
export function checkVerifierOptions(
  options: AppCertificateOptions & { readonly clockTolerance?: number },
  where: string,
): number {
  if (typeof options !== 'object' || options === null)
    fail('ERR_INVALID_ARGUMENT', `${where}: options are required`);
  if (!isRpId(options.rpId))
    fail(
      'ERR_INVALID_ARGUMENT',
      `${where}: rpId ${describe(options.rpId)} is not a lowercase DNS host name`,
      'LOGIN-01',
    );
  if (
    !Array.isArray(options.trustAnchors) ||
    options.trustAnchors.length === 0 ||
    !options.trustAnchors.every((a) => a instanceof Uint8Array)
  ) {
    fail(
      'ERR_INVALID_ARGUMENT',
      `${where}: trustAnchors must be a non-empty array of DER certificates`,
      'LOGIN-14',
    );
  }
  if (!isIntegerSeconds(options.time))
    fail('ERR_INVALID_ARGUMENT', `${where}: time must be integer seconds since the epoch`);
  const tolerance = options.clockTolerance ?? DEFAULT_CLOCK_TOLERANCE;
  if (!Number.isSafeInteger(tolerance) || tolerance < 0 || tolerance > MAX_CLOCK_TOLERANCE) {
    fail(
      'ERR_INVALID_ARGUMENT',
      `${where}: clockTolerance ${describe(tolerance)} is not an integer from 0 to ${MAX_CLOCK_TOLERANCE}`,
      'LOGIN-27',
    );
  }
  return tolerance;
}

/**
 * Steps 2–5: the JWS profile with exactly `typ`, the signature under the leaf key, then (as the
 * JWS chain hook) path validation, EKU, revocation and the app binding, then the payload parse.
 * @internal
 */
export async function verifyAppToken(
  token: unknown,
  typ: string,
  options: AppCertificateOptions,
): Promise<{ payload: JsonObject; app: AppCertificate }> {
  if (typeof token !== 'string')
    fail('ERR_JWS_MALFORMED', `token: expected a string, got ${describe(token)}`, 'JWS-01');
  const verified = await verifyJws(token, {
    typ,
    validateChain: (chain) => validateAppCertificate(chain, options),
  });
  if (verified.chain === undefined) fail('ERR_INTERNAL', 'chain validation did not run');
  return { payload: verified.payload, app: verified.chain };
}
