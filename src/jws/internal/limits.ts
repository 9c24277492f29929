/** Resolution of caller-supplied limits over the profile defaults. @module */
import { fail } from '../../internal/fail.js';
import { DEFAULT_JWS_LIMITS, type JwsLimits } from '../types.js';

/** Merges `overrides` over {@link DEFAULT_JWS_LIMITS}; every limit must be a positive safe integer. @internal */
export function resolveLimits(overrides: Partial<JwsLimits> | undefined): JwsLimits {
  if (overrides === undefined) return DEFAULT_JWS_LIMITS;
  if (typeof overrides !== 'object' || overrides === null)
    fail('ERR_INVALID_ARGUMENT', 'JWS limits must be an object');
  const out: Record<keyof JwsLimits, number> = { ...DEFAULT_JWS_LIMITS };
  for (const name of Object.keys(DEFAULT_JWS_LIMITS) as (keyof JwsLimits)[]) {
    const v = overrides[name];
    if (v === undefined) continue;
    if (!Number.isSafeInteger(v) || v < 1)
      fail(
        'ERR_INVALID_ARGUMENT',
        `JWS limit ${name} must be a positive integer, got ${String(v)}`,
      );
    out[name] = v;
  }
  for (const name of Object.keys(overrides)) {
    if (!(name in DEFAULT_JWS_LIMITS))
      fail('ERR_INVALID_ARGUMENT', `unknown JWS limit ${JSON.stringify(name)}`);
  }
  return out;
}
