/** WebCrypto key import with a per-key cache. @module */
import { fail } from '../../internal/fail.js';
import { platformSubtle } from '../backend.js';
import { exportSpki, type PublicKey } from '../keys.js';
import type { HashName } from '../hash.js';

/** Imported CryptoKeys per PublicKey object and per algorithm (RSA binds the hash at import). */
const imported = new WeakMap<PublicKey, Map<string, Promise<CryptoKey>>>();

/** The SubtleCrypto of the runtime; fails if there is none. */
export function subtle(): SubtleCrypto {
  const s = platformSubtle();
  if (s === undefined)
    return fail(
      'ERR_BACKEND_UNAVAILABLE',
      'WebCrypto (crypto.subtle) is not available in this runtime',
    );
  return s;
}

/** Imports (once) the verification CryptoKey of `key` for ECDSA, or for RSASSA-PKCS1-v1_5 with `hash`. */
export function cryptoKeyFor(key: PublicKey, hash: HashName): Promise<CryptoKey> {
  let perKey = imported.get(key);
  if (perKey === undefined) {
    perKey = new Map();
    imported.set(key, perKey);
  }
  const slot = key.kind === 'ec' ? 'ec' : `rsa/${hash}`;
  let pending = perKey.get(slot);
  if (pending === undefined) {
    const algorithm: EcKeyImportParams | RsaHashedImportParams =
      key.kind === 'ec'
        ? { name: 'ECDSA', namedCurve: key.curve }
        : { name: 'RSASSA-PKCS1-v1_5', hash };
    // EC keys go in as the raw uncompressed point, already checked to be on the curve: the same key
    // as its SubjectPublicKeyInfo, and WebCrypto skips the DER parse (Node: about a third of the cost).
    const importing =
      key.kind === 'ec'
        ? subtle().importKey('raw', key.point as Uint8Array<ArrayBuffer>, algorithm, false, [
            'verify',
          ])
        : subtle().importKey('spki', exportSpki(key) as Uint8Array<ArrayBuffer>, algorithm, false, [
            'verify',
          ]);
    pending = importing.catch((e: unknown) =>
      fail(
        'ERR_INVALID_KEY',
        `WebCrypto refused to import the ${key.kind === 'ec' ? key.curve : 'RSA'} key`,
        'CRY-16',
        e,
      ),
    );
    // A failed import is not cached.
    pending.catch(() => perKey.delete(slot));
    perKey.set(slot, pending);
  }
  return pending;
}
