import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeQrUri, encodeQrUri } from '../../src/qr/uri.js';
import { isJitsuinError } from '../../src/errors.js';

const O = 'AAECAwQFBgcICQoLDA0ODw'; // bytes 0..15
const S = 'EBESExQVFhcYGRobHB0eHw'; // bytes 16..31
const GOOD = `https://hospital.example/.well-known/jitsuin/qr#v=1&o=${O}&s=${S}&e=1767225720`;

function code(f: () => unknown): string | undefined {
  try {
    f();
    return undefined;
  } catch (e) {
    return isJitsuinError(e) ? `${e.code}/${e.requirement}` : 'non-jitsuin';
  }
}

describe('QR offer URI', () => {
  it('round-trips a valid offer', () => {
    const offer = decodeQrUri(GOOD);
    expect(offer).toEqual({ rpId: 'hospital.example', offerId: O, secret: S, exp: 1767225720 });
    expect(encodeQrUri(offer)).toBe(GOOD);
  });

  it('[QR-01] rejects another scheme, userinfo, port, case, trailing dot, path or a query', () => {
    const bad = [
      GOOD.replace('https://', 'http://'),
      GOOD.replace('https://', 'HTTPS://'),
      GOOD.replace('https://', 'jitsuin://'),
      GOOD.replace('hospital.example', 'user@hospital.example'),
      GOOD.replace('hospital.example', 'hospital.example:443'),
      GOOD.replace('hospital.example', 'Hospital.example'),
      GOOD.replace('hospital.example', 'hospital.example.'),
      GOOD.replace('hospital.example', 'localhost'),
      GOOD.replace('hospital.example', 'xn--bad-.example'),
      GOOD.replace('/.well-known/jitsuin/qr', '/.well-known/jitsuin/qr/'),
      GOOD.replace('/.well-known/jitsuin/qr', '/.well-known/jitsuin/QR'),
      GOOD.replace('/.well-known/jitsuin/qr', '//.well-known/jitsuin/qr'),
      GOOD.replace('#', '?x=1#'),
      GOOD.replace('#', '?'),
      'https://hospital.example',
      `${GOOD}${'a'.repeat(400)}`,
    ];
    for (const uri of bad)
      expect(
        code(() => decodeQrUri(uri)),
        uri,
      ).toBe('ERR_QR/QR-01');
  });

  it('[QR-02] rejects a fragment with members missing, added, reordered, repeated or encoded', () => {
    const bad = [
      GOOD.replace('v=1&', ''),
      GOOD.replace('v=1', 'v=2'),
      GOOD.replace(`&s=${S}`, ''),
      `${GOOD}&x=1`,
      `${GOOD}&`,
      GOOD.replace(`o=${O}&s=${S}`, `s=${S}&o=${O}`),
      GOOD.replace('&e=1767225720', '&e=01767225720'),
      GOOD.replace('&e=1767225720', '&e=-1'),
      GOOD.replace('&e=1767225720', '&e=1.5'),
      GOOD.replace('&e=1767225720', '&e=9007199254740992'),
      GOOD.replace('&e=1767225720', '&e='),
      GOOD.replace('o=', 'o%3D'),
      GOOD.replace(`o=${O}`, `o=${O}=`),
      GOOD.replace(`o=${O}`, `o=${O.slice(0, 21)}`),
      GOOD.replace('#v=1', '#v=1&v=1'),
      `${GOOD} `,
    ];
    for (const uri of bad)
      expect(
        code(() => decodeQrUri(uri)),
        uri,
      ).toBe('ERR_QR/QR-02');
  });

  it('[QR-03] rejects a non-canonical base64url offer id or secret (non-zero trailing bits)', () => {
    // 22 characters decode to 16 bytes plus 4 trailing bits; 'x' leaves some of them set.
    expect(code(() => decodeQrUri(GOOD.replace(`o=${O}`, `o=${O.slice(0, 21)}x`)))).toBe(
      'ERR_QR/QR-03',
    );
    expect(code(() => decodeQrUri(GOOD.replace(`s=${S}`, `s=${S.slice(0, 21)}B`)))).toBe(
      'ERR_QR/QR-03',
    );
    expect(
      code(() => encodeQrUri({ rpId: 'a.example', offerId: 'short', secret: S, exp: 1 })),
    ).toBe('ERR_INVALID_ARGUMENT/QR-03');
  });

  it('[QR-04] admits nothing but rpId, offer id, secret and expiry (no personal member fits the form)', () => {
    expect(code(() => decodeQrUri(`${GOOD}&name=Taro`))).toBe('ERR_QR/QR-02');
    expect(code(() => decodeQrUri(GOOD.replace('#', '?account=42#')))).toBe('ERR_QR/QR-01');
    expect(Object.keys(decodeQrUri(GOOD)).sort()).toEqual(['exp', 'offerId', 'rpId', 'secret']);
  });

  it('[QR-05] rejects a URI for another RP than the app belongs to', () => {
    expect(code(() => decodeQrUri(GOOD, { rpId: 'pharmacy.example' }))).toBe('ERR_QR/QR-05');
    expect(decodeQrUri(GOOD, { rpId: 'hospital.example' }).rpId).toBe('hospital.example');
  });

  it('[QR-06] rejects an expired URI by the app clock, accepts it up to and including e', () => {
    expect(code(() => decodeQrUri(GOOD, { time: 1767225721 }))).toBe('ERR_QR_EXPIRED/QR-06');
    expect(decodeQrUri(GOOD, { time: 1767225720 }).exp).toBe(1767225720);
  });

  it('never crashes on arbitrary input: valid offer or ERR_QR*', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc
            .constant(GOOD)
            .chain((g) =>
              fc
                .tuple(fc.nat(g.length), fc.string({ maxLength: 3 }))
                .map(([i, s]) => g.slice(0, i) + s + g.slice(i + 1)),
            ),
        ),
        (uri) => {
          try {
            const o = decodeQrUri(uri);
            expect(encodeQrUri(o)).toBe(uri); // one accepted spelling per offer
          } catch (e) {
            expect(isJitsuinError(e) && e.code.startsWith('ERR_QR')).toBe(true);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});
