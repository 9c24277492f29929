import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TIME, runDemo, runDemoScenario, type DemoResult } from '../../src/cli/demo.js';
import { UsageError } from '../../src/cli/args.js';
import { renderQrForTerminal } from '../../src/cli/demo/qr-terminal.js';
import { parseCertificate } from '../../src/x509/index.js';
import { parseCrl } from '../../src/x509/revocation/index.js';
import { formatCommonCode } from '../../src/x509/common-code.js';
import { base64urlDecode } from '../../src/encoding/base64url.js';
import { hexEncode } from '../../src/encoding/hex.js';
import { parseStrict, pemDecode, pemDecodeAll } from '../../src/encoding/index.js';
import {
  decodeLoginChallenge,
  MemoryChallengeStore,
  verifyLoginResponse,
} from '../../src/login/index.js';
import { decodeEnrollmentRequest } from '../../src/enrollment/index.js';

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'jitsuin-demo-'));
  dirs.push(d);
  return d;
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function files(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir)) {
      const p = join(dir, e);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(root, p));
    }
  };
  walk(root);
  return out.sort();
}

function pemBlocks(text: string, label: string): Uint8Array[] {
  const re = new RegExp(
    `-----BEGIN ${label}-----\\n([A-Za-z0-9+/=\\n]+)-----END ${label}-----\\n`,
    'g',
  );
  return [...text.matchAll(re)].map((m) =>
    Uint8Array.from(atob((m[1] ?? '').replace(/\n/g, '')), (c) => c.charCodeAt(0)),
  );
}

/** The attacks the demo must show, with the code and requirement each must fail with (independent of the demo's own table). */
const EXPECTED_ATTACKS: Readonly<Record<string, readonly [string, string]>> = {
  'enrollment-key-substitution': ['ERR_ENROLLMENT_CARD_SIGNATURE', 'ENR-09'],
  'collect-by-other-session': ['ERR_QR_SESSION', 'QR-50'],
  'collect-twice': ['ERR_QR_STATE', 'QR-51'],
  'replayed-login-response': ['ERR_CHALLENGE_REPLAYED', 'LOGIN-22'],
  'response-for-another-rp': ['ERR_LOGIN_BINDING', 'LOGIN-18'],
  'relayed-qr-wrong-number': ['ERR_QR_NUMBER', 'QR-36'],
  'relayed-qr-collect-after-denial': ['ERR_QR_STATE', 'QR-51'],
  'revoked-certificate': ['ERR_REVOKED', 'REV-10'],
  'signature-altered-document': ['ERR_CADES_DIGEST_MISMATCH', 'SIG-07'],
  'signature-by-revoked-phone': ['ERR_REVOKED', 'REV-10'],
  'signature-without-timestamp-after-revocation': ['ERR_REVOKED', 'REV-10'],
  'consent-purpose-changed': ['ERR_CONSENT_BINDING', 'CON-19'],
  'consent-decision-replayed': ['ERR_CONSENT_USED_UP', 'CON-28'],
  'consent-other-persons-app': ['ERR_CONSENT_PERSON', 'CON-20'],
  'consent-after-withdrawal': ['ERR_CONSENT_WITHDRAWN', 'CON-11'],
  'consent-uncertified-requester': ['ERR_PATH_NO_ISSUER', 'PATH-01'],
  'consent-receipt-not-in-tree': ['ERR_LOG_PROOF', 'LOG-04'],
  'consent-forked-checkpoint': ['ERR_LOG_MISBEHAVIOUR', 'LOG-27'],
};

describe('jitsuin demo', () => {
  let outDir: string;
  let result: DemoResult;
  let narration: string;

  beforeAll(async () => {
    outDir = tempDir();
    let text = '';
    result = await runDemoScenario({
      outDir,
      write: (t) => {
        text += t;
      },
      drawQr: false,
    });
    narration = text;
  }, 120_000); // RSA-2048 key generation of the TEST JPKI: seconds, more on a loaded machine

  it('succeeds: every step passed and the run is ok', () => {
    const failed = result.checks.filter((c) => !c.passed);
    expect(failed).toEqual([]);
    expect(result.checks.map((c) => c.name)).toEqual([
      'same-common-code',
      'login-hospital',
      'login-pharmacy',
      'qr-approved',
      'qr-collected',
      'login-hospital-after-revocation',
      'signature-accredited',
      'signature-card',
      'signature-timestamp-outlasts-revocation',
      'consent-display',
      'consent-transfer-record',
      'consent-receipts',
      'consent-bundle',
    ]);
    expect(result.ok).toBe(true);
    expect(result.time).toBe(DEMO_TIME);
  });

  it('rejects every attack with the expected error code and requirement id', () => {
    const seen = Object.fromEntries(
      result.attacks.map((a) => [a.name, [a.actualCode, a.actualRequirement]]),
    );
    expect(seen).toEqual(EXPECTED_ATTACKS);
    for (const a of result.attacks) expect(a.passed).toBe(true);
    for (const [code, requirement] of Object.values(EXPECTED_ATTACKS))
      expect(narration).toContain(`${code} [${requirement}]`);
  });

  it('gives both apps the same common code and different keys', () => {
    const hospital = parseCertificate(
      pemBlocks(readFileSync(join(outDir, 'apps/hospital-app.pem'), 'utf8'), 'CERTIFICATE')[0]!,
    );
    const pharmacy = parseCertificate(
      pemBlocks(readFileSync(join(outDir, 'apps/pharmacy-app.pem'), 'utf8'), 'CERTIFICATE')[0]!,
    );
    expect(formatCommonCode(hospital.commonCode!)).toBe(result.commonCode);
    expect(formatCommonCode(pharmacy.commonCode!)).toBe(result.commonCode);
    expect(hospital.subjectPublicKeyInfo).not.toEqual(pharmacy.subjectPublicKeyInfo);
    expect(hospital.appBinding?.rpId).toBe('hospital.example');
    expect(pharmacy.appBinding?.rpId).toBe('pharmacy.example');
    const collected = JSON.parse(readFileSync(join(outDir, 'qr/collected.json'), 'utf8')) as {
      commonCode: string;
    };
    expect(collected.commonCode).toBe(result.commonCode);
  });

  it('writes every artefact it lists, and they parse', () => {
    expect(files(outDir)).toEqual([...new Set(result.artefacts)].sort());
    for (const f of result.artefacts.filter((p) => p.endsWith('.pem'))) {
      const text = readFileSync(join(outDir, f), 'utf8');
      const certs = pemBlocks(text, 'CERTIFICATE');
      const crls = pemBlocks(text, 'X509 CRL');
      expect(certs.length + crls.length, f).toBeGreaterThan(0);
      for (const c of certs) parseCertificate(c);
      for (const c of crls) parseCrl(c);
    }
    for (const f of result.artefacts.filter((p) => p.endsWith('.jws'))) {
      const token = readFileSync(join(outDir, f), 'utf8');
      expect(token, f).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/); // exact bytes: no newline
      const parts = token.split('.');
      expect(parts, f).toHaveLength(3);
      expect(base64urlDecode(parts[2]!)).toHaveLength(64);
      const payload = join(outDir, f.replace(/\.jws$/, '.payload.json'));
      if (result.artefacts.includes(relative(outDir, payload)))
        expect(new Uint8Array(readFileSync(payload))).toEqual(base64urlDecode(parts[1]!));
    }
    // Signed bytes and wire messages are strict (canonical) JSON; the reports are pretty-printed JSON.
    for (const f of result.artefacts.filter((p) => p.endsWith('.json'))) {
      const bytes = new Uint8Array(readFileSync(join(outDir, f)));
      if (/\.(header|payload)\.json$|card-signed\.json$/.test(f))
        parseStrict(bytes, { maxBytes: 1 << 20 });
      else if (/^login\/.*challenge\.json$|request\.json$/.test(f))
        parseStrict(bytes, { maxBytes: 1 << 20 });
      else JSON.parse(new TextDecoder().decode(bytes));
    }
    const summary = JSON.parse(readFileSync(join(outDir, 'summary.json'), 'utf8')) as DemoResult;
    expect(summary).toEqual(JSON.parse(JSON.stringify(result)));
  });

  it('writes every file in the form the API that consumes it reads: strict PEM, exact message bytes (a login verifies from the files alone)', async () => {
    const text = (f: string) => readFileSync(join(outDir, f), 'utf8');
    for (const f of result.artefacts.filter((p) => p.endsWith('.pem'))) {
      const label = text(f).startsWith('-----BEGIN X509 CRL-----') ? 'X509 CRL' : 'CERTIFICATE';
      const blocks = pemDecodeAll(readFileSync(join(outDir, f)), label);
      for (const der of blocks) (label === 'CERTIFICATE' ? parseCertificate : parseCrl)(der);
    }
    for (const folder of ['hospital', 'pharmacy']) {
      expect(decodeLoginChallenge(text(`login/${folder}/challenge.json`)).rpId).toBe(
        `${folder}.example`,
      );
      expect(decodeEnrollmentRequest(text(`enrollment/${folder}/request.json`)).rpId).toBe(
        `${folder}.example`,
      );
    }
    // The README's relying-party example, from the files: challenge, response, trust anchor, CRLs.
    const challenge = decodeLoginChallenge(text('login/hospital/challenge.json'));
    const time =
      (JSON.parse(text('login/hospital/response.payload.json')) as { iat: number }).iat + 1;
    const store = new MemoryChallengeStore({ now: () => time });
    await store.put(challenge);
    const login = await verifyLoginResponse(text('login/hospital/response.jws'), {
      rpId: 'hospital.example',
      challengeStore: store,
      time,
      trustAnchors: [pemDecode(text('ca/root-ca.pem'), 'CERTIFICATE')],
      revocation: { crls: pemDecodeAll(text('ca/crls.pem'), 'X509 CRL'), mode: 'require' },
    });
    expect(login.commonCodeText).toBe(result.commonCode);
  });

  it("issues certificates that match the profile tables of spec/certificates.md §3.1–§3.3: the demo's root and issuing CA, and the app certificates processEnrollment issued", () => {
    const cert = (f: string) =>
      parseCertificate(pemDecode(readFileSync(join(outDir, f)), 'CERTIFICATE'));
    const root = cert('ca/root-ca.pem');
    const issuing = cert('ca/app-ca-1.pem');
    const card = cert('jpki/card-signature-certificate.pem');
    const A = '2.25.236537640982490090959633515664135831664';
    const X = {
      basicConstraints: '2.5.29.19',
      keyUsage: '2.5.29.15',
      ski: '2.5.29.14',
      aki: '2.5.29.35',
      eku: '2.5.29.37',
      policies: '2.5.29.32',
      san: '2.5.29.17',
      nameConstraints: '2.5.29.30',
      crldp: '2.5.29.31',
      aia: '1.3.6.1.5.5.7.1.1',
      commonCode: `${A}.1.1`,
      appBinding: `${A}.1.2`,
      keyProtection: `${A}.1.3`,
    };
    // The tables, transcribed: extension -> [presence, critical]. Extensions not in a table must be absent.
    type Row = readonly ['req' | 'opt', boolean];
    const tables: Record<string, Record<string, Row>> = {
      root: {
        [X.basicConstraints]: ['req', true],
        [X.keyUsage]: ['req', true],
        [X.ski]: ['req', false],
        [X.aki]: ['opt', false],
        [X.policies]: ['opt', false],
      },
      issuing: {
        [X.basicConstraints]: ['req', true],
        [X.keyUsage]: ['req', true],
        [X.ski]: ['req', false],
        [X.aki]: ['req', false],
        [X.policies]: ['req', false],
        [X.eku]: ['opt', false],
        [X.nameConstraints]: ['opt', true],
        [X.crldp]: ['opt', false],
        [X.aia]: ['opt', false],
      },
      app: {
        [X.basicConstraints]: ['opt', false],
        [X.keyUsage]: ['req', true],
        [X.eku]: ['req', false],
        [X.policies]: ['req', false],
        [X.commonCode]: ['req', false],
        [X.appBinding]: ['req', false],
        [X.keyProtection]: ['req', false],
        [X.aki]: ['req', false],
        [X.ski]: ['opt', false],
        [X.crldp]: ['req', false],
      },
    };
    const followsTable = (c: typeof root, table: Record<string, Row>, what: string): void => {
      for (const e of c.extensions) {
        const row = table[e.oid];
        expect(row, `${what}: ${e.oid} is not in its profile table`).toBeDefined();
        expect(e.critical, `${what}: criticality of ${e.oid}`).toBe(row![1]);
      }
      for (const [oid, [presence]] of Object.entries(table))
        if (presence === 'req')
          expect(
            c.extensions.some((e) => e.oid === oid),
            `${what}: ${oid} is required`,
          ).toBe(true);
    };
    const attrs = (c: typeof root) =>
      c.subject.rdns.map((rdn) => rdn.map((a) => [a.shortName, a.value]));
    const YEAR = 366 * 86_400;

    // §3.1 root
    followsTable(root, tables['root']!, 'root');
    expect(root.issuer.der).toEqual(root.subject.der);
    expect(attrs(root).map((r) => r[0]![0])).toEqual(['C', 'O', 'CN']);
    expect(attrs(root)[0]![0]![1]).toBe('JP');
    expect(attrs(root)[2]![0]![1]).toMatch(/ [0-9]+$/); // <root name> <generation>
    expect(root.notAfter - root.notBefore).toBeLessThanOrEqual(25 * YEAR);
    expect(root.basicConstraints?.ca).toBe(true);
    expect([...root.keyUsage!].sort()).toEqual(['cRLSign', 'keyCertSign']);

    // §3.2 issuing CA
    followsTable(issuing, tables['issuing']!, 'issuing CA');
    expect(issuing.issuer.der).toEqual(root.subject.der);
    expect(issuing.basicConstraints).toEqual({ ca: true, pathLenConstraint: 0 });
    expect([...issuing.keyUsage!].sort()).toEqual(['cRLSign', 'keyCertSign']);
    expect(issuing.certificatePolicies?.map((p) => p.policyIdentifier)).toEqual([`${A}.3.1`]);

    // §3.3 app certificates, as processEnrollment issued them
    for (const label of ['hospital', 'pharmacy']) {
      const app = cert(`apps/${label}-app.pem`);
      followsTable(app, tables['app']!, `${label} app`);
      const operator = attrs(issuing).filter((r) => r[0]![0] === 'C' || r[0]![0] === 'O');
      expect(attrs(app).slice(0, 2)).toEqual(operator); // C=JP, O=<CA operator>
      expect(attrs(app).map((r) => r[0]![0])).toEqual(['C', 'O', 'CN']);
      const cn = attrs(app)[2]![0]![1]!;
      expect(cn).toBe(`app key ${hexEncode(app.subjectKeyId!)}`); // opaque key label
      for (const personal of [card.subject.text, '髙橋', '試験'])
        expect(app.subject.text).not.toContain(personal);
      expect([app.publicKeyAlgorithm, app.namedCurve]).toEqual([
        '1.2.840.10045.2.1',
        '1.2.840.10045.3.1.7',
      ]); // EC P-256
      expect(app.notAfter - app.notBefore).toBeLessThanOrEqual(2 * YEAR);
      expect(app.notAfter).toBeLessThanOrEqual(card.notAfter);
      expect(app.basicConstraints?.ca ?? false).toBe(false);
      expect([...app.keyUsage!]).toEqual(['digitalSignature']);
      expect(app.extKeyUsage!.length).toBeGreaterThan(0);
      for (const k of app.extKeyUsage!) expect([`${A}.2.1`, `${A}.2.2`]).toContain(k);
      expect(app.certificatePolicies?.map((p) => p.policyIdentifier)).toContain(`${A}.3.1`);
      expect(app.issuer.der).toEqual(issuing.subject.der);
    }
  });

  it('is reproducible: a second run writes identical artefacts', async () => {
    const second = tempDir();
    const again = await runDemoScenario({ outDir: second, write: () => {}, drawQr: false });
    expect(again.ok).toBe(true);
    for (const f of result.artefacts.filter((p) => p !== 'summary.json')) {
      expect(readFileSync(join(second, f)), f).toEqual(readFileSync(join(outDir, f)));
    }
  }, 120_000);

  it('enrolls both apps with the TEST My Number Card: one new common code, then the same one found again', () => {
    const h = JSON.parse(readFileSync(join(outDir, 'enrollment/hospital/result.json'), 'utf8')) as {
      commonCode: string;
      commonCodeStatus: string;
      jpkiSerial: string;
    };
    const p = JSON.parse(readFileSync(join(outDir, 'enrollment/pharmacy/result.json'), 'utf8')) as {
      commonCode: string;
      commonCodeStatus: string;
      jpkiSerial: string;
    };
    expect([h.commonCodeStatus, p.commonCodeStatus]).toEqual(['new', 'existing']);
    expect(h.commonCode).toBe(result.commonCode);
    expect(p.commonCode).toBe(result.commonCode);
    expect(h.jpkiSerial).toBe(p.jpkiSerial);
    expect(narration).toContain('髙橋　試験太郎');
    expect(narration).toContain('simulated');
  });

  it('says where it simulates: every hardware signature and every card signature is marked as simulated', () => {
    const lines = narration.split('\n');
    const hardware = lines.filter((l) => /signs the response with its key in the/.test(l));
    const card = lines.filter((l) => /the card signs these bytes/.test(l));
    expect(hardware.length).toBeGreaterThanOrEqual(3);
    expect(card.length).toBe(2);
    for (const l of [...hardware, ...card]) expect(l).toMatch(/simulated/);
  });

  it('runDemo exits 0, prints the openssl commands, and rejects unknown options', async () => {
    const dir = tempDir();
    let text = '';
    const code = await runDemo(['--out', dir, '--no-qr'], (t) => {
      text += t;
    });
    expect(code).toBe(0);
    expect(text).toContain('openssl verify -attime');
    expect(text).toContain('18/18 attacks rejected');
    await expect(runDemo(['--bogus'], () => {})).rejects.toBeInstanceOf(UsageError);
    await expect(runDemo(['--out'], () => {})).rejects.toBeInstanceOf(UsageError);
  }, 120_000);

  it('draws a QR code in the terminal with qrcode-terminal (a devDependency)', async () => {
    const drawn = await renderQrForTerminal('https://hospital.example/.well-known/jitsuin/qr#v=1');
    expect(drawn).toBeTypeOf('string');
    expect(drawn!.split('\n').length).toBeGreaterThan(10);
    expect(drawn).toMatch(/[█▀▄]/);
  });

  const hasOpenssl = ((): boolean => {
    try {
      execFileSync('openssl', ['version'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();

  it('[SIG-22] [SIG-20] the printed openssl cms -verify commands succeed on the signed contract (openssl required, never skipped)', () => {
    expect(hasOpenssl, 'openssl must be on PATH').toBe(true);
    const commands = narration
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l.startsWith('openssl cms -verify'));
    expect(commands).toHaveLength(2);
    for (const cmd of commands) {
      const args = cmd.split(' ').slice(1);
      const r = spawnSync('openssl', args, { cwd: outDir, encoding: 'utf8' });
      expect(r.status, `${cmd}: ${r.stderr}`).toBe(0);
      expect(r.stderr).toContain('Verification successful');
    }
    // The altered contract does not verify under OpenSSL either.
    const altered = commands[0]!
      .replace('-content signature/contract.txt', '-content signature/contract-altered.txt')
      .split(' ')
      .slice(1);
    expect(() => execFileSync('openssl', altered, { cwd: outDir, stdio: 'ignore' })).toThrow();
    expect(narration).toContain('the revocation does not reach back (SIG-20)');
  });

  it.skipIf(!hasOpenssl)(
    'the printed openssl commands verify the app and card certificates and report the stolen phone as revoked',
    () => {
      const run = (
        time: number,
        crls: string,
        leaf: string,
        anchors = ['-CAfile', 'ca/root-ca.pem', '-untrusted', 'ca/app-ca-1.pem'],
      ): string => {
        try {
          return execFileSync(
            'openssl',
            [
              'verify',
              '-attime',
              String(time),
              '-crl_check_all',
              '-CRLfile',
              crls,
              ...anchors,
              leaf,
            ],
            { cwd: outDir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
          );
        } catch (e) {
          const err = e as { stdout?: string; stderr?: string };
          return `${err.stdout ?? ''}${err.stderr ?? ''}`;
        }
      };
      expect(run(DEMO_TIME, 'ca/crls.pem', 'apps/hospital-app.pem')).toContain(
        'apps/hospital-app.pem: OK',
      );
      expect(run(DEMO_TIME, 'ca/crls.pem', 'apps/pharmacy-app.pem')).toContain(
        'apps/pharmacy-app.pem: OK',
      );
      expect(
        run(DEMO_TIME + 3600, 'ca/crls-after-revocation.pem', 'apps/pharmacy-app.pem'),
      ).toContain('certificate revoked');
      expect(
        run(DEMO_TIME - 600, 'jpki/jpki.crl.pem', 'jpki/card-signature-certificate.pem', [
          '-CAfile',
          'jpki/sign-roots.pem',
        ]),
      ).toContain('card-signature-certificate.pem: OK');
    },
  );
});
