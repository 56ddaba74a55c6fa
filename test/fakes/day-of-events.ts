/**
 * A seeded, repeatable day of IVS events over many channels, with the world it happens in, for
 * replays under faults: stream sessions full of ordinary events, takeover-failure bursts that cross
 * the stream-key-leak threshold (and some that stay below it), broadcasts above the ingest ceiling,
 * recording failures on channels that must be recorded, revocation requests, and malformed events
 * that each break one named field.
 */
import type { ViewerSessionPair } from '../../domain/events/types.ts';

export const DAY_ACCOUNT = '123456789012';
export const DAY_REGION = 'us-west-2';
const DAY_START = Date.parse('2026-11-20T06:00:00Z');
const SECOND = 1000;
const MINUTE = 60 * SECOND;

export type DayEventKind =
  | 'ordinary'
  | 'stream-start'
  | 'takeover-failure'
  | 'ceiling-start'
  | 'recording-failure'
  | 'revocation'
  | 'malformed';

export interface DayEvent {
  kind: DayEventKind;
  raw: Record<string, unknown>;
  /** For a malformed event: the field it breaks, as a rejection names it. */
  brokenField?: string;
  /** For a revocation request: the pairs it asks for. */
  pairs?: ViewerSessionPair[];
  /** For a takeover failure: the burst it belongs to. */
  burst?: string;
}

export interface DayBurst {
  id: string;
  channelArn: string;
  streamId: string;
  failures: number;
}

export interface Day {
  events: DayEvent[];
  /** A world file (the API's shapes) the replay seeds the emulator with. */
  world: { channels: Array<Record<string, unknown>> };
  bursts: DayBurst[];
  /** Channels tagged `guard: off`: the guard never acts on them. */
  protectedChannels: string[];
  /** Channels whose seeded session broadcasts above the ingest ceiling. */
  ceilingChannels: string[];
  /** Channels tagged `compliance: record-required` whose recording fails to start in one session. */
  mustRecordChannels: string[];
}

export interface DayOptions {
  seed: number;
  /** Regular channels (sessions of ordinary events, bursts, recording failures). Default 30. */
  channels?: number;
  /** Channels whose one session is above the ingest ceiling. Default 10. */
  ceilingChannels?: number;
  sessionsPerChannel?: number;
  revocations?: number;
  malformed?: number;
}

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const dayChannelArn = (name: string) => `arn:aws:ivs:${DAY_REGION}:${DAY_ACCOUNT}:channel/${name}`;

/** `st-` and 23 alphanumerics, unique per (channel, session). */
export function dayStreamId(channel: number, session: number): string {
  return `st-${`day${String(channel).padStart(3, '0')}s${String(session).padStart(2, '0')}`.padEnd(23, 'X')}`;
}

const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

const INGEST_4K60 = {
  videoConfigurations: [{ codec: 'avc1.640033', track: 'Track0', targetBitrate: 12_000_000, targetFramerate: 60, videoHeight: 2160, videoWidth: 3840 }],
  audioConfigurations: [{ codec: 'mp4a.40.2', track: 'Track0', targetBitrate: 160_000, sampleRate: 48_000, channels: 2 }],
};

interface Timed extends DayEvent {
  at: number;
  order: number;
}

export function dayOfEvents(options: DayOptions): Day {
  const random = seeded(options.seed);
  const between = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
  const regular = options.channels ?? 30;
  const ceiling = options.ceilingChannels ?? 10;
  const sessions = options.sessionsPerChannel ?? 3;
  const timed: Timed[] = [];
  let order = 0;
  let serial = 0;
  const nextId = (prefix: string) => `${prefix}-${String(options.seed)}-${String((serial += 1)).padStart(6, '0')}`;
  const push = (at: number, event: DayEvent) => timed.push({ ...event, at, order: (order += 1) });

  const channelEvent = (detailType: string, channelArn: string, at: number, detail: Record<string, unknown>): Record<string, unknown> => ({
    version: '0',
    id: nextId('ev'),
    'detail-type': detailType,
    source: 'aws.ivs',
    account: DAY_ACCOUNT,
    time: iso(at),
    region: DAY_REGION,
    resources: [channelArn],
    detail,
  });
  const state = (name: string, channelArn: string, streamId: string, at: number, extra: Record<string, unknown> = {}) =>
    channelEvent('IVS Stream State Change', channelArn, at, { event_name: name, channel_name: 'day', stream_id: streamId, ...extra });
  const health = (name: string, channelArn: string, streamId: string, at: number) =>
    channelEvent('IVS Stream Health Change', channelArn, at, { event_name: name, channel_name: 'day', stream_id: streamId });
  const recording = (status: string, channelArn: string, streamId: string, at: number) =>
    channelEvent('IVS Recording State Change', channelArn, at, {
      recording_status: status,
      recording_status_reason: status.endsWith('Failure') ? 'InternalServerException' : '',
      channel_name: 'day',
      stream_id: streamId,
      recording_s3_bucket_name: 'day-recordings',
      recording_s3_key_prefix: `ivs/v1/${DAY_ACCOUNT}/${streamId}`,
      recording_duration_ms: 0,
      recording_session_id: `rs-${streamId}`,
    });

  const world: Day['world'] = { channels: [] };
  const bursts: DayBurst[] = [];
  const protectedChannels: string[] = [];
  const mustRecordChannels: string[] = [];
  const ceilingChannels: string[] = [];

  for (let c = 0; c < regular; c += 1) {
    const arn = dayChannelArn(`day${String(c).padStart(3, '0')}`);
    const mustRecord = c < 5;
    const isProtected = c === regular - 1;
    const tags = { ...(mustRecord ? { compliance: 'record-required' } : {}), ...(isProtected ? { guard: 'off' } : {}) };
    world.channels.push({ arn, name: `day-${c}`, tags });
    if (mustRecord) mustRecordChannels.push(arn);
    if (isProtected) protectedChannels.push(arn);

    for (let s = 0; s < sessions; s += 1) {
      const streamId = dayStreamId(c, s);
      const start = DAY_START + s * 4 * 60 * MINUTE + c * 3 * MINUTE + between(0, 59) * SECOND;
      const end = start + between(50, 80) * MINUTE;
      push(start, { kind: 'ordinary', raw: state('Session Created', arn, streamId, start) });
      push(start + 2 * SECOND, { kind: 'stream-start', raw: state('Stream Start', arn, streamId, start + 2 * SECOND) });
      const recordingFails = mustRecord && s === 1;
      push(start + 5 * SECOND, {
        kind: recordingFails ? 'recording-failure' : 'ordinary',
        raw: recording(recordingFails ? 'Recording Start Failure' : 'Recording Start', arn, streamId, start + 5 * SECOND),
      });
      // Ordinary life of a broadcast: a few starvations, a bitrate breach, the odd accepted takeover.
      for (let h = 0; h < 7; h += 1) {
        const at = start + (10 + h * 6) * MINUTE + between(0, 120) * SECOND;
        const over = at + between(5, 40) * SECOND;
        push(at, { kind: 'ordinary', raw: health('Starvation Start', arn, streamId, at) });
        push(over, { kind: 'ordinary', raw: health('Starvation End', arn, streamId, over) });
      }
      const breachAt = start + between(12, 45) * MINUTE;
      push(breachAt, {
        kind: 'ordinary',
        raw: channelEvent('IVS Limit Breach', arn, breachAt, { limit_name: 'Ingest Bitrate', limit_value: 8500, exceeded_by: between(1, 2000), limit_unit: 'Kbps', channel_name: 'day', stream_id: streamId }),
      });
      if (random() < 0.5) {
        const at = start + between(20, 40) * MINUTE;
        push(at, { kind: 'ordinary', raw: state('Stream Takeover', arn, streamId, at) });
      }
      // One session in six gets a burst past the threshold (3 or 4 failures), one in six stays at 2.
      const slot = (c + s) % 6;
      if (!recordingFails && (slot === 0 || slot === 3)) {
        const failures = slot === 0 ? between(3, 4) : 2;
        const burst: DayBurst = { id: `burst-${c}-${s}`, channelArn: arn, streamId, failures };
        bursts.push(burst);
        let at = start + between(25, 35) * MINUTE;
        for (let f = 0; f < failures; f += 1) {
          const code = f % 2 === 0 ? 'StreamTakeoverInvalidPriority' : 'StreamTakeoverLimitBreached';
          push(at, { kind: 'takeover-failure', burst: burst.id, raw: state('Stream Takeover Failure', arn, streamId, at, { code }) });
          at += between(40, 140) * SECOND;
        }
      }
      push(end - 5 * SECOND, { kind: 'ordinary', raw: recording(recordingFails ? 'Recording End Failure' : 'Recording End', arn, streamId, end - 5 * SECOND) });
      push(end, { kind: 'ordinary', raw: state('Stream End', arn, streamId, end) });
      push(end + 10 * SECOND, { kind: 'ordinary', raw: state('Session Ended', arn, streamId, end + 10 * SECOND) });
    }
  }

  for (let c = 0; c < ceiling; c += 1) {
    const arn = dayChannelArn(`ceil${String(c).padStart(3, '0')}`);
    const streamId = dayStreamId(900 + c, 0);
    const start = DAY_START + c * 20 * MINUTE + between(0, 59) * SECOND;
    world.channels.push({ arn, name: `ceiling-${c}`, streamSessions: [{ streamId, startTime: iso(start), ingestConfigurations: INGEST_4K60, truncatedEvents: [] }] });
    ceilingChannels.push(arn);
    push(start, { kind: 'ordinary', raw: state('Session Created', arn, streamId, start) });
    push(start + 2 * SECOND, { kind: 'ceiling-start', raw: state('Stream Start', arn, streamId, start + 2 * SECOND) });
    push(start + 3 * SECOND, { kind: 'ordinary', raw: health('Starvation Start', arn, streamId, start + 3 * SECOND) });
    push(start + 4 * SECOND, { kind: 'ordinary', raw: state('Stream End', arn, streamId, start + 4 * SECOND) });
    push(start + 14 * SECOND, { kind: 'ordinary', raw: state('Session Ended', arn, streamId, start + 14 * SECOND) });
  }

  const regularArns = world.channels.slice(0, regular).map((channel) => String(channel.arn));
  for (let r = 0; r < (options.revocations ?? 40); r += 1) {
    const at = DAY_START + between(0, 13 * 60) * MINUTE + between(0, 59) * SECOND;
    const pairs: ViewerSessionPair[] = Array.from({ length: between(1, 5) }, (_, p) => ({
      channelArn: regularArns[between(0, regularArns.length - 1)] ?? '',
      viewerId: `viewer-${r}-${p}`,
      viewerSessionVersionsLessThanOrEqualTo: between(0, 1000),
    }));
    push(at, {
      kind: 'revocation',
      pairs,
      raw: {
        version: '0',
        id: nextId('rv'),
        'detail-type': 'Viewer Session Revocation Requested',
        source: 'ivs-guard.moderation',
        account: DAY_ACCOUNT,
        time: iso(at),
        region: DAY_REGION,
        resources: [],
        detail: { viewerSessions: pairs, reason: 'abuse report' },
      },
    });
  }

  // Malformed events go to a channel of their own, so that what they do to the emulator's world
  // (it follows events without checking them) cannot change what the good events decide.
  const elsewhere = dayChannelArn('malformed000');
  const goodStreamId = dayStreamId(999, 0);
  for (let m = 0; m < (options.malformed ?? 60); m += 1) {
    const at = DAY_START + between(0, 13 * 60) * MINUTE;
    const [brokenField, raw] = malformed(m, () => state('Stream Start', elsewhere, goodStreamId, at), () => recording('Recording End', elsewhere, goodStreamId, at));
    push(at, { kind: 'malformed', brokenField, raw });
  }

  timed.sort((a, b) => a.at - b.at || a.order - b.order);
  return {
    events: timed.map(({ at: _at, order: _order, ...event }) => event),
    world,
    bursts,
    protectedChannels,
    ceilingChannels,
    mustRecordChannels,
  };
}

/** The `index`-th way of breaking an event: the field a rejection must name, and the event. */
function malformed(index: number, streamEvent: () => Record<string, unknown>, recordingEvent: () => Record<string, unknown>): [string, Record<string, unknown>] {
  const event = streamEvent();
  const detail = event.detail as Record<string, unknown>;
  switch (index % 10) {
    case 0:
      delete detail.stream_id;
      return ['detail.stream_id', event];
    case 1:
      detail.stream_id = 'st-short';
      return ['detail.stream_id', event];
    case 2:
      event.resources = [`arn:aws:ivs:${DAY_REGION}:1:channel/`];
      return ['resources[0]', event];
    case 3:
      event.time = 'yesterday at noon';
      return ['time', event];
    case 4:
      detail.event_name = 'Stream Explosion';
      return ['detail.event_name', event];
    case 5:
      event.detail = 'a string, not an object';
      return ['detail', event];
    case 6:
      event.id = 42;
      return ['id', event];
    case 7: {
      const other = recordingEvent();
      delete (other.detail as Record<string, unknown>).recording_status;
      return ['detail.recording_status', other];
    }
    case 8:
      return [
        'detail.viewerSessions[0].viewerId',
        {
          version: '0',
          id: `rv-malformed-${index}`,
          'detail-type': 'Viewer Session Revocation Requested',
          source: 'ivs-guard.moderation',
          account: DAY_ACCOUNT,
          time: event.time,
          region: DAY_REGION,
          resources: [],
          detail: { viewerSessions: [{ channelArn: dayChannelArn('day000'), viewerSessionVersionsLessThanOrEqualTo: 1 }] },
        },
      ];
    default:
      return [
        'detail.viewerSessions',
        {
          version: '0',
          id: `rv-malformed-${index}`,
          'detail-type': 'Viewer Session Revocation Requested',
          source: 'ivs-guard.moderation',
          account: DAY_ACCOUNT,
          time: event.time,
          region: DAY_REGION,
          resources: [],
          detail: { viewerSessions: [] },
        },
      ];
  }
}
