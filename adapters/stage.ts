/**
 * `StagePort` over the AWS SDK IVS real-time client.
 */
import { DisconnectParticipantCommand, GetParticipantCommand, type IVSRealTimeClient } from '@aws-sdk/client-ivs-realtime';
import { IVS_LIMITS } from '../domain/limits.ts';
import type { StagePort } from '../domain/ports.ts';
import type { Participant } from '../domain/session.ts';
import { errorCodeOf, guarded, toGuardError } from './aws-errors.ts';
import { isoDates } from './iso-dates.ts';
import { logger } from './observability.ts';

/** DisconnectParticipant's `reason` has a maximum length (API model); a longer one is cut, not refused. */
const MAX_REASON_LENGTH = IVS_LIMITS.disconnectReasonMaxLength;

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

/** The stage adapter: GetParticipant (not found → `undefined`, dates as ISO strings) and DisconnectParticipant. */
export function stageAdapter(client: IVSRealTimeClient): StagePort {
  return {
    getParticipant: (stageArn, sessionId, participantId) => getParticipant(client, stageArn, sessionId, participantId),
    disconnectParticipant: (stageArn, participantId, reason) => disconnectParticipant(client, stageArn, participantId, reason),
  };
}
