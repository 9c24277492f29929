import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isJitsuinError } from '../../src/errors.js';
import { base64urlEncode } from '../../src/encoding/base64url.js';
import { base64DecodeStrict, base64Encode } from '../../src/internal/base64.js';
import { utf8Encode } from '../../src/encoding/utf8.js';
import { signEcdsa } from '../../src/crypto/ecdsa.js';
import { JWS_TYP, decodeJwsUnverified, signJws, verifyJws } from '../../src/jws/index.js';
import { jwsFixture, type JwsFixture } from '../generators/jws.js';

const TYP = JWS_TYP.login;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
let f: JwsFixture;
let token: string;

beforeAll(async () => {
  f = await jwsFixture();
  token = await signJws({
    typ: TYP,
    payload: { aud: 'https://rp.example', iat: 1_767_312_000, nonce: 'bm9uY2U' },
    certificateChain: [f.leafA],
    signer: (input) => Promise.resolve(signEcdsa(f.keyA, input)),
  });
});

/** Verifies and classifies: 'accepted', or the JitsuinError code; any other throw fails the property. */
async function outcome(t: string): Promise<string> {
  try {
    await verifyJws(t, { typ: TYP, allowUnvalidatedChain: true });
    return 'accepted';
  } catch (e) {
    if (!isJitsuinError(e)) throw new Error(`non-JitsuinError thrown: ${String(e)}`);
    return e.code;
  }
}

describe('JWS property tests', () => {
  it('any single-character substitution in a valid token is rejected with a JitsuinError', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat(),
        fc.constantFrom(...ALPHABET, '.', '=', '+', '/', ' ', '{', 'é'),
        async (pos, ch) => {
          const i = pos % token.length;
          fc.pre(token[i] !== ch);
          const mutated = token.slice(0, i) + ch + token.slice(i + 1);
          expect(await outcome(mutated)).not.toBe('accepted');
        },
      ),
      { numRuns: 400 },
    );
  });

  it('any single-character insertion or deletion is rejected with a JitsuinError', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat(),
        fc.boolean(),
        fc.constantFrom(...ALPHABET, '.'),
        async (pos, insert, ch) => {
          const i = pos % token.length;
          const mutated = insert
            ? token.slice(0, i) + ch + token.slice(i)
            : token.slice(0, i) + token.slice(i + 1);
          expect(await outcome(mutated)).not.toBe('accepted');
        },
      ),
      { numRuns: 300 },
    );
  });

  it('flipping any bit of the decoded header, payload or signature and re-encoding is rejected', async () => {
    const parts = token.split('.').map((s) => Uint8Array.from(Buffer.from(s, 'base64url')));
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 2 }),
        fc.nat(),
        fc.integer({ min: 0, max: 7 }),
        async (which, pos, bit) => {
          const bytes = parts.map((p) => p.slice());
          const target = bytes[which]!;
          const i = pos % target.length;
          target[i] = target[i]! ^ (1 << bit);
          expect(await outcome(bytes.map(base64urlEncode).join('.'))).not.toBe('accepted');
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a header mutated by one byte and re-signed by the leaf key is rejected, unless the byte is inside the certificate', async () => {
    // Inside the x5c string a changed byte gives another (possibly parseable) certificate: the JWS
    // layer does not check certificate signatures, chain validation does. Then acceptance must
    // hand the changed certificate to the caller, never the original one.
    const [h, p] = token.split('.') as [string, string];
    const header = Uint8Array.from(Buffer.from(h, 'base64url'));
    const certText = Buffer.from(f.leafA).toString('base64');
    const certStart = Buffer.from(header).toString('latin1').indexOf(certText);
    expect(certStart).toBeGreaterThan(0);
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.integer({ min: 0, max: 255 }), async (pos, value) => {
        const bytes = header.slice();
        const i = pos % bytes.length;
        fc.pre(bytes[i] !== value);
        bytes[i] = value;
        const hs = base64urlEncode(bytes);
        const t = `${hs}.${p}.${base64urlEncode(signEcdsa(f.keyA, utf8Encode(`${hs}.${p}`)))}`;
        const inside = i >= certStart && i < certStart + certText.length;
        if (!inside) {
          expect(await outcome(t)).not.toBe('accepted');
          return;
        }
        try {
          const v = await verifyJws(t, { typ: TYP, allowUnvalidatedChain: true });
          expect(Buffer.from(v.certificateChain[0]!).equals(Buffer.from(f.leafA))).toBe(false);
        } catch (e) {
          expect(isJitsuinError(e)).toBe(true);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('arbitrary signed headers are accepted only when they are exactly the profile header', async () => {
    const member = fc.oneof(
      fc.constantFrom('alg', 'typ', 'x5c', 'crit', 'kid', 'jwk', 'b64', 'zip', 'x5u'),
      fc.string({ maxLength: 6 }),
    );
    const value = fc.oneof(
      fc.constant('ES256'),
      fc.constant(TYP),
      fc.constant([Buffer.from(f.leafA).toString('base64')]),
      fc.jsonValue({ maxDepth: 2 }),
    );
    const p = token.split('.')[1]!;
    let accepted = 0;
    const profile = { alg: 'ES256', typ: TYP, x5c: [Buffer.from(f.leafA).toString('base64')] };
    const headers = fc.oneof(
      fc.constant(profile),
      fc.dictionary(member, value, { maxKeys: 5 }),
      fc.record({ alg: value, typ: value, x5c: value }),
    );
    await fc.assert(
      fc.asyncProperty(headers, fc.boolean(), async (header, asJson) => {
        const text = asJson ? JSON.stringify(header) : JSON.stringify(header, null, 1);
        const hs = base64urlEncode(utf8Encode(text));
        const t = `${hs}.${p}.${base64urlEncode(signEcdsa(f.keyA, utf8Encode(`${hs}.${p}`)))}`;
        const result = await outcome(t);
        const exact =
          text ===
          `{"alg":"ES256","typ":"${TYP}","x5c":["${Buffer.from(f.leafA).toString('base64')}"]}`;
        expect(result === 'accepted').toBe(exact);
        if (exact) accepted++;
      }),
      { numRuns: 300 },
    );
    expect(accepted).toBeGreaterThan(0); // the accepting branch was exercised
  });

  it('random strings never crash the verifier or the unverified decoder', async () => {
    const piece = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.base64String({ maxLength: 40 }),
      fc.constantFrom('.', 'eyJ', '{', 'e30'),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(piece, { maxLength: 8 }).map((a) => a.join('')),
        async (s) => {
          expect(await outcome(s)).not.toBe('accepted');
          try {
            decodeJwsUnverified(s);
          } catch (e) {
            expect(isJitsuinError(e)).toBe(true);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('[JWS-12] x5c base64: the encoder writes what Node writes, and the strict decoder accepts exactly that text', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 80 }), (bytes) => {
        const text = base64Encode(bytes);
        expect(text).toBe(Buffer.from(bytes).toString('base64'));
        expect(base64DecodeStrict(text, 'x5c', 'ERR_JWS_X5C', 'JWS-12')).toEqual(bytes);
        // The same bytes without padding, or in the base64url alphabet, are refused.
        const variants = [text.replace(/=+$/, ''), Buffer.from(bytes).toString('base64url')].filter(
          (v) => v !== text,
        );
        for (const v of variants)
          expect(() => base64DecodeStrict(v, 'x5c', 'ERR_JWS_X5C', 'JWS-12')).toThrow(/x5c/);
      }),
      { numRuns: 300 },
    );
  });
});
