/**
 * jitsuin — open protocol and reference library for hardware-key authentication anchored on
 * Japan's My Number Card. This barrel re-exports the public API of every area; each area is also
 * available as a subpath export (`jitsuin/encoding`, `jitsuin/crypto`, ...), where each function is
 * documented; all of them share one module graph (one {@link JitsuinError} class, one crypto
 * backend setting). The normative text is [spec/](../spec/README.md).
 *
 * @example Verify a login (the relying party's side)
 * ```ts
 * import { isJitsuinError, pemDecode, pemDecodeAll, verifyLoginResponse } from 'jitsuin';
 *
 * const login = await verifyLoginResponse(responseFromApp, {
 *   rpId: 'hospital.example', challengeStore, time: Math.floor(Date.now() / 1000),
 *   trustAnchors: [pemDecode(caRootPem, 'CERTIFICATE')],
 *   revocation: { crls: pemDecodeAll(crlsPem, 'X509 CRL'), mode: 'require' },
 * });
 * login.commonCodeText; // the person's common code, the same at every relying party
 * ```
 * @module jitsuin
 */
export {
  JitsuinError,
  isJitsuinError,
  ERROR_CODES,
  type ErrorCode,
  type JitsuinErrorOptions,
} from './errors.js';
export * from './encoding/index.js';
export * from './crypto/index.js';
export * from './x509/index.js';
export * from './jws/index.js';
export * from './login/index.js';
export * from './qr/index.js';
export * from './jpki/index.js';
export * from './enrollment/index.js';
export * from './signature/index.js';
export * from './stores/index.js';
export * from './ledger/index.js';
export * from './consent/index.js';
