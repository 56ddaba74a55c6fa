/**
 * How the deployed SQS event source mappings deliver (serverless.yml `custom.guard.sqs` and
 * `custom.guard.delivery`, the one source): the replay delivers the same way.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { isRecord } from '../../domain/defined.ts';

/** `serverless.yml` of this checkout. */
export const SERVERLESS_YML = fileURLToPath(new URL('../../serverless.yml', import.meta.url));

/** The delivery settings of the guard's queues, as the event source mappings use them. */
export interface DeliverySettings {
  /** Records per invocation, at most (`batchSize`). */
  batchSize: number;
  /** Seconds a batch waits for more records, in event time (`maximumBatchingWindow`). */
  maximumBatchingWindow: number;
  /** Batches of one queue in flight at once, at most (`maximumConcurrency`). */
  maximumConcurrency: number;
  /** Deliveries of a record before it goes to the dead-letter queue (`maxReceiveCount`). */
  maxReceiveCount: number;
}

/** Delivery one event at a time: the sequential replay, the reference the batched one decides like. */
export const SEQUENTIAL: DeliverySettings = { batchSize: 1, maximumBatchingWindow: 0, maximumConcurrency: 1, maxReceiveCount: 5 };

let cached: DeliverySettings | undefined;

/** Reads the settings from `serverless.yml` (once per process for the default path); throws naming the setting that is missing or wrong. */
export function deliverySettings(path: string = SERVERLESS_YML): DeliverySettings {
  if (path === SERVERLESS_YML && cached) return cached;
  let document: unknown;
  try {
    // CloudFormation's short forms (!GetAtt, !Ref) are kept as text: only custom.guard is read.
    const customTags = ['!GetAtt', '!Ref', '!Sub', '!Join'].map((tag) => ({ tag, resolve: (value: string) => value }));
    document = parse(readFileSync(path, 'utf8'), { customTags, merge: true });
  } catch (error) {
    throw new Error(`${path}: cannot read the delivery settings (${error instanceof Error ? error.message : String(error)})`, { cause: error });
  }
  const guard = isRecord(document) && isRecord(document.custom) && isRecord(document.custom.guard) ? document.custom.guard : {};
  const sqs = isRecord(guard.sqs) ? guard.sqs : {};
  const delivery = isRecord(guard.delivery) ? guard.delivery : {};
  const settings: DeliverySettings = {
    batchSize: whole(path, 'custom.guard.sqs.batchSize', sqs.batchSize, 1),
    maximumBatchingWindow: whole(path, 'custom.guard.sqs.maximumBatchingWindow', sqs.maximumBatchingWindow ?? 0, 0),
    maximumConcurrency: whole(path, 'custom.guard.sqs.maximumConcurrency', sqs.maximumConcurrency, 1),
    maxReceiveCount: whole(path, 'custom.guard.delivery.maxReceiveCount', delivery.maxReceiveCount, 1),
  };
  if (path === SERVERLESS_YML) cached = settings;
  return settings;
}

function whole(path: string, name: string, value: unknown, least: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < least) {
    throw new Error(`${path}: ${name} must be a whole number of at least ${least}, got ${value === undefined ? 'nothing' : JSON.stringify(value)}`);
  }
  return value;
}
