import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPolicies, readSettings } from '../../handlers/config.ts';

describe('the handlers at cold start', () => {
  it('refuse a broken policy document, naming the file and the line of each mistake', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ivs-guard-cold-')), 'policies.yml');
    writeFileSync(file, ['version: 1', 'policies:', '  - name: leak', '    on: { names: [Stream Takeover Failure] }', '    then: [stopStreem]', ''].join('\n'));

    expect(() => readPolicies(file)).toThrow(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:5:\\d+ policies\\[0\\]\\.then\\[0\\]`));
  });

  it('read their settings from the environment, with the documented defaults', () => {
    expect(readSettings({ LAMBDA_TASK_ROOT: '/var/task', IVS_GUARD_AUDIT_BUS: 'ivs-guard-audit-prod', IVS_GUARD_TABLE: 'ivs-guard-ledger-prod' })).toEqual({
      policiesPath: '/var/task/policies.yml',
      auditBusName: 'ivs-guard-audit-prod',
      ledgerTable: 'ivs-guard-ledger-prod',
      moderationSource: 'ivs-guard.moderation',
      clock: 'wall',
      planOnly: false,
    });
  });
});
