/**
 * The session context message: what the RP answers to a scan and the app shows before the user
 * approves (`spec/cross-device.md` §5.1 item 4). Strict JSON in canonical form, closed member list.
 * @module
 */
import { isJitsuinError } from '../errors.js';
import { fail } from '../internal/fail.js';
import { canonicalize, parseStrict, utf8Encode, type JsonObject } from '../encoding/index.js';
import { checkMembers, type MemberSpec } from '../login/internal/members.js';
import { describe, isRpId } from '../login/rp-id.js';
import type { QrSessionContext } from './flow.js';
import { QR_MAX_LIFETIME } from './session.js';
import type { QrOfferUri } from './uri.js';
import { areChoices, isDisplayText } from './internal/fields.js';
import { arrayArgument, objectArgument } from '../internal/args.js';

const CONTEXT_MEMBERS: MemberSpec = {
  rpId: { kind: 'string' },
  offerId: { kind: 'b64-16' },
  browser: { kind: 'string' },
  place: { kind: 'string' },
  iat: { kind: 'time' },
  exp: { kind: 'time' },
  choices: { kind: 'array' },
};

/** Checks a parsed context; `code` is the error for a violation. */
function checkContext(
  value: JsonObject,
  code: 'ERR_QR' | 'ERR_INVALID_ARGUMENT',
): QrSessionContext {
  const v = checkMembers(value, CONTEXT_MEMBERS, 'QR session context', code, 'QR-23');
  if (!isRpId(v.rpId))
    fail(
      code,
      `QR session context: rpId ${describe(v.rpId)} is not a lowercase DNS host name`,
      'QR-23',
    );
  if (!isDisplayText(v.browser) || !isDisplayText(v.place))
    fail(code, 'QR session context: browser and place must be 1..64 printable characters', 'QR-23');
  const iat = v.iat as number;
  const exp = v.exp as number;
  if (exp <= iat || exp - iat > QR_MAX_LIFETIME)
    fail(
      code,
      `QR session context: lifetime ${exp - iat} s is outside 1..${QR_MAX_LIFETIME}`,
      'QR-23',
    );
  const choices = v.choices;
  if (!areChoices(choices)) {
    fail(code, 'QR session context: choices must be three distinct two-digit strings', 'QR-23');
  }
  return {
    rpId: v.rpId,
    offerId: v.offerId as string,
    browser: v.browser,
    place: v.place,
    iat,
    exp,
    choices,
  };
}

/** The context message as it travels: canonical strict JSON text. */
export function encodeQrSessionContext(context: QrSessionContext): string {
  objectArgument(context, 'encodeQrSessionContext: context');
  arrayArgument(context.choices, 'encodeQrSessionContext: context.choices');
  const o: JsonObject = {
    rpId: context.rpId,
    offerId: context.offerId,
    browser: context.browser,
    place: context.place,
    iat: context.iat,
    exp: context.exp,
    choices: [...context.choices],
  };
  checkContext(o, 'ERR_INVALID_ARGUMENT');
  return canonicalize(o);
}

/**
 * Decodes the context the RP answered to a scan, rejecting with `ERR_QR` anything but canonical
 * strict JSON with exactly the specified members ([QR-23]) and, when `offer` (the scanned QR code)
 * is given, a context of another RP, offer or expiry.
 */
export function decodeQrSessionContext(text: unknown, offer?: QrOfferUri): QrSessionContext {
  if (typeof text !== 'string')
    fail('ERR_QR', `QR session context: expected a string, got ${describe(text)}`, 'QR-23');
  if (text.length > 2048)
    fail('ERR_QR', `QR session context: ${text.length} characters exceed 2048`, 'QR-23');
  let value;
  try {
    value = parseStrict(utf8Encode(text));
  } catch (e) {
    if (isJitsuinError(e))
      fail('ERR_QR', `QR session context: not canonical strict JSON (${e.message})`, 'QR-23', e);
    throw e;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    fail('ERR_QR', 'QR session context: not a JSON object', 'QR-23');
  const context = checkContext(value, 'ERR_QR');
  if (
    offer !== undefined &&
    (context.rpId !== offer.rpId || context.offerId !== offer.offerId || context.exp !== offer.exp)
  ) {
    fail(
      'ERR_QR',
      'QR session context: not the context of the scanned offer (rpId, offerId or exp differ)',
      'QR-23',
    );
  }
  return context;
}
