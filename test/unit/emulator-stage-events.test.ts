/**
 * Stages in world files (their sessions, their participants' events) and how a stage follows the
 * replayed real-time events: each Stage Update adds the ListParticipantEvents event it stands for.
 */
import { describe, expect, it } from 'vitest';
import type { EmulatorWorld, ParticipantEvent, WorldFile, WorldStage } from '../../local/emulator/index.ts';
import { applyIvsEvent, createWorld, loadWorldFile, snapshotWorld, WorldFileError } from '../../local/emulator/index.ts';

const STAGE = 'arn:aws:ivs:us-west-2:123456789012:stage/abcdABCDefgh';
const SESSION = 'st-a1b2c3d4e5f6g';
const LATER_SESSION = 'st-z9y8x7w6v5u4t';
const LOADED_AT = '2026-11-20T21:00:00.000Z';

/** `2026-11-20T19:00:00Z` plus `seconds`, as the API writes it. */
const at = (seconds: number) => new Date(Date.parse('2026-11-20T19:00:00Z') + seconds * 1000).toISOString();

function seeded(stage: Omit<WorldStage, 'arn'>): EmulatorWorld {
  return createWorld(loadWorldFile({ stages: [{ arn: STAGE, ...stage }] }), { clock: () => new Date(LOADED_AT) });
}

/** The issues a world is refused for, as `path: message`. */
function refusal(world: WorldFile): string[] {
  try {
    loadWorldFile(world);
  } catch (error) {
    if (error instanceof WorldFileError) return error.issues.map((i) => `${i.path}: ${i.message}`);
    throw error;
  }
  throw new Error('the world was accepted');
}

const event = (name: string, seconds: number, extra: Partial<ParticipantEvent> = {}, participantId = 'hostPart0001'): ParticipantEvent => ({ name, participantId, eventTime: at(seconds), ...extra });

describe('stages in world files', () => {
  it('keeps the events a participant is given, oldest first, with its own participantId', () => {
    const world = seeded({
      participants: [
        {
          sessionId: SESSION,
          participantId: 'hostPart0001',
          firstJoinTime: at(0),
          events: [
            { name: 'PUBLISH_ERROR', eventTime: at(5), errorCode: 'BITRATE_EXCEEDED' },
            { name: 'JOINED', eventTime: at(0) },
            { name: 'PUBLISH_STARTED', eventTime: at(9), participantId: 'hostPart0001' },
          ],
        },
      ],
    });
    expect(world.stages.get(STAGE)?.participants[0]?.events).toEqual([event('JOINED', 0), event('PUBLISH_ERROR', 5, { errorCode: 'BITRATE_EXCEEDED' }), event('PUBLISH_STARTED', 9)]);
  });

  it.each<[string, Record<string, unknown>, string[]]>([
    ['a connected participant', { published: false }, ['JOINED']],
    ['a participant that published', { published: true }, ['JOINED', 'PUBLISH_STARTED']],
    ['a participant that left', { published: true, state: 'DISCONNECTED' }, ['JOINED', 'PUBLISH_STARTED', 'LEFT']],
  ])('gives %s without events the history its fields imply, at its first join', (_, fields, names) => {
    const world = seeded({ participants: [{ sessionId: SESSION, participantId: 'hostPart0001', firstJoinTime: at(0), ...fields }] });
    expect(world.stages.get(STAGE)?.participants[0]?.events).toEqual(names.map((name) => event(name, 0)));
  });

  it('takes a participant first join from its JOINED event when the world does not give one', () => {
    const world = seeded({ participants: [{ sessionId: SESSION, participantId: 'hostPart0001', events: [{ name: 'JOINED', eventTime: at(3) }] }] });
    expect(world.stages.get(STAGE)?.participants[0]?.firstJoinTime).toBe(at(3));
  });

  it('keeps the sessions a stage declares, and the one that goes on is the active one', () => {
    const world = seeded({
      stageSessions: [
        { sessionId: LATER_SESSION, startTime: at(100) },
        { sessionId: SESSION, startTime: at(0), endTime: at(50) },
      ],
    });
    expect(world.stages.get(STAGE)?.sessions).toEqual([
      { sessionId: SESSION, startTime: at(0), endTime: at(50) },
      { sessionId: LATER_SESSION, startTime: at(100) },
    ]);
    expect(world.stages.get(STAGE)?.stage.activeSessionId).toBe(LATER_SESSION);
  });

  it('without declared sessions, the participants imply them: the earlier ended when the later began', () => {
    const world = seeded({
      participants: [
        { sessionId: SESSION, participantId: 'oldPart00001', firstJoinTime: at(0), events: [{ name: 'JOINED', eventTime: at(0) }, { name: 'LEFT', eventTime: at(40) }] },
        { sessionId: LATER_SESSION, participantId: 'newPart00001', firstJoinTime: at(60) },
      ],
    });
    expect(world.stages.get(STAGE)?.sessions).toEqual([
      { sessionId: SESSION, startTime: at(0), endTime: at(40) },
      { sessionId: LATER_SESSION, startTime: at(60) },
    ]);
    expect(world.stages.get(STAGE)?.stage.activeSessionId).toBe(LATER_SESSION);
  });

  it('names a stage after its ARN and gives it the endpoints IVS gives every stage', () => {
    const { stage } = seeded({}).stages.get(STAGE)!;
    expect(stage).toMatchObject({ arn: STAGE, name: 'abcdABCDefgh', tags: {}, endpoints: { events: 'wss://global.events.live-video.net', whip: expect.stringMatching(/^https:\/\/[a-z0-9]+\.global-bm\.whip\.live-video\.net$/) as string } });
  });

  const stage = (fields: Omit<WorldStage, 'arn'>): WorldFile => ({ stages: [{ arn: STAGE, ...fields }] });
  it.each<[string, WorldFile, string]>([
    ['two sessions going on', stage({ stageSessions: [{ sessionId: SESSION, startTime: at(0) }, { sessionId: LATER_SESSION, startTime: at(9) }] }), 'stages[0].stageSessions: at most one session can go on (no endTime); sessions 0, 1 do'],
    ['a session going on before a later one', stage({ stageSessions: [{ sessionId: SESSION, startTime: at(0) }, { sessionId: LATER_SESSION, startTime: at(9), endTime: at(20) }] }), 'stages[0].stageSessions[0].endTime: is needed: session 1 started later, and only the most recent session can go on'],
    ['a session that ends before it starts', stage({ stageSessions: [{ sessionId: SESSION, startTime: at(9), endTime: at(0) }] }), `stages[0].stageSessions[0].endTime: is before startTime ${at(9)}`],
    ['a session declared twice', stage({ stageSessions: [{ sessionId: SESSION, startTime: at(0), endTime: at(1) }, { sessionId: SESSION, startTime: at(2) }] }), `stages[0].stageSessions[1].sessionId: stage session ${STAGE} ${SESSION} is already declared at stages[0].stageSessions[0].sessionId`],
    ['an active session that has ended', stage({ activeSessionId: SESSION, stageSessions: [{ sessionId: SESSION, startTime: at(0), endTime: at(1) }] }), 'stages[0].activeSessionId: must be the stage session without an endTime: every declared session has ended'],
    ['a participant in an undeclared session', stage({ stageSessions: [{ sessionId: SESSION, startTime: at(0) }], participants: [{ sessionId: LATER_SESSION, participantId: 'p1' }] }), `stages[0].participants[0].sessionId: is ${LATER_SESSION}, which stageSessions does not declare (declared: ${SESSION})`],
    ['a participant without a session when none goes on', stage({ stageSessions: [{ sessionId: SESSION, startTime: at(0), endTime: at(1) }], participants: [{ participantId: 'p1' }] }), `stages[0].participants[0].sessionId: is needed: no declared session goes on (declared: ${SESSION})`],
    ['a session without a start', stage({ stageSessions: [{ sessionId: SESSION } as never] }), 'stages[0].stageSessions[0].startTime: is required'],
    ['an event without a time', stage({ participants: [{ participantId: 'p1', events: [{ name: 'JOINED' } as never] }] }), 'stages[0].participants[0].events[0].eventTime: is required'],
    ['an event the model does not name', stage({ participants: [{ participantId: 'p1', events: [{ name: 'WAVED', eventTime: at(0) }] }] }), 'stages[0].participants[0].events[0].name: must be one of JOINED, LEFT, PUBLISH_STARTED'],
    ['an error code the model does not name', stage({ participants: [{ participantId: 'p1', events: [{ name: 'PUBLISH_ERROR', eventTime: at(0), errorCode: 'TOO_LOUD' }] }] }), 'stages[0].participants[0].events[0].errorCode: must be one of INSUFFICIENT_CAPABILITIES'],
    ['another participant\'s event', stage({ participants: [{ participantId: 'p1', events: [{ name: 'JOINED', eventTime: at(0), participantId: 'p2' }] }] }), "stages[0].participants[0].events[0].participantId: must be the participant's own id p1 (or be left out)"],
    ['a misspelt event field', stage({ participants: [{ participantId: 'p1', events: [{ name: 'JOINED', eventTime: at(0), errorcode: 'X' } as never] }] }), "stages[0].participants[0].events[0].errorcode: is not a field of ParticipantEvent: did you mean 'errorCode'?"],
  ])('refuses %s, naming the path', (_, world, message) => {
    expect(refusal(world)).toEqual([expect.stringContaining(message) as string]);
  });
});

/** A raw `IVS Stage Update` (or another stage detail-type) for the test's participant. */
function stageEvent(name: string, seconds: number, detail: Record<string, unknown> = {}, detailType = 'IVS Stage Update') {
  const time = at(seconds);
  return {
    id: `${name} ${seconds} ${JSON.stringify(detail)}`,
    'detail-type': detailType,
    source: 'aws.ivs',
    time,
    resources: [STAGE],
    detail: { event_name: name, session_id: SESSION, participant_id: 'hostPart0001', user_id: 'host-1', event_time: time, ...detail },
  };
}

function followed(...events: unknown[]): EmulatorWorld {
  const world = createWorld();
  for (const e of events) applyIvsEvent(world, e);
  return world;
}

const participant = (world: EmulatorWorld, participantId = 'hostPart0001') => world.stages.get(STAGE)?.participants.find((p) => p.participantId === participantId);

describe('the world follows stage events', () => {
  it.each<[string, ReturnType<typeof stageEvent>, ParticipantEvent]>([
    ['Participant Published', stageEvent('Participant Published', 5), event('PUBLISH_STARTED', 5)],
    ['Participant Unpublished', stageEvent('Participant Unpublished', 5), event('PUBLISH_STOPPED', 5)],
    ['Participant Publish Error, with its error code', stageEvent('Participant Publish Error', 5, { error_code: 'INSUFFICIENT_CAPABILITIES' }), event('PUBLISH_ERROR', 5, { errorCode: 'INSUFFICIENT_CAPABILITIES' })],
    ['Participant Publish Error, with a code the model does not name (left out)', stageEvent('Participant Publish Error', 5, { error_code: 'SOMETHING_NEW' }), event('PUBLISH_ERROR', 5)],
    [
      'Participant Replication Started, with its destination',
      stageEvent('Participant Replication Started', 5, { destination_stage_arn: 'arn:aws:ivs:us-west-2:123456789012:stage/OtherStage01', destination_session_id: 'st-OtherSession1' }),
      event('REPLICATION_STARTED', 5, { destinationStageArn: 'arn:aws:ivs:us-west-2:123456789012:stage/OtherStage01', destinationSessionId: 'st-OtherSession1' }),
    ],
    ['Participant Replication Ended', stageEvent('Participant Replication Ended', 5), event('REPLICATION_STOPPED', 5)],
    ['Token Exchanged', stageEvent('Token Exchanged', 5), event('TOKEN_EXCHANGED', 5)],
  ])('%s: the participant joined then, and the event is its history', (_, raw, expected) => {
    const world = followed(raw);
    expect(participant(world)?.events).toEqual([event('JOINED', 5), expected]);
    expect(participant(world)).toMatchObject({ state: 'CONNECTED', firstJoinTime: at(5), userId: 'host-1' });
  });

  it('Participant Published makes it published, and unpublishing or a publish error does not undo it', () => {
    const world = followed(stageEvent('Participant Published', 1), stageEvent('Participant Unpublished', 2), stageEvent('Participant Publish Error', 3, { error_code: 'BITRATE_EXCEEDED' }));
    expect(participant(world)?.published).toBe(true);
    expect(followed(stageEvent('Participant Publish Error', 3, { error_code: 'BITRATE_EXCEEDED' })).stages.get(STAGE)?.participants[0]?.published).toBe(false);
  });

  it('a recording state change moves the recording state and adds no event', () => {
    const world = followed(stageEvent('Participant Published', 1), stageEvent('Recording Start', 2, { recording_s3_bucket_name: 'rec-bucket' }, 'IVS Participant Recording State Change'));
    expect(participant(world)).toMatchObject({ recordingState: 'ACTIVE', recordingS3BucketName: 'rec-bucket' });
    expect(participant(world)?.events.map((e) => e.name)).toEqual(['JOINED', 'PUBLISH_STARTED']);
  });

  it('keeps events in time order whatever order they arrive in, and an earlier one moves the join back', () => {
    const world = followed(stageEvent('Participant Unpublished', 9), stageEvent('Participant Published', 4));
    expect(participant(world)?.events).toEqual([event('JOINED', 4), event('PUBLISH_STARTED', 4), event('PUBLISH_STOPPED', 9)]);
    expect(participant(world)?.firstJoinTime).toBe(at(4));
  });

  it('adds the same event once, under another event id too', () => {
    const again = { ...stageEvent('Participant Publish Error', 3, { error_code: 'BITRATE_EXCEEDED' }), id: 'another-id' };
    const world = followed(stageEvent('Participant Publish Error', 3, { error_code: 'BITRATE_EXCEEDED' }), again, stageEvent('Participant Publish Error', 3, { error_code: 'RESOLUTION_EXCEEDED' }));
    expect(participant(world)?.events.map((e) => e.errorCode ?? e.name)).toEqual(['JOINED', 'BITRATE_EXCEEDED', 'RESOLUTION_EXCEEDED']);
  });

  it('says when it happened with the detail\'s event_time, not when EventBridge sent it', () => {
    const late = { ...stageEvent('Participant Published', 2), time: at(3600) };
    expect(participant(followed(late))?.events.at(-1)?.eventTime).toBe(at(2));
  });

  it('opens the session an event names, and a later session ends the one before', () => {
    const world = followed(stageEvent('Participant Published', 1), stageEvent('Participant Published', 60, { session_id: LATER_SESSION, participant_id: 'newPart00001' }));
    expect(world.stages.get(STAGE)?.sessions).toEqual([
      { sessionId: SESSION, startTime: at(1), endTime: at(60) },
      { sessionId: LATER_SESSION, startTime: at(60) },
    ]);
    expect(world.stages.get(STAGE)?.stage.activeSessionId).toBe(LATER_SESSION);
  });

  it('a late event of an earlier session changes only the past: the active session stays', () => {
    const world = followed(stageEvent('Participant Published', 60, { session_id: LATER_SESSION }), stageEvent('Participant Published', 1, { participant_id: 'oldPart00001' }));
    expect(world.stages.get(STAGE)?.sessions).toEqual([
      { sessionId: SESSION, startTime: at(1), endTime: at(60) },
      { sessionId: LATER_SESSION, startTime: at(60) },
    ]);
    expect(world.stages.get(STAGE)?.stage.activeSessionId).toBe(LATER_SESSION);
  });

  it('a disconnected participant stays disconnected when it is said to publish again', () => {
    const world = seeded({ participants: [{ sessionId: SESSION, participantId: 'hostPart0001', state: 'DISCONNECTED', firstJoinTime: at(0) }] });
    applyIvsEvent(world, stageEvent('Participant Published', 30));
    expect(participant(world)).toMatchObject({ state: 'DISCONNECTED', published: true });
    expect(participant(world)?.events.map((e) => e.name)).toEqual(['JOINED', 'LEFT', 'PUBLISH_STARTED']);
  });
});

describe('a stage saved and loaded again', () => {
  it('keeps the active session a world names without participants in it', () => {
    const world = seeded({ activeSessionId: SESSION });
    expect(world.stages.get(STAGE)?.sessions).toEqual([{ sessionId: SESSION, startTime: LOADED_AT }]);
    const left: string[] = [];
    const again = createWorld(loadWorldFile(JSON.parse(JSON.stringify(snapshotWorld(world, (what) => left.push(what))))));
    expect(left).toEqual([]);
    expect(again.stages.get(STAGE)?.stage.activeSessionId).toBe(SESSION);
  });
});
