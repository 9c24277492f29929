/**
 * `npm run vectors [-- --out DIR] [-- --check]`, a repository command (run with tsx from a clone;
 * the published package has neither the generators nor this command): regenerates
 * `vectors/<suite>.json` from every registered generator, validating each file before it is
 * written. `--check` generates into a temporary folder and fails, naming every file, when anything
 * differs from DIR (default: the repository's `vectors/`).
 * Exit codes: 0 success, 1 drift, 2 usage error or an invalid generated file.
 * @module
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serializeVectorFile } from '../../src/conformance/serialize.js';
import { SPEC_VERSION } from '../../src/conformance/version.js';
import { parseOptions, stringOption, UsageError } from '../../src/cli/args.js';
import { processIo, type CliIo } from '../../src/cli/io.js';
import { loadVectorSchema, vectorFileProblems } from '../../src/cli/schema.js';
import { GENERATORS } from './index.js';
import type { VectorGenerator } from './types.js';

/** Usage text of the command. */
export const VECTORS_USAGE = 'usage: npm run vectors [-- --out DIR] [-- --check]\n';

/** Generates every suite's file text, keyed by file name; throws when a generated file is invalid. */
export async function generateVectorTexts(
  root: string,
  generators: readonly VectorGenerator[] = GENERATORS,
): Promise<Map<string, string>> {
  const validate = loadVectorSchema(root);
  const texts = new Map<string, string>();
  for (const generator of generators) {
    const file = await generator.generate();
    const problems = vectorFileProblems(validate, JSON.parse(JSON.stringify(file)));
    if (file.suite !== generator.name)
      problems.push(
        `suite member is ${JSON.stringify(file.suite)}, registered as ${JSON.stringify(generator.name)}`,
      );
    if (file.specVersion !== SPEC_VERSION)
      problems.push(
        `specVersion is ${JSON.stringify(file.specVersion)}, the spec is ${SPEC_VERSION}`,
      );
    if (problems.length > 0)
      throw new Error(`generated ${generator.name}.json is invalid:\n  ${problems.join('\n  ')}`);
    const name = `${generator.name}.json`;
    if (texts.has(name)) throw new Error(`two generators are registered as ${generator.name}`);
    texts.set(name, serializeVectorFile(file));
  }
  return texts;
}

function jsonFilesIn(dir: string): string[] {
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .sort()
    : [];
}

/** Runs the command; returns the exit code. */
export async function vectorsCommand(
  argv: readonly string[],
  io: CliIo,
  generators: readonly VectorGenerator[] = GENERATORS,
): Promise<number> {
  const options = parseOptions(argv, { out: 'string', check: 'boolean' });
  const outDir = resolve(io.cwd, stringOption(options, 'out') ?? join(io.root, 'vectors'));
  const texts = await generateVectorTexts(io.root, generators);
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
      else if (readFileSync(committed, 'utf8') !== readFileSync(join(tmp, name), 'utf8'))
        drift.push(`${name}: differs from the generator's output`);
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

/** The command as a process: `tsx test/generators/vectors.ts [--out DIR] [--check]`. */
async function runAsScript(argv: readonly string[]): Promise<number> {
  const io = processIo();
  if (argv.includes('--help') || argv.includes('-h')) {
    io.out(VECTORS_USAGE);
    return 0;
  }
  try {
    return await vectorsCommand(argv, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`vectors: ${error.message}\n${VECTORS_USAGE}`);
      return 2;
    }
    io.err(`vectors: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 2;
  }
}

const entry = process.argv[1];
if (
  entry !== undefined &&
  existsSync(entry) &&
  realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url))
) {
  runAsScript(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`vectors: ${String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
