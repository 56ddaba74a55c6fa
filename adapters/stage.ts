/**
 * `StagePort` over the AWS SDK IVS real-time client. Every call goes through the container's pacer (the client is
 * built paced, `clients.ts`); the list operations read every page, at most `MAX_PAGES`.
 */
import {
  DisconnectParticipantCommand,
  GetParticipantCommand,
  GetStageCommand,
  ListParticipantEventsCommand,
  ListParticipantsCommand,
  ListTagsForResourceCommand,
  type IVSRealTimeClient,
} from '@aws-sdk/client-ivs-realtime';
import { finalError, GuardError } from '../domain/errors.ts';
import { IVS_LIMITS } from '../domain/limits.ts';
import type { StagePort } from '../domain/ports.ts';
import type { Participant, ParticipantEvent, ParticipantSummary } from '../domain/session.ts';
import { errorCodeOf, guarded, toGuardError } from './aws-errors.ts';
import { isoDates } from './iso-dates.ts';
import { logger } from './observability.ts';

/** DisconnectParticipant's `reason` has a maximum length (API model); a longer one is cut, not refused. */
const MAX_REASON_LENGTH = IVS_LIMITS.disconnectReasonMaxLength;

/** Pages read of one list before the guard gives up: 20 pages of 100 is more than one decision should read. */
const MAX_PAGES = 20;

async function getParticipant(client: IVSRealTimeClient, stageArn: string, sessionId: string, participantId: string): Promise<Participant | undefined> {
  try {
    const { participant } = await client.send(new GetParticipantCommand({ stageArn, sessionId, participantId }));
    return participant === undefined ? undefined : isoDates(participant);
  } catch (error) {
    if (errorCodeOf(error) === 'ResourceNotFoundException') return undefined;
    throw toGuardError(error, 'IVS RealTime GetParticipant');
  }
}

async function disconnectParticipant(client: IVSRealTimeClient, stageArn: string, participantId: string, reason?: string): Promise<void> {
  const input = reason === undefined ? { stageArn, participantId } : { stageArn, participantId, reason: [...reason].slice(0, MAX_REASON_LENGTH).join('') };
  await guarded('IVS RealTime DisconnectParticipant', () => client.send(new DisconnectParticipantCommand(input)));
  logger.info('Participant disconnected', { stageArn, participantId });
}

/** Every page of a list operation: `fetch` answers one page's items and the next token. */
async function allPages<T>(operation: string, fetch: (nextToken: string | undefined) => Promise<{ items: T[] | undefined; nextToken?: string | undefined }>): Promise<T[]> {
  const items: T[] = [];
  let nextToken: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const output = await guarded(`IVS RealTime ${operation}`, () => fetch(nextToken));
    items.push(...(output.items ?? []));
    nextToken = output.nextToken;
    if (!nextToken) return items;
  }
  throw finalError(`IVS RealTime ${operation}: more than ${MAX_PAGES} pages`, 'TooManyPages');
}

/** The participant's events, oldest first (the API gives no order; events without a time keep theirs, last). */
async function listParticipantEvents(client: IVSRealTimeClient, stageArn: string, sessionId: string, participantId: string): Promise<ParticipantEvent[]> {
  const maxResults = IVS_LIMITS.participantEventsPerPage;
  try {
    const events = await allPages('ListParticipantEvents', async (nextToken) => {
      const output = await client.send(new ListParticipantEventsCommand({ stageArn, sessionId, participantId, maxResults, ...(nextToken !== undefined && { nextToken }) }));
      return { items: output.events, nextToken: output.nextToken };
    });
    const iso: ParticipantEvent[] = events.map((event) => isoDates(event));
    const at = (event: ParticipantEvent) => (event.eventTime === undefined ? Infinity : Date.parse(event.eventTime));
    return iso.sort((a, b) => at(a) - at(b));
  } catch (error) {
    if (error instanceof GuardError && error.code === 'ResourceNotFoundException') return [];
    throw error;
  }
}

async function listParticipants(client: IVSRealTimeClient, stageArn: string, sessionId: string, userId: string): Promise<ParticipantSummary[]> {
  const maxResults = IVS_LIMITS.participantsPerPage;
  const participants = await allPages('ListParticipants', async (nextToken) => {
    const output = await client.send(new ListParticipantsCommand({ stageArn, sessionId, filterByUserId: userId, maxResults, ...(nextToken !== undefined && { nextToken }) }));
    return { items: output.participants, nextToken: output.nextToken };
  });
  return participants.map((participant) => isoDates(participant));
}

async function getActiveSessionId(client: IVSRealTimeClient, stageArn: string): Promise<string | undefined> {
  const { stage } = await guarded('IVS RealTime GetStage', () => client.send(new GetStageCommand({ arn: stageArn })));
  return stage?.activeSessionId || undefined;
}

/**
 * The stage adapter: GetParticipant (not found → `undefined`, dates as ISO strings), DisconnectParticipant,
 * ListParticipantEvents (every page, oldest first), ListParticipants by user id, GetStage's active session, and the
 * stage's tags (ListTagsForResource).
 */
export function stageAdapter(client: IVSRealTimeClient): StagePort {
  return {
    getParticipant: (stageArn, sessionId, participantId) => getParticipant(client, stageArn, sessionId, participantId),
    disconnectParticipant: (stageArn, participantId, reason) => disconnectParticipant(client, stageArn, participantId, reason),
    listParticipantEvents: (stageArn, sessionId, participantId) => listParticipantEvents(client, stageArn, sessionId, participantId),
    listParticipants: (stageArn, sessionId, { userId }) => listParticipants(client, stageArn, sessionId, userId),
    getActiveSessionId: (stageArn) => getActiveSessionId(client, stageArn),
    getStageTags: async (stageArn) => {
      const { tags } = await guarded('IVS RealTime ListTagsForResource', () => client.send(new ListTagsForResourceCommand({ resourceArn: stageArn })));
      return tags ?? {};
    },
  };
}
