/**
 * The deployable stack as CloudFormation will receive it: the real `serverless package --stage test
 * --region us-west-2`, offline and without AWS credentials, on a copy of the project, packaged once for
 * all the tests below, which live in files by topic: stack-resources.ts (the path of an event, the ledger
 * table, the audit bus), stack-roles.ts (each role grants exactly what its function calls), stack-alarms.ts,
 * stack-bundles.ts (what each zip holds, bundles and loads). `.ci/run` packages once more and lints that
 * template with cfn-lint.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageStack } from './packaged-stack.ts';
import type { PackagedStack } from './packaged-stack.ts';
import { describeAlarms } from './stack-alarms.ts';
import { describeBundles } from './stack-bundles.ts';
import { describeStackResources } from './stack-resources.ts';
import { describeRoles } from './stack-roles.ts';

let stack: PackagedStack | undefined;
const packaged = (): PackagedStack => {
  if (stack === undefined) throw new Error('the stack was not packaged (see beforeAll)');
  return stack;
};

describe('serverless package (offline, no AWS credentials)', () => {
  beforeAll(async () => {
    stack = await packageStack();
  }, 300_000);

  afterAll(() => stack?.project.remove());

  it('validates policies.yml and compiles it before packaging', () => {
    expect(packaged().packaging.output).toContain('policies.yml: valid policy document, compiled to dist/policies.json');
  });

  describeStackResources(packaged);
  describeRoles(packaged);
  describeAlarms(packaged);
  describeBundles(packaged);
});
