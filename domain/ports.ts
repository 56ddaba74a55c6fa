/**
 * The ports the pipeline needs, all in one file: IVS, IVS real-time, the ledger, the audit bus, the log and the
 * metrics, and the clock. `adapters/` implements them over the AWS SDK and Powertools; tests use the in-memory
 * fakes in `test/fakes` and the real ledger over dynalite.
 *
 * Every I/O method throws a `GuardError` (see `errors.ts`) that says whether a retry can help.
 */
import type { ActionOutcome, ActionType, Severity } from './actions/index.ts';
import type { Mode } from './decision.ts';
import type { ViewerSessionPair } from './events/types.ts';
import type { Participant, ParticipantEvent, ParticipantSummary, StreamSession } from './session.ts';

export interface IvsPort {
  /** GetStreamSession; `undefined` when the channel or session does not exist (ResourceNotFound). */
  getStreamSession(channelArn: string, streamId?: string): Promise<StreamSession | undefined>;
  /** ListTagsForResource on a channel. */
  getChannelTags(channelArn: string): Promise<Record<string, string>>;
  /**
   * StopStream. Resolves `'stopped'`, or `'not-broadcasting'` when the channel was already off the air (ChannelNotBroadcasting);
   * ChannelNotBroadcasting on the SDK's retry of an attempt whose answer was lost means that attempt stopped it: `'stopped'`.
   */
  stopStream(channelArn: string): Promise<'stopped' | 'not-broadcasting'>;
  /**
   * ListStreamKeys → DeleteStreamKey → CreateStreamKey. Returns the new key's ARN only: its value never leaves the adapter.
   * It finds out before creating, and on ServiceQuotaExceededException, whether an earlier attempt of this rotation
   * created the key already (a key not among `before`, the keys the rotation found first): then it is done
   * (`earlier: true`). A channel is never left without a key, and never gets two.
   */
  rotateStreamKey(channelArn: string, options?: RotateOptions): Promise<{ deletedKeyArns: string[]; newKeyArn: string; earlier?: boolean }>;
  /** ListStreamKeys → DeleteStreamKey for each. */
  deleteStreamKey(channelArn: string): Promise<{ deletedKeyArns: string[] }>;
  /**
   * PutMetadata, at most once: rejects a payload over 1 KB before calling, and never re-sends a call whose answer was
   * lost (it may have been inserted): that resolves `'unconfirmed'`.
   */
  putMetadata(channelArn: string, text: string): Promise<void | 'unconfirmed'>;
  /**
   * BatchStartViewerSessionRevocation, 20 pairs a call. Pairs that fail with a retryable code are retried;
   * what still failed comes back, pair by pair.
   */
  revokeViewerSessions(pairs: ViewerSessionPair[]): Promise<RevocationResult>;
}

/** What a rotation knows of its earlier attempts (a lease taken over from a claimant that died). */
export interface RotateOptions {
  /** The keys the rotation found before it deleted any, noted by an earlier attempt. */
  before?: string[] | undefined;
  /** Told the keys found, before any is deleted (the action notes them on its ledger row). */
  onListed?: ((keyArns: string[]) => Promise<void>) | undefined;
}

export interface RevocationResult {
  revoked: number;
  /** Pairs the SDK sent again because a call's answer was lost (IVS may have revoked them twice: harmless). */
  resent?: number;
  failed: Array<{ pair: ViewerSessionPair; code: string; message: string; retryable: boolean }>;
}

export interface StagePort {
  /** ivs-realtime GetParticipant; `undefined` when not found. */
  getParticipant(stageArn: string, sessionId: string, participantId: string): Promise<Participant | undefined>;
  disconnectParticipant(stageArn: string, participantId: string, reason?: string): Promise<void>;
  /** ivs-realtime ListParticipantEvents, every page, oldest first; `[]` when the stage, session or participant is not found. */
  listParticipantEvents(stageArn: string, sessionId: string, participantId: string): Promise<ParticipantEvent[]>;
  /** ivs-realtime ListParticipants filtered by user id (the API takes one filter a call), every page. */
  listParticipants(stageArn: string, sessionId: string, filter: { userId: string }): Promise<ParticipantSummary[]>;
  /** ivs-realtime GetStage's `activeSessionId`: `undefined` when the stage has no session now; ResourceNotFound is final. */
  getActiveSessionId(stageArn: string): Promise<string | undefined>;
  /** ivs-realtime ListTagsForResource on a stage. */
  getStageTags(stageArn: string): Promise<Record<string, string>>;
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
  mode: Mode;
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

// The ledger: what the guard did, and the state its safety rules need across containers — per-action
// idempotency, cooldowns and the hourly action budget (DESIGN §1, §3). Every method is atomic on its own
// (the DynamoDB adapter uses conditional writes); none holds a lock.

/** One action the guard took, planned, skipped or failed: the ledger's row. */
export interface LedgerEntry {
  /** `eventId#policy#index`: one action of one decision of one event. */
  actionKey: string;
  eventId: string;
  policy: string;
  mode: Mode;
  type: ActionType;
  target: string;
  /** The channel acted on, when there is one (for `history --channel`). */
  channelArn?: string;
  status: ActionOutcome['status'] | 'pending';
  reason?: string;
  evidence: string[];
  /** ISO 8601: when the outcome was recorded (the guard's clock). */
  at: string;
}

export type BeginResult =
  /** First time this action is attempted, or a retry of one that never finished: go on. */
  | { kind: 'begin' }
  /**
   * The lease of another claimant expired before it finished (its container died): go on, but first find out
   * what it did. `progress` is what it noted before it stopped (`noteProgress`), if anything.
   */
  | { kind: 'taken-over'; from: string; progress?: string }
  /** An earlier delivery finished it: reuse its outcome, do not act again. */
  | { kind: 'done'; entry: LedgerEntry }
  /** Another claimant holds a live lease on it: do not act; let SQS deliver this record again. */
  | { kind: 'busy'; claimant: string; until: string };

/**
 * A claim on one action (or on publishing one event's decisions): who claims, and until when. The lease is
 * longer than a function can run and shorter than the queue's visibility timeout, so the claimant of an
 * expired lease is gone, and its record comes back after the lease is over.
 */
export interface Lease {
  /** One delivery of one record: unique. */
  claimant: string;
  now: Date;
  seconds: number;
}

/** What `claimPublish` found: go and publish, already published, or another delivery is publishing now. */
export type PublishClaim = 'go' | 'published' | 'busy';

export type ReserveResult =
  | { ok: true }
  | { ok: false; why: 'cooldown'; until: string; byEventId: string }
  | { ok: false; why: 'budget'; used: number; limit: number; firstTime: boolean };

export interface LedgerPort {
  /**
   * Marks the action pending unless an earlier delivery already finished it. With a lease, one conditional
   * write claims it: a live lease of another claimant answers `busy`, an expired one is `taken-over`.
   */
  beginAction(entry: LedgerEntry, lease?: Lease): Promise<BeginResult>;
  /**
   * Notes on the pending row what the claimant has done so far (e.g. the keys a rotation found, `taken` before
   * a PutMetadata), for a claimant that takes over an expired lease. Fails (transient) when the lease is not
   * the claimant's any more: it must not go on.
   */
  noteProgress(actionKey: string, claimant: string, progress: string): Promise<void>;
  /**
   * Ends the claimant's lease on an action it could not finish (a transient failure: SQS delivers the record
   * again), keeping its notes: the next delivery takes it over at once and finds out what was done.
   */
  releaseAction(actionKey: string, claimant: string): Promise<void>;
  /**
   * Takes the action's cooldown on its (type, target) and one unit of the hourly budget, both or neither.
   * The same event may take its own cooldown again (a retry). `firstTime` on a budget refusal is true
   * once per hour, so the guard says "budget exhausted" loudly once. With `actionKey` the budget is charged once
   * per action: a claimant that took over an expired lease and reserves again is not charged a second time.
   */
  reserve(input: { type: ActionType; target: string; eventId: string; now: Date; cooldownSeconds: number; maxActionsPerHour: number; actionKey?: string }): Promise<ReserveResult>;
  /** Gives back what `reserve` took, when the action failed before it could take effect. */
  release(input: { type: ActionType; target: string; eventId: string; now: Date; actionKey?: string }): Promise<void>;
  /**
   * Records the final outcome of an action (applied, planned, skipped, failed). With `claimant`, only while the row is
   * pending under that claimant: a claimant whose expired lease was taken over finishes late, and is refused with a
   * transient error (LeaseLost) so that the taker's outcome stands and the redelivery reports it.
   */
  finishAction(entry: LedgerEntry, claimant?: string): Promise<void>;
  /** Whether an earlier delivery of this event put its decisions on the audit bus. */
  wasPublished(eventId: string): Promise<boolean>;
  /** Notes that this event's decisions are on the audit bus, so a redelivery does not publish them again. */
  markPublished(eventId: string, at: Date): Promise<void>;
  /** Claims publishing this event's decisions (one conditional write), so that concurrent deliveries publish once. */
  claimPublish(eventId: string, lease: Lease): Promise<PublishClaim>;
  /** Gives up a publishing claim whose publish failed, so that the redelivery need not wait for the lease. */
  releasePublish(eventId: string, claimant: string): Promise<void>;
  /** Newest first; all channels when `channelArn` is absent; only the actions from `since` (inclusive) to `until` (exclusive) when given. */
  history(query: { channelArn?: string; limit?: number; since?: Date; until?: Date }): Promise<LedgerEntry[]>;
}

// How the pipeline reports what it does, without knowing about Powertools: the handlers pass an adapter
// over the Powertools Logger and Metrics.

/** Correlation keys carried by every log line about one event. */
export interface CorrelationKeys {
  eventId?: string;
  messageId?: string;
  channelArn?: string;
  streamId?: string;
  policy?: string;
}

export type LogFields = CorrelationKeys & Record<string, unknown>;

export interface GuardLog {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

export interface GuardMetrics {
  count(name: MetricName, value?: number): void;
}

export type MetricName =
  | 'EventsProcessed'
  | 'EventsRejected'
  | 'EventsFailed'
  | 'Decisions'
  | 'ActionsApplied'
  | 'ActionsPlanned'
  | 'ActionsSkipped'
  | 'ActionsFailed'
  | 'SessionLookups';
