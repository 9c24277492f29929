/**
 * The byte-stable text form of a vector file: fixed member order for the known levels, sorted
 * members everywhere else, two-space indentation and a final newline. Regenerating a file with an
 * unchanged generator therefore changes no byte.
 * @module
 */
import type { VectorFile } from './types.js';

const FILE_ORDER = ['schema', 'suite', 'specVersion', 'numberOfTests', 'notes', 'testGroups'];
const TEST_ORDER = [
  'tcId',
  'comment',
  'flags',
  'requirements',
  'input',
  'result',
  'error',
  'output',
];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function orderedKeys(
  value: Record<string, unknown>,
  first: readonly string[],
  last: readonly string[] = [],
): string[] {
  const keys = Object.keys(value).filter((k) => value[k] !== undefined);
  const head = first.filter((k) => keys.includes(k));
  const tail = last.filter((k) => keys.includes(k) && !head.includes(k));
  const middle = keys.filter((k) => !head.includes(k) && !tail.includes(k)).sort();
  return [...head, ...middle, ...tail];
}

/** Sets an own member; plain assignment would treat a member named `__proto__` as the prototype. */
function define(out: { [key: string]: Json }, key: string, value: Json): void {
  Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
}

function sortDeep(value: unknown): Json {
  if (Array.isArray(value)) return value.map(sortDeep);
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    const out: { [key: string]: Json } = {};
    for (const key of orderedKeys(record, [])) define(out, key, sortDeep(record[key]));
    return out;
  }
  return value as Json;
}

function pick(
  record: Record<string, unknown>,
  keys: readonly string[],
  inner: (key: string, value: unknown) => Json,
): { [key: string]: Json } {
  const out: { [key: string]: Json } = {};
  for (const key of keys) define(out, key, inner(key, record[key]));
  return out;
}

/** Orders a vector file's members for serialisation (see the module comment); values are unchanged. */
export function orderVectorFile(file: VectorFile): Json {
  const top = file as unknown as Record<string, unknown>;
  return pick(top, orderedKeys(top, FILE_ORDER), (key, value) => {
    if (key !== 'testGroups' || !Array.isArray(value)) return sortDeep(value);
    return value.map((group: Record<string, unknown>) =>
      pick(group, orderedKeys(group, ['type'], ['tests']), (gKey, gValue) => {
        if (gKey !== 'tests' || !Array.isArray(gValue)) return sortDeep(gValue);
        return gValue.map((test: Record<string, unknown>) =>
          pick(test, orderedKeys(test, TEST_ORDER), (_k, v) => sortDeep(v)),
        );
      }),
    );
  });
}

/** Serialises a vector file in its stable text form (ends with a newline). */
export function serializeVectorFile(file: VectorFile): string {
  return `${JSON.stringify(orderVectorFile(file), null, 2)}\n`;
}
