import { defineConfig } from 'tsup';

// Areas with a subpath export. Keep in sync with package.json "exports".
const areas = ['encoding', 'crypto', 'jws', 'x509', 'jpki', 'enrollment', 'login', 'qr', 'conformance', 'ledger', 'consent'];

export default defineConfig([
  {
    entry: { index: 'src/index.ts', ...Object.fromEntries(areas.map((a) => [`${a}/index`, `src/${a}/index.ts`])) },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    // The three builds run concurrently into dist/: clean everything except the other two's output.
    clean: ['!cli/**', '!browser/**'],
    target: 'es2022',
    platform: 'neutral',
    treeshake: true,
  },
  {
    // The CLI is Node-only and may import node: modules.
    entry: { 'cli/main': 'src/cli/main.ts' },
    format: ['esm'],
    platform: 'node',
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
    sourcemap: true,
  },
  {
    // One self-contained ESM bundle for the browser/Deno/Bun runtime tests.
    entry: { 'browser/jitsuin': 'src/index.ts' },
    format: ['esm'],
    platform: 'browser',
    target: 'es2022',
    noExternal: [/.*/],
    minify: true,
    // Dependencies (pvtsutils, @peculiar/utils) prefer Node's Buffer when it exists and fall back to
    // btoa/atob. Browser, Deno and Bun all have btoa/atob, so the bundle never touches Buffer: the
    // runtime matrix checks that it contains no `Buffer` and passes everywhere without it.
    define: { Buffer: 'undefined', 'globalThis.Buffer': 'undefined' },
  },
]);
