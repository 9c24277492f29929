/** signJws checks its header through the verifier's memo: a memo hit must not skip a check the limits make. */
import { describe, expect, it } from 'vitest';
import { isJitsuinError } from '../../src/errors.js';
import { signJws } from '../../src/jws/index.js';
import { clearHeaderMemo } from '../../src/jws/internal/header-cache.js';
import { createConsentPki, CONSENT_RP } from '../testpki/consent.js';

describe('signJws header memo', () => {
  it('[JWS-33] a header that passed before is still refused under tighter limits, and a bad signer still fails', async () => {
    clearHeaderMemo();
    const pki = await createConsentPki();
    const rp = pki.rp[CONSENT_RP.hospitalB];
    const sign = (limits = {}, signer = rp.signer) =>
      signJws({
        typ: 'jitsuin-transfer-record+jws',
        payload: { a: 1 },
        certificateChain: rp.chain,
        signer,
        limits,
      });
    await sign();
    await sign(); // memo hit
    const code = (p: Promise<unknown>) =>
      p.then(
        () => 'ACCEPTED',
        (e: unknown) => (isJitsuinError(e) ? e.code : String(e)),
      );
    expect(await code(sign({ maxChainLength: 1 }))).toBe('ERR_INPUT_TOO_LARGE');
    expect(await code(sign({}, pki.rp[CONSENT_RP.pharmacy].signer))).toBe('ERR_SIGNATURE_INVALID');
  });
});
