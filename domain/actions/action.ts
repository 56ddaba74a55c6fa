/**
 * What an action module declares: everything the guard knows about one action, in one place. The registry
 * (`index.ts`) builds the policy schema, binding, the gate's channel checks, the cooldown, the functions' IAM
 * operations and the act step from these declarations; nothing else switches on `action.type`.
 *
 * @example A module (an action on the event's channel declares less: `on-channel.ts`, as `stop-stream.ts` does)
 * ```ts
 * export const stopStream = defineAction({
 *   type: 'stopStream',
 *   summary: 'Stops the stream on the event\'s channel.',
 *   policy: { byName: true },
 *   bind: (spec, { channelArn }) => (channelArn !== undefined ? { type: 'stopStream', channelArn } : NO_CHANNEL),
 *   target: (action) => action.channelArn,
 *   channels: (action) => [action.channelArn],
 *   operations: ['StopStream'],
 *   functions: ['stream', 'recording'],
 *   run: async (action, { ivs }) => ((await ivs.stopStream(action.channelArn)) === 'stopped' ? 'stream stopped' : 'nothing to stop'),
 *   redelivery: { repeatable: true, once: 'repeat-harmless', why: 'a repeat answers ChannelNotBroadcasting: the goal is met' },
 * });
 * ```
 */
import type * as z from 'zod/mini';
import type { GuardEvent } from '../events/types.ts';
import type { GuardFunction } from '../functions.ts';
import type { IvsOperation } from '../iam-grants.ts';
import type { IvsPort, StagePort } from '../ports.ts';

/** How loud a `notify` is. */
export type Severity = 'info' | 'warning' | 'critical';

/** What binding an action to its target may use: the triggering event and the decision that fired. */
export interface BindContext {
  event: GuardEvent;
  /** The event's channel, when it names one. */
  channelArn: string | undefined;
  policy: string;
  evidence: readonly string[];
}

/** This delivery's claim on the action (#7): what a dead claimant before it noted, and how to note progress. */
export interface Attempt {
  /** Set when this delivery took over the expired lease of a claimant that never finished. */
  takenOver?: { progress?: string } | undefined;
  /** Notes progress on the action's ledger row, for whoever might take over from this delivery (one conditional write). */
  note(progress: string): Promise<void>;
}

/** The ports an action runs against. */
export interface ActPorts {
  ivs: IvsPort;
  stage?: StagePort | undefined;
  /** Absent outside the pipeline (then nothing is noted and nothing was taken over). */
  attempt?: Attempt | undefined;
}

/** How the action is written in a policy's `then`. */
export interface PolicyForm<Spec> {
  /** Whether it can be written by name alone (`stopStream`); the spec is then `{ type }`. */
  byName: boolean;
  /** Its parameters (`{putMetadata: {text: …}}`): a schema of the mapping's value that reads into the spec. */
  parameters?: {
    schema: z.ZodMiniType<Spec, unknown>;
    /** How to write it, shown when it is written by name but needs parameters. */
    howToWrite: string;
  };
}

/**
 * What a second attempt at the same action does (a redelivery, a lost response the SDK retries, a claimant that
 * takes over a dead one's lease). The ledger's row for `eventId#policy#index` reuses a finished outcome; for one
 * that never finished, `once` says how the action stays once:
 * - `repeat-harmless`: doing it again changes nothing (StopStream, DeleteStreamKey, revocation, disconnect);
 * - `find-out`: it asks IVS whether an earlier attempt happened before acting (CreateStreamKey of a rotation);
 * - `at-most-once`: it cannot be asked, so it is never sent twice: `taken` is noted before the call, and an
 *   unconfirmed call is reported `applied, unconfirmed` (PutMetadata).
 */
export interface Redelivery {
  /** Whether running it again is harmless. */
  repeatable: boolean;
  once: 'repeat-harmless' | 'find-out' | 'at-most-once';
  /** What a repeat does, or how the action finds out. */
  why: string;
}

/**
 * One action: `Spec` is the action as a policy writes it, before a target; `Bound` the action bound to its
 * target, ready to be taken.
 */
export interface ActionDefinition<Type extends string = string, Spec extends { type: Type } = { type: Type }, Bound extends { type: Type } = { type: Type }> {
  readonly type: Type;
  /** One sentence for the policy schema and the docs. */
  readonly summary: string;
  readonly policy: PolicyForm<Spec>;
  /** The bound action, or why the event gives it no target. */
  bind(spec: Spec, context: BindContext): Bound | string;
  /** The target as one string, for reports, the ledger and the cooldown. */
  target(action: Bound): string;
  /** The channels the action touches, first the one the ledger files it under; the gate checks each for protection. */
  channels(action: Bound): string[];
  /** The real-time stages the action touches; the gate checks each against `protectedStages`. None when left out. */
  stages?(action: Bound): string[];
  /**
   * The action narrowed to the channels that are not protected, or `undefined` when nothing is left. Without it,
   * an action on any protected channel is left out whole.
   */
  narrow?(action: Bound, isProtected: (channelArn: string) => boolean): Bound | undefined;
  /** What besides the type and target makes two actions "the same" for the batch and the cooldown ('' for nothing). */
  sameActionDetail(action: Bound): string;
  /** Whether the action takes a cooldown and a unit of the hourly budget (audit-only actions do not). */
  readonly reserves: boolean;
  /** The API operations it calls (IAM actions, `ivs:` prefix omitted): the IAM roles are built from these (`iam-grants.ts`). */
  readonly operations: readonly IvsOperation[];
  /** The guard functions that may take it. */
  readonly functions: readonly GuardFunction[];
  /** Takes the action; resolves with a safe summary of what was done, throws a `GuardError` when it could not be done. */
  run(action: Bound, ports: ActPorts): Promise<string>;
  readonly redelivery: Redelivery;
}

/** Declares an action module; the identity function, there so the types of `Spec` and `Bound` are inferred. */
export function defineAction<Type extends string, Spec extends { type: Type }, Bound extends { type: Type }>(
  definition: ActionDefinition<Type, Spec, Bound>,
): ActionDefinition<Type, Spec, Bound> {
  return definition;
}

/** Why a channel action is left unbound. */
export const NO_CHANNEL = 'event names no channel';
