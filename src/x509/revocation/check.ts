/**
 * `checkRevocation`: the revocation step of path validation, over CRLs and OCSP responses the
 * caller supplies (no network), failing closed by default.
 * @module
 */
import { isJitsuinError, JitsuinError } from '../../errors.js';
import { fail } from '../../internal/fail.js';
import type { Certificate } from '../certificate.js';
import { MAX_SIGNER_CHECKS, Rejection, type CheckContext } from './context.js';
import { TimeWindow } from '../time-window.js';
import { loadedCrl, parseCrl, type Crl, type LoadedCrl } from './crl.js';
import { evaluateCrls, type CrlFindings } from './crl-check.js';
import { parseOcspResponse, type OcspResponse } from './ocsp.js';
import { evaluateOcsp, type OcspFindings } from './ocsp-check.js';
import { ALL_REASONS, type RevocationReason } from './reasons.js';

/** Default {@link RevocationOptions.ocspMaxAge}: 7 days, the longest validity RFC 6960 deployments commonly give a response. */
export const DEFAULT_OCSP_MAX_AGE = 7 * 24 * 3600;

/** What a relying party supplies for revocation checking. */
export interface RevocationOptions {
  /**
   * CRLs the caller obtained (complete and delta CRLs, any issuer; irrelevant ones are ignored):
   * DER bytes, or handles from `loadCrl` — parsed and indexed once, so that a large CRL costs a
   * lookup per check instead of a hash of its bytes (and a parse on a cache miss) ([REV-40]).
   */
  readonly crls?: readonly (Uint8Array | LoadedCrl)[];
  /** DER OCSPResponse messages the caller obtained. */
  readonly ocspResponses?: readonly Uint8Array[];
  /**
   * `require` (default): a certificate whose status cannot be determined is rejected.
   * `prefer`: status is checked when determinable; otherwise the result is `not-checked`.
   * `off`: nothing is checked and the result is `not-checked` (an explicit opt-out).
   * A certificate found revoked is rejected in `require` and `prefer` mode.
   */
  readonly mode?: 'require' | 'prefer' | 'off';
  /** Oldest acceptable OCSP answer, in seconds after its thisUpdate (default {@link DEFAULT_OCSP_MAX_AGE}). */
  readonly ocspMaxAge?: number;
  /** Seconds after a CRL's nextUpdate during which it is still used (default 0). */
  readonly crlGracePeriod?: number;
}

/** The revocation status of a certificate that is not revoked. */
export interface RevocationResult {
  /** `good`: an acceptable source says not revoked. `not-checked`: mode `off`, or `prefer` without a determinable status. */
  readonly status: 'good' | 'not-checked';
  /** Which kind of source established `good` (OCSP when both did); `none` for `not-checked`. */
  readonly source: 'crl' | 'ocsp' | 'none';
  /**
   * Until when (seconds since the epoch, exclusive) the sources that established `good` may be
   * relied on: the OCSP response's nextUpdate or thisUpdate + ocspMaxAge, or the CRLs' earliest
   * nextUpdate plus crlGracePeriod.
   */
  readonly nextUpdate?: number;
  /**
   * First time (seconds since the epoch) at which this answer may differ, because some source,
   * signer certificate or delegated responder used or considered then becomes stale, expires or
   * becomes valid ([REV-38]); absent when no time bound applies (mode `off`, or nothing was
   * considered). The same inputs give the same result at every time in `[time, validUntil)`.
   */
  readonly validUntil?: number;
}

/**
 * The `details` of every `ERR_REVOKED` that {@link checkRevocation} throws (spec/revocation.md
 * §4, "Revocation details"): the facts of the entry or SingleResponse that revoked the certificate.
 * Read them with {@link revokedDetailsOf}, which also finds them on an error re-thrown by a caller
 * (path validation) that kept the original as `cause`.
 */
export type RevokedDetails = {
  /**
   * The revocation reason as the source gives it (`unspecified` when it gives none). Never
   * `removeFromCRL` from a CRL, whose such entries do not revoke (REV-11).
   */
  readonly reason: RevocationReason;
  /** revocationDate (CRL entry) or revocationTime (OCSP), integer seconds since the epoch. */
  readonly revocationDate: number;
  /** The kind of source that revoked it (OCSP is reported when both did). */
  readonly source: 'crl' | 'ocsp';
  /** Serial number of the revoked certificate: lower-case hex of the INTEGER contents, as `Certificate.serialNumber`. */
  readonly serialNumber: string;
  /** Issuer name of the revoked certificate, in the text form of `DistinguishedName.text`. */
  readonly issuer: string;
  /** thisUpdate of the CRL (of the delta CRL when the entry came from one) or of the SingleResponse, seconds since the epoch. */
  readonly thisUpdate: number;
  /** Source `crl` only: the issuer name of the CRL the entry came from (differs from `issuer` for an indirect CRL). */
  readonly crlIssuer?: string;
  /** Source `crl` only: that CRL's cRLNumber, in decimal (a string, as it may exceed 2^53). */
  readonly crlNumber?: string;
  /** Source `crl` only: true when the entry came from a delta CRL. */
  readonly deltaCrl?: boolean;
};

/**
 * The {@link RevokedDetails} of an `ERR_REVOKED` error, looked up on the error itself and then
 * along its `cause` chain (callers such as `validatePath` re-throw with the original as cause);
 * `undefined` when `error` is not an `ERR_REVOKED` carrying them.
 */
export function revokedDetailsOf(error: unknown): RevokedDetails | undefined {
  let e: unknown = error;
  for (let depth = 0; depth < 8 && isJitsuinError(e, 'ERR_REVOKED'); depth++) {
    const d = e.details;
    if (
      d !== undefined &&
      (d.source === 'crl' || d.source === 'ocsp') &&
      typeof d.reason === 'string' &&
      typeof d.revocationDate === 'number'
    )
      return d as RevokedDetails;
    e = e.cause;
  }
  return undefined;
}

/** Arguments of {@link checkRevocation}. */
export interface CheckRevocationArgs {
  /** The certificate whose status is wanted. */
  readonly certificate: Certificate;
  /** The certificate of the CA that issued it (whose name and key CRLs and OCSP certIDs refer to). */
  readonly issuer: Certificate;
  /**
   * The certification path being validated, trust anchor first when the anchor is a certificate.
   * A certificate that signs CRLs for a CA without being in the path (a separate CRL signer, an
   * indirect CRL issuer) must be issued by a CA certificate of this path.
   */
  readonly path: readonly Certificate[];
  /** Validation time, integer seconds since the epoch. */
  readonly time: number;
  readonly options: RevocationOptions | undefined;
  /** Certificates outside the path that may have signed revocation information (CRL signers, OCSP responders). */
  readonly extraCertificates?: readonly Certificate[];
}

function nonNegativeInteger(value: unknown, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0)
    fail(
      'ERR_INVALID_ARGUMENT',
      `revocation option ${name} must be a non-negative integer number of seconds`,
      'REV-31',
    );
  return value;
}

/** Most OCSP responses one call considers ([REV-39]): each may carry responder certificates to verify. */
export const MAX_OCSP_RESPONSES = 8;

function parseAll<T>(
  items: readonly unknown[] | undefined,
  parse: (der: Uint8Array) => T,
  what: string,
  handle?: (item: unknown) => T | undefined,
): (T | Rejection)[] {
  if (items !== undefined && !Array.isArray(items))
    fail(
      'ERR_INVALID_ARGUMENT',
      `revocation option ${what} must be an array of Uint8Array`,
      'REV-31',
    );
  return (items ?? []).map((der) => {
    const loaded = handle?.(der);
    if (loaded !== undefined) return loaded;
    if (!(der instanceof Uint8Array))
      fail(
        'ERR_INVALID_ARGUMENT',
        `revocation option ${what} must be an array of ${handle === undefined ? 'Uint8Array' : 'Uint8Array or loadCrl handles'}`,
        'REV-31',
      );
    try {
      return parse(der);
    } catch (error) {
      if (isJitsuinError(error) && error.code !== 'ERR_INVALID_ARGUMENT')
        return new Rejection(error.code, error.requirement ?? 'REV-01', error.message);
      throw error;
    }
  });
}

/** The facts of the source that revoked `certificate`, OCSP first; undefined when none did. */
function revokedDetails(
  certificate: Certificate,
  ocsp: OcspFindings,
  crl: CrlFindings,
): RevokedDetails | undefined {
  const common = { serialNumber: certificate.serialNumber, issuer: certificate.issuer.text };
  if (ocsp.revoked) {
    const r = ocsp.revoked;
    return {
      reason: r.reason ?? 'unspecified',
      revocationDate: r.revocationTime ?? r.thisUpdate,
      source: 'ocsp',
      ...common,
      thisUpdate: r.thisUpdate,
    };
  }
  if (!crl.revoked) return undefined;
  const { entry, crl: from } = crl.revoked;
  return {
    reason: entry.reason,
    revocationDate: entry.revocationDate,
    source: 'crl',
    ...common,
    thisUpdate: from.thisUpdate,
    crlIssuer: from.issuer.text,
    ...(from.crlNumber === undefined ? {} : { crlNumber: from.crlNumber.toString() }),
    deltaCrl: from.baseCrlNumber !== undefined,
  };
}

async function run(
  certificate: Certificate,
  issuer: Certificate,
  ctx: CheckContext,
): Promise<RevocationResult> {
  const ocsp = await evaluateOcsp(certificate, issuer, ctx);
  const crl = await evaluateCrls(certificate, issuer, ctx);
  const details = revokedDetails(certificate, ocsp, crl);
  if (details) {
    const when = new Date(details.revocationDate * 1000).toISOString();
    const by =
      details.source === 'ocsp'
        ? 'OCSP response'
        : `${details.deltaCrl === true ? 'delta ' : ''}CRL #${details.crlNumber ?? '?'} of "${details.crlIssuer ?? ''}"`;
    throw new JitsuinError(
      'ERR_REVOKED',
      `certificate serial ${details.serialNumber} from "${details.issuer}" is revoked (${details.reason}, ${when}) according to the ${by} [REV-10]`,
      { requirement: 'REV-10', details },
    );
  }
  if (ocsp.goodUntil !== undefined)
    return { status: 'good', source: 'ocsp', nextUpdate: ocsp.goodUntil };
  if (crl.reasons === ALL_REASONS && crl.nextUpdate !== undefined) {
    return { status: 'good', source: 'crl', nextUpdate: crl.nextUpdate };
  }
  if (ctx.mode === 'prefer') return { status: 'not-checked', source: 'none' };
  const rejections = [...ocsp.rejections, ...crl.rejections];
  const detail =
    rejections.length > 0
      ? `; inputs considered and rejected: ${rejections.map((r) => r.message).join('; ')}`
      : '';
  // Report the first source that was relevant but broke a rule; else "unknown" (fail closed).
  const specific = rejections.find((r) => r.code !== 'ERR_REVOCATION_UNKNOWN');
  if (specific) {
    fail(
      specific.code,
      `revocation status of serial ${certificate.serialNumber} from "${certificate.issuer.text}" cannot be determined${detail}`,
      specific.requirement,
    );
  }
  return fail(
    'ERR_REVOCATION_UNKNOWN',
    `no CRL or OCSP response determines the status of serial ${certificate.serialNumber} from "${certificate.issuer.text}"${detail} [REV-30]`,
    rejections[0]?.requirement ?? 'REV-30',
  );
}

/**
 * Determines the revocation status of `certificate` from the caller's CRLs and OCSP responses
 * at `time` (spec/revocation.md). Resolves `{ status: 'good' }` when an acceptable source says it
 * is not revoked; throws `ERR_REVOKED` when an acceptable source lists it (the message gives the
 * reason and date; the error's `details` is a {@link RevokedDetails}). When no status can be determined it throws in mode `require` (the default):
 * with the code of the first supplied input that was rejected (`ERR_CRL_INVALID`,
 * `ERR_OCSP_INVALID`), else `ERR_REVOCATION_UNKNOWN`; in mode `prefer` it resolves
 * `{ status: 'not-checked' }`. Mode `off` resolves `not-checked` without looking at anything.
 */
export async function checkRevocation(args: CheckRevocationArgs): Promise<RevocationResult> {
  if (args === null || typeof args !== 'object')
    fail('ERR_INVALID_ARGUMENT', 'checkRevocation: arguments are required', 'REV-31');
  const window = new TimeWindow(args.time);
  const result = await checkRevocationWithin(args, window);
  return Number.isFinite(window.validUntil) ? { ...result, validUntil: window.validUntil } : result;
}

/**
 * {@link checkRevocation} with every time comparison recorded in `window`, shared with the path
 * validation that calls it (so that a cached path expires when any of its checks would change). @internal
 */
export async function checkRevocationWithin(
  args: CheckRevocationArgs,
  window: TimeWindow,
): Promise<RevocationResult> {
  const { certificate, issuer, path, time, options } = args;
  if (options !== undefined && (options === null || typeof options !== 'object'))
    fail('ERR_INVALID_ARGUMENT', 'checkRevocation: options must be an object', 'REV-31');
  if (
    typeof certificate !== 'object' ||
    certificate === null ||
    typeof issuer !== 'object' ||
    issuer === null ||
    !Array.isArray(path)
  ) {
    fail(
      'ERR_INVALID_ARGUMENT',
      'checkRevocation: certificate, issuer (parsed certificates) and path are required',
      'REV-31',
    );
  }
  if (!Number.isSafeInteger(time))
    fail(
      'ERR_INVALID_ARGUMENT',
      'checkRevocation: time must be integer seconds since the epoch',
      'REV-31',
    );
  const mode = options?.mode ?? 'require';
  if (mode !== 'require' && mode !== 'prefer' && mode !== 'off')
    fail(
      'ERR_INVALID_ARGUMENT',
      `revocation mode "${String(mode)}" is not require, prefer or off`,
      'REV-31',
    );
  const ocspMaxAge = nonNegativeInteger(options?.ocspMaxAge, 'ocspMaxAge', DEFAULT_OCSP_MAX_AGE);
  const crlGracePeriod = nonNegativeInteger(options?.crlGracePeriod, 'crlGracePeriod', 0);
  if (mode === 'off') return { status: 'not-checked', source: 'none' };
  if (Array.isArray(options?.ocspResponses) && options.ocspResponses.length > MAX_OCSP_RESPONSES) {
    fail(
      'ERR_INPUT_TOO_LARGE',
      `checkRevocation: ${options.ocspResponses.length} OCSP responses, more than the ${MAX_OCSP_RESPONSES} one call considers`,
      'REV-39',
    );
  }
  const ctx: CheckContext = {
    time,
    window,
    mode,
    crls: parseAll<Crl>(options?.crls, parseCrl, 'crls', loadedCrl),
    ocspResponses: parseAll<OcspResponse>(
      options?.ocspResponses,
      parseOcspResponse,
      'ocspResponses',
    ),
    ocspMaxAge,
    crlGracePeriod,
    budget: { signerChecks: MAX_SIGNER_CHECKS },
    path,
    extra: args.extraCertificates ?? [],
    depth: 0,
    inProgress: new Set(),
    checkOther: async (cert, iss, inner) => (await run(cert, iss, inner)).status,
  };
  return run(certificate, issuer, ctx);
}
