/**
 * ECDSA verification on P-256 / P-384 through either backend (high-S accepted). Kept apart from
 * signing (`ecdsa.ts`) so that a verifier's module graph never reaches @noble/curves statically:
 * the noble backend loads it on first use.
 * @module
 */
import { JitsuinError } from '../errors.js';
import { fail } from '../internal/fail.js';
import { resolveBackend, type CryptoBackendName } from './backend.js';
import { curveInfo } from './internal/curves.js';
import { assertHashName, type HashName } from './hash.js';
import { derToRawSignature, parseRawSignature } from './ecdsa-signature.js';
import { assertEcPublicKey, type EcPublicKey } from './keys.js';
import { cryptoKeyFor, subtle } from './internal/webcrypto.js';
import { loadNoble } from './internal/noble-loader.js';

/** Options of {@link verifyEcdsa}. */
export interface VerifyEcdsaOptions {
  /** How `signature` is encoded: strict DER ECDSA-Sig-Value, or raw r||s. */
  readonly format: 'der' | 'raw';
  /** Message hash; defaults to SHA-256 on P-256 and SHA-384 on P-384. */
  readonly hash?: HashName;
}

/** @internal */
export function checkMessage(message: unknown, fn: string): asserts message is Uint8Array {
  if (!(message instanceof Uint8Array))
    fail('ERR_INVALID_ARGUMENT', `${fn}: message must be a Uint8Array`);
}

/**
 * Verifies an ECDSA signature with the backend `backend` (the selected one when omitted).
 * @internal
 */
export async function verifyEcdsaWith(
  backend: CryptoBackendName | undefined,
  key: EcPublicKey,
  message: Uint8Array,
  signature: Uint8Array,
  options: VerifyEcdsaOptions,
): Promise<void> {
  assertEcPublicKey(key);
  const info = curveInfo(key.curve);
  checkMessage(message, 'verifyEcdsa');
  const hash = options?.hash ?? info.defaultHash;
  assertHashName(hash);
  let raw: Uint8Array;
  if (options?.format === 'der') raw = derToRawSignature(signature, info.name);
  else if (options?.format === 'raw') {
    parseRawSignature(signature, info.name);
    raw = signature;
  } else return fail('ERR_INVALID_ARGUMENT', `verifyEcdsa: format must be 'der' or 'raw'`);

  const which = resolveBackend(backend);
  // Loaded on first use, outside the try below (a failure to load is not a bad signature): the
  // WebCrypto backend never needs @noble/curves.
  const noble = which === 'noble' ? await loadNoble() : undefined;
  let ok: boolean;
  try {
    if (noble !== undefined) {
      // lowS:false accepts high-S ([CRY-08]); prehash:true hashes with `hash` itself.
      ok = noble
        .nobleEcdsa(info.name, hash)
        .verify(raw, message, key.point, { lowS: false, prehash: true, format: 'compact' });
    } else {
      const cryptoKey = await cryptoKeyFor(key, hash);
      ok = await subtle().verify(
        { name: 'ECDSA', hash },
        cryptoKey,
        raw as Uint8Array<ArrayBuffer>,
        message as Uint8Array<ArrayBuffer>,
      );
    }
  } catch (e) {
    if (e instanceof JitsuinError) throw e;
    return fail(
      'ERR_SIGNATURE_INVALID',
      `ECDSA ${info.name}/${hash} signature does not verify (backend ${which} raised an error)`,
      'CRY-09',
      e,
    );
  }
  if (!ok)
    fail('ERR_SIGNATURE_INVALID', `ECDSA ${info.name}/${hash} signature does not verify`, 'CRY-09');
}

/**
 * Verifies an ECDSA signature over `message` (the message, not its hash). Both S halves are
 * accepted ([CRY-08]). Throws ERR_INVALID_SIGNATURE_ENCODING when the encoding is not strict
 * (DER rules, raw length, r or s outside [1, n-1]) and ERR_SIGNATURE_INVALID when it does not
 * verify; resolves with nothing on success.
 */
export function verifyEcdsa(
  key: EcPublicKey,
  message: Uint8Array,
  signature: Uint8Array,
  options: VerifyEcdsaOptions,
): Promise<void> {
  return verifyEcdsaWith(undefined, key, message, signature, options);
}
