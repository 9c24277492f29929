/**
 * The `consent` vector suite (`spec/consent.md` Appendix A): the flows (a single transfer, a
 * narrowed decision, a bundle, a multi-use grant) and one negative per rule, each breaking exactly
 * that rule. Deterministic: the TEST consent PKI (HKDF-labelled keys, RFC 6979), fixed nonces and
 * times. Certificates and CRLs are base64url DER; tokens are JWS Compact.
 * The judge of its cases is `src/conformance/suites/consent.ts`.
 * @module
 */
import type { ErrorCode } from '../../src/errors.js';
import { base64urlDecode, base64urlEncode } from '../../src/encoding/base64url.js';
import { hexEncode } from '../../src/encoding/hex.js';
import { utf8Encode } from '../../src/encoding/utf8.js';
import type { JsonObject, JsonValue } from '../../src/encoding/json-value.js';
import { sha256 } from '../../src/crypto/hash.js';
import { signJws } from '../../src/jws/sign.js';
import { JWS_TYP } from '../../src/jws/typ.js';
import { createConsentRequest, decodeConsentRequest } from '../../src/consent/request.js';
import { createConsentDecision, createWithdrawal } from '../../src/consent/decision.js';
import { authorizeTransfer } from '../../src/consent/authorize.js';
import { MemoryConsentUseStore, MemoryWithdrawalStore } from '../../src/consent/stores.js';
import { consentIdOf, type ConsentTrustOptions } from '../../src/consent/trust.js';
import { logConsentEvent, type ConsentEvent } from '../../src/consent/evidence.js';
import { WriterEvidenceLog } from '../../src/consent/log.js';
import {
  addCheckpoint,
  commitEntry,
  cosignatureSigner,
  ed25519NoteSigner,
  LogWriter,
  MemoryTileStore,
  MemoryWitnessStateStore,
  parseReceipt,
} from '../../src/ledger/index.js';
import {
  bloodTestDraft,
  bundleDraft,
  CONSENT_RP,
  CONSENT_TIME,
  createConsentPki,
  type ConsentParty,
  type ConsentPki,
  type ConsentRequestDraft,
} from '../testpki/consent.js';
import { SPEC_VERSION } from '../../src/conformance/version.js';
import type { VectorFile, VectorGroup, VectorNote } from '../../src/conformance/types.js';
import { numberTests, unnumbered, type UnnumberedTest } from './numbering.js';
import type { VectorGenerator } from './types.js';

const NOTES: Readonly<Record<string, VectorNote>> = {
  Valid: { bugType: 'BASIC', description: 'Follows every rule of spec/consent.md.' },
  Bundle: {
    bugType: 'FUNCTIONALITY',
    description: 'A request of several transfers approved with one tap, each evaluated on its own.',
  },
  Narrowed: {
    bugType: 'FUNCTIONALITY',
    description: 'The person approved fewer transfers or items than asked for.',
  },
  ForgedSigner: {
    bugType: 'AUTH_BYPASS',
    description: "Signed by a key the verifier's anchors did not certify for this purpose.",
  },
  WrongRp: {
    bugType: 'AUTH_BYPASS',
    description: 'The payload names another RP than the signing certificate.',
  },
  Malformed: {
    bugType: 'MODIFIED_PARAMETER',
    description: 'A payload member is missing, extra, ill-typed or breaks a structural rule.',
  },
  Display: {
    bugType: 'MODIFIED_PARAMETER',
    description:
      'A display text lacks an element of the display rule, has them out of order, or is too long.',
  },
  Expired: { bugType: 'EDGE_CASE', description: 'Outside the validity window of the consent.' },
  OtherPerson: {
    bugType: 'AUTH_BYPASS',
    description: 'Signed by, or evaluated for, another person.',
  },
  Binding: {
    bugType: 'AUTH_BYPASS',
    description: 'Refers to another consent request (cross-request reuse, or an altered request).',
  },
  Refused: { bugType: 'BASIC', description: 'The person said no.' },
  Widened: {
    bugType: 'AUTH_BYPASS',
    description: 'The decision approves more than the request asked for.',
  },
  Scope: { bugType: 'AUTH_BYPASS', description: 'A transfer or item outside the approved subset.' },
  Recipient: {
    bugType: 'AUTH_BYPASS',
    description: 'The data would go to another recipient than approved.',
  },
  Purpose: {
    bugType: 'AUTH_BYPASS',
    description: 'The data would be used for another purpose than approved.',
  },
  Withdrawn: { bugType: 'AUTH_BYPASS', description: 'The person withdrew the consent.' },
  Replay: {
    bugType: 'AUTH_BYPASS',
    description: 'The use limit is exhausted (a single-use decision replayed).',
  },
  TypConfusion: { bugType: 'WRONG_PRIMITIVE', description: 'A token of another message kind.' },
  Revoked: { bugType: 'AUTH_BYPASS', description: 'The app certificate is revoked.' },
  WrongEku: {
    bugType: 'AUTH_BYPASS',
    description: 'The certificate lacks the key purpose consent signing needs.',
  },
};

const PURPOSE = 'https://w3id.org/dpv#ProvisionOfHealthcare';
const b64 = base64urlEncode;
const nonce = (label: string): Uint8Array =>
  sha256(utf8Encode(`jitsuin/vectors/consent/nonce/${label}`));
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** The payload `createConsentRequest` would sign for `draft`. */
function payloadOf(draft: ConsentRequestDraft): JsonObject {
  return clone({
    v: 1,
    requester: draft.requester,
    person: b64(draft.person),
    nonce: b64(draft.nonce!),
    iat: draft.iat,
    exp: draft.exp,
    uses: draft.uses ?? 1,
    purpose: draft.purpose,
    retention: draft.retention,
    transfers: draft.transfers,
    display: draft.display,
  }) as unknown as JsonObject;
}

const rawSign = (typ: string, payload: JsonObject, party: ConsentParty): Promise<string> =>
  signJws({ typ, payload, certificateChain: party.chain, signer: party.signer });

interface Built {
  readonly pki: ConsentPki;
  readonly trust: ConsentTrustOptions;
}

type Case = {
  comment: string;
  flags: string[];
  requirements: string[];
  input: Record<string, unknown>;
  error?: ErrorCode;
  output?: unknown;
};

function test(c: Case): UnnumberedTest {
  return c.error === undefined
    ? {
        comment: c.comment,
        flags: c.flags,
        requirements: c.requirements,
        input: c.input,
        result: 'valid',
        ...(c.output === undefined ? {} : { output: c.output }),
      }
    : {
        comment: c.comment,
        flags: c.flags,
        requirements: c.requirements,
        input: c.input,
        result: 'invalid',
        error: c.error,
      };
}

function group(type: string, shared: Record<string, unknown>, cases: readonly Case[]): VectorGroup {
  return { type, ...shared, tests: cases.map((c) => unnumbered(test(c))) };
}

/** Decides with `app` on `token` (shown at `time`), approving `approved` (default all). */
async function decide(
  b: Built,
  token: string,
  app: ConsentParty,
  options: {
    decision?: 'approve' | 'refuse';
    approved?: { transfer: string; items: number[] }[];
    time?: number;
  } = {},
): Promise<string> {
  const screen = await decodeConsentRequest(token, { ...b.trust, time: CONSENT_TIME + 10 });
  return createConsentDecision({
    request: screen,
    decision: options.decision ?? 'approve',
    ...(options.approved === undefined ? {} : { approved: options.approved }),
    signer: app.signer,
    certificateChain: app.chain,
    time: options.time ?? CONSENT_TIME + 30,
  });
}

async function requestCases(b: Built): Promise<Case[]> {
  const { pki } = b;
  const hospitalA = pki.rp[CONSENT_RP.hospitalA];
  const draft = bloodTestDraft(pki, nonce('request'));
  const good = await createConsentRequest({
    ...draft,
    signer: hospitalA.signer,
    certificateChain: hospitalA.chain,
  });
  const bundle = await createConsentRequest({
    ...bundleDraft(pki, nonce('bundle')),
    signer: hospitalA.signer,
    certificateChain: hospitalA.chain,
  });
  const base = payloadOf(draft);
  const signedVariant = async (
    edit: (p: JsonObject & Record<string, any>) => void,
    party: ConsentParty = hospitalA,
  ): Promise<string> => {
    const p = clone(base) as JsonObject & Record<string, any>;
    edit(p);
    return rawSign(JWS_TYP.consentRequest, p, party);
  };
  const org = pki.organisation[CONSENT_RP.hospitalA]!;
  const out = (token: string, transfers: string[]) => ({
    consentId: consentIdOf(token),
    requester: CONSENT_RP.hospitalA,
    organisation: org,
    transfers,
  });
  const inv = (
    comment: string,
    flags: string[],
    requirements: string[],
    token: string,
    error: ErrorCode,
    extra: Record<string, unknown> = {},
  ): Case => ({ comment, flags, requirements, input: { token, ...extra }, error });
  const day = 86_400;
  return [
    {
      comment: "hospital A asks for last year's blood tests and images at hospital B",
      flags: ['Valid'],
      requirements: ['CON-01', 'CON-02', 'CON-12', 'CON-14'],
      input: { token: good.token },
      output: out(good.token, ['labs']),
    },
    {
      comment: 'the same request shown in English',
      flags: ['Valid'],
      requirements: ['CON-13', 'CON-14'],
      input: { token: good.token, lang: 'en' },
      output: out(good.token, ['labs']),
    },
    {
      comment: 'a bundle: prescription to the pharmacy and transport, one request',
      flags: ['Valid', 'Bundle'],
      requirements: ['CON-04', 'CON-12'],
      input: { token: bundle.token },
      output: out(bundle.token, ['prescription', 'transport']),
    },
    inv(
      "signed by a relying-party certificate from a look-alike CA with the trusted root's name",
      ['ForgedSigner'],
      ['CON-01'],
      await signedVariant(() => undefined, pki.forgedHospitalA),
      'ERR_PATH_SIGNATURE',
    ),
    inv(
      'signed by an organisation certificate without the relying-party consent key purpose',
      ['ForgedSigner', 'WrongEku'],
      ['CON-01', 'CERT-50'],
      await signedVariant(() => undefined, pki.hospitalAWithoutConsentEku),
      'ERR_PATH_EKU',
    ),
    inv(
      'the pharmacy signs a request that names hospital A as requester',
      ['WrongRp'],
      ['CON-02', 'CERT-52'],
      await signedVariant(() => undefined, pki.rp[CONSENT_RP.pharmacy]),
      'ERR_CONSENT_RP',
    ),
    inv(
      'a decision token presented as a request',
      ['TypConfusion'],
      ['CON-01'],
      await rawSign(JWS_TYP.consentDecision, base, hospitalA),
      'ERR_JWS_TYP',
    ),
    inv(
      'exp before iat',
      ['Malformed'],
      ['CON-03'],
      await signedVariant((p) => {
        p.exp = p.iat - 1;
      }),
      'ERR_CONSENT_REQUEST',
    ),
    inv(
      'validity of 367 days',
      ['Malformed'],
      ['CON-03'],
      await signedVariant((p) => {
        p.exp = p.iat + 367 * day;
      }),
      'ERR_CONSENT_REQUEST',
    ),
    inv(
      'an unknown member',
      ['Malformed'],
      ['CON-03'],
      await signedVariant((p) => {
        p.extra = true;
      }),
      'ERR_CONSENT_REQUEST',
    ),
    inv(
      'uses 0',
      ['Malformed'],
      ['CON-03'],
      await signedVariant((p) => {
        p.uses = 0;
      }),
      'ERR_CONSENT_REQUEST',
    ),
    inv(
      'two transfers with the same id',
      ['Malformed'],
      ['CON-04'],
      await signedVariant((p) => {
        p.transfers = [p.transfers[0], { ...p.transfers[0], provider: CONSENT_RP.pharmacy }];
      }),
      'ERR_CONSENT_REQUEST',
    ),
    inv(
      'a data item with neither identifier nor time_range',
      ['Malformed'],
      ['CON-05'],
      await signedVariant((p) => {
        delete p.transfers[0].authorization_details[0].time_range;
      }),
      'ERR_CONSENT_REQUEST',
    ),
    inv(
      'a time_range that ends before it starts',
      ['Malformed'],
      ['CON-34'],
      await signedVariant((p) => {
        const t = p.transfers[0].authorization_details[0].time_range;
        [t.from, t.to] = [t.to, t.from];
      }),
      'ERR_CONSENT_REQUEST',
    ),
    inv(
      'provider and recipient are the same RP',
      ['Malformed'],
      ['CON-06'],
      await signedVariant((p) => {
        p.transfers[0].recipient = p.transfers[0].provider;
      }),
      'ERR_CONSENT_REQUEST',
    ),
    inv(
      "display text without the requester's organisation name",
      ['Display'],
      ['CON-12'],
      await signedVariant((p) => {
        p.display.ja = p.display.ja.replaceAll(org, 'A病院');
      }),
      'ERR_CONSENT_DISPLAY',
    ),
    inv(
      'display text without the transfer text',
      ['Display'],
      ['CON-12'],
      await signedVariant((p) => {
        p.display.ja = p.display.ja.replace(draft.transfers[0]!.text.ja, '検査結果');
      }),
      'ERR_CONSENT_DISPLAY',
    ),
    inv(
      'display text with the retention before the purpose',
      ['Display'],
      ['CON-12'],
      await signedVariant((p) => {
        p.display.ja = `保存期間: ${draft.retention.text.ja}\n${p.display.ja.replace(`保存期間: ${draft.retention.text.ja}`, '')}`;
      }),
      'ERR_CONSENT_DISPLAY',
    ),
    inv(
      'display text without the last day of validity',
      ['Display'],
      ['CON-12'],
      await signedVariant((p) => {
        p.display.ja = p.display.ja.replace(/\d{4}-\d{2}-\d{2}/, '来週');
      }),
      'ERR_CONSENT_DISPLAY',
    ),
    inv(
      'display text of 2001 characters',
      ['Display'],
      ['CON-13'],
      await signedVariant((p) => {
        p.display.ja = `${p.display.ja}${'。'.repeat(2001 - p.display.ja.length)}`;
      }),
      'ERR_CONSENT_DISPLAY',
    ),
    inv(
      'English display text while the purpose has no English',
      ['Display'],
      ['CON-13'],
      await signedVariant((p) => {
        delete p.purpose.text.en;
      }),
      'ERR_CONSENT_DISPLAY',
    ),
    inv(
      'shown after the last second of validity',
      ['Expired'],
      ['CON-27'],
      good.token,
      'ERR_CONSENT_EXPIRED',
      { time: draft.exp + 1 },
    ),
  ];
}

function displayCases(b: Built): Case[] {
  const draft = bloodTestDraft(b.pki, nonce('display'));
  const request = payloadOf(draft);
  const org = b.pki.organisation[CONSENT_RP.hospitalA]!;
  const text = draft.display.ja;
  const rendering = `【同意のお願い】\n${text}\n[同意しない] [同意する]`;
  const c = (
    comment: string,
    flags: string[],
    requirements: string[],
    t: string,
    error?: ErrorCode,
    lang = 'ja',
  ): Case => ({
    comment,
    flags,
    requirements,
    input: { text: t, request, organisation: org, lang },
    ...(error === undefined ? { output: {} } : { error }),
  });
  return [
    c(
      "an app's own rendering that contains every element in order",
      ['Valid'],
      ['CON-12', 'CON-14'],
      rendering,
    ),
    c('the English display text', ['Valid'], ['CON-12'], draft.display.en!, undefined, 'en'),
    c(
      'a rendering that leaves out the purpose',
      ['Display'],
      ['CON-12'],
      rendering.replace(draft.purpose.text.ja, ''),
      'ERR_CONSENT_DISPLAY',
    ),
    c(
      'a rendering that puts the transfer after the retention',
      ['Display'],
      ['CON-12'],
      `${rendering.replace(draft.transfers[0]!.text.ja, '')}\n${draft.transfers[0]!.text.ja}`,
      'ERR_CONSENT_DISPLAY',
    ),
    c(
      'a rendering of 2001 characters',
      ['Display'],
      ['CON-13'],
      `${rendering}${' '.repeat(2001 - rendering.length)}`,
      'ERR_CONSENT_DISPLAY',
    ),
    c(
      'the Japanese text checked as English',
      ['Display'],
      ['CON-12'],
      text,
      'ERR_CONSENT_DISPLAY',
      'en',
    ),
  ];
}

async function authorizeCases(b: Built): Promise<Case[]> {
  const { pki } = b;
  const hospitalA = pki.rp[CONSENT_RP.hospitalA];
  const draft = bloodTestDraft(pki, nonce('authorize'));
  const req = await createConsentRequest({
    ...draft,
    signer: hospitalA.signer,
    certificateChain: hospitalA.chain,
  });
  const other = await createConsentRequest({
    ...bloodTestDraft(pki, nonce('authorize/other')),
    signer: hospitalA.signer,
    certificateChain: hospitalA.chain,
  });
  const multi = await createConsentRequest({
    ...bloodTestDraft(pki, nonce('authorize/multi')),
    uses: 3,
    signer: hospitalA.signer,
    certificateChain: hospitalA.chain,
  });
  const bundle = await createConsentRequest({
    ...bundleDraft(pki, nonce('authorize/bundle')),
    signer: hospitalA.signer,
    certificateChain: hospitalA.chain,
  });
  const hanako = pki.hanako.hospitalApp;
  const approve = await decide(b, req.token, hanako);
  const base = {
    request: req.token,
    decision: approve,
    transfer: 'labs',
    recipient: CONSENT_RP.hospitalA,
    purpose: PURPOSE,
    customer: b64(pki.hanako.commonCode),
    withdrawn: false,
    usesBefore: 0,
    provider: CONSENT_RP.hospitalB,
  };
  const ok = (
    comment: string,
    flags: string[],
    requirements: string[],
    over: Record<string, unknown>,
    output: unknown,
  ): Case => ({ comment, flags, requirements, input: { ...base, ...over }, output });
  const inv = (
    comment: string,
    flags: string[],
    requirements: string[],
    over: Record<string, unknown>,
    error: ErrorCode,
  ): Case => ({ comment, flags, requirements, input: { ...base, ...over }, error });
  const decisionPayload = (over: Record<string, unknown>): JsonObject =>
    clone({
      v: 1,
      request: req.consentId,
      decision: 'approve',
      approved: [{ transfer: 'labs', items: [0, 1] }],
      iat: CONSENT_TIME + 30,
      ...over,
    }) as JsonObject;
  const narrowed = await decide(b, req.token, hanako, {
    approved: [{ transfer: 'labs', items: [0] }],
  });
  const bundleDecision = await decide(b, bundle.token, pki.hanako.pharmacyApp, {
    approved: [{ transfer: 'prescription', items: [0] }],
  });
  const bundleBase = {
    request: bundle.token,
    decision: bundleDecision,
    provider: CONSENT_RP.hospitalA,
  };
  return [
    ok(
      'hospital B authorises the approved transfer of both items',
      ['Valid'],
      ['CON-17', 'CON-28'],
      {},
      { consent: req.consentId, use: 1, items: [0, 1] },
    ),
    ok(
      'only the blood test approved; the blood test is sent',
      ['Valid', 'Narrowed'],
      ['CON-08', 'CON-24'],
      { decision: narrowed, items: [0] },
      { consent: req.consentId, use: 1, items: [0] },
    ),
    ok(
      'a grant of 3 uses, used twice before',
      ['Valid'],
      ['CON-28'],
      { request: multi.token, decision: await decide(b, multi.token, hanako), usesBefore: 2 },
      { consent: consentIdOf(multi.token), use: 3, items: [0, 1] },
    ),
    ok(
      'bundle: the prescription transfer, approved in the pharmacy app',
      ['Valid', 'Bundle'],
      ['CON-17'],
      { ...bundleBase, transfer: 'prescription', recipient: CONSENT_RP.pharmacy },
      { consent: bundle.consentId, use: 1, items: [0] },
    ),
    inv(
      'bundle: the transport transfer the person unticked',
      ['Bundle', 'Scope'],
      ['CON-24'],
      { ...bundleBase, transfer: 'transport', recipient: CONSENT_RP.transport },
      'ERR_CONSENT_SCOPE',
    ),
    inv(
      'the decision signed by an app certificate without the consent key purpose',
      ['WrongEku'],
      ['CON-18'],
      {
        decision: await rawSign(
          JWS_TYP.consentDecision,
          decisionPayload({}),
          pki.hanako.loginOnlyApp,
        ),
      },
      'ERR_PATH_EKU',
    ),
    inv(
      'the decision signed by a revoked app certificate',
      ['Revoked'],
      ['CON-18'],
      {
        decision: await rawSign(
          JWS_TYP.consentDecision,
          decisionPayload({}),
          pki.hanako.revokedApp,
        ),
      },
      'ERR_REVOKED',
    ),
    inv(
      'a request token presented as the decision',
      ['TypConfusion'],
      ['CON-18'],
      { decision: req.token },
      'ERR_JWS_TYP',
    ),
    inv(
      'an approval without approved',
      ['Malformed'],
      ['CON-07'],
      {
        decision: await rawSign(
          JWS_TYP.consentDecision,
          decisionPayload({ approved: undefined }),
          hanako,
        ),
      },
      'ERR_CONSENT_DECISION',
    ),
    inv(
      'a refusal that carries approved',
      ['Malformed'],
      ['CON-07'],
      {
        decision: await rawSign(
          JWS_TYP.consentDecision,
          decisionPayload({ decision: 'refuse' }),
          hanako,
        ),
      },
      'ERR_CONSENT_DECISION',
    ),
    inv(
      'item indices not ascending',
      ['Malformed'],
      ['CON-07'],
      {
        decision: await rawSign(
          JWS_TYP.consentDecision,
          decisionPayload({ approved: [{ transfer: 'labs', items: [1, 0] }] }),
          hanako,
        ),
      },
      'ERR_CONSENT_DECISION',
    ),
    inv(
      'the decision approves a transfer the request does not ask for',
      ['Widened'],
      ['CON-08'],
      {
        decision: await rawSign(
          JWS_TYP.consentDecision,
          decisionPayload({
            approved: [
              { transfer: 'labs', items: [0] },
              { transfer: 'genome', items: [0] },
            ],
          }),
          hanako,
        ),
      },
      'ERR_CONSENT_SCOPE',
    ),
    inv(
      'the decision approves item 2 of a transfer of two items',
      ['Widened'],
      ['CON-08'],
      {
        decision: await rawSign(
          JWS_TYP.consentDecision,
          decisionPayload({ approved: [{ transfer: 'labs', items: [0, 2] }] }),
          hanako,
        ),
      },
      'ERR_CONSENT_SCOPE',
    ),
    inv(
      'a decision made for another request of the same person',
      ['Binding'],
      ['CON-19'],
      { decision: await decide(b, other.token, hanako) },
      'ERR_CONSENT_BINDING',
    ),
    inv(
      'the purpose changed after approval (request re-signed, old decision)',
      ['Binding', 'Purpose'],
      ['CON-19'],
      {
        request: await rawSign(
          JWS_TYP.consentRequest,
          (() => {
            const p = payloadOf(draft);
            (p['purpose'] as Record<string, unknown>)['code'] = 'https://w3id.org/dpv#Marketing';
            return p;
          })(),
          hospitalA,
        ),
      },
      'ERR_CONSENT_BINDING',
    ),
    inv(
      "the decision signed by another person's app",
      ['OtherPerson'],
      ['CON-20'],
      { decision: await rawSign(JWS_TYP.consentDecision, decisionPayload({}), pki.taro.app) },
      'ERR_CONSENT_PERSON',
    ),
    inv(
      "the provider's customer record is another person",
      ['OtherPerson'],
      ['CON-21'],
      { customer: b64(pki.taro.commonCode) },
      'ERR_CONSENT_PERSON',
    ),
    inv(
      'the person refused',
      ['Refused'],
      ['CON-22'],
      { decision: await decide(b, req.token, hanako, { decision: 'refuse' }) },
      'ERR_CONSENT_REFUSED',
    ),
    inv(
      'a transfer id the request does not have',
      ['Scope'],
      ['CON-23'],
      { transfer: 'genome' },
      'ERR_CONSENT_PROVIDER',
    ),
    inv(
      "the pharmacy tries to run hospital B's transfer",
      ['Scope'],
      ['CON-23'],
      { provider: CONSENT_RP.pharmacy },
      'ERR_CONSENT_PROVIDER',
    ),
    inv(
      'the imaging item, when only the blood test was approved',
      ['Scope', 'Narrowed'],
      ['CON-24'],
      { decision: narrowed, items: [1] },
      'ERR_CONSENT_SCOPE',
    ),
    inv(
      'the data would go to the pharmacy',
      ['Recipient'],
      ['CON-25'],
      { recipient: CONSENT_RP.pharmacy },
      'ERR_CONSENT_RECIPIENT',
    ),
    inv(
      'the provider was told another purpose',
      ['Purpose'],
      ['CON-26'],
      { purpose: 'https://w3id.org/dpv#Marketing' },
      'ERR_CONSENT_PURPOSE',
    ),
    inv(
      'one second after the end of validity',
      ['Expired'],
      ['CON-27'],
      { time: draft.exp + 1 },
      'ERR_CONSENT_EXPIRED',
    ),
    inv(
      'a decision dated after the end of validity',
      ['Expired'],
      ['CON-27'],
      {
        decision: await rawSign(
          JWS_TYP.consentDecision,
          decisionPayload({ iat: draft.exp + 1 }),
          hanako,
        ),
        time: draft.exp,
      },
      'ERR_CONSENT_EXPIRED',
    ),
    inv(
      'the person withdrew the consent',
      ['Withdrawn'],
      ['CON-11'],
      { withdrawn: true },
      'ERR_CONSENT_WITHDRAWN',
    ),
    inv(
      'the single-use decision replayed for a second transfer',
      ['Replay'],
      ['CON-28'],
      { usesBefore: 1 },
      'ERR_CONSENT_USED_UP',
    ),
  ];
}

async function recordCases(b: Built): Promise<Case[]> {
  const { pki } = b;
  const hospitalA = pki.rp[CONSENT_RP.hospitalA];
  const hospitalB = pki.rp[CONSENT_RP.hospitalB];
  const req = await createConsentRequest({
    ...bloodTestDraft(pki, nonce('record')),
    signer: hospitalA.signer,
    certificateChain: hospitalA.chain,
  });
  const other = await createConsentRequest({
    ...bloodTestDraft(pki, nonce('record/other')),
    signer: hospitalA.signer,
    certificateChain: hospitalA.chain,
  });
  const decision = await decide(b, req.token, pki.hanako.hospitalApp, {
    approved: [{ transfer: 'labs', items: [0] }],
  });
  const secondDecision = await decide(b, req.token, pki.hanako.hospitalApp, {
    time: CONSENT_TIME + 31,
  });
  const t = await authorizeTransfer({
    ...b.trust,
    rpId: CONSENT_RP.hospitalB,
    request: req.token,
    decision,
    transfer: 'labs',
    recipient: CONSENT_RP.hospitalA,
    purpose: PURPOSE,
    customer: pki.hanako.commonCode,
    useStore: new MemoryConsentUseStore(),
    withdrawalStore: new MemoryWithdrawalStore(),
    signer: hospitalB.signer,
    certificateChain: hospitalB.chain,
  });
  const payload = JSON.parse(
    new TextDecoder().decode(base64urlDecode(t.record.split('.')[1]!)),
  ) as JsonObject;
  const variant = (
    over: Record<string, JsonValue | undefined>,
    party: ConsentParty = hospitalB,
  ): Promise<string> =>
    rawSign(JWS_TYP.transferRecord, clone({ ...payload, ...over }) as JsonObject, party);
  const base = { recipient: CONSENT_RP.hospitalA, request: req.token, decision };
  const inv = (
    comment: string,
    flags: string[],
    requirements: string[],
    record: string,
    error: ErrorCode,
    over: Record<string, unknown> = {},
  ): Case => ({ comment, flags, requirements, input: { ...base, record, ...over }, error });
  return [
    {
      comment: "hospital A verifies hospital B's record of the blood test",
      flags: ['Valid', 'Narrowed'],
      requirements: ['CON-31', 'CON-01', 'CON-02'],
      input: { ...base, record: t.record },
      output: { consent: req.consentId, transfer: 'labs', items: [0], use: 1 },
    },
    inv(
      'the record checked by another recipient',
      ['Recipient'],
      ['CON-31'],
      t.record,
      'ERR_CONSENT_RECIPIENT',
      { recipient: CONSENT_RP.pharmacy },
    ),
    inv(
      'signed by the pharmacy while naming hospital B as provider',
      ['WrongRp'],
      ['CON-02'],
      await variant({}, pki.rp[CONSENT_RP.pharmacy]),
      'ERR_CONSENT_RP',
    ),
    inv(
      'signed by a key certified by a look-alike CA',
      ['ForgedSigner'],
      ['CON-01'],
      await variant({ provider: CONSENT_RP.hospitalA }, pki.forgedHospitalA),
      'ERR_PATH_SIGNATURE',
    ),
    inv(
      'the imaging item, which the person did not approve',
      ['Scope'],
      ['CON-31', 'CON-24'],
      await variant({ items: [0, 1] }),
      'ERR_CONSENT_SCOPE',
    ),
    inv(
      'the record is checked with another request than the one it names',
      ['Binding'],
      ['CON-31'],
      t.record,
      'ERR_CONSENT_BINDING',
      { request: other.token },
    ),
    inv(
      'the record is checked with another decision than the one it names',
      ['Binding'],
      ['CON-31'],
      t.record,
      'ERR_CONSENT_BINDING',
      { decision: secondDecision },
    ),
    inv(
      'a record naming another request, with the decision made for this one',
      ['Binding'],
      ['CON-19'],
      await variant({ consent: other.consentId }),
      'ERR_CONSENT_BINDING',
      { request: other.token },
    ),
    inv(
      "a person other than the request's",
      ['OtherPerson'],
      ['CON-31'],
      await variant({ person: b64(pki.taro.commonCode) }),
      'ERR_TRANSFER_RECORD',
    ),
    inv(
      'use 2 of a single-use grant',
      ['Replay'],
      ['CON-31'],
      await variant({ use: 2 }),
      'ERR_TRANSFER_RECORD',
    ),
    inv(
      'an unknown member',
      ['Malformed'],
      ['CON-31'],
      await variant({ note: 'x' }),
      'ERR_TRANSFER_RECORD',
    ),
  ];
}

async function withdrawalCases(b: Built): Promise<Case[]> {
  const { pki } = b;
  const hospitalA = pki.rp[CONSENT_RP.hospitalA];
  const req = await createConsentRequest({
    ...bloodTestDraft(pki, nonce('withdrawal')),
    signer: hospitalA.signer,
    certificateChain: hospitalA.chain,
  });
  const w = (party: ConsentParty, consentId = req.consentId): Promise<string> =>
    createWithdrawal({
      consentId,
      signer: party.signer,
      certificateChain: party.chain,
      time: CONSENT_TIME + 40,
    });
  const base = { request: req.token };
  return [
    {
      comment: 'withdrawn from the pharmacy app, not the app that approved',
      flags: ['Valid'],
      requirements: ['CON-10'],
      input: { ...base, withdrawal: await w(pki.hanako.pharmacyApp) },
      output: { consent: req.consentId },
    },
    {
      comment: "withdrawn by another person's app",
      flags: ['OtherPerson'],
      requirements: ['CON-10'],
      input: { ...base, withdrawal: await w(pki.taro.app) },
      error: 'ERR_CONSENT_PERSON',
    },
    {
      comment: 'a withdrawal of another consent',
      flags: ['Binding'],
      requirements: ['CON-19'],
      input: {
        ...base,
        withdrawal: await w(pki.hanako.pharmacyApp, b64(sha256(utf8Encode('another')))),
      },
      error: 'ERR_CONSENT_BINDING',
    },
    {
      comment: 'signed by an app key without the consent purpose',
      flags: ['WrongEku'],
      requirements: ['CON-18'],
      input: { ...base, withdrawal: await w(pki.hanako.loginOnlyApp) },
      error: 'ERR_PATH_EKU',
    },
    {
      comment: 'a withdrawal without iat',
      flags: ['Malformed'],
      requirements: ['CON-10'],
      input: {
        ...base,
        withdrawal: await rawSign(
          JWS_TYP.consentWithdrawal,
          { v: 1, consent: req.consentId },
          pki.hanako.pharmacyApp,
        ),
      },
      error: 'ERR_CONSENT_WITHDRAWAL',
    },
  ];
}

/** The evidence group: a deterministic log (Ed25519 log key, one witness, salts from fixed labels). */
async function evidenceCases(b: Built): Promise<{ cases: Case[]; policy: string }> {
  const { pki } = b;
  const seed = (label: string): Uint8Array =>
    sha256(utf8Encode(`jitsuin/vectors/consent/${label}`));
  const logSigner = ed25519NoteSigner('log.example.jp/consent', seed('log-key'));
  const witness = cosignatureSigner('witness.example.jp', seed('witness-key'));
  const writer = await LogWriter.create({ store: new MemoryTileStore(), signer: logSigner });
  const witnessConfig = {
    logs: new Map([[logSigner.verifier.name, [logSigner.verifier]]]),
    signers: [witness],
    state: new MemoryWitnessStateStore(),
    now: () => CONSENT_TIME,
  };
  let saltCount = 0;
  const log = new WriterEvidenceLog(writer, [(body) => addCheckpoint(witnessConfig, body)], () =>
    seed(`salt/${saltCount++}`),
  );
  const policy = `log ${logSigner.verifier.vkey}\nwitness w ${witness.verifier.vkey}\nquorum w\n`;
  const hospitalA = pki.rp[CONSENT_RP.hospitalA];
  const hospitalB = pki.rp[CONSENT_RP.hospitalB];
  const req = await createConsentRequest({
    ...bloodTestDraft(pki, nonce('evidence')),
    signer: hospitalA.signer,
    certificateChain: hospitalA.chain,
  });
  const other = await createConsentRequest({
    ...bloodTestDraft(pki, nonce('evidence/other')),
    signer: hospitalA.signer,
    certificateChain: hospitalA.chain,
  });
  const decision = await decide(b, req.token, pki.hanako.hospitalApp);
  const events = [
    await logConsentEvent(log, 'request', req.token),
    await logConsentEvent(log, 'decision', decision),
  ];
  const trustedAt2 = parseReceipt(events[1]!.receipt).checkpoint;
  const t = await authorizeTransfer({
    ...b.trust,
    rpId: CONSENT_RP.hospitalB,
    request: req.token,
    decision,
    transfer: 'labs',
    recipient: CONSENT_RP.hospitalA,
    purpose: PURPOSE,
    customer: pki.hanako.commonCode,
    useStore: new MemoryConsentUseStore(),
    withdrawalStore: new MemoryWithdrawalStore(),
    signer: hospitalB.signer,
    certificateChain: hospitalB.chain,
    log,
  });
  events.push(t.evidence!);
  const w = await createWithdrawal({
    consentId: req.consentId,
    signer: pki.hanako.pharmacyApp.signer,
    certificateChain: pki.hanako.pharmacyApp.chain,
    time: CONSENT_TIME + 40,
  });
  events.push(await logConsentEvent(log, 'withdrawal', w));
  const foreign = await logConsentEvent(
    log,
    'decision',
    await decide(b, other.token, pki.hanako.hospitalApp),
  );
  const trustedNow = parseReceipt(foreign.receipt).checkpoint;
  // The app trusts size 2; the events' checkpoints have sizes 1..4: proofs from each to 4.
  const proofs: Record<string, string[]> = {};
  for (const m of [1, 2, 3])
    proofs[`${m} 4`] = (await writer.consistencyProof(m, 4)).map(hexEncode);
  // A fork of the same size as the trusted tree, cosigned with the witness key under a fresh state (key stolen).
  const fork = await LogWriter.create({ store: new MemoryTileStore(), signer: logSigner });
  for (const e of events) fork.appendLeaf(commitEntry(utf8Encode(e.token), e.salt).commitment);
  fork.appendLeaf(
    commitEntry(utf8Encode('(not the foreign decision)'), seed('fork-salt')).commitment,
  );
  const forkNote = await fork.integrate();
  const stolen = await addCheckpoint(
    { ...witnessConfig, state: new MemoryWitnessStateStore() },
    `old 0\n\n${forkNote}`,
  );
  const forkReceipt = await fork.receipt(
    0,
    stolen.body.split('\n').filter((l) => l !== ''),
  );
  const ev = (e: ConsentEvent) => ({
    kind: e.kind,
    token: e.token,
    salt: hexEncode(e.salt),
    receipt: e.receipt,
  });
  const all = events.map(ev);
  const out = { consent: req.consentId, indices: [0, 1, 2, 3], records: 1, withdrawals: 1 };
  const inv = (
    comment: string,
    flags: string[],
    requirements: string[],
    input: Record<string, unknown>,
    error: ErrorCode,
  ): Case => ({ comment, flags, requirements, input, error });
  return {
    policy,
    cases: [
      {
        comment: 'request, decision, transfer record and withdrawal, each with a cosigned receipt',
        flags: ['Valid'],
        requirements: ['CON-30', 'CON-32', 'CON-33'],
        input: { events: all },
        output: out,
      },
      {
        comment:
          'the same, the app trusting an earlier checkpoint (size 2) and checking consistency',
        flags: ['Valid'],
        requirements: ['CON-32'],
        input: { events: all, trusted: trustedAt2, proofs },
        output: out,
      },
      inv(
        'an event without its receipt',
        ['Malformed'],
        ['CON-33'],
        { events: [all[0], { ...all[1], receipt: null }] },
        'ERR_CONSENT_EVIDENCE',
      ),
      inv(
        'no request among the events',
        ['Malformed'],
        ['CON-33'],
        { events: all.slice(1) },
        'ERR_CONSENT_EVIDENCE',
      ),
      inv(
        'a transfer record whose decision is not in the evidence',
        ['Binding'],
        ['CON-33'],
        { events: [all[0], all[2]] },
        'ERR_CONSENT_EVIDENCE',
      ),
      inv(
        'a decision of another consent',
        ['Binding'],
        ['CON-33', 'CON-19'],
        { events: [all[0], ev(foreign)] },
        'ERR_CONSENT_BINDING',
      ),
      inv(
        'a receipt for an entry not in the tree (another salt)',
        ['Binding'],
        ['CON-32'],
        { events: [all[0], { ...all[1], salt: hexEncode(seed('wrong-salt')) }] },
        'ERR_LOG_PROOF',
      ),
      inv(
        'a receipt without the witness cosignature the policy requires',
        ['ForgedSigner'],
        ['CON-32'],
        { events: [{ ...all[0], receipt: await writer.receipt(0) }] },
        'ERR_LOG_QUORUM',
      ),
      inv(
        'a receipt against a fork of the tree the app trusts, cosigned with a stolen witness key',
        ['ForgedSigner'],
        ['CON-32'],
        { events: [{ ...all[0], receipt: forkReceipt }], trusted: trustedNow, proofs: {} },
        'ERR_LOG_MISBEHAVIOUR',
      ),
    ],
  };
}

async function generate(): Promise<VectorFile> {
  const pki = await createConsentPki();
  const trust: ConsentTrustOptions = {
    trustAnchors: [pki.root],
    revocation: { crls: pki.crls, mode: 'require' },
    time: CONSENT_TIME + 60,
  };
  const b: Built = { pki, trust };
  const shared = {
    trustAnchors: [b64(pki.root)],
    crls: pki.crls.map(b64),
    time: CONSENT_TIME + 60,
  };
  const providers = {
    providerKeys: Object.fromEntries(
      Object.values(CONSENT_RP).map((rp) => [rp, hexEncode(pki.rp[rp].key.privateKey)]),
    ),
    providerChains: Object.fromEntries(
      Object.values(CONSENT_RP).map((rp) => [rp, pki.rp[rp].chain.map(b64)]),
    ),
  };
  const evidence = await evidenceCases(b);
  const groups = numberTests([
    group('decode-request', shared, await requestCases(b)),
    group('check-display', {}, displayCases(b)),
    group('authorize', { ...shared, ...providers }, await authorizeCases(b)),
    group('verify-record', shared, await recordCases(b)),
    group('verify-withdrawal', shared, await withdrawalCases(b)),
    group('verify-evidence', { ...shared, policy: evidence.policy }, evidence.cases),
  ]);
  const numberOfTests = groups.reduce((n, g) => n + g.tests.length, 0);
  return {
    schema: 'jitsuin-vectors-v1',
    suite: 'consent',
    specVersion: SPEC_VERSION,
    numberOfTests,
    notes: NOTES,
    testGroups: groups,
  };
}

/** The generator of `vectors/consent.json`. */
export const consentGenerator: VectorGenerator = { name: 'consent', generate };
