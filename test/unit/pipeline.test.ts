import { beforeEach, describe, expect, it } from 'vitest';
import type { Context } from 'aws-lambda';
import { finalError, transientError } from '../../domain/errors.ts';
import { FUNCTION_ACTIONS } from '../../domain/functions.ts';
import { makeGuard } from '../../domain/pipeline/guard.ts';
import { loadPolicyDocument } from '../../domain/policy/index.ts';
import { wrapGuard } from '../../handlers/make-handler.ts';
import { FakeAudit, FakeIvs } from '../fakes/ivs-fake.ts';
import { FakeLedger } from '../fakes/ledger-fake.ts';
import { CHANNEL, OTHER_CHANNEL, revocationRequest, sessionWithFailures, sqsBatch, streamStateEvent, takeoverFailure } from '../fakes/events.ts';

const POLICIES = `
version: 1
mode: enforce
protectedChannels:
  arns: ["arn:aws:ivs:*:*:channel/keepalive*"]
  tags: { guard: "off" }
safety: { cooldownSeconds: 300, maxActionsPerHour: 50 }
policies:
  - name: stream-key-leak
    on: { detailType: IVS Stream State Change, names: [Stream Takeover Failure] }
    where:
      - sessionEvents: { names: [Stream Takeover Failure], atLeast: 3, withinSeconds: 600 }
    then: [rotateStreamKey, stopStream]
  - name: moderation
    on: { detailType: Viewer Session Revocation Requested }
    then: [revokeViewerSessions]
`;

const context = { functionName: 'ivs-guard-test-stream', awsRequestId: 'req-1' } as unknown as Context;

describe('the stream pipeline', () => {
  let ivs: FakeIvs;
  let audit: FakeAudit;
  let ledger: FakeLedger;

  const handler = (policies = POLICIES, fn: 'stream' | 'moderation' = 'stream') =>
    wrapGuard(
      makeGuard({
        ivs,
        audit,
        ledger,
        policies: loadPolicyDocument(policies),
        clock: () => new Date('2026-11-20T19:10:30Z'),
        allowedActions: FUNCTION_ACTIONS[fn],
      }),
    );

  beforeEach(() => {
    ivs = new FakeIvs().withSession(CHANNEL, sessionWithFailures(3, 60)).withSession(OTHER_CHANNEL, sessionWithFailures(3, 60));
    audit = new FakeAudit();
    ledger = new FakeLedger();
  });

  it('answers a batch of good, bad and failing records with exactly the failing ones', async () => {
    ivs.failNext('StopStream', transientError('Rate exceeded', 'ThrottlingException'), 1, OTHER_CHANNEL);
    const batch = sqsBatch([
      takeoverFailure(), // msg-0: acts
      '{not json', // msg-1: rejected, not retried
      { ...takeoverFailure(), resources: ['arn:aws:ivs:us-west-2:1:channel/'] }, // msg-2: rejected
      takeoverFailure({ channelArn: OTHER_CHANNEL }), // msg-3: StopStream throttled: retried
      streamStateEvent('Stream Start'), // msg-4: no policy fires
    ]);

    const response = await handler()(batch, context);

    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'msg-3' }] });
    expect(ivs.callsOf('StopStream').map((c) => c.args[0])).toEqual([CHANNEL, OTHER_CHANNEL]);
    expect(audit.published.map((d) => [d.channelArn, d.policy, d.actions.map((a) => `${a.type}:${a.status}`)])).toEqual([
      [CHANNEL, 'stream-key-leak', ['rotateStreamKey:applied', 'stopStream:applied']],
    ]);
  });

  it('plans every action and records and publishes nothing when plan-only (replay --live without --apply)', async () => {
    const outcomes: string[] = [];
    const guard = makeGuard({
      ivs,
      audit,
      ledger,
      policies: loadPolicyDocument(POLICIES),
      clock: () => new Date('2026-11-20T19:10:30Z'),
      planOnly: true,
      onOutcome: (_, outcome) => outcomes.push(outcome.status === 'processed' ? outcome.decisions.flatMap((d) => d.actions.map((a) => `${a.type}:${a.status}`)).join(',') : outcome.status),
    });

    await wrapGuard(guard)(sqsBatch([takeoverFailure()]), context);

    expect(outcomes).toEqual(['rotateStreamKey:planned,stopStream:planned']);
    expect(ivs.callsOf('StopStream')).toHaveLength(0);
    expect(ivs.callsOf('RotateStreamKey')).toHaveLength(0);
    expect(audit.published).toEqual([]);
    expect(ledger.entries.size).toBe(0);
    expect(ledger.calls).toEqual([]);
  });

  it('fetches one stream session for five events of one stream', async () => {
    await handler()(sqsBatch([1, 2, 3, 4, 5].map(() => takeoverFailure())), context);

    expect(ivs.callsOf('GetStreamSession')).toHaveLength(1);
  });

  it('takes an action once per target in a batch and says so for the others', async () => {
    await handler()(sqsBatch([takeoverFailure(), takeoverFailure()]), context);

    expect(ivs.callsOf('StopStream')).toHaveLength(1);
    expect(ivs.callsOf('RotateStreamKey')).toHaveLength(1);
    const [, second] = audit.published;
    expect(second?.actions.map((a) => a.status)).toEqual(['skipped', 'skipped']);
    expect(second?.actions[0]?.reason).toMatch(/^already done in this batch for event /);
  });

  it('fetches no session for an event no policy needs', async () => {
    await handler()(sqsBatch([streamStateEvent('Stream Start'), streamStateEvent('Stream End')]), context);

    expect(ivs.calls).toEqual([]);
  });

  it('records a final failure as failed and does not retry the record', async () => {
    ivs.failNext('RotateStreamKey', finalError('User is not authorized to perform ivs:DeleteStreamKey', 'AccessDeniedException'));

    const response = await handler()(sqsBatch([takeoverFailure()]), context);

    expect(response).toEqual({ batchItemFailures: [] });
    expect(audit.published[0]?.actions).toEqual([
      expect.objectContaining({ type: 'rotateStreamKey', status: 'failed', reason: 'User is not authorized to perform ivs:DeleteStreamKey' }),
      expect.objectContaining({ type: 'stopStream', status: 'applied' }),
    ]);
  });

  it('retries the record when the audit bus cannot take its decisions', async () => {
    audit.failNext('PutEvents', transientError('1 of 1 entries failed', 'PutEventsFailed'));

    const response = await handler()(sqsBatch([takeoverFailure()]), context);

    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'msg-0' }] });
  });

  it('stays quiet with two failures in the window', async () => {
    ivs.withSession(CHANNEL, sessionWithFailures(2, 60));

    await handler()(sqsBatch([takeoverFailure()]), context);

    expect(audit.published).toEqual([]);
    expect(ivs.callsOf('StopStream')).toEqual([]);
  });

  it('skips a channel protected by its tags, read from the session', async () => {
    ivs.withSession(CHANNEL, sessionWithFailures(3, 60, undefined, { guard: 'off' }));

    await handler()(sqsBatch([takeoverFailure()]), context);

    expect(ivs.callsOf('StopStream')).toEqual([]);
    expect(audit.published[0]?.actions.map((a) => [a.status, a.reason])).toEqual([
      ['skipped', expect.stringContaining('guard=off')],
      ['skipped', expect.stringContaining('guard=off')],
    ]);
  });

  it('only plans in dry-run mode', async () => {
    await handler(POLICIES.replace('mode: enforce', 'mode: dry-run'))(sqsBatch([takeoverFailure()]), context);

    expect(ivs.callsOf('StopStream')).toEqual([]);
    expect(audit.published[0]).toMatchObject({ mode: 'dry-run', actions: [{ status: 'planned' }, { status: 'planned' }] });
  });

  it('revokes the pairs of a moderation request, leaving a protected channel out', async () => {
    const keepalive = 'arn:aws:ivs:us-west-2:123456789012:channel/keepaliveAAAA';
    ivs.tags.set(CHANNEL, {});
    const request = revocationRequest([{ viewerId: 'viewer-1' }, { viewerId: 'viewer-2', channelArn: keepalive }]);

    const response = await handler(POLICIES, 'moderation')(sqsBatch([request]), context);

    expect(response).toEqual({ batchItemFailures: [] });
    expect(ivs.callsOf('BatchStartViewerSessionRevocation').map((c) => c.args[0])).toEqual([
      [{ channelArn: CHANNEL, viewerId: 'viewer-1', viewerSessionVersionsLessThanOrEqualTo: 0 }],
    ]);
    expect(audit.published[0]?.actions[0]).toMatchObject({ status: 'applied', reason: expect.stringContaining('keepalive') });
  });

  it('skips actions the function may not take', async () => {
    await handler(POLICIES, 'moderation')(sqsBatch([takeoverFailure()]), context);

    expect(ivs.callsOf('StopStream')).toEqual([]);
    expect(audit.published[0]?.actions.map((a) => a.reason)).toEqual(['this function may not rotateStreamKey', 'this function may not stopStream']);
  });

  it('publishes on the retry what a failed publish lost, without acting again, and nothing on a third delivery', async () => {
    audit.failNext('PutEvents', transientError('1 of 1 entries failed', 'PutEventsFailed'));
    const event = takeoverFailure();

    const first = await handler()(sqsBatch([event]), context);
    const second = await handler()(sqsBatch([event]), context);
    const third = await handler()(sqsBatch([event]), context);

    expect([first, second, third]).toEqual([{ batchItemFailures: [{ itemIdentifier: 'msg-0' }] }, { batchItemFailures: [] }, { batchItemFailures: [] }]);
    expect(ivs.callsOf('StopStream')).toHaveLength(1);
    expect(ivs.callsOf('RotateStreamKey')).toHaveLength(1);
    expect(audit.published).toHaveLength(1);
    expect(audit.published[0]?.actions.map((a) => [a.status, a.reason])).toEqual([
      // #7.4: the outcome as it happened (applied), never skipped on the bus; the reason says it was reused.
      ['applied', expect.stringMatching(/^deleted .* \(reused: decided for this event on an earlier delivery at .*\)$/)],
      ['applied', expect.stringMatching(/^stream stopped \(reused: decided for this event on an earlier delivery at .*\)$/)],
    ]);
  });

  it('resumes a half-done event where it stopped: the applied action is not taken again', async () => {
    ivs.failNext('StopStream', transientError('Service unavailable', 'StreamUnavailable'));
    const event = takeoverFailure();

    await handler()(sqsBatch([event]), context);
    await handler()(sqsBatch([event]), context);

    expect(ivs.callsOf('RotateStreamKey')).toHaveLength(1);
    expect(ivs.callsOf('StopStream')).toHaveLength(2);
    expect(audit.published[0]?.actions.map((a) => a.status)).toEqual(['applied', 'applied']); // #7.4: the reused rotation stays applied
  });
});

