/**
 * The record step: every action of a decision, taken or not, is a ledger row (`eventId#policy#index`).
 * `claim` takes the row with this delivery's lease, or finds that an earlier delivery finished it (its outcome is
 * reported as it happened: `applied` stays `applied`), or that another delivery holds it now (the record goes
 * back to SQS); `record` writes the outcome.
 */
import { channelsOf, targetOf } from '../actions/index.ts';
import type { Action, ActionOutcome } from '../actions/index.ts';
import type { Decision } from '../decision.ts';
import { withDefined } from '../defined.ts';
import { channelOf } from '../events/types.ts';
import type { GuardEvent } from '../events/types.ts';
import { transientError } from '../errors.ts';
import type { LedgerEntry } from '../ports.ts';
import { leaseOf } from './gate.ts';
import type { RunContext } from './run-context.ts';

/** What claiming an action's row found: an earlier delivery's outcome, or go (after a dead claimant, with its notes). */
export type Claim = { kind: 'earlier'; outcome: ActionOutcome } | { kind: 'go'; takenOver?: { from: string; progress?: string } };

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

/**
 * Claims the action's row for this delivery. An earlier delivery's outcome comes back as it happened (nothing is
 * done again; the reason says it was reused). A live lease of another delivery is a transient error: SQS delivers
 * this record again after the lease, when the outcome is known.
 */
export async function claim(entry: LedgerEntry, run: RunContext): Promise<Claim> {
  const begun = await run.config.ledger.beginAction(entry, leaseOf(run));
  if (begun.kind === 'busy') {
    throw transientError(`action ${entry.actionKey} is being taken by another delivery (its lease ends ${begun.until}); this one leaves it to SQS to deliver again`, 'ActionLeased');
  }
  if (begun.kind === 'taken-over') {
    run.log.warn('took over an action whose claimant did not finish (its container died?): finding out what it did', withDefined({ eventId: entry.eventId, actionKey: entry.actionKey, from: begun.from, progress: begun.progress }));
    return { kind: 'go', takenOver: { from: begun.from, ...withDefined({ progress: begun.progress }) } };
  }
  if (begun.kind === 'begin') return { kind: 'go' };
  const { status, reason, at, type, target } = begun.entry;
  const reused = `reused: decided for this event on an earlier delivery at ${at}`;
  return { kind: 'earlier', outcome: { type, target, status: status === 'pending' ? 'failed' : status, reason: reason ? `${reason} (${reused})` : reused } };
}

/** Writes the action's final outcome, if this delivery still holds the row (a late one is refused: the taker's outcome stands). */
export async function record(entry: LedgerEntry, outcome: ActionOutcome, run: RunContext): Promise<void> {
  await run.config.ledger.finishAction({ ...entry, status: outcome.status, ...withDefined({ reason: outcome.reason }) }, run.claimant);
}
