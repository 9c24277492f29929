/** Where a CLI command writes and which directories it works in; tests pass their own. @module */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Output streams and the package root a command works against. */
export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** Directory relative paths in options are resolved against. */
  readonly cwd: string;
  /** Root of the jitsuin package (holds `spec/`, `vectors/`, `test/`, `docs/`). */
  readonly root: string;
}

/** The package root: `src/cli/*.ts` (tsx) and `dist/cli/main.js` (built) are both two levels below it. */
export function packageRoot(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
}

/**
 * True when `root` is a source checkout of jitsuin (it has `spec/` and `test/`), not an installed
 * copy under `node_modules` (the published package ships no `test/`). Commands that write the repository's own files
 * (`vectors` without `--out`, `trace`) run only there.
 */
export function isSourceCheckout(root: string): boolean {
  return existsSync(join(root, 'spec')) && existsSync(join(root, 'test'));
}

/** The real process streams. */
export function processIo(): CliIo {
  return {
    out: (text) => void process.stdout.write(text),
    err: (text) => void process.stderr.write(text),
    cwd: process.cwd(),
    root: packageRoot(),
  };
}
