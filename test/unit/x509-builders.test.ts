import { describe, expect, it } from 'vitest';
import { KEYS, COMMON_CODE, T } from '../generators/certificates.js';
import {
  buildAccreditedSigningCertificate,
  buildAppAuthenticationCertificate,
  buildIssuingCaCertificate,
  buildOcspResponderCertificate,
  buildOrganisationCertificate,
  buildRootCaCertificate,
  buildCertificate,
  name,
  parseCertificate,
  validatePath,
  type CertificateProfile,
} from '../../src/x509/index.js';
import { signEcdsa } from '../../src/crypto/ecdsa.js';

const YEAR = 365 * 86_400;

describe('profile builders', () => {
  it('[CERT-21] [CERT-30] [CERT-35] [CERT-38] every profile builder yields a certificate that validates under its profile', async () => {
    const validity = { notBefore: T - 86_400, notAfter: T + YEAR };
    const rootDer = await buildRootCaCertificate({
      serialNumber: '7001',
      subject: name([
        ['C', 'JP'],
        ['O', 'Builder Test'],
        ['CN', 'Root'],
      ]),
      publicKey: KEYS.root.spki,
      signer: KEYS.root.signer,
      notBefore: T - YEAR,
      notAfter: T + 10 * YEAR,
    });
    const root = { certificate: parseCertificate(rootDer), signer: KEYS.root.signer };
    const caDer = await buildIssuingCaCertificate({
      serialNumber: '7002',
      subject: name([
        ['C', 'JP'],
        ['O', 'Builder Test'],
        ['CN', 'Issuing'],
      ]),
      publicKey: KEYS.ca.spki,
      issuer: root,
      ...validity,
      crlDistributionPoints: [{ uris: ['http://crl.example.jp/root.crl'] }],
    });
    const ca = { certificate: parseCertificate(caDer), signer: KEYS.ca.signer };
    const leaves: [CertificateProfile, Uint8Array][] = [
      [
        'app-authentication',
        await buildAppAuthenticationCertificate({
          serialNumber: '7003',
          subject: name([
            ['C', 'JP'],
            ['CN', 'k1'],
          ]),
          publicKey: KEYS.app.spki,
          issuer: ca,
          ...validity,
          commonCode: COMMON_CODE,
          appBinding: { rpId: 'rp.example.jp', appId: 'T.app' },
          keyProtection: 'tee',
          ocspUris: ['http://ocsp.example.jp/'],
        }),
      ],
      [
        'accredited-signing',
        await buildAccreditedSigningCertificate({
          serialNumber: '7004',
          subject: name([
            ['C', 'JP'],
            ['CN', '佐藤 花子'],
          ]),
          publicKey: KEYS.person.spki,
          issuer: ca,
          ...validity,
          commonCode: COMMON_CODE,
        }),
      ],
      [
        'organisation',
        await buildOrganisationCertificate({
          serialNumber: '7005',
          subject: name([
            ['C', 'JP'],
            ['O', '例株式会社'],
            ['CN', 'rp.example.jp'],
          ]),
          publicKey: KEYS.org.spki,
          issuer: ca,
          ...validity,
          dnsNames: ['rp.example.jp'],
        }),
      ],
      [
        'ocsp-responder',
        await buildOcspResponderCertificate({
          serialNumber: '7006',
          subject: name([
            ['C', 'JP'],
            ['CN', 'OCSP'],
          ]),
          publicKey: KEYS.responder.spki,
          issuer: ca,
          ...validity,
        }),
      ],
    ];
    for (const [profile, der] of leaves) {
      const r = await validatePath(der, {
        intermediates: [caDer],
        trustAnchors: [rootDer],
        time: T,
        profile,
        revocation: { mode: 'off' },
        cache: false,
      });
      expect(r.profile).toBe(profile);
      // A certificate of one profile is rejected under every other jitsuin profile.
      for (const [other] of leaves) {
        if (other === profile) continue;
        await expect(
          validatePath(der, {
            intermediates: [caDer],
            trustAnchors: [rootDer],
            time: T,
            profile: other,
            revocation: { mode: 'off' },
            cache: false,
          }),
        ).rejects.toThrow();
      }
    }
  });

  it('[CERT-01] normalises a raw r||s ECDSA signer to DER and produces identical bytes for identical inputs', async () => {
    const subject = name([
      ['C', 'JP'],
      ['CN', 'raw'],
    ]);
    const base = {
      serialNumber: '01',
      issuer: subject,
      subject,
      notBefore: T,
      notAfter: T + 1,
      publicKey: KEYS.rogue.spki,
      basicConstraints: { ca: true },
      keyUsage: ['keyCertSign' as const],
      subjectKeyId: 'auto' as const,
    };
    const raw = await buildCertificate({
      ...base,
      signer: { algorithm: 'ES256', sign: async (m) => signEcdsa(KEYS.rogue.priv, m) },
    });
    const der = await buildCertificate({
      ...base,
      signer: {
        algorithm: 'ES256',
        signatureFormat: 'der',
        sign: async (m) => signEcdsa(KEYS.rogue.priv, m, { format: 'der' }),
      },
    });
    expect(raw).toEqual(der);
    expect(parseCertificate(raw).signature[0]).toBe(0x30);
  });
});
