import { describe, expect, it } from 'vitest';
import { isJitsuinError } from '../../src/errors.js';
import { base64urlDecode } from '../../src/encoding/index.js';
import { createLoginChallenge, encodeLoginChallenge } from '../../src/login/challenge.js';
import { MemoryChallengeStore, issueLoginChallenge } from '../../src/login/challenge-store.js';
import { createLoginResponse } from '../../src/login/response.js';
import { verifyLoginResponse, type VerifyLoginResponseOptions } from '../../src/login/verify.js';
import { LOGIN_NOW } from '../../src/conformance/suites/login.js';
import { HOSPITAL, COMMON_CODE, loginPki } from '../generators/login.js';
import { formatCommonCode } from '../../src/x509/common-code.js';

const f = await loginPki();

function options(
  store: MemoryChallengeStore,
  extra: Partial<VerifyLoginResponseOptions> = {},
): VerifyLoginResponseOptions {
  return {
    rpId: HOSPITAL,
    trustAnchors: [f.root],
    revocation: f.revocation,
    time: LOGIN_NOW,
    clockTolerance: 60,
    challengeStore: store,
    ...extra,
  };
}

async function errorOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (e) {
    return isJitsuinError(e) ? `${e.code}/${e.requirement ?? ''}` : String(e);
  }
}

describe('verifyLoginResponse', () => {
  it('returns the common code, certificate, key protection, binding and consumed challenge', async () => {
    const store = new MemoryChallengeStore({ now: () => LOGIN_NOW });
    const ch = await issueLoginChallenge(store, { rpId: HOSPITAL, time: LOGIN_NOW - 10 });
    const token = await createLoginResponse(encodeLoginChallenge(ch), {
      signer: f.hospital.signer,
      certificateChain: f.hospital.chain,
      time: LOGIN_NOW - 5,
    });
    const r = await verifyLoginResponse(token, options(store));
    expect(r.commonCode).toEqual(COMMON_CODE);
    expect(r.commonCodeText).toBe(formatCommonCode(COMMON_CODE));
    expect(r.keyProtection).toBe('secure-enclave');
    expect(r.appBinding.rpId).toBe(HOSPITAL);
    expect(r.certificate.der).toEqual(f.hospital.certificate);
    expect(r.challenge).toEqual(ch);
    expect(r.iat).toBe(LOGIN_NOW - 5);
    expect(r.path.length).toBeGreaterThanOrEqual(2);
  });

  it('[PATH-16] [LOGIN-17] a common code zeroed by the RP after one login leaves the next login of the device intact', async () => {
    const store = new MemoryChallengeStore({ now: () => LOGIN_NOW });
    const login = async () => {
      const ch = await issueLoginChallenge(store, { rpId: HOSPITAL, time: LOGIN_NOW - 10 });
      const token = await createLoginResponse(encodeLoginChallenge(ch), {
        signer: f.hospital.signer,
        certificateChain: f.hospital.chain,
        time: LOGIN_NOW - 5,
      });
      return verifyLoginResponse(token, options(store));
    };
    const first = await login();
    first.commonCode.fill(0); // e.g. an RP that wipes identifiers after use
    const second = await login(); // the device's path now comes from the cache
    expect(second.commonCode).toEqual(COMMON_CODE);
    expect(second.commonCodeText).toBe(formatCommonCode(second.commonCode));
  });

  it('[LOGIN-10] [LOGIN-11] the response payload has exactly rpId, challenge, iat (and the binding), typ jitsuin-login+jws', async () => {
    const ch = createLoginChallenge({
      rpId: HOSPITAL,
      time: LOGIN_NOW,
      sessionBinding: 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8',
    });
    const token = await createLoginResponse(ch, {
      signer: f.hospital.signer,
      certificateChain: f.hospital.chain,
      time: LOGIN_NOW,
    });
    const [h, p] = token.split('.') as [string, string];
    const header = JSON.parse(new TextDecoder().decode(base64urlDecode(h)));
    const payload = JSON.parse(new TextDecoder().decode(base64urlDecode(p)));
    expect(header.typ).toBe('jitsuin-login+jws');
    expect(header.x5c).toHaveLength(2);
    expect(payload).toEqual({
      rpId: HOSPITAL,
      challenge: ch.challenge,
      iat: LOGIN_NOW,
      sessionBinding: ch.sessionBinding,
    });
  });

  it('[LOGIN-08] a bound challenge is accepted only when the caller names that session', async () => {
    const store = new MemoryChallengeStore({ now: () => LOGIN_NOW });
    const binding = 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8';
    const sign = async () => {
      const ch = await issueLoginChallenge(store, {
        rpId: HOSPITAL,
        time: LOGIN_NOW - 10,
        sessionBinding: binding,
      });
      return createLoginResponse(ch, {
        signer: f.hospital.signer,
        certificateChain: f.hospital.chain,
        time: LOGIN_NOW - 5,
      });
    };
    // A relayed response submitted in a session the caller did not name must not log in.
    expect(await errorOf(verifyLoginResponse(await sign(), options(store)))).toBe(
      'ERR_LOGIN_SESSION_BINDING/LOGIN-08',
    );
    expect(
      (await verifyLoginResponse(await sign(), options(store, { sessionBinding: binding })))
        .challenge.sessionBinding,
    ).toBe(binding);
  });

  it('[LOGIN-17] a cached path is not used beyond the revocation data it was validated with', async () => {
    const store = new MemoryChallengeStore({ now: () => LOGIN_NOW });
    const sign = async (time: number) => {
      const ch = await issueLoginChallenge(store, { rpId: HOSPITAL, time });
      return createLoginResponse(ch, {
        signer: f.hospital.signer,
        certificateChain: f.hospital.chain,
        time,
      });
    };
    await verifyLoginResponse(await sign(LOGIN_NOW), options(store));
    // The CRLs' nextUpdate is LOGIN_NOW + 7 days: a day later they are stale, cached path or not.
    const later = LOGIN_NOW + 8 * 86_400;
    const code = await errorOf(
      verifyLoginResponse(await sign(later), options(store, { time: later })),
    );
    expect(code).not.toBe('ok');
    expect(code.startsWith('ERR_REVOCATION_UNKNOWN') || code.startsWith('ERR_CRL_INVALID')).toBe(
      true,
    );
    // Within the data's lifetime the (cached) path still validates.
    await verifyLoginResponse(await sign(LOGIN_NOW + 1), options(store, { time: LOGIN_NOW + 1 }));
  });

  it('[LOGIN-27] refuses a clock tolerance above 300 s or negative', async () => {
    const store = new MemoryChallengeStore({ now: () => LOGIN_NOW });
    expect(
      await errorOf(verifyLoginResponse('x.y.z', options(store, { clockTolerance: 301 }))),
    ).toBe('ERR_INVALID_ARGUMENT/LOGIN-27');
    expect(
      await errorOf(verifyLoginResponse('x.y.z', options(store, { clockTolerance: -1 }))),
    ).toBe('ERR_INVALID_ARGUMENT/LOGIN-27');
    expect(
      await errorOf(verifyLoginResponse('x.y.z', options(store, { clockTolerance: 300 }))),
    ).toMatch(/^ERR_JWS_MALFORMED/);
  });

  it('refuses a configuration without trust anchors or with a bad rpId', async () => {
    const store = new MemoryChallengeStore({ now: () => LOGIN_NOW });
    expect(
      await errorOf(verifyLoginResponse('x.y.z', options(store, { trustAnchors: [] }))),
    ).toMatch(/^ERR_INVALID_ARGUMENT/);
    expect(
      await errorOf(verifyLoginResponse('x.y.z', options(store, { rpId: 'Hospital.example' }))),
    ).toBe('ERR_INVALID_ARGUMENT/LOGIN-01');
  });

  it('[LOGIN-09] the app refuses a challenge for another RP or expired by its clock', async () => {
    const other = createLoginChallenge({ rpId: 'pharmacy.example', time: LOGIN_NOW });
    expect(
      await errorOf(
        createLoginResponse(other, {
          signer: f.hospital.signer,
          certificateChain: f.hospital.chain,
          time: LOGIN_NOW,
        }),
      ),
    ).toBe('ERR_LOGIN/LOGIN-09');
    const ch = createLoginChallenge({ rpId: HOSPITAL, time: LOGIN_NOW });
    expect(
      await errorOf(
        createLoginResponse(ch, {
          signer: f.hospital.signer,
          certificateChain: f.hospital.chain,
          time: ch.exp + 1,
        }),
      ),
    ).toBe('ERR_LOGIN/LOGIN-09');
  });
});
