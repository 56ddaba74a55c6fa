/**
 * `serverless print` with the stack's params: moderationSource and alarmTopicArn change what they should
 * and nothing else; a bad alarmTopicArn fails naming the param. Each on its own copy of the project.
 */
import { describe, expect, it } from 'vitest';
import patterns from '../../events/patterns.json' with { type: 'json' };
import { FUNCTIONS, REGION, STAGE } from './packaged-stack.ts';
import type { Json } from './packaged-stack.ts';
import { copyProject, runServerless } from './serverless-cli.ts';

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
