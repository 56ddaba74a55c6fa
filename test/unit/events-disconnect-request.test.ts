/**
 * The `Participant Disconnect Requested` contract (#8.5): what it takes from the application, and the rejections
 * that name the field and what to fix.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatRejections, parseGuardEvent } from '../../domain/events/index.ts';
import type { GuardEvent, ParseResult } from '../../domain/events/index.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type SampleJson = any;

const STAGE = 'arn:aws:ivs:us-west-2:123456789012:stage/abcdABCDefgh';
const sample = (name = 'participant-disconnect-requested'): SampleJson => JSON.parse(readFileSync(new URL(`../../events/samples/moderation/${name}.json`, import.meta.url), 'utf8'));
function edited(change: (event: SampleJson) => void, name?: string): SampleJson {
  const event = sample(name);
  change(event);
  return event;
}

function accepted(result: ParseResult): GuardEvent {
  if (!result.ok) expect.fail(`rejected: ${formatRejections(result.rejections)}`);
  return result.event;
}

describe('Participant Disconnect Requested', () => {
  it('takes the stage, the participant ids and the reason', () => {
    expect(accepted(parseGuardEvent(sample()))).toMatchObject({
      kind: 'disconnect-request',
      detailType: 'Participant Disconnect Requested',
      name: 'Participant Disconnect Requested',
      source: 'ivs-guard.moderation',
      stageArn: STAGE,
      participantIds: ['abCDEf12GHIj'],
      reason: 'moderation: removed from the stage (ticket MOD-4822)',
    });
  });

  it('takes a user id instead, and a session to look in', () => {
    const event = accepted(parseGuardEvent(edited((e) => (e.detail.sessionId = 'st-a1b2c3d4e5f6g'), 'participant-disconnect-requested-by-user')));
    expect(event).toMatchObject({ kind: 'disconnect-request', stageArn: STAGE, userId: 'viewer-7', sessionId: 'st-a1b2c3d4e5f6g' });
    expect(event).not.toHaveProperty('participantIds');
  });

  it('takes each participant id once, ids with - and _ (a self-signed token jti) included', () => {
    const event = accepted(parseGuardEvent(edited((e) => (e.detail.participantIds = ['a-1', 'b_2', 'a-1']))));
    expect(event).toMatchObject({ participantIds: ['a-1', 'b_2'] });
  });

  it('takes 100 ids, from the deployment source, keeps unknown fields in raw, and needs no reason', () => {
    const ids = Array.from({ length: 100 }, (_, i) => `p${i}`);
    const event = accepted(
      parseGuardEvent(
        edited((e) => {
          e.source = 'acme.moderation';
          e.detail.participantIds = ids;
          e.detail.ticket = 'MOD-1';
          delete e.detail.reason;
        }),
        { moderationSource: 'acme.moderation' },
      ),
    );
    expect(event).toMatchObject({ participantIds: ids });
    expect(event).not.toHaveProperty('reason');
    expect((event.raw.detail as { ticket: string }).ticket).toBe('MOD-1');
  });

  it.each<[string, SampleJson, string, string | RegExp]>([
    ['no stageArn', edited((e) => delete e.detail.stageArn), 'detail.stageArn', 'is required'],
    ['a channel ARN for the stage', edited((e) => (e.detail.stageArn = 'arn:aws:ivs:us-west-2:123456789012:channel/abcdABCDefgh')), 'detail.stageArn', /^must be a stage ARN like arn:aws:ivs:<region>:<account>:stage\/<id>; got /],
    ['a stage ARN with a bad id', edited((e) => (e.detail.stageArn = `${STAGE}/x`)), 'detail.stageArn', /^must be a stage ARN/],
    ['neither participants nor a user', edited((e) => delete e.detail.participantIds), 'detail.participantIds', 'is required: name the participants to disconnect (participantIds), or a userId'],
    ['both participants and a user', edited((e) => (e.detail.userId = 'viewer-7')), 'detail.userId', 'cannot be given with participantIds: name the participants or the user, not both'],
    ['an empty list', edited((e) => (e.detail.participantIds = [])), 'detail.participantIds', 'must name at least one participant id (or leave it out and name a userId)'],
    ['101 participant ids', edited((e) => (e.detail.participantIds = Array.from({ length: 101 }, (_, i) => `p${i}`))), 'detail.participantIds', 'names more than 100 participants: send several requests'],
    ['a participant id with a space', edited((e) => (e.detail.participantIds = ['ab CD'])), 'detail.participantIds[0]', "must be a participant id: 1 to 64 letters, digits, '-' or '_'; got 'ab CD'"],
    ['an empty participant id', edited((e) => (e.detail.participantIds = ['ok', ''])), 'detail.participantIds[1]', /^must be a participant id/],
    ['a participant id of 65 characters', edited((e) => (e.detail.participantIds = ['p'.repeat(65)])), 'detail.participantIds[0]', /^must be a participant id: 1 to 64/],
    ['participantIds that is a string', edited((e) => (e.detail.participantIds = 'abCDEf12GHIj')), 'detail.participantIds', /^must be an array of participant ids/],
    ['an empty user id', edited((e) => (e.detail.userId = ''), 'participant-disconnect-requested-by-user'), 'detail.userId', 'must not be empty'],
    ['a user id of 129 characters', edited((e) => (e.detail.userId = 'u'.repeat(129)), 'participant-disconnect-requested-by-user'), 'detail.userId', 'must be at most 128 characters, not 129'],
    ['a session id that is not one', edited((e) => (e.detail.sessionId = 'session-1'), 'participant-disconnect-requested-by-user'), 'detail.sessionId', /^must be a stage session id/],
    ['a session id with participant ids', edited((e) => (e.detail.sessionId = 'st-a1b2c3d4e5f6g')), 'detail.sessionId', /^is only read with a userId/],
    ['a reason longer than DisconnectParticipant takes', edited((e) => (e.detail.reason = 'r'.repeat(129))), 'detail.reason', 'must be at most 128 characters, not 129'],
    ['another source', edited((e) => (e.source = 'aws.ivs')), 'detail-type', "'Participant Disconnect Requested' is only accepted from source 'ivs-guard.moderation', not 'aws.ivs'"],
  ])('rejects %s', (_, event, field, reason) => {
    const result = parseGuardEvent(event);
    if (result.ok) expect.fail(`accepted a ${result.event.kind} event`);
    const found = result.rejections.find((rejection) => rejection.field === field);
    expect(found, formatRejections(result.rejections)).toBeDefined();
    if (typeof reason === 'string') expect(found?.reason).toBe(reason);
    else expect(found?.reason).toMatch(reason);
  });
});
