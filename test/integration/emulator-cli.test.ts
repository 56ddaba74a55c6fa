/**
 * The emulator through a client nobody here wrote: the AWS CLI v1 installed on the machine
 * (botocore's own serializers and parsers), pointed at it with --endpoint-url.
 */
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../local/emulator/index.ts';
import { exampleCommands, startEmulator } from '../../local/emulator/index.ts';
import type { CliRun } from './aws-cli.ts';
import { awsCli } from './aws-cli.ts';

const LIVE = 'arn:aws:ivs:us-west-2:123456789012:channel/LiveChannel01';
const STAGE = 'arn:aws:ivs:us-west-2:123456789012:stage/TownHall0001';

let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator({ world: resolve('events/worlds/conformance.yml') });
});

afterAll(async () => {
  await emulator.stop();
});

/** Runs `aws ... --endpoint-url <emulator>` (aws-cli.ts). */
async function aws(...args: string[]): Promise<CliRun> {
  return awsCli(emulator.url, ...args);
}

// Each run of the CLI starts a Python interpreter: seconds on a loaded machine.
describe('the AWS CLI against the emulator', { timeout: 90_000 }, () => {
  it('aws ivs get-stream-session reads the live session', async () => {
    const { code, stdout, stderr } = await aws('ivs', 'get-stream-session', '--channel-arn', LIVE);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const { streamSession } = JSON.parse(stdout) as { streamSession: Record<string, unknown> & { truncatedEvents: { name: string; code?: string }[] } };
    expect(streamSession).toMatchObject({ streamId: 'st-LiveSession000000000001', channel: { arn: LIVE, name: 'live-channel' } });
    expect(String(streamSession.startTime)).toMatch(/^2026-11-20T19:00:00(\.000)?(Z|\+00:00)$/);
    expect(streamSession.truncatedEvents[0]).toMatchObject({ name: 'Stream Takeover Failure', code: 'StreamTakeoverInvalidPriority' });
  });

  it('aws ivs list-tags-for-resource and aws ivs-realtime get-participant share the endpoint', async () => {
    const tags = await aws('ivs', 'list-tags-for-resource', '--resource-arn', LIVE);
    expect(JSON.parse(tags.stdout)).toEqual({ tags: { compliance: 'record-required', team: 'live-ops' } });
    const participant = await aws('ivs-realtime', 'get-participant', '--stage-arn', STAGE, '--session-id', 'st-TownHallSess1', '--participant-id', 'HostParticipant1');
    expect(JSON.parse(participant.stdout)).toMatchObject({ participant: { participantId: 'HostParticipant1', userId: 'host-1', state: 'CONNECTED', published: true } });
  });

  it('aws ivs stop-stream, then again: ChannelNotBroadcasting, as the CLI reports service errors', async () => {
    expect((await aws('ivs', 'stop-stream', '--channel-arn', LIVE)).code).toBe(0);
    const again = await aws('ivs', 'stop-stream', '--channel-arn', LIVE);
    expect(again.code).not.toBe(0);
    // The message after the colon: botocore reads `message`, not the model's `exceptionMessage` (#14.6).
    expect(again.stderr).toContain(`An error occurred (ChannelNotBroadcasting) when calling the StopStream operation: Channel is not broadcasting: ${LIVE}`);
    expect(emulator.world.actions.map((a) => a.operation)).toEqual(['StopStream']);
  });

  it('every command the emulator banner suggests works as printed', async () => {
    const commands = exampleCommands(emulator.url);
    expect(commands.length).toBeGreaterThan(0);
    for (const command of commands) {
      const [program, ...args] = command.split(' ');
      expect(program).toBe('aws');
      // aws() adds --endpoint-url itself.
      const endpoint = args.indexOf('--endpoint-url');
      const { code, stderr } = await aws(...args.filter((_, i) => i !== endpoint && i !== endpoint + 1));
      expect({ command, code, stderr }).toEqual({ command, code: 0, stderr: '' });
    }
  });

  it('aws ivs list-channels filters and pages', async () => {
    const all = JSON.parse((await aws('ivs', 'list-channels')).stdout) as { channels: { name: string; preset: string }[] };
    expect(all.channels.map((c) => [c.name, c.preset])).toEqual([
      ['live-channel', ''],
      ['private-show', 'HIGHER_BANDWIDTH_DELIVERY'],
    ]);
    const filtered = JSON.parse((await aws('ivs', 'list-channels', '--filter-by-name', 'private')).stdout) as { channels: { name: string }[] };
    expect(filtered.channels.map((c) => c.name)).toEqual(['private-show']);
    // A page a channel: the CLI follows nextToken to the end.
    const before = emulator.calls.of('ListChannels').length;
    const paged = JSON.parse((await aws('ivs', 'list-channels', '--page-size', '1')).stdout) as { channels: { name: string }[] };
    expect(paged.channels.map((c) => c.name)).toEqual(['live-channel', 'private-show']);
    expect(emulator.calls.of('ListChannels').length - before).toBe(2);
  });

  it('aws ivs tag-resource guard=off, as the README says, and untag-resource', async () => {
    expect((await aws('ivs', 'tag-resource', '--resource-arn', LIVE, '--tags', 'guard=off')).code).toBe(0);
    expect(JSON.parse((await aws('ivs', 'list-tags-for-resource', '--resource-arn', LIVE)).stdout)).toEqual({ tags: { compliance: 'record-required', team: 'live-ops', guard: 'off' } });
    expect((await aws('ivs', 'untag-resource', '--resource-arn', LIVE, '--tag-keys', 'guard', 'team')).code).toBe(0);
    expect(JSON.parse((await aws('ivs', 'list-tags-for-resource', '--resource-arn', LIVE)).stdout)).toEqual({ tags: { compliance: 'record-required' } });
  });

  it('an operation it does not serve is named, with what it serves', async () => {
    const { code, stderr } = await aws('ivs', 'create-channel', '--name', 'new');
    expect(code).not.toBe(0);
    expect(stderr).toContain('An error occurred (UnknownOperationException) when calling the CreateChannel operation: The emulator does not serve the operation ivs CreateChannel');
    expect(stderr).toContain('It serves ivs: BatchGetChannel');
  });

  it('aws ivs delete-stream-key answers nothing (204) and the key is gone', async () => {
    const deleted = await aws('ivs', 'delete-stream-key', '--arn', 'arn:aws:ivs:us-west-2:123456789012:stream-key/LiveKey00001');
    expect(deleted).toMatchObject({ code: 0, stdout: '' });
    expect(JSON.parse((await aws('ivs', 'list-stream-keys', '--channel-arn', LIVE)).stdout)).toEqual({ streamKeys: [] });
  });
});
