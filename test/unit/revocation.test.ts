import { describe, expect, it } from 'vitest';
import { revocationSuite } from '../../src/conformance/suites/revocation.js';
import { revocationPki, T, revocationGenerator } from '../generators/revocation.js';
import { isJitsuinError, type JitsuinError } from '../../src/errors.js';
import { parseCertificate } from '../../src/x509/certificate.js';
import {
  checkRevocation,
  revokedDetailsOf,
  type RevocationOptions,
} from '../../src/x509/revocation/index.js';
import { validatePath } from '../../src/x509/index.js';

const DAY = 86_400;

async function outcome(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (e) {
    return isJitsuinError(e) ? e.code : `not-jitsuin: ${String(e)}`;
  }
}

async function leafCheck(options: RevocationOptions | undefined, time = T) {
  const p = await revocationPki();
  const root = parseCertificate(p.root);
  const ca = parseCertificate(p.ca);
  const leaf = parseCertificate(p.leaf);
  return checkRevocation({ certificate: leaf, issuer: ca, path: [root, ca, leaf], time, options });
}

describe('revocation vectors', async () => {
  const file = await revocationGenerator.generate();
  it('generation is deterministic', async () => {
    expect(JSON.stringify(await revocationGenerator.generate())).toBe(JSON.stringify(file));
  });
  it('every MUST requirement of the CRL and OCSP rules has a vector', () => {
    const covered = new Set(file.testGroups.flatMap((g) => g.tests.flatMap((t) => t.requirements)));
    for (const id of [
      'REV-01',
      'REV-02',
      'REV-03',
      'REV-04',
      'REV-05',
      'REV-06',
      'REV-07',
      'REV-08',
      'REV-09',
      'REV-10',
      'REV-11',
      'REV-12',
      'REV-13',
      'REV-14',
      'REV-15',
      'REV-20',
      'REV-21',
      'REV-22',
      'REV-23',
      'REV-24',
      'REV-25',
      'REV-26',
      'REV-27',
      'REV-28',
      'REV-30',
      'REV-31',
      'REV-32',
      'REV-33',
      'REV-34',
      'REV-36',
      'REV-37',
    ]) {
      expect(covered.has(id), id).toBe(true);
    }
  });
  for (const g of file.testGroups) {
    const { type, tests, ...shared } = g;
    for (const t of tests) {
      it(`[${t.requirements.join('] [')}] tc ${t.tcId}: ${t.comment}`, async () => {
        const out = await revocationSuite.run(type, { ...shared, ...t.input });
        expect(out.result).toBe(t.result);
        if (t.result === 'invalid') expect(out.error).toBe(t.error);
        if (t.output !== undefined) expect(out.output).toEqual(t.output);
      });
    }
  }
});

describe('checkRevocation rules', () => {
  it('[REV-10] the revoked error names the reason and the revocation date', async () => {
    const p = await revocationPki();
    const crl = await p.crl({
      entries: [
        {
          serial: p.parsed.leaf.serialNumber,
          revocationDate: T - 2 * DAY,
          reason: 'certificateHold',
        },
      ],
    });
    const err = await leafCheck({ crls: [crl] }).then(
      () => undefined,
      (e: JitsuinError) => e,
    );
    expect(err?.code).toBe('ERR_REVOKED');
    expect(err?.requirement).toBe('REV-10');
    expect(err?.message).toContain('certificateHold');
    expect(err?.message).toContain(new Date((T - 2 * DAY) * 1000).toISOString());
  });

  it('[REV-37] a CRL without cRLNumber, or with it critical, is never used, whatever it lists', async () => {
    const p = await revocationPki();
    const entries = [
      {
        serial: p.parsed.leaf.serialNumber,
        revocationDate: T - DAY,
        reason: 'keyCompromise' as const,
      },
    ];
    for (const over of [{ crlNumber: null }, { crlNumberCritical: true }]) {
      const err = await leafCheck({ crls: [await p.crl(over)] }).then(
        () => undefined,
        (e: JitsuinError) => e,
      );
      expect(err?.code, JSON.stringify(over)).toBe('ERR_CRL_INVALID');
      expect(err?.requirement, JSON.stringify(over)).toBe('REV-37');
      // Not used at all: it cannot establish good, nor revoke (as a stale CRL cannot, REV-05).
      expect(await leafCheck({ crls: [await p.crl(over)], mode: 'prefer' })).toEqual({
        status: 'not-checked',
        source: 'none',
      });
      expect(
        await outcome(leafCheck({ crls: [await p.crl({ ...over, entries })] })),
        JSON.stringify(over),
      ).toBe('ERR_CRL_INVALID');
    }
    // The parser still accepts both (syntax is fine); only their use is refused.
    const { parseCrl } = await import('../../src/x509/revocation/index.js');
    expect(parseCrl(await p.crl({ crlNumber: null })).crlNumber).toBeUndefined();
    expect(parseCrl(await p.crl({ crlNumberCritical: true })).crlNumberCritical).toBe(true);
    expect(parseCrl(await p.crl()).crlNumberCritical).toBe(false);
  });

  it("[REV-37] another CA's CRL without cRLNumber is irrelevant, not an error", async () => {
    const p = await revocationPki();
    const other = await p.crl({
      issuer: p.names.other,
      signer: p.keys.rogue.signer,
      crlNumber: null,
    });
    expect(await leafCheck({ crls: [other, await p.crl()] })).toEqual({
      status: 'good',
      source: 'crl',
      nextUpdate: T + 6 * DAY,
      validUntil: T + 6 * DAY,
    });
  });

  it('[REV-37] [REV-13] a delta CRL whose cRLNumber is critical is not acceptable and voids what its base omits', async () => {
    const p = await revocationPki();
    const delta = await p.crl({ crlNumber: 8, deltaOf: 7, crlNumberCritical: true });
    const err = await leafCheck({ crls: [await p.crl(), delta] }).then(
      () => undefined,
      (e: JitsuinError) => e,
    );
    expect(err?.code).toBe('ERR_CRL_INVALID');
    expect(err?.message).toContain('REV-37');
  });

  it('[REV-10] ERR_REVOKED carries structured details of the CRL entry', async () => {
    const p = await revocationPki();
    const serial = p.parsed.leaf.serialNumber;
    const crl = await p.crl({
      entries: [
        { serial: '77', revocationDate: T - 5 * DAY },
        { serial, revocationDate: T - 2 * DAY, reason: 'keyCompromise' },
      ],
    });
    const err = await leafCheck({ crls: [crl] }).then(
      () => undefined,
      (e: JitsuinError) => e,
    );
    expect(err?.code).toBe('ERR_REVOKED');
    expect(err?.details).toEqual({
      reason: 'keyCompromise',
      revocationDate: T - 2 * DAY,
      source: 'crl',
      serialNumber: serial,
      issuer: p.parsed.leaf.issuer.text,
      thisUpdate: T - DAY,
      crlIssuer: p.parsed.ca.subject.text,
      crlNumber: '7',
      deltaCrl: false,
    });
    expect(revokedDetailsOf(err)).toBe(err?.details);
    // JSON-serialisable as is (no bigint), for logs.
    expect(JSON.parse(JSON.stringify(err?.details))).toEqual(err?.details);
    // Without a reasonCode the reason is unspecified.
    const plain = await leafCheck({
      crls: [await p.crl({ entries: [{ serial, revocationDate: T - 3 * DAY }] })],
    }).then(
      () => undefined,
      (e: JitsuinError) => e,
    );
    expect(revokedDetailsOf(plain)).toMatchObject({
      reason: 'unspecified',
      revocationDate: T - 3 * DAY,
      source: 'crl',
    });
  });

  it('[REV-12] ERR_REVOKED details name the delta CRL when its entry revoked the certificate', async () => {
    const p = await revocationPki();
    const delta = await p.crl({
      crlNumber: 8,
      deltaOf: 7,
      thisUpdate: T - 3600,
      entries: [
        { serial: p.parsed.leaf.serialNumber, revocationDate: T - 7200, reason: 'superseded' },
      ],
    });
    const err = await leafCheck({ crls: [await p.crl(), delta] }).then(
      () => undefined,
      (e: JitsuinError) => e,
    );
    expect(revokedDetailsOf(err)).toMatchObject({
      reason: 'superseded',
      revocationDate: T - 7200,
      source: 'crl',
      thisUpdate: T - 3600,
      crlNumber: '8',
      deltaCrl: true,
    });
  });

  it('[REV-34] ERR_REVOKED details name OCSP when an OCSP response revoked the certificate', async () => {
    const p = await revocationPki();
    const resp = await p.ocsp({
      status: { revoked: { time: T - DAY, reason: 'cessationOfOperation' } },
    });
    for (const crls of [
      [],
      [
        await p.crl({
          entries: [{ serial: p.parsed.leaf.serialNumber, revocationDate: T - 2 * DAY }],
        }),
      ],
    ]) {
      const err = await leafCheck({ ocspResponses: [resp], crls }).then(
        () => undefined,
        (e: JitsuinError) => e,
      );
      expect(err?.details).toEqual({
        reason: 'cessationOfOperation',
        revocationDate: T - DAY,
        source: 'ocsp',
        serialNumber: p.parsed.leaf.serialNumber,
        issuer: p.parsed.leaf.issuer.text,
        thisUpdate: T - 3600,
      });
    }
    const noReason = await leafCheck({
      ocspResponses: [await p.ocsp({ status: { revoked: { time: T - DAY } } })],
    }).then(
      () => undefined,
      (e: JitsuinError) => e,
    );
    expect(revokedDetailsOf(noReason)?.reason).toBe('unspecified');
  });

  it("[REV-10] revokedDetailsOf finds the details through validatePath's re-thrown error, and only on ERR_REVOKED", async () => {
    const p = await revocationPki();
    const crl = await p.crl({
      entries: [
        {
          serial: p.parsed.leaf.serialNumber,
          revocationDate: T - 2 * DAY,
          reason: 'affiliationChanged',
        },
      ],
    });
    const rootCrl = await p.crl({ issuer: p.names.root, signer: p.keys.root.signer, crlNumber: 3 });
    const err = await validatePath(p.leaf, {
      intermediates: [p.ca],
      trustAnchors: [p.root],
      time: T,
      profile: 'none',
      revocation: { crls: [crl, rootCrl] },
      cache: false,
    }).then(
      () => undefined,
      (e: JitsuinError) => e,
    );
    expect(err?.code).toBe('ERR_REVOKED');
    expect(revokedDetailsOf(err)).toMatchObject({
      reason: 'affiliationChanged',
      revocationDate: T - 2 * DAY,
      source: 'crl',
      serialNumber: p.parsed.leaf.serialNumber,
    });
    const other = await leafCheck({ crls: [await p.crl({ crlNumber: null })] }).then(
      () => undefined,
      (e: JitsuinError) => e,
    );
    expect(other?.code).toBe('ERR_CRL_INVALID');
    expect(revokedDetailsOf(other)).toBeUndefined();
    expect(other?.details).toBeUndefined();
    expect(revokedDetailsOf(new Error('x'))).toBeUndefined();
  });

  it('[REV-30] undefined options mean mode require', async () => {
    expect(await outcome(leafCheck(undefined))).toBe('ERR_REVOCATION_UNKNOWN');
    expect(await outcome(leafCheck({}))).toBe('ERR_REVOCATION_UNKNOWN');
  });

  it("[REV-30] the error lists every rejected source and uses the first one's code", async () => {
    const p = await revocationPki();
    const stale = await p.crl({ thisUpdate: T - 10 * DAY, nextUpdate: T - DAY });
    const future = await p.crl({ thisUpdate: T + 10, nextUpdate: T + DAY });
    const err = await leafCheck({ crls: [stale, future] }).then(
      () => undefined,
      (e: JitsuinError) => e,
    );
    expect(err?.code).toBe('ERR_CRL_INVALID');
    expect(err?.requirement).toBe('REV-05');
    expect(err?.message).toContain('[REV-05]');
    expect(err?.message).toContain('[REV-04]');
    // Unparseable inputs take their place in the order supplied too.
    const first = await leafCheck({ crls: [stale, Uint8Array.of(0x30, 0x00)] }).then(
      () => undefined,
      (e: JitsuinError) => e,
    );
    expect(first?.requirement).toBe('REV-05');
    const second = await leafCheck({ crls: [Uint8Array.of(0x30, 0x00), stale] }).then(
      () => undefined,
      (e: JitsuinError) => e,
    );
    expect(second?.requirement).toBe('REV-01');
  });

  it('[REV-30] an irrelevant source does not mask the specific failure of a relevant one', async () => {
    const p = await revocationPki();
    const otherSerial = await p.ocsp({
      certId: { issuerName: p.names.ca, issuerPublicKey: p.keys.ca.spki, serial: '1003' },
    });
    const stale = await p.crl({ thisUpdate: T - 10 * DAY, nextUpdate: T - DAY });
    const err = await leafCheck({ ocspResponses: [otherSerial], crls: [stale] }).then(
      () => undefined,
      (e: JitsuinError) => e,
    );
    expect(err?.code).toBe('ERR_CRL_INVALID');
    expect(err?.requirement).toBe('REV-05');
    expect(err?.message).toContain('[REV-23]');
    expect(await outcome(leafCheck({ ocspResponses: [otherSerial] }))).toBe(
      'ERR_REVOCATION_UNKNOWN',
    );
  });

  it('[REV-31] rejects malformed policy options instead of weakening the policy', async () => {
    const p = await revocationPki();
    const crls = [await p.crl()];
    for (const bad of [
      { ocspMaxAge: -1 },
      { ocspMaxAge: 1.5 },
      { crlGracePeriod: Number.NaN },
      { mode: 'REQUIRE' },
    ]) {
      expect(await outcome(leafCheck({ crls, ...(bad as RevocationOptions) }))).toBe(
        'ERR_INVALID_ARGUMENT',
      );
    }
    expect(await outcome(leafCheck({ crls }, T + 0.5))).toBe('ERR_INVALID_ARGUMENT');
    expect(await outcome(leafCheck({ mode: 'off', crlGracePeriod: -5 }))).toBe(
      'ERR_INVALID_ARGUMENT',
    );
  });

  it('[REV-05] a CRL is usable up to one second before nextUpdate, not at it', async () => {
    const p = await revocationPki();
    const crl = await p.crl({ thisUpdate: T - DAY, nextUpdate: T + 100 });
    expect(await leafCheck({ crls: [crl] }, T + 99)).toEqual({
      status: 'good',
      source: 'crl',
      nextUpdate: T + 100,
      validUntil: T + 100,
    });
    expect(await outcome(leafCheck({ crls: [crl] }, T + 100))).toBe('ERR_CRL_INVALID');
  });

  it('[REV-04] a CRL is usable from thisUpdate on', async () => {
    const p = await revocationPki();
    const crl = await p.crl({ thisUpdate: T, nextUpdate: T + DAY });
    expect((await leafCheck({ crls: [crl] }, T)).status).toBe('good');
    expect(await outcome(leafCheck({ crls: [crl] }, T - 1))).toBe('ERR_CRL_INVALID');
  });

  it('[REV-25] OCSP nextUpdate and ocspMaxAge bound the reported validity', async () => {
    const p = await revocationPki();
    const resp = await p.ocsp({ thisUpdate: T - 100, nextUpdate: T + 10 * DAY });
    // Exclusive bounds: still fresh exactly ocspMaxAge seconds after thisUpdate, stale one second later.
    expect(await leafCheck({ ocspResponses: [resp] })).toEqual({
      status: 'good',
      source: 'ocsp',
      nextUpdate: T - 100 + 7 * DAY + 1,
      validUntil: T - 100 + 7 * DAY + 1,
    });
    expect(await leafCheck({ ocspResponses: [resp], ocspMaxAge: 3600 })).toEqual({
      status: 'good',
      source: 'ocsp',
      nextUpdate: T - 100 + 3601,
      validUntil: T - 100 + 3601,
    });
    expect(
      (await leafCheck({ ocspResponses: [resp], ocspMaxAge: 3600 }, T - 100 + 3600)).status,
    ).toBe('good');
    expect(
      await outcome(leafCheck({ ocspResponses: [resp], ocspMaxAge: 3600 }, T - 100 + 3601)),
    ).toBe('ERR_OCSP_INVALID');
    expect(await outcome(leafCheck({ ocspResponses: [resp], ocspMaxAge: 99 }))).toBe(
      'ERR_OCSP_INVALID',
    );
  });

  it('[REV-34] a good answer from one source does not hide a revocation in another (either order)', async () => {
    const p = await revocationPki();
    const revokedOcsp = await p.ocsp({
      status: { revoked: { time: T - DAY, reason: 'keyCompromise' } },
    });
    expect(await outcome(leafCheck({ ocspResponses: [revokedOcsp], crls: [await p.crl()] }))).toBe(
      'ERR_REVOKED',
    );
    expect(await outcome(leafCheck({ ocspResponses: [await p.ocsp(), revokedOcsp] }))).toBe(
      'ERR_REVOKED',
    );
  });

  it('[REV-13] an untrusted newer delta CRL voids what its complete CRL omits, never what it lists', async () => {
    const p = await revocationPki();
    const entry = (reason: 'keyCompromise' | 'certificateHold') => [
      { serial: p.parsed.leaf.serialNumber, revocationDate: T - 2 * DAY, reason },
    ];
    const forgedDelta = await p.crl({
      crlNumber: 8,
      deltaOf: 7,
      thisUpdate: T - 3600,
      nextUpdate: T + DAY,
      signer: p.keys.rogue.signer,
    });
    for (const reason of ['keyCompromise', 'certificateHold'] as const) {
      const base = await p.crl({ entries: entry(reason) });
      // Anyone can add an unsigned delta; it must not turn a listed certificate into "unknown" (prefer would accept it).
      expect(await outcome(leafCheck({ crls: [base, forgedDelta], mode: 'prefer' })), reason).toBe(
        'ERR_REVOKED',
      );
      expect(await outcome(leafCheck({ crls: [base, forgedDelta] })), reason).toBe('ERR_REVOKED');
    }
    // A complete CRL that does not list the certificate is still unusable with that delta.
    expect(await outcome(leafCheck({ crls: [await p.crl(), forgedDelta] }))).toBe(
      'ERR_CRL_INVALID',
    );
    expect(await leafCheck({ crls: [await p.crl(), forgedDelta], mode: 'prefer' })).toEqual({
      status: 'not-checked',
      source: 'none',
      validUntil: T + DAY,
    });
  });

  it('[REV-10] [REV-11] a removeFromCRL entry does not hide another entry of the same serial and issuer', async () => {
    const p = await revocationPki();
    const serial = p.parsed.leaf.serialNumber;
    const crl = await p.crl({
      entries: [
        { serial, revocationDate: T - 3 * DAY, reason: 'removeFromCRL' },
        { serial, revocationDate: T - 2 * DAY, reason: 'keyCompromise' },
      ],
    });
    expect(await outcome(leafCheck({ crls: [crl] }))).toBe('ERR_REVOKED');
  });

  it('[REV-36] [REV-32] prefer: a CRL whose separate signer has no determinable status can revoke, never establish good', async () => {
    const p = await revocationPki();
    const root = parseCertificate(p.root);
    const ca = parseCertificate(p.ca);
    const leaf = parseCertificate(p.leaf);
    const bySigner = (
      entries: { serial: string; revocationDate: number; reason: 'keyCompromise' }[] = [],
    ) => p.crl({ signer: p.keys.crlSigner.signer, entries });
    const check = async (crls: Uint8Array[]) =>
      checkRevocation({
        certificate: leaf,
        issuer: ca,
        path: [root, ca, leaf],
        time: T,
        options: { crls, mode: 'prefer' },
        extraCertificates: [parseCertificate(p.crlSigner)],
      });
    // No CRL of the root: nothing shows the signer is not revoked, so its "not listed" proves nothing.
    expect(await check([await bySigner()])).toEqual({
      status: 'not-checked',
      source: 'none',
      validUntil: T + 6 * DAY,
    });
    expect(
      await outcome(
        check([
          await bySigner([
            {
              serial: p.parsed.leaf.serialNumber,
              revocationDate: T - DAY,
              reason: 'keyCompromise',
            },
          ]),
        ]),
      ),
    ).toBe('ERR_REVOKED');
    // Nor can its omission release a hold that a CRL of the CA itself lists.
    const hold = await p.crl({
      thisUpdate: T - 2 * DAY,
      entries: [
        {
          serial: p.parsed.leaf.serialNumber,
          revocationDate: T - 2 * DAY,
          reason: 'certificateHold',
        },
      ],
    });
    expect(
      await outcome(check([hold, await p.crl({ crlNumber: 8, signer: p.keys.crlSigner.signer })])),
    ).toBe('ERR_REVOKED');
    // With the root's CRL the signer is established and the same CRL gives good.
    const rootCrl = await p.crl({ issuer: p.names.root, signer: p.keys.root.signer, crlNumber: 3 });
    expect((await check([await bySigner(), rootCrl])).status).toBe('good');
  });

  it('[REV-32] prefer never reports good without a source', async () => {
    expect(await leafCheck({ mode: 'prefer' })).toEqual({ status: 'not-checked', source: 'none' });
  });

  it('[REV-33] off does not even parse the sources', async () => {
    expect(
      await leafCheck({
        mode: 'off',
        crls: [Uint8Array.of(1, 2, 3)],
        ocspResponses: [Uint8Array.of(4)],
      }),
    ).toEqual({ status: 'not-checked', source: 'none' });
  });

  it('[REV-22] a delegated responder certificate may also come from extraCertificates', async () => {
    const p = await revocationPki();
    const resp = await p.ocsp(
      {},
      {
        responder: { name: p.parsed.ca.subject.der, publicKey: p.keys.responder.spki },
        signer: p.keys.responder.signer,
        responderIdType: 'byName',
      },
    );
    // byName with the CA's name but signed by the responder key: the CA does not verify, and no responder certificate is known.
    expect(await outcome(leafCheck({ ocspResponses: [resp] }))).toBe('ERR_OCSP_INVALID');
    const byKey = await p.ocsp(
      {},
      {
        responder: { name: p.parsed.ca.subject.der, publicKey: p.keys.responder.spki },
        signer: p.keys.responder.signer,
      },
    );
    const root = parseCertificate(p.root);
    const ca = parseCertificate(p.ca);
    const leaf = parseCertificate(p.leaf);
    const result = await checkRevocation({
      certificate: leaf,
      issuer: ca,
      path: [root, ca, leaf],
      time: T,
      options: { ocspResponses: [byKey] },
      extraCertificates: [parseCertificate(p.responder)],
    });
    expect(result.status).toBe('good');
  });

  it('[REV-07] a CRL signer issued by a certificate outside the path is not authorised', async () => {
    const p = await revocationPki();
    const root = parseCertificate(p.root);
    const ca = parseCertificate(p.ca);
    const leaf = parseCertificate(p.leaf);
    const crl = await p.crl({ signer: p.keys.crlSigner.signer });
    const rootCrl = await p.crl({ issuer: p.names.root, signer: p.keys.root.signer, crlNumber: 3 });
    const args = {
      certificate: leaf,
      issuer: ca,
      time: T,
      options: { crls: [crl, rootCrl] },
      extraCertificates: [parseCertificate(p.crlSigner)],
    };
    expect((await checkRevocation({ ...args, path: [root, ca, leaf] })).status).toBe('good');
    // Without the root in the path nothing vouches for the signer certificate.
    expect(await outcome(checkRevocation({ ...args, path: [ca, leaf] }))).toBe('ERR_CRL_INVALID');
  });
});
