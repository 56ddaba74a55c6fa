/**
 * The pipeline of DESIGN §1 for one batch: parse → enrich → evaluate → gate → act → record → publish.
 *
 * `makeGuard` is built once per container; `beginBatch()` once per SQS batch, so lookups and actions
 * are shared by the batch's records. A record's handler resolves with its outcome, or throws when a
 * transient failure means SQS should deliver it again.
 */
import type { ActionType } from '../actions.ts';
import { withDefined } from '../defined.ts';
import { GuardError } from '../errors.ts';
import { parseSqsRecordBody } from '../events/parse.ts';
import { channelOf, streamOf } from '../events/types.ts';
import type { GuardEvent, Rejection } from '../events/types.ts';
import type { LedgerPort } from '../ledger.ts';
import { enrichmentNeeds, evaluate } from '../policy/index.ts';
import type { PolicyDocument } from '../policy/index.ts';
import type { AuditPort, Clock, DecisionRecord, IvsPort, StagePort } from '../ports.ts';
import type { Participant, StreamSession } from '../session.ts';
import { BatchScope } from './batch-scope.ts';
import { carryOut } from './carry-out.ts';
import type { CorrelationKeys } from './observe.ts';
import type { GuardLog, GuardMetrics } from './observe.ts';
import { noMetrics, silentLog } from './observe.ts';
import { Alerts } from './run-context.ts';
import type { RunContext } from './run-context.ts';

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
  /** Plan every action, take none (replay against real AWS without `--apply`). */
  planOnly?: boolean | undefined;
  moderationSource?: string | undefined;
  log?: GuardLog | undefined;
  metrics?: GuardMetrics | undefined;
  /** Told of every record's outcome (the local replay listens; in Lambda nobody does). */
  onOutcome?: ((messageId: string, outcome: RecordOutcome | FailedOutcome) => void) | undefined;
}

export interface FailedOutcome {
  status: 'failed';
  eventId: string;
  error: string;
}

export type RecordOutcome =
  | { status: 'processed'; event: GuardEvent; decisions: DecisionRecord[] }
  | { status: 'rejected'; rejections: Rejection[] };

/** Thrown for a record SQS should deliver again; its message is safe to log. */
export class RetryableRecordError extends Error {
  override readonly name = 'RetryableRecordError';
  constructor(readonly outcome: FailedOutcome, options?: { cause?: unknown }) {
    super(`event ${outcome.eventId}: ${outcome.error}`, options);
  }
}

export interface Guard {
  beginBatch(): BatchRun;
}

export interface BatchRun {
  handleRecord(record: { messageId: string; body: string }): Promise<RecordOutcome>;
}

export function makeGuard(config: GuardConfig): Guard {
  const log = config.log ?? silentLog;
  const metrics = config.metrics ?? noMetrics;
  return {
    beginBatch() {
      const scope = new BatchScope(config.ivs, config.stage);
      return {
        handleRecord: async (record) => {
          try {
            const outcome = await handleRecord(record, { config, scope, log, metrics, alerts: new Alerts(log) });
            config.onOutcome?.(record.messageId, outcome);
            return outcome;
          } catch (error) {
            if (error instanceof RetryableRecordError) config.onOutcome?.(record.messageId, error.outcome);
            throw error;
          }
        },
      };
    },
  };
}

async function handleRecord(record: { messageId: string; body: string }, run: RunContext): Promise<RecordOutcome> {
  const { config, log, metrics } = run;
  const parsed = parseSqsRecordBody(record.body, withDefined({ moderationSource: config.moderationSource }));
  if (!parsed.ok) {
    metrics.count('EventsRejected');
    log.warn('event rejected', { messageId: record.messageId, rejections: parsed.rejections });
    return { status: 'rejected', rejections: parsed.rejections };
  }
  const event = parsed.event;
  const keys: CorrelationKeys = withDefined({ messageId: record.messageId, eventId: event.id, channelArn: channelOf(event), streamId: streamOf(event) });
  try {
    const decisions = await decide(event, keys, run);
    // A redelivery publishes again only what an earlier delivery could not (its publish failed).
    const alreadyPublished = decisions.length > 0 && (await config.ledger.wasPublished(event.id));
    const toPublish = [...(alreadyPublished ? [] : decisions), ...run.alerts.records];
    if (toPublish.length > 0) await config.audit.publish(toPublish);
    if (decisions.length > 0 && !alreadyPublished) await config.ledger.markPublished(event.id, decidedAt(event, config));
    metrics.count('EventsProcessed');
    const summary = alreadyPublished ? 'event redelivered: its decisions were already taken and published' : decisions.length > 0 ? 'event decided' : 'event processed: no policy fired';
    log.info(summary, { ...keys, eventName: event.name, decisions: decisions.length });
    return { status: 'processed', event, decisions };
  } catch (error) {
    metrics.count('EventsFailed');
    const message = error instanceof Error ? error.message : String(error);
    log.error('event failed: SQS will deliver it again', { ...keys, error: message, code: error instanceof GuardError ? error.code : undefined });
    throw new RetryableRecordError({ status: 'failed', eventId: event.id, error: message }, { cause: error });
  }
}

/** Evaluates the event and carries out its decisions; what an earlier delivery did comes back from the ledger. */
async function decide(event: GuardEvent, keys: CorrelationKeys, run: RunContext): Promise<DecisionRecord[]> {
  const { config, scope, log, metrics } = run;
  const context = await enrich(event, scope, config.policies);
  const now = decidedAt(event, config);
  const decisions = evaluate(event, context, config.policies, now);
  const records: DecisionRecord[] = [];
  for (const decision of decisions) {
    metrics.count('Decisions');
    const actions = await carryOut(decision, event, context.session, now, run);
    const record: DecisionRecord = {
      eventId: event.id,
      detailType: event.detailType,
      eventName: event.name,
      eventTime: event.time,
      ...withDefined({ channelArn: channelOf(event), streamId: streamOf(event) }),
      policy: decision.policy,
      mode: decision.mode,
      evidence: decision.evidence,
      actions,
      decidedAt: now.toISOString(),
    };
    log.info('decision', { ...keys, policy: decision.policy, mode: decision.mode, evidence: decision.evidence, actions });
    records.push(record);
  }
  return records;
}

async function enrich(event: GuardEvent, scope: BatchScope, policies: PolicyDocument): Promise<{ session?: StreamSession; participant?: Participant }> {
  const needs = enrichmentNeeds(event, policies);
  const channelArn = channelOf(event);
  const session = needs.session && channelArn ? await scope.session(channelArn, streamOf(event)) : undefined;
  const participant =
    needs.participant && (event.kind === 'stage-update' || event.kind === 'participant-recording') && event.participantId
      ? await scope.participant(event.stageArn, event.sessionId, event.participantId)
      : undefined;
  return withDefined({ session, participant });
}

/** The guard's clock: the event's own time in a replay, so that a replay decides the same way every time. */
function decidedAt(event: GuardEvent, config: GuardConfig): Date {
  return config.useEventTime ? new Date(event.timeMs) : config.clock();
}
