/**
 * Shared helpers of the transparency-log external suites: lenient decoding of the suites' own
 * inputs (the data under test is decoded by the library, strictly), and report rows.
 * @module
 */
import { isJitsuinError } from '../../errors.js';
import type { ExternalReport } from '../types.js';

/** Decodes base64 test input leniently (the suites sometimes carry deliberately bad hashes). */
export function loose64(text: string | null | undefined): Uint8Array {
  if (text === null || text === undefined || text === '') return new Uint8Array(0);
  try {
    return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  } catch {
    // Not base64 at all: an empty value, which every verifier rejects as a hash.
    return new Uint8Array(0);
  }
}

export function hexBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** A mutable report row. */
export class Row {
  passed = 0;
  failed = 0;
  skipped = 0;
  readonly failures: { id: string; expected: string; actual: string; detail?: string }[] = [];
  readonly skips: { id: string; reason: string }[] = [];
  constructor(
    readonly suite: string,
    readonly section: string,
  ) {}

  /** Records one case: `expected` and `actual` are verdict words; `exception` (a reason) turns an agreed divergence into a reported skip. */
  record(
    id: string,
    expected: string,
    actual: string,
    detail?: string,
    exception?: { verdict: string; reason: string },
  ): void {
    if (exception !== undefined) {
      if (actual === exception.verdict) {
        this.skipped++;
        this.skips.push({
          id,
          reason: `known divergence (upstream ${expected}, jitsuin ${actual}): ${exception.reason}`,
        });
      } else {
        this.failed++;
        this.failures.push({
          id,
          expected: exception.verdict,
          actual,
          detail: `listed exception not reproduced${detail === undefined ? '' : `: ${detail}`}`,
        });
      }
      return;
    }
    if (expected === actual) this.passed++;
    else {
      this.failed++;
      this.failures.push(
        detail === undefined ? { id, expected, actual } : { id, expected, actual, detail },
      );
    }
  }

  report(): ExternalReport {
    return {
      suite: this.suite,
      section: this.section,
      passed: this.passed,
      failed: this.failed,
      skipped: this.skipped,
      failures: this.failures,
      skips: this.skips,
    };
  }
}

/** Runs `f` and gives `accept` or `reject` with the error's code and message. */
export async function verdict(
  f: () => unknown,
): Promise<{ verdict: 'accept' | 'reject'; detail?: string; value?: unknown }> {
  try {
    const value = await f();
    return { verdict: 'accept', value };
  } catch (e) {
    return {
      verdict: 'reject',
      detail: isJitsuinError(e) ? `${e.code}: ${e.message}` : `non-JitsuinError ${String(e)}`,
    };
  }
}
