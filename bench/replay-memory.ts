/**
 * Peak memory of a replay (DESIGN §5: 100,000 events in at most 400 MB), measured in a child process so
 * nothing else of the bench counts.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export async function measureReplayMemory(count: number): Promise<{ events: number; peakMb: number }> {
  if (process.argv[2] === '--child') {
    const { replay } = await import('../local/replay/replay.ts');
    const { ordinaryDay } = await import('./replay-throughput.ts');
    await replay(ordinaryDay(count), [], { policiesPath: 'policies.yml' });
    return { events: count, peakMb: Math.round(process.resourceUsage().maxRSS / 1024) };
  }
  const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', String(count)], {
    encoding: 'utf8',
    env: { ...process.env, POWERTOOLS_LOG_LEVEL: 'SILENT', POWERTOOLS_METRICS_DISABLED: 'true' },
  });
  if (child.status !== 0) throw new Error(`the memory replay failed: ${child.stderr.slice(-2000)}`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1)!) as { events: number; peakMb: number };
}

if (process.argv[2] === '--child') console.log(JSON.stringify(await measureReplayMemory(Number(process.argv[3]))));
