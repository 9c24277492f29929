/**
 * The consent part of the demo (spec/consent.md): the CA certifies four relying parties; hospital
 * A (hospital.example) asks for last year's blood test at hospital B; the phone shows the exact
 * text; the person approves; B authorizes and records the transfer; A verifies the record; the
 * phone verifies every receipt and keeps its checkpoint; then the one-tap bundle (prescription to
 * the pharmacy, transport to the taxi) and the attacks, each with its error code and requirement.
 * Every event goes into a real evidence log (the ledger's writer) cosigned by a witness.
 * @module
 */
import type { ErrorCode } from '../../errors.js';
import { utf8Encode } from '../../encoding/utf8.js';
import { derivePrivateKey, getEcPublicKey, signEcdsa } from '../../crypto/ecdsa.js';
import { exportSpki } from '../../crypto/keys.js';
import { signJws, JWS_TYP, type JwsSigner } from '../../jws/index.js';
import { buildCertificate, keyIdentifier } from '../../x509/builder.js';
import { parseCertificate } from '../../x509/certificate.js';
import { formatCommonCode } from '../../x509/common-code.js';
import { name } from '../../x509/name.js';
import { JITSUIN_OID } from '../../x509/oids.js';
import { buildAppAuthenticationCertificate } from '../../x509/profile-builders.js';
import { buildRelyingPartyCertificate } from '../../x509/rp-certificate.js';
import type { RevocationOptions } from '../../x509/revocation/index.js';
import {
  addCheckpoint,
  cosignatureSigner,
  ed25519NoteSigner,
  LogWriter,
  MemoryCheckpointStateStore,
  MemoryTileStore,
  MemoryWitnessStateStore,
  commitEntry,
  parsePolicy,
} from '../../ledger/index.js';
import {
  appiRecords,
  authorizeTransfer,
  createConsentDecision,
  createConsentRequest,
  createWithdrawal,
  decodeConsentRequest,
  logConsentEvent,
  MemoryConsentUseStore,
  MemoryWithdrawalStore,
  recordWithdrawal,
  verifyConsentEvidence,
  verifyTransferRecord,
  WriterEvidenceLog,
  type ConsentEvent,
  type ConsentTransfer,
  type ConsentText,
} from '../../consent/index.js';
import { jsonText, pem, type DemoOutput } from './output.js';
import type { DemoCaPki } from './pki.js';
import type { EnrolledApp } from './enroll.js';
import { DEMO_SEED, demoRandom } from './random.js';
import { buildCrl } from '../../x509/revocation/build-crl.js';

/** The RPs of the consent scenario; hospital A is the demo's hospital. */
export const CONSENT_DEMO_RP = {
  hospitalA: 'hospital.example',
  hospitalB: 'hospital-b.example',
  pharmacy: 'pharmacy.example',
  transport: 'transport.example',
} as const;

/** What the consent scenario needs from the main demo. */
export interface ConsentDemoContext {
  readonly out: DemoOutput;
  readonly ca: DemoCaPki;
  /** CRLs of the demo CAs as they are now (the RP CA's CRL is added here). */
  readonly crls: readonly Uint8Array[];
  /** The person's app used for consent (a certified app with the consent purpose). */
  readonly app: EnrolledApp;
  readonly time: number;
  readonly check: (name: string, passed: boolean, detail: string) => void;
  readonly attack: (
    spec: { name: string; description: string; code: ErrorCode; requirement: string },
    run: () => Promise<unknown>,
  ) => Promise<unknown>;
}

interface RpParty {
  readonly rpId: string;
  readonly organisation: string;
  readonly signer: JwsSigner;
  readonly chain: readonly Uint8Array[];
}

const softwareKey = (
  label: string,
): { privateKey: Uint8Array; spki: Uint8Array; signer: JwsSigner } => {
  const privateKey = derivePrivateKey(DEMO_SEED, `demo/consent/${label}`);
  return {
    privateKey,
    spki: exportSpki(getEcPublicKey(privateKey)),
    signer: (m) => Promise.resolve(signEcdsa(privateKey, m)),
  };
};
const certSigner = (k: { privateKey: Uint8Array }) => ({
  algorithm: 'ES256' as const,
  signatureFormat: 'raw' as const,
  sign: (tbs: Uint8Array) => Promise.resolve(signEcdsa(k.privateKey, tbs)),
});
const jst = (t: number): string => new Date((t + 9 * 3600) * 1000).toISOString().slice(0, 10);

function display(
  org: string,
  purpose: ConsentText,
  transfers: readonly ConsentTransfer[],
  retention: ConsentText,
  exp: number,
): string {
  return [
    `${org}から、あなたの情報の提供についての同意のお願いです。`,
    `目的: ${purpose.ja}`,
    ...transfers.map((t, i) => `${i + 1}. ${t.text.ja}`),
    `保存期間: ${retention.ja}`,
    `この同意は ${jst(exp)} まで有効です。いつでも撤回できます。`,
  ].join('\n');
}

/** Runs the consent scenario; sections are numbered from `first`. */
export async function runConsentScenario(ctx: ConsentDemoContext, first: number): Promise<void> {
  const { out, ca, check, attack } = ctx;
  let n = first;
  const section = (title: string): void => out.section(`${n++}. ${title}`);
  const t0 = ctx.time;

  // The RP issuing CA and the four relying-party certificates -------------------------------------
  section('Consent: the CA certifies four relying parties (relying-party profile)');
  const rpCaKey = softwareKey('rp-ca');
  const rpCaName = name([
    ['C', 'JP'],
    ['O', 'jitsuin TEST accredited CA (not a real CA)'],
    ['CN', 'jitsuin TEST RP CA 1'],
  ]);
  const rpCa = await buildCertificate({
    serialNumber: '0a01',
    issuer: ca.root.name,
    subject: rpCaName,
    notBefore: t0 - 86_400,
    notAfter: t0 + 365 * 86_400,
    publicKey: rpCaKey.spki,
    signer: ca.root.signer,
    basicConstraints: { ca: true, pathLenConstraint: 0 },
    keyUsage: ['keyCertSign', 'cRLSign'],
    subjectKeyId: keyIdentifier(rpCaKey.spki),
    authorityKeyId: ca.root.keyId,
    certificatePolicies: [JITSUIN_OID.policyOrganisation],
  });
  const rpCaCrl = await buildCrl({
    issuer: rpCaName,
    thisUpdate: t0 - 3600,
    nextUpdate: t0 + 7 * 86_400,
    crlNumber: 1,
    authorityKeyId: keyIdentifier(rpCaKey.spki),
    signer: certSigner(rpCaKey),
  });
  const revocation: RevocationOptions = { crls: [...ctx.crls, rpCaCrl], mode: 'require' };
  const trust = { trustAnchors: [ca.root.certificate], revocation };
  const orgs: Record<string, string> = {
    [CONSENT_DEMO_RP.hospitalA]: 'TEST 医療法人 A病院',
    [CONSENT_DEMO_RP.hospitalB]: 'TEST 医療法人 B病院',
    [CONSENT_DEMO_RP.pharmacy]: 'TEST みなと薬局',
    [CONSENT_DEMO_RP.transport]: 'TEST さくら介護タクシー',
  };
  const parties: Record<string, RpParty> = {};
  let serial = 0x0a10;
  for (const rpId of Object.values(CONSENT_DEMO_RP)) {
    const k = softwareKey(`rp/${rpId}`);
    const certificate = await buildRelyingPartyCertificate({
      serialNumber: (serial++).toString(16).padStart(4, '0'),
      subject: name([
        ['C', 'JP'],
        ['O', orgs[rpId]!],
        ['CN', rpId],
      ]),
      publicKey: k.spki,
      notBefore: t0 - 86_400,
      notAfter: t0 + 90 * 86_400,
      issuer: { certificate: parseCertificate(rpCa), signer: certSigner(rpCaKey) },
      rpId,
    });
    parties[rpId] = {
      rpId,
      organisation: orgs[rpId]!,
      signer: k.signer,
      chain: [certificate, rpCa],
    };
    out.file(`consent/rp/${rpId}.pem`, pem('CERTIFICATE', certificate));
  }
  out.file('consent/rp/rp-ca.pem', pem('CERTIFICATE', rpCa));
  out.say(
    'Each certificate: O = the organisation the person is shown, the rpId as its only dNSName, EKU organisation + relying-party consent (…2.4).',
  );
  const A = parties[CONSENT_DEMO_RP.hospitalA]!;
  const B = parties[CONSENT_DEMO_RP.hospitalB]!;

  // The evidence log and its witness ----------------------------------------------------------------
  const logSigner = ed25519NoteSigner(
    'log.jitsuin.test/consent',
    derivePrivateKey(DEMO_SEED, 'demo/consent/log').slice(0, 32),
  );
  const witnessKey = derivePrivateKey(DEMO_SEED, 'demo/consent/witness').slice(0, 32);
  const witness = cosignatureSigner('witness.jitsuin.test', witnessKey);
  const witnessConfig = {
    logs: new Map([[logSigner.verifier.name, [logSigner.verifier]]]),
    signers: [witness],
    state: new MemoryWitnessStateStore(),
    now: () => t0,
  };
  const writer = await LogWriter.create({ store: new MemoryTileStore(), signer: logSigner });
  const salts = demoRandom('consent/salts');
  const log = new WriterEvidenceLog(writer, [(body) => addCheckpoint(witnessConfig, body)], () =>
    salts(32),
  );
  const policy = parsePolicy(
    `log ${logSigner.verifier.vkey}\nwitness w ${witness.verifier.vkey}\nquorum w\n`,
  );
  const phoneState = new MemoryCheckpointStateStore();
  const monitor = {
    state: phoneState,
    proof: (a: number, b: number) => log.consistencyProof(a, b),
  };
  out.file(
    'consent/log/policy.txt',
    `log ${logSigner.verifier.vkey}\nwitness w ${witness.verifier.vkey}\nquorum w\n`,
  );

  // Hospital A asks ------------------------------------------------------------------------------
  section("Consent: hospital A asks for last year's blood test kept at hospital B");
  const person = parseCertificate(ctx.app.certificate).commonCode!;
  const purpose = {
    code: 'https://w3id.org/dpv#ProvisionOfHealthcare',
    text: { ja: 'A病院での診療のため' },
  };
  const retention = { days: 365, text: { ja: '受け取ってから1年間' } };
  const labs: ConsentTransfer = {
    id: 'labs',
    provider: B.rpId,
    recipient: A.rpId,
    text: { ja: 'B病院 → A病院: 昨年の血液検査の結果' },
    authorization_details: [
      {
        type: 'jitsuin-health-record',
        actions: ['transfer'],
        datatypes: ['blood-test'],
        time_range: { from: 1_735_657_200, to: 1_767_193_199 },
      },
    ],
  };
  const exp = t0 + 7 * 86_400;
  const draft = {
    requester: A.rpId,
    person,
    iat: t0,
    exp,
    uses: 1,
    purpose,
    retention,
    transfers: [labs],
    display: { ja: display(A.organisation, purpose.text, [labs], retention.text, exp) },
  };
  const request = await createConsentRequest({
    ...draft,
    nonce: demoRandom('consent/nonce')(32),
    signer: A.signer,
    certificateChain: A.chain,
  });
  out.file('consent/blood-test/request.jws', request.token);
  out.say(`Consent id (SHA-256 of the request token): ${request.consentId}`);
  const events: ConsentEvent[] = [await logConsentEvent(log, 'request', request.token)];

  section('Consent: the phone shows the exact text, and the person approves');
  const screen = await decodeConsentRequest(request.token, { ...trust, time: t0 + 5 });
  out.say(
    `The app verified ${screen.requester.organisation} (${screen.requester.rpId}) against its own trust anchor, offline, and shows only this signed text:`,
  );
  out.block(screen.text);
  check(
    'consent-display',
    screen.text === draft.display.ja,
    'the text on the screen is the signed display text, byte for byte, and it passed the display rule (organisation, purpose, transfer, retention, last day)',
  );
  const decision = await createConsentDecision({
    request: screen,
    decision: 'approve',
    signer: ctx.app.device.sign,
    certificateChain: ctx.app.chain,
    time: t0 + 20,
  });
  out.file('consent/blood-test/decision.jws', decision);
  events.push(await logConsentEvent(log, 'decision', decision));
  out.say(
    `The ${ctx.app.label} app signed the decision (SHA-256 of the request it showed) with its hardware key; request and decision are in the log with receipts.`,
  );

  section('Consent: hospital B evaluates and records the transfer; hospital A verifies the record');
  const bUses = new MemoryConsentUseStore();
  const bWithdrawals = new MemoryWithdrawalStore();
  const authorizeAtB = (
    over: { request?: string; decision?: string; time?: number; purpose?: string } = {},
  ) =>
    authorizeTransfer({
      ...trust,
      time: over.time ?? t0 + 60,
      rpId: B.rpId,
      request: over.request ?? request.token,
      decision: over.decision ?? decision,
      transfer: 'labs',
      recipient: A.rpId,
      purpose: over.purpose ?? purpose.code,
      customer: person,
      useStore: bUses,
      withdrawalStore: bWithdrawals,
      signer: B.signer,
      certificateChain: B.chain,
      log,
    });
  const transfer = await authorizeAtB();
  events.push(transfer.evidence!);
  out.file('consent/blood-test/transfer-record.jws', transfer.record);
  out.say(
    `B checked the request and A's certificate, the decision, the app certificate chain and CRLs, the common code against its own customer record, the approved items, recipient, purpose, validity, use count (1 of 1) and withdrawals — all offline.`,
  );
  const received = await verifyTransferRecord(transfer.record, {
    ...trust,
    time: t0 + 65,
    rpId: A.rpId,
    request: request.token,
    decision,
  });
  check(
    'consent-transfer-record',
    received.consentId === request.consentId && received.use === 1,
    `A verified B's transfer record on receipt (APPI Art. 30 confirmation): ${received.dataItems.map((d) => d.datatypes.join('+')).join(', ')} for common code ${formatCommonCode(person)}`,
  );

  section('Consent: the phone verifies every receipt and keeps its checkpoint');
  const evidence = await verifyConsentEvidence(events, {
    ...trust,
    time: t0 + 70,
    policy,
    monitor,
  });
  for (const [i, r] of evidence.receipts.entries())
    out.say(
      `${events[i]!.kind}: leaf ${r.index} of a tree of ${r.checkpoint.size}, signed by the log, cosigned by ${r.witnesses.map((w) => w.name).join(', ')}`,
    );
  out.file(
    'consent/blood-test/receipts.txt',
    events.map((e) => `${e.kind}\n${e.receipt}`).join('\n'),
  );
  out.file('consent/blood-test/appi-records.json', jsonText(appiRecords(evidence)));
  check(
    'consent-receipts',
    evidence.receipts.length === 3 && (await phoneState.get(logSigner.verifier.name)) !== undefined,
    "all three receipts verify offline against the phone's log policy (log key + witness quorum); the phone now trusts the checkpoint and will check every later one for consistency",
  );

  // The bundle -------------------------------------------------------------------------------------
  section('Consent: one tap arranges the prescription at the pharmacy and the transport');
  const rx: ConsentTransfer = {
    id: 'prescription',
    provider: A.rpId,
    recipient: CONSENT_DEMO_RP.pharmacy,
    text: { ja: 'A病院 → みなと薬局: 退院時の処方箋' },
    authorization_details: [
      {
        type: 'jitsuin-prescription',
        actions: ['transfer'],
        datatypes: ['prescription'],
        identifier: 'rx-2026-0401-001',
      },
    ],
  };
  const taxi: ConsentTransfer = {
    id: 'transport',
    provider: A.rpId,
    recipient: CONSENT_DEMO_RP.transport,
    text: { ja: 'A病院 → さくら介護タクシー: 退院日時と車椅子の要否' },
    authorization_details: [
      {
        type: 'jitsuin-transport',
        actions: ['transfer'],
        datatypes: ['discharge-time', 'mobility-needs'],
        identifier: 'discharge-2026-04-02',
      },
    ],
  };
  const bPurpose = {
    code: 'https://w3id.org/dpv#ProvisionOfHealthcare',
    text: { ja: '退院後の処方と移動の手配のため' },
  };
  const bRetention = { days: 30, text: { ja: '手配が終わってから30日間' } };
  const bExp = t0 + 2 * 86_400;
  const bundle = await createConsentRequest({
    requester: A.rpId,
    person,
    iat: t0 + 120,
    exp: bExp,
    uses: 1,
    purpose: bPurpose,
    retention: bRetention,
    transfers: [rx, taxi],
    display: { ja: display(A.organisation, bPurpose.text, [rx, taxi], bRetention.text, bExp) },
    nonce: demoRandom('consent/nonce-bundle')(32),
    signer: A.signer,
    certificateChain: A.chain,
  });
  const bundleScreen = await decodeConsentRequest(bundle.token, { ...trust, time: t0 + 125 });
  out.block(bundleScreen.text);
  const bundleDecision = await createConsentDecision({
    request: bundleScreen,
    decision: 'approve',
    signer: ctx.app.device.sign,
    certificateChain: ctx.app.chain,
    time: t0 + 130,
  });
  out.file('consent/bundle/request.jws', bundle.token);
  out.file('consent/bundle/decision.jws', bundleDecision);
  const aUses = new MemoryConsentUseStore();
  const aWithdrawals = new MemoryWithdrawalStore();
  const runAtA = (t: ConsentTransfer) =>
    authorizeTransfer({
      ...trust,
      time: t0 + 140,
      rpId: A.rpId,
      request: bundle.token,
      decision: bundleDecision,
      transfer: t.id,
      recipient: t.recipient,
      purpose: bPurpose.code,
      customer: person,
      useStore: aUses,
      withdrawalStore: aWithdrawals,
      signer: A.signer,
      certificateChain: A.chain,
      log,
    });
  const rxRecord = await runAtA(rx);
  const taxiRecord = await runAtA(taxi);
  out.file('consent/bundle/prescription-record.jws', rxRecord.record);
  out.file('consent/bundle/transport-record.jws', taxiRecord.record);
  const atPharmacy = await verifyTransferRecord(rxRecord.record, {
    ...trust,
    time: t0 + 145,
    rpId: CONSENT_DEMO_RP.pharmacy,
    request: bundle.token,
    decision: bundleDecision,
  });
  const atTaxi = await verifyTransferRecord(taxiRecord.record, {
    ...trust,
    time: t0 + 145,
    rpId: CONSENT_DEMO_RP.transport,
    request: bundle.token,
    decision: bundleDecision,
  });
  check(
    'consent-bundle',
    atPharmacy.transfer === 'prescription' && atTaxi.transfer === 'transport',
    'one decision, two transfers: each evaluated on its own at hospital A and each record verified by its own recipient (the pharmacy, the taxi)',
  );

  // Attacks ----------------------------------------------------------------------------------------
  section('Consent attack: the purpose changed after approval');
  out.say(
    'Hospital A re-signs the request with purpose "marketing" and sends it to B with the person\'s decision.',
  );
  const altered = await signJws({
    typ: JWS_TYP.consentRequest,
    certificateChain: A.chain,
    signer: A.signer,
    payload: JSON.parse(
      JSON.stringify({
        ...screen.payload,
        purpose: { ...screen.payload.purpose, code: 'https://w3id.org/dpv#Marketing' },
      }),
    ),
  });
  await attack(
    {
      name: 'consent-purpose-changed',
      description:
        'present an altered request (other purpose) with the decision made for the original',
      code: 'ERR_CONSENT_BINDING',
      requirement: 'CON-19',
    },
    () => authorizeAtB({ request: altered, time: t0 + 200 }),
  );

  section('Consent attack: the single-use decision replayed for a second transfer');
  await attack(
    {
      name: 'consent-decision-replayed',
      description: 'run the single-use transfer a second time with the same decision',
      code: 'ERR_CONSENT_USED_UP',
      requirement: 'CON-28',
    },
    () => authorizeAtB({ time: t0 + 210 }),
  );

  section("Consent attack: a decision signed by another person's app");
  const otherKey = softwareKey('other-person-app');
  // Issued in the same week as the person's own app, so it names the same CRL partition (REV-41).
  const own = parseCertificate(ctx.app.chain[0] as Uint8Array);
  const partitionUris = (own.crlDistributionPoints ?? []).flatMap((dp) =>
    (dp.fullName ?? []).flatMap((n) => (n.type === 'uniformResourceIdentifier' ? [n.value] : [])),
  );
  const otherCert = await buildAppAuthenticationCertificate({
    serialNumber: '0b01',
    subject: name([
      ['C', 'JP'],
      ['O', 'jitsuin TEST accredited CA (not a real CA)'],
      ['CN', 'TEST app of another person'],
    ]),
    publicKey: otherKey.spki,
    notBefore: own.notBefore,
    notAfter: t0 + 90 * 86_400,
    issuer: { certificate: parseCertificate(ca.issuing.certificate), signer: ca.issuing.signer },
    ...(partitionUris.length === 0 ? {} : { crlDistributionPoints: [{ uris: partitionUris }] }),
    commonCode: Uint8Array.from({ length: 16 }, (_, i) => 0xe0 + i),
    appBinding: { rpId: A.rpId, appId: 'jp.example.other' },
    keyProtection: 'strongbox',
  });
  const otherDecision = await createConsentDecision({
    request: screen,
    decision: 'approve',
    signer: otherKey.signer,
    certificateChain: [otherCert, ca.issuing.certificate],
    time: t0 + 220,
  });
  await attack(
    {
      name: 'consent-other-persons-app',
      description: "approve someone else's consent request with one's own certified app",
      code: 'ERR_CONSENT_PERSON',
      requirement: 'CON-20',
    },
    () => authorizeAtB({ decision: otherDecision, time: t0 + 221 }),
  );

  section('Consent attack: a transfer after withdrawal');
  const withdrawal = await createWithdrawal({
    consentId: request.consentId,
    signer: ctx.app.device.sign,
    certificateChain: ctx.app.chain,
    time: t0 + 300,
  });
  await recordWithdrawal(withdrawal, request.token, {
    ...trust,
    time: t0 + 301,
    withdrawalStore: bWithdrawals,
  });
  events.push(await logConsentEvent(log, 'withdrawal', withdrawal));
  out.file('consent/blood-test/withdrawal.jws', withdrawal);
  out.say(
    'The person withdraws the consent in the app (as easy as giving it); B records it and the withdrawal is logged.',
  );
  await attack(
    {
      name: 'consent-after-withdrawal',
      description: 'authorize a transfer after the person withdrew the consent',
      code: 'ERR_CONSENT_WITHDRAWN',
      requirement: 'CON-11',
    },
    () => authorizeAtB({ time: t0 + 310 }),
  );

  section('Consent attack: a request signed by a key the CA did not certify');
  const rogueKey = softwareKey('rogue-ca');
  const rogueName = name([
    ['C', 'JP'],
    ['O', 'TEST rogue CA'],
    ['CN', 'TEST rogue CA'],
  ]);
  const rogueCa = await buildCertificate({
    serialNumber: '0e01',
    issuer: rogueName,
    subject: rogueName,
    notBefore: t0 - 86_400,
    notAfter: t0 + 86_400,
    publicKey: rogueKey.spki,
    signer: certSigner(rogueKey),
    basicConstraints: { ca: true },
    keyUsage: ['keyCertSign', 'cRLSign'],
    subjectKeyId: keyIdentifier(rogueKey.spki),
  });
  const rogueLeafKey = softwareKey('rogue-rp');
  const rogueLeaf = await buildRelyingPartyCertificate({
    serialNumber: '0e02',
    subject: name([
      ['C', 'JP'],
      ['O', orgs[A.rpId]!],
      ['CN', A.rpId],
    ]),
    publicKey: rogueLeafKey.spki,
    notBefore: t0 - 86_400,
    notAfter: t0 + 86_400,
    issuer: { certificate: parseCertificate(rogueCa), signer: certSigner(rogueKey) },
    rpId: A.rpId,
  });
  const rogueRequest = await createConsentRequest({
    ...draft,
    nonce: demoRandom('consent/nonce-rogue')(32),
    signer: rogueLeafKey.signer,
    certificateChain: [rogueLeaf, rogueCa],
  });
  await attack(
    {
      name: 'consent-uncertified-requester',
      description: "show the phone a request signed under a self-made CA in hospital A's name",
      code: 'ERR_PATH_NO_ISSUER',
      requirement: 'PATH-01',
    },
    () => decodeConsentRequest(rogueRequest.token, { ...trust, time: t0 + 400 }),
  );

  section('Consent attack: a receipt for an entry not in the tree');
  out.say(
    "The log hands out the decision's receipt for an event it never logged (the withdrawal's token with the decision's salt and receipt).",
  );
  await attack(
    {
      name: 'consent-receipt-not-in-tree',
      description: 'a receipt whose leaf is not the entry it claims',
      code: 'ERR_LOG_PROOF',
      requirement: 'LOG-04',
    },
    () =>
      verifyConsentEvidence(
        [events[0]!, { ...events[1]!, kind: 'withdrawal', token: withdrawal }],
        { ...trust, time: t0 + 410, policy },
      ),
  );

  section("Consent attack: a forked log, caught by the phone's consistency check");
  const fork = await LogWriter.create({ store: new MemoryTileStore(), signer: logSigner });
  for (const e of events.slice(0, 2))
    fork.appendLeaf(commitEntry(utf8Encode(e.token), e.salt).commitment);
  fork.appendLeaf(commitEntry(utf8Encode('(no transfer happened)'), salts(32)).commitment);
  const forkCheckpoint = await fork.integrate();
  const honest = await addCheckpoint(witnessConfig, `old 0\n\n${forkCheckpoint}`);
  out.say(
    `For an auditor the operator builds a second tree of the same size the phone trusts, with B's transfer record left out, and asks the witness to cosign it: the witness answers ${honest.status} (it cosigned the real tree).`,
  );
  out.say(
    "With the witness key stolen as well, the fork gets a cosignature and passes the policy; only the phone's own history can tell.",
  );
  const colluding = { ...witnessConfig, state: new MemoryWitnessStateStore() };
  const stolen = await addCheckpoint(colluding, `old 0\n\n${forkCheckpoint}`);
  const forkReceipt = await fork.receipt(
    0,
    stolen.body.split('\n').filter((l) => l !== ''),
  );
  out.file('consent/log/forked-receipt.txt', forkReceipt);
  await attack(
    {
      name: 'consent-forked-checkpoint',
      description:
        "a receipt against a forked tree, cosigned, checked by the phone's consistency check",
      code: 'ERR_LOG_MISBEHAVIOUR',
      requirement: 'LOG-27',
    },
    () =>
      verifyConsentEvidence([{ ...events[0]!, receipt: forkReceipt }], {
        ...trust,
        time: t0 + 420,
        policy,
        monitor,
      }),
  );
}
