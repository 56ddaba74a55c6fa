/**
 * A dynalite for the ledger tests: separate SDK clients (as separate Lambda containers would have),
 * each ledger on a table of its own.
 */
import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { LedgerEntry } from '../../domain/ports.ts';
import { ledgerAdapter, type LedgerOptions } from '../../adapters/ledger.ts';
import { ensureLedgerTable } from '../../adapters/ledger-table.ts';
import type { Key } from '../../adapters/ledger-items.ts';
import { startDynalite, type RunningDynalite } from '../../local/dynalite.ts';

export class LedgerHarness {
  private readonly clients: DynamoDBClient[] = [];
  private constructor(readonly db: RunningDynalite) {}

  static async start(): Promise<LedgerHarness> {
    return new LedgerHarness(await startDynalite());
  }

  /** A new client, as another container would have it. */
  client(): DynamoDBClient {
    const client = new DynamoDBClient({ endpoint: this.db.url, region: 'us-west-2', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
    this.clients.push(client);
    return client;
  }

  /** A fresh ledger table; returns its name. */
  async table(): Promise<string> {
    const tableName = `ledger-${randomUUID()}`;
    await ensureLedgerTable(this.client(), tableName);
    return tableName;
  }

  /** A ledger adapter on `tableName` through a client of its own. */
  ledger(tableName: string, options: Omit<LedgerOptions, 'tableName'> = {}) {
    return ledgerAdapter(this.client(), { tableName, ...options });
  }

  /** The raw row at `key`, to check what the adapter stored. */
  async row(tableName: string, key: Key): Promise<Record<string, unknown> | undefined> {
    const output = await DynamoDBDocumentClient.from(this.client()).send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }));
    return output.Item;
  }

  async stop(): Promise<void> {
    for (const client of this.clients) client.destroy();
    await this.db.stop();
  }
}

export const CHANNEL_A = 'arn:aws:ivs:us-west-2:123456789012:channel/aaaaAAAAaaaa';
export const CHANNEL_B = 'arn:aws:ivs:us-west-2:123456789012:channel/bbbbBBBBbbbb';

/** A ledger entry for `actionKey` (`eventId#policy#index`), with plausible defaults. */
export function entry(actionKey: string, overrides: Partial<LedgerEntry> = {}): LedgerEntry {
  return {
    actionKey,
    eventId: actionKey.split('#')[0] ?? actionKey,
    policy: 'stream-key-leak',
    mode: 'enforce',
    type: 'stopStream',
    target: CHANNEL_A,
    channelArn: CHANNEL_A,
    status: 'pending',
    evidence: ['3 takeover failures in 412 s'],
    at: '2026-11-20T19:00:00.000Z',
    ...overrides,
  };
}

/** A reservation of `type` on `target` by `eventId` at `now`, under a 300 s cooldown and a budget of 50. */
export function reservation(eventId: string, now: string, overrides: Partial<Parameters<ReturnType<typeof ledgerAdapter>['reserve']>[0]> = {}) {
  return { type: 'stopStream' as const, target: CHANNEL_A, eventId, now: new Date(now), cooldownSeconds: 300, maxActionsPerHour: 50, ...overrides };
}
