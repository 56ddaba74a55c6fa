import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { AccessDeniedException, DisconnectParticipantCommand, GetParticipantCommand, IVSRealTimeClient, ResourceNotFoundException } from '@aws-sdk/client-ivs-realtime';
import { stageAdapter } from '../../adapters/stage.ts';
import { logger } from '../../adapters/observability.ts';

const stageArn = 'arn:aws:ivs:us-west-2:123456789012:stage/abcdEFGH1234';
const sessionId = 'st-1A2b3c4D5e6F';
const participantId = 'p-123';

const realtime = mockClient(IVSRealTimeClient);
const adapter = () => stageAdapter(new IVSRealTimeClient({ region: 'us-west-2' }));

let level: ReturnType<typeof logger.getLevelName>;
beforeAll(() => {
  level = logger.getLevelName();
  logger.setLogLevel('SILENT');
});
afterAll(() => logger.setLogLevel(level));
beforeEach(() => realtime.reset());

describe('getParticipant', () => {
  it('sends GetParticipant and returns the participant with ISO dates', async () => {
    realtime.on(GetParticipantCommand).resolves({
      participant: { participantId, userId: 'u-1', state: 'CONNECTED', firstJoinTime: new Date('2024-05-01T10:00:00Z'), attributes: { role: 'host' }, published: true, osName: undefined },
    });

    const participant = await adapter().getParticipant(stageArn, sessionId, participantId);

    expect(realtime).toHaveReceivedCommandExactlyOnceWith(GetParticipantCommand, { stageArn, sessionId, participantId });
    expect(participant).toStrictEqual({ participantId, userId: 'u-1', state: 'CONNECTED', firstJoinTime: '2024-05-01T10:00:00.000Z', attributes: { role: 'host' }, published: true });
  });

  it('answers undefined when the participant is not found', async () => {
    realtime.on(GetParticipantCommand).rejects(new ResourceNotFoundException({ message: 'nf', $metadata: { httpStatusCode: 404 } }));
    await expect(adapter().getParticipant(stageArn, sessionId, participantId)).resolves.toBeUndefined();
  });
});

describe('disconnectParticipant', () => {
  it('sends DisconnectParticipant with the reason', async () => {
    realtime.on(DisconnectParticipantCommand).resolves({});
    await adapter().disconnectParticipant(stageArn, participantId, 'policy: no-bots');
    expect(realtime).toHaveReceivedCommandExactlyOnceWith(DisconnectParticipantCommand, { stageArn, participantId, reason: 'policy: no-bots' });
  });

  it('sends no reason key when none is given, and cuts a long one to the 128 characters the API takes', async () => {
    realtime.on(DisconnectParticipantCommand).resolves({});
    await adapter().disconnectParticipant(stageArn, participantId);
    await adapter().disconnectParticipant(stageArn, participantId, 'r'.repeat(300));
    const inputs = realtime.commandCalls(DisconnectParticipantCommand).map((call) => call.args[0].input);
    expect(inputs[0]).toStrictEqual({ stageArn, participantId });
    expect(inputs[1]?.reason).toHaveLength(128);
  });

  it('makes AccessDenied a final GuardError', async () => {
    realtime.on(DisconnectParticipantCommand).rejects(new AccessDeniedException({ message: 'no', $metadata: { httpStatusCode: 403 } }));
    await expect(adapter().disconnectParticipant(stageArn, participantId)).rejects.toMatchObject({ name: 'GuardError', errorClass: 'final', code: 'AccessDeniedException' });
  });
});
