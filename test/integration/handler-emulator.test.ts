/**
 * The deployed handler code, unchanged, with its real SDK clients talking HTTP to the emulator.
 */
import { describe, expect, it } from 'vitest';
import type { Context } from 'aws-lambda';
import { applyIvsEvent } from '../../local/emulator/index.ts';
import { CHANNEL, OTHER_CHANNEL, sqsBatch, streamStateEvent, takeoverFailure } from '../fakes/events.ts';
import { handlersOnEmulator } from './handlers-on-emulator.ts';

const KEY_VALUE = 'sk_us-west-2_TheSecretValueOfThisKey000';
const WORLD = {
  channels: [
    { arn: CHANNEL, name: 'main-stage', streamKeys: [{ arn: 'arn:aws:ivs:us-west-2:123456789012:stream-key/mainKey00001', value: KEY_VALUE }] },
    { arn: OTHER_CHANNEL, name: 'other', tags: { guard: 'off' } },
  ],
};
const context = { functionName: 'ivs-guard-it-stream', awsRequestId: 'it-1', getRemainingTimeInMillis: () => 30_000 } as unknown as Context;

describe('the stream handler against the emulator', () => {
  const stdout: string[] = [];
  const guard = handlersOnEmulator(
    WORLD,
    async () => {
      // What the handler logs, from its first line: it is loaded after this.
      const write = process.stdout.write.bind(process.stdout);
      process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
        stdout.push(String(chunk));
        return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
      });
      return { stream: (await import('../../handlers/stream.ts')).handler };
    },
    { logLevel: 'INFO' },
  );

  it('rotates the leaked key and stops the stream at the third takeover failure, fetching the session once for the batch', async () => {
    const events = [
      streamStateEvent('Stream Start', { time: '2026-11-20T19:00:00Z' }),
      takeoverFailure({ time: '2026-11-20T19:02:00Z' }),
      takeoverFailure({ time: '2026-11-20T19:04:00Z' }),
      takeoverFailure({ time: '2026-11-20T19:06:00Z' }),
    ];
    for (const event of events) applyIvsEvent(guard.emulator.world, event);

    const response = await guard.stream(sqsBatch(events.slice(1)), context);

    expect(response).toEqual({ batchItemFailures: [] });
    expect(guard.emulator.calls.counts()).toMatchObject({ GetStreamSession: 1, ListStreamKeys: 1, DeleteStreamKey: 1, CreateStreamKey: 1, StopStream: 1 });
    const channel = guard.emulator.world.channels.get(CHANNEL)!;
    expect(channel.live).toBeUndefined();
    expect(channel.streamKeys).toHaveLength(1);
    expect(channel.streamKeys[0]!.value).not.toBe(KEY_VALUE);
    expect(guard.emulator.world.actions.map((a) => a.operation)).toEqual(['DeleteStreamKey', 'CreateStreamKey', 'StopStream']);

    const decisions = guard.emulator.published.map((e) => JSON.parse(e.Detail) as { policy: string; actions: Array<{ status: string }> });
    // Each failure counts the session's failures up to its own time: only the third sees three.
    expect(decisions.map((d) => d.policy)).toEqual(['stream-key-leak']);
    expect(guard.emulator.published.every((e) => e.DetailType === 'IVS Guard Decision' && e.Source === 'ivs-guard')).toBe(true);
  });

  it('never lets a stream key value reach a log line or the audit bus', () => {
    const newValue = guard.emulator.world.channels.get(CHANNEL)!.streamKeys[0]!.value;
    const seen = [...stdout, ...guard.emulator.published.map((e) => JSON.stringify(e))].join('\n');

    expect(seen.length).toBeGreaterThan(0);
    expect(seen).not.toContain(KEY_VALUE);
    expect(seen).not.toContain(newValue);
  });

  it('fails only the throttled record, so SQS retries it', async () => {
    const start = streamStateEvent('Stream Start', { channelArn: CHANNEL, time: '2026-11-20T20:00:00Z', streamId: 'st-ZZZZZZZZZZZZZZZZZZZZZZZ' });
    applyIvsEvent(guard.emulator.world, start);
    for (const t of ['20:01', '20:02', '20:03']) applyIvsEvent(guard.emulator.world, takeoverFailure({ time: `2026-11-20T${t}:00Z`, streamId: 'st-ZZZZZZZZZZZZZZZZZZZZZZZ' }));
    guard.emulator.failNext('StopStream', 'ThrottlingException', 10);

    const batch = sqsBatch(['{"broken', takeoverFailure({ time: '2026-11-20T20:03:00Z', streamId: 'st-ZZZZZZZZZZZZZZZZZZZZZZZ' }), streamStateEvent('Stream End')]);
    const response = await guard.stream(batch, context);

    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'msg-1' }] });
  });
});
