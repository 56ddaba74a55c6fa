/**
 * Every error every operation can return, through the real SDK clients: the ones the world produces
 * (not found, not broadcasting, one key per channel, invalid input) and, through `failNext`, every
 * other error shape the API model lists for the operation, each with the model's HTTP status.
 */
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Ivs from '@aws-sdk/client-ivs';
import * as Realtime from '@aws-sdk/client-ivs-realtime';
import type { Emulator } from '../../local/emulator/index.ts';
import { startEmulator } from '../../local/emulator/index.ts';
import { MODELS } from '../../local/emulator/model.ts';
import type { ServiceName } from '../../local/emulator/model.ts';

const LIVE = 'arn:aws:ivs:us-west-2:123456789012:channel/LiveChannel01';
const PRIVATE = 'arn:aws:ivs:us-west-2:123456789012:channel/PrivateShow01';
const MISSING = 'arn:aws:ivs:us-west-2:123456789012:channel/NoSuchChannel';
const KEY = 'arn:aws:ivs:us-west-2:123456789012:stream-key/LiveKey00001';
const STAGE = 'arn:aws:ivs:us-west-2:123456789012:stage/TownHall0001';
const RECORDING = 'arn:aws:ivs:us-west-2:123456789012:recording-configuration/RecordCfg001';
const POLICY = 'arn:aws:ivs:us-west-2:123456789012:playback-restriction-policy/RestrictPol1';
const KEY_PAIR = 'arn:aws:ivs:us-west-2:123456789012:playback-key/NoSuchKeyPair';
const PARTICIPANT = { stageArn: STAGE, sessionId: 'st-TownHallSess1', participantId: 'HostParticipant1' };

let emulator: Emulator;
let ivs: Ivs.IvsClient;
let realtime: Realtime.IVSRealTimeClient;

beforeAll(async () => {
  emulator = await startEmulator({ world: resolve('events/worlds/conformance.yml') });
  const config = { endpoint: emulator.url, region: 'us-west-2', credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, maxAttempts: 1 };
  ivs = new Ivs.IvsClient(config);
  realtime = new Realtime.IVSRealTimeClient(config);
});

afterAll(async () => {
  ivs.destroy();
  realtime.destroy();
  await emulator.stop();
});

async function failure(call: Promise<unknown>): Promise<{ name: string; status: number | undefined }> {
  try {
    await call;
  } catch (error) {
    const e = error as { name: string; $metadata?: { httpStatusCode?: number } };
    return { name: e.name, status: e.$metadata?.httpStatusCode };
  }
  throw new Error('the call succeeded');
}

/** A call of each operation that would succeed on the conformance world. */
const VALID_CALLS: Record<string, [ServiceName, () => Promise<unknown>]> = {
  GetStreamSession: ['ivs', () => ivs.send(new Ivs.GetStreamSessionCommand({ channelArn: LIVE }))],
  ListStreamSessions: ['ivs', () => ivs.send(new Ivs.ListStreamSessionsCommand({ channelArn: LIVE }))],
  StopStream: ['ivs', () => ivs.send(new Ivs.StopStreamCommand({ channelArn: LIVE }))],
  GetStream: ['ivs', () => ivs.send(new Ivs.GetStreamCommand({ channelArn: LIVE }))],
  ListStreams: ['ivs', () => ivs.send(new Ivs.ListStreamsCommand({}))],
  GetChannel: ['ivs', () => ivs.send(new Ivs.GetChannelCommand({ arn: LIVE }))],
  BatchGetChannel: ['ivs', () => ivs.send(new Ivs.BatchGetChannelCommand({ arns: [LIVE] }))],
  ListStreamKeys: ['ivs', () => ivs.send(new Ivs.ListStreamKeysCommand({ channelArn: LIVE }))],
  GetStreamKey: ['ivs', () => ivs.send(new Ivs.GetStreamKeyCommand({ arn: KEY }))],
  CreateStreamKey: ['ivs', () => ivs.send(new Ivs.CreateStreamKeyCommand({ channelArn: PRIVATE }))],
  DeleteStreamKey: ['ivs', () => ivs.send(new Ivs.DeleteStreamKeyCommand({ arn: KEY }))],
  PutMetadata: ['ivs', () => ivs.send(new Ivs.PutMetadataCommand({ channelArn: LIVE, metadata: 'hello' }))],
  BatchStartViewerSessionRevocation: ['ivs', () => ivs.send(new Ivs.BatchStartViewerSessionRevocationCommand({ viewerSessions: [{ channelArn: PRIVATE, viewerId: 'v' }] }))],
  StartViewerSessionRevocation: ['ivs', () => ivs.send(new Ivs.StartViewerSessionRevocationCommand({ channelArn: PRIVATE, viewerId: 'v' }))],
  ListTagsForResource: ['ivs', () => ivs.send(new Ivs.ListTagsForResourceCommand({ resourceArn: LIVE }))],
  GetParticipant: ['ivs-realtime', () => realtime.send(new Realtime.GetParticipantCommand(PARTICIPANT))],
  DisconnectParticipant: ['ivs-realtime', () => realtime.send(new Realtime.DisconnectParticipantCommand({ stageArn: STAGE, participantId: 'HostParticipant1' }))],
  ListParticipants: ['ivs-realtime', () => realtime.send(new Realtime.ListParticipantsCommand({ stageArn: STAGE, sessionId: PARTICIPANT.sessionId }))],
  ListParticipantEvents: ['ivs-realtime', () => realtime.send(new Realtime.ListParticipantEventsCommand(PARTICIPANT))],
  GetStage: ['ivs-realtime', () => realtime.send(new Realtime.GetStageCommand({ arn: STAGE }))],
  ListStages: ['ivs-realtime', () => realtime.send(new Realtime.ListStagesCommand({}))],
  GetStageSession: ['ivs-realtime', () => realtime.send(new Realtime.GetStageSessionCommand({ stageArn: STAGE, sessionId: PARTICIPANT.sessionId }))],
  ListStageSessions: ['ivs-realtime', () => realtime.send(new Realtime.ListStageSessionsCommand({ stageArn: STAGE }))],
  'realtime ListTagsForResource': ['ivs-realtime', () => realtime.send(new Realtime.ListTagsForResourceCommand({ resourceArn: STAGE }))],
  TagResource: ['ivs', () => ivs.send(new Ivs.TagResourceCommand({ resourceArn: LIVE, tags: { guard: 'off' } }))],
  UntagResource: ['ivs', () => ivs.send(new Ivs.UntagResourceCommand({ resourceArn: LIVE, tagKeys: ['guard'] }))],
  'realtime TagResource': ['ivs-realtime', () => realtime.send(new Realtime.TagResourceCommand({ resourceArn: STAGE, tags: { guard: 'off' } }))],
  'realtime UntagResource': ['ivs-realtime', () => realtime.send(new Realtime.UntagResourceCommand({ resourceArn: STAGE, tagKeys: ['guard'] }))],
  ListChannels: ['ivs', () => ivs.send(new Ivs.ListChannelsCommand({}))],
  ListRecordingConfigurations: ['ivs', () => ivs.send(new Ivs.ListRecordingConfigurationsCommand({}))],
  GetRecordingConfiguration: ['ivs', () => ivs.send(new Ivs.GetRecordingConfigurationCommand({ arn: RECORDING }))],
  ListPlaybackRestrictionPolicies: ['ivs', () => ivs.send(new Ivs.ListPlaybackRestrictionPoliciesCommand({}))],
  GetPlaybackRestrictionPolicy: ['ivs', () => ivs.send(new Ivs.GetPlaybackRestrictionPolicyCommand({ arn: POLICY }))],
  ListPlaybackKeyPairs: ['ivs', () => ivs.send(new Ivs.ListPlaybackKeyPairsCommand({}))],
  // No world holds a playback key pair: only the injected errors are checked with this one.
  GetPlaybackKeyPair: ['ivs', () => ivs.send(new Ivs.GetPlaybackKeyPairCommand({ arn: KEY_PAIR }))],
};

/** [operation, error type, the model's status] for every error shape every operation lists. */
const MODELLED_ERRORS = Object.entries(VALID_CALLS).flatMap(([name, [service]]) => {
  const operation = name.replace('realtime ', '');
  const model = MODELS[service];
  return (model.operations[operation]?.errors ?? []).map((type) => [name, type, model.shapes[type]?.error?.httpStatusCode] as const);
});

describe('errors the model lists, injected', () => {
  it('covers every operation the emulator serves', () => {
    const served = Object.values(MODELS).flatMap((m) => Object.keys(m.operations));
    expect(new Set(Object.keys(VALID_CALLS).map((n) => n.replace('realtime ', '')))).toEqual(new Set(served));
    expect(MODELLED_ERRORS.length).toBeGreaterThan(60);
  });

  it.each(MODELLED_ERRORS)('%s answers %s with status %i', async (name, type, status) => {
    const [, call] = VALID_CALLS[name]!;
    emulator.failNext(name.replace('realtime ', ''), type);
    expect(await failure(call())).toEqual({ name: type, status });
  });

  it('throttles operations whose model does not list ThrottlingException too (429)', async () => {
    emulator.failNext('GetStreamSession', 'ThrottlingException');
    expect(await failure(VALID_CALLS.GetStreamSession![1]())).toEqual({ name: 'ThrottlingException', status: 429 });
  });

  it('refuses to inject what no model has', () => {
    expect(() => emulator.failNext('GetStreamSession', 'TeapotException')).toThrow(/no model has an error TeapotException/);
    expect(() => emulator.failNext('CreateChannel', 'ValidationException')).toThrow(/serves no operation CreateChannel/);
  });
});

describe('errors the world and the input produce', () => {
  it.each([
    ['GetStreamSession on an unknown channel', () => ivs.send(new Ivs.GetStreamSessionCommand({ channelArn: MISSING })), 'ResourceNotFoundException', 404],
    ['GetStreamSession on a channel that never streamed', () => ivs.send(new Ivs.GetStreamSessionCommand({ channelArn: PRIVATE })), 'ResourceNotFoundException', 404],
    ['GetStreamSession of an unknown session', () => ivs.send(new Ivs.GetStreamSessionCommand({ channelArn: LIVE, streamId: 'st-NoSuchSession0000000000' })), 'ResourceNotFoundException', 404],
    ['GetStreamSession with a 25-character streamId', () => ivs.send(new Ivs.GetStreamSessionCommand({ channelArn: LIVE, streamId: 'st-NoSuchSession000000000' })), 'ValidationException', 400],
    ['GetStreamSession with a stage ARN', () => ivs.send(new Ivs.GetStreamSessionCommand({ channelArn: STAGE })), 'ValidationException', 400],
    ['GetChannel without its arn', () => ivs.send(new Ivs.GetChannelCommand({} as Ivs.GetChannelCommandInput)), 'ValidationException', 400],
    ['GetChannel of an unknown channel', () => ivs.send(new Ivs.GetChannelCommand({ arn: MISSING })), 'ResourceNotFoundException', 404],
    ['BatchGetChannel of 51 channels', () => ivs.send(new Ivs.BatchGetChannelCommand({ arns: Array.from({ length: 51 }, () => LIVE) })), 'ValidationException', 400],
    ['ListStreamSessions with a forged nextToken', () => ivs.send(new Ivs.ListStreamSessionsCommand({ channelArn: LIVE, nextToken: 'Zm9yZ2Vk' })), 'ValidationException', 400],
    ['ListStreamSessions with maxResults 101', () => ivs.send(new Ivs.ListStreamSessionsCommand({ channelArn: LIVE, maxResults: 101 })), 'ValidationException', 400],
    ['ListStreams with an unknown health', () => ivs.send(new Ivs.ListStreamsCommand({ filterBy: { health: 'SICK' as Ivs.StreamHealth } })), 'ValidationException', 400],
    ['GetStream of an offline channel', () => ivs.send(new Ivs.GetStreamCommand({ channelArn: PRIVATE })), 'ChannelNotBroadcasting', 404],
    ['StopStream of an offline channel', () => ivs.send(new Ivs.StopStreamCommand({ channelArn: PRIVATE })), 'ChannelNotBroadcasting', 404],
    ['StopStream of an unknown channel', () => ivs.send(new Ivs.StopStreamCommand({ channelArn: MISSING })), 'ResourceNotFoundException', 404],
    ['PutMetadata on an offline channel', () => ivs.send(new Ivs.PutMetadataCommand({ channelArn: PRIVATE, metadata: 'x' })), 'ChannelNotBroadcasting', 404],
    ['PutMetadata of nothing', () => ivs.send(new Ivs.PutMetadataCommand({ channelArn: LIVE, metadata: '' })), 'ValidationException', 400],
    ['PutMetadata of 1025 bytes', () => ivs.send(new Ivs.PutMetadataCommand({ channelArn: LIVE, metadata: 'x'.repeat(1025) })), 'ValidationException', 400],
    ['CreateStreamKey on a channel that has one', () => ivs.send(new Ivs.CreateStreamKeyCommand({ channelArn: LIVE })), 'ServiceQuotaExceededException', 402],
    ['CreateStreamKey on an unknown channel', () => ivs.send(new Ivs.CreateStreamKeyCommand({ channelArn: MISSING })), 'ResourceNotFoundException', 404],
    ['DeleteStreamKey of an unknown key', () => ivs.send(new Ivs.DeleteStreamKeyCommand({ arn: KEY.replace('LiveKey00001', 'NoSuchKey001') })), 'ResourceNotFoundException', 404],
    ['GetStreamKey with a channel ARN', () => ivs.send(new Ivs.GetStreamKeyCommand({ arn: LIVE })), 'ValidationException', 400],
    ['ListStreamKeys of an unknown channel', () => ivs.send(new Ivs.ListStreamKeysCommand({ channelArn: MISSING })), 'ResourceNotFoundException', 404],
    ['StartViewerSessionRevocation on an unknown channel', () => ivs.send(new Ivs.StartViewerSessionRevocationCommand({ channelArn: MISSING, viewerId: 'v' })), 'ResourceNotFoundException', 404],
    ['StartViewerSessionRevocation of an empty viewerId', () => ivs.send(new Ivs.StartViewerSessionRevocationCommand({ channelArn: PRIVATE, viewerId: '' })), 'ValidationException', 400],
    ['ListTagsForResource of an unknown resource', () => ivs.send(new Ivs.ListTagsForResourceCommand({ resourceArn: MISSING })), 'ResourceNotFoundException', 404],
    ['ListTagsForResource of something not an ARN', () => ivs.send(new Ivs.ListTagsForResourceCommand({ resourceArn: 'my-channel' })), 'ValidationException', 400],
    ['TagResource of an unknown channel', () => ivs.send(new Ivs.TagResourceCommand({ resourceArn: MISSING, tags: { guard: 'off' } })), 'ResourceNotFoundException', 404],
    ['TagResource past 50 tags', () => ivs.send(new Ivs.TagResourceCommand({ resourceArn: LIVE, tags: Object.fromEntries(Array.from({ length: 49 }, (_, i) => [`k${i}`, 'v'])) })), 'ValidationException', 400],
    ['UntagResource of an unknown stage', () => realtime.send(new Realtime.UntagResourceCommand({ resourceArn: `${STAGE}x`, tagKeys: ['guard'] })), 'ResourceNotFoundException', 404],
    ['ListChannels with two filters', () => ivs.send(new Ivs.ListChannelsCommand({ filterByName: 'live', filterByRecordingConfigurationArn: RECORDING })), 'ConflictException', 409],
    ['ListChannels with maxResults 101', () => ivs.send(new Ivs.ListChannelsCommand({ maxResults: 101 })), 'ValidationException', 400],
    ['ListChannels with a forged nextToken', () => ivs.send(new Ivs.ListChannelsCommand({ nextToken: 'Zm9yZ2Vk' })), 'ValidationException', 400],
    ['GetRecordingConfiguration no channel names', () => ivs.send(new Ivs.GetRecordingConfigurationCommand({ arn: RECORDING.replace('RecordCfg001', 'NoSuchCfg001') })), 'ResourceNotFoundException', 404],
    ['GetPlaybackRestrictionPolicy no channel names', () => ivs.send(new Ivs.GetPlaybackRestrictionPolicyCommand({ arn: POLICY.replace('RestrictPol1', 'NoSuchPolicy') })), 'ResourceNotFoundException', 404],
    ['GetPlaybackKeyPair (a world holds none)', () => ivs.send(new Ivs.GetPlaybackKeyPairCommand({ arn: KEY_PAIR })), 'ResourceNotFoundException', 404],
    ['GetParticipant of an unknown participant', () => realtime.send(new Realtime.GetParticipantCommand({ ...PARTICIPANT, participantId: 'Nobody' })), 'ResourceNotFoundException', 404],
    ['GetParticipant in an unknown stage', () => realtime.send(new Realtime.GetParticipantCommand({ ...PARTICIPANT, stageArn: `${STAGE}x` })), 'ResourceNotFoundException', 404],
    ['GetParticipant with an 18-character sessionId', () => realtime.send(new Realtime.GetParticipantCommand({ ...PARTICIPANT, sessionId: 'st-a1b2c3d4e5f6g7h' })), 'ValidationException', 400],
    ['DisconnectParticipant of an unknown participant', () => realtime.send(new Realtime.DisconnectParticipantCommand({ stageArn: STAGE, participantId: 'Nobody' })), 'ResourceNotFoundException', 404],
    ['DisconnectParticipant with a 129-character reason', () => realtime.send(new Realtime.DisconnectParticipantCommand({ stageArn: STAGE, participantId: 'HostParticipant1', reason: 'r'.repeat(129) })), 'ValidationException', 400],
  ])('%s: %s %i', async (_, call, name, status) => {
    expect(await failure(call())).toEqual({ name, status });
  });

  it('changes nothing when a call fails', () => {
    expect(emulator.world.actions).toEqual([]);
  });
});
