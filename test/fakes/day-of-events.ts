/**
 * A seeded, repeatable day of IVS events over many channels, with the world it happens in, for
 * replays under faults: stream sessions full of ordinary events, takeover-failure bursts that cross
 * the stream-key-leak threshold (and some that stay below it), broadcasts above the ingest ceiling,
 * recording failures on channels that must be recorded, revocation requests, and malformed events
 * that each break one named field.
 */
import type { ViewerSessionPair } from '../../domain/events/types.ts';
import type { WorldChannel } from '../../local/emulator/index.ts';
import { seededRandom } from '../../local/emulator/prng.ts';

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
  world: { channels: WorldChannel[] };
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
  /** Channels, one long broadcast each. Default 40. */
  channels?: number;
  /** Of those, how many broadcast above the ingest ceiling (seeded in the world). Default 4. */
  ceilingChannels?: number;
  /** Takeover-failure bursts past the stream-key-leak threshold (3 or 4 failures in 10 minutes). Default 5. */
  bursts?: number;
  /** Bursts that stay below it (2 failures). Default 2. */
  quietBursts?: number;
  /** Channels tagged compliance=record-required whose recording fails to start. Default 2. */
  recordingFailures?: number;
  /** Starvation start/end pairs a broadcast (events that need no IVS call). Default 22. */
  starvations?: number;
  revocations?: number;
  malformed?: number;
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
  const random = seededRandom(options.seed);
  const between = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
  const channels = options.channels ?? 40;
  const ceiling = options.ceilingChannels ?? 4;
  const regular = channels - ceiling;
  const burstCount = options.bursts ?? 5;
  const quietCount = options.quietBursts ?? 2;
  const recordingFailures = options.recordingFailures ?? 2;
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
  const regularArns: string[] = [];

  for (let c = 0; c < channels; c += 1) {
    const isCeiling = c >= regular;
    const arn = dayChannelArn(`${isCeiling ? 'ceil' : 'day'}${String(c).padStart(3, '0')}`);
    const streamId = dayStreamId(c, 0);
    const start = DAY_START + c * 10 * MINUTE + between(0, 59) * SECOND;
    const end = start + between(180, 240) * MINUTE;
    // Roles: the first channels must be recorded (and their recording fails), the next ones get bursts,
    // the last regular one is protected (and gets a burst too, which the guard must leave alone).
    const mustRecord = !isCeiling && c < recordingFailures;
    const isProtected = c === regular - 1;
    const burstIndex = c - recordingFailures;
    const failures = isCeiling ? 0 : isProtected ? 3 : burstIndex >= 0 && burstIndex < burstCount ? between(3, 4) : burstIndex >= burstCount && burstIndex < burstCount + quietCount ? 2 : 0;
    const tags = { ...(mustRecord ? { compliance: 'record-required' } : {}), ...(isProtected ? { guard: 'off' } : {}) };
    // Most broadcasts were already on the air when the day's events begin (seeded live in the world);
    // the others start during the day, and a Stream Start costs a GetStreamSession (ingest-ceiling).
    const startsToday = isCeiling || mustRecord || c % 4 === 0;
    const session = { streamId, startTime: iso(startsToday ? start : start - between(10, 120) * MINUTE), truncatedEvents: [] };
    if (isCeiling) {
      world.channels.push({ arn, name: `ceiling-${c}`, streamSessions: [{ ...session, ingestConfigurations: INGEST_4K60 }] });
      ceilingChannels.push(arn);
    } else {
      world.channels.push({ arn, name: `day-${c}`, tags, ...(startsToday ? {} : { streamSessions: [session] }) });
      regularArns.push(arn);
    }
    if (mustRecord) mustRecordChannels.push(arn);
    if (isProtected) protectedChannels.push(arn);

    if (startsToday) {
      push(start, { kind: 'ordinary', raw: state('Session Created', arn, streamId, start) });
      push(start + 2 * SECOND, { kind: isCeiling ? 'ceiling-start' : 'stream-start', raw: state('Stream Start', arn, streamId, start + 2 * SECOND) });
      push(start + 5 * SECOND, {
        kind: mustRecord ? 'recording-failure' : 'ordinary',
        raw: recording(mustRecord ? 'Recording Start Failure' : 'Recording Start', arn, streamId, start + 5 * SECOND),
      });
    }
    // The ordinary life of a broadcast, none of which needs an IVS call: starvations, bitrate breaches, accepted takeovers.
    const starvations = options.starvations ?? 22;
    for (let h = 0; h < starvations; h += 1) {
      const at = start + 10 * MINUTE + Math.floor((h * (end - start - 20 * MINUTE)) / starvations) + between(0, 120) * SECOND;
      const over = at + between(5, 40) * SECOND;
      push(at, { kind: 'ordinary', raw: health('Starvation Start', arn, streamId, at) });
      push(over, { kind: 'ordinary', raw: health('Starvation End', arn, streamId, over) });
    }
    for (let b = 0; b < 3; b += 1) {
      const at = start + between(12, 170) * MINUTE;
      push(at, {
        kind: 'ordinary',
        raw: channelEvent('IVS Limit Breach', arn, at, { limit_name: 'Ingest Bitrate', limit_value: 8500, exceeded_by: between(1, 2000), limit_unit: 'Kbps', channel_name: 'day', stream_id: streamId }),
      });
    }
    if (random() < 0.5) {
      const at = start + between(20, 170) * MINUTE;
      push(at, { kind: 'ordinary', raw: state('Stream Takeover', arn, streamId, at) });
    }
    if (failures > 0) {
      const burst: DayBurst = { id: `burst-${c}`, channelArn: arn, streamId, failures };
      bursts.push(burst);
      let at = start + between(25, 120) * MINUTE;
      for (let f = 0; f < failures; f += 1) {
        const code = f % 2 === 0 ? 'StreamTakeoverInvalidPriority' : 'StreamTakeoverLimitBreached';
        push(at, { kind: 'takeover-failure', burst: burst.id, raw: state('Stream Takeover Failure', arn, streamId, at, { code }) });
        at += between(40, 140) * SECOND;
      }
    }
    push(end - 5 * SECOND, { kind: 'ordinary', raw: recording(mustRecord ? 'Recording End Failure' : 'Recording End', arn, streamId, end - 5 * SECOND) });
    push(end, { kind: 'ordinary', raw: state('Stream End', arn, streamId, end) });
    push(end + 10 * SECOND, { kind: 'ordinary', raw: state('Session Ended', arn, streamId, end + 10 * SECOND) });
  }

  for (let r = 0; r < (options.revocations ?? 6); r += 1) {
    const at = DAY_START + between(0, 10 * 60) * MINUTE + between(0, 59) * SECOND;
    // One channel a request, now and then the protected one (whose pairs the guard must leave out).
    const channelArn = r % 4 === 3 ? (protectedChannels[0] ?? '') : (regularArns[between(0, regularArns.length - 2)] ?? '');
    const other = regularArns[between(0, regularArns.length - 2)] ?? '';
    const pairs: ViewerSessionPair[] = Array.from({ length: between(1, 4) }, (_, p) => ({
      channelArn: p === 0 ? other : channelArn,
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
    const at = DAY_START + between(0, 10 * 60) * MINUTE;
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
      // A name IVS has not documented is processed with a note; a name that is not text is refused.
      detail.event_name = ['Stream Explosion'];
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
      return ['detail.viewerSessions[0].viewerId', revocationWith(index, event.time, [{ channelArn: dayChannelArn('day000'), viewerSessionVersionsLessThanOrEqualTo: 1 }])];
    default:
      return [
        'detail.viewerSessions',
        revocationWith(index, event.time, []),
      ];
  }
}

/** A revocation request whose pairs are as given (the malformed ones are the point). */
function revocationWith(index: number, time: unknown, viewerSessions: unknown[]): Record<string, unknown> {
  return {
    version: '0',
    id: `rv-malformed-${index}`,
    'detail-type': 'Viewer Session Revocation Requested',
    source: 'ivs-guard.moderation',
    account: DAY_ACCOUNT,
    time,
    region: DAY_REGION,
    resources: [],
    detail: { viewerSessions },
  };
}
