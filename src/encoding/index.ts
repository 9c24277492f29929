/**
 * jitsuin/encoding — strict base64url, hex, UTF-8, byte helpers and strict JSON (RFC 8785).
 * @module
 */
export { base64urlEncode, base64urlDecode } from './base64url.js';
export { hexEncode, hexDecode } from './hex.js';
export { utf8Encode, utf8Decode } from './utf8.js';
export { concatBytes, constantTimeEqual, bytesEqual } from './bytes.js';
