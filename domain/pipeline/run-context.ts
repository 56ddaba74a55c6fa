/**
 * What the pipeline is built from (`GuardConfig`), what one record's processing carries along (`RunContext`),
 * and what comes of a record (`RecordOutcome`). Every step of the pipeline takes the `RunContext`.
 */
import type { ActionType } from '../actions/index.ts';
import type { GuardEvent, Rejection } from '../events/types.ts';
import type { PolicyDocument } from '../policy/index.ts';
import type { AuditPort, Clock, DecisionRecord, GuardLog, GuardMetrics, IvsPort, LedgerPort, StagePort } from '../ports.ts';
import type { BatchScope } from './batch-scope.ts';

/** The ports and settings of one guard function, given once per container. */
export interface GuardConfig {
  ivs: IvsPort;
  stage?: StagePort | undefined;
  audit: AuditPort;
  ledger: LedgerPort;
  policies: PolicyDocument;
  clock: Clock;
  /** Replay decides by the replayed event's time, so it decides the same way every time. */
  useEventTime?: boolean | undefined;
  /** The actions this function may take (its IAM role); others are skipped with a reason. */
  allowedActions?: ReadonlySet<ActionType> | undefined;
  /** Plan every action, take none, record and publish nothing (replay against real AWS without `--apply`). */
  planOnly?: boolean | undefined;
  moderationSource?: string | undefined;
  log?: GuardLog | undefined;
  metrics?: GuardMetrics | undefined;
  /**
   * How long a delivery's claim on an action lasts (default `DEFAULT_LEASE_SECONDS` in `gate.ts`): longer than the
   * function can run, shorter than the queue's visibility timeout.
   */
  leaseSeconds?: number | undefined;
  /** Told of every record's outcome (the local replay listens; in Lambda nobody does). */
  onOutcome?: ((messageId: string, outcome: RecordOutcome | FailedOutcome) => void) | undefined;
}

/** A record that failed and will be delivered again. */
export interface FailedOutcome {
  status: 'failed';
  eventId: string;
  error: string;
}

/** What came of one record: its decisions, or why its event was rejected. */
export type RecordOutcome =
  | { status: 'processed'; event: GuardEvent; decisions: DecisionRecord[] }
  | { status: 'rejected'; rejections: Rejection[] };

/** One record's processing: the configuration, its batch, where it reports, and the safety alerts it raised. */
export interface RunContext {
  /** The configuration, with the ledger and audit bus the gate allows (plan-only runs record and publish nothing). */
  config: GuardConfig;
  scope: BatchScope;
  log: GuardLog;
  metrics: GuardMetrics;
  /** The gate's alerts (the budget is spent): published with the record's decisions. */
  alerts: DecisionRecord[];
  /** This delivery of this record, as it claims actions in the ledger (a fresh id per record, per delivery). */
  claimant: string;
}

/** A log that says nothing (tests, and the default). */
export const silentLog: GuardLog = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
/** Metrics that count nothing (tests, and the default). */
export const noMetrics: GuardMetrics = { count: () => undefined };
