/**
 * `ivs-guard test` as a process: exit statuses, what a failure names, each kind of event entry, line-precise
 * mistakes, JUnit XML, coverage.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from './cli.ts';

const LEAKY = 'arn:aws:ivs:us-west-2:123456789012:channel/LeakyChannel1';
const STREAM = 'st-LeakyStream00000000000a';

/** A test file in a fresh directory, against the shipped policies and test world. */
function testFile(body: string[]): string {
  const file = join(mkdtempSync(join(tmpdir(), 'ivs-guard-test-')), 'policies.test.yml');
  writeFileSync(file, [`policies: ${join(ROOT, 'policies.yml')}`, `world: ${join(ROOT, 'policies.test.world.yml')}`, 'cases:', ...body, ''].join('\n'));
  return file;
}

const failure = (time: string) => `      - generate: stream-takeover-failure\n        set: { time: "${time}", resources.0: "${LEAKY}", detail.stream_id: ${STREAM} }`;
const threeFailures = [failure('2026-11-20T19:03:10Z'), failure('2026-11-20T19:05:41Z'), failure('2026-11-20T19:09:52Z')];

describe('ivs-guard test', () => {
  it('passes the shipped policies.test.yml with full coverage: exit 0', async () => {
    const result = await runCli(['test', '--require-coverage']);

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^PASS {2}three takeover failures rotate the key, then stop the stream$/m);
    expect(result.stdout).toMatch(/^\d+ passed, 0 failed$/m);
  });

  it('exits 1 for one failing case, naming the case and the field that differs, expected beside actual', async () => {
    const file = testFile([
      '  - name: leak stops the stream',
      '    events:',
      ...threeFailures,
      '    expect:',
      '      - decisions: [{ policy: stream-key-leak, actions: [{ rotateStreamKey: applied }, { stopStream: applied }] }]',
      '  - name: leak is only planned',
      '    events:',
      ...threeFailures,
      '    expect:',
      '      - decisions: [{ policy: stream-key-leak, actions: [{ rotateStreamKey: planned }, { stopStream: applied }] }]',
    ]);

    const result = await runCli(['test', file]);

    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^PASS {2}leak stops the stream$/m);
    expect(result.stdout).toMatch(/^FAIL {2}leak is only planned {2}\(.*policies\.test\.yml:\d+\)$/m);
    expect(result.stdout).toMatch(/\| event 3 expect\[0\]\.decisions\[0\]\.actions\[0\] \| rotateStreamKey: planned +\| rotateStreamKey: applied/);
    expect(result.stdout).toMatch(/^1 passed, 1 failed$/m);
  });

  it('reads each kind of event entry: a file, a generated sample, an inline event', async () => {
    const file = testFile([
      '  - name: from a file',
      `    world: ${join(ROOT, 'events/scenarios/world.yml')}`,
      '    events:',
      `      - file: ${join(ROOT, 'events/scenarios/01-stream-key-leak.jsonl')}`,
      '    expect:',
      '      - event: 5',
      '        decisions: [{ policy: stream-key-leak, evidence: "3 stream takeover failures" }]',
      '  - name: generated',
      '    events:',
      ...threeFailures,
      '    expect:',
      '      - event: 2',
      '        decisions: []',
      '      - decisions: [{ policy: stream-key-leak }]',
      '        apiCalls: { StopStream: 1 }',
      '  - name: inline',
      '    events:',
      '      - event: { version: "0", id: e-1, detail-type: IVS Stream State Change, source: aws.ivs, account: "123456789012", time: "2026-11-20T19:00:00Z", region: us-west-2, resources: ["' + LEAKY + '"], detail: { event_name: Stream Start, channel_name: leaky, stream_id: st-short } }',
      '    expect:',
      '      - status: rejected',
      '        rejected: stream_id',
    ]);

    const result = await runCli(['test', file, '--output', 'json']);

    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { summary: { passed: number; failed: number }; files: Array<{ cases: Array<{ name: string; passed: boolean }> }> };
    expect(report.summary).toMatchObject({ passed: 3, failed: 0 });
    expect(report.files[0]?.cases.map((c) => c.name)).toEqual(['from a file', 'generated', 'inline']);
  });

  it('exits 2 for a test file with mistakes, each at its line, and runs nothing', async () => {
    const file = testFile([
      '  - name: typo',
      '    events:',
      '      - generate: stream-takeover-failur',
      '    expect:',
      '      - decisions: [{ policy: stream-key-leek }]',
      '        status: procesed',
    ]);

    const result = await runCli(['test', file]);

    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/policies\.test\.yml:9:\d+ cases\[0\]\.expect\[0\]\.status: .*procesed/);
    const again = await runCli(['test', testFile(['  - name: typo', '    events:', '      - generate: stream-takeover-failur', '    expect:', '      - decisions: [{ policy: stream-key-leek }]'])]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/policies\.test\.yml:6:\d+ cases\[0\]\.events\[0\]\.generate: no sample event 'stream-takeover-failur'/);
    expect(again.stderr).toMatch(/policies\.test\.yml:8:\d+ cases\[0\]\.expect\[0\]\.decisions\[0\]\.policy: no policy 'stream-key-leek' \(did you mean 'stream-key-leak'\?\)/);
  });

  it('exits 2 for a usage error', async () => {
    const result = await runCli(['test', '--output', 'yaml']);

    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--output must be text or json/);
  });

  it('writes well-formed JUnit XML with one testcase per case', async () => {
    const file = testFile([
      '  - name: fires & stops',
      '    events:',
      ...threeFailures,
      '    expect: [{ decisions: [{ policy: stream-key-leak }] }]',
      '  - name: "<two> are not enough"',
      '    events:',
      ...threeFailures.slice(0, 2),
      '    expect: [{ decisions: [{ policy: stream-key-leak }] }]',
    ]);
    const junit = join(mkdtempSync(join(tmpdir(), 'ivs-guard-junit-')), 'results.xml');

    const result = await runCli(['test', file, '--junit', junit]);

    expect(result.code).toBe(1);
    const xml = readFileSync(junit, 'utf8');
    expect(xml).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites [^>]*tests="2" failures="1"/);
    expect([...xml.matchAll(/<testcase /g)]).toHaveLength(2);
    expect(xml).toContain('<testcase name="fires &amp; stops"');
    expect(xml).toMatch(/<testcase name="&lt;two&gt; are not enough"[^>]*>\s*<failure message="expect\[0\]\.decisions"/);
    expectWellFormed(xml);
  });

  it('reports a policy no case fires, and --require-coverage fails on it', async () => {
    const file = testFile(['  - name: only the leak', '    events:', ...threeFailures, '    expect: [{ decisions: [{ policy: stream-key-leak }] }]']);

    const lenient = await runCli(['test', file]);
    const strict = await runCli(['test', file, '--require-coverage']);

    expect(lenient.code).toBe(0);
    expect(lenient.stdout).toMatch(/^ {2}policy must-record: never fired by a case$/m);
    expect(lenient.stdout).toMatch(/^ {2}policy ingest-ceiling where\[0\] \(ingestExceeds\): never false in a case$/m);
    expect(lenient.stdout).not.toMatch(/policy stream-key-leak: never fired/);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toMatch(/^1 passed, 0 failed, \d+ coverage gaps$/m);
  });
});

/** Every tag closed in order, every attribute quoted, no bare `&` or `<`: what an XML parser insists on. */
function expectWellFormed(xml: string): void {
  const body = xml.replace(/^<\?xml[^>]*\?>/, '');
  const stack: string[] = [];
  for (const match of body.matchAll(/<(\/?)([A-Za-z]+)((?:\s+[A-Za-z]+="[^"<]*")*)\s*(\/?)>|<|&(?!amp;|lt;|gt;|quot;|apos;)/g)) {
    if (match[2] === undefined) throw new Error(`stray '${match[0]}' at ${match.index}`);
    if (match[1] === '/') expect(stack.pop()).toBe(match[2]);
    else if (match[4] !== '/') stack.push(match[2]);
  }
  expect(stack).toEqual([]);
}
