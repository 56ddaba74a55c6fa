import { describe, expect, it } from 'vitest';
import { runCli } from './cli.ts';

const WORLD = ['--world', 'events/scenarios/world.yml'];

interface Report {
  events: Array<{ id: string; name: string; channelArn?: string; status: string; attempts?: number; error?: string; decisions: Array<{ policy: string; mode: string; evidence: string[]; actions: Array<{ type: string; status: string; target: string; reason?: string }> }> }>;
  summary: { events: number; processed: number; ignored: number; rejected: number; failed: number; actions: Record<string, number>; apiCalls: Record<string, number> };
  published: unknown[];
}

async function replayJson(...args: string[]): Promise<{ code: number | null; report: Report; stderr: string }> {
  const result = await runCli(['replay', ...args, '--output', 'json']);
  return { code: result.code, report: JSON.parse(result.stdout) as Report, stderr: result.stderr };
}

const decided = (report: Report) => report.events.filter((e) => e.decisions.length > 0);

describe('ivs-guard replay on the bundled scenarios', () => {
  it('rotates the key and stops the stream when takeover failures reach three', async () => {
    const { code, report } = await replayJson('events/scenarios/01-stream-key-leak.jsonl', ...WORLD);

    expect(code).toBe(0);
    expect(report.events.map((e) => e.decisions.map((d) => d.policy))).toEqual([[], [], [], [], ['stream-key-leak']]);
    const [decision] = decided(report)[0]!.decisions;
    expect(decision!.evidence.join(' ')).toMatch(/3 .*failures/);
    expect(decision!.actions.map((a) => [a.type, a.status])).toEqual([['rotateStreamKey', 'applied'], ['stopStream', 'applied']]);
    expect(report.summary.apiCalls).toMatchObject({ ListStreamKeys: 1, DeleteStreamKey: 1, CreateStreamKey: 1, StopStream: 1 });
    expect(JSON.stringify(report)).not.toContain('sk_us-west-2_');
  });

  it('stops a 4K60 ingest over the ceiling, and says which track', async () => {
    const { code, report } = await replayJson('events/scenarios/02-over-limit-ingest.jsonl', ...WORLD);

    expect(code).toBe(0);
    const [decision] = decided(report)[0]!.decisions;
    expect(decision).toMatchObject({ policy: 'ingest-ceiling', actions: [{ type: 'stopStream', status: 'applied' }] });
    expect(decision!.evidence.join(' ')).toMatch(/2160/);
  });

  it('only plans on a must-record channel, the policy being dry-run', async () => {
    const { code, report } = await replayJson('events/scenarios/03-recording-failure-must-record.jsonl', ...WORLD);

    expect(code).toBe(0);
    const [decision] = decided(report)[0]!.decisions;
    expect(decision).toMatchObject({ policy: 'must-record', mode: 'dry-run' });
    expect(decision!.actions.map((a) => [a.type, a.status])).toEqual([['putMetadata', 'planned'], ['stopStream', 'planned']]);
    expect(report.summary.apiCalls.StopStream ?? 0).toBe(0);
  });

  it('bans 45 viewers in three calls', async () => {
    const { code, report } = await replayJson('events/scenarios/04-moderation-ban-45-viewers.jsonl', ...WORLD);

    expect(code).toBe(0);
    expect(decided(report)[0]!.decisions[0]).toMatchObject({ policy: 'moderation', actions: [{ type: 'revokeViewerSessions', status: 'applied' }] });
    expect(report.summary.apiCalls.BatchStartViewerSessionRevocation).toBe(3);
  });

  it('fails a revocation once, with its reason, when the channel does not exist (a final error is not retried)', async () => {
    // Without --world the moderation request names a channel the emulator has never seen: ListTagsForResource
    // (the protection check) answers ResourceNotFoundException, which no redelivery can change.
    const { report } = await replayJson('events/scenarios/04-moderation-ban-45-viewers.jsonl');

    const [event] = decided(report);
    expect(event).toMatchObject({ status: 'processed', attempts: 1 });
    expect(event!.decisions[0]!.actions).toEqual([
      expect.objectContaining({ type: 'revokeViewerSessions', status: 'failed', reason: expect.stringMatching(/^could not tell whether the channel is protected: IVS ListTagsForResource failed: ResourceNotFoundException/) }),
    ]);
    expect(report.summary).toMatchObject({ failed: 0, actions: { failed: 1 } });
    expect(report.summary.apiCalls).toMatchObject({ ListTagsForResource: 1 });
    expect(report.summary.apiCalls.BatchStartViewerSessionRevocation).toBeUndefined();
  });

  it('does nothing on an ordinary day', async () => {
    const { code, report } = await replayJson('events/scenarios/05-an-ordinary-day.jsonl', ...WORLD);

    expect(code).toBe(0);
    expect(report.summary).toMatchObject({ events: 10, processed: 10, rejected: 0, failed: 0, actions: { applied: 0, planned: 0, skipped: 0, failed: 0 } });
  });

  it('disconnects the publisher whose token does not allow it, and leaves the hosts alone', async () => {
    const { code, report } = await replayJson('events/scenarios/06-stage-unauthorised-publisher.jsonl', ...WORLD);

    expect(code).toBe(0);
    expect(report.events.map((e) => [e.status, e.decisions.map((d) => d.policy)])).toEqual([
      ['processed', []],
      ['processed', []],
      ['processed', ['unauthorised-publisher']],
      ['processed', []],
    ]);
    expect(decided(report)[0]!.decisions[0]).toMatchObject({ policy: 'unauthorised-publisher', actions: [{ type: 'disconnectParticipant', status: 'applied', target: expect.stringMatching(/#viewerZed001$/) }] });
    // One GetParticipant per published participant; the unpublish triggers no policy that reads one.
    expect(report.summary.apiCalls).toMatchObject({ GetParticipant: 3, DisconnectParticipant: 1 });
  });

  it('rejects malformed events with their reasons, replays their neighbours, and exits 1', async () => {
    const { code, report, stderr } = await replayJson('events/malformed');

    expect(code).toBe(1);
    const reasons = report.events.filter((e) => e.status === 'rejected').map((e) => e.error);
    expect(reasons).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/detail\.stream_id/),
        expect.stringMatching(/resources/),
        expect.stringMatching(/event_name/),
        expect.stringMatching(/time/),
        expect.stringMatching(/not valid JSON/),
        expect.stringMatching(/viewerId/),
      ]),
    );
    expect(report.events.at(-1)?.status).toBe('processed');
    expect(stderr).toMatch(/malformed-events\.jsonl:6: not valid JSON/);
  });

  it('filters the report with --query', async () => {
    const result = await runCli(['replay', 'events/scenarios', ...WORLD, '--output', 'json', '--query', 'summary.actions.applied']);

    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toBeGreaterThanOrEqual(4);
  });

  it('reads events from stdin', async () => {
    const generated = await runCli(['generate-event', 'stream-start']);
    const result = await runCli(['replay', '-', '--output', 'json'], generated.stdout);

    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as Report).summary).toMatchObject({ events: 1, processed: 1 });
  });

  it.each([
    ['an unknown output', ['replay', 'events/scenarios', '--output', 'yaml'], /--output must be table, json or text/],
    ['--apply without --live', ['replay', 'events/scenarios', '--apply'], /--apply goes with --live/],
    ['no path', ['replay'], /give at least one PATH/],
  ])('exits 2 with a one-line error for %s', async (_, args, message) => {
    const result = await runCli(args);

    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  // #12.4: a missing input is a usage error (it used to be a rejected event, exit 1), found before anything runs.
  it('names a missing file as a usage error, and replays nothing', async () => {
    const result = await runCli(['replay', 'no-such-file.jsonl', 'events/scenarios/02-over-limit-ingest.jsonl', ...WORLD, '--output', 'json']);

    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/no such file or directory: no-such-file\.jsonl/);
    expect(result.stdout).toBe('');
  });
});
