/**
 * ECDSA signature encodings: strict DER ECDSA-Sig-Value (RFC 3279 §2.2.3, X9.62) and raw r||s
 * (IEEE P1363, RFC 7518 §3.4), with r and s range checks.
 * @module
 */
import { fail } from '../internal/fail.js';
import { concatBytes } from '../encoding/bytes.js';
import { curveInfo, type CurveInfo, type CurveName } from './internal/curves.js';
import { bigIntToBytes } from './internal/bigint.js';
import {
  encodeTlv,
  encodeUnsignedInteger,
  expectTlv,
  positiveIntegerContent,
  type DerContext,
} from './internal/der.js';

const DER_CTX: DerContext = {
  code: 'ERR_INVALID_SIGNATURE_ENCODING',
  requirement: 'CRY-05',
  what: 'ECDSA DER signature',
};

/** The group order n of each curve as `size` big-endian bytes. */
const ORDER_BYTES = new Map<CurveName, Uint8Array>();

function orderBytes(info: CurveInfo): Uint8Array {
  let n = ORDER_BYTES.get(info.name);
  if (n === undefined) {
    n = bigIntToBytes(info.n, info.size);
    ORDER_BYTES.set(info.name, n);
  }
  return n;
}

/**
 * Fails unless the big-endian magnitude `m` is in [1, n-1]. Compared as bytes (m left-padded to
 * the curve size against n), which is exact and avoids a bigint per scalar on every verification.
 */
function checkRange(m: Uint8Array, info: CurveInfo, name: string, what: string): void {
  const n = orderBytes(info);
  const pad = info.size - m.length;
  let inRange = pad >= 0;
  if (inRange) {
    let nonZero = false;
    let order = 0; // sign of (m - n) over the bytes compared so far
    for (let i = 0; i < info.size; i++) {
      const a = i < pad ? 0 : (m[i - pad] as number);
      const b = n[i] as number;
      if (a !== 0) nonZero = true;
      if (order === 0 && a !== b) order = a < b ? -1 : 1;
    }
    inRange = nonZero && order < 0;
  }
  if (!inRange)
    fail(
      'ERR_INVALID_SIGNATURE_ENCODING',
      `${what}: ${name} is not in [1, n-1] for ${info.name}`,
      'CRY-06',
    );
}

/** Checks raw r||s: length twice the curve size, r and s in [1, n-1]. @internal */
export function parseRawSignature(raw: Uint8Array, curve: CurveName): void {
  const info = curveInfo(curve);
  if (!(raw instanceof Uint8Array))
    fail('ERR_INVALID_SIGNATURE_ENCODING', 'raw ECDSA signature: expected a Uint8Array', 'CRY-07');
  if (raw.length !== 2 * info.size) {
    fail(
      'ERR_INVALID_SIGNATURE_ENCODING',
      `raw ECDSA signature: ${raw.length} bytes, expected ${2 * info.size} for ${info.name}`,
      'CRY-07',
    );
  }
  checkRange(raw.subarray(0, info.size), info, 'r', 'raw ECDSA signature');
  checkRange(raw.subarray(info.size), info, 's', 'raw ECDSA signature');
}

/**
 * Converts a strict DER ECDSA-Sig-Value to raw r||s (each left-padded to the curve size).
 * Rejects with ERR_INVALID_SIGNATURE_ENCODING: any tag other than SEQUENCE / INTEGER, indefinite or
 * non-minimal lengths, a missing or extra element, bytes after the SEQUENCE, negative integers,
 * superfluous leading zero bytes, and r or s outside [1, n-1].
 */
export function derToRawSignature(der: Uint8Array, curve: CurveName = 'P-256'): Uint8Array {
  const info = curveInfo(curve);
  if (!(der instanceof Uint8Array))
    fail('ERR_INVALID_SIGNATURE_ENCODING', 'ECDSA DER signature: expected a Uint8Array', 'CRY-05');
  const seq = expectTlv(der, 0, 0x30, DER_CTX, 'SEQUENCE');
  if (seq.end !== der.length)
    fail(
      'ERR_INVALID_SIGNATURE_ENCODING',
      `ECDSA DER signature: ${der.length - seq.end} trailing byte(s) after the SEQUENCE`,
      'CRY-05',
    );
  const body = seq.content;
  const rTlv = expectTlv(body, 0, 0x02, DER_CTX, 'INTEGER r');
  if (rTlv.end === body.length)
    fail('ERR_INVALID_SIGNATURE_ENCODING', 'ECDSA DER signature: missing INTEGER s', 'CRY-05');
  const sTlv = expectTlv(body, rTlv.end, 0x02, DER_CTX, 'INTEGER s');
  if (sTlv.end !== body.length)
    fail(
      'ERR_INVALID_SIGNATURE_ENCODING',
      'ECDSA DER signature: extra element inside the SEQUENCE',
      'CRY-05',
    );
  const rMag = positiveIntegerContent(rTlv.content, DER_CTX, 'r');
  const sMag = positiveIntegerContent(sTlv.content, DER_CTX, 's');
  // A magnitude longer than the curve size is >= n: checkRange reports it as a range failure.
  checkRange(rMag, info, 'r', 'ECDSA DER signature');
  checkRange(sMag, info, 's', 'ECDSA DER signature');
  const raw = new Uint8Array(2 * info.size);
  raw.set(rMag, info.size - rMag.length);
  raw.set(sMag, 2 * info.size - sMag.length);
  return raw;
}

/** Converts raw r||s to a DER ECDSA-Sig-Value; fails on a wrong length or r, s outside [1, n-1]. */
export function rawToDerSignature(raw: Uint8Array, curve: CurveName = 'P-256'): Uint8Array {
  const info = curveInfo(curve);
  parseRawSignature(raw, curve);
  return encodeTlv(
    0x30,
    concatBytes(
      encodeUnsignedInteger(raw.subarray(0, info.size)),
      encodeUnsignedInteger(raw.subarray(info.size)),
    ),
  );
}

/**
 * Every raw r||s reading of `sig` as ECDSA signature bytes of unknown encoding: its reading as
 * strict DER, and its reading as raw r||s (exactly twice the curve size, r and s in range). Most
 * inputs have exactly one; a 64-byte P-256 input that is also strict DER (r and s both far below
 * n, about 2^-47 of honest DER signatures) has two, and only a verification under the signer's key
 * can tell which one was meant. Throws the DER error when there is none. @internal
 */
export function ecdsaSignatureReadings(sig: Uint8Array, curve: CurveName = 'P-256'): Uint8Array[] {
  const info = curveInfo(curve);
  const readings: Uint8Array[] = [];
  let derError: unknown;
  try {
    readings.push(derToRawSignature(sig, curve));
  } catch (e) {
    derError = e;
  }
  if (sig instanceof Uint8Array && sig.length === 2 * info.size) {
    try {
      parseRawSignature(sig, curve);
      readings.push(sig.slice());
    } catch (e) {
      // A 2*size input that is not valid raw either: report the raw reason, the likelier intent.
      if (readings.length === 0) throw e;
    }
  }
  if (readings.length === 0) throw derError;
  return readings;
}

/**
 * Returns raw r||s (what JWS ES256 carries) from either encoding, when the bytes say which one
 * they are: strict DER of any length, or raw r||s of exactly twice the curve size with r and s in
 * [1, n-1]. A 64-byte P-256 input that is valid both ways (strict DER with short r and s) is
 * ambiguous and rejected with ERR_INVALID_SIGNATURE_ENCODING rather than guessed; callers that
 * know the encoding use {@link derToRawSignature} (DER) or take the bytes as they are (raw).
 */
export function normalizeEcdsaSignature(sig: Uint8Array, curve: CurveName = 'P-256'): Uint8Array {
  const readings = ecdsaSignatureReadings(sig, curve);
  if (readings.length > 1) {
    fail(
      'ERR_INVALID_SIGNATURE_ENCODING',
      `ECDSA signature: ${sig.length} bytes that are both strict DER and raw r||s; the encoding must be declared`,
    );
  }
  return readings[0] as Uint8Array;
}
