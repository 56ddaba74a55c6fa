/**
 * What the stack test reads off the running stack: queues drained, the audit bus's decisions (through
 * the audit-tail queue `stack` subscribes), the ledger rows, and the events it publishes itself.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteMessageBatchCommand, GetQueueAttributesCommand, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { ledgerAdapter } from '../../adapters/ledger.ts';
import type { LedgerEntry } from '../../domain/ports.ts';
import { awsConfig } from '../../local/stack/deploy.ts';
import type { RunningStack } from '../../local/stack/stack.ts';

/** One "IVS Guard Decision" as the audit bus delivered it. */
export interface AuditDecision {
  readonly eventId: string;
  readonly policy: string;
  readonly mode: string;
  readonly evidence: readonly string[];
  readonly actions: readonly { type: string; target: string; status: string; reason?: string }[];
}

/** Waits until no queue of the stack holds a message and no batch is in flight. */
export async function drained(stack: RunningStack, sqs: SQSClient): Promise<void> {
  for (let i = 0; i < 480; i += 1) {
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

/** The decisions on the audit-tail queue so far (each read once: they are deleted). */
export async function auditDecisions(stack: RunningStack, sqs: SQSClient): Promise<AuditDecision[]> {
  const out: AuditDecision[] = [];
  for (;;) {
    const { Messages: messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: stack.auditTailQueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
    if (messages.length === 0) return out;
    for (const m of messages) {
      const event = JSON.parse(m.Body ?? '{}') as { 'detail-type': string; detail: AuditDecision };
      if (event['detail-type'] !== 'IVS Guard Decision') throw new Error(`the audit tail received a ${event['detail-type']}`);
      const { eventId, policy, mode, evidence, actions } = event.detail;
      out.push({ eventId, policy, mode, evidence, actions: actions.map(({ type, target, status, reason }) => ({ type, target, status, ...(reason === undefined ? {} : { reason }) })) });
    }
    await sqs.send(new DeleteMessageBatchCommand({ QueueUrl: stack.auditTailQueueUrl, Entries: messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle ?? '' })) }));
  }
}

/** Every action row of the deployed ledger, read through its own key schema and indexes (the ledger adapter). */
export async function ledgerRows(stack: RunningStack): Promise<LedgerEntry[]> {
  const client = new DynamoDBClient(awsConfig(stack.awsEndpoint, stack.region));
  try {
    const [table] = stack.ledgerTables;
    if (!table) throw new Error('the stack has no ledger table');
    return await ledgerAdapter(client, { tableName: table }).history({ limit: 1000 });
  } finally {
    client.destroy();
  }
}

/** A moderation request (the application's event) to revoke one viewer's sessions on `channelArn`. */
export function revocationRequest(channelArn: string, viewerId: string): { raw: unknown; origin: string } {
  return {
    origin: `test:${viewerId}`,
    raw: {
      version: '0',
      id: randomUUID(),
      'detail-type': 'Viewer Session Revocation Requested',
      source: 'ivs-guard.moderation',
      account: '123456789012',
      time: new Date().toISOString(),
      region: 'us-west-2',
      resources: [],
      detail: { reason: 'stack test', viewerSessions: [{ channelArn, viewerId, viewerSessionVersionsLessThanOrEqualTo: 1 }] },
    },
  };
}

/** Sorts a copy by its JSON text, for comparing lists whose order is the queues'. */
export function sorted<T>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}
