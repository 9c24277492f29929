#!/usr/bin/env node
/**
 * `jitsuin` command-line entry point: dispatches to `vectors`, `trace`, `conformance`, `demo` and `serve`.
 * Exit codes: 0 success, 1 a check failed, 2 usage or setup error.
 * @module
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { UsageError } from './args.js';
import { processIo, type CliIo } from './io.js';

const USAGE = `usage: jitsuin <command> [options]

commands:
  conformance   run the vectors (and external suites) against this library or --impl "<command>"
  vectors       a repository command: run "npm run vectors" in a clone (regenerates vectors/*.json)
  trace         requirement traceability, writes docs/traceability.md (--check: fail on gaps)
  demo          run the end-to-end demo
  serve         a local TEST relying party: PC login page, route handlers, phone simulator
  help          this text; "jitsuin help <command>" for a command's options
`;

type Command = (argv: readonly string[], io: CliIo) => Promise<number>;

/** The commands, loaded lazily so that one command's dependencies do not slow the others. */
const COMMANDS: Record<string, { load: () => Promise<Command>; usage: () => Promise<string> }> = {
  conformance: {
    load: async () => (await import('./conformance.js')).conformanceCommand,
    usage: async () => (await import('./conformance.js')).CONFORMANCE_USAGE,
  },
  vectors: {
    load: async () => (await import('./vectors.js')).vectorsCommand,
    usage: async () => (await import('./vectors.js')).VECTORS_USAGE,
  },
  trace: {
    load: async () => (await import('./trace.js')).traceCommand,
    usage: async () => (await import('./trace.js')).TRACE_USAGE,
  },
  demo: {
    load: async () => {
      const { runDemo } = await import('./demo.js');
      return (argv) => runDemo(argv);
    },
    usage: async () => (await import('./demo.js')).DEMO_USAGE,
  },
  serve: {
    load: async () => (await import('./serve.js')).serveCommand,
    usage: async () => (await import('./serve.js')).SERVE_USAGE,
  },
};

/** Runs the CLI with `argv` (without the node and script paths); returns the exit code. */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    const topic = name === 'help' ? rest[0] : undefined;
    const entry = topic === undefined ? undefined : COMMANDS[topic];
    io.out(entry === undefined ? USAGE : await entry.usage());
    return name === undefined ? 2 : 0;
  }
  const entry = Object.prototype.hasOwnProperty.call(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (entry === undefined) {
    io.err(`jitsuin: unknown command ${JSON.stringify(name)}\n${USAGE}`);
    return 2;
  }
  try {
    if (rest.includes('--help') || rest.includes('-h')) {
      io.out(await entry.usage());
      return 0;
    }
    return await (
      await entry.load()
    )(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`jitsuin ${name}: ${error.message}\n${await entry.usage()}`);
      return 2;
    }
    io.err(
      `jitsuin ${name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return 2;
  }
}

/**
 * True when this module is the process's main script. The installed `jitsuin` bin is a symlink
 * (`node_modules/.bin/jitsuin` -> `../jitsuin/dist/cli/main.js`) and npm may reach the package
 * itself through a symlinked folder, so both sides are compared as real paths, never as URLs.
 */
function isMainModule(): boolean {
  const entry = process.argv[1];
  if (entry === undefined) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

// Run when executed directly (tsx src/cli/main.ts, node dist/cli/main.js, the `jitsuin` bin).
if (isMainModule()) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`jitsuin: ${String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
