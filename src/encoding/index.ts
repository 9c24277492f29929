/**
 * jitsuin/encoding
 * @module
 */
export {};
