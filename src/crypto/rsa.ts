/**
 * RSASSA-PKCS1-v1_5 verification (RFC 8017 §8.2.2) by re-encoding: the expected EM is built
 * from the message and compared whole with s^e mod n; the padding is never parsed ([CRY-11]).
 * @module
 */
import { JitsuinError } from '../errors.js';
import { fail } from '../internal/fail.js';
import { resolveBackend, type CryptoBackendName } from './backend.js';
import { bytesToBigInt } from './internal/bigint.js';
import { loadNoble } from './internal/noble-loader.js';
import { assertHashName, type HashName } from './hash.js';
import { assertRsaKeySize, rsaPublicKeyFromComponents, type RsaPublicKey } from './keys.js';
import { cryptoKeyFor, subtle } from './internal/webcrypto.js';

/** Options of {@link verifyRsaPkcs1v15}. */
export interface VerifyRsaOptions {
  /** Smallest modulus accepted in bits (default 2048; 1024..2048), for external suites only. */
  readonly minRsaBits?: number;
}

/** Verifies with an explicit backend (the selected one when omitted). @internal */
export async function verifyRsaPkcs1v15With(
  backend: CryptoBackendName | undefined,
  key: RsaPublicKey,
  message: Uint8Array,
  signature: Uint8Array,
  hash: HashName = 'SHA-256',
  options: VerifyRsaOptions = {},
): Promise<void> {
  if (key?.kind !== 'rsa')
    fail('ERR_INVALID_KEY', 'verifyRsaPkcs1v15: key is not an RSA public key');
  // Re-check the key: RsaPublicKey is a plain interface and may not come from importSpki.
  const checked = rsaPublicKeyFromComponents(key.n, key.e);
  if (checked.bits !== key.bits || checked.byteLength !== key.byteLength)
    fail('ERR_INVALID_KEY', 'verifyRsaPkcs1v15: inconsistent key object');
  assertRsaKeySize(checked, options.minRsaBits);
  assertHashName(hash);
  if (!(message instanceof Uint8Array))
    fail('ERR_INVALID_ARGUMENT', 'verifyRsaPkcs1v15: message must be a Uint8Array');
  if (!(signature instanceof Uint8Array) || signature.length !== key.byteLength) {
    fail(
      'ERR_INVALID_SIGNATURE_ENCODING',
      `RSA signature must be exactly ${key.byteLength} bytes (the modulus length), got ${signature instanceof Uint8Array ? signature.length : typeof signature}`,
      'CRY-12',
    );
  }
  const s = bytesToBigInt(signature);
  if (s >= key.n)
    fail(
      'ERR_SIGNATURE_INVALID',
      'RSA signature representative is not below the modulus',
      'CRY-13',
    );

  const which = resolveBackend(backend);
  let ok: boolean;
  if (which === 'noble') {
    // In the module the noble backend loads on first use, with the hashes only it needs.
    ok = (await loadNoble()).nobleRsaVerify(key, s, message, hash);
  } else {
    try {
      const cryptoKey = await cryptoKeyFor(key, hash);
      ok = await subtle().verify(
        { name: 'RSASSA-PKCS1-v1_5' },
        cryptoKey,
        signature as Uint8Array<ArrayBuffer>,
        message as Uint8Array<ArrayBuffer>,
      );
    } catch (e) {
      if (e instanceof JitsuinError) throw e;
      return fail(
        'ERR_SIGNATURE_INVALID',
        `RSA PKCS#1 v1.5 ${hash} signature does not verify (backend raised an error)`,
        'CRY-11',
        e,
      );
    }
  }
  if (!ok)
    fail('ERR_SIGNATURE_INVALID', `RSA PKCS#1 v1.5 ${hash} signature does not verify`, 'CRY-11');
}

/**
 * Verifies an RSASSA-PKCS1-v1_5 signature over `message` with SHA-256 (default), SHA-384 or
 * SHA-512. The signature must be exactly as long as the modulus (ERR_INVALID_SIGNATURE_ENCODING)
 * and below it; the expected encoded message is rebuilt and compared whole in constant time, so
 * no padding or DigestInfo parser is exposed to the signature (ERR_SIGNATURE_INVALID). SHA-1 is
 * not accepted.
 */
export function verifyRsaPkcs1v15(
  key: RsaPublicKey,
  message: Uint8Array,
  signature: Uint8Array,
  hash: HashName = 'SHA-256',
  options: VerifyRsaOptions = {},
): Promise<void> {
  return verifyRsaPkcs1v15With(undefined, key, message, signature, hash, options);
}
