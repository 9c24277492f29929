/**
 * The `signature` vector suite (spec/signature.md): CAdES-B-B and B-T signatures by the TEST
 * accredited signing certificate and the TEST card, and one negative per rule, each built by
 * re-signing a structure that breaks exactly that rule (so the signature itself stays valid and
 * the rule under test is what must reject it). Keys from HKDF labels, ECDSA by RFC 6979.
 * The judge of its cases is `src/conformance/suites/signature.ts`.
 * @module
 */
import { JitsuinError } from '../../src/errors.js';
import { base64urlEncode } from '../../src/encoding/base64url.js';
import { concatBytes } from '../../src/encoding/bytes.js';
import { hexDecode } from '../../src/encoding/hex.js';
import { utf8Encode } from '../../src/encoding/utf8.js';
import { digest, sha256, type HashName } from '../../src/crypto/hash.js';
import { signEcdsa } from '../../src/crypto/ecdsa.js';
import { exportSpki } from '../../src/crypto/keys.js';
import { getEcPublicKey, derivePrivateKey } from '../../src/crypto/ecdsa.js';
import { signRsaPkcs1v15 } from '../../src/crypto/rsa-keygen.js';
import { buildCertificate, keyIdentifier } from '../../src/x509/builder.js';
import { parseCertificate, type Certificate } from '../../src/x509/certificate.js';
import { encodeTlv } from '../../src/x509/der.js';
import { name } from '../../src/x509/name.js';
import { encodeOid } from '../../src/x509/oid.js';
import { JITSUIN_OID, PKIX_OID } from '../../src/x509/oids.js';
import { encodeTime } from '../../src/x509/time.js';
import { encodeEssCertIdV2, sortSetOf } from '../../src/signature/internal/attributes.js';
import { CMS_OID } from '../../src/signature/oids.js';
import { signCades } from '../../src/signature/sign.js';
import { verifyCades } from '../../src/signature/verify.js';
import { buildTestJpkiCrl, TEST_JPKI_TIME } from '../testpki/jpki.js';
import { testEcKey } from '../testpki/app-ca.js';
import {
  buildTestSignatureCrl,
  buildTestTimestampToken,
  createTestSignaturePki,
  testCardSigner,
  testPhoneSigner,
  TEST_SIGNATURE_CA_NAME,
  TEST_SIGNATURE_SEED,
  TEST_SIGNER_COMMON_CODE,
  type TestSignaturePki,
} from '../testpki/signature.js';
import { SPEC_VERSION } from '../../src/conformance/version.js';
import type {
  VectorFile,
  VectorGroup,
  VectorNote,
  VectorTest,
} from '../../src/conformance/types.js';
import { numberTests, unnumbered } from './numbering.js';
import { optionsOf, signatureOutput } from '../../src/conformance/suites/signature.js';
import type { VectorGenerator } from './types.js';

const b64 = base64urlEncode;
const DAY = 86_400;
/** Signing time of the vectors: 2026-01-02T00:00:00Z. */
const T0 = TEST_JPKI_TIME + DAY;
/** Verification time of the B-B group. */
const VT = T0 + 3600;
/** The signed document. */
export const SIGNATURE_VECTOR_DOCUMENT = utf8Encode(
  'TEST 契約書 / contract, signed for the jitsuin signature vectors.\n',
);
const DOC = SIGNATURE_VECTOR_DOCUMENT;

const NOTES: Record<string, VectorNote> = {
  Valid: {
    bugType: 'BASIC',
    description: 'A well-formed signature that must verify with the given output.',
  },
  Structure: {
    bugType: 'MODIFIED_PARAMETER',
    description: 'The CMS structure breaks one rule of spec/signature.md §3.',
  },
  Attributes: {
    bugType: 'MODIFIED_PARAMETER',
    description:
      'The signed or unsigned attributes break one rule of §4 or §7; the signature is valid over them.',
  },
  NotDer: { bugType: 'MALLEABILITY', description: 'The signed bytes are valid BER but not DER.' },
  Algorithm: {
    bugType: 'WRONG_PRIMITIVE',
    description: 'An algorithm outside the profile, or a digest/signature hash mismatch.',
  },
  BadSignature: {
    bugType: 'AUTH_BYPASS',
    description: 'The signature or the content digest does not verify.',
  },
  SigningCertificate: {
    bugType: 'AUTH_BYPASS',
    description: 'The signature is not bound to the certificate it names.',
  },
  Path: {
    bugType: 'AUTH_BYPASS',
    description:
      "The signer's certification path fails: expired, revoked, untrusted, wrong profile, or no revocation data.",
  },
  Timestamp: {
    bugType: 'AUTH_BYPASS',
    description: 'The signature time-stamp is wrong: imprint, TSA, time.',
  },
  AsOfTimestamp: {
    bugType: 'FUNCTIONALITY',
    description: 'The signer was revoked after a time-stamp: SIG-20 decides.',
  },
  Card: {
    bugType: 'FUNCTIONALITY',
    description: "Signed by the TEST My Number Card's signature certificate (RSA-2048).",
  },
  Ber: {
    bugType: 'EDGE_CASE',
    description: 'The outer structure is BER (indefinite lengths), which RFC 5652 permits.',
  },
  HighS: { bugType: 'EDGE_CASE', description: 'An ECDSA signature with s > n/2 (accepted).' },
};

const seq = (...p: Uint8Array[]): Uint8Array => encodeTlv(0x30, concatBytes(...p));
const set = (...p: Uint8Array[]): Uint8Array => encodeTlv(0x31, concatBytes(...p));
const alg = (oid: string, params?: Uint8Array): Uint8Array =>
  params === undefined ? seq(encodeOid(oid)) : seq(encodeOid(oid), params);
const NULL = Uint8Array.of(0x05, 0x00);
const ECDSA_SHA256 = '1.2.840.10045.4.3.2';

/** One attribute encoding: type and values. */
function attr(oid: string, ...values: Uint8Array[]): Uint8Array {
  return seq(encodeOid(oid), set(...values));
}

interface Forge {
  /** Attribute encodings; sorted unless `unsorted`. */
  readonly attrs: readonly Uint8Array[];
  readonly unsorted?: boolean;
  /** Replace the signedAttrs SET bytes (e.g. a non-minimal length) after sorting. */
  readonly signedAttrsDer?: Uint8Array;
  readonly digestAlg?: Uint8Array;
  readonly digestAlgorithms?: readonly Uint8Array[];
  readonly sigAlg?: Uint8Array;
  readonly sign: (signed: Uint8Array) => Uint8Array;
  readonly certificates?: readonly Uint8Array[];
  readonly sid?: Uint8Array;
  readonly siVersion?: number;
  readonly unsigned?: readonly Uint8Array[];
  readonly eContentType?: string;
  /** Append bytes after the ContentInfo. */
  readonly trailing?: Uint8Array;
  /** Extra SignerInfos (copies) to add. */
  readonly extraSignerInfos?: number;
}

interface Material {
  readonly pki: TestSignaturePki;
  readonly signer: Certificate;
  readonly chain: readonly Uint8Array[];
  readonly crls: readonly Uint8Array[];
}

function sidOf(cert: Certificate): Uint8Array {
  return seq(cert.issuer.der, encodeTlv(0x02, hexDecode(cert.serialNumber)));
}

function defaultAttrs(
  m: Material,
  over: { contentType?: string; md?: Uint8Array; time?: Uint8Array; ess?: Uint8Array } = {},
): Uint8Array[] {
  return [
    attr(CMS_OID.contentType, encodeOid(over.contentType ?? CMS_OID.data)),
    attr(CMS_OID.messageDigest, encodeTlv(0x04, over.md ?? sha256(DOC))),
    attr(CMS_OID.signingTime, over.time ?? encodeTime(T0)),
    attr(CMS_OID.signingCertificateV2, over.ess ?? seq(seq(encodeEssCertIdV2(m.signer)))),
  ];
}

/** Builds a SignedData from parts; the signature is computed over whatever signed attributes result. */
function forge(m: Material, f: Forge): Uint8Array {
  const signed = f.signedAttrsDer ?? set(...(f.unsorted === true ? f.attrs : sortSetOf(f.attrs)));
  const implicit = signed.slice();
  implicit[0] = 0xa0;
  const digestAlg = f.digestAlg ?? alg(CMS_OID.sha256);
  const unsigned =
    f.unsigned === undefined ? new Uint8Array(0) : encodeTlv(0xa1, concatBytes(...f.unsigned));
  const si = seq(
    encodeTlv(0x02, Uint8Array.of(f.siVersion ?? 1)),
    f.sid ?? sidOf(m.signer),
    digestAlg,
    implicit,
    f.sigAlg ?? alg(ECDSA_SHA256),
    encodeTlv(0x04, f.sign(signed)),
    unsigned,
  );
  const certs = f.certificates ?? m.chain;
  const sd = seq(
    Uint8Array.of(0x02, 0x01, 0x01),
    set(...(f.digestAlgorithms ?? [digestAlg])),
    seq(encodeOid(f.eContentType ?? CMS_OID.data)),
    certs.length === 0 ? new Uint8Array(0) : encodeTlv(0xa0, concatBytes(...sortSetOf(certs))),
    set(...Array.from({ length: 1 + (f.extraSignerInfos ?? 0) }, () => si)),
  );
  const ci = seq(encodeOid(CMS_OID.signedData), encodeTlv(0xa0, sd));
  return f.trailing === undefined ? ci : concatBytes(ci, f.trailing);
}

const phoneSign =
  (key: Uint8Array, hash: HashName = 'SHA-256') =>
  (signed: Uint8Array): Uint8Array =>
    signEcdsa(key, signed, { format: 'der', hash });

type Draft = Omit<VectorTest, 'tcId'>;
const ok = (
  comment: string,
  requirements: string[],
  input: Record<string, unknown>,
  output: unknown,
  flags: string[] = ['Valid'],
): Draft => ({ comment, flags, requirements, input, result: 'valid', output });
const bad = (
  comment: string,
  requirements: string[],
  input: Record<string, unknown>,
  error: VectorTest['error'],
  flags: string[],
): Draft => ({
  comment,
  flags,
  requirements,
  input,
  result: 'invalid',
  ...(error === undefined ? {} : { error }),
});

async function expectedOutput(
  sig: Uint8Array,
  shared: Record<string, unknown>,
  input: Record<string, unknown>,
): Promise<unknown> {
  return signatureOutput(await verifyCades(sig, optionsOf({ ...shared, ...input })));
}

/** BER re-encoding of a DER TLV tree with indefinite lengths on the given outer levels (the signed attributes untouched). */
function indefinite(der: Uint8Array, depth: number): Uint8Array {
  if (depth === 0 || ((der[0] as number) & 0x20) === 0) return der;
  let pos = 1;
  let len = der[pos++] as number;
  if (len & 0x80) {
    const n = len & 0x7f;
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + (der[pos++] as number);
  }
  const content = der.subarray(pos, pos + len);
  const kids: Uint8Array[] = [];
  for (let p = 0; p < content.length;) {
    let q = p + 1;
    let l = content[q++] as number;
    if (l & 0x80) {
      const n = l & 0x7f;
      l = 0;
      for (let i = 0; i < n; i++) l = l * 256 + (content[q++] as number);
    }
    const kid = content.subarray(p, q + l);
    // The signed attributes ([0] inside a SignerInfo) are what the signature covers: keep them DER.
    kids.push(indefinite(kid, depth - 1));
    p = q + l;
  }
  return concatBytes(Uint8Array.of(der[0] as number, 0x80), ...kids, Uint8Array.of(0, 0));
}

async function generate(): Promise<VectorFile> {
  const pki = await createTestSignaturePki();
  const caCrl = await buildTestSignatureCrl('ca', VT - 3600);
  const rootCrl = await buildTestSignatureCrl('root', VT - 3600);
  const signer = parseCertificate(pki.signer);
  const m: Material = { pki, signer, chain: [pki.signer, pki.ca], crls: [caCrl, rootCrl] };
  const shared = {
    trustAnchors: [b64(pki.root)],
    time: VT,
    content: b64(DOC),
    revocation: { crls: [b64(caCrl), b64(rootCrl)] },
  };
  const key = pki.signerKey.privateKey;
  const good = await signCades(
    { content: DOC },
    { signer: testPhoneSigner(pki.signerKey), certificateChain: m.chain, signingTime: T0 },
  );
  const fg = (f: Partial<Forge>): Uint8Array =>
    forge(m, { attrs: defaultAttrs(m), sign: phoneSign(key), ...f });

  // --- B-B, accredited certificate --------------------------------------------------------
  const bb: Draft[] = [];
  bb.push(
    ok(
      'accredited signing certificate (P-256), detached, B-B',
      [
        'SIG-04',
        'SIG-05',
        'SIG-06',
        'SIG-07',
        'SIG-08',
        'SIG-09',
        'SIG-10',
        'SIG-11',
        'SIG-12',
        'SIG-13',
        'SIG-14',
        'SIG-22',
        'SIG-25',
        'CERT-42',
        'CERT-43',
        'CERT-44',
      ],
      { signature: b64(good) },
      await expectedOutput(good, shared, { signature: b64(good) }),
    ),
  );
  bb.push(
    ok(
      'the same, verified from the SHA-256 digest of the content',
      ['SIG-03', 'SIG-07'],
      { signature: b64(good), content: null, digest: b64(sha256(DOC)) },
      await expectedOutput(good, shared, {
        signature: b64(good),
        content: null,
        digest: b64(sha256(DOC)),
      }),
    ),
  );
  // High-S: the phone may return either member of {s, n-s}.
  const highS = fg({ sign: (s) => signEcdsa(key, s, { format: 'der', highS: true }) });
  bb.push(
    ok(
      'ECDSA signature with high S',
      ['SIG-11'],
      { signature: b64(highS) },
      await expectedOutput(highS, shared, { signature: b64(highS) }),
      ['Valid', 'HighS'],
    ),
  );
  const skid = signer.subjectKeyId as Uint8Array;
  const bySki = fg({ sid: encodeTlv(0x80, skid), siVersion: 3 });
  bb.push(
    ok(
      'SignerInfo version 3 naming the signer by subjectKeyIdentifier',
      ['SIG-02', 'SIG-12'],
      { signature: b64(bySki) },
      await expectedOutput(bySki, shared, { signature: b64(bySki) }),
    ),
  );
  const ber = indefinite(good, 4);
  bb.push(
    ok(
      'BER outer encoding (indefinite lengths), DER signed attributes',
      ['SIG-01', 'SIG-06'],
      { signature: b64(ber) },
      await expectedOutput(ber, shared, { signature: b64(ber) }),
      ['Valid', 'Ber'],
    ),
  );

  // Structure (SIG-01 .. SIG-03)
  bb.push(
    bad(
      'a byte after the ContentInfo',
      ['SIG-01'],
      { signature: b64(concatBytes(good, Uint8Array.of(0))) },
      'ERR_CADES_MALFORMED',
      ['Structure'],
    ),
  );
  bb.push(
    bad(
      'two SignerInfos',
      ['SIG-01'],
      { signature: b64(fg({ extraSignerInfos: 1 })) },
      'ERR_CADES_MALFORMED',
      ['Structure'],
    ),
  );
  bb.push(
    bad(
      'ContentInfo of type id-data instead of id-signedData',
      ['SIG-01'],
      { signature: b64(seq(encodeOid(CMS_OID.data), encodeTlv(0xa0, encodeTlv(0x04, DOC)))) },
      'ERR_CADES_MALFORMED',
      ['Structure'],
    ),
  );
  bb.push(
    bad(
      'an attribute certificate ([1]) in certificates',
      ['SIG-01'],
      { signature: b64(fg({ certificates: [pki.signer, pki.ca, encodeTlv(0xa1, seq())] })) },
      'ERR_CADES_MALFORMED',
      ['Structure'],
    ),
  );
  bb.push(
    bad(
      'digestAlgorithms does not list the SignerInfo digestAlgorithm',
      ['SIG-02'],
      { signature: b64(fg({ digestAlgorithms: [alg(CMS_OID.sha512)] })) },
      'ERR_CADES_MALFORMED',
      ['Structure'],
    ),
  );
  bb.push(
    bad(
      'SignerInfo version 3 with an issuerAndSerialNumber',
      ['SIG-02'],
      { signature: b64(fg({ siVersion: 3 })) },
      'ERR_CADES_MALFORMED',
      ['Structure'],
    ),
  );
  bb.push(
    bad(
      'detached signature verified without content or digest',
      ['SIG-03'],
      { signature: b64(good), content: null },
      'ERR_INVALID_ARGUMENT',
      ['Structure'],
    ),
  );

  // Attributes (SIG-04 .. SIG-08)
  const [ct, md, st, ess] = defaultAttrs(m) as [Uint8Array, Uint8Array, Uint8Array, Uint8Array];
  bb.push(
    bad(
      'signingTime missing',
      ['SIG-04'],
      { signature: b64(fg({ attrs: [ct, md, ess] })) },
      'ERR_CADES_ATTRIBUTES',
      ['Attributes'],
    ),
  );
  bb.push(
    bad(
      'signingCertificateV2 missing',
      ['SIG-04'],
      { signature: b64(fg({ attrs: [ct, md, st] })) },
      'ERR_CADES_ATTRIBUTES',
      ['Attributes'],
    ),
  );
  const md2 = attr(CMS_OID.messageDigest, encodeTlv(0x04, sha256(utf8Encode('another document'))));
  bb.push(
    bad(
      'messageDigest duplicated (two attributes)',
      ['SIG-04'],
      { signature: b64(fg({ attrs: [ct, md, md2, st, ess] })) },
      'ERR_CADES_ATTRIBUTES',
      ['Attributes'],
    ),
  );
  bb.push(
    bad(
      'messageDigest with two values',
      ['SIG-04'],
      {
        signature: b64(
          fg({
            attrs: [
              ct,
              attr(
                CMS_OID.messageDigest,
                encodeTlv(0x04, sha256(DOC)),
                encodeTlv(0x04, sha256(utf8Encode('x'))),
              ),
              st,
              ess,
            ],
          }),
        ),
      },
      'ERR_CADES_ATTRIBUTES',
      ['Attributes'],
    ),
  );
  bb.push(
    bad(
      'an extra signed attribute (smimeCapabilities)',
      ['SIG-04'],
      { signature: b64(fg({ attrs: [ct, md, st, ess, attr('1.2.840.113549.1.9.15', seq())] })) },
      'ERR_CADES_ATTRIBUTES',
      ['Attributes'],
    ),
  );
  bb.push(
    bad(
      'contentType attribute id-ct-TSTInfo while eContentType is id-data',
      ['SIG-05'],
      { signature: b64(fg({ attrs: defaultAttrs(m, { contentType: CMS_OID.tstInfo }) })) },
      'ERR_CADES_ATTRIBUTES',
      ['Attributes'],
    ),
  );
  bb.push(
    bad(
      'eContentType and contentType both id-signedData',
      ['SIG-05'],
      {
        signature: b64(
          fg({
            attrs: defaultAttrs(m, { contentType: CMS_OID.signedData }),
            eContentType: CMS_OID.signedData,
          }),
        ),
      },
      'ERR_CADES_ATTRIBUTES',
      ['Attributes'],
    ),
  );
  const sorted = sortSetOf(defaultAttrs(m));
  bb.push(
    bad(
      'signed attributes not in DER order (signature valid over the received bytes)',
      ['SIG-06'],
      { signature: b64(fg({ attrs: [...sorted].reverse(), unsorted: true })) },
      'ERR_CADES_ATTRIBUTES',
      ['Attributes', 'NotDer'],
    ),
  );
  const longForm = concatBytes(Uint8Array.of(0x31, 0x82), Uint8Array.of(0, 0), ...sorted);
  const inner = concatBytes(...sorted).length;
  longForm[2] = inner >> 8;
  longForm[3] = inner & 0xff;
  const nonMinimal =
    inner < 256 ? concatBytes(Uint8Array.of(0x31, 0x82, 0x00, inner), ...sorted) : longForm;
  bb.push(
    bad(
      'signed attributes SET with a non-minimal length',
      ['SIG-06'],
      {
        signature: b64(
          fg({
            signedAttrsDer:
              inner < 256
                ? nonMinimal
                : concatBytes(Uint8Array.of(0x31, 0x83, 0, inner >> 8, inner & 0xff), ...sorted),
          }),
        ),
      },
      'ERR_CADES_ATTRIBUTES',
      ['Attributes', 'NotDer'],
    ),
  );
  bb.push(
    bad(
      'one altered byte of the document',
      ['SIG-07'],
      { signature: b64(good), content: b64(DOC.map((b, i) => (i === 0 ? b ^ 1 : b))) },
      'ERR_CADES_DIGEST_MISMATCH',
      ['BadSignature'],
    ),
  );
  bb.push(
    bad(
      'messageDigest of another document (signature valid over it)',
      ['SIG-07'],
      {
        signature: b64(
          fg({ attrs: defaultAttrs(m, { md: sha256(utf8Encode('another document')) }) }),
        ),
      },
      'ERR_CADES_DIGEST_MISMATCH',
      ['BadSignature'],
    ),
  );
  const gt = encodeTlv(0x18, utf8Encode('20260102000000Z'));
  bb.push(
    bad(
      'signingTime as GeneralizedTime before 2050',
      ['SIG-08'],
      { signature: b64(fg({ attrs: defaultAttrs(m, { time: gt }) })) },
      'ERR_CADES_SIGNING_TIME',
      ['Attributes'],
    ),
  );
  bb.push(
    bad(
      "signingTime a day before the signer certificate's notBefore",
      ['SIG-08'],
      {
        signature: b64(
          fg({ attrs: defaultAttrs(m, { time: encodeTime(signer.notBefore - DAY) }) }),
        ),
      },
      'ERR_CADES_SIGNING_TIME',
      ['Attributes'],
    ),
  );
  bb.push(
    bad(
      'signingTime a day after the verification time',
      ['SIG-08'],
      { signature: b64(fg({ attrs: defaultAttrs(m, { time: encodeTime(VT + DAY) }) })) },
      'ERR_CADES_SIGNING_TIME',
      ['Attributes'],
    ),
  );

  // Algorithms and signature (SIG-09 .. SIG-11)
  bb.push(
    bad(
      'digestAlgorithm SHA-384 with ecdsa-with-SHA256',
      ['SIG-09'],
      {
        signature: b64(
          fg({
            attrs: defaultAttrs(m, { md: digest('SHA-384', DOC) }),
            digestAlg: alg(CMS_OID.sha384),
            sign: phoneSign(key, 'SHA-256'),
          }),
        ),
      },
      'ERR_CADES_ALGORITHM_MISMATCH',
      ['Algorithm'],
    ),
  );
  bb.push(
    bad(
      'ecdsa-plain-SHA256 (BSI r||s) signature algorithm',
      ['SIG-10'],
      {
        signature: b64(
          fg({ sigAlg: alg('0.4.0.127.0.7.1.1.4.1.3'), sign: (s) => signEcdsa(key, s) }),
        ),
      },
      'ERR_UNSUPPORTED_ALGORITHM',
      ['Algorithm'],
    ),
  );
  bb.push(
    bad(
      'digestAlgorithm SHA-1 with ecdsa-with-SHA1',
      ['SIG-10'],
      {
        signature: b64(
          fg({
            attrs: defaultAttrs(m, { md: hexDecode('0'.repeat(40)) }),
            digestAlg: alg(CMS_OID.sha1),
            sigAlg: alg('1.2.840.10045.4.1'),
          }),
        ),
      },
      'ERR_UNSUPPORTED_ALGORITHM',
      ['Algorithm'],
    ),
  );
  bb.push(
    bad(
      'ecdsa-with-SHA256 with NULL parameters',
      ['SIG-10'],
      { signature: b64(fg({ sigAlg: alg(ECDSA_SHA256, NULL) })) },
      'ERR_UNSUPPORTED_ALGORITHM',
      ['Algorithm'],
    ),
  );
  const nonDer = (s: Uint8Array): Uint8Array => {
    const der = signEcdsa(key, s, { format: 'der' });
    // Same r and s, but the SEQUENCE length in long form: BER, not DER.
    return concatBytes(Uint8Array.of(0x30, 0x81, der[1] as number), der.subarray(2));
  };
  bb.push(
    bad(
      'ECDSA signature value not DER (long-form length)',
      ['SIG-11'],
      { signature: b64(fg({ sign: nonDer })) },
      'ERR_INVALID_SIGNATURE_ENCODING',
      ['NotDer'],
    ),
  );
  bb.push(
    bad(
      'ECDSA signature by another key',
      ['SIG-11'],
      { signature: b64(fg({ sign: phoneSign(pki.revokedSignerKey.privateKey) })) },
      'ERR_SIGNATURE_INVALID',
      ['BadSignature'],
    ),
  );
  bb.push(
    bad(
      'raw r||s signature value under ecdsa-with-SHA256',
      ['SIG-11'],
      { signature: b64(fg({ sign: (s) => signEcdsa(key, s) })) },
      'ERR_INVALID_SIGNATURE_ENCODING',
      ['NotDer'],
    ),
  );

  // Signer certificate (SIG-12, SIG-13)
  bb.push(
    bad(
      'signer certificate not in certificates',
      ['SIG-12'],
      { signature: b64(fg({ certificates: [pki.ca] })) },
      'ERR_CADES_SIGNING_CERTIFICATE',
      ['SigningCertificate'],
    ),
  );
  const other = parseCertificate(pki.revokedSigner);
  bb.push(
    bad(
      'SignerIdentifier names another certificate of certificates (signingCertificateV2 then does not match it)',
      ['SIG-12', 'SIG-13'],
      {
        signature: b64(
          fg({ sid: sidOf(other), certificates: [pki.signer, pki.revokedSigner, pki.ca] }),
        ),
      },
      'ERR_CADES_SIGNING_CERTIFICATE',
      ['SigningCertificate'],
    ),
  );
  bb.push(
    bad(
      'signingCertificateV2 certHash of another certificate',
      ['SIG-13'],
      {
        signature: b64(
          fg({
            attrs: defaultAttrs(m, {
              ess: seq(
                seq(
                  seq(
                    encodeTlv(0x04, sha256(pki.revokedSigner)),
                    seq(
                      seq(encodeTlv(0xa4, signer.issuer.der)),
                      encodeTlv(0x02, hexDecode(signer.serialNumber)),
                    ),
                  ),
                ),
              ),
            }),
          }),
        ),
      },
      'ERR_CADES_SIGNING_CERTIFICATE',
      ['SigningCertificate'],
    ),
  );
  bb.push(
    bad(
      'signingCertificateV2 issuerSerial with another serial number',
      ['SIG-13'],
      {
        signature: b64(
          fg({
            attrs: defaultAttrs(m, {
              ess: seq(
                seq(
                  seq(
                    encodeTlv(0x04, sha256(pki.signer)),
                    seq(
                      seq(encodeTlv(0xa4, signer.issuer.der)),
                      encodeTlv(0x02, hexDecode(other.serialNumber)),
                    ),
                  ),
                ),
              ),
            }),
          }),
        ),
      },
      'ERR_CADES_SIGNING_CERTIFICATE',
      ['SigningCertificate'],
    ),
  );
  bb.push(
    bad(
      'signingCertificateV2 hashing the certificate with SHA-512',
      ['SIG-13'],
      {
        signature: b64(
          fg({
            attrs: defaultAttrs(m, {
              ess: seq(
                seq(seq(alg(CMS_OID.sha512), encodeTlv(0x04, digest('SHA-512', pki.signer)))),
              ),
            }),
          }),
        ),
      },
      'ERR_CADES_SIGNING_CERTIFICATE',
      ['SigningCertificate'],
    ),
  );

  // Path (SIG-14) and the certificate profile (CERT-42, CERT-43)
  bb.push(
    bad(
      'no revocation data: fails closed',
      ['SIG-14', 'REV-30'],
      { signature: b64(good), revocation: null },
      'ERR_REVOCATION_UNKNOWN',
      ['Path'],
    ),
  );
  const revokingCrl = await buildTestSignatureCrl('ca', VT - 60, [
    { serial: signer.serialNumber, revocationDate: VT - 120, reason: 'cessationOfOperation' },
  ]);
  bb.push(
    bad(
      'signer certificate revoked',
      ['SIG-14', 'REV-10'],
      { signature: b64(good), revocation: { crls: [b64(revokingCrl), b64(rootCrl)] } },
      'ERR_REVOKED',
      ['Path'],
    ),
  );
  const lateCa = await buildTestSignatureCrl('ca', signer.notAfter + DAY);
  const lateRoot = await buildTestSignatureCrl('root', signer.notAfter + DAY);
  bb.push(
    bad(
      'signer certificate expired at the verification time',
      ['SIG-14', 'PATH-03'],
      {
        signature: b64(good),
        time: signer.notAfter + DAY + 60,
        revocation: { crls: [b64(lateCa), b64(lateRoot)] },
      },
      'ERR_PATH_EXPIRED',
      ['Path'],
    ),
  );
  bb.push(
    bad(
      'trust anchor of another PKI',
      ['SIG-14', 'PATH-01'],
      {
        signature: b64(good),
        trustAnchors: [b64(pki.jpki.signRoots[2]?.certificate as Uint8Array)],
      },
      'ERR_PATH_NO_ISSUER',
      ['Path'],
    ),
  );
  const caIssuer = { certificate: parseCertificate(pki.ca), signer: pki.caKey.signer };
  const p384Key = derivePrivateKey(TEST_SIGNATURE_SEED, 'TEST/signature/p384', 'P-384');
  const p384Spki = exportSpki(getEcPublicKey(p384Key, 'P-384'));
  const leafOptions = (over: Record<string, unknown>): Parameters<typeof buildCertificate>[0] =>
    ({
      serialNumber: '7a01',
      issuer: TEST_SIGNATURE_CA_NAME,
      subject: name([
        ['C', 'JP'],
        ['CN', '髙橋　試験太郎'],
      ]),
      notBefore: T0 - DAY,
      notAfter: T0 + 365 * DAY,
      publicKey: pki.signerKey.spki,
      signer: caIssuer.signer,
      keyUsage: ['digitalSignature', 'nonRepudiation'],
      authorityKeyId: keyIdentifier(pki.caKey.spki),
      certificatePolicies: [JITSUIN_OID.policyAccreditedSigning],
      commonCode: TEST_SIGNER_COMMON_CODE,
      ...over,
    }) as Parameters<typeof buildCertificate>[0];
  const withLeaf = async (
    leafDer: Uint8Array,
    sign: (s: Uint8Array) => Uint8Array,
  ): Promise<Uint8Array> => {
    const leaf = parseCertificate(leafDer);
    const mm: Material = { ...m, signer: leaf, chain: [leafDer, pki.ca] };
    return forge(mm, { attrs: defaultAttrs(mm), sign });
  };
  const p384Leaf = await buildCertificate(
    leafOptions({ serialNumber: '7a02', publicKey: p384Spki }),
  );
  bb.push(
    bad(
      'accredited signing certificate with a P-384 key',
      ['CERT-42'],
      {
        signature: b64(
          await withLeaf(p384Leaf, (s) =>
            signEcdsa(p384Key, s, { curve: 'P-384', hash: 'SHA-256', format: 'der' }),
          ),
        ),
      },
      'ERR_CERT_PROFILE',
      ['Path'],
    ),
  );
  const longLeaf = await buildCertificate(
    leafOptions({ serialNumber: '7a03', notAfter: T0 - DAY + 6 * 365 * DAY }),
  );
  bb.push(
    bad(
      'accredited signing certificate valid for six years',
      ['CERT-43'],
      { signature: b64(await withLeaf(longLeaf, phoneSign(key))) },
      'ERR_CERT_PROFILE',
      ['Path'],
    ),
  );
  const appLeaf = await buildCertificate(
    leafOptions({
      serialNumber: '7a04',
      keyUsage: ['digitalSignature'],
      certificatePolicies: [JITSUIN_OID.policyAppAuthentication],
      extKeyUsage: [JITSUIN_OID.ekuLogin],
    }),
  );
  bb.push(
    bad(
      'an app authentication (login) certificate as signer',
      ['SIG-14', 'CERT-30'],
      { signature: b64(await withLeaf(appLeaf, phoneSign(key))) },
      'ERR_PATH_KEY_USAGE',
      ['Path'],
    ),
  );
  bb.push(
    bad(
      'B-T required, signature without a time-stamp',
      ['SIG-26'],
      { signature: b64(good), requireTimestamp: true },
      'ERR_TIMESTAMP',
      ['Timestamp'],
    ),
  );

  // --- B-T ------------------------------------------------------------------------------------
  const later = T0 + 10 * DAY;
  const laterCa = await buildTestSignatureCrl('ca', later - 3600);
  const laterRoot = await buildTestSignatureCrl('root', later - 3600);
  const btShared = {
    trustAnchors: [b64(pki.root)],
    time: later,
    content: b64(DOC),
    revocation: { crls: [b64(laterCa), b64(laterRoot)] },
  };
  const tsAt = T0 + 60;
  const stamp =
    (
      genTime = tsAt,
      opts: {
        imprint?: Uint8Array;
        tsa?: { key: ReturnType<typeof testEcKey>; certificate: Uint8Array };
      } = {},
    ) =>
    async (imprint: { messageImprint: Uint8Array }): Promise<Uint8Array> =>
      buildTestTimestampToken({
        messageImprint: opts.imprint ?? imprint.messageImprint,
        genTime,
        ...(opts.tsa === undefined ? {} : { tsa: opts.tsa }),
      });
  const bt = await signCades(
    { content: DOC },
    {
      signer: testPhoneSigner(pki.signerKey),
      certificateChain: m.chain,
      signingTime: T0,
      timestamp: stamp(),
    },
  );
  const btRevokedSigner = await signCades(
    { content: DOC },
    {
      signer: testPhoneSigner(pki.revokedSignerKey),
      certificateChain: [pki.revokedSigner, pki.ca],
      signingTime: T0,
      timestamp: stamp(),
    },
  );
  const revokedAfter = (
    reason: 'cessationOfOperation' | 'keyCompromise' | 'superseded',
    at: number,
  ): Promise<Uint8Array> =>
    buildTestSignatureCrl('ca', later - 3600, [
      { serial: other.serialNumber, revocationDate: at, reason },
    ]);
  const btGroup: Draft[] = [];
  btGroup.push(
    ok(
      'B-T: time-stamp by the TEST TSA; the path is validated as of genTime',
      ['SIG-15', 'SIG-16', 'SIG-17', 'SIG-18', 'SIG-19', 'SIG-20'],
      { signature: b64(bt) },
      await expectedOutput(bt, btShared, { signature: b64(bt) }),
    ),
  );
  const ceased = await revokedAfter('cessationOfOperation', T0 + DAY);
  const inCeased = {
    signature: b64(btRevokedSigner),
    revocation: { crls: [b64(ceased), b64(laterRoot)] },
  };
  btGroup.push(
    ok(
      'signer revoked (cessationOfOperation) after the time-stamp: still valid as of the time-stamp',
      ['SIG-20'],
      inCeased,
      await expectedOutput(btRevokedSigner, btShared, inCeased),
      ['AsOfTimestamp'],
    ),
  );
  const superseded = await revokedAfter('superseded', T0 + DAY);
  const inSup = {
    signature: b64(btRevokedSigner),
    revocation: { crls: [b64(superseded), b64(laterRoot)] },
  };
  btGroup.push(
    ok(
      'signer revoked (superseded) after the time-stamp: still valid',
      ['SIG-20'],
      inSup,
      await expectedOutput(btRevokedSigner, btShared, inSup),
      ['AsOfTimestamp'],
    ),
  );
  btGroup.push(
    bad(
      'signer revoked for keyCompromise after the time-stamp: a time-stamp does not outlast a compromise',
      ['SIG-20'],
      {
        signature: b64(btRevokedSigner),
        revocation: { crls: [b64(await revokedAfter('keyCompromise', T0 + DAY)), b64(laterRoot)] },
      },
      'ERR_REVOKED',
      ['AsOfTimestamp'],
    ),
  );
  btGroup.push(
    bad(
      'signer revoked before the time-stamp',
      ['SIG-20'],
      {
        signature: b64(btRevokedSigner),
        revocation: {
          crls: [b64(await revokedAfter('cessationOfOperation', tsAt - 30)), b64(laterRoot)],
        },
      },
      'ERR_REVOKED',
      ['AsOfTimestamp'],
    ),
  );
  btGroup.push(
    bad(
      'B-T without revocation data: fails closed (the TSA path is checked first)',
      ['SIG-18', 'REV-30'],
      { signature: b64(bt), revocation: null },
      'ERR_REVOCATION_UNKNOWN',
      ['AsOfTimestamp'],
    ),
  );
  const badImprint = await signCades(
    { content: DOC },
    { signer: testPhoneSigner(pki.signerKey), certificateChain: m.chain, signingTime: T0 },
  ).then(async (plain) => {
    // A token over another signature value, attached afterwards (signCades itself refuses it).
    const token = await buildTestTimestampToken({
      messageImprint: seq(
        alg(CMS_OID.sha256),
        encodeTlv(0x04, sha256(utf8Encode('another signature'))),
      ),
      genTime: tsAt,
    });
    return addUnsigned(plain, attr(CMS_OID.signatureTimeStampToken, token));
  });
  btGroup.push(
    bad(
      'time-stamp imprint over another value',
      ['SIG-17', 'SIG-21'],
      { signature: b64(badImprint) },
      'ERR_TIMESTAMP',
      ['Timestamp'],
    ),
  );
  const sigValue = (s: Uint8Array): Uint8Array => signatureValueOf(s);
  const goodToken = await buildTestTimestampToken({
    messageImprint: seq(alg(CMS_OID.sha256), encodeTlv(0x04, sha256(sigValue(good)))),
    genTime: tsAt,
  });
  btGroup.push(
    bad(
      'an unsigned attribute besides the time-stamp',
      ['SIG-15'],
      {
        signature: b64(
          addUnsigned(
            good,
            concatBytes(
              attr(CMS_OID.signatureTimeStampToken, goodToken),
              attr('1.2.840.113549.1.9.6', seq()),
            ),
          ),
        ),
      },
      'ERR_CADES_ATTRIBUTES',
      ['Attributes'],
    ),
  );
  btGroup.push(
    bad(
      'two tokens in the time-stamp attribute',
      ['SIG-15'],
      {
        signature: b64(
          addUnsigned(good, attr(CMS_OID.signatureTimeStampToken, goodToken, goodToken)),
        ),
      },
      'ERR_CADES_ATTRIBUTES',
      ['Attributes'],
    ),
  );
  const tokenWrongKey = await buildTestTimestampToken({
    messageImprint: seq(alg(CMS_OID.sha256), encodeTlv(0x04, sha256(sigValue(good)))),
    genTime: tsAt,
    tsa: { key: pki.signerKey, certificate: pki.tsa },
  });
  btGroup.push(
    bad(
      'token signed by a key that is not the TSA certificate key',
      ['SIG-16'],
      { signature: b64(addUnsigned(good, attr(CMS_OID.signatureTimeStampToken, tokenWrongKey))) },
      'ERR_TIMESTAMP',
      ['Timestamp'],
    ),
  );
  const weakTsaKey = testEcKey('signature/tsa-noncritical', TEST_SIGNATURE_SEED);
  const weakTsa = await buildCertificate({
    serialNumber: '33',
    issuer: parseCertificate(pki.root).subject.der,
    subject: name([
      ['C', 'JP'],
      ['O', 'jitsuin TEST signature CA'],
      ['CN', 'jitsuin TEST TSA, EKU not critical'],
    ]),
    notBefore: T0 - 30 * DAY,
    notAfter: T0 + 3650 * DAY,
    publicKey: weakTsaKey.spki,
    signer: pki.rootKey.signer,
    keyUsage: ['digitalSignature'],
    extKeyUsage: ['1.3.6.1.5.5.7.3.8'],
    subjectKeyId: 'auto',
    authorityKeyId: keyIdentifier(pki.rootKey.spki),
  });
  const weakToken = await buildTestTimestampToken({
    messageImprint: seq(alg(CMS_OID.sha256), encodeTlv(0x04, sha256(sigValue(good)))),
    genTime: tsAt,
    tsa: { key: weakTsaKey, certificate: weakTsa },
  });
  btGroup.push(
    bad(
      'TSA certificate whose extKeyUsage timeStamping is not critical',
      ['SIG-18'],
      { signature: b64(addUnsigned(good, attr(CMS_OID.signatureTimeStampToken, weakToken))) },
      'ERR_TIMESTAMP',
      ['Timestamp'],
    ),
  );
  const loginTsa = await buildCertificate({
    serialNumber: '34',
    issuer: parseCertificate(pki.root).subject.der,
    subject: name([
      ['C', 'JP'],
      ['O', 'jitsuin TEST signature CA'],
      ['CN', 'jitsuin TEST TSA with the login EKU'],
    ]),
    notBefore: T0 - 30 * DAY,
    notAfter: T0 + 3650 * DAY,
    publicKey: weakTsaKey.spki,
    signer: pki.rootKey.signer,
    keyUsage: ['digitalSignature'],
    extKeyUsage: [JITSUIN_OID.ekuLogin],
    criticality: { [PKIX_OID.extKeyUsage]: true },
    subjectKeyId: 'auto',
    authorityKeyId: keyIdentifier(pki.rootKey.spki),
  });
  const loginToken = await buildTestTimestampToken({
    messageImprint: seq(alg(CMS_OID.sha256), encodeTlv(0x04, sha256(sigValue(good)))),
    genTime: tsAt,
    tsa: { key: weakTsaKey, certificate: loginTsa },
  });
  btGroup.push(
    bad(
      'TSA certificate without id-kp-timeStamping',
      ['SIG-18'],
      { signature: b64(addUnsigned(good, attr(CMS_OID.signatureTimeStampToken, loginToken))) },
      'ERR_TIMESTAMP',
      ['Timestamp'],
    ),
  );
  const futureToken = await buildTestTimestampToken({
    messageImprint: seq(alg(CMS_OID.sha256), encodeTlv(0x04, sha256(sigValue(good)))),
    genTime: later + DAY,
  });
  btGroup.push(
    bad(
      'genTime a day after the verification time',
      ['SIG-19'],
      { signature: b64(addUnsigned(good, attr(CMS_OID.signatureTimeStampToken, futureToken))) },
      'ERR_TIMESTAMP',
      ['Timestamp'],
    ),
  );
  const earlyToken = await buildTestTimestampToken({
    messageImprint: seq(alg(CMS_OID.sha256), encodeTlv(0x04, sha256(sigValue(good)))),
    genTime: T0 - DAY,
  });
  btGroup.push(
    bad(
      'signingTime a day after genTime',
      ['SIG-19'],
      { signature: b64(addUnsigned(good, attr(CMS_OID.signatureTimeStampToken, earlyToken))) },
      'ERR_CADES_SIGNING_TIME',
      ['Timestamp'],
    ),
  );

  // --- card ---------------------------------------------------------------------------------
  const person = pki.jpki.people[0];
  const testPerson = pki.jpki.testPolicyPerson;
  if (person === undefined) throw new JitsuinError('ERR_INTERNAL', 'TEST person 0 missing');
  const jcrl = await buildTestJpkiCrl({
    root: person.generation,
    entries: [],
    thisUpdate: VT - 3600,
  });
  const jcrl3 = await buildTestJpkiCrl({ root: 3, entries: [], thisUpdate: VT - 3600 });
  const cardShared = {
    trustAnchors: pki.jpki.signRoots.map((r) => b64(r.certificate)),
    time: VT,
    content: b64(DOC),
    revocation: { crls: [b64(jcrl), b64(jcrl3)] },
  };
  const card = await signCades(
    { content: DOC },
    {
      signer: testCardSigner(person.cardKey),
      certificateChain: [person.certificate],
      signingTime: T0,
    },
  );
  const cardGroup: Draft[] = [];
  cardGroup.push(
    ok(
      'My Number Card signature certificate (RSA-2048, PKCS#1 v1.5 over a DigestInfo), B-B',
      ['SIG-14', 'SIG-22', 'SIG-24', 'SIG-25'],
      { signature: b64(card) },
      await expectedOutput(card, cardShared, { signature: b64(card) }),
      ['Valid', 'Card'],
    ),
  );
  const pm: Material = {
    ...m,
    signer: parseCertificate(person.certificate),
    chain: [person.certificate],
  };
  const cardSign = (s: Uint8Array): Uint8Array =>
    signRsaPkcs1v15(person.cardKey.privateKey, s, 'SHA-256');
  const rsaEnc = forge(pm, {
    attrs: defaultAttrs(pm),
    sign: cardSign,
    sigAlg: alg('1.2.840.113549.1.1.1', NULL),
  });
  cardGroup.push(
    ok(
      'signatureAlgorithm rsaEncryption (as OpenSSL writes it): the hash is the digestAlgorithm',
      ['SIG-09', 'SIG-10'],
      { signature: b64(rsaEnc) },
      await expectedOutput(rsaEnc, cardShared, { signature: b64(rsaEnc) }),
      ['Valid', 'Card'],
    ),
  );
  cardGroup.push(
    bad(
      'RSASSA-PSS signature algorithm',
      ['SIG-10'],
      {
        signature: b64(
          forge(pm, {
            attrs: defaultAttrs(pm),
            sign: cardSign,
            sigAlg: alg('1.2.840.113549.1.1.10', seq()),
          }),
        ),
      },
      'ERR_UNSUPPORTED_ALGORITHM',
      ['Algorithm', 'Card'],
    ),
  );
  cardGroup.push(
    bad(
      'sha512WithRSAEncryption with digestAlgorithm SHA-256',
      ['SIG-09'],
      {
        signature: b64(
          forge(pm, {
            attrs: defaultAttrs(pm),
            sign: (s) => signRsaPkcs1v15(person.cardKey.privateKey, s, 'SHA-512'),
            sigAlg: alg('1.2.840.113549.1.1.13', NULL),
          }),
        ),
      },
      'ERR_CADES_ALGORITHM_MISMATCH',
      ['Algorithm', 'Card'],
    ),
  );
  const testCard = await signCades(
    { content: DOC },
    {
      signer: testCardSigner(testPerson.cardKey),
      certificateChain: [testPerson.certificate],
      signingTime: T0,
    },
  );
  cardGroup.push(
    bad(
      'card certificate of the JPKI test environment',
      ['SIG-24'],
      { signature: b64(testCard) },
      'ERR_JPKI_TEST_CERTIFICATE',
      ['Card'],
    ),
  );
  const cardRevoked = await buildTestJpkiCrl({
    root: person.generation,
    entries: [
      { serial: person.serialNumber, revocationDate: VT - 7200, reason: 'affiliationChanged' },
    ],
    thisUpdate: VT - 3600,
  });
  cardGroup.push(
    bad(
      'card certificate revoked (the person moved house)',
      ['SIG-14', 'REV-10'],
      { signature: b64(card), revocation: { crls: [b64(cardRevoked)] } },
      'ERR_REVOKED',
      ['Card', 'Path'],
    ),
  );

  const groups: VectorGroup[] = [
    { type: 'cades-verify', ...shared, tests: bb.map(unnumbered) },
    { type: 'cades-verify', ...btShared, tests: btGroup.map(unnumbered) },
    { type: 'cades-verify', ...cardShared, tests: cardGroup.map(unnumbered) },
  ];
  return {
    schema: 'jitsuin-vectors-v1',
    suite: 'signature',
    specVersion: SPEC_VERSION,
    numberOfTests: groups.reduce((n, g) => n + g.tests.length, 0),
    notes: NOTES,
    testGroups: numberTests(groups),
  };
}

/** The SignerInfo signature value of a (DER, jitsuin-made) signature. */
function signatureValueOf(sig: Uint8Array): Uint8Array {
  const { signerInfoRange } = locateSignerInfo(sig);
  const si = sig.subarray(signerInfoRange[0], signerInfoRange[1]);
  // Walk the SignerInfo children: version, sid, digestAlgorithm, [0] signedAttrs, signatureAlgorithm, signature.
  const kids = children(si);
  const s = kids.find((k, i) => i >= 4 && si[k[0]] === 0x04) as [number, number, number];
  return si.subarray(s[1], s[2]);
}

/** Returns a copy of a DER jitsuin signature with `unsignedAttr` (one or more Attribute encodings) as unsignedAttrs. */
function addUnsigned(sig: Uint8Array, unsignedAttrs: Uint8Array): Uint8Array {
  const { signerInfoRange } = locateSignerInfo(sig);
  const si = sig.subarray(signerInfoRange[0], signerInfoRange[1]);
  const kids = children(si);
  const body = concatBytes(
    ...kids.map((k) => si.subarray(k[0], k[2])),
    encodeTlv(0xa1, unsignedAttrs),
  );
  return rebuildWithSignerInfo(sig, encodeTlv(0x30, body));
}

function tlvAt(b: Uint8Array, p: number): [number, number, number] {
  let q = p + 1;
  let l = b[q++] as number;
  if (l & 0x80) {
    const n = l & 0x7f;
    l = 0;
    for (let i = 0; i < n; i++) l = l * 256 + (b[q++] as number);
  }
  return [p, q, q + l];
}
function children(b: Uint8Array): [number, number, number][] {
  const [, start, end] = tlvAt(b, 0);
  const out: [number, number, number][] = [];
  for (let p = start; p < end;) {
    const t = tlvAt(b, p);
    out.push(t);
    p = t[2];
  }
  return out;
}
function locateSignerInfo(sig: Uint8Array): {
  sdKids: [number, number, number][];
  sd: Uint8Array;
  signerInfoRange: [number, number];
} {
  const ci = children(sig);
  const wrap = sig.subarray(
    (ci[1] as [number, number, number])[0],
    (ci[1] as [number, number, number])[2],
  );
  const sdRange = children(wrap)[0] as [number, number, number];
  const sd = wrap.subarray(sdRange[0], sdRange[2]);
  const sdKids = children(sd);
  const sis = sdKids[sdKids.length - 1] as [number, number, number];
  const first = tlvAt(sd, sis[1]);
  const offset = (ci[1] as [number, number, number])[0] + sdRange[0];
  return { sdKids, sd, signerInfoRange: [offset + first[0], offset + first[2]] };
}
function rebuildWithSignerInfo(sig: Uint8Array, signerInfo: Uint8Array): Uint8Array {
  const { sdKids, sd } = locateSignerInfo(sig);
  const parts = sdKids.slice(0, -1).map((k) => sd.subarray(k[0], k[2]));
  const newSd = encodeTlv(0x30, concatBytes(...parts, encodeTlv(0x31, signerInfo)));
  return seq(encodeOid(CMS_OID.signedData), encodeTlv(0xa0, newSd));
}

/** The generator of `vectors/signature.json`. */
export const signatureGenerator: VectorGenerator = { name: 'signature', generate };
