/**
 * jitsuin/crypto
 * @module
 */
export {};
