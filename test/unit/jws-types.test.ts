/**
 * Type tests of the verifyJws overloads (JWS-28): a call must either validate the chain or opt out
 * in plain sight. Each `@ts-expect-error` fails `npm run typecheck` if the call it marks compiles.
 */
import { describe, expect, it } from 'vitest';
import { verifyJws, type VerifiedJws } from '../../src/jws/index.js';

/** Never called: these lines are checked by the type checker only. */
function typeTests(token: string): void {
  const withChain: Promise<VerifiedJws<number>> = verifyJws(token, {
    typ: 'jitsuin-login+jws',
    validateChain: async () => 42,
  });
  const withoutChain: Promise<VerifiedJws<undefined>> = verifyJws(token, {
    typ: 'jitsuin-login+jws',
    allowUnvalidatedChain: true,
  });
  // @ts-expect-error neither a chain validator nor the explicit opt-out
  void verifyJws(token, { typ: 'jitsuin-login+jws' });
  // @ts-expect-error the opt-out is the literal `true`, not a boolean that may be false
  void verifyJws(token, { typ: 'jitsuin-login+jws', allowUnvalidatedChain: false });
  // @ts-expect-error the typ is required
  void verifyJws(token, { validateChain: async () => 1 });
  // @ts-expect-error a verification without chain validation cannot claim a validated chain type
  const wrong: Promise<VerifiedJws<number>> = verifyJws(token, {
    typ: 'jitsuin-login+jws',
    allowUnvalidatedChain: true,
  });
  void withChain;
  void withoutChain;
  void wrong;
}

describe('verifyJws overloads', () => {
  it('[JWS-28] the calls the types refuse are refused at run time too', async () => {
    expect(typeof typeTests).toBe('function');
    const call = verifyJws as (token: string, options: unknown) => Promise<unknown>;
    for (const options of [
      { typ: 'jitsuin-login+jws' },
      { typ: 'jitsuin-login+jws', allowUnvalidatedChain: false },
      { validateChain: async () => 1 },
    ]) {
      await expect(call('a.b.c', options)).rejects.toMatchObject({ code: 'ERR_INVALID_ARGUMENT' });
    }
  });
});
