/**
 * Peak memory of a replay (DESIGN §5: 100,000 events in at most 400 MB), each measured in a child process
 * so nothing else of the bench counts:
 *
 * - `cli`: what a user runs, `ivs-guard replay FILE.jsonl --output table > /dev/null` (the events read from
 *   a JSON lines file, each row written as it is decided): the figure the budget is about;
 * - `inProcess`: `replay()` called on an array the same process built (bench/replay-throughput.ts's
 *   ordinary day), the array handed over as the CLI hands over what it read (`releaseInputs`).
 *
 * `npx tsx bench/replay-memory.ts [COUNT]` measures both alone (default 100,000 events).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ordinaryDay } from './replay-throughput.ts';

const ENV = { ...process.env, POWERTOOLS_LOG_LEVEL: 'SILENT', POWERTOOLS_METRICS_DISABLED: 'true' };
const CLI = fileURLToPath(new URL('../bin/ivs-guard.mjs', import.meta.url));
const PRELOAD = fileURLToPath(new URL('./max-rss-at-exit.mjs', import.meta.url));

/** Peak RSS, MB, of both replays of `count` ordinary-day events. */
export function measureReplayMemory(count: number): Promise<{ events: number; peakMb: number; inProcessMb: number }> {
  return Promise.resolve({ events: count, peakMb: cliPeakMb(count), inProcessMb: inProcessPeakMb(count) });
}

/** `ivs-guard replay FILE --output table` on a JSON lines file of `count` events, its output discarded. */
function cliPeakMb(count: number): number {
  const dir = mkdtempSync(join(tmpdir(), 'ivs-guard-memory-'));
  try {
    const file = join(dir, 'day.jsonl');
    writeFileSync(file, `${ordinaryDay(count).map((event) => JSON.stringify(event.raw)).join('\n')}\n`);
    const rssFile = join(dir, 'max-rss');
    const child = spawnSync(process.execPath, ['--import', PRELOAD, CLI, 'replay', file, '--output', 'table'], {
      env: { ...ENV, IVS_GUARD_MAX_RSS_FILE: rssFile },
      stdio: ['ignore', 'ignore', 'pipe'],
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    // Exit status 1 would mean rejected or failed events: an ordinary day has none.
    if (child.status !== 0) throw new Error(`the CLI memory replay exited ${child.status}: ${child.stderr.slice(-2000)}`);
    return Math.round(Number(readFileSync(rssFile, 'utf8')) / 1024);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `replay()` on an array this child builds. */
function inProcessPeakMb(count: number): number {
  const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', String(count)], { encoding: 'utf8', env: ENV });
  if (child.status !== 0) throw new Error(`the in-process memory replay failed: ${child.stderr.slice(-2000)}`);
  return (JSON.parse(child.stdout.trim().split('\n').at(-1)!) as { peakMb: number }).peakMb;
}

if (process.argv[2] === '--child') {
  const { replay } = await import('../local/replay/replay.ts');
  const count = Number(process.argv[3]);
  const report = await replay(ordinaryDay(count), [], { policiesPath: 'policies.yml', releaseInputs: true });
  if (report.summary.processed !== count) throw new Error(`expected ${count} processed, got ${JSON.stringify(report.summary)}`);
  console.log(JSON.stringify({ peakMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
} else if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(JSON.stringify(await measureReplayMemory(Number(process.argv[2] ?? 100_000))));
}
