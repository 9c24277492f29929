/**
 * Field syntax shared by the QR offer, the session context and the approval
 * (`spec/cross-device.md` §4, §5.1, §5.2): one definition, so the RP and the app check alike.
 * @module
 */

/** Number of choices the phone shows: the number and two decoys. */
export const QR_CHOICE_COUNT = 3;

const TWO_DIGITS = /^[0-9]{2}$/;
// eslint-disable-next-line no-control-regex -- control characters are what we reject
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** True for two decimal digits, the form of the number and of each choice ([QR-14]). @internal */
export function isTwoDigits(value: unknown): value is string {
  return typeof value === 'string' && TWO_DIGITS.test(value);
}

/** True for {@link QR_CHOICE_COUNT} distinct two-digit strings ([QR-14], [QR-23]). @internal */
export function areChoices(value: unknown): value is string[] {
  return (
    Array.isArray(value) &&
    value.length === QR_CHOICE_COUNT &&
    value.every(isTwoDigits) &&
    new Set(value).size === QR_CHOICE_COUNT
  );
}

/** True for 1..64 characters without control or line-separator characters: `browser` and `place` ([QR-23]). @internal */
export function isDisplayText(value: unknown): value is string {
  return (
    typeof value === 'string' && value.length > 0 && value.length <= 64 && !UNPRINTABLE.test(value)
  );
}
