/**
 * RFC 5280 §6 certification path validation with chain building, the jitsuin profile checks and
 * revocation (spec/certificates.md §5). Fails closed: every failure throws a JitsuinError whose
 * code names the rule and whose message names the certificate as `path[i] (subject)`, where
 * `path[0]` is the end entity and the trust anchor is last.
 * @module
 */
import { isJitsuinError, JitsuinError, type ErrorCode } from '../errors.js';
import { fail } from '../internal/fail.js';
import { bytesEqual } from '../encoding/bytes.js';
import type { RevocationResult } from './revocation/index.js';
import { checkRevocationWithin } from './revocation/check.js';
import { TimeWindow } from './time-window.js';
import { parseCertificate, type Certificate } from './certificate.js';
import { formatCommonCode } from './common-code.js';
import { UNDERSTOOD_EXTENSIONS } from './extensions.js';
import {
  addNameConstraints,
  nameConstraintViolation,
  NO_NAME_CONSTRAINTS,
  type NameConstraintState,
} from './name-constraints.js';
import { namesMatch } from './name.js';
import { PKIX_OID } from './oids.js';
import { processPolicies } from './policy.js';
import {
  checkCaProfile,
  checkLeafProfile,
  PROFILE_EKUS,
  type CertificateProfile,
} from './profiles.js';
import { checkAdmittedKey, checkIssuanceRules } from './issuance-rules.js';
import { verifyCertificateSignature } from './signature.js';
import { lookupValidated, ownKeyBytes, storeValidated, validationCacheKey } from './path-cache.js';
import type { ValidatePathOptions, ValidatedPath } from './types.js';

export type { ValidatePathOptions, ValidatedPath } from './types.js';

const DEFAULT_MAX_INTERMEDIATES = 6;
/** Bound on signature verifications while searching for a path (hostile bundles). */
const SIGNATURE_BUDGET = 64;

function label(cert: Certificate, index: number): string {
  return `path[${index}] (${cert.subject.text === '' ? 'empty subject' : cert.subject.text})`;
}

function pathFail(
  code: ErrorCode,
  cert: Certificate,
  index: number,
  message: string,
  requirement: string,
): never {
  return fail(code, `${label(cert, index)}: ${message}`, requirement);
}

function checkTimeOption(time: unknown): number {
  if (typeof time !== 'number' || !Number.isSafeInteger(time) || time < 0)
    fail(
      'ERR_INVALID_ARGUMENT',
      'validatePath: time must be integer seconds since the epoch',
      'PATH-15',
    );
  return time;
}

function checkValidity(cert: Certificate, index: number, clock: TimeWindow): void {
  if (!clock.reached(cert.notBefore))
    pathFail(
      'ERR_PATH_NOT_YET_VALID',
      cert,
      index,
      `not valid before ${cert.notBefore} (time ${clock.time})`,
      'PATH-03',
    );
  if (clock.after(cert.notAfter))
    pathFail(
      'ERR_PATH_EXPIRED',
      cert,
      index,
      `expired at ${cert.notAfter} (time ${clock.time})`,
      'PATH-03',
    );
}

function checkCriticalExtensions(cert: Certificate, index: number): void {
  for (const e of cert.extensions) {
    if (e.critical && !UNDERSTOOD_EXTENSIONS.has(e.oid))
      pathFail(
        'ERR_PATH_CRITICAL_EXTENSION',
        cert,
        index,
        `unrecognised critical extension ${e.oid}`,
        'PATH-10',
      );
  }
}

function checkIssuerRole(cert: Certificate, index: number): void {
  if (cert.basicConstraints?.ca !== true)
    pathFail(
      'ERR_PATH_BASIC_CONSTRAINTS',
      cert,
      index,
      'issues certificates but is not a CA (basicConstraints cA is not TRUE)',
      'PATH-04',
    );
  if (cert.keyUsage !== undefined && !cert.keyUsage.has('keyCertSign'))
    pathFail(
      'ERR_PATH_KEY_USAGE',
      cert,
      index,
      'issues certificates but keyUsage lacks keyCertSign',
      'PATH-06',
    );
}

/** PATH-07: an extKeyUsage on a CA (anchor included) constrains the purposes of everything below it. */
function checkCaEku(
  cert: Certificate,
  index: number,
  requiredEkus: readonly string[],
  profile: CertificateProfile,
): void {
  const eku = cert.extKeyUsage;
  if (eku === undefined || eku.includes(PKIX_OID.anyExtendedKeyUsage)) return;
  const missing = requiredEkus.find((r) => !eku.includes(r));
  if (missing !== undefined)
    pathFail('ERR_PATH_EKU', cert, index, `CA extKeyUsage does not allow ${missing}`, 'PATH-07');
  const profileEkus = profile === 'none' ? [] : PROFILE_EKUS[profile];
  if (profileEkus.length > 0 && !profileEkus.some((p) => eku.includes(p)))
    pathFail(
      'ERR_PATH_EKU',
      cert,
      index,
      `CA extKeyUsage allows none of ${profileEkus.join(', ')}`,
      'PATH-07',
    );
}

interface Structural {
  readonly policies: readonly string[];
}

/**
 * The non-cryptographic checks of RFC 5280 §6.1 plus the profile, over a built path (end entity
 * first, anchor last). Signatures were verified while building. @internal
 */
function checkPath(
  path: readonly Certificate[],
  options: ValidatePathOptions,
  profile: CertificateProfile,
  clock: TimeWindow,
): Structural {
  const anchorIndex = path.length - 1;
  const anchor = path[anchorIndex] as Certificate;
  const requiredEkus = options.requiredEku === undefined ? [] : [options.requiredEku];
  const n = anchorIndex; // certificates below the anchor
  // PATH-12: the anchor is used as a CA certificate, so it must be one and be valid now.
  checkValidity(anchor, anchorIndex, clock);
  checkIssuerRole(anchor, anchorIndex);
  const issuance = options.issuanceChecks !== false || profile !== 'none';
  if (issuance) checkIssuanceRules(anchor, 'anchor', label(anchor, anchorIndex));
  checkAdmittedKey(anchor, label(anchor, anchorIndex), options.minRsaBits);
  checkCriticalExtensions(anchor, anchorIndex);
  checkCaEku(anchor, anchorIndex, requiredEkus, profile);
  if (profile !== 'none') checkCaProfile(anchor, label(anchor, anchorIndex));
  let maxPathLength = anchor.basicConstraints?.pathLenConstraint ?? n;
  let nc: NameConstraintState = addNameConstraints(NO_NAME_CONSTRAINTS, anchor.nameConstraints);

  for (let k = 1; k <= n; k++) {
    const index = n - k;
    const cert = path[index] as Certificate;
    const isLeaf = index === 0;
    if (/^0+$/.test(cert.serialNumber))
      pathFail(
        'ERR_CERT_MALFORMED',
        cert,
        index,
        'serial number is zero (RFC 5280 requires a positive integer)',
        'CERT-02',
      );
    checkValidity(cert, index, clock);
    // An issuer's role is checked first: "not a CA" is the precise diagnosis for a misused end entity.
    if (!isLeaf) checkIssuerRole(cert, index);
    if (issuance) checkIssuanceRules(cert, isLeaf ? 'leaf' : 'ca', label(cert, index));
    checkAdmittedKey(cert, label(cert, index), options.minRsaBits);
    if (isLeaf || !cert.selfIssued) {
      const violation = nameConstraintViolation(cert, nc);
      if (violation !== undefined)
        pathFail('ERR_PATH_NAME_CONSTRAINTS', cert, index, violation, 'PATH-08');
    }
    checkCriticalExtensions(cert, index);
    if (!isLeaf) {
      if (profile !== 'none') checkCaProfile(cert, label(cert, index));
      if (!cert.selfIssued) {
        if (maxPathLength <= 0)
          pathFail(
            'ERR_PATH_BASIC_CONSTRAINTS',
            cert,
            index,
            'path length constraint exceeded',
            'PATH-05',
          );
        maxPathLength--;
      }
      const pl = cert.basicConstraints?.pathLenConstraint;
      if (pl !== undefined && pl < maxPathLength) maxPathLength = pl;
      nc = addNameConstraints(nc, cert.nameConstraints);
      checkCaEku(cert, index, requiredEkus, profile);
    }
  }

  const certs = path.slice(0, anchorIndex).reverse();
  const policy = processPolicies(certs, options.policy ?? {});
  if ('message' in policy) {
    const index = n - 1 - policy.index;
    pathFail('ERR_PATH_POLICY', path[index] as Certificate, index, policy.message, 'PATH-09');
  }

  const leaf = path[0] as Certificate;
  for (const r of requiredEkus) {
    // PATH-07: the purpose must be explicit; an absent extKeyUsage or anyExtendedKeyUsage does not grant it.
    if (leaf.extKeyUsage === undefined)
      pathFail('ERR_PATH_EKU', leaf, 0, `extKeyUsage is absent; ${r} is required`, 'PATH-07');
    if (!leaf.extKeyUsage.includes(r))
      pathFail('ERR_PATH_EKU', leaf, 0, `extKeyUsage lacks the required ${r}`, 'PATH-07');
    if (leaf.extKeyUsage.includes(PKIX_OID.anyExtendedKeyUsage))
      pathFail(
        'ERR_PATH_EKU',
        leaf,
        0,
        'extKeyUsage contains anyExtendedKeyUsage alongside a required purpose',
        'PATH-07',
      );
  }
  checkLeafProfile(leaf, profile, label(leaf, 0));
  return { policies: policy.userConstrainedPolicySet };
}

interface Pool {
  readonly anchors: readonly Certificate[];
  readonly intermediates: readonly Certificate[];
}

function issuerCandidates(
  cert: Certificate,
  pool: Pool,
  chain: readonly Certificate[],
): { cert: Certificate; anchor: boolean }[] {
  const inChain = (c: Certificate): boolean =>
    chain.some(
      (p) =>
        bytesEqual(p.der, c.der) ||
        (namesMatch(p.subject, c.subject) &&
          bytesEqual(p.subjectPublicKeyInfo, c.subjectPublicKeyInfo)),
    );
  const akid = cert.authorityKeyId?.keyIdentifier;
  const out: { cert: Certificate; anchor: boolean; rank: number }[] = [];
  for (const [list, anchor] of [
    [pool.anchors, true],
    [pool.intermediates, false],
  ] as const) {
    for (const c of list) {
      if (!namesMatch(c.subject, cert.issuer) || inChain(c)) continue;
      if (out.some((o) => bytesEqual(o.cert.der, c.der))) continue;
      let rank = anchor ? 0 : 2;
      if (akid !== undefined && c.subjectKeyId !== undefined && !bytesEqual(akid, c.subjectKeyId))
        rank += 1;
      out.push({ cert: c, anchor, rank });
    }
  }
  // Stable: AKI/SKI agreement and anchors first, then the newest certificate (the current root generation).
  return out.sort((a, b) => a.rank - b.rank || b.cert.notBefore - a.cert.notBefore);
}

interface SearchState {
  budget: number;
  /** The failure of the first complete path (preferred: it got furthest). */
  firstPathError: JitsuinError | undefined;
  /** Otherwise the failure recorded deepest in the search, signatures before missing issuers. */
  deepest:
    { readonly depth: number; readonly rank: number; readonly error: JitsuinError } | undefined;
}

function record(state: SearchState, depth: number, rank: number, error: JitsuinError): void {
  const d = state.deepest;
  if (d === undefined || depth > d.depth || (depth === d.depth && rank > d.rank))
    state.deepest = { depth, rank, error };
}

async function search(
  chain: Certificate[],
  pool: Pool,
  options: ValidatePathOptions,
  profile: CertificateProfile,
  clock: TimeWindow,
  maxIntermediates: number,
  state: SearchState,
  accept: (path: readonly Certificate[], structural: Structural) => Promise<ValidatedPath>,
): Promise<ValidatedPath | undefined> {
  const cert = chain[chain.length - 1] as Certificate;
  const index = chain.length - 1;
  const candidates = issuerCandidates(cert, pool, chain);
  if (candidates.length === 0) {
    record(
      state,
      index,
      0,
      new JitsuinError(
        'ERR_PATH_NO_ISSUER',
        `${label(cert, index)}: no trust anchor or intermediate named "${cert.issuer.text}" is available`,
        { requirement: 'PATH-01' },
      ),
    );
    return undefined;
  }
  for (const cand of candidates) {
    if (
      !cand.anchor &&
      !cand.cert.selfIssued &&
      chain.slice(1).filter((c) => !c.selfIssued).length >= maxIntermediates
    ) {
      record(
        state,
        index,
        0,
        new JitsuinError(
          'ERR_PATH_NO_ISSUER',
          `${label(cert, index)}: path would exceed ${maxIntermediates} intermediates`,
          { requirement: 'PATH-01' },
        ),
      );
      continue;
    }
    if (state.budget <= 0)
      fail(
        'ERR_PATH_NO_ISSUER',
        `${label(cert, index)}: path search exceeded its budget of ${SIGNATURE_BUDGET} signature checks`,
        'PATH-01',
      );
    state.budget--;
    const bad = await verifyCertificateSignature(
      cert,
      cand.cert,
      options.minRsaBits === undefined ? {} : { minRsaBits: options.minRsaBits },
    );
    if (bad !== undefined) {
      record(
        state,
        index,
        1,
        new JitsuinError(
          bad.code === 'ERR_UNSUPPORTED_ALGORITHM' || bad.code === 'ERR_INVALID_KEY'
            ? bad.code
            : 'ERR_PATH_SIGNATURE',
          `${label(cert, index)}: signature does not verify under "${cand.cert.subject.text}": ${bad.message}`,
          { requirement: 'PATH-02' },
        ),
      );
      continue;
    }
    const next = [...chain, cand.cert];
    if (cand.anchor) {
      try {
        return await accept(next, checkPath(next, options, profile, clock));
      } catch (e) {
        if (!isJitsuinError(e)) throw e;
        if (e.code === 'ERR_INVALID_ARGUMENT') throw e;
        state.firstPathError ??= e;
        continue;
      }
    }
    const found = await search(
      next,
      pool,
      options,
      profile,
      clock,
      maxIntermediates,
      state,
      accept,
    );
    if (found !== undefined) return found;
  }
  return undefined;
}

function parseList(
  list: readonly Uint8Array[] | undefined,
  what: string,
  strict: boolean,
): Certificate[] {
  if (list === undefined) return [];
  if (!Array.isArray(list))
    fail('ERR_INVALID_ARGUMENT', `validatePath: ${what} must be an array of Uint8Array`);
  const out: Certificate[] = [];
  for (const der of list) {
    try {
      out.push(parseCertificate(der));
    } catch (e) {
      // A malformed trust anchor is a configuration error; a malformed intermediate simply cannot be used.
      if (strict)
        throw new JitsuinError(
          'ERR_INVALID_ARGUMENT',
          `validatePath: a trust anchor is not a valid certificate`,
          { requirement: 'PATH-12', cause: e },
        );
    }
  }
  return out;
}

/**
 * Validates the certification path from `leaf` to one of `options.trustAnchors` at `options.time`:
 * builds candidate paths (every issuer whose name matches and whose key verifies the signature,
 * bounded, without loops), runs RFC 5280 §6.1 over each until one passes, applies the profile,
 * then checks revocation of every certificate below the anchor (fail closed). Successful results
 * are cached by all inputs until their `validUntil`. Normative text:
 * [spec/certificates.md](../../spec/certificates.md) §5.
 *
 * @example
 * ```ts
 * import { pemDecode, pemDecodeAll } from 'jitsuin/encoding';
 * import { validatePath } from 'jitsuin/x509';
 *
 * const path = await validatePath(pemDecode(leafPem, 'CERTIFICATE'), {
 *   trustAnchors: [pemDecode(rootPem, 'CERTIFICATE')], intermediates: [pemDecode(issuingCaPem, 'CERTIFICATE')],
 *   time: Math.floor(Date.now() / 1000), profile: 'app-authentication',
 *   revocation: { crls: pemDecodeAll(crlsPem, 'X509 CRL'), mode: 'require' },
 * });
 * console.log(path.leaf.subject.text, path.commonCodeText);
 * ```
 * @throws JitsuinError with the code of the failed rule (ERR_PATH_*, ERR_CERT_*, ERR_REVOKED,
 *   ERR_REVOCATION_UNKNOWN, ...) and a message naming `path[i]`.
 */
export async function validatePath(
  leaf: Uint8Array,
  options: ValidatePathOptions,
): Promise<ValidatedPath> {
  if (options === null || typeof options !== 'object')
    fail('ERR_INVALID_ARGUMENT', 'validatePath: options are required', 'PATH-15');
  // Every option is read once, into `shallow` (the lists copied, the bytes still the caller's), and
  // the key is computed from it; on a miss the bytes are copied in the same synchronous step, so
  // the key and the evaluation see the same inputs whatever the caller does during the awaits
  // ([PATH-16]). A hit copies no bytes.
  const shallow = snapshotOptions(options, false);
  const time = checkTimeOption(shallow.time);
  const profile: CertificateProfile = shallow.profile ?? 'none';
  const maxIntermediates = shallow.maxIntermediates ?? DEFAULT_MAX_INTERMEDIATES;
  if (!Number.isSafeInteger(maxIntermediates) || maxIntermediates < 0 || maxIntermediates > 16)
    fail('ERR_INVALID_ARGUMENT', 'validatePath: maxIntermediates must be 0..16', 'PATH-15');
  if (!Array.isArray(shallow.trustAnchors) || shallow.trustAnchors.length === 0)
    fail('ERR_INVALID_ARGUMENT', 'validatePath: at least one trust anchor is required', 'PATH-12');

  const cacheKey = shallow.cache !== false ? validationCacheKey(leaf, shallow) : undefined;
  if (cacheKey !== undefined) {
    const hit = lookupValidated(cacheKey, time);
    if (hit !== undefined) return ownCopy(hit);
  }
  const o = snapshotOptions(shallow, true);
  const der = leaf instanceof Uint8Array ? leaf.slice() : leaf;
  if (cacheKey !== undefined) ownKeyBytes(cacheKey);

  let leafCert: Certificate;
  try {
    leafCert = parseCertificate(der);
  } catch (e) {
    if (isJitsuinError(e))
      throw new JitsuinError(e.code, `path[0]: ${e.message}`, {
        requirement: e.requirement ?? 'CERT-01',
        cause: e,
      });
    throw e;
  }
  const pool: Pool = {
    anchors: parseList(o.trustAnchors, 'trustAnchors', true),
    intermediates: parseList(o.intermediates, 'intermediates', false),
  };
  const extra = parseList(o.revocationSigners, 'revocationSigners', false);
  const state: SearchState = {
    budget: SIGNATURE_BUDGET,
    firstPathError: undefined,
    deepest: undefined,
  };
  // Records every time comparison, of the path found and of every candidate tried ([PATH-14]).
  const clock = new TimeWindow(time);

  const accept = async (
    path: readonly Certificate[],
    structural: Structural,
  ): Promise<ValidatedPath> => {
    const anchorFirst = [...path].reverse();
    const results: RevocationResult[] = [];
    for (let index = path.length - 2; index >= 0; index--) {
      const certificate = path[index] as Certificate;
      const issuer = path[index + 1] as Certificate;
      let result: RevocationResult;
      try {
        result = await checkRevocationWithin(
          {
            certificate,
            issuer,
            path: anchorFirst,
            time,
            options: o.revocation,
            extraCertificates: [...pool.intermediates, ...extra],
          },
          clock,
        );
      } catch (e) {
        if (isJitsuinError(e))
          throw new JitsuinError(e.code, `${label(certificate, index)}: ${e.message}`, {
            requirement: e.requirement ?? 'PATH-11',
            cause: e,
          });
        throw e;
      }
      results.unshift(result);
    }
    const l = path[0] as Certificate;
    return {
      path,
      leaf: l,
      anchor: path[path.length - 1] as Certificate,
      profile,
      ...(l.commonCode === undefined
        ? {}
        : { commonCode: l.commonCode.slice(), commonCodeText: formatCommonCode(l.commonCode) }),
      ...(l.appBinding === undefined ? {} : { appBinding: l.appBinding }),
      ...(l.keyProtection === undefined ? {} : { keyProtection: l.keyProtection }),
      subjectName: l.subject.text,
      policies: structural.policies,
      revocation: results,
      validUntil: Infinity, // set below, once every comparison of the search is known
    };
  };

  const found = await search([leafCert], pool, o, profile, clock, maxIntermediates, state, accept);
  if (found === undefined) {
    throw (
      state.firstPathError ??
      state.deepest?.error ??
      new JitsuinError(
        'ERR_PATH_NO_ISSUER',
        `${label(leafCert, 0)}: no certification path to a trust anchor`,
        { requirement: 'PATH-01' },
      )
    );
  }
  const result: ValidatedPath = Object.freeze({
    ...found,
    revocation: Object.freeze(found.revocation.map((r) => Object.freeze(r))),
    validUntil: clock.validUntil,
  });
  if (cacheKey !== undefined) storeValidated(cacheKey, time, result);
  return ownCopy(result);
}

/** A frozen copy of a result with its own `commonCode` bytes: callers may mutate what they receive ([PATH-14]). */
function ownCopy(r: ValidatedPath): ValidatedPath {
  return Object.freeze(
    r.commonCode === undefined ? { ...r } : { ...r, commonCode: r.commonCode.slice() },
  );
}

/**
 * Copies an input list (and each byte array in it; handles from `loadCrl` are immutable and kept);
 * a non-array is kept so that validation rejects it.
 */
function copyList<T extends readonly unknown[] | undefined>(list: T, bytes: boolean): T {
  return (
    Array.isArray(list)
      ? list.map((x: unknown) => (bytes && x instanceof Uint8Array ? x.slice() : x))
      : list
  ) as T;
}

/** Reads every option once into a private copy of the objects and lists, and of the byte arrays when `bytes` ([PATH-16]). */
function snapshotOptions(o: ValidatePathOptions, bytes: boolean): ValidatePathOptions {
  const r = o.revocation;
  const p = o.policy;
  const copy: { -readonly [K in keyof ValidatePathOptions]: ValidatePathOptions[K] } = {
    trustAnchors: copyList(o.trustAnchors, bytes),
    time: o.time,
  };
  const set = <K extends keyof ValidatePathOptions>(k: K, v: ValidatePathOptions[K]): void => {
    if (v !== undefined) copy[k] = v;
  };
  set('intermediates', copyList(o.intermediates, bytes));
  set('profile', o.profile);
  set('requiredEku', o.requiredEku);
  set('maxIntermediates', o.maxIntermediates);
  set('minRsaBits', o.minRsaBits);
  set('revocationSigners', copyList(o.revocationSigners, bytes));
  set('cache', o.cache);
  set('issuanceChecks', o.issuanceChecks);
  if (r !== undefined) {
    if (r === null || typeof r !== 'object')
      fail('ERR_INVALID_ARGUMENT', 'validatePath: revocation must be an object', 'PATH-15');
    copy.revocation = {
      ...r,
      ...(r.crls === undefined ? {} : { crls: copyList(r.crls, bytes) }),
      ...(r.ocspResponses === undefined ? {} : { ocspResponses: copyList(r.ocspResponses, bytes) }),
    };
  }
  if (p !== undefined) {
    if (p === null || typeof p !== 'object')
      fail('ERR_INVALID_ARGUMENT', 'validatePath: policy must be an object', 'PATH-15');
    copy.policy = {
      ...p,
      ...(Array.isArray(p.initialPolicySet) ? { initialPolicySet: [...p.initialPolicySet] } : {}),
    };
  }
  return copy;
}
