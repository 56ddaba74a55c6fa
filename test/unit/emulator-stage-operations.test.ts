/**
 * The real-time stage operations over what a world holds: ListParticipants (its filters, one at a
 * time, and pages), ListParticipantEvents, DisconnectParticipant and what the reads say after it,
 * GetStage, ListStages, GetStageSession, ListStageSessions; and their documented quotas.
 */
import { describe, expect, it } from 'vitest';
import { IVS_QUOTAS_TPS } from '../../domain/limits.ts';
import type { EmulatorWorld } from '../../local/emulator/index.ts';
import { createWorld, loadWorldFile, OPERATION_TPS } from '../../local/emulator/index.ts';
import { OPERATIONS } from '../../local/emulator/operations/index.ts';
import { QuotaGate } from '../../local/emulator/quota.ts';

const STAGE = 'arn:aws:ivs:us-west-2:123456789012:stage/TownHall0001';
const OTHER_STAGE = 'arn:aws:ivs:us-west-2:123456789012:stage/QuietRoom001';
const SESSION = 'st-TownHallSess1';
const PAST = 'st-TownHallPast1';
const NOW = '2026-11-20T20:00:00.000Z';

function world(): EmulatorWorld {
  const file = loadWorldFile({
    stages: [
      {
        arn: STAGE,
        name: 'town-hall',
        tags: { team: 'events' },
        stageSessions: [
          { sessionId: PAST, startTime: '2026-11-19T18:00:00Z', endTime: '2026-11-19T19:00:00Z' },
          { sessionId: SESSION, startTime: '2026-11-20T18:00:00Z' },
        ],
        participants: [
          { sessionId: SESSION, participantId: 'host0001', userId: 'host-1', published: true, recordingState: 'ACTIVE', firstJoinTime: '2026-11-20T18:00:00Z', attributes: { role: 'host' }, protocol: 'WHIP' },
          { sessionId: SESSION, participantId: 'guest002', userId: 'guest-2', firstJoinTime: '2026-11-20T18:01:00Z' },
          { sessionId: SESSION, participantId: 'guest003', userId: 'guest-2', state: 'DISCONNECTED', firstJoinTime: '2026-11-20T18:02:00Z' },
          {
            sessionId: PAST,
            participantId: 'past0001',
            userId: 'host-1',
            published: true,
            firstJoinTime: '2026-11-19T18:00:00Z',
            events: [
              { name: 'JOINED', eventTime: '2026-11-19T18:00:00Z' },
              { name: 'PUBLISH_ERROR', eventTime: '2026-11-19T18:00:01Z', errorCode: 'BITRATE_EXCEEDED' },
              { name: 'PUBLISH_ERROR', eventTime: '2026-11-19T18:00:02Z', errorCode: 'BITRATE_EXCEEDED' },
              { name: 'PUBLISH_STARTED', eventTime: '2026-11-19T18:00:03Z' },
              { name: 'SUBSCRIBE_STARTED', eventTime: '2026-11-19T18:00:04Z', remoteParticipantId: 'someone01' },
            ],
          },
        ],
      },
      { arn: OTHER_STAGE },
    ],
  });
  return createWorld(file, { clock: () => new Date(NOW) });
}

/** The answer as it goes on the wire (JSON), or `{ error, message }` for what the operation throws. */
function ask(w: EmulatorWorld, operation: string, input: Record<string, unknown> = {}): Record<string, unknown> {
  const handler = OPERATIONS['ivs-realtime'][operation];
  if (!handler) throw new Error(`no operation ${operation}`);
  try {
    return JSON.parse(JSON.stringify(handler(w, input) ?? {})) as Record<string, unknown>;
  } catch (error) {
    return { error: (error as Error).name, message: (error as Error).message };
  }
}

const ids = (answer: Record<string, unknown>) => (answer.participants as { participantId: string }[]).map((p) => p.participantId);
const names = (answer: Record<string, unknown>) => (answer.events as { name: string }[]).map((e) => e.name);

describe('ListParticipants', () => {
  it.each<[string, Record<string, unknown>, string[]]>([
    ['every participant of the session, in the order they joined', {}, ['host0001', 'guest002', 'guest003']],
    ['filterByUserId', { filterByUserId: 'guest-2' }, ['guest002', 'guest003']],
    ['filterByPublished true', { filterByPublished: true }, ['host0001']],
    ['filterByPublished false', { filterByPublished: false }, ['guest002', 'guest003']],
    ['filterByState DISCONNECTED', { filterByState: 'DISCONNECTED' }, ['guest003']],
    ['filterByRecordingState ACTIVE', { filterByRecordingState: 'ACTIVE' }, ['host0001']],
    ['a user id nobody has', { filterByUserId: 'nobody' }, []],
    ['another session of the stage', { sessionId: PAST }, ['past0001']],
    ['a stage the world does not know (the model has no ResourceNotFound for it)', { stageArn: 'arn:aws:ivs:us-west-2:123456789012:stage/NoSuchStage1' }, []],
  ])('%s', (_, input, expected) => {
    expect(ids(ask(world(), 'ListParticipants', { stageArn: STAGE, sessionId: SESSION, ...input }))).toEqual(expected);
  });

  it('answers each participant as ParticipantSummary: no attributes, client details or session id', () => {
    const [host] = ask(world(), 'ListParticipants', { stageArn: STAGE, sessionId: SESSION }).participants as Record<string, unknown>[];
    expect(host).toEqual({ participantId: 'host0001', userId: 'host-1', state: 'CONNECTED', firstJoinTime: '2026-11-20T18:00:00.000Z', published: true, recordingState: 'ACTIVE' });
  });

  it('refuses two filters in one request, naming both', () => {
    expect(ask(world(), 'ListParticipants', { stageArn: STAGE, sessionId: SESSION, filterByUserId: 'host-1', filterByState: 'CONNECTED' })).toEqual({
      error: 'ValidationException',
      message: 'Only one of filterByUserId, filterByPublished, filterByState, filterByRecordingState can be given per request (got filterByUserId and filterByState)',
    });
  });

  it('pages with maxResults and nextToken, to the end', () => {
    const w = world();
    const first = ask(w, 'ListParticipants', { stageArn: STAGE, sessionId: SESSION, maxResults: 2 });
    expect(ids(first)).toEqual(['host0001', 'guest002']);
    const second = ask(w, 'ListParticipants', { stageArn: STAGE, sessionId: SESSION, maxResults: 2, nextToken: first.nextToken });
    expect(second).toEqual({ participants: [expect.objectContaining({ participantId: 'guest003' })] });
  });
});

describe('ListParticipantEvents', () => {
  it("answers a participant's events, oldest first, with their error codes and remote participants", () => {
    const { events } = ask(world(), 'ListParticipantEvents', { stageArn: STAGE, sessionId: PAST, participantId: 'past0001' });
    expect(events).toEqual([
      { name: 'JOINED', participantId: 'past0001', eventTime: '2026-11-19T18:00:00.000Z' },
      { name: 'PUBLISH_ERROR', participantId: 'past0001', eventTime: '2026-11-19T18:00:01.000Z', errorCode: 'BITRATE_EXCEEDED' },
      { name: 'PUBLISH_ERROR', participantId: 'past0001', eventTime: '2026-11-19T18:00:02.000Z', errorCode: 'BITRATE_EXCEEDED' },
      { name: 'PUBLISH_STARTED', participantId: 'past0001', eventTime: '2026-11-19T18:00:03.000Z' },
      { name: 'SUBSCRIBE_STARTED', participantId: 'past0001', eventTime: '2026-11-19T18:00:04.000Z', remoteParticipantId: 'someone01' },
    ]);
  });

  it('pages with maxResults and nextToken', () => {
    const w = world();
    const first = ask(w, 'ListParticipantEvents', { stageArn: STAGE, sessionId: PAST, participantId: 'past0001', maxResults: 3 });
    expect(names(first)).toEqual(['JOINED', 'PUBLISH_ERROR', 'PUBLISH_ERROR']);
    expect(names(ask(w, 'ListParticipantEvents', { stageArn: STAGE, sessionId: PAST, participantId: 'past0001', maxResults: 3, nextToken: first.nextToken }))).toEqual(['PUBLISH_STARTED', 'SUBSCRIBE_STARTED']);
  });

  it.each([
    ['a participant of another session', { sessionId: SESSION, participantId: 'past0001' }],
    ['a participant the world does not know', { sessionId: PAST, participantId: 'nobody01' }],
  ])('answers no events for %s (the model has no ResourceNotFound for it)', (_, input) => {
    expect(ask(world(), 'ListParticipantEvents', { stageArn: STAGE, ...input })).toEqual({ events: [] });
  });

  it('refuses a nextToken it did not give', () => {
    expect(ask(world(), 'ListParticipantEvents', { stageArn: STAGE, sessionId: PAST, participantId: 'past0001', nextToken: 'bm90IG1pbmU=' })).toMatchObject({ error: 'ValidationException' });
  });
});

describe('DisconnectParticipant', () => {
  it('makes the participant DISCONNECTED with a LEFT event now, and every read says so', () => {
    const w = world();
    expect(ask(w, 'DisconnectParticipant', { stageArn: STAGE, participantId: 'host0001', reason: 'policy' })).toEqual({});

    expect(ask(w, 'GetParticipant', { stageArn: STAGE, sessionId: SESSION, participantId: 'host0001' }).participant).toMatchObject({ state: 'DISCONNECTED', published: true, attributes: { role: 'host' } });
    expect(names(ask(w, 'ListParticipantEvents', { stageArn: STAGE, sessionId: SESSION, participantId: 'host0001' }))).toEqual(['JOINED', 'PUBLISH_STARTED', 'LEFT']);
    expect((ask(w, 'ListParticipantEvents', { stageArn: STAGE, sessionId: SESSION, participantId: 'host0001' }).events as { eventTime: string }[]).at(-1)?.eventTime).toBe(NOW);
    expect(ids(ask(w, 'ListParticipants', { stageArn: STAGE, sessionId: SESSION, filterByState: 'DISCONNECTED' }))).toEqual(['host0001', 'guest003']);
    expect(w.actions).toEqual([{ operation: 'DisconnectParticipant', target: STAGE, time: NOW, detail: { participantId: 'host0001', sessionId: SESSION, reason: 'policy' } }]);
  });

  it('adds no second LEFT when the participant has already left', () => {
    const w = world();
    ask(w, 'DisconnectParticipant', { stageArn: STAGE, participantId: 'guest003' });
    expect(names(ask(w, 'ListParticipantEvents', { stageArn: STAGE, sessionId: SESSION, participantId: 'guest003' }))).toEqual(['JOINED', 'LEFT']);
  });

  it.each([
    ['an unknown stage', { stageArn: 'arn:aws:ivs:us-west-2:123456789012:stage/NoSuchStage1', participantId: 'host0001' }, 'Stage not found: arn:aws:ivs:us-west-2:123456789012:stage/NoSuchStage1'],
    ['an unknown participant', { stageArn: STAGE, participantId: 'nobody01' }, `Participant not found: nobody01 on ${STAGE}`],
  ])('answers ResourceNotFoundException for %s', (_, input, message) => {
    expect(ask(world(), 'DisconnectParticipant', input)).toEqual({ error: 'ResourceNotFoundException', message });
  });
});

describe('stages and stage sessions', () => {
  it('GetStage answers the stage as the world holds it, with its active session and endpoints', () => {
    expect(ask(world(), 'GetStage', { arn: STAGE }).stage).toEqual({
      arn: STAGE,
      name: 'town-hall',
      activeSessionId: SESSION,
      tags: { team: 'events' },
      endpoints: expect.objectContaining({ events: 'wss://global.events.live-video.net' }) as unknown,
    });
  });

  it('ListStages answers StageSummary: arn, name, activeSessionId, tags', () => {
    expect(ask(world(), 'ListStages')).toEqual({
      stages: [
        { arn: STAGE, name: 'town-hall', activeSessionId: SESSION, tags: { team: 'events' } },
        { arn: OTHER_STAGE, name: 'QuietRoom001', tags: {} },
      ],
    });
  });

  it('GetStageSession answers a session that ended with its endTime, and one that goes on without', () => {
    expect(ask(world(), 'GetStageSession', { stageArn: STAGE, sessionId: PAST })).toEqual({ stageSession: { sessionId: PAST, startTime: '2026-11-19T18:00:00.000Z', endTime: '2026-11-19T19:00:00.000Z' } });
    expect(ask(world(), 'GetStageSession', { stageArn: STAGE, sessionId: SESSION })).toEqual({ stageSession: { sessionId: SESSION, startTime: '2026-11-20T18:00:00.000Z' } });
  });

  it('ListStageSessions answers the most recent first, and pages', () => {
    const w = world();
    const first = ask(w, 'ListStageSessions', { stageArn: STAGE, maxResults: 1 });
    expect(first.stageSessions).toEqual([{ sessionId: SESSION, startTime: '2026-11-20T18:00:00.000Z' }]);
    expect(ask(w, 'ListStageSessions', { stageArn: STAGE, maxResults: 1, nextToken: first.nextToken })).toEqual({ stageSessions: [expect.objectContaining({ sessionId: PAST })] });
    expect(ask(w, 'ListStageSessions', { stageArn: OTHER_STAGE })).toEqual({ stageSessions: [] });
  });

  it.each([
    ['GetStage of an unknown stage', 'GetStage', { arn: 'arn:aws:ivs:us-west-2:123456789012:stage/NoSuchStage1' }, 'Stage not found: arn:aws:ivs:us-west-2:123456789012:stage/NoSuchStage1'],
    ['GetStageSession of an unknown session', 'GetStageSession', { stageArn: STAGE, sessionId: 'st-NoSuchSession' }, `Stage session not found: st-NoSuchSession of ${STAGE}`],
  ])('%s answers ResourceNotFoundException naming it', (_, operation, input, message) => {
    expect(ask(world(), operation, input)).toEqual({ error: 'ResourceNotFoundException', message });
  });
});

describe('quotas of the stage operations', () => {
  const STAGE_OPERATIONS = ['GetParticipant', 'DisconnectParticipant', 'ListParticipants', 'ListParticipantEvents', 'GetStage', 'ListStages', 'GetStageSession', 'ListStageSessions'] as const;

  it.each(STAGE_OPERATIONS)('%s is held to its documented 5 TPS', (operation) => {
    expect(OPERATION_TPS[operation]).toBe(IVS_QUOTAS_TPS[operation]);
    expect(IVS_QUOTAS_TPS[operation]).toBe(5);
    const gate = new QuotaGate(1, () => 0);
    const answers = Array.from({ length: 6 }, () => gate.take(operation));
    expect(answers).toEqual([true, true, true, true, true, false]);
  });
});
