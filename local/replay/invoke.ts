/**
 * Invokes the real, exported Lambda handlers the way the SQS event source mapping would:
 * an SQS-shaped batch, a Lambda context, and redelivery of failed records up to maxReceiveCount.
 */
import { randomUUID } from 'node:crypto';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { FailedOutcome, RecordOutcome } from '../../domain/pipeline/guard.ts';
import { resetClients } from '../../adapters/clients.ts';
import { GUARD_FUNCTIONS } from '../../domain/functions.ts';
import { subscribeOutcomes } from '../../handlers/outcomes.ts';

/** Matches the deployed queues' redrive policy (serverless.yml). */
export const MAX_RECEIVE_COUNT = 5;

type Handler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse | void>;

/** Every guard function serverless.yml deploys, the stage function included. */
const FUNCTIONS = GUARD_FUNCTIONS;

/**
 * A Lambda container builds its SDK clients once, and the SDK reads `AWS_ENDPOINT_URL_*` at a client's first
 * request. Each replay is a new set of "containers" against its own emulator: the client singletons are
 * dropped and the handler modules loaded afresh (a new module instance per generation).
 */
let generation = 0;
const loaded = new Map<string, Promise<{ handler: Handler }>>();

export function newContainers(): void {
  generation += 1;
  loaded.clear();
  resetClients();
}

function loadHandler(fn: string): Promise<{ handler: Handler }> {
  let pending = loaded.get(fn);
  if (!pending) {
    const url = new URL(`../../handlers/${fn}.ts?container=${generation}`, import.meta.url).href;
    pending = import(/* @vite-ignore */ url) as Promise<{ handler: Handler }>;
    loaded.set(fn, pending);
  }
  return pending;
}

/** The functions the replay delivers to: those the stack deploys. */
export function deployedFunctions(): readonly string[] {
  return FUNCTIONS;
}

export interface Delivery {
  outcome: RecordOutcome | FailedOutcome | undefined;
  attempts: number;
}

/** Delivers one event to one function until it is not failed, or maxReceiveCount is reached. */
export async function deliver(fn: string, event: unknown, region: string): Promise<Delivery> {
  if (!deployedFunctions().includes(fn)) throw new Error(`no handler for function '${fn}'`);
  const { handler } = await loadHandler(fn);
  const messageId = randomUUID();
  let outcome: RecordOutcome | FailedOutcome | undefined;
  const unsubscribe = subscribeOutcomes((id, result) => {
    if (id === messageId) outcome = result;
  });
  try {
    for (let attempt = 1; ; attempt += 1) {
      outcome = undefined;
      const response = await handler(sqsEvent(fn, messageId, event, attempt, region), lambdaContext(fn));
      const failed = response?.batchItemFailures.some((f) => f.itemIdentifier === messageId) ?? false;
      if (!failed || attempt >= MAX_RECEIVE_COUNT) return { outcome, attempts: attempt };
    }
  } finally {
    unsubscribe();
  }
}

function sqsEvent(fn: string, messageId: string, event: unknown, attempt: number, region: string): SQSEvent {
  const now = String(Date.now());
  const record: SQSRecord = {
    messageId,
    receiptHandle: `${messageId}-${attempt}`,
    body: typeof event === 'string' ? event : JSON.stringify(event),
    attributes: { ApproximateReceiveCount: String(attempt), SentTimestamp: now, SenderId: 'events.amazonaws.com', ApproximateFirstReceiveTimestamp: now },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: `arn:aws:sqs:${region}:000000000000:ivs-guard-local-${fn}`,
    awsRegion: region,
  };
  return { Records: [record] };
}

function lambdaContext(fn: string): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: `ivs-guard-local-${fn}`,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:ivs-guard-local-${fn}`,
    memoryLimitInMB: '256',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/ivs-guard-local-${fn}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => 30_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
