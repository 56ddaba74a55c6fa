/**
 * What the safety rules must not swallow, and what a redelivery must not repeat, through the handler
 * over in-memory ports.
 */
import type { Context } from 'aws-lambda';
import { beforeEach, describe, expect, it } from 'vitest';
import { FUNCTION_ACTIONS } from '../../domain/functions.ts';
import { makeGuard } from '../../domain/pipeline/guard.ts';
import { loadPolicyDocument } from '../../domain/policy/index.ts';
import { wrapGuard } from '../../handlers/make-handler.ts';
import { FakeAudit, FakeIvs } from '../fakes/ivs-fake.ts';
import { FakeLedger } from '../fakes/ledger-fake.ts';
import { CHANNEL, revocationRequest, sessionWithFailures, sqsBatch, streamStateEvent, takeoverFailure } from '../fakes/events.ts';

const context = { functionName: 'ivs-guard-repeats', awsRequestId: 'repeats' } as unknown as Context;
const SAFETY = 'safety: { cooldownSeconds: 300, maxActionsPerHour: 50 }';

describe('repeated and related requests', () => {
  let ivs: FakeIvs;
  let audit: FakeAudit;
  let ledger: FakeLedger;
  let now: Date;

  const handler = (policies: string, fn: 'stream' | 'moderation') =>
    wrapGuard(makeGuard({ ivs, audit, ledger, policies: loadPolicyDocument(policies), clock: () => now, allowedActions: FUNCTION_ACTIONS[fn] }));

  beforeEach(() => {
    ivs = new FakeIvs().withSession(CHANNEL, sessionWithFailures(3, 60));
    audit = new FakeAudit();
    ledger = new FakeLedger();
    now = new Date('2026-11-20T19:10:00Z');
  });

  const MODERATION = `
version: 1
mode: enforce
${SAFETY}
policies:
  - name: moderation
    on: { detailType: Viewer Session Revocation Requested }
    then: [revokeViewerSessions]
`;

  // Bug: the cooldown of revokeViewerSessions is keyed by (type, channel) — targetOf() gives the channels
  // only — so a request to revoke another viewer on the same channel within cooldownSeconds is skipped
  // ("cooldown: the same action was taken on this target …") and that viewer is never revoked.
  it('revokes a second viewer on the same channel a minute after the first', async () => {
    const moderation = handler(MODERATION, 'moderation');
    await moderation(sqsBatch([revocationRequest([{ viewerId: 'alice' }])]), context);
    now = new Date('2026-11-20T19:11:00Z');

    await moderation(sqsBatch([revocationRequest([{ viewerId: 'bob' }])]), context);

    expect(ivs.callsOf('BatchStartViewerSessionRevocation').map((c) => (c.args[0] as Array<{ viewerId: string }>).map((p) => p.viewerId))).toEqual([['alice'], ['bob']]);
    expect(audit.published.flatMap((d) => d.actions.map((a) => a.status))).toEqual(['applied', 'applied']);
  });

  // The same bug within one batch: BatchScope keys the two revocations apart (by their pairs), but both
  // then reserve the ledger's one cooldown on (revokeViewerSessions, channel), and one of them is refused.
  it('revokes two viewers of one channel asked for in the same batch', async () => {
    const moderation = handler(MODERATION, 'moderation');

    await moderation(sqsBatch([revocationRequest([{ viewerId: 'alice' }]), revocationRequest([{ viewerId: 'bob' }])]), context);

    expect(audit.published.flatMap((d) => d.actions.map((a) => a.status))).toEqual(['applied', 'applied']);
  });

  it('publishes a decision once when SQS delivers its record again', async () => {
    const stream = handler(`
version: 1
mode: enforce
${SAFETY}
policies:
  - name: stream-key-leak
    on: { names: [Stream Takeover Failure] }
    where: [{ sessionEvents: { names: [Stream Takeover Failure], atLeast: 3, withinSeconds: 600 } }]
    then: [stopStream]
`, 'stream');
    const batch = sqsBatch([takeoverFailure()]);

    await stream(batch, context);
    await stream(batch, context);

    expect(audit.published.map((d) => d.policy)).toEqual(['stream-key-leak']);
  });

  // Bug: a decision none of whose actions binds to the event (here revokeViewerSessions on a Stream Start:
  // "event carries no viewer sessions") never reaches the ledger, so carryOut() reports allRecorded = false
  // (`decision.actions.length > 0` is false) and every redelivery — and every archive replay — publishes
  // the event's decisions again, including those of other policies whose actions were recorded.
  it('publishes a decision once when SQS delivers its record again, even when none of its actions could bind', async () => {
    const stream = handler(`
version: 1
mode: enforce
${SAFETY}
policies:
  - name: stop-on-start
    on: { names: [Stream Start] }
    then: [stopStream]
  - name: revoke-on-start
    on: { names: [Stream Start] }
    then: [revokeViewerSessions]
`, 'stream');
    const batch = sqsBatch([streamStateEvent('Stream Start')]);

    await stream(batch, context);
    await stream(batch, context);

    expect(ivs.callsOf('StopStream')).toHaveLength(1);
    expect(audit.published.map((d) => d.policy).sort()).toEqual(['revoke-on-start', 'stop-on-start']);
  });
});
