/**
 * The record step: every action of a decision, taken or not, is a ledger row (`eventId#policy#index`).
 * `recall` asks first whether an earlier delivery of the same event finished it; `record` writes its outcome.
 */
import { channelsOf, targetOf } from '../actions/index.ts';
import type { Action, ActionOutcome } from '../actions/index.ts';
import type { Decision } from '../decision.ts';
import { withDefined } from '../defined.ts';
import { channelOf } from '../events/types.ts';
import type { GuardEvent } from '../events/types.ts';
import type { LedgerEntry } from '../ports.ts';
import type { RunContext } from './run-context.ts';

/** The pending ledger row of the `index`-th action of `decision`. */
export function ledgerEntry(action: Action, index: number, decision: Decision, event: GuardEvent, now: Date): LedgerEntry {
  return {
    actionKey: `${event.id}#${decision.policy}#${index}`,
    eventId: event.id,
    policy: decision.policy,
    mode: decision.mode,
    type: action.type,
    target: targetOf(action),
    ...withDefined({ channelArn: channelOf(event) ?? channelsOf(action)[0] }),
    status: 'pending',
    evidence: decision.evidence,
    at: now.toISOString(),
  };
}

/** Marks the action pending; what an earlier delivery did when it finished it (nothing is done again, and the report says so). */
export async function recall(entry: LedgerEntry, run: RunContext): Promise<ActionOutcome | undefined> {
  const begun = await run.config.ledger.beginAction(entry);
  if (begun.kind !== 'done') return undefined;
  const earlier = begun.entry.reason ? `${begun.entry.status}: ${begun.entry.reason}` : begun.entry.status;
  return { type: begun.entry.type, target: begun.entry.target, status: 'skipped', reason: `already decided for this event on an earlier delivery at ${begun.entry.at} (${earlier})` };
}

/** Writes the action's final outcome. */
export async function record(entry: LedgerEntry, outcome: ActionOutcome, run: RunContext): Promise<void> {
  await run.config.ledger.finishAction({ ...entry, status: outcome.status, ...withDefined({ reason: outcome.reason }) });
}
