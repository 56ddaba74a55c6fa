/**
 * The emulator through the real @aws-sdk/client-ivs over HTTP: every IVS operation answers as the
 * service would, and the state-changing ones change the world.
 */
import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  BatchGetChannelCommand,
  BatchStartViewerSessionRevocationCommand,
  CreateStreamKeyCommand,
  DeleteStreamKeyCommand,
  GetChannelCommand,
  GetStreamCommand,
  GetStreamKeyCommand,
  GetStreamSessionCommand,
  IvsClient,
  ListStreamKeysCommand,
  ListStreamSessionsCommand,
  ListStreamsCommand,
  ListTagsForResourceCommand,
  PutMetadataCommand,
  StartViewerSessionRevocationCommand,
  StopStreamCommand,
} from '@aws-sdk/client-ivs';
import type { Emulator } from '../../local/emulator/index.ts';
import { startEmulator } from '../../local/emulator/index.ts';

const WORLD = resolve('events/worlds/conformance.yml');
const LIVE = 'arn:aws:ivs:us-west-2:123456789012:channel/LiveChannel01';
const PRIVATE = 'arn:aws:ivs:us-west-2:123456789012:channel/PrivateShow01';
const MISSING = 'arn:aws:ivs:us-west-2:123456789012:channel/NoSuchChannel';
const KEY = 'arn:aws:ivs:us-west-2:123456789012:stream-key/LiveKey00001';
const NOW = '2026-11-20T20:00:00.000Z';

let emulator: Emulator;
let ivs: IvsClient;

beforeEach(async () => {
  emulator = await startEmulator({ world: WORLD, clock: () => new Date(NOW) });
  ivs = new IvsClient({ endpoint: emulator.url, region: 'us-west-2', credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, maxAttempts: 1 });
});

afterEach(async () => {
  ivs.destroy();
  await emulator.stop();
});

/** The error a call fails with, as the SDK reports it. */
async function failure(call: Promise<unknown>): Promise<{ name: string; status: number | undefined; message: string | undefined }> {
  try {
    await call;
  } catch (error) {
    const e = error as { name: string; $metadata?: { httpStatusCode?: number }; exceptionMessage?: string };
    return { name: e.name, status: e.$metadata?.httpStatusCode, message: e.exceptionMessage };
  }
  throw new Error('the call succeeded');
}

describe('channels', () => {
  it('GetChannel returns the world channel, with defaults for what the world leaves out', async () => {
    const { channel } = await ivs.send(new GetChannelCommand({ arn: PRIVATE }));
    expect(channel).toMatchObject({ arn: PRIVATE, name: 'private-show', type: 'ADVANCED_HD', latencyMode: 'NORMAL', authorized: true, tags: {} });
    expect(channel?.playbackUrl).toMatch(/^https:\/\/.+\.m3u8$/);
    expect(channel?.ingestEndpoint).toMatch(/\.global-contribute\.live-video\.net$/);
  });

  it('BatchGetChannel returns the channels it knows and an error for each it does not', async () => {
    const out = await ivs.send(new BatchGetChannelCommand({ arns: [LIVE, MISSING] }));
    expect(out.channels?.map((c) => c.arn)).toEqual([LIVE]);
    expect(out.errors).toEqual([{ arn: MISSING, code: 'ResourceNotFoundException', message: expect.any(String) }]);
  });

  it('ListTagsForResource reads the tags of channels and stream keys', async () => {
    expect((await ivs.send(new ListTagsForResourceCommand({ resourceArn: LIVE }))).tags).toEqual({ compliance: 'record-required', team: 'live-ops' });
    expect((await ivs.send(new ListTagsForResourceCommand({ resourceArn: KEY }))).tags).toEqual({ rotation: 'weekly' });
    expect(await failure(ivs.send(new ListTagsForResourceCommand({ resourceArn: MISSING })))).toMatchObject({ name: 'ResourceNotFoundException', status: 404 });
  });
});

describe('stream sessions and streams', () => {
  it('GetStreamSession without a streamId returns the most recent session, events most recent first', async () => {
    const { streamSession } = await ivs.send(new GetStreamSessionCommand({ channelArn: LIVE }));
    expect(streamSession?.streamId).toBe('st-LiveSession000000000001');
    expect(streamSession?.startTime).toEqual(new Date('2026-11-20T19:00:00Z'));
    expect(streamSession?.endTime).toBeUndefined();
    expect(streamSession?.channel).toMatchObject({ arn: LIVE, name: 'live-channel', tags: { compliance: 'record-required', team: 'live-ops' } });
    expect(streamSession?.truncatedEvents?.map((e) => e.name)).toEqual(['Stream Takeover Failure', 'Stream Start', 'Session Created']);
    expect(streamSession?.truncatedEvents?.[0]).toEqual({ name: 'Stream Takeover Failure', type: 'IVS Stream State Change', eventTime: new Date('2026-11-20T19:05:00Z'), code: 'StreamTakeoverInvalidPriority' });
    expect(streamSession?.ingestConfigurations?.videoConfigurations?.[0]).toMatchObject({ videoHeight: 1080, targetBitrate: 6_000_000 });
    expect(streamSession?.ingestConfiguration?.video).toMatchObject({ videoHeight: 1080 });
    expect(streamSession?.recordingConfiguration?.arn).toBe('arn:aws:ivs:us-west-2:123456789012:recording-configuration/RecordCfg001');
  });

  it('GetStreamSession with a streamId returns that session', async () => {
    const { streamSession } = await ivs.send(new GetStreamSessionCommand({ channelArn: LIVE, streamId: 'st-PastSession000000000001' }));
    expect(streamSession?.endTime).toEqual(new Date('2026-11-19T19:30:00Z'));
  });

  it('ListStreamSessions lists the most recent first, a page at a time', async () => {
    const first = await ivs.send(new ListStreamSessionsCommand({ channelArn: LIVE, maxResults: 1 }));
    expect(first.streamSessions).toEqual([{ streamId: 'st-LiveSession000000000001', startTime: new Date('2026-11-20T19:00:00Z'), hasErrorEvent: true }]);
    const second = await ivs.send(new ListStreamSessionsCommand({ channelArn: LIVE, maxResults: 1, nextToken: first.nextToken }));
    expect(second.streamSessions?.map((s) => [s.streamId, s.hasErrorEvent])).toEqual([['st-PastSession000000000001', false]]);
    expect(second.nextToken).toBeUndefined();
  });

  it('GetStream and ListStreams show the live stream', async () => {
    const { stream } = await ivs.send(new GetStreamCommand({ channelArn: LIVE }));
    expect(stream).toMatchObject({ channelArn: LIVE, streamId: 'st-LiveSession000000000001', state: 'LIVE', health: 'HEALTHY', viewerCount: 0 });
    expect((await ivs.send(new ListStreamsCommand({}))).streams?.map((s) => s.channelArn)).toEqual([LIVE]);
    expect((await ivs.send(new ListStreamsCommand({ filterBy: { health: 'STARVING' } }))).streams).toEqual([]);
  });

  it('StopStream ends the live session and takes the stream off the air', async () => {
    await ivs.send(new StopStreamCommand({ channelArn: LIVE }));
    const { streamSession } = await ivs.send(new GetStreamSessionCommand({ channelArn: LIVE }));
    expect(streamSession?.endTime).toEqual(new Date(NOW));
    expect(await failure(ivs.send(new GetStreamCommand({ channelArn: LIVE })))).toMatchObject({ name: 'ChannelNotBroadcasting', status: 404 });
    expect((await ivs.send(new ListStreamsCommand({}))).streams).toEqual([]);
    expect(await failure(ivs.send(new StopStreamCommand({ channelArn: LIVE })))).toMatchObject({ name: 'ChannelNotBroadcasting', status: 404 });
    expect(emulator.world.actions).toEqual([{ operation: 'StopStream', target: LIVE, time: NOW, detail: { streamId: 'st-LiveSession000000000001' } }]);
  });

  it('PutMetadata inserts into the live stream (204) and is recorded', async () => {
    const out = await ivs.send(new PutMetadataCommand({ channelArn: LIVE, metadata: 'recording unavailable' }));
    expect(out.$metadata.httpStatusCode).toBe(204);
    expect(emulator.world.metadata).toEqual([{ channelArn: LIVE, streamId: 'st-LiveSession000000000001', metadata: 'recording unavailable', time: NOW }]);
  });

  it('PutMetadata refuses more than 1 KB, counted in UTF-8 bytes', async () => {
    await ivs.send(new PutMetadataCommand({ channelArn: LIVE, metadata: 'x'.repeat(1024) }));
    const tooLong = await failure(ivs.send(new PutMetadataCommand({ channelArn: LIVE, metadata: '€'.repeat(342) })));
    expect(tooLong).toMatchObject({ name: 'ValidationException', status: 400, message: expect.stringContaining('1026 bytes') });
  });
});

describe('stream keys', () => {
  it('ListStreamKeys leaves the secret out; GetStreamKey returns it', async () => {
    expect((await ivs.send(new ListStreamKeysCommand({ channelArn: LIVE }))).streamKeys).toEqual([{ arn: KEY, channelArn: LIVE, tags: { rotation: 'weekly' } }]);
    expect((await ivs.send(new GetStreamKeyCommand({ arn: KEY }))).streamKey).toEqual({ arn: KEY, channelArn: LIVE, value: 'sk_us-west-2_LiveKeyValue0000000000000001', tags: { rotation: 'weekly' } });
  });

  it('rotation: DeleteStreamKey (204) then CreateStreamKey gives the channel a new key', async () => {
    const deleted = await ivs.send(new DeleteStreamKeyCommand({ arn: KEY }));
    expect(deleted.$metadata.httpStatusCode).toBe(204);
    expect((await ivs.send(new ListStreamKeysCommand({ channelArn: LIVE }))).streamKeys).toEqual([]);
    expect(await failure(ivs.send(new GetStreamKeyCommand({ arn: KEY })))).toMatchObject({ name: 'ResourceNotFoundException', status: 404 });

    const { streamKey } = await ivs.send(new CreateStreamKeyCommand({ channelArn: LIVE, tags: { 'rotated-by': 'ivs-guard' } }));
    expect(streamKey?.arn).toMatch(/^arn:aws:ivs:us-west-2:123456789012:stream-key\/[a-zA-Z0-9]{12}$/);
    expect(streamKey?.arn).not.toBe(KEY);
    expect(streamKey?.value).toMatch(/^sk_us-west-2_[a-zA-Z0-9]{36}$/);
    expect(streamKey?.tags).toEqual({ 'rotated-by': 'ivs-guard' });
    expect(emulator.world.actions.map((a) => [a.operation, a.target])).toEqual([
      ['DeleteStreamKey', KEY],
      ['CreateStreamKey', LIVE],
    ]);
  });

  it('CreateStreamKey on a channel that has a key is ServiceQuotaExceeded (402): one key per channel', async () => {
    expect(await failure(ivs.send(new CreateStreamKeyCommand({ channelArn: LIVE })))).toMatchObject({ name: 'ServiceQuotaExceededException', status: 402 });
    expect(emulator.world.actions).toEqual([]);
  });

  it('creates the same new key for the same seed', async () => {
    const other = await startEmulator({ world: WORLD, seed: 1 });
    try {
      const client = new IvsClient({ endpoint: other.url, region: 'us-west-2', credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, maxAttempts: 1 });
      await client.send(new DeleteStreamKeyCommand({ arn: KEY }));
      await ivs.send(new DeleteStreamKeyCommand({ arn: KEY }));
      const a = await client.send(new CreateStreamKeyCommand({ channelArn: LIVE }));
      const b = await ivs.send(new CreateStreamKeyCommand({ channelArn: LIVE }));
      expect(a.streamKey?.arn).toBe(b.streamKey?.arn);
      client.destroy();
    } finally {
      await other.stop();
    }
  });
});

describe('viewer-session revocation', () => {
  it('StartViewerSessionRevocation records the pair (version 0 by default)', async () => {
    await ivs.send(new StartViewerSessionRevocationCommand({ channelArn: PRIVATE, viewerId: 'viewer-1' }));
    expect(emulator.world.revocations).toEqual([{ channelArn: PRIVATE, viewerId: 'viewer-1', viewerSessionVersionsLessThanOrEqualTo: 0, operation: 'StartViewerSessionRevocation', time: NOW }]);
    expect(emulator.world.actions).toEqual([{ operation: 'StartViewerSessionRevocation', target: PRIVATE, time: NOW, detail: { viewerId: 'viewer-1', viewerSessionVersionsLessThanOrEqualTo: 0 } }]);
  });

  it('BatchStartViewerSessionRevocation takes 20 pairs and answers the failed ones in errors', async () => {
    const pairs = Array.from({ length: 19 }, (_, i) => ({ channelArn: PRIVATE, viewerId: `viewer-${i}`, viewerSessionVersionsLessThanOrEqualTo: 1_700_000_000 }));
    const out = await ivs.send(new BatchStartViewerSessionRevocationCommand({ viewerSessions: [...pairs, { channelArn: MISSING, viewerId: 'ghost' }] }));
    expect(out.errors).toEqual([{ channelArn: MISSING, viewerId: 'ghost', code: 'ResourceNotFoundException', message: expect.any(String) }]);
    expect(emulator.world.revocations).toHaveLength(19);
    expect(emulator.world.revocations[0]).toMatchObject({ viewerId: 'viewer-0', viewerSessionVersionsLessThanOrEqualTo: 1_700_000_000 });
  });

  it.each([
    ['21 pairs', Array.from({ length: 21 }, (_, i) => ({ channelArn: PRIVATE, viewerId: `v${i}` })), 'at most 20'],
    ['no pair', [], 'at least 1'],
    ['a 41-character viewerId', [{ channelArn: PRIVATE, viewerId: 'v'.repeat(41) }], 'viewerSessions[0].viewerId'],
    ['a negative version', [{ channelArn: PRIVATE, viewerId: 'v', viewerSessionVersionsLessThanOrEqualTo: -1 }], 'at least 0'],
  ])('refuses %s with ValidationException', async (_, viewerSessions, said) => {
    const error = await failure(ivs.send(new BatchStartViewerSessionRevocationCommand({ viewerSessions })));
    expect(error).toMatchObject({ name: 'ValidationException', status: 400, message: expect.stringContaining(said) });
    expect(emulator.world.revocations).toEqual([]);
  });
});
