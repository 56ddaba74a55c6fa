import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseGuardEvent } from '../../domain/events/index.ts';
import { GenerateEventError, SAMPLES_DIR, generateEvent, listEventKinds } from '../../local/generate-event.ts';

/** A sample as parsed JSON: tests edit it freely, and the parser is what checks its shape. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type SampleJson = any;

const sample = (id: string): SampleJson => JSON.parse(readFileSync(join(SAMPLES_DIR, `${id}.json`), 'utf8'));
const OTHER_CHANNEL = 'arn:aws:ivs:us-west-2:123456789012:channel/zyxwZYXWvuts';

describe('listEventKinds', () => {
  it('lists every sample event as folder/name, and no GetStreamSession answer', () => {
    const kinds = listEventKinds();
    const expected = readdirSync(SAMPLES_DIR, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && entry.name !== 'sessions')
      .flatMap((entry) => readdirSync(join(SAMPLES_DIR, entry.name)).map((file) => `${entry.name}/${file.replace(/\.json$/, '')}`))
      .sort((a, b) => a.localeCompare(b));
    expect(kinds).toEqual(expected);
    expect(kinds).toContain('stream-state/stream-takeover-failure');
    expect(kinds.some((kind) => kind.startsWith('sessions/'))).toBe(false);
  });

  it('names each sample uniquely by its base name, so KIND alone is enough', () => {
    const names = listEventKinds().map((kind) => kind.split('/')[1]);
    expect(new Set(names).size).toBe(names.length);
  });
});

describe('generateEvent', () => {
  it.each(listEventKinds())('generates a valid %s event', (kind) => {
    const event = generateEvent(kind, {});
    expect(event.id).not.toBe(sample(kind).id);
    expect(parseGuardEvent(event).ok).toBe(true);
  });

  it('finds a sample by its base name or by folder/name, and gives each event a fresh id', () => {
    const first = generateEvent('stream-takeover-failure', {});
    const second = generateEvent('stream-state/stream-takeover-failure', {});
    expect(first.detail).toEqual(second.detail);
    expect(first.id).not.toBe(second.id);
    expect(first.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('applies --set with dotted paths', () => {
    const event = generateEvent('stream-takeover-failure', {
      'detail.code': 'StreamTakeoverLimitBreached',
      time: '2026-11-20T21:00:00Z',
      'resources.0': OTHER_CHANNEL,
    });
    expect(event).toMatchObject({ time: '2026-11-20T21:00:00Z', resources: [OTHER_CHANNEL], detail: { code: 'StreamTakeoverLimitBreached', event_name: 'Stream Takeover Failure' } });
    const parsed = parseGuardEvent(event);
    expect(parsed.ok && parsed.event).toMatchObject({ channelArn: OTHER_CHANNEL, code: 'StreamTakeoverLimitBreached', timeMs: Date.UTC(2026, 10, 20, 21) });
  });

  it('keeps the type of the value a --set replaces, and reads JSON for a new field', () => {
    const event = generateEvent('ingest-bitrate', { 'detail.limit_value': '6000000', 'detail.channel_name': '1234', 'detail.extra': '{"priority": 3}', 'detail.note': 'free text' });
    expect(event.detail).toMatchObject({ limit_value: 6_000_000, channel_name: '1234', extra: { priority: 3 }, note: 'free text' });
  });

  it('takes [n] as well as .n, and sets a field inside a pair', () => {
    const event = generateEvent('viewer-session-revocation-requested', { 'detail.viewerSessions[1].viewerId': 'viewer-xyz', 'detail.viewerSessions.0.viewerSessionVersionsLessThanOrEqualTo': '0' });
    expect(event.detail).toMatchObject({ viewerSessions: [{ viewerSessionVersionsLessThanOrEqualTo: 0 }, { viewerId: 'viewer-xyz' }] });
  });

  it('judges a revocation request by the source it was given', () => {
    expect(generateEvent('viewer-session-revocation-requested', { source: 'acme.moderation' }).source).toBe('acme.moderation');
  });

  it.each<[string, string, Record<string, string>, RegExp]>([
    ['an unknown kind', 'stream-weather', {}, /^no sample event 'stream-weather'; known kinds: composition\/destination-end, /],
    ['a near miss', 'takeover', {}, /^no sample event 'takeover'; did you mean stream-state\/stream-takeover, stream-state\/stream-takeover-failure\?$/],
    ['a result that is not a valid event', 'stream-start', { 'detail.stream_id': 'st-short' }, /^the stream-state\/stream-start event is not valid: detail\.stream_id must be a stream id: .*; got 8 characters$/],
    ['an account-wide breach made an ingest one', 'concurrent-broadcasts-account', { 'detail.limit_name': 'Ingest Bitrate' }, /is not valid: resources\[0\] is required: the channel ARN/],
    ['a number field set to text', 'ingest-bitrate', { 'detail.limit_value': 'lots' }, /^--set detail\.limit_value: takes a number, not 'lots'$/],
    ['a path into __proto__', 'stream-start', { '__proto__.polluted': 'yes' }, /^--set __proto__\.polluted: '__proto__' is not a field an event can have$/],
    ['a path into constructor.prototype', 'stream-start', { 'detail.constructor.prototype.polluted': 'yes' }, /'constructor' is not a field an event can have/],
    ['an empty path segment', 'stream-start', { 'detail..code': 'x' }, /^--set detail\.\.code: not a dotted path/],
    ['an index past the end', 'stream-start', { 'resources.5': OTHER_CHANNEL }, /^--set resources\.5: index 5 is outside the array \(it has 1 entries\)$/],
  ])('says what is wrong with %s', (_, kind, sets, message) => {
    expect(() => generateEvent(kind, sets)).toThrow(GenerateEventError);
    expect(() => generateEvent(kind, sets)).toThrow(message);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
