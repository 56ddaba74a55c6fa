/**
 * The test run as JUnit XML, the format CI systems read: a `<testsuite>` per test file, a `<testcase>` per case
 * (a `<failure>` with the mismatches for a failed one), and with `--require-coverage` a `coverage` testcase that
 * fails when something is uncovered.
 */
import type { TestReport } from './report.ts';
import { sideBySide } from './report.ts';
import type { CaseResult, FileResult } from './run.ts';

/** The JUnit XML document for `report`. */
export function renderJunit(report: TestReport): string {
  const suites = report.files.map((file) => suite(file, report.requireCoverage));
  const { passed, failed } = report.summary;
  const failures = failed + (report.requireCoverage ? report.files.filter((file) => file.coverage.length > 0).length : 0);
  const tests = passed + failed + (report.requireCoverage ? report.files.length : 0);
  return [`<?xml version="1.0" encoding="UTF-8"?>`, `<testsuites name="ivs-guard test" tests="${tests}" failures="${failures}" errors="0">`, ...suites, '</testsuites>', ''].join('\n');
}

function suite(file: FileResult, requireCoverage: boolean): string {
  const cases = file.cases.map((result) => testcase(file.file, result));
  if (requireCoverage) cases.push(coverageCase(file));
  const failures = file.cases.filter((c) => !c.passed).length + (requireCoverage && file.coverage.length > 0 ? 1 : 0);
  const tests = file.cases.length + (requireCoverage ? 1 : 0);
  return [`  <testsuite name="${xml(file.file)}" tests="${tests}" failures="${failures}" errors="0" skipped="0">`, ...cases, '  </testsuite>'].join('\n');
}

function testcase(fileName: string, result: CaseResult): string {
  const open = `    <testcase name="${xml(result.name)}" classname="${xml(fileName)}"`;
  if (result.passed) return `${open}/>`;
  const detail = [result.error, result.mismatches.length > 0 ? sideBySide(result.mismatches) : undefined].filter((part) => part !== undefined).join('\n');
  const first = result.error ?? result.mismatches.map((m) => m.field).join(', ');
  return `${open}>\n      <failure message="${xml(first)}" type="mismatch">${xml(detail)}</failure>\n    </testcase>`;
}

function coverageCase(file: FileResult): string {
  const open = `    <testcase name="coverage" classname="${xml(file.file)}"`;
  if (file.coverage.length === 0) return `${open}/>`;
  const text = file.coverage.map((gap) => gap.message).join('\n');
  return `${open}>\n      <failure message="${xml(`${file.coverage.length} coverage gaps`)}" type="coverage">${xml(text)}</failure>\n    </testcase>`;
}

/** Text safe in XML content and attributes; characters XML 1.0 cannot hold at all are dropped. */
function xml(text: string): string {
  return text
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
