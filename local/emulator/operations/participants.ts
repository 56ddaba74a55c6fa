/**
 * IVS real-time stage participants: GetParticipant, ListParticipants, ListParticipantEvents,
 * DisconnectParticipant. The two list operations model no ResourceNotFoundException: a stage or
 * session the world does not know has no participants and no events.
 */
import { invalid, notFound } from '../errors.ts';
import { addParticipantEvent } from '../stage-world.ts';
import type { ParticipantRecord, StageState } from '../types.ts';
import type { EmulatorWorld } from '../world.ts';
import { paginate } from './pagination.ts';
import type { OperationHandler } from './types.ts';

type PageInput = { maxResults?: number; nextToken?: string };
type SessionInput = { stageArn: string; sessionId: string };

/** The models' default page size for ListParticipants and ListParticipantEvents. */
const DEFAULT_PAGE = 50;

/** The stage, or ResourceNotFoundException as GetParticipant and DisconnectParticipant answer. */
export function stageOrThrow(world: EmulatorWorld, arn: string): StageState {
  const state = world.stages.get(arn);
  if (!state) throw notFound('Stage', arn);
  return state;
}

/** The participant as GetParticipant returns it: the record without its stage session id and events. */
function toParticipant(record: ParticipantRecord): Record<string, unknown> {
  const { sessionId: _sessionId, events: _events, ...participant } = record;
  return participant;
}

/** `ParticipantSummary`: what ListParticipants says of each participant. */
const SUMMARY_MEMBERS = ['participantId', 'userId', 'state', 'firstJoinTime', 'published', 'recordingState', 'replicationType', 'replicationState', 'sourceStageArn', 'sourceSessionId', 'redundantIngest', 'ingestConfigurationArn'] as const;

function toSummary(record: ParticipantRecord): Record<string, unknown> {
  return Object.fromEntries(SUMMARY_MEMBERS.flatMap((member) => (record[member] === undefined ? [] : [[member, record[member]]])));
}

function participantsOf(world: EmulatorWorld, { stageArn, sessionId }: SessionInput): ParticipantRecord[] {
  return world.stages.get(stageArn)?.participants.filter((p) => p.sessionId === sessionId) ?? [];
}

const getParticipant: OperationHandler = (world, input) => {
  const { stageArn, sessionId, participantId } = input as SessionInput & { participantId: string };
  const participant = stageOrThrow(world, stageArn).participants.find((p) => p.sessionId === sessionId && p.participantId === participantId);
  if (!participant) throw notFound('Participant', `${participantId} in session ${sessionId} of ${stageArn}`);
  return { participant: toParticipant(participant) };
};

type ParticipantFilters = { filterByUserId?: string; filterByPublished?: boolean; filterByState?: string; filterByRecordingState?: string };
const FILTERS = ['filterByUserId', 'filterByPublished', 'filterByState', 'filterByRecordingState'] as const;

/** The participants of a session in the order they joined, filtered by at most one filter. */
const listParticipants: OperationHandler = (world, input) => {
  const request = input as SessionInput & ParticipantFilters;
  const given = FILTERS.filter((f) => request[f] !== undefined);
  if (given.length > 1) throw invalid(`Only one of ${FILTERS.join(', ')} can be given per request (got ${given.join(' and ')})`);
  const wanted = participantsOf(world, request).filter(
    (p) =>
      (request.filterByUserId === undefined || p.userId === request.filterByUserId) &&
      (request.filterByPublished === undefined || p.published === request.filterByPublished) &&
      (request.filterByState === undefined || p.state === request.filterByState) &&
      (request.filterByRecordingState === undefined || p.recordingState === request.filterByRecordingState),
  );
  const page = paginate(wanted, input as PageInput, DEFAULT_PAGE);
  return { participants: page.items.map(toSummary), ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
};

/** A participant's events in the session, oldest first. */
const listParticipantEvents: OperationHandler = (world, input) => {
  const request = input as SessionInput & { participantId: string };
  const participant = participantsOf(world, request).find((p) => p.participantId === request.participantId);
  const page = paginate(participant?.events ?? [], input as PageInput, DEFAULT_PAGE);
  return { events: page.items, ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
};

/**
 * Disconnects the participant in the stage's active session (or, failing that, its latest one): it is
 * DISCONNECTED from now on, with a LEFT event. `published` stays: it says whether it ever published.
 */
const disconnectParticipant: OperationHandler = (world, input) => {
  const { stageArn, participantId, reason } = input as { stageArn: string; participantId: string; reason?: string };
  const state = stageOrThrow(world, stageArn);
  const matches = state.participants.filter((p) => p.participantId === participantId);
  const participant = matches.find((p) => p.sessionId === state.stage.activeSessionId) ?? matches.at(-1);
  if (!participant) throw notFound('Participant', `${participantId} on ${stageArn}`);
  if (participant.state === 'CONNECTED') addParticipantEvent(participant, { name: 'LEFT', participantId, eventTime: world.now() });
  participant.state = 'DISCONNECTED';
  world.recordAction('DisconnectParticipant', stageArn, { participantId, sessionId: participant.sessionId, ...(reason ? { reason } : {}) });
  return {};
};

export const PARTICIPANT_OPERATIONS: Record<string, OperationHandler> = {
  GetParticipant: getParticipant,
  ListParticipants: listParticipants,
  ListParticipantEvents: listParticipantEvents,
  DisconnectParticipant: disconnectParticipant,
};
