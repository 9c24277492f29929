/**
 * CAdES interoperability with OpenSSL 3, both ways, and `openssl ts` as the time-stamping
 * authority. Not skipped when OpenSSL is missing: the first test fails instead.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isJitsuinError } from '../../src/errors.js';
import { hexEncode } from '../../src/encoding/hex.js';
import { sha256 } from '../../src/crypto/hash.js';
import { signCades, verifyCades } from '../../src/signature/index.js';
import {
  buildTestSignatureCrl,
  createTestSignaturePki,
  testCardSigner,
  testPhoneSigner,
  type TestSignaturePki,
} from '../testpki/signature.js';
import { buildTestJpkiCrl } from '../testpki/jpki.js';
import { commandWorks, ecPrivateKeyDer, pem, rsaPrivateKeyDer } from './cades.helpers.js';

const OPENSSL = commandWorks('openssl', ['version']);
const DOC = new TextEncoder().encode('TEST 申請書: jitsuin × OpenSSL interoperability\n');

describe('CAdES interoperability with OpenSSL', () => {
  let dir: string;
  let pki: TestSignaturePki;
  let now: number;
  let crls: Uint8Array[];
  let jpkiRoots: Uint8Array[];
  let jpkiCrl: Uint8Array;
  const ossl = (...args: string[]): string =>
    execFileSync('openssl', args, {
      cwd: dir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  const osslBoth = (...args: string[]): string => {
    try {
      return execFileSync('openssl', args, {
        cwd: dir,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    } catch (e) {
      const err = e as { stdout?: string; stderr?: string };
      throw new Error(`openssl ${args.join(' ')} failed: ${err.stdout ?? ''}${err.stderr ?? ''}`);
    }
  };
  const write = (file: string, data: string | Uint8Array): void =>
    writeFileSync(join(dir, file), data);
  const read = (file: string): Uint8Array => new Uint8Array(readFileSync(join(dir, file)));

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'jitsuin-cades-'));
    pki = await createTestSignaturePki();
    now = Math.floor(Date.now() / 1000);
    crls = [
      await buildTestSignatureCrl('ca', now - 3600),
      await buildTestSignatureCrl('root', now - 3600),
    ];
    const person = pki.jpki.people[0];
    if (person === undefined) throw new Error('no TEST person');
    jpkiRoots = pki.jpki.signRoots.map((r) => r.certificate);
    jpkiCrl = await buildTestJpkiCrl({
      root: person.generation,
      entries: [],
      thisUpdate: now - 3600,
    });
    write('doc.txt', DOC);
    write('root.pem', pem(pki.root));
    write('ca.pem', pem(pki.ca));
    write('signer.pem', pem(pki.signer));
    write('signer.key', pem(ecPrivateKeyDer(pki.signerKey.privateKey), 'EC PRIVATE KEY'));
    write('card.pem', pem(person.certificate));
    write('card.key', pem(rsaPrivateKeyDer(person.cardKey.privateKey), 'RSA PRIVATE KEY'));
    write('jpki-roots.pem', jpkiRoots.map((r) => pem(r)).join(''));
    write('tsa.pem', pem(pki.tsa));
    write('tsa.key', pem(ecPrivateKeyDer(pki.tsaKey.privateKey), 'EC PRIVATE KEY'));
  }, 60_000);
  afterAll(() => {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  it('[SIG-22] OpenSSL 3 is installed (these tests never skip silently)', () => {
    expect(OPENSSL, 'openssl must be on PATH for the CAdES interop tests').toBe(true);
    expect(ossl('version')).toMatch(/^OpenSSL 3\./);
  });

  it('[SIG-22] a jitsuin P-256 signature passes openssl cms -verify -cades; an altered document fails', async () => {
    const sig = await signCades(
      { content: DOC },
      {
        signer: testPhoneSigner(pki.signerKey),
        certificateChain: [pki.signer, pki.ca],
        signingTime: now,
      },
    );
    write('jitsuin-p256.p7s', sig);
    const out = osslBoth(
      'cms',
      '-verify',
      '-cades',
      '-binary',
      '-inform',
      'DER',
      '-in',
      'jitsuin-p256.p7s',
      '-content',
      'doc.txt',
      '-CAfile',
      'root.pem',
      '-out',
      'verified.txt',
    );
    expect(out + readFileSync(join(dir, 'verified.txt'), 'utf8')).toContain('TEST 申請書');
    write(
      'altered.txt',
      DOC.map((b, i) => (i === 5 ? b ^ 1 : b)),
    );
    expect(() =>
      ossl(
        'cms',
        '-verify',
        '-cades',
        '-binary',
        '-inform',
        'DER',
        '-in',
        'jitsuin-p256.p7s',
        '-content',
        'altered.txt',
        '-CAfile',
        'root.pem',
      ),
    ).toThrow();
  });

  it('[SIG-24] a jitsuin card (RSA-2048 DigestInfo) signature passes openssl cms -verify -cades against the TEST J-LIS roots', async () => {
    const person = pki.jpki.people[0];
    if (person === undefined) throw new Error('no TEST person');
    const sig = await signCades(
      { content: DOC },
      {
        signer: testCardSigner(person.cardKey),
        certificateChain: [person.certificate],
        signingTime: now,
      },
    );
    write('jitsuin-card.p7s', sig);
    osslBoth(
      'cms',
      '-verify',
      '-cades',
      '-binary',
      '-inform',
      'DER',
      '-in',
      'jitsuin-card.p7s',
      '-content',
      'doc.txt',
      '-CAfile',
      'jpki-roots.pem',
      '-purpose',
      'any',
      '-out',
      '/dev/null',
    );
  });

  it('[SIG-10] [SIG-09] [SIG-14] openssl cms -sign -cades -nosmimecap signatures (P-256 and RSA) verify in jitsuin', async () => {
    osslBoth(
      'cms',
      '-sign',
      '-cades',
      '-nosmimecap',
      '-binary',
      '-md',
      'sha256',
      '-in',
      'doc.txt',
      '-signer',
      'signer.pem',
      '-inkey',
      'signer.key',
      '-certfile',
      'ca.pem',
      '-outform',
      'DER',
      '-out',
      'ossl-p256.p7s',
    );
    const p256 = await verifyCades(read('ossl-p256.p7s'), {
      content: DOC,
      trustAnchors: [pki.root],
      time: now + 5,
      revocation: { crls },
    });
    expect(p256.signerKind).toBe('accredited');
    expect(p256.identity.name).toBe('髙橋　試験太郎');
    expect(Math.abs(p256.signingTime - now)).toBeLessThan(120);
    osslBoth(
      'cms',
      '-sign',
      '-cades',
      '-nosmimecap',
      '-binary',
      '-md',
      'sha256',
      '-in',
      'doc.txt',
      '-signer',
      'card.pem',
      '-inkey',
      'card.key',
      '-outform',
      'DER',
      '-out',
      'ossl-rsa.p7s',
    );
    const rsa = await verifyCades(read('ossl-rsa.p7s'), {
      content: DOC,
      trustAnchors: jpkiRoots,
      time: now + 5,
      revocation: { crls: [jpkiCrl] },
    });
    expect(rsa.signerKind).toBe('jpki');
    expect(rsa.hash).toBe('SHA-256');
  });

  it('[SIG-04] an openssl signature with smimeCapabilities (no -nosmimecap) is rejected by the exact-set rule', async () => {
    osslBoth(
      'cms',
      '-sign',
      '-cades',
      '-binary',
      '-md',
      'sha256',
      '-in',
      'doc.txt',
      '-signer',
      'signer.pem',
      '-inkey',
      'signer.key',
      '-outform',
      'DER',
      '-out',
      'ossl-smimecap.p7s',
    );
    const e = await verifyCades(read('ossl-smimecap.p7s'), {
      content: DOC,
      trustAnchors: [pki.root],
      time: now + 5,
      revocation: { crls },
    }).catch((x: unknown) => x);
    expect(isJitsuinError(e, 'ERR_CADES_ATTRIBUTES')).toBe(true);
  });

  for (const essAlg of ['sha1', 'sha256'] as const) {
    it(`[SIG-16] [SIG-17] [SIG-18] openssl ts as the TSA (ESS ${essAlg === 'sha1' ? 'signingCertificate' : 'signingCertificateV2'}): B-T verified by jitsuin, the token by openssl ts -verify`, async () => {
      write(
        `tsa-${essAlg}.cnf`,
        [
          '[ tsa ]',
          'default_tsa = tsa1',
          '[ tsa1 ]',
          `serial = ${join(dir, `serial-${essAlg}`)}`,
          'crypto_device = builtin',
          `signer_cert = ${join(dir, 'tsa.pem')}`,
          `signer_key = ${join(dir, 'tsa.key')}`,
          'signer_digest = sha256',
          'default_policy = 1.2.3.4.1',
          'digests = sha256',
          'accuracy = secs:1',
          'ordering = no',
          'tsa_name = no',
          'ess_cert_id_chain = no',
          `ess_cert_id_alg = ${essAlg}`,
          '',
        ].join('\n'),
      );
      write(`serial-${essAlg}`, '01\n');
      let imprintHex = '';
      const sig = await signCades(
        { content: DOC },
        {
          signer: testPhoneSigner(pki.signerKey),
          certificateChain: [pki.signer, pki.ca],
          signingTime: now,
          timestamp: async (imprint) => {
            imprintHex = hexEncode(imprint.digest);
            osslBoth(
              'ts',
              '-query',
              '-digest',
              imprintHex,
              '-sha256',
              '-cert',
              '-no_nonce',
              '-out',
              `req-${essAlg}.tsq`,
            );
            osslBoth(
              'ts',
              '-reply',
              '-config',
              `tsa-${essAlg}.cnf`,
              '-queryfile',
              `req-${essAlg}.tsq`,
              '-token_out',
              '-out',
              `token-${essAlg}.der`,
            );
            return read(`token-${essAlg}.der`);
          },
        },
      );
      const r = await verifyCades(sig, {
        content: DOC,
        trustAnchors: [pki.root],
        time: now + 5,
        revocation: { crls },
        requireTimestamp: true,
      });
      expect(r.level).toBe('B-T');
      expect(Math.abs((r.timestampTime ?? 0) - now)).toBeLessThan(120);
      expect(r.validatedAt).toBe(r.timestampTime);
      osslBoth(
        'ts',
        '-verify',
        '-digest',
        imprintHex,
        '-in',
        `token-${essAlg}.der`,
        '-token_in',
        '-CAfile',
        'root.pem',
      );
      // The B-T signature (one unsigned attribute more) still passes openssl cms -verify.
      write(`jitsuin-bt-${essAlg}.p7s`, sig);
      osslBoth(
        'cms',
        '-verify',
        '-cades',
        '-binary',
        '-inform',
        'DER',
        '-in',
        `jitsuin-bt-${essAlg}.p7s`,
        '-content',
        'doc.txt',
        '-CAfile',
        'root.pem',
        '-out',
        '/dev/null',
      );
      // A token over another imprint is refused when signing.
      const other = hexEncode(sha256(new Uint8Array([1, 2, 3])));
      osslBoth(
        'ts',
        '-query',
        '-digest',
        other,
        '-sha256',
        '-cert',
        '-no_nonce',
        '-out',
        'other.tsq',
      );
      osslBoth(
        'ts',
        '-reply',
        '-config',
        `tsa-${essAlg}.cnf`,
        '-queryfile',
        'other.tsq',
        '-token_out',
        '-out',
        'other.der',
      );
      const e = await signCades(
        { content: DOC },
        {
          signer: testPhoneSigner(pki.signerKey),
          certificateChain: [pki.signer, pki.ca],
          signingTime: now,
          timestamp: async () => read('other.der'),
        },
      ).catch((x: unknown) => x);
      expect(isJitsuinError(e, 'ERR_TIMESTAMP'), String(e)).toBe(true);
    });
  }
});
