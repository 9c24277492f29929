/**
 * The provider's evaluation before a transfer: jitsuin `authorizeTransfer`, warm (both chains —
 * the requester's relying-party chain and the person's app chain — validated before and cached),
 * against its floor, the two P-256 verifications it must do (request and decision), raw WebCrypto
 * with imported keys, in the same run.
 *
 * Each jitsuin call is the provider's whole job: JWS profile and signature of the request and the
 * decision, path validation from the cache (relying-party profile, consent EKU, CRLs, fail closed),
 * payloads, binding, person, scope, recipient, purpose, validity, withdrawal store (twice), atomic
 * use count in a fresh in-memory store (so every call is a first use), and the signed transfer
 * record. Signing the record is the provider's own key operation; the bench signs with WebCrypto
 * (an imported P-256 key), so the table also shows the floor with that signature added.
 */
import { webcrypto } from 'node:crypto';
import { base64urlDecode } from '../../src/encoding/index.js';
import {
  authorizeTransfer,
  createConsentDecision,
  createConsentRequest,
  decodeConsentRequest,
  MemoryConsentUseStore,
  MemoryWithdrawalStore,
} from '../../src/consent/index.js';
import {
  bloodTestDraft,
  CONSENT_RP,
  CONSENT_TIME,
  createConsentPki,
  type ConsentPki,
} from '../testpki/consent.js';
import { sha256 } from '../../src/crypto/hash.js';
import { utf8Encode } from '../../src/encoding/utf8.js';
import { benchGroup } from './harness.js';

interface Fixture {
  readonly pki: ConsentPki;
  readonly request: string;
  readonly decision: string;
  readonly recordKey: CryptoKey;
  /** The two signatures authorizeTransfer verifies, with their keys imported. */
  readonly raw: readonly { key: CryptoKey; data: Uint8Array; signature: Uint8Array }[];
}

let fixture: Fixture | undefined;

/** PKCS#8 of a raw P-256 private key (RFC 5915 inside RFC 5208), so WebCrypto can import the test key. */
function pkcs8(d: Uint8Array): Uint8Array {
  const head = Uint8Array.from([
    0x30, 0x41, 0x02, 0x01, 0x00, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01,
    0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07, 0x04, 0x27, 0x30, 0x25, 0x02, 0x01,
    0x01, 0x04, 0x20,
  ]);
  const out = new Uint8Array(head.length + 32);
  out.set(head);
  out.set(d, head.length);
  return out;
}

async function rawOf(
  token: string,
  spki: Uint8Array,
): Promise<{ key: CryptoKey; data: Uint8Array; signature: Uint8Array }> {
  const [h, p, s] = token.split('.') as [string, string, string];
  const key = await webcrypto.subtle.importKey(
    'spki',
    spki,
    { name: 'ECDSA', namedCurve: 'P-256' },
    false,
    ['verify'],
  );
  return { key, data: utf8Encode(`${h}.${p}`), signature: base64urlDecode(s) };
}

async function load(): Promise<void> {
  if (fixture !== undefined) return;
  const pki = await createConsentPki();
  const a = pki.rp[CONSENT_RP.hospitalA];
  const req = await createConsentRequest({
    ...bloodTestDraft(pki, sha256(utf8Encode('bench nonce'))),
    signer: a.signer,
    certificateChain: a.chain,
  });
  const trust = {
    trustAnchors: [pki.root],
    revocation: { crls: pki.crls, mode: 'require' as const },
    time: CONSENT_TIME + 60,
  };
  const screen = await decodeConsentRequest(req.token, trust);
  const app = pki.hanako.hospitalApp;
  const decision = await createConsentDecision({
    request: screen,
    decision: 'approve',
    signer: app.signer,
    certificateChain: app.chain,
    time: CONSENT_TIME + 30,
  });
  const b = pki.rp[CONSENT_RP.hospitalB];
  const recordKey = await webcrypto.subtle.importKey(
    'pkcs8',
    pkcs8(b.key.privateKey),
    { name: 'ECDSA', namedCurve: 'P-256' },
    false,
    ['sign'],
  );
  fixture = {
    pki,
    request: req.token,
    decision,
    recordKey,
    raw: [await rawOf(req.token, a.key.spki), await rawOf(decision, app.key.spki)],
  };
  await authorize(); // validates and caches both chains
}

const ALG = { name: 'ECDSA', hash: 'SHA-256' } as const;

function authorize(): Promise<unknown> {
  const f = fixture!;
  const b = f.pki.rp[CONSENT_RP.hospitalB];
  return authorizeTransfer({
    trustAnchors: [f.pki.root],
    revocation: { crls: f.pki.crls, mode: 'require' },
    time: CONSENT_TIME + 60,
    rpId: CONSENT_RP.hospitalB,
    request: f.request,
    decision: f.decision,
    transfer: 'labs',
    recipient: CONSENT_RP.hospitalA,
    purpose: 'https://w3id.org/dpv#ProvisionOfHealthcare',
    customer: f.pki.hanako.commonCode,
    useStore: new MemoryConsentUseStore(),
    withdrawalStore: new MemoryWithdrawalStore(),
    // WebCrypto answers raw r‖s; declaring it spares the library trying a DER reading first.
    signer: async (input) => ({
      format: 'raw',
      signature: new Uint8Array(await webcrypto.subtle.sign(ALG, f.recordKey, input)),
    }),
    certificateChain: b.chain,
  });
}

async function twoVerifies(): Promise<void> {
  for (const r of fixture!.raw)
    if (!(await webcrypto.subtle.verify(ALG, r.key, r.signature, r.data)))
      throw new Error('floor: signature did not verify');
}

export const consentAuthorize = benchGroup({
  title: 'Consent authorizeTransfer, warm (chains cached)',
  description:
    'jitsuin: authorizeTransfer of the blood-test transfer — request and decision verified (signatures, cached path validation with CRLs, every check of spec/consent.md §6), a fresh use store, and the transfer record signed (WebCrypto, imported key). ' +
    'Floor: the two P-256 verifications it must do, raw WebCrypto subtle.verify with imported keys; and the floor plus the one signature of the record.',
  reference: '2 × WebCrypto verify (floor)',
  setup: load,
  cases: () => ({
    '2 × WebCrypto verify (floor)': twoVerifies,
    '2 × verify + 1 × sign (floor with the record)': async () => {
      await twoVerifies();
      await webcrypto.subtle.sign(ALG, fixture!.recordKey, fixture!.raw[0]!.data);
    },
    'jitsuin authorizeTransfer, warm': authorize,
  }),
});
