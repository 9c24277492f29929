#!/usr/bin/env node
// Runtime matrix (`npm run runtime`): every published vector suite and the known-answer checks on
// Node (both backends), Deno, Bun and headless Chromium, plus Node without the WebCrypto global
// (noble only).
//
// 1. Static checks of the browser bundle dist/browser/jitsuin.js (built by `npm run build`; rebuilt
//    here only when missing or older than src/): no `node:` import, no `Buffer`, no `require(`;
//    and of src/ outside src/cli: no `node:` import, no `Buffer`.
// 2. test/runtime/checks.ts is bundled once (esbuild) into dist/runtime/checks.js, next to
//    dist/runtime/vectors.js (the published vectors/<suite>.json of the subset that exist) and
//    dist/runtime/entry.js, which imports both plus the browser bundle and runs runChecks.
// 3. Each runtime imports entry.js: node/deno/bun as a child process, Chromium through
//    playwright-core loading a page from a local node:http server on 127.0.0.1.
// A runtime that cannot start, a missing vector file or a missing bundle counts as a failure.
// Last line: `runtime: N passed, M failed`. Exit code 1 when M > 0.
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dist = join(root, 'dist');
const outDir = join(dist, 'runtime');
const browserBundle = join(dist, 'browser', 'jitsuin.js');
// Every published suite; a vectors/*.json file not listed here is a failure (a suite is never left out).
const SUBSET = [
  'encoding',
  'ecdsa',
  'jws',
  'certificates',
  'revocation',
  'login',
  'enrollment',
  'qr',
  'jpki',
  'evidence-log',
  'consent',
  'signature',
];
const MARK = '@@jitsuin-runtime-report ';
const TIMEOUT_MS = 5 * 60_000;

/** Rows of the final table: { runtime, backends, passed, failed, failures[] }. */
const rows = [];

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

// --- 1. browser bundle -------------------------------------------------------------------------
if (
  !existsSync(browserBundle) ||
  statSync(browserBundle).mtimeMs < newestMtime(join(root, 'src'))
) {
  console.log('browser bundle missing or older than src/: running `npx tsup` once');
  const r = spawnSync('npx', ['tsup'], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) {
    console.log(
      `${r.stdout}\n${r.stderr}`
        .trim()
        .split('\n')
        .filter((l) => !/^(ESM|CJS|DTS) /.test(l))
        .slice(-15)
        .join('\n'),
    );
    console.log('tsup failed; checks below use whatever bundle it left');
  }
}
{
  const row = {
    runtime: 'browser bundle (static)',
    backends: '-',
    passed: 0,
    failed: 0,
    failures: [],
  };
  const check = (ok, name) => (ok ? row.passed++ : (row.failed++, row.failures.push(name)));
  if (!existsSync(browserBundle)) {
    check(false, `${relative(root, browserBundle)} does not exist`);
  } else {
    const code = readFileSync(browserBundle, 'utf8');
    check(!/["'`]node:/.test(code), 'bundle contains a node: import');
    check(!/\bBuffer\b/.test(code), 'bundle mentions Buffer');
    check(!/\brequire\s*\(/.test(code), 'bundle calls require()');
    console.log(`browser bundle: ${relative(root, browserBundle)}, ${code.length} bytes minified`);
  }
  rows.push(row);
}

// The library's own sources (outside the Node-only CLI): the bundle's define of Buffer (see
// tsup.config.ts) only neutralises dependencies' guarded fallbacks, so src/ itself must not use it.
{
  const row = {
    runtime: 'src/ outside src/cli (static)',
    backends: '-',
    passed: 0,
    failed: 0,
    failures: [],
  };
  const offenders = { node: [], buffer: [] };
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (p !== join(root, 'src', 'cli')) walk(p);
        continue;
      }
      if (!entry.name.endsWith('.ts')) continue;
      // Comments may name Buffer or node: in prose; code may not.
      const code = readFileSync(p, 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/(^|[^:])\/\/.*$/gm, '$1');
      if (/(from\s*|import\s*\(\s*|require\s*\(\s*)["'`]node:/.test(code))
        offenders.node.push(relative(root, p));
      if (/\bBuffer\b/.test(code)) offenders.buffer.push(relative(root, p));
    }
  };
  walk(join(root, 'src'));
  for (const [kind, files] of Object.entries(offenders)) {
    if (files.length === 0) row.passed++;
    else
      (row.failed++,
        row.failures.push(`${kind === 'node' ? 'node: import' : 'Buffer'} in ${files.join(', ')}`));
  }
  rows.push(row);
}

// --- 2. checks bundle, vectors and entry -------------------------------------------------------
mkdirSync(outDir, { recursive: true });
const vectors = [];
const missingVectors = [];
for (const suite of SUBSET) {
  const p = join(root, 'vectors', `${suite}.json`);
  if (existsSync(p)) vectors.push(JSON.parse(readFileSync(p, 'utf8')));
  else missingVectors.push(`vectors/${suite}.json`);
}
for (const f of readdirSync(join(root, 'vectors')).filter((f) => f.endsWith('.json'))) {
  if (!SUBSET.includes(f.slice(0, -'.json'.length)))
    missingVectors.push(`vectors/${f} (not in the runtime matrix's suite list)`);
}
if (missingVectors.length > 0) {
  rows.push({
    runtime: 'vector files',
    backends: '-',
    passed: 0,
    failed: missingVectors.length,
    failures: missingVectors.map((f) =>
      f.endsWith(')') ? f : `${f} is not published yet (npm run vectors)`,
    ),
  });
}
console.log(
  `vector files: ${vectors.map((v) => `${v.suite} (${v.numberOfTests} cases)`).join(', ') || 'none'}`,
);
// Embedded as a JSON string and parsed at run time: as a JS object literal, a `"__proto__"` member
// (which the strict-JSON vectors do contain) would set a prototype instead of a property.
writeFileSync(
  join(outDir, 'vectors.js'),
  `export default JSON.parse(${JSON.stringify(JSON.stringify(vectors))});\n`,
);
writeFileSync(
  join(outDir, 'entry.js'),
  [
    "import { runChecks } from './checks.js';",
    "import * as lib from '../browser/jitsuin.js';",
    "import vectors from './vectors.js';",
    'export const report = await runChecks(vectors, lib);',
    '',
  ].join('\n'),
);
writeFileSync(
  join(outDir, 'main.js'),
  [
    `import { report } from './entry.js';`,
    `console.log(${JSON.stringify(MARK)} + JSON.stringify(report));`,
    '',
  ].join('\n'),
);
writeFileSync(
  join(dist, 'runtime.html'),
  [
    '<!doctype html><meta charset="utf-8"><title>jitsuin runtime matrix</title>',
    '<script type="module">',
    "import('./runtime/entry.js').then((m) => { window.__report = m.report; }, (e) => { window.__error = String(e && e.stack || e); });",
    '</script>',
    '',
  ].join('\n'),
);
let checksBuilt = false;
try {
  const { build } = await import('esbuild');
  await build({
    entryPoints: [join(root, 'test', 'runtime', 'checks.ts')],
    outfile: join(outDir, 'checks.js'),
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    mainFields: ['module', 'main'],
    logLevel: 'warning',
  });
  checksBuilt = true;
} catch (e) {
  rows.push({
    runtime: 'checks bundle',
    backends: '-',
    passed: 0,
    failed: 1,
    failures: [`esbuild failed: ${e.message}`],
  });
}

// --- 3. runtimes -------------------------------------------------------------------------------
function parseReport(runtime, stdout, stderr, status) {
  const line = stdout.split('\n').find((l) => l.startsWith(MARK));
  if (line === undefined) {
    const tail = `${stderr}\n${stdout}`.trim().split('\n').slice(-8).join('\n');
    return {
      runtime,
      backends: '-',
      passed: 0,
      failed: 1,
      failures: [`no report (exit ${status}):\n${tail}`],
    };
  }
  const r = JSON.parse(line.slice(MARK.length));
  return {
    runtime,
    backends: r.backends.join('+'),
    passed: r.passed,
    failed: r.failed,
    failures: r.failures,
  };
}

function runChild(runtime, command, args) {
  const r = spawnSync(command, args, {
    cwd: root,
    encoding: 'utf8',
    timeout: TIMEOUT_MS,
    env: { ...process.env, NO_COLOR: '1' },
  });
  if (r.error)
    return {
      runtime,
      backends: '-',
      passed: 0,
      failed: 1,
      failures: [`cannot run ${command}: ${r.error.message}`],
    };
  return parseReport(runtime, r.stdout, r.stderr, r.status);
}

function version(command, args) {
  const r = spawnSync(command, args, { encoding: 'utf8' });
  return r.status === 0
    ? r.stdout
        .trim()
        .split('\n')[0]
        .replace(/^(deno|Chromium)\s+/i, '')
        .replace(/\s+\(.*$/, '')
    : '?';
}

async function runChromium() {
  const runtime = `chromium ${version('/usr/bin/chromium', ['--version']).split(' ')[0]}`;
  if (!existsSync('/usr/bin/chromium')) {
    return {
      runtime: 'chromium',
      backends: '-',
      passed: 0,
      failed: 1,
      failures: ['/usr/bin/chromium not installed (apt-get install chromium)'],
    };
  }
  const types = { '.js': 'text/javascript', '.html': 'text/html', '.map': 'application/json' };
  const server = createServer((req, res) => {
    const path = normalize(
      join(dist, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)),
    );
    if (!path.startsWith(dist + sep) || !existsSync(path) || !statSync(path).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res
      .writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' })
      .end(readFileSync(path));
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const userDataDir = mkdtempSync(join(tmpdir(), 'jitsuin-chromium-'));
  let context;
  const pageErrors = [];
  try {
    const { chromium } = await import('playwright-core');
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    await page.goto(`http://127.0.0.1:${server.address().port}/runtime.html`);
    await page.waitForFunction(
      () => window.__report !== undefined || window.__error !== undefined,
      null,
      { timeout: TIMEOUT_MS },
    );
    const { report, error } = await page.evaluate(() => ({
      report: window.__report,
      error: window.__error,
    }));
    if (error !== undefined)
      return {
        runtime,
        backends: '-',
        passed: 0,
        failed: 1,
        failures: [`page error: ${error}`, ...pageErrors],
      };
    return {
      runtime,
      backends: report.backends.join('+'),
      passed: report.passed,
      failed: report.failed,
      failures: report.failures,
    };
  } catch (e) {
    return {
      runtime,
      backends: '-',
      passed: 0,
      failed: 1,
      failures: [`chromium run failed: ${e.message}`, ...pageErrors],
    };
  } finally {
    await context?.close().catch(() => {});
    server.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }
}

if (checksBuilt) {
  const bin = (name) => join(root, 'node_modules', '.bin', name);
  const main = join(outDir, 'main.js');
  rows.push(runChild(`node ${process.version}`, process.execPath, [main]));
  // Node without the WebCrypto global stands in for React Native / Hermes: noble backend only.
  rows.push(
    runChild(`node ${process.version}, no WebCrypto`, process.execPath, [
      '--no-experimental-global-webcrypto',
      main,
    ]),
  );
  rows.push(
    runChild(`deno ${version(bin('deno'), ['--version'])}`, bin('deno'), [
      'run',
      '--no-config',
      '--no-lock',
      '--allow-read',
      main,
    ]),
  );
  rows.push(runChild(`bun ${version(bin('bun'), ['--version'])}`, bin('bun'), ['run', main]));
  rows.push(await runChromium());
}

// --- report ------------------------------------------------------------------------------------
const pad = (s, n) => String(s).padEnd(n);
console.log('');
console.log(`${pad('runtime', 34)}${pad('backends', 18)}${pad('passed', 8)}failed`);
for (const r of rows)
  console.log(`${pad(r.runtime, 34)}${pad(r.backends, 18)}${pad(r.passed, 8)}${r.failed}`);
for (const r of rows) {
  if (r.failures.length === 0) continue;
  console.log(`\nfailures on ${r.runtime}:`);
  for (const f of r.failures.slice(0, 25)) console.log(`  - ${f}`);
  if (r.failures.length > 25) console.log(`  ... and ${r.failures.length - 25} more`);
}
const passed = rows.reduce((n, r) => n + r.passed, 0);
const failed = rows.reduce((n, r) => n + r.failed, 0);
console.log(`\nruntime: ${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
