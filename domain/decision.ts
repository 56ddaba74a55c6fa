/**
 * What `evaluate` returns: one decision per policy that fired, with its evidence in words a person can check.
 */
import type { Action, ActionType } from './actions/index.ts';

export type Mode = 'enforce' | 'dry-run';

export interface Decision {
  policy: string;
  mode: Mode;
  /** e.g. "3 takeover failures in 412 s: StreamTakeoverInvalidPriority ×2, StreamTakeoverLimitBreached ×1". */
  evidence: string[];
  /** The `then` list bound to its targets, in order. */
  actions: Action[];
  /** Actions of `then` that could not be bound to a target (e.g. stopStream on an account-wide limit breach). */
  unbound: Array<{ type: ActionType; reason: string }>;
}

/** What the pipeline needs to fetch before it can evaluate an event. */
export interface EnrichmentNeeds {
  session: boolean;
  participant: boolean;
  /** The stage participant's events (ListParticipantEvents). */
  participantEvents: boolean;
}
