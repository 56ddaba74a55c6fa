/**
 * The emulator through the real @aws-sdk/client-ivs-realtime: stage participants, and the path the
 * two APIs share (`/tags/{resourceArn}`) routed by the ARN.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { DisconnectParticipantCommand, GetParticipantCommand, IVSRealTimeClient, ListTagsForResourceCommand } from '@aws-sdk/client-ivs-realtime';
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
      participants: [{ sessionId: 'st-TownHallSess1', participantId: 'HostParticipant1', userId: 'host-1', published: true, attributes: { role: 'host' } }],
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
