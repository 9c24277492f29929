import { describe, expect, it } from 'vitest';
import { buildTrace, parseSpecMarkdown, renderTraceMarkdown, strongestKeyword, testNameCitations } from '../../src/cli/traceParse.js';

const SPEC = [
  '# Title with a reference to `[ABC-99]` in code',
  '',
  'The verifier MUST reject `alg` values other than `ES256` (e.g. RS256) [ABC-01]. It SHOULD log',
  'the rejection [ABC-02].',
  '',
  '- Issuers MUST NOT be trusted for this. [ABC-03]',
  '- Implementations MAY cache results [ABC-04] and MUST bound the cache [ABC-05].',
  '',
  '| rule | text |',
  '|---|---|',
  '| x | The header MUST carry `typ` [ABC-06] |',
  '',
  '```text',
  'Code MUST be ignored [ABC-07].',
  '```',
  '<!-- A comment MUST be ignored [ABC-08]. -->',
  'See [ABC-01](#rules) for details; this paragraph has no keyword [ABC-09].',
  'This sentence MUST have an id but does not.',
  '',
  '[ABC-10]: https://example.invalid/link-definition',
].join('\n');

describe('trace: spec parsing', () => {
  const { definitions, untagged } = parseSpecMarkdown(SPEC, 'spec/x.md');
  const byId = Object.fromEntries(definitions.map((d) => [d.id, d]));

  it('finds ids in prose, lists and table cells, not in code, fences, comments or links', () => {
    expect(definitions.map((d) => d.id)).toEqual(['ABC-01', 'ABC-02', 'ABC-03', 'ABC-04', 'ABC-05', 'ABC-06', 'ABC-09']);
  });
  it('records the keyword of the sentence each id ends, across line breaks and abbreviations', () => {
    expect(byId['ABC-01']).toMatchObject({ keyword: 'MUST', level: 'must', line: 3 });
    expect(byId['ABC-01']!.sentence).toMatch(/^The verifier MUST reject/);
    expect(byId['ABC-02']).toMatchObject({ keyword: 'SHOULD', level: 'should' });
    expect(byId['ABC-02']!.sentence).toBe('It SHOULD log the rejection');
  });
  it('accepts an id after the full stop, and gives each of two ids in a sentence its own clause', () => {
    expect(byId['ABC-03']).toMatchObject({ keyword: 'MUST NOT', level: 'must', line: 6 });
    expect(byId['ABC-04']).toMatchObject({ keyword: 'MAY', level: 'may' });
    expect(byId['ABC-05']).toMatchObject({ keyword: 'MUST', sentence: 'and MUST bound the cache' });
    expect(byId['ABC-06']).toMatchObject({ keyword: 'MUST', line: 11 });
  });
  it('records an id without keyword as level none, and warns about a MUST sentence without id', () => {
    expect(byId['ABC-09']).toMatchObject({ keyword: undefined, level: 'none' });
    expect(untagged.map((u) => u.sentence)).toEqual(['This sentence MUST have an id but does not.']);
  });
  it('keyword detection is upper case and whole-word only', () => {
    expect(strongestKeyword('you must do it')).toBeUndefined();
    expect(strongestKeyword('MUSTARD')).toBeUndefined();
    expect(strongestKeyword('it MUST NOT\nhappen, and MAY')).toBe('MUST NOT');
    expect(strongestKeyword('NOT RECOMMENDED')).toBe('NOT RECOMMENDED');
  });
});

describe('trace: test-name citations', () => {
  it('reads ids from it/test/describe names, ignoring skipped and todo tests', () => {
    const src = [
      "IT('[ABC-01] rejects', () => {});",
      'TEST.concurrent("[ABC-02] [ABC-03] both", () => {});',
      'DESCRIBE(`[ABC-05] group ${x}`, () => {});',
      "IT.skip('[ABC-04] skipped', () => {});",
      "IT.todo('[ABC-06] todo');",
      "const s = '[ABC-07] not a test name';",
    ]
      .join('\n')
      // Upper-case in this file so that trace does not read the fixture as this file's own test names.
      .replace(/\b(IT|TEST|DESCRIBE)\b/g, (m) => m.toLowerCase());
    expect(testNameCitations(src).map((c) => c.id)).toEqual(['ABC-01', 'ABC-02', 'ABC-03', 'ABC-05']);
  });
});

describe('trace: coverage rules', () => {
  const { definitions } = parseSpecMarkdown(SPEC, 'spec/x.md');

  it('errors on an uncovered MUST-level id, a duplicate id, and a citation of an unknown id', () => {
    const dup = { ...definitions[0]!, file: 'spec/y.md', line: 1 };
    const result = buildTrace([...definitions, dup], [
      { id: 'ABC-01', where: 'vectors/x.json#1' },
      { id: 'ABC-03', where: 'test/unit/a.test.ts: n' },
      { id: 'ABC-06', where: 'vectors/x.json#2' },
      { id: 'ZZZ-01', where: 'vectors/x.json#3' },
      { id: 'bad', where: 'vectors/x.json#4' },
    ]);
    expect(result.errors).toEqual([
      'ABC-01 is defined twice: spec/x.md:3 and spec/y.md:1',
      'vectors/x.json#3 cites ZZZ-01, which the spec does not define',
      'vectors/x.json#4 cites "bad", which is not a requirement id',
      'ABC-05 (MUST, spec/x.md:7) has no vector or test',
    ]);
    expect(result.warnings.some((w) => w.startsWith('ABC-09'))).toBe(true);
  });

  it('has no errors when every MUST-level id is covered; SHOULD and MAY ids need no coverage', () => {
    const result = buildTrace(definitions, ['ABC-01', 'ABC-03', 'ABC-05', 'ABC-06'].map((id) => ({ id, where: `vectors/x.json#${id.slice(4)}` })));
    expect(result.errors).toEqual([]);
    const md = renderTraceMarkdown(result);
    expect(md).toContain('| ABC-01 | MUST | spec/x.md:3 | vectors/x.json tcId 1 |');
    expect(md).toContain('| ABC-02 | SHOULD | spec/x.md:3 | **not covered** |');
    expect(md).toContain('- MUST-level ids covered: 4 of 4');
  });
});
