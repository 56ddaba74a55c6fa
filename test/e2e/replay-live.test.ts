/**
 * `replay --live` talks to "real AWS" through the SDK's own endpoint setting; here the emulator stands in for
 * the account, so what a plan-only run sends (reads only) can be seen.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../local/emulator/index.ts';
import type { Emulator } from '../../local/emulator/index.ts';
import { runCli } from './cli.ts';

const AWS = { AWS_ACCESS_KEY_ID: 'AKIDLIVETEST', AWS_SECRET_ACCESS_KEY: 'live-test', AWS_REGION: 'us-west-2', AWS_PROFILE: '' };

describe('ivs-guard replay --live', () => {
  let emulator: Emulator;

  beforeAll(async () => {
    emulator = await startEmulator({ world: 'events/scenarios/world.yml' });
  });

  afterAll(async () => {
    await emulator.stop();
  });

  it('without --apply plans every action, and sends the account nothing but reads', async () => {
    const result = await runCli(['replay', 'events/scenarios/02-over-limit-ingest.jsonl', '--live', '--endpoint-url', emulator.url, '--output', 'json'], undefined, AWS);

    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { events: Array<{ decisions: Array<{ policy: string; actions: Array<{ type: string; status: string; reason: string }> }> }> };
    expect(report.events[0]?.decisions).toEqual([
      expect.objectContaining({ policy: 'ingest-ceiling', actions: [{ type: 'stopStream', target: expect.stringContaining('IngestHeavy01') as string, status: 'planned', reason: 'plan only: actions are taken with --apply' }] }),
    ]);
    expect(emulator.calls.counts()).toEqual({ GetStreamSession: 1 });
    expect(emulator.world.actions).toEqual([]);
  });

  it('refuses --stage without --live', async () => {
    const result = await runCli(['replay', 'events/scenarios', '--stage', 'prod']);

    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--stage names a deployed stage: it goes with --live/);
  });
});
