/**
 * The safety gate between a decision and an action: dry-run, protected channels, actions this function
 * may not take. Pure: the pipeline feeds it what it looked up.
 */
import type { Action, ActionType } from './actions.ts';
import type { Mode } from './decision.ts';

export interface GateInput {
  action: Action;
  mode: Mode;
  policy: string;
  /** The actions the running function may take; undefined means all. */
  allowedActions?: ReadonlySet<ActionType> | undefined;
  /** Nothing may be taken, whatever the mode (a replay against real AWS without `--apply`). */
  planOnly?: boolean | undefined;
}

export type GateResult = { go: true } | { go: false; status: 'planned' | 'skipped'; reason: string };

/** Decides whether an action may be taken now, and if not, why. Order: permission, then dry-run.
 * (Protection is checked first, by the pipeline, because it needs channel tags.) */
export function gate({ action, mode, policy, allowedActions, planOnly }: GateInput): GateResult {
  if (allowedActions && !allowedActions.has(action.type)) {
    return { go: false, status: 'skipped', reason: `this function may not ${action.type}` };
  }
  if (planOnly) return { go: false, status: 'planned', reason: 'plan only: actions are taken with --apply' };
  if (mode === 'dry-run') return { go: false, status: 'planned', reason: `dry-run: policy ${policy} only plans` };
  return { go: true };
}

/** The channel an action would touch, for the protection check. */
export function channelsOf(action: Action): string[] {
  switch (action.type) {
    case 'rotateStreamKey':
    case 'deleteStreamKey':
    case 'stopStream':
    case 'putMetadata':
      return [action.channelArn];
    case 'revokeViewerSessions':
      return [...new Set(action.viewerSessions.map((p) => p.channelArn))];
    case 'disconnectParticipant':
    case 'notify':
      return [];
  }
}
