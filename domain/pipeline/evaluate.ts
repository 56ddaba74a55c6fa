/**
 * The evaluate step: the policies' decisions about one event, in policy order, each counted.
 */
import type { Decision } from '../decision.ts';
import type { GuardEvent } from '../events/types.ts';
import { evaluate } from '../policy/index.ts';
import type { EvaluationContext } from '../policy/index.ts';
import type { RunContext } from './run-context.ts';

/**
 * The decisions of the run's policies about `event`, at `now`.
 *
 * @example
 * for (const decision of decisionsAbout(event, context, now, run)) console.log(decision.policy, decision.evidence);
 */
export function decisionsAbout(event: GuardEvent, context: EvaluationContext, now: Date, run: RunContext): Decision[] {
  const decisions = evaluate(event, context, run.config.policies, now);
  for (let i = 0; i < decisions.length; i++) run.metrics.count('Decisions');
  return decisions;
}
