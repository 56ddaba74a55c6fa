/**
 * Saving and loading the world changes no answer (#14.2): a replay of a generated day, interrupted,
 * saved as `--state` saves it (world file and applied event ids), loaded and resumed, answers
 * GetStream, GetStreamSession and ListStreamSessions exactly as one uninterrupted replay, after
 * every event.
 */
import { describe, expect, it } from 'vitest';
import type { EmulatorWorld } from '../../local/emulator/index.ts';
import { applyIvsEvent, createWorld, loadWorldFile, snapshotWorld } from '../../local/emulator/index.ts';
import { OPERATIONS } from '../../local/emulator/operations/index.ts';
import { dayOfEvents } from '../generators/day-of-events/index.ts';

const NOW = () => new Date('2026-11-21T00:00:00Z');

/** The operation's answer as it goes on the wire, or the error it throws, by name. */
function ask(world: EmulatorWorld, operation: string, input: Record<string, unknown>): unknown {
  const handler = OPERATIONS.ivs[operation];
  if (!handler) throw new Error(`no operation ${operation}`);
  try {
    return JSON.parse(JSON.stringify(handler(world, input) ?? {})) as unknown;
  } catch (error) {
    return { error: (error as Error).name, message: (error as Error).message };
  }
}

/** What GetStream, GetStreamSession (latest and each) and ListStreamSessions answer for a channel. */
function answers(world: EmulatorWorld, channelArn: string): Record<string, unknown> {
  const out: Record<string, unknown> = {
    GetStream: ask(world, 'GetStream', { channelArn }),
    'GetStreamSession (latest)': ask(world, 'GetStreamSession', { channelArn }),
    ListStreamSessions: ask(world, 'ListStreamSessions', { channelArn }),
  };
  for (const { streamId } of world.channels.get(channelArn)?.sessions ?? []) out[`GetStreamSession ${streamId}`] = ask(world, 'GetStreamSession', { channelArn, streamId });
  return out;
}

function allAnswers(world: EmulatorWorld, channels: string[]): Record<string, unknown> {
  return Object.fromEntries(channels.map((arn) => [arn, answers(world, arn)]));
}

/** Saved as the state directory saves it (JSON world file and event ids), loaded as the next run loads it. */
function savedAndLoaded(world: EmulatorWorld): EmulatorWorld {
  const leftOut: string[] = [];
  const file: unknown = JSON.parse(JSON.stringify(snapshotWorld(world, (what) => leftOut.push(what))));
  expect(leftOut).toEqual([]);
  const loaded = createWorld(loadWorldFile(file), { clock: NOW });
  for (const id of world.appliedEventIds) loaded.appliedEventIds.add(id);
  return loaded;
}

describe('a replay interrupted, saved, loaded and resumed', () => {
  const day = dayOfEvents({ seed: 14, channels: 6, ceilingChannels: 1, bursts: 2, quietBursts: 1, recordingFailures: 1, starvations: 6 });
  // The guard rejects malformed events before the world follows them (#14.3): a replay applies only the others.
  const events = day.events.filter((e) => e.kind !== 'malformed').map((e) => e.raw);
  const channels = day.world.channels.map((c) => c.arn);
  const channelOf = (raw: Record<string, unknown>) => (raw.resources as string[])[0] ?? '';

  it('replays a day with sessions that open, starve, recover and end', () => {
    const world = createWorld(loadWorldFile(day.world), { clock: NOW });
    const health = new Set<string>();
    for (const raw of events) {
      applyIvsEvent(world, raw);
      for (const arn of channels) health.add(String((ask(world, 'GetStream', { channelArn: arn }) as { stream?: { health: string } }).stream?.health ?? 'not live'));
    }
    // Otherwise the comparisons below could pass on a world that never changes.
    expect([...health].sort()).toEqual(['HEALTHY', 'STARVING', 'not live']);
    expect(events.length).toBeGreaterThan(60);
  });

  const cuts = [1, 2, 3, 5, 8, 13, 21].map((n) => Math.floor((events.length * n) / 22));
  it.each(cuts)('answers as one uninterrupted replay, event by event, when cut after %i events', (cut) => {
    const whole = createWorld(loadWorldFile(day.world), { clock: NOW });
    for (const raw of events.slice(0, cut)) applyIvsEvent(whole, raw);
    let resumed = savedAndLoaded(whole);

    // Loading changes no answer: live or not, health, every session.
    expect(allAnswers(resumed, channels)).toEqual(allAnswers(whole, channels));
    events.slice(cut).forEach((raw, i) => {
      const a = applyIvsEvent(whole, raw);
      const b = applyIvsEvent(resumed, raw);
      expect(b, `event ${cut + i} (${String(raw.id)})`).toEqual(a);
      const arn = channelOf(raw);
      expect(answers(resumed, arn), `after event ${cut + i} (${String(raw.id)}) on ${arn}`).toEqual(answers(whole, arn));
      // Saved and loaded again anywhere, the answers stay the same.
      if (i % 17 === 0) {
        resumed = savedAndLoaded(resumed);
        expect(allAnswers(resumed, channels)).toEqual(allAnswers(whole, channels));
      }
    });
    expect(allAnswers(resumed, channels)).toEqual(allAnswers(whole, channels));
  });

  it('resumes a replay that is delivered again from the start (at-least-once) to the same answers', () => {
    const whole = createWorld(loadWorldFile(day.world), { clock: NOW });
    for (const raw of events) applyIvsEvent(whole, raw);
    const resumed = savedAndLoaded(whole);
    for (const raw of events) expect(applyIvsEvent(resumed, raw)).toMatchObject({ applied: false });

    expect(allAnswers(resumed, channels)).toEqual(allAnswers(whole, channels));
  });
});

describe('saving and loading one channel', () => {
  const arn = 'arn:aws:ivs:us-west-2:123456789012:channel/SaveLoad0001';
  const streamId = 'st-SaveLoadStream000000000';
  const event = (id: string, detailType: string, name: string, time: string) => ({
    id,
    'detail-type': detailType,
    time,
    resources: [arn],
    detail: { event_name: name, stream_id: streamId },
  });
  const created = event('e1', 'IVS Stream State Change', 'Session Created', '2026-11-20T18:00:00Z');
  const started = event('e2', 'IVS Stream State Change', 'Stream Start', '2026-11-20T18:00:02Z');
  const starving = event('e3', 'IVS Stream Health Change', 'Starvation Start', '2026-11-20T18:10:00Z');
  const ended = event('e4', 'IVS Stream State Change', 'Stream End', '2026-11-20T19:00:00Z');

  it.each([
    ['a session that has only been created is not live', [created], { error: 'ChannelNotBroadcasting' }],
    ['a broadcasting session is live and healthy', [created, started], { stream: { state: 'LIVE', health: 'HEALTHY' } }],
    ['a starving stream stays starving', [created, started, starving], { stream: { state: 'LIVE', health: 'STARVING' } }],
    ['an ended session stays ended', [created, started, starving, ended], { error: 'ChannelNotBroadcasting' }],
  ])('%s', (_, applied, expected) => {
    const world = createWorld({}, { clock: NOW });
    for (const raw of applied) applyIvsEvent(world, raw);
    const loaded = savedAndLoaded(world);

    expect(ask(world, 'GetStream', { channelArn: arn })).toMatchObject(expected);
    expect(answers(loaded, arn)).toEqual(answers(world, arn));
  });
});
