/** `serverless package` refuses a policy document the guard would reject, before building anything. */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REGION, STAGE } from './packaged-stack.ts';
import { copyProject, runServerless } from './serverless-cli.ts';

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
