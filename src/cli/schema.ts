/** Validation of vector files: JSON Schema (ajv, draft 2020-12) plus the checks schema cannot express. @module */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';
import { checkVectorFile } from '../conformance/vectorFile.js';
import type { VectorFile } from '../conformance/types.js';

/** Compiles `spec/schemas/vectors.schema.json` under the package root. */
export function loadVectorSchema(root: string): ValidateFunction {
  const schema = JSON.parse(
    readFileSync(join(root, 'spec', 'schemas', 'vectors.schema.json'), 'utf8'),
  ) as object;
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
  return ajv.compile(schema);
}

/** Every problem with a parsed vector file: schema violations first, then the semantic checks. */
export function vectorFileProblems(validate: ValidateFunction, value: unknown): string[] {
  const problems: string[] = [];
  if (!validate(value)) {
    for (const e of validate.errors ?? [])
      problems.push(`schema: ${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
  }
  return [...problems, ...checkVectorFile(value)];
}

/** Parses and validates a vector file's text; throws an Error listing every problem. */
export function parseVectorFile(
  validate: ValidateFunction,
  text: string,
  name: string,
): VectorFile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(
      `${name}: not JSON (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  const problems = vectorFileProblems(validate, value);
  if (problems.length > 0)
    throw new Error(`${name}: ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
  return value as VectorFile;
}
