import { beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import {
  AccessDeniedException,
  DisconnectParticipantCommand,
  GetParticipantCommand,
  GetStageCommand,
  IVSRealTimeClient,
  ListParticipantEventsCommand,
  ListParticipantsCommand,
  ListTagsForResourceCommand,
  InternalServerException,
  ResourceNotFoundException,
  ValidationException,
} from '@aws-sdk/client-ivs-realtime';
import { stageAdapter } from '../../adapters/stage.ts';
import { quietLogger } from '../quiet-logger.ts';

const stageArn = 'arn:aws:ivs:us-west-2:123456789012:stage/abcdEFGH1234';
const sessionId = 'st-1A2b3c4D5e6F';
const participantId = 'p-123';

const realtime = mockClient(IVSRealTimeClient);
const adapter = () => stageAdapter(new IVSRealTimeClient({ region: 'us-west-2' }));

quietLogger();
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

describe('listParticipantEvents', () => {
  const at = (iso: string) => new Date(iso);

  it('reads every page, 100 events a page, and answers them oldest first with ISO times', async () => {
    realtime
      .on(ListParticipantEventsCommand, { stageArn, sessionId, participantId, maxResults: 100 })
      .resolves({ events: [{ name: 'PUBLISH_ERROR', participantId, eventTime: at('2024-05-01T10:00:30Z'), errorCode: 'BITRATE_EXCEEDED' }], nextToken: 'page-2' })
      .on(ListParticipantEventsCommand, { stageArn, sessionId, participantId, maxResults: 100, nextToken: 'page-2' })
      .resolves({ events: [{ name: 'JOINED', participantId, eventTime: at('2024-05-01T10:00:00Z'), errorCode: undefined }] });

    const events = await adapter().listParticipantEvents(stageArn, sessionId, participantId);

    expect(realtime).toHaveReceivedCommandTimes(ListParticipantEventsCommand, 2);
    expect(realtime).toHaveReceivedNthCommandWith(ListParticipantEventsCommand, 1, { stageArn, sessionId, participantId, maxResults: 100 });
    expect(realtime).toHaveReceivedNthCommandWith(ListParticipantEventsCommand, 2, { stageArn, sessionId, participantId, maxResults: 100, nextToken: 'page-2' });
    expect(events).toStrictEqual([
      { name: 'JOINED', participantId, eventTime: '2024-05-01T10:00:00.000Z' },
      { name: 'PUBLISH_ERROR', participantId, eventTime: '2024-05-01T10:00:30.000Z', errorCode: 'BITRATE_EXCEEDED' },
    ]);
  });

  it('answers no events when the participant is not found', async () => {
    realtime.on(ListParticipantEventsCommand).rejects(new ResourceNotFoundException({ message: 'nf', $metadata: { httpStatusCode: 404 } }));
    await expect(adapter().listParticipantEvents(stageArn, sessionId, participantId)).resolves.toStrictEqual([]);
  });

  it('makes a server fault a transient GuardError naming the operation', async () => {
    realtime.on(ListParticipantEventsCommand).rejects(new InternalServerException({ message: 'oops', $metadata: { httpStatusCode: 500 } }));
    await expect(adapter().listParticipantEvents(stageArn, sessionId, participantId)).rejects.toMatchObject({
      name: 'GuardError',
      errorClass: 'transient',
      message: expect.stringContaining('IVS RealTime ListParticipantEvents failed: InternalServerException'),
    });
  });

  it('gives up, finally, after 20 pages', async () => {
    realtime.on(ListParticipantEventsCommand).resolves({ events: [], nextToken: 'again' });
    await expect(adapter().listParticipantEvents(stageArn, sessionId, participantId)).rejects.toMatchObject({ errorClass: 'final', code: 'TooManyPages' });
    expect(realtime).toHaveReceivedCommandTimes(ListParticipantEventsCommand, 20);
  });
});

describe('listParticipants', () => {
  it('filters by user id (the one filter the API takes a call), reads every page', async () => {
    realtime
      .on(ListParticipantsCommand, { stageArn, sessionId, filterByUserId: 'u-1', maxResults: 100 })
      .resolves({ participants: [{ participantId: 'p-1', userId: 'u-1', state: 'CONNECTED', firstJoinTime: new Date('2024-05-01T10:00:00Z') }], nextToken: 'n' })
      .on(ListParticipantsCommand, { stageArn, sessionId, filterByUserId: 'u-1', maxResults: 100, nextToken: 'n' })
      .resolves({ participants: [{ participantId: 'p-2', userId: 'u-1', state: 'DISCONNECTED', published: true }] });

    const participants = await adapter().listParticipants(stageArn, sessionId, { userId: 'u-1' });

    expect(realtime).toHaveReceivedNthCommandWith(ListParticipantsCommand, 1, { stageArn, sessionId, filterByUserId: 'u-1', maxResults: 100 });
    expect(realtime).toHaveReceivedNthCommandWith(ListParticipantsCommand, 2, { stageArn, sessionId, filterByUserId: 'u-1', maxResults: 100, nextToken: 'n' });
    expect(participants).toStrictEqual([
      { participantId: 'p-1', userId: 'u-1', state: 'CONNECTED', firstJoinTime: '2024-05-01T10:00:00.000Z' },
      { participantId: 'p-2', userId: 'u-1', state: 'DISCONNECTED', published: true },
    ]);
  });

  it('makes a ValidationException a final GuardError', async () => {
    realtime.on(ListParticipantsCommand).rejects(new ValidationException({ message: 'bad', $metadata: { httpStatusCode: 400 } }));
    await expect(adapter().listParticipants(stageArn, sessionId, { userId: 'u-1' })).rejects.toMatchObject({ errorClass: 'final', code: 'ValidationException' });
  });
});

describe('getActiveSessionId', () => {
  it("sends GetStage and answers the stage's active session", async () => {
    realtime.on(GetStageCommand).resolves({ stage: { arn: stageArn, activeSessionId: sessionId } });
    await expect(adapter().getActiveSessionId(stageArn)).resolves.toBe(sessionId);
    expect(realtime).toHaveReceivedCommandExactlyOnceWith(GetStageCommand, { arn: stageArn });
  });

  it('answers undefined for a stage without a session (absent or empty)', async () => {
    realtime.on(GetStageCommand).resolvesOnce({ stage: { arn: stageArn } }).resolvesOnce({ stage: { arn: stageArn, activeSessionId: '' } });
    await expect(adapter().getActiveSessionId(stageArn)).resolves.toBeUndefined();
    await expect(adapter().getActiveSessionId(stageArn)).resolves.toBeUndefined();
  });

  it('makes a stage not found a final GuardError', async () => {
    realtime.on(GetStageCommand).rejects(new ResourceNotFoundException({ message: 'nf', $metadata: { httpStatusCode: 404 } }));
    await expect(adapter().getActiveSessionId(stageArn)).rejects.toMatchObject({ errorClass: 'final', code: 'ResourceNotFoundException' });
  });
});

describe('getStageTags', () => {
  it('sends ListTagsForResource on the stage ARN', async () => {
    realtime.on(ListTagsForResourceCommand).resolves({ tags: { guard: 'off' } });
    await expect(adapter().getStageTags(stageArn)).resolves.toStrictEqual({ guard: 'off' });
    expect(realtime).toHaveReceivedCommandExactlyOnceWith(ListTagsForResourceCommand, { resourceArn: stageArn });
  });
});
