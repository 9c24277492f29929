/**
 * The `revocation` vector suite (spec/revocation.md): CRL and OCSP revocation checking and the
 * fail-closed policy. A small deterministic PKI (root, issuing CA, leaf, separate CRL signer,
 * delegated OCSP responder; P-256 keys from HKDF over fixed labels, RFC 6979 signatures, fixed
 * times) is built once; every negative case changes exactly one thing from a valid case.
 * The judge of its cases is `src/conformance/suites/revocation.ts`.
 * @module
 */
import { base64urlEncode } from '../../src/encoding/base64url.js';
import { concatBytes } from '../../src/encoding/bytes.js';
import { utf8Encode } from '../../src/encoding/utf8.js';
import { derivePrivateKey, getEcPublicKey, signEcdsa } from '../../src/crypto/ecdsa.js';
import { exportSpki } from '../../src/crypto/keys.js';
import {
  buildCertificate,
  keyIdentifier,
  type BuildCertificateOptions,
  type CertificateSigner,
} from '../../src/x509/builder.js';
import { parseCertificate, type Certificate } from '../../src/x509/certificate.js';
import { name } from '../../src/x509/name.js';
import { JITSUIN_ARC, PKIX_OID } from '../../src/x509/oids.js';
import { buildCrl, type BuildCrlOptions } from '../../src/x509/revocation/build-crl.js';
import {
  buildOcspResponse,
  type BuildOcspResponseOptions,
  type SingleResponseInput,
} from '../../src/x509/revocation/build-ocsp.js';
import type { RevocationReason } from '../../src/x509/revocation/reasons.js';
import { SPEC_VERSION } from '../../src/conformance/version.js';
import type {
  VectorFile,
  VectorGroup,
  VectorNote,
  VectorTest,
} from '../../src/conformance/types.js';
import { numberTests, unnumbered } from './numbering.js';
import type { VectorGenerator } from './types.js';

const SEED = utf8Encode('jitsuin/vectors/revocation');
const b64 = base64urlEncode;
const DAY = 86_400;
/** Validation time of every case: 2026-01-01T00:00:00Z. */
export const T = 1_767_225_600;

const NOTES: Record<string, VectorNote> = {
  Valid: {
    bugType: 'BASIC',
    description: 'Acceptable revocation information that establishes the status.',
  },
  Revoked: {
    bugType: 'BASIC',
    description: 'The certificate is listed as revoked by an acceptable source (REV-10).',
  },
  FailClosed: {
    bugType: 'AUTH_BYPASS',
    description: 'No acceptable source determines the status; mode require must reject (REV-30).',
  },
  OptOut: {
    bugType: 'FUNCTIONALITY',
    description: 'The caller explicitly chose mode prefer or off (REV-32, REV-33).',
  },
  Stale: {
    bugType: 'AUTH_BYPASS',
    description:
      'Revocation information past its freshness window: a replayed old answer (REV-05, REV-25).',
  },
  NotYetValid: {
    bugType: 'EDGE_CASE',
    description: 'Revocation information issued after the validation time (REV-04, REV-24).',
  },
  BadSignature: {
    bugType: 'AUTH_BYPASS',
    description:
      'A CRL or response whose signature does not verify under the authorised key (REV-02, REV-21).',
  },
  Unauthorised: {
    bugType: 'AUTH_BYPASS',
    description: 'Signed by a key that may not speak for the CA (REV-03, REV-07, REV-22).',
  },
  WrongIssuer: {
    bugType: 'AUTH_BYPASS',
    description: 'Revocation information about another CA or another certificate (REV-14, REV-23).',
  },
  CriticalExtension: {
    bugType: 'MODIFIED_PARAMETER',
    description: 'An unknown critical extension voids the CRL or response (REV-08, REV-27).',
  },
  Scope: {
    bugType: 'EDGE_CASE',
    description:
      'A CRL whose issuingDistributionPoint scope does not cover the certificate (REV-09, REV-14).',
  },
  Delta: {
    bugType: 'FUNCTIONALITY',
    description: 'Delta CRL processing (REV-11, REV-12, REV-13).',
  },
  Malformed: {
    bugType: 'MODIFIED_PARAMETER',
    description: 'Bytes that are not strict DER (REV-01, REV-20).',
  },
  TooLarge: {
    bugType: 'EDGE_CASE',
    description: 'More inputs than one call considers: bounded work on hostile input (REV-39).',
  },
  Sha1CertId: {
    bugType: 'LEGACY',
    description:
      'An OCSP CertID hashed with SHA-1, as most deployed responders produce; accepted (REV-23).',
  },
};

interface Key {
  readonly priv: Uint8Array;
  readonly spki: Uint8Array;
  readonly signer: CertificateSigner;
}

function key(label: string): Key {
  const priv = derivePrivateKey(SEED, `jitsuin/vectors/revocation/${label}`);
  const spki = exportSpki(getEcPublicKey(priv));
  return {
    priv,
    spki,
    signer: {
      algorithm: 'ES256',
      signatureFormat: 'der',
      sign: async (m) => signEcdsa(priv, m, { format: 'der' }),
    },
  };
}

/** The fixture PKI shared by the vectors and the unit tests. @internal */
export interface RevocationPki {
  readonly keys: Readonly<
    Record<'root' | 'ca' | 'leaf' | 'crlSigner' | 'responder' | 'rogue', Key>
  >;
  readonly names: Readonly<Record<'root' | 'ca' | 'leaf' | 'other', Uint8Array>>;
  readonly root: Uint8Array;
  readonly ca: Uint8Array;
  /** The issuing CA again (same name and key) but with keyUsage keyCertSign only. */
  readonly caNoCrlSign: Uint8Array;
  readonly leaf: Uint8Array;
  /** A second leaf whose CRL distribution point is `http://crl.example/ca-1.crl`. */
  readonly leafWithDp: Uint8Array;
  /** Separate CRL signer: subject = the CA's name, issued by the root, keyUsage cRLSign. */
  readonly crlSigner: Uint8Array;
  readonly crlSignerExpired: Uint8Array;
  /** Delegated OCSP responder issued by the CA with id-kp-OCSPSigning. */
  readonly responder: Uint8Array;
  /** Like `responder` but without the OCSPSigning EKU. */
  readonly responderNoEku: Uint8Array;
  /** Like `responder` (with the EKU) but issued by the root, not the leaf's CA. */
  readonly responderWrongCa: Uint8Array;
  readonly responderExpired: Uint8Array;
  /** Like `responder`, valid only until T + 1 hour (its answers are usable no longer, REV-38). */
  readonly responderShort: Uint8Array;
  readonly parsed: { readonly leaf: Certificate; readonly ca: Certificate };
  crl(over?: Partial<BuildCrlOptions>): Promise<Uint8Array>;
  /** An OCSP response about the leaf signed by the CA; `noNextUpdate` drops nextUpdate. */
  ocsp(
    single?: Partial<SingleResponseInput> & { readonly noNextUpdate?: boolean },
    over?: Partial<BuildOcspResponseOptions>,
  ): Promise<Uint8Array>;
}

let pkiPromise: Promise<RevocationPki> | undefined;

/** Builds (once) the deterministic fixture PKI. @internal */
export function revocationPki(): Promise<RevocationPki> {
  pkiPromise ??= makePki();
  return pkiPromise;
}

async function makePki(): Promise<RevocationPki> {
  const keys = {
    root: key('root'),
    ca: key('ca'),
    leaf: key('leaf'),
    crlSigner: key('crl-signer'),
    responder: key('responder'),
    rogue: key('rogue'),
  };
  const names = {
    root: name([
      ['C', 'JP'],
      ['O', 'Jitsuin Revocation Test'],
      ['CN', 'Test Root'],
    ]),
    ca: name([
      ['C', 'JP'],
      ['O', 'Jitsuin Revocation Test'],
      ['CN', 'Test Issuing CA'],
    ]),
    leaf: name([
      ['C', 'JP'],
      ['O', 'Jitsuin Revocation Test'],
      ['CN', 'Test Leaf'],
    ]),
    other: name([
      ['C', 'JP'],
      ['O', 'Jitsuin Revocation Test'],
      ['CN', 'Some Other CA'],
    ]),
  };
  const validity = { notBefore: T - 365 * DAY, notAfter: T + 365 * DAY };
  const cert = (
    o: Partial<BuildCertificateOptions> &
      Pick<BuildCertificateOptions, 'serialNumber' | 'issuer' | 'subject' | 'publicKey' | 'signer'>,
  ): Promise<Uint8Array> => buildCertificate({ ...validity, subjectKeyId: 'auto', ...o });
  const caAki = keyIdentifier(keys.ca.spki);
  const rootAki = keyIdentifier(keys.root.spki);
  const root = await cert({
    serialNumber: '01',
    issuer: names.root,
    subject: names.root,
    publicKey: keys.root.spki,
    signer: keys.root.signer,
    basicConstraints: { ca: true },
    keyUsage: ['keyCertSign', 'cRLSign'],
  });
  const caBase = {
    serialNumber: '02',
    issuer: names.root,
    subject: names.ca,
    publicKey: keys.ca.spki,
    signer: keys.root.signer,
    authorityKeyId: rootAki,
    basicConstraints: { ca: true, pathLenConstraint: 0 },
  } as const;
  const ca = await cert({ ...caBase, keyUsage: ['keyCertSign', 'cRLSign'] });
  const caNoCrlSign = await cert({ ...caBase, serialNumber: '03', keyUsage: ['keyCertSign'] });
  const leafBase = {
    issuer: names.ca,
    subject: names.leaf,
    publicKey: keys.leaf.spki,
    signer: keys.ca.signer,
    authorityKeyId: caAki,
    keyUsage: ['digitalSignature'] as const,
  };
  const leaf = await cert({ ...leafBase, serialNumber: '1001' });
  const leafWithDp = await cert({
    ...leafBase,
    serialNumber: '1002',
    crlDistributionPoints: [{ uris: ['http://crl.example/ca-1.crl'] }],
  });
  const signerBase = {
    issuer: names.root,
    subject: names.ca,
    publicKey: keys.crlSigner.spki,
    signer: keys.root.signer,
    authorityKeyId: rootAki,
    keyUsage: ['cRLSign'] as const,
  };
  const crlSigner = await cert({ ...signerBase, serialNumber: '04' });
  const crlSignerExpired = await cert({
    ...signerBase,
    serialNumber: '05',
    notBefore: T - 100 * DAY,
    notAfter: T - DAY,
  });
  const responderName = name([
    ['C', 'JP'],
    ['O', 'Jitsuin Revocation Test'],
    ['CN', 'Test OCSP Responder'],
  ]);
  const respBase = {
    issuer: names.ca,
    subject: responderName,
    publicKey: keys.responder.spki,
    signer: keys.ca.signer,
    authorityKeyId: caAki,
    keyUsage: ['digitalSignature'] as const,
    ocspNoCheck: true,
  };
  const responder = await cert({
    ...respBase,
    serialNumber: '2001',
    extKeyUsage: [PKIX_OID.kpOcspSigning],
  });
  const responderNoEku = await cert({ ...respBase, serialNumber: '2002' });
  const responderWrongCa = await cert({
    ...respBase,
    serialNumber: '2003',
    issuer: names.root,
    signer: keys.root.signer,
    authorityKeyId: rootAki,
    extKeyUsage: [PKIX_OID.kpOcspSigning],
  });
  const responderExpired = await cert({
    ...respBase,
    serialNumber: '2004',
    extKeyUsage: [PKIX_OID.kpOcspSigning],
    notBefore: T - 100 * DAY,
    notAfter: T - DAY,
  });
  const responderShort = await cert({
    ...respBase,
    serialNumber: '2005',
    extKeyUsage: [PKIX_OID.kpOcspSigning],
    notBefore: T - DAY,
    notAfter: T + 3600,
  });
  const parsedLeaf = parseCertificate(leaf);
  const parsedCa = parseCertificate(ca);
  return {
    keys,
    names,
    root,
    ca,
    caNoCrlSign,
    leaf,
    leafWithDp,
    crlSigner,
    crlSignerExpired,
    responder,
    responderNoEku,
    responderWrongCa,
    responderExpired,
    responderShort,
    parsed: { leaf: parsedLeaf, ca: parsedCa },
    crl: (over = {}) =>
      buildCrl({
        issuer: names.ca,
        thisUpdate: T - DAY,
        nextUpdate: T + 6 * DAY,
        crlNumber: 7,
        authorityKeyId: caAki,
        signer: keys.ca.signer,
        ...over,
      }),
    ocsp: ({ noNextUpdate, ...single } = {}, over = {}) =>
      buildOcspResponse({
        responder: { name: names.ca, publicKey: keys.ca.spki },
        producedAt: T - 3600,
        responses: [
          {
            certId: {
              issuerName: names.ca,
              issuerPublicKey: keys.ca.spki,
              serial: parsedLeaf.serialNumber,
            },
            status: 'good',
            thisUpdate: T - 3600,
            ...(noNextUpdate === true ? {} : { nextUpdate: T + 3 * DAY }),
            ...single,
          },
        ],
        signer: keys.ca.signer,
        ...over,
      }),
  };
}

interface Builder {
  add(t: Omit<VectorTest, 'tcId'>): void;
}
function group(
  type: string,
  shared: Record<string, unknown>,
  fill: (b: Builder) => Promise<void>,
): Promise<VectorGroup> {
  const tests: VectorTest[] = [];
  return fill({ add: (t) => tests.push(unnumbered(t)) }).then(() => ({ type, ...shared, tests }));
}

const flipLastByte = (bytes: Uint8Array): Uint8Array => {
  const out = bytes.slice();
  out[out.length - 1] = (out[out.length - 1] as number) ^ 0x01;
  return out;
};

const REASONS: readonly RevocationReason[] = [
  'unspecified',
  'keyCompromise',
  'cACompromise',
  'affiliationChanged',
  'superseded',
  'cessationOfOperation',
  'certificateHold',
  'privilegeWithdrawn',
  'aACompromise',
];
const UNKNOWN_OID = '1.3.6.1.4.1.99999.1';

async function generate(): Promise<VectorFile> {
  const p = await revocationPki();
  const chain = {
    certificate: b64(p.leaf),
    issuer: b64(p.ca),
    path: [b64(p.root), b64(p.ca), b64(p.leaf)],
  };
  const serial = p.parsed.leaf.serialNumber;
  const revokedEntry = (reason?: RevocationReason) => [
    { serial, revocationDate: T - 2 * DAY, ...(reason === undefined ? {} : { reason }) },
  ];
  const withCrls = (crls: Uint8Array[], extra: Record<string, unknown> = {}) => ({
    ...chain,
    crls: crls.map(b64),
    ...extra,
  });
  const withOcsp = (responses: Uint8Array[], extra: Record<string, unknown> = {}) => ({
    ...chain,
    ocspResponses: responses.map(b64),
    ...extra,
  });
  const goodCrl = await p.crl();
  // The root's CRL: needed to establish that a separate CRL signer (issued by the root) is not revoked.
  const rootCrl = await p.crl({
    issuer: p.names.root,
    signer: p.keys.root.signer,
    authorityKeyId: keyIdentifier(p.keys.root.spki),
    crlNumber: 3,
  });
  const crlOut = {
    status: 'good',
    source: 'crl',
    nextUpdate: T + 6 * DAY,
    validUntil: T + 6 * DAY,
  };
  const ocspOut = {
    status: 'good',
    source: 'ocsp',
    nextUpdate: T + 3 * DAY,
    validUntil: T + 3 * DAY,
  };

  const crlGroup = await group('revocation-check', { time: T, mode: 'require' }, async (b) => {
    b.add({
      comment: 'CRL from the issuer, current, not listing the leaf',
      flags: ['Valid'],
      requirements: ['REV-02', 'REV-04', 'REV-05', 'REV-30'],
      input: withCrls([goodCrl]),
      result: 'valid',
      output: crlOut,
    });
    for (const reason of REASONS) {
      const crl = await p.crl({
        entries: revokedEntry(reason === 'unspecified' ? undefined : reason),
      });
      b.add({
        comment: `leaf listed with reason ${reason}${reason === 'unspecified' ? ' (reasonCode absent)' : ''}`,
        flags: ['Revoked'],
        requirements: ['REV-10'],
        input: withCrls([crl]),
        result: 'invalid',
        error: 'ERR_REVOKED',
      });
    }
    b.add({
      comment: 'removeFromCRL entry in a complete CRL: not revoked (RFC 5280 §6.3.3 (k))',
      flags: ['Delta'],
      requirements: ['REV-11'],
      input: withCrls([await p.crl({ entries: revokedEntry('removeFromCRL') })]),
      result: 'valid',
      output: crlOut,
    });
    b.add({
      comment:
        'an entry for the same serial from another issuer (certificateIssuer) does not revoke the leaf',
      flags: ['WrongIssuer'],
      requirements: ['REV-15'],
      input: withCrls([
        await p.crl({
          entries: [
            {
              serial,
              revocationDate: T - DAY,
              reason: 'keyCompromise',
              certificateIssuer: p.names.other,
            },
          ],
        }),
      ]),
      result: 'valid',
      output: crlOut,
    });
    b.add({
      comment: 'CRL expired: nextUpdate is before the time',
      flags: ['Stale'],
      requirements: ['REV-05'],
      input: withCrls([await p.crl({ thisUpdate: T - 10 * DAY, nextUpdate: T - DAY })]),
      result: 'invalid',
      error: 'ERR_CRL_INVALID',
    });
    b.add({
      comment: 'CRL expired exactly at the time (nextUpdate = time)',
      flags: ['Stale'],
      requirements: ['REV-05'],
      input: withCrls([await p.crl({ thisUpdate: T - 10 * DAY, nextUpdate: T })]),
      result: 'invalid',
      error: 'ERR_CRL_INVALID',
    });
    b.add({
      comment: 'CRL expired one hour ago but within crlGracePeriod of 1 day',
      flags: ['Valid'],
      requirements: ['REV-05'],
      input: withCrls([await p.crl({ thisUpdate: T - 10 * DAY, nextUpdate: T - 3600 })], {
        crlGracePeriod: DAY,
      }),
      result: 'valid',
      output: {
        status: 'good',
        source: 'crl',
        nextUpdate: T - 3600 + DAY,
        validUntil: T - 3600 + DAY,
      },
    });
    b.add({
      comment: 'CRL not yet valid: thisUpdate is after the time',
      flags: ['NotYetValid'],
      requirements: ['REV-04'],
      input: withCrls([await p.crl({ thisUpdate: T + 60, nextUpdate: T + 7 * DAY })]),
      result: 'invalid',
      error: 'ERR_CRL_INVALID',
    });
    b.add({
      comment: 'CRL without nextUpdate',
      flags: ['Stale'],
      requirements: ['REV-06'],
      input: withCrls([
        await buildCrl({
          issuer: p.names.ca,
          thisUpdate: T - DAY,
          crlNumber: 7,
          signer: p.keys.ca.signer,
        }),
      ]),
      result: 'invalid',
      error: 'ERR_CRL_INVALID',
    });
    b.add({
      comment: 'CRL without the cRLNumber extension (otherwise valid and signed)',
      flags: ['Malformed'],
      requirements: ['REV-37'],
      input: withCrls([await p.crl({ crlNumber: null })]),
      result: 'invalid',
      error: 'ERR_CRL_INVALID',
    });
    b.add({
      comment: 'CRL whose cRLNumber extension is marked critical',
      flags: ['CriticalExtension'],
      requirements: ['REV-37'],
      input: withCrls([await p.crl({ crlNumberCritical: true })]),
      result: 'invalid',
      error: 'ERR_CRL_INVALID',
    });
    b.add({
      comment: 'CRL signature altered (last byte of the signature flipped)',
      flags: ['BadSignature'],
      requirements: ['REV-02'],
      input: withCrls([flipLastByte(goodCrl)]),
      result: 'invalid',
      error: 'ERR_CRL_INVALID',
    });
    b.add({
      comment: "CRL with the issuer's name but signed by another key",
      flags: ['BadSignature'],
      requirements: ['REV-02'],
      input: withCrls([await p.crl({ signer: p.keys.rogue.signer })]),
      result: 'invalid',
      error: 'ERR_CRL_INVALID',
    });
    b.add({
      comment: 'CRL from another CA (different issuer name): irrelevant, so no status',
      flags: ['WrongIssuer', 'FailClosed'],
      requirements: ['REV-14', 'REV-30'],
      input: withCrls([await p.crl({ issuer: p.names.other, signer: p.keys.rogue.signer })]),
      result: 'invalid',
      error: 'ERR_REVOCATION_UNKNOWN',
    });
    b.add({
      comment: 'CRL signed by the issuer whose keyUsage lacks cRLSign',
      flags: ['Unauthorised'],
      requirements: ['REV-03'],
      input: {
        ...withCrls([goodCrl]),
        issuer: b64(p.caNoCrlSign),
        path: [b64(p.root), b64(p.caNoCrlSign), b64(p.leaf)],
      },
      result: 'invalid',
      error: 'ERR_CRL_INVALID',
    });
    b.add({
      comment: 'CRL with an unknown critical CRL extension',
      flags: ['CriticalExtension'],
      requirements: ['REV-08'],
      input: withCrls([
        await p.crl({
          extensions: [{ oid: UNKNOWN_OID, critical: true, value: Uint8Array.of(5, 0) }],
        }),
      ]),
      result: 'invalid',
      error: 'ERR_CRL_INVALID',
    });
    b.add({
      comment: 'CRL with the same extension non-critical: ignored',
      flags: ['Valid'],
      requirements: ['REV-08'],
      input: withCrls([
        await p.crl({
          extensions: [{ oid: UNKNOWN_OID, critical: false, value: Uint8Array.of(5, 0) }],
        }),
      ]),
      result: 'valid',
      output: crlOut,
    });
    b.add({
      comment: 'CRL with an unknown critical entry extension (on another serial)',
      flags: ['CriticalExtension'],
      requirements: ['REV-08'],
      input: withCrls([
        await p.crl({
          entries: [
            {
              serial: '77',
              revocationDate: T - DAY,
              extensions: [{ oid: UNKNOWN_OID, critical: true, value: Uint8Array.of(5, 0) }],
            },
          ],
        }),
      ]),
      result: 'invalid',
      error: 'ERR_CRL_INVALID',
    });
    b.add({
      comment: 'CRL with a trailing byte after the DER',
      flags: ['Malformed'],
      requirements: ['REV-01'],
      input: withCrls([concatBytes(goodCrl, Uint8Array.of(0))]),
      result: 'invalid',
      error: 'ERR_CRL_INVALID',
    });
    // Signed by the separate CRL signer's key (the valid signer and its expired twin share it).
    const bySigner = await p.crl({
      signer: p.keys.crlSigner.signer,
      authorityKeyId: keyIdentifier(p.keys.crlSigner.spki),
    });
    b.add({
      comment: 'separate CRL signer (CA name, issued by the root, cRLSign) signs the CRL',
      flags: ['Valid'],
      requirements: ['REV-07'],
      input: withCrls([bySigner, rootCrl], { extraCertificates: [b64(p.crlSigner)] }),
      result: 'valid',
      output: crlOut,
    });
    b.add({
      comment: 'separate CRL signer, but no CRL of the root to show the signer is not revoked',
      flags: ['Unauthorised', 'FailClosed'],
      requirements: ['REV-07'],
      input: withCrls(
        [
          await p.crl({
            signer: p.keys.crlSigner.signer,
            authorityKeyId: keyIdentifier(p.keys.crlSigner.spki),
          }),
        ],
        { extraCertificates: [b64(p.crlSigner)] },
      ),
      result: 'invalid',
      error: 'ERR_CRL_INVALID',
    });
    b.add({
      comment:
        'mode prefer, separate CRL signer whose own status is undetermined (no CRL of the root): its CRL cannot establish good',
      flags: ['OptOut', 'Unauthorised'],
      requirements: ['REV-36', 'REV-32'],
      input: {
        ...withCrls(
          [
            await p.crl({
              signer: p.keys.crlSigner.signer,
              authorityKeyId: keyIdentifier(p.keys.crlSigner.spki),
            }),
          ],
          { extraCertificates: [b64(p.crlSigner)] },
        ),
        mode: 'prefer',
      },
      result: 'valid',
      output: { status: 'not-checked', source: 'none', validUntil: T + 6 * DAY },
    });
    b.add({
      comment: "separate CRL signer revoked by the root's CRL",
      flags: ['Unauthorised'],
      requirements: ['REV-07'],
      input: withCrls(
        [
          await p.crl({
            signer: p.keys.crlSigner.signer,
            authorityKeyId: keyIdentifier(p.keys.crlSigner.spki),
          }),
          await p.crl({
            issuer: p.names.root,
            signer: p.keys.root.signer,
            crlNumber: 4,
            entries: [{ serial: '04', revocationDate: T - DAY, reason: 'keyCompromise' }],
          }),
        ],
        { extraCertificates: [b64(p.crlSigner)] },
      ),
      result: 'invalid',
      error: 'ERR_CRL_INVALID',
    });
    b.add({
      comment: 'a CRL signed by a separate signer whose certificate is not supplied',
      flags: ['Unauthorised', 'BadSignature'],
      requirements: ['REV-02'],
      input: withCrls([bySigner, rootCrl]),
      result: 'invalid',
      error: 'ERR_CRL_INVALID',
    });
    b.add({
      comment: 'separate CRL signer whose certificate has expired',
      flags: ['Unauthorised'],
      requirements: ['REV-07'],
      input: withCrls([bySigner, rootCrl], { extraCertificates: [b64(p.crlSignerExpired)] }),
      result: 'invalid',
      error: 'ERR_CRL_INVALID',
    });
    b.add({
      comment: 'CRL scoped to CA certificates only (onlyContainsCACerts) does not cover the leaf',
      flags: ['Scope', 'FailClosed'],
      requirements: ['REV-14'],
      input: withCrls([await p.crl({ issuingDistributionPoint: { onlyContainsCACerts: true } })]),
      result: 'invalid',
      error: 'ERR_REVOCATION_UNKNOWN',
    });
    b.add({
      comment: 'CRL scoped to end-entity certificates (onlyContainsUserCerts) covers the leaf',
      flags: ['Valid'],
      requirements: ['REV-14'],
      input: withCrls([await p.crl({ issuingDistributionPoint: { onlyContainsUserCerts: true } })]),
      result: 'valid',
      output: crlOut,
    });
    b.add({
      comment: 'CRL for distribution point ca-2 does not cover a certificate that names ca-1',
      flags: ['Scope', 'FailClosed'],
      requirements: ['REV-14'],
      input: {
        ...withCrls([
          await p.crl({ issuingDistributionPoint: { uris: ['http://crl.example/ca-2.crl'] } }),
        ]),
        certificate: b64(p.leafWithDp),
        path: [b64(p.root), b64(p.ca), b64(p.leafWithDp)],
      },
      result: 'invalid',
      error: 'ERR_REVOCATION_UNKNOWN',
    });
    b.add({
      comment: 'CRL for distribution point ca-1 covers a certificate that names ca-1',
      flags: ['Valid'],
      requirements: ['REV-14'],
      input: {
        ...withCrls([
          await p.crl({ issuingDistributionPoint: { uris: ['http://crl.example/ca-1.crl'] } }),
        ]),
        certificate: b64(p.leafWithDp),
        path: [b64(p.root), b64(p.ca), b64(p.leafWithDp)],
      },
      result: 'valid',
      output: crlOut,
    });
    // Partitioned CRLs ([REV-41]): the certificate names its partition; only that partition's CRL covers it.
    const partition = (uri: string, over: Parameters<typeof p.crl>[0] = {}) =>
      p.crl({ issuingDistributionPoint: { uris: [uri], onlyContainsUserCerts: true }, ...over });
    const withDp = {
      certificate: b64(p.leafWithDp),
      path: [b64(p.root), b64(p.ca), b64(p.leafWithDp)],
    };
    const dpSerial = parseCertificate(p.leafWithDp).serialNumber;
    const listing = [
      { serial: dpSerial, revocationDate: T - 2 * DAY, reason: 'keyCompromise' as const },
    ];
    b.add({
      comment:
        "partitioned CRLs: another partition's CRL, then the certificate's own partition CRL: good from its own",
      flags: ['Valid', 'Scope'],
      requirements: ['REV-41', 'REV-14'],
      input: {
        ...withCrls([
          await partition('http://crl.example/ca-2.crl'),
          await partition('http://crl.example/ca-1.crl'),
        ]),
        ...withDp,
      },
      result: 'valid',
      output: crlOut,
    });
    b.add({
      comment: "partitioned CRLs: the certificate's own partition CRL lists it: revoked",
      flags: ['Revoked', 'Scope'],
      requirements: ['REV-41', 'REV-10'],
      input: {
        ...withCrls([
          await partition('http://crl.example/ca-2.crl'),
          await partition('http://crl.example/ca-1.crl', { entries: listing }),
        ]),
        ...withDp,
      },
      result: 'invalid',
      error: 'ERR_REVOKED',
    });
    b.add({
      comment:
        "partitioned CRLs: only another partition's CRL, listing the same serial: irrelevant, no status",
      flags: ['Scope', 'FailClosed'],
      requirements: ['REV-41', 'REV-14', 'REV-30'],
      input: {
        ...withCrls([await partition('http://crl.example/ca-2.crl', { entries: listing })]),
        ...withDp,
      },
      result: 'invalid',
      error: 'ERR_REVOCATION_UNKNOWN',
    });
    b.add({
      comment:
        'partitioned CRLs: a certificate that names no distribution point is not covered by a partition CRL',
      flags: ['Scope', 'FailClosed'],
      requirements: ['REV-41', 'REV-14'],
      input: withCrls([await partition('http://crl.example/ca-1.crl')]),
      result: 'invalid',
      error: 'ERR_REVOCATION_UNKNOWN',
    });
    b.add({
      comment: 'CRL covering only keyCompromise and cACompromise: the other reasons stay unknown',
      flags: ['Scope', 'FailClosed'],
      requirements: ['REV-09'],
      input: withCrls([
        await p.crl({
          issuingDistributionPoint: { onlySomeReasons: ['keyCompromise', 'cACompromise'] },
        }),
      ]),
      result: 'invalid',
      error: 'ERR_REVOCATION_UNKNOWN',
    });
    const hold7 = await p.crl({
      thisUpdate: T - 2 * DAY,
      entries: revokedEntry('certificateHold'),
    });
    const clean8 = await p.crl({ crlNumber: 8 });
    b.add({
      comment:
        'certificateHold in CRL #7, and the newer CRL #8 of the same scope no longer lists the leaf: the hold is released',
      flags: ['Valid'],
      requirements: ['REV-10'],
      input: withCrls([hold7, clean8]),
      result: 'valid',
      output: crlOut,
    });
    b.add({
      comment:
        'certificateHold in the newest CRL #8, and the older CRL #7 does not list the leaf: on hold',
      flags: ['Revoked'],
      requirements: ['REV-10'],
      input: withCrls([
        await p.crl({ thisUpdate: T - 2 * DAY }),
        await p.crl({ crlNumber: 8, entries: revokedEntry('certificateHold') }),
      ]),
      result: 'invalid',
      error: 'ERR_REVOKED',
    });
    b.add({
      comment: 'keyCompromise in CRL #7 is permanent even if CRL #8 omits the entry',
      flags: ['Revoked'],
      requirements: ['REV-10'],
      input: withCrls([
        await p.crl({ thisUpdate: T - 2 * DAY, entries: revokedEntry('keyCompromise') }),
        clean8,
      ]),
      result: 'invalid',
      error: 'ERR_REVOKED',
    });
    const holdBase = await p.crl({ crlNumber: 10, entries: revokedEntry('certificateHold') });
    b.add({
      comment: 'delta CRL (base 10) with removeFromCRL releases a certificateHold of its base',
      flags: ['Delta'],
      requirements: ['REV-11', 'REV-12'],
      input: withCrls([
        holdBase,
        await p.crl({
          crlNumber: 11,
          deltaOf: 10,
          thisUpdate: T - 3600,
          nextUpdate: T + DAY,
          entries: revokedEntry('removeFromCRL'),
        }),
      ]),
      result: 'valid',
      output: { status: 'good', source: 'crl', nextUpdate: T + DAY, validUntil: T + DAY },
    });
    b.add({
      comment: 'delta CRL (base 7) revokes the leaf that its base does not list',
      flags: ['Delta', 'Revoked'],
      requirements: ['REV-12'],
      input: withCrls([
        goodCrl,
        await p.crl({
          crlNumber: 8,
          deltaOf: 7,
          thisUpdate: T - 3600,
          nextUpdate: T + DAY,
          entries: revokedEntry('keyCompromise'),
        }),
      ]),
      result: 'invalid',
      error: 'ERR_REVOKED',
    });
    b.add({
      comment: 'delta CRL whose BaseCRLNumber is newer than the complete CRL: not applicable',
      flags: ['Delta'],
      requirements: ['REV-12'],
      input: withCrls([
        goodCrl,
        await p.crl({
          crlNumber: 9,
          deltaOf: 8,
          thisUpdate: T - 3600,
          nextUpdate: T + DAY,
          entries: revokedEntry('keyCompromise'),
        }),
      ]),
      result: 'valid',
      output: crlOut,
    });
    b.add({
      comment: 'delta CRL alone (no complete CRL): no status',
      flags: ['Delta', 'FailClosed'],
      requirements: ['REV-12', 'REV-30'],
      input: withCrls([await p.crl({ crlNumber: 8, deltaOf: 7 })]),
      result: 'invalid',
      error: 'ERR_REVOCATION_UNKNOWN',
    });
    b.add({
      comment: 'applicable delta CRL that has expired: the complete CRL is not used',
      flags: ['Delta', 'Stale'],
      requirements: ['REV-13'],
      input: withCrls([
        goodCrl,
        await p.crl({ crlNumber: 8, deltaOf: 7, thisUpdate: T - 3 * DAY, nextUpdate: T - DAY }),
      ]),
      result: 'invalid',
      error: 'ERR_CRL_INVALID',
    });
    const forgedDelta = await p.crl({
      crlNumber: 8,
      deltaOf: 7,
      thisUpdate: T - 3600,
      nextUpdate: T + DAY,
      signer: p.keys.rogue.signer,
    });
    const listedBase = await p.crl({ entries: revokedEntry('keyCompromise') });
    b.add({
      comment:
        'complete CRL lists the leaf; an applicable delta CRL with a bad signature cannot hide it',
      flags: ['Delta', 'Revoked'],
      requirements: ['REV-13', 'REV-10'],
      input: withCrls([listedBase, forgedDelta]),
      result: 'invalid',
      error: 'ERR_REVOKED',
    });
    b.add({
      comment:
        'mode prefer: complete CRL lists the leaf; a forged applicable delta CRL does not make it not-checked',
      flags: ['Delta', 'Revoked', 'OptOut'],
      requirements: ['REV-13', 'REV-32'],
      input: { ...withCrls([listedBase, forgedDelta]), mode: 'prefer' },
      result: 'invalid',
      error: 'ERR_REVOKED',
    });
    // Several deltas of one base ([REV-13]): every acceptable delta's revocations count, and an unacceptable delta at or above the newest acceptable one blocks "good".
    const base10 = await p.crl({ crlNumber: 10, thisUpdate: T - 2 * DAY });
    const delta = (n: number, over: Parameters<typeof p.crl>[0] = {}) =>
      p.crl({ crlNumber: n, deltaOf: 10, thisUpdate: T - 3600, nextUpdate: T + DAY, ...over });
    const revoking11 = await delta(11, { entries: revokedEntry('keyCompromise') });
    const forged12 = await delta(12, { signer: p.keys.rogue.signer });
    const older8 = await p.crl({ crlNumber: 8, thisUpdate: T - 3 * DAY });
    b.add({
      comment:
        'delta #11 revokes the leaf; a forged delta #12 cannot hide it, even with an older clean complete CRL #8 beside',
      flags: ['Delta', 'Revoked'],
      requirements: ['REV-13', 'REV-34'],
      input: withCrls([older8, base10, revoking11, forged12]),
      result: 'invalid',
      error: 'ERR_REVOKED',
    });
    b.add({
      comment:
        'delta #11 revokes the leaf; a forged delta #12 cannot hide it behind an OCSP good made earlier',
      flags: ['Delta', 'Revoked'],
      requirements: ['REV-13', 'REV-34'],
      input: withCrls([base10, revoking11, forged12], { ocspResponses: [b64(await p.ocsp())] }),
      result: 'invalid',
      error: 'ERR_REVOKED',
    });
    b.add({
      comment:
        'mode prefer: delta #11 revokes the leaf; a forged delta #12 does not make it not-checked',
      flags: ['Delta', 'Revoked', 'OptOut'],
      requirements: ['REV-13', 'REV-32'],
      input: { ...withCrls([base10, revoking11, forged12]), mode: 'prefer' },
      result: 'invalid',
      error: 'ERR_REVOKED',
    });
    b.add({
      comment:
        'delta #11 revokes the leaf; a genuine delta #12 not yet valid at the time cannot hide it',
      flags: ['Delta', 'Revoked', 'NotYetValid'],
      requirements: ['REV-13'],
      input: withCrls([base10, revoking11, await delta(12, { thisUpdate: T + 60 })]),
      result: 'invalid',
      error: 'ERR_REVOKED',
    });
    b.add({
      comment:
        'a forged delta #11 listed before the genuine delta #11 that revokes the leaf: still revoked',
      flags: ['Delta', 'Revoked'],
      requirements: ['REV-13'],
      input: withCrls([base10, await delta(11, { signer: p.keys.rogue.signer }), revoking11]),
      result: 'invalid',
      error: 'ERR_REVOKED',
    });
    b.add({
      comment:
        'a forged delta with the same number as the genuine clean delta #11: good cannot be established',
      flags: ['Delta', 'FailClosed'],
      requirements: ['REV-13'],
      input: withCrls([base10, await delta(11), await delta(11, { signer: p.keys.rogue.signer })]),
      result: 'invalid',
      error: 'ERR_CRL_INVALID',
    });
    b.add({
      comment:
        'a stale delta #11 superseded by the acceptable delta #12: the base and #12 establish good',
      flags: ['Delta'],
      requirements: ['REV-13', 'REV-12'],
      input: withCrls([
        base10,
        await delta(11, { thisUpdate: T - 3 * DAY, nextUpdate: T - DAY }),
        await delta(12),
      ]),
      result: 'valid',
      output: { status: 'good', source: 'crl', nextUpdate: T + DAY, validUntil: T + DAY },
    });
    b.add({
      comment: 'certificateHold in delta #11 released by removeFromCRL in delta #12',
      flags: ['Delta'],
      requirements: ['REV-13', 'REV-11'],
      input: withCrls([
        base10,
        await delta(11, { entries: revokedEntry('certificateHold') }),
        await delta(12, { entries: revokedEntry('removeFromCRL') }),
      ]),
      result: 'valid',
      output: { status: 'good', source: 'crl', nextUpdate: T + DAY, validUntil: T + DAY },
    });
    b.add({
      comment:
        'keyCompromise in delta #11 is permanent: removeFromCRL in delta #12 does not undo it',
      flags: ['Delta', 'Revoked'],
      requirements: ['REV-13', 'REV-10'],
      input: withCrls([
        base10,
        revoking11,
        await delta(12, { entries: revokedEntry('removeFromCRL') }),
      ]),
      result: 'invalid',
      error: 'ERR_REVOKED',
    });
    b.add({
      comment: 'no revocation information at all, mode require (the default)',
      flags: ['FailClosed'],
      requirements: ['REV-30'],
      input: { ...chain },
      result: 'invalid',
      error: 'ERR_REVOCATION_UNKNOWN',
    });
    b.add({
      comment: 'no revocation information, mode prefer: not-checked',
      flags: ['OptOut'],
      requirements: ['REV-32'],
      input: { ...chain, mode: 'prefer' },
      result: 'valid',
      output: { status: 'not-checked', source: 'none' },
    });
    b.add({
      comment: 'mode prefer with a badly signed CRL only: not-checked',
      flags: ['OptOut'],
      requirements: ['REV-32'],
      input: { ...withCrls([flipLastByte(goodCrl)]), mode: 'prefer' },
      result: 'valid',
      output: { status: 'not-checked', source: 'none', validUntil: T + 6 * DAY },
    });
    b.add({
      comment: 'mode prefer with a CRL listing the leaf: still revoked',
      flags: ['OptOut', 'Revoked'],
      requirements: ['REV-32', 'REV-10'],
      input: {
        ...withCrls([await p.crl({ entries: revokedEntry('keyCompromise') })]),
        mode: 'prefer',
      },
      result: 'invalid',
      error: 'ERR_REVOKED',
    });
    b.add({
      comment: 'mode off with a CRL listing the leaf: nothing is checked',
      flags: ['OptOut'],
      requirements: ['REV-33'],
      input: {
        ...withCrls([await p.crl({ entries: revokedEntry('keyCompromise') })]),
        mode: 'off',
      },
      result: 'valid',
      output: { status: 'not-checked', source: 'none' },
    });
    b.add({
      comment: 'mode with an unknown value',
      flags: ['Malformed'],
      requirements: ['REV-31'],
      input: { ...withCrls([goodCrl]), mode: 'lenient' },
      result: 'invalid',
      error: 'ERR_INVALID_ARGUMENT',
    });
  });

  const ocspGroup = await group('revocation-check', { time: T, mode: 'require' }, async (b) => {
    const revoked = {
      status: { revoked: { time: T - 2 * DAY, reason: 'keyCompromise' as const } },
    };
    b.add({
      comment: 'OCSP good, signed by the CA, responderID byKey, SHA-256 certID, no nonce',
      flags: ['Valid'],
      requirements: ['REV-21', 'REV-22', 'REV-23', 'REV-28'],
      input: withOcsp([await p.ocsp()]),
      result: 'valid',
      output: ocspOut,
    });
    b.add({
      comment: 'OCSP good, responderID byName',
      flags: ['Valid'],
      requirements: ['REV-22'],
      input: withOcsp([await p.ocsp({}, { responderIdType: 'byName' })]),
      result: 'valid',
      output: ocspOut,
    });
    b.add({
      comment: 'OCSP good with a SHA-1 certID',
      flags: ['Sha1CertId'],
      requirements: ['REV-23'],
      input: withOcsp([
        await p.ocsp({
          certId: {
            issuerName: p.names.ca,
            issuerPublicKey: p.keys.ca.spki,
            serial,
            hash: 'SHA-1',
          },
        }),
      ]),
      result: 'valid',
      output: ocspOut,
    });
    const delegated = {
      responder: { name: p.parsed.ca.subject.der, publicKey: p.keys.responder.spki },
      signer: p.keys.responder.signer,
    };
    b.add({
      comment:
        'OCSP good from a delegated responder (issued by the CA, id-kp-OCSPSigning, included)',
      flags: ['Valid'],
      requirements: ['REV-22'],
      input: withOcsp([await p.ocsp({}, { ...delegated, certificates: [p.responder] })]),
      result: 'valid',
      output: ocspOut,
    });
    b.add({
      comment: 'OCSP revoked (keyCompromise)',
      flags: ['Revoked'],
      requirements: ['REV-10'],
      input: withOcsp([await p.ocsp(revoked)]),
      result: 'invalid',
      error: 'ERR_REVOKED',
    });
    b.add({
      comment: 'OCSP revoked without a reason',
      flags: ['Revoked'],
      requirements: ['REV-10'],
      input: withOcsp([await p.ocsp({ status: { revoked: { time: T - 2 * DAY } } })]),
      result: 'invalid',
      error: 'ERR_REVOKED',
    });
    b.add({
      comment: 'OCSP unknown',
      flags: ['FailClosed'],
      requirements: ['REV-26'],
      input: withOcsp([await p.ocsp({ status: 'unknown' })]),
      result: 'invalid',
      error: 'ERR_REVOCATION_UNKNOWN',
    });
    b.add({
      comment: 'OCSP stale: nextUpdate is before the time (a replayed old response)',
      flags: ['Stale'],
      requirements: ['REV-25'],
      input: withOcsp([await p.ocsp({ thisUpdate: T - 3 * DAY, nextUpdate: T - DAY })]),
      result: 'invalid',
      error: 'ERR_OCSP_INVALID',
    });
    b.add({
      comment:
        'OCSP without nextUpdate, thisUpdate 8 days old: older than the default ocspMaxAge (7 days)',
      flags: ['Stale'],
      requirements: ['REV-25'],
      input: withOcsp([await p.ocsp({ thisUpdate: T - 8 * DAY, noNextUpdate: true })]),
      result: 'invalid',
      error: 'ERR_OCSP_INVALID',
    });
    b.add({
      comment: 'OCSP good, thisUpdate 2 hours old, ocspMaxAge 1 hour',
      flags: ['Stale'],
      requirements: ['REV-25'],
      input: withOcsp([await p.ocsp({ thisUpdate: T - 7200 })], { ocspMaxAge: 3600 }),
      result: 'invalid',
      error: 'ERR_OCSP_INVALID',
    });
    b.add({
      comment: 'OCSP not yet valid: thisUpdate after the time',
      flags: ['NotYetValid'],
      requirements: ['REV-24'],
      input: withOcsp([await p.ocsp({ thisUpdate: T + 60 })]),
      result: 'invalid',
      error: 'ERR_OCSP_INVALID',
    });
    b.add({
      comment: 'OCSP signed by a responder certificate without id-kp-OCSPSigning',
      flags: ['Unauthorised'],
      requirements: ['REV-22'],
      input: withOcsp([await p.ocsp({}, { ...delegated, certificates: [p.responderNoEku] })]),
      result: 'invalid',
      error: 'ERR_OCSP_INVALID',
    });
    b.add({
      comment: 'OCSP signed by a responder with id-kp-OCSPSigning issued by another CA (the root)',
      flags: ['Unauthorised'],
      requirements: ['REV-22'],
      input: withOcsp([await p.ocsp({}, { ...delegated, certificates: [p.responderWrongCa] })]),
      result: 'invalid',
      error: 'ERR_OCSP_INVALID',
    });
    const ocspGood = await p.ocsp();
    b.add({
      comment:
        'OCSP good from a delegated responder whose certificate expires in an hour: the answer holds until then, not until its nextUpdate',
      flags: ['Valid'],
      requirements: ['REV-22', 'REV-38'],
      input: withOcsp([await p.ocsp({}, { ...delegated, certificates: [p.responderShort] })]),
      result: 'valid',
      output: { ...ocspOut, validUntil: T + 3601 },
    });
    b.add({
      comment:
        'OCSP good beside a CRL that is not yet valid (thisUpdate in a minute): the answer holds until that CRL may be used',
      flags: ['Valid', 'NotYetValid'],
      requirements: ['REV-24', 'REV-04', 'REV-38'],
      input: withOcsp([await p.ocsp()], {
        crls: [
          b64(
            await p.crl({
              crlNumber: 8,
              thisUpdate: T + 60,
              entries: revokedEntry('keyCompromise'),
            }),
          ),
        ],
      }),
      result: 'valid',
      output: { ...ocspOut, validUntil: T + 60 },
    });
    b.add({
      comment: 'nine OCSP responses in one call: more than the bound of eight',
      flags: ['TooLarge'],
      requirements: ['REV-39'],
      input: withOcsp(Array.from({ length: 9 }, () => ocspGood)),
      result: 'invalid',
      error: 'ERR_INPUT_TOO_LARGE',
    });
    b.add({
      comment:
        'OCSP response offering five certificates that match its ResponderID: more than the bound of four',
      flags: ['TooLarge', 'Unauthorised'],
      requirements: ['REV-39'],
      input: withOcsp([
        await p.ocsp(
          {},
          {
            ...delegated,
            certificates: [
              p.responderNoEku,
              p.responderWrongCa,
              p.responderExpired,
              p.responderShort,
              p.responder,
            ],
          },
        ),
      ]),
      result: 'invalid',
      error: 'ERR_OCSP_INVALID',
    });
    b.add({
      comment: 'OCSP signed by a delegated responder whose certificate has expired',
      flags: ['Unauthorised'],
      requirements: ['REV-22'],
      input: withOcsp([await p.ocsp({}, { ...delegated, certificates: [p.responderExpired] })]),
      result: 'invalid',
      error: 'ERR_OCSP_INVALID',
    });
    b.add({
      comment: 'OCSP certID for another serial: irrelevant, so no status',
      flags: ['WrongIssuer', 'FailClosed'],
      requirements: ['REV-23', 'REV-30'],
      input: withOcsp([
        await p.ocsp({
          certId: { issuerName: p.names.ca, issuerPublicKey: p.keys.ca.spki, serial: '1003' },
        }),
      ]),
      result: 'invalid',
      error: 'ERR_REVOCATION_UNKNOWN',
    });
    b.add({
      comment: 'OCSP certID with another issuer key hash',
      flags: ['WrongIssuer'],
      requirements: ['REV-23'],
      input: withOcsp([
        await p.ocsp({
          certId: { issuerName: p.names.ca, issuerPublicKey: p.keys.rogue.spki, serial },
        }),
      ]),
      result: 'invalid',
      error: 'ERR_REVOCATION_UNKNOWN',
    });
    b.add({
      comment: 'OCSP certID with another issuer name hash',
      flags: ['WrongIssuer'],
      requirements: ['REV-23'],
      input: withOcsp([
        await p.ocsp({
          certId: { issuerName: p.names.other, issuerPublicKey: p.keys.ca.spki, serial },
        }),
      ]),
      result: 'invalid',
      error: 'ERR_REVOCATION_UNKNOWN',
    });
    b.add({
      comment: 'OCSP signature altered',
      flags: ['BadSignature'],
      requirements: ['REV-21'],
      input: withOcsp([flipLastByte(await p.ocsp())]),
      result: 'invalid',
      error: 'ERR_OCSP_INVALID',
    });
    b.add({
      comment: 'OCSP naming the CA as responder but signed by another key',
      flags: ['BadSignature'],
      requirements: ['REV-21'],
      input: withOcsp([
        await p.ocsp({}, { responderIdType: 'byName', signer: p.keys.rogue.signer }),
      ]),
      result: 'invalid',
      error: 'ERR_OCSP_INVALID',
    });
    b.add({
      comment: 'OCSP responseStatus tryLater (unsigned, no status)',
      flags: ['FailClosed'],
      requirements: ['REV-20'],
      input: withOcsp([await buildOcspResponse({ responseStatus: 'tryLater' })]),
      result: 'invalid',
      error: 'ERR_OCSP_INVALID',
    });
    b.add({
      comment: 'OCSP with an unknown critical response extension',
      flags: ['CriticalExtension'],
      requirements: ['REV-27'],
      input: withOcsp([
        await p.ocsp(
          {},
          { extensions: [{ oid: UNKNOWN_OID, critical: true, value: Uint8Array.of(5, 0) }] },
        ),
      ]),
      result: 'invalid',
      error: 'ERR_OCSP_INVALID',
    });
    b.add({
      comment: 'OCSP with a trailing byte after the DER',
      flags: ['Malformed'],
      requirements: ['REV-20'],
      input: withOcsp([concatBytes(await p.ocsp(), Uint8Array.of(0))]),
      result: 'invalid',
      error: 'ERR_OCSP_INVALID',
    });
    b.add({
      comment:
        'OCSP with non-critical response and single extensions whose OID has a 128-bit arc (2.25 UUID arc): valid DER, ignored, good (a parser that re-encodes OIDs through doubles would corrupt the arc and reject it)',
      flags: ['Valid'],
      requirements: ['REV-20', 'REV-27'],
      input: withOcsp([
        await p.ocsp(
          {
            extensions: [
              { oid: `${JITSUIN_ARC}.9.9`, critical: false, value: Uint8Array.of(5, 0) },
            ],
          },
          {
            extensions: [
              { oid: `${JITSUIN_ARC}.9.8`, critical: false, value: Uint8Array.of(5, 0) },
            ],
          },
        ),
      ]),
      result: 'valid',
      output: ocspOut,
    });
    b.add({
      comment: 'OCSP good but a current CRL lists the leaf: revoked wins',
      flags: ['Revoked'],
      requirements: ['REV-34'],
      input: {
        ...withOcsp([await p.ocsp()]),
        crls: [b64(await p.crl({ entries: revokedEntry('superseded') }))],
      },
      result: 'invalid',
      error: 'ERR_REVOKED',
    });
    b.add({
      comment: 'OCSP good and a current CRL not listing the leaf: source ocsp',
      flags: ['Valid'],
      requirements: ['REV-34'],
      input: { ...withOcsp([await p.ocsp()]), crls: [b64(goodCrl)] },
      result: 'valid',
      output: ocspOut,
    });
    b.add({
      comment: 'stale OCSP but a current CRL: the CRL establishes good',
      flags: ['Valid'],
      requirements: ['REV-25', 'REV-34'],
      input: {
        ...withOcsp([await p.ocsp({ thisUpdate: T - 3 * DAY, nextUpdate: T - DAY })]),
        crls: [b64(goodCrl)],
      },
      result: 'valid',
      output: crlOut,
    });
  });

  const groups = [crlGroup, ocspGroup];
  return {
    schema: 'jitsuin-vectors-v1',
    suite: 'revocation',
    specVersion: SPEC_VERSION,
    numberOfTests: groups.reduce((n, g) => n + g.tests.length, 0),
    notes: NOTES,
    testGroups: numberTests(groups),
  };
}

/** The generator of `vectors/revocation.json`. */
export const revocationGenerator: VectorGenerator = { name: 'revocation', generate };
