/**
 * Bundle sizes: what an application ships for each entry point, built here with esbuild the way a
 * browser app bundler would (ESM, minified, tree-shaken, every dependency inlined), then gzipped.
 */
import { gzipSync } from 'node:zlib';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { figureTable } from './harness.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Entry points measured: the whole library and each area a verifier might import alone. */
const ENTRIES: readonly (readonly [label: string, source: string])[] = [
  ['jitsuin (everything)', 'src/index.ts'],
  ['jitsuin/encoding', 'src/encoding/index.ts'],
  ['jitsuin/crypto', 'src/crypto/index.ts'],
  ['jitsuin/jws', 'src/jws/index.ts'],
  ['jitsuin/x509', 'src/x509/index.ts'],
  ['jitsuin/login', 'src/login/index.ts'],
];

async function sizeOf(source: string): Promise<{ minified: number; gzipped: number }> {
  // `export *` keeps every export alive, as an application importing the whole entry would.
  const result = await build({
    stdin: {
      contents: `export * from ${JSON.stringify(join(root, source))};`,
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]?.contents ?? new Uint8Array();
  return { minified: code.length, gzipped: gzipSync(code, { level: 9 }).length };
}

const kb = (n: number): string => `${(n / 1024).toFixed(1)} KiB`;

export const bundleSizes = figureTable({
  title: 'Bundle size per entry point',
  description:
    'Each entry point bundled alone with esbuild (ESM, minified, browser platform, all dependencies inlined, every export kept), then gzip level 9.',
  async compute() {
    const rows: string[][] = [];
    for (const [label, source] of ENTRIES) {
      const { minified, gzipped } = await sizeOf(source);
      rows.push([label, kb(minified), kb(gzipped)]);
    }
    return { columns: ['entry point', 'minified', 'minified + gzip'], rows };
  },
});
