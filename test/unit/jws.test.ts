import { describe, expect, it, vi } from 'vitest';
import { JitsuinError, isJitsuinError, type ErrorCode } from '../../src/errors.js';
import { base64urlDecode, base64urlEncode } from '../../src/encoding/base64url.js';
import { utf8Decode, utf8Encode } from '../../src/encoding/utf8.js';
import { canonicalizeToBytes } from '../../src/encoding/canonicalize.js';
import {
  derToRawSignature,
  ecdsaSignatureReadings,
  rawToDerSignature,
} from '../../src/crypto/ecdsa-signature.js';
import { concatBytes } from '../../src/encoding/bytes.js';
import { firstVerifyingToken } from '../../src/jws/sign.js';
import { headerMemoKey, lookupHeader } from '../../src/jws/internal/header-cache.js';
import { signEcdsa } from '../../src/crypto/ecdsa.js';
import { CURVES } from '../../src/crypto/internal/curves.js';
import {
  DEFAULT_JWS_LIMITS,
  JWS_TYP,
  decodeJwsUnverified,
  isJwsTyp,
  signJws,
  verifyJws,
  type JwsSigner,
} from '../../src/jws/index.js';
import { jwsFixture } from '../generators/jws.js';

const TYP = JWS_TYP.login;
const PAYLOAD = { aud: 'https://rp.example', iat: 1_767_312_000, nonce: 'abc' };
const N = CURVES['P-256'].n;

const softSigner =
  (key: Uint8Array, format: 'raw' | 'der' = 'raw', highS = false): JwsSigner =>
  (input) =>
    Promise.resolve(signEcdsa(key, input, { format, highS }));

async function rejects(
  p: Promise<unknown>,
  code: ErrorCode,
  requirement?: string,
): Promise<JitsuinError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err, `expected ${code}`).toBeInstanceOf(JitsuinError);
  const je = err as JitsuinError;
  expect(je.code).toBe(code);
  if (requirement !== undefined) expect(je.requirement).toBe(requirement);
  return je;
}

async function token(highS = false, format: 'raw' | 'der' = 'raw'): Promise<string> {
  const f = await jwsFixture();
  return signJws({
    typ: TYP,
    payload: PAYLOAD,
    certificateChain: [f.leafA],
    signer: softSigner(f.keyA, format, highS),
  });
}

function segments(t: string): [string, string, string] {
  return t.split('.') as [string, string, string];
}

describe('signJws', () => {
  it('[JWS-30] emits exactly {"alg":"ES256","typ":T,"x5c":[base64 DER]} in canonical form', async () => {
    const f = await jwsFixture();
    const t = await token();
    const header = utf8Decode(base64urlDecode(segments(t)[0]));
    const b64 = btoa(String.fromCharCode(...f.leafA));
    expect(header).toBe(`{"alg":"ES256","typ":"${TYP}","x5c":["${b64}"]}`);
  });

  it('[JWS-31] emits the canonical form of the payload object, whatever the key order given', async () => {
    const f = await jwsFixture();
    const t = await signJws({
      typ: TYP,
      payload: { z: 1, a: { y: 'é', b: [2, 1] } },
      certificateChain: [f.leafA],
      signer: softSigner(f.keyA),
    });
    expect(utf8Decode(base64urlDecode(segments(t)[1]))).toBe('{"a":{"b":[2,1],"y":"é"},"z":1}');
  });

  it('[JWS-32] converts a DER signer output to raw r||s, keeping high-S as the hardware produced it', async () => {
    const f = await jwsFixture();
    const derSigner = vi.fn(softSigner(f.keyA, 'der', true));
    const t = await signJws({
      typ: TYP,
      payload: PAYLOAD,
      certificateChain: [f.leafA],
      signer: derSigner,
    });
    const sig = base64urlDecode(segments(t)[2]);
    expect(sig.length).toBe(64);
    const produced = (await derSigner.mock.results[0]!.value) as Uint8Array;
    expect(sig).toEqual(derToRawSignature(produced));
    const s = BigInt(`0x${Buffer.from(sig.subarray(32)).toString('hex')}`);
    expect(s > N / 2n).toBe(true);
    // The signing input the signer received is exactly the first two segments.
    expect(utf8Decode(derSigner.mock.calls[0]![0])).toBe(`${segments(t)[0]}.${segments(t)[1]}`);
  });

  it('[JWS-32] rejects a signer output that is neither raw r||s nor strict DER', async () => {
    const f = await jwsFixture();
    const ber = (input: Uint8Array): Promise<Uint8Array> => {
      const der = rawToDerSignature(signEcdsa(f.keyA, input));
      // Long-form length where the short form is required: BER, not DER.
      return Promise.resolve(Uint8Array.of(0x30, 0x81, der[1]!, ...der.subarray(2)));
    };
    await rejects(
      signJws({ typ: TYP, payload: PAYLOAD, certificateChain: [f.leafA], signer: ber }),
      'ERR_INVALID_SIGNATURE_ENCODING',
    );
  });

  it('[JWS-32] [JWS-39] reads a declared encoding that way only: DER as strict DER, raw as 64-byte r||s', async () => {
    const f = await jwsFixture();
    const declared =
      (format: 'der' | 'raw', encode: 'der' | 'raw'): JwsSigner =>
      (input) =>
        Promise.resolve({
          format,
          signature: signEcdsa(f.keyA, input, { format: encode, highS: true }),
        });
    const fromDer = await signJws({
      typ: TYP,
      payload: PAYLOAD,
      certificateChain: [f.leafA],
      signer: declared('der', 'der'),
    });
    const fromRaw = await signJws({
      typ: TYP,
      payload: PAYLOAD,
      certificateChain: [f.leafA],
      signer: declared('raw', 'raw'),
    });
    expect(fromDer).toBe(fromRaw);
    expect(fromDer).toBe(await token(true));
    await rejects(
      signJws({
        typ: TYP,
        payload: PAYLOAD,
        certificateChain: [f.leafA],
        signer: declared('raw', 'der'),
      }),
      'ERR_INVALID_SIGNATURE_ENCODING',
      'JWS-32',
    );
    await rejects(
      signJws({
        typ: TYP,
        payload: PAYLOAD,
        certificateChain: [f.leafA],
        signer: declared('der', 'raw'),
      }),
      'ERR_INVALID_SIGNATURE_ENCODING',
      'JWS-32',
    );
    const odd = (): Promise<never> =>
      Promise.resolve({ format: 'p1363', signature: new Uint8Array(64) } as never);
    await rejects(
      signJws({ typ: TYP, payload: PAYLOAD, certificateChain: [f.leafA], signer: odd }),
      'ERR_INVALID_ARGUMENT',
    );
  });

  it("[JWS-33] [JWS-39] settles undeclared bytes that are valid both as DER and as raw by the producer's own verification", async () => {
    const f = await jwsFixture();
    const [h, p, sig] = segments(await token());
    const good = base64urlDecode(sig);
    // A 64-byte strict DER value (short r and s) whose raw reading is in range too: two readings.
    const ambiguous = concatBytes(
      Uint8Array.of(0x30, 0x3e, 0x02, 0x1d),
      new Uint8Array(29).fill(0x11),
      Uint8Array.of(0x02, 0x1d),
      new Uint8Array(29).fill(0x22),
    );
    expect(ecdsaSignatureReadings(ambiguous)).toHaveLength(2);
    // Whichever reading verifies under the leaf key is released, in either position.
    const input = `${h}.${p}`;
    expect(await firstVerifyingToken(input, [ambiguous, good], TYP, DEFAULT_JWS_LIMITS)).toBe(
      `${input}.${sig}`,
    );
    expect(
      await firstVerifyingToken(
        input,
        [good, derToRawSignature(ambiguous)],
        TYP,
        DEFAULT_JWS_LIMITS,
      ),
    ).toBe(`${input}.${sig}`);
    // When no reading verifies, the token is not released.
    await rejects(
      firstVerifyingToken(
        input,
        [ambiguous, derToRawSignature(ambiguous)],
        TYP,
        DEFAULT_JWS_LIMITS,
      ),
      'ERR_SIGNATURE_INVALID',
      'JWS-18',
    );
    await rejects(
      signJws({
        typ: TYP,
        payload: PAYLOAD,
        certificateChain: [f.leafA],
        signer: () => Promise.resolve(ambiguous),
      }),
      'ERR_SIGNATURE_INVALID',
      'JWS-18',
    );
  });

  it('[JWS-33] refuses to release a token whose signer key does not match the leaf', async () => {
    const f = await jwsFixture();
    await rejects(
      signJws({
        typ: TYP,
        payload: PAYLOAD,
        certificateChain: [f.leafA],
        signer: softSigner(f.keyB),
      }),
      'ERR_SIGNATURE_INVALID',
      'JWS-18',
    );
  });

  it('[JWS-33] [JWS-36] refuses a chain or a size the verifiers would refuse', async () => {
    const f = await jwsFixture();
    await rejects(
      signJws({
        typ: TYP,
        payload: PAYLOAD,
        certificateChain: [f.p384Leaf],
        signer: softSigner(f.keyA),
      }),
      'ERR_JWS_X5C',
      'JWS-14',
    );
    await rejects(
      signJws({ typ: TYP, payload: PAYLOAD, certificateChain: [], signer: softSigner(f.keyA) }),
      'ERR_JWS_X5C',
      'JWS-11',
    );
    await rejects(
      signJws({
        typ: TYP,
        payload: { pad: 'x'.repeat(DEFAULT_JWS_LIMITS.maxPayloadBytes) },
        certificateChain: [f.leafA],
        signer: softSigner(f.keyA),
      }),
      'ERR_INPUT_TOO_LARGE',
      'JWS-25',
    );
    const six = Array.from({ length: 6 }, () => f.leafA);
    await rejects(
      signJws({ typ: TYP, payload: PAYLOAD, certificateChain: six, signer: softSigner(f.keyA) }),
      'ERR_INPUT_TOO_LARGE',
      'JWS-26',
    );
  });

  it('[JWS-33] [JWS-38] never asks the signer to sign a token that would be refused before its signature', async () => {
    const f = await jwsFixture();
    const signer = vi.fn(softSigner(f.keyA));
    await rejects(
      signJws({ typ: TYP, payload: PAYLOAD, certificateChain: [f.rsaLeaf], signer }),
      'ERR_JWS_X5C',
      'JWS-14',
    );
    await rejects(
      signJws({
        typ: TYP,
        payload: { pad: 'x'.repeat(40_000) },
        certificateChain: [f.leafA],
        signer,
      }),
      'ERR_INPUT_TOO_LARGE',
      'JWS-25',
    );
    await rejects(
      signJws({ typ: TYP, payload: PAYLOAD, certificateChain: [f.hugeLeafA], signer }),
      'ERR_INPUT_TOO_LARGE',
      'JWS-27',
    );
    await rejects(
      signJws({ typ: TYP, payload: PAYLOAD, certificateChain: [new Uint8Array(10)], signer }),
      'ERR_JWS_X5C',
      'JWS-13',
    );
    expect(signer).not.toHaveBeenCalled();
  });

  it('[JWS-31] rejects a payload that is not a strict JSON object', async () => {
    const f = await jwsFixture();
    const opts = { typ: TYP, certificateChain: [f.leafA], signer: softSigner(f.keyA) };
    await rejects(signJws({ ...opts, payload: [1] as never }), 'ERR_JWS_PAYLOAD', 'JWS-22');
    await rejects(signJws({ ...opts, payload: { x: 1.5 } }), 'ERR_JWS_PAYLOAD', 'JWS-31');
    await rejects(signJws({ ...opts, payload: { x: 2 ** 53 } }), 'ERR_JWS_PAYLOAD', 'JWS-31');
  });

  it('[JWS-37] rejects a typ outside the grammar, and other bad arguments', async () => {
    const f = await jwsFixture();
    const opts = { payload: PAYLOAD, certificateChain: [f.leafA], signer: softSigner(f.keyA) };
    await rejects(signJws({ ...opts, typ: 'JWT' }), 'ERR_INVALID_ARGUMENT', 'JWS-37');
    await rejects(
      signJws({ ...opts, typ: 'application/jitsuin-login+jws' }),
      'ERR_INVALID_ARGUMENT',
      'JWS-37',
    );
    await rejects(signJws({ ...opts, typ: TYP, signer: 'no' as never }), 'ERR_INVALID_ARGUMENT');
    await rejects(
      signJws({ ...opts, typ: TYP, certificateChain: ['x'] as never }),
      'ERR_INVALID_ARGUMENT',
    );
    await rejects(
      signJws({ ...opts, typ: TYP, signer: () => Promise.resolve('sig' as never) }),
      'ERR_INVALID_ARGUMENT',
    );
    await rejects(
      signJws({ ...opts, typ: TYP, limits: { maxTokenLength: 0 } }),
      'ERR_INVALID_ARGUMENT',
    );
    await rejects(
      signJws({ ...opts, typ: TYP, limits: { maxTokens: 1 } as never }),
      'ERR_INVALID_ARGUMENT',
    );
  });

  it('lets a signer failure propagate unchanged', async () => {
    const f = await jwsFixture();
    const cancelled = new Error('user cancelled');
    await expect(
      signJws({
        typ: TYP,
        payload: PAYLOAD,
        certificateChain: [f.leafA],
        signer: () => Promise.reject(cancelled),
      }),
    ).rejects.toBe(cancelled);
  });
});

describe('verifyJws', () => {
  it('[JWS-18] returns header, payload, chain and the parsed leaf for a valid token', async () => {
    const f = await jwsFixture();
    const v = await verifyJws(await token(), { typ: TYP, allowUnvalidatedChain: true });
    expect(v.header).toEqual({
      alg: 'ES256',
      typ: TYP,
      x5c: [btoa(String.fromCharCode(...f.leafA))],
    });
    expect(v.payload).toEqual(PAYLOAD);
    expect(v.certificateChain).toEqual([f.leafA]);
    expect(v.leaf.der).toEqual(f.leafA);
    expect(v.chain).toBeUndefined();
  });

  it('[JWS-19] accepts the high-S twin of a valid signature', async () => {
    const low = await token(false);
    const high = await token(true);
    expect(segments(high)[2]).not.toBe(segments(low)[2]);
    const [a, b] = await Promise.all(
      [low, high].map((t) => verifyJws(t, { typ: TYP, allowUnvalidatedChain: true })),
    );
    expect(a!.payload).toEqual(b!.payload);
  });

  it('[JWS-16] requires an expected typ of the grammar', async () => {
    const t = await token();
    await rejects(
      verifyJws(t, { typ: undefined as never, allowUnvalidatedChain: true }),
      'ERR_INVALID_ARGUMENT',
      'JWS-16',
    );
    await rejects(
      verifyJws(t, { typ: 'jitsuin-login+JWS', allowUnvalidatedChain: true }),
      'ERR_INVALID_ARGUMENT',
      'JWS-16',
    );
    await rejects(verifyJws(t, undefined as never), 'ERR_INVALID_ARGUMENT', 'JWS-16');
  });

  it('[JWS-28] refuses to verify without a chain validator unless the opt-out is explicit', async () => {
    const t = await token();
    await rejects(verifyJws(t, { typ: TYP } as never), 'ERR_INVALID_ARGUMENT', 'JWS-28');
    await rejects(
      verifyJws(t, { typ: TYP, allowUnvalidatedChain: 'yes' } as never),
      'ERR_INVALID_ARGUMENT',
      'JWS-28',
    );
    await rejects(
      verifyJws(t, { typ: TYP, validateChain: 'no' } as never),
      'ERR_INVALID_ARGUMENT',
      'JWS-28',
    );
  });

  it('[JWS-28] passes the decoded chain (copies, leaf first) to the validator and returns its result', async () => {
    const f = await jwsFixture();
    const t = await signJws({
      typ: TYP,
      payload: PAYLOAD,
      certificateChain: [f.leafC, f.ca],
      signer: softSigner(f.keyC),
    });
    const seen: Uint8Array[][] = [];
    const v = await verifyJws(t, {
      typ: TYP,
      validateChain: (chain) => {
        seen.push([...chain]);
        (chain[0] as Uint8Array)[0] = 0; // mutating the hook's copy must not affect the result
        return Promise.resolve({ trusted: 'test-anchor' });
      },
    });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.length).toBe(2);
    expect(v.chain).toEqual({ trusted: 'test-anchor' });
    expect(v.certificateChain).toEqual([f.leafC, f.ca]);
  });

  it('[JWS-29] does not run the validator when the signature fails, and a failing validator fails verification', async () => {
    const t = await token();
    const [h, p, s] = segments(t);
    const sig = base64urlDecode(s);
    sig[63] = sig[63]! ^ 1;
    const hook = vi.fn(() => Promise.resolve(1));
    await rejects(
      verifyJws(`${h}.${p}.${base64urlEncode(sig)}`, { typ: TYP, validateChain: hook }),
      'ERR_SIGNATURE_INVALID',
      'JWS-18',
    );
    expect(hook).not.toHaveBeenCalled();
    const revoked = new JitsuinError('ERR_REVOKED', 'leaf revoked');
    await expect(
      verifyJws(t, { typ: TYP, validateChain: () => Promise.reject(revoked) }),
    ).rejects.toBe(revoked);
  });

  it('[JWS-29] runs the validator before the payload is parsed', async () => {
    const f = await jwsFixture();
    const h = base64urlEncode(
      canonicalizeToBytes({ alg: 'ES256', typ: TYP, x5c: [btoa(String.fromCharCode(...f.leafA))] }),
    );
    const p = base64urlEncode(utf8Encode('{ "not": "canonical" }'));
    const t = `${h}.${p}.${base64urlEncode(signEcdsa(f.keyA, utf8Encode(`${h}.${p}`)))}`;
    const order: string[] = [];
    const untrusted = new JitsuinError('ERR_PATH_NO_ISSUER', 'no anchor');
    await expect(
      verifyJws(t, {
        typ: TYP,
        validateChain: () => (order.push('hook'), Promise.reject(untrusted)),
      }),
    ).rejects.toBe(untrusted);
    expect(order).toEqual(['hook']);
    await rejects(
      verifyJws(t, { typ: TYP, validateChain: () => Promise.resolve(true) }),
      'ERR_JWS_PAYLOAD',
      'JWS-21',
    );
  });

  it('[JWS-23] checks the token length before anything else, and honours lowered limits', async () => {
    const t = await token();
    await rejects(
      verifyJws(t, {
        typ: TYP,
        allowUnvalidatedChain: true,
        limits: { maxTokenLength: t.length - 1 },
      }),
      'ERR_INPUT_TOO_LARGE',
      'JWS-23',
    );
    await expect(
      verifyJws(t, { typ: TYP, allowUnvalidatedChain: true, limits: { maxTokenLength: t.length } }),
    ).resolves.toBeDefined();
    await rejects(
      verifyJws('{'.repeat(DEFAULT_JWS_LIMITS.maxTokenLength + 1), {
        typ: TYP,
        allowUnvalidatedChain: true,
      }),
      'ERR_INPUT_TOO_LARGE',
      'JWS-23',
    );
  });

  it('[JWS-24] [JWS-25] [JWS-26] [JWS-27] enforce each lowered limit at its own step', async () => {
    const f = await jwsFixture();
    const t = await signJws({
      typ: TYP,
      payload: PAYLOAD,
      certificateChain: [f.leafC, f.ca],
      signer: softSigner(f.keyC),
    });
    const [h, p] = segments(t).map((s) => base64urlDecode(s)) as [Uint8Array, Uint8Array];
    const run = (limits: Record<string, number>) =>
      verifyJws(t, { typ: TYP, allowUnvalidatedChain: true, limits });
    await rejects(run({ maxHeaderBytes: h.length - 1 }), 'ERR_INPUT_TOO_LARGE', 'JWS-24');
    await rejects(run({ maxPayloadBytes: p.length - 1 }), 'ERR_INPUT_TOO_LARGE', 'JWS-25');
    await rejects(run({ maxChainLength: 1 }), 'ERR_INPUT_TOO_LARGE', 'JWS-26');
    await rejects(
      run({ maxCertificateBytes: f.leafC.length - 1 }),
      'ERR_INPUT_TOO_LARGE',
      'JWS-27',
    );
    await expect(
      run({
        maxHeaderBytes: h.length,
        maxPayloadBytes: p.length,
        maxChainLength: 2,
        maxCertificateBytes: Math.max(f.leafC.length, f.ca.length),
      }),
    ).resolves.toBeDefined();
  });

  it('[JWS-25] a payload within raised limits is parsed whatever its size (the JWS limits bound it, not the 1 MiB JSON default)', async () => {
    const f = await jwsFixture();
    const limits = { maxTokenLength: 3_000_000, maxPayloadBytes: 2_000_000 };
    const payload = { pad: 'x'.repeat(1_100_000) };
    const t = await signJws({
      typ: TYP,
      payload,
      certificateChain: [f.leafA],
      signer: softSigner(f.keyA),
      limits,
    });
    expect((await verifyJws(t, { typ: TYP, allowUnvalidatedChain: true, limits })).payload).toEqual(
      payload,
    );
  });

  it('[JWS-01] rejects a non-string token as malformed', async () => {
    await rejects(
      verifyJws(42 as never, { typ: TYP, allowUnvalidatedChain: true }),
      'ERR_JWS_MALFORMED',
      'JWS-01',
    );
  });

  it('[JWS-20] reports the signature, not the payload, when both are bad', async () => {
    const f = await jwsFixture();
    const h = base64urlEncode(
      canonicalizeToBytes({ alg: 'ES256', typ: TYP, x5c: [btoa(String.fromCharCode(...f.leafA))] }),
    );
    const p = base64urlEncode(utf8Encode('[not json'));
    const t = `${h}.${p}.${base64urlEncode(signEcdsa(f.keyB, utf8Encode(`${h}.${p}`)))}`;
    await rejects(
      verifyJws(t, { typ: TYP, allowUnvalidatedChain: true }),
      'ERR_SIGNATURE_INVALID',
      'JWS-18',
    );
  });

  // The header check is memoised for repeated headers (src/jws/internal/header-cache.ts): these cases run a
  // header that has already passed, then break exactly one input the memo must be keyed by.
  it('[JWS-10] [JWS-26] [JWS-27] a header that passed before is checked again against another typ or lower chain limits', async () => {
    const f = await jwsFixture();
    const t = await signJws({
      typ: TYP,
      payload: PAYLOAD,
      certificateChain: [f.leafC, f.ca],
      signer: softSigner(f.keyC),
    });
    await expect(verifyJws(t, { typ: TYP, allowUnvalidatedChain: true })).resolves.toBeDefined();
    await rejects(
      verifyJws(t, { typ: JWS_TYP.qrApproval, allowUnvalidatedChain: true }),
      'ERR_JWS_TYP',
      'JWS-10',
    );
    await rejects(
      verifyJws(t, { typ: TYP, allowUnvalidatedChain: true, limits: { maxChainLength: 1 } }),
      'ERR_INPUT_TOO_LARGE',
      'JWS-26',
    );
    await rejects(
      verifyJws(t, {
        typ: TYP,
        allowUnvalidatedChain: true,
        limits: { maxCertificateBytes: f.leafC.length - 1 },
      }),
      'ERR_INPUT_TOO_LARGE',
      'JWS-27',
    );
    await expect(verifyJws(t, { typ: TYP, allowUnvalidatedChain: true })).resolves.toBeDefined();
    // The decoded header is reused too, but its size limit and the other segments are still checked.
    const [h, p, sig] = segments(t);
    await rejects(
      verifyJws(t, {
        typ: TYP,
        allowUnvalidatedChain: true,
        limits: { maxHeaderBytes: base64urlDecode(h).length - 1 },
      }),
      'ERR_INPUT_TOO_LARGE',
      'JWS-24',
    );
    await rejects(
      verifyJws(`${h}.${p}=.${sig}`, { typ: TYP, allowUnvalidatedChain: true }),
      'ERR_JWS_MALFORMED',
      'JWS-03',
    );
    await rejects(
      verifyJws(`${h}.${p}.${sig.slice(0, -2)}`, { typ: TYP, allowUnvalidatedChain: true }),
      'ERR_INVALID_SIGNATURE_ENCODING',
      'JWS-17',
    );
  });

  it('[JWS-18] [JWS-28] what one verification returns or hands to the validator cannot change the next', async () => {
    const f = await jwsFixture();
    const t = await signJws({
      typ: TYP,
      payload: PAYLOAD,
      certificateChain: [f.leafC, f.ca],
      signer: softSigner(f.keyC),
    });
    const first = await verifyJws(t, {
      typ: TYP,
      validateChain: (chain) => {
        (chain[0] as Uint8Array).fill(0);
        return Promise.resolve(chain.length);
      },
    });
    (first.certificateChain[0] as Uint8Array).fill(0);
    (first.header.x5c as string[])[0] = 'AAAA';
    const second = await verifyJws(t, {
      typ: TYP,
      validateChain: (chain) => Promise.resolve(chain),
    });
    expect(second.certificateChain).toEqual([f.leafC, f.ca]);
    expect(second.chain).toEqual([f.leafC, f.ca]);
    expect(second.header.x5c).toEqual([f.leafC, f.ca].map((c) => btoa(String.fromCharCode(...c))));
    expect(second.certificateChain[0]).not.toBe(first.certificateChain[0]);
  });

  it('[JWS-18] a signature that fails under a header that passed before still fails', async () => {
    const f = await jwsFixture();
    const t = await signJws({
      typ: TYP,
      payload: PAYLOAD,
      certificateChain: [f.leafA],
      signer: softSigner(f.keyA),
    });
    await expect(verifyJws(t, { typ: TYP, allowUnvalidatedChain: true })).resolves.toBeDefined();
    const [h, p] = segments(t);
    const forged = `${h}.${p}.${base64urlEncode(signEcdsa(f.keyB, utf8Encode(`${h}.${p}`)))}`;
    await rejects(
      verifyJws(forged, { typ: TYP, allowUnvalidatedChain: true }),
      'ERR_SIGNATURE_INVALID',
      'JWS-18',
    );
  });

  it('[JWS-05] [JWS-18] a header that shares the memo slot of one that passed (same sampled text) is checked on its own', async () => {
    const f = await jwsFixture();
    const t = await signJws({
      typ: TYP,
      payload: PAYLOAD,
      certificateChain: [f.leafC, f.ca],
      signer: softSigner(f.keyC),
    });
    await expect(verifyJws(t, { typ: TYP, allowUnvalidatedChain: true })).resolves.toBeDefined();
    const [h, p, sig] = segments(t);
    expect(h.length).toBeGreaterThan(600);
    // The memo key samples the first 128 characters, then 16 every (length - 144) / 16: 150 is between samples.
    const at = 150;
    const other = `${h.slice(0, at)}${h[at] === 'A' ? 'B' : 'A'}${h.slice(at + 1)}`;
    expect(headerMemoKey(other, TYP, DEFAULT_JWS_LIMITS)).toBe(
      headerMemoKey(h, TYP, DEFAULT_JWS_LIMITS),
    );
    expect(lookupHeader(headerMemoKey(other, TYP, DEFAULT_JWS_LIMITS), other)).toBeUndefined();
    // Reusing the slot's header would verify the original signing input and accept the token.
    const err = await verifyJws(`${other}.${p}.${sig}`, {
      typ: TYP,
      allowUnvalidatedChain: true,
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(JitsuinError);
  });
});

describe('typ registry', () => {
  it('[JWS-15] registers distinct typ values, each of the grammar', () => {
    const values = Object.values(JWS_TYP);
    expect(new Set(values).size).toBe(values.length);
    for (const v of values) expect(isJwsTyp(v)).toBe(true);
  });

  it('isJwsTyp follows the grammar of spec/jws.md §3', () => {
    for (const ok of ['jitsuin-a+jws', 'jitsuin-consent-decision+jws', 'jitsuin-x1-2+jws'])
      expect(isJwsTyp(ok)).toBe(true);
    for (const bad of [
      'jitsuin-+jws',
      'jitsuin-A+jws',
      'jitsuin-a--b+jws',
      'jitsuin-a-+jws',
      'jitsuin-a+jwt',
      'JWT',
      'application/jitsuin-a+jws',
      'jitsuin-a+jws ',
      1,
      null,
    ]) {
      expect(isJwsTyp(bad)).toBe(false);
    }
    // At most 128 characters in all: 'jitsuin-' (8) + kind + '+jws' (4).
    expect(isJwsTyp(`jitsuin-${'a'.repeat(116)}+jws`)).toBe(true);
    expect(isJwsTyp(`jitsuin-${'a'.repeat(117)}+jws`)).toBe(false);
  });
});

describe('decodeJwsUnverified', () => {
  it('decodes header and payload without verifying anything', async () => {
    const t = await token();
    const [h, p] = segments(t);
    const forged = `${h}.${p}.AAAA`;
    const d = decodeJwsUnverified(forged);
    expect(d.header['typ']).toBe(TYP);
    expect(d.payload).toEqual(PAYLOAD);
    expect(d.signature.length).toBe(3);
    expect(utf8Decode(d.signingInput)).toBe(`${h}.${p}`);
  });

  it('returns payload undefined when it is not strict JSON, and throws JitsuinErrors for structure', () => {
    const h = base64urlEncode(utf8Encode('{"alg":"none"}'));
    expect(
      decodeJwsUnverified(`${h}.${base64urlEncode(utf8Encode('{ }'))}.`).payload,
    ).toBeUndefined();
    for (const bad of [
      '',
      'a.b',
      'a.b.c.d',
      '{"payload":""}',
      `${base64urlEncode(utf8Encode('[]'))}.e30.`,
    ]) {
      let caught: unknown;
      try {
        decodeJwsUnverified(bad);
      } catch (e) {
        caught = e;
      }
      expect(isJitsuinError(caught)).toBe(true);
    }
  });
});
