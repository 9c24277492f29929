import { describe, expect, it } from 'vitest';
import { judgeOutcome, jsonEqual } from '../../src/conformance/judge.js';
import { checkHelloReply, checkResponse, parseLine } from '../../src/conformance/protocol.js';
import { inProcessRunner, runVectorFiles } from '../../src/conformance/harness.js';
import type { VectorTest } from '../../src/conformance/types.js';
import { toyFile, toySuite } from './conformance.fixtures.js';

const t = (over: Partial<VectorTest>): VectorTest => ({
  tcId: 1,
  comment: '',
  flags: [],
  requirements: [],
  input: {},
  result: 'valid',
  ...over,
});

describe('judgeOutcome', () => {
  it('[CONF-23] [CONF-28] valid needs valid, and an equal output when the vector gives one', () => {
    expect(judgeOutcome(t({}), { result: 'valid' }).status).toBe('passed');
    expect(judgeOutcome(t({}), { result: 'invalid', error: 'ERR_ENCODING' }).status).toBe('failed');
    expect(
      judgeOutcome(t({ output: { a: [1, 2] } }), { result: 'valid', output: { a: [1, 2] } }).status,
    ).toBe('passed');
    expect(
      judgeOutcome(t({ output: { a: [1, 2] } }), { result: 'valid', output: { a: [2, 1] } }).status,
    ).toBe('failed');
    expect(judgeOutcome(t({ output: { a: 1 } }), { result: 'valid' }).status).toBe('failed');
  });
  it('[CONF-29] invalid needs invalid with exactly the vector error code', () => {
    const inv = t({ result: 'invalid', error: 'ERR_JWS_ALG' });
    expect(judgeOutcome(inv, { result: 'invalid', error: 'ERR_JWS_ALG' }).status).toBe('passed');
    const wrong = judgeOutcome(inv, { result: 'invalid', error: 'ERR_JWS_TYP' });
    expect(wrong.status).toBe('failed');
    expect(wrong.detail).toContain('ERR_JWS_ALG');
    expect(judgeOutcome(inv, { result: 'valid' }).status).toBe('failed');
  });
  it('[CONF-30] acceptable passes either way, but a valid answer must still match the output', () => {
    const acc = t({ result: 'acceptable', output: 1 });
    expect(judgeOutcome(acc, { result: 'invalid', error: 'ERR_ENCODING' }).status).toBe('passed');
    expect(judgeOutcome(acc, { result: 'valid', output: 1 }).status).toBe('passed');
    expect(judgeOutcome(acc, { result: 'valid', output: 2 }).status).toBe('failed');
  });
  it('reports skipped answers as skipped with their reason', () => {
    expect(judgeOutcome(t({}), { result: 'skipped', reason: 'why' })).toMatchObject({
      status: 'skipped',
      detail: 'why',
    });
  });
  it('[CONF-28] jsonEqual ignores member order and absent-vs-undefined, not array order or types', () => {
    expect(jsonEqual({ a: 1, b: { c: [1, 'x'] } }, { b: { c: [1, 'x'] }, a: 1 })).toBe(true);
    expect(jsonEqual({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(jsonEqual([1, 2], [2, 1])).toBe(false);
    expect(jsonEqual(1, '1')).toBe(false);
    expect(jsonEqual({}, [])).toBe(false);
    expect(jsonEqual(null, {})).toBe(false);
  });
});

describe('protocol message checks', () => {
  it('[CONF-14] parseLine accepts only JSON objects', () => {
    expect(parseLine('{"a":1}').ok).toBe(true);
    expect(parseLine('[1]').ok).toBe(false);
    expect(parseLine('nope').ok).toBe(false);
  });
  it('[CONF-18] [CONF-19] checkHelloReply requires protocol 1, a name and a suite list, and drops suites not offered', () => {
    expect(
      checkHelloReply({ hello: { protocol: 1, implementation: 'x', suites: ['a', 'z'] } }, [
        'a',
        'b',
      ]),
    ).toEqual({ ok: true, value: { protocol: 1, implementation: 'x', suites: ['a'] } });
    expect(
      checkHelloReply({ hello: { protocol: 2, implementation: 'x', suites: [] } }, []).ok,
    ).toBe(false);
    expect(checkHelloReply({ hello: { protocol: 1, suites: [] } }, []).ok).toBe(false);
    expect(
      checkHelloReply({ hello: { protocol: 1, implementation: 'x', suites: [1] } }, []).ok,
    ).toBe(false);
    expect(checkHelloReply({ id: 'x' }, []).ok).toBe(false);
  });
  it('[CONF-16] [CONF-20] [CONF-21] [CONF-22] checkResponse requires the request id, a known result, an error code on invalid, and ignores unknown members', () => {
    expect(checkResponse({ id: 'a/1', result: 'valid', output: 3, extra: true }, 'a/1')).toEqual({
      ok: true,
      value: { result: 'valid', output: 3 },
    });
    expect(checkResponse({ id: 'a/1', result: 'invalid', error: 'ERR_X' }, 'a/1')).toEqual({
      ok: true,
      value: { result: 'invalid', error: 'ERR_X' },
    });
    expect(checkResponse({ id: 'a/2', result: 'valid' }, 'a/1').ok).toBe(false);
    expect(checkResponse({ id: 'a/1', result: 'invalid' }, 'a/1').ok).toBe(false);
    expect(checkResponse({ id: 'a/1', result: 'acceptable' }, 'a/1').ok).toBe(false);
    expect(checkResponse({ id: 'a/1', result: 'valid', error: 5 }, 'a/1').ok).toBe(false);
    expect(checkResponse({ id: 'a/1', result: 'skipped', reason: 'r' }, 'a/1')).toEqual({
      ok: true,
      value: { result: 'skipped', reason: 'r' },
    });
  });
});

describe('runVectorFiles with the in-process runner', () => {
  const opts = { specVersion: '0.1', timeoutMs: 500 };

  it('[CONF-08] passes a conforming suite, case by case', async () => {
    const progress: number[] = [];
    const run = await runVectorFiles([toyFile()], inProcessRunner([toySuite()]), {
      ...opts,
      onProgress: (d) => progress.push(d),
    });
    expect(run.claimed).toEqual(['toy']);
    expect(run.rows[0]).toMatchObject({ suite: 'toy', passed: 4, failed: 0, skipped: 0 });
    expect(run.rows[0]!.cases!.map((c) => c.status)).toEqual([
      'passed',
      'passed',
      'passed',
      'passed',
    ]);
    expect(progress).toEqual([1, 2, 3, 4]);
  });

  it('[CONF-24] [CONF-32] fails wrong error codes, wrong outputs, throws and timeouts, each with a reason', async () => {
    const suite = toySuite({
      echo: async (input) => {
        if (input['value'] === 'a')
          return { result: 'valid', output: { value: 'WRONG', shared: 'group' } };
        return new Promise(() => {}); // never answers
      },
      reject: async (input) => {
        if (Object.keys(input).length === 0 && suiteCalls++ === 0)
          return { result: 'invalid', error: 'ERR_JWS_ALG' };
        throw new Error('boom');
      },
    });
    let suiteCalls = 0;
    const run = await runVectorFiles([toyFile()], inProcessRunner([suite]), {
      ...opts,
      timeoutMs: 50,
    });
    const details = run.rows[0]!.cases!.map((c) => `${c.status}: ${c.detail ?? ''}`);
    expect(details[0]).toMatch(/^failed: output differs/);
    expect(details[1]).toMatch(/^failed: timeout after 50 ms/);
    expect(details[2]).toMatch(/^failed: expected error ERR_ENCODING, got ERR_JWS_ALG/);
    expect(details[3]).toMatch(/^failed: suite.run threw/);
    expect(run.rows[0]).toMatchObject({ passed: 0, failed: 4 });
  });

  it('[CONF-31] counts a skipped answer in a claimed suite as a failure', async () => {
    const run = await runVectorFiles(
      [toyFile()],
      inProcessRunner([
        toySuite({ reject: async () => ({ result: 'skipped', reason: 'not implemented' }) }),
      ]),
      opts,
    );
    expect(run.rows[0]).toMatchObject({ passed: 2, failed: 2, skipped: 0 });
    expect(run.rows[0]!.failures[0]!.detail).toContain(
      'skipped a case of a claimed suite: not implemented',
    );
  });

  it('[CONF-32] skips every case of a suite the implementation does not claim, with the reason', async () => {
    const run = await runVectorFiles([toyFile()], inProcessRunner([]), opts);
    expect(run.claimed).toEqual([]);
    expect(run.rows[0]).toMatchObject({ passed: 0, failed: 0, skipped: 4 });
    expect(run.rows[0]!.skips[0]).toEqual({
      id: 'toy/1',
      reason: 'suite not claimed by the implementation',
    });
  });
});
