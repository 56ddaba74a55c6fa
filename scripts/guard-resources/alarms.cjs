// @ts-check
'use strict';
/**
 * The alarms (docs/operating.md says what each means and what to do): per function <Fn>DeadLetterQueueAlarm,
 * <Fn>ErrorsAlarm, <Fn>ThrottlesAlarm and the <Fn>BudgetExhaustedFilter metric filter; once for the stack
 * EventsFailedAlarm and BudgetExhaustedAlarm. Each notifies the given SNS topics (none: console only).
 */
const { getAtt } = require('./names.cjs');

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

/**
 * The metric the budget filters write, per stage: the guard's log line "action budget exhausted: ...".
 * @param {string} stage
 */
const budgetMetric = (stage) => ({ Namespace: `IvsGuard/${stage}`, MetricName: 'BudgetExhausted' });

/**
 * The alarms of one function, and the metric filter that counts its "budget exhausted" log lines.
 * @param {string} functionKey
 * @param {string} fn the function's logical name
 * @param {string} stage
 * @param {string[]} actions
 */
function alarmsOf(functionKey, fn, stage, actions) {
  /** @param {string} MetricName */
  const lambda = (MetricName) => ({ Namespace: 'AWS/Lambda', MetricName, Statistic: 'Sum', Dimensions: [{ Name: 'FunctionName', Value: { Ref: `${fn}LambdaFunction` } }] });
  return {
    [`${fn}DeadLetterQueueAlarm`]: alarm(
      `ivs-guard ${functionKey}: events in the dead-letter queue, their deliveries failed; see docs/operating.md`,
      { Namespace: 'AWS/SQS', MetricName: 'ApproximateNumberOfMessagesVisible', Statistic: 'Maximum', Dimensions: [{ Name: 'QueueName', Value: getAtt(`${fn}DeadLetterQueue`, 'QueueName') }] },
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

module.exports = { alarmsOf, stackAlarms };
