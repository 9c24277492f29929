/**
 * spec/schemas/consent-*.schema.json and transfer-record.schema.json agree with the library: every
 * payload of a valid vector case validates, and the payload-shape negatives of the vectors fail.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { base64urlDecode } from '../../src/encoding/base64url.js';
import { utf8Decode } from '../../src/encoding/utf8.js';
import { packageRoot } from '../../src/cli/io.js';
import type { VectorFile } from '../../src/conformance/types.js';

const root = packageRoot();
const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
const schema = (name: string) =>
  ajv.compile(JSON.parse(readFileSync(join(root, 'spec', 'schemas', name), 'utf8')) as object);
const request = schema('consent-request.schema.json');
const decision = schema('consent-decision.schema.json');
const withdrawal = schema('consent-withdrawal.schema.json');
const record = schema('transfer-record.schema.json');
const payload = (token: string): unknown =>
  JSON.parse(utf8Decode(base64urlDecode(token.split('.')[1]!)));
const file = JSON.parse(readFileSync(join(root, 'vectors', 'consent.json'), 'utf8')) as VectorFile;
const cases = file.testGroups.flatMap((g) => g.tests.map((t) => ({ type: g.type, t })));

describe('consent JSON Schemas', () => {
  it('[CON-03] [CON-07] [CON-31] accept every payload of a valid vector case', () => {
    let n = 0;
    for (const { type, t } of cases.filter((c) => c.t.result === 'valid')) {
      const i = t.input as Record<string, string>;
      if (type === 'decode-request')
        expect(request(payload(i['token']!)), JSON.stringify(request.errors)).toBe(true);
      if (type === 'authorize') {
        expect(request(payload(i['request']!)), JSON.stringify(request.errors)).toBe(true);
        expect(decision(payload(i['decision']!)), JSON.stringify(decision.errors)).toBe(true);
      }
      if (type === 'verify-record')
        expect(record(payload(i['record']!)), JSON.stringify(record.errors)).toBe(true);
      if (type === 'verify-withdrawal')
        expect(withdrawal(payload(i['withdrawal']!)), JSON.stringify(withdrawal.errors)).toBe(true);
      n++;
    }
    expect(n).toBeGreaterThan(10);
  });

  it('[CON-05] [CON-07] reject the payload-shape negatives a schema can express', () => {
    const shape = (comment: string) =>
      cases.find((c) => c.t.comment === comment)!.t.input as Record<string, string>;
    for (const c of [
      'an unknown member',
      'uses 0',
      'a data item with neither identifier nor time_range',
    ]) {
      expect(request(payload(shape(c)['token']!))).toBe(false);
    }
    for (const c of ['an approval without approved', 'a refusal that carries approved'])
      expect(decision(payload(shape(c)['decision']!))).toBe(false);
    expect(withdrawal(payload(shape('a withdrawal without iat')['withdrawal']!))).toBe(false);
  });
});
