/**
 * The relying-party certificate (spec/certificates.md §11): the organisation certificate of §3.5
 * plus the consent-signing key purpose and the rpId as the one dNSName. Its builder, and the
 * validation every party runs on a chain that signs a consent request or a transfer record.
 * @module
 */
import { fail } from '../internal/fail.js';
import { isRpId } from '../login/rp-id.js';
import { buildCertificate } from './builder.js';
import type { Certificate } from './certificate.js';
import { JITSUIN_OID } from './oids.js';
import type {
  IssuerInput,
  ProfileCertificateInput,
  RevocationPointers,
} from './profile-builders.js';
import { validateCarriedChain } from './carried-chain.js';
import type { TrustInputs } from './trust-inputs.js';

/**
 * Issues a relying-party certificate (§11): keyUsage digitalSignature, EKU organisation and
 * relying-party consent, the organisation policy, and `rpId` as the only dNSName.
 */
export async function buildRelyingPartyCertificate(
  input: ProfileCertificateInput & {
    readonly issuer: IssuerInput;
    readonly rpId: string;
  } & RevocationPointers,
): Promise<Uint8Array> {
  if (typeof input !== 'object' || input === null)
    fail('ERR_INVALID_ARGUMENT', 'buildRelyingPartyCertificate: input is required');
  const { issuer, rpId, crlDistributionPoints, ocspUris, ...rest } = input;
  if (!isRpId(rpId))
    fail(
      'ERR_INVALID_ARGUMENT',
      'buildRelyingPartyCertificate: rpId is not a valid RP identifier (CERT-51)',
    );
  if (
    typeof issuer !== 'object' ||
    issuer === null ||
    issuer.certificate?.subjectKeyId === undefined
  )
    fail(
      'ERR_INVALID_ARGUMENT',
      'buildRelyingPartyCertificate: the issuer certificate needs a subjectKeyIdentifier',
    );
  return buildCertificate({
    ...rest,
    issuer: issuer.certificate.subject.der,
    signer: issuer.signer,
    authorityKeyId: issuer.certificate.subjectKeyId,
    ...(crlDistributionPoints === undefined ? {} : { crlDistributionPoints }),
    ...(ocspUris === undefined ? {} : { authorityInfoAccess: { ocsp: ocspUris } }),
    keyUsage: ['digitalSignature'],
    extKeyUsage: [JITSUIN_OID.ekuOrganisation, JITSUIN_OID.ekuRpConsent],
    certificatePolicies: [JITSUIN_OID.policyOrganisation],
    subjectAltName: [{ type: 'dNSName', value: rpId }],
  });
}

/** What a party passes to validate a relying-party certificate chain: its own trust inputs. */
export type RelyingPartyCertificateOptions = TrustInputs;

/** A validated relying-party certificate. */
export interface RelyingPartyCertificate {
  readonly certificate: Certificate;
  /** The validated path, leaf first. */
  readonly path: readonly Certificate[];
  /** The rpId: the certificate's one dNSName ([CERT-52]). */
  readonly rpId: string;
  /** The subject's organizationName (what the person is shown). */
  readonly organisation: string;
}

const ORGANIZATION_NAME = '2.5.4.10';

/**
 * Validates `chain` (DER, leaf first) as a relying-party certificate ([CERT-50]..[CERT-52]): RFC
 * 5280 path validation with the organisation profile, the relying-party consent EKU and
 * revocation, then exactly one subjectAltName, a dNSName that is an rpId.
 */
export async function validateRelyingPartyCertificate(
  chain: readonly Uint8Array[],
  options: RelyingPartyCertificateOptions,
): Promise<RelyingPartyCertificate> {
  if (!Array.isArray(chain) || !chain.every((c) => c instanceof Uint8Array))
    fail(
      'ERR_INVALID_ARGUMENT',
      'validateRelyingPartyCertificate: chain must be an array of DER certificates',
    );
  if (typeof options !== 'object' || options === null)
    fail('ERR_INVALID_ARGUMENT', 'validateRelyingPartyCertificate: options are required');
  const result = await validateCarriedChain(chain, options, {
    profile: 'organisation',
    requiredEku: JITSUIN_OID.ekuRpConsent,
  });
  const certificate = result.leaf;
  const san = certificate.subjectAltName;
  if (san === undefined || san.length !== 1)
    fail(
      'ERR_CERT_PROFILE',
      'a relying-party certificate has exactly one subjectAltName name, its rpId',
      'CERT-51',
    );
  const only = san[0]!;
  if (only.type !== 'dNSName' || !isRpId(only.value))
    fail(
      'ERR_CERT_PROFILE',
      'the subjectAltName of a relying-party certificate is not a dNSName rpId',
      'CERT-51',
    );
  const organisation =
    certificate.subject.rdns.flat().find((a) => a.type === ORGANIZATION_NAME)?.value ?? '';
  return { certificate, path: result.path, rpId: only.value, organisation };
}
