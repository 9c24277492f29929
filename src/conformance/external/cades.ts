/**
 * The `cades` external suite (`cades/verdicts.json`, spec/signature.md §9): EU DSS and OpenSSL
 * CMS/CAdES samples with the verdicts their projects assert, run through the signature checks
 * SIG-01 to SIG-13 and SIG-15 (`checkCades`: no path validation, since the DSS verdicts are
 * "technically valid" without trust anchors). Each case is compared with the stated verdict; a
 * disagreement that follows from jitsuin's written policy is listed in `cades-exceptions.json` with
 * the error jitsuin must give and the reason, and reported as skipped with that reason. Any other
 * disagreement, an exception whose error changed, an exception that no longer applies, a pinned
 * error that changed, or a file whose SHA-256 differs from the one recorded is a failure.
 * @module
 */
import { isJitsuinError } from '../../errors.js';
import { base64Decode } from './pem.js';
import { hexEncode } from '../../encoding/hex.js';
import { utf8Decode, utf8Encode } from '../../encoding/utf8.js';
import { sha256 } from '../../crypto/hash.js';
import { checkCades, type CadesData } from '../../signature/cades-check.js';
import type { ExternalReport, ExternalSuite } from '../types.js';
import exceptionsFile from './cades-exceptions.json' with { type: 'json' };

interface DetachedContent {
  readonly utf8?: string;
  readonly sha256Base64?: string;
  readonly file?: string;
}

interface VerdictFile {
  readonly file: string;
  readonly sha256: string;
  readonly detachedContent?: DetachedContent | string | null;
  readonly dssVerdict?: string;
  readonly expected?: string;
  readonly alsoChecked?: readonly {
    readonly detachedContent: DetachedContent | string | null;
    readonly dssVerdict: string;
  }[];
}

interface Exception {
  readonly error: string;
  readonly requirement: string;
  readonly reason: string;
}

const EXCEPTIONS = exceptionsFile.exceptions as Readonly<Record<string, Exception>>;
const PINNED = exceptionsFile.pinnedErrors as Readonly<Record<string, string>>;

/** The verdict a record states, as valid/invalid; unknown wording is an error, never a guess. */
export function statedVerdict(text: string): 'valid' | 'invalid' {
  if (/^B-level technically valid/.test(text)) return 'valid';
  if (/^(NOT|INDETERMINATE)\b/.test(text) || /^messageDigest data found but NOT intact/.test(text))
    return 'invalid';
  if (/^signer certificate not embedded/.test(text)) return 'invalid';
  if (/^contains 2 signatures: one CAdES_BASELINE_B and valid/.test(text)) return 'valid';
  if (text === 'reject') return 'invalid';
  if (/^(CAdES-B-B valid|valid(;|$))/.test(text)) return 'valid';
  if (/^(valid CMS, but|CMS valid, not CAdES)/.test(text)) return 'invalid';
  throw new Error(`cades suite: unknown verdict wording "${text}"`);
}

async function dataOf(
  dc: DetachedContent | string | null | undefined,
  readFile: (p: string) => Promise<Uint8Array>,
): Promise<CadesData | undefined> {
  if (dc === null || dc === undefined) return undefined;
  if (typeof dc === 'string') return { content: utf8Encode(dc) };
  if (dc.utf8 !== undefined) return { content: utf8Encode(dc.utf8) };
  if (dc.sha256Base64 !== undefined) return { digest: base64Decode(dc.sha256Base64) };
  if (dc.file !== undefined) return { content: await readFile(`cades/${dc.file}`) };
  throw new Error('cades suite: detachedContent has no form jitsuin knows');
}

interface Row {
  passed: number;
  failed: number;
  skipped: number;
  failures: ExternalReport['failures'][number][];
  skips: ExternalReport['skips'][number][];
  passes: { id: string; detail: string }[];
}

/** The CAdES external suite. */
export const cadesSuite: ExternalSuite = {
  name: 'cades',
  requiredFiles: ['cades/verdicts.json'],
  async run(readFile) {
    const doc = JSON.parse(utf8Decode(await readFile('cades/verdicts.json'), 'verdicts.json')) as {
      files: VerdictFile[];
    };
    const rows = new Map<string, Row>();
    const used = new Set<string>();
    for (const f of doc.files) {
      const group = f.file.split('/')[0] as string;
      let row = rows.get(group);
      if (row === undefined) {
        row = { passed: 0, failed: 0, skipped: 0, failures: [], skips: [], passes: [] };
        rows.set(group, row);
      }
      const bytes = await readFile(`cades/${f.file}`);
      if (hexEncode(sha256(bytes)) !== f.sha256) {
        row.failed++;
        row.failures.push({
          id: f.file,
          expected: `sha256 ${f.sha256}`,
          actual: `sha256 ${hexEncode(sha256(bytes))}`,
          detail: 'the sample differs from the one the verdict is about',
        });
        continue;
      }
      const cases: { id: string; dc: VerdictFile['detachedContent']; verdict: string }[] = [
        { id: f.file, dc: f.detachedContent, verdict: f.dssVerdict ?? f.expected ?? '' },
        ...(f.alsoChecked ?? []).map((a, i) => ({
          id: `${f.file}#${i + 1}`,
          dc: a.detachedContent,
          verdict: a.dssVerdict,
        })),
      ];
      for (const c of cases) {
        const expected = statedVerdict(c.verdict);
        let actual: string;
        let code = '';
        let detail = '';
        try {
          await checkCades(bytes, await dataOf(c.dc, readFile));
          actual = 'valid';
        } catch (e) {
          if (!isJitsuinError(e)) throw e;
          actual = 'invalid';
          code = e.code;
          detail = `${e.code} [${e.requirement ?? ''}]: ${e.message}`;
        }
        const exception = EXCEPTIONS[c.id];
        const pinned = PINNED[c.id];
        if (exception !== undefined) used.add(c.id);
        if (actual === expected && exception === undefined) {
          if (pinned !== undefined && pinned !== code) {
            row.failed++;
            row.failures.push({
              id: c.id,
              expected: `${expected} with ${pinned}`,
              actual: `${actual} with ${code}`,
              detail,
            });
          } else {
            row.passed++;
            row.passes.push({
              id: c.id,
              detail: `stated ${expected}, jitsuin ${actual === 'valid' ? 'valid' : detail}`,
            });
          }
        } else if (exception !== undefined && actual !== expected && code === exception.error) {
          row.skipped++;
          row.skips.push({
            id: c.id,
            reason: `exception (${exception.requirement}): stated ${expected}, jitsuin ${code}. ${exception.reason}`,
          });
        } else {
          row.failed++;
          row.failures.push({
            id: c.id,
            expected:
              exception === undefined
                ? expected
                : `${expected}, or the listed exception ${exception.error}`,
            actual: actual === 'valid' ? 'valid' : code,
            detail,
          });
        }
      }
    }
    const stale = Object.keys(EXCEPTIONS).filter((id) => !used.has(id));
    if (stale.length > 0) {
      rows.set('exceptions', {
        passed: 0,
        failed: stale.length,
        skipped: 0,
        skips: [],
        passes: [],
        failures: stale.map((id) => ({
          id,
          expected: 'a case of verdicts.json',
          actual: 'no such case',
          detail: 'stale entry in cades-exceptions.json',
        })),
      });
    }
    return [...rows.entries()].map(([section, r]) => ({ suite: 'cades', section, ...r }));
  },
};
