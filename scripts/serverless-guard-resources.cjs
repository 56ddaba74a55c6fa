// @ts-check
'use strict';
/**
 * The CloudFormation resources behind each guard function of serverless.yml, built from the two
 * tables the rest of the project reads too:
 *   events/patterns.json     the EventBridge pattern of each function (the local router reads it as well)
 *   events/permissions.json  what each function's role may do (test/packaging checks its IVS part against
 *                            domain/functions.ts and its DynamoDB part against the ledger adapter's calls)
 *
 * For every function declared in serverless.yml this returns:
 *   <Fn>Queue        SQS buffer; visibility timeout = 6 x the function's timeout (AWS's advice for SQS
 *                    event sources); redrives to <Fn>DeadLetterQueue after `maxReceiveCount` receives
 *   <Fn>DeadLetterQueue  kept 14 days
 *   <Fn>Rule         rule on the default bus with the function's pattern, targeting <Fn>Queue
 *   <Fn>QueuePolicy  only <Fn>Rule (aws:SourceArn) may send to <Fn>Queue
 *   <Fn>Role         the function's own least-privilege role (serverless.yml sets `role: <Fn>Role`)
 *   <Fn>DeadLetterQueueAlarm  a message in <Fn>DeadLetterQueue (ApproximateNumberOfMessagesVisible > 0)
 *   <Fn>ErrorsAlarm  the function's invocations failed (AWS/Lambda Errors > 0)
 *   <Fn>ThrottlesAlarm  the function was throttled (AWS/Lambda Throttles > 0)
 *   <Fn>BudgetExhaustedFilter  a metric filter on the function's log group counting "action budget exhausted"
 * and, once for the stack:
 *   EventsFailedAlarm    the guard's own EventsFailed metric (namespace IvsGuard, dimension service=ivs-guard) > 0
 *   BudgetExhaustedAlarm the BudgetExhausted metric of the filters above (namespace IvsGuard/<stage>) > 0
 * Every alarm notifies custom.guard.alarmTopicArn (param alarmTopicArn) when it is set, and nothing when empty.
 * Outputs: each queue's URL, each dead-letter queue's URL and ARN.
 *
 * serverless.yml reads it as `${file(./scripts/serverless-guard-resources.cjs)}`; osls calls the
 * exported function with its variable resolvers. A function with no pattern or no permissions entry
 * fails the package with a message naming it, so a new function cannot deploy half-wired.
 */
const patterns = require('../events/patterns.json');
const permissions = require('../events/permissions.json');
const { LEDGER_TABLE } = require('./serverless-ledger-table.cjs');

/** @typedef {{ actions: string[], resource: string }} Permission */
/** @typedef {{ maxReceiveCount: number, deadLetterRetentionDays: number }} Delivery */
/** @typedef {Record<string, Record<string, unknown>>} PatternOverrides */
/** @type {Record<string, Record<string, unknown> | undefined>} */
const PATTERNS = patterns;
/** @type {Record<string, Permission[] | undefined>} */
const FUNCTION_PERMISSIONS = permissions.functions;

/** The logical id of the audit bus defined in serverless.yml: every role may put events on it. */
const AUDIT_BUS = 'AuditBus';

/**
 * osls's logical-id normalisation (provider.naming.normalizeName{,WithoutDashes} for function keys).
 * @param {string} functionKey
 */
function logicalName(functionKey) {
  const name = functionKey.replace(/-/g, 'Dash').replace(/_/g, 'Underscore');
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** @param {string} resourcePath */
function ivsArn(resourcePath) {
  return { 'Fn::Sub': `arn:\${AWS::Partition}:ivs:\${AWS::Region}:\${AWS::AccountId}:${resourcePath}` };
}

/**
 * The ARN (or ARN pattern) a permission's `resource` kind stands for, for one function.
 * @param {string} kind
 * @param {string} fn the function's logical name
 */
function resourceOf(kind, fn) {
  switch (kind) {
    case 'ivs-channel':
      return ivsArn('channel/*');
    case 'ivs-stream-key':
      return ivsArn('stream-key/*');
    case 'ivs-stage':
      return ivsArn('stage/*');
    case 'audit-bus':
      return { 'Fn::GetAtt': [AUDIT_BUS, 'Arn'] };
    case 'ledger-table':
      return { 'Fn::GetAtt': [LEDGER_TABLE, 'Arn'] };
    case 'ledger-index':
      // Its global secondary indexes: the ledger's queries name one (IndexName), never the table.
      return { 'Fn::Sub': `\${${LEDGER_TABLE}.Arn}/index/*` };
    case 'own-queue':
      return { 'Fn::GetAtt': [`${fn}Queue`, 'Arn'] };
    case 'own-log-group':
      // The log group osls creates for the function; its Arn ends in ':*', which covers its streams.
      return { 'Fn::GetAtt': [`${fn}LogGroup`, 'Arn'] };
    default:
      throw new Error(`events/permissions.json: unknown resource kind "${kind}"`);
  }
}

/**
 * @param {string} functionKey
 * @param {string} fn the function's logical name
 */
function statementsOf(functionKey, fn) {
  const own = FUNCTION_PERMISSIONS[functionKey];
  if (!own) throw new Error(`events/permissions.json has no entry for function "${functionKey}"`);
  return [...permissions.common, ...own].map(({ actions, resource }) => ({
    Effect: 'Allow',
    Action: actions,
    Resource: resourceOf(resource, fn),
  }));
}

/**
 * @param {string} functionKey
 * @param {PatternOverrides} overrides
 */
function patternOf(functionKey, overrides) {
  const pattern = PATTERNS[functionKey];
  if (!pattern) throw new Error(`events/patterns.json has no pattern for function "${functionKey}"`);
  return { ...pattern, ...overrides[functionKey] };
}

/** @param {{ functionKey: string, name: string, timeout: number, delivery: Delivery, overrides: PatternOverrides }} input */
function resourcesOf({ functionKey, name, timeout, delivery, overrides }) {
  const fn = logicalName(functionKey);
  const queueArn = { 'Fn::GetAtt': [`${fn}Queue`, 'Arn'] };
  const ruleArn = { 'Fn::GetAtt': [`${fn}Rule`, 'Arn'] };
  return {
    [`${fn}DeadLetterQueue`]: {
      Type: 'AWS::SQS::Queue',
      Properties: {
        QueueName: `${name}-dlq`,
        MessageRetentionPeriod: delivery.deadLetterRetentionDays * 24 * 60 * 60,
        SqsManagedSseEnabled: true,
      },
    },
    [`${fn}Queue`]: {
      Type: 'AWS::SQS::Queue',
      Properties: {
        QueueName: name,
        VisibilityTimeout: 6 * timeout,
        SqsManagedSseEnabled: true,
        RedrivePolicy: {
          deadLetterTargetArn: { 'Fn::GetAtt': [`${fn}DeadLetterQueue`, 'Arn'] },
          maxReceiveCount: delivery.maxReceiveCount,
        },
      },
    },
    [`${fn}Rule`]: {
      Type: 'AWS::Events::Rule',
      Properties: {
        Name: name,
        Description: `ivs-guard: events for the ${functionKey} function`,
        State: 'ENABLED',
        EventPattern: patternOf(functionKey, overrides),
        Targets: [{ Id: `${functionKey}-queue`, Arn: queueArn }],
      },
    },
    [`${fn}QueuePolicy`]: {
      Type: 'AWS::SQS::QueuePolicy',
      Properties: {
        Queues: [{ Ref: `${fn}Queue` }],
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'OnlyItsRuleSends',
              Effect: 'Allow',
              Principal: { Service: 'events.amazonaws.com' },
              Action: 'sqs:SendMessage',
              Resource: queueArn,
              Condition: { ArnEquals: { 'aws:SourceArn': ruleArn } },
            },
          ],
        },
      },
    },
    [`${fn}Role`]: {
      Type: 'AWS::IAM::Role',
      Properties: {
        Description: `ivs-guard ${functionKey} function`,
        AssumeRolePolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
          ],
        },
        Policies: [
          {
            PolicyName: `ivs-guard-${functionKey}`,
            PolicyDocument: { Version: '2012-10-17', Statement: statementsOf(functionKey, fn) },
          },
        ],
      },
    },
  };
}

/**
 * A CloudWatch alarm that fires when `metric` is above 0 over one 5-minute period.
 * @param {string} description
 * @param {{ Namespace: string, MetricName: string, Dimensions?: { Name: string, Value: unknown }[], Statistic: string }} metric
 * @param {string[]} actions SNS topic ARNs (none: the alarm only shows in the console)
 */
function alarm(description, metric, actions) {
  return {
    Type: 'AWS::CloudWatch::Alarm',
    Properties: {
      AlarmDescription: description,
      ...metric,
      Period: 300,
      EvaluationPeriods: 1,
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      // No data is no failure: these metrics are only written when something happens.
      TreatMissingData: 'notBreaching',
      ...(actions.length > 0 ? { AlarmActions: actions, OKActions: actions } : {}),
    },
  };
}

/** The metric the budget filters write, per stage: the guard's log line "action budget exhausted: ...". */
/** @param {string} stage */
const budgetMetric = (stage) => ({ Namespace: `IvsGuard/${stage}`, MetricName: 'BudgetExhausted' });

/**
 * The alarms of one function, and the metric filter that counts its "budget exhausted" log lines.
 * @param {string} functionKey
 * @param {string} stage
 * @param {string[]} actions
 */
function alarmsOf(functionKey, stage, actions) {
  const fn = logicalName(functionKey);
  /** @param {string} MetricName */
  const lambda = (MetricName) => ({ Namespace: 'AWS/Lambda', MetricName, Statistic: 'Sum', Dimensions: [{ Name: 'FunctionName', Value: { Ref: `${fn}LambdaFunction` } }] });
  return {
    [`${fn}DeadLetterQueueAlarm`]: alarm(
      `ivs-guard ${functionKey}: events in the dead-letter queue, their deliveries failed; see docs/operating.md`,
      { Namespace: 'AWS/SQS', MetricName: 'ApproximateNumberOfMessagesVisible', Statistic: 'Maximum', Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [`${fn}DeadLetterQueue`, 'QueueName'] } }] },
      actions,
    ),
    [`${fn}ErrorsAlarm`]: alarm(`ivs-guard ${functionKey}: invocations failed (the batch is redelivered); see docs/operating.md`, lambda('Errors'), actions),
    [`${fn}ThrottlesAlarm`]: alarm(`ivs-guard ${functionKey}: invocations throttled (events wait in the queue); see docs/operating.md`, lambda('Throttles'), actions),
    [`${fn}BudgetExhaustedFilter`]: {
      Type: 'AWS::Logs::MetricFilter',
      Properties: {
        LogGroupName: { Ref: `${fn}LogGroup` },
        FilterPattern: '{ $.message = "action budget exhausted*" }',
        MetricTransformations: [{ MetricNamespace: budgetMetric(stage).Namespace, MetricName: budgetMetric(stage).MetricName, MetricValue: '1' }],
      },
    },
  };
}

/**
 * The stack's own alarms: events the guard failed, and the hourly action budget spent.
 * @param {string} stage
 * @param {string[]} actions
 */
function stackAlarms(stage, actions) {
  return {
    EventsFailedAlarm: alarm(
      'ivs-guard: events failed with a transient error and will be retried (metric EventsFailed); see docs/operating.md',
      { Namespace: 'IvsGuard', MetricName: 'EventsFailed', Statistic: 'Sum', Dimensions: [{ Name: 'service', Value: 'ivs-guard' }] },
      actions,
    ),
    BudgetExhaustedAlarm: alarm(
      'ivs-guard: the hourly action budget is spent, the guard takes no more actions this hour; see docs/operating.md',
      { ...budgetMetric(stage), Statistic: 'Sum' },
      actions,
    ),
  };
}

/**
 * @param {string} functionKey
 * @param {Delivery} delivery
 */
function outputsOf(functionKey, delivery) {
  const fn = logicalName(functionKey);
  return {
    [`${fn}DeadLetterQueueArn`]: {
      Description: `ARN of the ${functionKey} dead-letter queue (for aws sqs start-message-move-task --source-arn)`,
      Value: { 'Fn::GetAtt': [`${fn}DeadLetterQueue`, 'Arn'] },
    },
    [`${fn}QueueUrl`]: { Description: `The ${functionKey} function's queue`, Value: { Ref: `${fn}Queue` } },
    [`${fn}DeadLetterQueueUrl`]: {
      Description: `Where ${functionKey} events land after ${delivery.maxReceiveCount} receives`,
      Value: { Ref: `${fn}DeadLetterQueue` },
    },
  };
}

/** @param {{ resolveConfigurationProperty: (path: string[]) => Promise<any> }} resolvers osls's variable resolvers */
module.exports = async ({ resolveConfigurationProperty }) => {
  const service = await resolveConfigurationProperty(['service']);
  const stage = await resolveConfigurationProperty(['provider', 'stage']);
  const providerTimeout = await resolveConfigurationProperty(['provider', 'timeout']);
  const functions = (await resolveConfigurationProperty(['functions'])) ?? {};
  const guard = (await resolveConfigurationProperty(['custom', 'guard'])) ?? {};
  const delivery = guard.delivery ?? {};
  for (const key of ['maxReceiveCount', 'deadLetterRetentionDays']) {
    if (!Number.isInteger(delivery[key])) throw new Error(`serverless.yml: custom.guard.delivery.${key} must be an integer`);
  }

  const topic = guard.alarmTopicArn ?? '';
  if (typeof topic !== 'string' || (topic !== '' && !/^arn:aws[\w-]*:sns:[\w-]+:\d{12}:[\w-]+$/.test(topic))) {
    throw new Error(`serverless.yml: param alarmTopicArn must be an SNS topic ARN (arn:aws:sns:REGION:ACCOUNT:NAME) or empty, got "${topic}"`);
  }
  const actions = topic === '' ? [] : [topic];

  /** @type {Record<string, unknown>} */
  const Resources = stackAlarms(stage, actions);
  /** @type {Record<string, unknown>} */
  const Outputs = {};
  for (const [functionKey, definition] of Object.entries(functions)) {
    const timeout = definition.timeout ?? providerTimeout;
    if (!Number.isInteger(timeout)) throw new Error(`serverless.yml: function "${functionKey}" needs an integer timeout (provider.timeout)`);
    Object.assign(
      Resources,
      resourcesOf({
        functionKey,
        name: `${service}-${stage}-${functionKey}`,
        timeout,
        delivery,
        overrides: guard.patternOverrides ?? {},
      }),
    );
    Object.assign(Resources, alarmsOf(functionKey, stage, actions));
    Object.assign(Outputs, outputsOf(functionKey, delivery));
  }
  return { Resources, Outputs };
};
