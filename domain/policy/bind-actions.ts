/**
 * Binding a policy's `then` to the targets its triggering event names: the channel for key, stream and metadata
 * actions; the request's pairs (or the listed viewers on the event's channel) for revocations; the stage and
 * participant for a disconnection. An action the event gives no target for is left unbound, with the reason.
 */
import type { Action } from '../actions.ts';
import type { Decision } from '../decision.ts';
import { channelOf, DETAIL_TYPES } from '../events/types.ts';
import type { GuardEvent } from '../events/types.ts';
import type { ActionSpec } from './action-schema.ts';

/** The actions of one decision, bound, and those that could not be. */
export interface BoundActions {
  actions: Action[];
  unbound: Decision['unbound'];
}

/** Binds `specs` in order. `notify` carries the policy's name and evidence as its message. */
export function bindActions(specs: readonly ActionSpec[], event: GuardEvent, decided: { policy: string; evidence: readonly string[] }): BoundActions {
  const bound: BoundActions = { actions: [], unbound: [] };
  for (const spec of specs) {
    const result = bind(spec, event, decided);
    if (typeof result === 'string') bound.unbound.push({ type: spec.type, reason: result });
    else bound.actions.push(result);
  }
  return bound;
}

const NO_CHANNEL = 'event names no channel';

/** The bound action, or why it cannot be bound. */
function bind(spec: ActionSpec, event: GuardEvent, decided: { policy: string; evidence: readonly string[] }): Action | string {
  const channelArn = channelOf(event);
  switch (spec.type) {
    case 'rotateStreamKey':
    case 'deleteStreamKey':
    case 'stopStream':
      return channelArn !== undefined ? { type: spec.type, channelArn } : NO_CHANNEL;
    case 'putMetadata':
      return channelArn !== undefined ? { type: 'putMetadata', channelArn, text: spec.text } : NO_CHANNEL;
    case 'revokeViewerSessions':
      if (spec.viewers !== undefined) {
        if (channelArn === undefined) return NO_CHANNEL;
        const viewerSessions = spec.viewers.map((viewer) => ({
          channelArn,
          viewerId: viewer.viewerId,
          viewerSessionVersionsLessThanOrEqualTo: viewer.version ?? spec.version ?? 0,
        }));
        return { type: 'revokeViewerSessions', viewerSessions };
      }
      if (event.kind !== 'revocation-request') return `event carries no viewer sessions (only a ${DETAIL_TYPES.revocationRequest} event does)`;
      if (event.viewerSessions.length === 0) return 'the request names no viewer sessions';
      return { type: 'revokeViewerSessions', viewerSessions: event.viewerSessions.map((pair) => ({ ...pair })) };
    case 'disconnectParticipant':
      if ((event.kind !== 'stage-update' && event.kind !== 'participant-recording') || event.participantId === undefined) return 'event names no stage participant';
      return { type: 'disconnectParticipant', stageArn: event.stageArn, participantId: event.participantId, ...(spec.reason !== undefined && { reason: spec.reason }) };
    case 'notify':
      return { type: 'notify', severity: spec.severity, message: `${decided.policy}: ${decided.evidence.join('; ')}` };
  }
}
