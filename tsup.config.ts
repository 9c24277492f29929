import { defineConfig } from 'tsup';

// Areas with a subpath export. Keep in sync with package.json "exports".
const areas = [
  'encoding',
  'crypto',
  'jws',
  'x509',
  'jpki',
  'enrollment',
  'login',
  'qr',
  'conformance',
  'ledger',
  'consent',
  'signature',
  'stores',
  'stores/redis',
  'stores/postgres',
  'server',
];

// The package is ESM only (Node >= 20.19 loads it with require(esm)). All library entry points are
// built together with code splitting, so every subpath imports the same shared chunks: one module
// graph, one JitsuinError class, one crypto-backend setting, however the package is reached.
// No source maps ship (the bundles are readable ESM, and maps would carry bundled dependencies' sources).
const libraryEntries = {
  index: 'src/index.ts',
  errors: 'src/errors-api.ts',
  ...Object.fromEntries(areas.map((a) => [`${a}/index`, `src/${a}/index.ts`])),
};

export default defineConfig([
  {
    entry: {
      ...libraryEntries,
      // The bin (Node only; its hashbang line is in the source). Built with the library so that it
      // shares the library's chunks instead of carrying a second copy of it.
      'cli/main': 'src/cli/main.ts',
    },
    format: ['esm'],
    splitting: true,
    // Members tagged @internal (helpers exported only between the library's own modules) are left
    // out of the published declarations.
    dts: { entry: libraryEntries, compilerOptions: { stripInternal: true } },
    removeNodeProtocol: false,
    sourcemap: false,
    // The builds run concurrently into dist/: clean everything except the other builds' output.
    clean: ['!browser/**'],
    target: 'es2022',
    platform: 'neutral',
    // Only the CLI imports node: built-ins and CommonJS dev tools (ajv, qrcode-terminal), which it bundles.
    external: [/^node:/],
    esbuildOptions(options) {
      options.mainFields = ['module', 'main'];
    },
    treeshake: true,
  },
  {
    // One self-contained ESM bundle for the browser/Deno/Bun runtime tests (not published: see
    // package.json "files"; users bundle the package themselves).
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
