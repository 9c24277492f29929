/**
 * Verification of certificate signatures under an issuer's SubjectPublicKeyInfo, for the
 * algorithms spec/certificates.md admits (ECDSA P-256/P-384 with SHA-2, RSASSA-PKCS1-v1_5 with
 * SHA-2). Results are memoised by (issuer key, certificate) so a path is never re-verified.
 * @module
 */
import { verifyEcdsa } from '../crypto/ecdsa-verify.js';
import type { HashName } from '../crypto/hash.js';
import { importSpki } from '../crypto/keys.js';
import { verifyRsaPkcs1v15 } from '../crypto/rsa.js';
import { isJitsuinError, type ErrorCode } from '../errors.js';
import { fail } from '../internal/fail.js';
import { bytesKey } from '../encoding/bytes.js';
import type { AlgorithmIdentifier, Certificate } from './certificate.js';
import { PKIX_OID } from './oids.js';

const ECDSA_HASH: Readonly<Record<string, HashName>> = {
  [PKIX_OID.ecdsaWithSha256]: 'SHA-256',
  [PKIX_OID.ecdsaWithSha384]: 'SHA-384',
  [PKIX_OID.ecdsaWithSha512]: 'SHA-512',
};
const RSA_HASH: Readonly<Record<string, HashName>> = {
  [PKIX_OID.sha256WithRsa]: 'SHA-256',
  [PKIX_OID.sha384WithRsa]: 'SHA-384',
  [PKIX_OID.sha512WithRsa]: 'SHA-512',
};

/** Why a signature did not verify: the error code and a message. @internal */
export interface SignatureFailure {
  readonly code: ErrorCode;
  readonly message: string;
}

/** Options for signature checks. @internal */
export interface SignatureCheckOptions {
  /** Smallest RSA modulus in bits (default 2048, the profile's floor). */
  readonly minRsaBits?: number;
}

const MEMO_LIMIT = 2048;
const memo = new Map<string, SignatureFailure | null>();

/**
 * Verifies `signature` over `message` with algorithm `alg` under `spki`. Resolves to undefined on
 * success, or a {@link SignatureFailure}; never throws for bad input. @internal
 */
export async function verifySigned(
  message: Uint8Array,
  alg: AlgorithmIdentifier,
  signature: Uint8Array,
  spki: Uint8Array,
  options: SignatureCheckOptions = {},
): Promise<SignatureFailure | undefined> {
  try {
    const ecHash = ECDSA_HASH[alg.oid];
    const rsaHash = RSA_HASH[alg.oid];
    if (ecHash === undefined && rsaHash === undefined)
      fail(
        'ERR_UNSUPPORTED_ALGORITHM',
        `signature algorithm ${alg.oid} is not supported by the profile`,
      );
    const key = importSpki(
      spki,
      options.minRsaBits === undefined ? {} : { minRsaBits: options.minRsaBits },
    );
    if (ecHash !== undefined) {
      // RFC 5758 §3.2: the ECDSA AlgorithmIdentifier has no parameters.
      if (alg.parameters !== undefined)
        fail('ERR_UNSUPPORTED_ALGORITHM', 'ECDSA AlgorithmIdentifier carries parameters');
      if (key.kind !== 'ec')
        fail('ERR_PATH_SIGNATURE', 'ECDSA signature but the issuer key is not EC');
      await verifyEcdsa(key, message, signature, { format: 'der', hash: ecHash });
    } else {
      const p = alg.parameters;
      // RFC 4055 §5: parameters NULL; implementations accept them absent too.
      if (p !== undefined && !(p.length === 2 && p[0] === 0x05 && p[1] === 0x00))
        fail('ERR_UNSUPPORTED_ALGORITHM', 'RSA AlgorithmIdentifier parameters are not NULL');
      if (key.kind !== 'rsa')
        fail('ERR_PATH_SIGNATURE', 'RSA signature but the issuer key is not RSA');
      await verifyRsaPkcs1v15(
        key,
        message,
        signature,
        rsaHash,
        options.minRsaBits === undefined ? {} : { minRsaBits: options.minRsaBits },
      );
    }
    return undefined;
  } catch (e) {
    if (isJitsuinError(e)) {
      const code: ErrorCode =
        e.code === 'ERR_SIGNATURE_INVALID' || e.code === 'ERR_INVALID_SIGNATURE_ENCODING'
          ? 'ERR_PATH_SIGNATURE'
          : e.code;
      return { code, message: e.message };
    }
    return { code: 'ERR_PATH_SIGNATURE', message: e instanceof Error ? e.message : String(e) };
  }
}

/** Verifies `cert`'s signature under `issuer`'s key (memoised by both DERs). @internal */
export async function verifyCertificateSignature(
  cert: Certificate,
  issuer: Certificate,
  options: SignatureCheckOptions = {},
): Promise<SignatureFailure | undefined> {
  // Exact bytes of both (the SPKI length first, so the boundary between the two is unambiguous).
  const key = `${options.minRsaBits ?? ''}|${issuer.subjectPublicKeyInfo.length}|${bytesKey(issuer.subjectPublicKeyInfo)}${bytesKey(cert.der)}`;
  const hit = memo.get(key);
  if (hit !== undefined) return hit ?? undefined;
  const result = await verifySigned(
    cert.tbs,
    cert.signatureAlgorithm,
    cert.signature,
    issuer.subjectPublicKeyInfo,
    options,
  );
  if (memo.size >= MEMO_LIMIT) {
    const oldest = memo.keys().next().value;
    if (oldest !== undefined) memo.delete(oldest);
  }
  memo.set(key, result ?? null);
  return result;
}

/** Empties the signature-verification memo. @internal */
export function clearSignatureMemo(): void {
  memo.clear();
}
