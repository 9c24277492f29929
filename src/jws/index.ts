/**
 * jitsuin/jws
 * @module
 */
export {};
