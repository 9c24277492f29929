/**
 * How a suite's runner turns a thrown error into a case outcome, shared by every suite that
 * reads structured inputs.
 * @internal
 */
import { isJitsuinError } from '../../errors.js';
import type { CaseOutcome } from '../types.js';

/** A vector input that is not of the shape its group type needs: the file is wrong, not the implementation (`ERR_VECTOR`). @internal */
export class VectorInputError extends Error {}

/**
 * Runs one case: a `JitsuinError` becomes `invalid` with its code, a {@link VectorInputError}
 * `ERR_VECTOR`, anything else `ERR_INTERNAL` (a crash is never a pass). @internal
 */
export async function caseOutcome(
  run: () => CaseOutcome | Promise<CaseOutcome>,
): Promise<CaseOutcome> {
  try {
    return await run();
  } catch (e) {
    if (isJitsuinError(e))
      return { result: 'invalid', error: e.code, reason: `${e.requirement ?? '-'}: ${e.message}` };
    if (e instanceof VectorInputError)
      return { result: 'invalid', error: 'ERR_VECTOR', reason: e.message };
    return { result: 'invalid', error: 'ERR_INTERNAL', reason: String(e) };
  }
}
