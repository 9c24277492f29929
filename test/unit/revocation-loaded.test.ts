/**
 * Loaded CRLs (spec/revocation.md REV-40): a CRL parsed and indexed once gives exactly the answer
 * of its bytes, in every published revocation vector and through the path cache.
 */
import { describe, expect, it } from 'vitest';
import { revocationPki, T, revocationGenerator } from '../generators/revocation.js';
import { isJitsuinError } from '../../src/errors.js';
import { base64urlDecode } from '../../src/encoding/base64url.js';
import { parseCertificate } from '../../src/x509/certificate.js';
import { clearValidationCache, validatePath } from '../../src/x509/index.js';
import {
  checkRevocation,
  loadCrl,
  LoadedCrl,
  MAX_CRL_BYTES,
  MAX_LOADED_CRL_BYTES,
  parseCrl,
  type RevocationOptions,
  type RevocationResult,
} from '../../src/x509/revocation/index.js';
import { keyIdentifier } from '../../src/x509/builder.js';

const DAY = 86_400;
const bytes = (s: unknown) => base64urlDecode(s as string);

async function outcome(p: Promise<RevocationResult>): Promise<string> {
  try {
    return JSON.stringify(await p);
  } catch (e) {
    return isJitsuinError(e) ? `error ${e.code} ${e.requirement ?? ''}` : `crash ${String(e)}`;
  }
}

describe('loaded CRLs answer as their bytes do', async () => {
  const file = await revocationGenerator.generate();
  for (const g of file.testGroups) {
    const { type, tests, ...shared } = g;
    for (const t of tests) {
      const input = { ...shared, ...t.input } as Record<string, unknown>;
      if (!Array.isArray(input['crls']) || (input['crls'] as unknown[]).length === 0) continue;
      it(`[REV-40] tc ${t.tcId}: ${t.comment}`, async () => {
        const crls = (input['crls'] as string[]).map(bytes);
        // A CRL that loadCrl refuses is passed as bytes, and must then be refused the same way.
        const handles = crls.map((c) => {
          try {
            return loadCrl(c);
          } catch {
            return c;
          }
        });
        const args = {
          certificate: parseCertificate(bytes(input['certificate'])),
          issuer: parseCertificate(bytes(input['issuer'])),
          path: (input['path'] as string[]).map((c) => parseCertificate(bytes(c))),
          extraCertificates: ((input['extraCertificates'] as string[] | undefined) ?? []).map((c) =>
            parseCertificate(bytes(c)),
          ),
          time: input['time'] as number,
        };
        const base: RevocationOptions = {
          ...(input['ocspResponses'] === undefined
            ? {}
            : { ocspResponses: (input['ocspResponses'] as string[]).map(bytes) }),
          ...(input['mode'] === undefined ? {} : { mode: input['mode'] as 'require' }),
          ...(input['ocspMaxAge'] === undefined
            ? {}
            : { ocspMaxAge: input['ocspMaxAge'] as number }),
          ...(input['crlGracePeriod'] === undefined
            ? {}
            : { crlGracePeriod: input['crlGracePeriod'] as number }),
        };
        expect(
          await outcome(checkRevocation({ ...args, options: { ...base, crls: handles } })),
        ).toBe(await outcome(checkRevocation({ ...args, options: { ...base, crls } })));
      });
    }
  }
});

describe('partition size (CA side)', () => {
  it('[REV-42] buildCrl refuses a CRL larger than relying parties load, before signing', async () => {
    const p = await revocationPki();
    const { buildCrl } = await import('../../src/x509/revocation/build-crl.js');
    const entries = Array.from({ length: 20 }, (_, i) => ({
      serial: (0x1000 + i).toString(16),
      revocationDate: T - DAY,
    }));
    let signed = 0;
    const signer = {
      ...p.keys.ca.signer,
      sign: async (m: Uint8Array) => {
        signed++;
        return p.keys.ca.signer.sign(m);
      },
    };
    const base = {
      issuer: p.names.ca,
      thisUpdate: T - DAY,
      nextUpdate: T + DAY,
      crlNumber: 1,
      signer,
      entries,
    };
    const full = await buildCrl(base);
    await expect(buildCrl({ ...base, maxBytes: full.length - 1 - 200 })).rejects.toMatchObject({
      code: 'ERR_INPUT_TOO_LARGE',
      requirement: 'REV-42',
    });
    expect(signed).toBe(1);
    await expect(buildCrl({ ...base, maxBytes: MAX_CRL_BYTES + 1 })).rejects.toMatchObject({
      code: 'ERR_INVALID_ARGUMENT',
    });
    expect((await buildCrl({ ...base, maxBytes: full.length + 200 })).length).toBe(full.length);
  });
});

describe('loadCrl', () => {
  it('[REV-40] describes the CRL it loaded and keeps its own copy', async () => {
    const p = await revocationPki();
    const der = await p.crl({
      entries: [
        { serial: '1001', revocationDate: T - DAY },
        { serial: '77', revocationDate: T - DAY },
      ],
    });
    const input = der.slice();
    const h = loadCrl(input);
    input.fill(0);
    expect(h).toBeInstanceOf(LoadedCrl);
    expect(h).toMatchObject({
      byteLength: der.length,
      entryCount: 2,
      crlNumber: '7',
      thisUpdate: T - DAY,
      nextUpdate: T + 6 * DAY,
      delta: false,
    });
    expect(h.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(Object.isFrozen(h)).toBe(true);
    const root = parseCertificate(p.root);
    const ca = parseCertificate(p.ca);
    const leaf = parseCertificate(p.leaf);
    const rootCrl = loadCrl(
      await p.crl({
        issuer: p.names.root,
        signer: p.keys.root.signer,
        authorityKeyId: keyIdentifier(p.keys.root.spki),
        crlNumber: 3,
      }),
    );
    await expect(
      checkRevocation({
        certificate: leaf,
        issuer: ca,
        path: [root, ca, leaf],
        time: T,
        options: { crls: [h, rootCrl] },
      }),
    ).rejects.toMatchObject({ code: 'ERR_REVOKED' });
  });

  it('[REV-40] refuses what is not a CRL handle, and bounds the size', async () => {
    const p = await revocationPki();
    const der = await p.crl();
    expect(() => loadCrl('x' as never)).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT' }),
    );
    for (const maxBytes of [0, -1, 1.5, MAX_LOADED_CRL_BYTES + 1])
      expect(() => loadCrl(der, { maxBytes })).toThrow(
        expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT' }),
      );
    expect(() => loadCrl(der, { maxBytes: der.length - 1 })).toThrow(
      expect.objectContaining({ code: 'ERR_INPUT_TOO_LARGE' }),
    );
    expect(loadCrl(der, { maxBytes: der.length }).byteLength).toBe(der.length);
    expect(() => loadCrl(der.subarray(1))).toThrow(
      expect.objectContaining({ code: 'ERR_CRL_INVALID' }),
    );
    // An object that looks like a handle but did not come from loadCrl is not one.
    const fake = Object.create(LoadedCrl.prototype) as LoadedCrl;
    const root = parseCertificate(p.root);
    const ca = parseCertificate(p.ca);
    const leaf = parseCertificate(p.leaf);
    for (const crl of [fake, { ...loadCrl(der) }]) {
      await expect(
        checkRevocation({
          certificate: leaf,
          issuer: ca,
          path: [root, ca, leaf],
          time: T,
          options: { crls: [crl as LoadedCrl] },
        }),
      ).rejects.toMatchObject({ code: 'ERR_INVALID_ARGUMENT' });
    }
    expect(MAX_CRL_BYTES).toBe(32 * 1024 * 1024);
    expect(parseCrl(der).crlNumber).toBe(7n);
  });

  it("[REV-40] [PATH-14] the path cache keys loaded CRLs by their contents: a revoking CRL never hits a clean one's entry", async () => {
    const p = await revocationPki();
    clearValidationCache();
    const rootCrl = loadCrl(
      await p.crl({
        issuer: p.names.root,
        signer: p.keys.root.signer,
        authorityKeyId: keyIdentifier(p.keys.root.spki),
        crlNumber: 3,
      }),
    );
    const clean = await p.crl({ crlNumber: 8 });
    const revoking = loadCrl(
      await p.crl({
        crlNumber: 8,
        entries: [
          {
            serial: parseCertificate(p.leaf).serialNumber,
            revocationDate: T - DAY,
            reason: 'keyCompromise',
          },
        ],
      }),
    );
    const options = { intermediates: [p.ca], trustAnchors: [p.root], time: T };
    const first = await validatePath(p.leaf, {
      ...options,
      revocation: { crls: [rootCrl, loadCrl(clean)] },
    });
    // The same CRL loaded again is the same input: a hit.
    expect(
      (await validatePath(p.leaf, { ...options, revocation: { crls: [rootCrl, loadCrl(clean)] } }))
        .path,
    ).toBe(first.path);
    await expect(
      validatePath(p.leaf, { ...options, revocation: { crls: [rootCrl, revoking] } }),
    ).rejects.toMatchObject({ code: 'ERR_REVOKED' });
    // Bytes and a handle of the same CRL are different keys but the same answer.
    const viaBytes = await validatePath(p.leaf, {
      ...options,
      revocation: { crls: [rootCrl, clean] },
    });
    expect(viaBytes.path).not.toBe(first.path);
    expect(viaBytes.revocation).toEqual(first.revocation);
  });
});
