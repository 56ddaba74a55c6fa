import { describe, expect, it } from 'vitest';
import type { GuardEvent } from '../../domain/events/types.ts';
import { assess, assessAll } from '../../domain/policy/conditions.ts';
import type { Facts, Truth } from '../../domain/policy/conditions.ts';
import type { Condition, MatchCondition } from '../../domain/policy/index.ts';
import type { Participant, StreamSession } from '../../domain/session.ts';
import { audio, before, CHANNEL, failures, limitBreach, session, stageUpdate, streamState, takeoverFailure, video } from './policy-fixtures.ts';

const leak: Condition = {
  sessionEvents: { names: ['Stream Takeover Failure'], codes: ['StreamTakeoverInvalidPriority', 'StreamTakeoverLimitBreached'], atLeast: 3, withinSeconds: 600 },
};
const trigger = takeoverFailure();
const withEvents = (events = failures(3, 60)): Facts => ({ event: trigger, session: session({ events }) });

describe('sessionEvents', () => {
  it.each<[string, StreamSession['truncatedEvents'], Truth]>([
    ['2 failures in the window', failures(2, 60), 'fails'],
    ['3 failures in the window', failures(3, 60), 'holds'],
    ['3 failures, one outside the window', failures(3, 400), 'fails'],
    ['4 failures, the oldest exactly 600 s before: outside', failures(4, 200), 'holds'],
    ['3 failures, the oldest exactly 600 s before: outside', failures(3, 300), 'fails'],
    ['3 failures, one after the triggering event', failures(3, 60, { lastSecondsBefore: -30 }), 'fails'],
    ['3 failures, one with a code not counted', failures(3, 60, { codes: ['StreamTakeoverInvalidPriority', 'StreamTakeoverMediaMismatch'] }), 'fails'],
    ['3 events, one of another name', [...failures(2, 60), { name: 'Stream Takeover', eventTime: before(10), code: 'StreamTakeoverInvalidPriority' }], 'fails'],
  ])('%s', (_, events, truth) => {
    expect(assess(leak, withEvents(events)).truth).toBe(truth);
  });

  it('counts the whole session when no window is given', () => {
    const anyTime: Condition = { sessionEvents: { names: ['Stream Takeover Failure'], atLeast: 3 } };
    expect(assess(anyTime, withEvents(failures(3, 3000))).truth).toBe('holds');
  });

  it('counts the trigger itself when IVS stamps it later in the same second than EventBridge', () => {
    const events = [{ name: 'Stream Takeover Failure', code: 'StreamTakeoverInvalidPriority', eventTime: '2026-11-20T19:10:00.640Z' }, ...failures(2, 60, { lastSecondsBefore: 60 })];
    expect(assess(leak, withEvents(events)).truth).toBe('holds');
  });

  it('says how many, over how long, of which codes', () => {
    const events = [
      { name: 'Stream Takeover Failure', eventTime: before(0), code: 'StreamTakeoverLimitBreached' },
      { name: 'Stream Takeover Failure', eventTime: before(200), code: 'StreamTakeoverInvalidPriority' },
      { name: 'Stream Takeover Failure', eventTime: before(412), code: 'StreamTakeoverInvalidPriority' },
    ];
    expect(assess(leak, withEvents(events))).toEqual({
      truth: 'holds',
      evidence: ['3 stream takeover failures in 412 s: StreamTakeoverInvalidPriority ×2, StreamTakeoverLimitBreached ×1 (at least 3 within 600 s)'],
      missing: [],
    });
  });

  it('says why it does not hold', () => {
    expect(assess(leak, withEvents(failures(2, 60))).evidence).toEqual(['2 stream takeover failures within 600 s: fewer than 3']);
  });

  it.each<[string, string, StreamSession['truncatedEvents'], string]>([
    ['a noun counts in the plural', 'Stream Start', [{ name: 'Stream Start', eventTime: before(0) }, { name: 'Stream Start', eventTime: before(30) }], '2 stream starts in 30 s (at least 1 in the session)'],
    ['one event is in the singular, with its time', 'Stream Start', [{ name: 'Stream Start', eventTime: before(0) }], '1 stream start at 2026-11-20T19:10:00.000Z (at least 1 in the session)'],
    ['a name that is not a noun keeps its form', 'Session Created', [{ name: 'Session Created', eventTime: before(0) }, { name: 'Session Created', eventTime: before(5) }], '2 Session Created events in 5 s (at least 1 in the session)'],
  ])('words the count: %s', (_, name, events, evidence) => {
    expect(assess({ sessionEvents: { names: [name], atLeast: 1 } }, withEvents(events)).evidence).toEqual([evidence]);
  });

  it('breaks the count down by name when several names are counted', () => {
    const condition: Condition = { sessionEvents: { names: ['Stream Start', 'Stream End'], atLeast: 3 } };
    const events = [
      { name: 'Stream End', eventTime: before(10) },
      { name: 'Stream Start', eventTime: before(20) },
      { name: 'Stream Start', eventTime: before(70) },
    ];
    expect(assess(condition, withEvents(events)).evidence).toEqual(['3 session events in 60 s: Stream Start ×2, Stream End ×1 (at least 3 in the session)']);
  });

  it('cannot be told without a session', () => {
    expect(assess(leak, { event: trigger })).toEqual({ truth: 'unknown', evidence: ['no stream session available to count session events'], missing: ['session'] });
  });
});

describe('ingestExceeds', () => {
  const ceiling: Condition = { ingestExceeds: { videoHeight: 1080, framerate: 60, videoBitrate: 8500000 } };
  const facts = (options: Parameters<typeof session>[0]): Facts => ({ event: streamState('Stream Start'), session: session(options) });

  it.each<[string, Parameters<typeof session>[0], Truth]>([
    ['a 4K track', { video: [video(3840, 2160, 30, 8000000)] }, 'holds'],
    ['a track at every limit exactly', { video: [video(1920, 1080, 60, 8500000)] }, 'fails'],
    ['a track one frame too fast', { video: [video(1920, 1080, 61, 8000000)] }, 'holds'],
    ['a track one bit too fast', { video: [video(1280, 720, 30, 8500001)] }, 'holds'],
    ['the second track over a limit', { video: [video(1280, 720, 30, 3000000, 'Track0'), video(1920, 1440, 30, 6000000, 'Track1')] }, 'holds'],
    ['a track without the settings the limits name', { video: [{ codec: 'avc1' }] }, 'fails'],
    ['no tracks', {}, 'fails'],
  ])('%s', (_, options, truth) => {
    expect(assess(ceiling, facts(options)).truth).toBe(truth);
  });

  it.each<[string, Condition, Parameters<typeof session>[0], Truth]>([
    ['width over videoWidth', { ingestExceeds: { videoWidth: 1920 } }, { video: [video(2560, 1080, 30, 1)] }, 'holds'],
    ['width at videoWidth', { ingestExceeds: { videoWidth: 1920 } }, { video: [video(1920, 1080, 30, 1)] }, 'fails'],
    ['audio over audioBitrate', { ingestExceeds: { audioBitrate: 160000 } }, { audio: [audio(320000)] }, 'holds'],
    ['audio under audioBitrate', { ingestExceeds: { audioBitrate: 160000 } }, { audio: [audio(128000)] }, 'fails'],
    ['video bitrate is not audio bitrate', { ingestExceeds: { audioBitrate: 160000 } }, { video: [video(1280, 720, 30, 6000000)] }, 'fails'],
  ])('%s', (_, condition, options, truth) => {
    expect(assess(condition, facts(options)).truth).toBe(truth);
  });

  it('names the track, its settings and each limit it exceeds', () => {
    expect(assess(ceiling, facts({ video: [video(3840, 2160, 60, 12000000)] })).evidence).toEqual([
      'video track 0 is 3840x2160 at 60 fps, 12000000 bps: exceeds videoHeight 1080, videoBitrate 8500000',
    ]);
    expect(assess({ ingestExceeds: { audioBitrate: 160000 } }, facts({ audio: [audio(320000)] })).evidence).toEqual(['audio track 0 is 320000 bps: exceeds audioBitrate 160000']);
  });

  it('lists the tracks it compared when none exceeds', () => {
    expect(assess(ceiling, facts({ video: [video(1280, 720, 30, 3000000)] })).evidence).toEqual([
      'no ingest track exceeds videoHeight 1080, framerate 60, videoBitrate 8500000 (video track 0 is 1280x720 at 30 fps, 3000000 bps)',
    ]);
  });

  it('cannot be told without a session', () => {
    expect(assess(ceiling, { event: streamState('Stream Start') })).toMatchObject({ truth: 'unknown', missing: ['session'] });
  });
});

describe('channel', () => {
  const recorded = { arn: CHANNEL, type: 'STANDARD', latencyMode: 'LOW', authorized: true, tags: { compliance: 'record-required', team: 'live' } };
  const facts = (channel = recorded): Facts => ({ event: streamState('Stream Start'), session: session({ channel }) });

  it.each<[string, Condition, Truth, string]>([
    ['a tag with its value', { channel: { tags: { compliance: 'record-required' } } }, 'holds', 'channel tag compliance=record-required'],
    ['a tag with another value', { channel: { tags: { compliance: 'none' } } }, 'fails', 'channel tag compliance is compliance=record-required, not none'],
    ['a tag the channel does not carry', { channel: { tags: { owner: 'me' } } }, 'fails', 'channel tag owner is not set, not me'],
    ['every tag listed', { channel: { tags: { compliance: 'record-required', team: 'live' } } }, 'holds', 'channel tag compliance=record-required, channel tag team=live'],
    ['its type', { channel: { type: 'STANDARD' } }, 'holds', 'channel type STANDARD'],
    ['another type', { channel: { type: 'BASIC' } }, 'fails', 'channel type is STANDARD, not BASIC'],
    ['its latency mode', { channel: { latencyMode: 'LOW' } }, 'holds', 'channel latencyMode LOW'],
    ['authorized (a private channel)', { channel: { authorized: true } }, 'holds', 'channel authorized true'],
    ['not authorized', { channel: { authorized: false } }, 'fails', 'channel authorized is true, not false'],
    ['every setting, one of them off', { channel: { type: 'STANDARD', latencyMode: 'NORMAL' } }, 'fails', 'channel latencyMode is LOW, not NORMAL'],
  ])('%s', (_, condition, truth, evidence) => {
    expect(assess(condition, facts())).toEqual({ truth, evidence: [evidence], missing: [] });
  });

  it('fails on a setting the snapshot does not report', () => {
    expect(assess({ channel: { type: 'STANDARD' } }, facts({ arn: CHANNEL } as typeof recorded))).toEqual({ truth: 'fails', evidence: ['channel type is not reported, not STANDARD'], missing: [] });
  });

  it('cannot be told when the session has no channel snapshot', () => {
    const bare: StreamSession = { streamId: 'st-1', truncatedEvents: [] };
    expect(assess({ channel: { type: 'STANDARD' } }, { event: streamState('Stream Start'), session: bare })).toMatchObject({ truth: 'unknown', missing: [] });
  });

  it('cannot be told without a session', () => {
    expect(assess({ channel: { type: 'STANDARD' } }, { event: streamState('Stream Start') })).toMatchObject({ truth: 'unknown', missing: ['session'] });
  });
});

describe('match', () => {
  const breach = limitBreach('Concurrent Viewers'); // limit_value 10, exceeded_by 2
  const published: Participant = { participantId: 'abCDEf12GHIj', published: true, attributes: { role: 'guest' } };
  const facts: Facts = { event: takeoverFailure(), session: session({ video: [video(1920, 1080, 30, 6000000)] }), participant: published };
  const m = (match: MatchCondition, on: GuardEvent = facts.event): [Condition, Facts] => [{ match }, { ...facts, event: on }];

  it.each<[string, [Condition, Facts], Truth]>([
    ['eq: the same string', m({ path: 'event.detail.code', op: 'eq', value: 'StreamTakeoverInvalidPriority' }), 'holds'],
    ['eq: another string', m({ path: 'event.detail.code', op: 'eq', value: 'StreamTakeoverLimitBreached' }), 'fails'],
    ['eq: a list, deeply', m({ path: 'event.resources', op: 'eq', value: [CHANNEL] }), 'holds'],
    ['eq: a number is not its string', m({ path: 'event.detail.limit_value', op: 'eq', value: '10' }, breach), 'fails'],
    ['ne: another string', m({ path: 'event.detail.code', op: 'ne', value: 'StreamTakeoverLimitBreached' }), 'holds'],
    ['ne: the same string', m({ path: 'event.detail.code', op: 'ne', value: 'StreamTakeoverInvalidPriority' }), 'fails'],
    ['ne: a missing value is not the value', m({ path: 'event.detail.nothing', op: 'ne', value: 'x' }), 'holds'],
    ['gt: above', m({ path: 'event.detail.limit_value', op: 'gt', value: 9 }, breach), 'holds'],
    ['gt: equal', m({ path: 'event.detail.limit_value', op: 'gt', value: 10 }, breach), 'fails'],
    ['gte: equal', m({ path: 'event.detail.limit_value', op: 'gte', value: 10 }, breach), 'holds'],
    ['gte: below', m({ path: 'event.detail.limit_value', op: 'gte', value: 11 }, breach), 'fails'],
    ['lt: below', m({ path: 'event.detail.exceeded_by', op: 'lt', value: 3 }, breach), 'holds'],
    ['lt: equal', m({ path: 'event.detail.exceeded_by', op: 'lt', value: 2 }, breach), 'fails'],
    ['lte: equal', m({ path: 'event.detail.exceeded_by', op: 'lte', value: 2 }, breach), 'holds'],
    ['lte: above', m({ path: 'event.detail.exceeded_by', op: 'lte', value: 1 }, breach), 'fails'],
    ['gte on strings compares as text (ISO times)', m({ path: 'event.time', op: 'gte', value: '2026-11-20T19:00:00Z' }), 'holds'],
    ['lt on strings compares as text (ISO times)', m({ path: 'event.time', op: 'lt', value: '2026-11-20T19:00:00Z' }), 'fails'],
    ['gt: a string never compares with a number', m({ path: 'event.detail.code', op: 'gt', value: 1 }), 'fails'],
    ['gt: a missing value never compares', m({ path: 'event.detail.nothing', op: 'gt', value: 1 }), 'fails'],
    ['in: one of the list', m({ path: 'event.detail.code', op: 'in', value: ['StreamTakeoverLimitBreached', 'StreamTakeoverInvalidPriority'] }), 'holds'],
    ['in: none of the list', m({ path: 'event.detail.code', op: 'in', value: ['StreamTakeoverLimitBreached'] }), 'fails'],
    ['notIn: none of the list', m({ path: 'event.detail.code', op: 'notIn', value: ['StreamTakeoverLimitBreached'] }), 'holds'],
    ['notIn: one of the list', m({ path: 'event.detail.code', op: 'notIn', value: ['StreamTakeoverInvalidPriority'] }), 'fails'],
    ['exists: present', m({ path: 'event.detail.code', op: 'exists' }), 'holds'],
    ['exists: missing', m({ path: 'event.detail.code', op: 'exists' }, streamState('Stream Start')), 'fails'],
    ['absent: missing', m({ path: 'event.detail.code', op: 'absent' }, streamState('Stream Start')), 'holds'],
    ['absent: present', m({ path: 'event.detail.code', op: 'absent' }), 'fails'],
    ['regex: matches anywhere', m({ path: 'event.detail.code', op: 'regex', value: 'Invalid' }), 'holds'],
    ['regex: anchored, no match', m({ path: 'event.detail.code', op: 'regex', value: '^Invalid' }), 'fails'],
    ['regex: not a string', m({ path: 'event.detail.limit_value', op: 'regex', value: '1' }, breach), 'fails'],
    ['glob: * spans : and /', m({ path: 'event.resources[0]', op: 'glob', value: 'arn:aws:ivs:*abcd*' }), 'holds'],
    ['glob: the whole value must match', m({ path: 'event.resources[0]', op: 'glob', value: 'channel/abcd*' }), 'fails'],
    ['glob: ? is one character', m({ path: 'event.detail.stream_id', op: 'glob', value: 'st-?A2b3c4D5e6F78ghij9Klmn' }), 'holds'],
    ['a session path', m({ path: 'session.channel.type', op: 'eq', value: 'STANDARD' }), 'holds'],
    ['a function over the session', m({ path: 'length(session.ingestConfigurations.videoConfigurations)', op: 'eq', value: 1 }), 'holds'],
    ['a participant path', m({ path: 'participant.attributes.role', op: 'eq', value: 'guest' }), 'holds'],
    ['a path the data cannot answer (a function given null)', m({ path: 'length(event.detail.nothing)', op: 'gt', value: 0 }), 'fails'],
  ])('%s', (_, [condition, given], truth) => {
    expect(assess(condition, given).truth).toBe(truth);
  });

  it.each<[string, MatchCondition, string]>([
    ['eq shows the rule', { path: 'event.detail.code', op: 'eq', value: 'StreamTakeoverInvalidPriority' }, "event.detail.code eq 'StreamTakeoverInvalidPriority'"],
    ['other ops show the value found', { path: 'event.detail.code', op: 'in', value: ['StreamTakeoverInvalidPriority'] }, `event.detail.code in ["StreamTakeoverInvalidPriority"] (is 'StreamTakeoverInvalidPriority')`],
    ['exists shows the value found', { path: 'event.detail.code', op: 'exists' }, "event.detail.code exists (is 'StreamTakeoverInvalidPriority')"],
    ['a failing eq shows what was found', { path: 'event.detail.code', op: 'eq', value: 'X' }, "event.detail.code is 'StreamTakeoverInvalidPriority', not eq 'X'"],
    ['a failing comparison on a missing value says it is absent', { path: 'event.detail.nothing', op: 'eq', value: 'X' }, "event.detail.nothing is absent, not eq 'X'"],
    ['a failing exists says absent', { path: 'event.detail.nothing', op: 'exists' }, 'event.detail.nothing is absent'],
  ])('evidence: %s', (_, match, evidence) => {
    expect(assess({ match }, facts).evidence).toEqual([evidence]);
  });

  it.each<[string, MatchCondition, Facts, Array<'session' | 'participant'>]>([
    ['a session path without a session', { path: 'session.channel.type', op: 'eq', value: 'STANDARD' }, { event: takeoverFailure() }, ['session']],
    ['a participant path without a participant', { path: 'participant.published', op: 'eq', value: true }, { event: stageUpdate('Participant Published') }, ['participant']],
    ['a path reading both, neither there', { path: 'session.streamId == participant.participantId', op: 'eq', value: true }, { event: takeoverFailure() }, ['session', 'participant']],
  ])('cannot be told: %s', (_, match, given, missing) => {
    expect(assess({ match }, given)).toMatchObject({ truth: 'unknown', missing });
  });
});

describe('any, not, and nesting', () => {
  const holds: Condition = { match: { path: 'event.detail.code', op: 'exists' } };
  const fails: Condition = { match: { path: 'event.detail.code', op: 'absent' } };
  const unknown: Condition = { channel: { type: 'STANDARD' } }; // no session in these facts
  const facts: Facts = { event: takeoverFailure() };

  it.each<[string, Condition, Truth]>([
    ['any: one holds', { any: [fails, holds] }, 'holds'],
    ['any: none holds', { any: [fails, fails] }, 'fails'],
    ['any: one holds, one unknown', { any: [unknown, holds] }, 'holds'],
    ['any: one fails, one unknown', { any: [fails, unknown] }, 'unknown'],
    ['not: of one that holds', { not: holds }, 'fails'],
    ['not: of one that fails', { not: fails }, 'holds'],
    ['not: of one that cannot be told', { not: unknown }, 'unknown'],
    ['nested: not any of failing ones', { not: { any: [fails, fails] } }, 'holds'],
    ['nested: any with a not inside', { any: [fails, { not: fails }] }, 'holds'],
    ['nested: not of not', { not: { not: holds } }, 'holds'],
  ])('%s', (_, condition, truth) => {
    expect(assess(condition, facts).truth).toBe(truth);
  });

  it.each<[string, Condition[], Truth]>([
    ['no conditions hold', [], 'holds'],
    ['all hold', [holds, holds], 'holds'],
    ['one fails: fails, even beside an unknown', [holds, unknown, fails], 'fails'],
    ['none fails, one unknown', [holds, unknown], 'unknown'],
  ])('where (all must hold): %s', (_, conditions, truth) => {
    expect(assessAll(conditions, facts).truth).toBe(truth);
  });

  it('words any and not', () => {
    expect(assess({ any: [fails, { not: fails }] }, facts).evidence).toEqual(["not: event.detail.code is 'StreamTakeoverInvalidPriority', not absent"]);
    expect(assess({ any: [fails, fails] }, facts).evidence).toEqual([
      "none of: event.detail.code is 'StreamTakeoverInvalidPriority', not absent; event.detail.code is 'StreamTakeoverInvalidPriority', not absent",
    ]);
  });

  it('reports what an unknown branch lacked', () => {
    expect(assess({ not: { any: [fails, unknown] } }, facts)).toEqual({ truth: 'unknown', evidence: ["no stream session available to read its channel's settings"], missing: ['session'] });
  });
});
