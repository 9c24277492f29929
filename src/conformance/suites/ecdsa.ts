/**
 * The judge of the `ecdsa` vector suite: how this library answers one case of `vectors/ecdsa.json`,
 * decoding the case's inputs from the file alone. The generator of the file is in the repository,
 * `test/generators/ecdsa.ts`, not in the package.
 * @module
 */
import { JitsuinError } from '../../errors.js';
import { base64urlDecode, base64urlEncode } from '../../encoding/base64url.js';
import { type CurveName } from '../../crypto/internal/curves.js';
import { derToRawSignature, rawToDerSignature } from '../../crypto/ecdsa-signature.js';
import { verifyEcdsa } from '../../crypto/ecdsa.js';
import { importSpki } from '../../crypto/keys.js';
import { verifyRsaPkcs1v15 } from '../../crypto/rsa.js';
import { type HashName } from '../../crypto/hash.js';
import type { CaseOutcome, VectorSuite } from '../types.js';

const b64 = base64urlEncode;

function str(input: Readonly<Record<string, unknown>>, name: string): string {
  const v = input[name];
  if (typeof v !== 'string')
    throw new JitsuinError('ERR_VECTOR', `input member ${name} must be a string`);
  return v;
}
const bytes = (input: Readonly<Record<string, unknown>>, name: string): Uint8Array =>
  base64urlDecode(str(input, name), name);
const curveOf = (input: Readonly<Record<string, unknown>>): CurveName =>
  str(input, 'curve') as CurveName;

async function run(type: string, input: Readonly<Record<string, unknown>>): Promise<CaseOutcome> {
  try {
    switch (type) {
      case 'ecdsa-der-to-raw':
        return {
          result: 'valid',
          output: { raw: b64(derToRawSignature(bytes(input, 'der'), curveOf(input))) },
        };
      case 'ecdsa-raw-to-der':
        return {
          result: 'valid',
          output: { der: b64(rawToDerSignature(bytes(input, 'raw'), curveOf(input))) },
        };
      case 'ecdsa-verify': {
        const key = importSpki(bytes(input, 'publicKey'));
        if (key.kind !== 'ec') return { result: 'invalid', error: 'ERR_INVALID_KEY' };
        const format = str(input, 'format');
        if (format !== 'der' && format !== 'raw')
          throw new JitsuinError('ERR_VECTOR', `format ${format} is not der or raw`);
        await verifyEcdsa(key, bytes(input, 'message'), bytes(input, 'signature'), {
          format,
          hash: str(input, 'hash') as HashName,
        });
        return { result: 'valid' };
      }
      case 'spki-import': {
        const key = importSpki(bytes(input, 'spki'));
        return {
          result: 'valid',
          output:
            key.kind === 'ec' ? { kind: 'ec', curve: key.curve } : { kind: 'rsa', bits: key.bits },
        };
      }
      case 'rsa-pkcs1-verify': {
        const key = importSpki(bytes(input, 'publicKey'));
        if (key.kind !== 'rsa') return { result: 'invalid', error: 'ERR_INVALID_KEY' };
        await verifyRsaPkcs1v15(
          key,
          bytes(input, 'message'),
          bytes(input, 'signature'),
          str(input, 'hash') as HashName,
        );
        return { result: 'valid' };
      }
      default:
        return { result: 'skipped', reason: `unknown test group type ${type}` };
    }
  } catch (e) {
    if (e instanceof JitsuinError) return { result: 'invalid', error: e.code };
    return { result: 'invalid', error: 'ERR_INTERNAL' };
  }
}

/** The `ecdsa` vector suite (crypto area). */
export const ecdsaSuite: VectorSuite = { name: 'ecdsa', run };
