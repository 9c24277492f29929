/**
 * The consent flows of spec/consent.md end to end, the rules the vectors cannot pin (the app's
 * screen, concurrent withdrawal, the evidence log), and argument handling.
 */
import { describe, expect, it } from 'vitest';
import { isJitsuinError } from '../../src/errors.js';
import { base64urlDecode, base64urlEncode } from '../../src/encoding/base64url.js';
import { utf8Decode, utf8Encode } from '../../src/encoding/utf8.js';
import { sha256 } from '../../src/crypto/hash.js';
import { setCryptoBackend } from '../../src/crypto/index.js';
import {
  appiRecords,
  authorizeTransfer,
  checkConsentDisplay,
  createConsentDecision,
  createConsentRequest,
  createWithdrawal,
  decodeConsentRequest,
  logConsentEvent,
  MemoryConsentRateLimiter,
  MemoryWithdrawalStore,
  recordWithdrawal,
  verifyConsentEvidence,
  verifyTransferRecord,
  type ConsentEvent,
  type ConsentUseStore,
} from '../../src/consent/index.js';
import {
  commitEntry,
  LogWriter,
  MemoryCheckpointStateStore,
  MemoryTileStore,
  parseCheckpoint,
  parsePolicy,
} from '../../src/ledger/index.js';
import {
  buildCertificate,
  buildRelyingPartyCertificate,
  JITSUIN_OID,
  parseCertificate,
  validateRelyingPartyCertificate,
  name,
} from '../../src/x509/index.js';
import { testEcKey } from '../testpki/app-ca.js';
import { bloodTestDraft, bundleDraft } from '../testpki/consent.js';
import {
  approvedBloodTest,
  CONSENT_RP,
  CONSENT_TIME,
  evidenceLog,
  nonce,
  signRequest,
  world,
} from './consent.helpers.js';

const outcome = async (p: Promise<unknown>): Promise<string> =>
  p.then(
    () => 'ACCEPTED',
    (e: unknown) =>
      isJitsuinError(e) ? `${e.code} ${e.requirement ?? '-'}` : `THROWN ${String(e)}`,
  );
const payloadOf = (token: string): Record<string, unknown> =>
  JSON.parse(utf8Decode(base64urlDecode(token.split('.')[1]!))) as Record<string, unknown>;

describe('consent flow', () => {
  it('[CON-17] [CON-31] approve, authorize once, verify the record at the recipient', async () => {
    const f = await approvedBloodTest();
    const t = await f.authorize();
    expect(t.use).toBe(1);
    expect(t.items).toEqual([0, 1]);
    const r = await verifyTransferRecord(t.record, {
      ...f.trust,
      rpId: CONSENT_RP.hospitalA,
      request: f.req.token,
      decision: f.decision,
    });
    expect(r.consentId).toBe(f.req.consentId);
    expect(r.dataItems.map((d) => d.datatypes[0])).toEqual(['blood-test', 'imaging']);
    expect(await outcome(f.authorize())).toBe('ERR_CONSENT_USED_UP CON-28');
  });

  it('[CON-14] the app gets the signed display text verbatim, and [CON-09] the decision signs the hash of the very token shown', async () => {
    const f = await approvedBloodTest('wysiwys');
    expect(f.screen.text).toBe(bloodTestDraft(f.pki, nonce('wysiwys')).display.ja);
    expect(f.screen.text).toBe(f.screen.payload.display.ja);
    expect(payloadOf(f.decision)['request']).toBe(base64urlEncode(sha256(utf8Encode(f.req.token))));
    // An app rendering through its own template is checked by the same rule.
    expect(() =>
      checkConsentDisplay(
        `${f.screen.text}\n[同意する]`,
        f.screen.payload,
        f.screen.requester.organisation,
      ),
    ).not.toThrow();
    expect(() =>
      checkConsentDisplay(
        f.screen.text.replace(f.screen.requester.organisation, ''),
        f.screen.payload,
        f.screen.requester.organisation,
      ),
    ).toThrow(/organisation/);
  });

  it('[CON-19] the consent id is the same under both crypto backends', async () => {
    const f = await approvedBloodTest('backends');
    try {
      setCryptoBackend('noble');
      const again = await decodeConsentRequest(f.req.token, f.trust);
      expect(again.consentId).toBe(f.screen.consentId);
      expect(again.consentId).toBe(base64urlEncode(sha256(utf8Encode(f.req.token))));
    } finally {
      setCryptoBackend('auto');
    }
  });

  it('[CON-15] there is no default answer: a decision without an explicit approve or refuse is not made', async () => {
    const f = await approvedBloodTest('default');
    const app = f.pki.hanako.hospitalApp;
    const r = await outcome(
      createConsentDecision({
        request: f.screen,
        decision: undefined as unknown as 'approve',
        signer: app.signer,
        certificateChain: app.chain,
        time: CONSENT_TIME + 30,
      }),
    );
    expect(r).toBe('ERR_CONSENT_DECISION CON-07');
  });

  it('[CON-08] the app refuses to sign a widened decision', async () => {
    const f = await approvedBloodTest('widen');
    const app = f.pki.hanako.hospitalApp;
    expect(
      await outcome(
        createConsentDecision({
          request: f.screen,
          decision: 'approve',
          approved: [{ transfer: 'labs', items: [0, 5] }],
          signer: app.signer,
          certificateChain: app.chain,
          time: CONSENT_TIME + 30,
        }),
      ),
    ).toBe('ERR_CONSENT_SCOPE CON-08');
  });

  it('[CON-11] a withdrawal from another app of the person stops every later transfer', async () => {
    const f = await approvedBloodTest('w');
    const app = f.pki.hanako.pharmacyApp;
    const w = await createWithdrawal({
      consentId: f.req.consentId,
      signer: app.signer,
      certificateChain: app.chain,
      time: CONSENT_TIME + 40,
    });
    await recordWithdrawal(w, f.req.token, { ...f.trust, withdrawalStore: f.withdrawalStore });
    expect(await outcome(f.authorize())).toBe('ERR_CONSENT_WITHDRAWN CON-11');
  });

  it('[CON-29] a withdrawal recorded while the use is counted wins over it', async () => {
    const f = await approvedBloodTest('race');
    const racing: ConsentUseStore = {
      consume: async (key, limit) => {
        await f.withdrawalStore.withdraw(f.req.consentId, CONSENT_TIME + 50);
        return f.useStore.consume(key, limit);
      },
    };
    expect(await outcome(f.authorize({ useStore: racing }))).toBe('ERR_CONSENT_WITHDRAWN CON-29');
  });

  it('[CON-17] a bundle approved with one tap: each transfer evaluated on its own, to its own recipient', async () => {
    const w = await world();
    const req = await signRequest(w.pki, bundleDraft(w.pki, nonce('bundle')));
    const screen = await decodeConsentRequest(req.token, w.trust);
    const app = w.pki.hanako.hospitalApp;
    const decision = await createConsentDecision({
      request: screen,
      decision: 'approve',
      signer: app.signer,
      certificateChain: app.chain,
      time: CONSENT_TIME + 30,
    });
    const hospital = w.pki.rp[CONSENT_RP.hospitalA];
    const run = (transfer: string, recipient: string) =>
      authorizeTransfer({
        ...w.trust,
        rpId: CONSENT_RP.hospitalA,
        request: req.token,
        decision,
        transfer,
        recipient,
        purpose: screen.payload.purpose.code,
        customer: w.pki.hanako.commonCode,
        useStore: w.useStore,
        withdrawalStore: w.withdrawalStore,
        signer: hospital.signer,
        certificateChain: hospital.chain,
      });
    const rx = await run('prescription', CONSENT_RP.pharmacy);
    const taxi = await run('transport', CONSENT_RP.transport);
    const basis = { request: req.token, decision };
    expect(
      (await verifyTransferRecord(rx.record, { ...w.trust, ...basis, rpId: CONSENT_RP.pharmacy }))
        .transfer,
    ).toBe('prescription');
    expect(
      (
        await verifyTransferRecord(taxi.record, {
          ...w.trust,
          ...basis,
          rpId: CONSENT_RP.transport,
        })
      ).transfer,
    ).toBe('transport');
    expect(
      await outcome(
        verifyTransferRecord(taxi.record, { ...w.trust, ...basis, rpId: CONSENT_RP.pharmacy }),
      ),
    ).toBe('ERR_CONSENT_RECIPIENT CON-31');
    expect(
      await outcome(
        verifyTransferRecord(taxi.record, {
          ...w.trust,
          request: req.token,
          decision: await createConsentDecision({
            request: screen,
            decision: 'approve',
            signer: app.signer,
            certificateChain: app.chain,
            time: CONSENT_TIME + 31,
          }),
          rpId: CONSENT_RP.transport,
        }),
      ),
    ).toBe('ERR_CONSENT_BINDING CON-31');
    expect(await outcome(run('transport', CONSENT_RP.pharmacy))).toBe(
      'ERR_CONSENT_RECIPIENT CON-25',
    );
  });

  it('[CON-11] a recipient keeping withdrawals refuses a record authorised after the withdrawal', async () => {
    const f = await approvedBloodTest('late');
    const t = await f.authorize();
    const store = new MemoryWithdrawalStore();
    await store.withdraw(f.req.consentId, CONSENT_TIME + 1);
    expect(
      await outcome(
        verifyTransferRecord(t.record, {
          ...f.trust,
          rpId: CONSENT_RP.hospitalA,
          request: f.req.token,
          decision: f.decision,
          withdrawalStore: store,
        }),
      ),
    ).toBe('ERR_CONSENT_WITHDRAWN CON-11');
  });

  it('[CON-16] the app shows at most three requests of one requester a day', async () => {
    const w = await world();
    const limiter = new MemoryConsentRateLimiter();
    const tokens = await Promise.all(
      [1, 2, 3, 4].map(
        async (i) => (await signRequest(w.pki, bloodTestDraft(w.pki, nonce(`rate${i}`)))).token,
      ),
    );
    for (const t of tokens.slice(0, 3))
      await decodeConsentRequest(t, { ...w.trust, rateLimiter: limiter });
    await decodeConsentRequest(tokens[0]!, { ...w.trust, rateLimiter: limiter });
    expect(
      await outcome(decodeConsentRequest(tokens[3]!, { ...w.trust, rateLimiter: limiter })),
    ).toBe('ERR_CONSENT_RATE CON-16');
    await decodeConsentRequest(tokens[3]!, {
      ...w.trust,
      time: w.trust.time + 86_400,
      rateLimiter: limiter,
    });
  });

  it('[CON-02] the requester cannot produce a request naming another RP', async () => {
    const w = await world();
    expect(
      await outcome(
        signRequest(w.pki, bloodTestDraft(w.pki, nonce('x')), w.pki.rp[CONSENT_RP.pharmacy]),
      ),
    ).toBe('ERR_CONSENT_RP CON-02');
  });
});

describe('relying-party certificate', () => {
  it('[CERT-51] a relying-party certificate without the rpId, or with two names, is refused', async () => {
    const w = await world();
    const good = await validateRelyingPartyCertificate(w.pki.rp[CONSENT_RP.hospitalB].chain, {
      ...w.trust,
    });
    expect(good.rpId).toBe(CONSENT_RP.hospitalB);
    expect(good.organisation).toBe('TEST 医療法人 B病院');
    const rpCa = parseCertificate(w.pki.rpCa);
    const key = testEcKey('consent/test/rp-san');
    const make = (
      san: { type: 'dNSName' | 'uniformResourceIdentifier'; value: string }[] | undefined,
    ) =>
      buildCertificate({
        serialNumber: '0d02',
        issuer: rpCa.subject.der,
        subject: name([
          ['C', 'JP'],
          ['O', 'TEST org'],
          ['CN', 'x'],
        ]),
        publicKey: key.spki,
        notBefore: CONSENT_TIME - 86_400,
        notAfter: CONSENT_TIME + 86_400,
        signer: testEcKey('consent/rp-ca').signer,
        authorityKeyId: rpCa.subjectKeyId!,
        keyUsage: ['digitalSignature'],
        extKeyUsage: [JITSUIN_OID.ekuOrganisation, JITSUIN_OID.ekuRpConsent],
        certificatePolicies: [JITSUIN_OID.policyOrganisation],
        ...(san === undefined ? {} : { subjectAltName: san }),
      });
    for (const san of [
      undefined,
      [
        { type: 'dNSName' as const, value: 'a.example' },
        { type: 'dNSName' as const, value: 'b.example' },
      ],
      [{ type: 'uniformResourceIdentifier' as const, value: 'https://a.example/' }],
      [{ type: 'dNSName' as const, value: 'localhost' }],
    ]) {
      expect(
        await outcome(validateRelyingPartyCertificate([await make(san), w.pki.rpCa], w.trust)),
      ).toBe('ERR_CERT_PROFILE CERT-51');
    }
    expect(
      await outcome(
        buildRelyingPartyCertificate({
          serialNumber: '0d03',
          subject: name([['O', 'x']]),
          publicKey: key.spki,
          notBefore: 0,
          notAfter: 1,
          issuer: { certificate: rpCa, signer: key.signer },
          rpId: 'not an rp id',
        }),
      ),
    ).toBe('ERR_INVALID_ARGUMENT -');
  });
});

describe('evidence', () => {
  async function loggedConsent() {
    const f = await approvedBloodTest('evidence');
    const e = await evidenceLog();
    const events: ConsentEvent[] = [
      await logConsentEvent(e.log, 'request', f.req.token),
      await logConsentEvent(e.log, 'decision', f.decision),
    ];
    const t = await f.authorize({ log: e.log });
    events.push(t.evidence!);
    const app = f.pki.hanako.pharmacyApp;
    const w = await createWithdrawal({
      consentId: f.req.consentId,
      signer: app.signer,
      certificateChain: app.chain,
      time: CONSENT_TIME + 90,
    });
    events.push(await logConsentEvent(e.log, 'withdrawal', w));
    return { f, e, events };
  }

  it('[CON-30] [CON-32] [CON-33] every event logged; the app verifies all receipts and keeps its checkpoint', async () => {
    const { f, e, events } = await loggedConsent();
    const state = new MemoryCheckpointStateStore();
    const monitor = { state, proof: (a: number, b: number) => e.log.consistencyProof(a, b) };
    const v = await verifyConsentEvidence(events, { ...f.trust, policy: e.policy, monitor });
    expect(v.receipts.map((r) => r.index)).toEqual([0, 1, 2, 3]);
    expect(v.receipts.every((r) => r.witnesses.length === 1)).toBe(true);
    expect(v.records).toHaveLength(1);
    expect(v.withdrawals).toHaveLength(1);
    expect(
      parseCheckpoint(
        (await state.get(e.writer.checkpoint.split('\n')[0]!))!.split('\n\n')[0]! + '\n',
      ).size,
    ).toBe(4);
    const [record] = appiRecords(v);
    expect(record).toMatchObject({
      date: '2026-04-01',
      provider: CONSENT_RP.hospitalB,
      recipient: CONSENT_RP.hospitalA,
      consent: { id: f.req.consentId, decidedAt: CONSENT_TIME + 30 },
    });
    expect(record!.items.map((i) => i.datatypes)).toEqual([['blood-test'], ['imaging']]);
  });

  it('[CON-33] an event without receipt, of another consent, or a receipt for an entry not in the tree is refused', async () => {
    const { f, e, events } = await loggedConsent();
    const opts = { ...f.trust, policy: e.policy };
    expect(
      await outcome(
        verifyConsentEvidence(
          [events[0]!, { ...events[1]!, receipt: undefined as unknown as string }],
          opts,
        ),
      ),
    ).toBe('ERR_CONSENT_EVIDENCE CON-33');
    expect(await outcome(verifyConsentEvidence(events.slice(1), opts))).toBe(
      'ERR_CONSENT_EVIDENCE CON-33',
    );
    const other = await approvedBloodTest('evidence-other');
    const foreign = await logConsentEvent(e.log, 'decision', other.decision);
    expect(await outcome(verifyConsentEvidence([events[0]!, foreign], opts))).toBe(
      'ERR_CONSENT_BINDING CON-19',
    );
    // The decision's receipt presented for an entry the log never had (another salt: another leaf).
    expect(
      await outcome(
        verifyConsentEvidence(
          [events[0]!, { ...events[1]!, salt: new Uint8Array(32).fill(7) }],
          opts,
        ),
      ),
    ).toMatch(/^ERR_LOG_PROOF /);
  });

  it("[CON-32] a forked log: the witness will not cosign it, and the app's consistency check catches it", async () => {
    const { f, e, events } = await loggedConsent();
    const state = new MemoryCheckpointStateStore();
    const monitor = { state, proof: (a: number, b: number) => e.log.consistencyProof(a, b) };
    await verifyConsentEvidence(events, { ...f.trust, policy: e.policy, monitor });
    // The operator keeps a second tree of the same size for others: same first three events, the withdrawal hidden.
    const fork = await LogWriter.create({ store: new MemoryTileStore(), signer: e.logSigner });
    for (const ev of events.slice(0, 3))
      fork.appendLeaf(commitEntry(utf8Encode(ev.token), ev.salt).commitment);
    fork.appendLeaf(sha256(utf8Encode('not the withdrawal')));
    await fork.integrate();
    const forked = { ...events[0]!, receipt: await fork.receipt(0) };
    expect(
      await outcome(verifyConsentEvidence([forked], { ...f.trust, policy: e.policy })),
    ).toMatch(/^ERR_LOG_QUORUM /);
    const noWitness = parsePolicy(`log ${e.logSigner.verifier.vkey}\nquorum none\n`);
    expect(await outcome(verifyConsentEvidence([forked], { ...f.trust, policy: noWitness }))).toBe(
      'ACCEPTED',
    );
    expect(
      await outcome(verifyConsentEvidence([forked], { ...f.trust, policy: noWitness, monitor })),
    ).toBe('ERR_LOG_MISBEHAVIOUR LOG-27');
  });
});

describe('arguments', () => {
  it('[CON-17] bad arguments are ERR_INVALID_ARGUMENT, never a TypeError', async () => {
    for (const call of <(() => Promise<unknown>)[]>[
      () => authorizeTransfer(null as never),
      () => decodeConsentRequest('x', null as never),
      () => verifyTransferRecord('x', null as never),
      () => createConsentRequest(null as never),
      () => createConsentDecision(null as never),
      () => createWithdrawal(null as never),
      () => verifyConsentEvidence(null as never, null as never),
      () => Promise.resolve(checkConsentDisplay(null as never, null as never, null as never)),
    ]) {
      expect(await outcome(Promise.resolve().then(call))).toMatch(/^ERR_INVALID_ARGUMENT/);
    }
  });
});
