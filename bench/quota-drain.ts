/**
 * Quota (DESIGN §5): a burst of events that each need GetStreamSession and StopStream drains within
 * 1.10× of the time the documented IVS quotas allow, with no event lost and no throttle surfacing as a
 * failure. The emulator enforces the quotas scaled ×10 so the run is short; the ratio is what counts.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { IVS_QUOTAS_TPS } from '../domain/limits.ts';
import { applyIvsEvent, startEmulator } from '../local/emulator/index.ts';
import { startLocalLedger } from '../local/local-ledger.ts';
import { applyEnvironment } from '../local/replay/environment.ts';
import { sqsBatch } from '../test/fakes/events.ts';
import { resetClients } from '../adapters/clients.ts';

const SCALE = 10;
const CONCURRENCY = 2; // the deployed queues' maximumConcurrency

export async function measureQuotaDrain(burst = 200): Promise<Record<string, number>> {
  const channel = (i: number) => `arn:aws:ivs:us-west-2:123456789012:channel/burst${i}`;
  const streamId = (i: number) => `st-${String(i).padStart(23, '0')}`;
  const world = {
    channels: Array.from({ length: burst }, (_, i) => ({
      arn: channel(i),
      streamSessions: [{ streamId: streamId(i), startTime: '2026-11-20T19:00:00Z', ingestConfigurations: { videoConfigurations: [{ track: 'Track0', codec: 'avc1.640033', targetBitrate: 12_000_000, targetFramerate: 60, videoHeight: 2160, videoWidth: 3840 }], audioConfigurations: [] }, truncatedEvents: [] }],
    })),
  };
  const dir = mkdtempSync(join(tmpdir(), 'ivs-guard-quota-'));
  const policies = join(dir, 'policies.yml');
  writeFileSync(policies, readFileSync('policies.yml', 'utf8').replace(/maxActionsPerHour: \d+/, 'maxActionsPerHour: 100000'));
  const emulator = await startEmulator({ world, quota: `x${SCALE}` });
  const dynamo = await startLocalLedger();
  const restore = applyEnvironment({ ivs: emulator.url, dynamodb: dynamo.url }, { policiesPath: policies, region: 'us-west-2', rateShare: String(SCALE) });
  resetClients(); // the pacer is built from the share above, one for both concurrent "containers" of this process
  try {
    const { handler } = (await import('../handlers/stream.ts')) as unknown as { handler: (e: SQSEvent, c: Context) => Promise<SQSBatchResponse> };
    const events = Array.from({ length: burst }, (_, i) => ({
      version: '0', id: `burst-${i}`, 'detail-type': 'IVS Stream State Change', source: 'aws.ivs', account: '123456789012',
      time: '2026-11-20T19:00:01Z', region: 'us-west-2', resources: [channel(i)],
      detail: { event_name: 'Stream Start', channel_name: `burst${i}`, stream_id: streamId(i) },
    }));
    for (const event of events) applyIvsEvent(emulator.world, event);
    const queue = Array.from({ length: Math.ceil(burst / 10) }, (_, b) => events.slice(b * 10, b * 10 + 10));
    let redeliveries = 0;
    const context = { functionName: 'bench', awsRequestId: 'bench', getRemainingTimeInMillis: () => 30_000 } as unknown as Context;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (let batch = queue.shift(); batch; batch = queue.shift()) {
          const response = await handler(sqsBatch(batch), context);
          const failed = new Set(response.batchItemFailures.map((f) => Number(f.itemIdentifier.slice(4))));
          if (failed.size > 0) {
            redeliveries += failed.size;
            queue.push(batch.filter((_, i) => failed.has(i)));
          }
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const stopped = emulator.world.actions.filter((a) => a.operation === 'StopStream').length;
    const allowed = burst / (IVS_QUOTAS_TPS.StopStream * SCALE);
    return { events: burst, seconds: Number(seconds.toFixed(2)), quotaSeconds: allowed, ratio: Number((seconds / allowed).toFixed(2)), stopped, redeliveries };
  } finally {
    restore();
    await emulator.stop();
    await dynamo.stop();
  }
}
