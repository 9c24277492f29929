/**
 * Text form of the common code (spec/certificates.md, "Common code text form"): the 128-bit code as
 * an unsigned big-endian integer written in Crockford base32 with 26 digits, followed by Crockford's
 * mod-37 check symbol, grouped 3-4-4-4-4-4-4 with hyphens, e.g. `0AB-CDEF-GHJK-MNPQ-RSTV-WXYZ-0123`.
 * @module
 */
import { fail } from '../internal/fail.js';

const DIGITS = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CHECK = `${DIGITS}*~$=U`;
const GROUPS = [3, 4, 4, 4, 4, 4, 4] as const;

function toBigInt(code: Uint8Array): bigint {
  let n = 0n;
  for (const b of code) n = (n << 8n) | BigInt(b);
  return n;
}

/** Formats a 16-byte common code in its canonical text form (27 symbols in 7 hyphenated groups). */
export function formatCommonCode(code: Uint8Array): string {
  if (!(code instanceof Uint8Array) || code.length !== 16)
    fail('ERR_INVALID_ARGUMENT', 'a common code is exactly 16 bytes', 'CERT-40');
  const n = toBigInt(code);
  let digits = '';
  for (let i = 0; i < 26; i++) digits = DIGITS[Number((n >> BigInt(5 * i)) & 31n)]! + digits;
  const symbols = digits + CHECK[Number(n % 37n)]!;
  const out: string[] = [];
  let at = 0;
  for (const g of GROUPS) {
    out.push(symbols.slice(at, at + g));
    at += g;
  }
  return out.join('-');
}

/**
 * Parses the text form back to the 16-byte code. Accepts lower case, omitted hyphens and
 * Crockford's aliases (O→0, I/L→1); rejects a wrong check symbol, a value of 2^128 or more,
 * and any other character.
 */
export function parseCommonCode(text: string): Uint8Array {
  if (typeof text !== 'string')
    fail('ERR_INVALID_ARGUMENT', 'common code text must be a string', 'CERT-41');
  const s = text.replace(/-/g, '').toUpperCase().replace(/O/g, '0').replace(/[IL]/g, '1');
  if (s.length !== 27)
    fail('ERR_ENCODING', `common code text must have 27 symbols, got ${s.length}`, 'CERT-41');
  let n = 0n;
  for (let i = 0; i < 26; i++) {
    const v = DIGITS.indexOf(s[i]!);
    if (v < 0) fail('ERR_ENCODING', `common code text: invalid symbol "${s[i]!}"`, 'CERT-41');
    n = (n << 5n) | BigInt(v);
  }
  if (n >> 128n !== 0n) fail('ERR_ENCODING', 'common code text: value exceeds 128 bits', 'CERT-41');
  if (CHECK[Number(n % 37n)] !== s[26])
    fail('ERR_ENCODING', 'common code text: check symbol mismatch', 'CERT-41');
  const out = new Uint8Array(16);
  for (let i = 15; i >= 0; i--) {
    out[i] = Number(n & 0xffn);
    n >>= 8n;
  }
  return out;
}
