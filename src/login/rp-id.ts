/** The relying-party identifier: syntax shared by login and QR messages. @module */
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
/** A last label that URL parsers read as a number, making the host an IPv4 address (WHATWG URL "ends in a number"). */
const NUMERIC = /^(?:[0-9]+|0x[0-9a-f]*)$/;

/**
 * True when `value` is a valid RP identifier: a lowercase ASCII DNS host name of at least two
 * labels, each 1–63 characters of `a-z 0-9 -` not starting or ending with `-`, the last not
 * numeric (no IPv4 literal), 253 characters at most, no trailing dot, no port ([LOGIN-01]).
 */
export function isRpId(value: unknown): value is string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 253) return false;
  const labels = value.split('.');
  if (labels.length < 2) return false;
  return labels.every((l) => LABEL.test(l)) && !NUMERIC.test(labels[labels.length - 1] as string);
}

/** A short, safe description of an untrusted value for error messages. @internal */
export function describe(value: unknown): string {
  if (typeof value === 'string')
    return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null)
    return String(value);
  return typeof value;
}
