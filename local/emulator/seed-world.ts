/**
 * Builds the emulator's world from a checked world file, filling in what the file does not say.
 */
import { IVS_LIMITS } from '../../domain/limits.ts';
import {
  defaultChannel,
  defaultIngest,
  defaultPreset,
  defaultRecordingConfiguration,
  defaultStreamKey,
  derivedParticipantId,
  derivedStreamId,
  firstTracks,
} from './defaults.ts';
import { compareEvents } from './timeline.ts';
import type { ChannelState, IngestConfigurations, ParticipantRecord, StageState, StreamEvent, StreamSession } from './types.ts';
import type { WorldChannel, WorldFile, WorldStage } from './world-file.ts';
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
  const { participants, ...fields } = source;
  const activeSessionId = fields.activeSessionId ?? participants?.find((p) => p.sessionId)?.sessionId;
  const stage = { name: source.arn.split('/').pop() ?? '', ...fields, ...(activeSessionId ? { activeSessionId } : {}), tags: { ...fields.tags } };
  const state: StageState = { stage, participants: [] };
  (participants ?? []).forEach((participant, index) => {
    const record: ParticipantRecord = {
      state: 'CONNECTED',
      published: false,
      attributes: {},
      firstJoinTime: loadedAt,
      ...participant,
      sessionId: participant.sessionId ?? defaultStageSession(state),
      participantId: participant.participantId ?? derivedParticipantId(`${source.arn}#${index}`),
    };
    if (record.firstJoinTime) record.firstJoinTime = toIso(record.firstJoinTime);
    state.participants.push(record);
  });
  return state;
}
