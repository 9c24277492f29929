/** Shared assertions of the encoding tests. */
import { expect } from 'vitest';
import { isJitsuinError, type ErrorCode } from '../../src/errors.js';

/** Asserts that `fn` throws a JitsuinError with `code` and `requirement`, and returns its message. */
export function expectRejection(
  fn: () => unknown,
  requirement: string | undefined,
  code: ErrorCode = 'ERR_ENCODING',
): string {
  let thrown: unknown;
  try {
    fn();
  } catch (e) {
    thrown = e;
  }
  expect(thrown, 'expected a rejection').toBeDefined();
  if (!isJitsuinError(thrown)) throw new Error(`expected a JitsuinError, got ${String(thrown)}`);
  expect({ code: thrown.code, requirement: thrown.requirement }).toEqual({ code, requirement });
  return thrown.message;
}

/** Bytes of a UTF-8 text with some raw bytes spliced in. */
export function bytes(...parts: (string | number[])[]): Uint8Array {
  const chunks = parts.map((p) =>
    typeof p === 'string' ? new TextEncoder().encode(p) : Uint8Array.from(p),
  );
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}
