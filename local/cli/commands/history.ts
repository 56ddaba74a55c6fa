/**
 * `ivs-guard history`: what the guard did to a channel (or to all), newest first, read from the
 * ledger: the local one `ivs-guard replay --state DIR` keeps, or with `--live` the deployed table;
 * `--since`/`--until` narrow it to a window (the ledger reads only the day shards it touches).
 */
import { existsSync } from 'node:fs';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { errorCodeOf } from '../../../adapters/aws-errors.ts';
import { clientConfig } from '../../../adapters/clients.ts';
import { DEFAULT_HISTORY_LIMIT, ledgerAdapter } from '../../../adapters/ledger.ts';
import { GuardError } from '../../../domain/errors.ts';
import type { LedgerEntry } from '../../../domain/ports.ts';
import { startDynalite } from '../../dynalite.ts';
import { LOCAL_LEDGER_TABLE } from '../../local-ledger.ts';
import { assertLedgerStoreFree, DEFAULT_STATE_DIR, statePaths } from '../../replay/state-dir.ts';
import { outputFormatOf, parseOptions, queryOf, UsageError } from '../args.ts';
import { renderHistory } from '../history-format.ts';
import { historyWindow } from '../history-window.ts';
import { DEFAULT_STAGE, ledgerTableOf, liveLedgerTable } from '../live-ledger.ts';

/** The deployed ledger table of the default stage (`npx serverless deploy` without `--stage`). */
export const DEFAULT_LIVE_TABLE = ledgerTableOf(DEFAULT_STAGE);

const HELP = `usage: ivs-guard history [options]

What the guard did to a channel (or to all channels), newest first, from its ledger.

options:
  --channel ARN         only the actions on this channel
  --limit N             at most N entries (default ${DEFAULT_HISTORY_LIMIT})
  --since TIME          only the actions at or after TIME: an ISO 8601 day or time with its zone
                        (2026-12-04, 2026-12-04T19:00:00Z) or a span back from now (90m, 24h, 7d)
  --until TIME          only the actions before TIME (same forms)
  --state DIR           the local ledger 'ivs-guard replay --state DIR' kept (default ${DEFAULT_STATE_DIR})
  --live                read the deployed ledger table instead (default credential chain)
  --stage NAME          with --live: the deployed stage (default ${DEFAULT_STAGE}): its table ivs-guard-ledger-NAME
  --table NAME          with --live: the table, when it is not ivs-guard-ledger-STAGE
  --region REGION       with --live: the AWS region (default: AWS_REGION or the profile's)
  --profile NAME        with --live: the AWS profile
  --endpoint-url URL    with --live: the DynamoDB endpoint, e.g. the one 'ivs-guard stack' prints (on
                        127.0.0.1 or localhost, placeholder credentials when none are set)
  --output FORMAT       table (default on a terminal), json (default otherwise) or text
  --query EXPR          JMESPath over the JSON list
`;

type HistoryQuery = { channelArn?: string; limit: number; since?: Date; until?: Date };

/** Runs `ivs-guard history`; resolves to its exit status. */
export async function runHistory(args: string[]): Promise<number> {
  const { values } = parseOptions(args, {
    usage: HELP,
    allowPositionals: false,
    options: {
      channel: { type: 'string' },
      limit: { type: 'string' },
      since: { type: 'string' },
      until: { type: 'string' },
      state: { type: 'string' },
      live: { type: 'boolean', default: false },
      stage: { type: 'string' },
      table: { type: 'string' },
      region: { type: 'string' },
      profile: { type: 'string' },
      'endpoint-url': { type: 'string' },
      output: { type: 'string' },
      query: { type: 'string' },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const output = outputFormatOf(values.output);
  const expression = queryOf(values.query);
  const query: HistoryQuery = {
    limit: limitOf(values.limit as string | undefined),
    ...(typeof values.channel === 'string' ? { channelArn: channelOf(values.channel) } : {}),
    ...historyWindow(values.since as string | undefined, values.until as string | undefined, new Date()),
  };
  if (values.live && values.state !== undefined) throw new UsageError('--state names the local ledger; it does not go with --live');
  if (!values.live && (values.stage !== undefined || values.table !== undefined || values.region !== undefined || values.profile !== undefined || values['endpoint-url'] !== undefined)) {
    throw new UsageError('--stage, --table, --region, --profile and --endpoint-url name the deployed ledger; they go with --live');
  }
  const endpoint = endpointOf(values['endpoint-url'] as string | undefined);
  const table = values.live ? liveLedgerTable(values.stage as string | undefined, values.table as string | undefined) : undefined;

  const entries = values.live
    ? await liveHistory(query, { table: table ?? DEFAULT_LIVE_TABLE, region: values.region as string | undefined, profile: values.profile as string | undefined, endpoint })
    : await localHistory(query, (values.state as string | undefined) ?? DEFAULT_STATE_DIR);
  process.stdout.write(`${renderHistory(entries, output, expression)}\n`);
  return 0;
}

function limitOf(value: string | undefined): number {
  if (value === undefined) return DEFAULT_HISTORY_LIMIT;
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--limit must be a whole number of at least 1, not '${value}'`);
  return limit;
}

/** `--endpoint-url` as a URL; a UsageError naming it otherwise. */
function endpointOf(value: string | undefined): URL | undefined {
  if (value === undefined) return undefined;
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (!url || !/^https?:$/.test(url.protocol)) throw new UsageError(`--endpoint-url must be an http(s) URL, not '${value}'`);
  return url;
}

function channelOf(arn: string): string {
  if (!/^arn:aws[a-z-]*:ivs:[^:]*:[^:]*:channel\/\S+$/.test(arn)) throw new UsageError(`--channel takes a channel ARN (arn:aws:ivs:REGION:ACCOUNT:channel/ID), not '${arn}'`);
  return arn;
}

/** From the dynalite store of a state directory; an error telling how to make one when it has no ledger. */
async function localHistory(query: HistoryQuery, dir: string): Promise<LedgerEntry[]> {
  const noLedger = new Error(`no ledger in ${dir}: run \`ivs-guard replay --state ${dir} ...\` first`);
  const paths = statePaths(dir);
  // startDynalite would make the directory: a mistyped --state must not leave one behind.
  if (!existsSync(paths.dynamodb)) throw noLedger;
  await assertLedgerStoreFree(paths);
  const dynamo = await startDynalite({ path: paths.dynamodb });
  const client = new DynamoDBClient({ endpoint: dynamo.url, region: 'us-west-2', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  try {
    if (!(await tableExists(client, LOCAL_LEDGER_TABLE))) throw noLedger;
    return await ledgerAdapter(client, { tableName: LOCAL_LEDGER_TABLE }).history(query);
  } finally {
    client.destroy();
    await dynamo.stop();
  }
}

/** From the deployed table, through the default credential chain (or `profile`). */
async function liveHistory(query: HistoryQuery, where: { table: string; region: string | undefined; profile: string | undefined; endpoint: URL | undefined }): Promise<LedgerEntry[]> {
  // A local emulator (ivs-guard stack's moto) takes any credentials: placeholders when none are set.
  const local = where.endpoint && ['127.0.0.1', 'localhost', '[::1]'].includes(where.endpoint.hostname) && !where.profile && !process.env.AWS_ACCESS_KEY_ID;
  const client = new DynamoDBClient({
    ...clientConfig(),
    ...(where.region ? { region: where.region } : {}),
    ...(where.profile ? { profile: where.profile } : {}),
    ...(where.endpoint ? { endpoint: where.endpoint.href } : {}),
    ...(local ? { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
  });
  try {
    const at = where.endpoint ? ` at ${where.endpoint.origin}` : '';
    const region = await client.config.region().catch(() => {
      throw new Error('no AWS region: give --region, set AWS_REGION, or use a --profile that has one');
    });
    try {
      return await ledgerAdapter(client, { tableName: where.table }).history(query);
    } catch (error) {
      if (!(error instanceof GuardError)) throw error;
      // The ledger adapter wraps SDK errors in a GuardError that keeps the service's code.
      if (error.code === 'ResourceNotFoundException') throw new Error(`no ledger table ${where.table} in ${region}${at}: name the deployed one with --stage (or --table), its region with --region`);
      throw new Error(`cannot read the ledger table ${where.table} in ${region}${at}: ${error.message}`);
    }
  } finally {
    client.destroy();
  }
}

async function tableExists(client: DynamoDBClient, tableName: string): Promise<boolean> {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return true;
  } catch (error) {
    if (errorCodeOf(error) === 'ResourceNotFoundException') return false;
    throw error;
  }
}
