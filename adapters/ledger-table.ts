/**
 * The ledger's DynamoDB table, defined once in `ledger-table.json`: the CloudFormation
 * `AWS::DynamoDB::Table` properties (all but `TableName` and the deploy's own choices, such as
 * point-in-time recovery). The deploy reads the JSON (`require('../adapters/ledger-table.json')`);
 * local runs and tests create the same table with `ensureLedgerTable`.
 */
import {
  CreateTableCommand,
  DescribeTableCommand,
  waitUntilTableExists,
  type CreateTableCommandInput,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { guarded, errorCodeOf, toGuardError } from './aws-errors.ts';
import definition from './ledger-table.json' with { type: 'json' };

/** The table's shape, in the property names CloudFormation and CreateTable share. */
export type LedgerTableDefinition = Required<Pick<CreateTableCommandInput, 'AttributeDefinitions' | 'KeySchema' | 'GlobalSecondaryIndexes' | 'BillingMode'>> & {
  /** CloudFormation only: CreateTable has no TTL (UpdateTimeToLive sets it on a live table). */
  TimeToLiveSpecification: { AttributeName: string; Enabled: boolean };
};

/** Keys `pk`/`sk`, the `by-channel` and `by-time` indexes of `history`, on-demand billing, TTL on `expiresAt`. */
export const LEDGER_TABLE_DEFINITION = definition as LedgerTableDefinition;

/** The index `history` queries for one channel (partition `channel#<arn>`). */
export const BY_CHANNEL_INDEX = 'by-channel';
/** The index `history` queries for all channels: one partition a UTC day (`actions#2026-12-04`), listed in `shards`. */
export const BY_TIME_INDEX = 'by-time';
/** Epoch seconds after which DynamoDB may delete a row. */
export const TTL_ATTRIBUTE = LEDGER_TABLE_DEFINITION.TimeToLiveSpecification.AttributeName;

/** The CreateTable request for the ledger table named `tableName`. */
export function createLedgerTableInput(tableName: string): CreateTableCommandInput {
  const { AttributeDefinitions, KeySchema, GlobalSecondaryIndexes, BillingMode } = LEDGER_TABLE_DEFINITION;
  return { TableName: tableName, AttributeDefinitions, KeySchema, GlobalSecondaryIndexes, BillingMode };
}

/**
 * Creates the ledger table unless it exists, and waits until it is active. For local use (replay,
 * tests, dynalite): the deployed table comes from CloudFormation.
 */
export async function ensureLedgerTable(client: DynamoDBClient, tableName: string): Promise<void> {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return;
  } catch (error) {
    if (errorCodeOf(error) !== 'ResourceNotFoundException') throw toGuardError(error, 'DynamoDB DescribeTable (ledger)');
  }
  try {
    await client.send(new CreateTableCommand(createLedgerTableInput(tableName)));
  } catch (error) {
    // Another process created it first: fine, wait for it below.
    if (errorCodeOf(error) !== 'ResourceInUseException') throw toGuardError(error, 'DynamoDB CreateTable (ledger)');
  }
  await guarded('DynamoDB DescribeTable (ledger)', () => waitUntilTableExists({ client, minDelay: 1, maxDelay: 2, maxWaitTime: 60 }, { TableName: tableName }));
}
