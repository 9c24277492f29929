/**
 * NIST PKITS 1.0.1 runner ("Test Certificates 2011"): every case of `pkits/pkits.json` through
 * `validatePath` with the listed CRLs (revocation mode `require`), the test's policy settings,
 * profile `none` and `issuanceChecks: false` (PKITS exercises the RFC 5280 §6 algorithm, and some
 * of its valid paths break §4 issuance rules on purpose), at 2011-04-15T00:00:00Z. Reports passed / failed / skipped per PKITS section.
 * Skipped: the DSA cases only (spec/certificates.md, "External suites": DSA is not admitted).
 * @module
 */
import { isJitsuinError } from '../../errors.js';
import { utf8Decode } from '../../encoding/utf8.js';
import { validatePath } from '../../x509/validate.js';
import type { ExternalReport, ExternalSuite } from '../types.js';

/** Validation time used for every case (the time Chromium/BoringSSL use; all PKITS data are valid then). */
export const PKITS_TIME = Date.UTC(2011, 3, 15) / 1000;

interface PkitsTest {
  readonly id: string;
  readonly case?: string;
  readonly name: string;
  readonly trust_anchor: string;
  readonly intermediates: readonly string[];
  readonly end_entity: string;
  readonly crls: readonly string[];
  readonly expected: 'valid' | 'invalid';
  readonly additional_certs?: readonly string[];
  readonly initial_policy_set?: readonly string[];
  readonly explicit_policy_required?: boolean;
  readonly inhibit_policy_mapping?: boolean;
  readonly inhibit_any_policy?: boolean;
  readonly expected_user_constrained_policy_set?: readonly string[];
}

/** Why a case is skipped, or undefined to run it. */
function skipReason(t: PkitsTest): string | undefined {
  if (/DSA/.test(t.name))
    return 'DSA keys and signatures are outside the profile (spec/certificates.md: signature algorithms)';
  return undefined;
}

function section(id: string): string {
  return id.split('.').slice(0, 2).join('.');
}

interface Row {
  passed: number;
  failed: number;
  skipped: number;
  failures: ExternalReport['failures'][number][];
  skips: ExternalReport['skips'][number][];
}

/** The PKITS external suite. */
export const pkitsSuite: ExternalSuite = {
  name: 'pkits',
  requiredFiles: ['pkits/pkits.json'],
  async run(readFile) {
    const doc = JSON.parse(utf8Decode(await readFile('pkits/pkits.json'), 'pkits.json')) as {
      tests: PkitsTest[];
    };
    const files = new Map<string, Uint8Array>();
    const load = async (dir: 'certs' | 'crls', name: string): Promise<Uint8Array> => {
      const key = `${dir}/${name}`;
      let v = files.get(key);
      if (v === undefined) {
        v = await readFile(`pkits/${key}`);
        files.set(key, v);
      }
      return v;
    };
    const rows = new Map<string, Row>();
    for (const t of doc.tests) {
      const id = t.case ?? t.id;
      const sec = section(t.id);
      let row = rows.get(sec);
      if (row === undefined) {
        row = { passed: 0, failed: 0, skipped: 0, failures: [], skips: [] };
        rows.set(sec, row);
      }
      const skip = skipReason(t);
      if (skip !== undefined) {
        row.skipped++;
        row.skips.push({ id, reason: skip });
        continue;
      }
      let actual: string;
      let detail = '';
      try {
        const result = await validatePath(await load('certs', t.end_entity), {
          intermediates: await Promise.all(t.intermediates.map((c) => load('certs', c))),
          trustAnchors: [await load('certs', t.trust_anchor)],
          time: PKITS_TIME,
          profile: 'none',
          revocation: {
            mode: 'require',
            crls: await Promise.all(t.crls.map((c) => load('crls', c))),
          },
          revocationSigners: await Promise.all(
            (t.additional_certs ?? []).map((c) => load('certs', c)),
          ),
          policy: {
            ...(t.initial_policy_set === undefined
              ? {}
              : { initialPolicySet: t.initial_policy_set }),
            explicitPolicy: t.explicit_policy_required === true,
            inhibitPolicyMapping: t.inhibit_policy_mapping === true,
            inhibitAnyPolicy: t.inhibit_any_policy === true,
          },
          cache: false,
          // PKITS tests the §6 algorithm; several of its valid paths break §4 issuance rules on purpose
          // (4.6.4 non-critical basicConstraints, 4.6.8/4.6.14/4.14.13 CA end entities, non-critical policyConstraints).
          issuanceChecks: false,
        });
        actual = 'valid';
        const want = t.expected_user_constrained_policy_set;
        if (want !== undefined) {
          const got = [...result.policies].sort();
          const exp = [...want].sort();
          if (JSON.stringify(got) !== JSON.stringify(exp)) {
            actual = 'valid (policy set differs)';
            detail = `user-constrained policy set ${JSON.stringify(got)}, expected ${JSON.stringify(exp)}`;
          }
        }
      } catch (e) {
        actual = 'invalid';
        detail = isJitsuinError(e) ? `${e.code}: ${e.message}` : String(e);
      }
      if (actual === t.expected) row.passed++;
      else {
        row.failed++;
        row.failures.push({ id: `${id} ${t.name}`, expected: t.expected, actual, detail });
      }
    }
    return [...rows.entries()].map(([sec, r]) => ({ suite: 'pkits', section: sec, ...r }));
  },
};
