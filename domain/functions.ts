/**
 * The guard's four functions and the actions each may take — the same split as their IAM roles
 * (DESIGN §2). An action a function may not take is skipped with that reason, never attempted.
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
