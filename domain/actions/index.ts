/**
 * The registry of actions: what the guard can do, and what became of it. Each action is one module of this
 * folder (see `action.ts` for what a module declares); the policy schema (`policy/action-schema.ts`), binding
 * (`policy/bind-actions.ts`), the gate, the act step, the functions' IAM operations (`functions.ts`, and
 * `events/permissions.json` via `npm run permissions`) are all built from `ACTIONS`.
 *
 * Adding an action = its module here, its entry in `ACTIONS`, its adapter method, its tests, `npm run permissions`.
 *
 * @example
 * ```ts
 * const action: Action = { type: 'stopStream', channelArn };
 * definitionOf(action).target(action); // the channel ARN
 * ```
 */
import type { ActionDefinition } from './action.ts';
import { deleteStreamKey } from './delete-stream-key.ts';
import { disconnectParticipant } from './disconnect-participant.ts';
import { notify } from './notify.ts';
import { putMetadata } from './put-metadata.ts';
import { revokeViewerSessions } from './revoke-viewer-sessions.ts';
import { rotateStreamKey } from './rotate-stream-key.ts';
import { stopStream } from './stop-stream.ts';

export type { ActionDefinition, ActPorts, Attempt, BindContext, Redelivery, Severity } from './action.ts';

/** Every action, in the order the policy schema and its messages list them. */
export const ACTIONS = [rotateStreamKey, deleteStreamKey, stopStream, revokeViewerSessions, putMetadata, disconnectParticipant, notify] as const;

type AnyDefinition = (typeof ACTIONS)[number];
type SpecOf<D> = D extends ActionDefinition<string, infer Spec, { type: string }> ? Spec : never;
type BoundOf<D> = D extends ActionDefinition<string, { type: string }, infer Bound> ? Bound : never;

/** An action's name, as a policy writes it. */
export type ActionType = AnyDefinition['type'];
/** An action of `then`, before it is bound to the target the triggering event names. */
export type ActionSpec = SpecOf<AnyDefinition>;
/** An action bound to its target, ready to be taken. */
export type Action = BoundOf<AnyDefinition>;

/** Every action's name, in registry order. */
export const ACTION_TYPES: readonly ActionType[] = ACTIONS.map((definition) => definition.type);

/** What became of one action. */
export type ActionStatus = 'applied' | 'planned' | 'skipped' | 'failed';

/** One action's outcome, as recorded and published. */
export interface ActionOutcome {
  type: ActionType;
  /** The ARN acted on (channel, stage/participant); for revocations the channel(s); for notify `audit`. */
  target: string;
  status: ActionStatus;
  /** Why planned, skipped or failed; or a safe summary of what was done. Never a secret. */
  reason?: string;
}

const BY_TYPE = new Map<string, AnyDefinition>(ACTIONS.map((definition) => [definition.type, definition]));

/** The module of an action (or of a spec of that type): its definition, typed for it. */
export function definitionOf<T extends ActionType>(of: { type: T }): ActionDefinition<T, Extract<ActionSpec, { type: T }>, Extract<Action, { type: T }>> {
  // The map is keyed by each definition's own type, so the definition found is the one of `of.type`.
  return BY_TYPE.get(of.type) as unknown as ActionDefinition<T, Extract<ActionSpec, { type: T }>, Extract<Action, { type: T }>>;
}

/** The target of an action as one string, used for cooldowns, deduplication and reports. */
export function targetOf(action: Action): string {
  return definitionOf(action).target(action);
}

/** The channels an action would touch, for the protection check; the first is the one the ledger files it under. */
export function channelsOf(action: Action): string[] {
  return definitionOf(action).channels(action);
}

/** Two actions of one type are the same — for the batch and for the cooldown — only if they would send the same request. */
export function sameActionKey(action: Action): string {
  const detail = definitionOf(action).sameActionDetail(action);
  return detail === '' ? targetOf(action) : `${targetOf(action)}|${detail}`;
}
