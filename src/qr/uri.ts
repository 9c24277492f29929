/**
 * The QR offer URI: what the PC displays as a QR code and the app scans (`spec/cross-device.md` §3).
 *
 * `https://<rpId>/.well-known/jitsuin/qr#v=1&o=<offerId>&s=<secret>&e=<exp>` — exactly this shape,
 * members in this order, nothing else. The offer data sits in the fragment so that, if the app is
 * not installed and a browser opens the link, it never reaches a server log or a `Referer` header.
 *
 * @module
 */
import { fail } from '../internal/fail.js';
import { base64urlDecode } from '../encoding/index.js';
import { describe, isRpId } from '../login/rp-id.js';
import { objectArgument } from '../internal/args.js';

/** Path of the app link every QR offer URI uses. */
export const QR_URI_PATH = '/.well-known/jitsuin/qr';

/** Longest QR offer URI accepted (253-character host plus the fixed parts fits well below). */
export const QR_URI_MAX_LENGTH = 400;

/** Length in bytes of the offer id and of the one-time secret. */
export const QR_RANDOM_LENGTH = 16;

/** The parsed content of a QR offer URI. */
export interface QrOfferUri {
  /** The RP identifier, which is the URI's host. */
  readonly rpId: string;
  /** Offer id: base64url of 16 random bytes. */
  readonly offerId: string;
  /** One-time secret: base64url of 16 random bytes. */
  readonly secret: string;
  /** Expiry of the offer, seconds since the epoch. */
  readonly exp: number;
}

/** Options of {@link decodeQrUri}: the app's own expectations. */
export interface DecodeQrUriOptions {
  /** The RP the app belongs to; a URI for any other host is rejected ([QR-05]). */
  readonly rpId?: string;
  /** The app's current time; a URI already expired at this time is rejected ([QR-06]). */
  readonly time?: number;
}

const FRAGMENT = /^v=1&o=([A-Za-z0-9_-]{22})&s=([A-Za-z0-9_-]{22})&e=(0|[1-9][0-9]{0,15})$/;

/** True when `text` is base64url of exactly 16 bytes in its one canonical form. @internal */
export function isOfferToken(text: unknown): text is string {
  if (typeof text !== 'string' || !/^[A-Za-z0-9_-]{22}$/.test(text)) return false;
  try {
    return base64urlDecode(text).length === QR_RANDOM_LENGTH;
  } catch {
    return false;
  }
}

/** Builds the QR offer URI. Throws `ERR_INVALID_ARGUMENT` when a part would not decode back. */
export function encodeQrUri(offer: QrOfferUri): string {
  objectArgument(offer, 'encodeQrUri: offer');
  if (!isRpId(offer.rpId))
    fail(
      'ERR_INVALID_ARGUMENT',
      `encodeQrUri: rpId ${describe(offer.rpId)} is not a lowercase DNS host name`,
      'QR-01',
    );
  if (!isOfferToken(offer.offerId))
    fail('ERR_INVALID_ARGUMENT', 'encodeQrUri: offerId is not base64url of 16 bytes', 'QR-03');
  if (!isOfferToken(offer.secret))
    fail('ERR_INVALID_ARGUMENT', 'encodeQrUri: secret is not base64url of 16 bytes', 'QR-03');
  if (!Number.isSafeInteger(offer.exp) || offer.exp < 0)
    fail(
      'ERR_INVALID_ARGUMENT',
      `encodeQrUri: exp ${describe(offer.exp)} is not a non-negative integer`,
      'QR-02',
    );
  return `https://${offer.rpId}${QR_URI_PATH}#v=1&o=${offer.offerId}&s=${offer.secret}&e=${offer.exp}`;
}

/**
 * Parses a scanned QR offer URI, rejecting every deviation from the one accepted shape with
 * `ERR_QR`: another scheme, userinfo, port, upper case or trailing dot in the host, another path,
 * a query, a fragment with members missing, added, repeated, reordered or percent-encoded, and
 * offer ids or secrets that are not canonical base64url of 16 bytes.
 */
export function decodeQrUri(uri: unknown, options: DecodeQrUriOptions = {}): QrOfferUri {
  if (typeof uri !== 'string')
    fail('ERR_QR', `QR URI: expected a string, got ${describe(uri)}`, 'QR-01');
  if (uri.length > QR_URI_MAX_LENGTH)
    fail('ERR_QR', `QR URI: ${uri.length} characters exceed ${QR_URI_MAX_LENGTH}`, 'QR-01');
  if (!uri.startsWith('https://'))
    fail('ERR_QR', 'QR URI: scheme is not exactly "https://"', 'QR-01');
  const rest = uri.slice('https://'.length);
  const slash = rest.indexOf('/');
  if (slash < 0) fail('ERR_QR', 'QR URI: no path', 'QR-01');
  const host = rest.slice(0, slash);
  if (!isRpId(host))
    fail(
      'ERR_QR',
      `QR URI: host ${describe(host)} is not a lowercase DNS host name without userinfo or port`,
      'QR-01',
    );
  const afterHost = rest.slice(slash);
  if (!afterHost.startsWith(`${QR_URI_PATH}#`))
    fail(
      'ERR_QR',
      `QR URI: path is not exactly ${QR_URI_PATH} followed by a fragment (no query)`,
      'QR-01',
    );
  const m = FRAGMENT.exec(afterHost.slice(QR_URI_PATH.length + 1));
  if (m === null)
    fail(
      'ERR_QR',
      'QR URI: fragment is not exactly "v=1&o=<22 base64url>&s=<22 base64url>&e=<decimal>"',
      'QR-02',
    );
  const [, offerId, secret, expText] = m as unknown as [string, string, string, string];
  if (!isOfferToken(offerId))
    fail('ERR_QR', 'QR URI: offer id is not canonical base64url of 16 bytes', 'QR-03');
  if (!isOfferToken(secret))
    fail('ERR_QR', 'QR URI: secret is not canonical base64url of 16 bytes', 'QR-03');
  const exp = Number(expText);
  if (!Number.isSafeInteger(exp)) fail('ERR_QR', 'QR URI: expiry exceeds 2^53-1', 'QR-02');
  if (options.rpId !== undefined && host !== options.rpId)
    fail(
      'ERR_QR',
      `QR URI: host ${describe(host)} is not this app's RP ${describe(options.rpId)}`,
      'QR-05',
    );
  if (options.time !== undefined && options.time > exp)
    fail('ERR_QR_EXPIRED', `QR URI: offer expired at ${exp}, now ${options.time}`, 'QR-06');
  return { rpId: host, offerId, secret, exp };
}
