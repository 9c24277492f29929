/**
 * Hostile input to every public function of jitsuin/ledger: whatever the arguments, nothing but a
 * JitsuinError escapes (bad types give ERR_INVALID_ARGUMENT, never a TypeError).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isJitsuinError } from '../../src/errors.js';
import * as ledger from '../../src/ledger/index.js';

const FUNCTIONS = Object.entries(ledger).filter(
  ([, v]) => typeof v === 'function' && !/^[A-Z]/.test(v.name),
) as [string, (...a: unknown[]) => unknown][];
const arg = fc.oneof(
  fc.anything(),
  fc.uint8Array({ maxLength: 80 }),
  fc.string({ maxLength: 80 }),
  fc.integer(),
  fc.constant(undefined),
  fc.constant(null),
  fc.array(fc.uint8Array({ minLength: 32, maxLength: 32 }), { maxLength: 3 }),
);

describe('jitsuin/ledger under hostile arguments', () => {
  it('every function throws only JitsuinError', async () => {
    expect(FUNCTIONS.length).toBeGreaterThan(30);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...FUNCTIONS),
        fc.array(arg, { maxLength: 5 }),
        async ([name, f], args) => {
          try {
            await f(...args);
          } catch (e) {
            if (!isJitsuinError(e))
              throw new Error(
                `${name}(${args.map((a) => typeof a).join(', ')}) threw ${String(e)}`,
              );
          }
        },
      ),
      { numRuns: 3000 },
    );
  });
});
