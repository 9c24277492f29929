/**
 * Strict X.509 Time decoding (RFC 5280 §4.1.2.5): UTCTime `YYMMDDHHMMSSZ` and GeneralizedTime
 * `YYYYMMDDHHMMSSZ`, seconds present, Zulu only, no fractions. RFC 5280 makes CAs use UTCTime
 * for years before 2050, but relying parties accept either form (PKITS 4.4.4 expects that), so the
 * decoder does too; the builder always uses the prescribed form.
 * @module
 */
import { fail } from '../internal/fail.js';

/** Decodes a Time TLV's tag and contents to integer seconds since the epoch. @internal */
export function decodeTime(tag: number, contents: Uint8Array, what: string): number {
  let text = '';
  for (const b of contents) text += String.fromCharCode(b);
  let year: number;
  let rest: string;
  if (tag === 0x17) {
    if (!/^\d{12}Z$/.test(text))
      fail('ERR_CERT_MALFORMED', `${what}: UTCTime "${text}" is not YYMMDDHHMMSSZ`);
    const yy = Number(text.slice(0, 2));
    year = yy >= 50 ? 1900 + yy : 2000 + yy;
    rest = text.slice(2);
  } else if (tag === 0x18) {
    if (!/^\d{14}Z$/.test(text))
      fail('ERR_CERT_MALFORMED', `${what}: GeneralizedTime "${text}" is not YYYYMMDDHHMMSSZ`);
    year = Number(text.slice(0, 4));
    rest = text.slice(4);
  } else {
    return fail('ERR_CERT_MALFORMED', `${what}: not a UTCTime or GeneralizedTime`);
  }
  const month = Number(rest.slice(0, 2));
  const day = Number(rest.slice(2, 4));
  const hour = Number(rest.slice(4, 6));
  const minute = Number(rest.slice(6, 8));
  const second = Number(rest.slice(8, 10));
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  const d = new Date(ms);
  // Reject out-of-range fields (month 13, 31 February, 24:00, leap seconds) by round-tripping.
  if (
    d.getUTCFullYear() !== year ||
    d.getUTCMonth() !== month - 1 ||
    d.getUTCDate() !== day ||
    d.getUTCHours() !== hour ||
    d.getUTCMinutes() !== minute ||
    d.getUTCSeconds() !== second
  ) {
    fail('ERR_CERT_MALFORMED', `${what}: "${text}" is not a valid date and time`);
  }
  return ms / 1000;
}

/** Encodes seconds since the epoch as an RFC 5280 Time TLV (UTCTime before 2050). @internal */
export function encodeTime(seconds: number): Uint8Array {
  if (!Number.isSafeInteger(seconds)) fail('ERR_INVALID_ARGUMENT', 'time must be integer seconds');
  const d = new Date(seconds * 1000);
  const year = d.getUTCFullYear();
  if (year < 1950 || year > 9999)
    fail('ERR_INVALID_ARGUMENT', `year ${year} cannot be encoded as an X.509 Time`);
  const p2 = (n: number): string => n.toString().padStart(2, '0');
  const tail = `${p2(d.getUTCMonth() + 1)}${p2(d.getUTCDate())}${p2(d.getUTCHours())}${p2(d.getUTCMinutes())}${p2(d.getUTCSeconds())}Z`;
  const text = year < 2050 ? `${p2(year % 100)}${tail}` : `${year}${tail}`;
  const out = new Uint8Array(2 + text.length);
  out[0] = year < 2050 ? 0x17 : 0x18;
  out[1] = text.length;
  for (let i = 0; i < text.length; i++) out[2 + i] = text.charCodeAt(i);
  return out;
}
