import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalize } from '../../src/encoding/index.js';
import { isJitsuinError } from '../../src/errors.js';
import { decodeQrSessionContext, encodeQrSessionContext } from '../../src/qr/context.js';
import type { QrSessionContext } from '../../src/qr/flow.js';

const T0 = 1_767_225_600;
const CTX: QrSessionContext = {
  rpId: 'hospital.example',
  offerId: 'AAECAwQFBgcICQoLDA0ODw',
  browser: 'Firefox on Windows',
  place: 'Osaka, JP',
  iat: T0,
  exp: T0 + 120,
  choices: ['17', '42', '93'],
};
const OFFER = {
  rpId: 'hospital.example',
  offerId: CTX.offerId,
  secret: 'EBESExQVFhcYGRobHB0eHw',
  exp: T0 + 120,
};

function code(f: () => unknown): string | undefined {
  try {
    f();
    return undefined;
  } catch (e) {
    return isJitsuinError(e) ? `${e.code}/${e.requirement}` : `non-jitsuin ${String(e)}`;
  }
}

describe('QR session context', () => {
  it('round-trips in canonical form and matches the scanned offer', () => {
    const text = encodeQrSessionContext(CTX);
    expect(text.startsWith('{"browser":')).toBe(true);
    expect(decodeQrSessionContext(text, OFFER)).toEqual(CTX);
  });

  it('[QR-23] rejects other forms, members, values, and a context of another offer', () => {
    const c = CTX as unknown as Record<string, unknown>;
    const bad = [
      canonicalize({ ...c, code: '42' }),
      canonicalize({ ...c, account: 'taro' }),
      canonicalize({ ...c, choices: ['17', '42'] }),
      canonicalize({ ...c, choices: ['17', '17', '93'] }),
      canonicalize({ ...c, choices: ['17', '42', '9'] }),
      canonicalize({ ...c, choices: [17, 42, 93] }),
      canonicalize({ ...c, place: '' }),
      canonicalize({ ...c, browser: 'a\u0007b' }),
      canonicalize({ ...c, place: 'x'.repeat(65) }),
      canonicalize({ ...c, exp: T0 + 121 }),
      canonicalize({ ...c, offerId: 'AAEC' }),
      canonicalize({ ...c, rpId: 'Hospital.example' }),
      JSON.stringify(CTX),
      '[]',
    ];
    for (const t of bad)
      expect(
        code(() => decodeQrSessionContext(t)),
        t,
      ).toBe('ERR_QR/QR-23');
    expect(
      code(() =>
        decodeQrSessionContext(encodeQrSessionContext(CTX), { ...OFFER, rpId: 'pharmacy.example' }),
      ),
    ).toBe('ERR_QR/QR-23');
    expect(
      code(() => decodeQrSessionContext(encodeQrSessionContext(CTX), { ...OFFER, exp: T0 + 100 })),
    ).toBe('ERR_QR/QR-23');
    expect(
      code(() =>
        decodeQrSessionContext(encodeQrSessionContext(CTX), { ...OFFER, offerId: OFFER.secret }),
      ),
    ).toBe('ERR_QR/QR-23');
  });

  it('never crashes on arbitrary input', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.jsonValue().map((v) => JSON.stringify(v)),
          fc.anything(),
        ),
        (x) => {
          try {
            decodeQrSessionContext(x);
          } catch (e) {
            expect(isJitsuinError(e, 'ERR_QR')).toBe(true);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});
