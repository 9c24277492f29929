/**
 * ECDSA on P-256 / P-384: deterministic RFC 6979 signing and HKDF key derivation for vectors and
 * tests; verification (either backend, high-S accepted) is in `ecdsa-verify.ts`, re-exported here.
 * @module
 */
import { fail } from '../internal/fail.js';
import { concatBytes } from '../encoding/bytes.js';
import { utf8Encode } from '../encoding/utf8.js';
import { curveInfo, type CurveName } from './internal/curves.js';
import { nobleEcdsa } from './internal/noble.js';
import { bigIntToBytes, bytesToBigInt } from './internal/bigint.js';
import { assertHashName, hkdfSha256, type HashName } from './hash.js';
import { rawToDerSignature } from './ecdsa-signature.js';
import { ecPublicKeyFromPoint, type EcPublicKey } from './keys.js';
import { objectArgument } from '../internal/args.js';
import { checkMessage } from './ecdsa-verify.js';

export { verifyEcdsa, type VerifyEcdsaOptions } from './ecdsa-verify.js';

/** Options of {@link signEcdsa}. */
export interface SignEcdsaOptions {
  /** Curve of the private key (default P-256). */
  readonly curve?: CurveName;
  /** Message hash; defaults to SHA-256 on P-256 and SHA-384 on P-384. */
  readonly hash?: HashName;
  /** Output encoding (default raw r||s). */
  readonly format?: 'raw' | 'der';
  /** Return the high-S member of the {s, n-s} pair instead of the low-S one (for test vectors). */
  readonly highS?: boolean;
}

function privateScalar(privateKey: Uint8Array, curve: CurveName): bigint {
  const info = curveInfo(curve);
  if (!(privateKey instanceof Uint8Array) || privateKey.length !== info.size) {
    fail('ERR_INVALID_KEY', `private key must be ${info.size} bytes for ${info.name}`);
  }
  const d = bytesToBigInt(privateKey);
  if (d < 1n || d >= info.n)
    fail('ERR_INVALID_KEY', `private key scalar is not in [1, n-1] for ${info.name}`);
  return d;
}

/**
 * Signs `message` deterministically (RFC 6979 with HMAC over the same hash as the message,
 * no extra entropy). Returns the low-S signature unless `highS` is set. Meant for vectors, tests
 * and test CAs; production signing keys live in secure hardware.
 */
export function signEcdsa(
  privateKey: Uint8Array,
  message: Uint8Array,
  options: SignEcdsaOptions = {},
): Uint8Array {
  objectArgument(options, 'signEcdsa: options');
  const info = curveInfo(options.curve ?? 'P-256');
  privateScalar(privateKey, info.name);
  checkMessage(message, 'signEcdsa');
  const hash = options.hash ?? info.defaultHash;
  assertHashName(hash);
  const raw = nobleEcdsa(info.name, hash).sign(message, privateKey, {
    lowS: false,
    prehash: true,
    extraEntropy: false,
    format: 'compact',
  });
  const r = raw.subarray(0, info.size);
  let s = bytesToBigInt(raw.subarray(info.size));
  const isHigh = s > info.n >> 1n;
  if (isHigh !== (options.highS === true)) s = info.n - s;
  const out = concatBytes(r, bigIntToBytes(s, info.size));
  return options.format === 'der' ? rawToDerSignature(out, info.name) : out;
}

/** The public key of an EC private key (big-endian scalar of the curve's size). */
export function getEcPublicKey(privateKey: Uint8Array, curve: CurveName = 'P-256'): EcPublicKey {
  privateScalar(privateKey, curve);
  return ecPublicKeyFromPoint(
    curve,
    nobleEcdsa(curve, curveInfo(curve).defaultHash).getPublicKey(privateKey, false),
  );
}

/**
 * Derives an EC private key deterministically ([CRY-17]): OKM = HKDF-SHA-256(IKM = seed,
 * salt = UTF-8 "jitsuin/ec-private-key/" + curve, info = UTF-8 label, L = size + 16 bytes), and
 * d = (OKM as a big-endian integer mod (n - 1)) + 1, so d is in [1, n-1] with negligible bias
 * (FIPS 186-5 A.2.1). For vectors and tests only.
 */
export function derivePrivateKey(
  seed: Uint8Array,
  label: string,
  curve: CurveName = 'P-256',
): Uint8Array {
  const info = curveInfo(curve);
  if (!(seed instanceof Uint8Array) || seed.length === 0)
    fail('ERR_INVALID_ARGUMENT', 'derivePrivateKey: seed must be a non-empty Uint8Array');
  if (typeof label !== 'string' || label.length === 0)
    fail('ERR_INVALID_ARGUMENT', 'derivePrivateKey: label must be a non-empty string');
  const okm = hkdfSha256(
    seed,
    utf8Encode(`jitsuin/ec-private-key/${info.name}`),
    utf8Encode(label),
    info.size + 16,
  );
  const d = (bytesToBigInt(okm) % (info.n - 1n)) + 1n;
  return bigIntToBytes(d, info.size);
}
