/**
 * `aws ivs-realtime ...` (the AWS CLI v1 on the machine, botocore's parsers) against the emulator on the
 * conformance world: participants, their events, a disconnect and what the reads say after it, stages
 * and stage sessions, and errors as the CLI reports them.
 */
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../local/emulator/index.ts';
import { startEmulator } from '../../local/emulator/index.ts';
import type { CliRun } from './aws-cli.ts';
import { awsCli } from './aws-cli.ts';

const STAGE = 'arn:aws:ivs:us-west-2:123456789012:stage/TownHall0001';
const SESSION = 'st-TownHallSess1';
const IN_SESSION = ['--stage-arn', STAGE, '--session-id', SESSION];

let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator({ world: resolve('events/worlds/conformance.yml'), clock: () => new Date('2026-11-20T20:00:00Z') });
});

afterAll(async () => {
  await emulator.stop();
});

async function realtime(...args: string[]): Promise<CliRun> {
  return awsCli(emulator.url, 'ivs-realtime', ...args);
}

/** The JSON a command printed, after checking it succeeded without a word on stderr. */
async function ok<T>(...args: string[]): Promise<T> {
  const run = await realtime(...args);
  expect({ args, code: run.code, stderr: run.stderr }).toEqual({ args, code: 0, stderr: '' });
  return JSON.parse(run.stdout) as T;
}

type Participants = { participants: { participantId: string; state: string }[] };
type Events = { events: { name: string; errorCode?: string; eventTime: string }[] };

// Each run of the CLI starts a Python interpreter: seconds on a loaded machine.
describe('aws ivs-realtime against the emulator', { timeout: 90_000 }, () => {
  it('get-participant reads the participant as the world declares it', async () => {
    const { participant } = await ok<{ participant: Record<string, unknown> }>('get-participant', ...IN_SESSION, '--participant-id', 'HostParticipant1');
    expect(participant).toMatchObject({ participantId: 'HostParticipant1', userId: 'host-1', state: 'CONNECTED', published: true, attributes: { role: 'host' }, recordingState: 'ACTIVE' });
  });

  it('list-participants filters, and pages with --max-results and --next-token', async () => {
    const published = await ok<Participants>('list-participants', ...IN_SESSION, '--filter-by-published');
    expect(published.participants.map((p) => p.participantId)).toEqual(['HostParticipant1']);
    const byUser = await ok<Participants>('list-participants', ...IN_SESSION, '--filter-by-user-id', 'guest-2');
    expect(byUser.participants.map((p) => p.participantId)).toEqual(['GuestParticipnt2']);

    // botocore has no paginator for ListParticipants: the CLI passes the token as given.
    const first = await ok<Participants & { nextToken: string }>('list-participants', ...IN_SESSION, '--max-results', '1');
    expect(first.participants.map((p) => p.participantId)).toEqual(['HostParticipant1']);
    const second = await ok<Participants & { nextToken?: string }>('list-participants', ...IN_SESSION, '--max-results', '1', '--next-token', first.nextToken);
    expect(second).toEqual({ participants: [expect.objectContaining({ participantId: 'GuestParticipnt2' })] });
  });

  it('list-participant-events reads the history the world gives, with its error codes', async () => {
    const { events } = await ok<Events>('list-participant-events', ...IN_SESSION, '--participant-id', 'HostParticipant1');
    expect(events.map((e) => [e.name, e.errorCode])).toEqual([
      ['JOINED', undefined],
      ['PUBLISH_ERROR', 'BITRATE_EXCEEDED'],
      ['PUBLISH_STARTED', undefined],
      ['SUBSCRIBE_STARTED', undefined],
    ]);
  });

  it('disconnect-participant, then get-participant shows it DISCONNECTED and list-participant-events ends with LEFT', async () => {
    const disconnected = await realtime('disconnect-participant', '--stage-arn', STAGE, '--participant-id', 'GuestParticipnt2', '--reason', 'your token does not allow publishing');
    expect(disconnected).toMatchObject({ code: 0, stderr: '' });

    const { participant } = await ok<{ participant: { state: string } }>('get-participant', ...IN_SESSION, '--participant-id', 'GuestParticipnt2');
    expect(participant.state).toBe('DISCONNECTED');
    const { events } = await ok<Events>('list-participant-events', ...IN_SESSION, '--participant-id', 'GuestParticipnt2');
    expect(events.map((e) => e.name)).toEqual(['JOINED', 'LEFT']);
    expect(String(events.at(-1)?.eventTime)).toMatch(/^2026-11-20T20:00:00(\.000)?(Z|\+00:00)$/);
    expect(emulator.world.actions.filter((a) => a.operation === 'DisconnectParticipant').map((a) => a.detail)).toEqual([
      { participantId: 'GuestParticipnt2', sessionId: SESSION, reason: 'your token does not allow publishing' },
    ]);
  });

  it('get-stage, list-stages, get-stage-session and list-stage-sessions read the stage and its sessions', async () => {
    const { stage } = await ok<{ stage: Record<string, unknown> }>('get-stage', '--arn', STAGE);
    expect(stage).toMatchObject({ arn: STAGE, name: 'town-hall', activeSessionId: SESSION, tags: { team: 'events' } });
    expect((await ok<{ stages: { arn: string }[] }>('list-stages')).stages.map((s) => s.arn)).toEqual([STAGE]);
    const { stageSession } = await ok<{ stageSession: Record<string, unknown> }>('get-stage-session', '--stage-arn', STAGE, '--session-id', 'st-TownHallPast1');
    expect(Object.keys(stageSession).sort()).toEqual(['endTime', 'sessionId', 'startTime']);
    const sessions = await ok<{ stageSessions: { sessionId: string }[] }>('list-stage-sessions', '--stage-arn', STAGE);
    expect(sessions.stageSessions.map((s) => s.sessionId)).toEqual([SESSION, 'st-TownHallPast1']);
  });

  it.each([
    [
      'list-participants with two filters',
      ['list-participants', ...IN_SESSION, '--filter-by-user-id', 'host-1', '--filter-by-state', 'CONNECTED'],
      'An error occurred (ValidationException) when calling the ListParticipants operation: Only one of filterByUserId, filterByPublished, filterByState, filterByRecordingState can be given per request (got filterByUserId and filterByState)',
    ],
    [
      'get-stage-session of an unknown session',
      ['get-stage-session', '--stage-arn', STAGE, '--session-id', 'st-NoSuchSession'],
      `An error occurred (ResourceNotFoundException) when calling the GetStageSession operation: Stage session not found: st-NoSuchSession of ${STAGE}`,
    ],
    [
      'disconnect-participant of an unknown participant',
      ['disconnect-participant', '--stage-arn', STAGE, '--participant-id', 'NoSuchOne'],
      `An error occurred (ResourceNotFoundException) when calling the DisconnectParticipant operation: Participant not found: NoSuchOne on ${STAGE}`,
    ],
  ])('%s fails as the CLI reports service errors, with the message', async (_, args, said) => {
    const run = await realtime(...args);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(said);
  });
});
