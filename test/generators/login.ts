/**
 * The `login` vector suite (`spec/login.md`) and the deterministic test PKI it shares with the
 * `qr` suite and the unit tests: keys from HKDF-SHA-256 over fixed labels, RFC 6979 signatures,
 * fixed times. Each negative case breaks exactly one rule; cases that break two on purpose pin the
 * check order ([LOGIN-12]).
 * The judge of its cases is `src/conformance/suites/login.ts`.
 * @module
 */
import { type ErrorCode } from '../../src/errors.js';
import { base64urlDecode, base64urlEncode } from '../../src/encoding/base64url.js';
import { canonicalizeToBytes } from '../../src/encoding/canonicalize.js';
import { utf8Encode } from '../../src/encoding/utf8.js';
import type { JsonObject, JsonValue } from '../../src/encoding/json-value.js';
import { derivePrivateKey, getEcPublicKey, signEcdsa } from '../../src/crypto/ecdsa.js';
import { exportSpki } from '../../src/crypto/keys.js';
import { sha256 } from '../../src/crypto/hash.js';
import { buildCertificate, type CertificateSigner } from '../../src/x509/builder.js';
import { buildCrl } from '../../src/x509/revocation/build-crl.js';
import { name } from '../../src/x509/name.js';
import { JITSUIN_OID } from '../../src/x509/oids.js';
import type { KeyProtection } from '../../src/x509/extensions.js';
import { signJws } from '../../src/jws/sign.js';
import { JWS_TYP } from '../../src/jws/typ.js';
import type { JwsSigner } from '../../src/jws/types.js';
import type { RevocationOptions } from '../../src/x509/revocation/index.js';
import {
  encodeLoginChallenge,
  loginChallengeToJson,
  type LoginChallenge,
} from '../../src/login/challenge.js';
import { createLoginResponse } from '../../src/login/response.js';
import { SPEC_VERSION } from '../../src/conformance/version.js';
import type {
  CaseOutcome,
  VectorFile,
  VectorGroup,
  VectorNote,
  VectorTest,
} from '../../src/conformance/types.js';
import {
  LOGIN_NOW,
  runCreateResponse,
  runDecodeChallenge,
  runLoginSteps,
} from '../../src/conformance/suites/login.js';
import type { VectorGenerator } from './types.js';

// ------------------------------------------------------------------------------------------------
// Test PKI
// ------------------------------------------------------------------------------------------------

const SEED = utf8Encode('jitsuin/vectors/login/v1');
/** 2026-01-01T00:00:00Z and 2036-01-01T00:00:00Z. */
const NOT_BEFORE = 1_767_225_600;
const NOT_AFTER = 2_082_758_400;
/** The vectors' "now": 2026-03-01T09:00:00Z. */
export { LOGIN_NOW };
/** The RP of the vectors and the other RP the same person uses. */
export const HOSPITAL = 'hospital.example';
export const PHARMACY = 'pharmacy.example';
/** The person's common code (16 bytes, fixed). */
export const COMMON_CODE = Uint8Array.from({ length: 16 }, (_, i) => 0xa0 + i);

/** One app key with its certificate. @internal */
export interface TestApp {
  readonly privateKey: Uint8Array;
  readonly certificate: Uint8Array;
  /** Signs like phone hardware: DER ECDSA (the JWS layer converts). */
  readonly signer: JwsSigner;
  /** `x5c` for this app: leaf, issuing CA. */
  readonly chain: readonly Uint8Array[];
}

/** The deterministic PKI of the login and QR vectors. @internal */
export interface LoginPki {
  readonly root: Uint8Array;
  readonly issuingCa: Uint8Array;
  /** CRLs of the root (covering the issuing CA) and of the issuing CA (listing `revoked`). */
  readonly crls: readonly Uint8Array[];
  /** The hospital's app: the valid case. */
  readonly hospital: TestApp;
  /** The pharmacy's app of the same person (same common code, other key, bound to the pharmacy). */
  readonly pharmacy: TestApp;
  /** Hospital app certificate without the login EKU (consent only). */
  readonly noLoginEku: TestApp;
  /** Hospital app certificate listed on the CA's CRL. */
  readonly revoked: TestApp;
  /** Hospital app certificate that expired before {@link LOGIN_NOW}. */
  readonly expired: TestApp;
  /** Hospital app certificate issued by a CA that is not a trust anchor. */
  readonly untrusted: TestApp;
  /** The revocation inputs of the vectors: both CRLs, fail-closed. */
  readonly revocation: RevocationOptions;
}

function ecSigner(privateKey: Uint8Array): CertificateSigner {
  return {
    algorithm: 'ES256',
    signatureFormat: 'raw',
    sign: (tbs) => Promise.resolve(signEcdsa(privateKey, tbs)),
  };
}

const dn = (cn: string): Uint8Array =>
  name([
    ['C', 'JP'],
    ['O', 'jitsuin test vectors'],
    ['CN', cn],
  ]);
const spkiOf = (key: Uint8Array): Uint8Array => exportSpki(getEcPublicKey(key));
const skid = (spki: Uint8Array): Uint8Array => sha256(spki).subarray(0, 20);

interface AppSpec {
  readonly label: string;
  readonly serial: string;
  readonly rpId: string;
  readonly eku: readonly string[];
  readonly notAfter?: number;
  readonly keyProtection?: KeyProtection;
  readonly issuerKey: Uint8Array;
  readonly issuerName: Uint8Array;
  readonly issuerCert: Uint8Array;
}

async function app(spec: AppSpec): Promise<TestApp> {
  const privateKey = derivePrivateKey(SEED, `login/app/${spec.label}`);
  const spki = spkiOf(privateKey);
  const certificate = await buildCertificate({
    serialNumber: spec.serial,
    issuer: spec.issuerName,
    subject: dn(`app key ${spec.label}`),
    notBefore: NOT_BEFORE,
    notAfter: spec.notAfter ?? NOT_AFTER,
    publicKey: spki,
    signer: ecSigner(spec.issuerKey),
    keyUsage: ['digitalSignature'],
    extKeyUsage: spec.eku,
    subjectKeyId: skid(spki),
    authorityKeyId: skid(spkiOf(spec.issuerKey)),
    certificatePolicies: [JITSUIN_OID.policyAppAuthentication],
    crlDistributionPoints: [{ uris: ['http://ca.jitsuin.test/app-ca.crl'] }],
    commonCode: COMMON_CODE,
    appBinding: { rpId: spec.rpId, appId: `TEAMID.example.${spec.rpId.split('.')[0] ?? 'app'}` },
    keyProtection: spec.keyProtection ?? 'secure-enclave',
  });
  const signer: JwsSigner = (input) =>
    Promise.resolve(signEcdsa(privateKey, input, { format: 'der' }));
  return { privateKey, certificate, signer, chain: [certificate, spec.issuerCert] };
}

let pkiPromise: Promise<LoginPki> | undefined;

/** Builds (once) the deterministic PKI of the login and QR vectors. @internal */
export function loginPki(): Promise<LoginPki> {
  pkiPromise ??= buildPki();
  return pkiPromise;
}

async function buildPki(): Promise<LoginPki> {
  const rootKey = derivePrivateKey(SEED, 'login/root');
  const caKey = derivePrivateKey(SEED, 'login/issuing-ca');
  const otherRootKey = derivePrivateKey(SEED, 'login/other-root');
  const rootName = dn('jitsuin test root');
  const caName = dn('jitsuin test app CA');
  const otherName = dn('jitsuin untrusted root');
  const root = await buildCertificate({
    serialNumber: '01',
    issuer: rootName,
    subject: rootName,
    notBefore: NOT_BEFORE,
    notAfter: NOT_AFTER,
    publicKey: spkiOf(rootKey),
    signer: ecSigner(rootKey),
    basicConstraints: { ca: true },
    keyUsage: ['keyCertSign', 'cRLSign'],
    subjectKeyId: skid(spkiOf(rootKey)),
  });
  const issuingCa = await buildCertificate({
    serialNumber: '02',
    issuer: rootName,
    subject: caName,
    notBefore: NOT_BEFORE,
    notAfter: NOT_AFTER,
    publicKey: spkiOf(caKey),
    signer: ecSigner(rootKey),
    basicConstraints: { ca: true, pathLenConstraint: 0 },
    keyUsage: ['keyCertSign', 'cRLSign'],
    subjectKeyId: skid(spkiOf(caKey)),
    authorityKeyId: skid(spkiOf(rootKey)),
    crlDistributionPoints: [{ uris: ['http://ca.jitsuin.test/root.crl'] }],
  });
  const otherRoot = await buildCertificate({
    serialNumber: '03',
    issuer: otherName,
    subject: otherName,
    notBefore: NOT_BEFORE,
    notAfter: NOT_AFTER,
    publicKey: spkiOf(otherRootKey),
    signer: ecSigner(otherRootKey),
    basicConstraints: { ca: true },
    keyUsage: ['keyCertSign', 'cRLSign'],
    subjectKeyId: skid(spkiOf(otherRootKey)),
  });
  const underCa = { issuerKey: caKey, issuerName: caName, issuerCert: issuingCa };
  const both = [JITSUIN_OID.ekuLogin, JITSUIN_OID.ekuConsent];
  const hospital = await app({
    label: 'hospital',
    serial: '1001',
    rpId: HOSPITAL,
    eku: both,
    ...underCa,
  });
  const pharmacy = await app({
    label: 'pharmacy',
    serial: '1002',
    rpId: PHARMACY,
    eku: both,
    keyProtection: 'strongbox',
    ...underCa,
  });
  const noLoginEku = await app({
    label: 'consent-only',
    serial: '1003',
    rpId: HOSPITAL,
    eku: [JITSUIN_OID.ekuConsent],
    ...underCa,
  });
  const revoked = await app({
    label: 'revoked',
    serial: '1004',
    rpId: HOSPITAL,
    eku: both,
    ...underCa,
  });
  const expired = await app({
    label: 'expired',
    serial: '1005',
    rpId: HOSPITAL,
    eku: both,
    notAfter: LOGIN_NOW - 86_400,
    ...underCa,
  });
  const untrusted = await app({
    label: 'untrusted',
    serial: '1006',
    rpId: HOSPITAL,
    eku: both,
    issuerKey: otherRootKey,
    issuerName: otherName,
    issuerCert: otherRoot,
  });
  const thisUpdate = LOGIN_NOW - 3600;
  const nextUpdate = LOGIN_NOW + 7 * 86_400;
  const rootCrl = await buildCrl({
    issuer: rootName,
    thisUpdate,
    nextUpdate,
    crlNumber: 1,
    authorityKeyId: skid(spkiOf(rootKey)),
    signer: ecSigner(rootKey),
  });
  const caCrl = await buildCrl({
    issuer: caName,
    thisUpdate,
    nextUpdate,
    crlNumber: 1,
    authorityKeyId: skid(spkiOf(caKey)),
    signer: ecSigner(caKey),
    entries: [{ serial: '1004', revocationDate: LOGIN_NOW - 7200, reason: 'keyCompromise' }],
  });
  const crls = [rootCrl, caCrl];
  return {
    root,
    issuingCa,
    crls,
    hospital,
    pharmacy,
    noLoginEku,
    revoked,
    expired,
    untrusted,
    revocation: { crls, mode: 'require' },
  };
}

// ------------------------------------------------------------------------------------------------
// Building blocks of the cases
// ------------------------------------------------------------------------------------------------

/** A deterministic 32-byte challenge value for `label`. @internal */
export function challengeValue(label: string): string {
  return base64urlEncode(sha256(utf8Encode(`jitsuin/vectors/login/challenge/${label}`)));
}

/** A deterministic 32-byte session binding for `label`. @internal */
export function sessionBindingValue(label: string): string {
  return base64urlEncode(sha256(utf8Encode(`jitsuin/vectors/session/${label}`)));
}

/** Issued 30 s before {@link LOGIN_NOW}, valid 120 s. */
function challengeFor(label: string, extra: Partial<LoginChallenge> = {}): LoginChallenge {
  return {
    rpId: HOSPITAL,
    challenge: challengeValue(label),
    iat: LOGIN_NOW - 30,
    exp: LOGIN_NOW + 90,
    ...extra,
  };
}

/** Signs any payload with an app key, bypassing the app-side checks (for negative cases). @internal */
export function signAs(
  a: TestApp,
  payload: JsonObject,
  typ: string = JWS_TYP.login,
): Promise<string> {
  return signJws({ typ, payload, certificateChain: a.chain, signer: a.signer });
}

/** Replaces the payload segment of a token, keeping its header and signature. @internal */
export function replacePayload(token: string, payload: JsonObject): string {
  const [h, , s] = token.split('.');
  return `${h}.${base64urlEncode(canonicalizeToBytes(payload))}.${s}`;
}

/** Changes one byte inside `r` of the signature (the result is well-formed but wrong). @internal */
export function corruptSignature(token: string): string {
  const [h, p, s] = token.split('.') as [string, string, string];
  const sig = base64urlDecode(s);
  sig[16] = (sig[16] as number) ^ 0x01;
  return `${h}.${p}.${base64urlEncode(sig)}`;
}

const b64 = (bytes: Uint8Array): string => base64urlEncode(bytes);

/** A step of a login case. */
type LoginStep =
  | { readonly op: 'issue'; readonly challenge: JsonObject }
  | {
      readonly op: 'verify';
      readonly token: string;
      readonly time: number;
      readonly sessionBinding?: string;
      readonly expect?: ErrorCode;
    };

interface LoginCase {
  readonly comment: string;
  readonly flags: readonly string[];
  readonly requirements: readonly string[];
  readonly steps: readonly LoginStep[];
  readonly error?: ErrorCode;
  /** Overrides of the group's shared members (e.g. no CRLs). */
  readonly override?: Readonly<Record<string, JsonValue>>;
}

const issue = (c: LoginChallenge): LoginStep => ({
  op: 'issue',
  challenge: loginChallengeToJson(c),
});
const verify = (
  token: string,
  extra: { time?: number; sessionBinding?: string; expect?: ErrorCode } = {},
): LoginStep => ({
  op: 'verify',
  token,
  time: extra.time ?? LOGIN_NOW,
  ...(extra.sessionBinding === undefined ? {} : { sessionBinding: extra.sessionBinding }),
  ...(extra.expect === undefined ? {} : { expect: extra.expect }),
});

const NOTES: Readonly<Record<string, VectorNote>> = {
  Valid: { bugType: 'BASIC', description: 'A login that follows every rule of spec/login.md.' },
  Boundary: {
    bugType: 'EDGE_CASE',
    description:
      'A value exactly at a limit that is still accepted (expiry second, clock tolerance).',
  },
  TypConfusion: {
    bugType: 'AUTH_BYPASS',
    description: 'A token of another message kind (typ) presented as a login response.',
  },
  WrongSignature: {
    bugType: 'AUTH_BYPASS',
    description: 'The signature does not verify: corrupted, or the payload changed after signing.',
  },
  Chain: {
    bugType: 'AUTH_BYPASS',
    description:
      'The app certificate chain does not validate to the RP trust anchors (untrusted, expired, wrong EKU).',
  },
  Revocation: {
    bugType: 'AUTH_BYPASS',
    description:
      'The app certificate is revoked, or its status cannot be determined under a fail-closed policy.',
  },
  CrossRp: {
    bugType: 'AUTH_BYPASS',
    description:
      'A certificate, response or challenge of another relying party (relay / phishing).',
  },
  Payload: {
    bugType: 'MODIFIED_PARAMETER',
    description: 'The payload members are missing, extra or of the wrong type.',
  },
  Replay: {
    bugType: 'AUTH_BYPASS',
    description:
      'A challenge that is unknown, already consumed or expired; or a response from another session.',
  },
  ClockSkew: {
    bugType: 'EDGE_CASE',
    description:
      'The signed iat is outside the tolerance around the challenge and the verifier clock.',
  },
  CheckOrder: {
    bugType: 'EDGE_CASE',
    description:
      'The case breaks two rules on purpose; the error is that of the first in the order of spec/login.md §4.2.',
  },
  Config: {
    bugType: 'MODIFIED_PARAMETER',
    description: 'The verifier configuration is outside what the spec allows.',
  },
  Malformed: {
    bugType: 'MODIFIED_PARAMETER',
    description:
      'The challenge message is not canonical strict JSON with exactly the specified members.',
  },
};

async function verifyCases(f: LoginPki): Promise<LoginCase[]> {
  const h = f.hospital;
  const t = LOGIN_NOW - 20;
  const c = (label: string, extra: Partial<LoginChallenge> = {}): LoginChallenge =>
    challengeFor(label, extra);
  const resp = (a: TestApp, ch: LoginChallenge, time = t): Promise<string> =>
    createLoginResponse(ch, { signer: a.signer, certificateChain: a.chain, time });
  const payload = (ch: LoginChallenge, extra: JsonObject = {}): JsonObject => ({
    rpId: ch.rpId,
    challenge: ch.challenge,
    iat: t,
    ...(ch.sessionBinding === undefined ? {} : { sessionBinding: ch.sessionBinding }),
    ...extra,
  });
  const bound = c('bound', { sessionBinding: sessionBindingValue('browser-1') });
  const cases: LoginCase[] = [];
  const add = (x: LoginCase): void => {
    cases.push(x);
  };

  // --- valid -----------------------------------------------------------------------------------
  add({
    comment: 'valid login of the hospital app (DER signature from the hardware, converted)',
    flags: ['Valid'],
    requirements: [
      'LOGIN-10',
      'LOGIN-11',
      'LOGIN-13',
      'LOGIN-14',
      'LOGIN-15',
      'LOGIN-16',
      'LOGIN-18',
      'LOGIN-19',
      'LOGIN-20',
      'LOGIN-21',
      'LOGIN-25',
      'LOGIN-26',
    ],
    steps: [issue(c('valid')), verify(await resp(h, c('valid')))],
  });
  add({
    comment: 'valid login with a session binding, verified in that session',
    flags: ['Valid'],
    requirements: ['LOGIN-08'],
    steps: [
      issue(bound),
      verify(await resp(h, bound), { sessionBinding: bound.sessionBinding as string }),
    ],
  });
  add({
    comment: 'verified at the expiry second of the challenge',
    flags: ['Valid', 'Boundary'],
    requirements: ['LOGIN-25'],
    steps: [
      issue(c('at-exp')),
      verify(await resp(h, c('at-exp'), LOGIN_NOW + 80), { time: LOGIN_NOW + 90 }),
    ],
  });
  add({
    comment: 'iat exactly clockTolerance before the challenge iat',
    flags: ['Valid', 'Boundary', 'ClockSkew'],
    requirements: ['LOGIN-26'],
    steps: [
      issue(c('skew-early')),
      verify(await signAs(h, payload(c('skew-early'), { iat: LOGIN_NOW - 90 }))),
    ],
  });
  add({
    comment: 'iat exactly clockTolerance after the verifier time',
    flags: ['Valid', 'Boundary', 'ClockSkew'],
    requirements: ['LOGIN-26'],
    steps: [
      issue(c('skew-late')),
      verify(await signAs(h, payload(c('skew-late'), { iat: LOGIN_NOW + 60 }))),
    ],
  });
  add({
    comment: 'a forged response does not consume the challenge: the genuine one still logs in',
    flags: ['Valid', 'WrongSignature'],
    requirements: ['LOGIN-23'],
    steps: [
      issue(c('forged-first')),
      verify(corruptSignature(await resp(h, c('forged-first'))), {
        expect: 'ERR_SIGNATURE_INVALID',
      }),
      verify(await resp(h, c('forged-first'))),
    ],
  });
  add({
    comment: 'the same person logs in at the pharmacy with the pharmacy app (same common code)',
    flags: ['Valid'],
    requirements: ['LOGIN-18'],
    override: { rpId: PHARMACY },
    steps: [
      issue(c('pharmacy', { rpId: PHARMACY })),
      verify(await resp(f.pharmacy, c('pharmacy', { rpId: PHARMACY }))),
    ],
  });

  // --- JWS profile -----------------------------------------------------------------------------
  add({
    comment: 'a QR approval token (other typ) with a login payload',
    flags: ['TypConfusion'],
    requirements: ['LOGIN-13'],
    error: 'ERR_JWS_TYP',
    steps: [issue(c('typ')), verify(await signAs(h, payload(c('typ')), JWS_TYP.qrApproval))],
  });
  add({
    comment: 'a consent token (other typ) with a login payload',
    flags: ['TypConfusion'],
    requirements: ['LOGIN-13'],
    error: 'ERR_JWS_TYP',
    steps: [issue(c('typ2')), verify(await signAs(h, payload(c('typ2')), JWS_TYP.consent))],
  });
  add({
    comment: 'signature corrupted',
    flags: ['WrongSignature'],
    requirements: ['LOGIN-13'],
    error: 'ERR_SIGNATURE_INVALID',
    steps: [issue(c('badsig')), verify(corruptSignature(await resp(h, c('badsig'))))],
  });
  add({
    comment: 'payload changed after signing (iat + 1)',
    flags: ['WrongSignature'],
    requirements: ['LOGIN-13'],
    error: 'ERR_SIGNATURE_INVALID',
    steps: [
      issue(c('tamper')),
      verify(replacePayload(await resp(h, c('tamper')), payload(c('tamper'), { iat: t + 1 }))),
    ],
  });
  add({
    comment: 'payload changed after signing (challenge swapped for another issued one)',
    flags: ['WrongSignature'],
    requirements: ['LOGIN-13'],
    error: 'ERR_SIGNATURE_INVALID',
    steps: [
      issue(c('swap-a')),
      issue(c('swap-b')),
      verify(replacePayload(await resp(h, c('swap-a')), payload(c('swap-b')))),
    ],
  });

  // --- chain, EKU, revocation --------------------------------------------------------------------
  add({
    comment: 'app certificate issued by a CA that is not a trust anchor',
    flags: ['Chain'],
    requirements: ['LOGIN-14'],
    error: 'ERR_PATH_NO_ISSUER',
    steps: [issue(c('untrusted')), verify(await resp(f.untrusted, c('untrusted')))],
  });
  add({
    comment: 'app certificate expired',
    flags: ['Chain'],
    requirements: ['LOGIN-14'],
    error: 'ERR_PATH_EXPIRED',
    steps: [issue(c('expired')), verify(await resp(f.expired, c('expired')))],
  });
  add({
    comment: 'app certificate without the login EKU (consent only)',
    flags: ['Chain'],
    requirements: ['LOGIN-15'],
    error: 'ERR_PATH_EKU',
    steps: [issue(c('eku')), verify(await resp(f.noLoginEku, c('eku')))],
  });
  add({
    comment: 'app certificate revoked (keyCompromise) on the CA CRL',
    flags: ['Revocation'],
    requirements: ['LOGIN-16'],
    error: 'ERR_REVOKED',
    steps: [issue(c('revoked')), verify(await resp(f.revoked, c('revoked')))],
  });
  add({
    comment: 'no CRL given under the fail-closed policy',
    flags: ['Revocation'],
    requirements: ['LOGIN-16'],
    error: 'ERR_REVOCATION_UNKNOWN',
    override: { crls: [] },
    steps: [issue(c('nocrl')), verify(await resp(h, c('nocrl')))],
  });

  // --- cross-RP ---------------------------------------------------------------------------------
  add({
    comment: 'pharmacy app certificate presented at the hospital (payload says hospital)',
    flags: ['CrossRp'],
    requirements: ['LOGIN-18'],
    error: 'ERR_LOGIN_BINDING',
    steps: [issue(c('bind')), verify(await signAs(f.pharmacy, payload(c('bind'))))],
  });
  add({
    comment: 'hospital certificate, payload rpId is the pharmacy',
    flags: ['CrossRp'],
    requirements: ['LOGIN-20'],
    error: 'ERR_LOGIN_RP_MISMATCH',
    steps: [issue(c('rp')), verify(await signAs(h, payload(c('rp'), { rpId: PHARMACY })))],
  });
  add({
    comment: 'challenge stored for the pharmacy in a shared store, answered at the hospital',
    flags: ['CrossRp'],
    requirements: ['LOGIN-24'],
    error: 'ERR_LOGIN_RP_MISMATCH',
    steps: [issue(c('shared', { rpId: PHARMACY })), verify(await signAs(h, payload(c('shared'))))],
  });

  // --- payload ----------------------------------------------------------------------------------
  add({
    comment: 'payload with an unknown member',
    flags: ['Payload'],
    requirements: ['LOGIN-19'],
    error: 'ERR_LOGIN_PAYLOAD',
    steps: [issue(c('extra')), verify(await signAs(h, payload(c('extra'), { aud: HOSPITAL })))],
  });
  add({
    comment: 'payload without iat',
    flags: ['Payload'],
    requirements: ['LOGIN-19'],
    error: 'ERR_LOGIN_PAYLOAD',
    steps: [
      issue(c('noiat')),
      verify(await signAs(h, { rpId: HOSPITAL, challenge: c('noiat').challenge })),
    ],
  });
  add({
    comment: 'payload iat is a string',
    flags: ['Payload'],
    requirements: ['LOGIN-19'],
    error: 'ERR_LOGIN_PAYLOAD',
    steps: [issue(c('iatstr')), verify(await signAs(h, payload(c('iatstr'), { iat: String(t) })))],
  });
  add({
    comment: 'payload challenge of 31 bytes',
    flags: ['Payload'],
    requirements: ['LOGIN-19'],
    error: 'ERR_LOGIN_PAYLOAD',
    steps: [
      issue(c('short')),
      verify(
        await signAs(
          h,
          payload(c('short'), {
            challenge: b64(base64urlDecode(c('short').challenge).subarray(1)),
          }),
        ),
      ),
    ],
  });

  // --- challenge --------------------------------------------------------------------------------
  add({
    comment: 'challenge never issued',
    flags: ['Replay'],
    requirements: ['LOGIN-21'],
    error: 'ERR_CHALLENGE_UNKNOWN',
    steps: [verify(await resp(h, c('unknown')))],
  });
  add({
    comment: 'the same response verified twice',
    flags: ['Replay'],
    requirements: ['LOGIN-22', 'LOGIN-05'],
    error: 'ERR_CHALLENGE_REPLAYED',
    steps: [
      issue(c('replay')),
      verify(await resp(h, c('replay'))),
      verify(await resp(h, c('replay'))),
    ],
  });
  add({
    comment: 'a second, freshly signed response for a consumed challenge',
    flags: ['Replay'],
    requirements: ['LOGIN-22'],
    error: 'ERR_CHALLENGE_REPLAYED',
    steps: [
      issue(c('replay2')),
      verify(await resp(h, c('replay2'))),
      verify(await resp(h, c('replay2'), t + 5)),
    ],
  });
  add({
    comment: 'challenge used one second after its expiry',
    flags: ['Replay'],
    requirements: ['LOGIN-25'],
    error: 'ERR_CHALLENGE_EXPIRED',
    steps: [
      issue(c('late')),
      verify(await resp(h, c('late'), LOGIN_NOW + 80), { time: LOGIN_NOW + 91 }),
    ],
  });
  add({
    comment: 'an expired challenge stays consumed',
    flags: ['Replay'],
    requirements: ['LOGIN-25', 'LOGIN-22'],
    error: 'ERR_CHALLENGE_REPLAYED',
    steps: [
      issue(c('late2')),
      verify(await resp(h, c('late2'), LOGIN_NOW + 80), {
        time: LOGIN_NOW + 91,
        expect: 'ERR_CHALLENGE_EXPIRED',
      }),
      verify(await resp(h, c('late2'), LOGIN_NOW + 80), { time: LOGIN_NOW + 92 }),
    ],
  });

  // --- session binding --------------------------------------------------------------------------
  add({
    comment: 'bound challenge, response verified in another session',
    flags: ['Replay', 'CrossRp'],
    requirements: ['LOGIN-08'],
    error: 'ERR_LOGIN_SESSION_BINDING',
    steps: [
      issue(bound),
      verify(await resp(h, bound), { sessionBinding: sessionBindingValue('attacker') }),
    ],
  });
  add({
    comment: 'bound challenge, response without the binding',
    flags: ['Replay'],
    requirements: ['LOGIN-08'],
    error: 'ERR_LOGIN_SESSION_BINDING',
    steps: [
      issue(c('bound2', { sessionBinding: sessionBindingValue('browser-2') })),
      verify(await signAs(h, payload(c('bound2')))),
    ],
  });
  add({
    comment: 'bound challenge and matching response, but the verifier names no session',
    flags: ['Replay'],
    requirements: ['LOGIN-08'],
    error: 'ERR_LOGIN_SESSION_BINDING',
    steps: [
      issue(c('bound4', { sessionBinding: sessionBindingValue('browser-4') })),
      verify(await resp(h, c('bound4', { sessionBinding: sessionBindingValue('browser-4') }))),
    ],
  });
  add({
    comment: 'unbound challenge, response claims a binding',
    flags: ['Replay'],
    requirements: ['LOGIN-08'],
    error: 'ERR_LOGIN_SESSION_BINDING',
    steps: [
      issue(c('bound3')),
      verify(
        await signAs(h, payload(c('bound3'), { sessionBinding: sessionBindingValue('browser-3') })),
      ),
    ],
  });

  // --- iat ----------------------------------------------------------------------------------------
  add({
    comment: 'iat one second earlier than challenge iat − clockTolerance',
    flags: ['ClockSkew'],
    requirements: ['LOGIN-26'],
    error: 'ERR_LOGIN_IAT',
    steps: [
      issue(c('early')),
      verify(await signAs(h, payload(c('early'), { iat: LOGIN_NOW - 91 }))),
    ],
  });
  add({
    comment: 'iat one second later than time + clockTolerance',
    flags: ['ClockSkew'],
    requirements: ['LOGIN-26'],
    error: 'ERR_LOGIN_IAT',
    steps: [
      issue(c('future')),
      verify(await signAs(h, payload(c('future'), { iat: LOGIN_NOW + 61 }))),
    ],
  });

  // --- order ------------------------------------------------------------------------------------
  add({
    comment: 'wrong RP binding and unknown challenge: the binding is reported',
    flags: ['CheckOrder'],
    requirements: ['LOGIN-12', 'LOGIN-18'],
    error: 'ERR_LOGIN_BINDING',
    steps: [verify(await signAs(f.pharmacy, payload(c('order1'))))],
  });
  add({
    comment: 'revoked certificate and bad signature: the signature is reported',
    flags: ['CheckOrder'],
    requirements: ['LOGIN-12', 'LOGIN-13'],
    error: 'ERR_SIGNATURE_INVALID',
    steps: [issue(c('order2')), verify(corruptSignature(await resp(f.revoked, c('order2'))))],
  });
  add({
    comment:
      'payload for another RP of a consumed challenge: the RP is reported, before the replay',
    flags: ['CheckOrder'],
    requirements: ['LOGIN-12', 'LOGIN-20'],
    error: 'ERR_LOGIN_RP_MISMATCH',
    steps: [
      issue(c('order3')),
      verify(await resp(h, c('order3'))),
      verify(await signAs(h, payload(c('order3'), { rpId: PHARMACY }))),
    ],
  });
  add({
    comment: 'expired challenge and iat out of tolerance: the expiry is reported',
    flags: ['CheckOrder'],
    requirements: ['LOGIN-12', 'LOGIN-25'],
    error: 'ERR_CHALLENGE_EXPIRED',
    steps: [
      issue(c('order4')),
      verify(await signAs(h, payload(c('order4'), { iat: LOGIN_NOW - 200 })), {
        time: LOGIN_NOW + 100,
      }),
    ],
  });

  // --- configuration ----------------------------------------------------------------------------
  add({
    comment: 'clockTolerance of 301 s is refused',
    flags: ['Config'],
    requirements: ['LOGIN-27'],
    error: 'ERR_INVALID_ARGUMENT',
    override: { clockTolerance: 301 },
    steps: [issue(c('tol')), verify(await resp(h, c('tol')))],
  });
  return cases;
}

interface ChallengeCase {
  readonly comment: string;
  readonly flags: readonly string[];
  readonly requirements: readonly string[];
  readonly text: string;
  readonly error?: ErrorCode;
}

function challengeCases(): ChallengeCase[] {
  const good = challengeFor('decode');
  const text = encodeLoginChallenge(good);
  const canon = (o: JsonObject): string => new TextDecoder().decode(canonicalizeToBytes(o));
  const json = loginChallengeToJson(good);
  const bad = (comment: string, requirements: string[], t: string): ChallengeCase => ({
    comment,
    flags: ['Malformed'],
    requirements,
    text: t,
    error: 'ERR_LOGIN',
  });
  return [
    { comment: 'valid challenge', flags: ['Valid'], requirements: ['LOGIN-04'], text },
    {
      comment: 'valid challenge with a session binding',
      flags: ['Valid'],
      requirements: ['LOGIN-04'],
      text: encodeLoginChallenge({ ...good, sessionBinding: sessionBindingValue('decode') }),
    },
    {
      comment: 'lifetime of exactly 300 s',
      flags: ['Valid', 'Boundary'],
      requirements: ['LOGIN-03'],
      text: canon({ ...json, exp: good.iat + 300 }),
    },
    bad('unknown member', ['LOGIN-04'], canon({ ...json, nonce: 'x' })),
    bad(
      'missing exp',
      ['LOGIN-04'],
      canon({ rpId: good.rpId, challenge: good.challenge, iat: good.iat }),
    ),
    bad(
      'challenge of 33 bytes',
      ['LOGIN-04'],
      canon({ ...json, challenge: b64(new Uint8Array(33)) }),
    ),
    bad(
      'session binding of 16 bytes',
      ['LOGIN-04'],
      canon({ ...json, sessionBinding: b64(new Uint8Array(16)) }),
    ),
    bad('iat as a string', ['LOGIN-04'], canon({ ...json, iat: String(good.iat) })),
    bad(
      'members not in canonical order',
      ['LOGIN-04'],
      JSON.stringify({ rpId: good.rpId, challenge: good.challenge, iat: good.iat, exp: good.exp }),
    ),
    bad('whitespace after a colon', ['LOGIN-04'], text.replace('"iat":', '"iat": ')),
    bad('a JSON array', ['LOGIN-04'], '[]'),
    bad(
      'rpId with an upper-case letter',
      ['LOGIN-01'],
      canon({ ...json, rpId: 'Hospital.example' }),
    ),
    bad('rpId with a port', ['LOGIN-01'], canon({ ...json, rpId: 'hospital.example:443' })),
    bad('rpId that is an IPv4 literal', ['LOGIN-01'], canon({ ...json, rpId: '192.0.2.1' })),
    bad('lifetime of 301 s', ['LOGIN-03'], canon({ ...json, exp: good.iat + 301 })),
    bad('exp equal to iat', ['LOGIN-03'], canon({ ...json, exp: good.iat })),
  ];
}

interface ResponseCase {
  readonly comment: string;
  readonly flags: readonly string[];
  readonly requirements: readonly string[];
  readonly challenge: string;
  readonly time: number;
  readonly error?: ErrorCode;
}

function responseCases(): ResponseCase[] {
  const good = challengeFor('app-side');
  return [
    {
      comment: 'the app signs a challenge of its own RP',
      flags: ['Valid'],
      requirements: ['LOGIN-09', 'LOGIN-10', 'LOGIN-11'],
      challenge: encodeLoginChallenge(good),
      time: LOGIN_NOW - 20,
    },
    {
      comment: 'with a session binding, copied into the payload',
      flags: ['Valid'],
      requirements: ['LOGIN-10'],
      challenge: encodeLoginChallenge({ ...good, sessionBinding: sessionBindingValue('app-side') }),
      time: LOGIN_NOW - 20,
    },
    {
      comment: "the app refuses a challenge of another RP (the pharmacy's)",
      flags: ['CrossRp'],
      requirements: ['LOGIN-09'],
      challenge: encodeLoginChallenge({ ...good, rpId: PHARMACY }),
      time: LOGIN_NOW - 20,
      error: 'ERR_LOGIN',
    },
    {
      comment: 'the app refuses a challenge expired by its clock',
      flags: ['Replay'],
      requirements: ['LOGIN-09'],
      challenge: encodeLoginChallenge(good),
      time: good.exp + 1,
      error: 'ERR_LOGIN',
    },
    {
      comment: 'the app refuses a malformed challenge',
      flags: ['Malformed'],
      requirements: ['LOGIN-04'],
      challenge: `${encodeLoginChallenge(good)} `,
      time: LOGIN_NOW - 20,
      error: 'ERR_LOGIN',
    },
  ];
}

// ------------------------------------------------------------------------------------------------
// The file
// ------------------------------------------------------------------------------------------------

/** The shared members of a verification group over the test PKI. @internal */
export function verifierGroupMembers(f: LoginPki): Record<string, JsonValue> {
  return {
    rpId: HOSPITAL,
    trustAnchors: [b64(f.root)],
    intermediates: [],
    crls: f.crls.map(b64),
    revocationMode: 'require',
    clockTolerance: 60,
  };
}

/**
 * Runs one generated case through the suite's own runner and records it, refusing to write a
 * vector whose outcome is not the one the case declares (shared by the login and qr suites). @internal
 */
export async function finishCase(
  suite: string,
  tests: VectorTest[],
  tcId: number,
  c: {
    comment: string;
    flags: readonly string[];
    requirements: readonly string[];
    error?: ErrorCode;
  },
  input: Record<string, unknown>,
  run: () => Promise<CaseOutcome>,
): Promise<void> {
  const base = {
    tcId,
    comment: c.comment,
    flags: [...c.flags],
    requirements: [...c.requirements],
    input,
  };
  const outcome = await run();
  if (c.error !== undefined) {
    if (outcome.result !== 'invalid' || outcome.error !== c.error)
      throw new Error(
        `${suite} vectors: "${c.comment}" should fail with ${c.error} but gives ${outcome.error ?? outcome.result} ${outcome.reason ?? ''}`,
      );
    tests.push({ ...base, result: 'invalid', error: c.error });
  } else {
    if (outcome.result !== 'valid')
      throw new Error(
        `${suite} vectors: "${c.comment}" should be valid but gives ${outcome.error ?? outcome.result} ${outcome.reason ?? ''}`,
      );
    tests.push(
      outcome.output === undefined
        ? { ...base, result: 'valid' }
        : { ...base, result: 'valid', output: outcome.output },
    );
  }
}

async function generate(): Promise<VectorFile> {
  const f = await loginPki();
  let tcId = 0;
  const groups: VectorGroup[] = [];

  const shared = verifierGroupMembers(f);
  const verifyTests: VectorTest[] = [];
  for (const c of await verifyCases(f)) {
    const input: Record<string, unknown> = {
      steps: c.steps as unknown as JsonValue,
      ...(c.override ?? {}),
    };
    await finishCase('login', verifyTests, ++tcId, c, input, () =>
      runLoginSteps({ ...shared, ...input }),
    );
  }
  groups.push({ type: 'verifyLoginResponse', ...shared, tests: verifyTests });

  const decodeTests: VectorTest[] = [];
  for (const c of challengeCases()) {
    const input = { challenge: c.text };
    await finishCase('login', decodeTests, ++tcId, c, input, () => runDecodeChallenge(input));
  }
  groups.push({ type: 'decodeLoginChallenge', tests: decodeTests });

  const appShared = {
    privateKey: b64(f.hospital.privateKey),
    certificateChain: f.hospital.chain.map(b64),
  };
  const createTests: VectorTest[] = [];
  for (const c of responseCases()) {
    const input = { challenge: c.challenge, time: c.time };
    await finishCase('login', createTests, ++tcId, c, input, () =>
      runCreateResponse({ ...appShared, ...input }),
    );
  }
  groups.push({ type: 'createLoginResponse', ...appShared, tests: createTests });

  return {
    schema: 'jitsuin-vectors-v1',
    suite: 'login',
    specVersion: SPEC_VERSION,
    numberOfTests: tcId,
    notes: NOTES,
    testGroups: groups,
  };
}

/** The generator of `vectors/login.json`. */
export const loginGenerator: VectorGenerator = { name: 'login', generate };
