/**
 * Reading a stream session: its events in time order, counted in a window, its ingest tracks, its channel's tags.
 * Pure functions over the `StreamSession` GetStreamSession returned.
 */
import type { AudioConfiguration, StreamEvent, StreamSession, VideoConfiguration } from './session.ts';

/** Epoch milliseconds of a session event, or `undefined` when it carries no readable time. */
export function eventTimeMs(event: StreamEvent): number | undefined {
  if (event.eventTime === undefined) return undefined;
  const ms = Date.parse(event.eventTime);
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * The session's `truncatedEvents`, oldest first.
 *
 * The API lists them most recent first, so the list is reversed and then sorted by `eventTime`; the sort is
 * stable, so events with the same time keep the API's relative order (reversed). Events without a readable
 * time cannot be placed and come last, in the same reversed order.
 */
export function eventsInTimeOrder(session: StreamSession): StreamEvent[] {
  const oldestFirst = [...(session.truncatedEvents ?? [])].reverse();
  const timed = oldestFirst.filter((e) => eventTimeMs(e) !== undefined);
  const untimed = oldestFirst.filter((e) => eventTimeMs(e) === undefined);
  timed.sort((a, b) => (eventTimeMs(a) ?? 0) - (eventTimeMs(b) ?? 0));
  return [...timed, ...untimed];
}

/** Which session events to count, and the window that ends at `endingAt`. */
export interface EventCountQuery {
  /** Only events with one of these `name`s. */
  names?: readonly string[];
  /** Only events with one of these `code`s. */
  codes?: readonly string[];
  /** Only events in `(endingAt − withinSeconds, endingAt]`. Without it, every event up to `endingAt`. */
  withinSeconds?: number;
  /** The end of the window (inclusive). Events after it are never counted. */
  endingAt: Date;
}

/** The events a query matched (oldest first) and how many of each name and code. */
export interface EventCount {
  events: StreamEvent[];
  total: number;
  /** Counts by `name`, in order of first appearance. */
  byName: Map<string, number>;
  /** Counts by `code`, in order of first appearance; events without a code are not in it. */
  byCode: Map<string, number>;
}

/**
 * Counts the session events that match `query`. An event without a readable time is never counted:
 * it cannot be placed in the window.
 */
export function countEvents(session: StreamSession, query: EventCountQuery): EventCount {
  const end = query.endingAt.getTime();
  const start = query.withinSeconds === undefined ? -Infinity : end - query.withinSeconds * 1000;
  const events = eventsInTimeOrder(session).filter((e) => {
    const t = eventTimeMs(e);
    if (t === undefined || t <= start || t > end) return false;
    if (query.names !== undefined && (e.name === undefined || !query.names.includes(e.name))) return false;
    if (query.codes !== undefined && (e.code === undefined || !query.codes.includes(e.code))) return false;
    return true;
  });
  return { events, total: events.length, byName: tally(events.map((e) => e.name)), byCode: tally(events.map((e) => e.code)) };
}

function tally(values: ReadonlyArray<string | undefined>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) if (value !== undefined) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}

/** One ingest track: its kind, a label a person reads ("track 0"), and its configuration as the API gave it. */
export type IngestTrack =
  | { kind: 'video'; label: string; config: VideoConfiguration }
  | { kind: 'audio'; label: string; config: AudioConfiguration };

/**
 * Every video and audio track the broadcaster sent, from `ingestConfigurations`; for a kind that list does
 * not carry, the deprecated `ingestConfiguration` (track 0 only) stands in.
 */
export function ingestTracks(session: StreamSession): IngestTrack[] {
  const many = session.ingestConfigurations;
  const one = session.ingestConfiguration;
  const video = nonEmpty(many?.videoConfigurations) ?? (one?.video ? [one.video] : []);
  const audio = nonEmpty(many?.audioConfigurations) ?? (one?.audio ? [one.audio] : []);
  return [
    ...video.map((config, i): IngestTrack => ({ kind: 'video', label: trackLabel(config.track, i), config })),
    ...audio.map((config, i): IngestTrack => ({ kind: 'audio', label: trackLabel(config.track, i), config })),
  ];
}

function nonEmpty<T>(list: T[] | undefined): T[] | undefined {
  return list !== undefined && list.length > 0 ? list : undefined;
}

/** "Track0" / "track0" → "track 0"; another name is kept; no name → its position. */
function trackLabel(track: string | undefined, index: number): string {
  if (track === undefined || track === '') return `track ${index}`;
  const numbered = /^track\s*(\d+)$/i.exec(track);
  return numbered ? `track ${numbered[1] ?? index}` : `track ${track}`;
}

/**
 * The channel's tags as the session's channel snapshot (taken at go-live) carries them;
 * `undefined` when the snapshot or its tags are missing, so a caller knows to ask ListTagsForResource.
 */
export function channelTags(session: StreamSession): Record<string, string> | undefined {
  return session.channel?.tags;
}
