/**
 * The judge of the `jpki` vector suite: how this library answers one case of `vectors/jpki.json`,
 * decoding the case's inputs from the file alone. The generator of the file is in the repository,
 * `test/generators/jpki.ts`, not in the package.
 * @module
 */
import { isJitsuinError, JitsuinError } from '../../errors.js';
import { base64urlDecode } from '../../encoding/base64url.js';
import { readJpkiCertificate, type JpkiCertificate } from '../../jpki/read.js';
import { verifyJpkiSignature } from '../../jpki/signature.js';
import { validateJpkiCertificate } from '../../jpki/validate.js';
import { jpkiRevocationDetails } from '../../jpki/validate.js';
import type { CaseOutcome, VectorSuite } from '../types.js';

/** The output of a `jpki-read` case: the typed fields in JSON form (flags as 0/1 strings). */
export function jpkiReadOutput(j: JpkiCertificate): Record<string, unknown> {
  const p = j.personal;
  return {
    kind: j.kind,
    test: j.test,
    serialNumber: j.serialNumber,
    policies: [...j.policies],
    ...(p === undefined
      ? {}
      : {
          personal: {
            name: p.name,
            nameSubstituted: p.nameSubstituted.map((f) => (f ? '1' : '0')).join(''),
            sex: p.sex,
            dateOfBirth: {
              era: p.dateOfBirth.era,
              eraDigit: p.dateOfBirth.eraDigit,
              year: p.dateOfBirth.year,
              month: p.dateOfBirth.month,
              day: p.dateOfBirth.day,
              eraConsistent: p.dateOfBirth.eraConsistent,
            },
            address: p.address,
            addressSubstituted: p.addressSubstituted.map((f) => (f ? '1' : '0')).join(''),
          },
        }),
  };
}
function bytesOf(input: Readonly<Record<string, unknown>>, key: string): Uint8Array {
  const v = input[key];
  if (typeof v !== 'string')
    throw new JitsuinError('ERR_VECTOR', `input.${key} must be a base64url string`);
  return base64urlDecode(v);
}

function listOf(input: Readonly<Record<string, unknown>>, key: string): Uint8Array[] {
  const v = input[key];
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string'))
    throw new JitsuinError('ERR_VECTOR', `input.${key} must be an array of base64url strings`);
  return v.map((x: string) => base64urlDecode(x));
}

async function runCase(type: string, input: Readonly<Record<string, unknown>>): Promise<unknown> {
  switch (type) {
    case 'jpki-read':
      return jpkiReadOutput(readJpkiCertificate(bytesOf(input, 'certificate')));
    case 'jpki-signature': {
      const kind = input['kind'];
      await verifyJpkiSignature(
        bytesOf(input, 'certificate'),
        bytesOf(input, 'message'),
        bytesOf(input, 'signature'),
        kind === 'sign' || kind === 'auth' ? { kind } : {},
      );
      return undefined;
    }
    case 'jpki-validate': {
      const time = input['time'];
      if (typeof time !== 'number')
        throw new JitsuinError('ERR_VECTOR', 'input.time must be a number');
      const mode = input['mode'];
      const v = await validateJpkiCertificate(bytesOf(input, 'certificate'), {
        trustAnchors: listOf(input, 'trustAnchors'),
        time,
        crls: listOf(input, 'crls'),
        ...(mode === 'require' || mode === 'prefer' || mode === 'off' ? { mode } : {}),
        allowTest: input['allowTest'] === true,
      });
      return {
        kind: v.jpki.kind,
        serialNumber: v.jpki.serialNumber,
        anchorSha256: v.anchorSha256,
        revocation: v.revocation.status,
      };
    }
    case 'jpki-revocation-reason': {
      const time = input['time'];
      if (typeof time !== 'number')
        throw new JitsuinError('ERR_VECTOR', 'input.time must be a number');
      const d = await jpkiRevocationDetails(
        bytesOf(input, 'certificate'),
        bytesOf(input, 'issuer'),
        listOf(input, 'crls'),
        time,
      );
      return d === undefined
        ? { listed: false }
        : { listed: true, reason: d.reason, revocationDate: d.revocationDate, effect: d.effect };
    }
    default:
      throw new TypeError(`unknown test group type ${type}`);
  }
}

async function run(type: string, input: Readonly<Record<string, unknown>>): Promise<CaseOutcome> {
  if (!['jpki-read', 'jpki-signature', 'jpki-validate', 'jpki-revocation-reason'].includes(type))
    return { result: 'skipped', reason: `unknown test group type ${type}` };
  try {
    const output = await runCase(type, input);
    return output === undefined ? { result: 'valid' } : { result: 'valid', output };
  } catch (e) {
    if (isJitsuinError(e)) return { result: 'invalid', error: e.code };
    return { result: 'invalid', error: 'ERR_INTERNAL' };
  }
}

/** The `jpki` vector suite. */
export const jpkiSuite: VectorSuite = { name: 'jpki', run };
