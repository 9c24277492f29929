import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { conformanceCommand } from '../../src/cli/conformance.js';
import { processRunner } from '../../src/cli/processRunner.js';
import { runVectorFiles } from '../../src/conformance/harness.js';
import { packageRoot, type CliIo } from '../../src/cli/io.js';
import { serializeVectorFile } from '../../src/conformance/serialize.js';
import type { ExternalSuite } from '../../src/conformance/types.js';
import { toyFile, toySuite } from './conformance.fixtures.js';

/** A fake implementation in Node that speaks the protocol; its argument selects a fault. */
const FAKE_IMPL = `
import { createInterface } from 'node:readline';
import { existsSync, writeFileSync } from 'node:fs';
const mode = process.argv[2];
if (mode === 'die-forever') {
  // First start: handshake, then die on the first case. Every later start: die before the hello.
  if (existsSync(process.argv[3])) process.exit(4);
  writeFileSync(process.argv[3], 'started');
}
const rl = createInterface({ input: process.stdin });
const send = (o) => process.stdout.write(JSON.stringify(o) + '\\n');
let first = true;
if (mode === 'linger') setInterval(() => {}, 1000); // ignores the end of its input: the runner must kill it
rl.on('line', (line) => {
  const msg = JSON.parse(line);
  if (first) {
    first = false;
    if (mode === 'bad-hello') return send({ hello: { protocol: 99, implementation: 'fake', suites: [] } });
    return send({ hello: { protocol: 1, implementation: 'fake-node', suites: mode === 'claim-none' ? [] : msg.hello.suites } });
  }
  const tc = Number(msg.id.split('/')[1]);
  if (mode === 'die-forever') process.exit(5);
  if (tc === 3 && mode === 'hang') return;
  if (tc === 3 && mode === 'crash') { process.stderr.write('fatal: crash on purpose\\n'); process.exit(3); }
  if (tc === 3 && mode === 'garbage') return process.stdout.write('this is not json\\n');
  if (tc === 3 && mode === 'wrong-id') return send({ id: 'toy/99', result: 'valid' });
  if (msg.type === 'echo') return send({ id: msg.id, result: 'valid', output: { value: msg.input.value, shared: msg.input.shared } });
  if (msg.type === 'reject') return send({ id: msg.id, result: 'invalid', error: mode === 'wrong-code' && tc === 3 ? 'ERR_JWS_ALG' : 'ERR_ENCODING' });
  send({ id: msg.id, result: 'skipped', reason: 'unknown type' });
});
`;

let dir: string;
let vectors: string;
let script: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'jitsuin-cli-conf-'));
  vectors = join(dir, 'vectors');
  mkdirSync(vectors);
  writeFileSync(join(vectors, 'toy.json'), serializeVectorFile(toyFile()));
  script = join(dir, 'impl.mjs');
  writeFileSync(script, FAKE_IMPL);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function capture(): CliIo & { text: () => string; errText: () => string } {
  let out = '';
  let err = '';
  return {
    out: (t) => void (out += t),
    err: (t) => void (err += t),
    cwd: dir,
    root: packageRoot(),
    text: () => out,
    errText: () => err,
  };
}

const none = { suites: [], external: [] };

async function runImpl(mode: string, extra: string[] = [], timeout = '2000') {
  const io = capture();
  const code = await conformanceCommand(
    [
      '--impl',
      `node ${script} ${mode}`,
      '--vectors',
      vectors,
      '--json',
      join(dir, `${mode}.json`),
      '--timeout',
      timeout,
      ...extra,
    ],
    io,
    none,
  );
  const report =
    code === 2 ? undefined : JSON.parse(readFileSync(join(dir, `${mode}.json`), 'utf8'));
  return { code, io, report };
}

describe('jitsuin conformance --impl (child process protocol)', () => {
  it('[CONF-18] [CONF-32] passes a conforming implementation and ends with the parseable summary line', async () => {
    const { code, io, report } = await runImpl('good');
    expect(code).toBe(0);
    expect(io.text().trimEnd().split('\n').pop()).toBe(
      'conformance: 4 passed, 0 failed, 0 skipped',
    );
    expect(io.text()).toContain('implementation: fake-node');
    expect(report.rows[0]).toMatchObject({ suite: 'toy', passed: 4, failed: 0, skipped: 0 });
    expect(report.claimed).toEqual(['toy']);
  });

  async function expectCase3Fails(mode: string, detail: RegExp, timeout = '2000'): Promise<void> {
    const { code, io, report } = await runImpl(mode, [], timeout);
    expect(code).toBe(1);
    expect(report.rows[0]).toMatchObject({ passed: 3, failed: 1 });
    expect(report.rows[0].failures[0].id).toBe('toy/3');
    expect(report.rows[0].failures[0].detail).toMatch(detail);
    expect(io.text()).toContain('conformance: 3 passed, 1 failed, 0 skipped');
  }

  it('[CONF-29] [CONF-33] fails a wrong error code and exits 1', async () => {
    await expectCase3Fails('wrong-code', /expected error ERR_ENCODING, got ERR_JWS_ALG/);
  });
  it('[CONF-24] fails a case that times out, kills the process and restarts it for the next case', async () => {
    await expectCase3Fails('hang', /timeout after 300 ms/, '300');
  });
  it('[CONF-26] fails the pending case when the implementation exits, shows its stderr, and restarts it', async () => {
    await expectCase3Fails(
      'crash',
      /implementation exited \(code 3\); stderr: fatal: crash on purpose/,
    );
  });
  it('[CONF-14] [CONF-15] [CONF-25] fails a case answered by a line that is not JSON, and restarts', async () => {
    await expectCase3Fails('garbage', /not JSON/);
  });
  it('[CONF-20] [CONF-25] fails a case answered with another id, and restarts', async () => {
    await expectCase3Fails('wrong-id', /does not answer request "toy\/3"/);
  });

  it('[CONF-26] gives up after the allowed number of failed restarts, failing the remaining cases', async () => {
    const runner = processRunner(`node ${script} die-forever ${join(dir, 'marker')}`, {
      cwd: dir,
      startTimeoutMs: 5000,
      maxRestarts: 1,
    });
    const run = await runVectorFiles([toyFile()], runner, { specVersion: '0.1', timeoutMs: 2000 });
    const details = run.rows[0]!.cases!.map((c) => `${c.status}: ${c.detail ?? ''}`);
    expect(details[0]).toMatch(/^failed: implementation exited \(code 5\)/);
    expect(details[1]).toMatch(
      /^failed: restart failed: handshake: implementation exited \(code 4\)/,
    );
    expect(details[2]).toMatch(
      /^failed: implementation unavailable \(gave up after 1 failed restarts\)/,
    );
    expect(details[3]).toMatch(/^failed: implementation unavailable/);
  });

  it('terminates an implementation that does not exit at the end of its input', async () => {
    const started = Date.now();
    const { code, report } = await runImpl('linger');
    expect(code).toBe(0);
    expect(report.totals).toEqual({ passed: 4, failed: 0, skipped: 0 });
    expect(Date.now() - started).toBeLessThan(8000);
  });

  it('[CONF-34] fails a requested suite the implementation does not claim', async () => {
    const { code, report } = await runImpl('claim-none', ['--suite', 'toy']);
    expect(code).toBe(1);
    expect(report.rows[0]).toMatchObject({ suite: 'toy', skipped: 4, failed: 0 });
    expect(report.rows[1]).toMatchObject({ suite: 'toy', section: 'claim', failed: 1 });
  });

  it('[CONF-36] exits 1 when no vector case ran: an implementation that claims nothing does not pass', async () => {
    const { code, io, report } = await runImpl('claim-none');
    expect(code).toBe(1);
    expect(report.rows[0]).toMatchObject({ suite: 'toy', passed: 0, failed: 0, skipped: 4 });
    expect(io.errText()).toContain('no vector case ran');
  });

  it('[CONF-19] stops with exit code 2 when the handshake fails', async () => {
    const { code, io } = await runImpl('bad-hello');
    expect(code).toBe(2);
    expect(io.errText()).toContain('protocol 99 is not supported');
  });

  it('exits 2 on an unknown suite or a bad timeout', async () => {
    await expect(
      conformanceCommand(['--vectors', vectors, '--suite', 'nope'], capture(), none),
    ).rejects.toThrow(/unknown suite nope; known: toy/);
    await expect(
      conformanceCommand(['--vectors', vectors, '--timeout', '0'], capture(), none),
    ).rejects.toThrow(/--timeout/);
  });

  it('writes JUnit XML with one testcase per vector case', async () => {
    const io = capture();
    const junit = join(dir, 'junit.xml');
    await conformanceCommand(
      ['--impl', `node ${script} wrong-code`, '--vectors', vectors, '--junit', junit],
      io,
      none,
    );
    const xml = readFileSync(junit, 'utf8');
    expect(xml.match(/<testcase /g)).toHaveLength(4);
    expect(xml).toContain('<failure message="expected error ERR_ENCODING, got ERR_JWS_ALG">');
  });
});

describe('jitsuin conformance in-process and external suites', () => {
  it('runs this library through the same dispatcher', async () => {
    const io = capture();
    expect(
      await conformanceCommand(['--vectors', vectors], io, { suites: [toySuite()], external: [] }),
    ).toBe(0);
    expect(io.text()).toContain('conformance: 4 passed, 0 failed, 0 skipped');
  });

  const ext = (name: string, run: ExternalSuite['run']): ExternalSuite => ({
    name,
    requiredFiles: ['ext/a.txt'],
    run,
  });
  const good = ext('good-ext', async (read) => {
    const text = new TextDecoder().decode(await read('ext/a.txt'));
    return [
      {
        suite: 'good-ext',
        section: 'a',
        passed: text.length,
        failed: 0,
        skipped: 1,
        failures: [],
        skips: [{ id: 'x', reason: 'policy' }],
      },
    ];
  });

  it('[CONF-35] says clearly when the external folder is missing and does not fail for it', async () => {
    const io = capture();
    expect(
      await conformanceCommand(['--vectors', vectors, '--external', join(dir, 'absent')], io, {
        suites: [toySuite()],
        external: [good],
      }),
    ).toBe(0);
    expect(io.text()).toContain(`external suites not found at ${join(dir, 'absent')}`);
  });

  it('[CONF-35] [CONF-32] reports a suite whose files are missing as not found, and runs the others', async () => {
    const extDir = join(dir, 'external');
    mkdirSync(join(extDir, 'ext'), { recursive: true });
    writeFileSync(join(extDir, 'ext', 'a.txt'), 'abc');
    const missing: ExternalSuite = { ...good, name: 'missing-ext', requiredFiles: ['other/b.txt'] };
    const throwing = ext('throwing-ext', async () => {
      throw new Error('runner bug');
    });
    const io = capture();
    const json = join(dir, 'ext.json');
    const code = await conformanceCommand(
      ['--vectors', vectors, '--external', extDir, '--json', json],
      io,
      { suites: [toySuite()], external: [good, missing, throwing] },
    );
    expect(code).toBe(1);
    expect(io.text()).toContain('missing-ext: not found (missing other/b.txt');
    const report = JSON.parse(readFileSync(json, 'utf8'));
    expect(
      report.rows.map((r: { suite: string; section: string }) => `${r.suite}/${r.section}`),
    ).toEqual(['toy/vectors', 'good-ext/a', 'throwing-ext/(runner)']);
    expect(report.rows[1]).toMatchObject({
      kind: 'external',
      passed: 3,
      skipped: 1,
      skips: [{ id: 'x', reason: 'policy' }],
    });
    expect(report.rows[2].failures[0].detail).toContain('runner bug');
    expect(io.text()).toContain('conformance: 7 passed, 1 failed, 1 skipped');
  });

  it('writes JUnit XML for external rows: their failures, skips and one case for the passed count', async () => {
    const extDir = join(dir, 'external-junit');
    mkdirSync(join(extDir, 'ext'), { recursive: true });
    writeFileSync(join(extDir, 'ext', 'a.txt'), 'ab');
    const mixed = ext('mixed-ext', async () => [
      {
        suite: 'mixed-ext',
        section: 's<1>',
        passed: 2,
        failed: 1,
        skipped: 1,
        failures: [{ id: 'f&1', expected: 'valid', actual: 'invalid', detail: 'why "so"' }],
        skips: [{ id: 'k1', reason: 'policy' }],
      },
    ]);
    const junit = join(dir, 'ext-junit.xml');
    expect(
      await conformanceCommand(
        ['--vectors', vectors, '--external', extDir, '--suite', 'mixed-ext', '--junit', junit],
        capture(),
        { suites: [], external: [mixed] },
      ),
    ).toBe(1);
    const xml = readFileSync(junit, 'utf8');
    expect(xml).toContain(
      '<testsuite name="mixed-ext/s&lt;1&gt;" tests="3" failures="1" skipped="1">',
    );
    expect(xml).toContain(
      'name="f&amp;1"><failure message="why &quot;so&quot;">expected valid, got invalid</failure>',
    );
    expect(xml).toContain('name="k1"><skipped message="policy"/>');
    expect(xml).toContain('name="2 passed cases"');
  });
});
