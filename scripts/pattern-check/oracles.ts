/**
 * How the pattern check asks moto whether an event matches a pattern: `TestEventPattern` when moto answers it, else
 * moto's rule engine the way EventBridge delivers (a rule on an event bus of its own, an SQS queue as its target,
 * `PutEvents`, and the queue tells which were delivered). Both paths run moto's own `EventPattern.matches_event`.
 * Every request goes to moto's loopback endpoint and is bounded (timeouts, a fixed number of receives).
 *
 * @example
 * ```ts
 * const oracle = await chooseOracle(moto.endpoint);
 * const [[first, second]] = await oracle.ask([testCase]); // moto's verdict on each of the case's events
 * ```
 */
import {
  CreateEventBusCommand,
  EventBridgeClient,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
  TestEventPatternCommand,
} from '@aws-sdk/client-eventbridge';
import { CreateQueueCommand, DeleteMessageBatchCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { corpusEnvelope, CORPUS_REGION, type CorpusCase, type CorpusEvent } from '../../local/eventbridge/pattern-corpus.ts';

const REQUEST_TIMEOUT_MS = 10_000;
const MAX_EVENTS_PER_PUT = 10;
const MAX_RECEIVES_PER_ASK = 5;
/** Cases asked in one PutEvents call, each on its own event bus. */
const LANES = 2;
const FIXED_TIME = '2026-11-20T19:00:00Z';
const RULE = 'pattern-check';

/** Asks moto whether each event of each case matches the case's pattern. */
export interface Oracle {
  readonly via: string;
  /** How many cases one `ask` takes. */
  readonly casesPerAsk: number;
  ask(cases: readonly CorpusCase[]): Promise<boolean[][]>;
}

/** The envelope of a case's `index`-th event, as both moto and the local matcher see it. */
export function envelopeFor(event: CorpusEvent, index: number): Record<string, unknown> {
  return corpusEnvelope(event, `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`, FIXED_TIME);
}

/** What both SDK clients are built with: moto's endpoint, dummy credentials, short timeouts. */
function clientConfig(endpoint: string) {
  return {
    endpoint,
    region: CORPUS_REGION,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    maxAttempts: 2,
    requestHandler: { requestTimeout: REQUEST_TIMEOUT_MS, connectionTimeout: 2_000 },
  };
}

/** The oracle moto supports: TestEventPattern if it answers a probe with a yes, else delivery. */
export async function chooseOracle(endpoint: string): Promise<Oracle> {
  const events = new EventBridgeClient(clientConfig(endpoint));
  const probe = { version: '0', id: '1', 'detail-type': 'Probe', source: 'check.probe', account: '123456789012', time: FIXED_TIME, region: CORPUS_REGION, resources: [], detail: { n: 1 } };
  const answer = await askTestEventPattern(events, { source: ['check.probe'] }, probe);
  return answer === true ? testEventPatternOracle(events) : deliveryOracle(events, new SQSClient(clientConfig(endpoint)));
}

/** Asks `TestEventPattern`; undefined when moto does not give a yes or no. */
async function askTestEventPattern(events: EventBridgeClient, pattern: unknown, envelope: unknown): Promise<boolean | undefined> {
  try {
    const answer = await events.send(new TestEventPatternCommand({ EventPattern: JSON.stringify(pattern), Event: JSON.stringify(envelope) }));
    return typeof answer.Result === 'boolean' ? answer.Result : undefined;
  } catch {
    return undefined;
  }
}

function testEventPatternOracle(events: EventBridgeClient): Oracle {
  return {
    via: 'TestEventPattern',
    casesPerAsk: 1,
    async ask(cases) {
      const verdicts: boolean[][] = [];
      for (const testCase of cases) {
        const caseVerdicts: boolean[] = [];
        for (const [index, event] of testCase.events.entries()) {
          const verdict = await askTestEventPattern(events, testCase.pattern, envelopeFor(event, index));
          if (verdict === undefined) throw new Error(`TestEventPattern gave no answer for case ${testCase.id}`);
          caseVerdicts.push(verdict);
        }
        verdicts.push(caseVerdicts);
      }
      return verdicts;
    },
  };
}

/**
 * Asks moto's rule engine the way events are delivered. Each lane is an event bus holding one rule
 * whose target is the shared queue; asking re-puts each lane's rule with a case's pattern (PutRule
 * keeps the targets), sends all the cases' events in one PutEvents, and reads which were delivered.
 */
async function deliveryOracle(events: EventBridgeClient, sqs: SQSClient): Promise<Oracle> {
  const { queueUrl, queueArn } = await createQueue(sqs);
  const buses: string[] = [];
  for (let lane = 0; lane < LANES; lane += 1) {
    const bus = `pattern-check-${lane}`;
    await events.send(new CreateEventBusCommand({ Name: bus }));
    await events.send(new PutRuleCommand({ Name: RULE, EventBusName: bus, EventPattern: '{"source":["pattern-check.none"]}' }));
    await events.send(new PutTargetsCommand({ Rule: RULE, EventBusName: bus, Targets: [{ Id: 'queue', Arn: queueArn }] }));
    buses.push(bus);
  }
  const busOf = (lane: number): string => {
    const bus = buses[lane];
    if (bus === undefined) throw new Error(`more cases than the ${LANES} lanes`);
    return bus;
  };

  const ask = async (cases: readonly CorpusCase[]): Promise<boolean[][]> => {
    const entries = cases.flatMap((testCase, lane) =>
      testCase.events.map((event) => ({
        EventBusName: busOf(lane),
        Source: event.source,
        DetailType: event.detailType,
        Resources: [...event.resources],
        Detail: JSON.stringify(event.detail),
      })),
    );
    if (entries.length > MAX_EVENTS_PER_PUT) throw new Error(`more than ${MAX_EVENTS_PER_PUT} events in one PutEvents`);
    for (const [lane, testCase] of cases.entries()) {
      await events.send(new PutRuleCommand({ Name: RULE, EventBusName: busOf(lane), EventPattern: JSON.stringify(testCase.pattern), State: 'ENABLED' }));
    }
    const put = await events.send(new PutEventsCommand({ Entries: entries }));
    const ids = (put.Entries ?? []).map((entry) => entry.EventId);
    if (ids.length !== entries.length || ids.some((id) => id === undefined)) {
      throw new Error(`PutEvents refused an event of ${cases.map((testCase) => testCase.id).join(', ')}: ${JSON.stringify(put.Entries)}`);
    }
    const delivered = await receiveDelivered(sqs, queueUrl);
    let offset = 0;
    return cases.map((testCase) => {
      const caseIds = ids.slice(offset, offset + testCase.events.length);
      offset += testCase.events.length;
      return caseIds.map((id) => id !== undefined && delivered.has(id));
    });
  };
  return { via: 'PutRule+PutEvents+SQS (moto answers TestEventPattern with an empty body)', casesPerAsk: LANES, ask };
}

async function createQueue(sqs: SQSClient): Promise<{ queueUrl: string; queueArn: string }> {
  const queue = await sqs.send(new CreateQueueCommand({ QueueName: 'pattern-check' }));
  const queueUrl = queue.QueueUrl;
  if (queueUrl === undefined) throw new Error('CreateQueue returned no QueueUrl');
  const attributes = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }));
  const queueArn = attributes.Attributes?.QueueArn;
  if (queueArn === undefined) throw new Error('GetQueueAttributes returned no QueueArn');
  return { queueUrl, queueArn };
}

/** The ids of the events the queue received, deleting them; moto delivers during PutEvents, so nothing is waited for. */
async function receiveDelivered(sqs: SQSClient, queueUrl: string): Promise<Set<string>> {
  const delivered = new Set<string>();
  for (let receive = 0; receive < MAX_RECEIVES_PER_ASK; receive += 1) {
    const batch = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, VisibilityTimeout: 600 }));
    const messages = batch.Messages ?? [];
    for (const message of messages) {
      const body: unknown = JSON.parse(message.Body ?? '{}');
      if (typeof body === 'object' && body !== null && 'id' in body && typeof body.id === 'string') delivered.add(body.id);
    }
    // Deleting keeps the queue empty: moto's ReceiveMessage walks every message the queue holds.
    const handles = messages.flatMap((message) => (message.ReceiptHandle === undefined ? [] : [message.ReceiptHandle]));
    if (handles.length > 0) {
      await sqs.send(new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: handles.map((handle, index) => ({ Id: String(index), ReceiptHandle: handle })) }));
    }
    // A batch short of the maximum means the queue is drained.
    if (messages.length < 10) return delivered;
  }
  throw new Error(`the queue still had messages after ${MAX_RECEIVES_PER_ASK} receives`);
}
