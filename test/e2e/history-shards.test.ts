/**
 * `ivs-guard history` across the ledger's day shards (#7.5), as a user runs it: on a local ledger
 * (`--state`) and on a "deployed" one (`--live --endpoint-url`), with `--limit`, `--since` and `--until`.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerAdapter } from '../../adapters/ledger.ts';
import { ensureLedgerTable } from '../../adapters/ledger-table.ts';
import type { LedgerEntry } from '../../domain/ports.ts';
import { startDynalite, type RunningDynalite } from '../../local/dynalite.ts';
import { LOCAL_LEDGER_TABLE, localDynamoClient } from '../../local/local-ledger.ts';
import { runCli } from './cli.ts';

const CHANNEL = 'arn:aws:ivs:us-west-2:123456789012:channel/ShardedChan1';
/** Two rows on each of three days, and one on a fourth: four shards. */
const TIMES = ['2026-12-01T09:00:00.000Z', '2026-12-01T21:00:00.000Z', '2026-12-02T09:00:00.000Z', '2026-12-02T21:00:00.000Z', '2026-12-03T09:00:00.000Z', '2026-12-03T21:00:00.000Z', '2026-12-05T00:00:00.000Z'];
const ROWS: LedgerEntry[] = TIMES.map((at, n) => ({
  actionKey: `ev-${n}#stream-key-leak#0`, eventId: `ev-${n}`, policy: 'stream-key-leak', mode: 'enforce', type: 'stopStream',
  target: CHANNEL, channelArn: CHANNEL, status: 'applied', reason: 'stream stopped', evidence: ['3 takeover failures'], at,
}));
const NEWEST_FIRST = [...TIMES].reverse();

async function history(...args: string[]): Promise<string[]> {
  const result = await runCli(['history', ...args, '--output', 'json']);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return (JSON.parse(result.stdout) as LedgerEntry[]).map((e) => e.at);
}

const state = mkdtempSync(join(tmpdir(), 'ivs-guard-shards-'));
beforeAll(async () => {
  // The ledger a replay keeps in --state, written as the guard writes it.
  const dynamo = await startDynalite({ path: join(state, 'dynamodb') });
  const client = localDynamoClient(dynamo.url);
  try {
    await ensureLedgerTable(client, LOCAL_LEDGER_TABLE);
    const ledger = ledgerAdapter(client, { tableName: LOCAL_LEDGER_TABLE });
    for (const row of ROWS) await ledger.finishAction(row);
  } finally {
    client.destroy();
    await dynamo.stop();
  }
});

describe('history --state across day shards', () => {
  it('lists every shard, newest first', async () => {
    expect(await history('--state', state)).toEqual(NEWEST_FIRST);
    expect(await history('--state', state, '--channel', CHANNEL)).toEqual(NEWEST_FIRST);
  });

  it.each([1, 3])('--limit %i takes the newest that many, across shards', async (limit) => {
    expect(await history('--state', state, '--limit', String(limit))).toEqual(NEWEST_FIRST.slice(0, limit));
  });

  it.each([
    [['--since', '2026-12-01T21:00:00Z', '--until', '2026-12-03T21:00:00Z'], TIMES.slice(1, 5)],
    [['--until', '2026-12-02'], TIMES.slice(0, 2)],
    [['--since', '2026-12-01', '--until', '2026-12-04', '--limit', '3'], TIMES.slice(3, 6)],
    [['--since', '2026-12-04', '--until', '2026-12-05'], []],
  ])('%j', async (args, times) => {
    expect(await history('--state', state, ...args)).toEqual([...times].reverse());
  });

  it('a bad --since is a usage error naming it', async () => {
    const result = await runCli(['history', '--state', state, '--since', 'last tuesday']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--since takes an ISO 8601 day or time with its zone .*, not 'last tuesday'/);
    expect(result.stdout).toBe('');
  });
});

describe('history --live --endpoint-url across day shards', () => {
  let dynamo: RunningDynalite;
  beforeAll(async () => {
    dynamo = await startDynalite({ path: join(state, 'dynamodb') });
  });
  afterAll(() => dynamo.stop());

  it('reads the same shards from the deployed table', async () => {
    const live = ['--live', '--endpoint-url', dynamo.url, '--table', LOCAL_LEDGER_TABLE, '--region', 'us-west-2'];
    expect(await history(...live, '--since', '2026-12-02', '--limit', '3')).toEqual(NEWEST_FIRST.slice(0, 3));
    expect(await history(...live, '--until', '2026-12-03T00:00:00Z', '--limit', '3')).toEqual(TIMES.slice(1, 4).reverse());
  });
});

