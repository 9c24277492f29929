import { describe, expect, it } from 'vitest';
import { p256 } from '@noble/curves/nist.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import {
  buildCertificate,
  name,
  parseCertificate,
  formatCommonCode,
  parseCommonCode,
  JITSUIN_OID,
  MAX_CERTIFICATE_SIZE,
  type BuildCertificateOptions,
  type CertificateSigner,
} from '../../src/x509/index.js';
import { isJitsuinError } from '../../src/errors.js';
import { replaceNode } from './der.helpers.js';

const SPKI_P256_PREFIX = Uint8Array.from([
  0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06, 0x08, 0x2a,
  0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07, 0x03, 0x42, 0x00,
]);
function key(label: string): { sk: Uint8Array; spki: Uint8Array; signer: CertificateSigner } {
  const sk = hkdf(
    sha256,
    new TextEncoder().encode(label),
    new Uint8Array(0),
    new TextEncoder().encode('x509-test'),
    32,
  );
  const spki = new Uint8Array([...SPKI_P256_PREFIX, ...p256.getPublicKey(sk, false)]);
  return { sk, spki, signer: { algorithm: 'ES256', sign: async (m) => p256.sign(m, sk) } };
}
const root = key('root');
const base = (over: Partial<BuildCertificateOptions> = {}): BuildCertificateOptions => ({
  serialNumber: '0a',
  issuer: name([
    ['C', 'JP'],
    ['O', 'Jitsuin Test'],
    ['CN', 'ルートCA'],
  ]),
  subject: name([
    ['C', 'JP'],
    ['O', 'Jitsuin Test'],
    ['CN', 'ルートCA'],
  ]),
  notBefore: 1_700_000_000,
  notAfter: 1_900_000_000,
  publicKey: root.spki,
  signer: root.signer,
  basicConstraints: { ca: true, pathLenConstraint: 1 },
  keyUsage: ['keyCertSign', 'cRLSign'],
  subjectKeyId: 'auto',
  ...over,
});
function code(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return isJitsuinError(e) ? e.code : 'not-jitsuin';
  }
  return undefined;
}

describe('parseCertificate', () => {
  it('[CERT-01] round-trips builder output with every profile field', async () => {
    const cc = new Uint8Array(16).map((_, i) => i * 17);
    const der = await buildCertificate(
      base({
        commonCode: cc,
        appBinding: { rpId: 'login.example.jp', appId: 'TEAM.jp.example.app' },
        keyProtection: 'strongbox',
        extKeyUsage: [JITSUIN_OID.ekuLogin],
        certificatePolicies: [JITSUIN_OID.policyAppAuthentication],
      }),
    );
    const c = parseCertificate(der);
    expect(c.version).toBe(3);
    expect(c.serialNumber).toBe('0a');
    expect(c.subject.text).toBe('C=JP, O=Jitsuin Test, CN=ルートCA');
    expect(c.selfIssued).toBe(true);
    expect(c.notBefore).toBe(1_700_000_000);
    expect(c.notAfter).toBe(1_900_000_000);
    expect(c.basicConstraints).toEqual({ ca: true, pathLenConstraint: 1 });
    expect([...c.keyUsage!]).toEqual(['keyCertSign', 'cRLSign']);
    expect(c.commonCode).toEqual(cc);
    expect(c.appBinding).toEqual({ rpId: 'login.example.jp', appId: 'TEAM.jp.example.app' });
    expect(c.keyProtection).toBe('strongbox');
    expect(c.extKeyUsage).toEqual([JITSUIN_OID.ekuLogin]);
    expect(c.certificatePolicies?.map((p) => p.policyIdentifier)).toEqual([
      JITSUIN_OID.policyAppAuthentication,
    ]);
    expect(c.extensions.find((e) => e.oid === JITSUIN_OID.commonCode)?.critical).toBe(false);
    expect(c.extensions.find((e) => e.oid === '2.5.29.19')?.critical).toBe(true);
    expect(c.subjectKeyId).toHaveLength(20);
    expect(parseCertificate(der)).toBe(c); // cached by bytes
  });

  it('[CERT-01] rejects trailing bytes, truncation, BER lengths and oversized input', async () => {
    const der = await buildCertificate(base());
    expect(code(() => parseCertificate(new Uint8Array([...der, 0])))).toBe('ERR_CERT_MALFORMED');
    expect(code(() => parseCertificate(der.subarray(0, der.length - 1)))).toBe(
      'ERR_CERT_MALFORMED',
    );
    // Re-encode the outer length in long form with a redundant octet (BER, not DER).
    const ber = new Uint8Array([0x30, 0x83, 0x00, der[2]!, der[3]!, ...der.subarray(4)]);
    expect(code(() => parseCertificate(ber))).toBe('ERR_CERT_MALFORMED');
    expect(code(() => parseCertificate(new Uint8Array(MAX_CERTIFICATE_SIZE + 1)))).toBe(
      'ERR_INPUT_TOO_LARGE',
    );
  });

  it('[CERT-01] rejects an explicitly encoded critical FALSE (DEFAULT must be omitted in DER)', async () => {
    const der = await buildCertificate(
      base({ extensions: [{ oid: '1.2.3.4', critical: false, value: Uint8Array.of(5, 0) }] }),
    );
    expect(parseCertificate(der).extensions.at(-1)).toMatchObject({
      oid: '1.2.3.4',
      critical: false,
    });
    const forged = replaceNode(
      der,
      Uint8Array.of(0x30, 0x09, 0x06, 0x03, 0x2a, 0x03, 0x04, 0x04, 0x02, 0x05, 0x00),
      Uint8Array.of(
        0x30,
        0x0c,
        0x06,
        0x03,
        0x2a,
        0x03,
        0x04,
        0x01,
        0x01,
        0x00,
        0x04,
        0x02,
        0x05,
        0x00,
      ),
    );
    expect(forged.length).toBe(der.length + 3);
    expect(code(() => parseCertificate(forged))).toBe('ERR_CERT_MALFORMED');
  });

  it('[CERT-01] rejects BER the field decoders do not read: a BOOLEAN 01 or a constructed string in a name', async () => {
    const { appOptions, buildPatched } = await import('../generators/certificates.js');
    const cn = new TextEncoder().encode('app key 0001');
    const utf8 = Uint8Array.of(0x0c, cn.length, ...cn);
    const boolean01 = await buildPatched(appOptions(), (tbs) =>
      replaceNode(tbs, utf8, Uint8Array.of(0x01, 0x01, 0x01)),
    );
    expect(code(() => parseCertificate(boolean01))).toBe('ERR_CERT_MALFORMED');
    const constructed = await buildPatched(appOptions(), (tbs) =>
      replaceNode(tbs, utf8, Uint8Array.of(0x2c, utf8.length, ...utf8)),
    );
    expect(code(() => parseCertificate(constructed))).toBe('ERR_CERT_MALFORMED');
    // The same patch with a DER value parses: the rejection is about the encoding, not the change.
    const other = await buildPatched(appOptions(), (tbs) =>
      replaceNode(tbs, utf8, Uint8Array.of(0x01, 0x01, 0xff)),
    );
    expect(parseCertificate(other).subject.rdns[2]?.[0]?.value).toBe('#0101ff');
  });

  it('[CERT-01] keeps 128-bit OID arcs exact', async () => {
    const der = await buildCertificate(
      base({ certificatePolicies: [JITSUIN_OID.policyAccreditedSigning] }),
    );
    expect(parseCertificate(der).certificatePolicies?.[0]?.policyIdentifier).toBe(
      '2.25.236537640982490090959633515664135831664.3.2',
    );
  });
});

describe('common code text form', () => {
  it('[CERT-40] formats and parses with a check symbol', () => {
    const c = Uint8Array.from({ length: 16 }, (_, i) => (i * 37 + 11) & 0xff);
    const t = formatCommonCode(c);
    expect(t).toMatch(/^[0-7][0-9A-HJKMNP-TV-Z]{2}(-[0-9A-HJKMNP-TV-Z*~$=U]{4}){6}$/);
    expect(parseCommonCode(t)).toEqual(c);
    expect(parseCommonCode(t.toLowerCase().replace(/-/g, ''))).toEqual(c);
    expect(formatCommonCode(new Uint8Array(16))).toBe('000-0000-0000-0000-0000-0000-0000');
    expect(formatCommonCode(new Uint8Array(16).fill(0xff))).toBe(
      '7ZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZ' +
        '0123456789ABCDEFGHJKMNPQRSTVWXYZ*~$=U'[Number((2n ** 128n - 1n) % 37n)],
    );
  });
  it('[CERT-41] rejects a wrong check symbol or any single substituted symbol', () => {
    const c = Uint8Array.from({ length: 16 }, (_, i) => i);
    const t = formatCommonCode(c).replace(/-/g, '');
    for (let i = 0; i < t.length; i++) {
      const alt = t[i] === '1' ? '2' : '1';
      const broken = t.slice(0, i) + alt + t.slice(i + 1);
      expect(code(() => parseCommonCode(broken))).toBe('ERR_ENCODING');
    }
  });
});
