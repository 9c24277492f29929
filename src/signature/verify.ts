/**
 * `verifyCades`: CAdES-B-B / B-T verification under the jitsuin policy (spec/signature.md §4, §6,
 * §7): the signature checks, the signer's certification path with revocation (fail closed), and
 * for B-T the time-stamp and the "as of the time-stamp" rule.
 * @module
 */
import { isJitsuinError, JitsuinError } from '../errors.js';
import { fail } from '../internal/fail.js';
import type { HashName } from '../crypto/hash.js';
import type { Certificate } from '../x509/certificate.js';
import { PKIX_OID } from '../x509/oids.js';
import {
  checkRevocation,
  revokedDetailsOf,
  type RevocationOptions,
} from '../x509/revocation/check.js';
import type { RevocationReason } from '../x509/revocation/reasons.js';
import { validatePath, type ValidatedPath } from '../x509/validate.js';
import { JPKI_OID } from '../jpki/oids.js';
import { readParsedJpkiCertificate } from '../jpki/read.js';
import { checkCades, type CadesData } from './cades-check.js';
import { CMS_OID } from './oids.js';
import { checkTimestampToken, type CheckedTimestamp } from './internal/timestamp.js';

/** Clock tolerance between the signer's, the TSA's and the verifier's clocks (seconds). */
export const CADES_CLOCK_SKEW = 300;

/** Options of {@link verifyCades}. Pass exactly one of `content` and `digest` for a detached signature. */
export interface VerifyCadesOptions {
  /** The signed document. */
  readonly content?: Uint8Array;
  /** Its digest under the signature's digestAlgorithm (SHA-256 for jitsuin signers). */
  readonly digest?: Uint8Array;
  /** Trust anchors (DER): the accredited CA's root and/or the J-LIS signature roots. */
  readonly trustAnchors: readonly Uint8Array[];
  /** Extra candidate intermediates beyond those the signature carries. */
  readonly intermediates?: readonly Uint8Array[];
  /** Revocation data and mode for the signer's path. Absent: mode `require` without data, which fails closed. */
  readonly revocation?: RevocationOptions;
  /** The verification time ("now"), integer seconds since the epoch. */
  readonly time: number;
  /** Trust anchors of time-stamping authorities (default `trustAnchors`). */
  readonly timestampTrustAnchors?: readonly Uint8Array[];
  /** Revocation data for the TSA's path (default `revocation`). */
  readonly timestampRevocation?: RevocationOptions;
  /** Fail unless the signature carries a valid time-stamp (level B-T). */
  readonly requireTimestamp?: boolean;
  /** Accept JPKI signature certificates of the JPKI test environment (default false). */
  readonly allowTestJpki?: boolean;
  /** The kinds of signer certificate accepted (default both). The trust anchors are trusted for every kind accepted. */
  readonly signerKinds?: readonly CadesSignerKind[];
}

/** Which kind of certificate made the signature (spec/signature.md §2). */
export type CadesSignerKind = 'accredited' | 'jpki';

/** The person a signature identifies. */
export interface CadesIdentity {
  /** The name: the commonName of an accredited signing certificate, the JPKI name of a card certificate. */
  readonly name: string;
  /** The 16-byte common code, when the certificate carries one (accredited certificates). */
  readonly commonCode?: Uint8Array;
  /** Its text form. */
  readonly commonCodeText?: string;
}

/** How the revocation status of one path certificate was settled. */
export interface CadesRevocationStatus {
  /** Subject of the certificate, printable. */
  readonly subject: string;
  /** `good`/`not-checked` as from path validation; `revoked-after-timestamp` when SIG-20 let a later revocation stand aside. */
  readonly status: 'good' | 'not-checked' | 'revoked-after-timestamp';
  readonly revocationDate?: number;
  readonly reason?: RevocationReason;
}

/** A verified CAdES signature. */
export interface VerifiedCades {
  /** `B-T` when a valid signature time-stamp was checked, else `B-B`. */
  readonly level: 'B-B' | 'B-T';
  readonly signerKind: CadesSignerKind;
  /** DER of the signer certificate (a copy). */
  readonly signerCertificate: Uint8Array;
  readonly identity: CadesIdentity;
  /** The signingTime the signer claimed (not proven). */
  readonly signingTime: number;
  /** genTime of the signature time-stamp (level B-T). */
  readonly timestampTime?: number;
  /** The time the signer's path was validated at: `time` for B-B, the time-stamp's genTime for B-T. */
  readonly validatedAt: number;
  readonly hash: HashName;
  /** The signer's validated path (end entity first). */
  readonly path: ValidatedPath;
  /** Per certificate below the anchor, end entity first. */
  readonly revocation: readonly CadesRevocationStatus[];
}

/** Reasons after which a time-stamp from before the revocation date proves nothing: the key may have been in other hands earlier. */
const COMPROMISE: ReadonlySet<RevocationReason> = new Set([
  'keyCompromise',
  'cACompromise',
  'aACompromise',
  'unspecified',
]);

function checkTime(t: unknown, what: string): number {
  if (typeof t !== 'number' || !Number.isSafeInteger(t) || t < 0)
    fail('ERR_INVALID_ARGUMENT', `verifyCades: ${what} must be integer seconds since the epoch`);
  return t;
}

function signerKindOf(leaf: Certificate): CadesSignerKind {
  const policies = (leaf.certificatePolicies ?? []).map((p) => p.policyIdentifier);
  return policies.includes(JPKI_OID.policySign) || policies.includes(JPKI_OID.policySignTest)
    ? 'jpki'
    : 'accredited';
}

function copyList(list: readonly Uint8Array[] | undefined, what: string): Uint8Array[] | undefined {
  if (list === undefined) return undefined;
  if (!Array.isArray(list) || !list.every((x) => x instanceof Uint8Array))
    fail('ERR_INVALID_ARGUMENT', `verifyCades: ${what} must be an array of Uint8Array`);
  return list.map((x) => x.slice());
}

function copyRevocation(r: RevocationOptions | undefined): RevocationOptions | undefined {
  if (r === undefined) return undefined;
  if (r === null || typeof r !== 'object')
    fail('ERR_INVALID_ARGUMENT', 'verifyCades: revocation must be an object');
  // Handles from loadCrl are immutable and kept as they are; bytes are copied.
  if (r.crls !== undefined && !Array.isArray(r.crls))
    fail('ERR_INVALID_ARGUMENT', 'verifyCades: revocation.crls must be an array');
  const crls = r.crls?.map((c) => (c instanceof Uint8Array ? c.slice() : c));
  const ocsp = copyList(r.ocspResponses, 'revocation.ocspResponses');
  return {
    ...r,
    ...(crls === undefined ? {} : { crls }),
    ...(ocsp === undefined ? {} : { ocspResponses: ocsp }),
  };
}

/** A deep copy of the byte inputs of the options. */
function snapshot(o: VerifyCadesOptions): VerifyCadesOptions {
  if (o.content !== undefined && !(o.content instanceof Uint8Array))
    fail('ERR_INVALID_ARGUMENT', 'verifyCades: content must be a Uint8Array', 'SIG-03');
  if (o.digest !== undefined && !(o.digest instanceof Uint8Array))
    fail('ERR_INVALID_ARGUMENT', 'verifyCades: digest must be a Uint8Array', 'SIG-03');
  const intermediates = copyList(o.intermediates, 'intermediates');
  const tsAnchors = copyList(o.timestampTrustAnchors, 'timestampTrustAnchors');
  const revocation = copyRevocation(o.revocation);
  const tsRevocation = copyRevocation(o.timestampRevocation);
  return {
    ...o,
    trustAnchors: copyList(o.trustAnchors, 'trustAnchors') ?? [],
    ...(o.content === undefined ? {} : { content: o.content.slice() }),
    ...(o.digest === undefined ? {} : { digest: o.digest.slice() }),
    ...(intermediates === undefined ? {} : { intermediates }),
    ...(tsAnchors === undefined ? {} : { timestampTrustAnchors: tsAnchors }),
    ...(revocation === undefined ? {} : { revocation }),
    ...(tsRevocation === undefined ? {} : { timestampRevocation: tsRevocation }),
  };
}

/** SIG-18: the TSA's certificate is a time-stamping certificate with a valid path at the verification time. */
async function validateTsa(
  ts: CheckedTimestamp,
  options: VerifyCadesOptions,
  time: number,
): Promise<void> {
  const eku = ts.tsa.extKeyUsage;
  const ekuExt = ts.tsa.extensions.find((e) => e.oid === PKIX_OID.extKeyUsage);
  if (
    eku === undefined ||
    eku.length !== 1 ||
    eku[0] !== CMS_OID.kpTimeStamping ||
    ekuExt?.critical !== true
  ) {
    fail(
      'ERR_TIMESTAMP',
      'the TSA certificate must carry one critical extKeyUsage with only id-kp-timeStamping (RFC 3161 §2.3)',
      'SIG-18',
    );
  }
  try {
    await validatePath(ts.tsa.der, {
      trustAnchors: options.timestampTrustAnchors ?? options.trustAnchors,
      intermediates: ts.certificates.map((c) => c.der),
      time,
      requiredEku: CMS_OID.kpTimeStamping,
      // RFC 3161 makes the TSA's extKeyUsage critical, which CERT-09 forbids elsewhere; the EKU is checked above instead.
      issuanceChecks: false,
      ...((options.timestampRevocation ?? options.revocation)
        ? { revocation: options.timestampRevocation ?? options.revocation }
        : {}),
    });
  } catch (e) {
    if (isJitsuinError(e))
      throw new JitsuinError(e.code, `time-stamp authority: ${e.message}`, {
        requirement: e.requirement ?? 'SIG-18',
        cause: e,
        ...(e.details === undefined ? {} : { details: e.details }),
      });
    throw e;
  }
}

/**
 * SIG-20: revocation of every certificate below the anchor, at min(time, its notAfter) with the
 * caller's data; a revocation dated after the time-stamp, for a reason other than a compromise,
 * does not invalidate a signature the time-stamp proves older.
 */
async function revocationAsOf(
  path: ValidatedPath,
  timestampTime: number,
  time: number,
  revocation: RevocationOptions | undefined,
  extra: readonly Certificate[],
): Promise<CadesRevocationStatus[]> {
  const certs = path.path;
  const anchorFirst = [...certs].reverse();
  const out: CadesRevocationStatus[] = [];
  for (let index = certs.length - 2; index >= 0; index--) {
    const certificate = certs[index] as Certificate;
    const issuer = certs[index + 1] as Certificate;
    const at = Math.min(time, certificate.notAfter);
    try {
      const r = await checkRevocation({
        certificate,
        issuer,
        path: anchorFirst,
        time: at,
        options: revocation,
        extraCertificates: extra,
      });
      out.unshift({ subject: certificate.subject.text, status: r.status });
    } catch (e) {
      const d = revokedDetailsOf(e);
      if (d !== undefined && d.revocationDate > timestampTime && !COMPROMISE.has(d.reason)) {
        out.unshift({
          subject: certificate.subject.text,
          status: 'revoked-after-timestamp',
          revocationDate: d.revocationDate,
          reason: d.reason,
        });
        continue;
      }
      if (isJitsuinError(e)) {
        const why =
          d === undefined
            ? ''
            : d.revocationDate <= timestampTime
              ? ' (revoked at or before the time-stamp)'
              : ` (reason ${d.reason}: a time-stamp does not outlast a compromise)`;
        throw new JitsuinError(
          e.code,
          `path[${index}] (${certificate.subject.text}): ${e.message}${why}`,
          {
            requirement: e.code === 'ERR_REVOKED' ? 'SIG-20' : (e.requirement ?? 'SIG-20'),
            cause: e,
            ...(e.details === undefined ? {} : { details: e.details }),
          },
        );
      }
      throw e;
    }
  }
  return out;
}

/**
 * Verifies a CAdES-B-B or B-T signature over a detached document (or encapsulated content):
 * the structural, attribute, algorithm, certificate-binding, digest and signature rules
 * (SIG-01 to SIG-13), then the signer's certification path to `trustAnchors` — under the
 * `accredited-signing` profile, or as a JPKI signature certificate issued directly by a J-LIS root
 * — with revocation failing closed (SIG-14). With a signature time-stamp the token is verified in
 * full (SIG-15 to SIG-19) and the path is validated as of its genTime (SIG-20); a time-stamp that
 * fails makes the whole signature fail (SIG-21).
 *
 * @throws JitsuinError with the code of the first rule broken (ERR_CADES_*, ERR_TIMESTAMP,
 *   ERR_SIGNATURE_INVALID, ERR_INVALID_SIGNATURE_ENCODING, ERR_UNSUPPORTED_ALGORITHM, ERR_PATH_*,
 *   ERR_CERT_PROFILE, ERR_JPKI_*, ERR_REVOKED, ERR_REVOCATION_UNKNOWN, ...).
 */
export async function verifyCades(
  signature: Uint8Array,
  callerOptions: VerifyCadesOptions,
): Promise<VerifiedCades> {
  if (callerOptions === null || typeof callerOptions !== 'object')
    fail('ERR_INVALID_ARGUMENT', 'verifyCades: options are required');
  // Copied on entry: the checks below await, and a caller must not be able to swap an input in between.
  const options = snapshot(callerOptions);
  const time = checkTime(options.time, 'time');
  if (!Array.isArray(options.trustAnchors) || options.trustAnchors.length === 0)
    fail('ERR_INVALID_ARGUMENT', 'verifyCades: at least one trust anchor is required', 'SIG-14');
  if (options.content !== undefined && options.digest !== undefined)
    fail('ERR_INVALID_ARGUMENT', 'verifyCades: pass content or digest, not both', 'SIG-03');
  const data: CadesData | undefined =
    options.content !== undefined
      ? { content: options.content }
      : options.digest !== undefined
        ? { digest: options.digest }
        : undefined;
  const sig = signature instanceof Uint8Array ? signature.slice() : signature;
  const checked = await checkCades(sig, data);
  if (checked.signingTime > time + CADES_CLOCK_SKEW)
    fail(
      'ERR_CADES_SIGNING_TIME',
      `signingTime ${checked.signingTime} is after the verification time ${time}`,
      'SIG-08',
    );
  if (checked.signingTime < checked.signer.notBefore - CADES_CLOCK_SKEW)
    fail(
      'ERR_CADES_SIGNING_TIME',
      `signingTime ${checked.signingTime} is before the signer certificate's notBefore ${checked.signer.notBefore}`,
      'SIG-08',
    );

  const token = checked.timestampToken;
  let ts: CheckedTimestamp | undefined;
  if (token !== undefined) {
    ts = await checkTimestampToken(token, checked.signedData.signerInfo.signature);
    if (ts.genTime > time + CADES_CLOCK_SKEW)
      fail(
        'ERR_TIMESTAMP',
        `the time-stamp genTime ${ts.genTime} is after the verification time ${time}`,
        'SIG-19',
      );
    if (checked.signingTime > ts.genTime + CADES_CLOCK_SKEW)
      fail(
        'ERR_CADES_SIGNING_TIME',
        `signingTime ${checked.signingTime} is after the time-stamp genTime ${ts.genTime}`,
        'SIG-19',
      );
    await validateTsa(ts, options, time);
  } else if (options.requireTimestamp === true) {
    fail(
      'ERR_TIMESTAMP',
      'the signature has no signature time-stamp and the caller requires B-T',
      'SIG-26',
    );
  }

  const leaf = checked.signer;
  const kind = signerKindOf(leaf);
  const kinds = options.signerKinds ?? ['accredited', 'jpki'];
  if (!Array.isArray(kinds))
    fail('ERR_INVALID_ARGUMENT', 'verifyCades: signerKinds must be an array');
  if (!kinds.includes(kind))
    fail(
      'ERR_CERT_PROFILE',
      `a signature by ${kind === 'jpki' ? 'a JPKI signature certificate' : 'an accredited signing certificate'} is not accepted here (signerKinds)`,
      'SIG-14',
    );
  let jpkiName: string | undefined;
  if (kind === 'jpki') {
    const jpki = readParsedJpkiCertificate(leaf);
    if (jpki.kind !== 'sign' || jpki.personal === undefined)
      fail('ERR_JPKI_PROFILE', 'a card signature needs the JPKI signature certificate', 'SIG-24');
    if (jpki.test && options.allowTestJpki !== true)
      fail(
        'ERR_JPKI_TEST_CERTIFICATE',
        `JPKI certificate serial ${jpki.serialNumber} carries the test-environment policy`,
        'SIG-24',
      );
    jpkiName = jpki.personal.name;
  }
  const validatedAt = ts === undefined ? time : ts.genTime;
  const intermediates = [
    ...(options.intermediates ?? []),
    ...checked.certificates.filter((c) => c !== leaf).map((c) => c.der),
  ];
  const path = await validatePath(leaf.der, {
    trustAnchors: options.trustAnchors,
    intermediates,
    time: validatedAt,
    profile: kind === 'accredited' ? 'accredited-signing' : 'none',
    ...(kind === 'jpki' ? { maxIntermediates: 0 } : {}),
    ...(ts !== undefined
      ? { revocation: { mode: 'off' as const } }
      : options.revocation === undefined
        ? {}
        : { revocation: options.revocation }),
  });
  const revocation: CadesRevocationStatus[] =
    ts === undefined
      ? path.revocation.map((r, i) => ({
          subject: (path.path[i] as Certificate).subject.text,
          status: r.status,
        }))
      : await revocationAsOf(path, ts.genTime, time, options.revocation, checked.certificates);
  const cn = leaf.subject.rdns.flat().find((a) => a.type === '2.5.4.3')?.value ?? '';
  const identity: CadesIdentity = {
    name: jpkiName ?? cn,
    ...(path.commonCode === undefined
      ? {}
      : { commonCode: path.commonCode.slice(), commonCodeText: path.commonCodeText as string }),
  };
  return {
    level: ts === undefined ? 'B-B' : 'B-T',
    signerKind: kind,
    signerCertificate: leaf.der.slice(),
    identity,
    signingTime: checked.signingTime,
    ...(ts === undefined ? {} : { timestampTime: ts.genTime }),
    validatedAt,
    hash: checked.hash,
    path,
    revocation,
  };
}
