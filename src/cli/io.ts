/** Where a CLI command writes and which directories it works in; tests pass their own. @module */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
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

/**
 * The package root: the nearest folder above this module whose package.json is jitsuin's. Found by
 * walking up because the module sits at different depths: `src/cli/io.ts` (tsx) or a shared chunk
 * directly under `dist/` (the built package).
 */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && isJitsuinManifest(manifest)) return dir;
    const parent = dirname(dir);
    if (parent === dir)
      throw new Error(`no jitsuin package.json above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

function isJitsuinManifest(path: string): boolean {
  try {
    return (JSON.parse(readFileSync(path, 'utf8')) as { name?: unknown }).name === 'jitsuin';
  } catch {
    return false;
  }
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
