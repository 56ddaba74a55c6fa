/**
 * The `participantEvents` condition (#8.4): what it counts of ListParticipantEvents, its window, its evidence in
 * words, what it needs fetched, and the mistakes the loader names.
 */
import { describe, expect, it } from 'vitest';
import { assess } from '../../domain/policy/conditions.ts';
import type { Truth } from '../../domain/policy/conditions.ts';
import { enrichmentNeeds } from '../../domain/policy/index.ts';
import type { ParticipantEventsCondition } from '../../domain/policy/participant-events.ts';
import type { ParticipantEvent } from '../../domain/session.ts';
import { before, policies, stageUpdate, takeoverFailure } from './policy-fixtures.ts';

const PARTICIPANT = 'abCDEf12GHIj';
const publishError = stageUpdate('Participant Publish Error');

/** A ListParticipantEvents entry `secondsBefore` the triggering event. */
const event = (name: string, secondsBefore: number, errorCode?: string): ParticipantEvent => ({
  name,
  participantId: PARTICIPANT,
  eventTime: before(secondsBefore),
  ...(errorCode !== undefined && { errorCode }),
});
/** `count` PUBLISH_ERRORs `spacing` seconds apart, the last `last` seconds before the event. */
const errors = (count: number, spacing: number, code = 'BITRATE_EXCEEDED', last = 0) => Array.from({ length: count }, (_, i) => event('PUBLISH_ERROR', last + i * spacing, code));

const repeated: ParticipantEventsCondition = { names: ['PUBLISH_ERROR'], atLeast: 3, withinSeconds: 60 };
const check = (condition: ParticipantEventsCondition, events: ParticipantEvent[]) => assess({ participantEvents: condition }, { event: publishError, participantEvents: events });

describe('participantEvents', () => {
  it.each<[string, ParticipantEventsCondition, ParticipantEvent[], Truth]>([
    ['3 publish errors in the window', repeated, errors(3, 20), 'holds'],
    ['2 publish errors in the window', repeated, errors(2, 20), 'fails'],
    ['3 publish errors, one outside the window', repeated, errors(3, 30), 'fails'],
    ['an error exactly withinSeconds before is outside', repeated, [...errors(2, 10), event('PUBLISH_ERROR', 60, 'BITRATE_EXCEEDED')], 'fails'],
    ['an error after the triggering event is not counted', repeated, [...errors(2, 10), event('PUBLISH_ERROR', -5, 'BITRATE_EXCEEDED')], 'fails'],
    ['other names are not counted', repeated, [...errors(2, 10), event('JOINED', 30), event('PUBLISH_STARTED', 25)], 'fails'],
    ['without names every event counts', { atLeast: 3, withinSeconds: 60 }, [event('JOINED', 50), event('PUBLISH_STARTED', 40), event('PUBLISH_STOPPED', 1)], 'holds'],
    ['without withinSeconds the whole session counts', { names: ['PUBLISH_ERROR'], atLeast: 3 }, errors(3, 3600), 'holds'],
    ['errorCodes keeps only those codes', { ...repeated, errorCodes: ['BITRATE_EXCEEDED'] }, [...errors(2, 10), event('PUBLISH_ERROR', 30, 'RESOLUTION_EXCEEDED')], 'fails'],
    ['errorCodes: any of them', { ...repeated, errorCodes: ['BITRATE_EXCEEDED', 'RESOLUTION_EXCEEDED'] }, [...errors(2, 10), event('PUBLISH_ERROR', 30, 'RESOLUTION_EXCEEDED')], 'holds'],
    ['errorCodes: an event without a code is not counted', { atLeast: 1, errorCodes: ['BITRATE_EXCEEDED'] }, [event('PUBLISH_ERROR', 5)], 'fails'],
    ['an event without a time is never counted', { atLeast: 1 }, [{ name: 'PUBLISH_ERROR', participantId: PARTICIPANT }], 'fails'],
    ['no events at all', repeated, [], 'fails'],
  ])('%s', (_, condition, events, truth) => {
    expect(check(condition, events).truth).toBe(truth);
  });

  it('says how many, over how long, by error code, naming the participant', () => {
    const events = [event('PUBLISH_ERROR', 40, 'BITRATE_EXCEEDED'), event('PUBLISH_ERROR', 20, 'BITRATE_EXCEEDED'), event('PUBLISH_ERROR', 0, 'BITRATE_EXCEEDED')];
    expect(check(repeated, events)).toEqual({
      truth: 'holds',
      evidence: [`participant ${PARTICIPANT}: 3 publish errors in 40 s: BITRATE_EXCEEDED ×3 (at least 3 within 60 s)`],
      missing: [],
    });
  });

  it('counts in time order whatever order the events come in, most frequent code first', () => {
    const events = [event('PUBLISH_ERROR', 0, 'RESOLUTION_EXCEEDED'), event('PUBLISH_ERROR', 50, 'BITRATE_EXCEEDED'), event('PUBLISH_ERROR', 10, 'BITRATE_EXCEEDED')];
    expect(check(repeated, events).evidence).toEqual([`participant ${PARTICIPANT}: 3 publish errors in 50 s: BITRATE_EXCEEDED ×2, RESOLUTION_EXCEEDED ×1 (at least 3 within 60 s)`]);
  });

  it('says by name what it counted when several names are counted', () => {
    const events = [event('JOINED', 30), event('LEFT', 20), event('JOINED', 10)];
    expect(check({ names: ['JOINED', 'LEFT'], atLeast: 3, withinSeconds: 60 }, events).evidence).toEqual([
      `participant ${PARTICIPANT}: 3 participant events in 20 s: JOINED ×2, LEFT ×1 (at least 3 within 60 s)`,
    ]);
  });

  it('says how many were found when too few', () => {
    expect(check(repeated, errors(2, 10)).evidence).toEqual([`participant ${PARTICIPANT}: 2 publish errors within 60 s: fewer than 3`]);
    expect(check({ names: ['JOINED'], atLeast: 2 }, [event('JOINED', 5)]).evidence).toEqual([`participant ${PARTICIPANT}: 1 JOINED event in the stage session: fewer than 2`]);
  });

  it("the window ends at the stage's event_time when it is later than the envelope's second", () => {
    const atStage = { ...publishError, eventTime: new Date(Date.parse(publishError.time) + 1500).toISOString() };
    const justAfterTheSecond = [...errors(2, 10), event('PUBLISH_ERROR', -1.2, 'BITRATE_EXCEEDED')];
    expect(assess({ participantEvents: repeated }, { event: atStage, participantEvents: justAfterTheSecond }).truth).toBe('holds');
    expect(assess({ participantEvents: repeated }, { event: publishError, participantEvents: justAfterTheSecond }).truth).toBe('fails');
  });

  it('cannot be told without the events, and asks for them', () => {
    expect(assess({ participantEvents: repeated }, { event: publishError })).toEqual({
      truth: 'unknown',
      evidence: [`no events of participant ${PARTICIPANT} available to count`],
      missing: ['participantEvents'],
    });
  });

  it('cannot be told for an event that names no participant, and asks for nothing', () => {
    expect(assess({ participantEvents: repeated }, { event: stageUpdate('Participant Publish Error', { participantId: null }) })).toEqual({
      truth: 'unknown',
      evidence: ['the event names no stage participant'],
      missing: [],
    });
    expect(assess({ participantEvents: repeated }, { event: takeoverFailure() }).missing).toEqual([]);
  });

  it('under not: fewer than 3 errors holds', () => {
    expect(assess({ not: { participantEvents: repeated } }, { event: publishError, participantEvents: errors(1, 1) }).truth).toBe('holds');
  });
});

describe('participantEvents: what is fetched', () => {
  const doc = (...where: string[]) =>
    policies(['  - name: p', '    on: { detailType: IVS Stage Update, names: [Participant Publish Error] }', '    where:', ...where.map((w) => `      - ${w}`), '    then: [{ notify: { severity: info } }]'].join('\n'));
  const counting = 'participantEvents: { names: [PUBLISH_ERROR], atLeast: 3 }';

  it.each([
    ['a participantEvents condition needs ListParticipantEvents only', doc(counting), publishError, { session: false, participant: false, participantEvents: true }],
    ['inside any, with a participant condition: both', doc(`any: [{ ${counting} }, { participant: { published: true } }]`), publishError, { session: false, participant: true, participantEvents: true }],
    ['not when a condition on the event alone fails the policy', doc('match: { path: event.detail.error_code, op: eq, value: QUOTA_EXCEEDED }', counting), publishError, { session: false, participant: false, participantEvents: false }],
    ['not for an event without a participant id', doc(counting), stageUpdate('Participant Publish Error', { participantId: null }), { session: false, participant: false, participantEvents: false }],
    ['not for an event the policy is not about', doc(counting), stageUpdate('Participant Published'), { session: false, participant: false, participantEvents: false }],
  ])('%s', (_, document, triggering, needs) => {
    expect(enrichmentNeeds(triggering, document)).toEqual(needs);
  });
});

describe('participantEvents: mistakes', () => {
  const load = (condition: string) => () =>
    policies(['  - name: p', '    on: { detailType: IVS Stage Update }', '    where:', `      - participantEvents: ${condition}`, '    then: [notify]'].join('\n'));

  it.each([
    ['{ names: [PUBLISH_ERROR] }', 'required: a whole number ≥ 1'],
    ['{ atLeast: 0 }', 'expected a whole number ≥ 1'],
    ['{ atLeast: 3, names: [PUBLISH_EROR] }', "unknown participant event name 'PUBLISH_EROR' (did you mean 'PUBLISH_ERROR'?)"],
    ['{ atLeast: 3, names: [Participant Publish Error] }', "unknown participant event name 'Participant Publish Error'"],
    ['{ atLeast: 3, errorCodes: [BITRATE] }', "unknown participant event error code 'BITRATE'"],
    ['{ atLeast: 3, names: [] }', 'expected at least 1'],
    ['{ atLeast: 3, withinSeconds: 1.5 }', 'expected a whole number ≥ 1'],
    ['{ atLeast: 3, codes: [BITRATE_EXCEEDED] }', 'expected one of: names, errorCodes, atLeast, withinSeconds'],
  ])('%s', (condition, message) => {
    expect(load(condition)).toThrow(message);
  });
});
