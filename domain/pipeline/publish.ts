/**
 * The publish step: an event's decisions, and the gate's alerts, on the audit bus — once. A redelivery publishes
 * again only what an earlier delivery could not (its publish failed); of concurrent copies, the one that claims
 * publishing publishes, and the others go back to SQS until it is done.
 */
import type { ActionOutcome } from '../actions/index.ts';
import type { Decision } from '../decision.ts';
import { withDefined } from '../defined.ts';
import { transientError } from '../errors.ts';
import { channelOf, streamOf } from '../events/types.ts';
import type { GuardEvent } from '../events/types.ts';
import type { DecisionRecord } from '../ports.ts';
import { leaseOf } from './gate.ts';
import type { RunContext } from './run-context.ts';

/** The audit entry of one decision about `event`, with the outcome of each of its actions. */
export function decisionRecord(event: GuardEvent, decision: Decision, actions: ActionOutcome[], now: Date): DecisionRecord {
  return {
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
}

/**
 * Publishes `decisions` (unless an earlier delivery did) and the run's alerts. Resolves `true` when the decisions had
 * been published already; throws a transient error while another delivery holds the publishing lease.
 *
 * @example
 * const alreadyPublished = await publish(event, decisions, now, run);
 */
export async function publish(event: GuardEvent, decisions: DecisionRecord[], now: Date, run: RunContext): Promise<boolean> {
  const { ledger, audit } = run.config;
  const claimed = decisions.length > 0 ? await ledger.claimPublish(event.id, leaseOf(run)) : 'published';
  if (claimed === 'busy') throw transientError(`another delivery is publishing the decisions of event ${event.id}; this one leaves it to SQS to deliver again`, 'PublishLeased');
  const alreadyPublished = decisions.length > 0 && claimed === 'published';
  const toPublish = [...(alreadyPublished ? [] : decisions), ...run.alerts];
  if (toPublish.length > 0) {
    await audit.publish(toPublish).catch(async (error: unknown) => {
      if (claimed === 'go') await ledger.releasePublish(event.id, run.claimant).catch(() => undefined);
      throw error;
    });
  }
  if (decisions.length > 0 && !alreadyPublished) await ledger.markPublished(event.id, now);
  return alreadyPublished;
}
