import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IVS_PATTERNS } from '../../domain/limits.ts';
import { channelOf, parseGuardEvent, streamIdProblem, streamOf } from '../../domain/events/index.ts';
import type { GuardEventKind } from '../../domain/events/index.ts';

/** A sample as parsed JSON: tests edit it freely, and the parser is what checks its shape. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type SampleJson = any;

const SAMPLES = fileURLToPath(new URL('../../events/samples/', import.meta.url));
const CHANNEL = 'arn:aws:ivs:us-west-2:123456789012:channel/abcdABCDefgh';
const STREAM = 'st-huG8GP38g4o5MNJAYKJ1UXX';
const readJson = (path: string): SampleJson => JSON.parse(readFileSync(path, 'utf8'));

function sampleFiles(folder: string): string[] {
  return readdirSync(join(SAMPLES, folder), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sampleFiles(join(folder, entry.name)) : [join(folder, entry.name)],
  );
}

const eventFiles = readdirSync(SAMPLES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && entry.name !== 'sessions')
  .flatMap((entry) => sampleFiles(entry.name))
  .sort();

type Expected = [kind: GuardEventKind, name: string, channel: string | undefined, stream: string | undefined];
const onChannel = (kind: GuardEventKind, name: string): Expected => [kind, name, CHANNEL, STREAM];
const offChannel = (kind: GuardEventKind, name: string): Expected => [kind, name, undefined, undefined];

/** What each sample must parse to. A new sample needs a row here. */
const EXPECTED: Record<string, Expected> = {
  'stream-state/session-created.json': onChannel('stream-state', 'Session Created'),
  'stream-state/session-ended.json': onChannel('stream-state', 'Session Ended'),
  'stream-state/stream-start.json': onChannel('stream-state', 'Stream Start'),
  'stream-state/stream-end.json': onChannel('stream-state', 'Stream End'),
  'stream-state/stream-failure.json': onChannel('stream-state', 'Stream Failure'),
  'stream-state/stream-takeover.json': onChannel('stream-state', 'Stream Takeover'),
  'stream-state/stream-takeover-failure.json': onChannel('stream-state', 'Stream Takeover Failure'),
  'stream-health/starvation-start.json': onChannel('stream-health', 'Starvation Start'),
  'stream-health/starvation-end.json': onChannel('stream-health', 'Starvation End'),
  'limit-breach/ingest-bitrate.json': onChannel('limit-breach', 'Ingest Bitrate'),
  'limit-breach/ingest-resolution.json': onChannel('limit-breach', 'Ingest Resolution'),
  'limit-breach/concurrent-broadcasts-account.json': offChannel('limit-breach', 'Concurrent Broadcasts'),
  'limit-breach/concurrent-viewers-account.json': offChannel('limit-breach', 'Concurrent Viewers'),
  'recording/recording-start.json': onChannel('recording-state', 'Recording Start'),
  'recording/recording-end.json': onChannel('recording-state', 'Recording End'),
  'recording/recording-start-failure.json': onChannel('recording-state', 'Recording Start Failure'),
  'recording/recording-end-failure.json': onChannel('recording-state', 'Recording End Failure'),
  'stage/participant-published.json': offChannel('stage-update', 'Participant Published'),
  'stage/participant-unpublished.json': offChannel('stage-update', 'Participant Unpublished'),
  'stage/participant-publish-error.json': offChannel('stage-update', 'Participant Publish Error'),
  'stage/participant-replication-started.json': offChannel('stage-update', 'Participant Replication Started'),
  'stage/participant-replication-ended.json': offChannel('stage-update', 'Participant Replication Ended'),
  'stage/token-exchanged.json': offChannel('stage-update', 'Token Exchanged'),
  'participant-recording/participant-recording-start.json': offChannel('participant-recording', 'Recording Start'),
  'participant-recording/participant-recording-end.json': offChannel('participant-recording', 'Recording End'),
  'participant-recording/participant-recording-start-failure.json': offChannel('participant-recording', 'Recording Start Failure'),
  'participant-recording/participant-recording-end-failure.json': offChannel('participant-recording', 'Recording End Failure'),
  'publisher-recording/publisher-recording-start.json': offChannel('publisher-recording', 'Recording Start'),
  'publisher-recording/publisher-recording-end.json': offChannel('publisher-recording', 'Recording End'),
  'composition/session-start.json': offChannel('composition-state', 'Session Start'),
  'composition/session-end.json': offChannel('composition-state', 'Session End'),
  'composition/session-failure.json': offChannel('composition-state', 'Session Failure'),
  'composition/destination-start.json': offChannel('composition-state', 'Destination Start'),
  'composition/destination-end.json': offChannel('composition-state', 'Destination End'),
  'composition/destination-failure.json': offChannel('composition-state', 'Destination Failure'),
  'composition/destination-reconnecting.json': offChannel('composition-state', 'Destination Reconnecting'),
  'moderation/viewer-session-revocation-requested.json': offChannel('revocation-request', 'Viewer Session Revocation Requested'),
  'moderation/participant-disconnect-requested.json': offChannel('disconnect-request', 'Participant Disconnect Requested'),
  'moderation/participant-disconnect-requested-by-user.json': offChannel('disconnect-request', 'Participant Disconnect Requested'),
};

describe('sample events', () => {
  it('has a sample for every listed kind and name, and nothing unlisted', () => {
    expect(eventFiles).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(eventFiles)('%s parses to its kind, name, channel and stream', (file) => {
    const result = parseGuardEvent(readJson(join(SAMPLES, file)));
    if (!result.ok) expect.fail(JSON.stringify(result.rejections));
    const [kind, name, channel, stream] = EXPECTED[file]!;
    expect(result.event.kind).toBe(kind);
    expect(result.event.name).toBe(name);
    expect(channelOf(result.event)).toBe(channel);
    expect(streamOf(result.event)).toBe(stream);
    expect(result.event.account).toBe('123456789012');
    expect(result.event.region).toBe('us-west-2');
    expect(result.event.time.startsWith('2026-11-20T')).toBe(true);
    expect(result.event.notes, 'a documented name carries no note').toBeUndefined();
  });

  it('gives every sample its own event id', () => {
    const ids = eventFiles.map((file): unknown => readJson(join(SAMPLES, file)).id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('names the takeover failure code and the stage of stage events', () => {
    const takeover = parseGuardEvent(readJson(join(SAMPLES, 'stream-state/stream-takeover-failure.json')));
    expect(takeover.ok && takeover.event.kind === 'stream-state' && takeover.event.code).toBe('StreamTakeoverInvalidPriority');
    const published = parseGuardEvent(readJson(join(SAMPLES, 'stage/participant-published.json')));
    expect(published.ok && published.event.kind === 'stage-update' && published.event).toMatchObject({
      stageArn: 'arn:aws:ivs:us-west-2:123456789012:stage/abcdABCDefgh',
      sessionId: 'st-a1b2c3d4e5f6g',
      participantId: 'abCDEf12GHIj',
      userId: 'host-1',
    });
  });
});

interface TruncatedEvent { name: string; type: string; eventTime: string; code?: string }
interface Video { videoHeight: number; videoWidth: number; targetFramerate: number; targetBitrate: number; track: string }

const session = (name: string): SampleJson => readJson(join(SAMPLES, 'sessions', `${name}.json`)).streamSession;
const takeoverFailureTimes = (events: TruncatedEvent[]) =>
  events.filter((event) => event.name === 'Stream Takeover Failure').map((event) => Date.parse(event.eventTime));
/** The most failures any 600 s window holds. */
const mostInWindow = (times: number[]) => Math.max(0, ...times.map((end) => times.filter((time) => time <= end && time > end - 600_000).length));

describe('sample GetStreamSession answers', () => {
  const sessionFiles = readdirSync(join(SAMPLES, 'sessions')).sort();

  it.each(sessionFiles)('%s has the shape GetStreamSession answers with', (file) => {
    const answer = readJson(join(SAMPLES, 'sessions', file));
    expect(Object.keys(answer)).toEqual(['streamSession']);
    const { streamId, startTime, channel, truncatedEvents } = answer.streamSession;
    expect(streamIdProblem(streamId)).toBeUndefined();
    expect(Number.isFinite(Date.parse(startTime))).toBe(true);
    expect(channel.arn).toMatch(IVS_PATTERNS.channelArn);
    expect(truncatedEvents.length).toBeLessThanOrEqual(500);
    const times = (truncatedEvents as TruncatedEvent[]).map((event) => Date.parse(event.eventTime));
    expect(times, 'most recent first').toEqual([...times].sort((a, b) => b - a));
  });

  it.each([
    ['takeover-failures-3-within-10-min', 3],
    ['takeover-failures-2', 2],
    ['takeover-failures-spread-out', 1],
  ])('%s holds %i takeover failures in its busiest 600 s', (name, expected) => {
    expect(mostInWindow(takeoverFailureTimes(session(name).truncatedEvents))).toBe(expected);
  });

  it('ends the 3-failure window at the sample takeover failure event', () => {
    const event = readJson(join(SAMPLES, 'stream-state/stream-takeover-failure.json'));
    const times = takeoverFailureTimes(session('takeover-failures-3-within-10-min').truncatedEvents);
    expect(times[0]).toBe(Date.parse(event.time));
    expect((times[0]! - times[2]!) / 1000).toBe(412);
    expect(session('takeover-failures-3-within-10-min').streamId).toBe(event.detail.stream_id);
  });

  it('has a 1080p60 8.5 Mbps session', () => {
    const [video] = session('ingest-1080p60-8500kbps').ingestConfigurations.videoConfigurations as Video[];
    expect(video).toMatchObject({ videoWidth: 1920, videoHeight: 1080, targetFramerate: 60, targetBitrate: 8_500_000 });
  });

  it('has a 4K/60 multitrack session whose deprecated field shows track 0 only', () => {
    const answer = session('ingest-4k60-multitrack-over-limit');
    const videos = answer.ingestConfigurations.videoConfigurations as Video[];
    expect(videos.length).toBeGreaterThan(1);
    expect(videos[0]).toMatchObject({ videoHeight: 2160, targetFramerate: 60 });
    expect(answer.ingestConfiguration.video.track).toBe(videos[0]!.track);
    expect(answer.channel.multitrackInputConfiguration.enabled).toBe(true);
  });

  it('has a session whose channel must be recorded', () => {
    expect(session('channel-tagged-record-required').channel.tags).toMatchObject({ compliance: 'record-required' });
  });

  it('has a session with only the deprecated ingestConfiguration', () => {
    const answer = session('deprecated-ingest-configuration-only');
    expect(answer.ingestConfigurations).toBeUndefined();
    expect(answer.ingestConfiguration.video).toMatchObject({ videoHeight: 720 });
  });
});
