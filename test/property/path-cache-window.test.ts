/**
 * The validated-path cache must answer exactly as a fresh validation would (PATH-14, REV-38):
 * at every time, for every input the caller can change during an await, and without sharing
 * mutable bytes with the caller.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { revocationPki, T } from '../generators/revocation.js';
import { isJitsuinError } from '../../src/errors.js';
import {
  buildCertificate,
  clearValidationCache,
  parseCertificate,
  validatePath,
  PKIX_OID,
  type ValidatePathOptions,
} from '../../src/x509/index.js';
import { keyIdentifier } from '../../src/x509/builder.js';
import { buildOcspResponse } from '../../src/x509/revocation/build-ocsp.js';

const DAY = 86_400;

/** A fixture with many time boundaries: each certificate, CRL and OCSP response starts or ends at its own instant. */
async function fixture() {
  const p = await revocationPki();
  const caAki = keyIdentifier(p.keys.ca.spki);
  const leaf = await buildCertificate({
    serialNumber: '3001',
    issuer: p.names.ca,
    subject: p.names.leaf,
    publicKey: p.keys.leaf.spki,
    signer: p.keys.ca.signer,
    authorityKeyId: caAki,
    subjectKeyId: 'auto',
    keyUsage: ['digitalSignature'],
    notBefore: T - DAY,
    notAfter: T + 900,
  });
  const serial = parseCertificate(leaf).serialNumber;
  // A delegated responder whose certificate expires at T+100, long before its answer's nextUpdate.
  const responder = await buildCertificate({
    serialNumber: '3002',
    issuer: p.names.ca,
    subject: parseCertificate(p.responder).subject.der,
    publicKey: p.keys.responder.spki,
    signer: p.keys.ca.signer,
    authorityKeyId: caAki,
    subjectKeyId: 'auto',
    keyUsage: ['digitalSignature'],
    extKeyUsage: [PKIX_OID.kpOcspSigning],
    ocspNoCheck: true,
    notBefore: T - DAY,
    notAfter: T + 100,
  });
  const certId = { issuerName: p.names.ca, issuerPublicKey: p.keys.ca.spki, serial };
  const ocspGood = await buildOcspResponse({
    responder: { name: parseCertificate(responder).subject.der, publicKey: p.keys.responder.spki },
    producedAt: T - 60,
    certificates: [responder],
    signer: p.keys.responder.signer,
    responses: [{ certId, status: 'good', thisUpdate: T - 60, nextUpdate: T + 3 * DAY }],
  });
  // The CA's own OCSP answer, fresh from T+400 (not yet valid before), saying good.
  const ocspLater = await buildOcspResponse({
    responder: { name: p.names.ca, publicKey: p.keys.ca.spki },
    producedAt: T + 400,
    signer: p.keys.ca.signer,
    responses: [{ certId, status: 'good', thisUpdate: T + 400, nextUpdate: T + 700 }],
  });
  // A CRL of the CA that becomes valid at T+250 and revokes the leaf.
  const revokingLater = await p.crl({
    crlNumber: 9,
    thisUpdate: T + 250,
    nextUpdate: T + 2 * DAY,
    entries: [{ serial, revocationDate: T + 240, reason: 'keyCompromise' }],
  });
  // The root's CRL for the CA certificate, stale from T+600.
  const rootCrl = await p.crl({
    issuer: p.names.root,
    signer: p.keys.root.signer,
    authorityKeyId: keyIdentifier(p.keys.root.spki),
    crlNumber: 3,
    thisUpdate: T - DAY,
    nextUpdate: T + 600,
  });
  const base = { intermediates: [p.ca], trustAnchors: [p.root] };
  return {
    p,
    leaf,
    responder,
    ocspGood,
    ocspLater,
    revokingLater,
    rootCrl,
    scenarios: {
      ocsp: { ...base, revocation: { crls: [rootCrl], ocspResponses: [ocspGood, ocspLater] } },
      ocspThenCrl: {
        ...base,
        revocation: { crls: [rootCrl, revokingLater], ocspResponses: [ocspGood, ocspLater] },
      },
      grace: {
        ...base,
        revocation: {
          crls: [rootCrl],
          ocspResponses: [ocspGood, ocspLater],
          crlGracePeriod: 30,
          ocspMaxAge: 150,
        },
      },
    } satisfies Record<string, Omit<ValidatePathOptions, 'time'>>,
    boundaries: [
      T,
      T + 100,
      T + 101,
      T + 150,
      T + 250,
      T + 400,
      T + 600,
      T + 630,
      T + 700,
      T + 900,
      T + 901,
    ],
  };
}

/** What a validation answers, in a comparable form. */
async function answer(leaf: Uint8Array, options: ValidatePathOptions): Promise<string> {
  try {
    const r = await validatePath(leaf, options);
    return JSON.stringify({
      validUntil: r.validUntil,
      revocation: r.revocation,
      path: r.path.map((c) => c.serialNumber),
    });
  } catch (e) {
    return isJitsuinError(e) ? `error ${e.code}` : `crash ${String(e)}`;
  }
}

describe('validated-path cache equals fresh validation', () => {
  it('[PATH-14] [REV-38] at random times around every boundary, after priming at an earlier time', async () => {
    const f = await fixture();
    const near = fc
      .constantFrom(...f.boundaries)
      .chain((b) => fc.integer({ min: b - 2, max: b + 2 }));
    const time = fc.oneof(near, fc.integer({ min: T - 10, max: T + 1000 }));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...(Object.keys(f.scenarios) as (keyof typeof f.scenarios)[])),
        time,
        time,
        async (name, a, b) => {
          const [t0, t1] = a <= b ? [a, b] : [b, a];
          const options = f.scenarios[name];
          clearValidationCache();
          await answer(f.leaf, { ...options, time: t0 }); // primes the cache when it succeeds
          const cached = await answer(f.leaf, { ...options, time: t1 });
          const fresh = await answer(f.leaf, { ...options, time: t1, cache: false });
          expect(cached, `${name}: primed at ${t0 - T}, asked at ${t1 - T}`).toBe(fresh);
        },
      ),
      { numRuns: 300, seed: 20261203 },
    );
  });

  it('[PATH-14] a login after the delegated responder expired is not answered from the cache', async () => {
    const f = await fixture();
    clearValidationCache();
    const options = { ...f.scenarios.ocsp, time: T + 10 };
    const first = await validatePath(f.leaf, options);
    expect(first.validUntil).toBe(T + 101); // responder notAfter T+100, inclusive
    expect((await validatePath(f.leaf, { ...options, time: T + 100 })).path).toBe(first.path); // still a hit
    expect(await answer(f.leaf, { ...options, time: T + 200 })).toBe('error ERR_OCSP_INVALID');
  });

  it('[PATH-14] a source that becomes valid later ends the window (a CRL revoking from T+250)', async () => {
    const f = await fixture();
    clearValidationCache();
    const options = { ...f.scenarios.ocspThenCrl, time: T + 10 };
    expect((await validatePath(f.leaf, options)).validUntil).toBe(T + 101);
    const options2 = {
      ...f.scenarios.ocspThenCrl,
      revocation: { ...f.scenarios.ocspThenCrl.revocation, ocspResponses: [f.ocspLater] },
    };
    // Without the delegated answer, the leaf has no status until the CA's answer starts at T+400 — and the CRL revokes from T+250.
    expect(await answer(f.leaf, { ...options2, time: T + 240 })).toBe('error ERR_OCSP_INVALID');
    expect(await answer(f.leaf, { ...options2, time: T + 260 })).toBe('error ERR_REVOKED');
  });

  it('[PATH-14] nextUpdate is exclusive for the cache as for a fresh check (REV-05)', async () => {
    const f = await fixture();
    clearValidationCache();
    const options = {
      ...f.scenarios.grace,
      revocation: { ...f.scenarios.grace.revocation, ocspResponses: [f.ocspLater] },
      time: T + 450,
    };
    const r = await validatePath(f.leaf, options);
    expect(r.validUntil).toBe(T + 551); // the CA's answer: thisUpdate T+400 + ocspMaxAge 150, still fresh at T+550
    expect(await answer(f.leaf, { ...options, time: T + 550 })).not.toMatch(/^error/);
    expect(await answer(f.leaf, { ...options, time: T + 551 })).toBe('error ERR_OCSP_INVALID');
  });
});

describe('validatePath reads its inputs once', () => {
  it('[PATH-16] a CRL array changed in place during a validation neither changes that validation nor poisons the cache', async () => {
    const f = await fixture();
    clearValidationCache();
    const crls = [
      f.rootCrl,
      await f.p.crl({
        crlNumber: 8,
        entries: [
          {
            serial: parseCertificate(f.leaf).serialNumber,
            revocationDate: T - 10,
            reason: 'keyCompromise',
          },
        ],
      }),
    ];
    const revoking = crls[1] as Uint8Array;
    const clean = await f.p.crl({ crlNumber: 8 });
    const options: ValidatePathOptions = {
      intermediates: [f.p.ca],
      trustAnchors: [f.p.root],
      time: T,
      revocation: { crls },
    };
    const pending = answer(f.leaf, options);
    crls[1] = clean; // the RP refreshes its CRL array while the validation awaits
    expect(await pending).toBe('error ERR_REVOKED');
    crls[1] = revoking;
    expect(await answer(f.leaf, options)).toBe('error ERR_REVOKED');
    // The same with the bytes of a CRL overwritten in place.
    const bytes = revoking.slice();
    const options2: ValidatePathOptions = { ...options, revocation: { crls: [f.rootCrl, bytes] } };
    const pending2 = answer(f.leaf, options2);
    bytes.set(clean.subarray(0, Math.min(clean.length, bytes.length)));
    expect(await pending2).toBe('error ERR_REVOKED');
  });

  it('[PATH-16] the leaf and intermediates changed during a validation do not change its answer', async () => {
    const f = await fixture();
    clearValidationCache();
    const leaf = f.leaf.slice();
    const ca = f.p.ca.slice();
    const options: ValidatePathOptions = {
      intermediates: [ca],
      trustAnchors: [f.p.root],
      time: T,
      revocation: { mode: 'off' },
    };
    const pending = answer(leaf, options);
    leaf.fill(0);
    ca.fill(0);
    expect(await pending).toMatch(/^\{/);
    expect(await answer(leaf, options)).toMatch(/^error/);
  });
});

describe('results do not share bytes with the cache', () => {
  it('[PATH-16] zeroing a returned common code changes no later result', async () => {
    const { certificatesPki, T: CT } = await import('../generators/certificates.js');
    const pki = await certificatesPki();
    clearValidationCache();
    const options: ValidatePathOptions = {
      intermediates: [pki.ca],
      trustAnchors: [pki.root],
      time: CT,
      profile: 'app-authentication',
      revocation: { mode: 'off' },
    };
    const first = await validatePath(pki.app, options);
    const code = first.commonCode?.slice();
    expect(code).toBeDefined();
    first.commonCode?.fill(0);
    const second = await validatePath(pki.app, options);
    expect(second.path).toBe(first.path); // a cache hit
    expect(second.commonCode).toEqual(code);
    expect(second.commonCode).not.toBe(first.commonCode);
  });
});
