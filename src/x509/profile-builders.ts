/**
 * One builder per certificate profile of spec/certificates.md §3: each fills in the extensions
 * and criticality the profile prescribes, so a CA implementation supplies only what varies
 * (names, key, serial, validity, the profile's own fields) and cannot forget a required extension.
 * @module
 */
import { fail } from '../internal/fail.js';
import {
  buildCertificate,
  type BuildCertificateOptions,
  type CertificateSigner,
  type DistributionPointInput,
} from './builder.js';
import type { Certificate } from './certificate.js';
import type { AppBinding, KeyProtection } from './extensions.js';
import { JITSUIN_OID, PKIX_OID } from './oids.js';
import { objectArgument } from '../internal/args.js';

/** Inputs every profile builder takes. */
export interface ProfileCertificateInput {
  /** Serial number: lower-case hex or bytes; use at least 64 bits from a CSPRNG. */
  readonly serialNumber: string | Uint8Array;
  /** Subject Name DER (`name()`). */
  readonly subject: Uint8Array;
  /** SubjectPublicKeyInfo DER of the certified key. */
  readonly publicKey: Uint8Array;
  /** Seconds since the epoch. */
  readonly notBefore: number;
  /** Seconds since the epoch. */
  readonly notAfter: number;
}

/** The issuer of a non-root certificate: its certificate (for the name and key identifier) and its signer. */
export interface IssuerInput {
  readonly certificate: Certificate;
  readonly signer: CertificateSigner;
}

/** Optional pointers to revocation information, added as cRLDistributionPoints / authorityInfoAccess. */
export interface RevocationPointers {
  readonly crlDistributionPoints?: readonly DistributionPointInput[];
  readonly ocspUris?: readonly string[];
}

function issued(
  input: ProfileCertificateInput,
  issuer: IssuerInput,
  pointers: RevocationPointers | undefined,
): BuildCertificateOptions {
  objectArgument(issuer, 'issuer');
  objectArgument(issuer.certificate, 'issuer.certificate (a parsed certificate)');
  const akid = issuer.certificate.subjectKeyId;
  if (akid === undefined)
    fail('ERR_INVALID_ARGUMENT', 'the issuer certificate has no subjectKeyIdentifier (CERT-04)');
  if (issuer.certificate.basicConstraints?.ca !== true)
    fail('ERR_INVALID_ARGUMENT', 'the issuer certificate is not a CA certificate');
  return {
    ...input,
    issuer: issuer.certificate.subject.der,
    signer: issuer.signer,
    authorityKeyId: akid,
    ...(pointers?.crlDistributionPoints === undefined
      ? {}
      : { crlDistributionPoints: pointers.crlDistributionPoints }),
    ...(pointers?.ocspUris === undefined
      ? {}
      : { authorityInfoAccess: { ocsp: pointers.ocspUris } }),
  };
}

/** A self-signed root CA certificate (§3.1). */
export function buildRootCaCertificate(
  input: ProfileCertificateInput & {
    readonly signer: CertificateSigner;
    readonly pathLenConstraint?: number;
  },
): Promise<Uint8Array> {
  objectArgument(input, 'buildRootCaCertificate: input');
  const { signer, pathLenConstraint, ...rest } = input;
  return buildCertificate({
    ...rest,
    issuer: input.subject,
    signer,
    basicConstraints:
      pathLenConstraint === undefined ? { ca: true } : { ca: true, pathLenConstraint },
    keyUsage: ['keyCertSign', 'cRLSign'],
    subjectKeyId: 'auto',
  });
}

/** An issuing CA certificate (§3.2): pathLenConstraint 0, the policies it may issue under. */
export function buildIssuingCaCertificate(
  input: ProfileCertificateInput & {
    readonly issuer: IssuerInput;
    readonly policies?: readonly string[];
  } & RevocationPointers,
): Promise<Uint8Array> {
  objectArgument(input, 'buildIssuingCaCertificate: input');
  const { issuer, policies, crlDistributionPoints, ocspUris, ...rest } = input;
  return buildCertificate({
    ...issued(rest, issuer, {
      ...(crlDistributionPoints === undefined ? {} : { crlDistributionPoints }),
      ...(ocspUris === undefined ? {} : { ocspUris }),
    }),
    basicConstraints: { ca: true, pathLenConstraint: 0 },
    keyUsage: ['keyCertSign', 'cRLSign'],
    subjectKeyId: 'auto',
    certificatePolicies: policies ?? [PKIX_OID.anyPolicy],
  });
}

/** An app authentication certificate (§3.3). */
export function buildAppAuthenticationCertificate(
  input: ProfileCertificateInput & {
    readonly issuer: IssuerInput;
    readonly commonCode: Uint8Array;
    readonly appBinding: AppBinding;
    readonly keyProtection: KeyProtection;
    /** Key purposes: login, consent or both (default both). */
    readonly purposes?: readonly ('login' | 'consent')[];
  } & RevocationPointers,
): Promise<Uint8Array> {
  objectArgument(input, 'buildAppAuthenticationCertificate: input');
  const {
    issuer,
    commonCode,
    appBinding,
    keyProtection,
    purposes,
    crlDistributionPoints,
    ocspUris,
    ...rest
  } = input;
  const p = purposes ?? ['login', 'consent'];
  if (p.length === 0)
    fail(
      'ERR_INVALID_ARGUMENT',
      'an app authentication certificate needs the login or the consent purpose (CERT-22)',
    );
  return buildCertificate({
    ...issued(rest, issuer, {
      ...(crlDistributionPoints === undefined ? {} : { crlDistributionPoints }),
      ...(ocspUris === undefined ? {} : { ocspUris }),
    }),
    keyUsage: ['digitalSignature'],
    extKeyUsage: p.map((x) => (x === 'login' ? JITSUIN_OID.ekuLogin : JITSUIN_OID.ekuConsent)),
    certificatePolicies: [JITSUIN_OID.policyAppAuthentication],
    commonCode,
    appBinding,
    keyProtection,
  });
}

/** An accredited signing certificate (§3.4); the subject must name the person (commonName). */
export function buildAccreditedSigningCertificate(
  input: ProfileCertificateInput & {
    readonly issuer: IssuerInput;
    readonly commonCode: Uint8Array;
  } & RevocationPointers,
): Promise<Uint8Array> {
  objectArgument(input, 'buildAccreditedSigningCertificate: input');
  const { issuer, commonCode, crlDistributionPoints, ocspUris, ...rest } = input;
  return buildCertificate({
    ...issued(rest, issuer, {
      ...(crlDistributionPoints === undefined ? {} : { crlDistributionPoints }),
      ...(ocspUris === undefined ? {} : { ocspUris }),
    }),
    keyUsage: ['digitalSignature', 'nonRepudiation'],
    certificatePolicies: [JITSUIN_OID.policyAccreditedSigning],
    commonCode,
    // A CMS SignerIdentifier may name the certificate by subjectKeyIdentifier (RFC 5652 §5.3).
    subjectKeyId: 'auto',
  });
}

/** An organisation certificate (§3.5): an RP's key for consent requests and QR offers. */
export function buildOrganisationCertificate(
  input: ProfileCertificateInput & {
    readonly issuer: IssuerInput;
    readonly dnsNames?: readonly string[];
  } & RevocationPointers,
): Promise<Uint8Array> {
  objectArgument(input, 'buildOrganisationCertificate: input');
  const { issuer, dnsNames, crlDistributionPoints, ocspUris, ...rest } = input;
  return buildCertificate({
    ...issued(rest, issuer, {
      ...(crlDistributionPoints === undefined ? {} : { crlDistributionPoints }),
      ...(ocspUris === undefined ? {} : { ocspUris }),
    }),
    keyUsage: ['digitalSignature'],
    extKeyUsage: [JITSUIN_OID.ekuOrganisation],
    certificatePolicies: [JITSUIN_OID.policyOrganisation],
    ...(dnsNames === undefined || dnsNames.length === 0
      ? {}
      : { subjectAltName: dnsNames.map((value) => ({ type: 'dNSName' as const, value })) }),
  });
}

/** A delegated OCSP responder certificate (§3.6). */
export function buildOcspResponderCertificate(
  input: ProfileCertificateInput & { readonly issuer: IssuerInput },
): Promise<Uint8Array> {
  objectArgument(input, 'buildOcspResponderCertificate: input');
  const { issuer, ...rest } = input;
  return buildCertificate({
    ...issued(rest, issuer, undefined),
    keyUsage: ['digitalSignature'],
    extKeyUsage: [PKIX_OID.kpOcspSigning],
    ocspNoCheck: true,
  });
}
