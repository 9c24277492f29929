import { describe, expect, it } from 'vitest';
import { base64urlEncode } from '../../src/encoding/index.js';
import { isJitsuinError } from '../../src/errors.js';
import { sha256 } from '../../src/crypto/hash.js';
import { MemoryQrSessionStore } from '../../src/qr/store.js';
import {
  createQrOffer,
  drawQrNumbers,
  newQrSession,
  registerQrOffer,
  type QrOfferValues,
} from '../../src/qr/offer.js';
import {
  collectQrLogin,
  denyQrOffer,
  pollQrSession,
  scanQrOffer,
  applyQrTransition,
} from '../../src/qr/flow.js';
import { approveTransition, type QrLoginIdentity } from '../../src/qr/session.js';
import { decodeQrUri } from '../../src/qr/uri.js';

const T0 = 1_767_225_600;
const O = 'AAECAwQFBgcICQoLDA0ODw';
const S = 'EBESExQVFhcYGRobHB0eHw';
const PC = base64urlEncode(sha256(new TextEncoder().encode('pc-session')));
const OTHER_PC = base64urlEncode(sha256(new TextEncoder().encode('attacker-session')));
const ID: QrLoginIdentity = {
  commonCode: new Uint8Array(16).fill(7),
  commonCodeText: 'test',
  certificate: new Uint8Array([1, 2, 3]),
  keyProtection: 'secure-enclave',
};

const VALUES: QrOfferValues = {
  rpId: 'hospital.example',
  offerId: O,
  secret: S,
  code: '42',
  choices: ['17', '42', '93'],
  browserBinding: PC,
  context: { browser: 'Firefox on Windows', place: 'Osaka, JP' },
  time: T0,
  exp: T0 + 120,
};

async function fresh(values: Partial<QrOfferValues> = {}) {
  const store = new MemoryQrSessionStore({ now: () => T0 });
  await registerQrOffer(store, { ...VALUES, ...values });
  return store;
}

/** Approves through the pure transition, as verifyQrApproval does after its signature checks. */
function approve(
  store: MemoryQrSessionStore,
  secret: string,
  code: string,
  time: number,
  iat = time,
) {
  return applyQrTransition(store, O, (s) =>
    approveTransition(s, { secret, code, iat, clockTolerance: 60, identity: ID }, time),
  );
}

async function errorOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (e) {
    return isJitsuinError(e) ? `${e.code}/${e.requirement}` : String(e);
  }
}

describe('QR session state machine', () => {
  it('[QR-52] past the collection window an event with the right secret also expires an approved session; a wrong one changes nothing', async () => {
    const store = await fresh();
    await scanQrOffer(store, { offerId: O, secret: S, time: T0 + 5 });
    await approve(store, S, '42', T0 + 10);
    expect(
      await errorOf(
        scanQrOffer(store, { offerId: O, secret: 'AAAAAAAAAAAAAAAAAAAAAA', time: T0 + 71 }),
      ),
    ).toBe('ERR_QR_SECRET/QR-20');
    expect((await store.get(O))?.state).toBe('approved');
    expect(await errorOf(scanQrOffer(store, { offerId: O, secret: S, time: T0 + 71 }))).toBe(
      'ERR_QR_EXPIRED/QR-52',
    );
    expect((await store.get(O))?.state).toBe('expired');
    expect(
      await errorOf(collectQrLogin(store, { offerId: O, browserBinding: PC, time: T0 + 72 })),
    ).toBe('ERR_QR_EXPIRED/QR-51');
  });

  it('runs pending → scanned → approved → collected and returns the identity once', async () => {
    const store = await fresh();
    expect(await pollQrSession(store, { offerId: O, browserBinding: PC, time: T0 })).toBe(
      'pending',
    );
    const ctx = await scanQrOffer(store, { offerId: O, secret: S, time: T0 + 5 });
    expect(ctx).toEqual({
      rpId: 'hospital.example',
      offerId: O,
      browser: 'Firefox on Windows',
      place: 'Osaka, JP',
      iat: T0,
      exp: T0 + 120,
      choices: ['17', '42', '93'],
    });
    expect(await pollQrSession(store, { offerId: O, browserBinding: PC, time: T0 + 6 })).toBe(
      'scanned',
    );
    await approve(store, S, '42', T0 + 10);
    expect(await pollQrSession(store, { offerId: O, browserBinding: PC, time: T0 + 11 })).toBe(
      'approved',
    );
    expect(await collectQrLogin(store, { offerId: O, browserBinding: PC, time: T0 + 12 })).toEqual(
      ID,
    );
    expect(
      await errorOf(collectQrLogin(store, { offerId: O, browserBinding: PC, time: T0 + 13 })),
    ).toBe('ERR_QR_STATE/QR-51');
  });

  it('[QR-13] stores only a hash of the secret', async () => {
    const store = await fresh();
    const s = await store.get(O);
    expect(JSON.stringify({ ...s, identity: undefined })).not.toContain(S);
  });

  it('[QR-20] a wrong secret fails and changes nothing', async () => {
    const store = await fresh();
    expect(
      await errorOf(scanQrOffer(store, { offerId: O, secret: 'EBESExQVFhcYGRobHB0eHA', time: T0 })),
    ).toBe('ERR_QR_SECRET/QR-20');
    expect(
      await errorOf(scanQrOffer(store, { offerId: O, secret: 'not base64url!', time: T0 })),
    ).toBe('ERR_QR_SECRET/QR-20');
    expect((await store.get(O))?.state).toBe('pending');
    expect((await scanQrOffer(store, { offerId: O, secret: S, time: T0 })).offerId).toBe(O);
  });

  it('[QR-21] an offer is scanned once: a second scan (offer reused) fails', async () => {
    const store = await fresh();
    await scanQrOffer(store, { offerId: O, secret: S, time: T0 });
    expect(await errorOf(scanQrOffer(store, { offerId: O, secret: S, time: T0 + 1 }))).toBe(
      'ERR_QR_STATE/QR-21',
    );
  });

  it('[QR-23] the context carries no number position and nothing personal', async () => {
    const store = await fresh();
    const ctx = await scanQrOffer(store, { offerId: O, secret: S, time: T0 });
    expect(Object.keys(ctx).sort()).toEqual([
      'browser',
      'choices',
      'exp',
      'iat',
      'offerId',
      'place',
      'rpId',
    ]);
    expect(ctx).not.toHaveProperty('code');
  });

  it('[QR-30] an unknown offer id fails with ERR_QR_OFFER_UNKNOWN', async () => {
    const store = await fresh();
    expect(await errorOf(scanQrOffer(store, { offerId: S, secret: S, time: T0 }))).toBe(
      'ERR_QR_OFFER_UNKNOWN/QR-30',
    );
  });

  it('[QR-33] approval needs a scan first, and succeeds once', async () => {
    const store = await fresh();
    expect(await errorOf(approve(store, S, '42', T0 + 1))).toBe('ERR_QR_STATE/QR-33');
    await scanQrOffer(store, { offerId: O, secret: S, time: T0 + 2 });
    await approve(store, S, '42', T0 + 3);
    expect(await errorOf(approve(store, S, '42', T0 + 4))).toBe('ERR_QR_STATE/QR-33');
  });

  it('[QR-34] scan or approval after expiry moves the offer to expired', async () => {
    const store = await fresh();
    expect(await errorOf(scanQrOffer(store, { offerId: O, secret: S, time: T0 + 121 }))).toBe(
      'ERR_QR_EXPIRED/QR-34',
    );
    expect((await store.get(O))?.state).toBe('expired');
    const store2 = await fresh();
    await scanQrOffer(store2, { offerId: O, secret: S, time: T0 + 120 });
    expect(await errorOf(approve(store2, S, '42', T0 + 121))).toBe('ERR_QR_EXPIRED/QR-34');
    expect(await errorOf(approve(store2, S, '42', T0 + 122))).toBe('ERR_QR_EXPIRED/QR-33');
    expect(await pollQrSession(store2, { offerId: O, browserBinding: PC, time: T0 + 122 })).toBe(
      'expired',
    );
  });

  it('[QR-35] an approval with the wrong secret fails and changes nothing', async () => {
    const store = await fresh();
    await scanQrOffer(store, { offerId: O, secret: S, time: T0 });
    expect(await errorOf(approve(store, O, '42', T0 + 1))).toBe('ERR_QR_SECRET/QR-35');
    expect((await store.get(O))?.state).toBe('scanned');
  });

  it('[QR-36] a wrong number denies the offer: there is one guess', async () => {
    const store = await fresh();
    await scanQrOffer(store, { offerId: O, secret: S, time: T0 });
    expect(await errorOf(approve(store, S, '17', T0 + 1))).toBe('ERR_QR_NUMBER/QR-36');
    expect((await store.get(O))?.state).toBe('denied');
    expect(await errorOf(approve(store, S, '42', T0 + 2))).toBe('ERR_QR_STATE/QR-33');
    expect(
      await errorOf(collectQrLogin(store, { offerId: O, browserBinding: PC, time: T0 + 3 })),
    ).toBe('ERR_QR_STATE/QR-51');
  });

  it('[QR-38] an approval iat before the scan (minus tolerance) or in the future fails', async () => {
    const store = await fresh();
    await scanQrOffer(store, { offerId: O, secret: S, time: T0 + 30 });
    expect(await errorOf(approve(store, S, '42', T0 + 40, T0 + 30 - 61))).toBe(
      'ERR_LOGIN_IAT/QR-38',
    );
    expect(await errorOf(approve(store, S, '42', T0 + 40, T0 + 40 + 61))).toBe(
      'ERR_LOGIN_IAT/QR-38',
    );
    expect((await store.get(O))?.state).toBe('scanned');
    await approve(store, S, '42', T0 + 40, T0 + 30 - 60);
  });

  it('[QR-39] checks secret before expiry before state before number', async () => {
    const store = await fresh();
    // expired and wrong secret: the secret is reported
    expect(await errorOf(approve(store, O, '17', T0 + 500))).toBe('ERR_QR_SECRET/QR-35');
    // expired, pending and wrong number: expiry is reported
    expect(await errorOf(approve(store, S, '17', T0 + 500))).toBe('ERR_QR_EXPIRED/QR-34');
  });

  it('[QR-40] deny needs the secret and a scanned offer', async () => {
    const store = await fresh();
    expect(await errorOf(denyQrOffer(store, { offerId: O, secret: S, time: T0 }))).toBe(
      'ERR_QR_STATE/QR-40',
    );
    await scanQrOffer(store, { offerId: O, secret: S, time: T0 });
    expect(await errorOf(denyQrOffer(store, { offerId: O, secret: O, time: T0 }))).toBe(
      'ERR_QR_SECRET/QR-40',
    );
    await denyQrOffer(store, { offerId: O, secret: S, time: T0 + 1 });
    expect(await pollQrSession(store, { offerId: O, browserBinding: PC, time: T0 + 2 })).toBe(
      'denied',
    );
    expect(await errorOf(approve(store, S, '42', T0 + 2))).toBe('ERR_QR_STATE/QR-33');
  });

  it('[QR-50] only the browser session that created the offer can collect or poll it', async () => {
    const store = await fresh();
    await scanQrOffer(store, { offerId: O, secret: S, time: T0 });
    await approve(store, S, '42', T0 + 1);
    expect(
      await errorOf(collectQrLogin(store, { offerId: O, browserBinding: OTHER_PC, time: T0 + 2 })),
    ).toBe('ERR_QR_SESSION/QR-50');
    expect(
      await errorOf(pollQrSession(store, { offerId: O, browserBinding: OTHER_PC, time: T0 + 2 })),
    ).toBe('ERR_QR_SESSION/QR-50');
    expect((await store.get(O))?.state).toBe('approved');
    expect(await collectQrLogin(store, { offerId: O, browserBinding: PC, time: T0 + 3 })).toEqual(
      ID,
    );
  });

  it('[QR-51] collection before approval fails without changing the session', async () => {
    const store = await fresh();
    expect(await errorOf(collectQrLogin(store, { offerId: O, browserBinding: PC, time: T0 }))).toBe(
      'ERR_QR_STATE/QR-51',
    );
    await scanQrOffer(store, { offerId: O, secret: S, time: T0 });
    expect(await errorOf(collectQrLogin(store, { offerId: O, browserBinding: PC, time: T0 }))).toBe(
      'ERR_QR_STATE/QR-51',
    );
    expect((await store.get(O))?.state).toBe('scanned');
  });

  it('[QR-52] an approved login must be collected within 60 s of approval', async () => {
    const store = await fresh();
    await scanQrOffer(store, { offerId: O, secret: S, time: T0 });
    await approve(store, S, '42', T0 + 100);
    expect(
      await errorOf(collectQrLogin(store, { offerId: O, browserBinding: PC, time: T0 + 161 })),
    ).toBe('ERR_QR_EXPIRED/QR-52');
    expect((await store.get(O))?.state).toBe('expired');
    const store2 = await fresh();
    await scanQrOffer(store2, { offerId: O, secret: S, time: T0 });
    await approve(store2, S, '42', T0 + 100);
    expect(
      await collectQrLogin(store2, { offerId: O, browserBinding: PC, time: T0 + 160 }),
    ).toEqual(ID);
  });

  it('[QR-10] [QR-11] [QR-12] [QR-14] rejects offers with a long lifetime, bad random values, binding or numbers', () => {
    const bad: Partial<QrOfferValues>[] = [
      { exp: T0 + 121 },
      { exp: T0 },
      { offerId: 'AAEC' },
      { secret: `${S}A` },
      { browserBinding: O },
      { code: '4' },
      { choices: ['42', '42', '93'] },
      { choices: ['17', '18', '93'] },
      { choices: ['17', '42'] },
      { context: { browser: '', place: 'x' } },
      { context: { browser: 'a\nb', place: 'x' } },
    ];
    for (const b of bad)
      expect(() => newQrSession({ ...VALUES, ...b }), JSON.stringify(b)).toThrow();
    expect(newQrSession(VALUES).state).toBe('pending');
  });

  it('[QR-14] draws three distinct two-digit choices with the number at a uniform position', () => {
    const positions = [0, 0, 0];
    for (let i = 0; i < 3000; i++) {
      const { code, choices } = drawQrNumbers();
      expect(new Set(choices).size).toBe(3);
      expect(choices.every((c) => /^[0-9]{2}$/.test(c))).toBe(true);
      positions[choices.indexOf(code)]! += 1;
    }
    // Each position expects 1000; 4.5 standard deviations (≈ 117) bounds a false alarm below 1e-5.
    for (const p of positions) expect(Math.abs(p - 1000)).toBeLessThan(117);
  });

  it('[QR-15] the number travels only to the PC: not in the URI, not in the scan answer', async () => {
    const store = new MemoryQrSessionStore({ now: () => T0 });
    const offer = await createQrOffer(store, {
      rpId: 'hospital.example',
      browserBinding: PC,
      context: VALUES.context,
      time: T0,
    });
    const parsed = decodeQrUri(offer.uri, { rpId: 'hospital.example', time: T0 });
    expect(parsed.offerId).toBe(offer.offerId);
    expect(parsed.exp).toBe(T0 + 120);
    expect(Object.keys(parsed).sort()).toEqual(['exp', 'offerId', 'rpId', 'secret']);
    const ctx = await scanQrOffer(store, {
      offerId: parsed.offerId,
      secret: parsed.secret,
      time: T0 + 1,
    });
    // The number appears in the answer only as one of three choices, never as a member of its own.
    expect(Object.values(ctx).filter((v) => v === offer.code)).toEqual([]);
    expect(ctx.choices.filter((c) => c === offer.code)).toHaveLength(1);
  });

  it('[QR-61] the memory store forgets sessions only after no transition can change them', async () => {
    let now = T0;
    const store = new MemoryQrSessionStore({ now: () => now, retention: 0 });
    await registerQrOffer(store, VALUES);
    now = T0 + 180;
    await registerQrOffer(store, { ...VALUES, offerId: S });
    expect(await store.get(O)).toBeDefined();
    now = T0 + 181;
    await registerQrOffer(store, { ...VALUES, offerId: 'ICEiIyQlJicoKSorLC0uLw' });
    expect(await store.get(O)).toBeUndefined();
  });

  it('[QR-61] when full, the memory store drops the oldest session, which then reports unknown', async () => {
    const store = new MemoryQrSessionStore({ now: () => T0, maxEntries: 2 });
    await registerQrOffer(store, VALUES);
    await registerQrOffer(store, { ...VALUES, offerId: S });
    await registerQrOffer(store, { ...VALUES, offerId: 'ICEiIyQlJicoKSorLC0uLw' });
    expect(store.size).toBe(2);
    expect(await errorOf(scanQrOffer(store, { offerId: O, secret: S, time: T0 }))).toBe(
      'ERR_QR_OFFER_UNKNOWN/QR-30',
    );
    expect((await scanQrOffer(store, { offerId: S, secret: S, time: T0 })).offerId).toBe(S);
  });
});
