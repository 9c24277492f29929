import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { parseOptions } from '../../src/cli/args.js';
import { vectorsCommand } from '../generators/vectors.js';
import { packageRoot, type CliIo } from '../../src/cli/io.js';
import type { VectorFile } from '../../src/conformance/types.js';
import { toyFile, toySuite } from './conformance.fixtures.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'jitsuin-cli-main-'));
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

describe('jitsuin dispatcher', () => {
  it('prints usage: exit 2 without a command, 0 for help, per-command help', async () => {
    const none = capture();
    expect(await main([], none)).toBe(2);
    expect(none.text()).toContain('usage: jitsuin <command>');
    const help = capture();
    expect(await main(['help', 'conformance'], help)).toBe(0);
    expect(help.text()).toContain('--impl CMD');
    const flag = capture();
    expect(await main(['trace', '--help'], flag)).toBe(0);
    expect(flag.text()).toContain('usage: jitsuin trace');
  });
  it('rejects an unknown command and unknown options with exit 2', async () => {
    const io = capture();
    expect(await main(['frobnicate'], io)).toBe(2);
    expect(io.errText()).toContain('unknown command "frobnicate"');
    const opt = capture();
    expect(await main(['trace', '--bogus'], opt)).toBe(2);
    expect(opt.errText()).toContain('unknown option --bogus');
  });
  it('does not resolve inherited object members as commands', async () => {
    expect(await main(['toString'], capture())).toBe(2);
  });
});

describe('option parsing', () => {
  it('parses switches, single and repeated values, and --name=value', () => {
    expect(
      parseOptions(['--check', '--out', 'x', '--suite', 'a', '--suite=b'], {
        check: 'boolean',
        out: 'string',
        suite: 'strings',
      }),
    ).toEqual({ check: true, out: 'x', suite: ['a', 'b'] });
  });
  it('rejects positional arguments, missing values, repeated single options and values on switches', () => {
    const spec = { check: 'boolean', out: 'string' } as const;
    expect(() => parseOptions(['x'], spec)).toThrow(/unexpected argument/);
    expect(() => parseOptions(['--out'], spec)).toThrow(/needs a value/);
    expect(() => parseOptions(['--out', '--check'], spec)).toThrow(/needs a value/);
    expect(() => parseOptions(['--out', 'a', '--out', 'b'], spec)).toThrow(/given twice/);
    expect(() => parseOptions(['--check=yes'], spec)).toThrow(/takes no value/);
  });
});

describe('npm run vectors (test/generators/vectors.ts)', () => {
  it('[CONF-10] writes each suite file, then --check passes; a changed, missing or extra file fails --check by name', async () => {
    const out = join(dir, 'vectors');
    const io = capture();
    expect(await vectorsCommand(['--out', out], io, [toySuite()])).toBe(0);
    const written = readFileSync(join(out, 'toy.json'), 'utf8');
    expect(JSON.parse(written)).toEqual(JSON.parse(JSON.stringify(toyFile())));
    expect(await vectorsCommand(['--out', out, '--check'], capture(), [toySuite()])).toBe(0);

    writeFileSync(
      join(out, 'toy.json'),
      written.replace('"comment": "echo"', '"comment": "edited"'),
    );
    writeFileSync(join(out, 'stale.json'), '{}');
    const check = capture();
    expect(await vectorsCommand(['--out', out, '--check'], check, [toySuite()])).toBe(1);
    expect(check.errText()).toContain("toy.json: differs from the generator's output");
    expect(check.errText()).toContain('stale.json: no registered suite generates it');

    rmSync(join(out, 'toy.json'));
    const missing = capture();
    expect(await vectorsCommand(['--out', out, '--check'], missing, [toySuite()])).toBe(1);
    expect(missing.errText()).toContain('toy.json: missing in');
  });

  it('[CONF-09] [CONF-11] refuses to write a generated file that breaks the schema, the semantic checks or the spec version', async () => {
    const bad = (mutate: (f: Record<string, unknown>) => void) => ({
      ...toySuite(),
      generate: () => {
        const f = JSON.parse(JSON.stringify(toyFile())) as Record<string, unknown>;
        mutate(f);
        return f as unknown as VectorFile;
      },
    });
    await expect(
      vectorsCommand(['--out', join(dir, 'bad')], capture(), [
        bad((f) => (f['numberOfTests'] = 3)),
      ]),
    ).rejects.toThrow(/numberOfTests is 3 but the file has 4/);
    await expect(
      vectorsCommand(['--out', join(dir, 'bad')], capture(), [
        bad((f) => (f['specVersion'] = '9.9')),
      ]),
    ).rejects.toThrow(/specVersion is "9.9", the spec is 0.1/);
    await expect(
      vectorsCommand(['--out', join(dir, 'bad')], capture(), [bad((f) => (f['suite'] = 'other'))]),
    ).rejects.toThrow(/registered as "toy"/);
    await expect(
      vectorsCommand(['--out', join(dir, 'bad')], capture(), [bad((f) => (f['schema'] = 'x'))]),
    ).rejects.toThrow(/schema: \/schema/);
  });
});

describe('maintainer commands outside a source checkout', () => {
  // An installed package: spec/ and vectors/ ship, test/ does not.
  function installedIo(): ReturnType<typeof capture> & { root: string } {
    const root = mkdtempSync(join(dir, 'installed-'));
    mkdirSync(join(root, 'spec', 'schemas'), { recursive: true });
    cpSync(join(packageRoot(), 'spec', 'schemas'), join(root, 'spec', 'schemas'), {
      recursive: true,
    });
    mkdirSync(join(root, 'vectors'));
    return { ...capture(), root };
  }
  it('vectors is a repository command: every form of it exits 2, names npm run vectors and writes nothing', async () => {
    const io = installedIo();
    const out = join(io.root, 'elsewhere');
    for (const argv of [['vectors'], ['vectors', '--check'], ['vectors', '--out', out]]) {
      const run = { ...capture(), root: io.root };
      expect(await main(argv, run)).toBe(2);
      expect(run.errText()).toContain('vectors is a repository command');
      expect(run.errText()).toContain('npm run vectors');
    }
    expect(readdirSync(join(io.root, 'vectors'))).toEqual([]);
    expect(existsSync(out)).toBe(false);
  });
  it('trace refuses to run (exit 2) and writes no docs/ file', async () => {
    const io = installedIo();
    expect(await main(['trace'], io)).toBe(2);
    expect(io.errText()).toContain('not a jitsuin source checkout');
    expect(existsSync(join(io.root, 'docs'))).toBe(false);
  });
});

describe('the bin recognises being run through a symlink', () => {
  it('runs main (usage on stdout, exit 0) when started as a symlink to src/cli/main.ts, as node_modules/.bin/jitsuin is', () => {
    const link = join(dir, 'jitsuin-bin-link.ts');
    symlinkSync(join(packageRoot(), 'src', 'cli', 'main.ts'), link);
    const tsx = join(packageRoot(), 'node_modules', 'tsx', 'dist', 'cli.mjs');
    const ok = spawnSync(process.execPath, [tsx, link, '--help'], { encoding: 'utf8' });
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('usage: jitsuin <command>');
    const bad = spawnSync(process.execPath, [tsx, link, 'frobnicate'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('unknown command');
  });
});
