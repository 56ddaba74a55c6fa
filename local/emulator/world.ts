/**
 * The emulator's world: channels with their keys, sessions and live stream, stages with their
 * participants, and the records of what was done to them. Operations and replayed IVS events
 * change it; tests read it.
 */
import { IVS_LIMITS } from '../../domain/limits.ts';
import { defaultChannel, defaultIngest, defaultRecordingConfiguration, defaultStage, defaultStreamKey, derivedStageSessionId, firstTracks } from './defaults.ts';
import type { Random } from './prng.ts';
import { seededRandom } from './prng.ts';
import { compareEvents, settleChannel } from './timeline.ts';
import type {
  ActionRecord,
  ChannelState,
  MetadataRecord,
  RevocationRecord,
  StageState,
  StreamEvent,
  StreamKey,
  StreamSession,
} from './types.ts';

export interface WorldOptions {
  /** The time operations stamp (StopStream's endTime, the actions log). Default: the wall clock. */
  clock?: () => Date;
  /** Seeds the ids and secrets of resources the API creates (CreateStreamKey). */
  seed?: number;
}

export class EmulatorWorld {
  readonly channels = new Map<string, ChannelState>();
  readonly stages = new Map<string, StageState>();
  readonly revocations: RevocationRecord[] = [];
  readonly metadata: MetadataRecord[] = [];
  /** Every state-changing call that succeeded, in order. */
  readonly actions: ActionRecord[] = [];
  /** Ids of the IVS events applied, so that a duplicate delivery changes nothing. */
  readonly appliedEventIds = new Set<string>();
  /** The clock operations use; the replay may point it at the replayed event's time. */
  clock: () => Date;
  readonly random: Random;

  constructor(options: WorldOptions = {}) {
    this.clock = options.clock ?? (() => new Date());
    this.random = seededRandom(options.seed ?? 1);
  }

  /** Now, as the API writes timestamps. */
  now(): string {
    return this.clock().toISOString();
  }

  /** The channel with this ARN, created with defaults (and a stream key) if the world has none. */
  ensureChannel(arn: string, name?: string): ChannelState {
    let state = this.channels.get(arn);
    if (!state) {
      const channel = defaultChannel(arn);
      if (name) channel.name = name;
      state = { channel, streamKeys: [defaultStreamKey(arn)], sessions: [] };
      this.channels.set(arn, state);
    }
    return state;
  }

  /** The stage with this ARN, created with defaults if the world has none. */
  ensureStage(arn: string): StageState {
    let state = this.stages.get(arn);
    if (!state) {
      state = { stage: defaultStage(arn), sessions: [], participants: [] };
      this.stages.set(arn, state);
    }
    return state;
  }

  /** The stream key with this ARN and the channel that owns it. */
  findStreamKey(arn: string): { owner: ChannelState; key: StreamKey } | undefined {
    for (const owner of this.channels.values()) {
      const key = owner.streamKeys.find((k) => k.arn === arn);
      if (key) return { owner, key };
    }
    return undefined;
  }

  /** The tags of a channel, stream key or stage. */
  tagsOf(arn: string): Record<string, string> | undefined {
    return this.channels.get(arn)?.channel.tags ?? this.findStreamKey(arn)?.key.tags ?? this.stages.get(arn)?.stage.tags;
  }

  recordAction(operation: string, target: string, detail?: ActionRecord['detail']): void {
    this.actions.push({ operation, target, time: this.now(), ...(detail ? { detail } : {}) });
  }
}

/** ISO 8601 as the API writes it (`2026-11-20T19:00:00.000Z`), so times compare as strings. */
export function toIso(time: string | Date): string {
  return new Date(time).toISOString();
}

/** The most recent session of a channel (the one GetStreamSession returns without a streamId). */
export function latestSession(state: ChannelState): StreamSession | undefined {
  return state.sessions.at(-1);
}

/**
 * Opens a session at `time` with the channel as it is now. A session that started earlier and is
 * still open is closed at `time`, as IVS does when a new session begins (settleChannel); one that
 * started later (this session is news of the past) is left as it is.
 */
export function openSession(state: ChannelState, streamId: string, time: string): StreamSession {
  const ingestConfigurations = defaultIngest();
  const recordingArn = state.channel.recordingConfigurationArn;
  const session: StreamSession = {
    streamId,
    startTime: time,
    channel: structuredClone(state.channel),
    ingestConfiguration: firstTracks(ingestConfigurations),
    ingestConfigurations,
    ...(recordingArn ? { recordingConfiguration: defaultRecordingConfiguration(recordingArn) } : {}),
    truncatedEvents: [],
  };
  state.sessions.push(session);
  settleChannel(state);
  return session;
}

/** Adds a session keeping the list in start order (oldest first). */
export function insertSession(state: ChannelState, session: StreamSession): void {
  state.sessions.push(session);
  settleChannel(state);
}

/** Ends a session (and the live stream, if it is this session's) at `time`, or earlier if it already ended. */
export function closeSession(state: ChannelState, session: StreamSession, time: string): void {
  if (session.endTime === undefined || time < session.endTime) session.endTime = time;
  settleChannel(state);
}

/**
 * Adds an event to a session's `truncatedEvents`, which stay most recent first (events can arrive
 * out of order) and keep only the 500 most recent. The same event again (name, type, time and code)
 * is not added twice. An event older than the session's start moves the start back.
 */
export function addStreamEvent(state: ChannelState, session: StreamSession, event: StreamEvent): void {
  const events = session.truncatedEvents;
  if (events.some((e) => compareEvents(e, event) === 0)) return;
  const index = events.findIndex((e) => compareEvents(event, e) < 0);
  if (index === -1) events.push(event);
  else events.splice(index, 0, event);
  if (events.length > IVS_LIMITS.truncatedEventsMax) events.length = IVS_LIMITS.truncatedEventsMax;
  if (event.eventTime !== undefined && event.eventTime < session.startTime) session.startTime = event.eventTime;
  settleChannel(state);
}

/** A stage session id for participants a world or event does not place in one. */
export function defaultStageSession(state: StageState): string {
  return state.stage.activeSessionId ?? derivedStageSessionId(state.stage.arn);
}
