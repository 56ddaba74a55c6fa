/**
 * `disconnectParticipant {reason?}`: ivs-realtime DisconnectParticipant for the stage participant a stage event
 * names, or for what the application's `Participant Disconnect Requested` names: its participants, or every
 * participant of its user connected to the stage session (ListParticipants by user id; the active session, from
 * GetStage, unless the request names one).
 */
import * as z from 'zod/mini';
import { transformed } from '../zod.ts';
import { DETAIL_TYPES } from '../events/types.ts';
import { finalError, GuardError } from '../errors.ts';
import { IVS_LIMITS } from '../limits.ts';
import type { StagePort } from '../ports.ts';
import { closedObject } from '../policy/schema-parts.ts';
import { defineAction } from './action.ts';

/** As a policy writes it: by name, or with the reason the participant is given. */
export interface DisconnectParticipantSpec {
  type: 'disconnectParticipant';
  reason?: string | undefined;
}

/** Bound: the participants by id (a stage event's one, or a request's), or a request's user. */
export type DisconnectParticipantAction = { type: 'disconnectParticipant'; stageArn: string; reason?: string } & (
  | { participantId: string }
  | { participantIds: string[] }
  | { userId: string; sessionId?: string }
);

const parameters = transformed(
  closedObject(
    {
      reason: z.optional(z.string().check(z.maxLength(IVS_LIMITS.disconnectReasonMaxLength, { error: `must be at most ${IVS_LIMITS.disconnectReasonMaxLength} characters` }))),
    },
    'disconnectParticipant {reason?}',
  ),
  (given): DisconnectParticipantSpec => ({ type: 'disconnectParticipant', ...given }),
);

export const disconnectParticipant = defineAction({
  type: 'disconnectParticipant',
  summary: `Disconnects the stage participant the event names (or, for a ${DETAIL_TYPES.disconnectRequest}, the participants or the user it names).`,
  policy: { byName: true, parameters: { schema: parameters, howToWrite: '{ disconnectParticipant: { reason: "…" } }' } },
  bind(spec: DisconnectParticipantSpec, { event }): DisconnectParticipantAction | string {
    if (event.kind === 'disconnect-request') {
      // The request's own reason says more than the policy's.
      const reason = event.reason ?? spec.reason;
      const base = { type: 'disconnectParticipant' as const, stageArn: event.stageArn, ...(reason !== undefined && { reason }) };
      if (event.participantIds !== undefined) return { ...base, participantIds: [...event.participantIds] };
      if (event.userId !== undefined) return { ...base, userId: event.userId, ...(event.sessionId !== undefined && { sessionId: event.sessionId }) };
      return 'the request names no participant and no user';
    }
    if ((event.kind !== 'stage-update' && event.kind !== 'participant-recording') || event.participantId === undefined) return 'event names no stage participant';
    return { type: 'disconnectParticipant' as const, stageArn: event.stageArn, participantId: event.participantId, ...(spec.reason !== undefined && { reason: spec.reason }) };
  },
  target: (action) => `${action.stageArn}#${whom(action)}`,
  channels: () => [],
  stages: (action) => [action.stageArn],
  sameActionDetail: () => '',
  reserves: true,
  // A request by user id also reads ListParticipants and GetStage: reads of the moderation function (functions.ts).
  operations: ['DisconnectParticipant'],
  functions: ['stage', 'moderation'],
  async run(action, { stage }) {
    if (!stage) throw finalError('this function has no IVS real-time client: it cannot disconnect participants', 'NotPermitted');
    if ('participantId' in action) return (await disconnectEach(stage, action.stageArn, [action.participantId], action.reason)).summary;
    if ('participantIds' in action) return (await disconnectEach(stage, action.stageArn, action.participantIds, action.reason)).summary;
    const sessionId = action.sessionId ?? (await stage.getActiveSessionId(action.stageArn));
    if (sessionId === undefined) return `user ${action.userId}: the stage has no active session, no participant to disconnect`;
    const connected = (await stage.listParticipants(action.stageArn, sessionId, { userId: action.userId }))
      .filter((participant) => participant.state === 'CONNECTED' && participant.participantId !== undefined)
      .map((participant) => participant.participantId ?? '');
    if (connected.length === 0) return `user ${action.userId}: no participant connected in session ${sessionId}`;
    return `user ${action.userId}: ${(await disconnectEach(stage, action.stageArn, connected, action.reason)).summary}`;
  },
  redelivery: {
    repeatable: true,
    once: 'repeat-harmless',
    why: 'a participant already gone cannot be disconnected twice: not found counts as done; a user is looked up again and only its connected participants are disconnected',
  },
});

/** Who the action is about, for its target: the participant(s), or `user/<id>`. */
function whom(action: DisconnectParticipantAction): string {
  if ('participantId' in action) return action.participantId;
  if ('participantIds' in action) return action.participantIds.join(',');
  return `user/${action.userId}`;
}

/**
 * DisconnectParticipant for each, in order. Already disconnected (by an earlier attempt whose answer was lost, or
 * otherwise) counts as done. A transient failure fails the whole action, so SQS retries it: the ones done answer
 * not found the second time.
 */
async function disconnectEach(stage: StagePort, stageArn: string, participantIds: readonly string[], reason: string | undefined): Promise<{ summary: string }> {
  const gone: string[] = [];
  const done: string[] = [];
  for (const participantId of participantIds) {
    try {
      await stage.disconnectParticipant(stageArn, participantId, reason);
      done.push(participantId);
    } catch (error) {
      if (error instanceof GuardError && error.code === 'ResourceNotFoundException') gone.push(participantId);
      else throw error;
    }
  }
  const one = participantIds.length === 1;
  if (one) return { summary: `participant ${participantIds[0] ?? ''} ${done.length === 1 ? 'disconnected' : 'already disconnected'}` };
  const participants = (n: number) => `${n} participant${n === 1 ? '' : 's'}`;
  const parts = [done.length > 0 && `disconnected ${participants(done.length)} (${done.join(', ')})`, gone.length > 0 && `${gone.length} already disconnected (${gone.join(', ')})`];
  return { summary: parts.filter(Boolean).join('; ') };
}
