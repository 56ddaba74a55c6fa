/**
 * The safety rules hold across containers: several guards (each its own `makeGuard`, its own ledger
 * adapter and DynamoDB client, as separate Lambda containers have) share one ledger table on one
 * dynalite and handle their batches at the same moment. However the requests interleave, the hour's
 * budget is never overspent, it is announced once, and a cooldown lets one of many events act.
 */
import type { Context, SQSBatchResponse } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FUNCTION_ACTIONS } from '../../domain/functions.ts';
import { makeGuard } from '../../domain/pipeline/guard.ts';
import { loadPolicyDocument } from '../../domain/policy/index.ts';
import type { DecisionRecord } from '../../domain/ports.ts';
import { wrapGuard } from '../../handlers/make-handler.ts';
import { FakeAudit, FakeIvs } from '../fakes/ivs-fake.ts';
import { sqsBatch, streamStateEvent } from '../fakes/events.ts';
import { LedgerHarness } from './ledger-harness.ts';

const NOW = new Date('2026-11-20T19:10:00Z');
const channel = (n: number) => `arn:aws:ivs:us-west-2:123456789012:channel/conc${String(n).padStart(8, '0')}`;

/** Every Stream Start is decided: stop the stream. No enrichment, so nothing but the ledger orders the guards. */
const policies = (safety: { cooldownSeconds: number; maxActionsPerHour: number }) =>
  loadPolicyDocument(`
version: 1
mode: enforce
protectedChannels: { arns: ["arn:aws:ivs:*:*:channel/keepalive*"] }
safety: { cooldownSeconds: ${safety.cooldownSeconds}, maxActionsPerHour: ${safety.maxActionsPerHour} }
policies:
  - name: stop-on-start
    on: { detailType: IVS Stream State Change, names: [Stream Start] }
    then: [stopStream]
`);

interface Container {
  ivs: FakeIvs;
  audit: FakeAudit;
  handler: ReturnType<typeof wrapGuard>;
}

let harness: LedgerHarness;
beforeAll(async () => {
  harness = await LedgerHarness.start();
});
afterAll(async () => {
  await harness.stop();
});

/** `count` containers on one fresh ledger table, each with its own ledger client, IVS and audit bus. */
async function containers(count: number, safety: { cooldownSeconds: number; maxActionsPerHour: number }, live: string[]): Promise<Container[]> {
  const tableName = await harness.table();
  return Array.from({ length: count }, () => {
    const ivs = new FakeIvs();
    for (const arn of live) ivs.live.add(arn);
    const audit = new FakeAudit();
    const guard = makeGuard({ ivs, audit, ledger: harness.ledger(tableName), policies: policies(safety), clock: () => NOW, allowedActions: FUNCTION_ACTIONS.stream });
    return { ivs, audit, handler: wrapGuard(guard) };
  });
}

/** Every container handles its batch at the same time. */
async function deliverAtOnce(fleet: Container[], batches: Array<Array<Record<string, unknown>>>): Promise<SQSBatchResponse[]> {
  return Promise.all(
    fleet.map((container, index) => container.handler(sqsBatch(batches[index] ?? []), { functionName: `ivs-guard-conc-${index}`, awsRequestId: `conc-${index}` } as unknown as Context)),
  );
}

const published = (fleet: Container[]): DecisionRecord[] => fleet.flatMap((c) => c.audit.published);
const stopCalls = (fleet: Container[]) => fleet.flatMap((c) => c.ivs.callsOf('StopStream'));
const stopOutcomes = (fleet: Container[]) => published(fleet).filter((d) => d.policy === 'stop-on-start').flatMap((d) => d.actions);

describe('the hourly action budget, spent by four containers at once', () => {
  it.each([1, 7, 20])('never applies more than %i actions in the hour, and says so once, loudly', async (budget) => {
    const events = 32;
    const fleet = await containers(4, { cooldownSeconds: 300, maxActionsPerHour: budget }, Array.from({ length: events }, (_, i) => channel(i)));
    // Event i goes to container i % 4: each container gets a batch of 8 records on 8 different channels.
    const batches = fleet.map((_, c) => Array.from({ length: events / fleet.length }, (_, k) => streamStateEvent('Stream Start', { channelArn: channel(k * fleet.length + c) })));

    const responses = await deliverAtOnce(fleet, batches);

    expect(responses).toEqual(fleet.map(() => ({ batchItemFailures: [] })));
    const outcomes = stopOutcomes(fleet);
    expect(outcomes).toHaveLength(events);
    expect(outcomes.filter((o) => o.status === 'applied')).toHaveLength(budget);
    expect(stopCalls(fleet)).toHaveLength(budget);
    expect(new Set(stopCalls(fleet).map((call) => call.args[0])).size).toBe(budget);
    const refused = outcomes.filter((o) => o.status !== 'applied');
    expect(refused.map((o) => [o.status, o.reason])).toEqual(refused.map(() => ['skipped', `budget exhausted: ${budget} of ${budget} actions this hour`]));

    const alerts = published(fleet).filter((d) => d.policy === 'ivs-guard/safety');
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      severity: 'critical',
      evidence: [`action budget exhausted: ${budget} of ${budget} actions this hour; the guard takes no more actions until the hour turns`],
    });
  });
});

describe('the cooldown, raced by six containers', () => {
  it.each([1, 2, 3, 4, 5])('lets one of twelve events stop the same stream, however the requests interleave (round %i)', async () => {
    const target = channel(900);
    const fleet = await containers(6, { cooldownSeconds: 300, maxActionsPerHour: 1000 }, [target]);
    // Two events a batch: within a batch the second shares the first's action; across containers only the ledger decides.
    const batches = fleet.map(() => [streamStateEvent('Stream Start', { channelArn: target }), streamStateEvent('Stream Start', { channelArn: target })]);

    const responses = await deliverAtOnce(fleet, batches);

    expect(responses).toEqual(fleet.map(() => ({ batchItemFailures: [] })));
    expect(stopCalls(fleet)).toHaveLength(1);
    const outcomes = stopOutcomes(fleet);
    expect(outcomes).toHaveLength(12);
    const applied = outcomes.filter((o) => o.status === 'applied');
    expect(applied).toHaveLength(1);
    const others = outcomes.filter((o) => o.status !== 'applied');
    for (const outcome of others) {
      expect(outcome.status).toBe('skipped');
      expect(outcome.reason).toMatch(/^(cooldown: the same action was taken on this target for event \S+; next allowed after 2026-11-20T19:15:00\.000Z|already done in this batch for event \S+)$/);
    }
    // The winner's second event shares its action; the five other containers lost the race in the ledger.
    expect(others.filter((o) => o.reason?.startsWith('already done in this batch'))).toHaveLength(1);
    expect(others.filter((o) => o.reason?.startsWith('cooldown:'))).toHaveLength(10);
  });
});
