/**
 * Loads the noble backend's module (`noble.ts`: @noble/curves ECDSA, the RSA arithmetic and the
 * SHA-384/512 they hash with) on the first verification through that backend, so an application
 * on the WebCrypto backend neither ships nor parses it unless its bundler inlines dynamic imports.
 * @module
 */
import { fail } from '../../internal/fail.js';

type NobleModule = typeof import('./noble.js');
let nobleModule: Promise<NobleModule> | undefined;

/** The noble module, imported once; a failure to load is ERR_BACKEND_UNAVAILABLE (and retried on the next call). */
export function loadNoble(): Promise<NobleModule> {
  nobleModule ??= import('./noble.js').catch((e: unknown) => {
    nobleModule = undefined;
    return fail(
      'ERR_BACKEND_UNAVAILABLE',
      'the noble backend (@noble/curves) could not be loaded',
      'CRY-16',
      e,
    );
  });
  return nobleModule;
}
