import { describe, expect, it } from 'vitest';
import { channelTags, countEvents, eventsInTimeOrder, ingestTracks } from '../../domain/session-view.ts';
import type { EventCountQuery } from '../../domain/session-view.ts';
import type { StreamEvent, StreamSession } from '../../domain/session.ts';
import { audio, video } from './policy-fixtures.ts';

const END = new Date('2026-11-20T19:10:00.000Z');
const at = (iso: string, name = 'Stream Takeover Failure', code?: string): StreamEvent => ({ name, type: 'IVS Stream State Change', eventTime: iso, ...(code && { code }) });

describe('eventsInTimeOrder', () => {
  it.each<[string, StreamEvent[], string[]]>([
    ['reverses the API order (most recent first)', [at('2026-11-20T19:03:00Z', 'c'), at('2026-11-20T19:02:00Z', 'b'), at('2026-11-20T19:01:00Z', 'a')], ['a', 'b', 'c']],
    ['sorts events the API listed out of order', [at('2026-11-20T19:02:00Z', 'b'), at('2026-11-20T19:03:00Z', 'c'), at('2026-11-20T19:01:00Z', 'a')], ['a', 'b', 'c']],
    ['keeps events of the same time in reversed API order (stable)', [at('2026-11-20T19:01:00Z', 'second'), at('2026-11-20T19:01:00Z', 'first')], ['first', 'second']],
    ['puts events without a readable time last', [{ name: 'untimed' }, at('2026-11-20T19:01:00Z', 'a'), { name: 'garbled', eventTime: 'yesterday' }], ['a', 'garbled', 'untimed']],
    ['gives nothing for a session without events', [], []],
  ])('%s', (_, events, names) => {
    expect(eventsInTimeOrder({ truncatedEvents: events }).map((e) => e.name)).toEqual(names);
  });

  it('leaves the session as it was', () => {
    const events = [at('2026-11-20T19:02:00Z', 'b'), at('2026-11-20T19:01:00Z', 'a')];
    eventsInTimeOrder({ truncatedEvents: events });
    expect(events.map((e) => e.name)).toEqual(['b', 'a']);
  });
});

describe('countEvents', () => {
  const session: StreamSession = {
    truncatedEvents: [
      at('2026-11-20T19:10:01Z', 'Stream Takeover Failure', 'StreamTakeoverInvalidPriority'), // after the end
      at('2026-11-20T19:10:00Z', 'Stream Takeover Failure', 'StreamTakeoverLimitBreached'), // at the end: counted
      at('2026-11-20T19:05:00Z', 'Stream Takeover Failure', 'StreamTakeoverInvalidPriority'),
      at('2026-11-20T19:04:00Z', 'Stream Takeover', undefined),
      at('2026-11-20T19:00:00Z', 'Stream Takeover Failure', 'StreamTakeoverInvalidPriority'), // exactly 600 s before: outside
      at('2026-11-20T18:59:00Z', 'Stream Start', undefined),
      { name: 'Stream Takeover Failure', code: 'StreamTakeoverInvalidPriority' }, // no time: never counted
    ],
  };

  it.each<[string, Omit<EventCountQuery, 'endingAt'>, number]>([
    ['every event up to the end, without a window', {}, 5],
    ['only names asked for', { names: ['Stream Takeover Failure'] }, 3],
    ['only codes asked for', { codes: ['StreamTakeoverInvalidPriority'] }, 2],
    ['names and codes both', { names: ['Stream Takeover Failure'], codes: ['StreamTakeoverLimitBreached'] }, 1],
    ['the window excludes its start and includes its end', { names: ['Stream Takeover Failure'], withinSeconds: 600 }, 2],
    ['a window of one second holds the event at the end only', { withinSeconds: 1 }, 1],
    ['a name no event has', { names: ['Stream End'] }, 0],
  ])('%s', (_, query, total) => {
    const count = countEvents(session, { ...query, endingAt: END });
    expect(count.total).toBe(total);
    expect(count.events).toHaveLength(total);
  });

  it('counts by name and by code, oldest first', () => {
    const count = countEvents(session, { withinSeconds: 600, endingAt: END });

    expect(count.events.map((e) => e.eventTime)).toEqual(['2026-11-20T19:04:00Z', '2026-11-20T19:05:00Z', '2026-11-20T19:10:00Z']);
    expect(Object.fromEntries(count.byName)).toEqual({ 'Stream Takeover': 1, 'Stream Takeover Failure': 2 });
    expect(Object.fromEntries(count.byCode)).toEqual({ StreamTakeoverInvalidPriority: 1, StreamTakeoverLimitBreached: 1 });
  });
});

describe('ingestTracks', () => {
  it.each<[string, StreamSession, string[]]>([
    ['every video and audio track of ingestConfigurations', { ingestConfigurations: { videoConfigurations: [video(1920, 1080, 30, 6e6, 'Track0'), video(1280, 720, 30, 3e6, 'Track1')], audioConfigurations: [audio(128000)] } }, ['video track 0', 'video track 1', 'audio track 0']],
    ['the deprecated ingestConfiguration when the list is missing', { ingestConfiguration: { video: video(1920, 1080, 30, 6e6), audio: audio(128000) } }, ['video track 0', 'audio track 0']],
    ['the deprecated ingestConfiguration for a kind the list leaves empty', { ingestConfigurations: { videoConfigurations: [video(1920, 1080, 30, 6e6)], audioConfigurations: [] }, ingestConfiguration: { audio: audio(96000) } }, ['video track 0', 'audio track 0']],
    ['a track without a name is labelled by its position', { ingestConfigurations: { videoConfigurations: [{ videoHeight: 720 }, { videoHeight: 480 }] } }, ['video track 0', 'video track 1']],
    ['a track with another name keeps it', { ingestConfigurations: { audioConfigurations: [{ track: 'commentary' }] } }, ['audio track commentary']],
    ['nothing when the session reports no ingest', {}, []],
  ])('%s', (_, session, labels) => {
    expect(ingestTracks(session).map((t) => `${t.kind} ${t.label}`)).toEqual(labels);
  });

  it('keeps each track configuration as the API gave it', () => {
    const track = video(3840, 2160, 60, 12e6);
    expect(ingestTracks({ ingestConfigurations: { videoConfigurations: [track] } })).toEqual([{ kind: 'video', label: 'track 0', config: track }]);
  });
});

describe('channelTags', () => {
  it.each<[string, StreamSession, Record<string, string> | undefined]>([
    ["the channel snapshot's tags", { channel: { arn: 'x', tags: { compliance: 'record-required' } } }, { compliance: 'record-required' }],
    ['no tags: unknown, not empty', { channel: { arn: 'x' } }, undefined],
    ['no channel snapshot: unknown', {}, undefined],
    ['empty tags stay empty', { channel: { arn: 'x', tags: {} } }, {}],
  ])('%s', (_, session, tags) => {
    expect(channelTags(session)).toEqual(tags);
  });
});
