/**
 * Revocation status from OCSP responses (RFC 6960): certID match, authorised responder,
 * signature, time window and freshness.
 * @internal
 */
import { bytesEqual } from '../../encoding/bytes.js';
import { sha1, sha256 } from '../../crypto/hash.js';
import type { Certificate } from '../certificate.js';
import { readChildren, readTlv } from '../der.js';
import { PKIX_OID } from '../oids.js';
import { UNDERSTOOD_EXTENSIONS } from '../extensions.js';
import { namesMatch } from '../name.js';
import { Rejection, sameCertificate, type CheckContext } from './context.js';
import { CERT_ID_HASHES, type BasicOcspResponse, type OcspSingleResponse } from './ocsp.js';
import { verifySignature, verifySignatureOnce } from './signature.js';
import type { TimeWindow } from '../time-window.js';

/** What the OCSP responses established about one certificate. @internal */
export interface OcspFindings {
  readonly revoked: OcspSingleResponse | undefined;
  /** Set when an acceptable response says `good`: until when that answer may be relied on. */
  readonly goodUntil: number | undefined;
  readonly rejections: readonly Rejection[];
}

/** The subjectPublicKey BIT STRING value (without the unused-bits octet) of a certificate. @internal */
export function subjectPublicKeyBits(cert: Certificate): Uint8Array {
  const spki = cert.subjectPublicKeyInfo;
  const seq = readTlv(spki, 0, 'SubjectPublicKeyInfo');
  const bits = readChildren(spki, seq, 'SubjectPublicKeyInfo')[1];
  return bits === undefined ? new Uint8Array() : spki.subarray(bits.contentStart + 1, bits.end);
}

function hashWith(name: 'SHA-1' | 'SHA-256', data: Uint8Array): Uint8Array {
  return name === 'SHA-1' ? sha1(data) : sha256(data);
}

/** True when the CertID names `certificate` issued by `issuer` (hash of issuer name and key, serial). */
function certIdMatches(
  single: OcspSingleResponse,
  certificate: Certificate,
  issuer: Certificate,
): boolean {
  const hash = CERT_ID_HASHES[single.hashAlgorithm];
  if (hash === undefined || single.serialHex !== certificate.serialNumber) return false;
  return (
    bytesEqual(single.issuerNameHash, hashWith(hash, certificate.issuer.der)) &&
    bytesEqual(single.issuerKeyHash, hashWith(hash, subjectPublicKeyBits(issuer)))
  );
}

function reject(
  requirement: string,
  message: string,
  code: 'ERR_OCSP_INVALID' | 'ERR_REVOCATION_UNKNOWN' = 'ERR_OCSP_INVALID',
): Rejection {
  return new Rejection(code, requirement, `OCSP response: ${message} [${requirement}]`);
}

function responderMatches(basic: BasicOcspResponse, cert: Certificate): boolean {
  const id = basic.responderId;
  return 'byName' in id
    ? namesMatch(id.byName, cert.subject)
    : bytesEqual(id.byKey, sha1(subjectPublicKeyBits(cert)));
}

/** Why `responder` (not the CA itself) may not answer for `issuer`'s certificates, or undefined. */
async function delegateProblem(
  responder: Certificate,
  issuer: Certificate,
  window: TimeWindow,
): Promise<string | undefined> {
  if (!responder.extKeyUsage?.includes(PKIX_OID.kpOcspSigning))
    return `responder "${responder.subject.text}" lacks the id-kp-OCSPSigning extended key usage`;
  if (!namesMatch(responder.issuer, issuer.subject))
    return `responder "${responder.subject.text}" is not issued by the certificate's issuer`;
  if (
    await verifySignature(
      responder.tbs,
      responder.signatureAlgorithm,
      responder.signature,
      issuer.subjectPublicKeyInfo,
    )
  ) {
    return `responder certificate "${responder.subject.text}" is not signed by the certificate's issuer`;
  }
  if (!window.within(responder.notBefore, responder.notAfter))
    return `responder certificate "${responder.subject.text}" is not valid at the time`;
  if (responder.keyUsage && !responder.keyUsage.has('digitalSignature'))
    return `responder certificate "${responder.subject.text}" has keyUsage without digitalSignature`;
  const unknown = responder.extensions.find((e) => e.critical && !UNDERSTOOD_EXTENSIONS.has(e.oid));
  if (unknown) return `responder certificate has unknown critical extension ${unknown.oid}`;
  return undefined;
}

/** Most certificates one response may offer as its signer ([REV-39]); a deployed response carries one responder certificate. */
export const MAX_RESPONDER_CANDIDATES = 4;

/** Checks who signed the response: the issuing CA, or a responder it delegated to. */
async function signerProblem(
  basic: BasicOcspResponse,
  issuer: Certificate,
  ctx: CheckContext,
): Promise<Rejection | undefined> {
  const candidates: Certificate[] = [];
  for (const c of [issuer, ...basic.certificates, ...ctx.extra]) {
    if (responderMatches(basic, c) && !candidates.some((o) => sameCertificate(o, c)))
      candidates.push(c);
  }
  if (candidates.length === 0)
    return reject(
      'REV-22',
      'the responderID names neither the issuer nor an included responder certificate',
    );
  if (candidates.length > MAX_RESPONDER_CANDIDATES)
    return reject(
      'REV-39',
      `${candidates.length} certificates match the responderID, more than the ${MAX_RESPONDER_CANDIDATES} a response may offer`,
    );
  let problem: Rejection | undefined;
  for (const signer of candidates) {
    const isCa =
      sameCertificate(signer, issuer) ||
      (namesMatch(signer.subject, issuer.subject) &&
        bytesEqual(signer.subjectPublicKeyInfo, issuer.subjectPublicKeyInfo));
    if (!isCa) {
      const why = await delegateProblem(signer, issuer, ctx.window);
      if (why) {
        problem ??= reject('REV-22', `unauthorised responder: ${why}`);
        continue;
      }
    }
    const why = await verifySignatureOnce(
      basic,
      basic.tbs,
      basic.signatureAlgorithm,
      basic.signature,
      signer.subjectPublicKeyInfo,
    );
    if (why === undefined) return undefined;
    problem = reject('REV-21', `signature does not verify under "${signer.subject.text}": ${why}`);
  }
  return problem;
}

/** Evaluates every OCSP response the caller supplied against `certificate`. @internal */
export async function evaluateOcsp(
  certificate: Certificate,
  issuer: Certificate,
  ctx: CheckContext,
): Promise<OcspFindings> {
  const rejections: Rejection[] = [];
  let goodUntil: number | undefined;
  for (const item of ctx.ocspResponses) {
    if (item instanceof Rejection) {
      rejections.push(item);
      continue;
    }
    if (item.responseStatus !== 'successful' || item.basic === undefined) {
      rejections.push(
        reject('REV-20', `responseStatus is ${item.responseStatus}, which carries no status`),
      );
      continue;
    }
    const basic = item.basic;
    const matching = basic.responses.filter((r) => certIdMatches(r, certificate, issuer));
    if (matching.length === 0) {
      // Like another CA's CRL, a response about other certificates is irrelevant rather than bad.
      rejections.push(
        reject(
          'REV-23',
          `no SingleResponse has the certID of serial ${certificate.serialNumber} from "${certificate.issuer.text}"`,
          'ERR_REVOCATION_UNKNOWN',
        ),
      );
      continue;
    }
    if (basic.unknownCriticalExtensions.length > 0) {
      rejections.push(
        reject(
          'REV-27',
          `unknown critical response extension ${basic.unknownCriticalExtensions.join(', ')}`,
        ),
      );
      continue;
    }
    const signer = await signerProblem(basic, issuer, ctx);
    if (signer) {
      rejections.push(signer);
      continue;
    }
    for (const single of matching) {
      if (single.unknownCriticalExtensions.length > 0) {
        rejections.push(
          reject(
            'REV-27',
            `unknown critical single extension ${single.unknownCriticalExtensions.join(', ')}`,
          ),
        );
        continue;
      }
      if (!ctx.window.reached(single.thisUpdate)) {
        rejections.push(
          reject(
            'REV-24',
            `thisUpdate ${single.thisUpdate} is after the validation time ${ctx.time} (not yet valid)`,
          ),
        );
        continue;
      }
      if (single.nextUpdate !== undefined && ctx.window.reached(single.nextUpdate)) {
        rejections.push(
          reject(
            'REV-25',
            `nextUpdate ${single.nextUpdate} is not after the validation time ${ctx.time} (stale)`,
          ),
        );
        continue;
      }
      if (ctx.window.after(single.thisUpdate + ctx.ocspMaxAge)) {
        rejections.push(
          reject(
            'REV-25',
            `thisUpdate ${single.thisUpdate} is older than ocspMaxAge ${ctx.ocspMaxAge} s at ${ctx.time} (stale)`,
          ),
        );
        continue;
      }
      if (single.status === 'revoked') return { revoked: single, goodUntil, rejections };
      if (single.status === 'unknown') {
        rejections.push(
          reject(
            'REV-26',
            'the responder does not know the certificate (status unknown)',
            'ERR_REVOCATION_UNKNOWN',
          ),
        );
        continue;
      }
      // Exclusive, like nextUpdate: the answer is still fresh ocspMaxAge seconds after thisUpdate ([REV-25]).
      const until = Math.min(single.nextUpdate ?? Infinity, single.thisUpdate + ctx.ocspMaxAge + 1);
      goodUntil = goodUntil === undefined ? until : Math.max(goodUntil, until);
    }
  }
  return { revoked: undefined, goodUntil, rejections };
}
