/**
 * NIST PKITS through the revocation step alone: every certificate of each test path (except the
 * trust anchor) is checked with the test's CRLs in mode require. Sections 4.4, 4.14 and 4.15 are
 * about CRLs, so the verdict must equal PKITS's; in every other section an expected-valid path
 * must pass revocation. The full path validation is the x509 PKITS runner's job.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isJitsuinError } from '../../src/errors.js';
import { parseCertificate } from '../../src/x509/certificate.js';
import { checkRevocation } from '../../src/x509/revocation/index.js';

const DIR = join(
  process.env['JITSUIN_EXTERNAL'] ?? join(process.cwd(), '..', 'shared', 'external'),
  'pkits',
);
const PRESENT = existsSync(join(DIR, 'pkits.json'));
/** 2011-04-15T00:00:00Z, the time Chromium/BoringSSL use for PKITS. */
const TIME = Date.UTC(2011, 3, 15) / 1000;
/** DSA-signed CRLs: DSA is outside spec/crypto.md, so these expected-valid paths cannot pass revocation. */
const DSA_CASES = new Set(['4.1.4', '4.1.5']);

interface PkitsCase {
  id: string;
  case?: string;
  name: string;
  expected: 'valid' | 'invalid';
  trust_anchor: string;
  intermediates: string[];
  end_entity: string;
  crls: string[];
  additional_certs?: string[];
}

async function revocationVerdict(t: PkitsCase): Promise<string> {
  const load = (n: string) => parseCertificate(new Uint8Array(readFileSync(join(DIR, 'certs', n))));
  try {
    const path = [load(t.trust_anchor), ...t.intermediates.map(load), load(t.end_entity)];
    const extraCertificates = (t.additional_certs ?? []).map(load);
    const crls = t.crls.map((n) => new Uint8Array(readFileSync(join(DIR, 'crls', n))));
    for (let i = 1; i < path.length; i++) {
      await checkRevocation({
        certificate: path[i]!,
        issuer: path[i - 1]!,
        path,
        time: TIME,
        options: { crls },
        extraCertificates,
      });
    }
    return 'valid';
  } catch (e) {
    if (!isJitsuinError(e)) throw e;
    return `invalid (${e.code}${e.requirement ? ` ${e.requirement}` : ''})`;
  }
}

describe.runIf(PRESENT)('NIST PKITS through checkRevocation', () => {
  const cases: PkitsCase[] = PRESENT
    ? (JSON.parse(readFileSync(join(DIR, 'pkits.json'), 'utf8')) as { tests: PkitsCase[] }).tests
    : [];
  const crlSections = cases.filter((t) => /^4\.(4|14|15)\./.test(t.id));
  for (const t of crlSections) {
    it(`[REV-14] PKITS ${t.case ?? t.id} ${t.name}: ${t.expected}`, async () => {
      const verdict = await revocationVerdict(t);
      expect(verdict.split(' ')[0]).toBe(t.expected);
    });
  }
  it('covers all 66 cases of sections 4.4, 4.14 and 4.15', () => {
    expect(crlSections.length).toBe(66);
  });
  const otherValid = cases.filter(
    (t) => !/^4\.(4|14|15)\./.test(t.id) && t.expected === 'valid' && !DSA_CASES.has(t.id),
  );
  it(`every other expected-valid path (${otherValid.length}, DSA excluded) passes revocation`, async () => {
    for (const t of otherValid)
      expect(`${t.case ?? t.id} ${await revocationVerdict(t)}`).toBe(`${t.case ?? t.id} valid`);
  });
  it('the DSA cases fail revocation because their CRLs use an algorithm outside the profile', async () => {
    for (const t of cases.filter((c) => DSA_CASES.has(c.id)))
      expect(await revocationVerdict(t)).toMatch(/^invalid \(ERR_CRL_INVALID/);
  });
});
