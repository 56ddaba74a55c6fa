/**
 * Throttle robustness (DESIGN §5): a burst over many streams, some of them attacked (takeover failures
 * with our key), replayed with random faults and again with the same latency and none. Budget: the
 * faulty replay takes at most 2× the latency-only one, and loses nothing. The SDK's adaptive retries
 * (the clients' previous configuration) are replayed beside it for comparison.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { replay } from '../local/replay/replay.ts';
import type { InputEvent } from '../local/cli/read-events.ts';

/** The scenario, and the quick one the bench runs with `--quick`. */
export const THROTTLE_SIZES = { full: { events: 2200, streams: 500, attacked: 100 }, quick: { events: 220, streams: 50, attacked: 10 } } as const;
export const FAULTS = 'throttle=0.3,error=0.05,latency=20,drop=0.02';
export const LATENCY_ONLY = 'latency=20';

const channel = (i: number) => `arn:aws:ivs:us-west-2:123456789012:channel/burst${i}`;
const streamId = (i: number) => `st-${String(i).padStart(23, '0')}`;

/** The burst: normal streams: Session Created, Stream Start, Starvation Start, Stream End; attacked: Stream Start and takeover failures. */
export function burst(size: { events: number; streams: number; attacked: number }): InputEvent[] {
  const perAttacked = Math.max(1, Math.round((size.events - (size.streams - size.attacked) * 4) / size.attacked) - 1);
  const sequences: Array<Array<[string, string, Record<string, unknown>]>> = [];
  for (let i = 0; i < size.streams; i += 1) {
    const attacked = i < size.attacked;
    const names: Array<[string, string, Record<string, unknown>]> = attacked
      ? [['IVS Stream State Change', 'Stream Start', {}], ...Array.from({ length: perAttacked }, () => ['IVS Stream State Change', 'Stream Takeover Failure', { code: 'StreamTakeoverInvalidPriority' }] as [string, string, Record<string, unknown>])]
      : [['IVS Stream State Change', 'Session Created', {}], ['IVS Stream State Change', 'Stream Start', {}], ['IVS Stream Health Change', 'Starvation Start', {}], ['IVS Stream State Change', 'Stream End', {}]];
    sequences.push(names);
  }
  const events: InputEvent[] = [];
  for (let step = 0; events.length < size.events && sequences.some((s) => s.length > step); step += 1) {
    for (const [i, sequence] of sequences.entries()) {
      const next = sequence[step];
      if (!next || events.length >= size.events) continue;
      const [detailType, name, extra] = next;
      const n = events.length;
      events.push({
        origin: `burst:${n}`,
        raw: {
          version: '0', id: `burst-${n}`, 'detail-type': detailType, source: 'aws.ivs', account: '123456789012',
          time: new Date(Date.UTC(2026, 10, 20, 19) + n * 250).toISOString(), region: 'us-west-2', resources: [channel(i)],
          detail: { event_name: name, channel_name: `burst${i}`, stream_id: streamId(i), ...extra },
        },
      });
    }
  }
  return events;
}

/** A world with each stream of the burst live, at 1080p30. */
export function world(streams: number): string {
  const video = { track: 'Track0', codec: 'avc1.640028', targetBitrate: 6_000_000, targetFramerate: 30, videoHeight: 1080, videoWidth: 1920 };
  return JSON.stringify({
    channels: Array.from({ length: streams }, (_, i) => ({
      arn: channel(i),
      streamSessions: [{ streamId: streamId(i), startTime: '2026-11-20T18:59:00Z', ingestConfigurations: { videoConfigurations: [video], audioConfigurations: [] }, truncatedEvents: [] }],
    })),
  });
}

export interface ReplayRun {
  seconds: number;
  processed: number;
  lost: number;
}

/** One replay of the burst with `faults`; `retry` picks the clients' retries (ours, or the SDK's adaptive mode). */
export async function replayBurst(size: { events: number; streams: number; attacked: number }, faults: string, retry: 'paced' | 'sdk-adaptive' = 'paced'): Promise<ReplayRun> {
  const dir = mkdtempSync(join(tmpdir(), 'ivs-guard-throttle-'));
  writeFileSync(join(dir, 'world.json'), world(size.streams));
  writeFileSync(join(dir, 'policies.yml'), readFileSync('policies.yml', 'utf8').replace(/maxActionsPerHour: \d+/, 'maxActionsPerHour: 100000'));
  const events = burst(size);
  const previous = process.env.IVS_GUARD_RETRY;
  process.env.IVS_GUARD_RETRY = retry;
  try {
    const started = performance.now();
    const report = await replay(events, [], { policiesPath: join(dir, 'policies.yml'), worldPath: join(dir, 'world.json'), faults });
    const seconds = (performance.now() - started) / 1000;
    return { seconds: Number(seconds.toFixed(2)), processed: report.summary.processed, lost: events.length - report.summary.processed - report.summary.ignored };
  } finally {
    if (previous === undefined) delete process.env.IVS_GUARD_RETRY;
    else process.env.IVS_GUARD_RETRY = previous;
  }
}
