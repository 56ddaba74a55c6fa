/**
 * What the guard can do, and what became of it.
 */
import type { ViewerSessionPair } from './events/types.ts';

export const ACTION_TYPES = ['rotateStreamKey', 'deleteStreamKey', 'stopStream', 'revokeViewerSessions', 'putMetadata', 'disconnectParticipant', 'notify'] as const;
export type ActionType = (typeof ACTION_TYPES)[number];

export type Severity = 'info' | 'warning' | 'critical';

/** An action bound to its target, ready to be taken. */
export type Action =
  | { type: 'rotateStreamKey'; channelArn: string }
  | { type: 'deleteStreamKey'; channelArn: string }
  | { type: 'stopStream'; channelArn: string }
  | { type: 'revokeViewerSessions'; viewerSessions: ViewerSessionPair[] }
  | { type: 'putMetadata'; channelArn: string; text: string }
  | { type: 'disconnectParticipant'; stageArn: string; participantId: string; reason?: string }
  | { type: 'notify'; severity: Severity; message: string };

export type ActionStatus = 'applied' | 'planned' | 'skipped' | 'failed';

export interface ActionOutcome {
  type: ActionType;
  /** The ARN acted on (channel, stage/participant); for revocations the channel(s); for notify `audit`. */
  target: string;
  status: ActionStatus;
  /** Why planned, skipped or failed; or a safe summary of what was done. Never a secret. */
  reason?: string;
}

/** The target of an action as one string, used for cooldowns, deduplication and reports. */
export function targetOf(action: Action): string {
  switch (action.type) {
    case 'rotateStreamKey':
    case 'deleteStreamKey':
    case 'stopStream':
    case 'putMetadata':
      return action.channelArn;
    case 'revokeViewerSessions':
      return [...new Set(action.viewerSessions.map((p) => p.channelArn))].sort().join(',');
    case 'disconnectParticipant':
      return `${action.stageArn}#${action.participantId}`;
    case 'notify':
      return 'audit';
  }
}
