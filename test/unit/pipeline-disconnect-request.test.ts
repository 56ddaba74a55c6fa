/**
 * The application's `Participant Disconnect Requested` through the moderation function's pipeline (#8.5): by
 * participant ids or by user id, one audited decision per request, a redelivery acts once; and `protectedStages`
 * (#8.4) honoured by the gate for every disconnection.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Context } from 'aws-lambda';
import { finalError, transientError } from '../../domain/errors.ts';
import { FUNCTION_ACTIONS } from '../../domain/functions.ts';
import type { GuardFunction } from '../../domain/functions.ts';
import { makeGuard } from '../../domain/pipeline/guard.ts';
import { loadPolicyDocument } from '../../domain/policy/index.ts';
import { wrapGuard } from '../../handlers/make-handler.ts';
import { eventFromSample } from '../../local/event-builders.ts';
import { FakeAudit, FakeIvs, FakeStage } from '../fakes/ivs-fake.ts';
import { FakeLedger } from '../fakes/ledger-fake.ts';
import { sqsBatch } from '../fakes/events.ts';

const STAGE = 'arn:aws:ivs:us-west-2:123456789012:stage/abcdABCDefgh';
const KEYNOTE = 'arn:aws:ivs:us-west-2:123456789012:stage/keynoteMain1';
const ACTIVE = 'st-ActiveSession';
const policiesWith = (protectedStages = '') => `
version: 1
${protectedStages}
policies:
  - name: moderation-disconnect
    on: { detailType: Participant Disconnect Requested }
    then: [disconnectParticipant]
  - name: unauthorised-publisher
    on: { detailType: IVS Stage Update, names: [Participant Published] }
    then: [{ disconnectParticipant: { reason: "not allowed" } }]
`;
const context = { functionName: 'ivs-guard-test-moderation', awsRequestId: 'req-1' } as unknown as Context;

let sequence = 0;
const nextId = () => `33333333-0000-4000-8000-${String((sequence += 1)).padStart(12, '0')}`;
const byIds = (participantIds: string[], stageArn = STAGE) => eventFromSample('moderation/participant-disconnect-requested', { id: nextId(), detail: { stageArn, participantIds } });
const byUser = (userId: string, detail: Record<string, unknown> = {}) => eventFromSample('moderation/participant-disconnect-requested-by-user', { id: nextId(), detail: { userId, ...detail } });
const published = (stageArn: string) => eventFromSample('stage/participant-published', { id: nextId(), resources: [stageArn] });

describe('Participant Disconnect Requested', () => {
  let stage: FakeStage;
  let audit: FakeAudit;
  let ledger: FakeLedger;
  const handler = (policies = policiesWith(), fn: GuardFunction = 'moderation') =>
    wrapGuard(makeGuard({ ivs: new FakeIvs(), stage, audit, ledger, policies: loadPolicyDocument(policies), clock: () => new Date('2026-11-20T19:50:00Z'), allowedActions: FUNCTION_ACTIONS[fn] }));
  const outcomes = () => audit.published.flatMap((d) => d.actions.map((a) => [d.policy, a.target, a.status, a.reason]));

  beforeEach(() => {
    stage = new FakeStage();
    audit = new FakeAudit();
    ledger = new FakeLedger();
    stage.activeSessions.set(STAGE, ACTIVE);
    stage.summaries.push(
      { participantId: 'viewerOld001', userId: 'viewer-7', state: 'DISCONNECTED' },
      { participantId: 'viewerTab001', userId: 'viewer-7', state: 'CONNECTED' },
      { participantId: 'viewerTab002', userId: 'viewer-7', state: 'CONNECTED' },
      { participantId: 'hostPart0001', userId: 'host-1', state: 'CONNECTED' },
    );
  });

  it('disconnects the participants it names, with its reason, in one audited decision', async () => {
    expect(await handler()(sqsBatch([byIds(['p-1', 'p-2'])]), context)).toEqual({ batchItemFailures: [] });

    expect(stage.callsOf('DisconnectParticipant').map((c) => c.args)).toEqual([
      [STAGE, 'p-1', 'moderation: removed from the stage (ticket MOD-4822)'],
      [STAGE, 'p-2', 'moderation: removed from the stage (ticket MOD-4822)'],
    ]);
    expect(outcomes()).toEqual([['moderation-disconnect', `${STAGE}#p-1,p-2`, 'applied', 'disconnected 2 participants (p-1, p-2)']]);
    expect(audit.published[0]?.evidence[0]).toBe(
      `Participant Disconnect Requested from ivs-guard.moderation at 2026-11-20T19:46:00Z: participants p-1, p-2 on ${STAGE}, reason: moderation: removed from the stage (ticket MOD-4822)`,
    );
  });

  it('a participant already gone counts as done', async () => {
    stage.failNext('DisconnectParticipant', finalError('not found', 'ResourceNotFoundException'));
    await handler()(sqsBatch([byIds(['p-1', 'p-2'])]), context);
    expect(outcomes()).toEqual([['moderation-disconnect', `${STAGE}#p-1,p-2`, 'applied', 'disconnected 1 participant (p-2); 1 already disconnected (p-1)']]);
  });

  it("by user id: every one of the user's participants connected to the active session, nobody else", async () => {
    await handler()(sqsBatch([byUser('viewer-7')]), context);

    expect(stage.callsOf('GetStage').map((c) => c.args)).toEqual([[STAGE]]);
    expect(stage.callsOf('ListParticipants').map((c) => c.args)).toEqual([[STAGE, ACTIVE, { userId: 'viewer-7' }]]);
    expect(stage.callsOf('DisconnectParticipant').map((c) => c.args[1])).toEqual(['viewerTab001', 'viewerTab002']);
    expect(outcomes()).toEqual([['moderation-disconnect', `${STAGE}#user/viewer-7`, 'applied', 'user viewer-7: disconnected 2 participants (viewerTab001, viewerTab002)']]);
  });

  it('by user id in the session the request names: GetStage is not asked', async () => {
    await handler()(sqsBatch([byUser('viewer-7', { sessionId: 'st-a1b2c3d4e5f6g' })]), context);
    expect(stage.callsOf('GetStage')).toEqual([]);
    expect(stage.callsOf('ListParticipants').map((c) => c.args)).toEqual([[STAGE, 'st-a1b2c3d4e5f6g', { userId: 'viewer-7' }]]);
  });

  it.each([
    ['a user with no connected participant', () => byUser('viewer-9'), 'user viewer-9: no participant connected in session st-ActiveSession'],
    ['a stage without an active session', () => byUser('viewer-7', { stageArn: 'arn:aws:ivs:us-west-2:123456789012:stage/quietStage01' }), 'user viewer-7: the stage has no active session, no participant to disconnect'],
  ])('%s: applied, nothing disconnected, and it says why', async (_, request, reason) => {
    await handler()(sqsBatch([request()]), context);
    expect(stage.callsOf('DisconnectParticipant')).toEqual([]);
    expect(outcomes().map((o) => o[3])).toEqual([reason]);
  });

  it('a redelivery acts once: the ledger gives back the first outcome, and the decision is published once', async () => {
    const request = byUser('viewer-7');
    await handler()(sqsBatch([request]), context);
    stage.summaries.push({ participantId: 'viewerTab003', userId: 'viewer-7', state: 'CONNECTED' });

    expect(await handler()(sqsBatch([request]), context)).toEqual({ batchItemFailures: [] });

    expect(stage.callsOf('DisconnectParticipant').map((c) => c.args[1])).toEqual(['viewerTab001', 'viewerTab002']);
    expect(audit.published.map((d) => d.eventId)).toEqual([request.id]);
  });

  it('a throttle mid-way fails the record for SQS; the retry disconnects the rest', async () => {
    stage.failNext('DisconnectParticipant', transientError('slow down', 'ThrottlingException'), 1, STAGE);
    const request = byIds(['p-1', 'p-2']);
    expect(await handler()(sqsBatch([request]), context)).toEqual({ batchItemFailures: [{ itemIdentifier: 'msg-0' }] });
    expect(await handler()(sqsBatch([request]), context)).toEqual({ batchItemFailures: [] });
    expect(outcomes()).toEqual([['moderation-disconnect', `${STAGE}#p-1,p-2`, 'applied', 'disconnected 2 participants (p-1, p-2)']]);
  });
});

describe('protectedStages', () => {
  let stage: FakeStage;
  let audit: FakeAudit;
  const run = async (protectedStages: string, event: Record<string, unknown>, fn: GuardFunction) => {
    const guard = makeGuard({ ivs: new FakeIvs(), stage, audit, ledger: new FakeLedger(), policies: loadPolicyDocument(policiesWith(protectedStages)), clock: () => new Date('2026-11-20T19:50:00Z'), allowedActions: FUNCTION_ACTIONS[fn] });
    return wrapGuard(guard)(sqsBatch([event]), context);
  };

  beforeEach(() => {
    stage = new FakeStage();
    audit = new FakeAudit();
    stage.tags.set(KEYNOTE, { guard: 'off', team: 'events' });
    stage.tags.set(STAGE, { guard: 'on' });
  });

  const GLOB = 'protectedStages: { arns: ["arn:aws:ivs:*:*:stage/keynote*"] }';
  const TAGS = 'protectedStages: { tags: { guard: "off" } }';
  it.each<[string, string, () => Record<string, unknown>, GuardFunction, string, string | undefined, number]>([
    ['a request on a stage an ARN glob protects', GLOB, () => byIds(['p-1'], KEYNOTE), 'moderation', 'skipped', "protected stage: ARN matches 'arn:aws:ivs:*:*:stage/keynote*'", 0],
    ['a request on a stage carrying the protected tag', TAGS, () => byIds(['p-1'], KEYNOTE), 'moderation', 'skipped', 'protected stage: tag guard=off', 0],
    ['a request on a stage with the tag at another value', TAGS, () => byIds(['p-1'], STAGE), 'moderation', 'applied', 'participant p-1 disconnected', 1],
    ['a request on a stage no glob matches', GLOB, () => byIds(['p-1'], STAGE), 'moderation', 'applied', 'participant p-1 disconnected', 1],
    ['a stage event on a protected stage', GLOB, () => published(KEYNOTE), 'stage', 'skipped', "protected stage: ARN matches 'arn:aws:ivs:*:*:stage/keynote*'", 0],
    ['a stage event on a stage tagged protected', TAGS, () => published(KEYNOTE), 'stage', 'skipped', 'protected stage: tag guard=off', 0],
    ['no protected stages', '', () => published(KEYNOTE), 'stage', 'applied', 'participant abCDEf12GHIj disconnected', 1],
  ])('%s', async (_, rules, event, fn, status, reason, disconnects) => {
    await run(rules, event(), fn);
    expect(audit.published.flatMap((d) => d.actions.map((a) => [a.status, a.reason]))).toEqual([[status, reason]]);
    expect(stage.callsOf('DisconnectParticipant')).toHaveLength(disconnects);
  });

  it("reads a stage's tags once per batch, and only when tag rules exist and no glob decided", async () => {
    await run(`protectedStages: { arns: ["arn:aws:ivs:*:*:stage/keynote*"], tags: { guard: "off" } }`, byIds(['p-1'], KEYNOTE), 'moderation');
    expect(stage.callsOf('ListTagsForResource')).toEqual([]);
    const batch = sqsBatch([byIds(['p-1']), byIds(['p-2']), byUser('viewer-7', { sessionId: 'st-a1b2c3d4e5f6g' })]);
    const guard = makeGuard({ ivs: new FakeIvs(), stage, audit, ledger: new FakeLedger(), policies: loadPolicyDocument(policiesWith(TAGS)), clock: () => new Date('2026-11-20T19:50:00Z'), allowedActions: FUNCTION_ACTIONS.moderation });
    await wrapGuard(guard)(batch, context);
    expect(stage.callsOf('ListTagsForResource').map((c) => c.args)).toEqual([[STAGE]]);
  });

  it('a stage whose tags cannot be read (not found) fails the action once, with the reason', async () => {
    stage.failNext('ListTagsForResource', finalError('IVS RealTime ListTagsForResource failed: ResourceNotFoundException', 'ResourceNotFoundException'));
    expect(await run(TAGS, byIds(['p-1']), 'moderation')).toEqual({ batchItemFailures: [] });
    expect(audit.published.flatMap((d) => d.actions.map((a) => [a.status, a.reason]))).toEqual([
      ['failed', 'could not tell whether the stage is protected: IVS RealTime ListTagsForResource failed: ResourceNotFoundException'],
    ]);
    expect(stage.callsOf('DisconnectParticipant')).toEqual([]);
  });
});
