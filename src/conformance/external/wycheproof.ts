/**
 * Wycheproof runner (C2SP/wycheproof `testvectors_v1`): ECDSA P-256/SHA-256 in DER and P1363
 * form, and RSASSA-PKCS1-v1_5 2048/SHA-256, each file on both crypto backends. Scoring policy:
 * spec/crypto.md, "Wycheproof" ([CRY-15]).
 * @module
 */
import { JitsuinError } from '../../errors.js';
import { hexDecode } from '../../encoding/hex.js';
import { utf8Decode } from '../../encoding/utf8.js';
import { platformSubtle, type CryptoBackendName } from '../../crypto/backend.js';
import { importSpki, type PublicKey } from '../../crypto/keys.js';
import { verifyEcdsaWith } from '../../crypto/ecdsa-verify.js';
import { verifyRsaPkcs1v15With } from '../../crypto/rsa.js';
import { assertHashName } from '../../crypto/hash.js';
import type { ExternalReport, ExternalSuite } from '../types.js';

type FileKind = 'ecdsa-der' | 'ecdsa-p1363' | 'rsa-pkcs1';

/** The files this runner reads, relative to the external folder, and how each is verified. */
export const WYCHEPROOF_FILES: readonly {
  readonly path: string;
  readonly kind: FileKind;
  readonly groupType: string;
}[] = [
  {
    path: 'wycheproof/ecdsa_secp256r1_sha256_test.json',
    kind: 'ecdsa-der',
    groupType: 'EcdsaVerify',
  },
  {
    path: 'wycheproof/ecdsa_secp256r1_sha256_p1363_test.json',
    kind: 'ecdsa-p1363',
    groupType: 'EcdsaP1363Verify',
  },
  {
    path: 'wycheproof/rsa_signature_2048_sha256_test.json',
    kind: 'rsa-pkcs1',
    groupType: 'RsassaPkcs1Verify',
  },
];

/**
 * What jitsuin answers on `acceptable` cases, by flag. Every flag listed is a legacy leniency that
 * jitsuin does not implement, so the expected answer is a rejection; an acceptable case carrying
 * a flag not listed here is also expected to be rejected (fail closed), and the report says so.
 */
export const ACCEPTABLE_POLICY: Readonly<Record<string, 'reject'>> = {
  MissingNull: 'reject',
};

interface WycheproofTest {
  readonly tcId: number;
  readonly comment: string;
  readonly flags: readonly string[];
  readonly msg: string;
  readonly sig: string;
  readonly result: 'valid' | 'invalid' | 'acceptable';
}

interface WycheproofGroup {
  readonly type: string;
  readonly publicKeyDer: string;
  readonly sha: string;
  readonly tests: readonly WycheproofTest[];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Parses and shape-checks a Wycheproof file; throws a plain message on anything unexpected. */
function parseFile(bytes: Uint8Array, groupType: string): WycheproofGroup[] {
  const doc: unknown = JSON.parse(utf8Decode(bytes, 'Wycheproof file'));
  if (!isRecord(doc) || !Array.isArray(doc['testGroups']))
    throw new Error('not a Wycheproof file: no testGroups');
  const groups: WycheproofGroup[] = [];
  for (const g of doc['testGroups'] as unknown[]) {
    if (
      !isRecord(g) ||
      g['type'] !== groupType ||
      typeof g['publicKeyDer'] !== 'string' ||
      typeof g['sha'] !== 'string' ||
      !Array.isArray(g['tests'])
    ) {
      throw new Error(
        `unexpected test group (wanted type ${groupType} with publicKeyDer, sha, tests)`,
      );
    }
    for (const t of g['tests'] as unknown[]) {
      if (
        !isRecord(t) ||
        typeof t['tcId'] !== 'number' ||
        typeof t['msg'] !== 'string' ||
        typeof t['sig'] !== 'string' ||
        !Array.isArray(t['flags']) ||
        (t['result'] !== 'valid' && t['result'] !== 'invalid' && t['result'] !== 'acceptable')
      ) {
        throw new Error(`malformed test in group ${groupType}`);
      }
    }
    groups.push(g as unknown as WycheproofGroup);
  }
  return groups;
}

/** Runs one case; resolves to 'valid' or to the rejection's error code. */
async function runCase(
  kind: FileKind,
  backend: CryptoBackendName,
  key: PublicKey,
  sha: string,
  test: WycheproofTest,
): Promise<string> {
  try {
    assertHashName(sha);
    const msg = hexDecode(test.msg, 'msg');
    const sig = hexDecode(test.sig, 'sig');
    if (kind === 'rsa-pkcs1') {
      if (key.kind !== 'rsa') return 'ERR_INVALID_KEY';
      await verifyRsaPkcs1v15With(backend, key, msg, sig, sha);
    } else {
      if (key.kind !== 'ec') return 'ERR_INVALID_KEY';
      await verifyEcdsaWith(backend, key, msg, sig, {
        format: kind === 'ecdsa-der' ? 'der' : 'raw',
        hash: sha,
      });
    }
    return 'valid';
  } catch (e) {
    if (e instanceof JitsuinError) return e.code;
    return `non-JitsuinError ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`;
  }
}

/** The answer jitsuin must give on a case: 'valid' or 'reject'. */
function expectedAnswer(test: WycheproofTest): { want: 'valid' | 'reject'; note?: string } {
  if (test.result === 'valid') return { want: 'valid' };
  if (test.result === 'invalid') return { want: 'reject' };
  const unlisted = test.flags.filter((f) => ACCEPTABLE_POLICY[f] === undefined);
  return unlisted.length === 0
    ? { want: 'reject' }
    : {
        want: 'reject',
        note: `acceptable with flags not in the policy (${unlisted.join(', ')}): rejection expected`,
      };
}

/** One backend's row for a file, and its answer ('valid' or an error code) to each tcId. */
interface FileRun {
  readonly report: ExternalReport;
  readonly answers: ReadonlyMap<number, string>;
}

/**
 * The cases on which two backends answered differently (acceptance, or the error code), in
 * `first`'s order ([CRY-16]). @internal
 */
export function backendDisagreements(
  first: ReadonlyMap<number, string>,
  second: ReadonlyMap<number, string>,
): { tcId: number; first: string; second: string }[] {
  const out: { tcId: number; first: string; second: string }[] = [];
  for (const [tcId, a] of first) {
    const b = second.get(tcId) ?? 'no answer';
    if (a !== b) out.push({ tcId, first: a, second: b });
  }
  return out;
}

async function runFile(
  path: string,
  kind: FileKind,
  groups: readonly WycheproofGroup[],
  backend: CryptoBackendName,
): Promise<FileRun> {
  const answers = new Map<number, string>();
  let passed = 0;
  const failures: { id: string; expected: string; actual: string; detail?: string }[] = [];
  for (const group of groups) {
    let key: PublicKey | string;
    try {
      key = importSpki(hexDecode(group.publicKeyDer, 'publicKeyDer'), { minRsaBits: 2048 });
    } catch (e) {
      key = e instanceof JitsuinError ? e.code : `non-JitsuinError ${String(e)}`;
    }
    for (const test of group.tests) {
      const { want, note } = expectedAnswer(test);
      const actual =
        typeof key === 'string' ? key : await runCase(kind, backend, key, group.sha, test);
      answers.set(test.tcId, actual);
      const ok =
        want === 'valid' ? actual === 'valid' : actual !== 'valid' && actual.startsWith('ERR_');
      if (ok) passed++;
      else {
        const detail = [test.comment, test.flags.join(','), note]
          .filter((s) => s !== undefined && s !== '')
          .join(' | ');
        failures.push({
          id: `tcId ${test.tcId}`,
          expected: `${test.result} → ${want}`,
          actual,
          ...(detail === '' ? {} : { detail }),
        });
      }
    }
  }
  return {
    report: {
      suite: 'wycheproof',
      section: `${path.replace(/^wycheproof\//, '')} [${backend}]`,
      passed,
      failed: failures.length,
      skipped: 0,
      failures,
      skips: [],
    },
    answers,
  };
}

/** Adds to the noble row a failure for every case where the two backends disagree ([CRY-16]). */
function withBackendComparison(web: FileRun, noble: FileRun): ExternalReport {
  const extra = backendDisagreements(web.answers, noble.answers).map((d) => ({
    id: `tcId ${d.tcId}`,
    expected: `the WebCrypto answer ${d.first}`,
    actual: d.second,
    detail: 'the backends disagree (spec/crypto.md CRY-16)',
  }));
  if (extra.length === 0) return noble.report;
  const failures = [...noble.report.failures, ...extra];
  return { ...noble.report, failed: failures.length, failures };
}

/**
 * Runs every case of the three Wycheproof files on both backends and reports one row per
 * file × backend. Valid cases must verify; invalid and acceptable cases must be rejected with a
 * JitsuinError; and the noble row also fails every case on which the two backends gave different
 * answers (error codes included, [CRY-16]). When the runtime has no WebCrypto, the WebCrypto rows
 * report every case skipped.
 */
export async function runWycheproof(
  readFile: (relativePath: string) => Promise<Uint8Array>,
): Promise<ExternalReport[]> {
  const reports: ExternalReport[] = [];
  for (const { path, kind, groupType } of WYCHEPROOF_FILES) {
    let groups: WycheproofGroup[];
    try {
      groups = parseFile(await readFile(path), groupType);
    } catch (e) {
      for (const backend of ['webcrypto', 'noble'] as const) {
        reports.push({
          suite: 'wycheproof',
          section: `${path.replace(/^wycheproof\//, '')} [${backend}]`,
          passed: 0,
          failed: 1,
          skipped: 0,
          failures: [
            {
              id: path,
              expected: 'a readable Wycheproof file',
              actual: e instanceof Error ? e.message : String(e),
            },
          ],
          skips: [],
        });
      }
      continue;
    }
    let web: FileRun | undefined;
    if (platformSubtle() === undefined) {
      const skips = groups.flatMap((g) =>
        g.tests.map((t) => ({
          id: `tcId ${t.tcId}`,
          reason: 'WebCrypto is not available in this runtime',
        })),
      );
      reports.push({
        suite: 'wycheproof',
        section: `${path.replace(/^wycheproof\//, '')} [webcrypto]`,
        passed: 0,
        failed: 0,
        skipped: skips.length,
        failures: [],
        skips,
      });
    } else {
      web = await runFile(path, kind, groups, 'webcrypto');
      reports.push(web.report);
    }
    const noble = await runFile(path, kind, groups, 'noble');
    reports.push(web === undefined ? noble.report : withBackendComparison(web, noble));
  }
  return reports;
}

/** The Wycheproof external suite. */
export const wycheproofSuite: ExternalSuite = {
  name: 'wycheproof',
  requiredFiles: WYCHEPROOF_FILES.map((f) => f.path),
  run: runWycheproof,
};
