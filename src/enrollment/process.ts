/**
 * CA side of enrollment: `processEnrollment` runs every check of spec/enrollment.md §4 in order
 * and issues the app authentication certificate.
 * @module
 */
import { isJitsuinError, JitsuinError } from '../errors.js';
import { fail } from '../internal/fail.js';
import { randomBytes } from '../crypto/hash.js';
import type { RsaPublicKey } from '../crypto/keys.js';
import { verifyRsaPkcs1v15 } from '../crypto/rsa.js';
import { bytesEqual } from '../encoding/bytes.js';
import { buildCertificate, type CertificateSigner } from '../x509/builder.js';
import { parseCertificate } from '../x509/certificate.js';
import type { LoadedCrl } from '../x509/revocation/crl.js';
import { crlPartitionUri, type CrlPartitioning } from '../x509/revocation/partition.js';
import { formatCommonCode } from '../x509/common-code.js';
import type { KeyProtection } from '../x509/extensions.js';
import { JITSUIN_OID } from '../x509/oids.js';
import type { JwsSigner } from '../jws/types.js';
import type { JpkiCertificate } from '../jpki/read.js';
import { validateJpkiCertificate } from '../jpki/validate.js';
import { readParsedJpkiCertificate } from '../jpki/read.js';
import type { EnrollmentChallengeStore } from './challenge.js';
import { resolveCommonCode, type RenewalLinkSource } from './common-code.js';
import { verifyEnrollmentCsr } from './csr.js';
import { signRebindingStatement } from './rebinding.js';
import type { CommonCodeRegistry } from './registry.js';
import {
  checkEnrollmentRequest,
  decodeEnrollmentRequest,
  type EnrollmentRequest,
} from './request.js';
import { enrollmentKeyBinding, enrollmentToBeSigned } from './tbs.js';
import { appCertificateSubject } from './internal/app-subject.js';
import { objectArgument } from '../internal/args.js';

/** Default lifetime of an app certificate: one year. */
export const DEFAULT_APP_CERTIFICATE_LIFETIME = 365 * 86400;

/** What the caller's attestation verifier learns and returns. */
export interface AttestationContext {
  /** The opaque evidence from the request. */
  readonly evidence: Uint8Array;
  /** The challenge (base64url) the evidence must be bound to. */
  readonly challenge: string;
  /** SubjectPublicKeyInfo DER of the key the evidence must attest. */
  readonly publicKey: Uint8Array;
  readonly rpId: string;
  readonly appId: string;
}

/**
 * Verifies platform key attestation (App Attest, Android key attestation, ...) and returns how the
 * key is protected; throws (any error) to reject. The library treats the evidence as opaque.
 */
export type AttestationVerifier = (context: AttestationContext) => Promise<KeyProtection>;

/** The CA's issuing certificate and key. */
export interface EnrollmentIssuer {
  /** DER of the issuing CA certificate. */
  readonly certificate: Uint8Array;
  /** The rest of the chain above it (DER, towards the root), returned with the result. */
  readonly chain?: readonly Uint8Array[];
  readonly signer: CertificateSigner;
}

/** Options of {@link processEnrollment}. */
export interface ProcessEnrollmentOptions {
  readonly challengeStore: EnrollmentChallengeStore;
  /** J-LIS signature roots (DER), e.g. `jpkiTrustAnchorCertificates('sign')`. */
  readonly jpkiTrustAnchors: readonly Uint8Array[];
  /** Current J-LIS CRLs: DER, or handles from `loadCrl` kept between refreshes (one lookup per enrollment, [REV-40]). */
  readonly crls: readonly (Uint8Array | LoadedCrl)[];
  /**
   * How the CA partitions the CRLs of the app certificates it issues ([REV-41]): each certificate
   * names its partition's distribution point. Absent, certificates carry no distribution point.
   */
  readonly crlPartitions?: CrlPartitioning;
  /** The CA's current time, integer seconds since the epoch. */
  readonly time: number;
  readonly registry: CommonCodeRegistry;
  readonly issuer: EnrollmentIssuer;
  /** J-LIS renewal links known to the CA. */
  readonly renewalLinks?: RenewalLinkSource;
  readonly attestationVerifier?: AttestationVerifier;
  /** Reject requests without attestation evidence (default false). */
  readonly requireAttestation?: boolean;
  /** Accept JPKI test-environment certificates (default false; test deployments only). */
  readonly allowTestJpki?: boolean;
  /** Revocation mode for the JPKI certificate (default `require`). */
  readonly revocationMode?: 'require' | 'prefer';
  /** App certificate lifetime in seconds (default one year); never beyond the JPKI certificate's notAfter. */
  readonly certificateLifetime?: number;
  /** Signs re-binding statements; required with `renewalLinks`. */
  readonly rebindingSigner?: RebindingSigner;
  /** Random source for certificate serial numbers (default: the platform CSPRNG). Vectors only. */
  readonly random?: (length: number) => Uint8Array;
}

/** The CA's key for re-binding statements: an ES256 end-entity certificate under the CA's hierarchy. */
export interface RebindingSigner {
  /** DER certificates, leaf (the statement-signing certificate) first. */
  readonly certificateChain: readonly Uint8Array[];
  readonly sign: JwsSigner;
}

/** A successful enrollment. */
export interface EnrollmentResult {
  /** DER of the issued app authentication certificate. */
  readonly certificate: Uint8Array;
  /** The certificate then the issuer chain, leaf first. */
  readonly chain: readonly Uint8Array[];
  readonly commonCode: Uint8Array;
  readonly commonCodeText: string;
  /** `existing`, `rebound` or `new` (spec/common-code.md §3). */
  readonly commonCodeStatus: 'existing' | 'rebound' | 'new';
  /** The person key of the JPKI certificate (for the CA's records). */
  readonly personKey: Uint8Array;
  /** One CA-signed statement per re-binding made, oldest link first. */
  readonly rebindingStatements: readonly string[];
  readonly keyProtection: KeyProtection;
  /** The JPKI certificate the enrollment rests on. */
  readonly jpki: JpkiCertificate;
}

async function checkChallenge(
  store: EnrollmentChallengeStore,
  request: EnrollmentRequest,
  time: number,
): Promise<void> {
  const r = await store.consume(request.challenge);
  if (r.status === 'unknown')
    fail('ERR_ENROLLMENT_CHALLENGE', 'enrollment challenge is unknown to the CA', 'ENR-03');
  if (r.status === 'replayed')
    fail('ERR_ENROLLMENT_CHALLENGE', 'enrollment challenge was already used', 'ENR-03');
  if (time > r.record.exp)
    fail(
      'ERR_ENROLLMENT_CHALLENGE',
      `enrollment challenge expired at ${r.record.exp} (time ${time})`,
      'ENR-03',
    );
  if (r.record.rpId !== request.rpId || r.record.appId !== request.appId) {
    fail(
      'ERR_ENROLLMENT_CHALLENGE',
      `enrollment challenge was issued for ${r.record.rpId} / ${r.record.appId}, not ${request.rpId} / ${request.appId}`,
      'ENR-03',
    );
  }
}

function serialFrom(random: (length: number) => Uint8Array): Uint8Array {
  const s = random(16).slice();
  s[0] = ((s[0] ?? 0) & 0x7f) | 0x40; // positive, 16 octets, never zero
  return s;
}

/**
 * Runs the CA's enrollment pipeline ([ENR-02]..[ENR-12]) on an encoded or decoded request and
 * issues the app authentication certificate. Checks, in order: request format, challenge
 * (consumed first, so any later failure still spends it), CSR proof of possession, JPKI
 * certificate kind and profile, test policy, chain, validity and revocation, the card's
 * signature over the rebuilt to-be-signed bytes, attestation, then the common code.
 *
 * @throws JitsuinError with the code of the first failed check (see spec/enrollment.md §4).
 */
export async function processEnrollment(
  request: string | Uint8Array | EnrollmentRequest,
  options: ProcessEnrollmentOptions,
): Promise<EnrollmentResult> {
  objectArgument(options, 'processEnrollment: options');
  if (!Number.isSafeInteger(options.time) || options.time < 0)
    fail('ERR_INVALID_ARGUMENT', 'processEnrollment: time must be integer seconds');
  const revocationMode = options.revocationMode ?? 'require';
  if (revocationMode !== 'require' && revocationMode !== 'prefer')
    fail(
      'ERR_INVALID_ARGUMENT',
      `processEnrollment: revocationMode must be require or prefer, not ${String(revocationMode)}`,
      'ENR-07',
    );
  if (options.renewalLinks !== undefined && options.rebindingSigner === undefined)
    fail(
      'ERR_INVALID_ARGUMENT',
      'processEnrollment: renewalLinks need a rebindingSigner to record re-bindings',
      'CC-10',
    );
  // A misconfigured partitioning fails here, before a challenge is spent.
  const partitionUri =
    options.crlPartitions === undefined
      ? undefined
      : crlPartitionUri(options.crlPartitions, options.time);
  const req =
    typeof request === 'string' || request instanceof Uint8Array
      ? decodeEnrollmentRequest(request)
      : checkEnrollmentRequest(request);
  await checkChallenge(options.challengeStore, req, options.time);
  const csr = await verifyEnrollmentCsr(req.csr);
  // ENR-17: the app key itself must have asked for this enrollment (the challenge was checked to
  // name this rpId and appId), or a CSR copied from another person's phone would be certified here.
  const expected = enrollmentKeyBinding({
    challenge: req.challenge,
    rpId: req.rpId,
    appId: req.appId,
  });
  if (csr.binding === undefined)
    fail(
      'ERR_ENROLLMENT_CSR',
      'CSR: no enrollment-binding attribute: the key did not sign for this enrollment',
      'ENR-17',
    );
  if (!bytesEqual(csr.binding, expected))
    fail(
      'ERR_ENROLLMENT_CSR',
      'CSR: its enrollment binding is for another challenge, RP or app than this enrollment',
      'ENR-17',
    );

  let jpki: JpkiCertificate;
  try {
    jpki = readParsedJpkiCertificate(parseCertificate(req.jpkiCertificate));
  } catch (e) {
    if (isJitsuinError(e))
      throw new JitsuinError(e.code, `JPKI certificate: ${e.message}`, {
        requirement: e.requirement ?? 'ENR-06',
        cause: e,
      });
    throw e;
  }
  if (jpki.kind !== 'sign')
    fail(
      'ERR_JPKI_PROFILE',
      'enrollment needs the JPKI signature certificate, not the user-authentication one',
      'ENR-06',
    );
  await validateJpkiCertificate(req.jpkiCertificate, {
    trustAnchors: options.jpkiTrustAnchors,
    time: options.time,
    crls: options.crls,
    mode: revocationMode,
    allowTest: options.allowTestJpki === true,
    kind: 'sign',
  });

  const tbs = enrollmentToBeSigned({
    challenge: req.challenge,
    rpId: req.rpId,
    appId: req.appId,
    csr: req.csr,
  });
  try {
    await verifyRsaPkcs1v15(
      jpki.certificate.publicKey as RsaPublicKey,
      tbs,
      req.cardSignature,
      'SHA-256',
    );
  } catch (e) {
    if (isJitsuinError(e))
      fail(
        'ERR_ENROLLMENT_CARD_SIGNATURE',
        `the card's signature over the enrollment to-be-signed bytes does not verify (${e.code})`,
        'ENR-09',
        e,
      );
    throw e;
  }

  let keyProtection: KeyProtection = 'software';
  if (req.attestation === undefined) {
    if (options.requireAttestation === true)
      fail(
        'ERR_ENROLLMENT_ATTESTATION',
        'key attestation evidence is required and absent',
        'ENR-10',
      );
  } else if (options.attestationVerifier !== undefined) {
    try {
      keyProtection = await options.attestationVerifier({
        evidence: req.attestation,
        challenge: req.challenge,
        publicKey: csr.publicKey,
        rpId: req.rpId,
        appId: req.appId,
      });
    } catch (e) {
      fail(
        'ERR_ENROLLMENT_ATTESTATION',
        `the attestation verifier rejected the evidence: ${e instanceof Error ? e.message : String(e)}`,
        'ENR-10',
        e,
      );
    }
  } else if (options.requireAttestation === true) {
    fail(
      'ERR_ENROLLMENT_ATTESTATION',
      'attestation is required but no attestation verifier is configured',
      'ENR-10',
    );
  }

  const resolved = await resolveCommonCode(
    options.registry,
    jpki.issuerDer,
    jpki.serialNumber,
    options.renewalLinks,
  );

  const issuerCert = parseCertificate(options.issuer.certificate);
  const lifetime = options.certificateLifetime ?? DEFAULT_APP_CERTIFICATE_LIFETIME;
  if (!Number.isSafeInteger(lifetime) || lifetime < 1)
    fail(
      'ERR_INVALID_ARGUMENT',
      'processEnrollment: certificateLifetime must be a positive integer',
    );
  const notAfter = Math.min(options.time + lifetime, jpki.notAfter, issuerCert.notAfter);
  const serial = serialFrom(options.random ?? randomBytes);
  const certificate = await buildCertificate({
    serialNumber: serial,
    issuer: issuerCert.subject.der,
    subject: appCertificateSubject(issuerCert.subject, csr.publicKey),
    notBefore: options.time,
    notAfter,
    publicKey: csr.publicKey,
    signer: options.issuer.signer,
    keyUsage: ['digitalSignature'],
    extKeyUsage: [JITSUIN_OID.ekuLogin, JITSUIN_OID.ekuConsent],
    subjectKeyId: 'auto',
    ...(issuerCert.subjectKeyId === undefined ? {} : { authorityKeyId: issuerCert.subjectKeyId }),
    certificatePolicies: [JITSUIN_OID.policyAppAuthentication],
    commonCode: resolved.code,
    appBinding: { rpId: req.rpId, appId: req.appId },
    keyProtection,
    ...(partitionUri === undefined ? {} : { crlDistributionPoints: [{ uris: [partitionUri] }] }),
  });

  const statements: string[] = [];
  for (const r of resolved.rebindings) {
    const signer = options.rebindingSigner as RebindingSigner;
    statements.push(
      await signRebindingStatement(
        {
          commonCode: resolved.code,
          link: r.link,
          oldPersonKey: r.oldPersonKey,
          newPersonKey: r.newPersonKey,
          iat: options.time,
        },
        signer.certificateChain,
        signer.sign,
      ),
    );
  }
  return {
    certificate,
    chain: [certificate, options.issuer.certificate, ...(options.issuer.chain ?? [])],
    commonCode: resolved.code,
    commonCodeText: formatCommonCode(resolved.code),
    commonCodeStatus: resolved.status,
    personKey: resolved.personKey,
    rebindingStatements: statements,
    keyProtection,
    jpki,
  };
}
