import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './cli.ts';

describe('ivs-guard validate', () => {
  it('accepts the shipped policies.yml', async () => {
    const result = await runCli(['validate', 'policies.yml']);

    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/policies\.yml: valid \(\d+ policies, mode enforce\)/);
  });

  it('warns, and still accepts, a policy whose on reaches no deployed function', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ivs-guard-')), 'unreached.yml');
    writeFileSync(file, ['version: 1', 'policies:', '  - name: elsewhere', '    on: { detailType: IVS Stage Update, source: my.app }', '    then: [{ notify: { severity: info } }]', ''].join('\n'));

    const result = await runCli(['validate', file]);

    expect(result.code).toBe(0);
    expect(result.stderr).toContain('warning: policies[0] elsewhere: its on (detail-type IVS Stage Update, source my.app) reaches no deployed function');
    expect((await runCli(['validate', 'policies.yml'])).stderr).toBe('');
  });

  it('points at the line of each mistake', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ivs-guard-')), 'bad.yml');
    writeFileSync(
      file,
      [
        'version: 1',
        'mode: enforce',
        'policies:',
        '  - name: leak',
        '    on: { names: [Stream Takeover Failure] }',
        '    where:',
        '      - sessionEvents: { atLeast: zero }',
        '    then: [explode]',
        '',
      ].join('\n'),
    );

    const result = await runCli(['validate', file]);

    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/bad\.yml:7:\d+ .*atLeast/);
    expect(result.stderr).toMatch(/bad\.yml:8:\d+ .*then/);
  });
});

describe('ivs-guard generate-event', () => {
  it('prints a sample with the values set', async () => {
    const result = await runCli(['generate-event', 'stream-takeover-failure', '--set', 'detail.code=StreamTakeoverLimitBreached']);

    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ 'detail-type': 'IVS Stream State Change', detail: { event_name: 'Stream Takeover Failure', code: 'StreamTakeoverLimitBreached' } });
  });

  it('names an unknown kind', async () => {
    const result = await runCli(['generate-event', 'volcano']);

    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/volcano/);
  });
});
