/**
 * Binding a policy's `then` to the targets its triggering event names (each action's module says how: the
 * channel for key, stream and metadata actions; the request's pairs, or the listed viewers on the event's
 * channel, for revocations; the stage and participant for a disconnection). An action the event gives no target
 * for is left unbound, with the reason.
 */
import { definitionOf } from '../actions/index.ts';
import type { Action, ActionSpec } from '../actions/index.ts';
import type { Decision } from '../decision.ts';
import { channelOf } from '../events/types.ts';
import type { GuardEvent } from '../events/types.ts';

/** The actions of one decision, bound, and those that could not be. */
export interface BoundActions {
  actions: Action[];
  unbound: Decision['unbound'];
}

/** Binds `specs` in order. `notify` carries the policy's name and evidence as its message. */
export function bindActions(specs: readonly ActionSpec[], event: GuardEvent, decided: { policy: string; evidence: readonly string[] }): BoundActions {
  const context = { event, channelArn: channelOf(event), policy: decided.policy, evidence: decided.evidence };
  const bound: BoundActions = { actions: [], unbound: [] };
  for (const spec of specs) {
    const result = definitionOf(spec).bind(spec, context);
    if (typeof result === 'string') bound.unbound.push({ type: spec.type, reason: result });
    else bound.actions.push(result);
  }
  return bound;
}
