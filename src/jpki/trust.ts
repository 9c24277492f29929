/**
 * Trust anchors pinned by SHA-256 fingerprint (spec/jpki.md §5, [JPKI-14]).
 * @module
 */
import { fail } from '../internal/fail.js';
import { sha256 } from '../crypto/hash.js';
import { base64urlDecode } from '../encoding/base64url.js';
import { hexEncode } from '../encoding/hex.js';
import { JPKI_TRUST_ANCHORS } from './anchors.js';
import type { JpkiCertificateKind } from './read.js';

/**
 * Returns `der` after checking that its SHA-256 equals `sha256Hex` (case-insensitive hex, colons
 * allowed): the way to configure a J-LIS root obtained from J-LIS's site, pinned by the fingerprint
 * published alongside it.
 *
 * @throws JitsuinError ERR_INVALID_ARGUMENT when the fingerprint differs.
 */
export function jpkiTrustAnchor(der: Uint8Array, sha256Hex: string): Uint8Array {
  const expected = typeof sha256Hex === 'string' ? sha256Hex.replace(/:/g, '').toLowerCase() : '';
  if (!/^[0-9a-f]{64}$/.test(expected))
    fail('ERR_INVALID_ARGUMENT', 'jpkiTrustAnchor: fingerprint must be 64 hex digits', 'JPKI-14');
  if (!(der instanceof Uint8Array))
    fail('ERR_INVALID_ARGUMENT', 'jpkiTrustAnchor: der must be a Uint8Array', 'JPKI-14');
  const actual = hexEncode(sha256(der));
  if (actual !== expected)
    fail(
      'ERR_INVALID_ARGUMENT',
      `jpkiTrustAnchor: SHA-256 ${actual} differs from the pinned ${expected}`,
      'JPKI-14',
    );
  return der;
}

/**
 * The DER of the embedded J-LIS roots ({@link JPKI_TRUST_ANCHORS}) of `kind` (default both), each
 * checked against its pinned fingerprint.
 */
export function jpkiTrustAnchorCertificates(kind?: JpkiCertificateKind): Uint8Array[] {
  return JPKI_TRUST_ANCHORS.filter((a) => kind === undefined || a.kind === kind).map((a) =>
    jpkiTrustAnchor(base64urlDecode(a.derBase64url), a.sha256),
  );
}
