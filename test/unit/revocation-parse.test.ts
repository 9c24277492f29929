import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { revocationPki, T } from '../generators/revocation.js';
import { concatBytes } from '../../src/encoding/bytes.js';
import { isJitsuinError } from '../../src/errors.js';
import { replaceNode } from './der.helpers.js';
import { encodeTlv, readChildren, readTlv } from '../../src/x509/der.js';
import { parseCertificate } from '../../src/x509/certificate.js';
import { JITSUIN_ARC } from '../../src/x509/oids.js';
import {
  checkRevocation,
  MAX_CRL_BYTES,
  MAX_OCSP_RESPONSE_BYTES,
  parseCrl,
  parseOcspResponse,
} from '../../src/x509/revocation/index.js';

const DAY = 86_400;

function code(fn: () => unknown): string {
  try {
    fn();
    return 'ok';
  } catch (e) {
    return isJitsuinError(e) ? e.code : `not-jitsuin: ${String(e)}`;
  }
}

/** Re-encodes the outer SEQUENCE length of `der` in a non-minimal long form (BER, not DER). */
function longFormOuterLength(der: Uint8Array): Uint8Array {
  const first = der[1] as number;
  const n = first & 0x7f;
  const lenBytes = der.subarray(2, 2 + n);
  return concatBytes(Uint8Array.of(0x30, 0x80 | (n + 1), 0), lenBytes, der.subarray(2 + n));
}

describe('parseCrl', () => {
  it('[REV-01] decodes what buildCrl encodes', async () => {
    const p = await revocationPki();
    const der = await p.crl({
      crlNumber: 300n,
      entries: [
        { serial: '1001', revocationDate: T - DAY, reason: 'keyCompromise' },
        { serial: '1002', revocationDate: T - 2 * DAY },
        {
          serial: '1003',
          revocationDate: T - 3 * DAY,
          reason: 'certificateHold',
          certificateIssuer: p.names.other,
        },
        { serial: '1004', revocationDate: T - 3 * DAY },
      ],
      issuingDistributionPoint: {
        uris: ['http://crl.example/ca.crl'],
        onlyContainsUserCerts: true,
        onlySomeReasons: ['keyCompromise', 'superseded'],
      },
    });
    const crl = parseCrl(der);
    expect(crl.issuer.text).toBe('C=JP, O=Jitsuin Revocation Test, CN=Test Issuing CA');
    expect(crl.crlNumber).toBe(300n);
    expect(crl.baseCrlNumber).toBeUndefined();
    expect(crl.thisUpdate).toBe(T - DAY);
    expect(crl.nextUpdate).toBe(T + 6 * DAY);
    expect(crl.entries.get('1001')?.[0]?.reason).toBe('keyCompromise');
    expect(crl.entries.get('1002')?.[0]?.reason).toBe('unspecified');
    // certificateIssuer applies to its entry and the following ones.
    expect(crl.entries.get('1002')?.[0]?.certificateIssuer?.text).toBe(crl.issuer.text);
    expect(crl.entries.get('1003')?.[0]?.certificateIssuer?.text).toBe(
      'C=JP, O=Jitsuin Revocation Test, CN=Some Other CA',
    );
    expect(crl.entries.get('1004')?.[0]?.certificateIssuer?.text).toBe(
      'C=JP, O=Jitsuin Revocation Test, CN=Some Other CA',
    );
    expect(crl.issuingDistributionPoint?.onlyContainsUserCerts).toBe(true);
    expect(crl.issuingDistributionPoint?.reasons).toBe((1 << 1) | (1 << 4));
    expect(crl.issuingDistributionPoint?.distributionPoint).toEqual([
      { type: 'uniformResourceIdentifier', value: 'http://crl.example/ca.crl' },
    ]);
    expect(crl.unknownCriticalExtensions).toEqual([]);
    expect(parseCrl(parseCrl(der).der)).toBe(crl); // cached by bytes
  });

  it('[REV-01] rejects BER, trailing bytes, truncation, garbage and oversized input', async () => {
    const p = await revocationPki();
    const der = await p.crl();
    expect(code(() => parseCrl(longFormOuterLength(der)))).toBe('ERR_CRL_INVALID');
    expect(code(() => parseCrl(concatBytes(der, Uint8Array.of(0))))).toBe('ERR_CRL_INVALID');
    expect(code(() => parseCrl(der.subarray(0, der.length - 1)))).toBe('ERR_CRL_INVALID');
    expect(code(() => parseCrl(new Uint8Array(0)))).toBe('ERR_CRL_INVALID');
    expect(code(() => parseCrl(new Uint8Array(MAX_CRL_BYTES + 1)))).toBe('ERR_INPUT_TOO_LARGE');
  });

  it('[REV-01] parses a CRL of 20000 entries and finds every serial', async () => {
    const p = await revocationPki();
    const entries = Array.from({ length: 20000 }, (_, i) => ({
      serial: (0x100000 + i).toString(16),
      revocationDate: T - DAY,
      reason: 'superseded' as const,
    }));
    const crl = parseCrl(await p.crl({ crlNumber: 99, entries }));
    expect(crl.entries.size).toBe(20000);
    expect(crl.entries.get('10270f')?.[0]?.reason).toBe('superseded');
    expect(crl.entries.get('100000')?.[0]?.revocationDate).toBe(T - DAY);
  });

  it('[REV-01] rejects non-DER details a lenient parser would accept', async () => {
    const p = await revocationPki();
    const der = await p.crl({ entries: [{ serial: '1001', revocationDate: T - DAY }] });
    const swap = (find: Uint8Array, replacement: Uint8Array): Uint8Array => {
      const out = replaceNode(der, find, replacement);
      expect(out).not.toEqual(der);
      return out;
    };
    // The entry's serial as a non-minimal INTEGER (00 10 01).
    expect(
      code(() =>
        parseCrl(
          swap(Uint8Array.of(0x02, 0x02, 0x10, 0x01), Uint8Array.of(0x02, 0x03, 0x00, 0x10, 0x01)),
        ),
      ),
    ).toBe('ERR_CRL_INVALID');
    // thisUpdate and the entry's revocationDate without seconds (UTCTime YYMMDDHHMMZ).
    const utc = (text: string): Uint8Array =>
      Uint8Array.from([0x17, text.length, ...new TextEncoder().encode(text)]);
    expect(code(() => parseCrl(swap(utc('251231000000Z'), utc('2512310000Z'))))).toBe(
      'ERR_CRL_INVALID',
    );
    // The same instants as GeneralizedTime: before 2050 RFC 5280 §5.1.2.4 requires UTCTime.
    const gt = (text: string): Uint8Array =>
      Uint8Array.from([0x18, text.length, ...new TextEncoder().encode(text)]);
    expect(code(() => parseCrl(swap(utc('251231000000Z'), gt('20251231000000Z'))))).toBe(
      'ERR_CRL_INVALID',
    );
    // A GeneralizedTime from 2050 on is the prescribed form and parses (PKITS 4.4.13 has one as nextUpdate).
    const late = await p.crl({ nextUpdate: 2_524_608_000 + 3600 });
    expect(parseCrl(late).nextUpdate).toBe(2_524_608_000 + 3600);
    expect(
      code(() => parseCrl(replaceNode(late, gt('20500101010000Z'), gt('20491231235959Z')))),
    ).toBe('ERR_CRL_INVALID');
    // The cRLNumber extension with an explicit critical FALSE (DER omits a FALSE DEFAULT).
    const crlNumberExt = Uint8Array.of(
      0x30,
      0x0a,
      0x06,
      0x03,
      0x55,
      0x1d,
      0x14,
      0x04,
      0x03,
      0x02,
      0x01,
      0x07,
    );
    expect(
      code(() =>
        parseCrl(
          swap(
            crlNumberExt,
            Uint8Array.of(
              0x30,
              0x0d,
              0x06,
              0x03,
              0x55,
              0x1d,
              0x14,
              0x01,
              0x01,
              0x00,
              0x04,
              0x03,
              0x02,
              0x01,
              0x07,
            ),
          ),
        ),
      ),
    ).toBe('ERR_CRL_INVALID');
    // The same replacement with TRUE is DER and parses (so the FALSE case fails for the flag alone).
    expect(
      code(() =>
        parseCrl(
          swap(
            crlNumberExt,
            Uint8Array.of(
              0x30,
              0x0d,
              0x06,
              0x03,
              0x55,
              0x1d,
              0x14,
              0x01,
              0x01,
              0xff,
              0x04,
              0x03,
              0x02,
              0x01,
              0x07,
            ),
          ),
        ),
      ),
    ).toBe('ok');
  });

  it('[REV-01] never throws anything but a JitsuinError on random or mutated input', async () => {
    const p = await revocationPki();
    const der = await p.crl({
      entries: [{ serial: '1001', revocationDate: T - DAY, reason: 'keyCompromise' }],
      issuingDistributionPoint: { onlyContainsUserCerts: true },
    });
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(code(() => parseCrl(bytes))).not.toMatch(/^not-jitsuin/);
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.nat(der.length - 1), fc.integer({ min: 1, max: 255 }), (i, x) => {
        const m = der.slice();
        m[i] = (m[i] as number) ^ x;
        expect(code(() => parseCrl(m))).not.toMatch(/^not-jitsuin/);
      }),
      { numRuns: 400 },
    );
  });

  it('[REV-02] any single-byte change to a good CRL never yields "good"', async () => {
    const p = await revocationPki();
    const root = parseCertificate(p.root);
    const ca = parseCertificate(p.ca);
    const leaf = parseCertificate(p.leaf);
    const der = await p.crl();
    await fc.assert(
      fc.asyncProperty(fc.nat(der.length - 1), fc.integer({ min: 1, max: 255 }), async (i, x) => {
        const m = der.slice();
        m[i] = (m[i] as number) ^ x;
        let status = 'rejected';
        try {
          status = (
            await checkRevocation({
              certificate: leaf,
              issuer: ca,
              path: [root, ca, leaf],
              time: T,
              options: { crls: [m] },
            })
          ).status;
        } catch (e) {
          expect(isJitsuinError(e)).toBe(true);
        }
        expect(status).toBe('rejected');
      }),
      { numRuns: 150 },
    );
  });
});

describe('parseOcspResponse', () => {
  it('[REV-20] decodes what buildOcspResponse encodes', async () => {
    const p = await revocationPki();
    const der = await p.ocsp(
      { status: { revoked: { time: T - DAY, reason: 'superseded' } } },
      { certificates: [p.responder], responderIdType: 'byName' },
    );
    const r = parseOcspResponse(der);
    expect(r.responseStatus).toBe('successful');
    expect(r.basic?.producedAt).toBe(T - 3600);
    expect(r.basic?.responderId).toHaveProperty('byName');
    expect(r.basic?.certificates.map((c) => c.serialNumber)).toEqual(['2001']);
    const single = r.basic?.responses[0];
    expect(single?.status).toBe('revoked');
    expect(single?.reason).toBe('superseded');
    expect(single?.revocationTime).toBe(T - DAY);
    expect(single?.serialHex).toBe('1001');
    expect(single?.hashAlgorithm).toBe('2.16.840.1.101.3.4.2.1');
    expect(parseOcspResponse(der)).toBe(r);
  });

  it('[REV-20] rejects BER, trailing bytes, oversized input and error statuses carrying bytes', async () => {
    const p = await revocationPki();
    const der = await p.ocsp();
    expect(code(() => parseOcspResponse(longFormOuterLength(der)))).toBe('ERR_OCSP_INVALID');
    expect(code(() => parseOcspResponse(concatBytes(der, Uint8Array.of(0))))).toBe(
      'ERR_OCSP_INVALID',
    );
    expect(code(() => parseOcspResponse(new Uint8Array(MAX_OCSP_RESPONSE_BYTES + 1)))).toBe(
      'ERR_INPUT_TOO_LARGE',
    );
    // responseStatus tryLater (3) with responseBytes copied from a successful response.
    const top = readTlv(der, 0);
    const [status, bytes] = readChildren(der, top);
    expect(der.subarray(status!.start, status!.end)).toEqual(Uint8Array.of(0x0a, 0x01, 0x00));
    const withBytes = encodeTlv(
      0x30,
      concatBytes(Uint8Array.of(0x0a, 0x01, 0x03), der.subarray(bytes!.start, bytes!.end)),
    );
    expect(code(() => parseOcspResponse(withBytes))).toBe('ERR_OCSP_INVALID');
    expect(parseOcspResponse(Uint8Array.of(0x30, 0x03, 0x0a, 0x01, 0x03)).responseStatus).toBe(
      'tryLater',
    );
  });

  /** Applies `f` to the BasicOCSPResponse inside the response's OCTET STRING and re-wraps it. */
  function mapBasic(der: Uint8Array, f: (basic: Uint8Array) => Uint8Array): Uint8Array {
    const [status, bytes] = readChildren(der, readTlv(der, 0));
    const [oid, resp] = readChildren(der, readChildren(der, bytes!)[0]!);
    const rebuilt = encodeTlv(
      0x30,
      concatBytes(
        der.subarray(oid!.start, oid!.end),
        encodeTlv(0x04, f(der.subarray(resp!.contentStart, resp!.end))),
      ),
    );
    return encodeTlv(
      0x30,
      concatBytes(der.subarray(status!.start, status!.end), encodeTlv(0xa0, rebuilt)),
    );
  }

  it('[REV-20] the identity rewrap of mapBasic is exact (so the cases below differ only in what they change)', async () => {
    const p = await revocationPki();
    const der = await p.ocsp({}, { certificates: [p.responder] });
    expect(mapBasic(der, (b) => b)).toEqual(der);
  });

  it('[REV-20] rejects non-DER details inside the BasicOCSPResponse that a lenient parser would accept', async () => {
    const p = await revocationPki();
    const der = await p.ocsp(
      { status: { revoked: { time: T - DAY, reason: 'keyCompromise' } } },
      {
        extensions: [{ oid: '1.3.6.1.4.1.99999.2', critical: true, value: Uint8Array.of(5, 0) }],
      },
    );
    expect(code(() => parseOcspResponse(der))).toBe('ok');
    const swap = (find: Uint8Array, replacement: Uint8Array): Uint8Array => {
      const out = mapBasic(der, (b) => replaceNode(b, find, replacement));
      expect(out).not.toEqual(der);
      return out;
    };
    const gt = (text: string): Uint8Array =>
      Uint8Array.from([0x18, text.length, ...new TextEncoder().encode(text)]);
    const produced = new Date((T - 3600) * 1000).toISOString().replace(/[-:T]/g, '').slice(0, 14);
    // producedAt and thisUpdate without seconds, with fractional seconds, with a time zone offset.
    for (const text of [`${produced.slice(0, 12)}Z`, `${produced}.5Z`, `${produced}+0900`]) {
      expect(
        code(() => parseOcspResponse(swap(gt(`${produced}Z`), gt(text)))),
        text,
      ).toBe('ERR_OCSP_INVALID');
    }
    // The CertID serial as a non-minimal INTEGER (00 10 01).
    expect(
      code(() =>
        parseOcspResponse(
          swap(Uint8Array.of(0x02, 0x02, 0x10, 0x01), Uint8Array.of(0x02, 0x03, 0x00, 0x10, 0x01)),
        ),
      ),
    ).toBe('ERR_OCSP_INVALID');
    // revocationReason keyCompromise (1) as a non-minimal ENUMERATED.
    expect(
      code(() =>
        parseOcspResponse(
          swap(Uint8Array.of(0x0a, 0x01, 0x01), Uint8Array.of(0x0a, 0x02, 0x00, 0x01)),
        ),
      ),
    ).toBe('ERR_OCSP_INVALID');
    // The critical response extension with its flag FALSE (DER omits a FALSE DEFAULT), then TRUE again (still DER).
    const ext = (flag: number): Uint8Array =>
      concatBytes(
        Uint8Array.of(0x30, 0x12, 0x06, 0x09),
        Uint8Array.of(0x2b, 0x06, 0x01, 0x04, 0x01, 0x86, 0x8d, 0x1f, 0x02),
        Uint8Array.of(0x01, 0x01, flag, 0x04, 0x02, 0x05, 0x00),
      );
    expect(code(() => parseOcspResponse(swap(ext(0xff), ext(0x00))))).toBe('ERR_OCSP_INVALID');
    expect(code(() => parseOcspResponse(swap(ext(0xff), ext(0x01))))).toBe('ERR_OCSP_INVALID');
    // A byte after the BasicOCSPResponse inside the response OCTET STRING.
    expect(
      code(() => parseOcspResponse(mapBasic(der, (b) => concatBytes(b, Uint8Array.of(0))))),
    ).toBe('ERR_OCSP_INVALID');
    // The outer BasicOCSPResponse length in non-minimal long form.
    expect(code(() => parseOcspResponse(mapBasic(der, longFormOuterLength)))).toBe(
      'ERR_OCSP_INVALID',
    );
    // An explicit ResponseData version v1 ([0] INTEGER 0): DER never encodes the DEFAULT.
    const withVersion = mapBasic(der, (b) => {
      const [tbs, ...rest] = readChildren(b, readTlv(b, 0));
      const body = concatBytes(
        Uint8Array.of(0xa0, 0x03, 0x02, 0x01, 0x00),
        b.subarray(tbs!.contentStart, tbs!.end),
      );
      return encodeTlv(
        0x30,
        concatBytes(encodeTlv(0x30, body), ...rest.map((t) => b.subarray(t.start, t.end))),
      );
    });
    expect(code(() => parseOcspResponse(withVersion))).toBe('ERR_OCSP_INVALID');
    // An empty responseExtensions ([1] { SEQUENCE {} }) in place of the one with an extension.
    const noExts = mapBasic(der, (b) => {
      const [tbs, ...rest] = readChildren(b, readTlv(b, 0));
      const fields = readChildren(b, tbs!);
      const last = fields[fields.length - 1]!;
      expect(last.tag).toBe(0xa1);
      const body = concatBytes(
        ...fields.slice(0, -1).map((t) => b.subarray(t.start, t.end)),
        Uint8Array.of(0xa1, 0x02, 0x30, 0x00),
      );
      return encodeTlv(
        0x30,
        concatBytes(encodeTlv(0x30, body), ...rest.map((t) => b.subarray(t.start, t.end))),
      );
    });
    expect(code(() => parseOcspResponse(noExts))).toBe('ERR_OCSP_INVALID');
  });

  it('[REV-20] reads extensions and included certificates with OIDs of any arc size exactly (the 2.25 jitsuin arc)', async () => {
    const p = await revocationPki();
    const oid = `${JITSUIN_ARC}.9.9`;
    const ext = [{ oid, critical: false, value: Uint8Array.of(5, 0) }];
    for (const der of [await p.ocsp({}, { extensions: ext }), await p.ocsp({ extensions: ext })]) {
      expect(parseOcspResponse(der).basic?.unknownCriticalExtensions).toEqual([]);
      const root = parseCertificate(p.root);
      const ca = parseCertificate(p.ca);
      const leaf = parseCertificate(p.leaf);
      expect(
        (
          await checkRevocation({
            certificate: leaf,
            issuer: ca,
            path: [root, ca, leaf],
            time: T,
            options: { ocspResponses: [der] },
          })
        ).status,
      ).toBe('good');
    }
    const critical = await p.ocsp({ extensions: [{ ...ext[0]!, critical: true }] });
    expect(parseOcspResponse(critical).basic?.responses[0]?.unknownCriticalExtensions).toEqual([
      oid,
    ]);
  });

  it('[REV-20] never throws anything but a JitsuinError on random or mutated input', async () => {
    const p = await revocationPki();
    const der = await p.ocsp({}, { certificates: [p.responder] });
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(code(() => parseOcspResponse(bytes))).not.toMatch(/^not-jitsuin/);
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.nat(der.length - 1), fc.integer({ min: 1, max: 255 }), (i, x) => {
        const m = der.slice();
        m[i] = (m[i] as number) ^ x;
        expect(code(() => parseOcspResponse(m))).not.toMatch(/^not-jitsuin/);
      }),
      { numRuns: 400 },
    );
  });

  it('[REV-21] any single-byte change to a good response never yields "good"', async () => {
    const p = await revocationPki();
    const root = parseCertificate(p.root);
    const ca = parseCertificate(p.ca);
    const leaf = parseCertificate(p.leaf);
    const der = await p.ocsp();
    await fc.assert(
      fc.asyncProperty(fc.nat(der.length - 1), fc.integer({ min: 1, max: 255 }), async (i, x) => {
        const m = der.slice();
        m[i] = (m[i] as number) ^ x;
        let status = 'rejected';
        try {
          status = (
            await checkRevocation({
              certificate: leaf,
              issuer: ca,
              path: [root, ca, leaf],
              time: T,
              options: { ocspResponses: [m] },
            })
          ).status;
        } catch (e) {
          expect(isJitsuinError(e)).toBe(true);
        }
        expect(status).toBe('rejected');
      }),
      { numRuns: 150 },
    );
  });
});

function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version']);
    return true;
  } catch {
    return false;
  }
}

describe.runIf(hasOpenssl())('OpenSSL interoperability', () => {
  const pem = (label: string, der: Uint8Array): string =>
    `-----BEGIN ${label}-----\n${Buffer.from(der)
      .toString('base64')
      .replace(/(.{64})/g, '$1\n')}\n-----END ${label}-----\n`;

  it('[REV-02] openssl verifies the signature of a built CRL and reads its entries', async () => {
    const p = await revocationPki();
    const dir = mkdtempSync(join(tmpdir(), 'jitsuin-rev-'));
    writeFileSync(join(dir, 'ca.pem'), pem('CERTIFICATE', p.ca));
    writeFileSync(
      join(dir, 'crl.der'),
      await p.crl({
        entries: [{ serial: '1001', revocationDate: T - DAY, reason: 'keyCompromise' }],
        issuingDistributionPoint: { onlyContainsUserCerts: true },
      }),
    );
    const out = execFileSync(
      'openssl',
      [
        'crl',
        '-inform',
        'DER',
        '-in',
        join(dir, 'crl.der'),
        '-CAfile',
        join(dir, 'ca.pem'),
        '-noout',
        '-text',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    ).toString();
    expect(out).toContain('Serial Number: 1001');
    expect(out).toContain('Key Compromise');
    expect(out).toContain('Only User Certificates');
    const verify = spawnSync('openssl', [
      'crl',
      '-inform',
      'DER',
      '-in',
      join(dir, 'crl.der'),
      '-CAfile',
      join(dir, 'ca.pem'),
      '-noout',
    ]);
    expect(`${verify.stdout.toString()}${verify.stderr.toString()}`).toContain('verify OK');
    // The same CRL signed by another key must not verify.
    writeFileSync(join(dir, 'bad.der'), await p.crl({ signer: p.keys.rogue.signer }));
    const bad = spawnSync('openssl', [
      'crl',
      '-inform',
      'DER',
      '-in',
      join(dir, 'bad.der'),
      '-CAfile',
      join(dir, 'ca.pem'),
      '-noout',
    ]);
    expect(`${bad.stdout.toString()}${bad.stderr.toString()}`).not.toContain('verify OK');
  });

  it('[REV-21] openssl verifies a built OCSP response signed by a delegated responder', async () => {
    const p = await revocationPki();
    const dir = mkdtempSync(join(tmpdir(), 'jitsuin-rev-'));
    writeFileSync(join(dir, 'chain.pem'), pem('CERTIFICATE', p.ca) + pem('CERTIFICATE', p.root));
    writeFileSync(join(dir, 'leaf.pem'), pem('CERTIFICATE', p.leaf));
    writeFileSync(join(dir, 'ca.pem'), pem('CERTIFICATE', p.ca));
    const resp = await p.ocsp(
      {
        certId: {
          issuerName: p.names.ca,
          issuerPublicKey: p.keys.ca.spki,
          serial: '1001',
          hash: 'SHA-1',
        },
      },
      {
        responder: { name: p.parsed.ca.subject.der, publicKey: p.keys.responder.spki },
        signer: p.keys.responder.signer,
        certificates: [p.responder],
        producedAt: T - 3600,
      },
    );
    writeFileSync(join(dir, 'resp.der'), resp);
    // -attime applies to certificate checks; -validity_period widens OpenSSL's wall-clock check of
    // thisUpdate/nextUpdate, since the fixture's times are fixed in 2026.
    const run = spawnSync('openssl', [
      'ocsp',
      '-respin',
      join(dir, 'resp.der'),
      '-CAfile',
      join(dir, 'chain.pem'),
      '-issuer',
      join(dir, 'ca.pem'),
      '-cert',
      join(dir, 'leaf.pem'),
      '-attime',
      String(T),
      '-validity_period',
      String(20 * 365 * DAY),
      '-no_nonce',
      '-resp_text',
    ]);
    const out = `${run.stdout.toString()}${run.stderr.toString()}`;
    expect(out).toContain('Response verify OK');
    expect(out).toContain('Cert Status: good');
    expect(out).toMatch(/leaf\.pem: good/);
  });
});
