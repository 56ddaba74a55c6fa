/**
 * The ports the pipeline needs. `adapters/` implements them over the AWS SDK;
 * tests use the in-memory fakes in `test/fakes`.
 *
 * Every method throws a `GuardError` (see `errors.ts`) that says whether a retry can help.
 */
import type { ViewerSessionPair } from './events/types.ts';
import type { Participant, StreamSession } from './session.ts';
import type { ActionOutcome, Severity } from './actions.ts';

export interface IvsPort {
  /** GetStreamSession; `undefined` when the channel or session does not exist (ResourceNotFound). */
  getStreamSession(channelArn: string, streamId?: string): Promise<StreamSession | undefined>;
  /** ListTagsForResource on a channel. */
  getChannelTags(channelArn: string): Promise<Record<string, string>>;
  /** StopStream. Resolves `'stopped'`, or `'not-broadcasting'` when the channel was already off the air (ChannelNotBroadcasting). */
  stopStream(channelArn: string): Promise<'stopped' | 'not-broadcasting'>;
  /** ListStreamKeys → DeleteStreamKey → CreateStreamKey. Returns the new key's ARN only: its value never leaves the adapter. */
  rotateStreamKey(channelArn: string): Promise<{ deletedKeyArns: string[]; newKeyArn: string }>;
  /** ListStreamKeys → DeleteStreamKey for each. */
  deleteStreamKey(channelArn: string): Promise<{ deletedKeyArns: string[] }>;
  /** PutMetadata; rejects a payload over 1 KB before calling. */
  putMetadata(channelArn: string, text: string): Promise<void>;
  /**
   * BatchStartViewerSessionRevocation, 20 pairs a call. Pairs that fail with a retryable code are retried;
   * what still failed comes back, pair by pair.
   */
  revokeViewerSessions(pairs: ViewerSessionPair[]): Promise<RevocationResult>;
}

export interface RevocationResult {
  revoked: number;
  failed: Array<{ pair: ViewerSessionPair; code: string; message: string; retryable: boolean }>;
}

export interface StagePort {
  /** ivs-realtime GetParticipant; `undefined` when not found. */
  getParticipant(stageArn: string, sessionId: string, participantId: string): Promise<Participant | undefined>;
  disconnectParticipant(stageArn: string, participantId: string, reason?: string): Promise<void>;
}

/** What the guard decided about one event, as recorded and published. */
export interface DecisionRecord {
  eventId: string;
  detailType: string;
  eventName: string;
  eventTime: string;
  channelArn?: string;
  streamId?: string;
  policy: string;
  mode: 'enforce' | 'dry-run';
  /** Set on the guard's own alerts (e.g. `critical` when the action budget is spent). */
  severity?: Severity;
  evidence: string[];
  actions: ActionOutcome[];
  decidedAt: string;
}

export interface AuditPort {
  /** Publishes decisions on the audit bus (detail-type `IVS Guard Decision`). */
  publish(decisions: DecisionRecord[]): Promise<void>;
}

/** The clock is a parameter: the handlers pass wall time, replay passes the event's time. */
export type Clock = () => Date;
