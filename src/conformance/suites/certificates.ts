/**
 * The judge of the `certificates` vector suite: how this library answers one case of `vectors/certificates.json`,
 * decoding the case's inputs from the file alone. The generator of the file is in the repository,
 * `test/generators/certificates.ts`, not in the package.
 * @module
 */
import { isJitsuinError } from '../../errors.js';
import { base64urlDecode } from '../../encoding/base64url.js';
import { hexDecode, hexEncode } from '../../encoding/hex.js';
import { formatCommonCode, parseCommonCode } from '../../x509/common-code.js';
import type { CertificateProfile } from '../../x509/profiles.js';
import type { RevocationOptions } from '../../x509/revocation/check.js';
import { validatePath, type ValidatePathOptions } from '../../x509/validate.js';
import type { CaseOutcome, VectorSuite } from '../types.js';

/** Runs validatePath on vector input and shapes the output. @internal */
export async function runValidatePath(
  input: Readonly<Record<string, unknown>>,
): Promise<CaseOutcome> {
  const bytes = (v: unknown): Uint8Array => base64urlDecode(String(v));
  const list = (v: unknown): Uint8Array[] => (Array.isArray(v) ? v.map(bytes) : []);
  const rev = input.revocation as
    { mode?: RevocationOptions['mode']; crls?: unknown } | null | undefined;
  const revocation: RevocationOptions | undefined =
    rev === null || rev === undefined
      ? undefined
      : {
          ...(rev.mode === undefined ? {} : { mode: rev.mode }),
          ...(rev.crls === undefined ? {} : { crls: list(rev.crls) }),
        };
  const pol = input.policy as ValidatePathOptions['policy'] | undefined;
  const options: ValidatePathOptions = {
    intermediates: list(input.intermediates),
    trustAnchors: list(input.trustAnchors),
    time: input.time as number,
    profile: (input.profile as CertificateProfile | undefined) ?? 'none',
    cache: false,
    ...(input.requiredEku === undefined ? {} : { requiredEku: String(input.requiredEku) }),
    ...(revocation === undefined ? {} : { revocation }),
    ...(pol === undefined ? {} : { policy: pol }),
    ...(input.issuanceChecks === false ? { issuanceChecks: false } : {}),
  };
  const r = await validatePath(bytes(input.leaf), options);
  return {
    result: 'valid',
    output: {
      pathLength: r.path.length,
      anchor: r.anchor.subject.text,
      subject: r.subjectName,
      ...(r.commonCode === undefined
        ? {}
        : { commonCodeHex: hexEncode(r.commonCode), commonCodeText: r.commonCodeText }),
      ...(r.appBinding === undefined ? {} : { appBinding: r.appBinding }),
      ...(r.keyProtection === undefined ? {} : { keyProtection: r.keyProtection }),
      policies: r.policies,
    },
  };
}

/** Extra type for parse-only groups ('commonCodeText'). */
async function runCommonCode(input: Readonly<Record<string, unknown>>): Promise<CaseOutcome> {
  if (typeof input.codeHex === 'string')
    return { result: 'valid', output: { text: formatCommonCode(hexDecode(input.codeHex)) } };
  return { result: 'valid', output: { codeHex: hexEncode(parseCommonCode(String(input.text))) } };
}

export const certificatesSuite: VectorSuite = {
  name: 'certificates',
  async run(type, input) {
    try {
      if (type === 'validatePath') return await runValidatePath(input);
      if (type === 'commonCodeText') return await runCommonCode(input);
      return { result: 'invalid', error: 'ERR_VECTOR' };
    } catch (e) {
      if (isJitsuinError(e)) return { result: 'invalid', error: e.code };
      return { result: 'invalid', error: 'ERR_INTERNAL' };
    }
  },
};
