/**
 * jitsuin/enrollment
 * @module
 */
export {};
