/**
 * The demo's synthetic test PKI, everything marked TEST: the accredited CA's root and its issuing
 * CA for app certificates and their CRLs (app certificates come from enrollment, `./enroll.ts`). Keys are derived from the
 * demo seed (HKDF-SHA-256), signatures are RFC 6979, times are fixed: the same bytes every run.
 * @module
 */
import { derivePrivateKey, getEcPublicKey, signEcdsa } from '../../crypto/ecdsa.js';
import { exportSpki } from '../../crypto/keys.js';
import { keyIdentifier, type CertificateSigner } from '../../x509/builder.js';
import { parseCertificate } from '../../x509/certificate.js';
import { JITSUIN_OID } from '../../x509/oids.js';
import { buildIssuingCaCertificate, buildRootCaCertificate } from '../../x509/profile-builders.js';
import { name } from '../../x509/name.js';
import { buildCrl, type CrlEntryInput } from '../../x509/revocation/build-crl.js';
import { crlPartitionUri, type CrlPartitioning } from '../../x509/revocation/partition.js';
import { DEMO_SEED } from './random.js';

/** 2026-01-01T00:00:00Z: the CA certificates' notBefore. */
export const CA_NOT_BEFORE = 1_767_225_600;
/** 2036-01-01T00:00:00Z: the CA certificates' notAfter. */
export const CA_NOT_AFTER = 2_082_758_400;

/** A CA of the demo: its certificate, name, key identifier and a signer. */
export interface DemoCa {
  readonly certificate: Uint8Array;
  readonly name: Uint8Array;
  readonly keyId: Uint8Array;
  readonly signer: CertificateSigner;
}

/** The accredited CA of the demo: root, issuing CA and the CRLs a relying party passes in. */
export interface DemoCaPki {
  readonly root: DemoCa;
  readonly issuing: DemoCa;
}

function softwareCa(label: string): {
  privateKey: Uint8Array;
  spki: Uint8Array;
  signer: CertificateSigner;
} {
  const privateKey = derivePrivateKey(DEMO_SEED, `demo/ca/${label}`);
  const spki = exportSpki(getEcPublicKey(privateKey));
  return {
    privateKey,
    spki,
    signer: {
      algorithm: 'ES256',
      signatureFormat: 'raw',
      sign: (tbs) => Promise.resolve(signEcdsa(privateKey, tbs)),
    },
  };
}

const caName = (cn: string): Uint8Array =>
  name([
    ['C', 'JP'],
    ['O', 'jitsuin TEST accredited CA (not a real CA)'],
    ['CN', cn],
  ]);

/** Builds the root and the issuing CA of app certificates. */
export async function buildCaPki(): Promise<DemoCaPki> {
  const rootKey = softwareCa('root');
  const issuingKey = softwareCa('issuing');
  const rootName = caName('jitsuin TEST Root CA 1'); // §3.1: <root name> <generation>
  const issuingName = caName('jitsuin TEST App CA 1');
  const rootId = keyIdentifier(rootKey.spki);
  const issuingId = keyIdentifier(issuingKey.spki);
  // The profile builders of spec/certificates.md §3.1 and §3.2: the issuing CA carries the policy
  // it issues app certificates under (certificatePolicies is required there).
  const root = await buildRootCaCertificate({
    serialNumber: '01',
    subject: rootName,
    notBefore: CA_NOT_BEFORE,
    notAfter: CA_NOT_AFTER,
    publicKey: rootKey.spki,
    signer: rootKey.signer,
  });
  const issuing = await buildIssuingCaCertificate({
    serialNumber: '02',
    subject: issuingName,
    notBefore: CA_NOT_BEFORE,
    notAfter: CA_NOT_AFTER,
    publicKey: issuingKey.spki,
    issuer: { certificate: parseCertificate(root), signer: rootKey.signer },
    policies: [JITSUIN_OID.policyAppAuthentication],
    crlDistributionPoints: [{ uris: ['http://ca.jitsuin.test/root.crl'] }],
  });
  return {
    root: { certificate: root, name: rootName, keyId: rootId, signer: rootKey.signer },
    issuing: {
      certificate: issuing,
      name: issuingName,
      keyId: issuingId,
      signer: issuingKey.signer,
    },
  };
}

/** How the demo CA partitions the CRLs of app certificates: one partition per week of issuance (spec/revocation.md REV-41). */
export const DEMO_CRL_PARTITIONS: CrlPartitioning = {
  baseUri: 'http://ca.jitsuin.test/app-',
  period: 7 * 86_400,
};

/**
 * A CRL of `ca` valid from `thisUpdate` for seven days; with `partitionOf` (an issuance time), the
 * partition CRL of the app certificates issued in that week ([REV-41]).
 */
export function issueCrl(
  ca: DemoCa,
  crlNumber: number,
  thisUpdate: number,
  entries: readonly CrlEntryInput[] = [],
  partitionOf?: number,
): Promise<Uint8Array> {
  return buildCrl({
    issuer: ca.name,
    thisUpdate,
    nextUpdate: thisUpdate + 7 * 86_400,
    crlNumber,
    authorityKeyId: ca.keyId,
    signer: ca.signer,
    entries,
    ...(partitionOf === undefined
      ? {}
      : {
          issuingDistributionPoint: {
            uris: [crlPartitionUri(DEMO_CRL_PARTITIONS, partitionOf)],
            onlyContainsUserCerts: true,
          },
        }),
  });
}
