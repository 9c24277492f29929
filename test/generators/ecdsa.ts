/**
 * The `ecdsa` vector suite: strict DER <-> raw ECDSA signature conversion, ECDSA verification
 * (P-256 and P-384, high-S included), SubjectPublicKeyInfo import and RSASSA-PKCS1-v1_5
 * verification (spec/crypto.md). Keys come from HKDF over fixed labels, ECDSA signatures from
 * RFC 6979, so `generate()` is deterministic.
 * The judge of its cases is `src/conformance/suites/ecdsa.ts`.
 * @module
 */
import { base64urlEncode } from '../../src/encoding/base64url.js';
import { concatBytes } from '../../src/encoding/bytes.js';
import { hexDecode } from '../../src/encoding/hex.js';
import { utf8Encode } from '../../src/encoding/utf8.js';
import { CURVES, type CurveName } from '../../src/crypto/internal/curves.js';
import {
  bigIntToBytes,
  bigIntToMinimalBytes,
  bytesToBigInt,
} from '../../src/crypto/internal/bigint.js';
import { encodeTlv, encodeUnsignedInteger } from '../../src/crypto/internal/der.js';
import { rawToDerSignature } from '../../src/crypto/ecdsa-signature.js';
import { derivePrivateKey, getEcPublicKey, signEcdsa } from '../../src/crypto/ecdsa.js';
import { exportSpki } from '../../src/crypto/keys.js';
import { emsaPkcs1v15Encode } from '../../src/crypto/internal/emsa-pkcs1.js';
import {
  generateRsaKeyPair,
  rsaPublicKey,
  rsaSignEncoded,
  signRsaPkcs1v15,
  type RsaPrivateKey,
} from '../../src/crypto/rsa-keygen.js';
import { digest, type HashName } from '../../src/crypto/hash.js';
import { SPEC_VERSION } from '../../src/conformance/version.js';
import type {
  VectorFile,
  VectorGroup,
  VectorNote,
  VectorTest,
} from '../../src/conformance/types.js';
import { numberTests, unnumbered } from './numbering.js';
import type { VectorGenerator } from './types.js';

const SEED = utf8Encode('jitsuin/vectors/ecdsa');
const b64 = base64urlEncode;

const NOTES: Record<string, VectorNote> = {
  Valid: { bugType: 'BASIC', description: 'A well-formed input that must be accepted.' },
  HighS: {
    bugType: 'FUNCTIONALITY',
    description:
      'ECDSA signature with s > n/2. Phone secure hardware produces these; jitsuin accepts them (CRY-08).',
  },
  EdgeCaseInteger: {
    bugType: 'EDGE_CASE',
    description: 'r or s at the edge of [1, n-1], or with an encoding length at a boundary.',
  },
  BerEncoding: {
    bugType: 'MALLEABILITY',
    description:
      'A BER encoding that is not DER (long-form or indefinite length, superfluous leading zero). Strict DER rejects it (CRY-05).',
  },
  InvalidEncoding: {
    bugType: 'MODIFIED_PARAMETER',
    description: 'The signature or key bytes are not the structure they claim to be.',
  },
  NegativeInteger: {
    bugType: 'MALLEABILITY',
    description: 'An INTEGER with its top bit set and no leading zero, i.e. negative (CRY-05).',
  },
  RangeCheck: {
    bugType: 'MALLEABILITY',
    description: 'r or s outside [1, n-1] (CRY-06); e.g. r = n is r = 0 mod n.',
  },
  SignatureSize: {
    bugType: 'MODIFIED_PARAMETER',
    description: 'A raw r||s or RSA signature of the wrong length (CRY-07, CRY-12).',
  },
  ModifiedSignature: {
    bugType: 'AUTH_BYPASS',
    description: 'A valid signature with a bit flipped or its parts swapped.',
  },
  ModifiedMessage: {
    bugType: 'AUTH_BYPASS',
    description: 'A valid signature checked against a different message.',
  },
  WrongKey: { bugType: 'AUTH_BYPASS', description: 'A valid signature checked under another key.' },
  WrongHash: {
    bugType: 'WRONG_PRIMITIVE',
    description: 'A signature made with one hash and checked with another.',
  },
  WrongFormat: {
    bugType: 'MODIFIED_PARAMETER',
    description: 'A DER signature passed as raw, or raw as DER.',
  },
  PointValidation: {
    bugType: 'AUTH_BYPASS',
    description:
      'An EC point that is compressed, off the curve, or the point at infinity (CRY-02).',
  },
  UnsupportedAlgorithm: {
    bugType: 'WRONG_PRIMITIVE',
    description:
      'A key algorithm, curve, size or hash outside the profile (CRY-01, CRY-04, CRY-14).',
  },
  InvalidKey: {
    bugType: 'MODIFIED_PARAMETER',
    description: 'A key whose encoding or parameters break CRY-03 or CRY-20.',
  },
  MissingNull: {
    bugType: 'LEGACY',
    description:
      'PKCS#1 v1.5 DigestInfo without the NULL hash parameters. Some verifiers accept it; jitsuin rejects (CRY-11).',
  },
  InvalidPadding: {
    bugType: 'AUTH_BYPASS',
    description:
      'A PKCS#1 v1.5 encoded message that a padding parser could be lenient with (Bleichenbacher 2006): garbage after the digest, BER lengths in DigestInfo, wrong block type, bad PS bytes (CRY-11).',
  },
  SignatureRange: {
    bugType: 'MALLEABILITY',
    description: 'An RSA signature representative s >= n (CRY-13).',
  },
};

interface Builder {
  readonly tests: VectorTest[];
  add(t: Omit<VectorTest, 'tcId'>): void;
}

function group(
  type: string,
  shared: Record<string, unknown>,
  fill: (b: Builder) => void,
): VectorGroup {
  const tests: VectorTest[] = [];
  fill({ tests, add: (t) => tests.push(unnumbered(t)) });
  return { type, ...shared, tests };
}

const valid = (
  comment: string,
  flags: string[],
  requirements: string[],
  input: Record<string, unknown>,
  output?: unknown,
): Omit<VectorTest, 'tcId'> =>
  output === undefined
    ? { comment, flags, requirements, input, result: 'valid' }
    : { comment, flags, requirements, input, result: 'valid', output };
const invalid = (
  comment: string,
  flags: string[],
  requirements: string[],
  input: Record<string, unknown>,
  error: VectorTest['error'] & string,
): Omit<VectorTest, 'tcId'> => ({ comment, flags, requirements, input, result: 'invalid', error });

// --- DER building blocks (deliberately permissive: they build malformed encodings too) ----------
const int = (v: bigint): Uint8Array => encodeUnsignedInteger(bigIntToMinimalBytes(v));
const tlv = (tag: number, ...parts: Uint8Array[]): Uint8Array =>
  encodeTlv(tag, concatBytes(...parts));
const seq = (...parts: Uint8Array[]): Uint8Array => tlv(0x30, ...parts);
const raw = (tag: number, lenBytes: number[], content: Uint8Array): Uint8Array =>
  concatBytes(Uint8Array.of(tag, ...lenBytes), content);
const sig = (r: bigint, s: bigint, curve: CurveName = 'P-256'): Uint8Array =>
  concatBytes(bigIntToBytes(r, CURVES[curve].size), bigIntToBytes(s, CURVES[curve].size));
const flipBit = (bytes: Uint8Array, index: number): Uint8Array => {
  const out = bytes.slice();
  out[index] = (out[index] as number) ^ 0x01;
  return out;
};

function ecKey(label: string, curve: CurveName): { priv: Uint8Array; spki: Uint8Array } {
  const priv = derivePrivateKey(SEED, `jitsuin/vectors/ecdsa/${label}`, curve);
  return { priv, spki: exportSpki(getEcPublicKey(priv, curve)) };
}

/** The first message `prefix + i` whose deterministic P-256 signature satisfies `pred`. */
function findSignature(
  priv: Uint8Array,
  prefix: string,
  pred: (r: bigint, s: bigint) => boolean,
): { message: Uint8Array; r: bigint; s: bigint } {
  for (let i = 0; ; i++) {
    const message = utf8Encode(`${prefix} ${i}`);
    const rs = signEcdsa(priv, message);
    const r = bytesToBigInt(rs.subarray(0, 32));
    const s = bytesToBigInt(rs.subarray(32));
    if (pred(r, s)) return { message, r, s };
  }
}

function derToRawGroup(): VectorGroup {
  const { n } = CURVES['P-256'];
  const { priv } = ecKey('p256-1', 'P-256');
  const hi = findSignature(priv, 'der high bits', (r, s) => r >> 255n === 1n && s >> 247n === 0n);
  const lo = findSignature(priv, 'der short r', (r) => r >> 248n === 0n);
  const out = (r: bigint, s: bigint) => ({ raw: b64(sig(r, s)) });
  const r = hi.r;
  const s = hi.s;
  const rMag = bigIntToBytes(r, 32);
  const sMag = bigIntToBytes(s, 32);
  const rInt = int(r);
  const sInt = int(s);
  const E = 'ERR_INVALID_SIGNATURE_ENCODING' as const;
  return group('ecdsa-der-to-raw', { curve: 'P-256' }, (b) => {
    b.add(
      valid(
        'r with its top bit set (33-byte INTEGER with a leading zero), s with its top byte zero (31 bytes)',
        ['Valid'],
        ['CRY-05', 'CRY-21'],
        { der: b64(seq(rInt, sInt)) },
        out(r, s),
      ),
    );
    b.add(
      valid(
        'r below 2^248 (short INTEGER); raw output is left-padded',
        ['Valid', 'EdgeCaseInteger'],
        ['CRY-05', 'CRY-21'],
        { der: b64(seq(int(lo.r), int(lo.s))) },
        out(lo.r, lo.s),
      ),
    );
    b.add(
      valid(
        'r = s = 1',
        ['Valid', 'EdgeCaseInteger'],
        ['CRY-06'],
        { der: b64(seq(int(1n), int(1n))) },
        out(1n, 1n),
      ),
    );
    b.add(
      valid(
        'r = s = n - 1',
        ['Valid', 'EdgeCaseInteger'],
        ['CRY-06'],
        { der: b64(seq(int(n - 1n), int(n - 1n))) },
        out(n - 1n, n - 1n),
      ),
    );
    b.add(
      invalid(
        'SEQUENCE length in long form (0x81) for a length below 128',
        ['BerEncoding'],
        ['CRY-05'],
        { der: b64(raw(0x30, [0x81, rInt.length + sInt.length], concatBytes(rInt, sInt))) },
        E,
      ),
    );
    b.add(
      invalid(
        'INTEGER r length in long form (0x81 0x21)',
        ['BerEncoding'],
        ['CRY-05'],
        { der: b64(seq(raw(0x02, [0x81, rInt.length - 2], rInt.subarray(2)), sInt)) },
        E,
      ),
    );
    b.add(
      invalid(
        'SEQUENCE length in long form with a leading zero (0x82 0x00 LL)',
        ['BerEncoding'],
        ['CRY-05'],
        { der: b64(raw(0x30, [0x82, 0x00, rInt.length + sInt.length], concatBytes(rInt, sInt))) },
        E,
      ),
    );
    b.add(
      invalid(
        'indefinite length SEQUENCE terminated by 00 00',
        ['BerEncoding'],
        ['CRY-05'],
        { der: b64(raw(0x30, [0x80], concatBytes(rInt, sInt, Uint8Array.of(0, 0)))) },
        E,
      ),
    );
    b.add(
      invalid(
        'r with a superfluous leading zero byte',
        ['BerEncoding'],
        ['CRY-05'],
        { der: b64(seq(raw(0x02, [sMag.length + 1], concatBytes(Uint8Array.of(0), sMag)), sInt)) },
        E,
      ),
    );
    b.add(
      invalid(
        's with two leading zero bytes',
        ['BerEncoding'],
        ['CRY-05'],
        {
          der: b64(seq(rInt, raw(0x02, [rMag.length + 2], concatBytes(Uint8Array.of(0, 0), rMag)))),
        },
        E,
      ),
    );
    b.add(
      invalid(
        'r missing its leading zero: a negative INTEGER',
        ['NegativeInteger'],
        ['CRY-05'],
        { der: b64(seq(raw(0x02, [32], rMag), sInt)) },
        E,
      ),
    );
    b.add(
      invalid(
        's = -1 (0xff)',
        ['NegativeInteger'],
        ['CRY-05'],
        { der: b64(seq(rInt, raw(0x02, [1], Uint8Array.of(0xff)))) },
        E,
      ),
    );
    b.add(
      invalid(
        'one byte after the SEQUENCE',
        ['InvalidEncoding'],
        ['CRY-05'],
        { der: b64(concatBytes(seq(rInt, sInt), Uint8Array.of(0))) },
        E,
      ),
    );
    b.add(
      invalid(
        'a third INTEGER inside the SEQUENCE',
        ['InvalidEncoding'],
        ['CRY-05'],
        { der: b64(seq(rInt, sInt, int(1n))) },
        E,
      ),
    );
    b.add(invalid('s missing', ['InvalidEncoding'], ['CRY-05'], { der: b64(seq(rInt)) }, E));
    b.add(
      invalid(
        'outer tag SET (0x31) instead of SEQUENCE',
        ['InvalidEncoding'],
        ['CRY-05'],
        { der: b64(tlv(0x31, rInt, sInt)) },
        E,
      ),
    );
    b.add(
      invalid(
        'r tagged OCTET STRING (0x04) instead of INTEGER',
        ['InvalidEncoding'],
        ['CRY-05'],
        { der: b64(seq(raw(0x04, [rInt.length - 2], rInt.subarray(2)), sInt)) },
        E,
      ),
    );
    b.add(invalid('empty input', ['InvalidEncoding'], ['CRY-05'], { der: '' }, E));
    b.add(
      invalid(
        'truncated: last byte removed',
        ['InvalidEncoding'],
        ['CRY-05'],
        { der: b64(seq(rInt, sInt).subarray(0, -1)) },
        E,
      ),
    );
    b.add(
      invalid(
        'SEQUENCE length one too short (s overruns it)',
        ['InvalidEncoding'],
        ['CRY-05'],
        { der: b64(raw(0x30, [rInt.length + sInt.length - 1], concatBytes(rInt, sInt))) },
        E,
      ),
    );
    b.add(
      invalid(
        'empty INTEGER r (02 00)',
        ['InvalidEncoding'],
        ['CRY-05'],
        { der: b64(seq(raw(0x02, [0], new Uint8Array(0)), sInt)) },
        E,
      ),
    );
    b.add(
      invalid(
        'raw r||s (64 bytes) given as DER',
        ['WrongFormat'],
        ['CRY-05'],
        { der: b64(sig(r, s)) },
        E,
      ),
    );
    b.add(invalid('r = 0', ['RangeCheck'], ['CRY-06'], { der: b64(seq(int(0n), sInt)) }, E));
    b.add(invalid('s = 0', ['RangeCheck'], ['CRY-06'], { der: b64(seq(rInt, int(0n))) }, E));
    b.add(invalid('r = n', ['RangeCheck'], ['CRY-06'], { der: b64(seq(int(n), sInt)) }, E));
    b.add(invalid('s = n', ['RangeCheck'], ['CRY-06'], { der: b64(seq(rInt, int(n))) }, E));
    b.add(
      invalid(
        's = n + s (same residue mod n)',
        ['RangeCheck'],
        ['CRY-06'],
        { der: b64(seq(rInt, int(n + s))) },
        E,
      ),
    );
    b.add(
      invalid(
        'r = 2^256 + r (33-byte magnitude)',
        ['RangeCheck'],
        ['CRY-06'],
        { der: b64(seq(int((1n << 256n) + r), sInt)) },
        E,
      ),
    );
  });
}

function rawToDerGroup(): VectorGroup {
  const { n } = CURVES['P-256'];
  const { priv } = ecKey('p256-1', 'P-256');
  const hi = findSignature(priv, 'der high bits', (r, s) => r >> 255n === 1n && s >> 247n === 0n);
  const E = 'ERR_INVALID_SIGNATURE_ENCODING' as const;
  return group('ecdsa-raw-to-der', { curve: 'P-256' }, (b) => {
    b.add(
      valid(
        'r with its top bit set gets a leading zero; s with a zero top byte is shortened',
        ['Valid'],
        ['CRY-21'],
        { raw: b64(sig(hi.r, hi.s)) },
        { der: b64(seq(int(hi.r), int(hi.s))) },
      ),
    );
    b.add(
      valid(
        'r = s = 1: one-byte INTEGERs',
        ['Valid', 'EdgeCaseInteger'],
        ['CRY-21'],
        { raw: b64(sig(1n, 1n)) },
        { der: b64(seq(int(1n), int(1n))) },
      ),
    );
    b.add(
      invalid(
        '63 bytes',
        ['SignatureSize'],
        ['CRY-07'],
        { raw: b64(sig(hi.r, hi.s).subarray(1)) },
        E,
      ),
    );
    b.add(
      invalid(
        '65 bytes',
        ['SignatureSize'],
        ['CRY-07'],
        { raw: b64(concatBytes(Uint8Array.of(0), sig(hi.r, hi.s))) },
        E,
      ),
    );
    b.add(invalid('r = 0', ['RangeCheck'], ['CRY-06'], { raw: b64(sig(0n, hi.s)) }, E));
    b.add(invalid('s = n', ['RangeCheck'], ['CRY-06'], { raw: b64(sig(hi.r, n)) }, E));
  });
}

function verifyGroupP256(): VectorGroup[] {
  const { n } = CURVES['P-256'];
  const k1 = ecKey('p256-1', 'P-256');
  const k2 = ecKey('p256-2', 'P-256');
  const msg = utf8Encode('jitsuin ecdsa vector: login challenge');
  const low = signEcdsa(k1.priv, msg);
  const high = signEcdsa(k1.priv, msg, { highS: true });
  const lowDer = rawToDerSignature(low);
  const highDer = rawToDerSignature(high);
  const r = bytesToBigInt(low.subarray(0, 32));
  const s = bytesToBigInt(low.subarray(32));
  const other = signEcdsa(k2.priv, msg);
  const empty = new Uint8Array(0);
  const emptySig = signEcdsa(k1.priv, empty, { highS: true, format: 'der' });
  const sha512Sig = signEcdsa(k1.priv, msg, { hash: 'SHA-512' });
  const SI = 'ERR_SIGNATURE_INVALID' as const;
  const SE = 'ERR_INVALID_SIGNATURE_ENCODING' as const;
  const m = b64(msg);
  const g1 = group('ecdsa-verify', { publicKey: b64(k1.spki), hash: 'SHA-256' }, (b) => {
    b.add(
      valid('low-S signature, raw', ['Valid'], ['CRY-09'], {
        message: m,
        signature: b64(low),
        format: 'raw',
      }),
    );
    b.add(
      valid('low-S signature, DER', ['Valid'], ['CRY-05', 'CRY-09'], {
        message: m,
        signature: b64(lowDer),
        format: 'der',
      }),
    );
    b.add(
      valid('high-S signature (s replaced by n - s), raw', ['Valid', 'HighS'], ['CRY-08'], {
        message: m,
        signature: b64(high),
        format: 'raw',
      }),
    );
    b.add(
      valid(
        'high-S signature, DER, as a Secure Enclave may return it',
        ['Valid', 'HighS'],
        ['CRY-08'],
        { message: m, signature: b64(highDer), format: 'der' },
      ),
    );
    b.add(
      valid('empty message, high-S DER', ['Valid', 'HighS'], ['CRY-08'], {
        message: '',
        signature: b64(emptySig),
        format: 'der',
      }),
    );
    b.add(
      invalid(
        'last bit of s flipped',
        ['ModifiedSignature'],
        ['CRY-09'],
        { message: m, signature: b64(flipBit(low, 63)), format: 'raw' },
        SI,
      ),
    );
    b.add(
      invalid(
        'last bit of r flipped',
        ['ModifiedSignature'],
        ['CRY-09'],
        { message: m, signature: b64(flipBit(low, 31)), format: 'raw' },
        SI,
      ),
    );
    b.add(
      invalid(
        'r and s swapped',
        ['ModifiedSignature'],
        ['CRY-09'],
        { message: m, signature: b64(sig(s, r)), format: 'raw' },
        SI,
      ),
    );
    b.add(
      invalid(
        's replaced by s + 1',
        ['ModifiedSignature'],
        ['CRY-09'],
        { message: m, signature: b64(sig(r, s + 1n)), format: 'raw' },
        SI,
      ),
    );
    b.add(
      invalid(
        'a bit of the message flipped',
        ['ModifiedMessage'],
        ['CRY-09'],
        { message: b64(flipBit(msg, 0)), signature: b64(low), format: 'raw' },
        SI,
      ),
    );
    b.add(
      invalid(
        'signature by another key',
        ['WrongKey'],
        ['CRY-09'],
        { message: m, signature: b64(other), format: 'raw' },
        SI,
      ),
    );
    b.add(
      invalid(
        'signature over SHA-512 checked with SHA-256',
        ['WrongHash'],
        ['CRY-09'],
        { message: m, signature: b64(sha512Sig), format: 'raw' },
        SI,
      ),
    );
    b.add(
      invalid(
        'DER signature passed with format raw',
        ['WrongFormat'],
        ['CRY-07'],
        { message: m, signature: b64(lowDer), format: 'raw' },
        SE,
      ),
    );
    b.add(
      invalid(
        'raw signature passed with format der',
        ['WrongFormat'],
        ['CRY-05'],
        { message: m, signature: b64(low), format: 'der' },
        SE,
      ),
    );
    const sContent = int(s).subarray(2);
    b.add(
      invalid(
        'DER signature with a superfluous leading zero in s',
        ['BerEncoding'],
        ['CRY-05'],
        {
          message: m,
          signature: b64(
            seq(int(r), raw(0x02, [sContent.length + 1], concatBytes(Uint8Array.of(0), sContent))),
          ),
          format: 'der',
        },
        SE,
      ),
    );
    b.add(
      invalid(
        'raw s = n (out of range)',
        ['RangeCheck'],
        ['CRY-06'],
        { message: m, signature: b64(sig(r, n)), format: 'raw' },
        SE,
      ),
    );
    b.add(
      invalid(
        'raw r = 0, s = 0',
        ['RangeCheck'],
        ['CRY-06'],
        { message: m, signature: b64(sig(0n, 0n)), format: 'raw' },
        SE,
      ),
    );
  });
  const g2 = group('ecdsa-verify', { publicKey: b64(k1.spki), hash: 'SHA-512' }, (b) => {
    b.add(
      valid(
        'P-256 with SHA-512 (certificates may use ecdsa-with-SHA512): the digest is truncated to 256 bits',
        ['Valid'],
        ['CRY-09'],
        { message: m, signature: b64(sha512Sig), format: 'raw' },
      ),
    );
    b.add(
      invalid(
        'P-256/SHA-256 signature checked with SHA-512',
        ['WrongHash'],
        ['CRY-09'],
        { message: m, signature: b64(low), format: 'raw' },
        SI,
      ),
    );
  });
  return [g1, g2];
}

function verifyGroupP384(): VectorGroup {
  const k = ecKey('p384-1', 'P-384');
  const msg = utf8Encode('jitsuin ecdsa vector: P-384 certificate signature');
  const low = signEcdsa(k.priv, msg, { curve: 'P-384' });
  const high = signEcdsa(k.priv, msg, { curve: 'P-384', highS: true, format: 'der' });
  const m = b64(msg);
  return group('ecdsa-verify', { publicKey: b64(k.spki), hash: 'SHA-384' }, (b) => {
    b.add(
      valid('P-384/SHA-384, raw (96 bytes)', ['Valid'], ['CRY-09'], {
        message: m,
        signature: b64(low),
        format: 'raw',
      }),
    );
    b.add(
      valid('P-384/SHA-384 high-S, DER', ['Valid', 'HighS'], ['CRY-08'], {
        message: m,
        signature: b64(high),
        format: 'der',
      }),
    );
    b.add(
      invalid(
        'a bit of s flipped',
        ['ModifiedSignature'],
        ['CRY-09'],
        { message: m, signature: b64(flipBit(low, 95)), format: 'raw' },
        'ERR_SIGNATURE_INVALID',
      ),
    );
    b.add(
      invalid(
        'raw signature of P-256 length (64 bytes) for a P-384 key',
        ['SignatureSize'],
        ['CRY-07'],
        { message: m, signature: b64(low.subarray(0, 64)), format: 'raw' },
        'ERR_INVALID_SIGNATURE_ENCODING',
      ),
    );
  });
}

// --- SPKI ---------------------------------------------------------------------------------------
const OID = {
  ecPublicKey: hexDecode('06072a8648ce3d0201'),
  p256: hexDecode('06082a8648ce3d030107'),
  p384: hexDecode('06052b81040022'),
  secp256k1: hexDecode('06052b8104000a'),
  ed25519: hexDecode('06032b6570'),
  rsaEncryption: hexDecode('06092a864886f70d010101'),
  rsassaPss: hexDecode('06092a864886f70d01010a'),
};
const NULL = Uint8Array.of(0x05, 0x00);
const bitString = (unused: number, content: Uint8Array): Uint8Array =>
  tlv(0x03, Uint8Array.of(unused), content);
const ecSpki = (curveOid: Uint8Array, point: Uint8Array): Uint8Array =>
  seq(seq(OID.ecPublicKey, curveOid), bitString(0, point));
const rsaSpki = (n: bigint, e: bigint, params: Uint8Array = NULL): Uint8Array =>
  seq(seq(OID.rsaEncryption, params), bitString(0, seq(int(n), int(e))));

function spkiGroup(rsa2048: RsaPrivateKey): VectorGroup {
  const p256 = ecKey('p256-1', 'P-256');
  const p384 = ecKey('p384-1', 'P-384');
  const point = getEcPublicKey(p256.priv).point;
  const x = point.subarray(1, 33);
  const y = bytesToBigInt(point.subarray(33));
  const compressed = concatBytes(Uint8Array.of(0x02 + Number(y & 1n)), x);
  const offCurve = flipBit(point, 64);
  const { n, e } = rsa2048;
  // Odd numbers of the given size: import checks structure and size, not factorisation.
  const odd = (bits: number): bigint => (1n << BigInt(bits - 1)) | 0x10001n;
  const UA = 'ERR_UNSUPPORTED_ALGORITHM' as const;
  const IK = 'ERR_INVALID_KEY' as const;
  return group('spki-import', {}, (b) => {
    b.add(
      valid(
        'EC P-256, uncompressed point',
        ['Valid'],
        ['CRY-01', 'CRY-02'],
        { spki: b64(p256.spki) },
        { kind: 'ec', curve: 'P-256' },
      ),
    );
    b.add(
      valid(
        'EC P-384, uncompressed point',
        ['Valid'],
        ['CRY-01', 'CRY-02'],
        { spki: b64(p384.spki) },
        { kind: 'ec', curve: 'P-384' },
      ),
    );
    b.add(
      valid(
        'RSA 2048, e = 65537',
        ['Valid'],
        ['CRY-01', 'CRY-04'],
        { spki: b64(rsaSpki(n, e)) },
        { kind: 'rsa', bits: 2048 },
      ),
    );
    b.add(
      valid(
        'RSA 4096-bit modulus (size upper bound), e = 3',
        ['Valid', 'EdgeCaseInteger'],
        ['CRY-04'],
        { spki: b64(rsaSpki(odd(4096), 3n)) },
        { kind: 'rsa', bits: 4096 },
      ),
    );
    b.add(
      invalid(
        'compressed P-256 point',
        ['PointValidation'],
        ['CRY-02'],
        { spki: b64(ecSpki(OID.p256, compressed)) },
        IK,
      ),
    );
    b.add(
      invalid(
        'P-256 point with y changed: not on the curve',
        ['PointValidation'],
        ['CRY-02'],
        { spki: b64(ecSpki(OID.p256, offCurve)) },
        IK,
      ),
    );
    b.add(
      invalid(
        'point at infinity (single 0x00 byte)',
        ['PointValidation'],
        ['CRY-02'],
        { spki: b64(ecSpki(OID.p256, Uint8Array.of(0))) },
        IK,
      ),
    );
    b.add(
      invalid(
        'P-256 point labelled as P-384',
        ['PointValidation'],
        ['CRY-02'],
        { spki: b64(ecSpki(OID.p384, point)) },
        IK,
      ),
    );
    b.add(
      invalid(
        'curve secp256k1',
        ['UnsupportedAlgorithm'],
        ['CRY-01'],
        { spki: b64(ecSpki(OID.secp256k1, point)) },
        UA,
      ),
    );
    b.add(
      invalid(
        'explicit curve parameters (SEQUENCE) instead of a namedCurve',
        ['UnsupportedAlgorithm'],
        ['CRY-01'],
        { spki: b64(seq(seq(OID.ecPublicKey, seq(int(1n))), bitString(0, point))) },
        UA,
      ),
    );
    b.add(
      invalid(
        'Ed25519 key',
        ['UnsupportedAlgorithm'],
        ['CRY-01'],
        { spki: b64(seq(seq(OID.ed25519), bitString(0, new Uint8Array(32).fill(7)))) },
        UA,
      ),
    );
    b.add(
      invalid(
        'RSASSA-PSS key algorithm',
        ['UnsupportedAlgorithm'],
        ['CRY-01'],
        { spki: b64(seq(seq(OID.rsassaPss), bitString(0, seq(int(n), int(e))))) },
        UA,
      ),
    );
    b.add(
      invalid(
        'one byte after the SubjectPublicKeyInfo',
        ['InvalidEncoding'],
        ['CRY-03'],
        { spki: b64(concatBytes(p256.spki, Uint8Array.of(0))) },
        IK,
      ),
    );
    b.add(
      invalid(
        'SubjectPublicKeyInfo length in long form for a short length',
        ['BerEncoding'],
        ['CRY-03'],
        { spki: b64(raw(0x30, [0x81, p256.spki.length - 2], p256.spki.subarray(2))) },
        IK,
      ),
    );
    b.add(
      invalid(
        'rsaEncryption without the NULL parameters',
        ['InvalidKey'],
        ['CRY-03'],
        { spki: b64(seq(seq(OID.rsaEncryption), bitString(0, seq(int(n), int(e))))) },
        IK,
      ),
    );
    b.add(
      invalid(
        'BIT STRING with 1 unused bit',
        ['InvalidEncoding'],
        ['CRY-03'],
        { spki: b64(seq(seq(OID.ecPublicKey, OID.p256), bitString(1, point))) },
        IK,
      ),
    );
    b.add(
      invalid(
        'RSA 1024-bit modulus',
        ['UnsupportedAlgorithm'],
        ['CRY-04'],
        { spki: b64(rsaSpki(odd(1024), e)) },
        UA,
      ),
    );
    b.add(
      invalid(
        'RSA 2047-bit modulus',
        ['UnsupportedAlgorithm'],
        ['CRY-04'],
        { spki: b64(rsaSpki(odd(2047), e)) },
        UA,
      ),
    );
    b.add(
      invalid(
        'RSA 4112-bit modulus',
        ['UnsupportedAlgorithm'],
        ['CRY-04'],
        { spki: b64(rsaSpki(odd(4112), e)) },
        UA,
      ),
    );
    b.add(
      invalid(
        'RSA even exponent 65536',
        ['InvalidKey'],
        ['CRY-20'],
        { spki: b64(rsaSpki(n, 65536n)) },
        IK,
      ),
    );
    b.add(invalid('RSA exponent 1', ['InvalidKey'], ['CRY-20'], { spki: b64(rsaSpki(n, 1n)) }, IK));
    b.add(
      invalid(
        'RSA even modulus',
        ['InvalidKey'],
        ['CRY-20'],
        { spki: b64(rsaSpki(n + 1n, e)) },
        IK,
      ),
    );
    b.add(
      invalid(
        'RSA modulus INTEGER with a superfluous leading zero',
        ['BerEncoding'],
        ['CRY-03'],
        {
          spki: b64(
            seq(
              seq(OID.rsaEncryption, NULL),
              bitString(0, seq(tlv(0x02, Uint8Array.of(0, 0), bigIntToBytes(n, 256)), int(e))),
            ),
          ),
        },
        IK,
      ),
    );
  });
}

// --- RSA PKCS#1 v1.5 ----------------------------------------------------------------------------
const DIGEST_OID: Record<HashName, Uint8Array> = {
  'SHA-256': hexDecode('0609608648016503040201'),
  'SHA-384': hexDecode('0609608648016503040202'),
  'SHA-512': hexDecode('0609608648016503040203'),
};

/** 0x00 0x01 FF.. 0x00 T, with T chosen by the caller (for deliberately malformed encodings). */
function encodeWithT(
  t: Uint8Array,
  k: number,
  blockType = 0x01,
  trailing: Uint8Array = new Uint8Array(0),
): Uint8Array {
  const em = new Uint8Array(k).fill(0xff);
  em[0] = 0;
  em[1] = blockType;
  em.set(concatBytes(Uint8Array.of(0), t, trailing), k - t.length - trailing.length - 1);
  return em;
}

function rsaGroups(key: RsaPrivateKey, small: RsaPrivateKey): VectorGroup[] {
  const k = 256;
  const pub = exportSpki(rsaPublicKey(key));
  const msg = utf8Encode('jitsuin rsa vector: JPKI signature over a domain-separated string');
  const m = b64(msg);
  const h = digest('SHA-256', msg);
  const good = signRsaPkcs1v15(key, msg, 'SHA-256');
  const SI = 'ERR_SIGNATURE_INVALID' as const;
  const signT = (t: Uint8Array, blockType = 0x01, trailing?: Uint8Array) =>
    b64(rsaSignEncoded(key, encodeWithT(t, k, blockType, trailing)));
  const digestInfo = (params: Uint8Array[], octetLen: number[] = [h.length]) =>
    seq(seq(DIGEST_OID['SHA-256'], ...params), raw(0x04, octetLen, h));
  const standardEm = emsaPkcs1v15Encode('SHA-256', msg, k);
  const badPs = standardEm.slice();
  badPs[10] = 0xfe;
  const main = group('rsa-pkcs1-verify', { publicKey: b64(pub) }, (b) => {
    for (const hash of ['SHA-256', 'SHA-384', 'SHA-512'] as const) {
      b.add(
        valid(`RSA-2048 with ${hash}`, ['Valid'], ['CRY-11', 'CRY-14'], {
          message: m,
          signature: b64(signRsaPkcs1v15(key, msg, hash)),
          hash,
        }),
      );
    }
    b.add(
      invalid(
        'last bit of the signature flipped',
        ['ModifiedSignature'],
        ['CRY-11'],
        { message: m, signature: b64(flipBit(good, k - 1)), hash: 'SHA-256' },
        SI,
      ),
    );
    b.add(
      invalid(
        'a bit of the message flipped',
        ['ModifiedMessage'],
        ['CRY-11'],
        { message: b64(flipBit(msg, 3)), signature: b64(good), hash: 'SHA-256' },
        SI,
      ),
    );
    b.add(
      invalid(
        'SHA-256 signature checked with SHA-512',
        ['WrongHash'],
        ['CRY-11'],
        { message: m, signature: b64(good), hash: 'SHA-512' },
        SI,
      ),
    );
    b.add(
      invalid(
        'DigestInfo without the NULL parameters',
        ['MissingNull'],
        ['CRY-11'],
        { message: m, signature: signT(digestInfo([])), hash: 'SHA-256' },
        SI,
      ),
    );
    b.add(
      invalid(
        'garbage after the digest, PS shortened to keep the length (Bleichenbacher 2006)',
        ['InvalidPadding'],
        ['CRY-11'],
        {
          message: m,
          signature: signT(digestInfo([NULL]), 0x01, new Uint8Array(16).fill(0x5a)),
          hash: 'SHA-256',
        },
        SI,
      ),
    );
    b.add(
      invalid(
        'digest OCTET STRING length in long form (0x81 0x20)',
        ['InvalidPadding', 'BerEncoding'],
        ['CRY-11'],
        { message: m, signature: signT(digestInfo([NULL], [0x81, 0x20])), hash: 'SHA-256' },
        SI,
      ),
    );
    b.add(
      invalid(
        'block type 02 instead of 01',
        ['InvalidPadding'],
        ['CRY-11'],
        { message: m, signature: signT(digestInfo([NULL]), 0x02), hash: 'SHA-256' },
        SI,
      ),
    );
    b.add(
      invalid(
        'a PS byte is 0xfe instead of 0xff',
        ['InvalidPadding'],
        ['CRY-11'],
        { message: m, signature: b64(rsaSignEncoded(key, badPs)), hash: 'SHA-256' },
        SI,
      ),
    );
    b.add(
      invalid(
        'raw digest without DigestInfo',
        ['InvalidPadding'],
        ['CRY-11'],
        { message: m, signature: signT(h), hash: 'SHA-256' },
        SI,
      ),
    );
    b.add(
      invalid(
        'signature s = 0',
        ['EdgeCaseInteger'],
        ['CRY-11'],
        { message: m, signature: b64(new Uint8Array(k)), hash: 'SHA-256' },
        SI,
      ),
    );
    b.add(
      invalid(
        'signature s = 1',
        ['EdgeCaseInteger'],
        ['CRY-11'],
        { message: m, signature: b64(bigIntToBytes(1n, k)), hash: 'SHA-256' },
        SI,
      ),
    );
    b.add(
      invalid(
        'signature with a leading zero byte added (k + 1 bytes)',
        ['SignatureSize'],
        ['CRY-12'],
        { message: m, signature: b64(concatBytes(Uint8Array.of(0), good)), hash: 'SHA-256' },
        'ERR_INVALID_SIGNATURE_ENCODING',
      ),
    );
    b.add(
      invalid(
        'signature with its first byte removed (k - 1 bytes)',
        ['SignatureSize'],
        ['CRY-12'],
        { message: m, signature: b64(good.subarray(1)), hash: 'SHA-256' },
        'ERR_INVALID_SIGNATURE_ENCODING',
      ),
    );
    // s + n has the same residue as a valid s; it fits in k bytes only when s < 2^2048 - n.
    for (let i = 0; i < 64; i++) {
      const mi = utf8Encode(`jitsuin rsa vector: small s ${i}`);
      const si = bytesToBigInt(signRsaPkcs1v15(key, mi));
      if (si + key.n < 1n << 2048n) {
        b.add(
          invalid(
            's + n: a valid signature plus the modulus (same residue, still k bytes)',
            ['SignatureRange'],
            ['CRY-13'],
            { message: b64(mi), signature: b64(bigIntToBytes(si + key.n, k)), hash: 'SHA-256' },
            SI,
          ),
        );
        break;
      }
    }
    b.add(
      invalid(
        's = n',
        ['SignatureRange'],
        ['CRY-13'],
        { message: m, signature: b64(bigIntToBytes(key.n, k)), hash: 'SHA-256' },
        SI,
      ),
    );
    b.add(
      invalid(
        'SHA-1 requested',
        ['UnsupportedAlgorithm'],
        ['CRY-14'],
        { message: m, signature: b64(good), hash: 'SHA-1' },
        'ERR_UNSUPPORTED_ALGORITHM',
      ),
    );
  });
  const weak = group(
    'rsa-pkcs1-verify',
    { publicKey: b64(exportSpki(rsaPublicKey(small))) },
    (b) => {
      b.add(
        invalid(
          'a correct signature by a 1024-bit key',
          ['UnsupportedAlgorithm'],
          ['CRY-04'],
          { message: m, signature: b64(signRsaPkcs1v15(small, msg)), hash: 'SHA-256' },
          'ERR_UNSUPPORTED_ALGORITHM',
        ),
      );
    },
  );
  return [main, weak];
}

function generate(): VectorFile {
  const rsa2048 = generateRsaKeyPair(SEED, 'jitsuin/vectors/ecdsa/rsa-2048-1', 2048);
  const rsa1024 = generateRsaKeyPair(SEED, 'jitsuin/vectors/ecdsa/rsa-1024-weak', 1024);
  const testGroups = [
    derToRawGroup(),
    rawToDerGroup(),
    ...verifyGroupP256(),
    verifyGroupP384(),
    spkiGroup(rsa2048),
    ...rsaGroups(rsa2048, rsa1024),
  ];
  const numberOfTests = testGroups.reduce((acc, g) => acc + g.tests.length, 0);
  const used = new Set(testGroups.flatMap((g) => g.tests.flatMap((t) => t.flags)));
  const notes = Object.fromEntries(Object.entries(NOTES).filter(([flag]) => used.has(flag)));
  return {
    schema: 'jitsuin-vectors-v1',
    suite: 'ecdsa',
    specVersion: SPEC_VERSION,
    numberOfTests,
    notes,
    testGroups: numberTests(testGroups),
  };
}

/** The generator of `vectors/ecdsa.json`. */
export const ecdsaGenerator: VectorGenerator = { name: 'ecdsa', generate };
