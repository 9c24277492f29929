/**
 * Login verification: jitsuin `verifyLoginResponse` (warm: the app's chain already validated and
 * cached; cold: a never-seen PKI each time) against SimpleWebAuthn `verifyAuthenticationResponse`
 * on an ES256 assertion, and against raw WebCrypto P-256 verification, the floor of any verifier.
 *
 * Each jitsuin call is the RP's whole job: it puts the challenge in a fresh in-memory store (a few
 * microseconds, included), then verifies: JWS profile, signature, path validation (profile, login
 * EKU, both CRLs, fail closed), app binding, payload, challenge consumed once, issued-at. Responses
 * come from pools of distinct pre-signed tokens so nothing can be answered from a per-token cache;
 * the cold pool has more PKIs than jitsuin's caches hold (see `x509.bench.ts`; the memo of checked
 * JWS headers holds 256, keyed by the header text, so cold tokens miss it too). Warm tokens share
 * one device's header, as every response of one device does, so warm verifications reuse its
 * header check (JSON, x5c decoding, certificate parsing, leaf key) along with the validated path.
 */
import 'reflect-metadata';
import { createHash, sign as nodeSign } from 'node:crypto';
import { verifyAuthenticationResponse } from '@simplewebauthn/server';
import { base64urlEncode, utf8Encode } from '../../src/encoding/index.js';
import {
  createLoginChallenge,
  createLoginResponse,
  MemoryChallengeStore,
  verifyLoginResponse,
  type LoginChallenge,
  type VerifyLoginResponseOptions,
} from '../../src/login/index.js';
import { benchGroup } from './harness.js';
import { BENCH_TIME, benchPools, type BenchPki } from './x509.bench.js';

const RP = 'hospital.example';
const ORIGIN = `https://${RP}`;
/** Distinct warm tokens (one PKI) and SimpleWebAuthn assertions in rotation. */
const WARM_POOL = 256;

interface LoginFixture {
  readonly pki: BenchPki;
  readonly challenge: LoginChallenge;
  readonly token: string;
}

async function loginFixture(pki: BenchPki): Promise<LoginFixture> {
  const challenge = createLoginChallenge({ rpId: RP, time: BENCH_TIME - 10 });
  const token = await createLoginResponse(challenge, {
    signer: (input) => Promise.resolve(new Uint8Array(nodeSign('sha256', input, pki.leafKey))),
    certificateChain: [pki.leaf, pki.ca],
    time: BENCH_TIME - 5,
  });
  return { pki, challenge, token };
}

function verifyOptions(f: LoginFixture, store: MemoryChallengeStore): VerifyLoginResponseOptions {
  return {
    rpId: RP,
    trustAnchors: [f.pki.root],
    revocation: { crls: [f.pki.rootCrl, f.pki.caCrl], mode: 'require' },
    time: BENCH_TIME,
    challengeStore: store,
  };
}

const storeClock = { now: () => BENCH_TIME };

/** The RP's work for one response: store the issued challenge, then verify (which consumes it). */
async function rpVerify(f: LoginFixture): Promise<unknown> {
  const store = new MemoryChallengeStore(storeClock);
  await store.put(f.challenge);
  return verifyLoginResponse(f.token, verifyOptions(f, store));
}

// --- WebAuthn assertion, built by hand ----------------------------------------------------------

/** COSE_Key (RFC 9053) of an uncompressed P-256 point, CBOR-encoded: {1:2, 3:-7, -1:1, -2:x, -3:y}. */
function coseP256(spki: Uint8Array): Uint8Array {
  const point = spki.subarray(spki.length - 65);
  if (point[0] !== 0x04) throw new Error('expected an uncompressed point at the end of the SPKI');
  const x = point.subarray(1, 33);
  const y = point.subarray(33, 65);
  return Uint8Array.from([
    0xa5,
    0x01,
    0x02,
    0x03,
    0x26,
    0x20,
    0x01,
    0x21,
    0x58,
    0x20,
    ...x,
    0x22,
    0x58,
    0x20,
    ...y,
  ]);
}

interface AssertionFixture {
  readonly options: Parameters<typeof verifyAuthenticationResponse>[0];
}

function webauthnAssertion(pki: BenchPki, credentialId: string): AssertionFixture {
  const challenge = base64urlEncode(globalThis.crypto.getRandomValues(new Uint8Array(32)));
  const rpIdHash = createHash('sha256').update(RP).digest();
  const authData = Uint8Array.from([...rpIdHash, 0x05 /* UP | UV */, 0, 0, 0, 0]);
  const clientData = utf8Encode(
    JSON.stringify({ type: 'webauthn.get', challenge, origin: ORIGIN, crossOrigin: false }),
  );
  const signed = Uint8Array.from([
    ...authData,
    ...createHash('sha256').update(clientData).digest(),
  ]);
  const signature = new Uint8Array(nodeSign('sha256', signed, pki.leafKey));
  return {
    options: {
      response: {
        id: credentialId,
        rawId: credentialId,
        type: 'public-key',
        clientExtensionResults: {},
        response: {
          authenticatorData: base64urlEncode(authData),
          clientDataJSON: base64urlEncode(clientData),
          signature: base64urlEncode(signature),
        },
      },
      expectedChallenge: challenge,
      expectedOrigin: ORIGIN,
      expectedRPID: RP,
      credential: {
        id: credentialId,
        publicKey: coseP256(pki.leafSpki) as Uint8Array<ArrayBuffer>,
        counter: 0,
      },
      requireUserVerification: true,
    },
  };
}

// --- Raw WebCrypto --------------------------------------------------------------------------------

interface RawFixture {
  readonly key: CryptoKey;
  readonly spki: Uint8Array<ArrayBuffer>;
  readonly data: Uint8Array<ArrayBuffer>;
  readonly signature: Uint8Array<ArrayBuffer>;
}

async function rawFixture(f: LoginFixture): Promise<RawFixture> {
  const [h, p, s] = f.token.split('.') as [string, string, string];
  const data = new Uint8Array(utf8Encode(`${h}.${p}`));
  const signature = new Uint8Array(Buffer.from(s, 'base64url'));
  const spki = new Uint8Array(f.pki.leafSpki);
  const key = await globalThis.crypto.subtle.importKey(
    'spki',
    spki,
    { name: 'ECDSA', namedCurve: 'P-256' },
    false,
    ['verify'],
  );
  return { key, spki, data, signature };
}

const ECDSA = { name: 'ECDSA', hash: 'SHA-256' } as const;

async function rawVerify(r: RawFixture, key: CryptoKey = r.key): Promise<void> {
  if (!(await globalThis.crypto.subtle.verify(ECDSA, key, r.signature, r.data)))
    throw new Error('WebCrypto rejected the fixture');
}

// --- Groups ---------------------------------------------------------------------------------------

let fixtures:
  | { warm: LoginFixture[]; cold: LoginFixture[]; assertions: AssertionFixture[]; raw: RawFixture }
  | undefined;

async function loadFixtures(): Promise<NonNullable<typeof fixtures>> {
  if (fixtures !== undefined) return fixtures;
  const pools = await benchPools();
  const first = pools.fresh[0] as BenchPki;
  const warm: LoginFixture[] = [];
  for (let i = 0; i < WARM_POOL; i++) warm.push(await loginFixture(first));
  const cold: LoginFixture[] = [];
  for (const pki of pools.fresh) cold.push(await loginFixture(pki));
  const assertions: AssertionFixture[] = [];
  for (let i = 0; i < WARM_POOL; i++)
    assertions.push(webauthnAssertion(first, base64urlEncode(utf8Encode('bench-credential'))));
  const raw = await rawFixture(warm[0] as LoginFixture);
  // Every case must accept its fixtures before anything is timed.
  await rpVerify(warm[0] as LoginFixture);
  await rpVerify(cold[1] as LoginFixture);
  const w = await verifyAuthenticationResponse(assertions[0]!.options);
  if (!w.verified) throw new Error('SimpleWebAuthn did not verify the assertion fixture');
  await rawVerify(raw);
  fixtures = { warm, cold, assertions, raw };
  return fixtures;
}

function rotate<T>(list: readonly T[]): () => T {
  let i = 0;
  return () => list[i++ % list.length] as T;
}

export const loginWarm = benchGroup({
  title: 'Login verification, warm (chain already validated)',
  description:
    'jitsuin: verifyLoginResponse of a fresh response from a device whose chain the RP validated before (path cache hit, and the header check of that device reused), including putting its challenge in a store. ' +
    'SimpleWebAuthn 14: verifyAuthenticationResponse of an ES256 assertion (authenticatorData, clientDataJSON, COSE key; no certificate, no revocation). ' +
    "Raw WebCrypto: one subtle.verify of the response's signature with an already imported key — the floor.",
  reference: 'SimpleWebAuthn verifyAuthenticationResponse',
  setup: loadFixtures,
  cases: () => {
    const f = fixtures!;
    const nextWarm = rotate(f.warm);
    const nextAssertion = rotate(f.assertions);
    return {
      'SimpleWebAuthn verifyAuthenticationResponse': () =>
        verifyAuthenticationResponse(nextAssertion().options),
      'WebCrypto subtle.verify (raw, key imported)': () => rawVerify(f.raw),
      'jitsuin verifyLoginResponse, warm': () => rpVerify(nextWarm()),
    };
  },
});

export const loginCold = benchGroup({
  title: 'Login verification, cold (never-seen device and PKI)',
  description:
    'jitsuin: verifyLoginResponse from a PKI never seen before (rotation larger than every cache): 5 ECDSA verifications (response, end-entity and CA certificates, 2 CRLs), 3 key imports, DER parsing and every check. ' +
    'Its yardsticks: the sum of 5 raw WebCrypto P-256 verifications with keys already imported, and the same 5 with its 3 keys imported from SPKI each time (same message size as the response; certificate and CRL signatures cover similar-sized data).',
  reference: '5 × WebCrypto verify, 3 keys imported each time',
  setup: loadFixtures,
  cases: () => {
    const f = fixtures!;
    const nextCold = rotate(f.cold);
    const importKey = () =>
      globalThis.crypto.subtle.importKey(
        'spki',
        f.raw.spki,
        { name: 'ECDSA', namedCurve: 'P-256' },
        false,
        ['verify'],
      );
    return {
      '5 × WebCrypto verify, keys imported': async () => {
        for (let i = 0; i < 5; i++) await rawVerify(f.raw);
      },
      '5 × WebCrypto verify, 3 keys imported each time': async () => {
        const keys = [await importKey(), await importKey(), await importKey()];
        for (let i = 0; i < 5; i++) await rawVerify(f.raw, keys[i % 3]);
      },
      'jitsuin verifyLoginResponse, cold': () => rpVerify(nextCold()),
    };
  },
});
