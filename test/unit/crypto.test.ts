/**
 * Crypto unit tests. Known answers come from the RFCs (facts written as our own test data);
 * interoperability is checked against node:crypto; everything backend-dependent runs once per
 * backend.
 */
import { afterAll, describe, expect, it, vi } from 'vitest';
import {
  checkPrimeSync,
  createPublicKey,
  generateKeyPairSync,
  sign as nodeSign,
  verify as nodeVerify,
} from 'node:crypto';
import { isJitsuinError, type ErrorCode } from '../../src/errors.js';
import { hexDecode, hexEncode } from '../../src/encoding/hex.js';
import { utf8Encode } from '../../src/encoding/utf8.js';
import { concatBytes } from '../../src/encoding/bytes.js';
import {
  derToRawSignature,
  derivePrivateKey,
  digest,
  ecPublicKeyFromPoint,
  exportSpki,
  generateRsaKeyPair,
  getCryptoBackend,
  getEcPublicKey,
  hkdfSha256,
  hmacSha256,
  importSpki,
  normalizeEcdsaSignature,
  randomBytes,
  rawToDerSignature,
  rsaPublicKey,
  setCryptoBackend,
  sha256,
  sha384,
  sha512,
  signEcdsa,
  signRsaPkcs1v15,
  verifyEcdsa,
  verifyRsaPkcs1v15,
  type EcPublicKey,
  type HashName,
  type PublicKey,
  type RsaPublicKey,
} from '../../src/crypto/index.js';
import { sha1 } from '../../src/crypto/hash.js';
import { clearRsaKeyCache, rsaSignEncoded } from '../../src/crypto/rsa-keygen.js';
import { emsaPkcs1v15Encode } from '../../src/crypto/internal/emsa-pkcs1.js';
import { ecdsaSignatureReadings } from '../../src/crypto/ecdsa-signature.js';
import { rsaPublicKeyFromComponents } from '../../src/crypto/keys.js';
import { bytesToBigInt, bigIntToBytes, modPow } from '../../src/crypto/internal/bigint.js';

const P256_N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
const SEED = utf8Encode('jitsuin/test/crypto');

/** Resolves to 'valid' or the JitsuinError code; anything else is re-thrown (a bug). */
async function outcome(f: () => unknown): Promise<string> {
  try {
    await f();
    return 'valid';
  } catch (e) {
    if (isJitsuinError(e)) return e.code;
    throw e;
  }
}

async function expectCode(code: ErrorCode, f: () => unknown): Promise<void> {
  expect(await outcome(f)).toBe(code);
}

function asEc(key: PublicKey): EcPublicKey {
  if (key.kind !== 'ec') throw new Error('expected an EC key');
  return key;
}
function asRsa(key: PublicKey): RsaPublicKey {
  if (key.kind !== 'rsa') throw new Error('expected an RSA key');
  return key;
}

afterAll(() => setCryptoBackend('auto'));

describe('hashes, HMAC, HKDF (known answers)', () => {
  const abc = utf8Encode('abc');
  it('SHA-256/384/512 of "abc" (FIPS 180-4 examples)', () => {
    expect(hexEncode(sha256(abc))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(hexEncode(sha384(abc))).toBe(
      'cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7',
    );
    expect(hexEncode(sha512(abc))).toBe(
      'ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f',
    );
    expect(hexEncode(digest('SHA-384', abc))).toBe(hexEncode(sha384(abc)));
    expect(hexEncode(sha1(abc))).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
  });

  it('HMAC-SHA-256, RFC 4231 test case 1', () => {
    const key = new Uint8Array(20).fill(0x0b);
    expect(hexEncode(hmacSha256(key, utf8Encode('Hi There')))).toBe(
      'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7',
    );
  });

  it('HKDF-SHA-256, RFC 5869 test case 1', () => {
    const ikm = new Uint8Array(22).fill(0x0b);
    const salt = hexDecode('000102030405060708090a0b0c');
    const info = hexDecode('f0f1f2f3f4f5f6f7f8f9');
    expect(hexEncode(hkdfSha256(ikm, salt, info, 42))).toBe(
      '3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865',
    );
  });

  it('HKDF length outside 1..8160 is ERR_INVALID_ARGUMENT', async () => {
    await expectCode('ERR_INVALID_ARGUMENT', () =>
      hkdfSha256(SEED, new Uint8Array(0), new Uint8Array(0), 0),
    );
    await expectCode('ERR_INVALID_ARGUMENT', () =>
      hkdfSha256(SEED, new Uint8Array(0), new Uint8Array(0), 8161),
    );
    expect(hkdfSha256(SEED, new Uint8Array(0), new Uint8Array(0), 8160).length).toBe(8160);
  });

  it('hash, HMAC and HKDF inputs that are not Uint8Arrays are ERR_INVALID_ARGUMENT, not a TypeError from below', async () => {
    const text = 'abc' as never;
    for (const f of [
      () => sha256(text),
      () => sha384(text),
      () => sha512(text),
      () => sha1(text),
      () => digest('SHA-256', text),
      () => hmacSha256(text, SEED),
      () => hmacSha256(SEED, text),
      () => hkdfSha256(text, SEED, SEED, 32),
    ]) {
      await expectCode('ERR_INVALID_ARGUMENT', f);
    }
  });

  it('[CRY-14] a hash other than SHA-256/384/512 is ERR_UNSUPPORTED_ALGORITHM', async () => {
    await expectCode('ERR_UNSUPPORTED_ALGORITHM', () => digest('SHA-1' as HashName, abc));
    await expectCode('ERR_UNSUPPORTED_ALGORITHM', () =>
      signEcdsa(derivePrivateKey(SEED, 'k'), abc, { hash: 'MD5' as HashName }),
    );
  });

  it('randomBytes returns fresh bytes of the requested length, beyond the 65536-byte getRandomValues limit', () => {
    expect(randomBytes(0).length).toBe(0);
    const big = randomBytes(70000);
    expect(big.length).toBe(70000);
    expect(big.subarray(65536).some((b) => b !== 0)).toBe(true);
    expect(hexEncode(randomBytes(32))).not.toBe(hexEncode(randomBytes(32)));
  });
});

describe('deterministic ECDSA signing and key derivation', () => {
  // RFC 6979 appendix A.2.5 (P-256): private key, public key and the signatures of "sample" and "test" with SHA-256.
  const x = hexDecode('c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721');
  const ux = '60fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb6';
  const uy = '7903fe1008b8bc99a41ae9e95628bc64f2f1b20c2d7e9f5177a3c294d4462299';
  const sampleR = 'efd48b2aacb6a8fd1140dd9cd45e81d69d2c877b56aaf991c34d0ea84eaf3716';
  const sampleS = 'f7cb1c942d657c41d436c7a1b6e29f65f3e900dbb9aff4064dc4ab2f843acda8';
  const testR = 'f1abb023518351cd71d881567b1ea663ed3efcf6c5132b354f28d3b0b7d38367';
  const testS = '019f4113742a2b14bd25926b49c649155f267e60d3814b4c0cc84250e46f0083';

  it('[CRY-18] RFC 6979 A.2.5 P-256/SHA-256 known answers (public key, "sample", "test")', () => {
    expect(hexEncode(getEcPublicKey(x).point)).toBe('04' + ux + uy);
    // "sample": RFC 6979's s is high; highS:true returns it unchanged, the default returns n - s.
    expect(hexEncode(signEcdsa(x, utf8Encode('sample'), { highS: true }))).toBe(sampleR + sampleS);
    const low = signEcdsa(x, utf8Encode('sample'));
    expect(hexEncode(low.subarray(0, 32))).toBe(sampleR);
    expect(bytesToBigInt(low.subarray(32))).toBe(P256_N - BigInt('0x' + sampleS));
    // "test": RFC 6979's s is already low.
    expect(hexEncode(signEcdsa(x, utf8Encode('test')))).toBe(testR + testS);
    expect(hexEncode(signEcdsa(x, utf8Encode('test'), { format: 'der' }))).toBe(
      hexEncode(rawToDerSignature(hexDecode(testR + testS))),
    );
  });

  it('[CRY-10] the signer emits low-S by default and the high-S twin on request', () => {
    for (let i = 0; i < 20; i++) {
      const m = utf8Encode(`low-s ${i}`);
      const low = bytesToBigInt(signEcdsa(x, m).subarray(32));
      const high = bytesToBigInt(signEcdsa(x, m, { highS: true }).subarray(32));
      expect(low <= P256_N / 2n).toBe(true);
      expect(high > P256_N / 2n).toBe(true);
      expect(low + high).toBe(P256_N);
    }
  });

  it('[CRY-17] derivePrivateKey is HKDF-SHA-256 reduced mod n-1 plus 1, per curve', () => {
    for (const [curve, size, n] of [
      ['P-256', 32, P256_N],
      [
        'P-384',
        48,
        0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973n,
      ],
    ] as const) {
      const okm = hkdfSha256(
        SEED,
        utf8Encode(`jitsuin/ec-private-key/${curve}`),
        utf8Encode('label-1'),
        size + 16,
      );
      const expected = (bytesToBigInt(okm) % (n - 1n)) + 1n;
      const d = derivePrivateKey(SEED, 'label-1', curve);
      expect(d.length).toBe(size);
      expect(bytesToBigInt(d)).toBe(expected);
      expect(hexEncode(derivePrivateKey(SEED, 'label-1', curve))).toBe(hexEncode(d));
      expect(hexEncode(derivePrivateKey(SEED, 'label-2', curve))).not.toBe(hexEncode(d));
    }
  });

  it('private keys outside [1, n-1] or of the wrong length are ERR_INVALID_KEY', async () => {
    await expectCode('ERR_INVALID_KEY', () => signEcdsa(new Uint8Array(32), utf8Encode('m')));
    await expectCode('ERR_INVALID_KEY', () =>
      signEcdsa(bigIntToBytes(P256_N, 32), utf8Encode('m')),
    );
    await expectCode('ERR_INVALID_KEY', () => getEcPublicKey(new Uint8Array(31)));
    await expectCode('ERR_UNSUPPORTED_ALGORITHM', () =>
      signEcdsa(x, utf8Encode('m'), { curve: 'P-521' as 'P-256' }),
    );
  });

  it('signatures verify under node:crypto (DER, and P1363 for raw)', () => {
    const key = createPublicKey({
      key: exportSpki(getEcPublicKey(x)) as Buffer,
      format: 'der',
      type: 'spki',
    } as never);
    const m = utf8Encode('interop');
    expect(nodeVerify('sha256', m, key, signEcdsa(x, m, { format: 'der' }))).toBe(true);
    expect(
      nodeVerify('sha256', m, { key, dsaEncoding: 'ieee-p1363' }, signEcdsa(x, m, { highS: true })),
    ).toBe(true);
    const d384 = derivePrivateKey(SEED, 'p384', 'P-384');
    const key384 = createPublicKey({
      key: Buffer.from(exportSpki(getEcPublicKey(d384, 'P-384'))),
      format: 'der',
      type: 'spki',
    });
    expect(
      nodeVerify('sha384', m, key384, signEcdsa(d384, m, { curve: 'P-384', format: 'der' })),
    ).toBe(true);
    expect(nodeVerify('sha512', m, key, signEcdsa(x, m, { hash: 'SHA-512', format: 'der' }))).toBe(
      true,
    );
  });
});

describe('deterministic RSA key generation', () => {
  it('[CRY-19] generateRsaKeyPair is deterministic, e = 65537, n = pq with two primes of half size, p > q, d inverts e', () => {
    clearRsaKeyCache();
    const a = generateRsaKeyPair(SEED, 'rsa-test', 2048);
    clearRsaKeyCache();
    const b = generateRsaKeyPair(SEED, 'rsa-test', 2048);
    expect(b).not.toBe(a);
    expect(b.n).toBe(a.n);
    expect(generateRsaKeyPair(SEED, 'rsa-test', 2048)).toBe(b); // cached
    expect(a.e).toBe(65537n);
    expect(a.bits).toBe(2048);
    expect(a.p * a.q).toBe(a.n);
    expect(a.p > a.q).toBe(true);
    expect(a.p.toString(2).length).toBe(1024);
    expect(a.q.toString(2).length).toBe(1024);
    expect(checkPrimeSync(a.p, { checks: 32 })).toBe(true);
    expect(checkPrimeSync(a.q, { checks: 32 })).toBe(true);
    expect(modPow(modPow(12345n, a.e, a.n), a.d, a.n)).toBe(12345n);
    expect((a.qInv * a.q) % a.p).toBe(1n);
    expect(generateRsaKeyPair(SEED, 'rsa-test-2', 2048).n).not.toBe(a.n);
  });

  it('rejects bad parameters with ERR_INVALID_ARGUMENT', async () => {
    await expectCode('ERR_INVALID_ARGUMENT', () => generateRsaKeyPair(SEED, 'x', 1000));
    await expectCode('ERR_INVALID_ARGUMENT', () => generateRsaKeyPair(SEED, 'x', 4112));
    await expectCode('ERR_INVALID_ARGUMENT', () => generateRsaKeyPair(new Uint8Array(0), 'x'));
    await expectCode('ERR_INVALID_ARGUMENT', () => generateRsaKeyPair(SEED, ''));
  });

  it('signRsaPkcs1v15 output verifies under node:crypto and equals node:crypto signing with the same key', () => {
    const k = generateRsaKeyPair(SEED, 'rsa-test', 2048);
    const pub = createPublicKey({
      key: Buffer.from(exportSpki(rsaPublicKey(k))),
      format: 'der',
      type: 'spki',
    });
    const m = utf8Encode('rsa interop');
    for (const [hash, nodeHash] of [
      ['SHA-256', 'sha256'],
      ['SHA-384', 'sha384'],
      ['SHA-512', 'sha512'],
    ] as const) {
      expect(nodeVerify(nodeHash, m, pub, signRsaPkcs1v15(k, m, hash))).toBe(true);
    }
  });
});

describe('ECDSA signature encodings', () => {
  it('[CRY-05] [CRY-21] DER <-> raw on a known signature (RFC 6979 "test")', () => {
    const raw = hexDecode(
      'f1abb023518351cd71d881567b1ea663ed3efcf6c5132b354f28d3b0b7d38367019f4113742a2b14bd25926b49c649155f267e60d3814b4c0cc84250e46f0083',
    );
    const der = rawToDerSignature(raw);
    // r has its top bit set (needs 0x00), s starts 0x01 (no pad): 30 44 02 21 00 r 02 20 s
    expect(hexEncode(der)).toBe(
      '3045022100' + hexEncode(raw.subarray(0, 32)) + '0220' + hexEncode(raw.subarray(32)),
    );
    expect(hexEncode(derToRawSignature(der))).toBe(hexEncode(raw));
    expect(hexEncode(normalizeEcdsaSignature(der))).toBe(hexEncode(raw));
    expect(hexEncode(normalizeEcdsaSignature(raw))).toBe(hexEncode(raw));
  });

  it('[CRY-05] normalizeEcdsaSignature refuses 64 bytes that are both strict DER and raw r||s instead of reading them as raw', async () => {
    // 30 3e 02 1d r(29 bytes) 02 1d s(29 bytes): a strict DER signature of exactly 64 bytes, whose
    // raw reading (r' = 0x303e021d..., s' = 0x01021d...) is also in range.
    const r = new Uint8Array(29).fill(0x11);
    const s = new Uint8Array(29).fill(0x22);
    const der = concatBytes(Uint8Array.of(0x30, 0x3e, 0x02, 0x1d), r, Uint8Array.of(0x02, 0x1d), s);
    expect(der.length).toBe(64);
    const fromDer = derToRawSignature(der);
    expect(hexEncode(fromDer)).toBe('000000' + hexEncode(r) + '000000' + hexEncode(s));
    expect(ecdsaSignatureReadings(der).map(hexEncode)).toEqual([
      hexEncode(fromDer),
      hexEncode(der),
    ]);
    await expectCode('ERR_INVALID_SIGNATURE_ENCODING', () => normalizeEcdsaSignature(der));
    // Unambiguous inputs keep one reading each.
    const raw = signEcdsa(derivePrivateKey(SEED, 'k'), utf8Encode('m'));
    expect(ecdsaSignatureReadings(raw).map(hexEncode)).toEqual([hexEncode(raw)]);
    expect(ecdsaSignatureReadings(rawToDerSignature(raw)).map(hexEncode)).toEqual([hexEncode(raw)]);
  });

  it('[CRY-05] rejects BER forms of a valid DER signature', async () => {
    const der = rawToDerSignature(signEcdsa(derivePrivateKey(SEED, 'k'), utf8Encode('m')));
    const body = der.subarray(2);
    await expectCode('ERR_INVALID_SIGNATURE_ENCODING', () =>
      derToRawSignature(concatBytes(Uint8Array.of(0x30, 0x81, body.length), body)),
    );
    await expectCode('ERR_INVALID_SIGNATURE_ENCODING', () =>
      derToRawSignature(concatBytes(Uint8Array.of(0x30, 0x80), body, Uint8Array.of(0, 0))),
    );
    await expectCode('ERR_INVALID_SIGNATURE_ENCODING', () =>
      derToRawSignature(concatBytes(der, Uint8Array.of(0))),
    );
    await expectCode('ERR_INVALID_SIGNATURE_ENCODING', () =>
      normalizeEcdsaSignature(concatBytes(der, Uint8Array.of(0))),
    );
  });

  it('[CRY-06] [CRY-07] raw range and length checks; P-384 raw is 96 bytes', async () => {
    await expectCode('ERR_INVALID_SIGNATURE_ENCODING', () => rawToDerSignature(new Uint8Array(64)));
    await expectCode('ERR_INVALID_SIGNATURE_ENCODING', () =>
      rawToDerSignature(concatBytes(bigIntToBytes(1n, 32), bigIntToBytes(P256_N, 32))),
    );
    await expectCode('ERR_INVALID_SIGNATURE_ENCODING', () =>
      rawToDerSignature(new Uint8Array(63).fill(1)),
    );
    await expectCode('ERR_INVALID_SIGNATURE_ENCODING', () =>
      rawToDerSignature(new Uint8Array(64).fill(1), 'P-384'),
    );
    const raw384 = new Uint8Array(96).fill(1);
    expect(hexEncode(derToRawSignature(rawToDerSignature(raw384, 'P-384'), 'P-384'))).toBe(
      hexEncode(raw384),
    );
  });
});

describe('public keys', () => {
  const { publicKey: nodeEc } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const { publicKey: nodeRsa } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const ecSpki = new Uint8Array(nodeEc.export({ format: 'der', type: 'spki' }));
  const rsaSpki = new Uint8Array(nodeRsa.export({ format: 'der', type: 'spki' }));

  it('[CRY-01] [CRY-03] imports node:crypto SPKI for P-256 and RSA and exports the same bytes', () => {
    const ec = asEc(importSpki(ecSpki));
    expect(ec.curve).toBe('P-256');
    expect(ec.point.length).toBe(65);
    expect(hexEncode(exportSpki(ec))).toBe(hexEncode(ecSpki));
    const rebuilt = ecPublicKeyFromPoint('P-256', ec.point);
    expect(hexEncode(exportSpki(rebuilt))).toBe(hexEncode(ecSpki));
    const rsa = asRsa(importSpki(rsaSpki));
    expect(rsa.bits).toBe(2048);
    expect(rsa.byteLength).toBe(256);
    expect(rsa.e).toBe(65537n);
    expect(hexEncode(exportSpki(rsa))).toBe(hexEncode(rsaSpki));
    expect(hexEncode(exportSpki(rsaPublicKey(generateRsaKeyPair(SEED, 'rsa-test'))))).toBe(
      hexEncode(
        new Uint8Array(
          createPublicKey({
            key: Buffer.from(exportSpki(rsaPublicKey(generateRsaKeyPair(SEED, 'rsa-test')))),
            format: 'der',
            type: 'spki',
          }).export({ format: 'der', type: 'spki' }),
        ),
      ),
    );
  });

  it('import is cached by SPKI bytes: same object for same bytes', () => {
    expect(importSpki(ecSpki)).toBe(importSpki(ecSpki.slice()));
  });

  it('[CRY-04] an RSA modulus far over 4096 bits is ERR_UNSUPPORTED_ALGORITHM, as the spec says, not a size error', async () => {
    const huge = exportSpki(rsaPublicKeyFromComponents((1n << 19999n) + 1n, 65537n));
    expect(huge.length).toBeLessThanOrEqual(4096);
    await expectCode('ERR_UNSUPPORTED_ALGORITHM', () => importSpki(huge));
    expect(() => importSpki(huge)).toThrow(expect.objectContaining({ requirement: 'CRY-04' }));
    // Only an input beyond the documented 4096-byte SPKI bound is a size error.
    await expectCode('ERR_INPUT_TOO_LARGE', () => importSpki(new Uint8Array(4097)));
  });

  it('[CRY-04] the RSA size policy applies on every import, also after a lenient one was cached', async () => {
    const k1024 = generateRsaKeyPair(SEED, 'weak', 1024);
    const spki = exportSpki(rsaPublicKey(k1024));
    expect(asRsa(importSpki(spki, { minRsaBits: 1024 })).bits).toBe(1024);
    await expectCode('ERR_UNSUPPORTED_ALGORITHM', () => importSpki(spki));
    await expectCode('ERR_INVALID_ARGUMENT', () => importSpki(spki, { minRsaBits: 512 }));
    // A key object built without importSpki is checked by the verifier too.
    const m = utf8Encode('m');
    await expectCode('ERR_UNSUPPORTED_ALGORITHM', () =>
      verifyRsaPkcs1v15(rsaPublicKey(k1024), m, signRsaPkcs1v15(k1024, m)),
    );
    await verifyRsaPkcs1v15(rsaPublicKey(k1024), m, signRsaPkcs1v15(k1024, m), 'SHA-256', {
      minRsaBits: 1024,
    });
  });

  it('[CRY-20] a hand-built RSA key object with e = 1 or an even modulus is ERR_INVALID_KEY at verification', async () => {
    const k = rsaPublicKey(generateRsaKeyPair(SEED, 'rsa-test'));
    const m = utf8Encode('m');
    const s = new Uint8Array(256).fill(1);
    await expectCode('ERR_INVALID_KEY', () => verifyRsaPkcs1v15({ ...k, e: 1n }, m, s));
    await expectCode('ERR_INVALID_KEY', () => verifyRsaPkcs1v15({ ...k, n: k.n + 1n }, m, s));
  });

  it('[CRY-02] ecPublicKeyFromPoint rejects compressed, off-curve and wrong-length points', async () => {
    const point = asEc(importSpki(ecSpki)).point;
    await expectCode('ERR_INVALID_KEY', () =>
      ecPublicKeyFromPoint('P-256', concatBytes(Uint8Array.of(2), point.subarray(1, 33))),
    );
    const off = point.slice();
    off[64] = (off[64] as number) ^ 1;
    await expectCode('ERR_INVALID_KEY', () => ecPublicKeyFromPoint('P-256', off));
    await expectCode('ERR_INVALID_KEY', () => ecPublicKeyFromPoint('P-384', point));
  });

  it('[CRY-01] ed25519, RSA-PSS and secp256k1 keys from node:crypto are ERR_UNSUPPORTED_ALGORITHM', async () => {
    for (const [type, opts] of [
      ['ed25519', {}],
      ['rsa-pss', { modulusLength: 2048 }],
      ['ec', { namedCurve: 'secp256k1' }],
    ] as const) {
      const { publicKey } = generateKeyPairSync(type as 'ec', opts as { namedCurve: string });
      await expectCode('ERR_UNSUPPORTED_ALGORITHM', () =>
        importSpki(new Uint8Array(publicKey.export({ format: 'der', type: 'spki' }))),
      );
    }
  });
});

describe('backend selection', () => {
  it('setCryptoBackend / getCryptoBackend; unknown names are ERR_INVALID_ARGUMENT', async () => {
    setCryptoBackend('noble');
    expect(getCryptoBackend()).toBe('noble');
    setCryptoBackend('webcrypto');
    expect(getCryptoBackend()).toBe('webcrypto');
    setCryptoBackend('auto');
    expect(getCryptoBackend()).toBe('webcrypto'); // Node 20 has crypto.subtle
    await expectCode('ERR_INVALID_ARGUMENT', () => setCryptoBackend('openssl' as 'noble'));
  });

  it('without crypto.subtle, auto resolves to noble and webcrypto is ERR_BACKEND_UNAVAILABLE', async () => {
    const spy = vi
      .spyOn(globalThis.crypto, 'subtle', 'get')
      .mockReturnValue(undefined as unknown as SubtleCrypto);
    try {
      setCryptoBackend('auto');
      expect(getCryptoBackend()).toBe('noble');
      await expectCode('ERR_BACKEND_UNAVAILABLE', () => setCryptoBackend('webcrypto'));
      const d = derivePrivateKey(SEED, 'k');
      const m = utf8Encode('m');
      await verifyEcdsa(getEcPublicKey(d), m, signEcdsa(d, m), { format: 'raw' });
    } finally {
      spy.mockRestore();
      setCryptoBackend('auto');
    }
  });
});

describe.each(['webcrypto', 'noble'] as const)('verification on the %s backend', (backend) => {
  const withBackend = <T>(f: () => T): T => {
    setCryptoBackend(backend);
    return f();
  };
  const d = derivePrivateKey(SEED, 'ecdsa-1');
  const key = getEcPublicKey(d);
  const other = getEcPublicKey(derivePrivateKey(SEED, 'ecdsa-2'));
  const m = utf8Encode('a login challenge');
  const low = signEcdsa(d, m);
  const high = signEcdsa(d, m, { highS: true });

  it('[CRY-08] [CRY-09] ECDSA: low-S and high-S verify, raw and DER', async () => {
    await withBackend(() => verifyEcdsa(key, m, low, { format: 'raw' }));
    await withBackend(() => verifyEcdsa(key, m, high, { format: 'raw' }));
    await withBackend(() => verifyEcdsa(key, m, rawToDerSignature(high), { format: 'der' }));
    await withBackend(() =>
      verifyEcdsa(key, m, rawToDerSignature(low), { format: 'der', hash: 'SHA-256' }),
    );
  });

  it('[CRY-09] ECDSA: wrong key, message, hash or a flipped bit is ERR_SIGNATURE_INVALID', async () => {
    const flipped = low.slice();
    flipped[40] = (flipped[40] as number) ^ 0x80;
    await expectCode('ERR_SIGNATURE_INVALID', () =>
      withBackend(() => verifyEcdsa(other, m, low, { format: 'raw' })),
    );
    await expectCode('ERR_SIGNATURE_INVALID', () =>
      withBackend(() => verifyEcdsa(key, utf8Encode('another'), low, { format: 'raw' })),
    );
    await expectCode('ERR_SIGNATURE_INVALID', () =>
      withBackend(() => verifyEcdsa(key, m, low, { format: 'raw', hash: 'SHA-384' })),
    );
    await expectCode('ERR_SIGNATURE_INVALID', () =>
      withBackend(() => verifyEcdsa(key, m, flipped, { format: 'raw' })),
    );
  });

  it('[CRY-07] ECDSA: bad format option is ERR_INVALID_ARGUMENT, wrong raw length ERR_INVALID_SIGNATURE_ENCODING', async () => {
    await expectCode('ERR_INVALID_ARGUMENT', () =>
      withBackend(() => verifyEcdsa(key, m, low, { format: 'jose' as 'raw' })),
    );
    await expectCode('ERR_INVALID_SIGNATURE_ENCODING', () =>
      withBackend(() => verifyEcdsa(key, m, low.subarray(1), { format: 'raw' })),
    );
    await expectCode('ERR_INVALID_KEY', () =>
      withBackend(() =>
        verifyEcdsa({ kind: 'rsa' } as unknown as EcPublicKey, m, low, { format: 'raw' }),
      ),
    );
  });

  it('[CRY-02] [CRY-16] a hand-built EC key object with an off-curve or wrong-curve point is ERR_INVALID_KEY on this backend', async () => {
    const off = key.point.slice();
    off[64] = (off[64] as number) ^ 1;
    await expectCode('ERR_INVALID_KEY', () =>
      withBackend(() =>
        verifyEcdsa({ kind: 'ec', curve: 'P-256', point: off }, m, low, { format: 'raw' }),
      ),
    );
    await expectCode('ERR_INVALID_KEY', () =>
      withBackend(() =>
        verifyEcdsa({ kind: 'ec', curve: 'P-384', point: key.point }, m, low, { format: 'raw' }),
      ),
    );
    await withBackend(() =>
      verifyEcdsa({ kind: 'ec', curve: 'P-256', point: key.point.slice() }, m, low, {
        format: 'raw',
      }),
    );
  });

  it('[CRY-09] ECDSA: P-384/SHA-384 and P-256/SHA-512 (digest truncated) from node:crypto verify', async () => {
    for (const [curve, nodeHash, hash] of [
      ['P-384', 'sha384', 'SHA-384'],
      ['P-256', 'sha512', 'SHA-512'],
    ] as const) {
      const kp = generateKeyPairSync('ec', { namedCurve: curve });
      const k = asEc(
        importSpki(new Uint8Array(kp.publicKey.export({ format: 'der', type: 'spki' }))),
      );
      const der = new Uint8Array(nodeSign(nodeHash, m, kp.privateKey));
      await withBackend(() => verifyEcdsa(k, m, der, { format: 'der', hash }));
      await expectCode('ERR_SIGNATURE_INVALID', () =>
        withBackend(() => verifyEcdsa(k, utf8Encode('x'), der, { format: 'der', hash })),
      );
    }
  });

  it('WebCrypto keys are imported once per PublicKey object', async () => {
    const kp = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const k = asEc(
      importSpki(new Uint8Array(kp.publicKey.export({ format: 'der', type: 'spki' }))),
    );
    const der = new Uint8Array(nodeSign('sha256', m, kp.privateKey));
    const spy = vi.spyOn(globalThis.crypto.subtle, 'importKey');
    try {
      for (let i = 0; i < 3; i++)
        await withBackend(() => verifyEcdsa(k, m, der, { format: 'der' }));
      expect(spy).toHaveBeenCalledTimes(backend === 'webcrypto' ? 1 : 0);
    } finally {
      spy.mockRestore();
    }
  });

  describe('RSA PKCS#1 v1.5', () => {
    const kp = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const rsa = asRsa(
      importSpki(new Uint8Array(kp.publicKey.export({ format: 'der', type: 'spki' }))),
    );
    const priv = generateRsaKeyPair(SEED, 'rsa-test');
    const ours = rsaPublicKey(priv);

    it('[CRY-11] node:crypto signatures with SHA-256/384/512 verify; ours too', async () => {
      for (const [nodeHash, hash] of [
        ['sha256', 'SHA-256'],
        ['sha384', 'SHA-384'],
        ['sha512', 'SHA-512'],
      ] as const) {
        await withBackend(() =>
          verifyRsaPkcs1v15(rsa, m, new Uint8Array(nodeSign(nodeHash, m, kp.privateKey)), hash),
        );
        await withBackend(() => verifyRsaPkcs1v15(ours, m, signRsaPkcs1v15(priv, m, hash), hash));
      }
      await withBackend(() => verifyRsaPkcs1v15(ours, m, signRsaPkcs1v15(priv, m))); // SHA-256 by default
    });

    it('[CRY-11] a DigestInfo without NULL, trailing garbage or a wrong hash is ERR_SIGNATURE_INVALID', async () => {
      const h = sha256(m);
      const noNull = hexDecode('302f300b0609608648016503040201' + '0420');
      const em = emsaPkcs1v15Encode('SHA-256', m, 256);
      const missingNull = new Uint8Array(256).fill(0xff);
      missingNull[0] = 0;
      missingNull[1] = 1;
      missingNull.set(concatBytes(Uint8Array.of(0), noNull, h), 256 - noNull.length - h.length - 1);
      // Bleichenbacher 2006 shape: PS shortened by 8 bytes, DigestInfo || H, then 8 bytes of garbage.
      const t = em.subarray(256 - 19 - 32);
      const garbage = new Uint8Array(256).fill(0xff);
      garbage[0] = 0;
      garbage[1] = 1;
      garbage.set(
        concatBytes(Uint8Array.of(0), t, new Uint8Array(8).fill(0x41)),
        256 - 1 - t.length - 8,
      );
      for (const bad of [missingNull, garbage]) {
        await expectCode('ERR_SIGNATURE_INVALID', () =>
          withBackend(() => verifyRsaPkcs1v15(ours, m, rsaSignEncoded(priv, bad))),
        );
      }
      await expectCode('ERR_SIGNATURE_INVALID', () =>
        withBackend(() => verifyRsaPkcs1v15(ours, m, signRsaPkcs1v15(priv, m, 'SHA-384'))),
      );
      await expectCode('ERR_SIGNATURE_INVALID', () =>
        withBackend(() => verifyRsaPkcs1v15(rsa, m, signRsaPkcs1v15(priv, m))),
      );
    });

    it('[CRY-12] [CRY-13] a signature not k bytes long, or not below n, is rejected before the backend', async () => {
      const good = signRsaPkcs1v15(priv, m);
      await expectCode('ERR_INVALID_SIGNATURE_ENCODING', () =>
        withBackend(() => verifyRsaPkcs1v15(ours, m, good.subarray(1))),
      );
      await expectCode('ERR_INVALID_SIGNATURE_ENCODING', () =>
        withBackend(() => verifyRsaPkcs1v15(ours, m, concatBytes(Uint8Array.of(0), good))),
      );
      await expectCode('ERR_SIGNATURE_INVALID', () =>
        withBackend(() => verifyRsaPkcs1v15(ours, m, bigIntToBytes(priv.n, 256))),
      );
      await expectCode('ERR_SIGNATURE_INVALID', () =>
        withBackend(() => verifyRsaPkcs1v15(ours, m, new Uint8Array(256).fill(0xff))),
      );
    });

    it('[CRY-14] SHA-1 is ERR_UNSUPPORTED_ALGORITHM even for a correct SHA-1 signature', async () => {
      const sig = new Uint8Array(nodeSign('sha1', m, kp.privateKey));
      await expectCode('ERR_UNSUPPORTED_ALGORITHM', () =>
        withBackend(() => verifyRsaPkcs1v15(rsa, m, sig, 'SHA-1' as HashName)),
      );
    });
  });
});
