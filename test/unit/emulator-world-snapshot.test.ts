/**
 * snapshotWorld: a world written back as a world file, which seeds a world that answers the same.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { EmulatorWorld } from '../../local/emulator/index.ts';
import { applyIvsEvent, createWorld, loadWorldFile, snapshotWorld } from '../../local/emulator/index.ts';
import { OPERATIONS } from '../../local/emulator/operations/index.ts';
import type { ServiceName } from '../../local/emulator/model.ts';

const NOW = () => new Date('2026-11-21T00:00:00Z');
const LIVE = 'arn:aws:ivs:us-west-2:123456789012:channel/LiveChannel01';
const LEAKY = 'arn:aws:ivs:us-west-2:123456789012:channel/LeakyChannel1';
const STAGE = 'arn:aws:ivs:us-west-2:123456789012:stage/TownHall0001';

/** The operation's answer as it goes on the wire (JSON), or the error it throws, by name. */
function ask(world: EmulatorWorld, service: ServiceName, operation: string, input: Record<string, unknown>): unknown {
  const handler = OPERATIONS[service][operation];
  if (!handler) throw new Error(`no operation ${operation}`);
  try {
    return JSON.parse(JSON.stringify(handler(world, input) ?? {})) as unknown;
  } catch (error) {
    return { error: (error as { errorType?: string }).errorType ?? String(error) };
  }
}

/** The conformance world after a day: replayed events, a rotated key, a stopped stream, a disconnected participant. */
function worldAfterADay(): EmulatorWorld {
  const world = createWorld(loadWorldFile('events/worlds/conformance.yml'), { clock: NOW });
  for (const line of readFileSync('events/scenarios/01-stream-key-leak.jsonl', 'utf8').split('\n').filter(Boolean)) applyIvsEvent(world, JSON.parse(line));
  applyIvsEvent(world, {
    id: 'stage-event-1',
    'detail-type': 'IVS Stage Update',
    time: '2026-11-20T18:30:00Z',
    resources: [STAGE],
    detail: { event_name: 'Participant Published', session_id: 'st-TownHallSess1', participant_id: 'NewSpeaker0003', user_id: 'speaker-3' },
  });
  const [key] = (ask(world, 'ivs', 'ListStreamKeys', { channelArn: LEAKY }) as { streamKeys: { arn: string }[] }).streamKeys;
  ask(world, 'ivs', 'DeleteStreamKey', { arn: key!.arn });
  ask(world, 'ivs', 'CreateStreamKey', { channelArn: LEAKY });
  ask(world, 'ivs', 'StopStream', { channelArn: LIVE });
  ask(world, 'ivs-realtime', 'DisconnectParticipant', { stageArn: STAGE, participantId: 'HostParticipant1', reason: 'test' });
  return world;
}

/** Saved as the state directory saves it (JSON), then seeded as `--world` seeds it. */
function reseeded(world: EmulatorWorld): EmulatorWorld {
  const saved: unknown = JSON.parse(JSON.stringify(snapshotWorld(world)));
  return createWorld(loadWorldFile(saved), { clock: NOW });
}

/** Every question a world can be asked about what it holds, with its answer. */
function answers(world: EmulatorWorld): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [channelArn, state] of world.channels) {
    out[`GetChannel ${channelArn}`] = ask(world, 'ivs', 'GetChannel', { arn: channelArn });
    out[`GetStreamSession ${channelArn} (latest)`] = ask(world, 'ivs', 'GetStreamSession', { channelArn });
    out[`ListStreamSessions ${channelArn}`] = ask(world, 'ivs', 'ListStreamSessions', { channelArn });
    for (const { streamId } of state.sessions) out[`GetStreamSession ${channelArn} ${streamId}`] = ask(world, 'ivs', 'GetStreamSession', { channelArn, streamId });
    for (const { arn } of state.streamKeys) out[`GetStreamKey ${arn}`] = ask(world, 'ivs', 'GetStreamKey', { arn });
  }
  out.ListStages = ask(world, 'ivs-realtime', 'ListStages', {});
  for (const [stageArn, state] of world.stages) {
    out[`GetStage ${stageArn}`] = ask(world, 'ivs-realtime', 'GetStage', { arn: stageArn });
    out[`ListStageSessions ${stageArn}`] = ask(world, 'ivs-realtime', 'ListStageSessions', { stageArn });
    for (const { sessionId } of state.sessions) {
      out[`GetStageSession ${stageArn} ${sessionId}`] = ask(world, 'ivs-realtime', 'GetStageSession', { stageArn, sessionId });
      out[`ListParticipants ${stageArn} ${sessionId}`] = ask(world, 'ivs-realtime', 'ListParticipants', { stageArn, sessionId });
    }
    for (const { sessionId, participantId } of state.participants) {
      out[`GetParticipant ${stageArn} ${sessionId} ${participantId}`] = ask(world, 'ivs-realtime', 'GetParticipant', { stageArn, sessionId, participantId });
      out[`ListParticipantEvents ${stageArn} ${sessionId} ${participantId}`] = ask(world, 'ivs-realtime', 'ListParticipantEvents', { stageArn, sessionId, participantId });
    }
  }
  return out;
}

describe('snapshotWorld', () => {
  const world = worldAfterADay();
  const again = reseeded(world);

  it('seeds a world with the same GetStreamSession answers, for every session and the latest', () => {
    const sessionAnswers = (w: EmulatorWorld) => Object.fromEntries(Object.entries(answers(w)).filter(([question]) => question.startsWith('GetStreamSession')));

    // LiveChannel01: 2 sessions and the latest; PrivateShow01: the latest (none); LeakyChannel1: 1 and the latest.
    expect(Object.keys(sessionAnswers(world))).toHaveLength(6);
    expect(sessionAnswers(again)).toEqual(sessionAnswers(world));
    // The replayed takeover failures are in the saved session, most recent first.
    const leak = sessionAnswers(again)[`GetStreamSession ${LEAKY} st-LeakyStream00000000000a`] as { streamSession: { truncatedEvents: { name: string }[] } };
    expect(leak.streamSession.truncatedEvents.map((e) => e.name)).toEqual(['Stream Takeover Failure', 'Stream Takeover Failure', 'Stream Takeover Failure', 'Stream Start', 'Session Created']);
  });

  it('seeds a world with the same channels, keys, session lists, stages, stage sessions, participants and their events', () => {
    expect(answers(again)).toEqual(answers(world));
    expect(answers(world)[`GetParticipant ${STAGE} st-TownHallSess1 HostParticipant1`]).toMatchObject({ participant: { state: 'DISCONNECTED', published: true } });
    const events = answers(again)[`ListParticipantEvents ${STAGE} st-TownHallSess1 HostParticipant1`] as { events: { name: string; eventTime: string }[] };
    expect(events.events.at(-1)).toEqual({ name: 'LEFT', participantId: 'HostParticipant1', eventTime: '2026-11-21T00:00:00.000Z' });
    const joined = answers(again)[`ListParticipantEvents ${STAGE} st-TownHallSess1 NewSpeaker0003`] as { events: { name: string }[] };
    expect(joined.events.map((e) => e.name)).toEqual(['JOINED', 'PUBLISH_STARTED']);
  });

  it('is a fixpoint: the reseeded world snapshots the same', () => {
    expect(snapshotWorld(again)).toEqual(snapshotWorld(world));
  });

  it('keeps the rotated key with its value, and leaves out what a world file does not hold', () => {
    const leaky = snapshotWorld(world).channels?.find((c) => c.arn === LEAKY);

    expect(leaky?.streamKeys).toEqual([{ arn: expect.stringMatching(/:stream-key\//) as string, value: expect.stringMatching(/^sk_us-west-2_/) as string, channelArn: LEAKY, tags: {} }]);
    expect(leaky?.streamSessions?.[0]).not.toHaveProperty('channel');
  });

  it.each([
    [
      'a session a malformed event opened (stream id too short)',
      (w: EmulatorWorld) => applyIvsEvent(w, { id: 'bad-1', 'detail-type': 'IVS Stream State Change', time: '2026-11-20T10:00:00Z', resources: [LIVE], detail: { event_name: 'Stream Start', stream_id: 'st-short' } }),
      /^channels\[0\]\.streamSessions\[1\] \(st-short\): streamId must be 26 characters long/,
    ],
    [
      'a stream key whose ARN another channel\'s key has',
      (w: EmulatorWorld) => w.ensureChannel(LEAKY).streamKeys.splice(0, 1, { ...w.channels.get(LIVE)!.streamKeys[0]!, channelArn: LEAKY }),
      /^channels\[2\]\.streamKeys\[0\] \(arn:aws:ivs:us-west-2:123456789012:stream-key\/LiveKey00001\): arn stream key .* is already declared at channels\[0\]\.streamKeys\[0\]\.arn/,
    ],
  ])('leaves out what a world file cannot hold, and says so: %s', (_, spoil, said) => {
    const spoilt = worldAfterADay();
    spoil(spoilt);
    const leftOut: string[] = [];

    const snapshot = snapshotWorld(spoilt, (what) => leftOut.push(what));

    expect(leftOut).toEqual([expect.stringMatching(said) as string]);
    expect(() => loadWorldFile(snapshot)).not.toThrow();
  });

  it('gives an empty world file for an empty world', () => {
    expect(snapshotWorld(createWorld())).toEqual({ channels: [], stages: [] });
  });
});
