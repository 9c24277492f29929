/**
 * Revocation status from CRLs (RFC 5280 §6.3.3, with delta CRLs): which CRLs apply, whether each
 * may be used, and what they say about the certificate.
 * @internal
 */
import { bytesEqual } from '../../encoding/bytes.js';
import type { Certificate } from '../certificate.js';
import { namesMatch } from '../name.js';
import {
  authoriseDelegate,
  knownCertificates,
  Rejection,
  sameCertificate,
  type CheckContext,
} from './context.js';
import type { Crl, CrlEntry } from './crl.js';
import { ALL_REASONS, maskToText } from './reasons.js';
import { crlScope } from './scope.js';
import { verifySignatureOnce } from './signature.js';

/** What the CRLs established about one certificate. @internal */
export interface CrlFindings {
  /** Set when an acceptable CRL lists the certificate. */
  readonly revoked: { readonly entry: CrlEntry; readonly crl: Crl } | undefined;
  /** Reasons covered by acceptable CRLs that do not list the certificate. */
  readonly reasons: number;
  /** Earliest nextUpdate plus crlGracePeriod among the CRLs used (end of the finding's validity, exclusive). */
  readonly nextUpdate: number | undefined;
  readonly rejections: readonly Rejection[];
}

function reject(crl: Crl, requirement: string, message: string): Rejection {
  return new Rejection(
    'ERR_CRL_INVALID',
    requirement,
    `CRL from "${crl.issuer.text}"${crl.crlNumber === undefined ? '' : ` #${crl.crlNumber}`}: ${message} [${requirement}]`,
  );
}

/** Profile, time and critical-extension rules every CRL used must meet (before its signature is checked). */
function timelinessProblem(crl: Crl, ctx: CheckContext): Rejection | undefined {
  if (crl.unknownCriticalExtensions.length > 0)
    return reject(
      crl,
      'REV-08',
      `unknown critical extension ${crl.unknownCriticalExtensions.join(', ')}`,
    );
  // RFC 5280 §5.2.3: conforming CRL issuers MUST include cRLNumber and mark it non-critical.
  if (crl.crlNumber === undefined)
    return reject(
      crl,
      'REV-37',
      'has no cRLNumber extension, which RFC 5280 §5.2.3 requires of every CRL',
    );
  if (crl.crlNumberCritical)
    return reject(
      crl,
      'REV-37',
      'marks its cRLNumber extension critical, which RFC 5280 §5.2.3 forbids',
    );
  if (crl.nextUpdate === undefined)
    return reject(crl, 'REV-06', 'has no nextUpdate, so its freshness cannot be judged');
  if (!ctx.window.reached(crl.thisUpdate))
    return reject(
      crl,
      'REV-04',
      `thisUpdate ${crl.thisUpdate} is after the validation time ${ctx.time} (not yet valid)`,
    );
  if (ctx.window.reached(crl.nextUpdate + ctx.crlGracePeriod))
    return reject(
      crl,
      'REV-05',
      `nextUpdate ${crl.nextUpdate} is not after the validation time ${ctx.time} (stale)`,
    );
  return undefined;
}

/**
 * Finds the key that signed `crl` and checks it may sign CRLs for the certificate's issuer:
 * the issuer itself, or another certificate with the CRL issuer's name that the path's CA issued.
 * Returns why not; or `unchecked` when mode `prefer` accepted a separate signer whose own status is
 * undetermined (the CRL may then revoke but not establish good); or undefined.
 */
async function signerProblem(
  crl: Crl,
  issuer: Certificate,
  ctx: CheckContext,
): Promise<Rejection | 'unchecked' | undefined> {
  const candidates = knownCertificates(ctx, [issuer]).filter((c) =>
    namesMatch(c.subject, crl.issuer),
  );
  // Key rollover: try the certificate whose subjectKeyIdentifier the CRL names first.
  candidates.sort((a, b) => Number(matchesAki(b, crl)) - Number(matchesAki(a, crl)));
  let problem: Rejection | undefined;
  for (const signer of candidates) {
    if (signer.keyUsage && !signer.keyUsage.has('cRLSign')) {
      problem ??= reject(
        crl,
        'REV-03',
        `signer "${signer.subject.text}" has keyUsage without cRLSign`,
      );
      continue;
    }
    const why = await verifySignatureOnce(
      crl,
      crl.tbs,
      crl.signatureAlgorithm,
      crl.signature,
      signer.subjectPublicKeyInfo,
    );
    if (why !== undefined) {
      if (!problem || problem.requirement !== 'REV-03')
        problem = reject(
          crl,
          'REV-02',
          `signature does not verify under "${signer.subject.text}": ${why}`,
        );
      continue;
    }
    if (sameCertificate(signer, issuer) || ctx.path.some((p) => sameCertificate(p, signer)))
      return undefined;
    const delegate = await authoriseDelegate(signer, ctx, 'REV-07');
    if (delegate.authorised) return delegate.statusChecked ? undefined : 'unchecked';
    problem = reject(crl, 'REV-07', delegate.why);
  }
  return (
    problem ??
    reject(crl, 'REV-02', 'no certificate of the path or the extra certificates can have signed it')
  );
}

function matchesAki(cert: Certificate, crl: Crl): boolean {
  return (
    crl.authorityKeyId !== undefined &&
    cert.subjectKeyId !== undefined &&
    bytesEqual(cert.subjectKeyId, crl.authorityKeyId)
  );
}

/**
 * The entry listing `certificate`, if any (an indirect CRL names the certificate issuer per entry).
 * When one CRL has several entries for the certificate, a revoking one wins over removeFromCRL.
 */
function entryFor(crl: Crl, certificate: Certificate): CrlEntry | undefined {
  const mine = (crl.entries.get(certificate.serialNumber) ?? []).filter(
    (e) => e.certificateIssuer !== undefined && namesMatch(e.certificateIssuer, certificate.issuer),
  );
  return mine.find((e) => e.reason !== 'removeFromCRL') ?? mine[0];
}

/** The delta CRLs that update `base` (RFC 5280 §5.2.4 and §6.3.3 (c)). */
function deltasFor(base: Crl, deltas: readonly Crl[]): Crl[] {
  if (base.crlNumber === undefined) return [];
  const baseNumber = base.crlNumber;
  return deltas.filter(
    (d) =>
      namesMatch(d.issuer, base.issuer) &&
      (d.baseCrlNumber ?? 0n) <= baseNumber &&
      d.crlNumber !== undefined &&
      d.crlNumber > baseNumber &&
      (d.issuingDistributionPoint?.der === undefined) ===
        (base.issuingDistributionPoint?.der === undefined) &&
      (d.issuingDistributionPoint === undefined ||
        bytesEqual(
          d.issuingDistributionPoint.der,
          base.issuingDistributionPoint?.der ?? new Uint8Array(),
        )) &&
      (d.authorityKeyId === undefined ||
        base.authorityKeyId === undefined ||
        bytesEqual(d.authorityKeyId, base.authorityKeyId)),
  );
}

/** A complete CRL found acceptable for the certificate, with its applicable deltas and what they list. */
interface Usable {
  readonly crl: Crl;
  /** The cRLNumber this finding speaks for: of the newest acceptable delta applied, else of the complete CRL. */
  readonly number: bigint;
  /** The entry listing the certificate as revoked (removeFromCRL already applied). */
  readonly entry: CrlEntry | undefined;
  /** The CRL the entry comes from. */
  readonly from: Crl;
  /**
   * Reasons for which the absence of an entry counts as "not revoked"; 0 when the CRL may only
   * revoke (an unacceptable delta at or above the newest acceptable one, or a signer of
   * undetermined status in mode `prefer`).
   */
  readonly reasons: number;
  /** Earliest nextUpdate (plus grace) of the complete CRL and the deltas applied. */
  readonly nextUpdate: number;
}

/** A hold ends when a newer acceptable CRL of the same issuer and scope no longer lists the certificate. */
function holdReleased(held: Usable, usable: readonly Usable[]): boolean {
  return usable.some(
    (u) =>
      u !== held &&
      u.entry === undefined &&
      u.reasons !== 0 &&
      namesMatch(u.crl.issuer, held.crl.issuer) &&
      bytesEqual(
        u.crl.issuingDistributionPoint?.der ?? new Uint8Array(),
        held.crl.issuingDistributionPoint?.der ?? new Uint8Array(),
      ) &&
      u.number > held.number,
  );
}

/** One delta CRL that applies to a complete CRL, judged by rules 4–10. */
interface JudgedDelta {
  readonly delta: Crl;
  readonly number: bigint;
  /** `ok`: acceptable; `unchecked`: mode prefer, signer of undetermined status (may revoke only). */
  readonly verdict: 'ok' | 'unchecked' | Rejection;
}

/**
 * What a complete CRL and the deltas that apply to it say about the certificate ([REV-13]).
 * Every acceptable delta contributes: its revoking entries revoke, whatever newer deltas say
 * (a delta repeats the changes since its base, so an honest newer delta agrees), and a
 * removeFromCRL entry of an acceptable delta releases a certificateHold listed before it in
 * cRLNumber order. An unacceptable delta numbered at or above the newest acceptable one (a
 * forgery, a stale or a not-yet-valid delta, or a second CRL with that number) means the caller
 * holds newer information it cannot trust: the finding may then revoke but not establish good.
 */
function combine(
  crl: Crl,
  judged: readonly JudgedDelta[],
  certificate: Certificate,
): Omit<Usable, 'crl' | 'reasons'> & { readonly blocking: JudgedDelta | undefined } {
  const acceptable = judged
    .filter((j) => !(j.verdict instanceof Rejection))
    .sort((a, b) => (a.number < b.number ? -1 : a.number > b.number ? 1 : 0));
  const number = acceptable.reduce(
    (n, j) => (j.verdict === 'ok' && j.number > n ? j.number : n),
    crl.crlNumber as bigint,
  );
  const blocking = judged.find((j) => j.verdict !== 'ok' && j.number >= number);
  let entry = entryFor(crl, certificate);
  let from = crl;
  if (entry?.reason === 'removeFromCRL') entry = undefined;
  let nextUpdate = crl.nextUpdate ?? Infinity;
  for (const { delta, verdict } of acceptable) {
    nextUpdate = Math.min(nextUpdate, delta.nextUpdate ?? Infinity);
    const e = entryFor(delta, certificate);
    if (e === undefined) continue;
    if (e.reason === 'removeFromCRL') {
      // Only a delta that may establish "not revoked" releases a hold; nothing releases a permanent revocation.
      if (entry?.reason === 'certificateHold' && verdict === 'ok') {
        entry = undefined;
        from = crl;
      }
      continue;
    }
    if (entry === undefined || entry.reason === 'certificateHold') {
      entry = e;
      from = delta;
    }
  }
  return { number, entry, from, nextUpdate, blocking };
}

/** Evaluates every CRL the caller supplied against `certificate`. @internal */
export async function evaluateCrls(
  certificate: Certificate,
  issuer: Certificate,
  ctx: CheckContext,
): Promise<CrlFindings> {
  const rejections: Rejection[] = [];
  const deltas = ctx.crls.filter(
    (item): item is Crl => !(item instanceof Rejection) && item.baseCrlNumber !== undefined,
  );
  const usable: Usable[] = [];
  // In the order supplied, so that the first rejected input is the one reported ([REV-30]).
  for (const crl of ctx.crls) {
    if (crl instanceof Rejection) {
      rejections.push(crl);
      continue;
    }
    if (crl.baseCrlNumber !== undefined) continue; // a delta counts only through its complete CRL ([REV-12])
    const scope = crlScope(crl, certificate);
    if (!scope.covered) continue; // another CA's or another partition's CRL: irrelevant, not an error
    const problem = timelinessProblem(crl, ctx) ?? (await signerProblem(crl, issuer, ctx));
    if (problem instanceof Rejection) {
      rejections.push(problem);
      continue;
    }
    const judged: JudgedDelta[] = [];
    for (const delta of deltasFor(crl, deltas)) {
      const verdict =
        timelinessProblem(delta, ctx) ?? (await signerProblem(delta, issuer, ctx)) ?? 'ok';
      judged.push({ delta, number: delta.crlNumber as bigint, verdict });
    }
    const { blocking, ...found } = combine(crl, judged, certificate);
    // A CRL or delta from a signer of undetermined status may list revocations but covers no reason.
    const unverified = problem === 'unchecked' || blocking?.verdict === 'unchecked';
    usable.push({
      crl,
      ...found,
      reasons: unverified || blocking !== undefined ? 0 : scope.reasons,
      nextUpdate: found.nextUpdate + ctx.crlGracePeriod,
    });
    if (blocking?.verdict instanceof Rejection) {
      rejections.push(
        reject(
          crl,
          'REV-13',
          `its delta CRL #${blocking.number} is not acceptable: ${blocking.verdict.message}`,
        ),
      );
    } else if (unverified) {
      rejections.push(
        reject(
          crl,
          'REV-07',
          'it or its newest delta CRL is signed by a separate CRL signer whose own revocation status cannot be determined (mode prefer): it can revoke, not establish good',
        ),
      );
    }
  }
  let reasons = 0;
  let nextUpdate: number | undefined;
  for (const u of usable) {
    if (u.entry && !(u.entry.reason === 'certificateHold' && holdReleased(u, usable))) {
      return { revoked: { entry: u.entry, crl: u.from }, reasons, nextUpdate, rejections };
    }
  }
  for (const u of usable) {
    reasons |= u.reasons;
    nextUpdate = nextUpdate === undefined ? u.nextUpdate : Math.min(nextUpdate, u.nextUpdate);
  }
  if (reasons !== 0 && reasons !== ALL_REASONS) {
    rejections.push(
      new Rejection(
        'ERR_REVOCATION_UNKNOWN',
        'REV-09',
        `the acceptable CRLs cover only the reasons ${maskToText(reasons)} [REV-09]`,
      ),
    );
  }
  return { revoked: undefined, reasons, nextUpdate, rejections };
}
