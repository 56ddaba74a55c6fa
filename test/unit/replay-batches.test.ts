import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planBatches, planRounds } from '../../local/replay/batches.ts';
import type { Routed } from '../../local/replay/batches.ts';
import { deliverySettings } from '../../local/replay/delivery-settings.ts';

const at = (index: number, channel: string, seconds: number, functions = ['stream']): Routed => ({ index, functions, channels: [channel], timeMs: seconds * 1000 });
const indexes = (batches: Array<{ items: Routed[] }>) => batches.map((b) => b.items.map((i) => i.index));
const SETTINGS = { batchSize: 3, maximumBatchingWindow: 5, maximumConcurrency: 2 };

describe('replay batches', () => {
  it('fills a batch up to batchSize', () => {
    const items = [0, 1, 2, 3, 4].map((i) => at(i, `c${i}`, 0));
    expect(indexes(planBatches(items, SETTINGS))).toEqual([[0, 1, 2], [3, 4]]);
  });

  it('closes a batch when its batching window is over, in event time', () => {
    const items = [at(0, 'a', 0), at(1, 'b', 5), at(2, 'c', 5.001)];
    expect(indexes(planBatches(items, SETTINGS))).toEqual([[0, 1], [2]]);
  });

  it('puts no two events of one channel in a batch', () => {
    const items = [at(0, 'a', 0), at(1, 'b', 0), at(2, 'a', 0), at(3, 'c', 0)];
    expect(indexes(planBatches(items, SETTINGS))).toEqual([[0, 1], [2, 3]]);
  });

  it('keeps the queues of different functions apart', () => {
    const items = [at(0, 'a', 0), at(1, 'b', 0, ['recording']), at(2, 'c', 0)];
    expect(planBatches(items, SETTINGS).map((b) => [b.queue, b.items.map((i) => i.index)])).toEqual([['stream', [0, 2]], ['recording', [1]]]);
  });

  it('runs at most maximumConcurrency batches of a queue together, never two that share a channel', () => {
    const batches = planBatches([at(0, 'a', 0), at(1, 'a', 0), at(2, 'b', 0), at(3, 'c', 1), at(4, 'd', 1)], { ...SETTINGS, batchSize: 1 });
    const rounds = [...planRounds(batches, SETTINGS)].map(indexes);
    // 1 waits for 0 (channel a); 2 runs beside 0; 3 and 4 wait for room.
    expect(rounds).toEqual([[[0], [2]], [[1], [3]], [[4]]]);
  });

  it('does not run a batch that arrives after the first batch\'s window beside it', () => {
    const batches = planBatches([at(0, 'a', 0), at(1, 'b', 60)], { ...SETTINGS, batchSize: 1 });
    expect([...planRounds(batches, SETTINGS)].map(indexes)).toEqual([[[0]], [[1]]]);
  });

  it('runs every batch once, in an order that keeps each channel\'s events in order', () => {
    const items = Array.from({ length: 200 }, (_, i) => at(i, `c${(i * 7) % 13}`, i / 4));
    const seen: number[] = [];
    for (const round of planRounds(planBatches(items, { ...SETTINGS, batchSize: 4 }), SETTINGS)) seen.push(...round.flatMap((b) => b.items.map((i) => i.index)));
    expect([...seen].sort((a, b) => a - b)).toEqual(items.map((i) => i.index));
    for (let c = 0; c < 13; c += 1) {
      const ofChannel = seen.filter((i) => items[i]!.channels[0] === `c${c}`);
      expect(ofChannel).toEqual([...ofChannel].sort((a, b) => a - b));
    }
  });
});

describe('delivery settings', () => {
  it('are the ones serverless.yml gives the queues', () => {
    expect(deliverySettings()).toEqual({ batchSize: 10, maximumBatchingWindow: 5, maximumConcurrency: 2, maxReceiveCount: 5 });
  });

  it('name the setting that is wrong', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ivs-guard-delivery-'));
    const file = join(dir, 'serverless.yml');
    writeFileSync(file, 'custom:\n  guard:\n    delivery: { maxReceiveCount: 5 }\n    sqs: { batchSize: 0, maximumConcurrency: 2 }\n');
    expect(() => deliverySettings(file)).toThrow(/custom\.guard\.sqs\.batchSize must be a whole number of at least 1, got 0/);
    writeFileSync(file, 'custom:\n  guard:\n    sqs: { batchSize: 10, maximumConcurrency: 2 }\n');
    expect(() => deliverySettings(file)).toThrow(/custom\.guard\.delivery\.maxReceiveCount .* got nothing/);
  });
});
