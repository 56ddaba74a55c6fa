/**
 * The real-time contracts (#8.2, #14.5): every documented event name of IVS Stage Update, IVS Participant Recording
 * State Change, IVS Composition State Change and IVS Publisher Recording State Change parses from its sample, and
 * the documented detail fields arrive typed, not only in `raw`.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMPOSITION_NAMES, PARTICIPANT_RECORDING_NAMES, PUBLISHER_RECORDING_NAMES, STAGE_UPDATE_NAMES, formatRejections, parseGuardEvent } from '../../domain/events/index.ts';
import type { GuardEvent, Rejection } from '../../domain/events/index.ts';
import { evaluate, loadPolicyDocument } from '../../domain/policy/index.ts';

/** A sample as parsed JSON: tests edit it freely, and the parser is what checks its shape. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type SampleJson = any;

const sample = (path: string): SampleJson => JSON.parse(readFileSync(new URL(`../../events/samples/${path}.json`, import.meta.url), 'utf8'));
const STAGE = 'arn:aws:ivs:us-west-2:123456789012:stage/abcdABCDefgh';
const DESTINATION_STAGE = 'arn:aws:ivs:us-west-2:123456789012:stage/wxyzWXYZijkl';
const COMPOSITION = 'arn:aws:ivs:us-west-2:123456789012:composition/Xy7kLmN3pQ2r';
const PARTICIPANT = { stageArn: STAGE, sessionId: 'st-a1b2c3d4e5f6g', participantId: 'abCDEf12GHIj' };

function accepted(raw: unknown): GuardEvent {
  const result = parseGuardEvent(raw);
  if (!result.ok) expect.fail(`rejected: ${formatRejections(result.rejections)}`);
  return result.event;
}

function rejected(raw: unknown): Rejection[] {
  const result = parseGuardEvent(raw);
  if (result.ok) expect.fail(`accepted a ${result.event.kind} event`);
  return result.rejections;
}

describe('IVS Stage Update', () => {
  it.each<[string, string, Record<string, unknown>]>([
    ['Participant Published', 'stage/participant-published', { ...PARTICIPANT, userId: 'host-1', eventTime: '2026-11-20T18:00:12Z' }],
    ['Participant Unpublished', 'stage/participant-unpublished', { ...PARTICIPANT, userId: 'host-1', eventTime: '2026-11-20T18:55:40Z' }],
    ['Participant Publish Error', 'stage/participant-publish-error', { ...PARTICIPANT, eventTime: '2026-11-20T18:00:09Z', errorCode: 'INSUFFICIENT_CAPABILITIES' }],
    ['Participant Replication Started', 'stage/participant-replication-started', { ...PARTICIPANT, destinationStageArn: DESTINATION_STAGE, destinationSessionId: 'st-Mn4pQr7sTu9vWx1' }],
    ['Participant Replication Ended', 'stage/participant-replication-ended', { ...PARTICIPANT, destinationStageArn: DESTINATION_STAGE, destinationSessionId: 'st-Mn4pQr7sTu9vWx1' }],
    ['Token Exchanged', 'stage/token-exchanged', { ...PARTICIPANT, userId: 'host-1' }],
  ])('%s parses with its documented fields typed', (name, file, fields) => {
    const event = accepted(sample(file));
    expect(event).toMatchObject({ kind: 'stage-update', detailType: 'IVS Stage Update', name, ...fields });
  });

  it('has a sample for every documented name', () => {
    expect([...STAGE_UPDATE_NAMES].sort()).toEqual(['Participant Publish Error', 'Participant Published', 'Participant Replication Ended', 'Participant Replication Started', 'Participant Unpublished', 'Token Exchanged']);
  });

  it('leaves out what an event does not carry', () => {
    const event = accepted(sample('stage/participant-published'));
    for (const absent of ['errorCode', 'destinationStageArn', 'destinationSessionId', 'notes']) expect(event).not.toHaveProperty(absent);
  });

  it.each<[string, (event: SampleJson) => void, string, string | RegExp]>([
    ['a destination stage that is a channel', (e) => (e.detail.destination_stage_arn = 'arn:aws:ivs:us-west-2:123456789012:channel/abcdABCDefgh'), 'detail.destination_stage_arn', /^must be a stage ARN like arn:aws:ivs:<region>:<account>:stage\/<id>; got /],
    ['an event_time that is not a time', (e) => (e.detail.event_time = 'yesterday'), 'detail.event_time', "must be an ISO 8601 time like 2026-11-20T19:42:10Z; got 'yesterday'"],
    ['a participant id DisconnectParticipant would refuse', (e) => (e.detail.participant_id = 'abc/../def'), 'detail.participant_id', "must be a participant id: at most 64 letters, digits or '-'; got 'abc/../def'"],
    ['a participant id longer than the API allows', (e) => (e.detail.participant_id = 'p'.repeat(65)), 'detail.participant_id', /^must be a participant id: at most 64/],
    ['an error code that is not a string', (e) => (e.detail.error_code = 42), 'detail.error_code', 'must be a string, not a number'],
  ])('rejects %s', (_, change, field, reason) => {
    const event = sample('stage/participant-replication-started');
    change(event);
    const named = rejected(event).filter((rejection) => rejection.field === field);
    expect(named).toHaveLength(1);
    if (typeof reason === 'string') expect(named[0]!.reason).toBe(reason);
    else expect(named[0]!.reason).toMatch(reason);
  });
});

describe('IVS Participant Recording State Change', () => {
  it.each(PARTICIPANT_RECORDING_NAMES.map((name) => [name, `participant-recording/participant-${name.toLowerCase().replace(/ /g, '-')}`] as const))('%s parses', (name, file) => {
    expect(accepted(sample(file))).toMatchObject({ kind: 'participant-recording', name, ...PARTICIPANT, recordingS3BucketName: 'ivs-guard-recordings-123456789012' });
  });

  it('reads the duration of a finished recording', () => {
    expect(accepted(sample('participant-recording/participant-recording-end'))).toMatchObject({ recordingDurationMs: 3_333_000, recordingS3KeyPrefix: 'abcdABCDefgh/st-a1b2c3d4e5f6g/abCDEf12GHIj/2026-11-20T18-00-12Z' });
  });
});

describe('IVS Composition State Change', () => {
  it.each(COMPOSITION_NAMES.map((name) => [name, `composition/${name.toLowerCase().replace(/ /g, '-')}`] as const))('%s parses', (name, file) => {
    expect(accepted(sample(file))).toMatchObject({ kind: 'composition-state', name, compositionArn: COMPOSITION });
  });

  it.each<[string, Record<string, unknown>, string[]]>([
    ['composition/session-start', { stageArn: STAGE }, ['destinationId']],
    ['composition/session-failure', { stageArn: STAGE }, ['destinationId']],
    ['composition/destination-start', { destinationId: 'dBf3Hk8mQp2s' }, ['stageArn']],
    ['composition/destination-failure', { destinationId: 'dBf3Hk8mQp2s' }, ['stageArn']],
  ])('%s types its stage or destination', (file, fields, absent) => {
    const event = accepted(sample(file));
    expect(event).toMatchObject(fields);
    for (const key of absent) expect(event).not.toHaveProperty(key);
  });

  it('rejects a stage_arn that is not a stage', () => {
    const event = sample('composition/session-end');
    event.detail.stage_arn = COMPOSITION;
    expect(rejected(event).map((rejection) => rejection.field)).toEqual(['detail.stage_arn']);
  });
});

describe('IVS Publisher Recording State Change (no documented example: taken tolerantly)', () => {
  it.each<[string, string]>([
    ['Recording Start', 'publisher-recording/publisher-recording-start'],
    ['Recording End', 'publisher-recording/publisher-recording-end'],
  ])('%s parses with session, participant and user', (name, file) => {
    expect(accepted(sample(file))).toMatchObject({ kind: 'publisher-recording', detailType: 'IVS Publisher Recording State Change', name, ...PARTICIPANT, userId: 'host-1' });
  });

  it('has the recording names the other recording events use', () => {
    expect(PUBLISHER_RECORDING_NAMES).toEqual(PARTICIPANT_RECORDING_NAMES);
  });

  it.each<[string, (event: SampleJson) => void, Record<string, unknown>, string[]]>([
    ['recording_status for event_name', (e) => {
      e.detail.recording_status = e.detail.event_name;
      delete e.detail.event_name;
    }, { name: 'Recording Start' }, []],
    ['no resources at all', (e) => (e.resources = []), { sessionId: 'st-a1b2c3d4e5f6g' }, ['stageArn']],
    ['a resource that is not a stage', (e) => (e.resources = [COMPOSITION]), { participantId: 'abCDEf12GHIj' }, ['stageArn']],
    ['nothing but a name', (e) => (e.detail = { event_name: 'Recording Start' }), { name: 'Recording Start', stageArn: STAGE }, ['sessionId', 'participantId', 'userId']],
  ])('takes %s', (_, change, fields, absent) => {
    const raw = sample('publisher-recording/publisher-recording-start');
    change(raw);
    const event = accepted(raw);
    expect(event).toMatchObject(fields);
    for (const key of absent) expect(event).not.toHaveProperty(key);
  });

  it('rejects an event with no name, listing the names it knows', () => {
    const raw = sample('publisher-recording/publisher-recording-start');
    delete raw.detail.event_name;
    expect(rejected(raw)).toEqual([{ field: 'detail.event_name', reason: "is required (or as 'recording_status'); expected one of 'Recording Start', 'Recording End', 'Recording Start Failure', 'Recording End Failure'" }]);
  });
});

describe('Recording End of a merged recording', () => {
  it('types the streams it holds', () => {
    expect(accepted(sample('recording/recording-end'))).toMatchObject({
      kind: 'recording-state',
      recordingSessionId: 'Rk4vT9bN2cHs7QaZ',
      recordingSessionStreamIds: ['st-FWXLCpaNfhs0gCa05RFRunz', 'st-huG8GP38g4o5MNJAYKJ1UXX'],
    });
  });

  it('rejects stream ids that are not a list', () => {
    const raw = sample('recording/recording-end');
    raw.detail.recording_session_stream_ids = 'st-huG8GP38g4o5MNJAYKJ1UXX';
    expect(rejected(raw)).toEqual([{ field: 'detail.recording_session_stream_ids', reason: 'must be an array of stream ids, not a string' }]);
  });
});

describe('policies name the documented fields through match over event', () => {
  const firing = (path: string, op: string, value: string) =>
    loadPolicyDocument(['version: 1', 'policies:', '  - name: p', '    on: { source: aws.ivs }', '    where:', `      - match: { path: "${path}", op: ${op}, value: ${JSON.stringify(value)} }`, '    then: [{ notify: { severity: info } }]'].join('\n'));

  it.each<[string, string, string, string, boolean]>([
    ['stage/participant-publish-error', 'event.detail.error_code', 'eq', 'INSUFFICIENT_CAPABILITIES', true],
    ['stage/participant-publish-error', 'event.detail.error_code', 'eq', 'BITRATE_EXCEEDED', false],
    ['stage/participant-replication-started', 'event.detail.destination_stage_arn', 'glob', 'arn:aws:ivs:*:*:stage/wxyz*', true],
    ['stage/participant-replication-started', 'event.detail.destination_session_id', 'eq', 'st-Mn4pQr7sTu9vWx1', true],
    ['stage/participant-published', 'event.detail.event_time', 'regex', '^2026-11-20T18:00', true],
    ['composition/session-failure', 'event.detail.stage_arn', 'eq', STAGE, true],
    ['recording/recording-end', 'event.detail.recording_session_stream_ids[0]', 'eq', 'st-FWXLCpaNfhs0gCa05RFRunz', true],
    ['publisher-recording/publisher-recording-end', 'event.detail.user_id', 'eq', 'host-1', true],
  ])('%s: %s %s %s', (file, path, op, value, fires) => {
    const event = accepted(sample(file));
    expect(evaluate(event, {}, firing(path, op, value), new Date(event.timeMs)).length).toBe(fires ? 1 : 0);
  });
});
