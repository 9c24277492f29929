/**
 * Signature verification and hashing: jitsuin through each crypto backend against `node:crypto`
 * (OpenSSL), the reference, with raw WebCrypto `subtle.verify` as a second yardstick for what the
 * webcrypto backend adds. Keys are imported once, as a verifier holding a key would do.
 */
import { generateKeyPairSync, sign, verify, createHash, type KeyObject } from 'node:crypto';
import { p256 } from '@noble/curves/nist.js';
import {
  importSpki,
  setCryptoBackend,
  sha256,
  verifyEcdsa,
  verifyRsaPkcs1v15,
  type EcPublicKey,
  type PublicKey,
  type RsaPublicKey,
} from '../../src/crypto/index.js';
import { benchGroup } from './harness.js';

const message = new TextEncoder().encode(
  'jitsuin benchmark message: a 64-byte JWS signing input stand-in.',
);

function spkiOf(key: KeyObject): Uint8Array<ArrayBuffer> {
  return new Uint8Array(key.export({ type: 'spki', format: 'der' }));
}

/** Fails loudly if a fixture key is not of the expected kind (a bench must measure the right thing). */
function expectKind<K extends PublicKey['kind']>(
  key: PublicKey,
  kind: K,
): Extract<PublicKey, { kind: K }> {
  if (key.kind !== kind) throw new Error(`fixture key is ${key.kind}, expected ${kind}`);
  return key as Extract<PublicKey, { kind: K }>;
}

function verifyThrough(
  backend: 'webcrypto' | 'noble',
  run: () => Promise<void>,
): { setup: () => void; run: () => Promise<void> } {
  return { setup: () => setCryptoBackend(backend), run };
}

// --- P-256 -------------------------------------------------------------------------------------
let ec:
  | {
      nodeKey: KeyObject;
      jitsuinKey: EcPublicKey;
      cryptoKey: CryptoKey;
      raw: Uint8Array<ArrayBuffer>;
      point: Uint8Array;
    }
  | undefined;

/** Case names the Goals table of `run.ts` reads (the noble goal compares these two rows). */
export const NOBLE_BACKEND_CASE = 'jitsuin verifyEcdsa, noble backend';
export const RAW_NOBLE_CASE = '@noble/curves p256.verify (raw)';
export const RAW_RSA_CASE = 'WebCrypto subtle.verify (raw)';
export const RSA_PATH_CASE = 'jitsuin verifyRsaPkcs1v15, webcrypto backend';

export const p256Verify = benchGroup({
  title: 'P-256 ECDSA verify (SHA-256)',
  description:
    'Verify one raw r‖s signature over a 64-byte message with an already imported key. ' +
    'The raw @noble/curves row is the yardstick of the noble backend: p256.verify called directly with what the backend passes it (the same message, the raw 64-byte signature as format compact, the uncompressed public point as bytes, prehash on, lowS off).',
  reference: 'node:crypto verify',
  async setup() {
    const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const raw = new Uint8Array(
      sign('sha256', message, { key: privateKey, dsaEncoding: 'ieee-p1363' }),
    );
    const spki = spkiOf(publicKey);
    const cryptoKey = await globalThis.crypto.subtle.importKey(
      'spki',
      spki,
      { name: 'ECDSA', namedCurve: 'P-256' },
      false,
      ['verify'],
    );
    const jitsuinKey = expectKind(importSpki(spki), 'ec');
    const point = jitsuinKey.point.slice();
    if (!p256.verify(raw, message, point, { prehash: true, lowS: false, format: 'compact' }))
      throw new Error('noble rejected the fixture');
    ec = { nodeKey: publicKey, jitsuinKey, cryptoKey, raw, point };
  },
  cases: () => {
    const f = ec!;
    return {
      'node:crypto verify': () => {
        if (!verify('sha256', message, { key: f.nodeKey, dsaEncoding: 'ieee-p1363' }, f.raw))
          throw new Error('node:crypto rejected the fixture');
      },
      'WebCrypto subtle.verify (raw)': async () => {
        if (
          !(await globalThis.crypto.subtle.verify(
            { name: 'ECDSA', hash: 'SHA-256' },
            f.cryptoKey,
            f.raw,
            message,
          ))
        )
          throw new Error('subtle rejected the fixture');
      },
      'jitsuin verifyEcdsa, webcrypto backend': verifyThrough('webcrypto', () =>
        verifyEcdsa(f.jitsuinKey, message, f.raw, { format: 'raw' }),
      ),
      [RAW_NOBLE_CASE]: () => {
        if (
          !p256.verify(f.raw, message, f.point, { prehash: true, lowS: false, format: 'compact' })
        )
          throw new Error('noble rejected the fixture');
      },
      [NOBLE_BACKEND_CASE]: verifyThrough('noble', () =>
        verifyEcdsa(f.jitsuinKey, message, f.raw, { format: 'raw' }),
      ),
    };
  },
});

// --- RSA-2048 ----------------------------------------------------------------------------------
let rsa:
  | {
      nodeKey: KeyObject;
      jitsuinKey: RsaPublicKey;
      cryptoKey: CryptoKey;
      sig: Uint8Array<ArrayBuffer>;
    }
  | undefined;

export const rsaVerify = benchGroup({
  title: 'RSA-2048 PKCS#1 v1.5 verify (SHA-256)',
  description:
    'Verify one RSASSA-PKCS1-v1_5 signature (e = 65537) over a 64-byte message with an already imported key.',
  reference: 'node:crypto verify',
  async setup() {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      publicExponent: 65537,
    });
    const sig = new Uint8Array(sign('sha256', message, privateKey));
    const spki = spkiOf(publicKey);
    const cryptoKey = await globalThis.crypto.subtle.importKey(
      'spki',
      spki,
      { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
      false,
      ['verify'],
    );
    rsa = { nodeKey: publicKey, jitsuinKey: expectKind(importSpki(spki), 'rsa'), cryptoKey, sig };
  },
  cases: () => {
    const f = rsa!;
    return {
      'node:crypto verify': () => {
        if (!verify('sha256', message, f.nodeKey, f.sig))
          throw new Error('node:crypto rejected the fixture');
      },
      [RAW_RSA_CASE]: async () => {
        if (
          !(await globalThis.crypto.subtle.verify('RSASSA-PKCS1-v1_5', f.cryptoKey, f.sig, message))
        )
          throw new Error('subtle rejected the fixture');
      },
      [RSA_PATH_CASE]: verifyThrough('webcrypto', () =>
        verifyRsaPkcs1v15(f.jitsuinKey, message, f.sig, 'SHA-256'),
      ),
      'jitsuin verifyRsaPkcs1v15, noble backend': verifyThrough('noble', () =>
        verifyRsaPkcs1v15(f.jitsuinKey, message, f.sig, 'SHA-256'),
      ),
    };
  },
});

// --- SHA-256 -----------------------------------------------------------------------------------
function sha256Group(size: number, label: string) {
  const data = new Uint8Array(size).map((_, i) => (i * 31 + 7) & 0xff);
  return benchGroup({
    title: `SHA-256, ${label}`,
    description: `Hash ${size} bytes. jitsuin's sha256 is synchronous @noble/hashes on every backend.`,
    reference: 'node:crypto createHash',
    cases: () => ({
      'node:crypto createHash': () => createHash('sha256').update(data).digest(),
      'jitsuin sha256 (noble)': () => sha256(data),
    }),
  });
}

export const sha256Small = sha256Group(64, '64 bytes');
export const sha256Large = sha256Group(16 * 1024, '16 KiB');
