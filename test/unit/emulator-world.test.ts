/**
 * World files (loading, defaults, errors that name the bad path) and how the world follows replayed
 * IVS events (applyIvsEvent).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { WorldFile } from '../../local/emulator/index.ts';
import { applyIvsEvent, createWorld, loadWorldFile, WorldFileError } from '../../local/emulator/index.ts';

const CHANNEL = 'arn:aws:ivs:us-west-2:123456789012:channel/abcdABCDefgh';
const STREAM = 'st-1A2b3c4D5e6F78ghij9Klmn';
const dir = mkdtempSync(join(tmpdir(), 'emulator-world-'));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** The issues a world is refused for, as `path (line N): message`. */
function refusal(source: unknown): string[] {
  try {
    loadWorldFile(source);
  } catch (error) {
    if (error instanceof WorldFileError) return error.issues.map((i) => `${i.path}${i.line ? ` (line ${i.line})` : ''}: ${i.message}`);
    throw error;
  }
  throw new Error('the world was accepted');
}

describe('world files', () => {
  it('loads the DESIGN §4 example (YAML), in the API shapes', () => {
    const path = file(
      'design.yml',
      `channels:
  - arn: ${CHANNEL}
    name: main-stage
    type: STANDARD
    latencyMode: LOW
    authorized: true
    tags: { compliance: record-required }
    streamKeys:
      - arn: arn:aws:ivs:us-west-2:123456789012:stream-key/g1H2I3J4k5L6
        value: sk_us-west-2_example
    streamSessions:
      - streamId: ${STREAM}
        startTime: 2026-11-20T19:00:00Z
        ingestConfigurations: { videoConfigurations: [{ videoHeight: 1080, targetFramerate: 30 }], audioConfigurations: [] }
        truncatedEvents: []
stages:
  - arn: arn:aws:ivs:us-west-2:123456789012:stage/abcdABCDefgh
    participants:
      - { sessionId: st-a1b2c3d4e5f6g, participantId: abCDEf12GHIj, userId: host-1, published: true }
`,
    );
    const world = createWorld(loadWorldFile(path));
    const state = world.channels.get(CHANNEL)!;
    expect(state.channel).toMatchObject({ name: 'main-stage', authorized: true, tags: { compliance: 'record-required' } });
    expect(state.streamKeys).toEqual([{ arn: 'arn:aws:ivs:us-west-2:123456789012:stream-key/g1H2I3J4k5L6', value: 'sk_us-west-2_example', channelArn: CHANNEL, tags: {} }]);
    expect(state.sessions[0]).toMatchObject({ streamId: STREAM, startTime: '2026-11-20T19:00:00.000Z', channel: { arn: CHANNEL, name: 'main-stage' } });
    expect(state.live).toEqual({ streamId: STREAM, startTime: '2026-11-20T19:00:00.000Z', health: 'HEALTHY', viewerCount: 0 });
    expect(world.stages.get('arn:aws:ivs:us-west-2:123456789012:stage/abcdABCDefgh')?.participants[0]).toMatchObject({ participantId: 'abCDEf12GHIj', state: 'CONNECTED', published: true });
  });

  it('gives whatever a world leaves out a plausible default, the same every time', () => {
    const world = createWorld(loadWorldFile({ channels: [{ arn: CHANNEL }] }));
    const state = world.channels.get(CHANNEL)!;
    expect(state.channel).toMatchObject({ arn: CHANNEL, name: 'abcdABCDefgh', type: 'STANDARD', latencyMode: 'LOW', authorized: false, tags: {} });
    expect(state.streamKeys).toHaveLength(1);
    expect(state.streamKeys[0]?.value).toMatch(/^sk_us-west-2_[a-zA-Z0-9]{36}$/);
    expect(state.live).toBeUndefined();
    expect(createWorld(loadWorldFile({ channels: [{ arn: CHANNEL }] })).channels.get(CHANNEL)).toEqual(state);
  });

  it('orders a session’s truncatedEvents most recent first', () => {
    const events = ['19:01', '19:03', '19:02'].map((t) => ({ name: 'Stream Takeover Failure', eventTime: `2026-11-20T${t}:00Z` }));
    const world = createWorld(loadWorldFile({ channels: [{ arn: CHANNEL, streamSessions: [{ streamId: STREAM, startTime: '2026-11-20T19:00:00Z', truncatedEvents: events }] }] }));
    expect(world.channels.get(CHANNEL)?.sessions[0]?.truncatedEvents.map((e) => e.eventTime)).toEqual(['2026-11-20T19:03:00.000Z', '2026-11-20T19:02:00.000Z', '2026-11-20T19:01:00.000Z']);
  });

  it('names the path and line of each mistake in a YAML file', () => {
    const path = file(
      'bad.yml',
      `channels:
  - arn: ${CHANNEL}
    type: STANDRD
    streamkeys: []
    streamSessions:
      - streamId: st-short
        startTime: yesterday
  - name: no-arn
stages:
  - arn: arn:aws:ivs:us-west-2:123456789012:stage/abcd
    participants:
      - { sessionId: st-a1b2c3d4e5f6g7h, participantId: abCDEf12GHIj, published: "yes" }
`,
    );
    expect(refusal(path)).toEqual([
      "channels[0].type (line 3): must be one of BASIC, STANDARD, ADVANCED_SD, ADVANCED_HD (got 'STANDRD')",
      "channels[0].streamkeys (line 4): is not a field of Channel: did you mean 'streamKeys'?",
      'channels[0].streamSessions[0].streamId (line 6): must be 26 characters long (got 8)',
      'channels[0].streamSessions[0].startTime (line 7): must be an ISO 8601 date-time such as 2026-11-20T19:00:00Z (got "yesterday")',
      'channels[1].arn (line 8): is required',
      'stages[0].participants[0].sessionId (line 12): must be 16 characters long (got 18)',
      'stages[0].participants[0].published (line 12): must be true or false',
    ]);
  });

  it.each<[string, unknown, string]>([
    ['a world that is a list', [], ': must be an object with channels and/or stages'],
    ['an unknown top-level key', { channel: [] }, 'channel: is not a world field (a world has: channels, stages)'],
    ['channels that are not a list', { channels: { arn: CHANNEL } }, 'channels: must be a list'],
    ['a channel ARN of another service', { channels: [{ arn: 'arn:aws:ivs:us-west-2:123456789012:stage/abc' }] }, 'channels[0].arn: must match'],
    ['two keys on one channel', { channels: [{ arn: CHANNEL, streamKeys: [{}, {}] }] }, 'channels[0].streamKeys: IVS allows one stream key per channel (got 2)'],
    ['a key owned by another channel', { channels: [{ arn: CHANNEL, streamKeys: [{ channelArn: `${CHANNEL}x` }] }] }, "channels[0].streamKeys[0].channelArn: must be the owning channel's ARN"],
    ['two open sessions', { channels: [{ arn: CHANNEL, streamSessions: [{ startTime: '2026-11-20T19:00:00Z' }, { startTime: '2026-11-20T20:00:00Z' }] }] }, 'channels[0].streamSessions: at most one session can be open (no endTime); sessions 0, 1 are'],
    ['an open session older than another', { channels: [{ arn: CHANNEL, streamSessions: [{ startTime: '2026-11-20T19:00:00Z' }, { startTime: '2026-11-20T20:00:00Z', endTime: '2026-11-20T21:00:00Z' }] }] }, 'channels[0].streamSessions[0].endTime: is needed: session 1 started later'],
    ['a session that ends before it starts', { channels: [{ arn: CHANNEL, streamSessions: [{ startTime: '2026-11-20T19:00:00Z', endTime: '2026-11-20T18:00:00Z' }] }] }, 'channels[0].streamSessions[0].endTime: is before startTime'],
    ['a duplicate channel', { channels: [{ arn: CHANNEL }, { arn: CHANNEL }] }, `channels[1].arn: channel ${CHANNEL} is already declared at channels[0].arn`],
    ['a session that names its channel', { channels: [{ arn: CHANNEL, streamSessions: [{ channel: {} }] }] }, 'channels[0].streamSessions[0].channel: is not a field of StreamSession'],
    ['a tag value that is not a string', { channels: [{ arn: CHANNEL, tags: { team: 7 } }] }, 'channels[0].tags.team: must be a string'],
  ])('refuses %s, naming the path', (_, world, message) => {
    expect(refusal(world).join('\n')).toContain(message);
  });

  it('says what is wrong with the file itself', () => {
    expect(refusal(file('world.txt', 'channels: []'))).toEqual([": a world file is .json, .yml or .yaml (got '.txt')"]);
    expect(refusal(join(dir, 'missing.yml'))[0]).toMatch(/^: cannot be read: ENOENT/);
    expect(refusal(file('broken.json', '{"channels": [\n  {"arn": }\n]}'))[0]).toMatch(/^: is not valid JSON: /);
    expect(refusal(file('broken.yml', 'channels:\n  - arn: a\n  arn: b\n'))[0]).toMatch(/^ \(line \d\): /);
  });

  it('reads JSON world files too', () => {
    const world = createWorld(loadWorldFile(file('world.json', JSON.stringify({ channels: [{ arn: CHANNEL, type: 'BASIC' }] }))));
    expect(world.channels.get(CHANNEL)?.channel.type).toBe('BASIC');
  });
});

/** A raw EventBridge event of IVS. */
function ivsEvent(detailType: string, detail: Record<string, unknown>, time: string, id = `${detailType} ${JSON.stringify(detail)} ${time}`, resources = [CHANNEL]) {
  return { version: '0', id, 'detail-type': detailType, source: 'aws.ivs', account: '123456789012', time, region: 'us-west-2', resources, detail };
}

const streamState = (name: string, time: string, extra: Record<string, unknown> = {}) =>
  ivsEvent('IVS Stream State Change', { event_name: name, channel_name: 'main-stage', stream_id: STREAM, ...extra }, time);

/** `2026-11-20T19:00:00Z` plus `seconds`. */
const at = (seconds: number) => new Date(Date.parse('2026-11-20T19:00:00Z') + seconds * 1000).toISOString();

describe('applyIvsEvent', () => {
  it('a takeover attack accumulates failures in truncatedEvents, most recent first, at most 500', () => {
    const world = createWorld();
    applyIvsEvent(world, streamState('Stream Start', at(0)));
    const codes = ['StreamTakeoverInvalidPriority', 'StreamTakeoverLimitBreached'];
    for (let i = 1; i <= 600; i += 1) applyIvsEvent(world, streamState('Stream Takeover Failure', at(i), { code: codes[i % 2] }));

    const session = world.channels.get(CHANNEL)!.sessions[0]!;
    expect(session.truncatedEvents).toHaveLength(500);
    expect(session.truncatedEvents[0]).toEqual({ name: 'Stream Takeover Failure', type: 'IVS Stream State Change', eventTime: at(600), code: 'StreamTakeoverInvalidPriority' });
    expect(session.truncatedEvents[499]?.eventTime).toBe(at(101));
    const times = session.truncatedEvents.map((e) => e.eventTime ?? '');
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('keeps events most recent first when they arrive out of order', () => {
    const world = createWorld();
    for (const seconds of [30, 10, 20]) applyIvsEvent(world, streamState('Stream Takeover Failure', at(seconds)));
    expect(world.channels.get(CHANNEL)?.sessions[0]?.truncatedEvents.map((e) => e.eventTime)).toEqual([at(30), at(20), at(10)]);
  });

  it('follows a session: created, live, over', () => {
    const world = createWorld();
    expect(applyIvsEvent(world, streamState('Session Created', at(0)))).toEqual({ applied: true, change: `Session Created on ${STREAM}` });
    const state = world.channels.get(CHANNEL)!;
    expect(state.sessions).toHaveLength(1);
    expect(state.live).toBeUndefined();

    applyIvsEvent(world, streamState('Stream Start', at(1)));
    expect(state.live).toEqual({ streamId: STREAM, startTime: at(1), health: 'HEALTHY', viewerCount: 0 });
    applyIvsEvent(world, ivsEvent('IVS Stream Health Change', { event_name: 'Starvation Start', stream_id: STREAM }, at(5)));
    expect(state.live?.health).toBe('STARVING');

    applyIvsEvent(world, streamState('Stream End', at(60)));
    applyIvsEvent(world, streamState('Session Ended', at(61)));
    expect(state.live).toBeUndefined();
    expect(state.sessions[0]).toMatchObject({ streamId: STREAM, startTime: at(0), endTime: at(60) });
    expect(state.sessions[0]?.truncatedEvents.map((e) => e.name)).toEqual(['Session Ended', 'Stream End', 'Starvation Start', 'Stream Start', 'Session Created']);
  });

  it('creates the channel an event names, with its name and a stream key', () => {
    const world = createWorld();
    applyIvsEvent(world, streamState('Stream Start', at(0)));
    const state = world.channels.get(CHANNEL)!;
    expect(state.channel).toMatchObject({ arn: CHANNEL, name: 'main-stage', type: 'STANDARD' });
    expect(state.streamKeys).toHaveLength(1);
    expect(state.sessions[0]?.channel.name).toBe('main-stage');
  });

  it('a new session closes the one still open', () => {
    const world = createWorld();
    applyIvsEvent(world, streamState('Stream Start', at(0)));
    applyIvsEvent(world, ivsEvent('IVS Stream State Change', { event_name: 'Stream Start', stream_id: 'st-NextSession00000000000' }, at(100)));
    const state = world.channels.get(CHANNEL)!;
    expect(state.sessions.map((s) => [s.streamId, s.endTime])).toEqual([
      [STREAM, at(100)],
      ['st-NextSession00000000000', undefined],
    ]);
    expect(state.live?.streamId).toBe('st-NextSession00000000000');
  });

  it('appends recording and limit events with their own type', () => {
    const world = createWorld();
    applyIvsEvent(world, ivsEvent('IVS Recording State Change', { recording_status: 'Recording Start Failure', stream_id: STREAM }, at(1)));
    applyIvsEvent(world, ivsEvent('IVS Limit Breach', { limit_name: 'Ingest Bitrate', stream_id: STREAM }, at(2)));
    expect(world.channels.get(CHANNEL)?.sessions[0]?.truncatedEvents).toEqual([
      { name: 'Ingest Bitrate', type: 'IVS Limit Breach', eventTime: at(2) },
      { name: 'Recording Start Failure', type: 'IVS Recording State Change', eventTime: at(1) },
    ]);
  });

  it('brings stage participants in and follows them', () => {
    const world = createWorld();
    const stage = 'arn:aws:ivs:us-west-2:123456789012:stage/abcdABCDefgh';
    const update = (name: string, seconds: number) => ivsEvent('IVS Stage Update', { event_name: name, session_id: 'st-a1b2c3d4e5f6g', participant_id: 'abCDEf12GHIj', user_id: 'host-1' }, at(seconds), undefined, [stage]);
    applyIvsEvent(world, update('Participant Published', 1));
    const participant = world.stages.get(stage)?.participants[0];
    const event = (name: string, seconds: number) => ({ name, participantId: 'abCDEf12GHIj', eventTime: at(seconds) });
    expect(participant).toEqual({
      sessionId: 'st-a1b2c3d4e5f6g',
      participantId: 'abCDEf12GHIj',
      userId: 'host-1',
      state: 'CONNECTED',
      published: true,
      firstJoinTime: at(1),
      attributes: {},
      events: [event('JOINED', 1), event('PUBLISH_STARTED', 1)],
    });
    applyIvsEvent(world, update('Participant Unpublished', 2));
    applyIvsEvent(world, ivsEvent('IVS Participant Recording State Change', { event_name: 'Recording Start Failure', session_id: 'st-a1b2c3d4e5f6g', participant_id: 'abCDEf12GHIj' }, at(3), undefined, [stage]));
    // `published` is whether it ever published in the session (the model's wording): unpublishing keeps it.
    expect(participant).toMatchObject({ published: true, recordingState: 'FAILED' });
    expect(participant?.events).toEqual([event('JOINED', 1), event('PUBLISH_STARTED', 1), event('PUBLISH_STOPPED', 2)]);
    expect(world.stages.get(stage)?.stage.activeSessionId).toBe('st-a1b2c3d4e5f6g');
  });

  it.each<[string, unknown, string]>([
    ['an unknown detail-type', ivsEvent('IVS Composition State Change', { event_name: 'Session Start' }, at(0)), "the emulator does not follow 'IVS Composition State Change' events"],
    ['an account-wide limit breach', ivsEvent('IVS Limit Breach', { limit_name: 'Concurrent Broadcasts' }, at(0), 'x', []), 'no channel ARN in resources[0]'],
    ['an event without a time', { ...streamState('Stream Start', at(0)), time: 'soon' }, 'no valid time'],
    ['something that is not an event', 'Stream Start', 'not an EventBridge event with a detail'],
  ])('ignores %s', (_, event, reason) => {
    const world = createWorld();
    expect(applyIvsEvent(world, event)).toEqual({ applied: false, reason });
    expect(world.channels.size + world.stages.size).toBe(0);
  });

  it('applies a duplicate delivery (same id) once', () => {
    const world = createWorld();
    const event = streamState('Stream Takeover Failure', at(0));
    applyIvsEvent(world, event);
    expect(applyIvsEvent(world, event)).toEqual({ applied: false, reason: `event ${event.id} was already applied` });
    expect(world.channels.get(CHANNEL)?.sessions[0]?.truncatedEvents).toHaveLength(1);
  });

  it('depends only on the world and the events', () => {
    const events = [streamState('Session Created', at(0)), streamState('Stream Start', at(1)), streamState('Stream Takeover Failure', at(9), { code: 'StreamTakeoverMediaMismatch' })];
    const follow = (seed: WorldFile) => {
      const world = createWorld(seed, { seed: 99, clock: () => new Date(0) });
      for (const event of events) applyIvsEvent(world, event);
      return JSON.stringify([...world.channels]);
    };
    expect(follow({})).toBe(follow({}));
  });
});
