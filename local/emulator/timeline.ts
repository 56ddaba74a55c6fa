/**
 * How a channel's sessions and live stream follow from what the world knows of them, whatever order
 * that knowledge came in. IVS documents that its events may arrive late (hours), duplicated and out
 * of order; so nothing here depends on arrival order:
 *
 * - a session starts at the earliest time known of it (its earliest event, or the start a world file
 *   or operation gave it);
 * - it ends at the earliest of: its own `Stream End`/`Session Ended` event, a StopStream, and the
 *   start of the next session on the channel (IVS closes a session when a new one begins); never
 *   before it started;
 * - the channel is live only with its latest session, if that one has not ended and has had an
 *   event that means someone broadcasts (or, seeded from a world file, has no events at all);
 * - the live stream's health is what its most recent starvation event says.
 *
 * Each rule is a minimum, a maximum or a choice over a set, so an older event can only change the
 * past: a closed session in the list, in time order, never the present one.
 */
import type { ChannelState, LiveStream, StreamEvent, StreamSession } from './types.ts';

/** Events that mean someone is broadcasting on the session's channel. */
export const IMPLIES_LIVE = new Set(['Stream Start', 'Stream Takeover', 'Stream Takeover Failure', 'Starvation Start', 'Starvation End']);
/** Events that end a session's stream. */
export const ENDS_STREAM = new Set(['Stream End', 'Session Ended']);

/** Most recent first; events of the same instant by name, type and code, so the order is one. */
export function compareEvents(a: StreamEvent, b: StreamEvent): number {
  return (
    (b.eventTime ?? '').localeCompare(a.eventTime ?? '') ||
    (a.name ?? '').localeCompare(b.name ?? '') ||
    (a.type ?? '').localeCompare(b.type ?? '') ||
    (a.code ?? '').localeCompare(b.code ?? '')
  );
}

/** Start order; sessions of the same instant by stream id. */
function compareSessions(a: StreamSession, b: StreamSession): number {
  return a.startTime.localeCompare(b.startTime) || a.streamId.localeCompare(b.streamId);
}

function earliest(times: (string | undefined)[]): string | undefined {
  return times.filter((t): t is string => t !== undefined).sort()[0];
}

/**
 * Brings the channel's sessions (order, end times) and its live stream in line with the rules above.
 * Idempotent; call it after any change to a session.
 */
export function settleChannel(state: ChannelState): void {
  state.sessions.sort(compareSessions);
  state.sessions.forEach((session, index) => {
    const ends = session.truncatedEvents.filter((e) => ENDS_STREAM.has(e.name ?? '')).map((e) => e.eventTime);
    const end = earliest([session.endTime, ...ends, state.sessions[index + 1]?.startTime]);
    if (end !== undefined) session.endTime = end < session.startTime ? session.startTime : end;
  });
  const latest = state.sessions.at(-1);
  const live = latest && latest.endTime === undefined ? liveStreamOf(latest) : undefined;
  if (!live) {
    delete state.live;
    return;
  }
  const viewerCount = state.live?.streamId === live.streamId ? state.live.viewerCount : 0;
  state.live = { ...live, viewerCount };
}

/** The live stream an open session is, if it is broadcasting. */
function liveStreamOf(session: StreamSession): Omit<LiveStream, 'viewerCount'> | undefined {
  const events = session.truncatedEvents;
  if (events.length === 0) return { streamId: session.streamId, startTime: session.startTime, health: 'HEALTHY' };
  const startTime = earliest(events.filter((e) => IMPLIES_LIVE.has(e.name ?? '')).map((e) => e.eventTime ?? session.startTime));
  if (startTime === undefined) return undefined;
  // truncatedEvents are most recent first (compareEvents), so the first starvation event is the latest.
  const starvation = events.find((e) => e.name === 'Starvation Start' || e.name === 'Starvation End');
  return { streamId: session.streamId, startTime, health: starvation?.name === 'Starvation Start' ? 'STARVING' : 'HEALTHY' };
}
