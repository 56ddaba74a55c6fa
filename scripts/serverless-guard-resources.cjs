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
 * and outputs naming each queue and dead-letter queue.
 *
 * serverless.yml reads it as `${file(./scripts/serverless-guard-resources.cjs)}`; osls calls the
 * exported function with its variable resolvers. A function with no pattern or no permissions entry
 * fails the package with a message naming it, so a new function cannot deploy half-wired.
 */
const patterns = require('../events/patterns.json');
const permissions = require('../events/permissions.json');
const { LEDGER_TABLE } = require('./serverless-ledger-table.cjs');

/** The logical id of the audit bus defined in serverless.yml: every role may put events on it. */
const AUDIT_BUS = 'AuditBus';

/** osls's logical-id normalisation (provider.naming.normalizeName{,WithoutDashes} for function keys). */
function logicalName(functionKey) {
  const name = functionKey.replace(/-/g, 'Dash').replace(/_/g, 'Underscore');
  return name.charAt(0).toUpperCase() + name.slice(1);
}

function ivsArn(resourcePath) {
  return { 'Fn::Sub': `arn:\${AWS::Partition}:ivs:\${AWS::Region}:\${AWS::AccountId}:${resourcePath}` };
}

/** The ARN (or ARN pattern) a permission's `resource` kind stands for, for one function. */
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

function statementsOf(functionKey, fn) {
  const own = permissions.functions[functionKey];
  if (!own) throw new Error(`events/permissions.json has no entry for function "${functionKey}"`);
  return [...permissions.common, ...own].map(({ actions, resource }) => ({
    Effect: 'Allow',
    Action: actions,
    Resource: resourceOf(resource, fn),
  }));
}

function patternOf(functionKey, overrides) {
  const pattern = patterns[functionKey];
  if (!pattern) throw new Error(`events/patterns.json has no pattern for function "${functionKey}"`);
  return { ...pattern, ...overrides[functionKey] };
}

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

function outputsOf(functionKey, delivery) {
  const fn = logicalName(functionKey);
  return {
    [`${fn}QueueUrl`]: { Description: `The ${functionKey} function's queue`, Value: { Ref: `${fn}Queue` } },
    [`${fn}DeadLetterQueueUrl`]: {
      Description: `Where ${functionKey} events land after ${delivery.maxReceiveCount} receives`,
      Value: { Ref: `${fn}DeadLetterQueue` },
    },
  };
}

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

  const Resources = {};
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
    Object.assign(Outputs, outputsOf(functionKey, delivery));
  }
  return { Resources, Outputs };
};
