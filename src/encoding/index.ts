/**
 * jitsuin/encoding — the encodings every jitsuin message uses (normative text: [spec/encoding.md](../../spec/encoding.md)):
 * strict base64url, hex, strict UTF-8, byte helpers, strict JSON (RFC 8785 canonical form, both
 * directions) and integer-second times. Every decoder rejects non-canonical input with a
 * `JitsuinError` whose `requirement` names the `ENC-NN` rule that was broken.
 * @module jitsuin/encoding
 */
export { base64urlEncode, base64urlDecode, decodeFixedBase64url } from './base64url.js';
export { hexEncode, hexDecode } from './hex.js';
export { utf8Encode, utf8Decode } from './utf8.js';
export { concatBytes, constantTimeEqual, bytesEqual } from './bytes.js';
export { canonicalize, canonicalizeToBytes, type CanonicalizeOptions } from './canonicalize.js';
export { parseStrict, type ParseStrictOptions } from './parse.js';
export {
  type JsonValue,
  type JsonObject,
  MAX_JSON_INTEGER,
  DEFAULT_JSON_MAX_DEPTH,
  DEFAULT_JSON_MAX_BYTES,
} from './json-value.js';
export { isIntegerSeconds, requireIntegerSeconds, MAX_TIME_SECONDS } from './time.js';
export {
  pemEncode,
  pemDecode,
  pemDecodeAll,
  DEFAULT_PEM_MAX_LENGTH,
  type PemDecodeOptions,
} from './pem.js';
