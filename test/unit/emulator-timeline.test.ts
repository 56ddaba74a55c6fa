/**
 * The world under late, reordered and duplicated IVS events (IVS documents all three): events apply
 * in their own time order per channel, so any arrival order ends in the world the in-order sequence
 * gives, and a late event changes only the past.
 */
import { describe, expect, it } from 'vitest';
import type { ChannelState, EmulatorWorld } from '../../local/emulator/index.ts';
import { applyIvsEvent, createWorld } from '../../local/emulator/index.ts';
import { OPERATIONS } from '../../local/emulator/operations/index.ts';
import { seededRandom } from '../../local/emulator/prng.ts';

const CHANNEL = 'arn:aws:ivs:us-west-2:123456789012:channel/abcdABCDefgh';
const S1 = 'st-1A2b3c4D5e6F78ghij9Klm1';
const S2 = 'st-1A2b3c4D5e6F78ghij9Klm2';

const at = (hhmm: string) => `2026-11-20T${hhmm}:00.000Z`;

function ivsEvent(detailType: string, name: string, streamId: string, time: string, id = `${name} ${streamId} ${time}`) {
  const detail = detailType === 'IVS Stream Health Change' ? { event_name: name, stream_id: streamId } : { event_name: name, channel_name: 'main-stage', stream_id: streamId };
  return { version: '0', id, 'detail-type': detailType, source: 'aws.ivs', account: '123456789012', time, region: 'us-west-2', resources: [CHANNEL], detail };
}
const state = (name: string, streamId: string, time: string) => ivsEvent('IVS Stream State Change', name, streamId, time);
const health = (name: string, streamId: string, time: string) => ivsEvent('IVS Stream Health Change', name, streamId, time);

/** A day of one channel: a finished broadcast (S1), then a live one that is starving now (S2). */
const DAY = [
  state('Session Created', S1, at('18:00')),
  state('Stream Start', S1, at('18:01')),
  health('Starvation Start', S1, at('18:10')),
  health('Starvation End', S1, at('18:11')),
  state('Stream End', S1, at('18:30')),
  state('Session Created', S2, at('20:00')),
  state('Stream Start', S2, at('20:01')),
  health('Starvation Start', S2, at('20:15')),
];

function replayed(events: readonly unknown[]): EmulatorWorld {
  const world = createWorld();
  for (const event of events) applyIvsEvent(world, event);
  return world;
}

function channelOf(world: EmulatorWorld): ChannelState {
  const channel = world.channels.get(CHANNEL);
  if (!channel) throw new Error('the channel was not created');
  return channel;
}

/** Every ordering of `items` (Heap's algorithm). */
function* permutations<T>(items: readonly T[]): Generator<T[]> {
  const a = [...items];
  const c = a.map(() => 0);
  yield [...a];
  let i = 1;
  while (i < a.length) {
    if ((c[i] ?? 0) < i) {
      const j = i % 2 === 0 ? 0 : (c[i] ?? 0);
      [a[j], a[i]] = [a[i] as T, a[j] as T];
      yield [...a];
      c[i] = (c[i] ?? 0) + 1;
      i = 1;
    } else {
      c[i] = 0;
      i += 1;
    }
  }
}

function ask(world: EmulatorWorld, operation: string, input: Record<string, unknown>): unknown {
  try {
    return OPERATIONS.ivs[operation]?.(world, input);
  } catch (error) {
    return { error: (error as Error).name };
  }
}

describe('the world under late and out-of-order events', () => {
  const inOrder = channelOf(replayed(DAY));

  it('in order, the day ends with S1 closed at its Stream End and S2 live and starving', () => {
    expect(inOrder.sessions.map((s) => [s.streamId, s.startTime, s.endTime])).toEqual([
      [S1, at('18:00'), at('18:30')],
      [S2, at('20:00'), undefined],
    ]);
    expect(inOrder.live).toEqual({ streamId: S2, startTime: at('20:01'), health: 'STARVING', viewerCount: 0 });
  });

  it('every one of the 40320 orders of the 8 events ends in the in-order world', () => {
    let orders = 0;
    const differing: string[] = [];
    for (const order of permutations(DAY)) {
      orders += 1;
      const channel = channelOf(replayed(order));
      if (JSON.stringify(channel) !== JSON.stringify(inOrder) && differing.length < 3) differing.push(order.map((e) => `${e.detail.event_name}@${e.time}`).join(', '));
    }
    expect(orders).toBe(40320);
    expect(differing).toEqual([]);
  });

  it('duplicated deliveries, under new ids, in random orders, change nothing', () => {
    const random = seededRandom(14);
    for (let trial = 0; trial < 200; trial += 1) {
      const deliveries = [...DAY, ...DAY.filter(() => random() < 0.5).map((e, i) => ({ ...e, id: `again-${trial}-${i}` }))];
      for (let i = deliveries.length - 1; i > 0; i -= 1) {
        const j = Math.floor(random() * (i + 1));
        [deliveries[i], deliveries[j]] = [deliveries[j]!, deliveries[i]!];
      }
      expect(channelOf(replayed(deliveries))).toEqual(inOrder);
    }
  });

  it('a late Stream End of an unseen, older session closes only that session (the issue #14 case)', () => {
    const world = replayed([state('Session Created', S2, at('20:00')), state('Stream Start', S2, at('20:01'))]);
    const result = applyIvsEvent(world, state('Stream End', S1, at('18:30')));
    expect(result).toMatchObject({ applied: true });

    const channel = channelOf(world);
    expect(channel.sessions.map((s) => [s.streamId, s.startTime, s.endTime])).toEqual([
      [S1, at('18:30'), at('18:30')],
      [S2, at('20:00'), undefined],
    ]);
    expect(ask(world, 'GetStream', { channelArn: CHANNEL })).toMatchObject({ stream: { streamId: S2, state: 'LIVE', startTime: at('20:01') } });
    expect(ask(world, 'GetStreamSession', { channelArn: CHANNEL })).toMatchObject({ streamSession: { streamId: S2 } });
    expect(ask(world, 'ListStreamSessions', { channelArn: CHANNEL })).toEqual({
      streamSessions: [
        { streamId: S2, startTime: at('20:00'), hasErrorEvent: false },
        { streamId: S1, startTime: at('18:30'), endTime: at('18:30'), hasErrorEvent: false },
      ],
    });
  });

  it('a late Stream Start of an older session is closed by the next session, and leaves the live one live', () => {
    const world = replayed([state('Stream Start', S2, at('20:01'))]);
    applyIvsEvent(world, state('Stream Start', S1, at('18:01')));
    const channel = channelOf(world);
    expect(channel.sessions.map((s) => [s.streamId, s.endTime])).toEqual([
      [S1, at('20:01')],
      [S2, undefined],
    ]);
    expect(channel.live?.streamId).toBe(S2);
    // Its Stream End, later still, gives it its true end.
    applyIvsEvent(world, state('Stream End', S1, at('18:30')));
    expect(channel.sessions[0]?.endTime).toBe(at('18:30'));
  });

  it('a late health event changes the health only if it is the most recent one', () => {
    const world = replayed([state('Stream Start', S2, at('20:01')), health('Starvation Start', S2, at('20:15'))]);
    applyIvsEvent(world, health('Starvation End', S2, at('20:10')));
    expect(channelOf(world).live?.health).toBe('STARVING');
    applyIvsEvent(world, health('Starvation End', S2, at('20:20')));
    expect(channelOf(world).live?.health).toBe('HEALTHY');
  });

  it('an endTime is never before its startTime', () => {
    const world = replayed([state('Stream End', S1, at('18:30')), state('Session Created', S1, at('18:00'))]);
    const [session] = channelOf(world).sessions;
    expect(session).toMatchObject({ startTime: at('18:00'), endTime: at('18:30') });
    for (const order of permutations(DAY.slice(0, 5))) {
      for (const s of channelOf(replayed(order)).sessions) expect(s.endTime === undefined || s.endTime >= s.startTime).toBe(true);
    }
  });

  it('a session that only had Session Created is not live', () => {
    const world = replayed([state('Session Created', S2, at('20:00'))]);
    expect(ask(world, 'GetStream', { channelArn: CHANNEL })).toEqual({ error: 'ChannelNotBroadcasting' });
  });
});
