/**
 * The deployed stack, run for real: packaged by osls, deployed to a moto_server this test starts,
 * the bundled functions polled from their queues; the scenarios published on the default bus make
 * the decisions `npm run replay` makes.
 */
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { DeleteMessageBatchCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEvents } from '../../local/cli/read-events.ts';
import { awsConfig } from '../../local/stack/deploy.ts';
import { publishEvents } from '../../local/stack/publish.ts';
import { startStack, type RunningStack } from '../../local/stack/stack.ts';
import { replay } from '../../local/replay/replay.ts';
import { copyProject, type ProjectCopy } from '../packaging/serverless-cli.ts';

const WORLD = 'events/scenarios/world.yml';
let project: ProjectCopy;
let stack: RunningStack;
let sqs: SQSClient;
const logs: string[] = [];

async function drained(): Promise<void> {
  for (let i = 0; i < 240; i += 1) {
    let waiting = stack.inFlight();
    for (const queue of stack.queues) {
      const { Attributes: a = {} } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queue.url, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }));
      waiting += Number(a.ApproximateNumberOfMessages ?? 0) + Number(a.ApproximateNumberOfMessagesNotVisible ?? 0);
    }
    if (waiting === 0) return;
    await sleep(250);
  }
  throw new Error('the queues did not drain');
}

async function auditDecisions(): Promise<{ eventId: string; policy: string; actions: string[] }[]> {
  const out: { eventId: string; policy: string; actions: string[] }[] = [];
  for (;;) {
    const { Messages: messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: stack.auditTailQueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
    if (messages.length === 0) return out;
    for (const m of messages) {
      const event = JSON.parse(m.Body ?? '{}') as { 'detail-type': string; detail: { eventId: string; policy: string; actions: { type: string; status: string }[] } };
      expect(event['detail-type']).toBe('IVS Guard Decision');
      out.push({ eventId: event.detail.eventId, policy: event.detail.policy, actions: event.detail.actions.map((a) => `${a.type} ${a.status}`) });
    }
    await sqs.send(new DeleteMessageBatchCommand({ QueueUrl: stack.auditTailQueueUrl, Entries: messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle ?? '' })) }));
  }
}

beforeAll(async () => {
  project = copyProject();
  stack = await startStack({
    projectDir: project.dir,
    stage: 'stacktest',
    region: 'us-west-2',
    world: WORLD,
    retryAfterSeconds: 0,
    say: () => undefined,
    onLog: ({ functionName, line }) => logs.push(`[${functionName}] ${line}`),
  });
  sqs = new SQSClient(awsConfig(stack.awsEndpoint, stack.region));
}, 150_000);

afterAll(async () => {
  sqs?.destroy();
  await stack?.stop();
  project?.remove();
});

describe('ivs-guard stack on moto', () => {
  it('makes the decisions replay makes for the scenarios published on the default bus', async () => {
    const { events } = await readEvents(['events/scenarios']);
    const bus = new EventBridgeClient(awsConfig(stack.awsEndpoint, stack.region));
    const { put, failures } = await publishEvents(bus, events);
    bus.destroy();
    expect(failures).toEqual([]);
    expect(put).toBe(events.length);
    await drained();

    const expected = await replay(events, [], { policiesPath: 'policies.yml', worldPath: WORLD });
    const want = expected.events.flatMap((e) => e.decisions.map((d) => ({ policy: d.policy, actions: d.actions.map((a) => `${a.type} ${a.status}`) })));
    const got = (await auditDecisions()).map(({ policy, actions }) => ({ policy, actions }));
    const byPolicy = (a: { policy: string }, b: { policy: string }): number => a.policy.localeCompare(b.policy);
    expect(got.sort(byPolicy)).toEqual(want.sort(byPolicy));
    expect(stack.emulator?.calls.counts()).toMatchObject({ StopStream: 2, DeleteStreamKey: 1, CreateStreamKey: 1, BatchStartViewerSessionRevocation: 3 });
  }, 120_000);

  it('rejects a poison message on the stream queue once and does not retry it', async () => {
    const streamQueue = stack.queues.find((q) => q.functionName.endsWith('-stream'));
    expect(streamQueue).toBeDefined();
    const before = logs.length;
    await sqs.send(new SendMessageCommand({ QueueUrl: streamQueue?.url ?? '', MessageBody: JSON.stringify({ hello: 'not an IVS event' }) }));
    await drained();
    const starts = logs.slice(before).filter((l) => l.includes('START RequestId'));
    expect(starts).toHaveLength(1);
    const dlq = [...stack.allQueues.entries()].find(([name]) => name.endsWith('-stream-dlq'))?.[1] ?? '';
    const { Attributes: a = {} } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlq, AttributeNames: ['ApproximateNumberOfMessages'] }));
    expect(a.ApproximateNumberOfMessages).toBe('0');
  }, 60_000);
});
