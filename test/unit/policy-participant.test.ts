/**
 * The `participant` condition (#8.4): what it reads of GetParticipant's participant, its evidence, what it needs
 * fetched, and the mistakes the loader names.
 */
import { describe, expect, it } from 'vitest';
import { assess } from '../../domain/policy/conditions.ts';
import type { Truth } from '../../domain/policy/conditions.ts';
import { enrichmentNeeds } from '../../domain/policy/index.ts';
import type { Condition } from '../../domain/policy/index.ts';
import type { ParticipantCondition } from '../../domain/policy/participant-condition.ts';
import type { Participant } from '../../domain/session.ts';
import { policies, stageUpdate, takeoverFailure } from './policy-fixtures.ts';

const host: Participant = {
  participantId: 'abCDEf12GHIj',
  userId: 'host-1',
  state: 'CONNECTED',
  published: true,
  attributes: { role: 'host', canPublish: 'true' },
  protocol: 'WHIP',
  ispName: 'Comcast',
  osName: 'Windows',
  browserName: 'Chrome',
  sdkVersion: '1.18.0',
};
const viewer: Participant = { participantId: 'zzViewer0001', userId: 'viewer-7', state: 'CONNECTED', published: true, attributes: { role: 'viewer' } };
const published = stageUpdate('Participant Published');
const check = (condition: ParticipantCondition, participant: Participant) => assess({ participant: condition }, { event: published, participant });

describe('participant', () => {
  it.each<[string, ParticipantCondition, Participant, Truth]>([
    ['published true, and it publishes', { published: true }, host, 'holds'],
    ['published false, but it publishes', { published: false }, host, 'fails'],
    ['state CONNECTED', { state: 'CONNECTED' }, host, 'holds'],
    ['state DISCONNECTED of a connected one', { state: 'DISCONNECTED' }, host, 'fails'],
    ['userId, the same', { userId: 'host-1' }, host, 'holds'],
    ['userId, another', { userId: 'host-2' }, host, 'fails'],
    ['an attribute with its value', { attributes: { canPublish: 'true' } }, host, 'holds'],
    ['an attribute with another value', { attributes: { role: 'host' } }, viewer, 'fails'],
    ['an attribute the token does not carry', { attributes: { canPublish: 'true' } }, viewer, 'fails'],
    ['every attribute listed must hold', { attributes: { role: 'host', canPublish: 'false' } }, host, 'fails'],
    ['protocol', { protocol: 'WHIP' }, host, 'holds'],
    ['protocol not reported', { protocol: 'RTMPS' }, viewer, 'fails'],
    ['the client members', { ispName: 'Comcast', osName: 'Windows', browserName: 'Chrome', sdkVersion: '1.18.0' }, host, 'holds'],
    ['one client member differs', { osName: 'Windows', browserName: 'Firefox' }, host, 'fails'],
  ])('%s', (_, condition, participant, truth) => {
    expect(check(condition, participant).truth).toBe(truth);
  });

  it('says what held, naming the participant', () => {
    expect(check({ published: true, attributes: { role: 'host' } }, host)).toEqual({ truth: 'holds', evidence: ['participant abCDEf12GHIj: published true, attribute role=host'], missing: [] });
  });

  it('says each setting that did not hold, and what it was', () => {
    expect(check({ state: 'CONNECTED', attributes: { canPublish: 'true', role: 'host' } }, viewer).evidence).toEqual([
      'participant zzViewer0001: attribute canPublish is not set, not true, attribute role is role=viewer, not host',
    ]);
    expect(check({ protocol: 'RTMPS' }, viewer).evidence).toEqual(['participant zzViewer0001: protocol is not reported, not RTMPS']);
  });

  it('under not: a publisher whose token does not allow publishing', () => {
    const unauthorised: Condition = { not: { participant: { attributes: { canPublish: 'true' } } } };
    expect(assess(unauthorised, { event: published, participant: viewer }).truth).toBe('holds');
    expect(assess(unauthorised, { event: published, participant: host }).truth).toBe('fails');
  });

  it('cannot be told without the participant, and asks for it', () => {
    expect(assess({ participant: { published: true } }, { event: published })).toEqual({
      truth: 'unknown',
      evidence: ['no stage participant available to read its settings'],
      missing: ['participant'],
    });
  });

  it('cannot be told for an event that names no participant, and asks for nothing', () => {
    expect(assess({ participant: { published: true } }, { event: stageUpdate('Participant Published', { participantId: null }) })).toEqual({
      truth: 'unknown',
      evidence: ['the event names no stage participant'],
      missing: [],
    });
    expect(assess({ participant: { published: true } }, { event: takeoverFailure() }).missing).toEqual([]);
  });
});

describe('participant: what is fetched', () => {
  const doc = (where: string) =>
    policies(['  - name: p', '    on: { detailType: IVS Stage Update }', '    where:', `      - ${where}`, '    then: [{ notify: { severity: info } }]'].join('\n'));

  it('a participant condition needs GetParticipant', () => {
    expect(enrichmentNeeds(published, doc('participant: { published: true }'))).toEqual({ session: false, participant: true, participantEvents: false });
    expect(enrichmentNeeds(published, doc('not: { participant: { attributes: { canPublish: "true" } } }'))).toEqual({ session: false, participant: true, participantEvents: false });
  });

  it('not for an event without a participant id', () => {
    expect(enrichmentNeeds(stageUpdate('Participant Published', { participantId: null }), doc('participant: { published: true }'))).toEqual({ session: false, participant: false, participantEvents: false });
  });
});

describe('participant: mistakes', () => {
  const load = (condition: string) => () => policies(['  - name: p', '    on: { detailType: IVS Stage Update }', '    where:', `      - participant: ${condition}`, '    then: [notify]'].join('\n'));

  it.each([
    ['{}', 'name at least one of: published, state, userId, attributes, protocol, ispName, osName, browserName, sdkVersion'],
    ['{ state: CONECTED }', "unknown participant state 'CONECTED'"],
    ['{ protocol: SRT }', "unknown participant protocol 'SRT'"],
    ['{ published: yes }', 'expected true or false'],
    ['{ attributes: { canPublish: true } }', 'expected a string (quote it)'],
    ['{ role: host }', 'expected one of: published, state, userId, attributes'],
    ['{ userId: "" }', 'expected a user id, got an empty string'],
  ])('%s', (condition, message) => {
    expect(load(condition)).toThrow(message);
  });
});
