/** `disconnectParticipant {reason?}`: ivs-realtime DisconnectParticipant for the stage participant the event names. */
import { z } from 'zod';
import { finalError, GuardError } from '../errors.ts';
import { IVS_LIMITS } from '../limits.ts';
import { closedObject } from '../policy/schema-parts.ts';
import { defineAction } from './action.ts';

/** As a policy writes it: by name, or with the reason the participant is given. */
export interface DisconnectParticipantSpec {
  type: 'disconnectParticipant';
  reason?: string | undefined;
}

const parameters = closedObject(
  {
    reason: z
      .string()
      .max(IVS_LIMITS.disconnectReasonMaxLength, { error: `must be at most ${IVS_LIMITS.disconnectReasonMaxLength} characters` })
      .optional(),
  },
  'disconnectParticipant {reason?}',
).transform((given): DisconnectParticipantSpec => ({ type: 'disconnectParticipant', ...given }));

export const disconnectParticipant = defineAction({
  type: 'disconnectParticipant',
  summary: 'Disconnects the stage participant the event names.',
  policy: { byName: true, parameters: { schema: parameters, howToWrite: '{ disconnectParticipant: { reason: "…" } }' } },
  bind(spec: DisconnectParticipantSpec, { event }) {
    if ((event.kind !== 'stage-update' && event.kind !== 'participant-recording') || event.participantId === undefined) return 'event names no stage participant';
    return {
      type: 'disconnectParticipant' as const,
      stageArn: event.stageArn,
      participantId: event.participantId,
      ...(spec.reason !== undefined && { reason: spec.reason }),
    };
  },
  target: (action) => `${action.stageArn}#${action.participantId}`,
  channels: () => [],
  sameActionDetail: () => '',
  reserves: true,
  operations: ['DisconnectParticipant'],
  functions: ['stage'],
  async run(action, { stage }) {
    if (!stage) throw finalError('this function has no IVS real-time client: it cannot disconnect participants', 'NotPermitted');
    try {
      await stage.disconnectParticipant(action.stageArn, action.participantId, action.reason);
    } catch (error) {
      // Already disconnected (by an earlier attempt whose answer was lost, or otherwise): the goal is met.
      if (error instanceof GuardError && error.code === 'ResourceNotFoundException') return `participant ${action.participantId} already disconnected`;
      throw error;
    }
    return `participant ${action.participantId} disconnected`;
  },
  redelivery: { repeatable: true, once: 'repeat-harmless', why: 'a participant already gone cannot be disconnected twice: not found counts as done' },
});
