/**
 * jitsuin/login
 * @module
 */
export {};
