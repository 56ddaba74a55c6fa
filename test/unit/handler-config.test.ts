import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CompiledPolicyDocumentError } from '../../domain/policy/compiled.ts';
import { GuardEnvironmentError, readPolicies, readSettings } from '../../handlers/config.ts';

describe('the handlers at cold start', () => {
  const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const fileIn = (name: string, text: string) => {
    const file = join(mkdtempSync(join(tmpdir(), 'ivs-guard-cold-')), name);
    writeFileSync(file, text);
    return file;
  };
  const leak = (then: unknown) => ({ version: 1, policies: [{ name: 'leak', on: { names: ['Stream Takeover Failure'] }, then }] });

  it('refuse a broken YAML policy document (run from the sources), naming the file and the line of each mistake', async () => {
    const file = fileIn('policies.yml', ['version: 1', 'policies:', '  - name: leak', '    on: { names: [Stream Takeover Failure] }', '    then: [stopStreem]', ''].join('\n'));

    await expect(readPolicies(file)).rejects.toThrow(new RegExp(`${escaped(file)}:5:\\d+ policies\\[0\\]\\.then\\[0\\]`));
  });

  it('read the compiled policy document (JSON) with the same schema: defaults applied', async () => {
    const document = await readPolicies(fileIn('policies.json', JSON.stringify(leak(['stopStream']))));
    expect(document).toMatchObject({ mode: 'enforce', safety: { cooldownSeconds: 300, maxActionsPerHour: 50 }, policies: [{ name: 'leak', where: [] }] });
  });

  it.each([
    ['an unknown action', JSON.stringify(leak(['stopStreem'])), / policies\[0\]\.then\[0\]: /],
    ['a missing version', JSON.stringify({ policies: [] }), / version: /],
    ['an unknown key', JSON.stringify({ ...leak(['stopStream']), extra: true }), / extra: unknown key 'extra'/],
    ['text that is not JSON', 'version: 1\n', /: not JSON .*serverless package/],
  ])('refuse a compiled policy document with %s, naming the file and the path', async (_, text, message) => {
    const file = fileIn('policies.json', text);
    await expect(readPolicies(file)).rejects.toThrow(CompiledPolicyDocumentError);
    await expect(readPolicies(file)).rejects.toThrow(new RegExp(`^${escaped(file)}${message.source}`));
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

  const deployed = { LAMBDA_TASK_ROOT: '/var/task', IVS_GUARD_AUDIT_BUS: 'ivs-guard-audit-prod', IVS_GUARD_TABLE: 'ivs-guard-ledger-prod' };

  it.each([
    ['no ledger table', { ...deployed, IVS_GUARD_TABLE: undefined }, /IVS_GUARD_TABLE is not set: it names the DynamoDB ledger table/],
    ['no audit bus', { ...deployed, IVS_GUARD_AUDIT_BUS: undefined }, /IVS_GUARD_AUDIT_BUS is not set: it names the EventBridge bus/],
    ['an empty ledger table', { ...deployed, IVS_GUARD_TABLE: '' }, /IVS_GUARD_TABLE is empty/],
    ['an unknown clock', { ...deployed, IVS_GUARD_CLOCK: 'lunar' }, /IVS_GUARD_CLOCK expected wall or event-time, got 'lunar'/],
    ['a plan-only flag that is not 0 or 1', { ...deployed, IVS_GUARD_PLAN_ONLY: 'yes' }, /IVS_GUARD_PLAN_ONLY expected 1 \(plan only\) or 0, got 'yes'/],
    ['a lease that is not a whole number of seconds', { ...deployed, IVS_GUARD_LEASE_SECONDS: '0.5' }, /IVS_GUARD_LEASE_SECONDS expected a whole number of seconds, at least 1, got '0.5'/],
  ])('fail the cold start on %s, naming the variable', (_, env, message) => {
    expect(() => readSettings(env)).toThrow(GuardEnvironmentError);
    expect(() => readSettings(env)).toThrow(message);
  });

  it('name every missing variable at once', () => {
    expect(() => readSettings({})).toThrow(/IVS_GUARD_AUDIT_BUS is not set.*; IVS_GUARD_TABLE is not set/);
  });

  it('take the replay clock and plan-only flag as the local replay sets them', () => {
    expect(readSettings({ ...deployed, IVS_GUARD_CLOCK: 'event-time', IVS_GUARD_PLAN_ONLY: '1', IVS_GUARD_MODERATION_SOURCE: 'acme.moderation' })).toMatchObject({
      clock: 'event-time',
      planOnly: true,
      moderationSource: 'acme.moderation',
    });
  });
});
