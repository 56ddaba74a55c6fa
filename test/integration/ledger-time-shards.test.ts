/**
 * The ledger's `by-time` index is sharded by UTC day (#7.5), on dynalite through the real SDK client:
 * each row's index key is the day of its time, the `shards` partition lists the days that have rows,
 * and `history` reads across the shards newest first, honouring its limit, its window and DynamoDB's
 * 1 MB pages, and merges in the rows an older version wrote to the one partition `actions`.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerAdapter } from '../../adapters/ledger.ts';
import { actionItem, actionKeyOf } from '../../adapters/ledger-items.ts';
import { BY_TIME_INDEX } from '../../adapters/ledger-table.ts';
import type { LedgerEntry } from '../../domain/ports.ts';
import { CHANNEL_A, CHANNEL_B, entry, LedgerHarness } from './ledger-harness.ts';

/** Four day shards, one day (12-03) without rows, two rows at one instant, rows on both sides of midnight. */
const TIMES = [
  '2026-12-01T08:00:00.000Z',
  '2026-12-01T08:00:00.000Z',
  '2026-12-01T23:59:59.999Z',
  '2026-12-02T00:00:00.000Z',
  '2026-12-02T12:30:00.000Z',
  '2026-12-04T06:00:00.000Z',
  '2026-12-04T18:30:00.000Z',
  '2026-12-06T00:00:00.001Z',
];
const ROWS: LedgerEntry[] = TIMES.map((at, n) => entry(`ev-${n}#p#0`, { at, status: 'applied', channelArn: n % 3 === 0 ? CHANNEL_B : CHANNEL_A }));

/** `history`'s order: newest first, then by action key, descending. */
function newestFirst(entries: LedgerEntry[]): LedgerEntry[] {
  const order = (e: LedgerEntry) => `${e.at}#${e.actionKey}`;
  return [...entries].sort((a, b) => (order(a) < order(b) ? 1 : -1));
}
const keys = (entries: LedgerEntry[]) => entries.map((e) => e.actionKey);
/** Whether `e` is at or after `since` and before `until` (as times, not as strings). */
const within = (e: LedgerEntry, since: string | undefined, until: string | undefined) =>
  (since === undefined || Date.parse(e.at) >= Date.parse(since)) && (until === undefined || Date.parse(e.at) < Date.parse(until));
const ALL = newestFirst(ROWS);

/** A client that records the `by-time` partition of each Query it sends, and the `pk` of each PutItem. */
function recordingClient(harness: LedgerHarness) {
  const client = harness.client();
  const queried: string[] = [];
  const put: string[] = [];
  const text = (value: unknown) => (value as { S?: string } | undefined)?.S;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as { ExpressionAttributeValues?: Record<string, unknown>; Item?: Record<string, unknown> };
      if (context.commandName === 'QueryCommand') queried.push(text(input.ExpressionAttributeValues?.[':partition']) ?? '?');
      if (context.commandName === 'PutItemCommand') put.push(text(input.Item?.pk) ?? '?');
      return next(args);
    },
    { step: 'build' },
  );
  return { client, queried, put };
}

let harness: LedgerHarness;
let tableName: string;
beforeAll(async () => {
  harness = await LedgerHarness.start();
  tableName = await harness.table();
  // Written out of time order, by three containers, as the guard would: begun, then finished.
  const order = [5, 0, 7, 2, 4, 1, 6, 3];
  const ledgers = [0, 1, 2].map(() => harness.ledger(tableName));
  for (const [n, row] of order.entries()) {
    const ledger = ledgers[n % 3]!;
    const rowEntry = ROWS[row]!;
    await ledger.beginAction({ ...rowEntry, status: 'pending' });
    await ledger.finishAction(rowEntry);
  }
});
afterAll(() => harness.stop());

describe('the by-time key of a row', () => {
  it.each(ROWS.map((row) => [row.at, row.actionKey]))('a row at %s (%s) is in the shard of its UTC day', async (at, actionKey) => {
    expect(await harness.row(tableName, actionKeyOf(actionKey))).toMatchObject({ timelineKey: `actions#${at.slice(0, 10)}`, timelineOrder: `${at}#${actionKey}` });
  });

  it('the shards partition lists the days that have rows, each once', async () => {
    const doc = DynamoDBDocumentClient.from(harness.client());
    const output = await doc.send(new QueryCommand({ TableName: tableName, IndexName: BY_TIME_INDEX, KeyConditionExpression: 'timelineKey = :shards', ExpressionAttributeValues: { ':shards': 'shards' } }));
    // Each expires with the last row its day can hold: 90 days (the default TTL) after the day ends.
    const expiry = (day: string) => Math.floor(Date.parse(`${day}T23:59:59.999Z`) / 1000) + 90 * 86_400;
    expect(output.Items?.map((item) => [item.timelineOrder as string, item.expiresAt as number])).toEqual(
      ['2026-12-01', '2026-12-02', '2026-12-04', '2026-12-06'].map((day) => [`actions#${day}`, expiry(day)]),
    );
  });

  it('a container notes a day once, before its first row of that day', async () => {
    const table = await harness.table();
    const { client, put } = recordingClient(harness);
    const ledger = ledgerAdapter(client, { tableName: table });
    for (const [n, at] of ['2026-12-01T01:00:00Z', '2026-12-01T02:00:00Z', '2026-12-02T01:00:00Z'].entries()) {
      await ledger.beginAction(entry(`ev-${n}#p#0`, { at }));
      await ledger.finishAction(entry(`ev-${n}#p#0`, { at, status: 'applied' }));
    }
    expect(put).toEqual([
      'shard#actions#2026-12-01', 'action#ev-0#p#0', 'action#ev-0#p#0', 'action#ev-1#p#0', 'action#ev-1#p#0',
      'shard#actions#2026-12-02', 'action#ev-2#p#0', 'action#ev-2#p#0',
    ]);
  });
  it('a failed shard write fails the action, transient, before its row is written; the retry notes the day', async () => {
    const table = await harness.table();
    const client = harness.client();
    let failShardWrites = true;
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const pk = (args.input as { Item?: { pk?: { S?: string } } }).Item?.pk?.S ?? '';
        if (failShardWrites && context.commandName === 'PutItemCommand' && pk.startsWith('shard#')) {
          // What the SDK throws once its retries of a throttled write are spent.
          throw Object.assign(new Error('Rate of requests exceeds the allowed throughput.'), { name: 'ProvisionedThroughputExceededException', $fault: 'client', $metadata: { httpStatusCode: 400 } });
        }
        return next(args);
      },
      { step: 'build' },
    );
    const ledger = ledgerAdapter(client, { tableName: table });
    const begun = entry('ev-9#p#0', { at: '2026-12-04T10:00:00.000Z' });

    await expect(ledger.beginAction(begun)).rejects.toMatchObject({ errorClass: 'transient', message: expect.stringContaining('DynamoDB PutItem (ledger shard) failed: ProvisionedThroughputExceededException') as string });
    expect(await harness.row(table, actionKeyOf('ev-9#p#0'))).toBeUndefined();

    failShardWrites = false;
    expect(await ledger.beginAction(begun)).toEqual({ kind: 'begin' });
    expect(keys(await ledger.history({}))).toEqual(['ev-9#p#0']);
  });
});

describe('history across the shards', () => {
  it('returns every row of every shard, newest first', async () => {
    expect(keys(await harness.ledger(tableName).history({ limit: 100 }))).toEqual(keys(ALL));
    expect(await harness.ledger(tableName).history({ limit: 100 })).toEqual(ALL);
  });

  it.each([1, 2, 3, 4, 5, 7, 8, 9])('with limit %i, the newest that many', async (limit) => {
    expect(keys(await harness.ledger(tableName).history({ limit }))).toEqual(keys(ALL).slice(0, limit));
  });

  it.each([
    ['across three shards, since inclusive, until exclusive', '2026-12-01T23:59:59.999Z', '2026-12-04T18:30:00.000Z', 100],
    ['across three shards, with a limit', '2026-12-01T00:00:00.000Z', '2026-12-05T00:00:00.000Z', 3],
    ['since only', '2026-12-02T00:00:00.000Z', undefined, 100],
    ['until only, at midnight', undefined, '2026-12-02T00:00:00.000Z', 100],
    ['until only, with a limit', undefined, '2026-12-04T12:00:00.000Z', 2],
    ['a day without rows', '2026-12-03T00:00:00.000Z', '2026-12-04T00:00:00.000Z', 100],
    ['an empty window', '2026-12-04T00:00:00.000Z', '2026-12-04T00:00:00.000Z', 100],
  ] as const)('in a window: %s', async (_, since, until, limit) => {
    const window = { ...(since ? { since: new Date(since) } : {}), ...(until ? { until: new Date(until) } : {}) };
    const inWindow = ALL.filter((e) => within(e, since, until));
    expect(keys(await harness.ledger(tableName).history({ ...window, limit }))).toEqual(keys(inWindow).slice(0, limit));
  });

  it('of one channel, in a window across shards', async () => {
    const window = { since: new Date('2026-12-01T12:00:00Z'), until: new Date('2026-12-06T00:00:00Z') };
    const expected = ALL.filter((e) => e.channelArn === CHANNEL_A && within(e, '2026-12-01T12:00:00Z', '2026-12-06T00:00:00Z'));
    expect(expected.length).toBeGreaterThan(1);
    expect(keys(await harness.ledger(tableName).history({ channelArn: CHANNEL_A, ...window }))).toEqual(keys(expected));
  });

  it('queries the shards of its window newest first, and no more shards once it has its limit', async () => {
    const { client, queried } = recordingClient(harness);
    const ledger = ledgerAdapter(client, { tableName });
    // The partition `actions` of older rows is read alongside, once.
    const shardsThenLegacy = () => [...queried.filter((p) => p !== 'actions'), ...queried.filter((p) => p === 'actions')];
    await ledger.history({ limit: 3 });
    expect(shardsThenLegacy()).toEqual(['shards', 'actions#2026-12-06', 'actions#2026-12-04', 'actions']);
    queried.length = 0;
    // A window ending at midnight does not reach into the day that begins then.
    await ledger.history({ since: new Date('2026-12-01T12:00:00Z'), until: new Date('2026-12-04T00:00:00Z') });
    expect(shardsThenLegacy()).toEqual(['shards', 'actions#2026-12-02', 'actions#2026-12-01', 'actions']);
  });
});

describe('history over pages', () => {
  /** 30 rows a day of about 40 KB each: a shard is more than one 1 MB page. */
  const BIG: LedgerEntry[] = ['2026-12-01', '2026-12-02', '2026-12-03'].flatMap((day) =>
    Array.from({ length: 30 }, (_, n) =>
      entry(`${day}-${String(n).padStart(2, '0')}#p#0`, { at: `${day}T${String(n % 24).padStart(2, '0')}:${String(n).padStart(2, '0')}:00.000Z`, status: 'applied', evidence: Array.from({ length: 10 }, (_, line) => `${line}:${'x'.repeat(4000)}`) }),
    ),
  );
  let big: string;
  beforeAll(async () => {
    big = await harness.table();
    const ledger = harness.ledger(big);
    for (const row of BIG) await ledger.finishAction(row);
  });

  it.each([10, 45, 90, 500])('with limit %i, follows the pages of each shard in order', async (limit) => {
    const { client, queried } = recordingClient(harness);
    const history = await ledgerAdapter(client, { tableName: big }).history({ limit });
    expect(keys(history)).toEqual(keys(newestFirst(BIG)).slice(0, limit));
    if (limit >= 30) expect(queried.filter((partition) => partition === 'actions#2026-12-03').length).toBeGreaterThan(1);
  });
});

describe('rows written before the index was sharded', () => {
  /** Rows as an older version wrote them: every one in the partition `actions`. */
  const OLD = ['2026-11-30T10:00:00.000Z', '2026-12-01T09:00:00.000Z', '2026-12-04T12:00:00.000Z'].map((at, n) => entry(`old-${n}#p#0`, { at, status: 'applied' }));
  let mixed: string;
  beforeAll(async () => {
    mixed = await harness.table();
    const ledger = harness.ledger(mixed);
    for (const row of ROWS) await ledger.finishAction(row);
    const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: harness.db.url, region: 'us-west-2', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } }));
    for (const row of OLD) await doc.send(new PutCommand({ TableName: mixed, Item: { ...actionItem(row, 90), timelineKey: 'actions' } }));
    doc.destroy();
  });

  it('are merged into history in time order', async () => {
    expect(keys(await harness.ledger(mixed).history({ limit: 100 }))).toEqual(keys(newestFirst([...ROWS, ...OLD])));
  });

  it.each([1, 3, 6])('with limit %i too', async (limit) => {
    expect(keys(await harness.ledger(mixed).history({ limit }))).toEqual(keys(newestFirst([...ROWS, ...OLD])).slice(0, limit));
  });

  it('and in a window', async () => {
    const window = { since: new Date('2026-12-01T00:00:00Z'), until: new Date('2026-12-04T12:00:00Z') };
    const expected = newestFirst([...ROWS, ...OLD]).filter((e) => within(e, '2026-12-01T00:00:00Z', '2026-12-04T12:00:00Z'));
    expect(expected.map((e) => e.actionKey)).toContain('old-1#p#0');
    expect(keys(await harness.ledger(mixed).history(window))).toEqual(keys(expected));
  });
});
