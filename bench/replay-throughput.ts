/**
 * Local replay: events per second through the emulator and dynalite, on the real handlers
 * (DESIGN §5: at least 1,000 events/s on a 2-core machine).
 */
import { replay } from '../local/replay/replay.ts';
import type { InputEvent } from '../local/cli/read-events.ts';

const CHANNELS = 50;
const NAMES = ['Session Created', 'Stream Start', 'Stream End', 'Session Ended'];

export function ordinaryDay(count: number): InputEvent[] {
  return Array.from({ length: count }, (_, i) => {
    const channel = i % CHANNELS;
    const streamId = `st-${String(channel).padStart(23, '0')}`;
    const health = i % 5 === 4;
    return {
      origin: `bench:${i}`,
      raw: {
        version: '0',
        id: `bench-${i}`,
        'detail-type': health ? 'IVS Stream Health Change' : 'IVS Stream State Change',
        source: 'aws.ivs',
        account: '123456789012',
        time: new Date(Date.UTC(2026, 10, 20, 8) + i * 1000).toISOString(),
        region: 'us-west-2',
        resources: [`arn:aws:ivs:us-west-2:123456789012:channel/bench${channel}`],
        detail: { event_name: health ? 'Starvation Start' : NAMES[Math.floor(i / CHANNELS) % NAMES.length], channel_name: `bench-${channel}`, stream_id: streamId },
      },
    };
  });
}

export async function measureReplay(count = 3000): Promise<{ events: number; seconds: number; perSecond: number }> {
  const events = ordinaryDay(count);
  await replay(events.slice(0, 50), [], { policiesPath: 'policies.yml' }); // warm: module loading, JIT
  const started = performance.now();
  const report = await replay(events, [], { policiesPath: 'policies.yml' });
  const seconds = (performance.now() - started) / 1000;
  if (report.summary.processed !== count) throw new Error(`expected ${count} processed, got ${JSON.stringify(report.summary)}`);
  return { events: count, seconds, perSecond: count / seconds };
}
