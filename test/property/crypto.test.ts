/**
 * Property tests of the crypto layer: DER/raw round trips, canonical-only decoders that never
 * throw anything but a JitsuinError, sign/verify round trips and backend equivalence.
 */
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isJitsuinError } from '../../src/errors.js';
import { CURVES } from '../../src/crypto/internal/curves.js';
import { bitLength } from '../../src/crypto/internal/bigint.js';
import { encodeTlv, encodeUnsignedInteger } from '../../src/crypto/internal/der.js';
import { parseRawSignature } from '../../src/crypto/ecdsa-signature.js';
import { concatBytes } from '../../src/encoding/bytes.js';
import { hexEncode } from '../../src/encoding/hex.js';
import { utf8Encode } from '../../src/encoding/utf8.js';
import {
  derToRawSignature,
  derivePrivateKey,
  exportSpki,
  generateRsaKeyPair,
  getEcPublicKey,
  importSpki,
  normalizeEcdsaSignature,
  rawToDerSignature,
  rsaPublicKey,
  setCryptoBackend,
  signEcdsa,
  signRsaPkcs1v15,
  verifyEcdsa,
  verifyRsaPkcs1v15,
  type CurveName,
} from '../../src/crypto/index.js';
import { bigIntToBytes } from '../../src/crypto/internal/bigint.js';
import { verifyEcdsaWith } from '../../src/crypto/ecdsa-verify.js';
import { verifyRsaPkcs1v15With } from '../../src/crypto/rsa.js';

const N: Record<CurveName, bigint> = {
  'P-256': 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n,
  'P-384':
    0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973n,
};
const SIZE: Record<CurveName, number> = { 'P-256': 32, 'P-384': 48 };
const SEED = utf8Encode('jitsuin/test/crypto-property');

afterAll(() => setCryptoBackend('auto'));

/** Runs f; returns 'ok' or the JitsuinError code; fails the property on any other throw. */
function codeOf(f: () => unknown): string {
  try {
    f();
    return 'ok';
  } catch (e) {
    if (!isJitsuinError(e)) throw new Error(`non-JitsuinError thrown: ${String(e)}`);
    return e.code;
  }
}
async function asyncCodeOf(f: () => Promise<unknown>): Promise<string> {
  try {
    await f();
    return 'ok';
  } catch (e) {
    if (!isJitsuinError(e)) throw new Error(`non-JitsuinError thrown: ${String(e)}`);
    return e.code;
  }
}

const curveArb = fc.constantFrom<CurveName>('P-256', 'P-384');
const scalar = (curve: CurveName) => fc.bigInt({ min: 1n, max: N[curve] - 1n });
/** `bytes` with one byte changed (XOR with a non-zero value), inserted or removed: never equal to `bytes`. */
const mutation = (bytes: Uint8Array) =>
  fc
    .tuple(
      fc.nat({ max: bytes.length - 1 }),
      fc.integer({ min: 1, max: 255 }),
      fc.constantFrom('xor', 'insert', 'delete'),
    )
    .map(([i, v, op]) => {
      const a = Array.from(bytes);
      if (op === 'xor') a[i] = (a[i] as number) ^ v;
      else if (op === 'insert') a.splice(i, 0, v);
      else a.splice(i, 1);
      return Uint8Array.from(a);
    });

describe('ECDSA signature encodings', () => {
  it('[CRY-21] raw -> DER -> raw is the identity for every r, s in [1, n-1]', () => {
    fc.assert(
      fc.property(
        curveArb.chain((c) => fc.tuple(fc.constant(c), scalar(c), scalar(c))),
        ([curve, r, s]) => {
          const raw = new Uint8Array([
            ...bigIntToBytes(r, SIZE[curve]),
            ...bigIntToBytes(s, SIZE[curve]),
          ]);
          const der = rawToDerSignature(raw, curve);
          expect(hexEncode(derToRawSignature(der, curve))).toBe(hexEncode(raw));
          expect(hexEncode(normalizeEcdsaSignature(der, curve))).toBe(hexEncode(raw));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('[CRY-05] derToRawSignature never throws anything but ERR_INVALID_SIGNATURE_ENCODING on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 120 }), curveArb, (bytes, curve) => {
        const code = codeOf(() => derToRawSignature(bytes, curve));
        expect(['ok', 'ERR_INVALID_SIGNATURE_ENCODING']).toContain(code);
        expect(['ok', 'ERR_INVALID_SIGNATURE_ENCODING']).toContain(
          codeOf(() => normalizeEcdsaSignature(bytes, curve)),
        );
      }),
      { numRuns: 1000 },
    );
  });

  it('[CRY-05] a mutated DER signature is either rejected or exactly the DER of what it decodes to (no second encoding)', () => {
    const curve: CurveName = 'P-256';
    fc.assert(
      fc.property(
        fc.tuple(scalar(curve), scalar(curve)).chain(([r, s]) => {
          const der = rawToDerSignature(
            new Uint8Array([...bigIntToBytes(r, 32), ...bigIntToBytes(s, 32)]),
          );
          return mutation(der);
        }),
        (mutated) => {
          let raw: Uint8Array;
          try {
            raw = derToRawSignature(mutated, curve);
          } catch (e) {
            expect(isJitsuinError(e, 'ERR_INVALID_SIGNATURE_ENCODING')).toBe(true);
            return;
          }
          expect(hexEncode(rawToDerSignature(raw, curve))).toBe(hexEncode(mutated));
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('SubjectPublicKeyInfo import', () => {
  const ecSpki = exportSpki(getEcPublicKey(derivePrivateKey(SEED, 'spki')));
  const rsaSpki = exportSpki(rsaPublicKey(generateRsaKeyPair(SEED, 'rsa')));

  it('[CRY-03] importSpki never throws anything but a JitsuinError on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        codeOf(() => importSpki(bytes));
      }),
      { numRuns: 1000 },
    );
  });

  it('[CRY-03] a mutated SPKI is either rejected or re-exports to exactly its own bytes', () => {
    fc.assert(
      fc.property(fc.oneof(mutation(ecSpki), mutation(rsaSpki)), (mutated) => {
        let key;
        try {
          key = importSpki(mutated);
        } catch (e) {
          expect(isJitsuinError(e)).toBe(true);
          return;
        }
        expect(hexEncode(exportSpki(key))).toBe(hexEncode(mutated));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('sign / verify', () => {
  it('[CRY-08] deterministic signatures verify in both S forms and both encodings, on both backends', async () => {
    await fc.assert(
      fc.asyncProperty(
        curveArb,
        fc.uint8Array({ maxLength: 64 }),
        fc.boolean(),
        fc.constantFrom('webcrypto', 'noble'),
        async (curve, message, highS, backend) => {
          const d = derivePrivateKey(SEED, `sv-${curve}`, curve);
          const raw = signEcdsa(d, message, { curve, highS });
          const key = getEcPublicKey(d, curve);
          setCryptoBackend(backend);
          await verifyEcdsa(key, message, raw, { format: 'raw' });
          await verifyEcdsa(key, message, rawToDerSignature(raw, curve), { format: 'der' });
        },
      ),
      { numRuns: 60 },
    );
  });

  it('[CRY-16] both backends give the same answer on mutated ECDSA signatures (raw and DER)', async () => {
    const d = derivePrivateKey(SEED, 'equivalence');
    const key = getEcPublicKey(d);
    const message = utf8Encode('equivalence');
    const raw = signEcdsa(d, message, { highS: true });
    const der = rawToDerSignature(raw);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          mutation(raw).map((s) => ['raw', s] as const),
          mutation(der).map((s) => ['der', s] as const),
        ),
        async ([format, sig]) => {
          const web = await asyncCodeOf(() =>
            verifyEcdsaWith('webcrypto', key, message, sig, { format }),
          );
          const noble = await asyncCodeOf(() =>
            verifyEcdsaWith('noble', key, message, sig, { format }),
          );
          expect(web).toBe(noble);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('[CRY-16] both backends give the same answer on mutated RSA signatures and messages', async () => {
    const priv = generateRsaKeyPair(SEED, 'rsa');
    const key = rsaPublicKey(priv);
    const message = utf8Encode('equivalence');
    const sig = signRsaPkcs1v15(priv, message);
    await verifyRsaPkcs1v15(key, message, sig);
    await fc.assert(
      fc.asyncProperty(mutation(sig), fc.boolean(), async (mutated, alterMessage) => {
        const m = alterMessage ? utf8Encode('equivalencf') : message;
        const web = await asyncCodeOf(() => verifyRsaPkcs1v15With('webcrypto', key, m, mutated));
        const noble = await asyncCodeOf(() => verifyRsaPkcs1v15With('noble', key, m, mutated));
        expect(web).toBe(noble);
        expect(web).not.toBe('ok'); // every mutation changes the value or the length
      }),
      { numRuns: 150 },
    );
  });
});

describe('ECDSA scalar range (byte comparison against n)', () => {
  for (const curve of ['P-256', 'P-384'] as const) {
    const { n, size } = CURVES[curve];
    // Scalars at and around every boundary, and anywhere below 2^(8*size).
    const scalar = fc.oneof(
      fc.constantFrom(0n, 1n, 2n, n - 2n, n - 1n, n, n + 1n, (1n << BigInt(8 * size)) - 1n),
      fc.bigInt({ min: 0n, max: (1n << BigInt(8 * size)) - 1n }),
      fc.bigInt({ min: n - 1000n, max: n + 1000n }),
    );
    const ok = (v: bigint): boolean => v >= 1n && v < n;
    const accepts = (f: () => unknown): boolean => {
      try {
        f();
        return true;
      } catch (e) {
        if (!isJitsuinError(e, 'ERR_INVALID_SIGNATURE_ENCODING')) throw e;
        return false;
      }
    };

    it(`[CRY-06] ${curve}: raw and DER signatures are accepted exactly when 1 <= r, s < n`, () => {
      fc.assert(
        fc.property(scalar, scalar, (r, s) => {
          const raw = concatBytes(bigIntToBytes(r, size), bigIntToBytes(s, size));
          expect(accepts(() => parseRawSignature(raw, curve))).toBe(ok(r) && ok(s));
          const minimal = (v: bigint): Uint8Array =>
            bigIntToBytes(v, Math.max(1, Math.ceil(bitLength(v) / 8)));
          const der = encodeTlv(
            0x30,
            concatBytes(encodeUnsignedInteger(minimal(r)), encodeUnsignedInteger(minimal(s))),
          );
          expect(accepts(() => derToRawSignature(der, curve))).toBe(ok(r) && ok(s));
          if (ok(r) && ok(s)) expect(hexEncode(derToRawSignature(der, curve))).toBe(hexEncode(raw));
        }),
        { numRuns: 400 },
      );
    });
  }
});
