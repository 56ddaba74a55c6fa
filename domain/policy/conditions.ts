/**
 * Whether a `where` condition holds for an event and what the guard knows around it (its stream session, its
 * stage participant). Three answers: it holds, it fails, or it cannot be told because what it reads is not
 * available — which never counts as holding, and says what was missing.
 */
import type { GuardEvent } from '../events/types.ts';
import type { Participant, ParticipantEvent, StreamSession } from '../session.ts';
import { countEvents, ingestTracks } from '../session-view.ts';
import type { IngestTrack } from '../session-view.ts';
import type { ChannelCondition, Condition, IngestLimits, MatchCondition, SessionEventsCondition } from './condition-schema.ts';
import { describeLimits, describeSessionEvents, describeTrack, formatValue } from './evidence.ts';
import { globMatches } from './glob.ts';
import { participantHolds } from './participant-condition.ts';
import { participantEventsHold } from './participant-events.ts';
import { pathRoots, searchPath, strictDeepEqual } from './jmespath.ts';

/** What a condition can be evaluated against. */
export interface Facts {
  event: GuardEvent;
  session?: StreamSession;
  participant?: Participant;
  /** The participant's events in its stage session (ListParticipantEvents), oldest first. */
  participantEvents?: readonly ParticipantEvent[];
}

/** What the pipeline can fetch for a condition that needs it. */
export type Enrichment = 'session' | 'participant' | 'participantEvents';

export type Truth = 'holds' | 'fails' | 'unknown';

/**
 * The answer for one condition (or several). `evidence` says why it holds, why it fails, or what could not be read;
 * `missing` lists what an `unknown` answer lacked.
 */
export interface Verdict {
  truth: Truth;
  evidence: string[];
  missing: Enrichment[];
}

/** Whether every condition holds (an empty list holds). One that fails decides; otherwise one that is unknown does. */
export function assessAll(conditions: readonly Condition[], facts: Facts): Verdict {
  const verdicts = conditions.map((condition) => assess(condition, facts));
  const failed = verdicts.filter((v) => v.truth === 'fails');
  if (failed.length > 0) return combine('fails', failed);
  const unknown = verdicts.filter((v) => v.truth === 'unknown');
  if (unknown.length > 0) return combine('unknown', unknown);
  return combine('holds', verdicts);
}

/** Whether one condition holds. */
export function assess(condition: Condition, facts: Facts): Verdict {
  if ('sessionEvents' in condition) return withSession(facts, 'count session events', (session) => sessionEvents(condition.sessionEvents, session, facts.event));
  if ('ingestExceeds' in condition) return withSession(facts, 'read its ingest tracks', (session) => ingestExceeds(condition.ingestExceeds, session));
  if ('channel' in condition) return withSession(facts, "read its channel's settings", (session) => channel(condition.channel, session));
  if ('participant' in condition) return withParticipant(facts, (participant) => {
    const { holds, evidence } = participantHolds(condition.participant, participant);
    return verdict(holds, evidence);
  });
  if ('participantEvents' in condition) return withParticipantEvents(facts, (events, participantId) => {
    const { holds, evidence } = participantEventsHold(condition.participantEvents, events, participantId, stageWindowEnd(facts.event));
    return verdict(holds, evidence);
  });
  if ('match' in condition) return match(condition.match, facts);
  if ('any' in condition) return any(condition.any, facts);
  return not(condition.not, facts);
}

function combine(truth: Truth, verdicts: readonly Verdict[]): Verdict {
  return { truth, evidence: verdicts.flatMap((v) => v.evidence), missing: [...new Set(verdicts.flatMap((v) => v.missing))] };
}

function verdict(holds: boolean, evidence: string): Verdict {
  return { truth: holds ? 'holds' : 'fails', evidence: [evidence], missing: [] };
}

function withSession(facts: Facts, purpose: string, assessWith: (session: StreamSession) => Verdict): Verdict {
  if (facts.session === undefined) return { truth: 'unknown', evidence: [`no stream session available to ${purpose}`], missing: ['session'] };
  return assessWith(facts.session);
}

/** The participant condition reads GetParticipant's participant; an event that names none cannot be told. */
function withParticipant(facts: Facts, assessWith: (participant: Participant) => Verdict): Verdict {
  if (facts.participant !== undefined) return assessWith(facts.participant);
  const names = 'participantId' in facts.event && facts.event.participantId !== undefined;
  return { truth: 'unknown', evidence: [names ? 'no stage participant available to read its settings' : 'the event names no stage participant'], missing: names ? ['participant'] : [] };
}

/** The participantEvents condition reads ListParticipantEvents of the participant the event names. */
function withParticipantEvents(facts: Facts, assessWith: (events: readonly ParticipantEvent[], participantId: string) => Verdict): Verdict {
  const participantId = 'participantId' in facts.event ? facts.event.participantId : undefined;
  if (participantId === undefined) return { truth: 'unknown', evidence: ['the event names no stage participant'], missing: [] };
  if (facts.participantEvents !== undefined) return assessWith(facts.participantEvents, participantId);
  return { truth: 'unknown', evidence: [`no events of participant ${participantId} available to count`], missing: ['participantEvents'] };
}

/** A stage event's `event_time` (when it happened at the stage, to the millisecond) when later than the envelope's window end. */
function stageWindowEnd(event: GuardEvent): number {
  const end = windowEnd(event).getTime();
  const atStage = 'eventTime' in event && event.eventTime !== undefined ? Date.parse(event.eventTime) : NaN;
  return Number.isNaN(atStage) ? end : Math.max(end, atStage);
}

/**
 * IVS stamps session events to the millisecond, EventBridge its events to the second: the window ends at the last
 * millisecond of the triggering event's second, so the session event that is the trigger itself is counted.
 */
function windowEnd(event: GuardEvent): Date {
  const wholeSecond = !/\.\d/.test(event.time);
  return new Date(wholeSecond ? Math.floor(event.timeMs / 1000) * 1000 + 999 : event.timeMs);
}

function sessionEvents(condition: SessionEventsCondition, session: StreamSession, event: GuardEvent): Verdict {
  const count = countEvents(session, {
    ...(condition.names !== undefined && { names: condition.names }),
    ...(condition.codes !== undefined && { codes: condition.codes }),
    ...(condition.withinSeconds !== undefined && { withinSeconds: condition.withinSeconds }),
    endingAt: windowEnd(event),
  });
  const holds = count.total >= condition.atLeast;
  return verdict(holds, describeSessionEvents(condition, count, holds));
}

const VIDEO_LIMITS = [
  ['videoHeight', 'videoHeight'],
  ['videoWidth', 'videoWidth'],
  ['framerate', 'targetFramerate'],
  ['videoBitrate', 'targetBitrate'],
] as const;

function ingestExceeds(limits: IngestLimits, session: StreamSession): Verdict {
  const tracks = ingestTracks(session);
  const named = [...VIDEO_LIMITS.map(([limit]) => limit), 'audioBitrate' as const].flatMap((limit) => {
    const value = limits[limit];
    return value === undefined ? [] : [[limit, value] as const];
  });
  if (tracks.length === 0) return verdict(false, `the session reports no ingest tracks to compare with ${describeLimits(named)}`);
  const over = tracks.flatMap((track) => {
    const exceeded = exceededLimits(track, limits);
    return exceeded.length > 0 ? [`${describeTrack(track)}: exceeds ${describeLimits(exceeded)}`] : [];
  });
  if (over.length > 0) return { truth: 'holds', evidence: over, missing: [] };
  return verdict(false, `no ingest track exceeds ${describeLimits(named)} (${tracks.map(describeTrack).join('; ')})`);
}

function exceededLimits(track: IngestTrack, limits: IngestLimits): Array<readonly [string, number]> {
  const exceeded: Array<readonly [string, number]> = [];
  if (track.kind === 'video') {
    for (const [limit, field] of VIDEO_LIMITS) {
      const max = limits[limit];
      const actual = track.config[field];
      if (max !== undefined && actual !== undefined && actual > max) exceeded.push([limit, max]);
    }
  } else if (limits.audioBitrate !== undefined && track.config.targetBitrate !== undefined && track.config.targetBitrate > limits.audioBitrate) {
    exceeded.push(['audioBitrate', limits.audioBitrate]);
  }
  return exceeded;
}

function channel(condition: ChannelCondition, session: StreamSession): Verdict {
  const snapshot = session.channel;
  if (snapshot === undefined) return { truth: 'unknown', evidence: ["the stream session carries no channel snapshot"], missing: [] };
  const checks: Array<{ holds: boolean; yes: string; no: string }> = [];
  const setting = (name: 'type' | 'latencyMode' | 'authorized', wanted: string | boolean | undefined) => {
    if (wanted === undefined) return;
    const actual = snapshot[name];
    checks.push({ holds: actual === wanted, yes: `channel ${name} ${String(wanted)}`, no: `channel ${name} is ${actual === undefined ? 'not reported' : String(actual)}, not ${String(wanted)}` });
  };
  setting('type', condition.type);
  setting('latencyMode', condition.latencyMode);
  setting('authorized', condition.authorized);
  for (const [key, wanted] of Object.entries(condition.tags ?? {})) {
    const actual = snapshot.tags?.[key];
    checks.push({ holds: actual === wanted, yes: `channel tag ${key}=${wanted}`, no: `channel tag ${key} is ${actual === undefined ? 'not set' : `${key}=${actual}`}, not ${wanted}` });
  }
  const failed = checks.filter((check) => !check.holds);
  return failed.length > 0 ? verdict(false, failed.map((c) => c.no).join(', ')) : verdict(true, checks.map((c) => c.yes).join(', '));
}

function match(condition: MatchCondition, facts: Facts): Verdict {
  const { path } = condition;
  const roots = pathRoots(path);
  const missing: Enrichment[] = [];
  if (roots.has('session') && facts.session === undefined) missing.push('session');
  if (roots.has('participant') && facts.participant === undefined) missing.push('participant');
  if (missing.length > 0) return { truth: 'unknown', evidence: [`${path}: no ${missing.join(' or ')} available to read`], missing };

  const found = searchPath({ event: facts.event.raw, session: facts.session ?? null, participant: facts.participant ?? null }, path);
  if ('error' in found) return verdict(false, `${path} cannot be read: ${found.error}`);
  const actual = found.value;
  const test = `${condition.op}${'value' in condition ? ` ${formatValue(condition.value)}` : ''}`;
  if (!compare(condition, actual)) {
    if (condition.op === 'exists') return verdict(false, `${path} is absent`);
    return verdict(false, `${path} is ${actual === null ? 'absent' : formatValue(actual)}, not ${test}`);
  }
  if (condition.op === 'eq' || condition.op === 'absent') return verdict(true, `${path} ${test}`);
  return verdict(true, `${path} ${test} (is ${formatValue(actual)})`);
}

/** JMESPath gives `null` for a path that leads nowhere: `exists` and `absent` cannot tell it from a null value. */
function compare(condition: MatchCondition, actual: unknown): boolean {
  switch (condition.op) {
    case 'eq':
      return strictDeepEqual(actual, condition.value);
    case 'ne':
      return !strictDeepEqual(actual, condition.value);
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return ordered(condition.op, actual, condition.value);
    case 'in':
      return condition.value.some((candidate) => strictDeepEqual(actual, candidate));
    case 'notIn':
      return !condition.value.some((candidate) => strictDeepEqual(actual, candidate));
    case 'exists':
      return actual !== null;
    case 'absent':
      return actual === null;
    case 'regex':
      return typeof actual === 'string' && regExpOf(condition.value).test(actual);
    case 'glob':
      return typeof actual === 'string' && globMatches(condition.value, actual);
  }
}

/** Numbers with numbers, strings with strings (as text: ISO times order correctly); anything else does not compare. */
function ordered(op: 'gt' | 'gte' | 'lt' | 'lte', actual: unknown, value: number | string): boolean {
  let order: number;
  if (typeof actual === 'number' && typeof value === 'number') order = Math.sign(actual - value);
  else if (typeof actual === 'string' && typeof value === 'string') order = actual < value ? -1 : actual > value ? 1 : 0;
  else return false;
  switch (op) {
    case 'gt':
      return order > 0;
    case 'gte':
      return order >= 0;
    case 'lt':
      return order < 0;
    case 'lte':
      return order <= 0;
  }
}

const regExps = new Map<string, RegExp>();
function regExpOf(source: string): RegExp {
  let regExp = regExps.get(source);
  if (regExp === undefined) {
    regExp = new RegExp(source);
    regExps.set(source, regExp);
  }
  return regExp;
}

function any(conditions: readonly Condition[], facts: Facts): Verdict {
  const verdicts = conditions.map((condition) => assess(condition, facts));
  const held = verdicts.filter((v) => v.truth === 'holds');
  if (held.length > 0) return combine('holds', held);
  const unknown = verdicts.filter((v) => v.truth === 'unknown');
  if (unknown.length > 0) return combine('unknown', unknown);
  return { truth: 'fails', evidence: [`none of: ${verdicts.flatMap((v) => v.evidence).join('; ')}`], missing: [] };
}

function not(condition: Condition, facts: Facts): Verdict {
  const inner = assess(condition, facts);
  const truth: Truth = inner.truth === 'holds' ? 'fails' : inner.truth === 'fails' ? 'holds' : 'unknown';
  return { truth, evidence: truth === 'unknown' ? inner.evidence : inner.evidence.map((line) => `not: ${line}`), missing: inner.missing };
}
