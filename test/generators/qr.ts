/**
 * The `qr` vector suite (`spec/cross-device.md`): the QR offer URI codec, and whole cross-device
 * flows as step sequences over a fresh session store, on the login suite's deterministic PKI.
 * Each negative case breaks exactly one rule; order cases pin [QR-39].
 * The judge of its cases is `src/conformance/suites/qr.ts`.
 * @module
 */
import { type ErrorCode } from '../../src/errors.js';
import { base64urlEncode } from '../../src/encoding/base64url.js';
import { utf8Encode } from '../../src/encoding/utf8.js';
import type { JsonObject, JsonValue } from '../../src/encoding/json-value.js';
import { sha256 } from '../../src/crypto/hash.js';
import { JWS_TYP } from '../../src/jws/typ.js';
import { createQrApproval } from '../../src/qr/approval.js';
import { type QrSessionContext } from '../../src/qr/flow.js';
import { encodeQrUri, type QrOfferUri } from '../../src/qr/uri.js';
import { encodeQrSessionContext } from '../../src/qr/context.js';
import { canonicalize } from '../../src/encoding/canonicalize.js';
import {
  HOSPITAL,
  LOGIN_NOW,
  PHARMACY,
  finishCase,
  loginPki,
  sessionBindingValue,
  signAs,
  corruptSignature,
  verifierGroupMembers,
  type LoginPki,
  type TestApp,
} from './login.js';
import { SPEC_VERSION } from '../../src/conformance/version.js';
import type {
  VectorFile,
  VectorGroup,
  VectorNote,
  VectorTest,
} from '../../src/conformance/types.js';
import { runDecodeContext, runDecodeUri, runFlow } from '../../src/conformance/suites/qr.js';
import type { VectorGenerator } from './types.js';

const T = LOGIN_NOW;

const token16 = (label: string): string =>
  base64urlEncode(sha256(utf8Encode(`jitsuin/vectors/qr/${label}`)).subarray(0, 16));

/** The explicit values of one offer. */
interface Offer extends QrOfferUri {
  readonly label: string;
  readonly code: string;
  readonly choices: readonly string[];
  readonly browserBinding: string;
}

function offer(label: string, extra: Partial<Offer> = {}): Offer {
  return {
    label,
    rpId: HOSPITAL,
    offerId: token16(`offer/${label}`),
    secret: token16(`secret/${label}`),
    exp: T + 120,
    code: '42',
    choices: ['17', '42', '93'],
    browserBinding: sessionBindingValue(`pc/${label}`),
    ...extra,
  };
}

type Step = Readonly<Record<string, JsonValue>>;

const CONTEXT = { browser: 'Firefox on Windows', place: 'Osaka, JP' };

/** The session context the RP answers to a scan of `o`. */
const contextOf = (o: Offer): QrSessionContext => ({
  rpId: o.rpId,
  offerId: o.offerId,
  ...CONTEXT,
  iat: T,
  exp: o.exp,
  choices: o.choices,
});

const create = (o: Offer): Step => ({
  op: 'create',
  rpId: o.rpId,
  offerId: o.offerId,
  secret: o.secret,
  code: o.code,
  choices: [...o.choices],
  browserBinding: o.browserBinding,
  context: CONTEXT,
  time: T,
  exp: o.exp,
});
const withExpect = (s: Step, expect?: ErrorCode): Step =>
  expect === undefined ? s : { ...s, expect };
const scan = (o: Offer, time = T + 10, expect?: ErrorCode, secret = o.secret): Step =>
  withExpect({ op: 'scan', offerId: o.offerId, secret, time }, expect);
const approve = (token: string, time = T + 20, expect?: ErrorCode): Step =>
  withExpect({ op: 'approve', token, time }, expect);
const deny = (o: Offer, time = T + 20, expect?: ErrorCode, secret = o.secret): Step =>
  withExpect({ op: 'deny', offerId: o.offerId, secret, time }, expect);
const collect = (
  o: Offer,
  time = T + 25,
  expect?: ErrorCode,
  browserBinding = o.browserBinding,
): Step => withExpect({ op: 'collect', offerId: o.offerId, browserBinding, time }, expect);
const poll = (o: Offer, time = T + 26, browserBinding = o.browserBinding): Step => ({
  op: 'poll',
  offerId: o.offerId,
  browserBinding,
  time,
});

const NOTES: Readonly<Record<string, VectorNote>> = {
  Valid: { bugType: 'BASIC', description: 'Follows every rule of spec/cross-device.md.' },
  Boundary: {
    bugType: 'EDGE_CASE',
    description: 'A value exactly at a limit that is still accepted.',
  },
  ContextForm: {
    bugType: 'MODIFIED_PARAMETER',
    description:
      'The session context is not canonical strict JSON with exactly the specified members, or belongs to another offer.',
  },
  UriForm: {
    bugType: 'MODIFIED_PARAMETER',
    description:
      'The QR URI deviates from the one accepted shape (scheme, host, path, query, fragment, encodings).',
  },
  OneTime: {
    bugType: 'AUTH_BYPASS',
    description:
      'An offer scanned, approved or collected a second time, or a wrong one-time secret.',
  },
  Expiry: {
    bugType: 'AUTH_BYPASS',
    description: 'A transition after the offer or its collection window expired.',
  },
  NumberMatching: {
    bugType: 'AUTH_BYPASS',
    description: 'The number picked on the phone is not the one the PC shows (one guess only).',
  },
  SessionBinding: {
    bugType: 'AUTH_BYPASS',
    description:
      'A browser session other than the one that created the offer tries to collect or poll it (QRLJacking).',
  },
  State: {
    bugType: 'AUTH_BYPASS',
    description: 'A transition the state machine does not allow in the current state.',
  },
  Approval: {
    bugType: 'AUTH_BYPASS',
    description:
      'The approval JWS fails a login check (typ, signature, certificate binding, revocation) or its payload is wrong.',
  },
  CrossRp: {
    bugType: 'AUTH_BYPASS',
    description: 'An approval or offer of another relying party.',
  },
  ClockSkew: {
    bugType: 'EDGE_CASE',
    description:
      'The approval iat is outside the tolerance around the scan and the verifier clock.',
  },
  CheckOrder: {
    bugType: 'EDGE_CASE',
    description:
      'The case breaks two rules on purpose; the error is the first in the order of QR-39.',
  },
};

interface FlowCase {
  readonly comment: string;
  readonly flags: readonly string[];
  readonly requirements: readonly string[];
  readonly steps: readonly Step[];
  readonly error?: ErrorCode;
}

async function flowCases(f: LoginPki): Promise<FlowCase[]> {
  const h = f.hospital;
  const approval = (
    o: Offer,
    extra: { code?: string; iat?: number; app?: TestApp } = {},
  ): Promise<string> =>
    createQrApproval({
      offer: o,
      context: contextOf(o),
      code: extra.code ?? o.code,
      signer: (extra.app ?? h).signer,
      certificateChain: (extra.app ?? h).chain,
      time: extra.iat ?? T + 18,
    });
  const payload = (o: Offer, extra: JsonObject = {}): JsonObject => ({
    rpId: o.rpId,
    offerId: o.offerId,
    secret: o.secret,
    code: o.code,
    iat: T + 18,
    ...extra,
  });
  const cases: FlowCase[] = [];
  const add = (c: FlowCase): void => {
    cases.push(c);
  };
  const o = (label: string, extra: Partial<Offer> = {}): Offer => offer(label, extra);
  const happy = (x: Offer): Step[] => [create(x), scan(x)];

  // --- valid flows ---------------------------------------------------------------------------
  let x = o('valid');
  add({
    comment: 'create, scan, approve with the right number, collect by the same browser session',
    flags: ['Valid'],
    requirements: [
      'QR-10',
      'QR-11',
      'QR-12',
      'QR-21',
      'QR-31',
      'QR-32',
      'QR-33',
      'QR-36',
      'QR-50',
      'QR-51',
    ],
    steps: [...happy(x), approve(await approval(x)), collect(x)],
  });
  x = o('context');
  add({
    comment: 'scan returns the session context: RP, browser, place, time, choices, nothing else',
    flags: ['Valid'],
    requirements: ['QR-23', 'QR-20'],
    steps: [create(x), scan(x)],
  });
  x = o('poll');
  add({
    comment: 'the PC polls and sees approved',
    flags: ['Valid'],
    requirements: ['QR-30'],
    steps: [...happy(x), approve(await approval(x)), poll(x)],
  });
  x = o('deny');
  add({
    comment: 'the user declines: the PC sees denied',
    flags: ['Valid'],
    requirements: ['QR-40'],
    steps: [...happy(x), deny(x), poll(x)],
  });
  x = o('edge');
  add({
    comment: 'scan and approval at the expiry second, collection 60 s after approval',
    flags: ['Valid', 'Boundary'],
    requirements: ['QR-34', 'QR-52'],
    steps: [
      create(x),
      scan(x, T + 120),
      approve(await approval(x, { iat: T + 120 }), T + 120),
      collect(x, T + 180),
    ],
  });
  x = o('iat-edge');
  add({
    comment: 'approval iat exactly clockTolerance before the scan',
    flags: ['Valid', 'Boundary', 'ClockSkew'],
    requirements: ['QR-38'],
    steps: [...happy(x), approve(await approval(x, { iat: T + 10 - 60 }))],
  });

  // --- one-time -------------------------------------------------------------------------------
  x = o('reuse');
  add({
    comment: 'offer reused: a second scan of the same QR code',
    flags: ['OneTime'],
    requirements: ['QR-21'],
    error: 'ERR_QR_STATE',
    steps: [...happy(x), scan(x, T + 11)],
  });
  x = o('badsecret');
  add({
    comment: 'scan with a wrong secret',
    flags: ['OneTime'],
    requirements: ['QR-20'],
    error: 'ERR_QR_SECRET',
    steps: [create(x), scan(x, T + 10, undefined, token16('wrong'))],
  });
  x = o('badsecret2');
  add({
    comment: 'a wrong secret changes nothing: the right one still scans',
    flags: ['Valid', 'OneTime'],
    requirements: ['QR-20'],
    steps: [create(x), scan(x, T + 5, 'ERR_QR_SECRET', token16('wrong')), scan(x)],
  });
  x = o('twice');
  add({
    comment: 'the same approval sent twice',
    flags: ['OneTime'],
    requirements: ['QR-33'],
    error: 'ERR_QR_STATE',
    steps: [...happy(x), approve(await approval(x)), approve(await approval(x), T + 21)],
  });
  x = o('collect2');
  add({
    comment: 'collected twice by the right session',
    flags: ['OneTime'],
    requirements: ['QR-51'],
    error: 'ERR_QR_STATE',
    steps: [...happy(x), approve(await approval(x)), collect(x), collect(x, T + 26)],
  });
  x = o('unknown');
  add({
    comment: 'approval of an offer the RP never created',
    flags: ['State'],
    requirements: ['QR-30'],
    error: 'ERR_QR_OFFER_UNKNOWN',
    steps: [approve(await approval(x))],
  });
  x = o('approve-secret');
  add({
    comment: 'approval signed over a wrong secret',
    flags: ['OneTime'],
    requirements: ['QR-35'],
    error: 'ERR_QR_SECRET',
    steps: [...happy(x), approve(await approval({ ...x, secret: token16('wrong') }))],
  });

  // --- state ----------------------------------------------------------------------------------
  x = o('noscan');
  add({
    comment: 'approval of an offer that was never scanned',
    flags: ['State'],
    requirements: ['QR-33'],
    error: 'ERR_QR_STATE',
    steps: [create(x), approve(await approval(x))],
  });
  x = o('denied');
  add({
    comment: 'approval after the user declined',
    flags: ['State'],
    requirements: ['QR-33', 'QR-40'],
    error: 'ERR_QR_STATE',
    steps: [...happy(x), deny(x, T + 15), approve(await approval(x))],
  });
  x = o('deny-pending');
  add({
    comment: 'deny before any scan',
    flags: ['State'],
    requirements: ['QR-40'],
    error: 'ERR_QR_STATE',
    steps: [create(x), deny(x)],
  });
  x = o('early-collect');
  add({
    comment: 'collection before approval',
    flags: ['State'],
    requirements: ['QR-51'],
    error: 'ERR_QR_STATE',
    steps: [...happy(x), collect(x, T + 12)],
  });

  // --- expiry ---------------------------------------------------------------------------------
  x = o('late-scan');
  add({
    comment: 'scan one second after the offer expired',
    flags: ['Expiry'],
    requirements: ['QR-34'],
    error: 'ERR_QR_EXPIRED',
    steps: [create(x), scan(x, T + 121)],
  });
  x = o('late-approve');
  add({
    comment: 'approval one second after the offer expired',
    flags: ['Expiry'],
    requirements: ['QR-34'],
    error: 'ERR_QR_EXPIRED',
    steps: [...happy(x), approve(await approval(x, { iat: T + 119 }), T + 121)],
  });
  x = o('late-collect');
  add({
    comment: 'collection 61 s after approval',
    flags: ['Expiry'],
    requirements: ['QR-52'],
    error: 'ERR_QR_EXPIRED',
    steps: [...happy(x), approve(await approval(x)), collect(x, T + 81)],
  });

  // --- number matching ------------------------------------------------------------------------
  x = o('wrong-number');
  add({
    comment: 'the user picks a decoy',
    flags: ['NumberMatching'],
    requirements: ['QR-36'],
    error: 'ERR_QR_NUMBER',
    steps: [...happy(x), approve(await approval(x, { code: '17' }))],
  });
  x = o('second-guess');
  add({
    comment: 'after a wrong number the offer is denied: the right number no longer helps',
    flags: ['NumberMatching'],
    requirements: ['QR-36'],
    error: 'ERR_QR_STATE',
    steps: [
      ...happy(x),
      approve(await approval(x, { code: '93' }), T + 19, 'ERR_QR_NUMBER'),
      approve(await approval(x)),
    ],
  });

  // --- session binding ------------------------------------------------------------------------
  x = o('hijack');
  add({
    comment: 'another browser session collects the approved login (QRLJacking)',
    flags: ['SessionBinding'],
    requirements: ['QR-50'],
    error: 'ERR_QR_SESSION',
    steps: [
      ...happy(x),
      approve(await approval(x)),
      collect(x, T + 25, undefined, sessionBindingValue('attacker')),
    ],
  });
  x = o('hijack2');
  add({
    comment: 'a failed collection by another session leaves the login to the right one',
    flags: ['Valid', 'SessionBinding'],
    requirements: ['QR-50'],
    steps: [
      ...happy(x),
      approve(await approval(x)),
      collect(x, T + 24, 'ERR_QR_SESSION', sessionBindingValue('attacker')),
      collect(x),
    ],
  });

  // --- approval checks ------------------------------------------------------------------------
  x = o('typ');
  add({
    comment: 'a login token (typ jitsuin-login+jws) over an approval payload',
    flags: ['Approval'],
    requirements: ['QR-31'],
    error: 'ERR_JWS_TYP',
    steps: [...happy(x), approve(await signAs(h, payload(x), JWS_TYP.login))],
  });
  x = o('sig');
  add({
    comment: 'approval signature corrupted',
    flags: ['Approval'],
    requirements: ['QR-31'],
    error: 'ERR_SIGNATURE_INVALID',
    steps: [...happy(x), approve(corruptSignature(await approval(x)))],
  });
  x = o('revoked');
  add({
    comment: 'approval by a revoked app certificate',
    flags: ['Approval'],
    requirements: ['QR-31'],
    error: 'ERR_REVOKED',
    steps: [...happy(x), approve(await approval(x, { app: f.revoked }))],
  });
  x = o('eku');
  add({
    comment: 'approval by a certificate without the login EKU',
    flags: ['Approval'],
    requirements: ['QR-31'],
    error: 'ERR_PATH_EKU',
    steps: [...happy(x), approve(await approval(x, { app: f.noLoginEku }))],
  });
  x = o('binding');
  add({
    comment: 'approval by the pharmacy app for a hospital offer',
    flags: ['Approval', 'CrossRp'],
    requirements: ['QR-31'],
    error: 'ERR_LOGIN_BINDING',
    steps: [...happy(x), approve(await signAs(f.pharmacy, payload(x), JWS_TYP.qrApproval))],
  });
  x = o('extra');
  add({
    comment: 'approval payload with an unknown member',
    flags: ['Approval'],
    requirements: ['QR-32'],
    error: 'ERR_LOGIN_PAYLOAD',
    steps: [
      ...happy(x),
      approve(await signAs(h, payload(x, { decision: 'approve' }), JWS_TYP.qrApproval)),
    ],
  });
  x = o('code3');
  add({
    comment: 'approval code of three digits',
    flags: ['Approval'],
    requirements: ['QR-32'],
    error: 'ERR_LOGIN_PAYLOAD',
    steps: [...happy(x), approve(await signAs(h, payload(x, { code: '042' }), JWS_TYP.qrApproval))],
  });
  x = o('rp');
  add({
    comment: 'approval payload names the pharmacy',
    flags: ['Approval', 'CrossRp'],
    requirements: ['QR-37'],
    error: 'ERR_LOGIN_RP_MISMATCH',
    steps: [
      ...happy(x),
      approve(await signAs(h, payload(x, { rpId: PHARMACY }), JWS_TYP.qrApproval)),
    ],
  });
  x = o('rp-store', { rpId: PHARMACY });
  add({
    comment: 'offer created for the pharmacy in a shared store, approved at the hospital',
    flags: ['CrossRp'],
    requirements: ['QR-37'],
    error: 'ERR_LOGIN_RP_MISMATCH',
    steps: [
      ...happy(x),
      approve(await signAs(h, payload(x, { rpId: HOSPITAL }), JWS_TYP.qrApproval)),
    ],
  });
  x = o('iat-early');
  add({
    comment: 'approval iat one second before scan − clockTolerance',
    flags: ['ClockSkew'],
    requirements: ['QR-38'],
    error: 'ERR_LOGIN_IAT',
    steps: [...happy(x), approve(await approval(x, { iat: T + 10 - 61 }))],
  });
  x = o('iat-late');
  add({
    comment: 'approval iat one second after time + clockTolerance',
    flags: ['ClockSkew'],
    requirements: ['QR-38'],
    error: 'ERR_LOGIN_IAT',
    steps: [...happy(x), approve(await approval(x, { iat: T + 20 + 61 }))],
  });

  x = o('iat-retry');
  add({
    comment:
      'an approval rejected for its iat changes nothing: the offer stays scanned and a correct approval succeeds',
    flags: ['Valid', 'ClockSkew'],
    requirements: ['QR-38', 'QR-30'],
    steps: [
      ...happy(x),
      approve(await approval(x, { iat: T + 20 + 61 }), T + 20, 'ERR_LOGIN_IAT'),
      approve(await approval(x), T + 21),
      collect(x),
    ],
  });

  // --- order ----------------------------------------------------------------------------------
  x = o('order1');
  add({
    comment: 'expired and wrong number: expiry is reported',
    flags: ['CheckOrder'],
    requirements: ['QR-39', 'QR-34'],
    error: 'ERR_QR_EXPIRED',
    steps: [...happy(x), approve(await approval(x, { code: '17', iat: T + 119 }), T + 121)],
  });
  x = o('order2');
  add({
    comment: 'wrong secret and expired: the secret is reported',
    flags: ['CheckOrder'],
    requirements: ['QR-39', 'QR-35'],
    error: 'ERR_QR_SECRET',
    steps: [
      ...happy(x),
      approve(await approval({ ...x, secret: token16('wrong') }, { iat: T + 119 }), T + 121),
    ],
  });
  x = o('order3');
  add({
    comment: 'never scanned and iat out of tolerance: the state is reported',
    flags: ['CheckOrder'],
    requirements: ['QR-39', 'QR-33'],
    error: 'ERR_QR_STATE',
    steps: [create(x), approve(await approval(x, { iat: T + 100 }))],
  });
  x = o('order4');
  add({
    comment: 'iat out of tolerance and wrong number: the iat is reported, the offer stays scanned',
    flags: ['CheckOrder'],
    requirements: ['QR-39', 'QR-38'],
    error: 'ERR_LOGIN_IAT',
    steps: [...happy(x), approve(await approval(x, { code: '17', iat: T + 100 }))],
  });
  return cases;
}

interface UriCase {
  readonly comment: string;
  readonly flags: readonly string[];
  readonly requirements: readonly string[];
  readonly uri: string;
  readonly rpId?: string;
  readonly time?: number;
  readonly error?: ErrorCode;
}

function uriCases(): UriCase[] {
  const good = encodeQrUri(offer('uri'));
  const O = token16('offer/uri');
  const S = token16('secret/uri');
  const bad = (comment: string, requirements: string[], uri: string): UriCase => ({
    comment,
    flags: ['UriForm'],
    requirements,
    uri,
    error: 'ERR_QR',
  });
  // A canonical 22-character token ends in A, Q, g or w (low 4 bits zero); B sets one of them.
  const lastBits = (t: string): string => `${t.slice(0, 21)}B`;
  return [
    {
      comment: 'valid QR URI',
      flags: ['Valid'],
      requirements: ['QR-01', 'QR-02', 'QR-03', 'QR-04'],
      uri: good,
    },
    {
      comment: 'valid, for this app and not expired (at the expiry second)',
      flags: ['Valid', 'Boundary'],
      requirements: ['QR-05', 'QR-06'],
      uri: good,
      rpId: HOSPITAL,
      time: T + 120,
    },
    bad('http scheme', ['QR-01'], good.replace('https:', 'http:')),
    bad('upper-case scheme', ['QR-01'], good.replace('https:', 'HTTPS:')),
    bad('custom scheme', ['QR-01'], good.replace('https://', 'jitsuin://')),
    bad('userinfo', ['QR-01'], good.replace('://', '://user@')),
    bad('port', ['QR-01'], good.replace(HOSPITAL, `${HOSPITAL}:443`)),
    bad('IPv4 literal host', ['QR-01', 'LOGIN-01'], good.replace(HOSPITAL, '192.0.2.1')),
    bad('upper-case host', ['QR-01'], good.replace(HOSPITAL, 'Hospital.example')),
    bad('trailing dot in the host', ['QR-01'], good.replace(HOSPITAL, `${HOSPITAL}.`)),
    bad('another path', ['QR-01'], good.replace('/qr#', '/login#')),
    bad('trailing slash in the path', ['QR-01'], good.replace('/qr#', '/qr/#')),
    bad('a query before the fragment', ['QR-01'], good.replace('#', '?from=mail#')),
    bad('the offer in the query instead of the fragment', ['QR-01'], good.replace('#', '?')),
    bad('version 2', ['QR-02'], good.replace('v=1', 'v=2')),
    bad('members reordered', ['QR-02'], good.replace(`o=${O}&s=${S}`, `s=${S}&o=${O}`)),
    bad('an extra member (a name)', ['QR-02', 'QR-04'], `${good}&name=Taro`),
    bad('a member repeated', ['QR-02'], good.replace('v=1&', 'v=1&v=1&')),
    bad('a percent-encoded character', ['QR-02'], good.replace('v=1', 'v%3D1')),
    bad('expiry with a leading zero', ['QR-02'], good.replace('&e=', '&e=0')),
    bad('offer id of 21 characters', ['QR-02'], good.replace(O, O.slice(0, 21))),
    bad('offer id with non-zero trailing bits', ['QR-03'], good.replace(O, lastBits(O))),
    bad('secret with non-zero trailing bits', ['QR-03'], good.replace(S, lastBits(S))),
    {
      comment: 'a URI for another RP than the app belongs to',
      flags: ['CrossRp'],
      requirements: ['QR-05'],
      uri: good,
      rpId: PHARMACY,
      error: 'ERR_QR',
    },
    {
      comment: 'expired by the app clock',
      flags: ['Expiry'],
      requirements: ['QR-06'],
      uri: good,
      rpId: HOSPITAL,
      time: T + 121,
      error: 'ERR_QR_EXPIRED',
    },
  ];
}

interface ContextCase {
  readonly comment: string;
  readonly flags: readonly string[];
  readonly requirements: readonly string[];
  readonly context: string;
  readonly offer?: QrOfferUri;
  readonly error?: ErrorCode;
}

function contextCases(): ContextCase[] {
  const o = offer('ctx');
  const scanned: QrOfferUri = { rpId: o.rpId, offerId: o.offerId, secret: o.secret, exp: o.exp };
  const ctx = contextOf(o);
  const json = { ...ctx, choices: [...ctx.choices] } as unknown as JsonObject;
  const text = encodeQrSessionContext(ctx);
  const bad = (comment: string, context: string, off?: QrOfferUri): ContextCase => ({
    comment,
    flags: ['ContextForm'],
    requirements: ['QR-23'],
    context,
    ...(off === undefined ? {} : { offer: off }),
    error: 'ERR_QR',
  });
  return [
    {
      comment: 'valid context of the scanned offer',
      flags: ['Valid'],
      requirements: ['QR-23'],
      context: text,
      offer: scanned,
    },
    {
      comment: 'valid context, no offer to compare with',
      flags: ['Valid'],
      requirements: ['QR-23'],
      context: text,
    },
    bad('the number as an extra member', canonicalize({ ...json, code: o.code })),
    bad('an account name as an extra member', canonicalize({ ...json, account: 'yamada.taro' })),
    bad('two choices', canonicalize({ ...json, choices: ['17', '42'] })),
    bad('choices not distinct', canonicalize({ ...json, choices: ['42', '42', '93'] })),
    bad('choices as numbers', canonicalize({ ...json, choices: [17, 42, 93] })),
    bad('empty place', canonicalize({ ...json, place: '' })),
    bad('browser with a control character', canonicalize({ ...json, browser: 'Firefox\u0000' })),
    bad('lifetime of 121 s', canonicalize({ ...json, exp: T + 121 })),
    bad('members not in canonical order', JSON.stringify(ctx)),
    bad('context of another offer', text, { ...scanned, offerId: token16('offer/other') }),
    bad('context of another RP', text, { ...scanned, rpId: PHARMACY }),
    bad('context with another expiry than the QR code', text, { ...scanned, exp: o.exp - 1 }),
  ];
}

async function generate(): Promise<VectorFile> {
  const f = await loginPki();
  let tcId = 0;
  const groups: VectorGroup[] = [];
  const uriTests: VectorTest[] = [];
  for (const c of uriCases()) {
    const input: Record<string, unknown> = {
      uri: c.uri,
      ...(c.rpId === undefined ? {} : { rpId: c.rpId }),
      ...(c.time === undefined ? {} : { time: c.time }),
    };
    await finishCase('qr', uriTests, ++tcId, c, input, () => runDecodeUri(input));
  }
  groups.push({ type: 'decodeQrUri', tests: uriTests });
  const contextTests: VectorTest[] = [];
  for (const c of contextCases()) {
    const input: Record<string, unknown> = {
      context: c.context,
      ...(c.offer === undefined ? {} : { offer: { ...c.offer } }),
    };
    await finishCase('qr', contextTests, ++tcId, c, input, () => runDecodeContext(input));
  }
  groups.push({ type: 'decodeQrSessionContext', tests: contextTests });
  const shared = verifierGroupMembers(f);
  const flowTests: VectorTest[] = [];
  for (const c of await flowCases(f)) {
    const input: Record<string, unknown> = { steps: c.steps as unknown as JsonValue };
    await finishCase('qr', flowTests, ++tcId, c, input, () => runFlow({ ...shared, ...input }));
  }
  groups.push({ type: 'qrFlow', ...shared, tests: flowTests });
  return {
    schema: 'jitsuin-vectors-v1',
    suite: 'qr',
    specVersion: SPEC_VERSION,
    numberOfTests: tcId,
    notes: NOTES,
    testGroups: groups,
  };
}

/** The generator of `vectors/qr.json`. */
export const qrGenerator: VectorGenerator = { name: 'qr', generate };
