/**
 * Builds the emulator's world from a checked world file, filling in what the file does not say.
 */
import { IVS_LIMITS } from '../../domain/limits.ts';
import {
  defaultChannel,
  defaultIngest,
  defaultPreset,
  defaultRecordingConfiguration,
  defaultStage,
  defaultStreamKey,
  derivedParticipantId,
  derivedStreamId,
  firstTracks,
} from './defaults.ts';
import { compareEvents } from './timeline.ts';
import { impliedEvents, impliedSessions } from './stage-world.ts';
import type { ChannelState, IngestConfigurations, ParticipantEvent, ParticipantRecord, Stage, StageSession, StageState, StreamEvent, StreamSession } from './types.ts';
import type { WorldChannel, WorldFile, WorldParticipant, WorldStage } from './world-file.ts';
import type { WorldOptions } from './world.ts';
import { defaultStageSession, EmulatorWorld, insertSession, toIso } from './world.ts';

/** A world seeded from `file` (already checked by loadWorldFile). */
export function createWorld(file: WorldFile = {}, options: WorldOptions = {}): EmulatorWorld {
  const world = new EmulatorWorld(options);
  const loadedAt = world.now();
  for (const channel of file.channels ?? []) world.channels.set(channel.arn, channelState(channel, loadedAt));
  for (const stage of file.stages ?? []) world.stages.set(stage.arn, stageState(stage, loadedAt));
  return world;
}

function channelState(source: WorldChannel, loadedAt: string): ChannelState {
  const { streamKeys, streamSessions, ...fields } = source;
  const base = defaultChannel(source.arn);
  const type = fields.type ?? base.type;
  const channel = { ...base, preset: defaultPreset(type), ...fields, tags: { ...fields.tags } };
  const keys = streamKeys ?? [defaultStreamKey(source.arn)];
  const state: ChannelState = {
    channel,
    streamKeys: keys.map((key) => ({ ...defaultStreamKey(source.arn), ...key, channelArn: source.arn, tags: { ...key.tags } })),
    sessions: [],
  };
  (streamSessions ?? []).forEach((session, index) => {
    const streamId = session.streamId ?? derivedStreamId(`${source.arn}#${index}`);
    const ingestConfigurations: IngestConfigurations = session.ingestConfigurations ?? fromSingleTrack(session.ingestConfiguration) ?? defaultIngest();
    const recordingArn = channel.recordingConfigurationArn;
    const full: StreamSession = {
      streamId,
      startTime: toIso(session.startTime ?? loadedAt),
      ...(session.endTime ? { endTime: toIso(session.endTime) } : {}),
      channel: structuredClone(channel),
      ingestConfiguration: session.ingestConfiguration ?? firstTracks(ingestConfigurations),
      ingestConfigurations,
      ...(session.recordingConfiguration ? { recordingConfiguration: session.recordingConfiguration } : {}),
      ...(!session.recordingConfiguration && recordingArn ? { recordingConfiguration: defaultRecordingConfiguration(recordingArn) } : {}),
      truncatedEvents: mostRecentFirst(session.truncatedEvents ?? []),
    };
    // Live or not, and its health, follow from the session's events as they did when it was saved (timeline.ts).
    insertSession(state, full);
  });
  return state;
}

function fromSingleTrack(single: StreamSession['ingestConfiguration']): IngestConfigurations | undefined {
  if (!single) return undefined;
  return { videoConfigurations: single.video ? [single.video] : [], audioConfigurations: single.audio ? [single.audio] : [] };
}

function mostRecentFirst(events: StreamEvent[]): StreamEvent[] {
  const normalized = events.map((e) => (e.eventTime ? { ...e, eventTime: toIso(e.eventTime) } : { ...e }));
  return normalized.sort(compareEvents).slice(0, IVS_LIMITS.truncatedEventsMax);
}

function stageState(source: WorldStage, loadedAt: string): StageState {
  const { participants, stageSessions, ...fields } = source;
  const records = (participants ?? []).map((participant, index) => participantRecord(participant, `${source.arn}#${index}`, loadedAt));
  // Declared sessions say which one goes on; without them: the one named, else the latest a participant is in.
  const named = records.filter((r) => r.sessionId !== UNPLACED);
  const open = stageSessions?.find((s) => s.endTime === undefined)?.sessionId;
  const activeSessionId = stageSessions ? open : (source.activeSessionId ?? impliedSessions(named, undefined, loadedAt).at(-1)?.sessionId);
  const stage: Stage = { ...defaultStage(source.arn), ...fields, tags: { ...fields.tags } };
  delete stage.activeSessionId;
  if (activeSessionId) stage.activeSessionId = activeSessionId;
  const state: StageState = { stage, sessions: [], participants: [] };
  for (const record of records) if (record.sessionId === UNPLACED) record.sessionId = defaultStageSession(state);
  state.participants = records;
  state.sessions = stageSessions
    ? oldestSessionFirst(stageSessions.map((s) => ({ sessionId: s.sessionId, startTime: toIso(s.startTime), ...(s.endTime ? { endTime: toIso(s.endTime) } : {}) })))
    : impliedSessions(state.participants, activeSessionId, loadedAt);
  return state;
}

/** The session id of a participant the world places in none yet (the stage's active session, once known). */
const UNPLACED = '';

/** A participant with what the world does not say filled in, but for a session it does not name. */
function participantRecord(participant: WorldParticipant, name: string, loadedAt: string): ParticipantRecord {
  const { events, ...declared } = participant;
  const participantId = declared.participantId ?? derivedParticipantId(name);
  const history = events ? oldestFirst(events.map((e) => ({ ...e, participantId, eventTime: toIso(e.eventTime) }))) : undefined;
  const joined = declared.firstJoinTime ?? (history?.find((e) => e.name === 'JOINED') ?? history?.[0])?.eventTime ?? loadedAt;
  const fields = { state: 'CONNECTED' as const, published: false, attributes: {}, ...declared, firstJoinTime: toIso(joined), sessionId: declared.sessionId ?? UNPLACED, participantId };
  return { ...fields, events: history ?? impliedEvents(fields) };
}

/** Stable: events of the same time keep the world file's order. */
function oldestFirst(events: ParticipantEvent[]): ParticipantEvent[] {
  return [...events].sort((a, b) => a.eventTime.localeCompare(b.eventTime));
}

function oldestSessionFirst(sessions: StageSession[]): StageSession[] {
  return [...sessions].sort((a, b) => a.startTime.localeCompare(b.startTime));
}
