/**
 * Evaluation: for each policy the event triggers, whether its `where` holds, and if so the decision — its mode, its
 * evidence and its `then` bound to targets. Pure: the same event, context and document give the same decisions.
 */
import type { Decision } from '../decision.ts';
import type { GuardEvent } from '../events/types.ts';
import type { Participant, ParticipantEvent, StreamSession } from '../session.ts';
import { bindActions } from './bind-actions.ts';
import { assessAll } from './conditions.ts';
import type { Enrichment, Truth } from './conditions.ts';
import { describeEvent } from './evidence.ts';
import type { Facts } from './conditions.ts';
import type { Policy, PolicyDocument } from './schema.ts';
import { triggers } from './trigger.ts';

/** What the pipeline fetched for the event (each only when `enrichmentNeeds` asked for it, and found). */
export interface EvaluationContext {
  session?: StreamSession;
  participant?: Participant;
  /** The participant's events in its stage session (ListParticipantEvents), oldest first. */
  participantEvents?: readonly ParticipantEvent[];
}

/**
 * How one triggered policy came out. `evidence` says why it held, why not, or what could not be read (`unknown`:
 * a condition needed the session or participant and it was not available; `missing` says which).
 */
export interface PolicyOutcome {
  policy: string;
  truth: Truth;
  evidence: string[];
  missing: Enrichment[];
  /** Set when `truth` is `holds`. */
  decision?: Decision;
}

/** Told of each policy an event triggers and the facts it is judged on (the policy tests listen, for coverage). */
export type EvaluationListener = (policy: Policy, facts: Facts) => void;

const listeners = new Set<EvaluationListener>();

/** Listens to every evaluation in this process until the returned function is called. In Lambda nobody listens. */
export function observeEvaluations(listener: EvaluationListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Every policy `event` triggers, in document order, with how it came out — decisions included. For logs and
 * replays that show why a policy did not fire.
 */
export function explain(event: GuardEvent, context: EvaluationContext, doc: PolicyDocument, _now: Date): PolicyOutcome[] {
  // Nothing a policy says depends on the clock: counting windows end at the triggering event's own time.
  const facts = { event, ...context };
  return doc.policies
    .filter((policy) => triggers(policy.on, event))
    .map((policy): PolicyOutcome => {
      for (const listener of listeners) listener(policy, facts);
      const verdict = assessAll(policy.where, facts);
      const outcome = { policy: policy.name, truth: verdict.truth, evidence: verdict.evidence, missing: verdict.missing };
      if (verdict.truth !== 'holds') return outcome;
      const evidence = [describeEvent(event), ...verdict.evidence];
      const bound = bindActions(policy.then, event, { policy: policy.name, evidence });
      return { ...outcome, decision: { policy: policy.name, mode: policy.mode ?? doc.mode, evidence, ...bound } };
    });
}

/**
 * The decisions for `event`: one for each policy it triggers whose every `where` condition holds. A condition that
 * needs the session (or participant) when `context` lacks it does not hold; `explain` says so.
 * `now` is kept for the pipeline's signature; counting windows end at the triggering event's time.
 */
export function evaluate(event: GuardEvent, context: EvaluationContext, doc: PolicyDocument, now: Date): Decision[] {
  return explain(event, context, doc, now).flatMap((outcome) => (outcome.decision ? [outcome.decision] : []));
}
