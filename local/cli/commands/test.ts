/**
 * `ivs-guard test [FILE ...]`: runs policy test files (default policies.test.yml), each case in its own fresh
 * replay. Exit status: 0 when every case passes, 1 when one fails (or, with --require-coverage, something is
 * uncovered), 2 for a usage error or a test file that cannot be run.
 */
import { writeFile } from 'node:fs/promises';
import { parseOptions, UsageError } from '../args.ts';
import { loadTestFile, TestFileError } from '../../policy-test/load.ts';
import type { LoadedTestFile } from '../../policy-test/load.ts';
import { runTestFile } from '../../policy-test/run.ts';
import type { FileResult } from '../../policy-test/run.ts';
import { exitStatusOfTests, renderTestReport, testReport } from '../../policy-test/report.ts';
import { renderJunit } from '../../policy-test/junit.ts';

const HELP = `usage: ivs-guard test [FILE ...] [options]

Runs policy test files (default policies.test.yml): each case replays its events against the emulator
and an empty ledger, and checks what the guard decided against what the case expects.

options:
  --output FORMAT       text (default) or json
  --junit FILE          also write the results as JUnit XML (for CI)
  --require-coverage    fail when a policy never fires in a case, or a where condition is never false

exit status: 0 every case passed, 1 a case failed (or coverage is missing with --require-coverage),
2 a usage error or a test file with a mistake (each printed with its line).
`;

/** Runs the command; returns its exit status. */
export async function runTest(args: string[]): Promise<number> {
  const { values, positionals } = parseOptions(args, {
    usage: HELP,
    options: {
      output: { type: 'string', default: 'text' },
      junit: { type: 'string' },
      'require-coverage': { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const output = values.output as string;
  if (output !== 'text' && output !== 'json') throw new UsageError(`--output must be text or json, not '${output}'`);
  if (values.junit === '') throw new UsageError('--junit takes the FILE to write');
  const files = positionals.length > 0 ? positionals : ['policies.test.yml'];

  // Every file is checked before any case runs: a mistake anywhere is reported at once, with nothing half-run.
  const loaded: LoadedTestFile[] = [];
  const invalid: TestFileError[] = [];
  for (const file of files) {
    try {
      loaded.push(await loadTestFile(file));
    } catch (error) {
      if (!(error instanceof TestFileError)) throw error;
      invalid.push(error);
    }
  }
  if (invalid.length > 0) {
    for (const error of invalid) process.stderr.write(`${error.message}\n`);
    process.stderr.write(`ivs-guard test: ${invalid.length === 1 ? 'the test file has' : `${invalid.length} test files have`} mistakes; no case was run\n`);
    return 2;
  }

  const results: FileResult[] = [];
  for (const file of loaded) results.push(await runTestFile(file));
  const report = testReport(results, values['require-coverage'] as boolean);
  process.stdout.write(`${output === 'json' ? JSON.stringify(report, null, 2) : renderTestReport(report)}\n`);
  if (typeof values.junit === 'string') await writeFile(values.junit, renderJunit(report));
  return exitStatusOfTests(report);
}
