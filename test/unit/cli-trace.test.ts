import { describe, expect, it } from 'vitest';
import { buildTrace, parseSpecMarkdown, renderTraceMarkdown, resolveDefinitions, strongestKeyword, testNameCitations } from '../../src/cli/traceParse.js';

const SPEC = [
  '# Title with a reference to `[ABC-99]` in code',
  '',
  'Status: normative. Requirement prefix: `ABC-`.',
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
  const { occurrences: definitions, untagged, prefixes } = parseSpecMarkdown(SPEC, 'spec/x.md');
  const byId = Object.fromEntries(definitions.map((d) => [d.id, d]));

  it('reads the declared prefix', () => {
    expect(prefixes).toEqual(['ABC']);
  });

  it('finds ids in prose, lists and table cells, not in code, fences, comments or links', () => {
    expect(definitions.map((d) => d.id)).toEqual(['ABC-01', 'ABC-02', 'ABC-03', 'ABC-04', 'ABC-05', 'ABC-06', 'ABC-09']);
  });
  it('records the keyword of the sentence each id ends, across line breaks and abbreviations', () => {
    expect(byId['ABC-01']).toMatchObject({ keyword: 'MUST', level: 'must', line: 5 });
    expect(byId['ABC-01']!.sentence).toMatch(/^The verifier MUST reject/);
    expect(byId['ABC-02']).toMatchObject({ keyword: 'SHOULD', level: 'should' });
    expect(byId['ABC-02']!.sentence).toBe('It SHOULD log the rejection');
  });
  it('accepts an id after the full stop, and gives each of two ids in a sentence its own clause', () => {
    expect(byId['ABC-03']).toMatchObject({ keyword: 'MUST NOT', level: 'must', line: 8 });
    expect(byId['ABC-04']).toMatchObject({ keyword: 'MAY', level: 'may' });
    expect(byId['ABC-05']).toMatchObject({ keyword: 'MUST', sentence: 'and MUST bound the cache' });
    expect(byId['ABC-06']).toMatchObject({ keyword: 'MUST', line: 13 });
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

describe('trace: definitions and coverage rules', () => {
  const spec = parseSpecMarkdown(SPEC, 'spec/x.md');
  const REFS = ['Requirement prefix: `XYZ-`.', '', 'This restates [ABC-01] without a keyword; [ABC-77] does not exist.'].join('\n');
  const refs = parseSpecMarkdown(REFS, 'spec/y.md');

  it('takes the keyword occurrence in the home file as the definition; others are references', () => {
    const resolved = resolveDefinitions([spec, refs]);
    expect(resolved.definitions.map((d) => `${d.id}@${d.file}:${d.line}`).sort()).toEqual(
      ['ABC-01@spec/x.md:5', 'ABC-02@spec/x.md:5', 'ABC-03@spec/x.md:8', 'ABC-04@spec/x.md:9', 'ABC-05@spec/x.md:9', 'ABC-06@spec/x.md:13', 'ABC-09@spec/x.md:19'].sort(),
    );
    expect(resolved.errors).toEqual(['ABC-77 is referenced at spec/y.md:3 but not defined in spec/x.md']);
    expect(resolved.warnings[0]).toMatch(/^ABC-09 .* treated as MUST-level/);
  });

  it('errors on an id with two keyword sentences in its home file, and on a prefix declared twice', () => {
    const twice = parseSpecMarkdown('Requirement prefix: `ABC-`.\n\nIt MUST do a [ABC-01]. It MUST do b [ABC-01].', 'spec/z.md');
    expect(resolveDefinitions([twice]).errors).toEqual(['ABC-01 is defined twice: spec/z.md:3 and spec/z.md:3']);
    expect(resolveDefinitions([spec, twice]).errors[0]).toBe('prefix ABC- is declared by both spec/x.md and spec/z.md');
  });

  it('[CONF-07] errors on an uncovered MUST-level or keyword-less id and on citations of unknown or malformed ids', () => {
    const result = buildTrace(resolveDefinitions([spec]), [
      { id: 'ABC-01', where: 'vectors/x.json#1' },
      { id: 'ABC-03', where: 'test/unit/a.test.ts: n' },
      { id: 'ABC-06', where: 'vectors/x.json#2' },
      { id: 'ZZZ-01', where: 'vectors/x.json#3' },
      { id: 'bad', where: 'vectors/x.json#4' },
    ]);
    expect(result.errors).toEqual([
      'vectors/x.json#3 cites ZZZ-01, which the spec does not define',
      'vectors/x.json#4 cites "bad", which is not a requirement id',
      'ABC-05 (MUST, spec/x.md:9) has no vector or test',
      'ABC-09 (no keyword, spec/x.md:19) has no vector or test',
    ]);
  });

  it('has no errors when every id needing coverage is covered; SHOULD and MAY ids need none', () => {
    const result = buildTrace(resolveDefinitions([spec]), ['ABC-01', 'ABC-03', 'ABC-05', 'ABC-06', 'ABC-09'].map((id) => ({ id, where: `vectors/x.json#${id.slice(4)}` })));
    expect(result.errors).toEqual([]);
    const md = renderTraceMarkdown(result);
    expect(md).toContain('| ABC-01 | MUST | spec/x.md:5 | vectors/x.json tcId 1 |');
    expect(md).toContain('| ABC-02 | SHOULD | spec/x.md:5 | **not covered** |');
    expect(md).toContain('covered: 5 of 5');
  });
});
