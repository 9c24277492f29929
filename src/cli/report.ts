/** Renderings of a conformance run: the console table, the JSON report and JUnit XML. @module */
import type { ConformanceRow } from '../conformance/harness.js';

/** Totals over rows. */
export function totals(rows: readonly ConformanceRow[]): {
  passed: number;
  failed: number;
  skipped: number;
} {
  return rows.reduce(
    (t, r) => ({
      passed: t.passed + r.passed,
      failed: t.failed + r.failed,
      skipped: t.skipped + r.skipped,
    }),
    { passed: 0, failed: 0, skipped: 0 },
  );
}

/** The per-suite table, columns aligned. */
export function renderTable(rows: readonly ConformanceRow[]): string {
  const header = ['suite', 'section', 'passed', 'failed', 'skipped'];
  const body = rows.map((r) => [
    r.suite,
    r.section,
    String(r.passed),
    String(r.failed),
    String(r.skipped),
  ]);
  const t = totals(rows);
  const all = [
    header,
    ...body,
    ['total', '', String(t.passed), String(t.failed), String(t.skipped)],
  ];
  const widths = header.map((_, i) => Math.max(...all.map((row) => (row[i] ?? '').length)));
  const line = (row: readonly string[]) =>
    row
      .map((cell, i) => (i < 2 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return (
    [line(header), rule, ...body.map(line), rule, line(all[all.length - 1]!)].join('\n') + '\n'
  );
}

/** The last line CI parses. */
export function summaryLine(rows: readonly ConformanceRow[]): string {
  const t = totals(rows);
  return `conformance: ${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped\n`;
}

function xml(text: string): string {
  return text
    .replace(
      /[<>&"']/g,
      (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] ?? c,
    )
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
}

/**
 * JUnit XML: one `<testsuite>` per row. Vector suites list every case; external rows list their
 * failures and skips, plus one aggregate case standing for their passed cases.
 */
export function renderJunit(rows: readonly ConformanceRow[]): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const t = totals(rows);
  out.push(
    `<testsuites name="jitsuin conformance" tests="${t.passed + t.failed + t.skipped}" failures="${t.failed}" skipped="${t.skipped}">`,
  );
  for (const r of rows) {
    const name = `${r.suite}/${r.section}`;
    const cases: string[] = [];
    if (r.cases !== undefined) {
      for (const c of r.cases) {
        const caseName = `${c.id} ${c.type} [${c.requirements.join('] [')}]`;
        const inner =
          c.status === 'failed'
            ? `<failure message="${xml(c.detail ?? 'failed')}">expected ${xml(c.expected)}, got ${xml(c.actual)}</failure>`
            : c.status === 'skipped'
              ? `<skipped message="${xml(c.detail ?? '')}"/>`
              : '';
        cases.push(
          `    <testcase classname="${xml(name)}" name="${xml(caseName)}">${inner}</testcase>`,
        );
      }
    } else {
      for (const f of r.failures)
        cases.push(
          `    <testcase classname="${xml(name)}" name="${xml(f.id)}"><failure message="${xml(f.detail ?? 'failed')}">expected ${xml(f.expected)}, got ${xml(f.actual)}</failure></testcase>`,
        );
      for (const s of r.skips)
        cases.push(
          `    <testcase classname="${xml(name)}" name="${xml(s.id)}"><skipped message="${xml(s.reason)}"/></testcase>`,
        );
      const passes = 'passes' in r ? r.passes : undefined;
      if (passes !== undefined)
        for (const p of passes)
          cases.push(
            `    <testcase classname="${xml(name)}" name="${xml(p.id)}"><system-out>${xml(p.detail)}</system-out></testcase>`,
          );
      else if (r.passed > 0)
        cases.push(
          `    <testcase classname="${xml(name)}" name="${xml(`${r.passed} passed cases`)}"></testcase>`,
        );
    }
    out.push(
      `  <testsuite name="${xml(name)}" tests="${cases.length}" failures="${r.failed === 0 ? 0 : r.cases === undefined ? r.failures.length : r.failed}" skipped="${r.cases === undefined ? r.skips.length : r.skipped}">`,
      ...cases,
      '  </testsuite>',
    );
  }
  out.push('</testsuites>', '');
  return out.join('\n');
}
