/**
 * The pipeline of DESIGN §1 for one batch: parse → enrich → evaluate → gate → act → record → publish.
 *
 * `makeGuard` is built once per container; `beginBatch()` once per SQS batch, so lookups and actions
 * are shared by the batch's records. A record's handler resolves with its outcome, or throws when a
 * transient failure means SQS should deliver it again.
 */
import type { ActionOutcome } from '../actions/index.ts';
import type { Decision } from '../decision.ts';
import { withDefined } from '../defined.ts';
import { GuardError, transientError } from '../errors.ts';
import { parseSqsRecordBody } from '../events/parse.ts';
import { channelOf, streamOf } from '../events/types.ts';
import type { GuardEvent } from '../events/types.ts';
import { enrichmentNeeds, evaluate } from '../policy/index.ts';
import type { EvaluationContext } from '../policy/index.ts';
import type { CorrelationKeys, DecisionRecord } from '../ports.ts';
import { act } from './act.ts';
import { BatchScope } from './batch-scope.ts';
import { gate, gatedConfig, leaseOf } from './gate.ts';
import { claim, ledgerEntry, record } from './record.ts';
import { noMetrics, silentLog } from './run-context.ts';
import type { FailedOutcome, GuardConfig, RecordOutcome, RunContext } from './run-context.ts';

export type { FailedOutcome, GuardConfig, RecordOutcome } from './run-context.ts';

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

export function makeGuard(given: GuardConfig): Guard {
  const config = gatedConfig(given);
  const log = config.log ?? silentLog;
  const metrics = config.metrics ?? noMetrics;
  return {
    beginBatch() {
      const scope = new BatchScope(config.ivs, config.stage);
      return {
        handleRecord: async (record) => {
          try {
            const outcome = await handleRecord(record, { config, scope, log, metrics, alerts: [], claimant: crypto.randomUUID() });
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
    // A redelivery publishes again only what an earlier delivery could not (its publish failed); of concurrent
    // copies, the one that claims publishing publishes, and the others go back to SQS until it is done.
    const claimed = decisions.length > 0 ? await config.ledger.claimPublish(event.id, leaseOf(run)) : 'published';
    if (claimed === 'busy') throw transientError(`another delivery is publishing the decisions of event ${event.id}; this one leaves it to SQS to deliver again`, 'PublishLeased');
    const alreadyPublished = decisions.length > 0 && claimed === 'published';
    const toPublish = [...(alreadyPublished ? [] : decisions), ...run.alerts];
    if (toPublish.length > 0) {
      await config.audit.publish(toPublish).catch(async (error: unknown) => {
        if (claimed === 'go') await config.ledger.releasePublish(event.id, run.claimant).catch(() => undefined);
        throw error;
      });
    }
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

/** Enriches and evaluates the event, then takes each decision's actions through the gate; what an earlier delivery did comes back from the ledger. */
async function decide(event: GuardEvent, keys: CorrelationKeys, run: RunContext): Promise<DecisionRecord[]> {
  const { config, log, metrics } = run;
  const context = await enrich(event, run);
  const now = decidedAt(event, config);
  const records: DecisionRecord[] = [];
  for (const decision of evaluate(event, context, config.policies, now)) {
    metrics.count('Decisions');
    const actions = await carryOut(decision, event, context, now, run);
    log.info('decision', { ...keys, policy: decision.policy, mode: decision.mode, evidence: decision.evidence, actions });
    records.push({
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
    });
  }
  return records;
}

/** The enrich step: the stream session and the participant, fetched once per batch and only when a matching policy needs them. */
async function enrich(event: GuardEvent, run: RunContext): Promise<EvaluationContext> {
  const needs = enrichmentNeeds(event, run.config.policies);
  const channelArn = channelOf(event);
  const session = needs.session && channelArn ? await run.scope.session(channelArn, streamOf(event)) : undefined;
  const participant =
    needs.participant && (event.kind === 'stage-update' || event.kind === 'participant-recording') && event.participantId
      ? await run.scope.participant(event.stageArn, event.sessionId, event.participantId)
      : undefined;
  return withDefined({ session, participant });
}

/** One outcome per `then` entry (gate → act → record, each action once per event); counted in the metrics unless an earlier delivery did it all. */
async function carryOut(decision: Decision, event: GuardEvent, context: EvaluationContext, now: Date, run: RunContext): Promise<ActionOutcome[]> {
  const outcomes: ActionOutcome[] = decision.unbound.map((u) => ({ type: u.type, target: 'none', status: 'skipped', reason: u.reason }));
  let allRecorded = decision.actions.length > 0;
  for (const [index, action] of decision.actions.entries()) {
    const entry = ledgerEntry(action, index, decision, event, now);
    const claimed = await claim(entry, run);
    if (claimed.kind === 'earlier') {
      outcomes.push(claimed.outcome);
      continue;
    }
    allRecorded = false;
    try {
      const verdict = await gate(action, decision, context.session, run);
      const outcome = verdict.go
        ? await act(action, verdict, event, now, run, { actionKey: entry.actionKey, takenOver: claimed.takenOver })
        : { type: action.type, target: entry.target, status: verdict.status, reason: verdict.reason };
      await record(entry, outcome, run);
      outcomes.push(outcome);
    } catch (error) {
      // The redelivery takes the action over at once, and finds out what this attempt did.
      await run.config.ledger.releaseAction(entry.actionKey, run.claimant).catch(() => undefined);
      throw error;
    }
  }
  if (!allRecorded) for (const outcome of outcomes) run.metrics.count(OUTCOME_METRIC[outcome.status]);
  return outcomes;
}

const OUTCOME_METRIC = { applied: 'ActionsApplied', planned: 'ActionsPlanned', skipped: 'ActionsSkipped', failed: 'ActionsFailed' } as const;

/** The guard's clock: the event's own time in a replay, so that a replay decides the same way every time. */
function decidedAt(event: GuardEvent, config: GuardConfig): Date {
  return config.useEventTime ? new Date(event.timeMs) : config.clock();
}
