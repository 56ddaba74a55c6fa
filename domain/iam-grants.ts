/**
 * The IVS part of each function's IAM role, derived from what the function calls (`functions.ts` `operationsOf`):
 * the resource kind IAM authorizes each IVS operation on, in one table. `npm run permissions`
 * (scripts/generate-permissions.ts) writes these grants into `events/permissions.json`, which the deploy config
 * builds the roles from; a unit test fails when the committed file differs.
 *
 * A function that starts calling an operation (an action's `operations`, or `FUNCTION_READS`) gets its grant by
 * regenerating; an operation this table does not know fails the generator, naming it.
 *
 * @example
 * ```ts
 * ivsGrants(['StopStream', 'CreateStreamKey'], 'stream');
 * // [{ actions: ['ivs:CreateStreamKey', 'ivs:StopStream'], resource: 'ivs-channel' },
 * //  { actions: ['ivs:CreateStreamKey'], resource: 'ivs-stream-key' }]
 * ```
 */
import { GUARD_FUNCTIONS, operationsOf } from './functions.ts';
import type { GuardFunction } from './functions.ts';

/** The IVS resource kinds of `events/permissions.json` (`channel/*`, `stream-key/*`, `stage/*` of the account and region). */
export type IvsResourceKind = 'ivs-channel' | 'ivs-stream-key' | 'ivs-stage';

/** The kinds in the order a role lists their grants. */
const KINDS: readonly IvsResourceKind[] = ['ivs-channel', 'ivs-stream-key', 'ivs-stage'];

/** Marks an operation IAM authorizes on any taggable resource: granted on the resources the function reads tags of. */
const TAGGED = 'resources-whose-tags-it-reads';

/**
 * The resource kinds IAM authorizes each IVS operation on (IAM Service Authorization Reference, Amazon IVS; the
 * IVS real-time operations share the `ivs:` prefix and act on stages).
 */
export const OPERATION_RESOURCES = {
  // IVS low-latency: a channel and its stream keys.
  GetChannel: ['ivs-channel'],
  GetStreamSession: ['ivs-channel'],
  StopStream: ['ivs-channel'],
  PutMetadata: ['ivs-channel'],
  ListStreamKeys: ['ivs-channel'],
  BatchStartViewerSessionRevocation: ['ivs-channel'],
  // The reference lists stream-key (the key being created) as its resource type; the request names a channel, so
  // both are granted. Drop the channel once a live rotation has shown it is not needed.
  CreateStreamKey: ['ivs-channel', 'ivs-stream-key'],
  DeleteStreamKey: ['ivs-stream-key'],
  // IVS real-time: a stage and its participants.
  GetStage: ['ivs-stage'],
  GetParticipant: ['ivs-stage'],
  ListParticipants: ['ivs-stage'],
  ListParticipantEvents: ['ivs-stage'],
  DisconnectParticipant: ['ivs-stage'],
  // One IAM action for every taggable resource.
  ListTagsForResource: TAGGED,
} as const satisfies Record<string, readonly IvsResourceKind[] | typeof TAGGED>;

/** An IVS operation the guard may call (its IAM action without the `ivs:` prefix). */
export type IvsOperation = keyof typeof OPERATION_RESOURCES;

/**
 * The resources whose tags each function reads (ListTagsForResource), for protected channels and stages: the
 * channel functions their channels, the stage function its stages, the moderation function both (it revokes viewer
 * sessions on channels and disconnects stage participants).
 */
export const TAGS_READ_ON: Record<GuardFunction, readonly IvsResourceKind[]> = {
  stream: ['ivs-channel'],
  recording: ['ivs-channel'],
  stage: ['ivs-stage'],
  moderation: ['ivs-channel', 'ivs-stage'],
};

/** One statement of a role: these IAM actions on the resources of one kind. */
export interface IvsGrant {
  actions: string[];
  resource: IvsResourceKind;
}

function isKnown(operation: string): operation is IvsOperation {
  return Object.hasOwn(OPERATION_RESOURCES, operation);
}

/** The resource kinds `fn` needs `operation` on; throws, naming it, for an operation the table does not know. */
export function resourcesOf(operation: string, fn: GuardFunction): readonly IvsResourceKind[] {
  if (!isKnown(operation)) {
    throw new Error(`IVS operation "${operation}" has no resource kind: add it to OPERATION_RESOURCES in domain/iam-grants.ts`);
  }
  const kinds = OPERATION_RESOURCES[operation];
  return kinds === TAGGED ? TAGS_READ_ON[fn] : kinds;
}

/** The grants that let `fn` call `operations`: one statement a resource kind, its actions sorted. */
export function ivsGrants(operations: readonly string[], fn: GuardFunction): IvsGrant[] {
  const byKind = new Map<IvsResourceKind, Set<string>>();
  for (const operation of operations) {
    for (const kind of resourcesOf(operation, fn)) byKind.set(kind, (byKind.get(kind) ?? new Set()).add(`ivs:${operation}`));
  }
  return KINDS.filter((kind) => byKind.has(kind)).map((kind) => ({ actions: [...(byKind.get(kind) ?? [])].sort(), resource: kind }));
}

/** Every function's IVS grants, from the operations it calls, in the order the deploy config lists the functions. */
export function functionGrants(): Record<GuardFunction, IvsGrant[]> {
  return Object.fromEntries(GUARD_FUNCTIONS.map((fn) => [fn, ivsGrants(operationsOf(fn), fn)])) as Record<GuardFunction, IvsGrant[]>;
}
