/**
 * The `jws` vector suite: every acceptance and rejection rule of `spec/jws.md`, one negative case
 * per rule, each otherwise a valid token. Deterministic: keys from HKDF-SHA-256 over fixed labels,
 * RFC 6979 signatures, fixed certificate dates.
 *
 * "Exactly one rule" is achieved by building the mutated header or payload first and then signing
 * the resulting signing input with the leaf key, so the signature is valid for what travels and
 * only the targeted rule fails. Where a case cannot avoid breaking a second rule (a P-384 leaf has
 * no ES256 signature; a classic `alg:none` token has no signature), its comment says so and the
 * order of spec/jws.md §9 decides the error.
 * The judge of its cases is `src/conformance/suites/jws.ts`.
 * @module
 */
import { base64urlDecode, base64urlEncode } from '../../src/encoding/base64url.js';
import { concatBytes } from '../../src/encoding/bytes.js';
import { canonicalizeToBytes } from '../../src/encoding/canonicalize.js';
import { hexEncode } from '../../src/encoding/hex.js';
import { utf8Encode } from '../../src/encoding/utf8.js';
import type { JsonObject, JsonValue } from '../../src/encoding/json-value.js';
import { derivePrivateKey, getEcPublicKey, signEcdsa } from '../../src/crypto/ecdsa.js';
import { rawToDerSignature } from '../../src/crypto/ecdsa-signature.js';
import { exportSpki } from '../../src/crypto/keys.js';
import { hmacSha256, sha256 } from '../../src/crypto/hash.js';
import { generateRsaKeyPair, rsaPublicKey, signRsaPkcs1v15 } from '../../src/crypto/rsa-keygen.js';
import { CURVES } from '../../src/crypto/internal/curves.js';
import {
  buildCertificate,
  type CertificateSigner,
  type RawExtension,
} from '../../src/x509/builder.js';
import { name } from '../../src/x509/name.js';
import { base64Encode } from '../../src/internal/base64.js';
import { DEFAULT_JWS_LIMITS } from '../../src/jws/types.js';
import { JWS_TYP } from '../../src/jws/typ.js';
import { SPEC_VERSION } from '../../src/conformance/version.js';
import type {
  VectorFile,
  VectorGroup,
  VectorNote,
  VectorTest,
} from '../../src/conformance/types.js';
import { runSign, runVerify } from '../../src/conformance/suites/jws.js';
import type { VectorGenerator } from './types.js';

const SEED = utf8Encode('jitsuin/vectors/jws/v1');
/** 2026-01-01T00:00:00Z and 2036-01-01T00:00:00Z. */
const NOT_BEFORE = 1_767_225_600;
const NOT_AFTER = 2_082_758_400;
/** RFC 5612 documentation enterprise number: an extension no one interprets (used to pad certificates). */
const PADDING_EXTENSION_OID = '1.3.6.1.4.1.32473.1';
const N_P256 = CURVES['P-256'].n;

// ------------------------------------------------------------------------------------------------
// Fixtures: keys and certificates
// ------------------------------------------------------------------------------------------------

/** The keys and certificates the vectors (and the unit tests) use. @internal */
export interface JwsFixture {
  /** Private key of leaf A (P-256). */
  readonly keyA: Uint8Array;
  /** Another P-256 private key, certified by nobody in these vectors. */
  readonly keyB: Uint8Array;
  /** Self-signed P-256 leaf A. */
  readonly leafA: Uint8Array;
  /** Test CA (self-signed) and leaf C issued by it, with C's private key. */
  readonly ca: Uint8Array;
  readonly leafC: Uint8Array;
  readonly keyC: Uint8Array;
  /** Self-signed leaf A key certificate padded to about 5 000 bytes, and one over 8 192 bytes. */
  readonly bigLeafA: Uint8Array;
  readonly hugeLeafA: Uint8Array;
  /** Self-signed certificates whose key is not P-256. */
  readonly p384Leaf: Uint8Array;
  readonly rsaLeaf: Uint8Array;
}

function ecSigner(privateKey: Uint8Array, curve: 'P-256' | 'P-384' = 'P-256'): CertificateSigner {
  return {
    algorithm: curve === 'P-256' ? 'ES256' : 'ES384',
    signatureFormat: 'raw',
    sign: (tbs) => Promise.resolve(signEcdsa(privateKey, tbs, { curve })),
  };
}

function paddingExtension(bytes: number): RawExtension {
  // OCTET STRING with a two-byte length: 04 82 hh ll, then zeros.
  const value = concatBytes(
    Uint8Array.of(0x04, 0x82, bytes >> 8, bytes & 0xff),
    new Uint8Array(bytes),
  );
  return { oid: PADDING_EXTENSION_OID, critical: false, value };
}

async function selfSigned(
  cn: string,
  serial: string,
  spki: Uint8Array,
  signer: CertificateSigner,
  extensions: readonly RawExtension[] = [],
): Promise<Uint8Array> {
  const dn = name([
    ['C', 'JP'],
    ['O', 'jitsuin test vectors'],
    ['CN', cn],
  ]);
  return buildCertificate({
    serialNumber: serial,
    issuer: dn,
    subject: dn,
    notBefore: NOT_BEFORE,
    notAfter: NOT_AFTER,
    publicKey: spki,
    signer,
    keyUsage: ['digitalSignature'],
    extensions,
  });
}

let fixturePromise: Promise<JwsFixture> | undefined;

/** Builds (once) the deterministic keys and certificates of the suite. @internal */
export function jwsFixture(): Promise<JwsFixture> {
  fixturePromise ??= buildFixture();
  return fixturePromise;
}

async function buildFixture(): Promise<JwsFixture> {
  const keyA = derivePrivateKey(SEED, 'jws/leaf-a');
  const keyB = derivePrivateKey(SEED, 'jws/leaf-b');
  const keyC = derivePrivateKey(SEED, 'jws/leaf-c');
  const keyCa = derivePrivateKey(SEED, 'jws/ca');
  const key384 = derivePrivateKey(SEED, 'jws/leaf-p384', 'P-384');
  const spkiA = exportSpki(getEcPublicKey(keyA));
  const leafA = await selfSigned('JWS test leaf A', '0a01', spkiA, ecSigner(keyA));
  const bigLeafA = await selfSigned('JWS test leaf A (padded)', '0a02', spkiA, ecSigner(keyA), [
    paddingExtension(4600),
  ]);
  const hugeLeafA = await selfSigned('JWS test leaf A (oversized)', '0a03', spkiA, ecSigner(keyA), [
    paddingExtension(8800),
  ]);
  const caDn = name([
    ['C', 'JP'],
    ['O', 'jitsuin test vectors'],
    ['CN', 'JWS test CA'],
  ]);
  const ca = await buildCertificate({
    serialNumber: '0c01',
    issuer: caDn,
    subject: caDn,
    notBefore: NOT_BEFORE,
    notAfter: NOT_AFTER,
    publicKey: exportSpki(getEcPublicKey(keyCa)),
    signer: ecSigner(keyCa),
    basicConstraints: { ca: true },
    keyUsage: ['keyCertSign', 'cRLSign'],
  });
  const leafC = await buildCertificate({
    serialNumber: '0c02',
    issuer: caDn,
    subject: name([
      ['C', 'JP'],
      ['O', 'jitsuin test vectors'],
      ['CN', 'JWS test leaf C'],
    ]),
    notBefore: NOT_BEFORE,
    notAfter: NOT_AFTER,
    publicKey: exportSpki(getEcPublicKey(keyC)),
    signer: ecSigner(keyCa),
    keyUsage: ['digitalSignature'],
  });
  const p384Leaf = await selfSigned(
    'JWS test leaf P-384',
    '0a04',
    exportSpki(getEcPublicKey(key384, 'P-384')),
    ecSigner(key384, 'P-384'),
  );
  const rsa = generateRsaKeyPair(SEED, 'jws/leaf-rsa', 2048);
  const rsaSigner: CertificateSigner = {
    algorithm: 'RS256',
    sign: (tbs) => Promise.resolve(signRsaPkcs1v15(rsa, tbs, 'SHA-256')),
  };
  const rsaLeaf = await selfSigned(
    'JWS test leaf RSA',
    '0a05',
    exportSpki(rsaPublicKey(rsa)),
    rsaSigner,
  );
  return { keyA, keyB, leafA, ca, leafC, keyC, bigLeafA, hugeLeafA, p384Leaf, rsaLeaf };
}

// ------------------------------------------------------------------------------------------------
// Token construction
// ------------------------------------------------------------------------------------------------

const seg = (bytes: Uint8Array): string => base64urlEncode(bytes);
const json = (value: JsonValue): Uint8Array => canonicalizeToBytes(value);
const text = (s: string): Uint8Array => utf8Encode(s);

/** The raw ES256 signature segment over `h.p` (high-S when asked). */
function sigSeg(h: string, p: string, key: Uint8Array, highS = false): string {
  return seg(signEcdsa(key, text(`${h}.${p}`), { highS }));
}

/** A token from segment texts, signed with `key` over exactly those texts. */
function tokenFromSegments(h: string, p: string, key: Uint8Array, highS = false): string {
  return `${h}.${p}.${sigSeg(h, p, key, highS)}`;
}

/** A token from header and payload bytes, signed with `key`. */
function tokenFromBytes(
  header: Uint8Array,
  payload: Uint8Array,
  key: Uint8Array,
  highS = false,
): string {
  return tokenFromSegments(seg(header), seg(payload), key, highS);
}

function standardHeader(typ: string, chain: readonly Uint8Array[]): JsonObject {
  return { alg: 'ES256', typ, x5c: chain.map(base64Encode) };
}

/** Decodes a raw r||s segment, lets `f` change r and s, re-encodes. */
function mapSignature(token: string, f: (r: bigint, s: bigint) => Uint8Array): string {
  const [h, p, sig] = token.split('.') as [string, string, string];
  const raw = base64urlDecode(sig);
  const r = BigInt(`0x${hexEncode(raw.subarray(0, 32))}`);
  const s = BigInt(`0x${hexEncode(raw.subarray(32))}`);
  return `${h}.${p}.${seg(f(r, s))}`;
}

function scalar(v: bigint): Uint8Array {
  const hex = v.toString(16).padStart(64, '0');
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

// ------------------------------------------------------------------------------------------------
// The vectors
// ------------------------------------------------------------------------------------------------

const NOTES: Readonly<Record<string, VectorNote>> = {
  Valid: { bugType: 'BASIC', description: 'A token that follows every rule of the profile.' },
  HighS: {
    bugType: 'EDGE_CASE',
    description:
      'The signature s is above n/2, as phone secure hardware produces half the time; it must be accepted (JWS-19).',
  },
  Chain: {
    bugType: 'FUNCTIONALITY',
    description: 'x5c carries more than one certificate, leaf first.',
  },
  Malformed: {
    bugType: 'BASIC',
    description: 'The token is not a Compact Serialization of three strict base64url segments.',
  },
  NonCanonical: {
    bugType: 'MALLEABILITY',
    description:
      'Header or payload bytes are not the canonical form of their value; accepting them gives one message several encodings.',
  },
  NotStrictJson: {
    bugType: 'MODIFIED_PARAMETER',
    description:
      'Header or payload bytes are not strict JSON at all (not JSON, ill-formed UTF-8, duplicate member names, a number outside the integer model, nesting beyond 32 levels), so they denote no value of the profile.',
  },
  AlgConfusion: {
    bugType: 'AUTH_BYPASS',
    description:
      'alg is not ES256 (none, HMAC, RSA, other curves); a verifier that lets the token choose the algorithm can be bypassed.',
  },
  Crit: {
    bugType: 'AUTH_BYPASS',
    description:
      'crit is present; this profile understands no extension, so every crit is rejected.',
  },
  ForbiddenHeader: {
    bugType: 'AUTH_BYPASS',
    description:
      'A header member outside the allowlist alg, typ, x5c (key pointers such as jku/x5u/jwk/kid, b64, zip, unknown names).',
  },
  TypConfusion: {
    bugType: 'AUTH_BYPASS',
    description:
      'typ is missing or differs from the expected message kind; accepting it enables cross-protocol substitution.',
  },
  X5c: {
    bugType: 'MODIFIED_PARAMETER',
    description:
      'x5c is missing, empty, not canonical standard base64, not DER, or its leaf key is not P-256.',
  },
  SizeLimit: {
    bugType: 'DOS',
    description:
      'An input beyond a limit of spec/jws.md §6; rejected before the work it would cause.',
  },
  SignatureEncoding: {
    bugType: 'MODIFIED_PARAMETER',
    description:
      'The signature is not 64-byte raw r||s with r, s in [1, n-1] (DER, wrong length, out-of-range scalar).',
  },
  WrongSignature: {
    bugType: 'AUTH_BYPASS',
    description:
      'A well-formed signature that does not verify under the x5c leaf key over the signing input.',
  },
  Payload: {
    bugType: 'MODIFIED_PARAMETER',
    description:
      'The payload is not a strict, canonical JSON object (checked after the signature).',
  },
  CheckOrder: {
    bugType: 'EDGE_CASE',
    description:
      'The token breaks two rules on purpose; the error is that of the first rule in the order of spec/jws.md §9.',
  },
};

interface CaseSpec {
  readonly comment: string;
  readonly flags: readonly string[];
  readonly requirements: readonly string[];
  readonly token: string;
  readonly expectedTyp?: string;
  readonly error?: VectorTest['error'];
}

interface GroupSpec {
  readonly title: string;
  readonly cases: readonly CaseSpec[];
}

const EXPECTED_TYP = JWS_TYP.login;
const PAYLOAD: JsonObject = {
  aud: 'https://rp.example',
  challenge: 'q3lf0hFQ4mD6t2Wc2b8e0Lx9k1Yw7Jc3Qe5Ra1Tb6Uo',
  iat: 1_767_312_000,
  name: '山田 太郎',
};

/** Every case of the file, grouped; built from the fixture. @internal */
export async function jwsCases(): Promise<readonly GroupSpec[]> {
  const f = await jwsFixture();
  const chainA = [f.leafA];
  const hdr = (typ: string = EXPECTED_TYP, chain: readonly Uint8Array[] = chainA): JsonObject =>
    standardHeader(typ, chain);
  const good = (typ: string = EXPECTED_TYP, payload: JsonObject = PAYLOAD, highS = false): string =>
    tokenFromBytes(json(hdr(typ)), json(payload), f.keyA, highS);
  const withHeader = (header: JsonObject): string =>
    tokenFromBytes(json(header), json(PAYLOAD), f.keyA);
  const withHeaderText = (headerText: string): string =>
    tokenFromBytes(text(headerText), json(PAYLOAD), f.keyA);
  const withPayloadBytes = (payload: Uint8Array): string =>
    tokenFromBytes(json(hdr()), payload, f.keyA);
  const leafB64 = base64Encode(f.leafA);
  const hSeg = seg(json(hdr()));
  const pSeg = seg(json(PAYLOAD));
  const validToken = good();
  // A payload whose length is not a multiple of 3, so its base64url text has unused trailing bits.
  const oddPayload: JsonObject = json(PAYLOAD).length % 3 === 0 ? { ...PAYLOAD, n: 12 } : PAYLOAD;

  const inv = (
    comment: string,
    flags: string[],
    requirements: string[],
    error: NonNullable<VectorTest['error']>,
    token: string,
    expectedTyp?: string,
  ): CaseSpec =>
    expectedTyp === undefined
      ? { comment, flags, requirements, token, error }
      : { comment, flags, requirements, token, error, expectedTyp };

  const valid: CaseSpec[] = [
    {
      comment: 'valid token, low-S signature, self-signed P-256 leaf',
      flags: ['Valid'],
      requirements: [
        'JWS-05',
        'JWS-06',
        'JWS-07',
        'JWS-10',
        'JWS-11',
        'JWS-18',
        'JWS-21',
        'JWS-30',
        'JWS-31',
      ],
      token: validToken,
    },
    {
      comment: 'the same header and payload with the high-S twin (r, n-s) of the signature',
      flags: ['Valid', 'HighS'],
      requirements: ['JWS-19'],
      token: good(EXPECTED_TYP, PAYLOAD, true),
    },
    {
      comment: 'valid token of another registered typ, verified with that typ expected',
      flags: ['Valid'],
      requirements: ['JWS-10'],
      token: good(JWS_TYP.qrApproval),
      expectedTyp: JWS_TYP.qrApproval,
    },
    {
      comment: 'valid consent token, high-S',
      flags: ['Valid', 'HighS'],
      requirements: ['JWS-10', 'JWS-19'],
      token: good(JWS_TYP.consent, PAYLOAD, true),
      expectedTyp: JWS_TYP.consent,
    },
    {
      comment:
        'valid token whose x5c is leaf C then its issuing CA (chain trust is out of scope of this suite)',
      flags: ['Valid', 'Chain'],
      requirements: ['JWS-11', 'JWS-18'],
      token: tokenFromBytes(json(hdr(EXPECTED_TYP, [f.leafC, f.ca])), json(PAYLOAD), f.keyC),
    },
    {
      comment: 'valid token with nested payload values, escapes and the largest safe integer',
      flags: ['Valid'],
      requirements: ['JWS-21', 'JWS-22'],
      token: good(EXPECTED_TYP, {
        a: [1, -9007199254740991, 9007199254740991, true, false, null],
        b: { 'c\n': 'tab\t"q"\\ é 🍣' },
        e: '',
      }),
    },
  ];

  const jsonSerialization = JSON.stringify({
    payload: pSeg,
    protected: hSeg,
    signature: validToken.split('.')[2],
  });
  const structure: CaseSpec[] = [
    inv(
      'two segments: the signature segment and its dot are missing',
      ['Malformed'],
      ['JWS-01'],
      'ERR_JWS_MALFORMED',
      `${hSeg}.${pSeg}`,
    ),
    inv(
      'four segments: a valid token followed by ".AAAA"',
      ['Malformed'],
      ['JWS-01'],
      'ERR_JWS_MALFORMED',
      `${validToken}.AAAA`,
    ),
    inv(
      'five segments (a JWE-shaped token)',
      ['Malformed'],
      ['JWS-01'],
      'ERR_JWS_MALFORMED',
      `${hSeg}..${pSeg}.AAAA.${validToken.split('.')[2] ?? ''}`,
    ),
    inv(
      'the valid token in the flattened JWS JSON Serialization (RFC 7515 §7.2.2)',
      ['Malformed'],
      ['JWS-02'],
      'ERR_JWS_MALFORMED',
      jsonSerialization,
    ),
    inv(
      'header segment with "=" padding, signed over the padded text',
      ['Malformed'],
      ['JWS-03'],
      'ERR_JWS_MALFORMED',
      tokenFromSegments(`${hSeg}${'='.repeat((4 - (hSeg.length % 4)) % 4 || 4)}`, pSeg, f.keyA),
    ),
    inv(
      'payload segment in standard base64 with "=" padding, signed over that text',
      ['Malformed'],
      ['JWS-03'],
      'ERR_JWS_MALFORMED',
      tokenFromSegments(hSeg, base64Encode(json(oddPayload)), f.keyA),
    ),
    inv(
      'payload segment whose last character has non-zero unused bits (decodes to the same bytes), signed over that text',
      ['Malformed', 'NonCanonical'],
      ['JWS-03'],
      'ERR_JWS_MALFORMED',
      tokenFromSegments(hSeg, bumpTrailingBits(seg(json(oddPayload))), f.keyA),
    ),
    inv(
      'signature segment in standard base64 with padding (same 64 bytes)',
      ['Malformed'],
      ['JWS-03'],
      'ERR_JWS_MALFORMED',
      `${hSeg}.${pSeg}.${base64Encode(signEcdsa(f.keyA, text(`${hSeg}.${pSeg}`)))}`,
    ),
    inv(
      'a line break inside the payload segment, signed over that text',
      ['Malformed'],
      ['JWS-03'],
      'ERR_JWS_MALFORMED',
      tokenFromSegments(hSeg, `${pSeg.slice(0, 8)}\n${pSeg.slice(8)}`, f.keyA),
    ),
    inv(
      'empty payload segment (detached content), with a valid signature over "header."',
      ['Malformed'],
      ['JWS-04'],
      'ERR_JWS_MALFORMED',
      tokenFromSegments(hSeg, '', f.keyA),
    ),
  ];

  const header: CaseSpec[] = [
    inv(
      'empty header segment (zero header bytes), signed over ".payload"',
      ['NotStrictJson'],
      ['JWS-05'],
      'ERR_JWS_HEADER_INVALID',
      tokenFromSegments('', pSeg, f.keyA),
    ),
    inv(
      'header bytes are not JSON',
      ['NotStrictJson'],
      ['JWS-05'],
      'ERR_JWS_HEADER_INVALID',
      withHeaderText('alg=ES256'),
    ),
    inv(
      'header bytes are ill-formed UTF-8 (0xC0 0xAF inside a string)',
      ['NotStrictJson'],
      ['JWS-05'],
      'ERR_JWS_HEADER_INVALID',
      tokenFromBytes(
        concatBytes(
          text('{"alg":"ES256","typ":"jitsuin-login+jws","x5c":["'),
          Uint8Array.of(0xc0, 0xaf),
          text('"]}'),
        ),
        json(PAYLOAD),
        f.keyA,
      ),
    ),
    inv(
      'header is a JSON array holding the valid header object',
      [],
      ['JWS-05'],
      'ERR_JWS_HEADER_INVALID',
      tokenFromBytes(concatBytes(text('['), json(hdr()), text(']')), json(PAYLOAD), f.keyA),
    ),
    inv(
      'header with "alg" twice, both "ES256" (duplicate member names)',
      ['NotStrictJson'],
      ['JWS-05'],
      'ERR_JWS_HEADER_INVALID',
      withHeaderText(`{"alg":"ES256","alg":"ES256","typ":"${EXPECTED_TYP}","x5c":["${leafB64}"]}`),
    ),
    inv(
      'header with whitespace after the colons (JSON.stringify(h, null, 1))',
      ['NonCanonical'],
      ['JWS-06'],
      'ERR_JWS_HEADER_INVALID',
      withHeaderText(JSON.stringify(hdr(), null, 1)),
    ),
    inv(
      'header members in the order typ, alg, x5c',
      ['NonCanonical'],
      ['JWS-06'],
      'ERR_JWS_HEADER_INVALID',
      withHeaderText(`{"typ":"${EXPECTED_TYP}","alg":"ES256","x5c":["${leafB64}"]}`),
    ),
    inv(
      'header with the member name written "\\u0061lg"',
      ['NonCanonical'],
      ['JWS-06'],
      'ERR_JWS_HEADER_INVALID',
      withHeaderText(`{"\\u0061lg":"ES256","typ":"${EXPECTED_TYP}","x5c":["${leafB64}"]}`),
    ),
    inv(
      'x5c base64 with "/" escaped as "\\/" (valid JSON, not canonical)',
      ['NonCanonical'],
      ['JWS-06'],
      'ERR_JWS_HEADER_INVALID',
      withHeaderText(`{"alg":"ES256","typ":"${EXPECTED_TYP}","x5c":["${escapeSlashes(leafB64)}"]}`),
    ),
  ];

  const algs: [string, JsonValue | undefined][] = [
    ['none', 'none'],
    ['HS256', 'HS256'],
    ['RS256', 'RS256'],
    ['PS256', 'PS256'],
    ['ES384', 'ES384'],
    ['ES512', 'ES512'],
    ['ES256K', 'ES256K'],
    ['EdDSA', 'EdDSA'],
    ['lower-case es256', 'es256'],
    ['"ES256 " with a trailing space', 'ES256 '],
    ['null', null],
    ['the number 256', 256],
    ['an array ["ES256"]', ['ES256']],
    ['missing', undefined],
  ];
  const alg: CaseSpec[] = algs.map(([label, value]) => {
    const h: JsonObject = { typ: EXPECTED_TYP, x5c: [leafB64] };
    if (value !== undefined) h['alg'] = value;
    return inv(
      `alg ${label}; otherwise valid, with an ES256 signature by the leaf key over this header`,
      ['AlgConfusion'],
      ['JWS-07'],
      'ERR_JWS_ALG',
      withHeader(h),
    );
  });
  {
    const noneSeg = seg(json({ alg: 'none', typ: EXPECTED_TYP, x5c: [leafB64] }));
    alg.push(
      inv(
        'classic unsecured JWS: alg none and an empty signature segment (two rules broken; alg is checked first)',
        ['AlgConfusion', 'CheckOrder'],
        ['JWS-07', 'JWS-34'],
        'ERR_JWS_ALG',
        `${noneSeg}.${pSeg}.`,
      ),
    );
    const hsSeg = seg(json({ alg: 'HS256', typ: EXPECTED_TYP, x5c: [leafB64] }));
    const mac = hmacSha256(f.leafA, text(`${hsSeg}.${pSeg}`));
    alg.push(
      inv(
        'HS256 keyed with the leaf certificate DER, a 32-byte MAC as signature (two rules broken; alg is checked first)',
        ['AlgConfusion', 'CheckOrder'],
        ['JWS-07', 'JWS-34'],
        'ERR_JWS_ALG',
        `${hsSeg}.${pSeg}.${seg(mac)}`,
      ),
    );
  }

  const crit: CaseSpec[] = [
    inv(
      'crit is an empty array (no other deviation)',
      ['Crit'],
      ['JWS-08'],
      'ERR_JWS_CRIT',
      withHeader({ ...hdr(), crit: [] }),
    ),
    inv(
      'crit ["exp"] with an "exp" member: crit is checked before the allowlist, so ERR_JWS_CRIT',
      ['Crit', 'CheckOrder'],
      ['JWS-08', 'JWS-34'],
      'ERR_JWS_CRIT',
      withHeader({ ...hdr(), crit: ['exp'], exp: 1_767_312_300 }),
    ),
    inv(
      'RFC 7797 unencoded payload: b64 false with crit ["b64"] (crit is checked first)',
      ['Crit', 'CheckOrder'],
      ['JWS-08', 'JWS-34'],
      'ERR_JWS_CRIT',
      withHeader({ ...hdr(), b64: false, crit: ['b64'] }),
    ),
  ];

  const jwk = {
    crv: 'P-256',
    kty: 'EC',
    x: seg(getEcPublicKey(f.keyA).point.subarray(1, 33)),
    y: seg(getEcPublicKey(f.keyA).point.subarray(33)),
  };
  const forbiddenMembers: [string, JsonValue][] = [
    ['jku', 'https://attacker.example/jwks.json'],
    ['x5u', 'https://attacker.example/chain.pem'],
    ['jwk', jwk],
    ['kid', 'leaf-a'],
    ['x5t', seg(new Uint8Array(20))],
    ['x5t#S256', seg(sha256(f.leafA))],
    ['cty', 'json'],
    ['b64', false],
    ['b64', true],
    ['zip', 'DEF'],
    ['enc', 'A256GCM'],
    ['nonce', 'abc'],
    ['url', 'https://rp.example/login'],
    ['iat', 1_767_312_000],
    ['x-private', 'value'],
    ['__proto__', { alg: 'none' }],
  ];
  const forbidden: CaseSpec[] = forbiddenMembers.map(([member, value]) =>
    inv(
      `header carries ${member}: ${JSON.stringify(value)}; otherwise valid and signed`,
      ['ForbiddenHeader'],
      ['JWS-09'],
      'ERR_JWS_FORBIDDEN_HEADER',
      withHeader({ ...hdr(), [member]: value }),
    ),
  );
  forbidden.push(
    inv(
      'alg none together with a jwk member: alg is checked first',
      ['AlgConfusion', 'CheckOrder'],
      ['JWS-07', 'JWS-34'],
      'ERR_JWS_ALG',
      withHeader({ ...hdr(), alg: 'none', jwk }),
    ),
  );

  const typs: [string, JsonValue | undefined][] = [
    ['missing', undefined],
    [`another registered kind (${JWS_TYP.consent})`, JWS_TYP.consent],
    ['upper case', EXPECTED_TYP.toUpperCase()],
    ['with the application/ media-type prefix', `application/${EXPECTED_TYP}`],
    ['"JWT"', 'JWT'],
    ['with a trailing space', `${EXPECTED_TYP} `],
    ['the number 1', 1],
  ];
  const typ: CaseSpec[] = typs.map(([label, value]) => {
    const h: JsonObject = { alg: 'ES256', x5c: [leafB64] };
    if (value !== undefined) h['typ'] = value;
    return inv(
      `typ ${label} while ${EXPECTED_TYP} is expected; otherwise valid and signed`,
      ['TypConfusion'],
      ['JWS-10'],
      'ERR_JWS_TYP',
      withHeader(h),
    );
  });
  typ.push(
    inv(
      `a valid ${JWS_TYP.login} token verified where ${JWS_TYP.qrApproval} is expected`,
      ['TypConfusion'],
      ['JWS-10'],
      'ERR_JWS_TYP',
      validToken,
      JWS_TYP.qrApproval,
    ),
  );
  typ.push(
    inv(
      'typ wrong and x5c missing: typ is checked first',
      ['TypConfusion', 'CheckOrder'],
      ['JWS-10', 'JWS-34'],
      'ERR_JWS_TYP',
      withHeader({ alg: 'ES256', typ: JWS_TYP.consent }),
    ),
  );

  const x5cCases: [string, string, JsonValue | undefined, NonNullable<VectorTest['error']>][] = [
    ['x5c missing', 'JWS-11', undefined, 'ERR_JWS_X5C'],
    ['x5c an empty array', 'JWS-11', [], 'ERR_JWS_X5C'],
    ['x5c a string instead of an array', 'JWS-11', leafB64, 'ERR_JWS_X5C'],
    ['x5c [leaf, 7]: an element that is not a string', 'JWS-11', [leafB64, 7], 'ERR_JWS_X5C'],
    [
      'x5c element in base64url alphabet (RFC 7515 §4.1.6 requires standard base64)',
      'JWS-12',
      [toUrlAlphabet(leafB64)],
      'ERR_JWS_X5C',
    ],

    [
      'x5c element as PEM body with a line break every 64 characters',
      'JWS-12',
      [leafB64.replace(/(.{64})/g, '$1\n')],
      'ERR_JWS_X5C',
    ],

    ['x5c element empty string', 'JWS-12', [''], 'ERR_JWS_X5C'],
    [
      'x5c element that is the leaf DER with one byte appended',
      'JWS-13',
      [base64Encode(concatBytes(f.leafA, Uint8Array.of(0)))],
      'ERR_JWS_X5C',
    ],
    [
      'x5c element that is the leaf DER truncated by one byte',
      'JWS-13',
      [base64Encode(f.leafA.subarray(0, f.leafA.length - 1))],
      'ERR_JWS_X5C',
    ],
    [
      'x5c element that is 32 bytes of zeros',
      'JWS-13',
      [base64Encode(new Uint8Array(32))],
      'ERR_JWS_X5C',
    ],
    [
      'x5c [leaf, garbage]: the second element is not a certificate',
      'JWS-13',
      [leafB64, base64Encode(text('not a certificate'))],
      'ERR_JWS_X5C',
    ],
    [
      "x5c element that is the leaf's SubjectPublicKeyInfo, not a certificate",
      'JWS-13',
      [base64Encode(exportSpki(getEcPublicKey(f.keyA)))],
      'ERR_JWS_X5C',
    ],
  ];
  const x5c: CaseSpec[] = x5cCases.map(([label, id, value, error]) => {
    const h: JsonObject = { alg: 'ES256', typ: EXPECTED_TYP };
    if (value !== undefined) h['x5c'] = value;
    return inv(
      `${label}; otherwise valid, signed by the leaf A key`,
      ['X5c'],
      [id],
      error,
      withHeader(h),
    );
  });
  // Padding rules need a certificate whose length is not a multiple of 3; take the first such leaf.
  const [padLeaf, padKey] =
    (
      [
        [f.leafA, f.keyA],
        [f.leafC, f.keyC],
      ] as const
    ).find(([c]) => c.length % 3 !== 0) ?? fail('no leaf with padding');
  const padB64 = base64Encode(padLeaf);
  const padHeader = (element: string): JsonObject => ({
    alg: 'ES256',
    typ: EXPECTED_TYP,
    x5c: [element],
  });
  x5c.push(
    inv(
      'x5c element without its "=" padding; otherwise valid and signed by the leaf key',
      ['X5c'],
      ['JWS-12'],
      'ERR_JWS_X5C',
      tokenFromBytes(json(padHeader(padB64.replace(/=+$/, ''))), json(PAYLOAD), padKey),
    ),
  );
  x5c.push(
    inv(
      'x5c element with non-zero unused bits before the padding (decodes to the same DER); otherwise valid and signed',
      ['X5c', 'NonCanonical'],
      ['JWS-12'],
      'ERR_JWS_X5C',
      tokenFromBytes(json(padHeader(bumpPaddedTrailingBits(padB64))), json(PAYLOAD), padKey),
    ),
  );
  x5c.push(
    inv(
      "leaf key on P-384 (a self-signed ES384 certificate); no ES256 signature can exist for it, so the token carries one by leaf A's key, which the leaf-key check never reaches",
      ['X5c'],
      ['JWS-14'],
      'ERR_JWS_X5C',
      withHeader(hdr(EXPECTED_TYP, [f.p384Leaf])),
    ),
  );
  x5c.push(
    inv(
      "leaf key is RSA 2048 (a self-signed RS256 certificate); signed with leaf A's key as above",
      ['X5c'],
      ['JWS-14'],
      'ERR_JWS_X5C',
      withHeader(hdr(EXPECTED_TYP, [f.rsaLeaf])),
    ),
  );
  x5c.push(
    inv(
      "x5c [CA, leaf C]: chain in the wrong order; the token is signed by leaf C, so the first certificate's key does not verify it",
      ['X5c', 'WrongSignature'],
      ['JWS-18'],
      'ERR_SIGNATURE_INVALID',
      tokenFromBytes(json(hdr(EXPECTED_TYP, [f.ca, f.leafC])), json(PAYLOAD), f.keyC),
    ),
  );

  const sigBase = `${hSeg}.${pSeg}`;
  const rawSig = signEcdsa(f.keyA, text(sigBase));
  const signature: CaseSpec[] = [
    inv(
      'the valid signature in DER (ECDSA-Sig-Value) instead of raw r||s',
      ['SignatureEncoding'],
      ['JWS-17'],
      'ERR_INVALID_SIGNATURE_ENCODING',
      `${sigBase}.${seg(rawToDerSignature(rawSig))}`,
    ),
    inv(
      'signature of 63 bytes (last byte dropped)',
      ['SignatureEncoding'],
      ['JWS-17'],
      'ERR_INVALID_SIGNATURE_ENCODING',
      `${sigBase}.${seg(rawSig.subarray(0, 63))}`,
    ),
    inv(
      'signature of 65 bytes (a zero byte appended)',
      ['SignatureEncoding'],
      ['JWS-17'],
      'ERR_INVALID_SIGNATURE_ENCODING',
      `${sigBase}.${seg(concatBytes(rawSig, Uint8Array.of(0)))}`,
    ),
    inv(
      'empty signature segment with an ES256 header',
      ['SignatureEncoding'],
      ['JWS-17'],
      'ERR_INVALID_SIGNATURE_ENCODING',
      `${sigBase}.`,
    ),
    inv(
      'r = 0',
      ['SignatureEncoding'],
      ['JWS-17'],
      'ERR_INVALID_SIGNATURE_ENCODING',
      mapSignature(validToken, (_r, s) => concatBytes(scalar(0n), scalar(s))),
    ),
    inv(
      's = 0',
      ['SignatureEncoding'],
      ['JWS-17'],
      'ERR_INVALID_SIGNATURE_ENCODING',
      mapSignature(validToken, (r) => concatBytes(scalar(r), scalar(0n))),
    ),
    inv(
      's = n',
      ['SignatureEncoding'],
      ['JWS-17'],
      'ERR_INVALID_SIGNATURE_ENCODING',
      mapSignature(validToken, (r) => concatBytes(scalar(r), scalar(N_P256))),
    ),
    inv(
      'r = n',
      ['SignatureEncoding'],
      ['JWS-17'],
      'ERR_INVALID_SIGNATURE_ENCODING',
      mapSignature(validToken, (_r, s) => concatBytes(scalar(N_P256), scalar(s))),
    ),
    inv(
      'signature by key B while x5c holds leaf A (key comes from x5c only)',
      ['WrongSignature'],
      ['JWS-18'],
      'ERR_SIGNATURE_INVALID',
      tokenFromSegments(hSeg, pSeg, f.keyB),
    ),
    inv(
      'last signature byte flipped',
      ['WrongSignature'],
      ['JWS-18'],
      'ERR_SIGNATURE_INVALID',
      mapSignature(validToken, (r, s) => concatBytes(scalar(r), scalar(s ^ 1n))),
    ),
    inv(
      'payload segment replaced after signing (another canonical payload)',
      ['WrongSignature'],
      ['JWS-18'],
      'ERR_SIGNATURE_INVALID',
      `${hSeg}.${seg(json({ ...PAYLOAD, aud: 'https://evil.example' }))}.${validToken.split('.')[2] ?? ''}`,
    ),
    inv(
      `a ${JWS_TYP.consent} token whose typ was rewritten to ${EXPECTED_TYP} without re-signing`,
      ['WrongSignature', 'TypConfusion'],
      ['JWS-18'],
      'ERR_SIGNATURE_INVALID',
      `${hSeg}.${pSeg}.${good(JWS_TYP.consent).split('.')[2] ?? ''}`,
    ),
    inv(
      'signature computed over the decoded header and payload JSON joined by "." instead of over the base64url segments',
      ['WrongSignature'],
      ['JWS-18'],
      'ERR_SIGNATURE_INVALID',
      `${sigBase}.${seg(signEcdsa(f.keyA, concatBytes(json(hdr()), text('.'), json(PAYLOAD))))}`,
    ),
    inv(
      'signature over the right input with SHA-384 as the hash (ES384-style digest, P-256 key)',
      ['WrongSignature'],
      ['JWS-18'],
      'ERR_SIGNATURE_INVALID',
      `${sigBase}.${seg(signEcdsa(f.keyA, text(sigBase), { hash: 'SHA-384' }))}`,
    ),
  ];

  const payloads: [string, string, Uint8Array, string][] = [
    ['payload bytes are not JSON', 'JWS-21', text('hello'), 'NotStrictJson'],
    [
      'payload with whitespace (JSON.stringify(p, null, 2))',
      'JWS-21',
      text(JSON.stringify(PAYLOAD, null, 2)),
      'NonCanonical',
    ],
    [
      'payload members out of order',
      'JWS-21',
      text('{"iat":1767312000,"aud":"https://rp.example"}'),
      'NonCanonical',
    ],
    [
      'payload with a duplicate member name',
      'JWS-21',
      text('{"aud":"https://rp.example","aud":"https://evil.example"}'),
      'NotStrictJson',
    ],
    ['payload with a fraction 1.5', 'JWS-21', text('{"iat":1.5}'), 'NotStrictJson'],
    ['payload with an exponent 1e3', 'JWS-21', text('{"iat":1e3}'), 'NonCanonical'],
    [
      'payload with the integer 2^53 (outside ±(2^53−1))',
      'JWS-21',
      text('{"iat":9007199254740992}'),
      'NotStrictJson',
    ],
    [
      'payload with ill-formed UTF-8 (0xFF) in a string',
      'JWS-21',
      concatBytes(text('{"aud":"'), Uint8Array.of(0xff), text('"}')),
      'NotStrictJson',
    ],
    [
      'payload with a byte order mark',
      'JWS-21',
      concatBytes(Uint8Array.of(0xef, 0xbb, 0xbf), json(PAYLOAD)),
      'NonCanonical',
    ],
    [
      'payload "é" written as the escape \\u00e9',
      'JWS-21',
      text('{"name":"\\u00e9"}'),
      'NonCanonical',
    ],
    [
      'payload nested 33 levels deep (an object holding 32 nested arrays), beyond the strict JSON limit of 32',
      'JWS-21',
      text(`{"a":${'['.repeat(32)}${']'.repeat(32)}}`),
      'NotStrictJson',
    ],
    ['payload is a JSON array', 'JWS-22', text('[1,2]'), 'Payload'],
    ['payload is a JSON string', 'JWS-22', text('"login"'), 'Payload'],
    ['payload is null', 'JWS-22', text('null'), 'Payload'],
    ['payload is the number 1', 'JWS-22', text('1'), 'Payload'],
  ];
  const payload: CaseSpec[] = payloads.map(([label, id, bytes, flag]) =>
    inv(
      `${label}; header valid, signature valid over these bytes`,
      flag === 'Payload' ? ['Payload'] : ['Payload', flag],
      [id],
      'ERR_JWS_PAYLOAD',
      withPayloadBytes(bytes),
    ),
  );
  {
    const badPayload = seg(text(JSON.stringify(PAYLOAD, null, 2)));
    const signedElsewhere = sigSeg(hSeg, pSeg, f.keyA);
    payload.push(
      inv(
        'non-canonical payload AND a signature that does not verify over it: the signature is checked before the payload is parsed',
        ['CheckOrder', 'WrongSignature'],
        ['JWS-18', 'JWS-20', 'JWS-34'],
        'ERR_SIGNATURE_INVALID',
        `${hSeg}.${badPayload}.${signedElsewhere}`,
      ),
    );
    payload.push(
      inv(
        'payload that is not JSON AND a signature by key B',
        ['CheckOrder', 'WrongSignature'],
        ['JWS-18', 'JWS-20', 'JWS-34'],
        'ERR_SIGNATURE_INVALID',
        tokenFromBytes(json(hdr()), text('not json'), f.keyB),
      ),
    );
  }

  const L = DEFAULT_JWS_LIMITS;
  const bigHeader = (n: number): JsonObject =>
    hdr(
      EXPECTED_TYP,
      Array.from({ length: n }, () => f.bigLeafA),
    );
  const bigPayload = (bytes: number): JsonObject => ({
    pad: 'x'.repeat(bytes - '{"pad":""}'.length),
  });
  const limits: CaseSpec[] = [
    inv(
      `token longer than ${L.maxTokenLength} characters; header (3 × padded leaf) and payload (${L.maxPayloadBytes - 768} bytes) each within their limits`,
      ['SizeLimit'],
      ['JWS-23'],
      'ERR_INPUT_TOO_LARGE',
      tokenFromBytes(json(bigHeader(3)), json(bigPayload(L.maxPayloadBytes - 768)), f.keyA),
    ),
    inv(
      `header of more than ${L.maxHeaderBytes} bytes (5 × padded leaf), token within its limit`,
      ['SizeLimit'],
      ['JWS-24'],
      'ERR_INPUT_TOO_LARGE',
      withHeader(bigHeader(5)),
    ),
    inv(
      `payload of ${L.maxPayloadBytes + 1} bytes`,
      ['SizeLimit'],
      ['JWS-25'],
      'ERR_INPUT_TOO_LARGE',
      good(EXPECTED_TYP, bigPayload(L.maxPayloadBytes + 1)),
    ),
    inv(
      `x5c of ${L.maxChainLength + 1} certificates (the leaf repeated)`,
      ['SizeLimit'],
      ['JWS-26'],
      'ERR_INPUT_TOO_LARGE',
      withHeader(
        hdr(
          EXPECTED_TYP,
          Array.from({ length: L.maxChainLength + 1 }, () => f.leafA),
        ),
      ),
    ),
    inv(
      `x5c leaf of more than ${L.maxCertificateBytes} bytes (same key, padded)`,
      ['SizeLimit'],
      ['JWS-27'],
      'ERR_INPUT_TOO_LARGE',
      withHeader(hdr(EXPECTED_TYP, [f.hugeLeafA])),
    ),
    // Each limit is checked before the work it bounds: these break the limit and the rule of that work.
    inv(
      `token of ${L.maxTokenLength + 1} characters that starts with "{": the length is checked before anything else`,
      ['SizeLimit', 'CheckOrder'],
      ['JWS-23', 'JWS-34'],
      'ERR_INPUT_TOO_LARGE',
      `{${'A'.repeat(L.maxTokenLength)}`,
    ),
    inv(
      `header of ${L.maxHeaderBytes + 1} bytes that are not JSON: the size is checked before the header is parsed`,
      ['SizeLimit', 'CheckOrder'],
      ['JWS-24', 'JWS-34'],
      'ERR_INPUT_TOO_LARGE',
      withHeaderText('x'.repeat(L.maxHeaderBytes + 1)),
    ),
    inv(
      `payload of ${L.maxPayloadBytes + 1} bytes with a signature by key B: the size is checked before the signature is verified`,
      ['SizeLimit', 'CheckOrder'],
      ['JWS-25', 'JWS-34'],
      'ERR_INPUT_TOO_LARGE',
      tokenFromBytes(json(hdr()), json(bigPayload(L.maxPayloadBytes + 1)), f.keyB),
    ),
    inv(
      `x5c of ${L.maxChainLength + 1} elements whose last is not base64: the count is checked before any element is decoded`,
      ['SizeLimit', 'CheckOrder'],
      ['JWS-26', 'JWS-34'],
      'ERR_INPUT_TOO_LARGE',
      withHeader({
        alg: 'ES256',
        typ: EXPECTED_TYP,
        x5c: [...Array.from({ length: L.maxChainLength }, () => leafB64), '!not base64!'],
      }),
    ),
    inv(
      `x5c element of ${L.maxCertificateBytes + 1} zero bytes: the size is checked before the element is parsed as DER`,
      ['SizeLimit', 'CheckOrder'],
      ['JWS-27', 'JWS-34'],
      'ERR_INPUT_TOO_LARGE',
      withHeader(hdr(EXPECTED_TYP, [new Uint8Array(L.maxCertificateBytes + 1)])),
    ),
  ];
  const atLimits: CaseSpec[] = [
    {
      comment: `payload of exactly ${L.maxPayloadBytes} bytes`,
      flags: ['Valid', 'SizeLimit'],
      requirements: ['JWS-25'],
      token: good(EXPECTED_TYP, bigPayload(L.maxPayloadBytes)),
    },
    {
      comment: `x5c of exactly ${L.maxChainLength} certificates`,
      flags: ['Valid', 'SizeLimit'],
      requirements: ['JWS-26'],
      token: withHeader(
        hdr(
          EXPECTED_TYP,
          Array.from({ length: L.maxChainLength }, () => f.leafA),
        ),
      ),
    },
    {
      comment: 'a padded leaf of about 5 000 bytes (within maxCertificateBytes)',
      flags: ['Valid', 'SizeLimit'],
      requirements: ['JWS-27'],
      token: withHeader(hdr(EXPECTED_TYP, [f.bigLeafA])),
    },
    {
      comment: 'payload nested exactly 32 levels deep (an object holding 31 nested arrays)',
      flags: ['Valid'],
      requirements: ['JWS-21'],
      token: good(EXPECTED_TYP, { a: nestedArrays(31) }),
    },
  ];

  return [
    { title: 'valid', cases: [...valid, ...atLimits] },
    { title: 'structure', cases: structure },
    { title: 'header form', cases: header },
    { title: 'alg', cases: alg },
    { title: 'crit and forbidden members', cases: [...crit, ...forbidden] },
    { title: 'typ', cases: typ },
    { title: 'x5c', cases: x5c },
    { title: 'signature', cases: signature },
    { title: 'payload', cases: payload },
    { title: 'limits', cases: limits },
  ];
}

interface SignCaseSpec {
  readonly comment: string;
  readonly flags: readonly string[];
  readonly requirements: readonly string[];
  readonly typ: string;
  readonly payload: JsonValue;
  readonly chain: readonly Uint8Array[];
  /** What the (simulated) secure hardware returns for the signing input. */
  readonly signerOutput: Uint8Array;
  readonly error?: VectorTest['error'];
}

/**
 * Producer cases (`jws-sign`): the signer's output is fixed by the vector, so the token a producer
 * builds is fully determined; a producer that builds any other signing input fails its own
 * signature check ([JWS-33]).
 * @internal
 */
export async function jwsSignCases(): Promise<readonly SignCaseSpec[]> {
  const f = await jwsFixture();
  const input = (typ: string, payload: JsonValue, chain: readonly Uint8Array[]): Uint8Array =>
    text(`${seg(json(standardHeader(typ, chain)))}.${seg(json(payload))}`);
  const der = (
    key: Uint8Array,
    typ: string,
    payload: JsonValue,
    chain: readonly Uint8Array[],
    highS = false,
  ): Uint8Array => signEcdsa(key, input(typ, payload, chain), { format: 'der', highS });
  const unsorted: JsonObject = { nonce: 'bm9uY2U', aud: 'https://rp.example', iat: 1_767_312_000 };
  const lowDer = der(f.keyA, EXPECTED_TYP, PAYLOAD, [f.leafA]);
  const ok = (
    comment: string,
    flags: string[],
    requirements: string[],
    typ: string,
    payload: JsonValue,
    chain: readonly Uint8Array[],
    signerOutput: Uint8Array,
  ): SignCaseSpec => ({ comment, flags, requirements, typ, payload, chain, signerOutput });
  const bad = (
    comment: string,
    flags: string[],
    requirements: string[],
    error: NonNullable<VectorTest['error']>,
    typ: string,
    payload: JsonValue,
    chain: readonly Uint8Array[],
    signerOutput: Uint8Array,
  ): SignCaseSpec => ({ comment, flags, requirements, typ, payload, chain, signerOutput, error });
  return [
    ok(
      'signer returns DER, low-S: the token carries raw r||s',
      ['Valid'],
      ['JWS-30', 'JWS-31', 'JWS-32'],
      EXPECTED_TYP,
      PAYLOAD,
      [f.leafA],
      lowDer,
    ),
    ok(
      'signer returns DER, high-S: the token keeps the high-S value',
      ['Valid', 'HighS'],
      ['JWS-32'],
      EXPECTED_TYP,
      PAYLOAD,
      [f.leafA],
      der(f.keyA, EXPECTED_TYP, PAYLOAD, [f.leafA], true),
    ),
    ok(
      'signer returns raw r||s: used as is',
      ['Valid'],
      ['JWS-32'],
      EXPECTED_TYP,
      PAYLOAD,
      [f.leafA],
      signEcdsa(f.keyA, input(EXPECTED_TYP, PAYLOAD, [f.leafA])),
    ),
    ok(
      'payload members given out of order travel in canonical order',
      ['Valid'],
      ['JWS-31'],
      EXPECTED_TYP,
      unsorted,
      [f.leafA],
      der(f.keyA, EXPECTED_TYP, unsorted, [f.leafA]),
    ),
    ok(
      'two-certificate chain, leaf first, each in canonical standard base64',
      ['Valid', 'Chain'],
      ['JWS-30'],
      JWS_TYP.qrApproval,
      PAYLOAD,
      [f.leafC, f.ca],
      der(f.keyC, JWS_TYP.qrApproval, PAYLOAD, [f.leafC, f.ca]),
    ),
    bad(
      'signer output is BER (long-form length 0x81 where DER needs the short form)',
      ['SignatureEncoding'],
      ['JWS-32'],
      'ERR_INVALID_SIGNATURE_ENCODING',
      EXPECTED_TYP,
      PAYLOAD,
      [f.leafA],
      concatBytes(Uint8Array.of(0x30, 0x81), lowDer.subarray(1)),
    ),
    bad(
      'signer output is DER with a trailing zero byte',
      ['SignatureEncoding'],
      ['JWS-32'],
      'ERR_INVALID_SIGNATURE_ENCODING',
      EXPECTED_TYP,
      PAYLOAD,
      [f.leafA],
      concatBytes(lowDer, Uint8Array.of(0)),
    ),
    bad(
      'signer key B does not match leaf A: the producer must not release the token',
      ['WrongSignature'],
      ['JWS-33', 'JWS-18'],
      'ERR_SIGNATURE_INVALID',
      EXPECTED_TYP,
      PAYLOAD,
      [f.leafA],
      der(f.keyB, EXPECTED_TYP, PAYLOAD, [f.leafA]),
    ),
    bad(
      "signer output is a valid signature over a different typ's signing input",
      ['WrongSignature', 'TypConfusion'],
      ['JWS-33', 'JWS-18'],
      'ERR_SIGNATURE_INVALID',
      EXPECTED_TYP,
      PAYLOAD,
      [f.leafA],
      der(f.keyA, JWS_TYP.consent, PAYLOAD, [f.leafA]),
    ),
    bad(
      'typ outside the grammar of spec/jws.md §3',
      ['TypConfusion'],
      ['JWS-37'],
      'ERR_INVALID_ARGUMENT',
      'JWT',
      PAYLOAD,
      [f.leafA],
      lowDer,
    ),
    bad(
      'payload with a fraction',
      ['Payload'],
      ['JWS-31'],
      'ERR_JWS_PAYLOAD',
      EXPECTED_TYP,
      { iat: 1.5 },
      [f.leafA],
      lowDer,
    ),
    bad(
      'payload is an array',
      ['Payload'],
      ['JWS-22'],
      'ERR_JWS_PAYLOAD',
      EXPECTED_TYP,
      [1, 2],
      [f.leafA],
      lowDer,
    ),
    bad(
      'empty certificate chain',
      ['X5c'],
      ['JWS-11', 'JWS-33'],
      'ERR_JWS_X5C',
      EXPECTED_TYP,
      PAYLOAD,
      [],
      lowDer,
    ),
    bad(
      'P-384 leaf certificate',
      ['X5c'],
      ['JWS-14', 'JWS-33'],
      'ERR_JWS_X5C',
      EXPECTED_TYP,
      PAYLOAD,
      [f.p384Leaf],
      lowDer,
    ),
    bad(
      `payload of ${DEFAULT_JWS_LIMITS.maxPayloadBytes + 1} bytes`,
      ['SizeLimit'],
      ['JWS-36', 'JWS-25'],
      'ERR_INPUT_TOO_LARGE',
      EXPECTED_TYP,
      { pad: 'x'.repeat(DEFAULT_JWS_LIMITS.maxPayloadBytes + 1 - '{"pad":""}'.length) },
      [f.leafA],
      lowDer,
    ),
  ];
}

/** `depth` empty arrays nested in one another: [[...[]...]]. */
function nestedArrays(depth: number): JsonValue {
  let v: JsonValue = [];
  for (let i = 1; i < depth; i++) v = [v];
  return v;
}

function fail(message: string): never {
  throw new Error(`jws vectors: ${message}`);
}

/** Flips the lowest unused bit of the last character of an unpadded base64url text (must have unused bits). */
function bumpTrailingBits(s: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  if (s.length % 4 === 0) fail('bumpTrailingBits: no unused bits');
  const last = alphabet.indexOf(s[s.length - 1] as string);
  return s.slice(0, -1) + alphabet[last ^ 1];
}

/** Same for a padded standard base64 text ending in "=" or "==". */
function bumpPaddedTrailingBits(s: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const body = s.replace(/=+$/, '');
  const pad = s.slice(body.length);
  if (pad.length === 0) fail('bumpPaddedTrailingBits: no padding');
  const last = alphabet.indexOf(body[body.length - 1] as string);
  return body.slice(0, -1) + alphabet[last ^ 1] + pad;
}

/** Standard base64 to the base64url alphabet; fails if the text has neither "+" nor "/" nor "=". */
function toUrlAlphabet(s: string): string {
  const out = s.replace(/\+/g, '-').replace(/\//g, '_');
  if (out === s) fail('toUrlAlphabet: text unchanged');
  return out;
}

/** Escapes every "/" as "\/"; a certificate's base64 of a few hundred bytes contains "/" in practice. */
function escapeSlashes(s: string): string {
  if (!s.includes('/')) fail('escapeSlashes: no "/" in the text');
  return s.replace(/\//g, '\\/');
}

/** Builds the vector file. */
async function generate(): Promise<VectorFile> {
  const groups = await jwsCases();
  let tcId = 0;
  let numberOfTests = 0;
  const testGroups: VectorGroup[] = [];
  for (const g of groups) {
    const tests: VectorTest[] = [];
    for (const c of g.cases) {
      tcId++;
      const input: Record<string, unknown> =
        c.expectedTyp === undefined
          ? { token: c.token }
          : { token: c.token, expectedTyp: c.expectedTyp };
      const base = {
        tcId,
        comment: `${g.title}: ${c.comment}`,
        flags: [...c.flags],
        requirements: [...c.requirements],
        input,
      };
      if (c.error !== undefined) {
        tests.push({ ...base, result: 'invalid', error: c.error });
      } else {
        const outcome = await runVerify(input['token'], c.expectedTyp ?? EXPECTED_TYP);
        if (outcome.result !== 'valid')
          throw new Error(
            `jws vectors: case "${c.comment}" should be valid but is ${outcome.error ?? outcome.result}`,
          );
        tests.push({ ...base, result: 'valid', output: outcome.output });
      }
    }
    numberOfTests += tests.length;
    testGroups.push({ type: 'jws-verify', expectedTyp: EXPECTED_TYP, tests });
  }
  const signTests: VectorTest[] = [];
  for (const c of await jwsSignCases()) {
    tcId++;
    const input = {
      typ: c.typ,
      payload: c.payload,
      certificateChain: c.chain.map(seg),
      signerOutput: seg(c.signerOutput),
    };
    const base = {
      tcId,
      comment: `sign: ${c.comment}`,
      flags: [...c.flags],
      requirements: [...c.requirements],
      input,
    };
    if (c.error !== undefined) {
      signTests.push({ ...base, result: 'invalid', error: c.error });
    } else {
      const outcome = await runSign(input);
      if (outcome.result !== 'valid')
        throw new Error(
          `jws vectors: sign case "${c.comment}" should be valid but is ${outcome.error ?? outcome.result}`,
        );
      signTests.push({ ...base, result: 'valid', output: outcome.output });
    }
  }
  numberOfTests += signTests.length;
  testGroups.push({ type: 'jws-sign', tests: signTests });
  return {
    schema: 'jitsuin-vectors-v1',
    suite: 'jws',
    specVersion: SPEC_VERSION,
    numberOfTests,
    notes: NOTES,
    testGroups,
  };
}

/** The generator of `vectors/jws.json`. */
export const jwsGenerator: VectorGenerator = { name: 'jws', generate };
