/**
 * IVS real-time stage participants: GetParticipant, DisconnectParticipant.
 */
import { notFound } from '../errors.ts';
import type { ParticipantRecord, StageState } from '../types.ts';
import type { EmulatorWorld } from '../world.ts';
import type { OperationHandler } from './types.ts';

function stageOrThrow(world: EmulatorWorld, arn: string): StageState {
  const state = world.stages.get(arn);
  if (!state) throw notFound('Stage', arn);
  return state;
}

/** The participant as GetParticipant returns it: the record without its stage session id. */
function toParticipant(record: ParticipantRecord): Omit<ParticipantRecord, 'sessionId'> {
  const { sessionId: _sessionId, ...participant } = record;
  return participant;
}

const getParticipant: OperationHandler = (world, input) => {
  const { stageArn, sessionId, participantId } = input as { stageArn: string; sessionId: string; participantId: string };
  const participant = stageOrThrow(world, stageArn).participants.find((p) => p.sessionId === sessionId && p.participantId === participantId);
  if (!participant) throw notFound('Participant', `${participantId} in session ${sessionId} of ${stageArn}`);
  return { participant: toParticipant(participant) };
};

/** Disconnects the participant in the stage's active session (or, failing that, its latest one). */
const disconnectParticipant: OperationHandler = (world, input) => {
  const { stageArn, participantId, reason } = input as { stageArn: string; participantId: string; reason?: string };
  const state = stageOrThrow(world, stageArn);
  const matches = state.participants.filter((p) => p.participantId === participantId);
  const participant = matches.find((p) => p.sessionId === state.stage.activeSessionId) ?? matches.at(-1);
  if (!participant) throw notFound('Participant', `${participantId} on ${stageArn}`);
  participant.state = 'DISCONNECTED';
  participant.published = false;
  world.recordAction('DisconnectParticipant', stageArn, { participantId, sessionId: participant.sessionId, ...(reason ? { reason } : {}) });
  return {};
};

export const STAGE_OPERATIONS: Record<string, OperationHandler> = {
  GetParticipant: getParticipant,
  DisconnectParticipant: disconnectParticipant,
};
