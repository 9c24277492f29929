/**
 * The judge of the `revocation` vector suite: how this library answers one case of `vectors/revocation.json`,
 * decoding the case's inputs from the file alone. The generator of the file is in the repository,
 * `test/generators/revocation.ts`, not in the package.
 * @module
 */
import { JitsuinError, isJitsuinError } from '../../errors.js';
import { base64urlDecode } from '../../encoding/base64url.js';
import { parseCertificate } from '../../x509/certificate.js';
import { checkRevocation, type RevocationOptions } from '../../x509/revocation/check.js';
import type { CaseOutcome, VectorSuite } from '../types.js';

function bytesOf(input: Readonly<Record<string, unknown>>, key: string): Uint8Array {
  const v = input[key];
  if (typeof v !== 'string')
    throw new JitsuinError('ERR_VECTOR', `input.${key} must be a base64url string`);
  return base64urlDecode(v);
}

function listOf(input: Readonly<Record<string, unknown>>, key: string): Uint8Array[] | undefined {
  const v = input[key];
  if (v === undefined) return undefined;
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string'))
    throw new JitsuinError('ERR_VECTOR', `input.${key} must be an array of base64url strings`);
  return v.map((x: string) => base64urlDecode(x));
}

async function run(type: string, input: Readonly<Record<string, unknown>>): Promise<CaseOutcome> {
  if (type !== 'revocation-check')
    return { result: 'skipped', reason: `unknown test group type ${type}` };
  try {
    const time = input['time'];
    if (typeof time !== 'number')
      throw new JitsuinError('ERR_VECTOR', 'input.time must be a number');
    const options: Record<string, unknown> = { mode: input['mode'] };
    const crls = listOf(input, 'crls');
    const ocsp = listOf(input, 'ocspResponses');
    if (crls) options['crls'] = crls;
    if (ocsp) options['ocspResponses'] = ocsp;
    for (const k of ['ocspMaxAge', 'crlGracePeriod'])
      if (input[k] !== undefined) options[k] = input[k];
    const result = await checkRevocation({
      certificate: parseCertificate(bytesOf(input, 'certificate')),
      issuer: parseCertificate(bytesOf(input, 'issuer')),
      path: (listOf(input, 'path') ?? []).map(parseCertificate),
      extraCertificates: (listOf(input, 'extraCertificates') ?? []).map(parseCertificate),
      time,
      options: options as RevocationOptions,
    });
    return { result: 'valid', output: { ...result } };
  } catch (e) {
    if (isJitsuinError(e)) return { result: 'invalid', error: e.code };
    return { result: 'invalid', error: 'ERR_INTERNAL' };
  }
}

/** The `revocation` vector suite (x509 area, revocation part). */
export const revocationSuite: VectorSuite = { name: 'revocation', run };
