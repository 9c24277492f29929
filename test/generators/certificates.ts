/**
 * The `certificates` vector suite (spec/certificates.md): the jitsuin certificate profiles and
 * RFC 5280 path validation. A deterministic PKI (P-256 keys from HKDF over fixed labels via
 * `derivePrivateKey`, RFC 6979 signatures, fixed times) is built once; every negative case
 * changes exactly one thing from a valid case and names the rule it breaks.
 * The judge of its cases is `src/conformance/suites/certificates.ts`.
 * @module
 */
import { type ErrorCode } from '../../src/errors.js';
import { base64urlEncode } from '../../src/encoding/base64url.js';
import { concatBytes } from '../../src/encoding/bytes.js';
import { hexDecode, hexEncode } from '../../src/encoding/hex.js';
import { utf8Encode } from '../../src/encoding/utf8.js';
import { derivePrivateKey, getEcPublicKey, signEcdsa } from '../../src/crypto/ecdsa.js';
import { exportSpki } from '../../src/crypto/keys.js';
import type { CurveName } from '../../src/crypto/internal/curves.js';
import {
  buildCertificate,
  buildTbsCertificate,
  keyIdentifier,
  signForX509,
  signatureAlgorithmIdentifier,
  type BuildCertificateOptions,
  type CertificateSigner,
} from '../../src/x509/builder.js';
import { formatCommonCode } from '../../src/x509/common-code.js';
import { encodeTlv, readChildren, readTlv } from '../../src/x509/der.js';
import { name } from '../../src/x509/name.js';
import { JITSUIN_OID, PKIX_OID } from '../../src/x509/oids.js';
import type { CertificateProfile } from '../../src/x509/profiles.js';
import { buildCrl } from '../../src/x509/revocation/build-crl.js';
import { SPEC_VERSION } from '../../src/conformance/version.js';
import type {
  VectorFile,
  VectorGroup,
  VectorNote,
  VectorTest,
} from '../../src/conformance/types.js';
import { runValidatePath } from '../../src/conformance/suites/certificates.js';
import type { VectorGenerator } from './types.js';

const SEED = utf8Encode('jitsuin/vectors/certificates');
const b64 = base64urlEncode;
const DAY = 86_400;
const YEAR = 365 * DAY;
/** Validation time of every case: 2026-01-01T00:00:00Z. */
export const T = 1_767_225_600;

type Flag =
  | 'Valid'
  | 'Profile'
  | 'Malformed'
  | 'Validity'
  | 'Signature'
  | 'BasicConstraints'
  | 'KeyUsage'
  | 'Eku'
  | 'NameConstraints'
  | 'Policy'
  | 'CriticalExtension'
  | 'ChainBuilding'
  | 'Revocation'
  | 'CommonCodeText';

const NOTES: Record<Flag, VectorNote> = {
  Valid: {
    bugType: 'BASIC',
    description:
      'A certificate or path that a conforming implementation accepts, with the profile fields it returns.',
  },
  Profile: {
    bugType: 'MODIFIED_PARAMETER',
    description:
      'A path that satisfies RFC 5280 but breaks one rule of a jitsuin certificate profile (CERT-xx).',
  },
  Malformed: {
    bugType: 'MODIFIED_PARAMETER',
    description:
      'A certificate that is not strict DER X.509 v3 or whose extension value is malformed (CERT-01, CERT-02).',
  },
  Validity: {
    bugType: 'EDGE_CASE',
    description: 'A certificate outside its validity period at the validation time (PATH-03).',
  },
  Signature: {
    bugType: 'AUTH_BYPASS',
    description:
      'A certificate whose signature does not verify under the key of the CA named as its issuer (PATH-02).',
  },
  BasicConstraints: {
    bugType: 'AUTH_BYPASS',
    description:
      'An end entity or non-CA used as an issuer, or a path longer than a pathLenConstraint allows (PATH-04, PATH-05).',
  },
  KeyUsage: {
    bugType: 'AUTH_BYPASS',
    description:
      'A key used for a purpose its keyUsage does not allow (PATH-06, CERT-11, CERT-21, CERT-30).',
  },
  Eku: {
    bugType: 'AUTH_BYPASS',
    description:
      'An end entity (or a CA above it) whose extKeyUsage does not allow the purpose (PATH-07, CERT-22, CERT-35, CERT-38).',
  },
  NameConstraints: {
    bugType: 'AUTH_BYPASS',
    description:
      "A name outside a CA's permitted subtrees or inside its excluded subtrees (PATH-08).",
  },
  Policy: {
    bugType: 'FUNCTIONALITY',
    description: 'RFC 5280 §6.1 certificate policy processing (PATH-09).',
  },
  CriticalExtension: {
    bugType: 'MODIFIED_PARAMETER',
    description: 'A critical extension the validator does not understand (PATH-10).',
  },
  ChainBuilding: {
    bugType: 'FUNCTIONALITY',
    description:
      'Chain building: several issuers with one name, missing issuers, loops, wrong anchors (PATH-01).',
  },
  Revocation: {
    bugType: 'AUTH_BYPASS',
    description: 'Revocation is part of path validation and fails closed by default (PATH-11).',
  },
  CommonCodeText: {
    bugType: 'BASIC',
    description: 'The text form of the common code and its check symbol (CERT-40, CERT-41).',
  },
};

interface Key {
  readonly priv: Uint8Array;
  readonly spki: Uint8Array;
  readonly signer: CertificateSigner;
}

function key(label: string, curve: CurveName = 'P-256'): Key {
  const priv = derivePrivateKey(SEED, `jitsuin/vectors/certificates/${label}`, curve);
  const spki = exportSpki(getEcPublicKey(priv, curve));
  const algorithm = curve === 'P-256' ? 'ES256' : 'ES384';
  return {
    priv,
    spki,
    signer: {
      algorithm,
      signatureFormat: 'der',
      sign: async (m) => signEcdsa(priv, m, { format: 'der', curve }),
    },
  };
}

/** A P-521 SubjectPublicKeyInfo (the generator point): a well-formed key of a curve jitsuin does not admit. */
const P521_SPKI = hexDecode(
  '30819b301006072a8648ce3d020106052b8104002303818600' +
    '0400c6858e06b70404e9cd9e3ecb662395b4429c648139053fb521f828af606b4d3dbaa14b5e77efe75928fe1dc127a2ffa8de3348b3c1856a429bf97e7e31c2e5bd66' +
    '011839296a789a3bc0045c8a5fb42c7d1bd998f54449579b446817afbd17273e662c97ee72995ef42640c550b9013fad0761353c7086a272c24088be94769fd16650',
);

/** The names of the fixture PKI. @internal */
export const NAMES = {
  root: name([
    ['C', 'JP'],
    ['O', 'Jitsuin Test CA'],
    ['CN', 'Jitsuin Test Root CA'],
  ]),
  ca: name([
    ['C', 'JP'],
    ['O', 'Jitsuin Test CA'],
    ['CN', 'Jitsuin Test Issuing CA'],
  ]),
  subCa: name([
    ['C', 'JP'],
    ['O', 'Jitsuin Test CA'],
    ['CN', 'Jitsuin Test Sub CA'],
  ]),
  app: name([
    ['C', 'JP'],
    ['O', 'Jitsuin Test CA'],
    ['CN', 'app key 0001'],
  ]),
  person: name([
    ['C', 'JP'],
    ['CN', '山田 太郎'],
  ]),
  org: name([
    ['C', 'JP'],
    ['O', 'テスト株式会社'],
    ['CN', 'rp.example.jp'],
  ]),
  responder: name([
    ['C', 'JP'],
    ['O', 'Jitsuin Test CA'],
    ['CN', 'Jitsuin Test OCSP Responder'],
  ]),
  other: name([
    ['C', 'JP'],
    ['O', 'Other Org'],
    ['CN', 'outsider'],
  ]),
} as const;

/** The common code of the fixture person (16 bytes). @internal */
export const COMMON_CODE = hexDecode('5a1c0e7f3b2d4e6f8091a2b3c4d5e6f7');
const APP_BINDING = { rpId: 'login.example.jp', appId: 'ABCDE12345.jp.example.app' } as const;

/** Keys of the fixture PKI. @internal */
export const KEYS = {
  root: key('root'),
  root2: key('root-gen2'),
  root3: key('root-gen3'),
  ca: key('issuing-ca'),
  ca2: key('issuing-ca-2'),
  subCa: key('sub-ca'),
  app: key('app'),
  person: key('person'),
  org: key('org'),
  responder: key('responder'),
  rogue: key('rogue'),
  p384: key('p384-leaf', 'P-384'),
  loopA: key('loop-a'),
  loopB: key('loop-b'),
} as const;

/** Overrides of builder options; an explicit `undefined` removes the member (e.g. an extension). */
type Over = {
  readonly [K in keyof BuildCertificateOptions]?: BuildCertificateOptions[K] | undefined;
};

function merge(base: BuildCertificateOptions, over: Over): BuildCertificateOptions {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    if (v === undefined) delete out[k];
    else out[k] = v;
  }
  return out as unknown as BuildCertificateOptions;
}

/** Root CA certificate options. */
function rootOptions(k: Key, over: Over = {}): BuildCertificateOptions {
  return merge(
    {
      serialNumber: '01',
      issuer: NAMES.root,
      subject: NAMES.root,
      notBefore: T - YEAR,
      notAfter: T + 20 * YEAR,
      publicKey: k.spki,
      signer: k.signer,
      basicConstraints: { ca: true, pathLenConstraint: 2 },
      keyUsage: ['keyCertSign', 'cRLSign'],
      subjectKeyId: 'auto',
    },
    over,
  );
}

/** Issuing CA certificate options (spec/certificates.md §3.2). @internal */
export function caOptions(
  over: Over = {},
  issuerKey: Key = KEYS.root,
  subjectKey: Key = KEYS.ca,
): BuildCertificateOptions {
  return merge(
    {
      serialNumber: '1001',
      issuer: NAMES.root,
      subject: NAMES.ca,
      notBefore: T - 180 * DAY,
      notAfter: T + 10 * YEAR,
      publicKey: subjectKey.spki,
      signer: issuerKey.signer,
      basicConstraints: { ca: true, pathLenConstraint: 0 },
      keyUsage: ['keyCertSign', 'cRLSign'],
      subjectKeyId: 'auto',
      authorityKeyId: keyIdOf(issuerKey),
      certificatePolicies: [PKIX_OID.anyPolicy],
    },
    over,
  );
}

/** RFC 7093 method 1 key identifier, as the builder's `subjectKeyId: 'auto'` computes it. */
function keyIdOf(k: Key): Uint8Array {
  return keyIdentifier(k.spki);
}

const leafBase = (subjectKey: Key, subject: Uint8Array, over: Over): BuildCertificateOptions =>
  merge(
    {
      serialNumber: '2001',
      issuer: NAMES.ca,
      subject,
      notBefore: T - 30 * DAY,
      notAfter: T + 335 * DAY,
      publicKey: subjectKey.spki,
      signer: KEYS.ca.signer,
      authorityKeyId: keyIdOf(KEYS.ca),
    },
    over,
  );

/** App authentication certificate options (spec/certificates.md §3.3). @internal */
export function appOptions(over: Over = {}): BuildCertificateOptions {
  return leafBase(KEYS.app, NAMES.app, {
    keyUsage: ['digitalSignature'],
    extKeyUsage: [JITSUIN_OID.ekuLogin, JITSUIN_OID.ekuConsent],
    certificatePolicies: [JITSUIN_OID.policyAppAuthentication],
    commonCode: COMMON_CODE,
    appBinding: APP_BINDING,
    keyProtection: 'secure-enclave',
    ...over,
  } as Over);
}

function signingOptions(over: Over = {}): BuildCertificateOptions {
  return leafBase(KEYS.person, NAMES.person, {
    serialNumber: '2002',
    keyUsage: ['nonRepudiation'],
    certificatePolicies: [JITSUIN_OID.policyAccreditedSigning],
    commonCode: COMMON_CODE,
    ...over,
  } as Over);
}

function orgOptions(over: Over = {}): BuildCertificateOptions {
  return leafBase(KEYS.org, NAMES.org, {
    serialNumber: '2003',
    keyUsage: ['digitalSignature'],
    extKeyUsage: [JITSUIN_OID.ekuOrganisation],
    certificatePolicies: [JITSUIN_OID.policyOrganisation],
    subjectAltName: [{ type: 'dNSName', value: 'rp.example.jp' }],
    ...over,
  } as Over);
}

function responderOptions(over: Over = {}): BuildCertificateOptions {
  return leafBase(KEYS.responder, NAMES.responder, {
    serialNumber: '2004',
    keyUsage: ['digitalSignature'],
    extKeyUsage: [PKIX_OID.kpOcspSigning],
    ocspNoCheck: true,
    ...over,
  } as Over);
}

/** Rebuilds a DER tree, replacing the first node whose bytes equal `find` (lengths recomputed). @internal */
export function replaceNode(
  der: Uint8Array,
  find: Uint8Array,
  replacement: Uint8Array,
): Uint8Array {
  let done = false;
  const walk = (bytes: Uint8Array): Uint8Array => {
    if (!done && bytes.length === find.length && bytes.every((b, i) => b === find[i])) {
      done = true;
      return replacement;
    }
    const t = readTlv(bytes, 0);
    if ((t.tag & 0x20) === 0) return bytes;
    return encodeTlv(
      t.tag,
      concatBytes(...readChildren(bytes, t).map((c) => walk(bytes.subarray(c.start, c.end)))),
    );
  };
  const out = walk(der);
  if (!done) throw new Error('replaceNode: pattern not found');
  return out;
}

/** Builds a certificate whose tbsCertificate is changed by `patch` after building, then signs it. @internal */
export async function buildPatched(
  options: BuildCertificateOptions,
  patch: (tbs: Uint8Array) => Uint8Array,
): Promise<Uint8Array> {
  const tbs = patch(buildTbsCertificate(options));
  const sig = await signForX509(options.signer, tbs);
  return encodeTlv(
    0x30,
    concatBytes(
      tbs,
      signatureAlgorithmIdentifier(options.signer.algorithm),
      encodeTlv(0x03, concatBytes(Uint8Array.of(0), sig)),
    ),
  );
}

/** The fixture PKI: DER certificates. @internal */
export interface CertificatesPki {
  readonly root: Uint8Array;
  readonly ca: Uint8Array;
  readonly app: Uint8Array;
  readonly signing: Uint8Array;
  readonly org: Uint8Array;
  readonly responder: Uint8Array;
}

let pkiPromise: Promise<CertificatesPki> | undefined;

/** Builds (once) the fixture PKI shared by the vectors and the unit tests. @internal */
export function certificatesPki(): Promise<CertificatesPki> {
  pkiPromise ??= (async () => ({
    root: await buildCertificate(rootOptions(KEYS.root)),
    ca: await buildCertificate(caOptions()),
    app: await buildCertificate(appOptions()),
    signing: await buildCertificate(signingOptions()),
    org: await buildCertificate(orgOptions()),
    responder: await buildCertificate(responderOptions()),
  }))();
  return pkiPromise;
}

/** A case before its tcId is assigned. */
interface Draft {
  readonly comment: string;
  readonly flags: readonly Flag[];
  readonly requirements: readonly string[];
  readonly input: Record<string, unknown>;
  readonly result: 'valid' | 'invalid';
  readonly error?: ErrorCode;
  readonly output?: unknown;
}

interface PathInput {
  readonly leaf: Uint8Array;
  readonly intermediates?: readonly Uint8Array[];
  readonly trustAnchors?: readonly Uint8Array[];
  readonly profile?: CertificateProfile;
  readonly requiredEku?: string;
  readonly time?: number;
  readonly revocation?: {
    readonly mode?: 'require' | 'prefer' | 'off';
    readonly crls?: readonly Uint8Array[];
  } | null;
  readonly policy?: {
    readonly initialPolicySet?: readonly string[];
    readonly explicitPolicy?: boolean;
  };
  readonly issuanceChecks?: boolean;
}

function pathInput(p: PathInput): Record<string, unknown> {
  const out: Record<string, unknown> = { leaf: b64(p.leaf) };
  if (p.intermediates !== undefined) out.intermediates = p.intermediates.map(b64);
  if (p.trustAnchors !== undefined) out.trustAnchors = p.trustAnchors.map(b64);
  if (p.profile !== undefined) out.profile = p.profile;
  if (p.requiredEku !== undefined) out.requiredEku = p.requiredEku;
  if (p.time !== undefined) out.time = p.time;
  if (p.revocation !== undefined) {
    out.revocation =
      p.revocation === null
        ? null
        : {
            ...(p.revocation.mode === undefined ? {} : { mode: p.revocation.mode }),
            ...(p.revocation.crls === undefined ? {} : { crls: p.revocation.crls.map(b64) }),
          };
  }
  if (p.policy !== undefined) out.policy = p.policy;
  if (p.issuanceChecks !== undefined) out.issuanceChecks = p.issuanceChecks;
  return out;
}

async function expectedOutput(input: Record<string, unknown>): Promise<unknown> {
  const r = await runValidatePath(input);
  if (r.result !== 'valid') throw new Error('generator: a valid case did not validate');
  return r.output;
}

function ok(
  comment: string,
  requirements: string[],
  input: Record<string, unknown>,
  flags: Flag[] = ['Valid'],
): Draft {
  return { comment, flags, requirements, input, result: 'valid' };
}

function bad(
  comment: string,
  requirements: string[],
  input: Record<string, unknown>,
  flags: Flag[],
  error: ErrorCode,
): Draft {
  return { comment, flags, requirements, input, result: 'invalid', error };
}

// --- path and profile cases -------------------------------------------------------------------

async function profileCases(pki: CertificatesPki): Promise<Draft[]> {
  const ca = [pki.ca];
  const app = (
    comment: string,
    req: string[],
    over: Over,
    error: ErrorCode,
    flags: Flag[] = ['Profile'],
  ): Promise<Draft> =>
    buildCertificate(appOptions(over)).then((leaf) =>
      bad(
        comment,
        req,
        pathInput({ leaf, intermediates: ca, profile: 'app-authentication' }),
        flags,
        error,
      ),
    );
  const sig = (
    comment: string,
    req: string[],
    over: Over,
    error: ErrorCode,
    flags: Flag[] = ['Profile'],
  ): Promise<Draft> =>
    buildCertificate(signingOptions(over)).then((leaf) =>
      bad(
        comment,
        req,
        pathInput({ leaf, intermediates: ca, profile: 'accredited-signing' }),
        flags,
        error,
      ),
    );
  const org = (
    comment: string,
    req: string[],
    over: Over,
    error: ErrorCode,
    flags: Flag[] = ['Profile'],
  ): Promise<Draft> =>
    buildCertificate(orgOptions(over)).then((leaf) =>
      bad(
        comment,
        req,
        pathInput({ leaf, intermediates: ca, profile: 'organisation' }),
        flags,
        error,
      ),
    );
  const ocsp = (
    comment: string,
    req: string[],
    over: Over,
    error: ErrorCode,
    flags: Flag[] = ['Profile'],
  ): Promise<Draft> =>
    buildCertificate(responderOptions(over)).then((leaf) =>
      bad(
        comment,
        req,
        pathInput({ leaf, intermediates: ca, profile: 'ocsp-responder' }),
        flags,
        error,
      ),
    );
  const withCa = async (
    comment: string,
    req: string[],
    caOver: Over,
    error: ErrorCode,
    flags: Flag[],
  ): Promise<Draft> =>
    bad(
      comment,
      req,
      pathInput({
        leaf: pki.app,
        intermediates: [await buildCertificate(caOptions(caOver))],
        profile: 'app-authentication',
      }),
      flags,
      error,
    );

  return Promise.all([
    ok(
      'app authentication certificate, root → issuing CA → leaf',
      [
        'CERT-20',
        'CERT-21',
        'CERT-22',
        'CERT-23',
        'CERT-24',
        'CERT-25',
        'CERT-26',
        'CERT-27',
        'CERT-03',
        'CERT-04',
        'CERT-10',
        'CERT-11',
        'PATH-01',
        'PATH-02',
        'PATH-03',
        'PATH-04',
        'PATH-05',
        'PATH-06',
      ],
      pathInput({ leaf: pki.app, intermediates: ca, profile: 'app-authentication' }),
    ),
    ok(
      'app authentication certificate with only the login EKU',
      ['CERT-22'],
      pathInput({
        leaf: await buildCertificate(appOptions({ extKeyUsage: [JITSUIN_OID.ekuLogin] })),
        intermediates: ca,
        profile: 'app-authentication',
        requiredEku: JITSUIN_OID.ekuLogin,
      }),
    ),
    ok(
      'accredited signing certificate',
      ['CERT-30', 'CERT-31', 'CERT-32', 'CERT-23'],
      pathInput({ leaf: pki.signing, intermediates: ca, profile: 'accredited-signing' }),
    ),
    ok(
      'organisation certificate',
      ['CERT-35', 'CERT-36', 'CERT-37'],
      pathInput({ leaf: pki.org, intermediates: ca, profile: 'organisation' }),
    ),
    ok(
      'OCSP responder certificate',
      ['CERT-38', 'CERT-39'],
      pathInput({ leaf: pki.responder, intermediates: ca, profile: 'ocsp-responder' }),
    ),
    ok(
      'app certificate under profile none (RFC 5280 only)',
      ['PATH-01'],
      pathInput({ leaf: pki.app, intermediates: ca }),
    ),
    app(
      'app certificate with a P-384 key',
      ['CERT-20'],
      { publicKey: KEYS.p384.spki },
      'ERR_CERT_PROFILE',
    ),
    app(
      'app certificate keyUsage adds keyEncipherment',
      ['CERT-21'],
      { keyUsage: ['digitalSignature', 'keyEncipherment'] },
      'ERR_PATH_KEY_USAGE',
      ['Profile', 'KeyUsage'],
    ),
    app(
      'app certificate without keyUsage',
      ['CERT-21'],
      { keyUsage: undefined },
      'ERR_PATH_KEY_USAGE',
      ['Profile', 'KeyUsage'],
    ),
    app(
      'app certificate keyUsage not critical',
      ['CERT-21'],
      { criticality: { [PKIX_OID.keyUsage]: false } },
      'ERR_PATH_KEY_USAGE',
      ['Profile', 'KeyUsage'],
    ),
    app(
      'app certificate keyUsage nonRepudiation instead of digitalSignature',
      ['CERT-21'],
      { keyUsage: ['nonRepudiation'] },
      'ERR_PATH_KEY_USAGE',
      ['Profile', 'KeyUsage'],
    ),
    app(
      'app certificate without extKeyUsage',
      ['CERT-22'],
      { extKeyUsage: undefined },
      'ERR_PATH_EKU',
      ['Profile', 'Eku'],
    ),
    app(
      'app certificate with clientAuth only',
      ['CERT-22'],
      { extKeyUsage: [PKIX_OID.kpClientAuth] },
      'ERR_PATH_EKU',
      ['Profile', 'Eku'],
    ),
    app(
      'app certificate with anyExtendedKeyUsage added',
      ['CERT-22'],
      { extKeyUsage: [JITSUIN_OID.ekuLogin, PKIX_OID.anyExtendedKeyUsage] },
      'ERR_PATH_EKU',
      ['Profile', 'Eku'],
    ),
    app(
      'app certificate without the common code',
      ['CERT-23'],
      { commonCode: undefined },
      'ERR_CERT_PROFILE',
    ),
    app(
      'app certificate with the common code marked critical',
      ['CERT-23'],
      { criticality: { [JITSUIN_OID.commonCode]: true } },
      'ERR_CERT_PROFILE',
    ),
    app(
      'app certificate whose common code has version 2',
      ['CERT-23', 'CERT-01'],
      {
        commonCode: undefined,
        extensions: [
          {
            oid: JITSUIN_OID.commonCode,
            critical: false,
            value: hexDecode(`3015020102041${'0'}${hexEncode(COMMON_CODE)}`),
          },
        ],
      },
      'ERR_CERT_MALFORMED',
      ['Malformed'],
    ),
    app(
      'app certificate whose common code is 15 bytes',
      ['CERT-23', 'CERT-01'],
      {
        commonCode: undefined,
        extensions: [
          {
            oid: JITSUIN_OID.commonCode,
            critical: false,
            value: hexDecode(`301402010104${'0f'}${hexEncode(COMMON_CODE.subarray(0, 15))}`),
          },
        ],
      },
      'ERR_CERT_MALFORMED',
      ['Malformed'],
    ),
    app(
      'app certificate without app binding',
      ['CERT-24'],
      { appBinding: undefined },
      'ERR_CERT_PROFILE',
    ),
    app(
      'app certificate with app binding marked critical',
      ['CERT-24'],
      { criticality: { [JITSUIN_OID.appBinding]: true } },
      'ERR_CERT_PROFILE',
    ),
    app(
      'app certificate without key protection',
      ['CERT-25'],
      { keyProtection: undefined },
      'ERR_CERT_PROFILE',
    ),
    app(
      'app certificate with key protection value 7',
      ['CERT-25', 'CERT-01'],
      {
        keyProtection: undefined,
        extensions: [
          { oid: JITSUIN_OID.keyProtection, critical: false, value: hexDecode('0a0107') },
        ],
      },
      'ERR_CERT_MALFORMED',
      ['Malformed'],
    ),
    app(
      'app certificate without the app-authentication policy',
      ['CERT-26'],
      { certificatePolicies: [JITSUIN_OID.policyOrganisation] },
      'ERR_CERT_PROFILE',
    ),
    app(
      'app certificate marked as a CA',
      ['CERT-27'],
      { basicConstraints: { ca: true } },
      'ERR_CERT_PROFILE',
    ),
    sig(
      'signing certificate without nonRepudiation',
      ['CERT-30'],
      { keyUsage: ['digitalSignature'] },
      'ERR_PATH_KEY_USAGE',
      ['Profile', 'KeyUsage'],
    ),
    sig(
      'signing certificate with keyCertSign added',
      ['CERT-30'],
      { keyUsage: ['nonRepudiation', 'keyCertSign'] },
      'ERR_PATH_KEY_USAGE',
      ['Profile', 'KeyUsage'],
    ),
    sig(
      'signing certificate without the accredited policy',
      ['CERT-31'],
      { certificatePolicies: [JITSUIN_OID.policyAppAuthentication] },
      'ERR_CERT_PROFILE',
    ),
    sig(
      'signing certificate whose subject has no commonName',
      ['CERT-32'],
      {
        subject: name([
          ['C', 'JP'],
          ['O', 'Jitsuin Test CA'],
        ]),
      },
      'ERR_CERT_PROFILE',
    ),
    sig(
      'signing certificate without the common code',
      ['CERT-23'],
      { commonCode: undefined },
      'ERR_CERT_PROFILE',
    ),
    org(
      'organisation certificate with the login EKU instead',
      ['CERT-35'],
      { extKeyUsage: [JITSUIN_OID.ekuLogin] },
      'ERR_PATH_EKU',
      ['Profile', 'Eku'],
    ),
    org(
      'organisation certificate whose subject has no organizationName',
      ['CERT-36'],
      {
        subject: name([
          ['C', 'JP'],
          ['CN', 'rp.example.jp'],
        ]),
      },
      'ERR_CERT_PROFILE',
    ),
    org(
      'organisation certificate without the organisation policy',
      ['CERT-37'],
      { certificatePolicies: [JITSUIN_OID.policyAppAuthentication] },
      'ERR_CERT_PROFILE',
    ),
    ocsp(
      'OCSP responder certificate without id-kp-OCSPSigning',
      ['CERT-38'],
      { extKeyUsage: [PKIX_OID.kpClientAuth] },
      'ERR_PATH_EKU',
      ['Profile', 'Eku'],
    ),
    ocsp(
      'OCSP responder certificate without ocsp-nocheck',
      ['CERT-39'],
      { ocspNoCheck: false },
      'ERR_CERT_PROFILE',
    ),
    withCa(
      'issuing CA with a non-critical basicConstraints',
      ['CERT-10'],
      { criticality: { [PKIX_OID.basicConstraints]: false } },
      'ERR_CERT_PROFILE',
      ['Profile'],
    ),
    withCa(
      'issuing CA without keyUsage (allowed by RFC 5280, not by the profile)',
      ['CERT-11'],
      { keyUsage: undefined },
      'ERR_PATH_KEY_USAGE',
      ['Profile', 'KeyUsage'],
    ),
    withCa(
      'issuing CA without subjectKeyIdentifier',
      ['CERT-04'],
      { subjectKeyId: undefined },
      'ERR_CERT_PROFILE',
      ['Profile'],
    ),
  ]);
}

async function pathCases(pki: CertificatesPki): Promise<Draft[]> {
  const ca = [pki.ca];
  const none = (
    comment: string,
    req: string[],
    leaf: Uint8Array,
    error: ErrorCode,
    flags: Flag[],
    extra: Partial<PathInput> = {},
  ): Draft => bad(comment, req, pathInput({ leaf, intermediates: ca, ...extra }), flags, error);
  const appLeaf = (over: Over): Promise<Uint8Array> => buildCertificate(appOptions(over));

  // Same-name root generations: the issuing CA is certified by generation 2 only.
  const root2 = await buildCertificate(
    rootOptions(KEYS.root2, { serialNumber: '02', notBefore: T - 2 * YEAR }),
  );
  const root3 = await buildCertificate(
    rootOptions(KEYS.root3, { serialNumber: '03', notBefore: T - 3 * YEAR }),
  );
  const caUnderRoot2 = await buildCertificate(caOptions({ serialNumber: '1002' }, KEYS.root2));
  // Two issuing CAs with one name; the leaf is signed by the second key.
  const ca2 = await buildCertificate(caOptions({ serialNumber: '1003' }, KEYS.root, KEYS.ca2));
  const leafUnderCa2 = await buildCertificate(
    appOptions({ signer: KEYS.ca2.signer, authorityKeyId: keyIdOf(KEYS.ca2) }),
  );
  // Sub CA under a CA whose pathLenConstraint is 0.
  const subCaOpts = (issuerKey: Key, over: Over = {}): BuildCertificateOptions =>
    merge(caOptions({}, issuerKey, KEYS.subCa), {
      serialNumber: '1004',
      issuer: NAMES.ca,
      subject: NAMES.subCa,
      basicConstraints: { ca: true },
      authorityKeyId: keyIdOf(issuerKey),
      ...over,
    });
  const subCa = await buildCertificate(subCaOpts(KEYS.ca));
  const leafUnderSub = await buildCertificate(
    appOptions({
      issuer: NAMES.subCa,
      signer: KEYS.subCa.signer,
      authorityKeyId: keyIdOf(KEYS.subCa),
    }),
  );
  const caPathLen1 = await buildCertificate(
    caOptions({ basicConstraints: { ca: true, pathLenConstraint: 1 }, serialNumber: '1005' }),
  );
  // Loop: two CAs certifying each other, neither reaching the anchor.
  const loopName = (s: string): Uint8Array =>
    name([
      ['C', 'JP'],
      ['O', 'Loop'],
      ['CN', s],
    ]);
  const loopA = await buildCertificate({
    ...caOptions({}, KEYS.loopB, KEYS.loopA),
    issuer: loopName('B'),
    subject: loopName('A'),
    authorityKeyId: keyIdOf(KEYS.loopB),
  });
  const loopB = await buildCertificate({
    ...caOptions({}, KEYS.loopA, KEYS.loopB),
    issuer: loopName('A'),
    subject: loopName('B'),
    authorityKeyId: keyIdOf(KEYS.loopA),
  });
  const loopLeaf = await buildCertificate(
    appOptions({
      issuer: loopName('A'),
      signer: KEYS.loopA.signer,
      authorityKeyId: keyIdOf(KEYS.loopA),
    }),
  );
  // Name constraints on the issuing CA.
  const ncCa = (nc: NonNullable<BuildCertificateOptions['nameConstraints']>): Promise<Uint8Array> =>
    buildCertificate(caOptions({ nameConstraints: nc, serialNumber: '1006' }));
  const dnsLeaf = (dns: string): Promise<Uint8Array> =>
    buildCertificate(orgOptions({ subjectAltName: [{ type: 'dNSName', value: dns }] }));
  const emailLeaf = (mail: string): Promise<Uint8Array> =>
    buildCertificate(signingOptions({ subjectAltName: [{ type: 'rfc822Name', value: mail }] }));
  const uriLeaf = (uri: string): Promise<Uint8Array> =>
    buildCertificate(
      orgOptions({ subjectAltName: [{ type: 'uniformResourceIdentifier', value: uri }] }),
    );
  const caDn = name([
    ['C', 'JP'],
    ['O', 'Jitsuin Test CA'],
  ]);
  // Revocation.
  const crl = (entries: { serial: string; revocationDate: number }[]): Promise<Uint8Array> =>
    buildCrl({
      issuer: NAMES.ca,
      thisUpdate: T - DAY,
      nextUpdate: T + 6 * DAY,
      crlNumber: 7,
      authorityKeyId: keyIdOf(KEYS.ca),
      entries,
      signer: KEYS.ca.signer,
    });
  const rootCrl = await buildCrl({
    issuer: NAMES.root,
    thisUpdate: T - DAY,
    nextUpdate: T + 30 * DAY,
    crlNumber: 3,
    authorityKeyId: keyIdOf(KEYS.root),
    signer: KEYS.root.signer,
  });
  const zeroSerial = await buildPatched(appOptions(), (tbs) =>
    replaceNode(tbs, hexDecode('02022001'), hexDecode('020100')),
  );

  return [
    // PATH-03 validity
    none(
      'leaf expired one second before the validation time',
      ['PATH-03'],
      await appLeaf({ notAfter: T - 1 }),
      'ERR_PATH_EXPIRED',
      ['Validity'],
    ),
    ok(
      'leaf whose notAfter equals the validation time (inclusive)',
      ['PATH-03'],
      pathInput({ leaf: await appLeaf({ notAfter: T }), intermediates: ca }),
      ['Valid', 'Validity'],
    ),
    none(
      'leaf not yet valid (notBefore one second after the validation time)',
      ['PATH-03'],
      await appLeaf({ notBefore: T + 1 }),
      'ERR_PATH_NOT_YET_VALID',
      ['Validity'],
    ),
    none('issuing CA expired', ['PATH-03'], pki.app, 'ERR_PATH_EXPIRED', ['Validity'], {
      intermediates: [
        await buildCertificate(caOptions({ notAfter: T - DAY, notBefore: T - YEAR })),
      ],
    }),
    none(
      'trust anchor expired',
      ['PATH-03', 'PATH-12'],
      pki.app,
      'ERR_PATH_EXPIRED',
      ['Validity'],
      {
        trustAnchors: [
          await buildCertificate(
            rootOptions(KEYS.root, { notBefore: T - 20 * YEAR, notAfter: T - 1 }),
          ),
        ],
      },
    ),
    // PATH-02 signatures
    none(
      "leaf signed by a rogue key under the issuing CA's name",
      ['PATH-02'],
      await appLeaf({ signer: KEYS.rogue.signer }),
      'ERR_PATH_SIGNATURE',
      ['Signature'],
    ),
    none(
      "issuing CA signed by a rogue key under the root's name",
      ['PATH-02'],
      pki.app,
      'ERR_PATH_SIGNATURE',
      ['Signature'],
      { intermediates: [await buildCertificate(caOptions({}, KEYS.rogue))] },
    ),
    // PATH-01 chain building
    none(
      'issuing CA missing from the intermediates',
      ['PATH-01'],
      pki.app,
      'ERR_PATH_NO_ISSUER',
      ['ChainBuilding'],
      { intermediates: [] },
    ),
    none(
      'only an unrelated trust anchor',
      ['PATH-01'],
      pki.app,
      'ERR_PATH_NO_ISSUER',
      ['ChainBuilding'],
      {
        trustAnchors: [
          await buildCertificate(
            rootOptions(KEYS.rogue, { subject: NAMES.other, issuer: NAMES.other }),
          ),
        ],
      },
    ),
    ok(
      'three root generations share one name; the issuing CA is certified by the second',
      ['PATH-01'],
      pathInput({
        leaf: pki.app,
        intermediates: [caUnderRoot2],
        trustAnchors: [pki.root, root2, root3],
        profile: 'app-authentication',
      }),
      ['Valid', 'ChainBuilding'],
    ),
    ok(
      'two issuing CAs share one name; the leaf is signed by the second key',
      ['PATH-01'],
      pathInput({
        leaf: leafUnderCa2,
        intermediates: [pki.ca, ca2],
        profile: 'app-authentication',
      }),
      ['Valid', 'ChainBuilding'],
    ),
    none(
      'two CAs certify each other and neither reaches the anchor (loop)',
      ['PATH-01'],
      loopLeaf,
      'ERR_PATH_NO_ISSUER',
      ['ChainBuilding'],
      { intermediates: [loopA, loopB] },
    ),
    ok(
      'leaf → sub CA → issuing CA (pathLen 1) → root',
      ['PATH-05'],
      pathInput({ leaf: leafUnderSub, intermediates: [caPathLen1, subCa] }),
      ['Valid', 'BasicConstraints'],
    ),
    // PATH-04/05/06 basic constraints and key usage
    none(
      'sub CA below an issuing CA with pathLenConstraint 0',
      ['PATH-05'],
      leafUnderSub,
      'ERR_PATH_BASIC_CONSTRAINTS',
      ['BasicConstraints'],
      { intermediates: [pki.ca, subCa] },
    ),
    none(
      'issuer without basicConstraints',
      ['PATH-04'],
      pki.app,
      'ERR_PATH_BASIC_CONSTRAINTS',
      ['BasicConstraints'],
      { intermediates: [await buildCertificate(caOptions({ basicConstraints: undefined }))] },
    ),
    none(
      'issuer with basicConstraints cA FALSE',
      ['PATH-04'],
      pki.app,
      'ERR_PATH_BASIC_CONSTRAINTS',
      ['BasicConstraints'],
      { intermediates: [await buildCertificate(caOptions({ basicConstraints: { ca: false } }))] },
    ),
    none(
      'an end-entity certificate used as an issuer',
      ['PATH-04'],
      await buildCertificate(
        appOptions({
          issuer: NAMES.org,
          signer: KEYS.org.signer,
          authorityKeyId: keyIdOf(KEYS.org),
        }),
      ),
      'ERR_PATH_BASIC_CONSTRAINTS',
      ['BasicConstraints'],
      { intermediates: [pki.ca, pki.org] },
    ),
    none(
      'issuer keyUsage lacks keyCertSign',
      ['PATH-06'],
      pki.app,
      'ERR_PATH_KEY_USAGE',
      ['KeyUsage'],
      {
        intermediates: [
          await buildCertificate(caOptions({ keyUsage: ['cRLSign', 'digitalSignature'] })),
        ],
      },
    ),
    none(
      'trust anchor keyUsage lacks keyCertSign',
      ['PATH-06', 'PATH-12'],
      pki.app,
      'ERR_PATH_KEY_USAGE',
      ['KeyUsage'],
      { trustAnchors: [await buildCertificate(rootOptions(KEYS.root, { keyUsage: ['cRLSign'] }))] },
    ),
    none(
      'trust anchor pathLenConstraint 0 with one intermediate',
      ['PATH-05', 'PATH-12'],
      pki.app,
      'ERR_PATH_BASIC_CONSTRAINTS',
      ['BasicConstraints'],
      {
        trustAnchors: [
          await buildCertificate(
            rootOptions(KEYS.root, { basicConstraints: { ca: true, pathLenConstraint: 0 } }),
          ),
        ],
      },
    ),
    // PATH-07 EKU
    none(
      'required EKU login, leaf has consent only',
      ['PATH-07'],
      await appLeaf({ extKeyUsage: [JITSUIN_OID.ekuConsent] }),
      'ERR_PATH_EKU',
      ['Eku'],
      { requiredEku: JITSUIN_OID.ekuLogin },
    ),
    none(
      'issuing CA EKU allows organisation keys only; app leaf below it',
      ['PATH-07'],
      pki.app,
      'ERR_PATH_EKU',
      ['Eku'],
      {
        profile: 'app-authentication',
        intermediates: [
          await buildCertificate(caOptions({ extKeyUsage: [JITSUIN_OID.ekuOrganisation] })),
        ],
      },
    ),
    ok(
      'issuing CA EKU allows login and consent',
      ['PATH-07'],
      pathInput({
        leaf: pki.app,
        profile: 'app-authentication',
        intermediates: [
          await buildCertificate(
            caOptions({ extKeyUsage: [JITSUIN_OID.ekuLogin, JITSUIN_OID.ekuConsent] }),
          ),
        ],
      }),
      ['Valid', 'Eku'],
    ),
    // PATH-08 name constraints
    ok(
      'directoryName constraint C=JP, O=Jitsuin Test CA permits the app leaf',
      ['PATH-08'],
      pathInput({
        leaf: pki.app,
        intermediates: [await ncCa({ permitted: [{ type: 'directoryName', value: caDn }] })],
      }),
      ['Valid', 'NameConstraints'],
    ),
    none(
      'directoryName constraint excludes the leaf subject',
      ['PATH-08'],
      pki.app,
      'ERR_PATH_NAME_CONSTRAINTS',
      ['NameConstraints'],
      { intermediates: [await ncCa({ excluded: [{ type: 'directoryName', value: caDn }] })] },
    ),
    none(
      'directoryName constraint permits another organisation only',
      ['PATH-08'],
      pki.app,
      'ERR_PATH_NAME_CONSTRAINTS',
      ['NameConstraints'],
      {
        intermediates: [
          await ncCa({
            permitted: [
              {
                type: 'directoryName',
                value: name([
                  ['C', 'JP'],
                  ['O', 'Other Org'],
                ]),
              },
            ],
          }),
        ],
      },
    ),
    ok(
      'dNSName constraint example.jp permits rp.example.jp',
      ['PATH-08'],
      pathInput({
        leaf: await dnsLeaf('rp.example.jp'),
        intermediates: [await ncCa({ permitted: [{ type: 'dNSName', value: 'example.jp' }] })],
      }),
      ['Valid', 'NameConstraints'],
    ),
    none(
      'dNSName constraint example.jp rejects rp.example.com',
      ['PATH-08'],
      await dnsLeaf('rp.example.com'),
      'ERR_PATH_NAME_CONSTRAINTS',
      ['NameConstraints'],
      { intermediates: [await ncCa({ permitted: [{ type: 'dNSName', value: 'example.jp' }] })] },
    ),
    none(
      'dNSName constraint example.jp rejects badexample.jp (label boundary)',
      ['PATH-08'],
      await dnsLeaf('badexample.jp'),
      'ERR_PATH_NAME_CONSTRAINTS',
      ['NameConstraints'],
      { intermediates: [await ncCa({ permitted: [{ type: 'dNSName', value: 'example.jp' }] })] },
    ),
    none(
      'excluded dNSName bad.example.jp',
      ['PATH-08'],
      await dnsLeaf('x.bad.example.jp'),
      'ERR_PATH_NAME_CONSTRAINTS',
      ['NameConstraints'],
      { intermediates: [await ncCa({ excluded: [{ type: 'dNSName', value: 'bad.example.jp' }] })] },
    ),
    none(
      'rfc822Name constraint example.jp rejects taro@example.com',
      ['PATH-08'],
      await emailLeaf('taro@example.com'),
      'ERR_PATH_NAME_CONSTRAINTS',
      ['NameConstraints'],
      { intermediates: [await ncCa({ permitted: [{ type: 'rfc822Name', value: 'example.jp' }] })] },
    ),
    ok(
      'rfc822Name constraint example.jp permits taro@example.jp',
      ['PATH-08'],
      pathInput({
        leaf: await emailLeaf('taro@example.jp'),
        intermediates: [await ncCa({ permitted: [{ type: 'rfc822Name', value: 'example.jp' }] })],
      }),
      ['Valid', 'NameConstraints'],
    ),
    none(
      'URI constraint .example.jp rejects https://evil.test/',
      ['PATH-08'],
      await uriLeaf('https://evil.test/'),
      'ERR_PATH_NAME_CONSTRAINTS',
      ['NameConstraints'],
      {
        intermediates: [
          await ncCa({ permitted: [{ type: 'uniformResourceIdentifier', value: '.example.jp' }] }),
        ],
      },
    ),
    // PATH-09 policies
    ok(
      'explicit policy required, app-authentication policy acceptable, CA asserts anyPolicy',
      ['PATH-09'],
      pathInput({
        leaf: pki.app,
        intermediates: ca,
        policy: { initialPolicySet: [JITSUIN_OID.policyAppAuthentication], explicitPolicy: true },
      }),
      ['Valid', 'Policy'],
    ),
    none(
      'explicit policy required, CA without certificatePolicies',
      ['PATH-09'],
      pki.app,
      'ERR_PATH_POLICY',
      ['Policy'],
      {
        intermediates: [await buildCertificate(caOptions({ certificatePolicies: undefined }))],
        policy: { explicitPolicy: true },
      },
    ),
    none(
      'explicit policy required, only the organisation policy acceptable',
      ['PATH-09'],
      pki.app,
      'ERR_PATH_POLICY',
      ['Policy'],
      { policy: { initialPolicySet: [JITSUIN_OID.policyOrganisation], explicitPolicy: true } },
    ),
    // PATH-10 critical extensions
    none(
      'leaf with an unknown critical extension',
      ['PATH-10'],
      await appLeaf({
        extensions: [{ oid: '1.3.6.1.4.1.99999.1', critical: true, value: hexDecode('0500') }],
      }),
      'ERR_PATH_CRITICAL_EXTENSION',
      ['CriticalExtension'],
    ),
    none(
      'issuing CA with an unknown critical extension',
      ['PATH-10'],
      pki.app,
      'ERR_PATH_CRITICAL_EXTENSION',
      ['CriticalExtension'],
      {
        intermediates: [
          await buildCertificate(
            caOptions({
              extensions: [
                { oid: '1.3.6.1.4.1.99999.2', critical: true, value: hexDecode('0500') },
              ],
            }),
          ),
        ],
      },
    ),
    ok(
      'leaf with an unknown non-critical extension',
      ['PATH-10'],
      pathInput({
        leaf: await appLeaf({
          extensions: [{ oid: '1.3.6.1.4.1.99999.1', critical: false, value: hexDecode('0500') }],
        }),
        intermediates: ca,
      }),
      ['Valid', 'CriticalExtension'],
    ),
    // CERT-01/02 malformed
    none(
      'leaf with a trailing byte',
      ['CERT-01'],
      concatBytes(pki.app, Uint8Array.of(0)),
      'ERR_CERT_MALFORMED',
      ['Malformed'],
    ),
    none('leaf with serial number zero', ['CERT-02'], zeroSerial, 'ERR_CERT_MALFORMED', [
      'Malformed',
    ]),
    // CERT-03..CERT-10, CERT-27: RFC 5280 issuance rules applied to every certificate
    none(
      'leaf without authorityKeyIdentifier',
      ['CERT-03'],
      await appLeaf({ authorityKeyId: undefined }),
      'ERR_CERT_PROFILE',
      ['Profile'],
    ),
    none(
      'leaf with a critical authorityKeyIdentifier',
      ['CERT-03'],
      await appLeaf({ criticality: { [PKIX_OID.authorityKeyIdentifier]: true } }),
      'ERR_CERT_PROFILE',
      ['Profile'],
    ),
    none(
      'leaf authorityKeyIdentifier without keyIdentifier',
      ['CERT-03'],
      await appLeaf({
        authorityKeyId: undefined,
        extensions: [
          { oid: PKIX_OID.authorityKeyIdentifier, critical: false, value: hexDecode('3000') },
        ],
      }),
      'ERR_CERT_PROFILE',
      ['Profile'],
    ),
    none(
      'self-issued trust anchor whose authorityKeyIdentifier also names an issuer and serial',
      ['CERT-03'],
      pki.app,
      'ERR_CERT_PROFILE',
      ['Profile'],
      {
        trustAnchors: [
          await buildCertificate(
            rootOptions(KEYS.root, {
              extensions: [
                {
                  oid: PKIX_OID.authorityKeyIdentifier,
                  critical: false,
                  value: encodeTlv(
                    0x30,
                    concatBytes(
                      encodeTlv(0x80, keyIdOf(KEYS.root)),
                      encodeTlv(0xa1, encodeTlv(0xa4, NAMES.root)),
                      hexDecode('820101'),
                    ),
                  ),
                },
              ],
            }),
          ),
        ],
      },
    ),
    none(
      'issuing CA with a critical subjectKeyIdentifier',
      ['CERT-04'],
      pki.app,
      'ERR_CERT_PROFILE',
      ['Profile'],
      {
        intermediates: [
          await buildCertificate(
            caOptions({ criticality: { [PKIX_OID.subjectKeyIdentifier]: true } }),
          ),
        ],
      },
    ),
    none(
      'leaf with a P-521 key (not admitted)',
      ['CERT-05'],
      await appLeaf({ publicKey: P521_SPKI }),
      'ERR_UNSUPPORTED_ALGORITHM',
      ['Profile'],
    ),
    ok(
      'leaf with a P-384 key under profile none',
      ['CERT-05'],
      pathInput({ leaf: await appLeaf({ publicKey: KEYS.p384.spki }), intermediates: ca }),
    ),
    none(
      'leaf keyUsage keyCertSign without cA',
      ['CERT-06'],
      await appLeaf({ keyUsage: ['digitalSignature', 'keyCertSign'] }),
      'ERR_PATH_KEY_USAGE',
      ['KeyUsage'],
    ),
    none(
      'nameConstraints in an end-entity certificate',
      ['CERT-07'],
      await appLeaf({ nameConstraints: { permitted: [{ type: 'dNSName', value: 'example.jp' }] } }),
      'ERR_PATH_NAME_CONSTRAINTS',
      ['NameConstraints'],
    ),
    none(
      'issuing CA with a non-critical nameConstraints',
      ['CERT-07'],
      pki.app,
      'ERR_PATH_NAME_CONSTRAINTS',
      ['NameConstraints'],
      {
        intermediates: [
          await buildCertificate(
            caOptions({
              nameConstraints: {
                permitted: [{ type: 'directoryName', value: name([['C', 'JP']]) }],
              },
              criticality: { [PKIX_OID.nameConstraints]: false },
            }),
          ),
        ],
      },
    ),
    none(
      'issuing CA with a non-critical policyConstraints',
      ['CERT-08'],
      pki.app,
      'ERR_PATH_POLICY',
      ['Policy'],
      {
        intermediates: [
          await buildCertificate(
            caOptions({
              policyConstraints: { requireExplicitPolicy: 0 },
              criticality: { [PKIX_OID.policyConstraints]: false },
            }),
          ),
        ],
      },
    ),
    none(
      'issuing CA with a non-critical inhibitAnyPolicy',
      ['CERT-08'],
      pki.app,
      'ERR_PATH_POLICY',
      ['Policy'],
      {
        intermediates: [
          await buildCertificate(
            caOptions({ inhibitAnyPolicy: 0, criticality: { [PKIX_OID.inhibitAnyPolicy]: false } }),
          ),
        ],
      },
    ),
    none(
      'leaf with a critical authorityInfoAccess',
      ['CERT-09'],
      await appLeaf({
        authorityInfoAccess: { ocsp: ['http://ocsp.example.jp/'] },
        criticality: { [PKIX_OID.authorityInfoAccess]: true },
      }),
      'ERR_CERT_PROFILE',
      ['Profile'],
    ),
    none(
      'leaf with a critical extKeyUsage',
      ['CERT-09'],
      await appLeaf({ criticality: { [PKIX_OID.extKeyUsage]: true } }),
      'ERR_PATH_EKU',
      ['Eku'],
    ),
    none(
      'leaf with a critical subjectAltName and a non-empty subject',
      ['CERT-09'],
      await buildCertificate(orgOptions({ criticality: { [PKIX_OID.subjectAltName]: true } })),
      'ERR_CERT_PROFILE',
      ['Profile'],
    ),
    none(
      'self-issued trust anchor carrying extKeyUsage',
      ['CERT-09'],
      pki.app,
      'ERR_PATH_EKU',
      ['Eku'],
      {
        trustAnchors: [
          await buildCertificate(rootOptions(KEYS.root, { extKeyUsage: [JITSUIN_OID.ekuLogin] })),
        ],
      },
    ),
    none(
      'issuing CA with a non-critical basicConstraints (profile none)',
      ['CERT-10'],
      pki.app,
      'ERR_CERT_PROFILE',
      ['Profile'],
      {
        intermediates: [
          await buildCertificate(
            caOptions({ criticality: { [PKIX_OID.basicConstraints]: false } }),
          ),
        ],
      },
    ),
    ok(
      'the same path with issuanceChecks off (RFC 5280 §6 only, as PKITS 4.6.4 expects)',
      ['CERT-10'],
      pathInput({
        leaf: pki.app,
        intermediates: [
          await buildCertificate(
            caOptions({ criticality: { [PKIX_OID.basicConstraints]: false } }),
          ),
        ],
        issuanceChecks: false,
      }),
    ),
    bad(
      'issuanceChecks off does not apply to a jitsuin profile',
      ['CERT-10'],
      pathInput({
        leaf: pki.app,
        intermediates: [
          await buildCertificate(
            caOptions({ criticality: { [PKIX_OID.basicConstraints]: false } }),
          ),
        ],
        issuanceChecks: false,
        profile: 'app-authentication',
      }),
      ['Profile'],
      'ERR_CERT_PROFILE',
    ),
    none(
      'end-entity certificate that is a CA (profile none)',
      ['CERT-27'],
      await appLeaf({ basicConstraints: { ca: true } }),
      'ERR_CERT_PROFILE',
      ['Profile'],
    ),
    none(
      'leaf extKeyUsage adds anyExtendedKeyUsage to the required purpose',
      ['PATH-07'],
      await appLeaf({ extKeyUsage: [JITSUIN_OID.ekuLogin, PKIX_OID.anyExtendedKeyUsage] }),
      'ERR_PATH_EKU',
      ['Eku'],
      { requiredEku: JITSUIN_OID.ekuLogin },
    ),
    none(
      'required EKU, leaf without extKeyUsage',
      ['PATH-07'],
      await appLeaf({ extKeyUsage: undefined }),
      'ERR_PATH_EKU',
      ['Eku'],
      { requiredEku: JITSUIN_OID.ekuLogin },
    ),
    // PATH-11 revocation
    bad(
      'no revocation option: status unknown, fails closed',
      ['PATH-11'],
      pathInput({ leaf: pki.app, intermediates: ca, revocation: null }),
      ['Revocation'],
      'ERR_REVOCATION_UNKNOWN',
    ),
    ok(
      'CRLs from the root and the issuing CA say good',
      ['PATH-11'],
      pathInput({
        leaf: pki.app,
        intermediates: ca,
        revocation: { crls: [rootCrl, await crl([])] },
      }),
      ['Valid', 'Revocation'],
    ),
    bad(
      "the issuing CA's CRL lists the leaf",
      ['PATH-11'],
      pathInput({
        leaf: pki.app,
        intermediates: ca,
        revocation: {
          crls: [rootCrl, await crl([{ serial: '2001', revocationDate: T - 2 * DAY }])],
        },
      }),
      ['Revocation'],
      'ERR_REVOKED',
    ),
    bad(
      "only the root's CRL: the leaf's status is unknown",
      ['PATH-11'],
      pathInput({ leaf: pki.app, intermediates: ca, revocation: { crls: [rootCrl] } }),
      ['Revocation'],
      'ERR_REVOCATION_UNKNOWN',
    ),
  ];
}

function commonCodeCases(): Draft[] {
  const codes = [
    new Uint8Array(16),
    new Uint8Array(16).fill(0xff),
    COMMON_CODE,
    hexDecode('0123456789abcdeffedcba9876543210'),
  ];
  const valid = codes.map((c) => ({
    comment: `format ${hexEncode(c)}`,
    flags: ['Valid', 'CommonCodeText'] as Flag[],
    requirements: ['CERT-40'],
    input: { codeHex: hexEncode(c) },
    result: 'valid' as const,
    output: { text: formatCommonCode(c) },
  }));
  const t = formatCommonCode(COMMON_CODE);
  const flip = (i: number): string => {
    const s = t.replace(/-/g, '');
    const alt = s[i] === '2' ? '3' : '2';
    return s.slice(0, i) + alt + s.slice(i + 1);
  };
  const parseOk = (text: string, comment: string): Draft => ({
    comment,
    flags: ['Valid', 'CommonCodeText'],
    requirements: ['CERT-41'],
    input: { text },
    result: 'valid',
    output: { codeHex: hexEncode(COMMON_CODE) },
  });
  const parseBad = (text: string, comment: string): Draft => ({
    comment,
    flags: ['CommonCodeText'],
    requirements: ['CERT-41'],
    input: { text },
    result: 'invalid',
    error: 'ERR_ENCODING',
  });
  return [
    ...valid,
    parseOk(t, 'canonical text'),
    parseOk(t.toLowerCase().replace(/-/g, ''), 'lower case without hyphens'),
    parseBad(flip(5), 'one data symbol changed'),
    parseBad(flip(26), 'check symbol changed'),
    parseBad(t.slice(0, -1), 'one symbol missing'),
    parseBad(`${t}0`, 'one symbol too many'),
    parseBad(`8${t.slice(1)}`, 'value of 2^128 or more'),
  ];
}

async function finish(drafts: readonly Draft[], shared: Record<string, unknown>): Promise<Draft[]> {
  return Promise.all(
    drafts.map(async (d) =>
      d.result === 'valid' && d.output === undefined
        ? { ...d, output: await expectedOutput({ ...shared, ...d.input }) }
        : d,
    ),
  );
}

function group(
  type: string,
  shared: Record<string, unknown>,
  drafts: readonly Draft[],
  next: () => number,
): VectorGroup {
  const tests: VectorTest[] = drafts.map((d) => {
    const test: VectorTest = {
      tcId: next(),
      comment: d.comment,
      flags: d.flags,
      requirements: d.requirements,
      input: d.input,
      result: d.result,
    };
    if (d.error !== undefined) return { ...test, error: d.error };
    if (d.output !== undefined) return { ...test, output: d.output };
    return test;
  });
  return { type, ...shared, tests };
}

async function generate(): Promise<VectorFile> {
  const pki = await certificatesPki();
  let tcId = 0;
  const next = (): number => ++tcId;
  const shared = { trustAnchors: [b64(pki.root)], time: T, revocation: { mode: 'off' } };
  const testGroups = [
    group('validatePath', shared, await finish(await profileCases(pki), shared), next),
    group('validatePath', shared, await finish(await pathCases(pki), shared), next),
    group('commonCodeText', {}, commonCodeCases(), next),
  ];
  return {
    schema: 'jitsuin-vectors-v1',
    suite: 'certificates',
    specVersion: SPEC_VERSION,
    numberOfTests: tcId,
    notes: NOTES,
    testGroups,
  };
}

/** The `certificates` suite. */

/** The generator of `vectors/certificates.json`. */
export const certificatesGenerator: VectorGenerator = { name: 'certificates', generate };
