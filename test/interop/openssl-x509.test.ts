import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { certificatesPki, KEYS, NAMES, T } from '../generators/certificates.js';
import { validatePath, JITSUIN_OID, keyIdentifier } from '../../src/x509/index.js';
import { buildCrl } from '../../src/x509/revocation/build-crl.js';
import { hexEncode } from '../../src/encoding/hex.js';

function haveOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version']);
    return true;
  } catch {
    return false;
  }
}

const pem = (der: Uint8Array, label = 'CERTIFICATE'): string =>
  `-----BEGIN ${label}-----\n${Buffer.from(der).toString('base64').replace(/.{64}/g, '$&\n').replace(/\n?$/, '\n')}-----END ${label}-----\n`;
const derOfPem = (text: string): Uint8Array =>
  new Uint8Array(Buffer.from(text.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64'));

describe.runIf(haveOpenssl())('OpenSSL interoperability', () => {
  let dir: string;
  const ossl = (...args: string[]): string =>
    execFileSync('openssl', args, {
      cwd: dir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'jitsuin-x509-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('[CERT-01] builder output passes openssl verify, with and without -crl_check', async () => {
    const pki = await certificatesPki();
    writeFileSync(join(dir, 'root.pem'), pem(pki.root));
    writeFileSync(join(dir, 'ca.pem'), pem(pki.ca));
    for (const [name, der] of [
      ['app', pki.app],
      ['signing', pki.signing],
      ['org', pki.org],
      ['responder', pki.responder],
    ] as const) {
      writeFileSync(join(dir, `${name}.pem`), pem(der));
      expect(
        ossl(
          'verify',
          '-attime',
          String(T),
          '-CAfile',
          'root.pem',
          '-untrusted',
          'ca.pem',
          `${name}.pem`,
        ),
      ).toContain(': OK');
    }
    const crl = await buildCrl({
      issuer: NAMES.ca,
      thisUpdate: T - 86_400,
      nextUpdate: T + 6 * 86_400,
      crlNumber: 1,
      authorityKeyId: keyIdentifier(KEYS.ca.spki),
      signer: KEYS.ca.signer,
    });
    const revoking = await buildCrl({
      issuer: NAMES.ca,
      thisUpdate: T - 86_400,
      nextUpdate: T + 6 * 86_400,
      crlNumber: 2,
      authorityKeyId: keyIdentifier(KEYS.ca.spki),
      entries: [{ serial: '2001', revocationDate: T - 3600 }],
      signer: KEYS.ca.signer,
    });
    writeFileSync(join(dir, 'crl.pem'), pem(crl, 'X509 CRL'));
    writeFileSync(join(dir, 'revoking.pem'), pem(revoking, 'X509 CRL'));
    expect(
      ossl(
        'verify',
        '-attime',
        String(T),
        '-crl_check',
        '-CRLfile',
        'crl.pem',
        '-CAfile',
        'root.pem',
        '-untrusted',
        'ca.pem',
        'app.pem',
      ),
    ).toContain(': OK');
    expect(() =>
      ossl(
        'verify',
        '-attime',
        String(T),
        '-crl_check',
        '-CRLfile',
        'revoking.pem',
        '-CAfile',
        'root.pem',
        '-untrusted',
        'ca.pem',
        'app.pem',
      ),
    ).toThrow(/revoked/);
  });

  it('[CERT-23] openssl x509 -text shows the common-code extension OID and its DER', async () => {
    const pki = await certificatesPki();
    writeFileSync(join(dir, 'app.pem'), pem(pki.app));
    const text = ossl('x509', '-in', 'app.pem', '-noout', '-text');
    expect(text).toContain(`${JITSUIN_OID.commonCode}:`);
    expect(text).toContain(`${JITSUIN_OID.appBinding}:`);
    expect(text).toContain(`${JITSUIN_OID.keyProtection}:`);
    expect(text).toContain('Policy: 2.25.236537640982490090959633515664135831664.3.1');
    const parsed = ossl('asn1parse', '-in', 'app.pem');
    expect(parsed).toContain(':2.25.236537640982490090959633515664135831664.1.1');
    expect(parsed).toContain('[HEX DUMP]:301502010104105A1C0E7F3B2D4E6F8091A2B3C4D5E6F7');
  });

  it('[PATH-01] a chain made by openssl req/x509 with -addext validates in jitsuin under the app profile', async () => {
    const code = '00112233445566778899aabbccddeeff';
    const cc = `DER:30150201010410${code}`;
    const binding = 'DER:301c0201010c0a6578616d706c652e6a700c0b6170702e6578616d706c65'; // { 1, "example.jp", "app.example" }
    const protection = 'DER:0a0102'; // strongbox
    for (const k of ['root', 'ca', 'leaf'])
      ossl('ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', `${k}.key`);
    ossl(
      'req',
      '-x509',
      '-new',
      '-key',
      'root.key',
      '-sha256',
      '-days',
      '3650',
      '-subj',
      '/C=JP/O=OpenSSL Test/CN=OpenSSL Root',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
      '-addext',
      'subjectKeyIdentifier=hash',
      '-out',
      'o-root.pem',
    );
    ossl(
      'req',
      '-new',
      '-key',
      'ca.key',
      '-subj',
      '/C=JP/O=OpenSSL Test/CN=OpenSSL Issuing CA',
      '-out',
      'ca.csr',
    );
    writeFileSync(
      join(dir, 'ca.ext'),
      'basicConstraints=critical,CA:TRUE,pathlen:0\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\ncertificatePolicies=2.5.29.32.0\n',
    );
    ossl(
      'x509',
      '-req',
      '-in',
      'ca.csr',
      '-CA',
      'o-root.pem',
      '-CAkey',
      'root.key',
      '-CAcreateserial',
      '-days',
      '1825',
      '-sha256',
      '-extfile',
      'ca.ext',
      '-out',
      'o-ca.pem',
    );
    ossl(
      'req',
      '-new',
      '-key',
      'leaf.key',
      '-subj',
      '/C=JP/O=OpenSSL Test/CN=app key openssl',
      '-out',
      'leaf.csr',
    );
    writeFileSync(
      join(dir, 'leaf.ext'),
      [
        'keyUsage=critical,digitalSignature',
        `extendedKeyUsage=${JITSUIN_OID.ekuLogin},${JITSUIN_OID.ekuConsent}`,
        `certificatePolicies=${JITSUIN_OID.policyAppAuthentication}`,
        'subjectKeyIdentifier=hash',
        'authorityKeyIdentifier=keyid',
        `${JITSUIN_OID.commonCode}=${cc}`,
        `${JITSUIN_OID.appBinding}=${binding}`,
        `${JITSUIN_OID.keyProtection}=${protection}`,
        '',
      ].join('\n'),
    );
    ossl(
      'x509',
      '-req',
      '-in',
      'leaf.csr',
      '-CA',
      'o-ca.pem',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-days',
      '365',
      '-sha256',
      '-extfile',
      'leaf.ext',
      '-out',
      'o-leaf.pem',
    );
    expect(
      ossl('verify', '-CAfile', 'o-root.pem', '-untrusted', 'o-ca.pem', 'o-leaf.pem'),
    ).toContain(': OK');

    const read = (f: string): Uint8Array => derOfPem(readFileSync(join(dir, f), 'utf8'));
    const r = await validatePath(read('o-leaf.pem'), {
      intermediates: [read('o-ca.pem')],
      trustAnchors: [read('o-root.pem')],
      time: Math.floor(Date.now() / 1000),
      profile: 'app-authentication',
      requiredEku: JITSUIN_OID.ekuLogin,
      revocation: { mode: 'off' },
      cache: false,
    });
    expect(r.commonCode === undefined ? '' : hexEncode(r.commonCode)).toBe(code);
    expect(r.appBinding).toEqual({ rpId: 'example.jp', appId: 'app.example' });
    expect(r.keyProtection).toBe('strongbox');
    expect(r.path).toHaveLength(3);
  });
});
