/**
 * `ivs-guard replay --state DIR` keeps the emulator's world and the ledger between replays, and
 * `ivs-guard history` reads back what the guard did (DESIGN §4).
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LedgerEntry } from '../../domain/ports.ts';
import { startDynalite } from '../../local/dynalite.ts';
import type { WorldFile } from '../../local/emulator/index.ts';
import type { ReplayReport } from '../../local/replay/report.ts';
import { runCli } from './cli.ts';

const LEAK_EVENTS = 'events/scenarios/01-stream-key-leak.jsonl';
const WORLD = ['--world', 'events/scenarios/world.yml'];
const LEAKY = 'arn:aws:ivs:us-west-2:123456789012:channel/LeakyChannel1';
const LEAKED_KEY = 'arn:aws:ivs:us-west-2:123456789012:stream-key/LeakyKey0001';
const OTHER = 'arn:aws:ivs:us-west-2:123456789012:channel/IngestHeavy01';

async function replayJson(...args: string[]): Promise<{ code: number | null; report: ReplayReport; stderr: string }> {
  const result = await runCli(['replay', ...args, '--output', 'json']);
  return { code: result.code, report: JSON.parse(result.stdout) as ReplayReport, stderr: result.stderr };
}

async function historyJson(...args: string[]): Promise<LedgerEntry[]> {
  const result = await runCli(['history', ...args, '--output', 'json']);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as LedgerEntry[];
}

function readWorld(dir: string): WorldFile {
  return JSON.parse(readFileSync(join(dir, 'world.json'), 'utf8')) as WorldFile;
}

describe('replay --state, then history', () => {
  const state = mkdtempSync(join(tmpdir(), 'ivs-guard-state-'));
  let first: ReplayReport;

  beforeAll(async () => {
    const { code, report, stderr } = await replayJson(LEAK_EVENTS, ...WORLD, '--state', state);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    first = report;
  });

  it('acts on the first replay as without --state', () => {
    expect(first.summary.actions).toEqual({ applied: 2, planned: 0, skipped: 0, failed: 0 });
    expect(first.summary.apiCalls).toMatchObject({ DeleteStreamKey: 1, CreateStreamKey: 1, StopStream: 1 });
  });

  it('lists the applied actions newest first, with their policy and status', async () => {
    const entries = await historyJson('--state', state);

    // One event, one time: the ledger orders the actions of a decision last one first.
    expect(entries.map((e) => [e.type, e.policy, e.status, e.channelArn])).toEqual([
      ['stopStream', 'stream-key-leak', 'applied', LEAKY],
      ['rotateStreamKey', 'stream-key-leak', 'applied', LEAKY],
    ]);
    expect(entries.map((e) => e.at)).toEqual(['2026-11-20T19:09:52.000Z', '2026-11-20T19:09:52.000Z']);
    expect(entries[1]).toMatchObject({ eventId: '5ce7a1d0-0000-4000-8000-000000000005', mode: 'enforce', reason: expect.stringContaining(`deleted ${LEAKED_KEY}`) as string });
  });

  it('lists nothing for a channel the guard did not touch', async () => {
    expect(await historyJson('--state', state, '--channel', OTHER)).toEqual([]);
    expect(await historyJson('--state', state, '--channel', LEAKY)).toHaveLength(2);
  });

  it('shows a table of time, policy, action, target, status and reason', async () => {
    const result = await runCli(['history', '--state', state, '--output', 'table']);

    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[1]).toMatch(/^\| time +\| policy +\| action +\| target +\| status +\| reason +\|$/);
    expect(lines[3]).toMatch(/^\| 2026-11-20T19:09:52\.000Z \| stream-key-leak \| stopStream +\| channel\/LeakyChannel1 \| applied \| stream stopped/);
    expect(lines[4]).toMatch(/\| rotateStreamKey \| channel\/LeakyChannel1 \| applied \| deleted stream-key\/LeakyKey0001; created stream-key\//);
  });

  it('applies --limit and --query', async () => {
    const result = await runCli(['history', '--state', state, '--limit', '1', '--output', 'text', '--query', '[].type']);

    expect(result).toMatchObject({ code: 0, stdout: 'stopStream\n' });
  });

  it('reads a deployed table with --live, through the SDK\'s own endpoint and credential settings', async () => {
    // The state's store served as if it were the account's DynamoDB.
    const dynamo = await startDynalite({ path: join(state, 'dynamodb') });
    const env = { AWS_ENDPOINT_URL_DYNAMODB: dynamo.url, AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret', AWS_PROFILE: '', AWS_MAX_ATTEMPTS: '1' };
    try {
      const live = await runCli(['history', '--live', '--table', 'ivs-guard-ledger-local', '--region', 'us-west-2', '--output', 'json'], undefined, env);
      const missing = await runCli(['history', '--live', '--region', 'us-west-2'], undefined, env);

      expect(live.code).toBe(0);
      expect((JSON.parse(live.stdout) as LedgerEntry[]).map((e) => e.type)).toEqual(['stopStream', 'rotateStreamKey']);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toMatch(/^ivs-guard history: no ledger table ivs-guard-ledger-dev in us-west-2: name the deployed one with --stage \(or --table\), its region with --region/);
    } finally {
      await dynamo.stop();
    }
  });

  it('saves the world as a world file that --world reads', async () => {
    const world = readWorld(state);
    const leaky = world.channels?.find((c) => c.arn === LEAKY);

    // The key was rotated and the stream stopped: the saved world says so, in the API's shapes.
    expect(leaky?.streamKeys).toHaveLength(1);
    expect(leaky?.streamKeys?.[0]?.arn).not.toBe(LEAKED_KEY);
    expect(leaky?.streamKeys?.[0]?.value).toMatch(/^sk_us-west-2_/);
    expect(leaky?.streamSessions?.map((s) => [s.streamId, s.endTime, s.truncatedEvents?.filter((e) => e.name === 'Stream Takeover Failure').length])).toEqual([
      ['st-LeakyStream00000000000a', '2026-11-20T19:09:52.000Z', 3],
    ]);
    expect(world.channels?.map((c) => c.arn)).toContain(OTHER);

    // Read back by --world (no state): the 4K channel it carries over is still stopped as before.
    const { code, report } = await replayJson('events/scenarios/02-over-limit-ingest.jsonl', '--world', join(state, 'world.json'));
    expect(code).toBe(0);
    expect(report.events.flatMap((e) => e.decisions.map((d) => [d.policy, d.actions.map((a) => a.status)]))).toEqual([['ingest-ceiling', ['applied']]]);
  });

  it('does not act again when the same events are replayed into the same state', async () => {
    const { code, report } = await replayJson(LEAK_EVENTS, ...WORLD, '--state', state);

    expect(code).toBe(0);
    // Nothing is done to IVS, nothing is published: the ledger recognises the redelivered event.
    expect(report.summary.apiCalls).toEqual({ GetStreamSession: 4 });
    expect(report.published).toEqual([]);
    // The report keeps what the first replay did (applied stays applied) and says the outcomes were reused.
    expect(report.summary.actions).toEqual({ applied: 2, planned: 0, skipped: 0, failed: 0 });
    const reasons = report.events.flatMap((e) => e.decisions.flatMap((d) => d.actions.map((a) => a.reason)));
    expect(reasons).toEqual([
      expect.stringMatching(/^deleted .*\(reused: decided for this event on an earlier delivery at /),
      expect.stringMatching(/^stream stopped \(reused: decided for this event on an earlier delivery at /),
    ]);
    expect(await historyJson('--state', state)).toHaveLength(2);
    // The emulator kept the ids of the events it followed: the session did not gain failures twice.
    const session = readWorld(state).channels?.find((c) => c.arn === LEAKY)?.streamSessions?.[0];
    expect(session?.truncatedEvents).toHaveLength(5);
  });

  it('lets --world add only what the saved world lacks', async () => {
    const added = 'arn:aws:ivs:us-west-2:123456789012:channel/AddedLater01';
    const extra = join(mkdtempSync(join(tmpdir(), 'ivs-guard-world-')), 'extra.yml');
    writeFileSync(extra, `channels:\n  - arn: ${LEAKY}\n    name: renamed\n  - arn: ${added}\n    name: added-later\n`);
    const event = await runCli(['generate-event', 'stream-start', '--set', `resources[0]=${added}`]);
    expect(event.code).toBe(0);

    const result = await runCli(['replay', '-', '--world', extra, '--state', state, '--output', 'json'], event.stdout);

    expect(result.code).toBe(0);
    const channels = readWorld(state).channels ?? [];
    expect(channels.find((c) => c.arn === LEAKY)?.name).toBe('leaky-channel');
    expect(channels.find((c) => c.arn === added)?.name).toBe('added-later');
  });
});

describe.concurrent('history errors', () => {
  it('says how to make a ledger when the state directory has none, and makes no directory', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'ivs-guard-empty-')), 'state');

    const result = await runCli(['history', '--state', dir]);

    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`ivs-guard history: no ledger in ${dir}: run \`ivs-guard replay --state ${dir} ...\` first\n`);
    expect(existsSync(dir)).toBe(false);
  });

  it('says so when another process has the state directory open', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ivs-guard-busy-'));
    const holder = await startDynalite({ path: join(dir, 'dynamodb') });
    try {
      const result = await runCli(['history', '--state', dir]);

      expect(result.code).toBe(1);
      expect(result.stderr).toBe(`ivs-guard history: ${dir} is in use by another ivs-guard replay or history; try again when it has finished\n`);
    } finally {
      await holder.stop();
    }
  });

  it.each([
    ['--state with --live', ['history', '--live', '--state', 'x'], /--state names the local ledger/],
    ['--table without --live', ['history', '--table', 't'], /go with --live/],
    ['a bad --limit', ['history', '--limit', 'ten'], /--limit must be a whole number/],
    ['a --channel that is not a channel ARN', ['history', '--channel', 'LeakyChannel1'], /--channel takes a channel ARN/],
    ['replay --state with --live', ['replay', 'events/scenarios', '--live', '--state', 'x'], /--state .* does not go with --live/],
  ])('exits 2 for %s', async (_, args, message) => {
    const result = await runCli(args);

    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });
});
