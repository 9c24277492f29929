/**
 * A synthetic TEST jitsuin CA (P-256 root and issuing CA) that issues app authentication
 * certificates in enrollment vectors, tests and demos. Deterministic keys (HKDF labels), TEST in
 * every name. @internal
 */
import { derivePrivateKey, getEcPublicKey, signEcdsa } from '../../src/crypto/ecdsa.js';
import { exportSpki } from '../../src/crypto/keys.js';
import { utf8Encode } from '../../src/encoding/utf8.js';
import { buildCertificate, keyIdentifier, type CertificateSigner } from '../../src/x509/builder.js';
import { name } from '../../src/x509/name.js';
import { JITSUIN_OID } from '../../src/x509/oids.js';

/** Seed of the TEST CA keys. */
export const TEST_CA_SEED = utf8Encode('jitsuin/testpki/app-ca/v1 TEST ONLY');

/** A TEST P-256 key. */
export interface TestEcKey {
  readonly privateKey: Uint8Array;
  readonly spki: Uint8Array;
  readonly signer: CertificateSigner;
}

/** Derives the TEST P-256 key of `label`. */
export function testEcKey(label: string, seed: Uint8Array = TEST_CA_SEED): TestEcKey {
  const privateKey = derivePrivateKey(seed, `TEST/${label}`);
  return {
    privateKey,
    spki: exportSpki(getEcPublicKey(privateKey)),
    signer: {
      algorithm: 'ES256',
      signatureFormat: 'raw',
      sign: async (m) => signEcdsa(privateKey, m),
    },
  };
}

/** The TEST jitsuin CA. */
export interface TestAppCa {
  readonly rootKey: TestEcKey;
  readonly root: Uint8Array;
  readonly issuingKey: TestEcKey;
  readonly issuing: Uint8Array;
  /** Key and end-entity certificate (issued by `issuing`) that sign re-binding statements. */
  readonly statementKey: TestEcKey;
  readonly statement: Uint8Array;
}

/** Root name of the TEST jitsuin CA. */
export const TEST_APP_CA_ROOT_NAME = name([
  ['C', 'JP'],
  ['O', 'jitsuin TEST CA'],
  ['CN', 'jitsuin TEST root'],
]);
/** Issuing CA name of the TEST jitsuin CA. */
export const TEST_APP_CA_ISSUING_NAME = name([
  ['C', 'JP'],
  ['O', 'jitsuin TEST CA'],
  ['CN', 'jitsuin TEST app issuing CA'],
]);

let cached: Promise<TestAppCa> | undefined;

/** Builds (once) the TEST jitsuin CA, valid 2025-01-01 .. 2035-01-01. */
export function createTestAppCa(): Promise<TestAppCa> {
  cached ??= (async () => {
    const rootKey = testEcKey('app-ca/root');
    const issuingKey = testEcKey('app-ca/issuing');
    const notBefore = 1735689600;
    const notAfter = notBefore + 10 * 365 * 86400;
    const root = await buildCertificate({
      serialNumber: '01',
      issuer: TEST_APP_CA_ROOT_NAME,
      subject: TEST_APP_CA_ROOT_NAME,
      notBefore,
      notAfter,
      publicKey: rootKey.spki,
      signer: rootKey.signer,
      basicConstraints: { ca: true, pathLenConstraint: 1 },
      keyUsage: ['keyCertSign', 'cRLSign'],
      subjectKeyId: 'auto',
    });
    const issuing = await buildCertificate({
      serialNumber: '02',
      issuer: TEST_APP_CA_ROOT_NAME,
      subject: TEST_APP_CA_ISSUING_NAME,
      notBefore,
      notAfter,
      publicKey: issuingKey.spki,
      signer: rootKey.signer,
      basicConstraints: { ca: true, pathLenConstraint: 0 },
      keyUsage: ['keyCertSign', 'cRLSign', 'digitalSignature'],
      subjectKeyId: 'auto',
      authorityKeyId: keyIdentifier(rootKey.spki),
      certificatePolicies: [JITSUIN_OID.policyAppAuthentication],
    });
    const statementKey = testEcKey('app-ca/statements');
    const statement = await buildCertificate({
      serialNumber: '03',
      issuer: TEST_APP_CA_ISSUING_NAME,
      subject: name([
        ['C', 'JP'],
        ['O', 'jitsuin TEST CA'],
        ['CN', 'jitsuin TEST re-binding statements'],
      ]),
      notBefore,
      notAfter,
      publicKey: statementKey.spki,
      signer: issuingKey.signer,
      keyUsage: ['digitalSignature'],
      subjectKeyId: 'auto',
      authorityKeyId: keyIdentifier(issuingKey.spki),
    });
    return { rootKey, root, issuingKey, issuing, statementKey, statement };
  })();
  return cached;
}
