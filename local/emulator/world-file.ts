/**
 * World files (DESIGN §4): JSON or YAML, in the IVS API's own shapes, nested by owner. Loading
 * checks every field against the API model and names the path (and line) of each mistake.
 */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { isNode, LineCounter, parseDocument } from 'yaml';
import type { Document } from 'yaml';
import type { ServiceName, Shape } from './model.ts';
import { shapeOf } from './model.ts';
import type { Channel, ParticipantEvent, ParticipantFields, Stage, StageSession, StreamKey, StreamSession } from './types.ts';
import type { Issue, Path } from './validate.ts';
import { formatPath, isRecord, validate } from './validate.ts';

/** A channel as GetChannel returns it (only `arn` is required), with its keys and sessions. */
export type WorldChannel = Partial<Channel> & {
  arn: string;
  streamKeys?: Partial<StreamKey>[];
  /** As GetStreamSession returns them, without `channel`. */
  streamSessions?: Partial<Omit<StreamSession, 'channel'>>[];
};

/** An event as ListParticipantEvents returns it; `participantId` may be left out (it is the participant's). */
export type WorldParticipantEvent = Omit<ParticipantEvent, 'participantId'> & { participantId?: string };

/** A participant as GetParticipant returns it, plus the stage session it belongs to and its events. */
export type WorldParticipant = Partial<ParticipantFields> & { events?: WorldParticipantEvent[] };

/** A stage as GetStage returns it (only `arn` is required), with its sessions and participants. */
export type WorldStage = Partial<Stage> & {
  arn: string;
  /** As GetStageSession returns them. Without them, the participants' sessions are the stage's. */
  stageSessions?: StageSession[];
  participants?: WorldParticipant[];
};

export interface WorldFile {
  channels?: WorldChannel[];
  stages?: WorldStage[];
}

export interface WorldFileIssue {
  path: string;
  line?: number;
  message: string;
}

export class WorldFileError extends Error {
  constructor(
    readonly source: string,
    readonly issues: WorldFileIssue[],
  ) {
    super(`${source} is not a valid world file:\n${issues.map((i) => `  ${i.path || '(top)'}${i.line ? ` (line ${i.line})` : ''}: ${i.message}`).join('\n')}`);
    this.name = 'WorldFileError';
  }
}

/** A world file read from a path (.json, .yml, .yaml), or a world given as a value, checked. Throws WorldFileError. */
export function loadWorldFile(source: unknown): WorldFile {
  if (typeof source !== 'string') return checked(source, 'world');
  const extension = extname(source).toLowerCase();
  if (!['.json', '.yml', '.yaml'].includes(extension)) {
    throw new WorldFileError(source, [{ path: '', message: `a world file is .json, .yml or .yaml (got '${extension || 'no extension'}')` }]);
  }
  let text: string;
  try {
    text = readFileSync(source, 'utf8');
  } catch (error) {
    throw new WorldFileError(source, [{ path: '', message: `cannot be read: ${(error as Error).message}` }]);
  }
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: true });
  if (document.errors.length > 0) {
    throw new WorldFileError(source, document.errors.map((e) => ({ path: '', line: (e.linePos?.[0].line ?? 0) || 1, message: e.message.split('\n')[0] ?? e.message })));
  }
  // YAML reads more than JSON allows (`{"arn": }`): a .json file must be JSON.
  let value: unknown = document.toJS();
  if (extension === '.json') {
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new WorldFileError(source, [{ path: '', message: `is not valid JSON: ${(error as Error).message}` }]);
    }
  }
  return checked(value, source, (path) => lineOf(document, lineCounter, path));
}

function checked(value: unknown, source: string, line?: (path: Path) => number | undefined): WorldFile {
  const issues = worldIssues(value ?? {});
  if (issues.length > 0) {
    throw new WorldFileError(
      source,
      issues.map((issue) => {
        const at = line?.(issue.path);
        return { path: formatPath(issue.path), ...(at ? { line: at } : {}), message: issue.message };
      }),
    );
  }
  return value ?? {};
}

/** Every mistake of a world: against the API model first, then what the model cannot say. */
export function worldIssues(world: unknown): Issue[] {
  if (!isRecord(world)) return [{ path: [], message: 'must be an object with channels and/or stages' }];
  const issues: Issue[] = [];
  for (const key of Object.keys(world)) {
    if (key !== 'channels' && key !== 'stages') issues.push({ path: [key], message: `is not a world field (a world has: channels, stages)` });
  }
  const lists: [key: 'channels' | 'stages', service: ServiceName, shape: string][] = [
    ['channels', 'ivs', 'WorldChannel'],
    ['stages', 'ivs-realtime', 'WorldStage'],
  ];
  for (const [key, service, shape] of lists) {
    const list = world[key];
    if (list === undefined || list === null) continue;
    if (!Array.isArray(list)) {
      issues.push({ path: [key], message: 'must be a list' });
      continue;
    }
    list.forEach((item, index) => issues.push(...validate(service, shape, item, [key, index], { strict: true, extraShapes: WORLD_SHAPES[service] })));
  }
  if (issues.length === 0) issues.push(...consistencyIssues(world));
  return issues;
}

/** The model's own shapes, extended with what nests by owner. */
const WORLD_SHAPES: Record<ServiceName, Record<string, Shape>> = {
  ivs: {
    WorldChannel: extend('ivs', 'Channel', { streamKeys: 'WorldStreamKeyList', streamSessions: 'WorldStreamSessionList' }, ['arn']),
    WorldStreamKeyList: { type: 'list', member: { shape: 'StreamKey' } },
    WorldStreamSessionList: { type: 'list', member: { shape: 'WorldStreamSession' } },
    WorldStreamSession: withoutMember(shapeOf('ivs', 'StreamSession'), 'channel'),
  },
  'ivs-realtime': {
    WorldStage: extend('ivs-realtime', 'Stage', { stageSessions: 'WorldStageSessionList', participants: 'WorldParticipantList' }, ['arn']),
    WorldStageSessionList: { type: 'list', member: { shape: 'WorldStageSession' } },
    WorldStageSession: extend('ivs-realtime', 'StageSession', {}, ['sessionId', 'startTime']),
    WorldParticipantList: { type: 'list', member: { shape: 'WorldParticipant' } },
    WorldParticipant: extend('ivs-realtime', 'Participant', { sessionId: 'StageSessionId', events: 'WorldParticipantEventList' }, []),
    WorldParticipantEventList: { type: 'list', member: { shape: 'WorldParticipantEvent' } },
    WorldParticipantEvent: extend('ivs-realtime', 'Event', {}, ['name', 'eventTime']),
  },
};

function extend(service: ServiceName, base: string, members: Record<string, string>, required: string[]): Shape {
  const shape = shapeOf(service, base);
  const extra = Object.fromEntries(Object.entries(members).map(([name, shapeName]) => [name, { shape: shapeName }]));
  return { ...shape, members: { ...shape.members, ...extra }, required: [...new Set([...(shape.required ?? []), ...required])] };
}

function withoutMember(shape: Shape, member: string): Shape {
  const members = { ...shape.members };
  delete members[member];
  return { ...shape, members };
}

/** What the model cannot say: unique ARNs and ids, presets only for ADVANCED channels, one key per channel, one open session, ordered times. */
function consistencyIssues(world: WorldFile): Issue[] {
  const issues: Issue[] = [];
  const seen = new Map<string, Path>();
  const unique = (id: string, path: Path, what: string): void => {
    const first = seen.get(id);
    if (first) issues.push({ path, message: `${what} ${id} is already declared at ${formatPath(first)}` });
    else seen.set(id, path);
  };
  world.channels?.forEach((channel, c) => {
    const at: Path = ['channels', c];
    unique(channel.arn, [...at, 'arn'], 'channel');
    if (channel.preset && !(channel.type ?? 'STANDARD').startsWith('ADVANCED')) {
      issues.push({ path: [...at, 'preset'], message: `is only for ADVANCED_SD and ADVANCED_HD channels; a ${channel.type ?? 'STANDARD'} channel's preset is "" (got '${channel.preset}')` });
    }
    const keys = channel.streamKeys ?? [];
    if (keys.length > 1) issues.push({ path: [...at, 'streamKeys'], message: `IVS allows one stream key per channel (got ${keys.length})` });
    keys.forEach((key, k) => {
      if (key.arn) unique(key.arn, [...at, 'streamKeys', k, 'arn'], 'stream key');
      if (key.channelArn && key.channelArn !== channel.arn) {
        issues.push({ path: [...at, 'streamKeys', k, 'channelArn'], message: `must be the owning channel's ARN ${channel.arn} (or be left out)` });
      }
    });
    const sessions = channel.streamSessions ?? [];
    const open = sessions.flatMap((s, i) => (s.endTime === undefined ? [i] : []));
    if (open.length > 1) issues.push({ path: [...at, 'streamSessions'], message: `at most one session can be open (no endTime); sessions ${open.join(', ')} are` });
    const openStart = open.length === 1 ? sessions[open[0] ?? 0]?.startTime : undefined;
    const later = openStart ? sessions.findIndex((s) => s.startTime !== undefined && Date.parse(s.startTime) > Date.parse(openStart)) : -1;
    if (later !== -1) issues.push({ path: [...at, 'streamSessions', open[0] ?? 0, 'endTime'], message: `is needed: session ${later} started later, and only the most recent session can be open` });
    sessions.forEach((session, s) => {
      if (session.streamId) unique(`${channel.arn} ${session.streamId}`, [...at, 'streamSessions', s, 'streamId'], 'stream session');
      if (session.startTime && session.endTime && Date.parse(session.endTime) < Date.parse(session.startTime)) {
        issues.push({ path: [...at, 'streamSessions', s, 'endTime'], message: `is before startTime ${session.startTime}` });
      }
    });
  });
  world.stages?.forEach((stage, s) => {
    unique(stage.arn, ['stages', s, 'arn'], 'stage');
    stage.stageSessions?.forEach((session, i) => unique(`${stage.arn} ${session.sessionId}`, ['stages', s, 'stageSessions', i, 'sessionId'], 'stage session'));
    stage.participants?.forEach((p, i) => {
      if (p.participantId) unique(`${stage.arn} ${p.sessionId ?? ''} ${p.participantId}`, ['stages', s, 'participants', i, 'participantId'], 'participant');
    });
    issues.push(...stageIssues(stage, ['stages', s]));
  });
  return issues;
}

/**
 * A stage's sessions as IVS has them: at most one goes on (no endTime), the most recent, and it is the
 * `activeSessionId`; every participant is in a declared session; a participant's events are its own.
 */
function stageIssues(stage: WorldStage, at: Path): Issue[] {
  const issues: Issue[] = [];
  const sessions = stage.stageSessions;
  if (sessions) {
    const open = sessions.flatMap((session, i) => (session.endTime === undefined ? [i] : []));
    if (open.length > 1) issues.push({ path: [...at, 'stageSessions'], message: `at most one session can go on (no endTime); sessions ${open.join(', ')} do` });
    const openSession = open.length === 1 ? sessions[open[0] ?? 0] : undefined;
    const later = openSession ? sessions.findIndex((x) => Date.parse(x.startTime) > Date.parse(openSession.startTime)) : -1;
    if (later !== -1) issues.push({ path: [...at, 'stageSessions', open[0] ?? 0, 'endTime'], message: `is needed: session ${later} started later, and only the most recent session can go on` });
    sessions.forEach((session, i) => {
      if (session.endTime && Date.parse(session.endTime) < Date.parse(session.startTime)) issues.push({ path: [...at, 'stageSessions', i, 'endTime'], message: `is before startTime ${session.startTime}` });
    });
    if (stage.activeSessionId && stage.activeSessionId !== openSession?.sessionId) {
      const why = openSession ? `the session that goes on is ${openSession.sessionId}` : 'every declared session has ended';
      issues.push({ path: [...at, 'activeSessionId'], message: `must be the stage session without an endTime: ${why}` });
    }
    const declared = new Set(sessions.map((x) => x.sessionId));
    stage.participants?.forEach((p, i) => {
      const sessionId = p.sessionId ?? openSession?.sessionId;
      if (!sessionId || !declared.has(sessionId)) {
        const what = p.sessionId ? `is ${p.sessionId}, which stageSessions does not declare` : 'is needed: no declared session goes on';
        issues.push({ path: [...at, 'participants', i, 'sessionId'], message: `${what} (declared: ${[...declared].join(', ') || 'none'})` });
      }
    });
  }
  stage.participants?.forEach((p, i) => {
    p.events?.forEach((event, e) => {
      if (event.participantId !== undefined && event.participantId !== p.participantId) {
        issues.push({ path: [...at, 'participants', i, 'events', e, 'participantId'], message: `must be the participant's own id ${p.participantId ?? '(none given)'} (or be left out)` });
      }
    });
  });
  return issues;
}

/** The line of the node at `path`, or of its nearest ancestor that is in the file. */
function lineOf(document: Document, lineCounter: LineCounter, path: Path): number | undefined {
  for (let depth = path.length; depth >= 0; depth -= 1) {
    const node: unknown = document.getIn(path.slice(0, depth), true);
    if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
  }
  return undefined;
}
