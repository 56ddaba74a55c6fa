/**
 * Carries out a decision's actions, one by one, under the safety rules:
 * protection → permission/dry-run → idempotency (ledger) → cooldown and budget (ledger) → act.
 * Every outcome, taken or not, is recorded in the ledger; a redelivered event reuses what was recorded.
 */
import type { Action, ActionOutcome } from '../actions.ts';
import { targetOf } from '../actions.ts';
import type { Decision } from '../decision.ts';
import { isRetryable } from '../errors.ts';
import { channelOf } from '../events/types.ts';
import type { GuardEvent } from '../events/types.ts';
import type { LedgerEntry, ReserveResult } from '../ledger.ts';
import { gate } from '../safety.ts';
import type { StreamSession } from '../session.ts';
import { act } from './act.ts';
import type { RunContext } from './run-context.ts';
import { protectionOf } from './protection-check.ts';

/** The decision's outcomes, one per `then` entry; counted in the metrics unless an earlier delivery did it all. */
export async function carryOut(decision: Decision, event: GuardEvent, session: StreamSession | undefined, now: Date, run: RunContext): Promise<ActionOutcome[]> {
  const outcomes: ActionOutcome[] = decision.unbound.map((u) => ({ type: u.type, target: 'none', status: 'skipped', reason: u.reason }));
  let allRecorded = decision.actions.length > 0;
  for (const [index, action] of decision.actions.entries()) {
    const { outcome, recorded } = await carryOutOne(action, index, decision, event, session, now, run);
    outcomes.push(outcome);
    allRecorded &&= recorded;
  }
  if (!allRecorded) for (const outcome of outcomes) run.metrics.count(OUTCOME_METRIC[outcome.status]);
  return outcomes;
}

const OUTCOME_METRIC = { applied: 'ActionsApplied', planned: 'ActionsPlanned', skipped: 'ActionsSkipped', failed: 'ActionsFailed' } as const;

async function carryOutOne(
  action: Action,
  index: number,
  decision: Decision,
  event: GuardEvent,
  session: StreamSession | undefined,
  now: Date,
  run: RunContext,
): Promise<{ outcome: ActionOutcome; recorded: boolean }> {
  const { config } = run;
  const target = targetOf(action);
  const entry: LedgerEntry = {
    actionKey: `${event.id}#${decision.policy}#${index}`,
    eventId: event.id,
    policy: decision.policy,
    mode: decision.mode,
    type: action.type,
    target,
    ...optional('channelArn', channelOf(event) ?? channelArnOf(action)),
    status: 'pending',
    evidence: decision.evidence,
    at: now.toISOString(),
  };
  const begun = await config.ledger.beginAction(entry);
  if (begun.kind === 'done') return { outcome: earlierOutcome(begun.entry), recorded: true };

  const outcome = await decide(action, decision, event, session, now, run);
  await config.ledger.finishAction({ ...entry, status: outcome.status, ...optional('reason', outcome.reason) });
  return { outcome, recorded: false };
}

async function decide(action: Action, decision: Decision, event: GuardEvent, session: StreamSession | undefined, now: Date, run: RunContext): Promise<ActionOutcome> {
  const { config, scope } = run;
  const target = targetOf(action);
  const protection = await protectionOf(action, session, config.policies, scope);
  const allowed = protection.remaining;
  if (!allowed) return { type: action.type, target, status: 'skipped', reason: `protected channel: ${protection.reason}` };
  const verdict = gate({ action: allowed, mode: decision.mode, policy: decision.policy, allowedActions: config.allowedActions, planOnly: config.planOnly });
  if (!verdict.go) return { type: action.type, target, status: verdict.status, reason: verdict.reason };

  // Within one batch an action on one target is taken once; the others share its outcome.
  const taken = scope.once(`${allowed.type}|${sameActionKey(allowed)}`, event.id, () => reserveAndAct(allowed, event, now, run));
  const result = await taken.result;
  if (!taken.first && result.status === 'applied') {
    return { type: action.type, target, status: 'skipped', reason: `already done in this batch for event ${taken.firstEventId}` };
  }
  const note = protection.reason && result.status === 'applied' ? `; left out protected: ${protection.reason}` : '';
  return { type: action.type, target, status: result.status, reason: result.reason + note };
}

async function reserveAndAct(action: Action, event: GuardEvent, now: Date, run: RunContext): Promise<{ status: ActionOutcome['status']; reason: string }> {
  const { config } = run;
  const { cooldownSeconds, maxActionsPerHour } = config.policies.safety;
  // The cooldown is per action, not per channel: revoking bob is not revoking alice again.
  const reservation = { type: action.type, target: sameActionKey(action), eventId: event.id, now };
  const reserved = action.type === 'notify' ? ({ ok: true } as const) : await config.ledger.reserve({ ...reservation, cooldownSeconds, maxActionsPerHour });
  if (!reserved.ok) {
    if (reserved.why === 'budget' && reserved.firstTime) run.alerts.budgetExhausted(event, reserved, now);
    return { status: 'skipped', reason: refusal(reserved) };
  }
  try {
    return { status: 'applied', reason: await act(action, { ivs: config.ivs, stage: config.stage }) };
  } catch (error) {
    if (action.type !== 'notify') await config.ledger.release(reservation);
    if (isRetryable(error)) throw error;
    return { status: 'failed', reason: error instanceof Error ? error.message : String(error) };
  }
}

/** What an earlier delivery of the same event did: nothing is done again, and the report says so. */
function earlierOutcome(entry: LedgerEntry): ActionOutcome {
  const earlier = entry.reason ? `${entry.status}: ${entry.reason}` : entry.status;
  return { type: entry.type, target: entry.target, status: 'skipped', reason: `already decided for this event on an earlier delivery at ${entry.at} (${earlier})` };
}

function refusal(result: Exclude<ReserveResult, { ok: true }>): string {
  return result.why === 'cooldown'
    ? `cooldown: the same action was taken on this target for event ${result.byEventId}; next allowed after ${result.until}`
    : `budget exhausted: ${result.used} of ${result.limit} actions this hour`;
}

/** Two actions of one type are the same — for the batch and for the cooldown — only if they would send the same request. */
function sameActionKey(action: Action): string {
  const detail = actionDetail(action);
  return detail === '' ? targetOf(action) : `${targetOf(action)}|${detail}`;
}

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

function channelArnOf(action: Action): string | undefined {
  return 'channelArn' in action ? action.channelArn : action.type === 'revokeViewerSessions' ? action.viewerSessions[0]?.channelArn : undefined;
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
