/**
 * The `encoding` vector suite checked against itself and against independent oracles (node's
 * base64url, a fatal TextDecoder, JSON.parse + JSON.stringify), so that the published expectations
 * are not merely what the code under test happens to produce.
 */
import { Buffer } from 'node:buffer';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { encodingSuite } from '../../src/conformance/suites/encoding.js';
import { encodingGenerator } from '../generators/encoding.js';
import { judgeOutcome } from '../../src/conformance/judge.js';
import { serializeVectorFile } from '../../src/conformance/serialize.js';
import type { VectorFile, VectorTest } from '../../src/conformance/types.js';
import {
  base64urlDecode,
  canonicalize,
  hexDecode,
  parseStrict,
  pemDecodeAll,
  utf8Decode,
  type JsonValue,
} from '../../src/encoding/index.js';
import { isJitsuinError } from '../../src/errors.js';

const file = encodingGenerator.generate() as VectorFile;

interface Case {
  readonly type: string;
  readonly input: Record<string, unknown>;
  readonly test: VectorTest;
}
const cases: Case[] = file.testGroups.flatMap((g) => {
  const { type, tests, ...shared } = g;
  return tests.map((test) => ({ type, input: { ...shared, ...test.input }, test }));
});

const fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function sortedStringify(v: JsonValue): string {
  if (Array.isArray(v)) return '[' + v.map(sortedStringify).join(',') + ']';
  if (v !== null && typeof v === 'object')
    return (
      '{' +
      Object.keys(v)
        .sort()
        .map((k) => JSON.stringify(k) + ':' + sortedStringify(v[k] as JsonValue))
        .join(',') +
      '}'
    );
  return JSON.stringify(v);
}

/** Runs the operation of a case directly and returns the requirement id of its rejection. */
function rejectionRequirement(c: Case): string | undefined {
  const s = (name: string): string => c.input[name] as string;
  try {
    if (c.type === 'base64url-decode') base64urlDecode(s('text'));
    else if (c.type === 'utf8-decode') utf8Decode(hexDecode(s('hex')));
    else if (c.type === 'json-parse-strict')
      parseStrict(base64urlDecode(s('json')), {
        maxBytes: c.input['maxBytes'] as number,
        maxDepth: c.input['maxDepth'] as number,
      });
    else if (c.type === 'json-canonicalize')
      canonicalize(JSON.parse(s('json')) as JsonValue, { maxDepth: c.input['maxDepth'] as number });
    else if (c.type === 'pem-decode')
      pemDecodeAll(
        s('text'),
        s('label'),
        c.input['maxLength'] === undefined ? {} : { maxLength: c.input['maxLength'] as number },
      );
  } catch (e) {
    return isJitsuinError(e) ? e.requirement : 'not a JitsuinError';
  }
  return undefined;
}

describe('vectors/encoding.json', () => {
  it('is generated deterministically', () => {
    expect(JSON.stringify(encodingGenerator.generate())).toBe(JSON.stringify(file));
    expect(file.numberOfTests).toBe(cases.length);
    expect(cases.map((c) => c.test.tcId)).toEqual(cases.map((_, i) => i + 1));
  });

  it('the published vectors/encoding.json is exactly what the generator writes', () => {
    const published = readFileSync(new URL('../../vectors/encoding.json', import.meta.url), 'utf8');
    expect(published).toBe(serializeVectorFile(file));
  });

  it('every case passes through the suite runner', async () => {
    for (const c of cases) {
      const verdict = judgeOutcome(c.test, await encodingSuite.run(c.type, c.input));
      expect(verdict.status, `tcId ${c.test.tcId} ${c.test.comment}: ${verdict.detail ?? ''}`).toBe(
        'passed',
      );
    }
  });

  it('every invalid case is rejected by the very rule it cites (it breaks exactly that rule)', () => {
    for (const c of cases.filter((x) => x.test.result === 'invalid')) {
      expect(c.test.requirements, `tcId ${c.test.tcId}`).toHaveLength(1);
      expect(rejectionRequirement(c), `tcId ${c.test.tcId} ${c.test.comment}`).toBe(
        c.test.requirements[0],
      );
    }
  });

  it('valid outputs agree with independent oracles', () => {
    for (const c of cases.filter((x) => x.test.result === 'valid')) {
      const out = c.test.output as Record<string, unknown>;
      const where = `tcId ${c.test.tcId} ${c.test.comment}`;
      if (c.type === 'base64url-decode')
        expect(out['hex'], where).toBe(
          Buffer.from(c.input['text'] as string, 'base64url').toString('hex'),
        );
      else if (c.type === 'base64url-encode')
        expect(out['text'], where).toBe(
          Buffer.from(c.input['hex'] as string, 'hex').toString('base64url'),
        );
      else if (c.type === 'utf8-decode')
        expect(out['text'], where).toBe(fatal.decode(Buffer.from(c.input['hex'] as string, 'hex')));
      else if (c.type === 'json-parse-strict') {
        const text = fatal.decode(Buffer.from(c.input['json'] as string, 'base64url'));
        const value = JSON.parse(text) as JsonValue;
        expect(out['value'], where).toStrictEqual(value);
        // The accepted bytes are the canonical form by an oracle that does not use canonicalize().
        expect(sortedStringify(value), where).toBe(text);
      } else if (c.type === 'json-canonicalize') {
        expect(out['canonical'], where).toBe(
          sortedStringify(JSON.parse(c.input['json'] as string) as JsonValue),
        );
      } else if (c.type === 'pem-encode') {
        const b64 = Buffer.from(c.input['hex'] as string, 'hex').toString('base64');
        expect(out['text'], where).toBe(
          `-----BEGIN ${c.input['label'] as string}-----\n${(b64.match(/.{1,64}/g) ?? []).join('\n')}\n-----END ${c.input['label'] as string}-----\n`,
        );
      } else if (c.type === 'pem-decode') {
        // A lax oracle (split at the boundaries, drop line breaks, Node's base64) agrees on every valid input.
        const bodies = (c.input['text'] as string)
          .split(/-----END [^-]+-----(?:\r\n|\r|\n)/)
          .filter((b) => b !== '');
        expect(out['blocks'], where).toEqual(
          bodies.map((b) =>
            Buffer.from(
              b.replace(/-----BEGIN [^-]+-----/, '').replace(/[\r\n]/g, ''),
              'base64',
            ).toString('hex'),
          ),
        );
      } else throw new Error(`unexpected group type ${c.type}`);
    }
  });

  it('cites only ids that spec/encoding.md defines, and covers every MUST / MUST NOT id there with a vector or an [ENC-NN] test', () => {
    const spec = readFileSync(new URL('../../spec/encoding.md', import.meta.url), 'utf8');
    const defined = new Set([...spec.matchAll(/\[(ENC-\d{2})\]/g)].map((m) => m[1] as string));
    // A MUST-level id is one whose sentence (text since the previous id) says MUST.
    const mustIds = new Set<string>();
    let last = 0;
    for (const m of spec.matchAll(/\[(ENC-\d{2})\]/g)) {
      const sentence = spec.slice(last, m.index);
      if (/\bMUST\b/.test(sentence)) mustIds.add(m[1] as string);
      last = (m.index as number) + m[0].length;
    }
    const cited = new Set(cases.flatMap((c) => c.test.requirements));
    for (const id of cited) expect(defined.has(id), `${id} cited by a vector`).toBe(true);
    const testNames = new Set<string>();
    for (const dir of ['unit', 'property']) {
      const folder = new URL(`../${dir}/`, import.meta.url);
      for (const name of readdirSync(folder).filter((f) => /^encoding.*\.test\.ts$/.test(f))) {
        for (const m of readFileSync(new URL(name, folder), 'utf8').matchAll(
          /it\('\[(ENC-\d{2})\]/g,
        ))
          testNames.add(m[1] as string);
      }
    }
    for (const id of testNames) expect(defined.has(id), `${id} named by a test`).toBe(true);
    const uncovered = [...mustIds].filter((id) => !cited.has(id) && !testNames.has(id));
    expect(uncovered).toEqual([]);
    expect(mustIds.size).toBeGreaterThanOrEqual(28);
  });
});
