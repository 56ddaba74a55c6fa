/**
 * What `ivs-guard test` prints: PASS/FAIL per case, for a failure what was expected and what happened side by
 * side, the coverage gaps, and a closing `N passed, N failed`; or the same as JSON (fields may be added, not renamed).
 */
import { table } from '../cli/text-output.ts';
import type { Mismatch } from './compare.ts';
import type { CaseResult, FileResult } from './run.ts';

/** The whole run, as `--output json` prints it. */
export interface TestReport {
  files: FileResult[];
  summary: { passed: number; failed: number; coverageGaps: number };
  /** Whether `--require-coverage` was given, so that coverage gaps fail the run. */
  requireCoverage: boolean;
}

/** Gathers the files' results into the report. */
export function testReport(files: FileResult[], requireCoverage: boolean): TestReport {
  const cases = files.flatMap((file) => file.cases);
  const passed = cases.filter((c) => c.passed).length;
  return { files, summary: { passed, failed: cases.length - passed, coverageGaps: files.reduce((n, file) => n + file.coverage.length, 0) }, requireCoverage };
}

/** 0 when every case passed (and, with `--require-coverage`, nothing is uncovered); 1 otherwise. */
export function exitStatusOfTests(report: TestReport): 0 | 1 {
  return report.summary.failed === 0 && !(report.requireCoverage && report.summary.coverageGaps > 0) ? 0 : 1;
}

/** The text report. */
export function renderTestReport(report: TestReport): string {
  const lines: string[] = [];
  for (const file of report.files) {
    if (report.files.length > 1) lines.push(`${file.file}:`);
    for (const result of file.cases) lines.push(...renderCase(result));
    if (file.coverage.length > 0) {
      lines.push('', `coverage${report.requireCoverage ? ' (required)' : ''}:`, ...file.coverage.map((gap) => `  ${gap.message}`));
    } else {
      lines.push('', 'coverage: every policy fired and every where condition was false in some case');
    }
    if (report.files.length > 1) lines.push('');
  }
  const { passed, failed, coverageGaps } = report.summary;
  const gaps = report.requireCoverage && coverageGaps > 0 ? `, ${coverageGaps} coverage ${coverageGaps === 1 ? 'gap' : 'gaps'}` : '';
  lines.push(`${passed} passed, ${failed} failed${gaps}`);
  return lines.join('\n');
}

function renderCase(result: CaseResult): string[] {
  if (result.passed) return [`PASS  ${result.name}`];
  const lines = [`FAIL  ${result.name}  (${result.origin})`];
  if (result.error !== undefined) lines.push(`      ${result.error}`);
  if (result.mismatches.length > 0) lines.push(...indent(sideBySide(result.mismatches)));
  return lines;
}

/** One row per mismatch: the field, what was expected, what happened. */
export function sideBySide(mismatches: readonly Mismatch[]): string {
  const rows = mismatches.map((m) => [m.event === undefined ? m.field : `event ${m.event} ${m.field}`, m.expected, m.actual]);
  return table([['field', 'expected', 'actual'], ...rows]);
}

function indent(text: string): string[] {
  return text.split('\n').map((line) => `      ${line}`);
}
