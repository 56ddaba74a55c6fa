// @ts-check
'use strict';
/**
 * The CloudFormation resources behind each guard function of serverless.yml, built from the two
 * tables the rest of the project reads too:
 *   events/patterns.json     the EventBridge pattern of each function (the local router reads it as well)
 *   events/permissions.json  what each function's role may do (its IVS part written by `npm run permissions`
 *                            from domain/iam-grants.ts; test/packaging checks it against domain/functions.ts
 *                            and its DynamoDB part against the ledger adapter's calls)
 *
 * For every function declared in serverless.yml this returns (<Fn> = osls's logical name of the key,
 * guard-resources/names.cjs):
 *   guard-resources/delivery.cjs
 *   <Fn>Queue        SQS buffer; visibility timeout = 6 x the function's timeout (AWS's advice for SQS
 *                    event sources); redrives to <Fn>DeadLetterQueue after `maxReceiveCount` receives
 *   <Fn>DeadLetterQueue  kept `deadLetterRetentionDays` days
 *   <Fn>Rule         rule on the default bus with the function's pattern, targeting <Fn>Queue
 *   <Fn>QueuePolicy  only <Fn>Rule (aws:SourceArn) may send to <Fn>Queue
 *   guard-resources/role.cjs
 *   <Fn>Role         the function's own least-privilege role (serverless.yml sets `role: <Fn>Role`)
 *   guard-resources/alarms.cjs
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
const { alarmsOf, stackAlarms } = require('./guard-resources/alarms.cjs');
const { deliveryOf, outputsOf } = require('./guard-resources/delivery.cjs');
const { logicalName } = require('./guard-resources/names.cjs');
const { roleOf } = require('./guard-resources/role.cjs');

/** @typedef {{ resolveConfigurationProperty: (path: string[]) => Promise<any> }} Resolvers osls's variable resolvers */

/**
 * What the resources depend on in serverless.yml, checked: each setting that is wrong fails, naming it.
 * @param {Resolvers} resolvers
 */
async function settingsOf({ resolveConfigurationProperty }) {
  const service = await resolveConfigurationProperty(['service']);
  const stage = await resolveConfigurationProperty(['provider', 'stage']);
  const providerTimeout = await resolveConfigurationProperty(['provider', 'timeout']);
  /** @type {Record<string, { timeout?: number }>} */
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
  const timeouts = Object.entries(functions).map(([functionKey, definition]) => {
    const timeout = definition.timeout ?? providerTimeout;
    if (!Number.isInteger(timeout)) throw new Error(`serverless.yml: function "${functionKey}" needs an integer timeout (provider.timeout)`);
    return /** @type {[string, number]} */ ([functionKey, timeout]);
  });
  return { service, stage, timeouts, delivery, overrides: guard.patternOverrides ?? {}, alarmActions: topic === '' ? [] : [topic] };
}

/** @param {Resolvers} resolvers */
module.exports = async (resolvers) => {
  const { service, stage, timeouts, delivery, overrides, alarmActions } = await settingsOf(resolvers);
  /** @type {Record<string, unknown>} */
  const Resources = stackAlarms(stage, alarmActions);
  /** @type {Record<string, unknown>} */
  const Outputs = {};
  for (const [functionKey, timeout] of timeouts) {
    const fn = logicalName(functionKey);
    Object.assign(
      Resources,
      deliveryOf({ functionKey, fn, name: `${service}-${stage}-${functionKey}`, timeout, delivery, overrides }),
      roleOf(functionKey, fn),
      alarmsOf(functionKey, fn, stage, alarmActions),
    );
    Object.assign(Outputs, outputsOf(functionKey, fn, delivery));
  }
  return { Resources, Outputs };
};
