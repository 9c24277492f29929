/** Recursive file listing for the CLI. @module */
import { existsSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** Files under `dir` (recursively, sorted, `node_modules` skipped) whose name ends with `suffix`, as paths relative to `root` with `/`. */
export function listFiles(root: string, dir: string, suffix: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    if (!existsSync(d)) return;
    for (const entry of readdirSync(d, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : 1,
    )) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && entry.name.endsWith(suffix))
        out.push(relative(root, path).split(sep).join('/'));
    }
  };
  walk(join(root, dir));
  return out;
}
