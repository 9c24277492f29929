/**
 * jitsuin/x509
 * @module
 */
export {};
