/**
 * The IVS API's shapes the guard reads (GetStreamSession's stream session, GetParticipant's participant), with
 * timestamps as ISO strings and the API's own member names. Declared once: the domain reads them with every
 * member optional, as the SDK types them; the emulator (`local/emulator/types.ts`) builds them from these same
 * declarations with the members it always sets made required.
 */

/** `StreamEvent`: one entry of a session's `truncatedEvents`. */
export interface StreamEvent {
  name?: string;
  type?: string;
  /** ISO 8601. */
  eventTime?: string;
  code?: string;
}

/** `VideoConfiguration`: one video track the broadcaster sent. */
export interface VideoConfiguration {
  codec?: string;
  encoder?: string;
  avcProfile?: string;
  avcLevel?: string;
  profile?: string;
  level?: string;
  track?: string;
  targetBitrate?: number;
  targetFramerate?: number;
  videoHeight?: number;
  videoWidth?: number;
}

/** `AudioConfiguration`: one audio track the broadcaster sent. */
export interface AudioConfiguration {
  codec?: string;
  targetBitrate?: number;
  sampleRate?: number;
  channels?: number;
  track?: string;
}

/** `IngestConfigurations`: every track of a (multitrack) broadcast. */
export interface IngestConfigurations {
  videoConfigurations?: VideoConfiguration[];
  audioConfigurations?: AudioConfiguration[];
}

/** `IngestConfiguration` (deprecated): track 0 only. */
export interface IngestConfiguration {
  video?: VideoConfiguration;
  audio?: AudioConfiguration;
}

/** `Channel`, as GetChannel returns it, and as a stream session's snapshot of it taken at go-live. */
export interface Channel {
  arn?: string;
  name?: string;
  type?: string;
  latencyMode?: string;
  authorized?: boolean;
  insecureIngest?: boolean;
  ingestEndpoint?: string;
  playbackUrl?: string;
  preset?: string;
  recordingConfigurationArn?: string;
  playbackRestrictionPolicyArn?: string;
  /** The ad configuration (server-side ad insertion) the channel uses, when it has one. */
  adConfigurationArn?: string;
  tags?: Record<string, string>;
  [member: string]: unknown;
}

/** The channel as a stream session carries it (a snapshot taken at go-live). */
export type SessionChannel = Channel;

/** `StreamSession`, as GetStreamSession returns it. */
export interface StreamSession {
  streamId?: string;
  startTime?: string;
  /** Absent while the session is open. */
  endTime?: string;
  channel?: SessionChannel;
  ingestConfiguration?: IngestConfiguration;
  ingestConfigurations?: IngestConfigurations;
  recordingConfiguration?: Record<string, unknown>;
  /** At most 500, most recent first (as the API returns them). */
  truncatedEvents?: StreamEvent[];
}

/** A real-time stage participant, as GetParticipant returns it (timestamps as ISO strings). */
export interface Participant {
  participantId?: string;
  userId?: string;
  state?: string;
  firstJoinTime?: string;
  attributes?: Record<string, string>;
  published?: boolean;
  [member: string]: unknown;
}

/**
 * `Event`: one entry of ivs-realtime ListParticipantEvents, what happened to a participant during a stage session
 * (JOINED, PUBLISH_STARTED, PUBLISH_ERROR with its `errorCode`, …), with its time as an ISO string. The exchanged
 * tokens of a TOKEN_EXCHANGED event carry capabilities and attributes, never a token value.
 */
export interface ParticipantEvent {
  name?: string;
  participantId?: string;
  /** ISO 8601. */
  eventTime?: string;
  remoteParticipantId?: string;
  errorCode?: string;
  destinationStageArn?: string;
  destinationSessionId?: string;
  replica?: boolean;
  [member: string]: unknown;
}

/** `ParticipantSummary`: one entry of ivs-realtime ListParticipants (timestamps as ISO strings). */
export interface ParticipantSummary {
  participantId?: string;
  userId?: string;
  state?: string;
  firstJoinTime?: string;
  published?: boolean;
  [member: string]: unknown;
}
