/** Shared setup of the consent tests: the TEST PKI, a world of stores and a log, and the usual flow. */
import { utf8Encode } from '../../src/encoding/utf8.js';
import { sha256 } from '../../src/crypto/hash.js';
import {
  authorizeTransfer,
  createConsentDecision,
  createConsentRequest,
  decodeConsentRequest,
  MemoryConsentUseStore,
  MemoryWithdrawalStore,
  type AuthorizeTransferOptions,
  type ConsentTrustOptions,
} from '../../src/consent/index.js';
import {
  bloodTestDraft,
  CONSENT_RP,
  CONSENT_TIME,
  createConsentPki,
  type ConsentPki,
  type ConsentRequestDraft,
} from '../testpki/consent.js';

export { CONSENT_RP, CONSENT_TIME };

export const nonce = (label: string): Uint8Array =>
  sha256(utf8Encode(`consent test nonce ${label}`));

export async function world() {
  const pki = await createConsentPki();
  const trust: ConsentTrustOptions = {
    trustAnchors: [pki.root],
    revocation: { crls: pki.crls, mode: 'require' },
    time: CONSENT_TIME + 60,
  };
  return {
    pki,
    trust,
    useStore: new MemoryConsentUseStore(),
    withdrawalStore: new MemoryWithdrawalStore(),
  };
}

export async function signRequest(
  pki: ConsentPki,
  draft: ConsentRequestDraft,
  signer = pki.rp[CONSENT_RP.hospitalA],
) {
  return createConsentRequest({ ...draft, signer: signer.signer, certificateChain: signer.chain });
}

/** Hospital A's blood-test request, shown in Hanako's hospital app and approved in full. */
export async function approvedBloodTest(label = 'blood') {
  const w = await world();
  const req = await signRequest(w.pki, bloodTestDraft(w.pki, nonce(label)));
  const screen = await decodeConsentRequest(req.token, { ...w.trust, time: CONSENT_TIME + 10 });
  const app = w.pki.hanako.hospitalApp;
  const decision = await createConsentDecision({
    request: screen,
    decision: 'approve',
    signer: app.signer,
    certificateChain: app.chain,
    time: CONSENT_TIME + 30,
  });
  const provider = w.pki.rp[CONSENT_RP.hospitalB];
  const authorize = (over: Partial<AuthorizeTransferOptions> = {}) =>
    authorizeTransfer({
      ...w.trust,
      rpId: CONSENT_RP.hospitalB,
      request: req.token,
      decision,
      transfer: 'labs',
      recipient: CONSENT_RP.hospitalA,
      purpose: 'https://w3id.org/dpv#ProvisionOfHealthcare',
      customer: w.pki.hanako.commonCode,
      useStore: w.useStore,
      withdrawalStore: w.withdrawalStore,
      signer: provider.signer,
      certificateChain: provider.chain,
      ...over,
    });
  return { ...w, req, screen, decision, authorize };
}

import {
  addCheckpoint,
  cosignatureSigner,
  ed25519NoteSigner,
  LogWriter,
  MemoryTileStore,
  MemoryWitnessStateStore,
  parsePolicy,
} from '../../src/ledger/index.js';
import { WriterEvidenceLog } from '../../src/consent/index.js';

export const LOG_ORIGIN = 'log.example.jp/consent';

/** A log with one witness and the policy that requires it. */
export async function evidenceLog() {
  const logSigner = ed25519NoteSigner(LOG_ORIGIN, sha256(utf8Encode('consent test log key')));
  const witness = cosignatureSigner(
    'witness.example.jp',
    sha256(utf8Encode('consent test witness key')),
  );
  const writer = await LogWriter.create({ store: new MemoryTileStore(), signer: logSigner });
  const config = {
    logs: new Map([[LOG_ORIGIN, [logSigner.verifier]]]),
    signers: [witness],
    state: new MemoryWitnessStateStore(),
    now: () => CONSENT_TIME,
  };
  const log = new WriterEvidenceLog(writer, [(body) => addCheckpoint(config, body)]);
  const policy = parsePolicy(
    `log ${logSigner.verifier.vkey}\nwitness w ${witness.verifier.vkey}\nquorum w\n`,
  );
  return { writer, log, policy, logSigner };
}
