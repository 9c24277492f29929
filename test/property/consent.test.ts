/**
 * Model-based properties of the provider's consent state under any interleaving (fast-check
 * scheduler): every store call of authorizeTransfer and recordWithdrawal yields to the scheduler,
 * so the authorise/withdraw/authorise calls interleave at each await.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isJitsuinError } from '../../src/errors.js';
import {
  createConsentDecision,
  createWithdrawal,
  decodeConsentRequest,
  MemoryConsentUseStore,
  MemoryWithdrawalStore,
  recordWithdrawal,
  type ConsentUseStore,
  type WithdrawalStore,
} from '../../src/consent/index.js';
import { bloodTestDraft } from '../testpki/consent.js';
import { approvedBloodTest, CONSENT_TIME, nonce, signRequest } from '../unit/consent.helpers.js';

function scheduledStores(
  s: fc.Scheduler,
  uses: ConsentUseStore,
  withdrawals: WithdrawalStore,
): { useStore: ConsentUseStore; withdrawalStore: WithdrawalStore } {
  return {
    useStore: { consume: s.scheduleFunction((k: string, l: number) => uses.consume(k, l)) },
    withdrawalStore: {
      withdraw: s.scheduleFunction((id: string, at: number) => withdrawals.withdraw(id, at)),
      withdrawnAt: s.scheduleFunction((id: string) => withdrawals.withdrawnAt(id)),
    },
  };
}

type Op = { kind: 'authorize'; afterWithdrawal: boolean } | { kind: 'withdraw' };

const opsArb = fc.array(
  fc.oneof(
    fc.record({ kind: fc.constant('authorize' as const), afterWithdrawal: fc.boolean() }),
    fc.constant({ kind: 'withdraw' as const }),
  ),
  { minLength: 1, maxLength: 7 },
);

describe('consent state under concurrent calls (fast-check scheduler)', () => {
  it('[CON-28] [CON-29] [CON-11] any interleaving: at most `uses` grants with distinct use numbers, none started after a withdrawal took effect', async () => {
    const base = await approvedBloodTest('property');
    const w = await createWithdrawal({
      consentId: base.req.consentId,
      signer: base.pki.hanako.pharmacyApp.signer,
      certificateChain: base.pki.hanako.pharmacyApp.chain,
      time: CONSENT_TIME + 40,
    });
    // A grant of 1 and a grant of 3 uses.
    const multiReq = await signRequest(base.pki, {
      ...bloodTestDraft(base.pki, nonce('property/multi')),
      uses: 3,
    });
    const multiScreen = await decodeConsentRequest(multiReq.token, base.trust);
    const app = base.pki.hanako.hospitalApp;
    const multiDecision = await createConsentDecision({
      request: multiScreen,
      decision: 'approve',
      signer: app.signer,
      certificateChain: app.chain,
      time: CONSENT_TIME + 30,
    });
    const multiW = await createWithdrawal({
      consentId: multiReq.consentId,
      signer: app.signer,
      certificateChain: app.chain,
      time: CONSENT_TIME + 40,
    });
    const grants = [
      { request: base.req.token, decision: base.decision, withdrawal: w, uses: 1 },
      { request: multiReq.token, decision: multiDecision, withdrawal: multiW, uses: 3 },
    ];
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: 1 }), opsArb, fc.scheduler(), async (which, ops, s) => {
        const g = grants[which]!;
        const useMem = new MemoryConsentUseStore();
        const wMem = new MemoryWithdrawalStore();
        const stores = scheduledStores(s, useMem, wMem);
        let withdrawn: Promise<unknown> | undefined;
        const settle = (p: Promise<unknown>) =>
          p.then(
            (v) => ({ ok: true as const, v }),
            (e: unknown) => ({ ok: false as const, e }),
          );
        const runs: Promise<{ op: Op; chained: boolean; ok: boolean; v?: unknown; e?: unknown }>[] =
          [];
        const authorize = () =>
          base.authorize({ request: g.request, decision: g.decision, ...stores });
        for (const op of ops) {
          if (op.kind === 'withdraw') {
            const p = recordWithdrawal(g.withdrawal, g.request, {
              ...base.trust,
              withdrawalStore: stores.withdrawalStore,
            });
            withdrawn ??= p;
            runs.push(settle(p).then((r) => ({ op, chained: false, ...r })));
          } else if (op.afterWithdrawal && withdrawn !== undefined) {
            // Started only once a withdrawal has resolved: must be refused.
            runs.push(settle(withdrawn.then(authorize)).then((r) => ({ op, chained: true, ...r })));
          } else {
            runs.push(settle(authorize()).then((r) => ({ op, chained: false, ...r })));
          }
        }
        const results = await s.waitFor(Promise.all(runs));
        const anyWithdrawal = ops.some((o) => o.kind === 'withdraw');
        const granted = results
          .filter((r) => r.op.kind === 'authorize' && r.ok)
          .map((r) => (r.v as { use: number }).use);
        expect(granted.length).toBeLessThanOrEqual(g.uses);
        expect(new Set(granted).size).toBe(granted.length);
        for (const r of results) {
          if (r.op.kind === 'withdraw') {
            expect(r.ok).toBe(true);
            continue;
          }
          if (r.chained)
            expect(r.ok, 'an authorisation started after the withdrawal resolved was granted').toBe(
              false,
            );
          if (!r.ok) {
            const e = r.e;
            expect(
              isJitsuinError(e) &&
                ['ERR_CONSENT_WITHDRAWN', 'ERR_CONSENT_USED_UP'].includes(e.code),
              String(e),
            ).toBe(true);
            if (isJitsuinError(e, 'ERR_CONSENT_WITHDRAWN')) expect(anyWithdrawal).toBe(true);
          }
        }
        // Without a withdrawal, exactly min(uses, calls) are granted: the refusals are all "used up".
        if (!anyWithdrawal) expect(granted.length).toBe(Math.min(g.uses, results.length));
        // After the withdrawal, no further grant is possible.
        if (anyWithdrawal)
          expect(
            await outcomeCode(
              base.authorize({
                request: g.request,
                decision: g.decision,
                useStore: useMem,
                withdrawalStore: wMem,
              }),
            ),
          ).toBe('ERR_CONSENT_WITHDRAWN');
      }),
      { numRuns: 60 },
    );
  });
});

async function outcomeCode(p: Promise<unknown>): Promise<string> {
  return p.then(
    () => 'ACCEPTED',
    (e: unknown) => (isJitsuinError(e) ? e.code : String(e)),
  );
}
