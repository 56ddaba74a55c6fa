/**
 * The `participantEvents` condition: counts what happened to the stage participant the event names during its
 * stage session (ivs-realtime ListParticipantEvents: JOINED, PUBLISH_STARTED, PUBLISH_ERROR with its `errorCode`,
 * …), in the window that ends at the triggering event. Like `sessionEvents` over a stream session's events; the
 * participant's events are fetched once per stage, session and participant in a batch, and only when a policy the
 * event triggers counts them.
 */
import * as z from 'zod/mini';
import { described } from '../zod.ts';
import type { ParticipantEvent } from '../session.ts';
import { closedObject, knownWord, wholeNumber } from './schema-parts.ts';

/** ListParticipantEvents' event names (ivs-realtime `EventName`). */
export const PARTICIPANT_EVENT_NAMES = [
  'JOINED',
  'LEFT',
  'PUBLISH_STARTED',
  'PUBLISH_STOPPED',
  'SUBSCRIBE_STARTED',
  'SUBSCRIBE_STOPPED',
  'PUBLISH_ERROR',
  'SUBSCRIBE_ERROR',
  'JOIN_ERROR',
  'REPLICATION_STARTED',
  'REPLICATION_STOPPED',
  'TOKEN_EXCHANGED',
] as const;

/** The error codes of its error events (ivs-realtime `EventErrorCode`). */
export const PARTICIPANT_EVENT_ERROR_CODES = [
  'INSUFFICIENT_CAPABILITIES',
  'QUOTA_EXCEEDED',
  'PUBLISHER_NOT_FOUND',
  'BITRATE_EXCEEDED',
  'RESOLUTION_EXCEEDED',
  'STREAM_DURATION_EXCEEDED',
  'INVALID_AUDIO_CODEC',
  'INVALID_VIDEO_CODEC',
  'INVALID_PROTOCOL',
  'INVALID_STREAM_KEY',
  'REUSE_OF_STREAM_KEY',
  'B_FRAME_PRESENT',
  'INVALID_INPUT',
  'INTERNAL_SERVER_EXCEPTION',
] as const;

export const participantEventsSchema = described(
  closedObject(
    {
      names: described(
        z.optional(z.array(knownWord(PARTICIPANT_EVENT_NAMES, 'participant event name')).check(z.minLength(1))),
        'Count only participant events with one of these names (e.g. PUBLISH_ERROR).',
      ),
      errorCodes: described(
        z.optional(z.array(knownWord(PARTICIPANT_EVENT_ERROR_CODES, 'participant event error code')).check(z.minLength(1))),
        'Count only error events with one of these error codes (e.g. BITRATE_EXCEEDED).',
      ),
      atLeast: described(wholeNumber(1), 'Holds when at least this many events are counted.'),
      withinSeconds: described(z.optional(wholeNumber(1)), 'Count only events in this many seconds up to the triggering event (default: the whole stage session).'),
    },
    'participantEvents {names?, errorCodes?, atLeast, withinSeconds?}',
  ),
  "Counts the events of the stage participant the event names (ListParticipantEvents) in the window that ends at the triggering event's time.",
);

export type ParticipantEventsCondition = z.output<typeof participantEventsSchema>;

/** Whether the participant's `events` hold `condition` in the window ending at `endingAtMs`, with the evidence in words. */
export function participantEventsHold(
  condition: ParticipantEventsCondition,
  events: readonly ParticipantEvent[],
  participantId: string,
  endingAtMs: number,
): { holds: boolean; evidence: string } {
  const start = condition.withinSeconds === undefined ? -Infinity : endingAtMs - condition.withinSeconds * 1000;
  const counted = events.filter((event) => {
    const t = event.eventTime === undefined ? NaN : Date.parse(event.eventTime);
    if (Number.isNaN(t) || t <= start || t > endingAtMs) return false;
    if (condition.names !== undefined && (event.name === undefined || !condition.names.some((name) => name === event.name))) return false;
    if (condition.errorCodes !== undefined && (event.errorCode === undefined || !condition.errorCodes.some((code) => code === event.errorCode))) return false;
    return true;
  });
  counted.sort((a, b) => Date.parse(a.eventTime ?? '') - Date.parse(b.eventTime ?? ''));
  const holds = counted.length >= condition.atLeast;
  return { holds, evidence: `participant ${participantId}: ${describe(condition, counted, holds)}` };
}

/**
 * "3 publish errors in 40 s: BITRATE_EXCEEDED ×3 (at least 3 within 60 s)" when it holds; "2 publish errors within
 * 60 s: fewer than 3" when not.
 */
function describe(condition: ParticipantEventsCondition, counted: readonly ParticipantEvent[], holds: boolean): string {
  const only = condition.names?.length === 1 ? condition.names[0] : undefined;
  const n = counted.length;
  const what = `${n} ${only === undefined ? `participant event${n === 1 ? '' : 's'}` : countedName(only, n)}`;
  const window = condition.withinSeconds === undefined ? 'in the stage session' : `within ${condition.withinSeconds} s`;
  if (!holds) return `${what} ${window}: fewer than ${condition.atLeast}`;
  const byCode = tally(counted.map((event) => event.errorCode));
  const breakdown = byCode.length > 0 ? byCode : only === undefined ? tally(counted.map((event) => event.name)) : '';
  return `${what} ${spanOf(counted)}${breakdown ? `: ${breakdown}` : ''} (at least ${condition.atLeast} ${window})`;
}

/** PUBLISH_ERROR → "publish errors"; a name that does not read as a noun (JOINED, LEFT, PUBLISH_STARTED) → "JOINED events". */
function countedName(name: string, n: number): string {
  const plural = n === 1 ? '' : 's';
  return /(ED|LEFT)$/.test(name) ? `${name} event${plural}` : `${name.toLowerCase().replaceAll('_', ' ')}${plural}`;
}

function spanOf(events: readonly ParticipantEvent[]): string {
  const times = events.flatMap((event) => (event.eventTime === undefined ? [] : [Date.parse(event.eventTime)]));
  const first = times[0];
  const last = times[times.length - 1];
  if (first === undefined || last === undefined) return '';
  if (events.length === 1) return `at ${new Date(first).toISOString()}`;
  return `in ${Math.round((last - first) / 1000)} s`;
}

/** "BITRATE_EXCEEDED ×2, RESOLUTION_EXCEEDED ×1", most first ('' when no value is given). */
function tally(values: ReadonlyArray<string | undefined>): string {
  const counts = new Map<string, number>();
  for (const value of values) if (value !== undefined) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts]
    .sort(([, a], [, b]) => b - a)
    .map(([key, count]) => `${key} ×${count}`)
    .join(', ');
}
