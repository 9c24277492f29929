/**
 * Strict JSON: jitsuin's RFC 8785 canonicalize and canonical-only parseStrict against the
 * built-in JSON.stringify / JSON.parse, which do less (no key sorting, no strictness checks) and
 * are native: the ratio is the price of strictness, not a like-for-like race.
 */
import {
  canonicalize,
  canonicalizeToBytes,
  parseStrict,
  type JsonValue,
} from '../../src/encoding/index.js';
import { benchGroup } from './harness.js';

/** A payload shaped like a signed login response: short strings, integers, a base64url chain. */
function payload(): JsonValue {
  const b64 = (n: number, seed: number): string => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    let s = '';
    for (let i = 0; i < n; i++) s += alphabet[(i * 7 + seed * 13) % 64];
    return s;
  };
  return {
    typ: 'jitsuin-login+jws',
    rpId: 'https://hospital.example.jp',
    challenge: b64(43, 1),
    iat: 1767225600,
    exp: 1767225720,
    session: { browser: 'Firefox 140 on Linux', place: 'Tokyo, JP', id: b64(22, 2) },
    x5c: [b64(600, 3), b64(560, 4)],
    flags: [true, false, null],
    counts: [0, 1, -1, 9007199254740991, -9007199254740991],
    note: '実印 — registered seal',
  };
}

const value = payload();
const bytes = canonicalizeToBytes(value);
const decoder = new TextDecoder('utf-8', { fatal: true });

export const canonicalizeGroup = benchGroup({
  title: 'Strict JSON serialise (RFC 8785 canonicalize)',
  description: `Serialise a ${bytes.length}-byte login-response-shaped object to a string.`,
  reference: 'JSON.stringify',
  cases: () => ({
    'JSON.stringify': () => JSON.stringify(value),
    'jitsuin canonicalize': () => canonicalize(value),
  }),
});

export const parseStrictGroup = benchGroup({
  title: 'Strict JSON parse (parseStrict)',
  description: `Parse the same ${bytes.length} canonical UTF-8 bytes; the reference decodes UTF-8 (fatal) then calls JSON.parse.`,
  reference: 'TextDecoder + JSON.parse',
  cases: () => ({
    'TextDecoder + JSON.parse': () => JSON.parse(decoder.decode(bytes)) as unknown,
    'jitsuin parseStrict': () => parseStrict(bytes),
  }),
});
