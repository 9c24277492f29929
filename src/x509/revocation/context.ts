/**
 * Shared state of one revocation check, and the authorisation of a certificate that signs
 * revocation information on behalf of a CA (a separate CRL signer, an indirect CRL issuer, a
 * delegated OCSP responder): valid at the time, issued by a CA of the path, and itself not revoked.
 * @internal
 */
import { bytesEqual } from '../../encoding/bytes.js';
import { hexEncode } from '../../encoding/hex.js';
import { JitsuinError, type ErrorCode } from '../../errors.js';
import type { Certificate } from '../certificate.js';
import { UNDERSTOOD_EXTENSIONS } from '../extensions.js';
import { namesMatch } from '../name.js';
import type { Crl } from './crl.js';
import type { OcspResponse } from './ocsp.js';
import { verifySignature } from './signature.js';
import type { TimeWindow } from '../time-window.js';

/** Deepest nesting of signer revocation checks (a signer's signer's ...); bounds work on hostile input. */
export const MAX_SIGNER_DEPTH = 4;

/** Most signer revocation checks one `checkRevocation` call may start, in total (bounds hostile CRL sets). */
export const MAX_SIGNER_CHECKS = 32;

/** A revocation input that was considered and rejected, with the rule it broke. @internal */
export class Rejection {
  constructor(
    readonly code: ErrorCode,
    readonly requirement: string,
    readonly message: string,
  ) {}
  /** As a thrown error. */
  toError(): JitsuinError {
    return new JitsuinError(this.code, this.message, { requirement: this.requirement });
  }
}

/** Parsed inputs and resolved policy of one check. @internal */
export interface CheckContext {
  readonly time: number;
  /** Every time comparison goes through it, so that the check knows until when its answer holds ([REV-38]). */
  readonly window: TimeWindow;
  readonly mode: 'require' | 'prefer';
  readonly crls: readonly (Crl | Rejection)[];
  readonly ocspResponses: readonly (OcspResponse | Rejection)[];
  readonly ocspMaxAge: number;
  readonly crlGracePeriod: number;
  readonly path: readonly Certificate[];
  readonly extra: readonly Certificate[];
  readonly depth: number;
  /** Signer checks left for the whole call (shared by nested contexts). */
  readonly budget: { signerChecks: number };
  /** Hex DER of signer certificates whose own status is being established (breaks self-reference). */
  readonly inProgress: ReadonlySet<string>;
  /** Runs a full revocation check of another certificate (a signer) with this context's inputs; throws when it is revoked or (mode `require`) undetermined. */
  readonly checkOther: (
    certificate: Certificate,
    issuer: Certificate,
    context: CheckContext,
  ) => Promise<'good' | 'not-checked'>;
}

/**
 * Whether a signer may speak for a CA of the path. `statusChecked` is false when mode `prefer`
 * accepted it without a determinable status of its own: what it signs may then revoke, but may
 * not establish that a certificate is not revoked. @internal
 */
export type DelegateVerdict =
  | { readonly authorised: true; readonly statusChecked: boolean }
  | { readonly authorised: false; readonly why: string };

/** True when `a` and `b` are the same certificate. @internal */
export function sameCertificate(a: Certificate, b: Certificate): boolean {
  return a === b || bytesEqual(a.der, b.der);
}

/** Every distinct certificate of the path and the extra certificates. @internal */
export function knownCertificates(
  ctx: CheckContext,
  more: readonly Certificate[] = [],
): Certificate[] {
  const out: Certificate[] = [];
  for (const c of [...ctx.path, ...ctx.extra, ...more])
    if (!out.some((o) => sameCertificate(o, c))) out.push(c);
  return out;
}

/**
 * Checks that `signer`, a certificate that is not itself in the path, may speak for a CA of the
 * path: inside its validity period at the time, no critical extension left unprocessed, issued
 * (name chaining and signature) by a CA certificate of the path, and not revoked. Returns why not,
 * or undefined when it is authorised.
 * @internal
 */
export async function authoriseDelegate(
  signer: Certificate,
  ctx: CheckContext,
  requirement: string,
): Promise<DelegateVerdict> {
  const no = (why: string): DelegateVerdict => ({
    authorised: false,
    why: `${why} [${requirement}]`,
  });
  if (!ctx.window.within(signer.notBefore, signer.notAfter))
    return no(`signer certificate "${signer.subject.text}" is not valid at the time`);
  const unknown = signer.extensions.find((e) => e.critical && !UNDERSTOOD_EXTENSIONS.has(e.oid));
  if (unknown)
    return no(
      `signer certificate "${signer.subject.text}" has unknown critical extension ${unknown.oid}`,
    );
  let issuer: Certificate | undefined;
  for (const candidate of ctx.path) {
    if (!namesMatch(candidate.subject, signer.issuer) || candidate.basicConstraints?.ca !== true)
      continue;
    if (candidate.keyUsage && !candidate.keyUsage.has('keyCertSign')) continue;
    if (
      (await verifySignature(
        signer.tbs,
        signer.signatureAlgorithm,
        signer.signature,
        candidate.subjectPublicKeyInfo,
      )) === undefined
    ) {
      issuer = candidate;
      break;
    }
  }
  if (!issuer)
    return no(`signer certificate "${signer.subject.text}" is not issued by a CA of the path`);
  const id = hexEncode(signer.der);
  // Its status is the question being answered further up, which decides how far it counts.
  if (ctx.inProgress.has(id)) return { authorised: true, statusChecked: true };
  if (ctx.depth >= MAX_SIGNER_DEPTH)
    return no(`signer certificate chain nests deeper than ${MAX_SIGNER_DEPTH}`);
  if (ctx.budget.signerChecks <= 0)
    return no(`more than ${MAX_SIGNER_CHECKS} signer certificates to check`);
  ctx.budget.signerChecks--;
  try {
    const status = await ctx.checkOther(signer, issuer, {
      ...ctx,
      depth: ctx.depth + 1,
      inProgress: new Set([...ctx.inProgress, id]),
    });
    return { authorised: true, statusChecked: status === 'good' };
  } catch (error) {
    return no(
      `signer certificate "${signer.subject.text}": ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
