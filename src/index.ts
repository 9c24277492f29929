/**
 * jitsuin — open protocol and reference library for hardware-key authentication anchored on
 * Japan's My Number Card. This barrel re-exports the public API of every area; each area is also
 * available as a subpath export (`jitsuin/encoding`, `jitsuin/crypto`, ...).
 *
 * @module
 */
export { JitsuinError, isJitsuinError, ERROR_CODES, type ErrorCode, type JitsuinErrorOptions } from './errors.js';
export * from './encoding/index.js';
export * from './crypto/index.js';
export * from './x509/index.js';
export * from './jws/index.js';
export * from './login/index.js';
export * from './qr/index.js';
export * from './jpki/index.js';
export * from './enrollment/index.js';
export * from './ledger/index.js';
export * from './consent/index.js';
