/**
 * jitsuin/qr
 * @module
 */
export {};
