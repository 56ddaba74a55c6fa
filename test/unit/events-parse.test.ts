import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatRejections, parseGuardEvent, parseSqsRecordBody } from '../../domain/events/index.ts';
import type { GuardEvent, ParseResult, Rejection } from '../../domain/events/index.ts';

/** A sample as parsed JSON: tests edit it freely, and the parser is what checks its shape. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type SampleJson = any;

const sample = (path: string): SampleJson => JSON.parse(readFileSync(new URL(`../../events/samples/${path}.json`, import.meta.url), 'utf8'));
const takeover = (): SampleJson => sample('stream-state/stream-takeover-failure');
const CHANNEL = 'arn:aws:ivs:us-west-2:123456789012:channel/abcdABCDefgh';

/** A sample with one change made to it. */
function edited(path: string, change: (event: SampleJson) => void): SampleJson {
  const event = sample(path);
  change(event);
  return event;
}

function accepted(result: ParseResult): GuardEvent {
  if (!result.ok) expect.fail(`rejected: ${formatRejections(result.rejections)}`);
  return result.event;
}

function rejected(result: ParseResult): Rejection[] {
  if (result.ok) expect.fail(`accepted a ${result.event.kind} event`);
  return result.rejections;
}

const pairs = (count: number) =>
  Array.from({ length: count }, (_, index) => ({ channelArn: CHANNEL, viewerId: `viewer-${index}`, viewerSessionVersionsLessThanOrEqualTo: 1_795_203_900 }));

describe('parseGuardEvent rejections', () => {
  it.each<[string, unknown, string, string | RegExp]>([
    ['missing stream_id', edited('stream-state/stream-takeover-failure', (e) => delete e.detail.stream_id), 'detail.stream_id', 'is required'],
    ['stream_id of 25 characters', edited('stream-state/stream-start', (e) => (e.detail.stream_id = 'st-huG8GP38g4o5MNJAYKJ1UX')), 'detail.stream_id', /^must be a stream id: 'st-' and 23 letters or digits \(26 characters\), like st-\w+; got 25 characters$/],
    ['stream_id with a character outside st-[a-zA-Z0-9]', edited('stream-state/stream-start', (e) => (e.detail.stream_id = 'st-huG8GP38g4o5MNJAYKJ1U_X')), 'detail.stream_id', /^must be a stream id: .*; got 'st-huG8GP38g4o5MNJAYKJ1U_X'$/],
    ['stream_id that is a number', edited('stream-health/starvation-start', (e) => (e.detail.stream_id = 42)), 'detail.stream_id', 'must be a string, not a number'],
    ['a channel ARN that is not one', edited('stream-state/stream-start', (e) => (e.resources = ['arn:aws:ivs:us-west-2:123456789012:stream-key/g1H2I3J4k5L6'])), 'resources[0]', /^must be a channel ARN like arn:aws:ivs:<region>:<account>:channel\/<id>; got 'arn:aws:ivs:us-west-2:123456789012:stream-key\/g1H2I3J4k5L6'$/],
    ['no channel ARN at all', edited('recording/recording-start-failure', (e) => (e.resources = [])), 'resources[0]', 'is required: the channel ARN, like arn:aws:ivs:<region>:<account>:channel/<id>'],
    ['a stage ARN on a channel event', edited('stream-health/starvation-end', (e) => (e.resources = ['arn:aws:ivs:us-west-2:123456789012:stage/abcdABCDefgh'])), 'resources[0]', /^must be a channel ARN/],
    ['a channel ARN on a stage event', edited('stage/participant-published', (e) => (e.resources = [CHANNEL])), 'resources[0]', /^must be a stage ARN like arn:aws:ivs:<region>:<account>:stage\/<id>/],
    ['a channel ARN on a composition event', edited('composition/destination-failure', (e) => (e.resources = [CHANNEL])), 'resources[0]', /^must be a composition ARN like/],
    ['an empty event_name', edited('stream-state/stream-start', (e) => (e.detail.event_name = ' ')), 'detail.event_name', /^must not be empty: it says what happened; expected one of 'Session Created', 'Session Ended', 'Stream Start', .*'Stream Takeover Failure'$/],
    ['an event_name that is a number', edited('stream-health/starvation-end', (e) => (e.detail.event_name = 7)), 'detail.event_name', /^must be a string, not a number; expected one of 'Starvation Start', 'Starvation End'$/],
    ['a recording_status of 200 characters', edited('recording/recording-end', (e) => (e.detail.recording_status = 'R'.repeat(200))), 'detail.recording_status', /^must be at most 128 characters, not 200; expected one of 'Recording Start'/],
    ['a limit that is not a string', edited('limit-breach/ingest-bitrate', (e) => {
      delete e.detail.limit_name;
      e.detail.limit = ['Ingest Bitrate'];
    }), 'detail.limit', /^must be a string, not an array; expected one of 'Ingest Bitrate'/],
    ['a missing event_name', edited('stream-health/starvation-start', (e) => delete e.detail.event_name), 'detail.event_name', /^is required; expected one of 'Starvation Start', 'Starvation End'$/],
    ['a limit breach with neither limit_name nor limit', edited('limit-breach/ingest-bitrate', (e) => delete e.detail.limit_name), 'detail.limit_name', /^is required \(IVS also sends it as 'limit'\)/],
    ['a limit value that is not a number', edited('limit-breach/ingest-bitrate', (e) => (e.detail.limit_value = '8.5 Mbps')), 'detail.limit_value', "must be a number; got '8.5 Mbps'"],
    ['an ingest limit breach without its channel', edited('limit-breach/ingest-resolution', (e) => (e.resources = [])), 'resources[0]', /^is required: the channel ARN, .*\(an Ingest Resolution breach is about one channel\)$/],
    ['an unknown detail-type', edited('stream-state/stream-start', (e) => (e['detail-type'] = 'IVS Stream Weather Change')), 'detail-type', /^unknown detail-type 'IVS Stream Weather Change'; expected one of 'IVS Stream State Change', .*'Viewer Session Revocation Requested', 'Participant Disconnect Requested'$/],
    ['an IVS detail-type from another source', edited('stream-state/stream-start', (e) => (e.source = 'attacker.example')), 'detail-type', "'IVS Stream State Change' is only accepted from source 'aws.ivs', not 'attacker.example'"],
    ['a revocation request from another source', edited('moderation/viewer-session-revocation-requested', (e) => (e.source = 'aws.ivs')), 'detail-type', "'Viewer Session Revocation Requested' is only accepted from source 'ivs-guard.moderation', not 'aws.ivs'"],
    ['a missing detail-type', edited('stream-state/stream-start', (e) => delete e['detail-type']), 'detail-type', 'is required'],
    ['a time that is not ISO 8601', edited('stream-state/stream-start', (e) => (e.time = '20/11/2026 19:00')), 'time', "must be an ISO 8601 time like 2026-11-20T19:42:10Z; got '20/11/2026 19:00'"],
    ['a time without a zone', edited('stream-state/stream-start', (e) => (e.time = '2026-11-20T19:00:04')), 'time', /^must be an ISO 8601 time/],
    ['a date that does not exist', edited('stream-state/stream-start', (e) => (e.time = '2026-02-30T19:00:04Z')), 'time', /^must be an ISO 8601 time/],
    ['a missing id', edited('stream-state/stream-start', (e) => delete e.id), 'id', 'is required'],
    ['a detail that is not an object', edited('stream-state/stream-start', (e) => (e.detail = 'Stream Start')), 'detail', 'must be an object, not a string'],
    ['resources that are not an array', edited('stream-state/stream-start', (e) => (e.resources = CHANNEL)), 'resources', /^must be an array of ARNs, not a string$/],
    ['a stage event without session_id', edited('stage/token-exchanged', (e) => delete e.detail.session_id), 'detail.session_id', 'is required'],
    ['a revocation request with no pairs', edited('moderation/viewer-session-revocation-requested', (e) => (e.detail.viewerSessions = [])), 'detail.viewerSessions', 'must name at least one {channelArn, viewerId} pair'],
    ['a revocation request without viewerSessions', edited('moderation/viewer-session-revocation-requested', (e) => delete e.detail.viewerSessions), 'detail.viewerSessions', 'is required'],
    ['a viewerId of 41 characters', edited('moderation/viewer-session-revocation-requested', (e) => (e.detail.viewerSessions[1].viewerId = 'v'.repeat(41))), 'detail.viewerSessions[1].viewerId', 'must be 1 to 40 characters, not 41'],
    ['an empty viewerId', edited('moderation/viewer-session-revocation-requested', (e) => (e.detail.viewerSessions[0].viewerId = '')), 'detail.viewerSessions[0].viewerId', 'must be 1 to 40 characters, not 0'],
    ['a negative session version', edited('moderation/viewer-session-revocation-requested', (e) => (e.detail.viewerSessions[0].viewerSessionVersionsLessThanOrEqualTo = -1)), 'detail.viewerSessions[0].viewerSessionVersionsLessThanOrEqualTo', 'must be a whole number from 0 to 2147483647'],
    ['a fractional session version', edited('moderation/viewer-session-revocation-requested', (e) => (e.detail.viewerSessions[0].viewerSessionVersionsLessThanOrEqualTo = 1.5)), 'detail.viewerSessions[0].viewerSessionVersionsLessThanOrEqualTo', /^must be a whole number/],
    ['a pair with a bad channel ARN', edited('moderation/viewer-session-revocation-requested', (e) => (e.detail.viewerSessions[1].channelArn = 'abcdABCDefgh')), 'detail.viewerSessions[1].channelArn', /^must be a channel ARN like/],
    ['a pair that is not an object', edited('moderation/viewer-session-revocation-requested', (e) => (e.detail.viewerSessions[0] = 'viewer-1')), 'detail.viewerSessions[0]', /^must be a \{channelArn, viewerId, viewerSessionVersionsLessThanOrEqualTo\} object, not a string$/],
    ['null', null, 'event', 'must be an EventBridge event (a JSON object), not null'],
    ['an array', [takeover()], 'event', 'must be an EventBridge event (a JSON object), not an array'],
    ['a string', 'Stream Start', 'event', 'must be an EventBridge event (a JSON object), not a string'],
    ['undefined', undefined, 'event', 'must be an EventBridge event (a JSON object), not undefined'],
  ])('rejects %s', (_, raw, field, reason) => {
    const rejections = rejected(parseGuardEvent(raw));
    const named = rejections.filter((rejection) => rejection.field === field);
    expect(named, JSON.stringify(rejections)).toHaveLength(1);
    if (typeof reason === 'string') expect(named[0]!.reason).toBe(reason);
    else expect(named[0]!.reason).toMatch(reason);
  });

  it('names every problem at once, not only the first', () => {
    const event = edited('stream-state/stream-start', (e) => {
      e.resources = ['nope'];
      e.detail.stream_id = 'st-short';
      e.detail.event_name = '';
    });
    expect(rejected(parseGuardEvent(event)).map((rejection) => rejection.field).sort()).toEqual(['detail.event_name', 'detail.stream_id', 'resources[0]']);
  });

  it('never words a rejection the way zod does by default', () => {
    const everythingWrong = { version: 0, id: 7, 'detail-type': 'IVS Limit Breach', source: 'aws.ivs', account: [], time: 1, region: {}, resources: [1], detail: { limit: 3, limit_value: {}, stream_id: [] } };
    const reasons = rejected(parseGuardEvent(everythingWrong)).map((rejection) => rejection.reason);
    expect(reasons.length).toBeGreaterThan(3);
    for (const reason of reasons) expect(reason).not.toMatch(/Invalid input|expected .* received/i);
  });
});

describe('parseGuardEvent tolerance', () => {
  it('reads the typed stream event', () => {
    const event = accepted(parseGuardEvent(takeover()));
    expect(event).toMatchObject({
      kind: 'stream-state',
      detailType: 'IVS Stream State Change',
      source: 'aws.ivs',
      name: 'Stream Takeover Failure',
      channelArn: CHANNEL,
      channelName: 'main-stage',
      streamId: 'st-huG8GP38g4o5MNJAYKJ1UXX',
      code: 'StreamTakeoverInvalidPriority',
      time: '2026-11-20T19:42:10Z',
      timeMs: Date.UTC(2026, 10, 20, 19, 42, 10),
    });
    expect(event).not.toHaveProperty('replayName');
    expect(event).not.toHaveProperty('reason');
  });

  it('takes `limit` for `limit_name`, and numbers sent as strings', () => {
    const event = accepted(parseGuardEvent(edited('limit-breach/ingest-bitrate', (e) => {
      e.detail.limit = e.detail.limit_name;
      delete e.detail.limit_name;
      e.detail.limit_value = '8500000';
      e.detail.exceeded_by = ' 1.5e6 ';
    })));
    expect(event).toMatchObject({ kind: 'limit-breach', name: 'Ingest Bitrate', limitValue: 8_500_000, exceededBy: 1_500_000, limitUnit: 'bits per second' });
  });

  it('takes an account-wide limit breach with no channel and no stream', () => {
    const event = accepted(parseGuardEvent(sample('limit-breach/concurrent-broadcasts-account')));
    expect(event).toMatchObject({ kind: 'limit-breach', name: 'Concurrent Broadcasts', resources: [], limitValue: 100, exceededBy: 1 });
    expect(event).not.toHaveProperty('channelArn');
    expect(event).not.toHaveProperty('streamId');
  });

  it('takes an empty or missing channel_name', () => {
    expect(accepted(parseGuardEvent(sample('stream-state/session-created')))).toMatchObject({ channelName: '' });
    expect(accepted(parseGuardEvent(edited('stream-state/stream-end', (e) => delete e.detail.channel_name)))).toMatchObject({ channelName: '' });
  });

  it('keeps replay-name as replayName', () => {
    const event = accepted(parseGuardEvent(edited('stream-state/stream-start', (e) => (e['replay-name'] = 'ivs-guard-replay-2026-11-21'))));
    expect(event.replayName).toBe('ivs-guard-replay-2026-11-21');
  });

  it('keeps unknown fields in raw, the event as received', () => {
    const raw = edited('stream-state/stream-takeover-failure', (e) => {
      e['new-envelope-field'] = { nested: [1, 2, 3] };
      e.detail.priority = 7;
    });
    const event = accepted(parseGuardEvent(raw));
    expect(event.raw).toBe(raw);
    expect(event.raw['new-envelope-field']).toEqual({ nested: [1, 2, 3] });
    expect((event.raw.detail as Record<string, unknown>).priority).toBe(7);
  });

  it('takes null for an optional field', () => {
    const event = accepted(parseGuardEvent(edited('stream-state/stream-start', (e) => (e.detail.code = null))));
    expect(event).not.toHaveProperty('code');
  });

  it('takes times with an offset or fractions of a second', () => {
    expect(accepted(parseGuardEvent(edited('stream-state/stream-start', (e) => (e.time = '2026-11-20T20:00:04+01:00')))).timeMs).toBe(Date.UTC(2026, 10, 20, 19, 0, 4));
    expect(accepted(parseGuardEvent(edited('stream-state/stream-start', (e) => (e.time = '2026-11-20T19:00:04.250Z')))).timeMs).toBe(Date.UTC(2026, 10, 20, 19, 0, 4, 250));
  });

  it('reads a recording failure reason, and leaves out an empty one', () => {
    expect(accepted(parseGuardEvent(sample('recording/recording-start-failure')))).toMatchObject({ kind: 'recording-state', reason: 'ValidationException' });
    expect(accepted(parseGuardEvent(sample('recording/recording-start')))).not.toHaveProperty('reason');
  });

  it('takes a revocation request of 45 pairs, defaulting the version to 0 and passing on only the API fields', () => {
    const many = pairs(45);
    const first = many[0] as Record<string, unknown>;
    delete first.viewerSessionVersionsLessThanOrEqualTo;
    first.note = 'kept in raw only';
    const event = accepted(parseGuardEvent(edited('moderation/viewer-session-revocation-requested', (e) => (e.detail.viewerSessions = many))));
    if (event.kind !== 'revocation-request') expect.fail(event.kind);
    expect(event.viewerSessions).toHaveLength(45);
    expect(event.viewerSessions[0]).toEqual({ channelArn: CHANNEL, viewerId: 'viewer-0', viewerSessionVersionsLessThanOrEqualTo: 0 });
    expect(event.viewerSessions[44]).toEqual({ channelArn: CHANNEL, viewerId: 'viewer-44', viewerSessionVersionsLessThanOrEqualTo: 1_795_203_900 });
    expect(event.reason).toBe('chat moderation: repeated abuse reported in ticket MOD-4821');
  });

  it('takes a revocation request from the deployment’s own source', () => {
    const request = edited('moderation/viewer-session-revocation-requested', (e) => (e.source = 'acme.trust-and-safety'));
    expect(accepted(parseGuardEvent(request, { moderationSource: 'acme.trust-and-safety' })).kind).toBe('revocation-request');
    expect(rejected(parseGuardEvent(request))[0]!.field).toBe('detail-type');
  });
});

describe('parseSqsRecordBody', () => {
  it('parses the JSON body EventBridge put on the queue', () => {
    expect(accepted(parseSqsRecordBody(JSON.stringify(takeover()))).kind).toBe('stream-state');
  });

  it.each([
    ['not JSON', 'Stream Start'],
    ['cut short', '{"detail-type": "IVS Stream State Change", '],
    ['empty', ''],
  ])('rejects a body that is %s, naming body', (_, body) => {
    const rejections = rejected(parseSqsRecordBody(body));
    expect(rejections).toHaveLength(1);
    expect(rejections[0]!.field).toBe('body');
    expect(rejections[0]!.reason).toMatch(/^not valid JSON: \S/);
  });

  it('passes the moderation source on', () => {
    const body = JSON.stringify(edited('moderation/viewer-session-revocation-requested', (e) => (e.source = 'acme.mod')));
    expect(accepted(parseSqsRecordBody(body, { moderationSource: 'acme.mod' })).kind).toBe('revocation-request');
  });
});

describe('formatRejections', () => {
  it('puts the rejections on one line, field first', () => {
    expect(formatRejections([
      { field: 'detail.stream_id', reason: 'is required' },
      { field: 'resources[0]', reason: 'must be a channel ARN\nlike arn:aws:ivs:<region>:<account>:channel/<id>' },
    ])).toBe('detail.stream_id is required; resources[0] must be a channel ARN like arn:aws:ivs:<region>:<account>:channel/<id>');
  });

  it('says how many more there are past the tenth', () => {
    const line = formatRejections(Array.from({ length: 13 }, (_, index) => ({ field: `detail.viewerSessions[${index}].viewerId`, reason: 'is required' })));
    expect(line.split('; ')).toHaveLength(11);
    expect(line.endsWith('; and 3 more')).toBe(true);
  });

  it('is empty for no rejections', () => {
    expect(formatRejections([])).toBe('');
  });
});
