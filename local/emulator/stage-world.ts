/**
 * How a stage's sessions and a participant's events change as news of them arrives (replayed IVS
 * events, DisconnectParticipant), in time order whatever order the news comes in: a stage has at most
 * one session going on, the most recent; a participant's events stay oldest first, without duplicates.
 */
import type { ParticipantEvent, ParticipantFields, ParticipantRecord, StageSession, StageState } from './types.ts';

/**
 * The stage session `sessionId`, known to have been going on at `time`. A session the stage did not
 * know opens at `time`: the newest one becomes the stage's active session and ends the one before it;
 * one that started before the newest (news of the past) is recorded as ended when the next began.
 */
export function sessionAt(state: StageState, sessionId: string, time: string): StageSession {
  const known = state.sessions.find((s) => s.sessionId === sessionId);
  if (known) {
    if (time < known.startTime) known.startTime = time;
    const next = nextSession(state, known);
    if (known.endTime !== undefined && time > known.endTime && (!next || time <= next.startTime)) known.endTime = time;
    return known;
  }
  const session: StageSession = { sessionId, startTime: time };
  const later = state.sessions.find((s) => s.startTime > time);
  if (later) {
    session.endTime = later.startTime;
  } else {
    for (const earlier of state.sessions) if (earlier.endTime === undefined) earlier.endTime = time;
    state.stage.activeSessionId = sessionId;
  }
  state.sessions.push(session);
  state.sessions.sort((a, b) => a.startTime.localeCompare(b.startTime));
  return session;
}

function nextSession(state: StageState, session: StageSession): StageSession | undefined {
  return state.sessions.find((s) => s !== session && s.startTime > session.startTime);
}

/** Two events are the same event when they have the same name, time, error code and remote participant. */
function sameEvent(a: ParticipantEvent, b: ParticipantEvent): boolean {
  return a.name === b.name && a.eventTime === b.eventTime && a.errorCode === b.errorCode && a.remoteParticipantId === b.remoteParticipantId;
}

/**
 * Adds an event to a participant's history, in time order (after the events of the same time), once.
 * An event older than the participant's first join moves the join (and its JOINED event) back.
 */
export function addParticipantEvent(participant: ParticipantRecord, event: ParticipantEvent): void {
  const events = participant.events;
  if (events.some((e) => sameEvent(e, event))) return;
  const firstJoin = participant.firstJoinTime;
  if (firstJoin !== undefined && event.eventTime < firstJoin) {
    const joined = events.find((e) => e.name === 'JOINED' && e.eventTime === firstJoin);
    if (joined) joined.eventTime = event.eventTime;
    participant.firstJoinTime = event.eventTime;
  }
  const index = events.findIndex((e) => e.eventTime > event.eventTime);
  if (index === -1) events.push(event);
  else events.splice(index, 0, event);
}

/**
 * The history a participant's own fields imply, for a world that gives none: it joined at
 * `firstJoinTime`, published then if `published`, and left then if DISCONNECTED.
 */
export function impliedEvents(participant: ParticipantFields): ParticipantEvent[] {
  const at = { participantId: participant.participantId, eventTime: participant.firstJoinTime ?? '' };
  return [
    { name: 'JOINED', ...at },
    ...(participant.published ? [{ name: 'PUBLISH_STARTED', ...at }] : []),
    ...(participant.state === 'DISCONNECTED' ? [{ name: 'LEFT', ...at }] : []),
  ];
}

/**
 * The sessions a stage's participants imply, for a world that declares none: each began at the
 * earliest event (or first join) of its participants; the active one (`activeSessionId`, else the
 * latest to begin) goes on, every other one ended when the next began, or at its last event. An
 * active session no participant is in began at `since` (when the world was loaded).
 */
export function impliedSessions(participants: ParticipantRecord[], activeSessionId: string | undefined, since: string): StageSession[] {
  const sessions = new Map<string, { start: string; last: string }>();
  for (const p of participants) {
    const times = [p.firstJoinTime, ...p.events.map((e) => e.eventTime)].filter((t): t is string => t !== undefined).sort();
    const start = times[0] ?? '';
    const last = times.at(-1) ?? start;
    const seen = sessions.get(p.sessionId);
    sessions.set(p.sessionId, seen ? { start: start < seen.start ? start : seen.start, last: last > seen.last ? last : seen.last } : { start, last });
  }
  if (activeSessionId !== undefined && !sessions.has(activeSessionId)) sessions.set(activeSessionId, { start: since, last: since });
  const ordered = [...sessions.entries()].map(([sessionId, t]) => ({ sessionId, ...t })).sort((a, b) => a.start.localeCompare(b.start));
  const active = activeSessionId ?? ordered.at(-1)?.sessionId;
  return ordered.map(({ sessionId, start, last }, i) => {
    if (sessionId === active) return { sessionId, startTime: start };
    const next = ordered[i + 1]?.start;
    return { sessionId, startTime: start, endTime: next !== undefined && next < last ? next : last };
  });
}
