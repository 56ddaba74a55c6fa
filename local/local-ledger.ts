/**
 * The ledger of local runs: an in-process DynamoDB (dynalite) on 127.0.0.1 with the ledger table made,
 * for the replay, the benchmarks and the tests that drive the real handlers.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ensureLedgerTable } from '../adapters/ledger-table.ts';
import { startDynalite } from './dynalite.ts';
import type { RunningDynalite } from './dynalite.ts';

/** The ledger table's name in local runs. */
export const LOCAL_LEDGER_TABLE = 'ivs-guard-ledger-local';

/** A client of the local DynamoDB (any credentials do). The caller destroys it. */
export function localDynamoClient(url: string): DynamoDBClient {
  return new DynamoDBClient({ endpoint: url, region: 'us-west-2', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
}

/** Starts dynalite (kept in `path` when given) and makes the ledger table. */
export async function startLocalLedger(path?: string): Promise<RunningDynalite> {
  const dynamo = await startDynalite(path === undefined ? {} : { path });
  const client = localDynamoClient(dynamo.url);
  try {
    await ensureLedgerTable(client, LOCAL_LEDGER_TABLE);
  } catch (error) {
    await dynamo.stop();
    throw error;
  } finally {
    client.destroy();
  }
  return dynamo;
}
