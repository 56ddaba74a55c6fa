import { describe, expect, it } from 'vitest';
import type { EnrichmentNeeds } from '../../domain/decision.ts';
import type { GuardEvent } from '../../domain/events/types.ts';
import { enrichmentNeeds } from '../../domain/policy/index.ts';
import { limitBreach, pair, policies, revocationRequest, stageUpdate, streamState, takeoverFailure } from './policy-fixtures.ts';

const policy = (on: string, where: string[]) =>
  [`  - name: p${Math.abs(hash(on + where.join()))}`, `    on: ${on}`, ...(where.length > 0 ? ['    where:'] : []), ...where.map((w) => `      - ${w}`), '    then: [{ notify: { severity: info } }]'].join('\n');
function hash(text: string): number {
  return [...text].reduce((h, c) => (h * 31 + c.charCodeAt(0)) | 0, 7);
}

const TAKEOVER = '{ names: [Stream Takeover Failure] }';
const STAGE = '{ detailType: IVS Stage Update }';
const none: EnrichmentNeeds = { session: false, participant: false, participantEvents: false };
const session: EnrichmentNeeds = { session: true, participant: false, participantEvents: false };
const participant: EnrichmentNeeds = { session: false, participant: true, participantEvents: false };

describe('enrichmentNeeds', () => {
  it.each<[string, string, GuardEvent, EnrichmentNeeds]>([
    ['sessionEvents reads the session', policy(TAKEOVER, ['sessionEvents: { atLeast: 3 }']), takeoverFailure(), session],
    ['ingestExceeds reads the session', policy(TAKEOVER, ['ingestExceeds: { videoHeight: 1080 }']), takeoverFailure(), session],
    ['channel reads the session', policy(TAKEOVER, ['channel: { tags: { compliance: record-required } }']), takeoverFailure(), session],
    ['a match path over the session', policy(TAKEOVER, ['match: { path: session.channel.type, op: eq, value: STANDARD }']), takeoverFailure(), session],
    ['a match path reading the session inside a function', policy(TAKEOVER, ['match: { path: "length(session.truncatedEvents)", op: gt, value: 3 }']), takeoverFailure(), session],
    ['a match path over the event only', policy(TAKEOVER, ['match: { path: event.detail.code, op: exists }']), takeoverFailure(), none],
    ['a match path naming session only below the event', policy(TAKEOVER, ['match: { path: event.detail.session, op: absent }']), takeoverFailure(), none],
    ['a session condition inside any', policy(TAKEOVER, ['any: [{ match: { path: event.detail.code, op: absent } }, { sessionEvents: { atLeast: 3 } }]']), takeoverFailure(), session],
    ['a session condition inside not', policy(TAKEOVER, ['not: { channel: { type: BASIC } }']), takeoverFailure(), session],
    ['a participant path', policy(STAGE, ['match: { path: participant.published, op: eq, value: true }']), stageUpdate('Participant Published'), participant],
    ['a participant path inside not', policy(STAGE, ['not: { match: { path: participant.attributes.role, op: eq, value: host } }']), stageUpdate('Participant Published'), participant],
    ['a policy the event does not trigger', policy('{ names: [Stream End] }', ['sessionEvents: { atLeast: 3 }']), takeoverFailure(), none],
    ['a policy of another detail-type', policy('{ detailType: IVS Stream Health Change }', ['sessionEvents: { atLeast: 3 }']), takeoverFailure(), none],
    ['a policy of another source', policy('{ names: [Stream Takeover Failure], source: my.app }', ['sessionEvents: { atLeast: 3 }']), takeoverFailure(), none],
    ['no conditions', policy(TAKEOVER, []), takeoverFailure(), none],
    [
      'a condition on the event alone already fails the policy',
      policy(TAKEOVER, ['match: { path: event.detail.code, op: eq, value: StreamTakeoverMediaMismatch }', 'sessionEvents: { atLeast: 3 }']),
      takeoverFailure(),
      none,
    ],
    [
      'a condition on the event alone holds: the session decides',
      policy(TAKEOVER, ['match: { path: event.detail.code, op: eq, value: StreamTakeoverInvalidPriority }', 'sessionEvents: { atLeast: 3 }']),
      takeoverFailure(),
      session,
    ],
    ['an any already held by the event', policy(TAKEOVER, ['any: [{ match: { path: event.detail.code, op: exists } }, { sessionEvents: { atLeast: 3 } }]']), takeoverFailure(), none],
    [
      'both, from two policies',
      [policy(STAGE, ['match: { path: participant.published, op: eq, value: true }']), policy(STAGE, ['match: { path: session.streamId, op: exists }'])].join('\n'),
      stageUpdate('Participant Published'),
      { session: true, participant: true, participantEvents: false },
    ],
    ['an account-wide limit breach with a session condition', policy('{ names: [Concurrent Broadcasts] }', ['sessionEvents: { atLeast: 1 }']), limitBreach('Concurrent Broadcasts', { accountWide: true }), session],
    ['a moderation request', policy('{ detailType: Viewer Session Revocation Requested }', []), revocationRequest([pair('v1')]), none],
  ])('%s', (_, yaml, event, expected) => {
    expect(enrichmentNeeds(event, policies(yaml))).toEqual(expected);
  });

  it('needs nothing for an event no policy is about', () => {
    expect(enrichmentNeeds(streamState('Stream End'), policies(policy(TAKEOVER, ['sessionEvents: { atLeast: 3 }'])))).toEqual(none);
  });
});
