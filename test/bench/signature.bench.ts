/**
 * CAdES-B-B verification: jitsuin `verifyCades` over a three-certificate path (root → issuing CA →
 * accredited signing certificate, P-256), warm (the signer's path validated before, so the path
 * cache answers) and cold (a never-seen PKI each time: the rotation is larger than every cache),
 * against PKI.js `SignedData.verify` in the same run.
 *
 * What each does per call. jitsuin: parse the ContentInfo, the signed-attribute rules (exact set,
 * DER order), algorithm rules, signingCertificateV2 hash, messageDigest, the ECDSA signature over
 * the received signed attributes, then path validation with the accredited-signing profile and
 * revocation from two CRLs (fail closed). PKI.js: BER parse into its object model, then `verify`
 * with `checkChain: true` (chain to the trusted root, validity at a date; no revocation data,
 * no profile, no attribute rules) and with `checkChain: false` (messageDigest and signature only).
 */
import { generateKeyPairSync, sign as nodeSign, type KeyObject } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import {
  buildCertificate,
  buildAccreditedSigningCertificate,
  keyIdentifier,
  parseCertificate,
  type CertificateSigner,
} from '../../src/x509/index.js';
import { name } from '../../src/x509/name.js';
import { buildCrl } from '../../src/x509/revocation/build-crl.js';
import { signCades, verifyCades, type VerifyCadesOptions } from '../../src/signature/index.js';
import { benchGroup } from './harness.js';

const T = 1_775_001_600;
/** Distinct PKIs the cold case cycles through (more than the path cache, certificate cache and signature memo hold). */
const COLD_POOL = 1200;
/** Distinct signatures by the one warm signer. */
const WARM_POOL = 256;
const DOC = (i: number): Uint8Array =>
  new TextEncoder().encode(`TEST contract number ${i}: the parties agree.\n`);

interface Key {
  readonly privateKey: KeyObject;
  readonly spki: Uint8Array;
  readonly signer: CertificateSigner;
}
function key(): Key {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const spki = new Uint8Array(publicKey.export({ type: 'spki', format: 'der' }));
  return {
    privateKey,
    spki,
    signer: {
      algorithm: 'ES256',
      signatureFormat: 'der',
      sign: (m) => Promise.resolve(new Uint8Array(nodeSign('sha256', m, privateKey))),
    },
  };
}

interface SigPki {
  readonly root: Uint8Array;
  readonly ca: Uint8Array;
  readonly leaf: Uint8Array;
  readonly crls: readonly Uint8Array[];
  readonly leafKey: Key;
}

async function sigPki(i: number): Promise<SigPki> {
  const rootKey = key();
  const caKey = key();
  const leafKey = key();
  const rootName = name([
    ['C', 'JP'],
    ['O', 'jitsuin bench'],
    ['CN', `bench signing root ${i}`],
  ]);
  const caName = name([
    ['C', 'JP'],
    ['O', 'jitsuin bench'],
    ['CN', `bench signing CA ${i}`],
  ]);
  const root = await buildCertificate({
    serialNumber: '01',
    issuer: rootName,
    subject: rootName,
    notBefore: T - 86_400 * 30,
    notAfter: T + 86_400 * 3650,
    publicKey: rootKey.spki,
    signer: rootKey.signer,
    basicConstraints: { ca: true },
    keyUsage: ['keyCertSign', 'cRLSign'],
    subjectKeyId: keyIdentifier(rootKey.spki),
  });
  const ca = await buildCertificate({
    serialNumber: '02',
    issuer: rootName,
    subject: caName,
    notBefore: T - 86_400 * 30,
    notAfter: T + 86_400 * 3650,
    publicKey: caKey.spki,
    signer: rootKey.signer,
    basicConstraints: { ca: true, pathLenConstraint: 0 },
    keyUsage: ['keyCertSign', 'cRLSign'],
    subjectKeyId: keyIdentifier(caKey.spki),
    authorityKeyId: keyIdentifier(rootKey.spki),
  });
  const leaf = await buildAccreditedSigningCertificate({
    serialNumber: (0x1000 + i).toString(16),
    subject: name([
      ['C', 'JP'],
      ['CN', `TEST signer ${i}`],
    ]),
    publicKey: leafKey.spki,
    notBefore: T - 86_400,
    notAfter: T + 86_400 * 365,
    issuer: { certificate: parseCertificate(ca), signer: caKey.signer },
    commonCode: new Uint8Array(16).fill(i & 0xff),
  });
  const crls = [
    await buildCrl({
      issuer: rootName,
      thisUpdate: T - 3600,
      nextUpdate: T + 7 * 86_400,
      crlNumber: 1,
      authorityKeyId: keyIdentifier(rootKey.spki),
      signer: rootKey.signer,
    }),
    await buildCrl({
      issuer: caName,
      thisUpdate: T - 3600,
      nextUpdate: T + 7 * 86_400,
      crlNumber: 1,
      authorityKeyId: keyIdentifier(caKey.spki),
      signer: caKey.signer,
      entries: [{ serial: '7fff', revocationDate: T - 7200, reason: 'keyCompromise' }],
    }),
  ];
  return { root, ca, leaf, crls, leafKey };
}

interface Signed {
  readonly pki: SigPki;
  readonly doc: Uint8Array;
  readonly signature: Uint8Array;
  readonly pkijsRoot: pkijs.Certificate;
}

async function signed(pki: SigPki, i: number): Promise<Signed> {
  const doc = DOC(i);
  const signature = await signCades(
    { content: doc },
    {
      signer: {
        kind: 'ecdsa-p256',
        sign: (m) => Promise.resolve(new Uint8Array(nodeSign('sha256', m, pki.leafKey.privateKey))),
      },
      certificateChain: [pki.leaf, pki.ca],
      signingTime: T - 60,
    },
  );
  return {
    pki,
    doc,
    signature,
    pkijsRoot: new pkijs.Certificate({ schema: asn1js.fromBER(pki.root.slice().buffer).result }),
  };
}

let fixtures: { warm: Signed[]; cold: Signed[] } | undefined;
async function loadFixtures(): Promise<void> {
  if (fixtures !== undefined) return;
  pkijs.setEngine(
    'webcrypto',
    new pkijs.CryptoEngine({ name: 'webcrypto', crypto: globalThis.crypto as Crypto }),
  );
  const warmPki = await sigPki(0);
  const warm: Signed[] = [];
  for (let i = 0; i < WARM_POOL; i++) warm.push(await signed(warmPki, i));
  const cold: Signed[] = [];
  for (let i = 0; i < COLD_POOL; i++) cold.push(await signed(await sigPki(i + 1), i));
  // Every fixture verifies in both libraries before it is measured.
  for (const s of [warm[0] as Signed, cold[0] as Signed]) {
    await verifyCades(s.signature, options(s));
    if ((await pkijsVerify(s, true)) !== true)
      throw new Error('PKI.js does not verify the bench signature');
  }
  fixtures = { warm, cold };
}

function options(s: Signed): VerifyCadesOptions {
  return { content: s.doc, trustAnchors: [s.pki.root], revocation: { crls: s.pki.crls }, time: T };
}

async function pkijsVerify(s: Signed, checkChain: boolean): Promise<boolean> {
  const ci = new pkijs.ContentInfo({ schema: asn1js.fromBER(s.signature.slice().buffer).result });
  const sd = new pkijs.SignedData({ schema: ci.content });
  const data = s.doc.slice().buffer;
  const r = checkChain
    ? await sd.verify({
        signer: 0,
        data,
        checkChain: true,
        trustedCerts: [s.pkijsRoot],
        checkDate: new Date(T * 1000),
      })
    : await sd.verify({ signer: 0, data, checkChain: false });
  return r === true;
}

function rotate<X>(items: readonly X[]): () => X {
  let i = 0;
  return () => items[i++ % items.length] as X;
}

export const cadesWarm = benchGroup({
  title: 'CAdES-B-B verification, warm (signer path validated before)',
  description:
    'One detached CAdES-B-B signature (P-256, 3-certificate path) per call, from a pool of 256 distinct signatures by one signer. ' +
    'jitsuin verifyCades: every signature rule, the ECDSA signature, then the path (cache hit: same chain, anchors and CRLs). ' +
    'PKI.js 3 SignedData.verify: BER parse into its object model, then verify with checkChain (chain to the trusted root at a date, no revocation) or without (digest + signature only).',
  reference: 'PKI.js SignedData.verify, checkChain',
  setup: loadFixtures,
  cases: () => {
    const f = fixtures!;
    const next = rotate(f.warm);
    return {
      'PKI.js SignedData.verify, checkChain': () => pkijsVerify(next(), true),
      'PKI.js SignedData.verify, no chain': () => pkijsVerify(next(), false),
      'jitsuin verifyCades, warm': () => {
        const s = next();
        return verifyCades(s.signature, options(s));
      },
    };
  },
});

export const cadesCold = benchGroup({
  title: 'CAdES-B-B verification, cold (never-seen signer and PKI)',
  description:
    'As the warm table, but each call is a signature from another PKI (1,200 in rotation, more than any jitsuin cache holds): jitsuin verifies 5 ECDSA signatures ' +
    '(signed attributes, leaf and CA certificates, 2 CRLs) and parses 3 certificates and 2 CRLs; PKI.js with checkChain verifies 3 (signature, leaf, CA) and no CRL.',
  reference: 'PKI.js SignedData.verify, checkChain',
  setup: loadFixtures,
  cases: () => {
    const f = fixtures!;
    const next = rotate(f.cold);
    return {
      'PKI.js SignedData.verify, checkChain': () => pkijsVerify(next(), true),
      'PKI.js SignedData.verify, no chain': () => pkijsVerify(next(), false),
      'jitsuin verifyCades, cold': () => {
        const s = next();
        return verifyCades(s.signature, options(s));
      },
    };
  },
});
