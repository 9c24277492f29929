/**
 * How an implementation's answer to one case is judged against the vector (`spec/conformance.md`,
 * "What conforming means").
 * @module
 */
import type { CaseOutcome, VectorTest } from './types.js';

/** The verdict on one case. `detail` says what differed (failed) or why it was skipped. */
export interface CaseVerdict {
  readonly status: 'passed' | 'failed' | 'skipped';
  readonly expected: string;
  readonly actual: string;
  readonly detail?: string;
}

/** Structural equality of JSON values: member order ignored, array order significant, `undefined` members absent. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => jsonEqual(item, b[i]));
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const ka = Object.keys(ra).filter((k) => ra[k] !== undefined);
  const kb = Object.keys(rb).filter((k) => rb[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(rb, k) && jsonEqual(ra[k], rb[k]));
}

function describeExpected(test: VectorTest): string {
  if (test.result === 'invalid') return `invalid ${test.error ?? '(no code)'}`;
  return test.result;
}

function describeActual(outcome: CaseOutcome): string {
  if (outcome.result === 'invalid') return `invalid ${outcome.error ?? '(no code)'}`;
  return outcome.result;
}

/**
 * Judges one answer: a `valid` test needs `valid` (and, when the test has an `output`, an equal
 * output); an `invalid` test needs `invalid` with exactly the test's error code; an `acceptable`
 * test passes with either answer (a `valid` answer must still match a given `output`). A `skipped`
 * answer is reported as skipped; whether that is allowed is the caller's policy.
 */
export function judgeOutcome(test: VectorTest, outcome: CaseOutcome): CaseVerdict {
  const expected = describeExpected(test);
  const actual = describeActual(outcome);
  if (outcome.result === 'skipped') {
    return { status: 'skipped', expected, actual, detail: outcome.reason ?? 'no reason given' };
  }
  const failed = (detail: string): CaseVerdict => ({ status: 'failed', expected, actual, detail });
  if (test.result === 'invalid') {
    if (outcome.result !== 'invalid') return failed('expected a rejection');
    if (outcome.error !== test.error)
      return failed(`expected error ${test.error ?? '?'}, got ${outcome.error ?? 'none'}`);
    return { status: 'passed', expected, actual };
  }
  if (test.result === 'valid' && outcome.result !== 'valid') {
    return failed(
      `expected acceptance${outcome.reason === undefined ? '' : ` (${outcome.reason})`}`,
    );
  }
  if (
    outcome.result === 'valid' &&
    test.output !== undefined &&
    !jsonEqual(test.output, outcome.output)
  ) {
    return failed(
      `output differs: expected ${JSON.stringify(test.output)}, got ${JSON.stringify(outcome.output) ?? 'none'}`,
    );
  }
  return { status: 'passed', expected, actual };
}
