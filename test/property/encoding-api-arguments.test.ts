/**
 * Every function the package exports answers wrongly typed arguments with ERR_INVALID_ARGUMENT
 * (or another JitsuinError), never with a TypeError from inside the library (spec/encoding.md ENC-40).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as api from '../../src/index.js';

type AnyFunction = (...args: unknown[]) => unknown;
const functions = Object.entries(api).filter(
  (e): e is [string, AnyFunction] => typeof e[1] === 'function' && !/^[A-Z]/.test(e[0]),
);

/** Arguments of the wrong kind: every position gets a value of some other JavaScript type. */
const wrongKind = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  fc.integer(),
  fc.constant(Number.NaN),
  fc.string({ maxLength: 4 }),
  fc.boolean(),
  fc.constant([]),
  fc.constant({}),
  fc.constant(new Uint8Array(0)),
);
const badArgs = fc.array(wrongKind, { maxLength: 4 });

async function outcome(f: AnyFunction, args: unknown[]): Promise<unknown> {
  try {
    await f(...args);
    return undefined;
  } catch (e) {
    return e;
  }
}

describe('public API arguments', () => {
  it('exports functions to test', () => {
    expect(functions.length).toBeGreaterThan(100);
  });

  it('[ENC-40] null, undefined and absent options are answered with ERR_INVALID_ARGUMENT or another JitsuinError', async () => {
    const wrong: string[] = [];
    for (const [name, f] of functions) {
      for (const args of [
        [],
        [null],
        [undefined],
        [{}],
        [null, null],
        ['x', null],
        [new Uint8Array(), null],
        [{}, null],
        [{}, {}],
        [1, 2, 3],
      ]) {
        const e = await outcome(f, args);
        if (e !== undefined && !api.isJitsuinError(e))
          wrong.push(`${name}(${args.map(String).join(', ')}): ${String(e)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('[ENC-40] random wrongly typed arguments and members never reach a TypeError', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...functions), badArgs, async ([name, f], args) => {
        const e = await outcome(f, args);
        expect(e === undefined || api.isJitsuinError(e), `${name}: ${String(e)}`).toBe(true);
      }),
      { numRuns: 3000, seed: 9 },
    );
  });
});
