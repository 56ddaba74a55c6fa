/**
 * A rejected event does not touch the world (#14.3): the replay applies to the emulator's world only
 * the events the guard's parser accepts, so the saved world is byte for byte what it was.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { replay } from '../../local/replay/replay.ts';
import { streamStateEvent } from '../fakes/events.ts';

const LIVE = 'arn:aws:ivs:us-west-2:123456789012:channel/LiveChannel01';

describe('a rejected event', () => {
  it('leaves the saved world byte for byte unchanged', async () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'rejected-event-'));
    const options = { policiesPath: 'policies.yml', worldPath: 'events/worlds/conformance.yml', stateDir };
    const good = streamStateEvent('Stream Start', { channelArn: LIVE, streamId: 'st-LiveSession000000000001', time: '2026-11-20T19:00:01Z' });
    const first = await replay([{ raw: good, origin: 'good:1' }], [], options);
    expect(first.events.map((e) => e.status)).toEqual(['processed']);
    const before = readFileSync(join(stateDir, 'world.json'));

    // Each of these the emulator would follow (a stream id, a name, a time), and the guard's parser rejects.
    const rejected = [
      streamStateEvent('Stream Start', { channelArn: LIVE, streamId: 'st-short', time: '2026-11-20T21:00:00Z' }),
      streamStateEvent('Stream End', { channelArn: LIVE, streamId: 'st-LiveSession000000000001', time: '2026-11-20T21:00:00Z', detail: { channel_name: 42 } }),
      streamStateEvent('Stream End', { channelArn: LIVE, streamId: 'st-LiveSession000000000001', time: '2026-11-20T21:00:00' }),
      { ...streamStateEvent('Stream End', { channelArn: LIVE, streamId: 'st-LiveSession000000000001', time: '2026-11-20T21:00:00Z' }), region: 42 },
    ];
    const second = await replay(rejected.map((raw, i) => ({ raw, origin: `bad:${i + 1}` })), [], options);
    expect(second.events.map((e) => e.status)).toEqual(['rejected', 'rejected', 'rejected', 'rejected']);
    expect(readFileSync(join(stateDir, 'world.json')).equals(before)).toBe(true);
  });
});
