/**
 * Running a policy test file: every case in its own fresh replay (a new emulator seeded from the case's world, an
 * empty in-memory ledger, the events' own times as the clock), so a case decides the same way every time and no
 * case sees what another did.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDocument, isMap, isSeq } from 'yaml';
import { replay } from '../replay/replay.ts';
import { compareCase } from './compare.ts';
import type { Mismatch } from './compare.ts';
import { Coverage } from './coverage.ts';
import type { CoverageGap } from './coverage.ts';
import type { LoadedCase, LoadedTestFile } from './load.ts';

/** How one case came out. `error` is set when its replay could not run at all. */
export interface CaseResult {
  name: string;
  /** Where the case is written (`policies.test.yml:12`). */
  origin: string;
  passed: boolean;
  mismatches: Mismatch[];
  error?: string;
}

/** How one test file came out. */
export interface FileResult {
  file: string;
  policies: string;
  cases: CaseResult[];
  coverage: CoverageGap[];
}

/** Runs every case of `file`, one after the other, and gathers coverage of its policy document. */
export async function runTestFile(file: LoadedTestFile): Promise<FileResult> {
  const coverage = new Coverage(file.policies);
  const dryRun = new DryRunCopy(file.policiesPath);
  const stopWatching = coverage.watch();
  try {
    const cases: CaseResult[] = [];
    for (const testCase of file.cases) cases.push(await runCase(testCase, testCase.mode === 'dry-run' ? await dryRun.path() : file.policiesPath, coverage));
    return { file: file.fileName, policies: file.policiesPath, cases, coverage: coverage.gaps() };
  } finally {
    stopWatching();
    await dryRun.remove();
  }
}

async function runCase(testCase: LoadedCase, policiesPath: string, coverage: Coverage): Promise<CaseResult> {
  const base = { name: testCase.name, origin: testCase.origin };
  try {
    const report = await replay(testCase.events, [], { policiesPath, worldPath: testCase.worldPath });
    coverage.record(report);
    const mismatches = compareCase(testCase.expect, report);
    return { ...base, passed: mismatches.length === 0, mismatches };
  } catch (error) {
    return { ...base, passed: false, mismatches: [], error: `the replay could not run: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/**
 * The policy document with every policy in dry-run, for cases with `mode: dry-run`: written once to a temporary
 * file (the replay reads its policies from a file, as the deployed functions do), removed after the run.
 */
class DryRunCopy {
  private dir: string | undefined;
  private file: string | undefined;

  constructor(private readonly source: string) {}

  async path(): Promise<string> {
    if (this.file !== undefined) return this.file;
    const doc = parseDocument(await readFile(this.source, 'utf8'));
    doc.set('mode', 'dry-run');
    const policies = doc.get('policies');
    if (isSeq(policies)) for (const policy of policies.items) if (isMap(policy) && policy.has('mode')) policy.set('mode', 'dry-run');
    this.dir = await mkdtemp(join(tmpdir(), 'ivs-guard-test-'));
    this.file = join(this.dir, 'policies.dry-run.yml');
    await writeFile(this.file, doc.toString());
    return this.file;
  }

  async remove(): Promise<void> {
    if (this.dir !== undefined) await rm(this.dir, { recursive: true, force: true });
  }
}
