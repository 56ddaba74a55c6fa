/**
 * The stream session as the domain sees it: GetStreamSession's answer, with timestamps as ISO strings.
 * Field names are the API's own.
 */

export interface StreamEvent {
  name?: string;
  type?: string;
  /** ISO 8601. */
  eventTime?: string;
  code?: string;
}

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

export interface AudioConfiguration {
  codec?: string;
  targetBitrate?: number;
  sampleRate?: number;
  channels?: number;
  track?: string;
}

export interface SessionChannel {
  arn?: string;
  name?: string;
  type?: string;
  latencyMode?: string;
  authorized?: boolean;
  insecureIngest?: boolean;
  preset?: string;
  recordingConfigurationArn?: string;
  playbackRestrictionPolicyArn?: string;
  tags?: Record<string, string>;
  [key: string]: unknown;
}

export interface StreamSession {
  streamId?: string;
  startTime?: string;
  endTime?: string;
  channel?: SessionChannel;
  ingestConfiguration?: { video?: VideoConfiguration; audio?: AudioConfiguration };
  ingestConfigurations?: { videoConfigurations?: VideoConfiguration[]; audioConfigurations?: AudioConfiguration[] };
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
  [key: string]: unknown;
}
