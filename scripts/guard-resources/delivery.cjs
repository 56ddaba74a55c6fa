// @ts-check
'use strict';
/**
 * How an event reaches a function: <Fn>Rule (its pattern of events/patterns.json, on the default bus) ->
 * <Fn>Queue (guarded by <Fn>QueuePolicy) -> the function, and <Fn>DeadLetterQueue after `maxReceiveCount`
 * receives; with the outputs that name the queues.
 */
const patterns = require('../../events/patterns.json');
const { getAtt } = require('./names.cjs');

/** @typedef {{ maxReceiveCount: number, deadLetterRetentionDays: number }} Delivery */
/** @typedef {Record<string, Record<string, unknown>>} PatternOverrides */
/** @type {Record<string, Record<string, unknown> | undefined>} */
const PATTERNS = patterns;

/**
 * The function's pattern with the stage's overrides laid over it; fails, naming the function, when it has none.
 * @param {string} functionKey
 * @param {PatternOverrides} overrides
 */
function patternOf(functionKey, overrides) {
  const pattern = PATTERNS[functionKey];
  if (!pattern) throw new Error(`events/patterns.json has no pattern for function "${functionKey}"`);
  return { ...pattern, ...overrides[functionKey] };
}

/**
 * `{ <Fn>DeadLetterQueue, <Fn>Queue, <Fn>Rule, <Fn>QueuePolicy }`.
 * @param {{ functionKey: string, fn: string, name: string, timeout: number, delivery: Delivery, overrides: PatternOverrides }} input
 *   `fn` the function's logical name, `name` its physical name (`<service>-<stage>-<key>`)
 */
function deliveryOf({ functionKey, fn, name, timeout, delivery, overrides }) {
  const queueArn = getAtt(`${fn}Queue`);
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
        // AWS's advice for an SQS event source: 6 x the function's timeout.
        VisibilityTimeout: 6 * timeout,
        SqsManagedSseEnabled: true,
        RedrivePolicy: { deadLetterTargetArn: getAtt(`${fn}DeadLetterQueue`), maxReceiveCount: delivery.maxReceiveCount },
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
              Condition: { ArnEquals: { 'aws:SourceArn': getAtt(`${fn}Rule`) } },
            },
          ],
        },
      },
    },
  };
}

/**
 * `{ <Fn>DeadLetterQueueArn, <Fn>QueueUrl, <Fn>DeadLetterQueueUrl }`.
 * @param {string} functionKey
 * @param {string} fn the function's logical name
 * @param {Delivery} delivery
 */
function outputsOf(functionKey, fn, delivery) {
  return {
    [`${fn}DeadLetterQueueArn`]: {
      Description: `ARN of the ${functionKey} dead-letter queue (for aws sqs start-message-move-task --source-arn)`,
      Value: getAtt(`${fn}DeadLetterQueue`),
    },
    [`${fn}QueueUrl`]: { Description: `The ${functionKey} function's queue`, Value: { Ref: `${fn}Queue` } },
    [`${fn}DeadLetterQueueUrl`]: {
      Description: `Where ${functionKey} events land after ${delivery.maxReceiveCount} receives`,
      Value: { Ref: `${fn}DeadLetterQueue` },
    },
  };
}

module.exports = { deliveryOf, outputsOf };
