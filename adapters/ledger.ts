/**
 * `LedgerPort` over one DynamoDB table (single-table design; rows in `ledger-items.ts`, the table in
 * `ledger-table.json`). Every method is one or a few conditional writes; nothing holds a lock, so any
 * number of containers can share the table.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { transientError } from '../domain/errors.ts';
import type { BeginResult, LedgerEntry, LedgerPort } from '../domain/ports.ts';
import { beginLeased, claimPublish, noteProgress, releaseAction, releasePublish } from './ledger-lease.ts';
import { actionItem, actionKeyOf, channelKeyOf, entryOf, expiresAt, publishedKeyOf } from './ledger-items.ts';
import { release, reserve } from './ledger-reserve.ts';
import { documentClient, LedgerTable, REFUSED } from './ledger-store.ts';
import { BY_CHANNEL_INDEX } from './ledger-table.ts';
import { checkedWindow, orderRange, shardNoter, timelineHistory } from './ledger-timeline.ts';

export { ensureLedgerTable, LEDGER_TABLE_DEFINITION } from './ledger-table.ts';

/** How long rows are kept when `ttlDays` is not given. */
export const DEFAULT_TTL_DAYS = 90;
/** How many entries `history` returns when no `limit` is given. */
export const DEFAULT_HISTORY_LIMIT = 50;

export interface LedgerOptions {
  tableName: string;
  /** Days after which DynamoDB's TTL may delete a row (default 90). */
  ttlDays?: number;
}

/** The ledger on the table `options.tableName`, through `client` (e.g. `getDynamoClient()`). */
export function ledgerAdapter(client: DynamoDBClient | DynamoDBDocumentClient, options: LedgerOptions): LedgerPort {
  const table = new LedgerTable(documentClient(client), options.tableName);
  const ttlDays = options.ttlDays ?? DEFAULT_TTL_DAYS;
  const noteShard = shardNoter(table, ttlDays);

  return {
    async beginAction(entry: LedgerEntry, lease): Promise<BeginResult> {
      await noteShard(entry.at);
      if (lease) return beginLeased(table, actionItem({ ...entry, status: 'pending' }, ttlDays), entry.actionKey, lease);
      const pending = actionItem({ ...entry, status: 'pending' }, ttlDays);
      // Two tries: a finished row read back as missing can only have been deleted (TTL) in between.
      for (let attempt = 0; attempt < 2; attempt++) {
        const put = await table.put(pending, 'action', {
          expression: 'attribute_not_exists(pk) OR #status = :pending',
          names: { '#status': 'status' },
          values: { ':pending': 'pending' },
        });
        if (put !== REFUSED) return { kind: 'begin' };
        const finished = await table.get(actionKeyOf(entry.actionKey), 'action');
        if (finished && finished.status !== 'pending') return { kind: 'done', entry: entryOf(finished) };
      }
      throw transientError(`ledger: the row of action ${entry.actionKey} kept changing; try again`, 'LedgerContention');
    },

    async finishAction(entry: LedgerEntry, claimant?: string): Promise<void> {
      await noteShard(entry.at);
      if (claimant === undefined) {
        await table.put(actionItem(entry, ttlDays), 'action');
        return;
      }
      const put = await table.put(actionItem(entry, ttlDays), 'action', {
        expression: 'attribute_not_exists(pk) OR (#status = :pending AND #claimant = :me)',
        names: { '#status': 'status', '#claimant': 'claimant' },
        values: { ':pending': 'pending', ':me': claimant },
      });
      if (put === REFUSED) throw transientError(`ledger: action ${entry.actionKey} was taken over by another delivery before this one finished; its outcome stands`, 'LeaseLost');
    },

    async wasPublished(eventId: string): Promise<boolean> {
      // A row without `at` is only a claim (`claimPublish`): its publish has not happened yet.
      return (await table.get(publishedKeyOf(eventId), 'published'))?.at !== undefined;
    },

    noteProgress: (actionKey, claimant, progress) => noteProgress(table, actionKey, claimant, progress),

    releaseAction: (actionKey, claimant) => releaseAction(table, actionKey, claimant),

    claimPublish: (eventId, lease) => claimPublish(table, eventId, lease, ttlDays),

    releasePublish: (eventId, claimant) => releasePublish(table, eventId, claimant),

    async markPublished(eventId: string, at: Date): Promise<void> {
      await table.put({ ...publishedKeyOf(eventId), eventId, at: at.toISOString(), expiresAt: expiresAt(at, ttlDays) }, 'published');
    },

    reserve: (input) => reserve(table, ttlDays, input),

    release: (input) => release(table, input),

    async history({ channelArn, limit = DEFAULT_HISTORY_LIMIT, since, until }): Promise<LedgerEntry[]> {
      const wanted = Math.floor(limit);
      const window = checkedWindow({ since, until });
      if (!(wanted > 0) || window === undefined) return [];
      const items =
        channelArn === undefined
          ? await timelineHistory(table, window, wanted)
          : await table.queryNewestFirst(BY_CHANNEL_INDEX, 'channelKey', channelKeyOf(channelArn), wanted, orderRange(window));
      return items.map(entryOf);
    },
  };
}
