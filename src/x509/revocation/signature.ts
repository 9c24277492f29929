/**
 * Signature verification of signed revocation objects (CRLs, OCSP responses) and of the
 * certificates that authorise them, for the algorithms the certificate profile admits.
 * @internal
 */
import { verifyEcdsa } from '../../crypto/ecdsa-verify.js';
import type { HashName } from '../../crypto/hash.js';
import { importSpki } from '../../crypto/keys.js';
import { verifyRsaPkcs1v15 } from '../../crypto/rsa.js';
import { hexEncode } from '../../encoding/hex.js';

const ECDSA: Readonly<Record<string, HashName>> = {
  '1.2.840.10045.4.3.2': 'SHA-256',
  '1.2.840.10045.4.3.3': 'SHA-384',
  '1.2.840.10045.4.3.4': 'SHA-512',
};
const RSA: Readonly<Record<string, HashName>> = {
  '1.2.840.113549.1.1.11': 'SHA-256',
  '1.2.840.113549.1.1.12': 'SHA-384',
  '1.2.840.113549.1.1.13': 'SHA-512',
};
const NULL = Uint8Array.of(0x05, 0x00);

/** An AlgorithmIdentifier as the x509 area represents it. @internal */
export interface SignatureAlgorithm {
  readonly oid: string;
  readonly parameters?: Uint8Array;
}

/**
 * Verifies `signature` over `message` under the SubjectPublicKeyInfo `spki`. Returns a reason
 * string on failure instead of throwing, so callers can try several candidate signers.
 * @internal
 */
export async function verifySignature(
  message: Uint8Array,
  algorithm: SignatureAlgorithm,
  signature: Uint8Array,
  spki: Uint8Array,
): Promise<string | undefined> {
  try {
    const key = importSpki(spki);
    const ecHash = ECDSA[algorithm.oid];
    const rsaHash = RSA[algorithm.oid];
    if (ecHash !== undefined) {
      if (algorithm.parameters !== undefined) return 'ECDSA AlgorithmIdentifier with parameters';
      if (key.kind !== 'ec') return 'ECDSA signature but the signer key is not EC';
      await verifyEcdsa(key, message, signature, { format: 'der', hash: ecHash });
      return undefined;
    }
    if (rsaHash !== undefined) {
      const p = algorithm.parameters;
      if (p !== undefined && !(p.length === 2 && p[0] === NULL[0] && p[1] === NULL[1]))
        return 'RSA AlgorithmIdentifier parameters are not NULL';
      if (key.kind !== 'rsa') return 'RSA signature but the signer key is not RSA';
      await verifyRsaPkcs1v15(key, message, signature, rsaHash);
      return undefined;
    }
    return `signature algorithm ${algorithm.oid} is not supported`;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

const verified = new WeakMap<object, Map<string, string | undefined>>();

/**
 * {@link verifySignature} memoised per signed object (a parsed CRL or OCSP response, which is
 * immutable and itself cached by its bytes) and signer key: the same CRL is checked once per
 * certificate of a path, and a large CRL's signature is then verified once.
 * @internal
 */
export async function verifySignatureOnce(
  owner: object,
  message: Uint8Array,
  algorithm: SignatureAlgorithm,
  signature: Uint8Array,
  spki: Uint8Array,
): Promise<string | undefined> {
  let byKey = verified.get(owner);
  if (byKey === undefined) {
    byKey = new Map();
    verified.set(owner, byKey);
  }
  const id = hexEncode(spki);
  if (byKey.has(id)) return byKey.get(id);
  const why = await verifySignature(message, algorithm, signature, spki);
  byKey.set(id, why);
  return why;
}
