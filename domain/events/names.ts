/**
 * The detail-types the guard takes, and the names (`event_name`, `recording_status`, `limit_name`) IVS documents
 * for each. A name not listed here is still processed (IVS adds names over time), with a note saying so; a policy
 * can only name the listed ones.
 */

export const DETAIL_TYPES = {
  streamState: 'IVS Stream State Change',
  streamHealth: 'IVS Stream Health Change',
  limitBreach: 'IVS Limit Breach',
  recordingState: 'IVS Recording State Change',
  stageUpdate: 'IVS Stage Update',
  participantRecording: 'IVS Participant Recording State Change',
  compositionState: 'IVS Composition State Change',
  publisherRecording: 'IVS Publisher Recording State Change',
  revocationRequest: 'Viewer Session Revocation Requested',
  disconnectRequest: 'Participant Disconnect Requested',
} as const;
export type DetailType = (typeof DETAIL_TYPES)[keyof typeof DETAIL_TYPES];

export const STREAM_STATE_NAMES = ['Session Created', 'Session Ended', 'Stream Start', 'Stream End', 'Stream Failure', 'Stream Takeover', 'Stream Takeover Failure'] as const;
export const STREAM_HEALTH_NAMES = ['Starvation Start', 'Starvation End'] as const;
export const LIMIT_NAMES = ['Ingest Bitrate', 'Ingest Resolution', 'Concurrent Broadcasts', 'Concurrent Viewers'] as const;
export const RECORDING_STATUSES = ['Recording Start', 'Recording End', 'Recording Start Failure', 'Recording End Failure'] as const;
export const STAGE_UPDATE_NAMES = ['Participant Published', 'Participant Unpublished', 'Participant Publish Error', 'Participant Replication Started', 'Participant Replication Ended', 'Token Exchanged'] as const;
export const PARTICIPANT_RECORDING_NAMES = ['Recording Start', 'Recording End', 'Recording Start Failure', 'Recording End Failure'] as const;
export const COMPOSITION_NAMES = ['Session Start', 'Session End', 'Session Failure', 'Destination Start', 'Destination End', 'Destination Failure', 'Destination Reconnecting'] as const;
/**
 * The EventBridge reference lists `IVS Publisher Recording State Change` but the user guides give no example of
 * it: taken to carry the names of the other recording events. Another name is processed with a note.
 */
export const PUBLISHER_RECORDING_NAMES = ['Recording Start', 'Recording End', 'Recording Start Failure', 'Recording End Failure'] as const;

/** Limits about one stream: IVS names its channel. The others are account-wide (`resources: []`). */
export const STREAM_LIMIT_NAMES: readonly string[] = ['Ingest Bitrate', 'Ingest Resolution'];
