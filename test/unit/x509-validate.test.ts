import { describe, expect, it } from 'vitest';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  appOptions,
  caOptions,
  certificatesPki,
  KEYS,
  NAMES,
  T,
  buildPatched,
  replaceNode,
} from '../generators/certificates.js';
import {
  buildCertificate,
  clearValidationCache,
  parseCertificate,
  validatePath,
  JITSUIN_OID,
  type ValidatePathOptions,
} from '../../src/x509/index.js';
import { buildCrl } from '../../src/x509/revocation/build-crl.js';
import { keyIdentifier } from '../../src/x509/builder.js';
import { hexDecode } from '../../src/encoding/hex.js';
import { isJitsuinError, type JitsuinError } from '../../src/errors.js';
import { base64Decode } from '../../src/conformance/external/pem.js';

async function rejection(p: Promise<unknown>): Promise<JitsuinError> {
  try {
    await p;
  } catch (e) {
    if (isJitsuinError(e)) return e;
    throw e;
  }
  throw new Error('expected a rejection');
}

describe('validatePath', () => {
  it('[PATH-13] names the failing certificate as path[i] with its subject and the rule id', async () => {
    const pki = await certificatesPki();
    const e = await rejection(
      validatePath(pki.app, {
        intermediates: [pki.ca],
        trustAnchors: [pki.root],
        time: T + 400 * 86_400,
        revocation: { mode: 'off' },
        cache: false,
      }),
    );
    expect(e.code).toBe('ERR_PATH_EXPIRED');
    expect(e.requirement).toBe('PATH-03');
    expect(e.message).toMatch(/^path\[0\] \(C=JP, O=Jitsuin Test CA, CN=app key 0001\): expired/);
    const e2 = await rejection(
      validatePath(pki.app, {
        intermediates: [],
        trustAnchors: [pki.root],
        time: T,
        revocation: { mode: 'off' },
        cache: false,
      }),
    );
    expect(e2.message).toMatch(/^path\[0\] .*Jitsuin Test Issuing CA/);
  });

  it('[PATH-15] rejects a time that is not integer seconds', async () => {
    const pki = await certificatesPki();
    for (const time of [T + 0.5, -1, Number.NaN, '1767225600' as unknown as number]) {
      const e = await rejection(
        validatePath(pki.app, {
          intermediates: [pki.ca],
          trustAnchors: [pki.root],
          time,
          revocation: { mode: 'off' },
        }),
      );
      expect(e.code).toBe('ERR_INVALID_ARGUMENT');
    }
  });

  it('[PATH-12] rejects a trust anchor that is not a certificate', async () => {
    const pki = await certificatesPki();
    const e = await rejection(
      validatePath(pki.app, {
        intermediates: [pki.ca],
        trustAnchors: [pki.root.subarray(1)],
        time: T,
        revocation: { mode: 'off' },
      }),
    );
    expect(e.code).toBe('ERR_INVALID_ARGUMENT');
  });

  it('[PATH-14] reuses a result only for the same inputs and inside its time window', async () => {
    clearValidationCache();
    const pki = await certificatesPki();
    const crl = await buildCrl({
      issuer: NAMES.ca,
      thisUpdate: T - 86_400,
      nextUpdate: T + 6 * 86_400,
      crlNumber: 1,
      authorityKeyId: keyIdentifier(KEYS.ca.spki),
      signer: KEYS.ca.signer,
    });
    const rootCrl = await buildCrl({
      issuer: NAMES.root,
      thisUpdate: T - 86_400,
      nextUpdate: T + 30 * 86_400,
      crlNumber: 1,
      authorityKeyId: keyIdentifier(KEYS.root.spki),
      signer: KEYS.root.signer,
    });
    const options: ValidatePathOptions = {
      intermediates: [pki.ca],
      trustAnchors: [pki.root],
      time: T,
      profile: 'app-authentication',
      revocation: { crls: [rootCrl, crl] },
    };
    const first = await validatePath(pki.app, options);
    expect(first.validUntil).toBe(T + 6 * 86_400); // the CA's CRL nextUpdate is the earliest bound
    // A hit returns the cached result's shared path (a fresh validation builds a new one).
    expect((await validatePath(pki.app, { ...options, time: T + 3600 })).path).toBe(first.path);
    expect(
      (await validatePath(pki.app.slice(), { ...options, intermediates: [pki.ca.slice()] })).path,
    ).toBe(first.path);
    // Outside the window: before the first validation, at and after the CRL's nextUpdate (exclusive).
    const earlier = await validatePath(pki.app, { ...options, time: T - 10 });
    expect(earlier.path).not.toBe(first.path); // re-validated, and now cached from T - 10 on
    expect(
      (await rejection(validatePath(pki.app, { ...options, time: T + 6 * 86_400 }))).code,
    ).toBe('ERR_CRL_INVALID');
    expect(
      (await rejection(validatePath(pki.app, { ...options, time: T + 6 * 86_400 + 1 }))).code,
    ).toBe('ERR_CRL_INVALID');
    // Different inputs: a CRL that revokes the leaf is a different key, never the cached success.
    const revoking = await buildCrl({
      issuer: NAMES.ca,
      thisUpdate: T - 60,
      nextUpdate: T + 6 * 86_400,
      crlNumber: 2,
      authorityKeyId: keyIdentifier(KEYS.ca.spki),
      entries: [{ serial: '2001', revocationDate: T - 120 }],
      signer: KEYS.ca.signer,
    });
    expect(
      (
        await rejection(
          validatePath(pki.app, { ...options, revocation: { crls: [rootCrl, revoking] } }),
        )
      ).code,
    ).toBe('ERR_REVOKED');
    expect(
      (await rejection(validatePath(pki.app, { ...options, profile: 'organisation' }))).code,
    ).toBe('ERR_PATH_EKU');
    expect(
      (await rejection(validatePath(pki.app, { ...options, trustAnchors: [pki.org] }))).code,
    ).toBe('ERR_PATH_NO_ISSUER');
    expect((await validatePath(pki.app, options)).path).toBe(earlier.path);
  });

  it('[PATH-14] keys large inputs (hashed rather than exact) by every input too', async () => {
    clearValidationCache();
    const pki = await certificatesPki();
    const crl = await buildCrl({
      issuer: NAMES.ca,
      thisUpdate: T - 86_400,
      nextUpdate: T + 6 * 86_400,
      crlNumber: 1,
      authorityKeyId: keyIdentifier(KEYS.ca.spki),
      signer: KEYS.ca.signer,
    });
    const rootCrl = await buildCrl({
      issuer: NAMES.root,
      thisUpdate: T - 86_400,
      nextUpdate: T + 30 * 86_400,
      crlNumber: 1,
      authorityKeyId: keyIdentifier(KEYS.root.spki),
      signer: KEYS.root.signer,
    });
    // Unusable extra intermediates take the inputs past the 12 KiB bound of exact keys.
    const padding = Array.from(
      { length: 1 + Math.ceil((12 * 1024) / pki.org.length) },
      () => pki.org,
    );
    const options: ValidatePathOptions = {
      intermediates: [pki.ca, ...padding],
      trustAnchors: [pki.root],
      time: T,
      profile: 'app-authentication',
      revocation: { crls: [rootCrl, crl] },
    };
    expect(padding.reduce((n, c) => n + c.length, 0)).toBeGreaterThan(12 * 1024);
    const first = await validatePath(pki.app, options);
    expect(
      (
        await validatePath(pki.app.slice(), {
          ...options,
          intermediates: [pki.ca.slice(), ...padding.map((c) => c.slice())],
        })
      ).path,
    ).toBe(first.path);
    const revoking = await buildCrl({
      issuer: NAMES.ca,
      thisUpdate: T - 60,
      nextUpdate: T + 6 * 86_400,
      crlNumber: 2,
      authorityKeyId: keyIdentifier(KEYS.ca.spki),
      entries: [{ serial: '2001', revocationDate: T - 120 }],
      signer: KEYS.ca.signer,
    });
    expect(
      (
        await rejection(
          validatePath(pki.app, { ...options, revocation: { crls: [rootCrl, revoking] } }),
        )
      ).code,
    ).toBe('ERR_REVOKED');
    expect(
      (await rejection(validatePath(pki.app, { ...options, trustAnchors: [pki.org] }))).code,
    ).toBe('ERR_PATH_NO_ISSUER');
    expect(
      (await rejection(validatePath(pki.app, { ...options, intermediates: padding }))).code,
    ).toBe('ERR_PATH_NO_ISSUER');
  });

  it('[PATH-14] an input changed in place after a validation is a different key', async () => {
    clearValidationCache();
    const pki = await certificatesPki();
    const ca = pki.ca.slice();
    const intermediates: Uint8Array[] = [ca];
    const options: ValidatePathOptions = {
      intermediates,
      trustAnchors: [pki.root],
      time: T,
      revocation: { mode: 'off' },
    };
    await validatePath(pki.app, options);
    ca.fill(0);
    expect((await rejection(validatePath(pki.app, options))).code).toBe('ERR_PATH_NO_ISSUER');
    ca.set(pki.ca);
    await validatePath(pki.app, options);
    intermediates[0] = pki.org;
    expect((await rejection(validatePath(pki.app, options))).code).toBe('ERR_PATH_NO_ISSUER');
  });

  it('[PATH-14] keys the cache by the issuance-checks switch too', async () => {
    clearValidationCache();
    const pki = await certificatesPki();
    const lax = await buildCertificate(caOptions({ criticality: { '2.5.29.19': false } }));
    const options: ValidatePathOptions = {
      intermediates: [lax],
      trustAnchors: [pki.root],
      time: T,
      revocation: { mode: 'off' },
    };
    await validatePath(pki.app, { ...options, issuanceChecks: false });
    expect((await rejection(validatePath(pki.app, options))).code).toBe('ERR_CERT_PROFILE');
  });

  it('[PATH-11] fails closed without revocation data and accepts the explicit opt-out', async () => {
    const pki = await certificatesPki();
    const base = {
      intermediates: [pki.ca],
      trustAnchors: [pki.root],
      time: T,
      cache: false,
    } as const;
    expect((await rejection(validatePath(pki.app, base))).code).toBe('ERR_REVOCATION_UNKNOWN');
    const r = await validatePath(pki.app, { ...base, revocation: { mode: 'off' } });
    expect(r.revocation.map((x) => x.status)).toEqual(['not-checked', 'not-checked']);
  });

  it('[PATH-01] returns the profile fields of the leaf', async () => {
    const pki = await certificatesPki();
    const r = await validatePath(pki.app, {
      intermediates: [pki.ca],
      trustAnchors: [pki.root],
      time: T,
      profile: 'app-authentication',
      requiredEku: JITSUIN_OID.ekuLogin,
      revocation: { mode: 'off' },
      cache: false,
    });
    expect(r.path.map((c) => c.subject.text)).toEqual([
      'C=JP, O=Jitsuin Test CA, CN=app key 0001',
      'C=JP, O=Jitsuin Test CA, CN=Jitsuin Test Issuing CA',
      'C=JP, O=Jitsuin Test CA, CN=Jitsuin Test Root CA',
    ]);
    expect(r.commonCodeText).toBe('2T3-G77Y-ESD9-SQR1-4D2P-F2DB-SQQ$');
    expect(r.appBinding).toEqual({ rpId: 'login.example.jp', appId: 'ABCDE12345.jp.example.app' });
    expect(r.keyProtection).toBe('secure-enclave');
    expect(r.leaf.publicKey.kind).toBe('ec');
  });

  it('[CERT-02] rejects a negative serial number when parsing', async () => {
    const neg = await buildPatched(appOptions(), (tbs) =>
      replaceNode(tbs, hexDecode('02022001'), hexDecode('0201ff')),
    );
    expect(() => parseCertificate(neg)).toThrow(
      expect.objectContaining({ code: 'ERR_CERT_MALFORMED' }),
    );
  });

  const JPKI = join(process.cwd(), '..', 'shared', 'external', 'jpki');
  it.runIf(existsSync(join(JPKI, 'roots')))(
    '[PATH-01] validates a real JPKI card certificate among same-name J-LIS root generations',
    async () => {
      const pem = (f: string): Uint8Array =>
        base64Decode(
          readFileSync(join(JPKI, f), 'utf8')
            .replace(/-----[^-]+-----/g, '')
            .replace(/\s+/g, ''),
        );
      const anchors = ['auth_ca_2023', 'auth_ca_2015', 'sign_ca_2015', 'sign_ca_2023'].map((n) =>
        pem(`roots/${n}.pem`),
      );
      const r = await validatePath(pem('ee/jpki_auth_ee_serial012d57ca.pem'), {
        trustAnchors: anchors,
        time: Date.UTC(2020, 0, 1) / 1000,
        requiredEku: '1.3.6.1.5.5.7.3.2',
        revocation: { mode: 'off' },
        cache: false,
      });
      expect(r.anchor.der).toEqual(anchors[1]);
      expect(r.policies).toEqual(['1.2.392.200149.8.5.1.3.30']);
    },
  );
});
