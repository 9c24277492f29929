/**
 * Every subpath the package publishes is built, documented and named consistently: package.json
 * "exports", the tsup entry list, typedoc's entry points, each entry's `@module jitsuin/<subpath>`
 * and the README's list of subpaths (as panva/jose's tools/check-subpaths.js checks its own).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url);
const read = (f: string): string => readFileSync(new URL(f, root), 'utf8');
const pkg = JSON.parse(read('package.json')) as {
  exports: Record<string, string | { types: string; default: string }>;
};
const subpaths = Object.keys(pkg.exports).filter((k) => k !== './package.json');
/** The source entry of each published subpath. */
const sourceOf = (subpath: string): string =>
  subpath === '.'
    ? 'src/index.ts'
    : subpath === './errors'
      ? 'src/errors-api.ts'
      : `src/${subpath.slice(2)}/index.ts`;

describe('published subpaths', () => {
  it('each export is { types, default } into dist/, from a source entry that exists', () => {
    for (const s of subpaths) {
      const e = pkg.exports[s];
      expect(typeof e === 'object' && Object.keys(e).join(','), s).toBe('types,default');
      const base = s === '.' ? 'index' : s === './errors' ? 'errors' : `${s.slice(2)}/index`;
      expect(e, s).toEqual({ types: `./dist/${base}.d.ts`, default: `./dist/${base}.js` });
      expect(existsSync(new URL(sourceOf(s), root)), sourceOf(s)).toBe(true);
    }
  });

  it('tsup builds exactly the exported areas', () => {
    const areas =
      /const areas = \[([^\]]*)\]/
        .exec(read('tsup.config.ts'))?.[1]
        ?.match(/'([^']+)'/g)
        ?.map((a) => a.slice(1, -1)) ?? [];
    expect([...areas].sort()).toEqual(
      subpaths
        .filter((s) => s !== '.' && s !== './errors')
        .map((s) => s.slice(2))
        .sort(),
    );
  });

  it('typedoc documents every subpath, the root last, under its jitsuin/<subpath> name', () => {
    const entries = (JSON.parse(read('typedoc.json')) as { entryPoints: string[] }).entryPoints;
    expect([...entries].sort()).toEqual(subpaths.map(sourceOf).sort());
    expect(entries.at(-1)).toBe('src/index.ts');
    for (const s of subpaths) {
      const name = s === '.' ? 'jitsuin' : `jitsuin/${s.slice(2)}`;
      expect(read(sourceOf(s)), `${sourceOf(s)} names its module`).toMatch(
        new RegExp(`@module ${name.replace('/', '\\/')}\\s`),
      );
    }
  });

  it('the README names every subpath', () => {
    const readme = read('README.md');
    for (const s of subpaths.filter((x) => x !== '.'))
      expect(readme, s).toContain(`\`jitsuin/${s.slice(2)}\``);
  });

  it('no published entry point re-exports an internal module (src/internal/, src/<area>/internal/)', () => {
    for (const s of subpaths) {
      const exported = [...read(sourceOf(s)).matchAll(/^export [^;]*? from '([^']+)'/gms)].map(
        (m) => m[1]!,
      );
      expect(exported.length, sourceOf(s)).toBeGreaterThan(0);
      expect(
        exported.filter((spec) => /(^|\/)internal\//.test(spec)),
        sourceOf(s),
      ).toEqual([]);
    }
  });

  it('an internal module names no public module of its own (no @module jitsuin/… tag)', () => {
    const walk = (dir: string): string[] =>
      readdirSync(new URL(dir, root), { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? walk(`${dir}${e.name}/`) : [`${dir}${e.name}`],
      );
    const internal = walk('src/').filter((f) => /\/internal\/[^/]+\.ts$/.test(f));
    expect(internal.length).toBeGreaterThan(0);
    for (const f of internal) expect(read(f), f).not.toMatch(/@module jitsuin/);
  });
});
