/**
 * Public keys: strict DER SubjectPublicKeyInfo import/export (RFC 5280 §4.1.2.7, RFC 5480,
 * RFC 3279 §2.3.1) for EC P-256/P-384 and RSA, with the key constraints of spec/crypto.md.
 * @module
 */
import { fail } from '../internal/fail.js';
import { bytesKey, concatBytes } from '../encoding/bytes.js';
import { hexDecode } from '../encoding/hex.js';
import { CURVES, curveInfo, isOnCurve, type CurveName } from './internal/curves.js';
import { bigIntToMinimalBytes, bitLength, bytesToBigInt } from './internal/bigint.js';
import {
  decodeOid,
  encodeTlv,
  encodeUnsignedInteger,
  expectTlv,
  positiveIntegerContent,
  readTlv,
  type DerContext,
} from './internal/der.js';
import { LruCache } from './internal/lru.js';
import { objectArgument } from '../internal/args.js';

export type { CurveName } from './internal/curves.js';

/** An EC public key on P-256 or P-384. `point` is the uncompressed SEC 1 encoding 0x04||X||Y; do not mutate it. */
export interface EcPublicKey {
  /** Discriminant. */
  readonly kind: 'ec';
  /** Named curve. */
  readonly curve: CurveName;
  /** Uncompressed SEC 1 point, 65 (P-256) or 97 (P-384) bytes. */
  readonly point: Uint8Array;
}

/** An RSA public key. */
export interface RsaPublicKey {
  /** Discriminant. */
  readonly kind: 'rsa';
  /** Modulus. */
  readonly n: bigint;
  /** Public exponent. */
  readonly e: bigint;
  /** Exact bit length of the modulus. */
  readonly bits: number;
  /** Byte length k of the modulus: every signature is exactly this long. */
  readonly byteLength: number;
}

/** A public key jitsuin can verify with. */
export type PublicKey = EcPublicKey | RsaPublicKey;

/** Options of {@link importSpki}. */
export interface ImportSpkiOptions {
  /**
   * Smallest RSA modulus accepted, in bits (default 2048, allowed 1024..2048). Lower it only to run
   * external test suites that use legacy keys, never for the jitsuin profile.
   */
  readonly minRsaBits?: number;
}

const MAX_RSA_BITS = 4096;
/** Largest SubjectPublicKeyInfo importSpki reads (spec/crypto.md §2). */
const MAX_SPKI_BYTES = 4096;
const OID_EC_PUBLIC_KEY = '1.2.840.10045.2.1';
const OID_RSA_ENCRYPTION = '1.2.840.113549.1.1.1';
const ALG_EC_PREFIX = hexDecode('06072a8648ce3d0201');
const ALG_EC_CURVE: Readonly<Record<CurveName, Uint8Array>> = {
  'P-256': hexDecode('06082a8648ce3d030107'),
  'P-384': hexDecode('06052b81040022'),
};
const ALG_RSA = hexDecode('06092a864886f70d0101010500');

const SPKI_CTX: DerContext = {
  code: 'ERR_INVALID_KEY',
  requirement: 'CRY-03',
  what: 'SubjectPublicKeyInfo',
};
const RSA_CTX: DerContext = {
  code: 'ERR_INVALID_KEY',
  requirement: 'CRY-03',
  what: 'RSAPublicKey',
};

/** EC keys whose point this module has checked; others (hand-built objects) are checked on use. */
const checkedEcKeys = new WeakSet<EcPublicKey>();

/**
 * Returns `key` if it is an EC public key with a valid point ([CRY-02]), checking hand-built
 * objects once, so both backends see only valid keys and answer alike ([CRY-16]). @internal
 */
export function assertEcPublicKey(key: EcPublicKey): EcPublicKey {
  if (typeof key !== 'object' || key === null || key.kind !== 'ec')
    fail('ERR_INVALID_KEY', 'not an EC public key', 'CRY-02');
  if (!checkedEcKeys.has(key)) {
    ecPublicKeyFromPoint(key.curve, key.point);
    checkedEcKeys.add(key);
  }
  return key;
}

/** SPKI bytes of keys this module created, so export and WebCrypto import need no re-encoding. */
const spkiOf = new WeakMap<PublicKey, Uint8Array>();
/** Parsed keys by SPKI bytes (the size policy is applied on every import, not cached). */
const importCache = new LruCache<string, PublicKey>(512);

/**
 * Builds an EC public key from an uncompressed SEC 1 point (0x04||X||Y), checking that it is a
 * point of the curve ([CRY-02]). Compressed points and the point at infinity are rejected with
 * ERR_INVALID_KEY.
 */
export function ecPublicKeyFromPoint(curve: CurveName, point: Uint8Array): EcPublicKey {
  const info = curveInfo(curve);
  if (!(point instanceof Uint8Array))
    fail('ERR_INVALID_KEY', 'EC public key: point must be a Uint8Array', 'CRY-02');
  if (point.length !== 1 + 2 * info.size || point[0] !== 0x04) {
    fail(
      'ERR_INVALID_KEY',
      `EC public key: expected an uncompressed ${info.name} point of ${1 + 2 * info.size} bytes starting 0x04 (compressed points are not accepted)`,
      'CRY-02',
    );
  }
  if (
    !isOnCurve(
      info,
      bytesToBigInt(point.subarray(1, 1 + info.size)),
      bytesToBigInt(point.subarray(1 + info.size)),
    )
  ) {
    fail('ERR_INVALID_KEY', `EC public key: point is not on ${info.name}`, 'CRY-02');
  }
  const key: EcPublicKey = Object.freeze({ kind: 'ec', curve, point: point.slice() });
  checkedEcKeys.add(key);
  return key;
}

function curveFromOid(oid: string): CurveName {
  for (const c of Object.values(CURVES)) if (c.oid === oid) return c.name;
  return fail(
    'ERR_UNSUPPORTED_ALGORITHM',
    `SubjectPublicKeyInfo: named curve ${oid} is not P-256 or P-384`,
    'CRY-01',
  );
}

function parseRsaPublicKey(bytes: Uint8Array): RsaPublicKey {
  const seq = expectTlv(bytes, 0, 0x30, RSA_CTX, 'SEQUENCE');
  if (seq.end !== bytes.length) fail('ERR_INVALID_KEY', 'RSAPublicKey: trailing bytes', 'CRY-03');
  const nTlv = expectTlv(seq.content, 0, 0x02, RSA_CTX, 'INTEGER modulus');
  const eTlv = expectTlv(seq.content, nTlv.end, 0x02, RSA_CTX, 'INTEGER publicExponent');
  if (eTlv.end !== seq.content.length)
    fail('ERR_INVALID_KEY', 'RSAPublicKey: extra element', 'CRY-03');
  const n = bytesToBigInt(positiveIntegerContent(nTlv.content, RSA_CTX, 'modulus'));
  const e = bytesToBigInt(positiveIntegerContent(eTlv.content, RSA_CTX, 'publicExponent'));
  // No size bound here: importSpki bounds the input, and the size policy ([CRY-04]) answers any
  // modulus over 4096 bits with ERR_UNSUPPORTED_ALGORITHM, as spec/crypto.md says.
  return rsaPublicKeyFromComponents(n, e);
}

/**
 * Builds an RSA public key from its modulus and exponent, checking [CRY-20]: n odd and > 1,
 * e odd, 3 <= e < n, e at most 256 bits. The modulus size policy [CRY-04] is applied separately,
 * by {@link importSpki} and by the verifier.
 * @internal
 */
export function rsaPublicKeyFromComponents(n: bigint, e: bigint): RsaPublicKey {
  if (typeof n !== 'bigint' || typeof e !== 'bigint')
    fail('ERR_INVALID_KEY', 'RSA public key: n and e must be bigints', 'CRY-20');
  if ((n & 1n) === 0n || n < 3n)
    fail('ERR_INVALID_KEY', 'RSA public key: modulus is not an odd integer > 1', 'CRY-20');
  if ((e & 1n) === 0n || e < 3n || e >= n || bitLength(e) > 256) {
    fail(
      'ERR_INVALID_KEY',
      'RSA public key: exponent must be odd, at least 3, below the modulus and at most 256 bits',
      'CRY-20',
    );
  }
  const bits = bitLength(n);
  return Object.freeze({ kind: 'rsa', n, e, bits, byteLength: Math.ceil(bits / 8) });
}

/** Checks the RSA modulus size policy ([CRY-04]): minRsaBits (default 2048) to 4096 bits. @internal */
export function assertRsaKeySize(key: RsaPublicKey, minRsaBits = 2048): void {
  if (!Number.isSafeInteger(minRsaBits) || minRsaBits < 1024 || minRsaBits > 2048) {
    fail('ERR_INVALID_ARGUMENT', `minRsaBits ${minRsaBits} is outside 1024..2048`);
  }
  if (key.bits < minRsaBits || key.bits > MAX_RSA_BITS) {
    fail(
      'ERR_UNSUPPORTED_ALGORITHM',
      `RSA modulus of ${key.bits} bits is outside ${minRsaBits}..${MAX_RSA_BITS}`,
      'CRY-04',
    );
  }
}

function parseSpki(spki: Uint8Array): PublicKey {
  const outer = expectTlv(spki, 0, 0x30, SPKI_CTX, 'SEQUENCE');
  if (outer.end !== spki.length)
    fail(
      'ERR_INVALID_KEY',
      `SubjectPublicKeyInfo: ${spki.length - outer.end} trailing byte(s)`,
      'CRY-03',
    );
  const alg = expectTlv(outer.content, 0, 0x30, SPKI_CTX, 'AlgorithmIdentifier');
  const bitString = expectTlv(outer.content, alg.end, 0x03, SPKI_CTX, 'BIT STRING');
  if (bitString.end !== outer.content.length)
    fail('ERR_INVALID_KEY', 'SubjectPublicKeyInfo: extra element', 'CRY-03');
  if (bitString.content.length < 2 || bitString.content[0] !== 0) {
    fail(
      'ERR_INVALID_KEY',
      'SubjectPublicKeyInfo: subjectPublicKey must be a non-empty BIT STRING with 0 unused bits',
      'CRY-03',
    );
  }
  const keyBytes = bitString.content.subarray(1);
  const oidTlv = expectTlv(alg.content, 0, 0x06, SPKI_CTX, 'algorithm OBJECT IDENTIFIER');
  const oid = decodeOid(oidTlv.content, SPKI_CTX);
  const params = alg.content.subarray(oidTlv.end);
  if (oid === OID_EC_PUBLIC_KEY) {
    if (params.length === 0)
      fail('ERR_INVALID_KEY', 'SubjectPublicKeyInfo: id-ecPublicKey without parameters', 'CRY-03');
    const p = readTlv(params, 0, SPKI_CTX);
    if (p.tag !== 0x06)
      fail(
        'ERR_UNSUPPORTED_ALGORITHM',
        'SubjectPublicKeyInfo: EC parameters are not a namedCurve (explicit and implicit curves are not accepted)',
        'CRY-01',
      );
    if (p.end !== params.length)
      fail('ERR_INVALID_KEY', 'SubjectPublicKeyInfo: trailing bytes in EC parameters', 'CRY-03');
    const curve = curveFromOid(decodeOid(p.content, SPKI_CTX));
    return ecPublicKeyFromPoint(curve, keyBytes);
  }
  if (oid === OID_RSA_ENCRYPTION) {
    if (params.length !== 2 || params[0] !== 0x05 || params[1] !== 0x00) {
      fail(
        'ERR_INVALID_KEY',
        'SubjectPublicKeyInfo: rsaEncryption parameters must be NULL',
        'CRY-03',
      );
    }
    return parseRsaPublicKey(keyBytes);
  }
  return fail(
    'ERR_UNSUPPORTED_ALGORITHM',
    `SubjectPublicKeyInfo: algorithm ${oid} is not id-ecPublicKey or rsaEncryption`,
    'CRY-01',
  );
}

/**
 * Imports a DER SubjectPublicKeyInfo. Accepts id-ecPublicKey with namedCurve P-256 or P-384 (the
 * uncompressed point is checked to be on the curve) and rsaEncryption with NULL parameters
 * (2048..4096 bits unless `minRsaBits` lowers the floor, e odd and >= 3). Anything else fails with
 * ERR_UNSUPPORTED_ALGORITHM or ERR_INVALID_KEY. Results are cached by the SPKI bytes (bounded LRU),
 * so importing the same bytes twice returns the same object and reuses its backend key.
 */
export function importSpki(spkiDer: Uint8Array, options: ImportSpkiOptions = {}): PublicKey {
  if (!(spkiDer instanceof Uint8Array))
    fail('ERR_INVALID_KEY', 'SubjectPublicKeyInfo: expected a Uint8Array', 'CRY-03');
  // Work bound before hashing or parsing; every key the profile admits is far shorter (RSA-4096: 550 bytes).
  if (spkiDer.length > MAX_SPKI_BYTES)
    fail(
      'ERR_INPUT_TOO_LARGE',
      `SubjectPublicKeyInfo: ${spkiDer.length} bytes exceeds ${MAX_SPKI_BYTES}`,
    );
  const cacheKey = bytesKey(spkiDer);
  let key = importCache.get(cacheKey);
  if (key === undefined) {
    key = parseSpki(spkiDer);
    spkiOf.set(key, spkiDer.slice());
    importCache.set(cacheKey, key);
  }
  if (key.kind === 'rsa') assertRsaKeySize(key, options.minRsaBits);
  return key;
}

/** Encodes a public key as DER SubjectPublicKeyInfo (EC: namedCurve, uncompressed point; RSA: NULL parameters). */
export function exportSpki(key: PublicKey): Uint8Array {
  objectArgument(key, 'exportSpki: key');
  const known = spkiOf.get(key);
  if (known !== undefined) return known.slice();
  let spki: Uint8Array;
  if (key.kind === 'ec') {
    const alg = encodeTlv(
      0x30,
      concatBytes(ALG_EC_PREFIX, ALG_EC_CURVE[curveInfo(key.curve).name]),
    );
    spki = encodeTlv(
      0x30,
      concatBytes(alg, encodeTlv(0x03, concatBytes(Uint8Array.of(0), key.point))),
    );
  } else if (key.kind === 'rsa') {
    const rsaKey = encodeTlv(
      0x30,
      concatBytes(
        encodeUnsignedInteger(bigIntToMinimalBytes(key.n)),
        encodeUnsignedInteger(bigIntToMinimalBytes(key.e)),
      ),
    );
    spki = encodeTlv(
      0x30,
      concatBytes(encodeTlv(0x30, ALG_RSA), encodeTlv(0x03, concatBytes(Uint8Array.of(0), rsaKey))),
    );
  } else {
    return fail('ERR_INVALID_KEY', 'exportSpki: not a jitsuin public key');
  }
  spkiOf.set(key, spki);
  return spki.slice();
}

/** Clears the SPKI import cache (tests and benchmarks). @internal */
export function clearKeyCache(): void {
  importCache.clear();
}
