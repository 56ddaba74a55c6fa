/**
 * The emulator through the real @aws-sdk/client-ivs-realtime: stage participants, their events, stages
 * and stage sessions, and the path the two APIs share (`/tags/{resourceArn}`) routed by the ARN.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DisconnectParticipantCommand,
  GetParticipantCommand,
  GetStageCommand,
  GetStageSessionCommand,
  IVSRealTimeClient,
  ListParticipantEventsCommand,
  ListParticipantsCommand,
  ListStageSessionsCommand,
  ListStagesCommand,
  ListTagsForResourceCommand,
  paginateListParticipantEvents,
  paginateListParticipants,
} from '@aws-sdk/client-ivs-realtime';
import type { Event, ParticipantSummary } from '@aws-sdk/client-ivs-realtime';
import { IvsClient, ListTagsForResourceCommand as IvsListTagsForResourceCommand } from '@aws-sdk/client-ivs';
import type { Emulator, WorldFile } from '../../local/emulator/index.ts';
import { applyIvsEvent, startEmulator } from '../../local/emulator/index.ts';

const STAGE = 'arn:aws:ivs:us-west-2:123456789012:stage/TownHall0001';
const CHANNEL = 'arn:aws:ivs:us-west-2:123456789012:channel/abcdABCDefgh';
const NOW = '2026-11-20T20:00:00.000Z';
const WORLD: WorldFile = {
  channels: [{ arn: CHANNEL, tags: { owner: 'channel' } }],
  stages: [
    {
      arn: STAGE,
      tags: { owner: 'stage' },
      participants: [
        { sessionId: 'st-TownHallSess1', participantId: 'HostParticipant1', userId: 'host-1', published: true, attributes: { role: 'host' } },
        { sessionId: 'st-TownHallSess1', participantId: 'GuestPart0002', userId: 'guest-2', firstJoinTime: '2026-11-20T19:00:00Z' },
        { sessionId: 'st-TownHallSess1', participantId: 'GuestPart0003', userId: 'guest-3', firstJoinTime: '2026-11-20T19:01:00Z' },
      ],
    },
  ],
};

let emulator: Emulator;
let realtime: IVSRealTimeClient;

beforeEach(async () => {
  emulator = await startEmulator({ world: WORLD, clock: () => new Date(NOW) });
  realtime = new IVSRealTimeClient({ endpoint: emulator.url, region: 'us-west-2', credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, maxAttempts: 1 });
});

afterEach(async () => {
  realtime.destroy();
  await emulator.stop();
});

it('GetParticipant returns the participant as the world declares it', async () => {
  const { participant } = await realtime.send(new GetParticipantCommand({ stageArn: STAGE, sessionId: 'st-TownHallSess1', participantId: 'HostParticipant1' }));
  expect(participant).toEqual({ participantId: 'HostParticipant1', userId: 'host-1', state: 'CONNECTED', published: true, attributes: { role: 'host' }, firstJoinTime: new Date(NOW) });
});

it('DisconnectParticipant marks the participant DISCONNECTED and records the action', async () => {
  await realtime.send(new DisconnectParticipantCommand({ stageArn: STAGE, participantId: 'HostParticipant1', reason: 'policy: stage-abuse' }));
  const { participant } = await realtime.send(new GetParticipantCommand({ stageArn: STAGE, sessionId: 'st-TownHallSess1', participantId: 'HostParticipant1' }));
  // `published`: whether it ever published in the session, which leaving does not undo.
  expect(participant).toMatchObject({ state: 'DISCONNECTED', published: true });
  expect(emulator.world.actions).toEqual([
    { operation: 'DisconnectParticipant', target: STAGE, time: NOW, detail: { participantId: 'HostParticipant1', sessionId: 'st-TownHallSess1', reason: 'policy: stage-abuse' } },
  ]);
});

it('finds participants that replayed stage events brought in', async () => {
  applyIvsEvent(emulator.world, {
    id: 'e1',
    'detail-type': 'IVS Stage Update',
    source: 'aws.ivs',
    time: '2026-11-20T18:00:12Z',
    resources: ['arn:aws:ivs:us-west-2:123456789012:stage/NewStage0001'],
    detail: { session_id: 'st-NewStageSess1', event_name: 'Participant Published', user_id: 'guest-9', participant_id: 'GuestNine' },
  });
  const { participant } = await realtime.send(new GetParticipantCommand({ stageArn: 'arn:aws:ivs:us-west-2:123456789012:stage/NewStage0001', sessionId: 'st-NewStageSess1', participantId: 'GuestNine' }));
  expect(participant).toMatchObject({ userId: 'guest-9', state: 'CONNECTED', published: true, firstJoinTime: new Date('2026-11-20T18:00:12Z') });
});

it('routes /tags/{resourceArn}, which both APIs declare, by the resource the ARN names', async () => {
  expect((await realtime.send(new ListTagsForResourceCommand({ resourceArn: STAGE }))).tags).toEqual({ owner: 'stage' });
  const ivs = new IvsClient({ endpoint: emulator.url, region: 'us-west-2', credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, maxAttempts: 1 });
  expect((await ivs.send(new IvsListTagsForResourceCommand({ resourceArn: CHANNEL }))).tags).toEqual({ owner: 'channel' });
  ivs.destroy();
  expect(emulator.calls.records.filter((r) => r.operation === 'ListTagsForResource').map((r) => r.service)).toEqual(['ivs-realtime', 'ivs']);
});

const SESSION = 'st-TownHallSess1';

/** A raw `IVS Stage Update` of the town hall's session, as EventBridge delivers it. */
function stageUpdate(name: string, participantId: string, time: string, extra: Record<string, unknown> = {}) {
  return {
    id: `${name} ${participantId} ${time}`,
    'detail-type': 'IVS Stage Update',
    source: 'aws.ivs',
    time,
    resources: [STAGE],
    detail: { session_id: SESSION, event_name: name, participant_id: participantId, user_id: 'guest-2', event_time: time, ...extra },
  };
}

async function allEvents(participantId: string): Promise<Event[]> {
  const events: Event[] = [];
  for await (const page of paginateListParticipantEvents({ client: realtime, pageSize: 2 }, { stageArn: STAGE, sessionId: SESSION, participantId })) events.push(...(page.events ?? []));
  return events;
}

describe('participants and their events, as the SDK reads them', () => {
  it('ListParticipants filters by one field, and the paginator follows nextToken to the end', async () => {
    const { participants } = await realtime.send(new ListParticipantsCommand({ stageArn: STAGE, sessionId: SESSION, filterByPublished: true }));
    expect(participants?.map((p) => p.participantId)).toEqual(['HostParticipant1']);

    const all: ParticipantSummary[] = [];
    for await (const page of paginateListParticipants({ client: realtime, pageSize: 2 }, { stageArn: STAGE, sessionId: SESSION })) all.push(...(page.participants ?? []));
    expect(all.map((p) => p.participantId)).toEqual(['HostParticipant1', 'GuestPart0002', 'GuestPart0003']);
    expect(emulator.calls.of('ListParticipants')).toHaveLength(3);
  });

  it('ListParticipants with two filters is a ValidationException whose message names them', async () => {
    const call = realtime.send(new ListParticipantsCommand({ stageArn: STAGE, sessionId: SESSION, filterByUserId: 'host-1', filterByState: 'CONNECTED' }));
    await expect(call).rejects.toMatchObject({ name: 'ValidationException', message: expect.stringContaining('(got filterByUserId and filterByState)') as string, $metadata: { httpStatusCode: 400 } });
  });

  it('the world follows the events: published, PUBLISH_STARTED, PUBLISH_ERROR with its code; a disconnect leaves it DISCONNECTED with LEFT', async () => {
    applyIvsEvent(emulator.world, stageUpdate('Participant Publish Error', 'GuestPart0002', '2026-11-20T19:10:00Z', { error_code: 'INSUFFICIENT_CAPABILITIES' }));
    applyIvsEvent(emulator.world, stageUpdate('Participant Published', 'GuestPart0002', '2026-11-20T19:10:05Z'));
    expect((await realtime.send(new GetParticipantCommand({ stageArn: STAGE, sessionId: SESSION, participantId: 'GuestPart0002' }))).participant).toMatchObject({ state: 'CONNECTED', published: true });

    await realtime.send(new DisconnectParticipantCommand({ stageArn: STAGE, participantId: 'GuestPart0002', reason: 'your token does not allow publishing' }));

    expect((await realtime.send(new GetParticipantCommand({ stageArn: STAGE, sessionId: SESSION, participantId: 'GuestPart0002' }))).participant).toMatchObject({ state: 'DISCONNECTED', published: true });
    expect(await allEvents('GuestPart0002')).toEqual([
      { name: 'JOINED', participantId: 'GuestPart0002', eventTime: new Date('2026-11-20T19:00:00Z') },
      { name: 'PUBLISH_ERROR', participantId: 'GuestPart0002', eventTime: new Date('2026-11-20T19:10:00Z'), errorCode: 'INSUFFICIENT_CAPABILITIES' },
      { name: 'PUBLISH_STARTED', participantId: 'GuestPart0002', eventTime: new Date('2026-11-20T19:10:05Z') },
      { name: 'LEFT', participantId: 'GuestPart0002', eventTime: new Date(NOW) },
    ]);
    const disconnected = await realtime.send(new ListParticipantsCommand({ stageArn: STAGE, sessionId: SESSION, filterByState: 'DISCONNECTED' }));
    expect(disconnected.participants?.map((p) => p.participantId)).toEqual(['GuestPart0002']);
  });

  it('ListParticipantEvents of a participant the world does not know answers no events', async () => {
    expect((await realtime.send(new ListParticipantEventsCommand({ stageArn: STAGE, sessionId: SESSION, participantId: 'Nobody' }))).events).toEqual([]);
  });
});

describe('stages and stage sessions, as the SDK reads them', () => {
  it('GetStage and ListStages answer the stage with its active session', async () => {
    const { stage } = await realtime.send(new GetStageCommand({ arn: STAGE }));
    expect(stage).toMatchObject({ arn: STAGE, name: 'TownHall0001', activeSessionId: SESSION, tags: { owner: 'stage' }, endpoints: { events: 'wss://global.events.live-video.net' } });
    expect((await realtime.send(new ListStagesCommand({}))).stages).toEqual([{ arn: STAGE, name: 'TownHall0001', activeSessionId: SESSION, tags: { owner: 'stage' } }]);
  });

  it('GetStageSession and ListStageSessions answer the session its participants imply, going on', async () => {
    const session = { sessionId: SESSION, startTime: new Date('2026-11-20T19:00:00Z') };
    expect((await realtime.send(new GetStageSessionCommand({ stageArn: STAGE, sessionId: SESSION }))).stageSession).toEqual(session);
    expect((await realtime.send(new ListStageSessionsCommand({ stageArn: STAGE }))).stageSessions).toEqual([session]);
  });

  it('GetStageSession of an unknown session is a ResourceNotFoundException (404) naming it', async () => {
    const call = realtime.send(new GetStageSessionCommand({ stageArn: STAGE, sessionId: 'st-NoSuchSession' }));
    await expect(call).rejects.toMatchObject({ name: 'ResourceNotFoundException', message: `Stage session not found: st-NoSuchSession of ${STAGE}`, $metadata: { httpStatusCode: 404 } });
  });
});
