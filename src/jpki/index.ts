/**
 * jitsuin/jpki
 * @module
 */
export {};
