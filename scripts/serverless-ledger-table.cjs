// @ts-check
'use strict';
/**
 * The ledger's DynamoDB table (DESIGN §1 "record"), built from adapters/ledger-table.json: the one
 * definition of its keys, indexes, billing mode and TTL attribute, which local runs and tests create
 * with `ensureLedgerTable` too. This adds only what a deployed table needs on top of it:
 *   TableName                   custom.guard.ledgerTableName (serverless.yml also sets IVS_GUARD_TABLE from it)
 *   point-in-time recovery      the ledger is the guard's memory of what it did (cooldowns, idempotency)
 *   server-side encryption      with the AWS managed key: the functions need no KMS permission for it
 *   DeletionPolicy / UpdateReplacePolicy Retain   removing or replacing the stack keeps the record
 *
 * serverless.yml reads it as `${file(./scripts/serverless-ledger-table.cjs)}`; the roles of
 * scripts/guard-resources/role.cjs name the table by LEDGER_TABLE.
 */
const definition = require('../adapters/ledger-table.json');

/** The logical id of the ledger table. */
const LEDGER_TABLE = 'LedgerTable';

/** @param {string} tableName */
function ledgerTable(tableName) {
  const ttlAttribute = definition.TimeToLiveSpecification?.AttributeName;
  if (typeof ttlAttribute !== 'string' || ttlAttribute === '') {
    throw new Error('adapters/ledger-table.json: TimeToLiveSpecification.AttributeName must name the TTL attribute');
  }
  return {
    Type: 'AWS::DynamoDB::Table',
    DeletionPolicy: 'Retain',
    UpdateReplacePolicy: 'Retain',
    Properties: {
      ...definition,
      TableName: tableName,
      TimeToLiveSpecification: { AttributeName: ttlAttribute, Enabled: true },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true },
    },
  };
}

/** @param {{ resolveConfigurationProperty: (path: string[]) => Promise<any> }} resolvers osls's variable resolvers */
module.exports = async ({ resolveConfigurationProperty }) => {
  const tableName = await resolveConfigurationProperty(['custom', 'guard', 'ledgerTableName']);
  if (typeof tableName !== 'string' || tableName === '') throw new Error('serverless.yml: custom.guard.ledgerTableName must name the ledger table');
  return {
    Resources: { [LEDGER_TABLE]: ledgerTable(tableName) },
    Outputs: {
      LedgerTableName: { Description: 'The DynamoDB table where ivs-guard records what it did', Value: { Ref: LEDGER_TABLE } },
    },
  };
};
module.exports.LEDGER_TABLE = LEDGER_TABLE;
