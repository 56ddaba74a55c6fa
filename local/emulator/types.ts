/**
 * The emulator's world, in the IVS API's own shapes and field names (timestamps as ISO 8601 strings),
 * and the records it keeps of what was asked of it. The API's shapes are declared once, in `domain/session.ts`;
 * here they get the members the emulator always sets made required.
 */
import type { WithRequired } from '../../domain/defined.ts';
import type {
  Channel as ApiChannel,
  IngestConfigurations as ApiIngestConfigurations,
  Participant as ApiParticipant,
  StreamSession as ApiStreamSession,
} from '../../domain/session.ts';

export type { AudioConfiguration, StreamEvent, VideoConfiguration } from '../../domain/session.ts';

/** `IngestConfigurations`: the emulator always answers both lists. */
export type IngestConfigurations = Required<ApiIngestConfigurations>;

/** `Channel`, as GetChannel returns it, with the members the emulator always sets. */
export type Channel = WithRequired<ApiChannel, 'arn' | 'name' | 'type' | 'latencyMode' | 'preset' | 'authorized' | 'insecureIngest' | 'ingestEndpoint' | 'playbackUrl' | 'recordingConfigurationArn' | 'playbackRestrictionPolicyArn' | 'tags'>;

/** `StreamKey`, as GetStreamKey returns it: `value` is a secret. */
export interface StreamKey {
  arn: string;
  value: string;
  channelArn: string;
  tags: Record<string, string>;
}

/** `StreamSession`, as GetStreamSession returns it; `channel` is the channel as it was when the session began. */
export type StreamSession = WithRequired<Omit<ApiStreamSession, 'channel' | 'ingestConfigurations'>, 'streamId' | 'startTime' | 'truncatedEvents'> & {
  channel: Channel;
  ingestConfigurations?: IngestConfigurations;
};

/** The stream a channel is broadcasting now (GetStream's `Stream`). */
export interface LiveStream {
  streamId: string;
  startTime: string;
  health: 'HEALTHY' | 'STARVING' | 'UNKNOWN';
  viewerCount: number;
}

/** A channel and what it owns. */
export interface ChannelState {
  channel: Channel;
  /** IVS allows one key per channel; an empty list after DeleteStreamKey. */
  streamKeys: StreamKey[];
  /** Oldest first. */
  sessions: StreamSession[];
  live?: LiveStream;
}

/**
 * `Event`, as ListParticipantEvents returns it: one thing that happened to a participant in a stage
 * session (JOINED, PUBLISH_STARTED, PUBLISH_ERROR with its `errorCode`, LEFT, ...).
 */
export interface ParticipantEvent {
  name: string;
  participantId: string;
  eventTime: string;
  /** For a subscribe event, the publisher. */
  remoteParticipantId?: string;
  errorCode?: string;
  destinationStageArn?: string;
  destinationSessionId?: string;
  replica?: boolean;
  previousToken?: Record<string, unknown>;
  newToken?: Record<string, unknown>;
}

/**
 * `Participant`, as GetParticipant returns it, plus the stage session it belongs to and its events,
 * oldest first. `published` is whether it ever published in the session (the model's wording), so
 * unpublishing or leaving does not unset it.
 */
export type ParticipantRecord = ParticipantFields & { events: ParticipantEvent[] };

/** What GetParticipant answers of a participant, and the stage session it belongs to. */
export type ParticipantFields = WithRequired<ApiParticipant, 'participantId' | 'published'> & {
  sessionId: string;
  state: 'CONNECTED' | 'DISCONNECTED';
};

/** `Stage`, as GetStage returns it. */
export interface Stage {
  arn: string;
  name?: string;
  /** The session without an `endTime`, if the stage has one. */
  activeSessionId?: string;
  tags: Record<string, string>;
  [member: string]: unknown;
}

/** `StageSession`, as GetStageSession returns it: no `endTime` while it goes on. */
export interface StageSession {
  sessionId: string;
  startTime: string;
  endTime?: string;
}

export interface StageState {
  stage: Stage;
  /** Oldest first; at most the most recent one has no `endTime`. */
  sessions: StageSession[];
  participants: ParticipantRecord[];
}

/** A state-changing call that succeeded: what the guard says it did should match these. */
export interface ActionRecord {
  operation: string;
  /** The ARN acted on (the channel for StopStream, the key for DeleteStreamKey, the stage for DisconnectParticipant, ...). */
  target: string;
  time: string;
  /** What else identifies the action: viewerId, participantId, the new key's ARN. Never a key value. */
  detail?: Record<string, string | number>;
}

export interface RevocationRecord {
  channelArn: string;
  viewerId: string;
  viewerSessionVersionsLessThanOrEqualTo: number;
  operation: 'BatchStartViewerSessionRevocation' | 'StartViewerSessionRevocation';
  time: string;
}

export interface MetadataRecord {
  channelArn: string;
  streamId: string;
  metadata: string;
  time: string;
}

/** A PutEvents entry the emulator accepted, as sent, with the id it was given. */
export interface PublishedEntry {
  EventId: string;
  Source: string;
  DetailType: string;
  Detail: string;
  Resources: string[];
  EventBusName?: string;
  /** ISO 8601: the entry's `Time`, or when it was received. */
  Time: string;
}

/** One request the emulator received, whatever became of it. */
export interface CallRecord {
  service: 'ivs' | 'ivs-realtime' | 'eventbridge' | 'unknown';
  operation: string;
  status: number;
  /** The `x-amzn-ErrorType` of an error answer. */
  errorType?: string;
  /** Set when a fault, not the operation, decided the answer. */
  fault?: 'throttle' | 'error' | 'drop' | 'lost' | 'quota' | 'injected';
  time: string;
}

/** The requests the emulator received, in order. */
export interface CallLog {
  readonly records: readonly CallRecord[];
  /** Requests received per operation (every attempt counts). */
  counts(): Record<string, number>;
  /** The requests of one operation. */
  of(operation: string): CallRecord[];
  clear(): void;
}
