import { describe, expect, it } from 'vitest';
import { isJitsuinError } from '../../src/errors.js';
import { base64urlDecode } from '../../src/encoding/index.js';
import { createQrApproval, approveQrOffer } from '../../src/qr/approval.js';
import { collectQrLogin, scanQrOffer, type QrSessionContext } from '../../src/qr/flow.js';
import { createQrOffer } from '../../src/qr/offer.js';
import { MemoryQrSessionStore } from '../../src/qr/store.js';
import { decodeQrUri } from '../../src/qr/uri.js';
import { LOGIN_NOW } from '../../src/conformance/suites/login.js';
import { COMMON_CODE, HOSPITAL, loginPki, sessionBindingValue } from '../generators/login.js';

const f = await loginPki();
const PC = sessionBindingValue('unit-pc');

async function errorOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (e) {
    return isJitsuinError(e) ? `${e.code}/${e.requirement ?? ''}` : String(e);
  }
}

async function scanned() {
  const store = new MemoryQrSessionStore({ now: () => LOGIN_NOW });
  const offer = await createQrOffer(store, {
    rpId: HOSPITAL,
    browserBinding: PC,
    context: { browser: 'Edge on Windows', place: 'Tokyo, JP' },
    time: LOGIN_NOW,
  });
  const parsed = decodeQrUri(offer.uri, { rpId: HOSPITAL, time: LOGIN_NOW + 3 });
  const context = await scanQrOffer(store, {
    offerId: parsed.offerId,
    secret: parsed.secret,
    time: LOGIN_NOW + 5,
  });
  return { store, offer, parsed, context };
}

const app = f.hospital;

describe('QR approval', () => {
  it('runs the whole flow through the public functions', async () => {
    const { store, offer, parsed, context } = await scanned();
    const token = await createQrApproval({
      offer: parsed,
      context,
      code: offer.code,
      signer: app.signer,
      certificateChain: app.chain,
      time: LOGIN_NOW + 8,
    });
    const payload = JSON.parse(
      new TextDecoder().decode(base64urlDecode(token.split('.')[1] as string)),
    );
    expect(Object.keys(payload).sort()).toEqual(['code', 'iat', 'offerId', 'rpId', 'secret']);
    const r = await approveQrOffer(store, token, {
      rpId: HOSPITAL,
      trustAnchors: [f.root],
      revocation: f.revocation,
      time: LOGIN_NOW + 10,
    });
    expect(r.identity.commonCode).toEqual(COMMON_CODE);
    const id = await collectQrLogin(store, {
      offerId: offer.offerId,
      browserBinding: PC,
      time: LOGIN_NOW + 12,
    });
    expect(id.certificate).toEqual(app.certificate);
  });

  it("[QR-24] the app cannot approve with a code outside the choices it showed, or with another offer's context", async () => {
    const { parsed, context } = await scanned();
    const outside = ['00', '01', '02', '03'].find((c) => !context.choices.includes(c)) as string;
    const base = {
      offer: parsed,
      signer: app.signer,
      certificateChain: app.chain,
      time: LOGIN_NOW + 8,
    };
    expect(await errorOf(createQrApproval({ ...base, context, code: outside }))).toBe(
      'ERR_QR/QR-24',
    );
    const other: QrSessionContext = { ...context, offerId: 'AAECAwQFBgcICQoLDA0ODw' };
    expect(
      await errorOf(
        createQrApproval({ ...base, context: other, code: context.choices[0] as string }),
      ),
    ).toBe('ERR_QR/QR-24');
    // A context whose expiry differs from the scanned code's is not this offer's either (as decodeQrSessionContext says).
    const later: QrSessionContext = { ...context, exp: context.exp + 60 };
    expect(
      await errorOf(
        createQrApproval({ ...base, context: later, code: context.choices[0] as string }),
      ),
    ).toBe('ERR_QR/QR-24');
    // A decoy is a choice: the app signs it, and the RP denies the offer (QR-36).
    expect(
      await errorOf(createQrApproval({ ...base, context, code: context.choices[0] as string })),
    ).toBe('ok');
  });

  it('[QR-25] there is no approval without a picked code', async () => {
    const { parsed, context } = await scanned();
    const base = {
      offer: parsed,
      context,
      signer: app.signer,
      certificateChain: app.chain,
      time: LOGIN_NOW + 8,
    };
    expect(await errorOf(createQrApproval({ ...base, code: undefined as unknown as string }))).toBe(
      'ERR_INVALID_ARGUMENT/QR-25',
    );
    expect(await errorOf(createQrApproval({ ...base, code: '' }))).toBe(
      'ERR_INVALID_ARGUMENT/QR-25',
    );
  });

  it('[QR-05] the app refuses to approve an offer of another RP than its certificate is bound to', async () => {
    const { parsed, context, offer } = await scanned();
    expect(
      await errorOf(
        createQrApproval({
          offer: parsed,
          context,
          code: offer.code,
          signer: f.pharmacy.signer,
          certificateChain: f.pharmacy.chain,
          time: LOGIN_NOW + 8,
        }),
      ),
    ).toBe('ERR_QR/QR-05');
  });
});
