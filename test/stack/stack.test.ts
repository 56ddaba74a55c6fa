/**
 * The deployed stack, run for real: packaged by osls, deployed to a moto_server this test starts,
 * the bundled functions polled from their queues; the scenarios published on the default bus make
 * the decisions `npm run replay` makes.
 */
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LedgerEntry } from '../../domain/ports.ts';
import { readEvents } from '../../local/cli/read-events.ts';
import { awsConfig } from '../../local/stack/deploy.ts';
import { publishEvents } from '../../local/stack/publish.ts';
import { startStack, type RunningStack } from '../../local/stack/stack.ts';
import { replay } from '../../local/replay/replay.ts';
import { runCli } from '../e2e/cli.ts';
import { copyProject, type ProjectCopy } from '../packaging/serverless-cli.ts';
import { auditDecisions, drained, ledgerRows, revocationRequest, sorted } from './stack-helpers.ts';

const WORLD = 'events/scenarios/world.yml';
const STAGE = 'stacktest';
let project: ProjectCopy;
let stack: RunningStack;
let sqs: SQSClient;
let bus: EventBridgeClient;
const logs: string[] = [];

/** The state-changing IVS calls among an emulator's call counts (reads and the audit bus's PutEvents left out). */
function actionCalls(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).filter(([operation]) => !/^(Get|List)/.test(operation) && operation !== 'PutEvents'));
}

/** What a ledger row says of its action, without the ids and times the run gives it. */
function rowFacts(row: LedgerEntry): { policy: string; type: string; target: string; status: string; reason?: string } {
  return { policy: row.policy, type: row.type, target: row.target, status: row.status, ...(row.reason === undefined ? {} : { reason: row.reason }) };
}

beforeAll(async () => {
  project = copyProject();
  stack = await startStack({
    projectDir: project.dir,
    stage: STAGE,
    region: 'us-west-2',
    world: WORLD,
    retryAfterSeconds: 0,
    say: () => undefined,
    onLog: ({ functionName, line }) => logs.push(`[${functionName}] ${line}`),
  });
  sqs = new SQSClient(awsConfig(stack.awsEndpoint, stack.region));
  bus = new EventBridgeClient(awsConfig(stack.awsEndpoint, stack.region));
}, 150_000);

afterAll(async () => {
  sqs?.destroy();
  bus?.destroy();
  await stack?.stop();
  project?.remove();
});

describe('ivs-guard stack on moto', () => {
  it('makes the decisions replay makes for the scenarios published on the default bus', async () => {
    const { events } = await readEvents(['events/scenarios']);
    const { put, failures } = await publishEvents(bus, events);
    expect(failures).toEqual([]);
    expect(put).toBe(events.length);
    await drained(stack, sqs);

    const expected = await replay(events, [], { policiesPath: 'policies.yml', worldPath: WORLD });
    const want = expected.events.flatMap((e) => e.decisions);
    expect(want.length).toBeGreaterThan(0);
    // The audit bus: every decision, evidence and actions (with their reasons) as replay makes it.
    const got = await auditDecisions(stack, sqs);
    expect(sorted(got.map(({ policy, mode, evidence, actions }) => ({ policy, mode, evidence, actions })))).toEqual(sorted(want));
    // The emulator's action record: the same state-changing IVS calls, each of them taking effect.
    const calls = actionCalls(stack.emulator?.calls.counts() ?? {});
    expect(calls).toEqual(actionCalls(expected.summary.apiCalls));
    // (the world records one action per revoked viewer pair, so it is compared by operation and target)
    const acted = stack.emulator?.world.actions ?? [];
    expect(new Set(acted.map((a) => a.operation))).toEqual(new Set(Object.keys(calls)));
    const appliedOn = new Set(want.flatMap((d) => d.actions.filter((a) => a.status === 'applied').map((a) => a.target)));
    // (a channel action names its channel; a disconnect names its stage and participant, as the action's target does)
    const channelOf = (a: (typeof acted)[number]): string =>
      typeof a.detail?.channelArn === 'string' ? a.detail.channelArn : typeof a.detail?.participantId === 'string' ? `${a.target}#${a.detail.participantId}` : a.target;
    expect(new Set(acted.map(channelOf))).toEqual(appliedOn);
    // The ledger in moto's table: one row per action, under the event ids the bus gave the decisions.
    const rows = await ledgerRows(stack);
    expect(sorted(rows.map(rowFacts))).toEqual(sorted(want.flatMap((d) => d.actions.map((a) => ({ policy: d.policy, ...a })))));
    expect(new Set(rows.map((r) => r.eventId))).toEqual(new Set(got.map((d) => d.eventId)));
    // And `ivs-guard history --live --endpoint-url` reads the same rows off the stack.
    const history = await runCli(['history', '--live', '--endpoint-url', stack.awsEndpoint, '--stage', STAGE, '--region', stack.region, '--output', 'json']);
    expect(history.stderr).toBe('');
    expect(history.code).toBe(0);
    expect(sorted(JSON.parse(history.stdout) as LedgerEntry[])).toEqual(sorted(rows));
  }, 120_000);

  it('rejects a poison message on the stream queue once and does not retry it', async () => {
    const streamQueue = stack.queues.find((q) => q.functionName.endsWith('-stream'));
    expect(streamQueue).toBeDefined();
    const before = logs.length;
    await sqs.send(new SendMessageCommand({ QueueUrl: streamQueue?.url ?? '', MessageBody: JSON.stringify({ hello: 'not an IVS event' }) }));
    await drained(stack, sqs);
    const starts = logs.slice(before).filter((l) => l.includes('START RequestId'));
    expect(starts).toHaveLength(1);
    const dlq = [...stack.allQueues.entries()].find(([name]) => name.endsWith('-stream-dlq'))?.[1] ?? '';
    const { Attributes: a = {} } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlq, AttributeNames: ['ApproximateNumberOfMessages'] }));
    expect(a.ApproximateNumberOfMessages).toBe('0');
  }, 60_000);

  it('acts once on two copies of one event put on the bus one after the other', async () => {
    const channelArn = 'arn:aws:ivs:us-west-2:123456789012:channel/StackTwoCopies';
    const world = stack.emulator?.world;
    world?.ensureChannel(channelArn);
    const before = world?.actions.length ?? 0;
    const event = revocationRequest(channelArn, 'viewer-copied');
    // Sequential delivery: the second copy is put once the first is settled (concurrent copies are not covered).
    for (const copy of [event, event]) {
      expect(await publishEvents(bus, [copy])).toEqual({ put: 1, failures: [] });
      await drained(stack, sqs);
    }
    expect(world?.actions.slice(before)).toEqual([expect.objectContaining({ operation: 'BatchStartViewerSessionRevocation', target: channelArn })]);
    const decisions = (await auditDecisions(stack, sqs)).filter((d) => d.actions.some((a) => a.target === channelArn));
    // EventBridge gives each PutEvents entry its own id: the copies are two events, the cooldown makes the second skip.
    expect(new Set(decisions.map((d) => d.eventId)).size).toBe(2);
    expect(sorted(decisions.map((d) => d.actions.map((a) => a.status)))).toEqual([['applied'], ['skipped']]);
    expect(decisions.flatMap((d) => d.actions).find((a) => a.status === 'skipped')?.reason).toMatch(/^cooldown/);
  }, 60_000);

  // Last: the injected fault stays on BatchStartViewerSessionRevocation for the rest of this emulator's life.
  it('moves a record whose action keeps failing to the DLQ after 5 receives, with its reason in the log', async () => {
    const channelArn = 'arn:aws:ivs:us-west-2:123456789012:channel/StackAlwaysFails';
    stack.emulator?.world.ensureChannel(channelArn);
    stack.emulator?.failNext('BatchStartViewerSessionRevocation', 'InternalServerException', 1000);
    const before = logs.length;
    expect(await publishEvents(bus, [revocationRequest(channelArn, 'viewer-unlucky')])).toEqual({ put: 1, failures: [] });
    await drained(stack, sqs);

    const failed = logs.slice(before).filter((l) => l.includes('event failed: SQS will deliver it again'));
    expect(failed).toHaveLength(5);
    for (const line of failed) expect(line).toContain('InternalServerException');
    const dlq = [...stack.allQueues.entries()].find(([name]) => name.endsWith('-moderation-dlq'))?.[1] ?? '';
    const { Messages: dead = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: dlq, MaxNumberOfMessages: 10, WaitTimeSeconds: 1, MessageSystemAttributeNames: ['All'] }));
    expect(dead).toHaveLength(1);
    expect((JSON.parse(dead[0]?.Body ?? '{}') as { detail: { viewerSessions: { channelArn: string }[] } }).detail.viewerSessions[0]?.channelArn).toBe(channelArn);
    expect(stack.emulator?.world.actions.filter((a) => a.target === channelArn)).toEqual([]);
  }, 90_000);
});
