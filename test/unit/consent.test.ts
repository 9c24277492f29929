import { describe, expect, it } from 'vitest';
import { isJitsuinError } from '../../src/errors.js';
import { createWithdrawal, recordWithdrawal, verifyTransferRecord } from '../../src/consent/index.js';
import { approvedBloodTest, CONSENT_RP, CONSENT_TIME } from './consent.helpers.js';

const code = async (p: Promise<unknown>): Promise<string> => p.then(() => 'ACCEPTED', (e: unknown) => (isJitsuinError(e) ? `${e.code} ${e.requirement ?? '-'}` : String(e)));

describe('consent flow', () => {
  it('[CON-17] [CON-31] approve, authorize once, verify the record at the recipient', async () => {
    const f = await approvedBloodTest();
    const t = await f.authorize();
    expect(t.use).toBe(1);
    expect(t.items).toEqual([0, 1]);
    const r = await verifyTransferRecord(t.record, { ...f.trust, rpId: CONSENT_RP.hospitalA });
    expect(r.consentId).toBe(f.req.consentId);
    expect(r.dataItems.map((d) => d.datatypes[0])).toEqual(['blood-test', 'imaging']);
    expect(await code(f.authorize())).toBe('ERR_CONSENT_USED_UP CON-28');
  });

  it('[CON-11] a recorded withdrawal stops every later transfer', async () => {
    const f = await approvedBloodTest('w');
    const app = f.pki.hanako.pharmacyApp;
    const w = await createWithdrawal({ consentId: f.req.consentId, signer: app.signer, certificateChain: app.chain, time: CONSENT_TIME + 40 });
    await recordWithdrawal(w, f.req.token, { ...f.trust, withdrawalStore: f.withdrawalStore });
    expect(await code(f.authorize())).toBe('ERR_CONSENT_WITHDRAWN CON-11');
  });
});
