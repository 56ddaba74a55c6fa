/**
 * The act step: takes one action that passed the gate through its module (`domain/actions/`), once per batch
 * for one target, within its cooldown and budget reservation, and says in safe words what was done.
 * Nothing returned here may carry a secret: stream key values never leave the IVS adapter.
 */
import { definitionOf, sameActionKey, targetOf } from '../actions/index.ts';
import type { Action, ActionOutcome } from '../actions/index.ts';
import { isRetryable } from '../errors.ts';
import type { GuardEvent } from '../events/types.ts';
import { reserve } from './gate.ts';
import type { GateVerdict } from './gate.ts';
import type { RunContext } from './run-context.ts';

/** This delivery's claim on the action's ledger row (`record.ts` `claim`): its key and whether it took over a dead claimant. */
export interface Claimed {
  actionKey: string;
  takenOver?: { from: string; progress?: string } | undefined;
}

/** The outcome of `action` (as the policy bound it) taken as the gate let it through (`verdict.action`). */
export async function act(action: Action, verdict: Extract<GateVerdict, { go: true }>, event: GuardEvent, now: Date, run: RunContext, claimed: Claimed): Promise<ActionOutcome> {
  const allowed = verdict.action;
  const target = targetOf(action);
  // Within one batch an action on one target is taken once; the others share its outcome.
  const taken = run.scope.once(`${allowed.type}|${sameActionKey(allowed)}`, event.id, () => reserveAndRun(allowed, event, now, run, claimed));
  const result = await taken.result;
  if (!taken.first && result.status === 'applied') {
    return { type: action.type, target, status: 'skipped', reason: `already done in this batch for event ${taken.firstEventId}` };
  }
  const note = verdict.leftOut && result.status === 'applied' ? `; left out protected: ${verdict.leftOut}` : '';
  return { type: action.type, target, status: result.status, reason: result.reason + note };
}

async function reserveAndRun(action: Action, event: GuardEvent, now: Date, run: RunContext, claimed: Claimed): Promise<{ status: ActionOutcome['status']; reason: string }> {
  const reservation = await reserve(action, event, now, run, claimed.actionKey);
  if (!reservation.ok) return { status: 'skipped', reason: reservation.reason };
  const attempt = {
    takenOver: claimed.takenOver,
    note: (progress: string) => run.config.ledger.noteProgress(claimed.actionKey, run.claimant, progress),
  };
  try {
    return { status: 'applied', reason: await definitionOf(action).run(action, { ivs: run.config.ivs, stage: run.config.stage, attempt }) };
  } catch (error) {
    // A transient failure keeps the reservation: the redelivery takes the action over and reuses it (the budget is
    // charged once per action, and an event may take its own cooldown again). Giving it back here could take it from
    // a delivery that has taken the action over meanwhile. Only an action that fails for good gives it back.
    if (isRetryable(error)) throw error;
    await reservation.release();
    return { status: 'failed', reason: error instanceof Error ? error.message : String(error) };
  }
}
