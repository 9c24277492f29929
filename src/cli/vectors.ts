/**
 * `jitsuin vectors [--out DIR] [--check]`: regenerates `vectors/<suite>.json` from every registered
 * suite's deterministic generator, validating each file before it is written. Without `--out` it
 * writes into the package's own `vectors/` and so refuses to run outside a source checkout. `--check` generates
 * into a temporary folder and fails, naming every file, when anything differs from DIR.
 * @module
 */
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SUITES } from '../conformance/suites.js';
import { serializeVectorFile } from '../conformance/serialize.js';
import { SPEC_VERSION } from '../conformance/version.js';
import type { VectorSuite } from '../conformance/types.js';
import { parseOptions, stringOption, UsageError } from './args.js';
import { isSourceCheckout, type CliIo } from './io.js';
import { loadVectorSchema, vectorFileProblems } from './schema.js';

/** Usage text of the command. */
export const VECTORS_USAGE = 'usage: jitsuin vectors [--out DIR] [--check]\n';

/** Generates every suite's file text, keyed by file name; throws when a generated file is invalid. */
export async function generateVectorTexts(root: string, suites: readonly VectorSuite[] = SUITES): Promise<Map<string, string>> {
  const validate = loadVectorSchema(root);
  const texts = new Map<string, string>();
  for (const suite of suites) {
    const file = await suite.generate();
    const problems = vectorFileProblems(validate, JSON.parse(JSON.stringify(file)));
    if (file.suite !== suite.name) problems.push(`suite member is ${JSON.stringify(file.suite)}, registered as ${JSON.stringify(suite.name)}`);
    if (file.specVersion !== SPEC_VERSION) problems.push(`specVersion is ${JSON.stringify(file.specVersion)}, the spec is ${SPEC_VERSION}`);
    if (problems.length > 0) throw new Error(`generated ${suite.name}.json is invalid:\n  ${problems.join('\n  ')}`);
    const name = `${suite.name}.json`;
    if (texts.has(name)) throw new Error(`two suites are registered as ${suite.name}`);
    texts.set(name, serializeVectorFile(file));
  }
  return texts;
}

function jsonFilesIn(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')).sort() : [];
}

/** Runs the command; returns the exit code. */
export async function vectorsCommand(argv: readonly string[], io: CliIo, suites: readonly VectorSuite[] = SUITES): Promise<number> {
  const options = parseOptions(argv, { out: 'string', check: 'boolean' });
  // Regenerating in place is a maintainer's job: an installed package's vectors are not rewritten.
  if (options['check'] !== true && stringOption(options, 'out') === undefined && !isSourceCheckout(io.root)) {
    throw new UsageError(`${io.root} is not a jitsuin source checkout: pass --out DIR to write the vectors elsewhere (or --check to compare)`);
  }
  const outDir = resolve(io.cwd, stringOption(options, 'out') ?? join(io.root, 'vectors'));
  const texts = await generateVectorTexts(io.root, suites);
  if (options['check'] !== true) {
    mkdirSync(outDir, { recursive: true });
    for (const [name, text] of texts) {
      writeFileSync(join(outDir, name), text);
      io.out(`wrote ${join(outDir, name)}\n`);
    }
    io.out(`vectors: ${texts.size} file(s) written\n`);
    return 0;
  }
  // Drift check: write to a temporary folder (so the bytes compared are the bytes a writer would produce).
  const tmp = mkdtempSync(join(tmpdir(), 'jitsuin-vectors-'));
  try {
    for (const [name, text] of texts) writeFileSync(join(tmp, name), text);
    const drift: string[] = [];
    for (const name of jsonFilesIn(tmp)) {
      const committed = join(outDir, name);
      if (!existsSync(committed)) drift.push(`${name}: missing in ${outDir} (run npm run vectors)`);
      else if (readFileSync(committed, 'utf8') !== readFileSync(join(tmp, name), 'utf8')) drift.push(`${name}: differs from the generator's output`);
    }
    for (const name of jsonFilesIn(outDir)) {
      if (!texts.has(name)) drift.push(`${name}: no registered suite generates it`);
    }
    if (drift.length > 0) {
      io.err(`vectors: drift in ${drift.length} file(s):\n  ${drift.join('\n  ')}\n`);
      return 1;
    }
    io.out(`vectors: ${texts.size} file(s) match the generators\n`);
    return 0;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
