/**
 * The pipeline of DESIGN §1 for one batch: parse → enrich → evaluate → gate → act → publish.
 *
 * `makeGuard` is built once per container; `beginBatch()` once per SQS batch, so lookups and actions
 * are shared by the batch's records. A record's handler resolves with its outcome, or throws when a
 * transient failure means SQS should deliver it again.
 */
import type { Action, ActionOutcome, ActionType } from '../actions.ts';
import { targetOf } from '../actions.ts';
import type { Decision } from '../decision.ts';
import { GuardError, isRetryable } from '../errors.ts';
import { channelOf, streamOf } from '../events/types.ts';
import type { GuardEvent, Rejection } from '../events/types.ts';
import { parseSqsRecordBody } from '../events/parse.ts';
import { enrichmentNeeds, evaluate, isProtected } from '../policy/index.ts';
import type { PolicyDocument } from '../policy/index.ts';
import type { AuditPort, Clock, DecisionRecord, IvsPort, StagePort } from '../ports.ts';
import { channelsOf, gate } from '../safety.ts';
import type { Participant, StreamSession } from '../session.ts';
import { act } from './act.ts';
import { BatchScope } from './batch-scope.ts';
import type { CorrelationKeys, GuardLog, GuardMetrics } from './observe.ts';
import { noMetrics, silentLog } from './observe.ts';
import { withDefined } from '../defined.ts';

export interface GuardConfig {
  ivs: IvsPort;
  stage?: StagePort | undefined;
  audit: AuditPort;
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
  readonly scope: BatchScope;
}

export function makeGuard(config: GuardConfig): Guard {
  const log = config.log ?? silentLog;
  const metrics = config.metrics ?? noMetrics;
  return {
    beginBatch() {
      const scope = new BatchScope(config.ivs, config.stage);
      return {
        scope,
        handleRecord: async (record) => {
          try {
            const outcome = await handleRecord(record, { config, scope, log, metrics });
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

interface RunContext {
  config: GuardConfig;
  scope: BatchScope;
  log: GuardLog;
  metrics: GuardMetrics;
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
    if (decisions.length > 0) await config.audit.publish(decisions);
    metrics.count('EventsProcessed');
    log.info(decisions.length > 0 ? 'event decided' : 'event processed: no policy fired', { ...keys, eventName: event.name, decisions: decisions.length });
    return { status: 'processed', event, decisions };
  } catch (error) {
    metrics.count('EventsFailed');
    const message = error instanceof Error ? error.message : String(error);
    log.error('event failed: SQS will deliver it again', { ...keys, error: message, code: error instanceof GuardError ? error.code : undefined });
    throw new RetryableRecordError({ status: 'failed', eventId: event.id, error: message }, { cause: error });
  }
}

async function decide(event: GuardEvent, keys: CorrelationKeys, run: RunContext): Promise<DecisionRecord[]> {
  const { config, scope, log, metrics } = run;
  const context = await enrich(event, scope, config.policies);
  const now = config.useEventTime ? new Date(event.timeMs) : config.clock();
  const decisions = evaluate(event, context, config.policies, now);
  const records: DecisionRecord[] = [];
  for (const decision of decisions) {
    metrics.count('Decisions');
    const actions = await carryOut(decision, event, context.session, run);
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

async function carryOut(decision: Decision, event: GuardEvent, session: StreamSession | undefined, run: RunContext): Promise<ActionOutcome[]> {
  const outcomes: ActionOutcome[] = decision.unbound.map((u) => ({ type: u.type, target: 'none', status: 'skipped', reason: u.reason }));
  for (const action of decision.actions) {
    outcomes.push(await carryOutOne(action, decision, event, session, run));
  }
  for (const outcome of outcomes) run.metrics.count(outcomeMetric[outcome.status]);
  return outcomes;
}

const outcomeMetric = { applied: 'ActionsApplied', planned: 'ActionsPlanned', skipped: 'ActionsSkipped', failed: 'ActionsFailed' } as const;

async function carryOutOne(
  action: Action,
  decision: Decision,
  event: GuardEvent,
  session: StreamSession | undefined,
  run: RunContext,
): Promise<ActionOutcome> {
  const { config, scope } = run;
  const target = targetOf(action);
  const protection = await protectionOf(action, session, run);
  const allowed = protection.remaining;
  if (!allowed) {
    return { type: action.type, target, status: 'skipped', reason: `protected channel: ${protection.reason}` };
  }
  const verdict = gate({ action: allowed, mode: decision.mode, policy: decision.policy, allowedActions: config.allowedActions, planOnly: config.planOnly });
  if (!verdict.go) return { type: action.type, target, status: verdict.status, reason: verdict.reason };

  const key = `${allowed.type}|${targetOf(allowed)}|${actionDetail(allowed)}`;
  const taken = scope.once(key, event.id, () => act(allowed, { ivs: config.ivs, stage: config.stage }));
  try {
    const summary = await taken.result;
    if (!taken.first) return { type: action.type, target, status: 'skipped', reason: `already done in this batch for event ${taken.firstEventId}` };
    const note = protection.reason ? `; skipped protected: ${protection.reason}` : '';
    return { type: action.type, target, status: 'applied', reason: summary + note };
  } catch (error) {
    if (isRetryable(error)) throw error;
    const message = error instanceof Error ? error.message : String(error);
    return { type: action.type, target, status: 'failed', reason: message };
  }
}

/**
 * Checks each channel the action touches. Returns the action narrowed to unprotected channels
 * (revocations keep their unprotected pairs), or none left.
 */
async function protectionOf(action: Action, session: StreamSession | undefined, run: RunContext): Promise<{ remaining?: Action; reason?: string }> {
  const protectedReasons = new Map<string, string>();
  for (const channelArn of channelsOf(action)) {
    const reason = await protectedReason(channelArn, session, run);
    if (reason) protectedReasons.set(channelArn, reason);
  }
  if (protectedReasons.size === 0) return { remaining: action };
  const reason = [...protectedReasons.values()].join('; ');
  if (action.type === 'revokeViewerSessions') {
    const pairs = action.viewerSessions.filter((p) => !protectedReasons.has(p.channelArn));
    return pairs.length > 0 ? { remaining: { ...action, viewerSessions: pairs }, reason } : { reason };
  }
  return { reason };
}

async function protectedReason(channelArn: string, session: StreamSession | undefined, run: RunContext): Promise<string | undefined> {
  const rules = run.config.policies.protectedChannels;
  const byArn = isProtected(channelArn, undefined, rules);
  if (byArn.protected || !byArn.needsTags) return byArn.reason;
  const sessionTags = session?.channel?.arn === channelArn ? session.channel.tags : undefined;
  const tags = sessionTags ?? (await run.scope.channelTags(channelArn));
  return isProtected(channelArn, tags, rules).reason;
}

/** Two actions are the same only if they would send the same request. */
function actionDetail(action: Action): string {
  switch (action.type) {
    case 'putMetadata':
      return action.text;
    case 'revokeViewerSessions':
      return action.viewerSessions.map((p) => `${p.channelArn}/${p.viewerId}/${p.viewerSessionVersionsLessThanOrEqualTo}`).sort().join(',');
    case 'notify':
      return action.message;
    default:
      return '';
  }
}
