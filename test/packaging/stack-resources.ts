/**
 * The packaged template's path of an event and the stack's shared resources: exactly the guard's functions,
 * each with its settings, its rule (events/patterns.json) -> its queue -> its function, its DLQ after 5
 * receives, its log group and outputs; the ledger table (adapters/ledger-table.json) and the audit bus.
 */
import { describe, expect, it } from 'vitest';
import patterns from '../../events/patterns.json' with { type: 'json' };
import ledgerTableDefinition from '../../adapters/ledger-table.json' with { type: 'json' };
import { DEFAULT_MODERATION_SOURCE, FUNCTIONS, getAtt, logical, STAGE } from './packaged-stack.ts';
import type { Json, PackagedStack } from './packaged-stack.ts';

/** The tests of the template's resources, on the stack `packaged()` returns once packaged. */
export function describeStackResources(packaged: () => PackagedStack): void {
  const resource = (logicalId: string): Json => packaged().resource(logicalId);
  const resourcesOfType = (type: string): [string, Json][] => packaged().resourcesOfType(type);

  describe('the stack\'s resources', () => {
    it('deploys exactly the guard functions, on nodejs22.x arm64, each with its own role', () => {
      const functions = resourcesOfType('AWS::Lambda::Function');
      expect(functions.map(([id]) => id).sort()).toEqual(FUNCTIONS.map((fn) => `${logical(fn)}LambdaFunction`).sort());
      for (const fn of FUNCTIONS) {
        const { Properties } = resource(`${logical(fn)}LambdaFunction`);
        expect(Properties).toMatchObject({
          Handler: `handlers/${fn}.handler`,
          Runtime: 'nodejs22.x',
          Architectures: ['arm64'],
          FunctionName: `ivs-guard-${STAGE}-${fn}`,
          Role: getAtt(`${logical(fn)}Role`),
        });
      }
      // No role but the guard's own: osls's shared default role would hold every function's rights.
      expect(resourcesOfType('AWS::IAM::Role').map(([id]) => id).sort()).toEqual(FUNCTIONS.map((fn) => `${logical(fn)}Role`).sort());
    });

    it.each(FUNCTIONS)('%s: gets its settings from the environment', (fn) => {
      expect(resource(`${logical(fn)}LambdaFunction`).Properties.Environment.Variables).toEqual({
        IVS_GUARD_AUDIT_BUS: `ivs-guard-audit-${STAGE}`,
        IVS_GUARD_TABLE: `ivs-guard-ledger-${STAGE}`,
        IVS_GUARD_POLICIES: 'dist/policies.json',
        IVS_GUARD_MODERATION_SOURCE: DEFAULT_MODERATION_SOURCE,
        POWERTOOLS_SERVICE_NAME: 'ivs-guard',
        POWERTOOLS_METRICS_NAMESPACE: 'IvsGuard',
        POWERTOOLS_LOG_LEVEL: 'INFO',
        AWS_NODEJS_CONNECTION_REUSE_ENABLED: '1',
      });
    });

    it.each(FUNCTIONS)('%s: its rule on the default bus has the pattern of events/patterns.json and targets only its queue', (fn) => {
      const expected = fn === 'moderation' ? { ...patterns.moderation, source: [DEFAULT_MODERATION_SOURCE] } : patterns[fn];
      const { Properties } = resource(`${logical(fn)}Rule`);
      expect(Properties.EventPattern).toEqual(expected);
      expect(Properties.EventBusName ?? 'default').toBe('default');
      expect(Properties.State).toBe('ENABLED');
      expect(Properties.Targets).toHaveLength(1);
      expect(Properties.Targets[0].Arn).toEqual(getAtt(`${logical(fn)}Queue`));
    });

    it.each(FUNCTIONS)('%s: its queue redrives to its own DLQ after 5 receives; visibility is at least 6x the timeout', (fn) => {
      const queue = resource(`${logical(fn)}Queue`).Properties;
      const deadLetterQueue = resource(`${logical(fn)}DeadLetterQueue`).Properties;
      const timeout: number = resource(`${logical(fn)}LambdaFunction`).Properties.Timeout;
      expect(queue.RedrivePolicy).toEqual({ deadLetterTargetArn: getAtt(`${logical(fn)}DeadLetterQueue`), maxReceiveCount: 5 });
      expect(queue.VisibilityTimeout).toBeGreaterThanOrEqual(6 * timeout);
      expect(deadLetterQueue.MessageRetentionPeriod).toBe(14 * 24 * 3600);
      expect(deadLetterQueue.RedrivePolicy).toBeUndefined();
    });

    it.each(FUNCTIONS)('%s: reads its queue in batches of 10 and reports partial batch failures', (fn) => {
      const mappings = resourcesOfType('AWS::Lambda::EventSourceMapping').filter(
        ([, m]) => JSON.stringify(m.Properties.FunctionName) === JSON.stringify(getAtt(`${logical(fn)}LambdaFunction`)),
      );
      expect(mappings).toHaveLength(1);
      const { Properties } = mappings[0]![1];
      expect(Properties).toMatchObject({
        EventSourceArn: getAtt(`${logical(fn)}Queue`),
        BatchSize: 10,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
      });
      expect(Properties.MaximumBatchingWindowInSeconds).toBeGreaterThanOrEqual(1);
      expect(Properties.MaximumBatchingWindowInSeconds).toBeLessThanOrEqual(10);
    });

    it.each(FUNCTIONS)('%s: only its rule may send to its queue', (fn) => {
      const queueRef = { Ref: `${logical(fn)}Queue` };
      const policies = resourcesOfType('AWS::SQS::QueuePolicy').filter(([, p]) =>
        (p.Properties.Queues as Json[]).some((q) => JSON.stringify(q) === JSON.stringify(queueRef)),
      );
      expect(policies).toHaveLength(1);
      const { Properties } = policies[0]![1];
      expect(Properties.Queues).toEqual([queueRef]);
      expect(Properties.PolicyDocument.Statement).toEqual([
        {
          Sid: expect.any(String),
          Effect: 'Allow',
          Principal: { Service: 'events.amazonaws.com' },
          Action: 'sqs:SendMessage',
          Resource: getAtt(`${logical(fn)}Queue`),
          Condition: { ArnEquals: { 'aws:SourceArn': getAtt(`${logical(fn)}Rule`) } },
        },
      ]);
    });

    it.each(FUNCTIONS)('%s: writes logs only to its own log group', (fn) => {
      expect(resource(`${logical(fn)}LogGroup`).Properties.LogGroupName).toBe(`/aws/lambda/ivs-guard-${STAGE}-${fn}`);
    });

    it('has the ledger table of adapters/ledger-table.json: on demand, TTL, point-in-time recovery, encrypted, kept on delete', () => {
      const table = resource('LedgerTable');
      expect(resourcesOfType('AWS::DynamoDB::Table').map(([id]) => id)).toEqual(['LedgerTable']);
      expect(table.DeletionPolicy).toBe('Retain');
      expect(table.UpdateReplacePolicy).toBe('Retain');
      expect(table.Properties).toEqual({
        ...ledgerTableDefinition,
        TableName: `ivs-guard-ledger-${STAGE}`,
        TimeToLiveSpecification: { AttributeName: ledgerTableDefinition.TimeToLiveSpecification.AttributeName, Enabled: true },
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        SSESpecification: { SSEEnabled: true },
      });
      expect(table.Properties.BillingMode).toBe('PAY_PER_REQUEST');
      expect(packaged().template.Outputs.LedgerTableName.Value).toEqual({ Ref: 'LedgerTable' });
    });

    it('has the audit bus, archived for 90 days', () => {
      expect(resource('AuditBus').Properties).toEqual({ Name: `ivs-guard-audit-${STAGE}` });
      expect(resource('AuditArchive').Properties).toMatchObject({ SourceArn: getAtt('AuditBus'), RetentionDays: 90 });
    });

    it.each(FUNCTIONS)('%s: outputs its queue URL and its DLQ URL and ARN', (fn) => {
      const F = logical(fn);
      expect(packaged().template.Outputs[`${F}QueueUrl`].Value).toEqual({ Ref: `${F}Queue` });
      expect(packaged().template.Outputs[`${F}DeadLetterQueueUrl`].Value).toEqual({ Ref: `${F}DeadLetterQueue` });
      expect(packaged().template.Outputs[`${F}DeadLetterQueueArn`].Value).toEqual(getAtt(`${F}DeadLetterQueue`));
    });
  });
}
