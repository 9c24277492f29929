import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { traceCommand } from '../../src/cli/trace.js';
import type { CliIo } from '../../src/cli/io.js';

// A miniature repository: one spec file defining one MUST, one test citing it.
let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'jitsuin-trace-'));
  mkdirSync(join(root, 'spec'));
  mkdirSync(join(root, 'test'));
  mkdirSync(join(root, 'vectors'));
  writeFileSync(
    join(root, 'spec', 'toy.md'),
    'Status: normative. Requirement prefix: `TOY-`.\n\nA verifier MUST reject toys [TOY-01].\n',
  );
  // Built by concatenation so that this file does not itself cite the toy id.
  writeFileSync(
    join(root, 'test', 'toy.test.ts'),
    "it('[" + 'TOY' + "-01] rejects toys', () => {});\n",
  );
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function io(): CliIo & { all: () => string } {
  let text = '';
  return {
    out: (t) => void (text += t),
    err: (t) => void (text += t),
    cwd: root,
    root,
    all: () => text,
  };
}

describe('jitsuin trace --check', () => {
  it('fails on a missing or stale table without writing it, passes once `trace` wrote it', async () => {
    const path = join(root, 'docs', 'traceability.md');
    const missing = io();
    expect(await traceCommand(['--check'], missing)).toBe(1);
    expect(missing.all()).toContain('run `npm run trace`');
    expect(() => readFileSync(path)).toThrow();

    expect(await traceCommand([], io())).toBe(0);
    const written = readFileSync(path, 'utf8');
    expect(written).toContain('TOY-01');
    expect(await traceCommand(['--check'], io())).toBe(0);

    writeFileSync(path, written.replace('TOY-01', 'TOY-99'));
    expect(await traceCommand(['--check'], io())).toBe(1);
    expect(readFileSync(path, 'utf8')).toContain('TOY-99');
  });
});
