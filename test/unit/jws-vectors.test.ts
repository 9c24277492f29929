import { X509Certificate, createHash, webcrypto } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { isJitsuinError } from '../../src/errors.js';
import { jwsSuite } from '../../src/conformance/suites/jws.js';
import { jwsFixture, jwsGenerator } from '../generators/jws.js';
import {
  flattenCases,
  checkVectorFile,
  type VectorCase,
} from '../../src/conformance/vectorFile.js';
import { judgeOutcome } from '../../src/conformance/judge.js';
import { setCryptoBackend } from '../../src/crypto/backend.js';
import { rawToDerSignature } from '../../src/crypto/ecdsa-signature.js';
import type { VectorFile } from '../../src/conformance/types.js';
import { signJws, verifyJws } from '../../src/jws/index.js';

let file: VectorFile;
let cases: VectorCase[];

beforeAll(async () => {
  file = await jwsGenerator.generate();
  cases = flattenCases(file);
});

const b64url = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'base64url'));

function spkiOf(cert: X509Certificate): Uint8Array {
  return new Uint8Array(cert.publicKey.export({ format: 'der', type: 'spki' }));
}

/** Independent check (Node WebCrypto, the OpenSSL X.509 parser): does `token`'s signature verify under `spki`? */
async function independentVerify(token: string, spki: Uint8Array): Promise<boolean> {
  const [h, p, s] = token.split('.') as [string, string, string];
  const key = await webcrypto.subtle.importKey(
    'spki',
    spki,
    { name: 'ECDSA', namedCurve: 'P-256' },
    false,
    ['verify'],
  );
  const sig = b64url(s);
  if (sig.length !== 64) return false;
  return webcrypto.subtle.verify(
    { name: 'ECDSA', hash: 'SHA-256' },
    key,
    sig,
    new TextEncoder().encode(`${h}.${p}`),
  );
}

describe('jws vectors', () => {
  it('are deterministic: generating twice gives identical bytes', async () => {
    const again = await jwsGenerator.generate();
    expect(JSON.stringify(again)).toBe(JSON.stringify(file));
  });

  it('match the published vectors/jws.json', () => {
    const published = readFileSync(new URL('../../vectors/jws.json', import.meta.url), 'utf8');
    expect(JSON.parse(published)).toEqual(JSON.parse(JSON.stringify(file)));
  });

  it('pass the structural checks of a vector file', () => {
    expect(checkVectorFile(JSON.parse(JSON.stringify(file)))).toEqual([]);
    expect(file.numberOfTests).toBe(cases.length);
    expect(cases.length).toBeGreaterThan(100);
  });

  it('are all passed by this library, on both crypto backends (WebCrypto and noble)', async () => {
    const failures: string[] = [];
    for (const backend of ['webcrypto', 'noble'] as const) {
      setCryptoBackend(backend);
      try {
        for (const c of cases) {
          const verdict = judgeOutcome(c.test, await jwsSuite.run(c.type, c.input));
          if (verdict.status !== 'passed')
            failures.push(`${backend} ${c.id} ${c.test.comment}: ${verdict.detail ?? ''}`);
        }
      } finally {
        setCryptoBackend('auto');
      }
    }
    expect(failures).toEqual([]);
  });

  it('reject each invalid case for the rule it targets (the error names one of its requirement ids)', async () => {
    const wrong: string[] = [];
    for (const c of cases.filter((x) => x.type === 'jws-verify' && x.test.result === 'invalid')) {
      try {
        await verifyJws(c.input['token'] as string, {
          typ: c.input['expectedTyp'] as string,
          allowUnvalidatedChain: true,
        });
        wrong.push(`${c.id}: accepted`);
      } catch (e) {
        if (
          !isJitsuinError(e) ||
          e.requirement === undefined ||
          !c.test.requirements.includes(e.requirement)
        ) {
          wrong.push(
            `${c.id} ${c.test.comment}: failed on ${isJitsuinError(e) ? `${e.code} ${e.requirement ?? '?'}` : String(e)}`,
          );
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('reject each invalid jws-sign case for the rule it targets', async () => {
    const wrong: string[] = [];
    for (const c of cases.filter((x) => x.type === 'jws-sign' && x.test.result === 'invalid')) {
      const out = b64url(c.input['signerOutput'] as string);
      try {
        await signJws({
          typ: c.input['typ'] as string,
          payload: c.input['payload'] as never,
          certificateChain: (c.input['certificateChain'] as string[]).map(b64url),
          signer: () => Promise.resolve(out),
        });
        wrong.push(`${c.id}: produced a token`);
      } catch (e) {
        if (
          !isJitsuinError(e) ||
          e.requirement === undefined ||
          !c.test.requirements.includes(e.requirement)
        ) {
          wrong.push(
            `${c.id} ${c.test.comment}: failed on ${isJitsuinError(e) ? `${e.code} ${e.requirement ?? '?'}` : String(e)}`,
          );
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('have a negative case with its own error code for every rejection rule', () => {
    const byRule = new Map<string, Set<string>>();
    for (const c of cases.filter((x) => x.test.result === 'invalid')) {
      for (const r of c.test.requirements) {
        if (!byRule.has(r)) byRule.set(r, new Set());
        byRule.get(r)!.add(c.test.error!);
      }
    }
    const rules = [
      'JWS-01',
      'JWS-02',
      'JWS-03',
      'JWS-04',
      'JWS-05',
      'JWS-06',
      'JWS-07',
      'JWS-08',
      'JWS-09',
      'JWS-10',
      'JWS-11',
      'JWS-12',
      'JWS-13',
      'JWS-14',
      'JWS-17',
      'JWS-18',
      'JWS-20',
      'JWS-21',
      'JWS-22',
      'JWS-23',
      'JWS-24',
      'JWS-25',
      'JWS-26',
      'JWS-27',
      'JWS-34',
    ];
    for (const r of rules) expect(byRule.has(r), r).toBe(true);
  });

  it('[JWS-19] HighS cases really carry s > n/2, and some valid case carries a low-S signature', () => {
    const n = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
    const sOf = (c: VectorCase): bigint =>
      BigInt(
        `0x${Buffer.from(b64url((c.input['token'] as string).split('.')[2]!).subarray(32)).toString('hex')}`,
      );
    const valid = cases.filter((c) => c.type === 'jws-verify' && c.test.result === 'valid');
    const high = valid.filter((c) => c.test.flags.includes('HighS'));
    expect(high.length).toBeGreaterThanOrEqual(2);
    for (const c of high) expect(sOf(c) > n / 2n, c.id).toBe(true);
    expect(valid.some((c) => sOf(c) <= n / 2n)).toBe(true);
  });

  it('valid tokens verify under an independent implementation (Node WebCrypto, the OpenSSL X.509 parser)', async () => {
    const valid = cases.filter((c) => c.type === 'jws-verify' && c.test.result === 'valid');
    expect(valid.length).toBeGreaterThanOrEqual(6);
    for (const c of valid) {
      const token = c.input['token'] as string;
      const header = JSON.parse(
        Buffer.from(token.split('.')[0]!, 'base64url').toString('utf8'),
      ) as { x5c: string[] };
      const leaf = new X509Certificate(Buffer.from(header.x5c[0]!, 'base64'));
      expect(await independentVerify(token, spkiOf(leaf)), c.id).toBe(true);
      const out = c.test.output as { leafSha256Hex: string; payload: unknown };
      expect(out.leafSha256Hex).toBe(createHash('sha256').update(leaf.raw).digest('hex'));
      expect(out.payload).toEqual(
        JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')),
      );
    }
  });

  it('[JWS-30] [JWS-31] [JWS-32] jws-sign outputs are the exact expected bytes and verify independently', async () => {
    const valid = cases.filter((c) => c.type === 'jws-sign' && c.test.result === 'valid');
    expect(valid.length).toBeGreaterThanOrEqual(4);
    for (const c of valid) {
      const token = (c.test.output as { token: string }).token;
      const [h, p, s] = token.split('.') as [string, string, string];
      const chain = (c.input['certificateChain'] as string[]).map((x) =>
        Buffer.from(x, 'base64url').toString('base64'),
      );
      // Written out by hand, independent of the canonicaliser: members alg, typ, x5c in this order.
      expect(Buffer.from(h, 'base64url').toString('utf8')).toBe(
        `{"alg":"ES256","typ":"${String(c.input['typ'])}","x5c":${JSON.stringify(chain)}}`,
      );
      const payload = c.input['payload'] as Record<string, unknown>;
      const sorted = Object.fromEntries(
        Object.keys(payload)
          .sort()
          .map((k) => [k, payload[k]]),
      );
      expect(Buffer.from(p, 'base64url').toString('utf8')).toBe(JSON.stringify(sorted));
      const signerOutput = b64url(c.input['signerOutput'] as string);
      const raw = b64url(s);
      expect(raw.length).toBe(64);
      if (signerOutput.length === 64) expect(raw).toEqual(signerOutput);
      else expect(Buffer.from(rawToDerSignature(raw)).equals(Buffer.from(signerOutput))).toBe(true);
      const leaf = new X509Certificate(Buffer.from(chain[0]!, 'base64'));
      expect(await independentVerify(token, spkiOf(leaf)), c.id).toBe(true);
    }
  });

  it('negative cases of non-signature rules carry a signature that is valid over what travels', async () => {
    const f = await jwsFixture();
    const spkis = [f.leafA, f.leafC].map((der) => spkiOf(new X509Certificate(der)));
    const excluded = new Set(['CheckOrder', 'WrongSignature', 'SignatureEncoding']);
    let checked = 0;
    const unsigned: string[] = [];
    for (const c of cases.filter(
      (x) =>
        x.type === 'jws-verify' &&
        x.test.result === 'invalid' &&
        !x.test.flags.some((fl) => excluded.has(fl)),
    )) {
      const token = c.input['token'] as string;
      const parts = token.split('.');
      // Structural cases that have no three segments, or no 86-character signature, cannot carry one.
      if (parts.length !== 3 || parts[2]!.length !== 86) continue;
      checked++;
      let ok = false;
      for (const spki of spkis) if (await independentVerify(token, spki)) ok = true;
      if (!ok) unsigned.push(`${c.id} ${c.test.comment}`);
    }
    expect(unsigned).toEqual([]);
    expect(checked).toBeGreaterThan(70);
  });
});
