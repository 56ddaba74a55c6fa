/**
 * The guard's four functions, the actions each may take (from `actions/`), and the IVS operations that takes — the facts
 * their IAM roles are checked against (DESIGN §2). An action a function may not take is skipped with
 * that reason, never attempted.
 */
import { ACTIONS } from './actions/index.ts';
import type { ActionType } from './actions/index.ts';

export type GuardFunction = 'stream' | 'recording' | 'stage' | 'moderation';

/** The guard's functions, in the order the deploy config lists them. */
export const GUARD_FUNCTIONS: readonly GuardFunction[] = ['stream', 'recording', 'stage', 'moderation'];

/** The actions each function may take: each action's module names its functions. */
export const FUNCTION_ACTIONS: Record<GuardFunction, ReadonlySet<ActionType>> = {
  stream: actionsOf('stream'),
  recording: actionsOf('recording'),
  stage: actionsOf('stage'),
  moderation: actionsOf('moderation'),
};

function actionsOf(fn: GuardFunction): ReadonlySet<ActionType> {
  return new Set(ACTIONS.filter((action) => action.functions.includes(fn)).map((action) => action.type));
}

/** The API operations (IAM actions, `ivs:` prefix omitted) each action calls, from its module. */
export const ACTION_OPERATIONS: Record<ActionType, readonly string[]> = Object.fromEntries(ACTIONS.map((action) => [action.type, action.operations])) as Record<
  ActionType,
  readonly string[]
>;

/**
 * What each function reads to decide: enrichment (GetStreamSession, GetParticipant, ListParticipantEvents), channel
 * and stage tags for protected channels and stages (ListTagsForResource, on IVS and IVS real-time); and the moderation
 * function's reads of a disconnect request by user id: the stage's active session (GetStage) and the user's
 * participants (ListParticipants).
 */
export const FUNCTION_READS: Record<GuardFunction, readonly string[]> = {
  stream: ['GetStreamSession', 'ListTagsForResource'],
  recording: ['GetStreamSession', 'ListTagsForResource'],
  stage: ['GetParticipant', 'ListParticipantEvents', 'ListTagsForResource'],
  moderation: ['ListTagsForResource', 'GetStage', 'ListParticipants'],
};

/** Every IVS operation a function calls: the exact IVS part of its IAM role. */
export function operationsOf(fn: GuardFunction): string[] {
  const ops = new Set(FUNCTION_READS[fn]);
  for (const action of FUNCTION_ACTIONS[fn]) for (const op of ACTION_OPERATIONS[action]) ops.add(op);
  return [...ops].sort();
}
