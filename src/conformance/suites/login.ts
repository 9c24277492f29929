/**
 * The judge of the `login` vector suite: how this library answers one case of `vectors/login.json`,
 * decoding the case's inputs from the file alone. The generator of the file is in the repository,
 * `test/generators/login.ts`, not in the package.
 * @module
 */
import { isJitsuinError } from '../../errors.js';
import { base64urlDecode } from '../../encoding/base64url.js';
import { canonicalizeToBytes } from '../../encoding/canonicalize.js';
import { hexEncode } from '../../encoding/hex.js';
import type { JsonObject, JsonValue } from '../../encoding/json-value.js';
import { signEcdsa } from '../../crypto/ecdsa.js';
import type { JwsSigner } from '../../jws/types.js';
import type { RevocationOptions } from '../../x509/revocation/index.js';
import { decodeLoginChallenge, loginChallengeToJson } from '../../login/challenge.js';
import { MemoryChallengeStore } from '../../login/challenge-store.js';
import { createLoginResponse } from '../../login/response.js';
import { verifyLoginResponse, type LoginResult } from '../../login/verify.js';
import type { CaseOutcome, VectorSuite } from '../types.js';

/** Reference time of the login and qr vectors (2026-03-01T09:00:00Z): the clock of the stores a case runs against. */
export const LOGIN_NOW = 1_772_355_600;

function decodeList(value: unknown, what: string): Uint8Array[] {
  if (!Array.isArray(value)) throw new TypeError(`${what} must be an array`);
  return value.map((v) => base64urlDecode(v as string, what));
}

function revocationOf(input: Readonly<Record<string, unknown>>): RevocationOptions {
  return {
    crls: decodeList(input['crls'] ?? [], 'crls'),
    mode: (input['revocationMode'] ?? 'require') as 'require' | 'prefer' | 'off',
  };
}

/** The output of a valid login case, as the vectors pin it. @internal */
export function loginOutput(r: LoginResult): JsonObject {
  return {
    commonCodeHex: hexEncode(r.commonCode),
    keyProtection: r.keyProtection,
    appBinding: { rpId: r.appBinding.rpId, appId: r.appBinding.appId },
    challenge: r.challenge.challenge,
    iat: r.iat,
  };
}

function errorOutcome(e: unknown): CaseOutcome {
  if (isJitsuinError(e)) return { result: 'invalid', error: e.code };
  return {
    result: 'invalid',
    error: 'ERR_INTERNAL',
    reason: e instanceof Error ? e.message : String(e),
  };
}

export async function runLoginSteps(
  input: Readonly<Record<string, unknown>>,
): Promise<CaseOutcome> {
  let options;
  try {
    options = {
      rpId: input['rpId'] as string,
      trustAnchors: decodeList(input['trustAnchors'], 'trustAnchors'),
      intermediates: decodeList(input['intermediates'] ?? [], 'intermediates'),
      revocation: revocationOf(input),
      clockTolerance: input['clockTolerance'] as number,
      challengeStore: new MemoryChallengeStore({ now: () => LOGIN_NOW }),
    };
  } catch (e) {
    return {
      result: 'invalid',
      error: 'ERR_VECTOR',
      reason: e instanceof Error ? e.message : String(e),
    };
  }
  const steps = input['steps'];
  if (!Array.isArray(steps) || steps.length === 0)
    return { result: 'invalid', error: 'ERR_VECTOR', reason: 'steps must be a non-empty array' };
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i] as Record<string, unknown>;
    const last = i === steps.length - 1;
    let outcome: CaseOutcome;
    try {
      if (step['op'] === 'issue') {
        const record = decodeLoginChallenge(
          new TextDecoder().decode(canonicalizeToBytes(step['challenge'] as JsonValue)),
        );
        await options.challengeStore.put(record);
        outcome = { result: 'valid' };
      } else if (step['op'] === 'verify') {
        const sb = step['sessionBinding'];
        const r = await verifyLoginResponse(step['token'] as string, {
          ...options,
          time: step['time'] as number,
          ...(typeof sb === 'string' ? { sessionBinding: sb } : {}),
        });
        outcome = { result: 'valid', output: loginOutput(r) };
      } else {
        return {
          result: 'invalid',
          error: 'ERR_VECTOR',
          reason: `step ${i}: unknown op ${JSON.stringify(step['op'])}`,
        };
      }
    } catch (e) {
      outcome = errorOutcome(e);
    }
    if (last) return outcome;
    const expected = step['expect'];
    const got = outcome.result === 'valid' ? undefined : outcome.error;
    if (got !== expected)
      return {
        result: 'invalid',
        error: 'ERR_VECTOR',
        reason: `step ${i}: expected ${String(expected ?? 'success')}, got ${String(got ?? 'success')}`,
      };
  }
  return { result: 'invalid', error: 'ERR_VECTOR', reason: 'no steps' };
}

export async function runDecodeChallenge(
  input: Readonly<Record<string, unknown>>,
): Promise<CaseOutcome> {
  try {
    return {
      result: 'valid',
      output: loginChallengeToJson(decodeLoginChallenge(input['challenge'])),
    };
  } catch (e) {
    return errorOutcome(e);
  }
}

export async function runCreateResponse(
  input: Readonly<Record<string, unknown>>,
): Promise<CaseOutcome> {
  try {
    const key = base64urlDecode(input['privateKey'] as string, 'privateKey');
    const signer: JwsSigner = (bytes) => Promise.resolve(signEcdsa(key, bytes));
    const token = await createLoginResponse(input['challenge'] as string, {
      signer,
      certificateChain: decodeList(input['certificateChain'], 'certificateChain'),
      time: input['time'] as number,
    });
    return { result: 'valid', output: { token } };
  } catch (e) {
    return errorOutcome(e);
  }
}

/**
 * The `login` suite. Operations: `verifyLoginResponse` (input `steps`: `issue` a challenge into a
 * fresh store, `verify` a token at a time, optionally in a session; a non-final step names its
 * expected error in `expect` or must succeed; the result is the last step's), `decodeLoginChallenge`
 * (input `challenge` text) and `createLoginResponse` (the app side, with the group's test key).
 */
export const loginSuite: VectorSuite = {
  name: 'login',
  run(type, input) {
    if (type === 'verifyLoginResponse') return runLoginSteps(input);
    if (type === 'decodeLoginChallenge') return runDecodeChallenge(input);
    if (type === 'createLoginResponse') return runCreateResponse(input);
    return Promise.resolve({
      result: 'skipped',
      reason: `unknown operation type ${JSON.stringify(type)}`,
    });
  },
};
