/**
 * The judge of the `signature` vector suite: how this library answers one case of `vectors/signature.json`,
 * decoding the case's inputs from the file alone. The generator of the file is in the repository,
 * `test/generators/signature.ts`, not in the package.
 * @module
 */
import { isJitsuinError, JitsuinError } from '../../errors.js';
import { base64urlDecode } from '../../encoding/base64url.js';
import { verifyCades, type VerifyCadesOptions } from '../../signature/verify.js';
import type { CaseOutcome, VectorSuite } from '../types.js';

/** The output a valid case pins. */
export function signatureOutput(
  r: Awaited<ReturnType<typeof verifyCades>>,
): Record<string, unknown> {
  return {
    level: r.level,
    signerKind: r.signerKind,
    name: r.identity.name,
    ...(r.identity.commonCodeText === undefined ? {} : { commonCode: r.identity.commonCodeText }),
    signingTime: r.signingTime,
    ...(r.timestampTime === undefined ? {} : { timestampTime: r.timestampTime }),
    validatedAt: r.validatedAt,
    revocation: r.revocation.map((x) => x.status),
  };
}

function bytesOf(input: Readonly<Record<string, unknown>>, key: string): Uint8Array | undefined {
  const v = input[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string')
    throw new JitsuinError('ERR_VECTOR', `input.${key} must be a base64url string`);
  return base64urlDecode(v);
}

function listOf(v: unknown, key: string): Uint8Array[] {
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string'))
    throw new JitsuinError('ERR_VECTOR', `input.${key} must be an array of base64url strings`);
  return v.map((x: string) => base64urlDecode(x));
}

/** The verifyCades options of a case: `revocation` null means no revocation option (fail closed). */
export function optionsOf(input: Readonly<Record<string, unknown>>): VerifyCadesOptions {
  const time = input['time'];
  if (typeof time !== 'number') throw new JitsuinError('ERR_VECTOR', 'input.time must be a number');
  const content = bytesOf(input, 'content');
  const dig = bytesOf(input, 'digest');
  const rev = input['revocation'];
  let revocation: VerifyCadesOptions['revocation'];
  if (rev !== null && rev !== undefined) {
    if (typeof rev !== 'object')
      throw new JitsuinError('ERR_VECTOR', 'input.revocation must be an object or null');
    revocation = {
      crls: listOf((rev as Record<string, unknown>)['crls'] ?? [], 'revocation.crls'),
    };
  }
  return {
    trustAnchors: listOf(input['trustAnchors'], 'trustAnchors'),
    time,
    ...(content === undefined ? {} : { content }),
    ...(dig === undefined ? {} : { digest: dig }),
    ...(revocation === undefined ? {} : { revocation }),
    ...(input['requireTimestamp'] === true ? { requireTimestamp: true } : {}),
  };
}

async function run(type: string, input: Readonly<Record<string, unknown>>): Promise<CaseOutcome> {
  if (type !== 'cades-verify')
    return { result: 'skipped', reason: `unknown test group type ${type}` };
  try {
    const sig = bytesOf(input, 'signature');
    if (sig === undefined) throw new JitsuinError('ERR_VECTOR', 'input.signature is required');
    const r = await verifyCades(sig, optionsOf(input));
    return { result: 'valid', output: signatureOutput(r) };
  } catch (e) {
    if (isJitsuinError(e)) return { result: 'invalid', error: e.code };
    return {
      result: 'invalid',
      error: 'ERR_INTERNAL',
      reason: e instanceof Error ? e.message : String(e),
    };
  }
}

/** The `signature` vector suite. */
export const signatureSuite: VectorSuite = { name: 'signature', run };
