/**
 * An SQS event source mapping as Lambda runs it: batches of up to `batchSize` gathered for up to
 * the batching window, at most `maximumConcurrency` batches in flight, partial batch responses
 * (`ReportBatchItemFailures`): the records not reported failed are deleted, the others come back
 * after the visibility timeout (and moto's redrive moves them to the DLQ after maxReceiveCount).
 * Each body is first given back what moto's EventBridge leaves out of its delivery (moto-delivery.ts).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageBatchCommand,
  ReceiveMessageCommand,
  type Message,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { SQSRecord } from 'aws-lambda';
import type { FunctionRuntime } from './functions.ts';
import { adaptMotoDelivery } from './moto-delivery.ts';
import type { TemplateMapping } from './template.ts';

/** Batches in flight when the template sets no MaximumConcurrency (Lambda's floor is 2). */
const DEFAULT_CONCURRENCY = 2;

/** What one invocation did, for the stack's output and the tests. */
export interface InvocationReport {
  readonly functionName: string;
  readonly records: number;
  readonly failed: number;
  readonly error?: string;
}

export interface PollerOptions {
  readonly sqs: SQSClient;
  readonly mapping: TemplateMapping;
  readonly fn: FunctionRuntime;
  readonly queueUrl: string;
  readonly queueArn: string;
  readonly region: string;
  /** Seconds before a failed record is visible again; default: the queue's visibility timeout, as Lambda. */
  readonly retryAfterSeconds?: number | undefined;
  /** Runs before each batch is invoked (the stack lets the emulated IVS follow the events here). */
  readonly beforeInvoke?: ((records: readonly SQSRecord[]) => void) | undefined;
  readonly onInvocation: (report: InvocationReport) => void;
}

/** A running mapping; `stop` waits for the batches in flight. */
export interface Poller {
  /** Batches received and not yet settled. */
  readonly inFlight: number;
  stop(): Promise<void>;
}

/** Starts polling. */
export function startPoller(options: PollerOptions): Poller {
  let stopped = false;
  let inFlight = 0;
  const concurrency = options.mapping.maximumConcurrency ?? DEFAULT_CONCURRENCY;
  const worker = async (): Promise<void> => {
    while (!stopped) {
      try {
        const messages = await gatherBatch(options, () => stopped, () => (inFlight += 1));
        if (messages.length === 0) continue;
        try {
          await runBatch(options, messages);
        } finally {
          inFlight -= 1;
        }
      } catch (error) {
        if (!stopped) options.onInvocation({ functionName: options.fn.name, records: 0, failed: 0, error: `polling ${options.queueUrl}: ${(error as Error).message}` });
        await sleep(500);
      }
    }
  };
  const workers = Array.from({ length: options.mapping.enabled ? concurrency : 0 }, () => worker());
  return {
    get inFlight() {
      return inFlight;
    },
    async stop() {
      stopped = true;
      await Promise.all(workers);
    },
  };
}

async function gatherBatch(options: PollerOptions, stopped: () => boolean, began: () => void): Promise<Message[]> {
  const { batchSize, batchingWindowSeconds } = options.mapping;
  const messages: Message[] = [];
  let windowEnds = 0;
  while (!stopped() && messages.length < batchSize) {
    const remaining = messages.length === 0 ? 1000 : windowEnds - Date.now();
    if (messages.length > 0 && remaining <= 0) break;
    const { Messages: got = [] } = await options.sqs.send(new ReceiveMessageCommand({
      QueueUrl: options.queueUrl,
      MaxNumberOfMessages: Math.min(10, batchSize - messages.length),
      WaitTimeSeconds: remaining >= 1000 ? 1 : 0,
      MessageSystemAttributeNames: ['All'],
      MessageAttributeNames: ['All'],
    }));
    if (got.length > 0 && messages.length === 0) {
      began();
      windowEnds = Date.now() + batchingWindowSeconds * 1000;
    }
    messages.push(...got);
    if (messages.length === 0) {
      if (stopped()) break;
      continue;
    }
    if (got.length === 0 && remaining < 1000) await sleep(Math.min(200, Math.max(0, remaining)));
  }
  return messages;
}

async function runBatch(options: PollerOptions, messages: Message[]): Promise<void> {
  const records = messages.map((m) => toRecord(m, options));
  options.beforeInvoke?.(records);
  const result = await options.fn.invoke({ Records: records });
  let failedIds: Set<string>;
  let error: string | undefined;
  if (!result.ok) {
    error = result.error;
    failedIds = new Set(records.map((r) => r.messageId));
  } else if (options.mapping.reportBatchItemFailures) {
    const reported = batchItemFailures(result.result, records);
    if (reported === undefined) error = 'the partial batch response is malformed: the whole batch is retried';
    failedIds = reported ?? new Set(records.map((r) => r.messageId));
  } else {
    failedIds = new Set();
  }
  const done = messages.filter((m) => !failedIds.has(m.MessageId ?? ''));
  const failed = messages.filter((m) => failedIds.has(m.MessageId ?? ''));
  for (let i = 0; i < done.length; i += 10) {
    await options.sqs.send(new DeleteMessageBatchCommand({
      QueueUrl: options.queueUrl,
      Entries: done.slice(i, i + 10).map((m, j) => ({ Id: String(j), ReceiptHandle: m.ReceiptHandle ?? '' })),
    }));
  }
  if (options.retryAfterSeconds !== undefined) {
    for (let i = 0; i < failed.length; i += 10) {
      await options.sqs.send(new ChangeMessageVisibilityBatchCommand({
        QueueUrl: options.queueUrl,
        Entries: failed.slice(i, i + 10).map((m, j) => ({ Id: String(j), ReceiptHandle: m.ReceiptHandle ?? '', VisibilityTimeout: options.retryAfterSeconds ?? 0 })),
      }));
    }
  }
  options.onInvocation({ functionName: options.fn.name, records: records.length, failed: failed.length, ...(error ? { error } : {}) });
}

/** The reported failures, or undefined when the response is not a valid partial batch response. */
function batchItemFailures(result: unknown, records: readonly SQSRecord[]): Set<string> | undefined {
  if (result === null || result === undefined) return new Set();
  if (typeof result !== 'object' || !('batchItemFailures' in result)) return new Set();
  const failures = (result).batchItemFailures;
  if (!Array.isArray(failures)) return undefined;
  const ids = new Set(records.map((r) => r.messageId));
  const out = new Set<string>();
  for (const failure of failures) {
    const id = (failure as { itemIdentifier?: unknown } | null)?.itemIdentifier;
    if (typeof id !== 'string' || !ids.has(id)) return undefined;
    out.add(id);
  }
  return out;
}

function toRecord(message: Message, options: PollerOptions): SQSRecord {
  const a = message.Attributes ?? {};
  // moto's EventBridge leaves `account` out of what it delivers (see moto-delivery.ts): put back as EventBridge sends it.
  const { body, md5OfBody } = adaptMotoDelivery(message.Body ?? '', message.MD5OfBody ?? '', options.queueArn);
  return {
    messageId: message.MessageId ?? '',
    receiptHandle: message.ReceiptHandle ?? '',
    body,
    attributes: {
      ApproximateReceiveCount: a.ApproximateReceiveCount ?? '1',
      SentTimestamp: a.SentTimestamp ?? String(Date.now()),
      SenderId: a.SenderId ?? 'AIDAIVSGUARDSTACK',
      ApproximateFirstReceiveTimestamp: a.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
    },
    messageAttributes: Object.fromEntries(Object.entries(message.MessageAttributes ?? {}).map(([k, v]) => [k, {
      dataType: v.DataType ?? 'String',
      ...(v.StringValue === undefined ? {} : { stringValue: v.StringValue }),
      stringListValues: [],
      binaryListValues: [],
    }])),
    md5OfBody,
    eventSource: 'aws:sqs',
    eventSourceARN: options.queueArn,
    awsRegion: options.region,
  };
}
