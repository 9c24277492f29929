/**
 * The judge of the `encoding` vector suite: how this library answers one case of `vectors/encoding.json`,
 * decoding the case's inputs from the file alone. The generator of the file is in the repository,
 * `test/generators/encoding.ts`, not in the package.
 * @module
 */
import { base64urlDecode, base64urlEncode } from '../../encoding/base64url.js';
import { canonicalize } from '../../encoding/canonicalize.js';
import { hexDecode, hexEncode } from '../../encoding/hex.js';
import type { JsonValue } from '../../encoding/json-value.js';
import { parseStrict } from '../../encoding/parse.js';
import { pemDecodeAll, pemEncode } from '../../encoding/pem.js';
import { utf8Decode } from '../../encoding/utf8.js';
import type { CaseOutcome, VectorSuite } from '../types.js';
import { caseOutcome, VectorInputError } from './case-outcome.js';

function requireString(input: Readonly<Record<string, unknown>>, name: string): string {
  const v = input[name];
  if (typeof v !== 'string') throw new VectorInputError(`input.${name} must be a string`);
  return v;
}

function optionalLimit(input: Readonly<Record<string, unknown>>, name: string): number | undefined {
  const v = input[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0)
    throw new VectorInputError(`input.${name} must be a non-negative integer`);
  return v;
}

/** A malformed vector (not a rejection by the code under test). */

function runCase(type: string, input: Readonly<Record<string, unknown>>): CaseOutcome {
  switch (type) {
    case 'base64url-decode':
      return {
        result: 'valid',
        output: { hex: hexEncode(base64urlDecode(requireString(input, 'text'))) },
      };
    case 'base64url-encode':
      return {
        result: 'valid',
        output: { text: base64urlEncode(hexDecode(requireString(input, 'hex'))) },
      };
    case 'utf8-decode':
      return {
        result: 'valid',
        output: { text: utf8Decode(hexDecode(requireString(input, 'hex'))) },
      };
    case 'json-parse-strict': {
      const bytes = base64urlDecode(requireString(input, 'json'), 'input.json');
      const maxBytes = optionalLimit(input, 'maxBytes');
      const maxDepth = optionalLimit(input, 'maxDepth');
      const options = {
        ...(maxBytes === undefined ? {} : { maxBytes }),
        ...(maxDepth === undefined ? {} : { maxDepth }),
      };
      return { result: 'valid', output: { value: parseStrict(bytes, options) } };
    }
    case 'json-canonicalize': {
      let value: JsonValue;
      try {
        value = JSON.parse(requireString(input, 'json')) as JsonValue;
      } catch {
        throw new VectorInputError('input.json is not a JSON text');
      }
      const maxDepth = optionalLimit(input, 'maxDepth');
      return {
        result: 'valid',
        output: { canonical: canonicalize(value, maxDepth === undefined ? {} : { maxDepth }) },
      };
    }
    case 'pem-encode':
      return {
        result: 'valid',
        output: {
          text: pemEncode(requireString(input, 'label'), hexDecode(requireString(input, 'hex'))),
        },
      };
    case 'pem-decode': {
      const maxLength = optionalLimit(input, 'maxLength');
      const blocks = pemDecodeAll(
        requireString(input, 'text'),
        requireString(input, 'label'),
        maxLength === undefined ? {} : { maxLength },
      );
      return { result: 'valid', output: { blocks: blocks.map(hexEncode) } };
    }
    default:
      return { result: 'skipped', reason: `unknown test group type ${JSON.stringify(type)}` };
  }
}

/** The `encoding` suite: this library's answers to the cases of `vectors/encoding.json`. */
export const encodingSuite: VectorSuite = {
  name: 'encoding',
  run: (type, input) => caseOutcome(() => runCase(type, input)),
};
