/**
 * scripts/serverless-guard-resources.cjs on its own, without osls: what it refuses (naming the setting),
 * and that one more function (`stage`, the pattern of events/patterns.json) is one more entry.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import patterns from '../../events/patterns.json' with { type: 'json' };
import { operationsOf } from '../../domain/functions.ts';

const require = createRequire(import.meta.url);
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
const generate = require('../../scripts/serverless-guard-resources.cjs') as (resolvers: {
  resolveConfigurationProperty: (path: string[]) => Promise<unknown>;
}) => Promise<{ Resources: Record<string, Json>; Outputs: Record<string, Json> }>;

const stream = { handler: 'handlers/stream.handler' };
/** A serverless.yml as osls resolves it, with `change` laid over `custom.guard` / `functions`. */
function config(change: { functions?: Record<string, object>; guard?: Record<string, unknown> } = {}) {
  const values: Record<string, unknown> = {
    service: 'ivs-guard',
    'provider.stage': 'test',
    'provider.timeout': 30,
    functions: change.functions ?? { stream },
    'custom.guard': { delivery: { maxReceiveCount: 5, deadLetterRetentionDays: 14 }, alarmTopicArn: '', ...change.guard },
  };
  return { resolveConfigurationProperty: (path: string[]) => Promise.resolve(values[path.join('.')]) };
}

describe('serverless-guard-resources', () => {
  it('creates each function\'s queue, DLQ, rule, queue policy, role, alarms and outputs', async () => {
    const { Resources, Outputs } = await generate(config());
    expect(Object.keys(Resources).sort()).toEqual(
      [
        'BudgetExhaustedAlarm', 'EventsFailedAlarm', 'StreamBudgetExhaustedFilter', 'StreamDeadLetterQueue', 'StreamDeadLetterQueueAlarm',
        'StreamErrorsAlarm', 'StreamQueue', 'StreamQueuePolicy', 'StreamRole', 'StreamRule', 'StreamThrottlesAlarm',
      ].sort(),
    );
    expect(Object.keys(Outputs).sort()).toEqual(['StreamDeadLetterQueueArn', 'StreamDeadLetterQueueUrl', 'StreamQueueUrl']);
  });

  it('serverless.yml\'s header names every logical id it creates (<Fn> for the function\'s)', async () => {
    const header = readFileSync(new URL('../../serverless.yml', import.meta.url), 'utf8').split('\nservice:')[0]!;
    const { Resources, Outputs } = await generate(config());
    const ids = [...Object.keys(Resources), ...Object.keys(Outputs)].map((id) => id.replace(/^Stream/, '<Fn>'));
    const words = new Set(header.split(/[^\w<>]+/));
    expect(ids.filter((id) => !words.has(id))).toEqual([]);
  });

  it('a function with no entry in events/permissions.json fails, naming it', async () => {
    // The generator reads the same (cached) module: take the stage entry away for this one call.
    const permissions = require('../../events/permissions.json') as { functions: Record<string, unknown> };
    const entry = permissions.functions.stage;
    delete permissions.functions.stage;
    try {
      await expect(generate(config({ functions: { stream, stage: { handler: 'handlers/stage.handler' } } }))).rejects.toThrow(
        'events/permissions.json has no entry for function "stage"',
      );
    } finally {
      permissions.functions.stage = entry;
    }
  });

  it('the stage function is one more entry: its rule has the stage pattern, its role only the real-time operations it calls, on stage/*', async () => {
    const { Resources } = await generate(config({ functions: { stream, stage: { handler: 'handlers/stage.handler' } } }));
    expect(Object.keys(Resources).filter((id) => id.startsWith('Stage')).sort()).toEqual(
      [
        'StageBudgetExhaustedFilter', 'StageDeadLetterQueue', 'StageDeadLetterQueueAlarm', 'StageErrorsAlarm', 'StageQueue', 'StageQueuePolicy',
        'StageRole', 'StageRule', 'StageThrottlesAlarm',
      ].sort(),
    );
    expect(Resources.StageRule.Properties.EventPattern).toEqual(patterns.stage);
    const ivs = (Resources.StageRole.Properties.Policies[0].PolicyDocument.Statement as Json[]).filter((s) => [s.Action].flat().some((a: string) => a.startsWith('ivs:')));
    expect(ivs).toEqual([
      { Effect: 'Allow', Action: operationsOf('stage').map((operation) => `ivs:${operation}`), Resource: { 'Fn::Sub': 'arn:${AWS::Partition}:ivs:${AWS::Region}:${AWS::AccountId}:stage/*' } },
    ]);
    expect(operationsOf('stage')).toEqual(expect.arrayContaining(['DisconnectParticipant', 'GetParticipant']));
  });

  it('a function with no pattern fails, naming it', async () => {
    await expect(generate(config({ functions: { broadcast: {} } }))).rejects.toThrow(/no (pattern|entry) for function "broadcast"/);
  });

  it.each([
    [{ delivery: { maxReceiveCount: '5', deadLetterRetentionDays: 14 } }, 'custom.guard.delivery.maxReceiveCount must be an integer'],
    [{ alarmTopicArn: 'on-call' }, 'param alarmTopicArn must be an SNS topic ARN (arn:aws:sns:REGION:ACCOUNT:NAME) or empty, got "on-call"'],
  ])('refuses %j', async (guard, message) => {
    await expect(generate(config({ guard }))).rejects.toThrow(message);
  });
});
