/**
 * The guard's four functions, the actions each may take, and the IVS operations that takes — the facts
 * their IAM roles are checked against (DESIGN §2). An action a function may not take is skipped with
 * that reason, never attempted.
 */
import type { ActionType } from './actions.ts';

export type GuardFunction = 'stream' | 'recording' | 'stage' | 'moderation';

const channelActions: ActionType[] = ['rotateStreamKey', 'deleteStreamKey', 'stopStream', 'putMetadata', 'revokeViewerSessions', 'notify'];

export const FUNCTION_ACTIONS: Record<GuardFunction, ReadonlySet<ActionType>> = {
  stream: new Set(channelActions),
  recording: new Set(channelActions),
  stage: new Set<ActionType>(['disconnectParticipant', 'notify']),
  moderation: new Set<ActionType>(['revokeViewerSessions', 'notify']),
};

/** The API operations (IAM actions, `ivs:` prefix omitted) each action calls. */
export const ACTION_OPERATIONS: Record<ActionType, readonly string[]> = {
  rotateStreamKey: ['ListStreamKeys', 'DeleteStreamKey', 'CreateStreamKey'],
  deleteStreamKey: ['ListStreamKeys', 'DeleteStreamKey'],
  stopStream: ['StopStream'],
  putMetadata: ['PutMetadata'],
  revokeViewerSessions: ['BatchStartViewerSessionRevocation'],
  disconnectParticipant: ['DisconnectParticipant'],
  notify: [],
};

/**
 * What each function reads to decide: enrichment (GetStreamSession, GetParticipant) and channel tags
 * for protected channels (ListTagsForResource).
 */
export const FUNCTION_READS: Record<GuardFunction, readonly string[]> = {
  stream: ['GetStreamSession', 'ListTagsForResource'],
  recording: ['GetStreamSession', 'ListTagsForResource'],
  stage: ['GetParticipant'],
  moderation: ['ListTagsForResource'],
};

/** Every IVS operation a function calls: the exact IVS part of its IAM role. */
export function operationsOf(fn: GuardFunction): string[] {
  const ops = new Set(FUNCTION_READS[fn]);
  for (const action of FUNCTION_ACTIONS[fn]) for (const op of ACTION_OPERATIONS[action]) ops.add(op);
  return [...ops].sort();
}
