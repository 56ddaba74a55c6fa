/** The stack's alarms: each function's DLQ, errors and throttles, the guard's failed events and spent action budget. */
import { describe, expect, it } from 'vitest';
import { FUNCTIONS, logical, STAGE } from './packaged-stack.ts';
import type { Json, PackagedStack } from './packaged-stack.ts';

/** The tests of the alarms, on the stack `packaged()` returns once packaged. */
export function describeAlarms(packaged: () => PackagedStack): void {
  const resource = (logicalId: string): Json => packaged().resource(logicalId);
  const resourcesOfType = (type: string): [string, Json][] => packaged().resourcesOfType(type);

  describe('the alarms', () => {
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
  });
}
