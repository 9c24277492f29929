#!/usr/bin/env node
// Consumer test (`npm run consumer`): the package as its users install it.
//
// 1. `npm pack` (prepack builds) and the tarball's contents: what must ship and what must not.
// 2. attw (esm-only profile: the package is ESM only) and publint --strict on that tarball.
// 3. An empty project installs the tarball, then:
//    - ESM import and require (require(esm), Node >= 20.19) of the root and every subpath, with one
//      module graph: one JitsuinError class, an error thrown via a subpath passes the root's
//      isJitsuinError, setCryptoBackend via jitsuin/crypto is what the root sees;
//    - TypeScript consumers, strict and without skipLibCheck: node16 (ESM, and a .cts that
//      import()s), nodenext (ESM, and a .cts that require()s, compiled and run), bundler;
//    - a browser bundle of every subpath (esbuild, platform browser) with no node: import;
//    - the bin through its node_modules/.bin symlink: --help, demo (and the README's verify-a-login
//      example on its output), conformance in-process, with --impl of a correct, a lying and a
//      missing implementation, `vectors` refused as a repository command, `trace` refusing to run;
// 4. From the clone: `npx jitsuin conformance --impl "python3 test/interop/python/harness.py"`,
//    as the README says.
// Each check counts once. Last line: `consumer: N passed, M failed`; exit code 1 when M > 0.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const here = join(root, 'test', 'consumer');
const work = mkdtempSync(join(tmpdir(), 'jitsuin-consumer-'));
const app = join(work, 'app');
const TIMEOUT_MS = 10 * 60_000;
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const subpaths = Object.keys(pkg.exports)
  .filter((k) => k !== './package.json')
  .map((k) => (k === '.' ? 'jitsuin' : `jitsuin/${k.slice(2)}`));

let passed = 0;
let failed = 0;
const failures = [];

function check(name, ok, detail = '') {
  if (ok) {
    passed++;
    console.log(`  ✔ ${name}`);
  } else {
    failed++;
    failures.push(name);
    console.log(
      `  ✘ ${name}${
        detail
          ? `\n${String(detail)
              .trim()
              .split('\n')
              .slice(-25)
              .map((l) => `      ${l}`)
              .join('\n')}`
          : ''
      }`,
    );
  }
}

function run(cmd, args, cwd, extra = {}) {
  const r = spawnSync(cmd, args, {
    cwd,
    encoding: 'utf8',
    timeout: TIMEOUT_MS,
    maxBuffer: 64 << 20,
    ...extra,
  });
  return {
    status: r.status ?? (r.error ? `error ${r.error.message}` : `signal ${r.signal}`),
    stdout: r.stdout ?? '',
    stderr: r.stderr ?? '',
    all: `${r.stdout ?? ''}\n${r.stderr ?? ''}`,
  };
}

/** Runs `cmd` and checks its exit status (and optionally its output). */
function expectRun(name, cmd, args, cwd, { status = 0, test, extra } = {}) {
  const r = run(cmd, args, cwd, extra);
  const statusOk =
    status === 'non-zero' ? r.status !== 0 && typeof r.status === 'number' : r.status === status;
  const outputOk = test === undefined || test(r);
  check(
    `${name} (exit ${r.status}${status === 0 ? '' : `, expected ${status}`})`,
    statusOk && outputOk,
    statusOk && !outputOk ? `unexpected output:\n${r.all}` : r.all,
  );
  return r;
}

const bin = (args, name, opts) =>
  expectRun(
    `npx jitsuin ${name ?? args.join(' ')}`,
    'npx',
    ['--no', '--', 'jitsuin', ...args],
    app,
    opts,
  );
const hashDir = (dir) => {
  const h = createHash('sha256');
  for (const f of readdirSync(dir).sort()) h.update(f).update(readFileSync(join(dir, f)));
  return h.digest('hex');
};

try {
  // --- 1. pack -----------------------------------------------------------------------------------
  console.log('pack');
  const packed = run('npm', ['pack', '--json', '--pack-destination', work], root);
  let info;
  try {
    info = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('[')))[0];
  } catch {
    info = undefined;
  }
  check(
    'npm pack (prepack builds dist/) succeeds',
    packed.status === 0 && info !== undefined,
    packed.all,
  );
  if (info === undefined) throw new Error('no tarball: the remaining checks cannot run');
  const tarball = join(work, info.filename);
  const files = info.files.map((f) => f.path);
  const has = (p) => files.includes(p);
  console.log(
    `  package: ${info.filename}, packed ${info.size} bytes, unpacked ${info.unpackedSize} bytes, ${files.length} files`,
  );
  const required = [
    'package.json',
    'README.md',
    'LICENSE',
    'CHANGELOG.md',
    'SECURITY.md',
    'dist/cli/main.js',
    'spec/README.md',
    'spec/schemas/vectors.schema.json',
    'vectors/README.md',
  ];
  for (const e of Object.values(pkg.exports))
    if (typeof e === 'object') required.push(e.types.slice(2), e.default.slice(2));
  check(
    "the tarball holds dist (every export's .js and .d.ts, the bin), spec, vectors, LICENSE, README, CHANGELOG, SECURITY.md",
    required.every(has),
    `missing: ${required.filter((p) => !has(p)).join(', ')}`,
  );
  check(
    'the tarball holds every published vector file',
    readdirSync(join(root, 'vectors'))
      .filter((f) => f.endsWith('.json'))
      .every((f) => has(`vectors/${f}`)),
  );
  const unwanted = files.filter((p) =>
    /^dist\/(browser|runtime)\/|\.map$|\.cjs$|\.d\.cts$|^src\/|^test\/|^docs\/|^node_modules\//.test(
      p,
    ),
  );
  check(
    'the tarball holds no test or browser bundles, source maps, CommonJS builds, src/, test/ or docs/',
    unwanted.length === 0,
    unwanted.join('\n'),
  );
  const license = readFileSync(join(root, 'LICENSE'), 'utf8');
  check(
    'LICENSE is the full Apache License 2.0 text',
    license.includes('Apache License') &&
      license.includes('Version 2.0, January 2004') &&
      license.includes('END OF TERMS AND CONDITIONS') &&
      license.length > 10_000 &&
      pkg.license === 'Apache-2.0',
  );

  // --- 2. attw, publint --------------------------------------------------------------------------
  console.log('package linters');
  expectRun(
    'attw --profile esm-only on the tarball',
    join(root, 'node_modules', '.bin', 'attw'),
    [tarball, '--profile', 'esm-only', '--no-color'],
    root,
  );
  expectRun(
    'publint --strict on the tarball',
    join(root, 'node_modules', '.bin', 'publint'),
    ['run', tarball, '--strict'],
    root,
    { test: (r) => !/warning|error/i.test(r.stdout.replace(/Running publint.*\n/, '')) },
  );

  // --- 3. an empty project installs it -----------------------------------------------------------
  console.log('install into an empty project');
  mkdirSync(app);
  writeFileSync(
    join(app, 'package.json'),
    `${JSON.stringify({ name: 'jitsuin-consumer', private: true, type: 'module' }, null, 2)}\n`,
  );
  const installed = run(
    'npm',
    ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball],
    app,
  );
  check(
    'npm install <tarball> into an empty project',
    installed.status === 0 && existsSync(join(app, 'node_modules', 'jitsuin', 'package.json')),
    installed.all,
  );
  cpSync(join(here, 'fixtures'), app, { recursive: true });
  // The vector generators and the tests' PKI stay in the repository (test/generators/, test/testpki/):
  // none of their key-derivation labels may reach the installed dist/.
  const distJs = [];
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (p.endsWith('.js')) distJs.push(p);
    }
  };
  walk(join(app, 'node_modules', 'jitsuin', 'dist'));
  const generatorCode = distJs.filter((f) =>
    /jitsuin\/vectors\/[a-z]|jitsuin\/testpki\/(app-ca|signature)/.test(readFileSync(f, 'utf8')),
  );
  check(
    'the installed dist/ holds no vector generator or test-only PKI (no generator key label in any .js)',
    distJs.length > 0 && generatorCode.length === 0,
    generatorCode.join('\n'),
  );
  // Helpers exported between the library's own modules carry @internal; the build strips them
  // (stripInternal), so no published declaration may still name one.
  const distDts = [];
  const walkDts = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walkDts(p);
      else if (p.endsWith('.d.ts')) distDts.push(p);
    }
  };
  walkDts(join(app, 'node_modules', 'jitsuin', 'dist'));
  const internalDts = distDts.filter((f) => readFileSync(f, 'utf8').includes('@internal'));
  check(
    'no shipped .d.ts declares an @internal member',
    distDts.length > 0 && internalDts.length === 0,
    internalDts.join('\n'),
  );

  console.log('runtime: import and require');
  expectRun(
    'ESM import of every subpath, one module graph',
    process.execPath,
    ['esm.mjs', ...subpaths],
    app,
    { test: (r) => r.stdout.includes('one module graph') },
  );
  expectRun(
    'require() of every subpath (require(esm)), one module graph shared with import',
    process.execPath,
    ['require.cjs', ...subpaths],
    app,
    { test: (r) => r.stdout.includes('one module graph') },
  );

  console.log('TypeScript consumers (strict, skipLibCheck off)');
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  expectRun(
    'tsc module node16 (ESM .ts; .cts with import())',
    process.execPath,
    [tsc, '-p', 'ts-node16'],
    app,
  );
  expectRun(
    'tsc module nodenext (ESM .mts; .cts with require())',
    process.execPath,
    [tsc, '-p', 'ts-nodenext'],
    app,
  );
  expectRun(
    "the compiled nodenext .cts runs: require('jitsuin') typed and at run time",
    process.execPath,
    [join('ts-nodenext', 'out', 'legacy.cjs')],
    app,
    { test: (r) => r.stdout.includes('ERR_ENCODING ENC-02') },
  );
  expectRun('tsc moduleResolution bundler', process.execPath, [tsc, '-p', 'ts-bundler'], app);
  expectRun(
    'tsc rejects a wrong use (the types are not any)',
    process.execPath,
    [tsc, '-p', 'ts-wrong'],
    app,
    { status: 'non-zero', test: (r) => r.stdout.includes('TS2345') || r.stdout.includes('TS2322') },
  );

  console.log('browser bundle');
  const { build } = await import(join(root, 'node_modules', 'esbuild', 'lib', 'main.js'));
  writeFileSync(
    join(app, 'browser-entry.js'),
    subpaths.map((s, i) => `export * as m${i} from '${s}';`).join('\n') + '\n',
  );
  let bundle;
  try {
    bundle = await build({
      absWorkingDir: app,
      entryPoints: ['browser-entry.js'],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
  } catch (error) {
    check('esbuild bundles every subpath for the browser', false, error.message);
  }
  if (bundle !== undefined) {
    const code = bundle.outputFiles[0].text;
    check(
      `esbuild bundles every subpath for the browser (${code.length} bytes, not minified)`,
      bundle.errors.length === 0 && bundle.warnings.length === 0,
      bundle.warnings.map((w) => w.text).join('\n'),
    );
    const nodeImports = Object.keys(bundle.metafile.inputs)
      .filter((p) => p.startsWith('node:'))
      .concat(/["'`]node:/.test(code) ? ['"node:" in the bundle text'] : []);
    check(
      'the browser bundle has no node: import',
      nodeImports.length === 0,
      nodeImports.join('\n'),
    );
    const asn1jsCopies = new Set(
      Object.keys(bundle.metafile.inputs)
        .filter((p) => /node_modules\/asn1js\//.test(p))
        .map((p) => p.replace(/(node_modules\/asn1js)\/.*/, '$1')),
    );
    check(
      'the browser bundle holds one copy of asn1js',
      asn1jsCopies.size === 1,
      [...asn1jsCopies].join('\n'),
    );
  }

  console.log('the bin, through node_modules/.bin/jitsuin');
  bin(['--help'], undefined, { test: (r) => r.stdout.includes('usage: jitsuin <command>') });
  bin([], '(no command)', {
    status: 2,
    test: (r) => r.stdout.includes('usage: jitsuin <command>'),
  });
  bin(['frobnicate'], undefined, { status: 2, test: (r) => r.stderr.includes('unknown command') });
  bin(['demo', '--no-qr'], undefined, {
    test: (r) =>
      r.stdout.includes('OK (demo time') && existsSync(join(app, 'demo-out', 'summary.json')),
  });
  const summary = existsSync(join(app, 'demo-out', 'summary.json'))
    ? JSON.parse(readFileSync(join(app, 'demo-out', 'summary.json'), 'utf8'))
    : {};
  cpSync(join(here, 'verify-login.mjs'), join(app, 'verify-login.mjs'));
  expectRun(
    "the README's verify-a-login example on the demo's files",
    process.execPath,
    ['verify-login.mjs'],
    app,
    {
      test: (r) =>
        typeof summary.commonCode === 'string' && r.stdout.startsWith(summary.commonCode),
    },
  );
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  check(
    'the README shows that example verbatim',
    readme.includes(readFileSync(join(here, 'verify-login.mjs'), 'utf8').trim()),
  );
  bin(['conformance'], 'conformance (this library, the installed vectors)', {
    test: (r) => /^conformance: [1-9][0-9]* passed, 0 failed/m.test(r.stdout),
  });
  bin(['conformance', '--impl', 'false'], 'conformance --impl false (cannot start)', {
    status: 'non-zero',
  });
  bin(
    [
      'conformance',
      '--impl',
      `${process.execPath} ${join(here, 'liar-impl.mjs')}`,
      '--suite',
      'encoding',
    ],
    'conformance --impl <an implementation that answers "valid" to everything>',
    { status: 1, test: (r) => /^conformance: [0-9]+ passed, [1-9][0-9]* failed/m.test(r.stdout) },
  );
  bin(
    ['conformance', '--impl', `${process.execPath} ${join(here, 'empty-impl.mjs')}`],
    'conformance --impl <an implementation that claims no suite>',
    { status: 1, test: (r) => r.stderr.includes('no vector case ran') },
  );
  bin(
    [
      'conformance',
      '--impl',
      `/usr/bin/python3 ${join(root, 'test', 'interop', 'python', 'harness.py')}`,
      '--suite',
      'encoding',
      '--suite',
      'ecdsa',
      '--suite',
      'jws',
    ],
    'conformance --impl "python3 …/harness.py" (a second implementation)',
    { test: (r) => /^conformance: [1-9][0-9]* passed, 0 failed/m.test(r.stdout) },
  );
  const installedVectors = join(app, 'node_modules', 'jitsuin', 'vectors');
  const before = hashDir(installedVectors);
  // The generators live in the repository (test/generators/), not in the package: the installed
  // command refuses every form of `vectors` and names the repository command.
  const refusal = (r) =>
    r.stderr.includes('vectors is a repository command') && r.stderr.includes('npm run vectors');
  bin(['vectors'], 'vectors (a repository command: refused, names npm run vectors)', {
    status: 2,
    test: refusal,
  });
  bin(['vectors', '--check'], 'vectors --check (refused likewise)', { status: 2, test: refusal });
  bin(['vectors', '--out', 'regenerated'], 'vectors --out regenerated (refused, writes nothing)', {
    status: 2,
    test: (r) => refusal(r) && !existsSync(join(app, 'regenerated')),
  });
  check('node_modules/jitsuin/vectors is unchanged', hashDir(installedVectors) === before);
  bin(['trace'], 'trace (refuses to run outside a checkout)', {
    status: 2,
    test: () => !existsSync(join(app, 'node_modules', 'jitsuin', 'docs')),
  });

  // --- 4. from the clone -------------------------------------------------------------------------
  console.log('from the clone (dist/ built by npm pack above)');
  expectRun(
    'npx jitsuin conformance --impl "python3 test/interop/python/harness.py" in the clone',
    'npx',
    [
      '--no',
      '--',
      'jitsuin',
      'conformance',
      '--impl',
      'python3 test/interop/python/harness.py',
      '--suite',
      'encoding',
    ],
    root,
    { test: (r) => /^conformance: [1-9][0-9]* passed, 0 failed/m.test(r.stdout) },
  );
} catch (error) {
  check('consumer test ran to the end', false, error.stack ?? String(error));
} finally {
  rmSync(work, { recursive: true, force: true });
}

if (failures.length > 0) console.log(`failed:\n${failures.map((f) => `  ${f}`).join('\n')}`);
console.log(`consumer: ${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
