/**
 * Backend selection: WebCrypto (`globalThis.crypto.subtle`) when present, noble/BigInt otherwise
 * (React Native / Hermes has no `subtle`). Both give the same answers ([CRY-16]).
 * @module
 */
import { fail } from '../internal/fail.js';

/** The two signature-verification backends. */
export type CryptoBackendName = 'webcrypto' | 'noble';

let selected: CryptoBackendName | 'auto' = 'auto';

/** The platform SubtleCrypto, or undefined when the runtime has none. @internal */
export function platformSubtle(): SubtleCrypto | undefined {
  const c = (globalThis as { crypto?: { subtle?: SubtleCrypto } }).crypto;
  return c?.subtle ?? undefined;
}

/**
 * Selects the backend used by every verification: `'auto'` (the default) picks WebCrypto when the
 * runtime has it and noble otherwise. Selecting `'webcrypto'` where it is missing fails with
 * ERR_BACKEND_UNAVAILABLE. Hashing, signing and key derivation always use noble (they are
 * synchronous and deterministic).
 */
export function setCryptoBackend(name: CryptoBackendName | 'auto'): void {
  if (name !== 'auto' && name !== 'webcrypto' && name !== 'noble')
    fail('ERR_INVALID_ARGUMENT', `unknown crypto backend ${JSON.stringify(name)}`);
  if (name === 'webcrypto' && platformSubtle() === undefined)
    fail('ERR_BACKEND_UNAVAILABLE', 'WebCrypto (crypto.subtle) is not available in this runtime');
  selected = name;
}

/** The backend verifications use now (never `'auto'`: the resolved choice). */
export function getCryptoBackend(): CryptoBackendName {
  if (selected !== 'auto') return selected;
  return platformSubtle() === undefined ? 'noble' : 'webcrypto';
}

/** Resolves a backend name to use for one call, failing if WebCrypto is asked for but missing. @internal */
export function resolveBackend(name?: CryptoBackendName): CryptoBackendName {
  const backend = name ?? getCryptoBackend();
  if (backend === 'webcrypto' && platformSubtle() === undefined)
    fail('ERR_BACKEND_UNAVAILABLE', 'WebCrypto (crypto.subtle) is not available in this runtime');
  return backend;
}
