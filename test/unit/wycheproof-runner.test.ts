/**
 * The Wycheproof runner against small in-memory files shaped like C2SP/wycheproof
 * `testvectors_v1` (the real files are run by `.ci/run` from ../shared/external). The cases are
 * built here from derived keys, so each expectation follows from how the case was made.
 */
import { describe, expect, it } from 'vitest';
import { hexEncode } from '../../src/encoding/hex.js';
import { utf8Encode } from '../../src/encoding/utf8.js';
import { concatBytes } from '../../src/encoding/bytes.js';
import {
  derivePrivateKey,
  exportSpki,
  generateRsaKeyPair,
  getEcPublicKey,
  rawToDerSignature,
  rsaPublicKey,
  signEcdsa,
  signRsaPkcs1v15,
} from '../../src/crypto/index.js';
import { rsaSignEncoded } from '../../src/crypto/rsa-keygen.js';
import { sha256 } from '../../src/crypto/hash.js';
import { EXTERNAL_SUITES } from '../../src/conformance/external.js';
import {
  backendDisagreements,
  wycheproofSuite,
  runWycheproof,
  WYCHEPROOF_FILES,
} from '../../src/conformance/external/wycheproof.js';
import type { ExternalReport } from '../../src/conformance/types.js';

const SEED = utf8Encode('jitsuin/test/wycheproof-runner');
const hex = hexEncode;
type Case = {
  tcId: number;
  comment: string;
  flags: string[];
  msg: string;
  sig: string;
  result: 'valid' | 'invalid' | 'acceptable';
};

function ecdsaFiles(mislabel = false): { der: object; p1363: object } {
  const d = derivePrivateKey(SEED, 'p256');
  const spki = hex(exportSpki(getEcPublicKey(d)));
  const m = utf8Encode('123400');
  const low = signEcdsa(d, m);
  const high = signEcdsa(d, m, { highS: true });
  const flipped = low.slice();
  flipped[63] = (flipped[63] as number) ^ 1;
  const derLow = rawToDerSignature(low);
  const ber = concatBytes(Uint8Array.of(0x30, 0x81), derLow.subarray(1));
  const derCases: Case[] = [
    {
      tcId: 1,
      comment: 'low-S',
      flags: ['ValidSignature'],
      msg: hex(m),
      sig: hex(derLow),
      result: 'valid',
    },
    {
      tcId: 2,
      comment: 'high-S',
      flags: ['ValidSignature'],
      msg: hex(m),
      sig: hex(rawToDerSignature(high)),
      result: 'valid',
    },
    {
      tcId: 3,
      comment: 'long form length',
      flags: ['BerEncodedSignature'],
      msg: hex(m),
      sig: hex(ber),
      result: mislabel ? 'valid' : 'invalid',
    },
    {
      tcId: 4,
      comment: 'flipped',
      flags: ['ModifiedSignature'],
      msg: hex(m),
      sig: hex(rawToDerSignature(flipped)),
      result: 'invalid',
    },
  ];
  const rawCases: Case[] = [
    {
      tcId: 1,
      comment: 'high-S',
      flags: ['ValidSignature'],
      msg: hex(m),
      sig: hex(high),
      result: 'valid',
    },
    {
      tcId: 2,
      comment: 'der as raw',
      flags: ['SignatureSize'],
      msg: hex(m),
      sig: hex(derLow),
      result: 'invalid',
    },
    {
      tcId: 3,
      comment: 'r = 0',
      flags: ['RangeCheck'],
      msg: hex(m),
      sig: hex(concatBytes(new Uint8Array(32), low.subarray(32))),
      result: 'invalid',
    },
  ];
  const group = (type: string, tests: Case[]) => ({
    type,
    publicKeyDer: spki,
    sha: 'SHA-256',
    tests,
  });
  return {
    der: {
      algorithm: 'ECDSA',
      numberOfTests: derCases.length,
      testGroups: [group('EcdsaVerify', derCases)],
    },
    p1363: {
      algorithm: 'ECDSA',
      numberOfTests: rawCases.length,
      testGroups: [group('EcdsaP1363Verify', rawCases)],
    },
  };
}

function rsaFile(acceptableFlag = 'MissingNull'): object {
  const priv = generateRsaKeyPair(SEED, 'rsa');
  const m = utf8Encode('msg');
  const good = signRsaPkcs1v15(priv, m);
  // DigestInfo for SHA-256 without the NULL parameters (the case Wycheproof marks acceptable).
  const t = concatBytes(
    Uint8Array.of(
      0x30,
      0x2f,
      0x30,
      0x0b,
      0x06,
      0x09,
      0x60,
      0x86,
      0x48,
      0x01,
      0x65,
      0x03,
      0x04,
      0x02,
      0x01,
      0x04,
      0x20,
    ),
    sha256(m),
  );
  const em = new Uint8Array(256).fill(0xff);
  em[0] = 0;
  em[1] = 1;
  em.set(concatBytes(Uint8Array.of(0), t), 256 - t.length - 1);
  const tests: Case[] = [
    { tcId: 1, comment: '', flags: [], msg: hex(m), sig: hex(good), result: 'valid' },
    {
      tcId: 2,
      comment: 'missing NULL',
      flags: [acceptableFlag],
      msg: hex(m),
      sig: hex(rsaSignEncoded(priv, em)),
      result: 'acceptable',
    },
    {
      tcId: 3,
      comment: 'short',
      flags: ['SmallSignature'],
      msg: hex(m),
      sig: hex(good.subarray(1)),
      result: 'invalid',
    },
  ];
  return {
    algorithm: 'RSASSA-PKCS1-v1_5',
    numberOfTests: 3,
    testGroups: [
      {
        type: 'RsassaPkcs1Verify',
        publicKeyDer: hex(exportSpki(rsaPublicKey(priv))),
        sha: 'SHA-256',
        tests,
      },
    ],
  };
}

function reader(files: Record<string, object | string>): (p: string) => Promise<Uint8Array> {
  return async (p) => {
    const f = files[p];
    if (f === undefined) throw new Error(`no such file ${p}`);
    return utf8Encode(typeof f === 'string' ? f : JSON.stringify(f));
  };
}

function filesWith(
  overrides: Partial<Record<'der' | 'p1363' | 'rsa', object | string>> = {},
): Record<string, object | string> {
  const ec = ecdsaFiles();
  return {
    'wycheproof/ecdsa_secp256r1_sha256_test.json': overrides.der ?? ec.der,
    'wycheproof/ecdsa_secp256r1_sha256_p1363_test.json': overrides.p1363 ?? ec.p1363,
    'wycheproof/rsa_signature_2048_sha256_test.json': overrides.rsa ?? rsaFile(),
  };
}

const totals = (rows: readonly ExternalReport[]) =>
  rows.reduce(
    (a, r) => ({
      passed: a.passed + r.passed,
      failed: a.failed + r.failed,
      skipped: a.skipped + r.skipped,
    }),
    { passed: 0, failed: 0, skipped: 0 },
  );

describe('wycheproof external suite', () => {
  it('is registered with the three required files', () => {
    expect(EXTERNAL_SUITES).toContain(wycheproofSuite);
    expect(wycheproofSuite.name).toBe('wycheproof');
    expect(wycheproofSuite.requiredFiles).toEqual(WYCHEPROOF_FILES.map((f) => f.path));
  });

  it('reports one row per file and backend, all cases passing on well-labelled files', async () => {
    const rows = await runWycheproof(reader(filesWith()));
    expect(rows.map((r) => r.section)).toEqual([
      'ecdsa_secp256r1_sha256_test.json [webcrypto]',
      'ecdsa_secp256r1_sha256_test.json [noble]',
      'ecdsa_secp256r1_sha256_p1363_test.json [webcrypto]',
      'ecdsa_secp256r1_sha256_p1363_test.json [noble]',
      'rsa_signature_2048_sha256_test.json [webcrypto]',
      'rsa_signature_2048_sha256_test.json [noble]',
    ]);
    expect(rows.map((r) => r.passed)).toEqual([4, 4, 3, 3, 3, 3]);
    expect(totals(rows)).toEqual({ passed: 20, failed: 0, skipped: 0 });
  });

  it('a case whose label disagrees with the library is reported as a failure with its tcId, on both backends', async () => {
    const rows = await runWycheproof(reader(filesWith({ der: ecdsaFiles(true).der })));
    const der = rows.filter((r) => r.section.startsWith('ecdsa_secp256r1_sha256_test.json'));
    for (const row of der) {
      expect(row.failed).toBe(1);
      expect(row.failures[0]).toMatchObject({
        id: 'tcId 3',
        expected: 'valid → valid',
        actual: 'ERR_INVALID_SIGNATURE_ENCODING',
      });
    }
  });

  it('[CRY-15] an acceptable MissingNull case passes only because it is rejected; an unlisted flag is also expected rejected', async () => {
    const rows = await runWycheproof(reader(filesWith()));
    expect(rows.filter((r) => r.section.startsWith('rsa')).map((r) => r.failed)).toEqual([0, 0]);
    // The same rejected case under a flag the policy does not list still passes (fail closed) ...
    const other = await runWycheproof(reader(filesWith({ rsa: rsaFile('SomeNewLeniency') })));
    expect(other.filter((r) => r.section.startsWith('rsa')).map((r) => r.failed)).toEqual([0, 0]);
    // ... and an acceptable case that the library would accept is a failure.
    const priv = generateRsaKeyPair(SEED, 'rsa');
    const lenient = rsaFile() as { testGroups: { tests: Case[] }[] };
    const t = lenient.testGroups[0]!.tests[1]!;
    t.sig = hex(signRsaPkcs1v15(priv, utf8Encode('msg')));
    const rows2 = await runWycheproof(reader(filesWith({ rsa: lenient })));
    for (const row of rows2.filter((r) => r.section.startsWith('rsa'))) {
      expect(row.failures).toEqual([
        expect.objectContaining({ id: 'tcId 2', expected: 'acceptable → reject', actual: 'valid' }),
      ]);
    }
    // When the flag is not in the policy, the failure detail names it.
    const lenientOther = rsaFile('SomeNewLeniency') as { testGroups: { tests: Case[] }[] };
    lenientOther.testGroups[0]!.tests[1]!.sig = t.sig;
    const rows3 = await runWycheproof(reader(filesWith({ rsa: lenientOther })));
    for (const row of rows3.filter((r) => r.section.startsWith('rsa'))) {
      expect(row.failures[0]?.detail).toContain('SomeNewLeniency');
    }
  });

  it('[CRY-16] compares the two backends case by case: a different error code is a disagreement', () => {
    const web = new Map([
      [1, 'valid'],
      [2, 'ERR_SIGNATURE_INVALID'],
      [3, 'ERR_INVALID_SIGNATURE_ENCODING'],
      [4, 'ERR_INVALID_KEY'],
    ]);
    const noble = new Map([
      [1, 'valid'],
      [2, 'ERR_SIGNATURE_INVALID'],
      [3, 'ERR_SIGNATURE_INVALID'],
    ]);
    expect(backendDisagreements(web, noble)).toEqual([
      { tcId: 3, first: 'ERR_INVALID_SIGNATURE_ENCODING', second: 'ERR_SIGNATURE_INVALID' },
      { tcId: 4, first: 'ERR_INVALID_KEY', second: 'no answer' },
    ]);
    expect(backendDisagreements(web, web)).toEqual([]);
  });

  it('an unreadable or malformed file is a failure row for each backend, not a crash', async () => {
    const rows = await runWycheproof(
      reader(filesWith({ der: '{not json', p1363: { testGroups: [{ type: 'Other' }] } })),
    );
    expect(rows.slice(0, 4).map((r) => r.failed)).toEqual([1, 1, 1, 1]);
    expect(rows.slice(4).map((r) => r.failed)).toEqual([0, 0]);
  });
});
