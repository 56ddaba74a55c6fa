/**
 * The enrich step for `participantEvents` (#8.3): a participant's events are read once per stage, session and
 * participant in a batch, and only for an event a policy that counts them could still fire on.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Context } from 'aws-lambda';
import { FUNCTION_ACTIONS } from '../../domain/functions.ts';
import { makeGuard } from '../../domain/pipeline/guard.ts';
import { loadPolicyDocument } from '../../domain/policy/index.ts';
import { wrapGuard } from '../../handlers/make-handler.ts';
import { eventFromSample } from '../../local/event-builders.ts';
import { FakeAudit, FakeIvs, FakeStage } from '../fakes/ivs-fake.ts';
import { FakeLedger } from '../fakes/ledger-fake.ts';
import { sqsBatch } from '../fakes/events.ts';

const STAGE = 'arn:aws:ivs:us-west-2:123456789012:stage/abcdABCDefgh';
const SESSION = 'st-a1b2c3d4e5f6g';
const POLICIES = `
version: 1
policies:
  - name: publish-errors
    on: { detailType: IVS Stage Update, names: [Participant Publish Error] }
    where:
      - match: { path: event.detail.error_code, op: ne, value: QUOTA_EXCEEDED }
      - participantEvents: { names: [PUBLISH_ERROR], atLeast: 3, withinSeconds: 60 }
    then: [{ notify: { severity: warning } }]
`;
const context = { functionName: 'ivs-guard-test-stage', awsRequestId: 'req-1' } as unknown as Context;

let sequence = 0;
function publishError(participantId: string, time: string, errorCode = 'BITRATE_EXCEEDED', sessionId = SESSION) {
  sequence += 1;
  return eventFromSample('stage/participant-publish-error', {
    id: `22222222-0000-4000-8000-${String(sequence).padStart(12, '0')}`,
    time,
    detail: { participant_id: participantId, session_id: sessionId, event_time: time, error_code: errorCode },
  });
}
const errorsAt = (participantId: string, ...times: string[]) => times.map((eventTime) => ({ name: 'PUBLISH_ERROR', participantId, eventTime, errorCode: 'BITRATE_EXCEEDED' }));

describe('participantEvents in the pipeline', () => {
  let stage: FakeStage;
  let audit: FakeAudit;
  const handler = () =>
    wrapGuard(
      makeGuard({
        ivs: new FakeIvs(),
        stage,
        audit,
        ledger: new FakeLedger(),
        policies: loadPolicyDocument(POLICIES),
        clock: () => new Date('2026-11-20T18:01:00Z'),
        allowedActions: FUNCTION_ACTIONS.stage,
      }),
    );

  beforeEach(() => {
    stage = new FakeStage();
    audit = new FakeAudit();
    stage.events.set('abCDEf12GHIj', errorsAt('abCDEf12GHIj', '2026-11-20T18:00:10.000Z', '2026-11-20T18:00:30.000Z', '2026-11-20T18:00:50.000Z'));
    stage.events.set('otherPart001', errorsAt('otherPart001', '2026-11-20T18:00:50.000Z'));
  });

  it('reads each participant once for the batch, and notifies for the one with 3 errors in the window', async () => {
    const batch = sqsBatch([
      publishError('abCDEf12GHIj', '2026-11-20T18:00:30Z'),
      publishError('abCDEf12GHIj', '2026-11-20T18:00:50Z'),
      publishError('otherPart001', '2026-11-20T18:00:50Z'),
      publishError('abCDEf12GHIj', '2026-11-20T18:00:50Z', 'BITRATE_EXCEEDED', 'st-OtherSession1'),
    ]);

    expect(await handler()(batch, context)).toEqual({ batchItemFailures: [] });

    expect(stage.callsOf('ListParticipantEvents').map((call) => call.args)).toEqual([
      [STAGE, SESSION, 'abCDEf12GHIj'],
      [STAGE, SESSION, 'otherPart001'],
      [STAGE, 'st-OtherSession1', 'abCDEf12GHIj'],
    ]);
    expect(stage.callsOf('GetParticipant')).toEqual([]);
    // At 18:00:30 two of the three errors had happened; at 18:00:50 all three (the other session's answer is the same fake list).
    expect(audit.published.map((d) => [d.eventTime, d.policy, d.evidence.at(-1)])).toEqual([
      ['2026-11-20T18:00:50Z', 'publish-errors', 'participant abCDEf12GHIj: 3 publish errors in 40 s: BITRATE_EXCEEDED ×3 (at least 3 within 60 s)'],
      ['2026-11-20T18:00:50Z', 'publish-errors', 'participant abCDEf12GHIj: 3 publish errors in 40 s: BITRATE_EXCEEDED ×3 (at least 3 within 60 s)'],
    ]);
  });

  it('reads nothing when a condition on the event alone already fails the policy', async () => {
    expect(await handler()(sqsBatch([publishError('abCDEf12GHIj', '2026-11-20T18:00:50Z', 'QUOTA_EXCEEDED')]), context)).toEqual({ batchItemFailures: [] });
    expect(stage.callsOf('ListParticipantEvents')).toEqual([]);
    expect(audit.published).toEqual([]);
  });
});
