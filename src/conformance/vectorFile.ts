/**
 * Checks on vector files that JSON Schema cannot express, and the flattening of a file into the
 * cases a harness sends (`spec/conformance.md`, "Vector files").
 * @module
 */
import { ERROR_CODES } from '../errors.js';
import type { VectorFile, VectorGroup, VectorTest } from './types.js';

/** Pattern of a requirement id: upper-case prefix, hyphen, at least two digits. */
export const REQUIREMENT_ID_PATTERN = /^[A-Z]+-[0-9]{2,}$/;

/** The members of a group shared by all its tests: everything except `type` and `tests`. */
export function sharedMembers(group: VectorGroup): Record<string, unknown> {
  const shared: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(group)) {
    if (key !== 'type' && key !== 'tests') shared[key] = value;
  }
  return shared;
}

/** The input a harness receives: the group's shared members, overridden member by member by the test's input. */
export function mergeInput(group: VectorGroup, test: VectorTest): Record<string, unknown> {
  return { ...sharedMembers(group), ...test.input };
}

/** One case of a vector file, ready to send: protocol id, suite, operation type, merged input and expectation. */
export interface VectorCase {
  /** Protocol id, `<suite>/<tcId>`. */
  readonly id: string;
  readonly suite: string;
  readonly type: string;
  readonly input: Record<string, unknown>;
  readonly test: VectorTest;
}

/** Flattens a vector file into its cases in file order. */
export function flattenCases(file: VectorFile): VectorCase[] {
  const cases: VectorCase[] = [];
  for (const group of file.testGroups) {
    for (const test of group.tests) {
      cases.push({
        id: `${file.suite}/${test.tcId}`,
        suite: file.suite,
        type: group.type,
        input: mergeInput(group, test),
        test,
      });
    }
  }
  return cases;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Checks the rules of a vector file that its JSON Schema does not express: `numberOfTests` equals
 * the number of tests, `tcId`s positive and strictly ascending across the file (hence unique), every flag
 * documented in `notes`, `error` present exactly on `invalid` tests and a member of the error-code
 * union. Returns one message per violation (empty when the file is fine); never throws, whatever
 * the input.
 */
export function checkVectorFile(value: unknown): string[] {
  const problems: string[] = [];
  if (!isRecord(value)) return ['vector file is not a JSON object'];
  const notes = isRecord(value['notes']) ? value['notes'] : {};
  const groups = Array.isArray(value['testGroups']) ? (value['testGroups'] as unknown[]) : [];
  if (!Array.isArray(value['testGroups'])) problems.push('testGroups is not an array');
  let count = 0;
  let previous = 0;
  groups.forEach((group, g) => {
    const tests =
      isRecord(group) && Array.isArray(group['tests']) ? (group['tests'] as unknown[]) : undefined;
    if (tests === undefined) {
      problems.push(`testGroups[${g}].tests is not an array`);
      return;
    }
    for (const test of tests) {
      count++;
      if (!isRecord(test)) {
        problems.push(`testGroups[${g}] has a test that is not an object`);
        continue;
      }
      const tcId = test['tcId'];
      const where = `tcId ${String(tcId)}`;
      if (typeof tcId !== 'number' || !Number.isSafeInteger(tcId) || tcId <= previous) {
        problems.push(
          `${where}: tcIds must be integers strictly ascending across the file (previous ${previous})`,
        );
      } else {
        previous = tcId;
      }
      const flags = Array.isArray(test['flags']) ? (test['flags'] as unknown[]) : [];
      for (const flag of flags) {
        if (typeof flag !== 'string' || !Object.prototype.hasOwnProperty.call(notes, flag)) {
          problems.push(`${where}: flag ${JSON.stringify(flag)} is not documented in notes`);
        }
      }
      const requirements = Array.isArray(test['requirements'])
        ? (test['requirements'] as unknown[])
        : [];
      for (const id of requirements) {
        if (typeof id !== 'string' || !REQUIREMENT_ID_PATTERN.test(id))
          problems.push(`${where}: requirement ${JSON.stringify(id)} is not a requirement id`);
      }
      const result = test['result'];
      const error = test['error'];
      if (result === 'invalid') {
        if (typeof error !== 'string')
          problems.push(`${where}: an invalid test must name its error code`);
        else if (!Object.prototype.hasOwnProperty.call(ERROR_CODES, error))
          problems.push(`${where}: error ${JSON.stringify(error)} is not an ErrorCode`);
      } else if (error !== undefined) {
        problems.push(
          `${where}: only invalid tests carry an error code (result is ${JSON.stringify(result)})`,
        );
      }
    }
  });
  if (value['numberOfTests'] !== count) {
    problems.push(
      `numberOfTests is ${JSON.stringify(value['numberOfTests'])} but the file has ${count} tests`,
    );
  }
  return problems;
}
