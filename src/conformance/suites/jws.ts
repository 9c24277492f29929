/**
 * The judge of the `jws` vector suite: how this library answers one case of `vectors/jws.json`,
 * decoding the case's inputs from the file alone. The generator of the file is in the repository,
 * `test/generators/jws.ts`, not in the package.
 * @module
 */
import { isJitsuinError } from '../../errors.js';
import { base64urlDecode } from '../../encoding/base64url.js';
import { hexEncode } from '../../encoding/hex.js';
import type { JsonObject } from '../../encoding/json-value.js';
import { sha256 } from '../../crypto/hash.js';
import { signJws } from '../../jws/sign.js';
import { verifyJws } from '../../jws/verify.js';
import type { CaseOutcome, VectorSuite } from '../types.js';

/** Runs a `jws-sign` case: signJws with a signer that returns the vector's `signerOutput`. */
export async function runSign(input: Readonly<Record<string, unknown>>): Promise<CaseOutcome> {
  try {
    const chain = input['certificateChain'];
    const out = input['signerOutput'];
    if (
      !Array.isArray(chain) ||
      !chain.every((c): c is string => typeof c === 'string') ||
      typeof out !== 'string'
    ) {
      return {
        result: 'invalid',
        error: 'ERR_VECTOR',
        reason: 'jws-sign input needs certificateChain: string[] and signerOutput: string',
      };
    }
    const signerOutput = base64urlDecode(out);
    const token = await signJws({
      typ: input['typ'] as string,
      payload: input['payload'] as JsonObject,
      certificateChain: chain.map((c) => base64urlDecode(c)),
      signer: () => Promise.resolve(signerOutput.slice()),
    });
    return { result: 'valid', output: { token } };
  } catch (e) {
    if (isJitsuinError(e)) return { result: 'invalid', error: e.code };
    return {
      result: 'invalid',
      error: 'ERR_INTERNAL',
      reason: e instanceof Error ? e.message : String(e),
    };
  }
}

export async function runVerify(token: unknown, expectedTyp: unknown): Promise<CaseOutcome> {
  try {
    const v = await verifyJws(token as string, {
      typ: expectedTyp as string,
      allowUnvalidatedChain: true,
    });
    return {
      result: 'valid',
      output: {
        header: v.header,
        payload: v.payload,
        leafSha256Hex: hexEncode(sha256(v.certificateChain[0] as Uint8Array)),
      },
    };
  } catch (e) {
    if (isJitsuinError(e)) return { result: 'invalid', error: e.code };
    return {
      result: 'invalid',
      error: 'ERR_INTERNAL',
      reason: e instanceof Error ? e.message : String(e),
    };
  }
}

/**
 * The `jws` suite. Operation `jws-verify`: input `{ token, expectedTyp }`; verify with the profile's
 * default limits and without chain validation (spec/jws.md §7.3); output for a valid token
 * `{ header, payload, leafSha256Hex }`. Operation `jws-sign`: input `{ typ, payload,
 * certificateChain, signerOutput }`; produce a token whose signer returns `signerOutput`; output
 * `{ token }`.
 */
export const jwsSuite: VectorSuite = {
  name: 'jws',
  run(type, input) {
    if (type === 'jws-verify') return runVerify(input['token'], input['expectedTyp']);
    if (type === 'jws-sign') return runSign(input);
    return Promise.resolve({
      result: 'skipped',
      reason: `unknown operation type ${JSON.stringify(type)}`,
    });
  },
};
