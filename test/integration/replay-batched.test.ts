/**
 * #9.2: the replay delivers in SQS batches, concurrently where channels do not overlap, and decides
 * exactly as the sequential replay: the same report, byte for byte.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { burst, world } from '../../bench/throttle.ts';
import { readEvents } from '../../local/cli/read-events.ts';
import { SEQUENTIAL } from '../../local/replay/delivery-settings.ts';
import * as invoke from '../../local/replay/invoke.ts';
import { replay } from '../../local/replay/replay.ts';
import type { ReplayOptions } from '../../local/replay/replay.ts';
import { vi } from 'vitest';

async function both(events: Parameters<typeof replay>[0], errors: Parameters<typeof replay>[1], options: ReplayOptions) {
  const spy = vi.spyOn(invoke, 'deliverBatch');
  const batched = await replay(events, errors, options);
  const sizes = spy.mock.calls.map((call) => call[1].length);
  spy.mockRestore();
  const sequential = await replay(events, errors, { ...options, delivery: SEQUENTIAL });
  return { batched: JSON.stringify(batched), sequential: JSON.stringify(sequential), sizes };
}

describe('the batched replay', () => {
  it('decides the bundled scenarios and the malformed events exactly as the sequential one', async () => {
    const { events, errors } = await readEvents(['events/scenarios', 'events/malformed']);
    const { batched, sequential } = await both(events, errors, { policiesPath: 'policies.yml', worldPath: 'events/scenarios/world.yml' });
    expect(batched).toBe(sequential);
    expect(JSON.parse(batched).summary.actions.applied).toBeGreaterThan(0);
  });

  it('decides a generated day with attacked streams exactly as the sequential one, in batches of up to batchSize', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ivs-guard-batched-'));
    writeFileSync(join(dir, 'world.json'), world(30));
    writeFileSync(join(dir, 'policies.yml'), readFileSync('policies.yml', 'utf8').replace(/maxActionsPerHour: \d+/, 'maxActionsPerHour: 100000'));
    const events = burst({ events: 240, streams: 30, attacked: 6 });
    const { batched, sequential, sizes } = await both(events, [], { policiesPath: join(dir, 'policies.yml'), worldPath: join(dir, 'world.json') });
    expect(batched).toBe(sequential);
    const report = JSON.parse(batched) as { summary: { processed: number; actions: { applied: number } } };
    expect(report.summary.processed).toBe(240);
    expect(report.summary.actions.applied).toBeGreaterThan(0);
    expect(Math.max(...sizes)).toBe(10);
  });
});
