/**
 * The runtime-matrix checks, written once and bundled (by `build.mjs`) into one
 * self-contained ESM file that Node, Deno, Bun and Chromium all import.
 *
 * Two copies of the library take part, on purpose:
 * - every published vector suite (`vectors/*.json`) runs through the suites'
 *   own `run`, bundled here from `src/` together with the suites;
 * - the known-answer checks run through `lib`, the module namespace of the browser bundle
 *   `dist/browser/jitsuin.js`, so the artefact browsers load is itself exercised in every runtime.
 *
 * Each copy has its own backend state, so both are switched together. Every case runs once per
 * crypto backend available in the runtime ('webcrypto' only where `crypto.subtle` exists).
 * Nothing here imports `node:`; a skipped or missing case is a failure, never a pass.
 */
import { SUITES } from '../../src/conformance/suites.js';
import { judgeOutcome } from '../../src/conformance/judge.js';
import type { VectorFile, VectorSuite } from '../../src/conformance/types.js';
import * as bundledCrypto from '../../src/crypto/index.js';
import type * as Jitsuin from '../../src/index.js';

/** What {@link runChecks} reports for one runtime. */
export interface CheckReport {
  readonly backends: readonly string[];
  readonly passed: number;
  readonly failed: number;
  /** One line per failed check: `backend / check: detail`. */
  readonly failures: readonly string[];
}

/** The library's public API, as the browser bundle exports it. */
type Lib = typeof Jitsuin;
type Backend = 'webcrypto' | 'noble';

const enc = new TextEncoder();

function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

function fromHex(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

function errorCode(e: unknown): string {
  if (typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string')
    return e.code;
  return `non-JitsuinError ${String(e)}`;
}

/** Expects `f` to throw (or reject) a JitsuinError with `code`. */
async function expectCode(code: string, f: () => unknown): Promise<void> {
  let result: unknown;
  try {
    result = await f();
  } catch (e) {
    if (errorCode(e) === code) return;
    throw new Error(`expected ${code}, got ${errorCode(e)}`);
  }
  throw new Error(`expected ${code}, got a result: ${String(result)}`);
}

function expectEqual(actual: string, expected: string, what: string): void {
  if (actual !== expected) throw new Error(`${what}: expected ${expected}, got ${actual}`);
}

// RFC 6979 A.2.5: P-256, SHA-256, message "sample". The RFC's s is the high member of {s, n-s};
// signEcdsa returns low-S unless asked for high-S.
const P256_N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
const RFC6979_X = 'c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721';
const RFC6979_R = 'efd48b2aacb6a8fd1140dd9cd45e81d69d2c877b56aaf991c34d0ea84eaf3716';
const RFC6979_S = 'f7cb1c942d657c41d436c7a1b6e29f65f3e900dbb9aff4064dc4ab2f843acda8';
const RFC6979_S_LOW = (P256_N - BigInt(`0x${RFC6979_S}`)).toString(16).padStart(64, '0');
// The public key of RFC6979_X, uncompressed (the RFC's Ux, Uy).
const RFC6979_POINT =
  '0460fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb6' +
  '7903fe1008b8bc99a41ae9e95628bc64f2f1b20c2d7e9f5177a3c294d4462299';
const SAMPLE = enc.encode('sample');

/** Backend-independent known answers (hashing, signing and encoding are the same code on every backend). */
const PLAIN_CHECKS: Readonly<Record<string, (lib: Lib) => unknown>> = {
  'SHA-256("abc") (FIPS 180-2 B.1)': (lib) =>
    expectEqual(
      toHex(lib.sha256(enc.encode('abc'))),
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
      'digest',
    ),
  'base64url encode/decode of -_ alphabet': (lib) => {
    expectEqual(lib.base64urlEncode(Uint8Array.of(0xfb, 0xff, 0xbf)), '-_-_', 'encode');
    expectEqual(toHex(lib.base64urlDecode('-_-_')), 'fbffbf', 'decode');
  },
  'base64url rejects padding and non-canonical trailing bits': async (lib) => {
    await expectCode('ERR_ENCODING', () => lib.base64urlDecode('QQ=='));
    await expectCode('ERR_ENCODING', () => lib.base64urlDecode('QR'));
  },
  'RFC 6979 A.2.5 P-256/SHA-256 "sample" signature (high-S as printed, and low-S)': (lib) => {
    expectEqual(
      toHex(lib.signEcdsa(fromHex(RFC6979_X), SAMPLE, { highS: true })),
      RFC6979_R + RFC6979_S,
      'high-S signature',
    );
    expectEqual(
      toHex(lib.signEcdsa(fromHex(RFC6979_X), SAMPLE)),
      RFC6979_R + RFC6979_S_LOW,
      'low-S signature',
    );
    expectEqual(toHex(lib.getEcPublicKey(fromHex(RFC6979_X)).point), RFC6979_POINT, 'public key');
  },
};

/** Known answers repeated on each backend. */
const BACKEND_CHECKS: Readonly<Record<string, (lib: Lib) => unknown>> = {
  'P-256 verify accepts the RFC 6979 signature: raw high-S, raw low-S, DER': async (lib) => {
    const key = lib.ecPublicKeyFromPoint('P-256', fromHex(RFC6979_POINT));
    for (const s of [RFC6979_S, RFC6979_S_LOW])
      await lib.verifyEcdsa(key, SAMPLE, fromHex(RFC6979_R + s), { format: 'raw' });
    await lib.verifyEcdsa(key, SAMPLE, lib.rawToDerSignature(fromHex(RFC6979_R + RFC6979_S)), {
      format: 'der',
    });
  },
  'P-256 verify rejects a changed message and a changed signature': async (lib) => {
    const key = lib.ecPublicKeyFromPoint('P-256', fromHex(RFC6979_POINT));
    await expectCode('ERR_SIGNATURE_INVALID', () =>
      lib.verifyEcdsa(key, enc.encode('samplf'), fromHex(RFC6979_R + RFC6979_S), { format: 'raw' }),
    );
    const sig = fromHex(RFC6979_R + RFC6979_S);
    sig[40] = (sig[40] as number) ^ 1;
    await expectCode('ERR_SIGNATURE_INVALID', () =>
      lib.verifyEcdsa(key, SAMPLE, sig, { format: 'raw' }),
    );
  },
  'the selected backend is the one in use': (lib) => {
    const bundled = bundledCrypto.getCryptoBackend();
    expectEqual(lib.getCryptoBackend(), bundled, 'browser bundle backend vs bundled src backend');
  },
};

function setBackend(lib: Lib, backend: Backend): void {
  lib.setCryptoBackend(backend);
  bundledCrypto.setCryptoBackend(backend);
}

async function runVectorFile(
  suite: VectorSuite | undefined,
  file: VectorFile,
  fail: (what: string, detail: string) => void,
): Promise<number> {
  if (suite === undefined) {
    fail(
      `${file.suite}.json`,
      `no suite named ${file.suite} is registered in src/conformance/suites.ts`,
    );
    return 0;
  }
  let passed = 0;
  for (const group of file.testGroups) {
    const shared: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(group)) if (k !== 'type' && k !== 'tests') shared[k] = v;
    for (const test of group.tests) {
      let verdict;
      try {
        verdict = judgeOutcome(test, await suite.run(group.type, { ...shared, ...test.input }));
      } catch (e) {
        fail(`${file.suite}#${test.tcId}`, `run threw ${errorCode(e)} (run must never throw)`);
        continue;
      }
      if (verdict.status === 'passed') passed++;
      else
        fail(
          `${file.suite}#${test.tcId}`,
          `${verdict.status}: expected ${verdict.expected}, got ${verdict.actual}${verdict.detail ? ` (${verdict.detail})` : ''}`,
        );
    }
  }
  return passed;
}

/**
 * Runs the subset: `vectors` through the bundled suites, and the known-answer checks through
 * `lib` (the browser bundle's namespace), once per available backend.
 */
export async function runChecks(vectors: readonly VectorFile[], lib: Lib): Promise<CheckReport> {
  let passed = 0;
  const failures: string[] = [];
  const backends: Backend[] =
    typeof globalThis.crypto?.subtle?.verify === 'function' ? ['webcrypto', 'noble'] : ['noble'];

  const check = async (name: string, f: () => unknown): Promise<void> => {
    try {
      await f();
      passed++;
    } catch (e) {
      failures.push(`${name}: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  for (const [name, f] of Object.entries(PLAIN_CHECKS)) await check(name, () => f(lib));
  if (!backends.includes('webcrypto')) {
    // A runtime without WebCrypto (React Native / Hermes): 'auto' must fall back to noble and an
    // explicit 'webcrypto' must be refused, not silently served by noble.
    await check('without WebCrypto: auto selects noble, webcrypto is refused', async () => {
      lib.setCryptoBackend('auto');
      expectEqual(lib.getCryptoBackend(), 'noble', 'auto backend');
      await expectCode('ERR_BACKEND_UNAVAILABLE', () => lib.setCryptoBackend('webcrypto'));
    });
  }
  for (const backend of backends) {
    try {
      setBackend(lib, backend);
    } catch (e) {
      failures.push(
        `${backend}: cannot select backend: ${e instanceof Error ? e.message : String(e)}`,
      );
      continue;
    }
    for (const [name, f] of Object.entries(BACKEND_CHECKS))
      await check(`${backend} / ${name}`, () => f(lib));
    for (const file of vectors) {
      const suite = SUITES.find((s) => s.name === file.suite);
      passed += await runVectorFile(suite, file, (what, detail) =>
        failures.push(`${backend} / ${what}: ${detail}`),
      );
    }
  }
  return { backends, passed, failed: failures.length, failures };
}
