/**
 * The typed view of an IVS EventBridge event, produced once at the edge by `parseGuardEvent`.
 * Past the parser, code trusts these types.
 */

export const DETAIL_TYPES = {
  streamState: 'IVS Stream State Change',
  streamHealth: 'IVS Stream Health Change',
  limitBreach: 'IVS Limit Breach',
  recordingState: 'IVS Recording State Change',
  stageUpdate: 'IVS Stage Update',
  participantRecording: 'IVS Participant Recording State Change',
  compositionState: 'IVS Composition State Change',
  revocationRequest: 'Viewer Session Revocation Requested',
} as const;
export type DetailType = (typeof DETAIL_TYPES)[keyof typeof DETAIL_TYPES];

export const STREAM_STATE_NAMES = ['Session Created', 'Session Ended', 'Stream Start', 'Stream End', 'Stream Failure', 'Stream Takeover', 'Stream Takeover Failure'] as const;
export const STREAM_HEALTH_NAMES = ['Starvation Start', 'Starvation End'] as const;
export const LIMIT_NAMES = ['Ingest Bitrate', 'Ingest Resolution', 'Concurrent Broadcasts', 'Concurrent Viewers'] as const;
export const RECORDING_STATUSES = ['Recording Start', 'Recording End', 'Recording Start Failure', 'Recording End Failure'] as const;
export const STAGE_UPDATE_NAMES = ['Participant Published', 'Participant Unpublished', 'Participant Publish Error', 'Participant Replication Started', 'Participant Replication Ended', 'Token Exchanged'] as const;
export const PARTICIPANT_RECORDING_NAMES = ['Recording Start', 'Recording End', 'Recording Start Failure', 'Recording End Failure'] as const;
export const COMPOSITION_NAMES = ['Session Start', 'Session End', 'Session Failure', 'Destination Start', 'Destination End', 'Destination Failure', 'Destination Reconnecting'] as const;

/** A `{channelArn, viewerId, viewerSessionVersionsLessThanOrEqualTo}` pair, as BatchStartViewerSessionRevocation takes it. */
export interface ViewerSessionPair {
  channelArn: string;
  viewerId: string;
  viewerSessionVersionsLessThanOrEqualTo: number;
}

/** Fields every parsed event has. `raw` is the EventBridge event as received (unknown fields kept). */
interface GuardEventBase {
  id: string;
  detailType: DetailType;
  source: string;
  account: string;
  region: string;
  /** ISO 8601, as EventBridge gives it. */
  time: string;
  /** `time` in epoch milliseconds. */
  timeMs: number;
  resources: string[];
  /** `event_name`, `recording_status` or `limit_name` (`limit`): what happened. */
  name: string;
  /** Set on events re-sent by EventBridge Archive & Replay. */
  replayName?: string;
  raw: Record<string, unknown>;
}

export interface StreamStateEvent extends GuardEventBase {
  kind: 'stream-state';
  channelArn: string;
  channelName: string;
  streamId?: string;
  code?: string;
  reason?: string;
}

export interface StreamHealthEvent extends GuardEventBase {
  kind: 'stream-health';
  channelArn: string;
  channelName: string;
  streamId?: string;
}

export interface LimitBreachEvent extends GuardEventBase {
  kind: 'limit-breach';
  /** Absent for account-wide limits (`resources: []`). */
  channelArn?: string;
  channelName?: string;
  streamId?: string;
  limitValue?: number;
  exceededBy?: number;
  limitUnit?: string;
}

export interface RecordingStateEvent extends GuardEventBase {
  kind: 'recording-state';
  channelArn: string;
  channelName: string;
  streamId?: string;
  /** `recording_status_reason` (failures), left out when IVS sends it empty. */
  reason?: string;
  recordingSessionId?: string;
  recordingS3BucketName?: string;
  recordingS3KeyPrefix?: string;
  recordingDurationMs?: number;
}

export interface StageUpdateEvent extends GuardEventBase {
  kind: 'stage-update';
  stageArn: string;
  sessionId: string;
  participantId?: string;
  userId?: string;
}

export interface ParticipantRecordingEvent extends GuardEventBase {
  kind: 'participant-recording';
  stageArn: string;
  sessionId: string;
  participantId?: string;
  recordingS3BucketName?: string;
  recordingS3KeyPrefix?: string;
  recordingDurationMs?: number;
}

export interface CompositionStateEvent extends GuardEventBase {
  kind: 'composition-state';
  compositionArn: string;
}

export interface RevocationRequestEvent extends GuardEventBase {
  kind: 'revocation-request';
  viewerSessions: ViewerSessionPair[];
  reason?: string;
}

export type GuardEvent =
  | StreamStateEvent
  | StreamHealthEvent
  | LimitBreachEvent
  | RecordingStateEvent
  | StageUpdateEvent
  | ParticipantRecordingEvent
  | CompositionStateEvent
  | RevocationRequestEvent;

export type GuardEventKind = GuardEvent['kind'];

/** Why an event was rejected: the field (a dotted path such as `detail.stream_id`) and the reason. */
export interface Rejection {
  field: string;
  reason: string;
}

export type ParseResult = { ok: true; event: GuardEvent } | { ok: false; rejections: Rejection[] };

/** The channel an event concerns, if any. */
export function channelOf(event: GuardEvent): string | undefined {
  return 'channelArn' in event ? event.channelArn : undefined;
}

/** The stream an event concerns, if any. */
export function streamOf(event: GuardEvent): string | undefined {
  return 'streamId' in event ? event.streamId : undefined;
}
