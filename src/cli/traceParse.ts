/**
 * The parsing rules of `jitsuin trace` (documented in `spec/README.md`, "Requirement ids"): where
 * requirement ids are defined in the spec's Markdown, which RFC 2119 keyword each one carries, and
 * which ids tests and vectors cite. Pure functions over text, so they are tested on fixtures.
 * @module
 */

/** An id in square brackets: upper-case prefix, hyphen, two or more digits. */
const ID_IN_BRACKETS = /\[([A-Z]+-[0-9]{2,})\]/g;
const ID = /^[A-Z]+-[0-9]{2,}$/;

/** RFC 2119 / 8174 keywords, strongest first within each level; multi-word forms before their prefixes. */
const KEYWORDS = [
  'MUST NOT',
  'SHALL NOT',
  'MUST',
  'SHALL',
  'REQUIRED',
  'SHOULD NOT',
  'NOT RECOMMENDED',
  'SHOULD',
  'RECOMMENDED',
  'MAY',
  'OPTIONAL',
] as const;

/** An RFC 2119 keyword. */
export type Keyword = (typeof KEYWORDS)[number];

/** How binding a keyword is; `none`: the id ends no sentence with a keyword (then treated as MUST-level for coverage). */
export type Level = 'must' | 'should' | 'may' | 'none';

/** The level of a keyword. */
export function levelOf(keyword: Keyword | undefined): Level {
  if (keyword === undefined) return 'none';
  if (
    keyword === 'MUST NOT' ||
    keyword === 'SHALL NOT' ||
    keyword === 'MUST' ||
    keyword === 'SHALL' ||
    keyword === 'REQUIRED'
  )
    return 'must';
  if (
    keyword === 'SHOULD NOT' ||
    keyword === 'NOT RECOMMENDED' ||
    keyword === 'SHOULD' ||
    keyword === 'RECOMMENDED'
  )
    return 'should';
  return 'may';
}

/** The strongest keyword in a sentence (order of {@link KEYWORDS}), if any. Keywords count only in upper case, as whole words. */
export function strongestKeyword(sentence: string): Keyword | undefined {
  return KEYWORDS.find((k) =>
    new RegExp(`(^|[^A-Za-z])${k.replace(' ', '\\s+')}($|[^A-Za-z])`).test(sentence),
  );
}

/** One requirement id defined in the spec. */
export interface RequirementDefinition {
  readonly id: string;
  readonly keyword: Keyword | undefined;
  readonly level: Level;
  readonly file: string;
  readonly line: number;
  /** The sentence the id ends (code spans replaced by `…`). */
  readonly sentence: string;
}

/** A sentence that uses a MUST- or SHOULD-level keyword but carries no id. */
export interface UntaggedSentence {
  readonly file: string;
  readonly line: number;
  readonly sentence: string;
}

interface Block {
  readonly text: string;
  readonly line: number;
}

/** Removes HTML comments and fenced code blocks, keeping line numbers. */
function stripNonProse(markdown: string): string[] {
  const noComments = markdown.replace(/<!--[\s\S]*?-->/g, (m) => m.replace(/[^\n]/g, ''));
  const lines = noComments.split(/\r?\n/);
  let fence: string | undefined;
  return lines.map((line) => {
    const open = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
    if (fence !== undefined) {
      if (open !== null && open[1]!.startsWith(fence)) fence = undefined;
      return '';
    }
    if (open !== null) {
      fence = open[1]!;
      return '';
    }
    return line;
  });
}

/** Splits prose into blocks: paragraphs, list items, headings and single table cells. */
function blocksOf(lines: readonly string[]): Block[] {
  const blocks: Block[] = [];
  let current: { text: string; line: number } | undefined;
  const flush = () => {
    if (current !== undefined && current.text.trim() !== '') blocks.push(current);
    current = undefined;
  };
  lines.forEach((raw, index) => {
    const line = raw.replace(/^\s*(>\s?)+/, '');
    const n = index + 1;
    if (line.trim() === '') return flush();
    if (/^\s*\|/.test(line)) {
      flush();
      for (const cell of line.split('|'))
        if (cell.trim() !== '' && !/^\s*:?-+:?\s*$/.test(cell))
          blocks.push({ text: cell, line: n });
      return;
    }
    if (/^\s{0,3}#{1,6}\s/.test(line) || /^\s*([-*+]|\d+[.)])\s+/.test(line)) {
      flush();
      current = { text: line.replace(/^\s*(#{1,6}|[-*+]|\d+[.)])\s+/, ''), line: n };
      return;
    }
    if (current === undefined) current = { text: line, line: n };
    else current.text += ` ${line.trim()}`;
  });
  flush();
  return blocks;
}

/** Replaces inline code spans so their content neither defines ids nor splits sentences. */
function maskCode(text: string): string {
  return text.replace(/(`+)[\s\S]*?\1/g, '…');
}

const ABBREVIATIONS = /\b(e\.g|i\.e|etc|cf|vs|resp|approx|Sect|No|Fig)\.$/;

/** Index just after the last sentence end (`.`, `!`, `?` followed by space) in `text`, skipping abbreviations. */
function sentenceStart(text: string): number {
  const re = /[.!?](?=\s)/g;
  let start = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (!ABBREVIATIONS.test(text.slice(0, m.index + 1))) start = m.index + 1;
  }
  return start;
}

/** Position and the sentence each id in a block ends. */
function idsInBlock(text: string): { id: string; sentence: string; linkLike: boolean }[] {
  const found: { id: string; sentence: string; linkLike: boolean }[] = [];
  for (const m of text.matchAll(ID_IN_BRACKETS)) {
    const at = m.index ?? 0;
    const after = text.slice(at + m[0].length);
    const linkLike =
      after.startsWith('(') || (/^:\s/.test(after) && text.slice(0, at).trim() === '');
    // Drop any ids and spaces just before this one, and the sentence's own full stop if the id follows it.
    const before = text
      .slice(0, at)
      .replace(/(\s|,|\[[A-Z]+-[0-9]{2,}\])*$/, '')
      .replace(/[.!?]$/, '');
    const lastId = [...before.matchAll(ID_IN_BRACKETS)].pop();
    const afterLastId = lastId === undefined ? 0 : (lastId.index ?? 0) + lastId[0].length;
    const sentence = before
      .slice(Math.max(sentenceStart(before), afterLastId))
      .replace(/^[\s,;]+/, '')
      .trim();
    found.push({ id: m[1]!, sentence, linkLike });
  }
  return found;
}

/** Splits a block into sentences (same rules as for ids) for the untagged-sentence warning. */
function sentencesOf(text: string): string[] {
  const out: string[] = [];
  const re = /[.!?](?=\s|$)/g;
  let start = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (ABBREVIATIONS.test(text.slice(0, m.index + 1))) continue;
    out.push(text.slice(start, m.index + 1));
    start = m.index + 1;
  }
  if (start < text.length) out.push(text.slice(start));
  // "... MUST x. [A-01]" style: ids leading a sentence belong to the previous one.
  const merged: string[] = [];
  for (const raw of out.map((s) => s.trim()).filter((s) => s !== '')) {
    const lead = /^((?:\[[A-Z]+-[0-9]{2,}\]\s*)+)([\s\S]*)$/.exec(raw);
    if (lead !== null && merged.length > 0) {
      merged[merged.length - 1] += ` ${lead[1]!.trim()}`;
      if (lead[2]!.trim() !== '') merged.push(lead[2]!.trim());
    } else merged.push(raw);
  }
  return merged;
}

/** What one spec file contributes: every bracketed id in prose, the prefixes it declares, untagged normative sentences. */
export interface ParsedSpec {
  readonly file: string;
  /** Prefixes from the line starting `Requirement prefix: \`X-\`` (optionally after `Status: ….`); several may be listed. */
  readonly prefixes: readonly string[];
  /** Every `[ID]` in prose, with the sentence it ends and that sentence's keyword. */
  readonly occurrences: readonly RequirementDefinition[];
  readonly untagged: readonly UntaggedSentence[];
}

/**
 * Finds every bracketed requirement id in one Markdown file's prose: not in a code span, fenced
 * block or HTML comment, not an inline link `[X-01](...)` nor a link definition `[X-01]: ...`.
 * Each occurrence records the strongest RFC 2119 keyword of the sentence it ends. Whether an
 * occurrence defines the id or refers to it is decided across files by {@link resolveDefinitions}.
 */
export function parseSpecMarkdown(markdown: string, file: string): ParsedSpec {
  const occurrences: RequirementDefinition[] = [];
  const untagged: UntaggedSentence[] = [];
  const declared =
    /^(?:Status:[^\n]*?\.\s+)?Requirement prefix(?:es)?:\s*((?:`[A-Z]+-`[\s,and]*)+)/m.exec(
      markdown,
    );
  const prefixes =
    declared === null ? [] : [...declared[1]!.matchAll(/`([A-Z]+)-`/g)].map((m) => m[1]!);
  for (const block of blocksOf(stripNonProse(markdown))) {
    const text = maskCode(block.text);
    for (const found of idsInBlock(text)) {
      if (found.linkLike) continue;
      const keyword = strongestKeyword(found.sentence);
      occurrences.push({
        id: found.id,
        keyword,
        level: levelOf(keyword),
        file,
        line: block.line,
        sentence: found.sentence,
      });
    }
    for (const sentence of sentencesOf(text)) {
      const level = levelOf(strongestKeyword(sentence));
      const boilerplate = /BCP\s*14/.test(sentence); // the RFC 2119/8174 conventions sentence names keywords, it does not use them
      if (
        (level === 'must' || level === 'should') &&
        !boilerplate &&
        !/\[[A-Z]+-[0-9]{2,}\]/.test(sentence)
      )
        untagged.push({ file, line: block.line, sentence });
    }
  }
  return { file, prefixes, occurrences, untagged };
}

/** Definitions resolved from all spec files, with the errors and warnings found on the way. */
export interface ResolvedSpec {
  readonly definitions: readonly RequirementDefinition[];
  readonly untagged: readonly UntaggedSentence[];
  readonly errors: readonly string[];
  readonly warnings: readonly string[];
}

/**
 * Decides which occurrence defines each id. An id's home is the file declaring its prefix (any
 * file when none does). In the home file, the occurrence ending a sentence with an RFC 2119 keyword
 * is the definition; every other occurrence is a reference. Errors: a prefix declared by two files,
 * two keyword occurrences of one id in its home (defined twice), an id that occurs only outside its
 * home. An id with no keyword occurrence is defined by its first occurrence in the home, with a
 * warning, and still needs coverage.
 */
export function resolveDefinitions(specs: readonly ParsedSpec[]): ResolvedSpec {
  const errors: string[] = [];
  const warnings: string[] = [];
  const home = new Map<string, string>();
  for (const spec of specs) {
    for (const prefix of spec.prefixes) {
      const other = home.get(prefix);
      if (other !== undefined && other !== spec.file)
        errors.push(`prefix ${prefix}- is declared by both ${other} and ${spec.file}`);
      else home.set(prefix, spec.file);
    }
  }
  const byId = new Map<string, RequirementDefinition[]>();
  for (const o of specs.flatMap((s) => s.occurrences))
    byId.set(o.id, [...(byId.get(o.id) ?? []), o]);
  const definitions: RequirementDefinition[] = [];
  for (const [id, all] of byId) {
    const homeFile = home.get(id.slice(0, id.lastIndexOf('-')));
    const eligible = homeFile === undefined ? all : all.filter((o) => o.file === homeFile);
    if (eligible.length === 0) {
      errors.push(
        `${id} is referenced at ${all.map((o) => `${o.file}:${o.line}`).join(', ')} but not defined in ${homeFile ?? 'the spec'}`,
      );
      continue;
    }
    const normative = eligible.filter((o) => o.level !== 'none');
    if (normative.length > 1)
      errors.push(
        `${id} is defined twice: ${normative.map((o) => `${o.file}:${o.line}`).join(' and ')}`,
      );
    const definition = normative[0] ?? eligible[0]!;
    if (definition.level === 'none')
      warnings.push(
        `${id} (${definition.file}:${definition.line}) ends no sentence with an RFC 2119 keyword; it is treated as MUST-level: "${definition.sentence}"`,
      );
    definitions.push(definition);
  }
  return { definitions, untagged: specs.flatMap((s) => s.untagged), errors, warnings };
}

/**
 * Ids cited by test names in a test file: `[PREFIX-NN]` inside the first (string or template
 * literal) argument of `it`, `test` or `describe`, with any modifiers except `.skip` and `.todo`
 * (a skipped test covers nothing).
 */
export function testNameCitations(source: string): { id: string; name: string }[] {
  const out: { id: string; name: string }[] = [];
  const call = /\b(?:it|test|describe)((?:\.[A-Za-z]+)*)\s*\(\s*(['"`])((?:\\.|(?!\2)[^\\])*)\2/g;
  for (const m of source.matchAll(call)) {
    if (/\.(skip|todo)\b/.test(m[1] ?? '')) continue;
    const name = m[3] ?? '';
    for (const id of name.matchAll(ID_IN_BRACKETS)) out.push({ id: id[1]!, name });
  }
  return out;
}

/** One citation of an id: a vector test or a named test. */
export interface Citation {
  readonly id: string;
  /** e.g. `vectors/jws.json#12` or `test/unit/jws.test.ts: [JWS-04] rejects alg none`. */
  readonly where: string;
}

/** A row of the traceability table. */
export interface TraceRow extends RequirementDefinition {
  readonly coveredBy: readonly string[];
}

/** The outcome of {@link buildTrace}: table rows, errors that fail `--check`, and warnings. */
export interface TraceResult {
  readonly rows: readonly TraceRow[];
  readonly errors: readonly string[];
  readonly warnings: readonly string[];
}

/** True when an id needs a vector or a test: MUST-level, or no keyword at all (conservatively). */
export function needsCoverage(level: Level): boolean {
  return level === 'must' || level === 'none';
}

/**
 * Joins resolved definitions and citations. Errors: those of {@link resolveDefinitions}, an id
 * needing coverage with no citation, a citation of an id the spec does not define, a cited string
 * that is not an id. Warnings: those of resolution and every MUST/SHOULD sentence without an id.
 */
export function buildTrace(spec: ResolvedSpec, citations: readonly Citation[]): TraceResult {
  const errors: string[] = [...spec.errors];
  const warnings: string[] = [...spec.warnings];
  const byId = new Map(spec.definitions.map((d) => [d.id, d]));
  const cover = new Map<string, string[]>();
  for (const c of citations) {
    if (!ID.test(c.id))
      errors.push(`${c.where} cites ${JSON.stringify(c.id)}, which is not a requirement id`);
    else if (!byId.has(c.id))
      errors.push(`${c.where} cites ${c.id}, which the spec does not define`);
    else cover.set(c.id, [...(cover.get(c.id) ?? []), c.where]);
  }
  const rows = [...byId.values()]
    .sort((a, b) =>
      a.file === b.file ? a.line - b.line || (a.id < b.id ? -1 : 1) : a.file < b.file ? -1 : 1,
    )
    .map((d) => ({ ...d, coveredBy: [...new Set(cover.get(d.id) ?? [])].sort() }));
  for (const r of rows)
    if (needsCoverage(r.level) && r.coveredBy.length === 0)
      errors.push(
        `${r.id} (${r.keyword ?? 'no keyword'}, ${r.file}:${r.line}) has no vector or test`,
      );
  for (const u of spec.untagged)
    warnings.push(`${u.file}:${u.line}: normative sentence without an id: "${u.sentence}"`);
  return { rows, errors, warnings };
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

/** Groups vector citations `vectors/s.json#n` per file so the table stays readable. */
function compactCoverage(where: readonly string[]): string {
  const vectors = new Map<string, number[]>();
  const tests: string[] = [];
  for (const w of where) {
    const m = /^(vectors\/[^#]+)#(\d+)$/.exec(w);
    if (m !== null) vectors.set(m[1]!, [...(vectors.get(m[1]!) ?? []), Number(m[2])]);
    else tests.push(w);
  }
  const parts = [...vectors.entries()].map(
    ([file, ids]) => `${file} tcId ${ids.sort((a, b) => a - b).join(', ')}`,
  );
  return escapeCell([...parts, ...tests].join('; '));
}

/** Renders the table of `docs/traceability.md` (deterministic: no dates). */
export function renderTraceMarkdown(result: TraceResult): string {
  const must = result.rows.filter((r) => needsCoverage(r.level));
  const mustCovered = must.filter((r) => r.coveredBy.length > 0).length;
  const lines = [
    '# Requirement traceability',
    '',
    'Generated by `npm run trace` (`jitsuin trace`) from `spec/**/*.md`, `vectors/*.json` and the test names in',
    '`test/**/*.test.ts`; do not edit by hand. The rules are in [`spec/README.md`](../spec/README.md#requirement-ids).',
    '',
    `- requirement ids: ${result.rows.length}`,
    `- MUST-level ids (ids without a keyword count as MUST-level) covered: ${mustCovered} of ${must.length}`,
    `- ids with any coverage: ${result.rows.filter((r) => r.coveredBy.length > 0).length} of ${result.rows.length}`,
    `- errors: ${result.errors.length}, warnings: ${result.warnings.length}`,
    '',
    '| id | keyword | spec | covered by |',
    '|---|---|---|---|',
    ...result.rows.map(
      (r) =>
        `| ${r.id} | ${r.keyword ?? '(none)'} | ${r.file}:${r.line} | ${r.coveredBy.length === 0 ? '**not covered**' : compactCoverage(r.coveredBy)} |`,
    ),
    '',
  ];
  if (result.errors.length > 0)
    lines.push('## Errors', '', ...result.errors.map((e) => `- ${escapeCell(e)}`), '');
  if (result.warnings.length > 0)
    lines.push('## Warnings', '', ...result.warnings.map((w) => `- ${escapeCell(w)}`), '');
  return lines.join('\n');
}
