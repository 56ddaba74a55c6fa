/**
 * The deployable stack as CloudFormation will receive it: the real `serverless package --stage test
 * --region us-west-2`, offline and without AWS credentials, on a copy of the project. Checks the
 * path of an event (rule -> queue -> function, DLQ after 5 receives), the ledger table (from
 * adapters/ledger-table.json), that each function's role grants exactly events/permissions.json, that
 * this is exactly what the function calls (its IVS operations in domain/functions.ts, the ledger's
 * DynamoDB requests in adapters/ledger*.ts) and never a wildcard action or a wildcard resource, and what
 * each zip holds and loads. `.ci/run` packages once more and lints that template with cfn-lint.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import patterns from '../../events/patterns.json' with { type: 'json' };
import permissions from '../../events/permissions.json' with { type: 'json' };
import ledgerTableDefinition from '../../adapters/ledger-table.json' with { type: 'json' };
import { operationsOf } from '../../domain/functions.ts';
import type { GuardFunction } from '../../domain/functions.ts';
import { ledgerCalls } from './ledger-operations.ts';
import { readZip } from './read-zip.ts';
import { coldStart, copyProject, ROOT, runServerless } from './serverless-cli.ts';
import type { CliResult, ProjectCopy } from './serverless-cli.ts';

// A CloudFormation template is JSON of any shape; the assertions below pin the parts that matter.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const STAGE = 'test';
const REGION = 'us-west-2';
const FUNCTIONS = ['stream', 'recording', 'stage', 'moderation'] as const satisfies readonly GuardFunction[];
type FunctionKey = (typeof FUNCTIONS)[number];
const DEFAULT_MODERATION_SOURCE = 'ivs-guard.moderation';

/** osls's logical-id prefix for a function key. */
const logical = (fn: string) => fn.charAt(0).toUpperCase() + fn.slice(1);
const getAtt = (logicalId: string) => ({ 'Fn::GetAtt': [logicalId, 'Arn'] });
const ivsArn = (path: string) => ({ 'Fn::Sub': `arn:\${AWS::Partition}:ivs:\${AWS::Region}:\${AWS::AccountId}:${path}` });
const LEDGER_TABLE_ARN = getAtt('LedgerTable');
const LEDGER_INDEX_ARN = { 'Fn::Sub': '${LedgerTable.Arn}/index/*' };

/** What each resource kind of events/permissions.json must become in the role of `fn`. */
function expectedResource(kind: string, fn: FunctionKey): Json {
  const kinds: Record<string, Json> = {
    'ivs-channel': ivsArn('channel/*'),
    'ivs-stream-key': ivsArn('stream-key/*'),
    'ivs-stage': ivsArn('stage/*'),
    'audit-bus': getAtt('AuditBus'),
    'ledger-table': LEDGER_TABLE_ARN,
    'ledger-index': LEDGER_INDEX_ARN,
    'own-queue': getAtt(`${logical(fn)}Queue`),
    'own-log-group': getAtt(`${logical(fn)}LogGroup`),
  };
  if (!(kind in kinds)) throw new Error(`test does not know resource kind ${kind}`);
  return kinds[kind];
}

const MAX_ZIP_BYTES = 400 * 1024;
/** DESIGN §5: each function's bundle under 400 KB minified. Reported, not yet enforced (about 830 KB today). */
const BUNDLE_BUDGET_BYTES = 400 * 1024;

/**
 * DynamoDB operations of adapters/ledger*.ts that no deployed function sends: `ensureLedgerTable`
 * creates the table for local runs and tests; the deployed table comes from CloudFormation. The zips
 * are checked not to contain them, so a handler that started calling it would fail here.
 */
const LOCAL_ONLY_LEDGER_OPERATIONS = new Set(['CreateTable', 'DescribeTable']);

/** The ledger's DynamoDB requests, split by the resource IAM authorizes them on. */
function ledgerGrantsNeeded(): { table: string[]; index: string[] } {
  const calls = ledgerCalls(ROOT).filter((call) => !LOCAL_ONLY_LEDGER_OPERATIONS.has(call.operation));
  const actions = (onIndex: boolean) => [...new Set(calls.filter((call) => call.onIndex === onIndex).map((call) => `dynamodb:${call.operation}`))].sort();
  return { table: actions(false), index: actions(true) };
}

/** The operations (`GetItem`, ...) a bundle's DynamoDB client commands name, as the SDK's minified command classes spell them. */
const dynamoOperationsIn = (bundle: string) => new Set([...bundle.matchAll(/"DynamoDB_20120810","(\w+)"/g)].map((match) => match[1]!));

let project: ProjectCopy;
let packageDir: string;
let packaging: CliResult;
let template: Json;

const resource = (logicalId: string): Json => {
  const found = template.Resources[logicalId];
  if (!found) throw new Error(`template has no resource ${logicalId}`);
  return found;
};
const resourcesOfType = (type: string): [string, Json][] =>
  Object.entries(template.Resources as Record<string, Json>).filter(([, r]) => r.Type === type);
const statementsOf = (fn: FunctionKey): Json[] => {
  const statements: Json[] = resource(`${logical(fn)}Role`).Properties.Policies[0].PolicyDocument.Statement;
  return statements;
};
/** The actions with `prefix` that the role of `fn` grants on `arn` (any resource when `arn` is omitted), sorted. */
const grantedActions = (fn: FunctionKey, prefix: string, arn?: Json): string[] => {
  const actions = statementsOf(fn)
    .filter((statement) => arn === undefined || [statement.Resource].flat().some((r: Json) => JSON.stringify(r) === JSON.stringify(arn)))
    .flatMap((statement) => [statement.Action as string | string[]].flat())
    .filter((action) => action.startsWith(prefix));
  return [...new Set(actions)].sort();
};

describe('serverless package (offline, no AWS credentials)', () => {
  beforeAll(async () => {
    project = copyProject();
    packageDir = join(project.dir, '..', 'package');
    packaging = await runServerless(project, ['package', '--stage', STAGE, '--region', REGION, '--package', packageDir]);
    if (packaging.code !== 0) throw new Error(`serverless package failed (exit ${packaging.code}):\n${packaging.output}`);
    template = JSON.parse(readFileSync(join(packageDir, 'cloudformation-template-update-stack.json'), 'utf8'));
  }, 300_000);

  afterAll(() => project?.remove());

  it('validates policies.yml before packaging', () => {
    expect(packaging.output).toContain('policies.yml: valid policy document');
  });

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
      IVS_GUARD_POLICIES: 'policies.yml',
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

  it.each(FUNCTIONS)('%s: its role grants exactly events/permissions.json', (fn) => {
    const role = resource(`${logical(fn)}Role`).Properties;
    expect(role.AssumeRolePolicyDocument.Statement).toEqual([
      { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
    ]);
    expect(role.ManagedPolicyArns).toBeUndefined();
    expect(role.Policies).toHaveLength(1);
    const granted = (role.Policies[0].PolicyDocument.Statement as Json[]).map(({ Effect, Action, Resource }) => ({ Effect, Action, Resource }));
    const expected = [...permissions.common, ...permissions.functions[fn]].map(({ actions, resource: kind }) => ({
      Effect: 'Allow',
      Action: actions,
      Resource: expectedResource(kind, fn),
    }));
    expect(granted).toEqual(expected);
  });

  it.each(FUNCTIONS)('%s: its role grants exactly the IVS operations it calls (domain/functions.ts operationsOf)', (fn) => {
    expect(grantedActions(fn, 'ivs:')).toEqual(operationsOf(fn).map((operation) => `ivs:${operation}`).sort());
  });

  it.each(FUNCTIONS)('%s: its role grants exactly the DynamoDB requests of the ledger adapter, on the ledger table and its indexes', (fn) => {
    const needed = ledgerGrantsNeeded();
    expect(needed.table.length).toBeGreaterThan(0);
    expect(grantedActions(fn, 'dynamodb:', LEDGER_TABLE_ARN)).toEqual(needed.table);
    expect(grantedActions(fn, 'dynamodb:', LEDGER_INDEX_ARN)).toEqual(needed.index);
    // Nothing else: no other DynamoDB resource, and no other AWS resource holds a DynamoDB grant.
    expect(grantedActions(fn, 'dynamodb:')).toEqual([...new Set([...needed.table, ...needed.index])].sort());
    for (const statement of statementsOf(fn).filter((s) => [s.Action].flat().some((action: string) => action.startsWith('dynamodb:')))) {
      expect([LEDGER_TABLE_ARN, LEDGER_INDEX_ARN]).toContainEqual(statement.Resource);
    }
  });

  it.each(FUNCTIONS)('%s: its role has no wildcard action and no wildcard IVS resource', (fn) => {
    for (const statement of statementsOf(fn)) {
      const actions: string[] = [statement.Action].flat();
      const resources: Json[] = [statement.Resource].flat();
      expect(statement.Effect).toBe('Allow');
      expect(actions.filter((action) => action.includes('*'))).toEqual([]);
      expect(resources).not.toContain('*');
      if (actions.some((action) => action.startsWith('ivs:'))) {
        for (const arn of resources) {
          expect(arn['Fn::Sub']).toMatch(/^arn:\$\{AWS::Partition\}:ivs:\$\{AWS::Region\}:\$\{AWS::AccountId\}:(channel|stream-key|stage)\/\*$/);
        }
      }
    }
  });

  it('moderation can only revoke viewer sessions and disconnect participants: no stream key, StopStream or PutMetadata', () => {
    const ivsStatements = statementsOf('moderation').filter((s) => [s.Action].flat().some((action: string) => action.startsWith('ivs:')));
    expect(ivsStatements.map(({ Action, Resource }) => ({ Action: [Action].flat().sort(), Resource }))).toEqual([
      { Action: ['ivs:BatchStartViewerSessionRevocation', 'ivs:ListTagsForResource'], Resource: ivsArn('channel/*') },
      { Action: ['ivs:DisconnectParticipant', 'ivs:GetStage', 'ivs:ListParticipants', 'ivs:ListTagsForResource'], Resource: ivsArn('stage/*') },
    ]);
  });

  it('stage acts only on stages: exactly the real-time operations it calls, on stage/*; only moderation (disconnect requests) may too', () => {
    const ivsStatements = statementsOf('stage').filter((s) => [s.Action].flat().some((action: string) => action.startsWith('ivs:')));
    expect(ivsStatements.map(({ Action, Resource }) => ({ Action: [Action].flat().sort(), Resource }))).toEqual([
      { Action: ['ivs:DisconnectParticipant', 'ivs:GetParticipant', 'ivs:ListParticipantEvents', 'ivs:ListTagsForResource'], Resource: ivsArn('stage/*') },
    ]);
    for (const fn of FUNCTIONS.filter((f) => f !== 'stage' && f !== 'moderation')) {
      for (const statement of statementsOf(fn)) expect([statement.Resource].flat()).not.toContainEqual(ivsArn('stage/*'));
    }
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
    expect(template.Outputs.LedgerTableName.Value).toEqual({ Ref: 'LedgerTable' });
  });

  it('has the audit bus, archived for 90 days', () => {
    expect(resource('AuditBus').Properties).toEqual({ Name: `ivs-guard-audit-${STAGE}` });
    expect(resource('AuditArchive').Properties).toMatchObject({ SourceArn: getAtt('AuditBus'), RetentionDays: 90 });
  });

  it.each(FUNCTIONS)('%s: alarms on a message in its DLQ, on its errors and on its throttles; no actions without alarmTopicArn', (fn) => {
    const F = logical(fn);
    const common = { Period: 300, EvaluationPeriods: 1, Threshold: 0, ComparisonOperator: 'GreaterThanThreshold', TreatMissingData: 'notBreaching' };
    expect(resource(`${F}DeadLetterQueueAlarm`).Properties).toMatchObject({
      ...common,
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Statistic: 'Maximum',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [`${F}DeadLetterQueue`, 'QueueName'] } }],
    });
    for (const metric of ['Errors', 'Throttles']) {
      expect(resource(`${F}${metric}Alarm`).Properties).toMatchObject({
        ...common,
        Namespace: 'AWS/Lambda',
        MetricName: metric,
        Statistic: 'Sum',
        Dimensions: [{ Name: 'FunctionName', Value: { Ref: `${F}LambdaFunction` } }],
      });
    }
    expect(resource(`${F}BudgetExhaustedFilter`).Properties).toEqual({
      LogGroupName: { Ref: `${F}LogGroup` },
      FilterPattern: '{ $.message = "action budget exhausted*" }',
      MetricTransformations: [{ MetricNamespace: `IvsGuard/${STAGE}`, MetricName: 'BudgetExhausted', MetricValue: '1' }],
    });
    for (const [, alarm] of resourcesOfType('AWS::CloudWatch::Alarm')) {
      expect(alarm.Properties.AlarmActions).toBeUndefined();
      expect(alarm.Properties.AlarmDescription).toContain('docs/operating.md');
    }
  });

  it('alarms on the guard\'s EventsFailed metric and on a spent action budget', () => {
    expect(resource('EventsFailedAlarm').Properties).toMatchObject({
      Namespace: 'IvsGuard',
      MetricName: 'EventsFailed',
      Dimensions: [{ Name: 'service', Value: 'ivs-guard' }],
      Statistic: 'Sum',
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
    });
    expect(resource('BudgetExhaustedAlarm').Properties).toMatchObject({ Namespace: `IvsGuard/${STAGE}`, MetricName: 'BudgetExhausted', Statistic: 'Sum', Threshold: 0 });
    expect(resourcesOfType('AWS::CloudWatch::Alarm')).toHaveLength(2 + 3 * FUNCTIONS.length);
  });

  it.each(FUNCTIONS)('%s: outputs its queue URL and its DLQ URL and ARN', (fn) => {
    const F = logical(fn);
    expect(template.Outputs[`${F}QueueUrl`].Value).toEqual({ Ref: `${F}Queue` });
    expect(template.Outputs[`${F}DeadLetterQueueUrl`].Value).toEqual({ Ref: `${F}DeadLetterQueue` });
    expect(template.Outputs[`${F}DeadLetterQueueArn`].Value).toEqual(getAtt(`${F}DeadLetterQueue`));
  });

  it.each(FUNCTIONS)('%s.zip: bundles its handler with the AWS SDK, and holds policies.yml', (fn) => {
    const zipFile = join(packageDir, `${fn}.zip`);
    expect(existsSync(zipFile)).toBe(true);
    const entries = readZip(zipFile);
    const bundle = entries.get(`handlers/${fn}.mjs`);
    const zipBytes = statSync(zipFile).size;
    const bundleBytes = bundle?.length ?? 0;
    const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
    console.log(
      `${fn}: handlers/${fn}.mjs ${kb(bundleBytes)} unzipped, minified ` +
        `(DESIGN §5 budget ${kb(BUNDLE_BUDGET_BYTES)}: ${bundleBytes <= BUNDLE_BUDGET_BYTES ? 'within' : `over by ${kb(bundleBytes - BUNDLE_BUDGET_BYTES)}`}); ${fn}.zip ${kb(zipBytes)}`,
    );

    expect([...entries.keys()].sort()).toEqual([`handlers/${fn}.mjs`, 'policies.yml']);
    expect(entries.get('policies.yml')?.toString('utf8')).toBe(readFileSync(join(project.dir, 'policies.yml'), 'utf8'));
    // Bundled, not imported from the runtime's copy: no import of an @aws-sdk package is left.
    expect(bundle?.toString('utf8')).not.toMatch(/from\s*["']@aws-sdk\//);
    expect(zipBytes).toBeLessThan(MAX_ZIP_BYTES);
  });

  it.each(FUNCTIONS)('%s.zip: sends the ledger requests its role grants, and never creates or describes the table', (fn) => {
    const bundled = dynamoOperationsIn(readZip(join(packageDir, `${fn}.zip`)).get(`handlers/${fn}.mjs`)?.toString('utf8') ?? '');
    const { table, index } = ledgerGrantsNeeded();
    // The granted ones are found (so the pattern still reads this SDK's bundles) ...
    for (const action of [...table, ...index]) expect(bundled).toContain(action.replace(/^dynamodb:/, ''));
    // ... and the local-only ones are not: tree-shaken, so no code path of the function sends them.
    expect([...LOCAL_ONLY_LEDGER_OPERATIONS].filter((operation) => bundled.has(operation))).toEqual([]);
  });

  it.each(FUNCTIONS)('%s.zip: its handler loads from the zip alone, as at a cold start', async (fn) => {
    const taskRoot = mkdtempSync(join(tmpdir(), `ivs-guard-${fn}-task-`));
    try {
      for (const [name, contents] of readZip(join(packageDir, `${fn}.zip`))) {
        mkdirSync(dirname(join(taskRoot, name)), { recursive: true });
        writeFileSync(join(taskRoot, name), contents);
      }
      const environment = resource(`${logical(fn)}LambdaFunction`).Properties.Environment.Variables;
      const loaded = await coldStart(taskRoot, `handlers/${fn}.mjs`, { ...environment, AWS_REGION: REGION });
      expect(loaded.output).toBe('');
      expect(loaded.code).toBe(0);
    } finally {
      rmSync(taskRoot, { recursive: true, force: true });
    }
  });

  it('writes nothing but the templates, the state and the zips', () => {
    expect(readdirSync(packageDir).sort()).toEqual([
      'cloudformation-template-create-stack.json',
      'cloudformation-template-update-stack.json',
      ...FUNCTIONS.map((fn) => `${fn}.zip`).sort(),
      'serverless-state.json',
    ].sort());
  });
});

describe('serverless print --param', () => {
  it('moderationSource changes the moderation rule source and the functions setting, not the rest of its pattern', async () => {
    const copy = copyProject();
    try {
      const printed = await runServerless(copy, ['print', '--stage', STAGE, '--region', REGION, '--format', 'json', '--param=moderationSource=acme.moderation']);
      expect(printed.code, printed.output).toBe(0);
      const config = JSON.parse(printed.stdout);
      expect(config.resources.Resources.ModerationRule.Properties.EventPattern).toEqual({ ...patterns.moderation, source: ['acme.moderation'] });
      expect(config.resources.Resources.StreamRule.Properties.EventPattern).toEqual(patterns.stream);
      expect(config.provider.environment.IVS_GUARD_MODERATION_SOURCE).toBe('acme.moderation');
    } finally {
      copy.remove();
    }
  }, 300_000);
});

describe('serverless print --param alarmTopicArn', () => {
  it('every alarm notifies the topic; a value that is not an SNS topic ARN fails naming the param', async () => {
    const copy = copyProject();
    try {
      const topic = 'arn:aws:sns:us-west-2:123456789012:on-call';
      const printed = await runServerless(copy, ['print', '--stage', STAGE, '--region', REGION, '--format', 'json', `--param=alarmTopicArn=${topic}`]);
      expect(printed.code, printed.output).toBe(0);
      const alarms = Object.values(JSON.parse(printed.stdout).resources.Resources as Record<string, Json>).filter((r) => r.Type === 'AWS::CloudWatch::Alarm');
      expect(alarms).toHaveLength(2 + 3 * FUNCTIONS.length);
      for (const alarm of alarms) expect(alarm.Properties).toMatchObject({ AlarmActions: [topic], OKActions: [topic] });

      const bad = await runServerless(copy, ['print', '--stage', STAGE, '--region', REGION, '--format', 'json', '--param=alarmTopicArn=on-call']);
      expect(bad.code).not.toBe(0);
      expect(bad.output).toContain('param alarmTopicArn must be an SNS topic ARN');
    } finally {
      copy.remove();
    }
  }, 300_000);
});

describe('serverless package with a broken policies.yml', () => {
  it('fails before building anything, naming the line of the mistake', async () => {
    const copy = copyProject();
    try {
      writeFileSync(
        join(copy.dir, 'policies.yml'),
        ['version: 1', 'policies:', '  - name: launch', '    on: { names: [Stream Start] }', '    then: [launchRockets]', ''].join('\n'),
      );
      const outDir = join(copy.dir, '..', 'package');
      const result = await runServerless(copy, ['package', '--stage', STAGE, '--region', REGION, '--package', outDir]);
      expect(result.code).not.toBe(0);
      expect(result.output).toContain('policies.yml is not a valid policy document');
      expect(result.output).toMatch(/policies\.yml:5:\d+ \S*then/);
      expect(existsSync(join(outDir, 'stream.zip'))).toBe(false);
    } finally {
      copy.remove();
    }
  }, 300_000);
});
