/**
 * The pipeline of DESIGN §1 for one batch: parse → enrich → evaluate → gate → act → record → publish.
 *
 * `makeGuard` is built once per container; `beginBatch()` once per SQS batch, so lookups and actions
 * are shared by the batch's records. A record's handler resolves with its outcome, or throws when a
 * transient failure means SQS should deliver it again.
 */
import type { ActionOutcome } from '../actions/index.ts';
import type { Decision } from '../decision.ts';
import { GuardError } from '../errors.ts';
import type { GuardEvent } from '../events/types.ts';
import type { EvaluationContext } from '../policy/index.ts';
import type { DecisionRecord } from '../ports.ts';
import { act } from './act.ts';
import { BatchScope } from './batch-scope.ts';
import { enrich } from './enrich.ts';
import { decisionsAbout } from './evaluate.ts';
import { gate, gatedConfig } from './gate.ts';
import { parse } from './parse.ts';
import { decisionRecord, publish } from './publish.ts';
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

/** A guard function's pipeline, built once per container. */
export interface Guard {
  /** Starts an SQS batch: its records share lookups (sessions, participants, tags). */
  beginBatch(): BatchRun;
}

/** One SQS batch. */
export interface BatchRun {
  /** Resolves with the record's outcome, or throws `RetryableRecordError` for SQS to deliver it again. */
  handleRecord(record: { messageId: string; body: string }): Promise<RecordOutcome>;
}

/**
 * Builds the pipeline from its ports and policies.
 *
 * @example
 * const guard = makeGuard({ ivs, audit, ledger, policies, clock: () => new Date() });
 * const batch = guard.beginBatch();
 * const outcome = await batch.handleRecord({ messageId: record.messageId, body: record.body });
 */
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

/** parse → enrich → evaluate → (gate → act → record for each action) → publish, for one record. */
async function handleRecord(record: { messageId: string; body: string }, run: RunContext): Promise<RecordOutcome> {
  const parsed = parse(record, run);
  if (!parsed.ok) return parsed.outcome;
  const { event, keys } = parsed;
  const { config, log, metrics } = run;
  try {
    const context = await enrich(event, run);
    const now = decidedAt(event, config);
    const decisions: DecisionRecord[] = [];
    for (const decision of decisionsAbout(event, context, now, run)) {
      const actions = await carryOut(decision, event, context, now, run);
      log.info('decision', { ...keys, policy: decision.policy, mode: decision.mode, evidence: decision.evidence, actions });
      decisions.push(decisionRecord(event, decision, actions, now));
    }
    const alreadyPublished = await publish(event, decisions, now, run);
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
