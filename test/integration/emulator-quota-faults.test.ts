/**
 * Request quotas (token buckets at the documented rates) and fault injection, through the real SDK
 * with its retries off, so every throttle and fault reaches the test.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { GetStreamSessionCommand, IvsClient, PutMetadataCommand } from '@aws-sdk/client-ivs';
import type { Emulator, EmulatorOptions, WorldFile } from '../../local/emulator/index.ts';
import { parseFaults, startEmulator } from '../../local/emulator/index.ts';
import { QuotaGate } from '../../local/emulator/quota.ts';

const A = 'arn:aws:ivs:us-west-2:123456789012:channel/ChannelAAAAAA';
const B = 'arn:aws:ivs:us-west-2:123456789012:channel/ChannelBBBBBB';
const live = (arn: string, streamId: string) => ({ arn, streamSessions: [{ streamId, startTime: '2026-11-20T19:00:00Z' }] });
const WORLD: WorldFile = { channels: [live(A, 'st-AAAAAAAAAAAAAAAAAAAAAAA'), live(B, 'st-BBBBBBBBBBBBBBBBBBBBBBB')] };

const running: { emulator: Emulator; ivs: IvsClient }[] = [];

async function start(options: EmulatorOptions): Promise<{ emulator: Emulator; ivs: IvsClient }> {
  const emulator = await startEmulator({ world: WORLD, ...options });
  const ivs = new IvsClient({ endpoint: emulator.url, region: 'us-west-2', credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, maxAttempts: 1 });
  running.push({ emulator, ivs });
  return { emulator, ivs };
}

afterEach(async () => {
  for (const { emulator, ivs } of running.splice(0)) {
    ivs.destroy();
    await emulator.stop();
  }
});

/** Sends `count` calls at once; returns how each ended ('ok' or the error's name) and how long it all took. */
async function timedBurst(count: number, call: () => Promise<unknown>): Promise<{ outcomes: string[]; seconds: number }> {
  const started = performance.now();
  const results = await Promise.allSettled(Array.from({ length: count }, call));
  const outcomes = results.map((r) => (r.status === 'fulfilled' ? 'ok' : (r.reason as Error).name));
  return { outcomes, seconds: (performance.now() - started) / 1000 };
}

async function burst(count: number, call: () => Promise<unknown>): Promise<string[]> {
  return (await timedBurst(count, call)).outcomes;
}

/** What a bucket of `tps` (holding one second of it) lets through in `seconds`: the burst, then the refill. */
const allowance = (tps: number, seconds: number) => tps + Math.floor(tps * seconds);

const count = (outcomes: string[], what: string) => outcomes.filter((o) => o === what).length;

describe('quota', () => {
  it('real: GetStreamSession answers 429 ThrottlingException past its 5 TPS burst', async () => {
    const { ivs, emulator } = await start({ quota: 'real' });
    const { outcomes, seconds } = await timedBurst(30, () => ivs.send(new GetStreamSessionCommand({ channelArn: A })));
    expect(count(outcomes, 'ok')).toBeGreaterThanOrEqual(5);
    expect(count(outcomes, 'ok')).toBeLessThanOrEqual(allowance(5, seconds));
    expect(count(outcomes, 'ThrottlingException')).toBe(30 - count(outcomes, 'ok'));
    expect(count(outcomes, 'ThrottlingException')).toBeGreaterThan(0);
    expect(emulator.calls.of('GetStreamSession').filter((c) => c.fault === 'quota').every((c) => c.status === 429)).toBe(true);
  });

  it('real: PutMetadata is limited per channel (5 TPS), so another channel still gets through', async () => {
    const { ivs } = await start({ quota: 'real' });
    const onA = await timedBurst(30, () => ivs.send(new PutMetadataCommand({ channelArn: A, metadata: 'm' })));
    expect(count(onA.outcomes, 'ok')).toBeLessThanOrEqual(allowance(5, onA.seconds));
    expect(count(onA.outcomes, 'ThrottlingException')).toBe(30 - count(onA.outcomes, 'ok'));
    expect(count(onA.outcomes, 'ThrottlingException')).toBeGreaterThan(0);
    expect(await burst(3, () => ivs.send(new PutMetadataCommand({ channelArn: B, metadata: 'm' })))).toEqual(['ok', 'ok', 'ok']);
  });

  it('xN multiplies the rates; off lifts them', async () => {
    const fast = await start({ quota: 'x10' });
    expect(count(await burst(40, () => fast.ivs.send(new GetStreamSessionCommand({ channelArn: A }))), 'ok')).toBe(40);
    const off = await start({ quota: 'off' });
    expect(count(await burst(60, () => off.ivs.send(new GetStreamSessionCommand({ channelArn: A }))), 'ok')).toBe(60);
  });

  it('refills a bucket at the documented rate', () => {
    let now = 0;
    const gate = new QuotaGate(1, () => now);
    const takes = (n: number) => Array.from({ length: n }, () => gate.take('BatchStartViewerSessionRevocation'));
    expect(takes(3)).toEqual([true, true, false]); // 2 TPS: a burst of 2
    now += 499;
    expect(takes(1)).toEqual([false]);
    now += 1;
    expect(takes(2)).toEqual([true, false]);
  });

  it('refuses a quota it does not know', async () => {
    await expect(startEmulator({ quota: 'fast' as 'real' })).rejects.toThrow("quota must be real, off or xN with N a positive number (e.g. x10), not 'fast'");
  });
});

describe('faults', () => {
  it('throttle=1 answers every call 429 ThrottlingException', async () => {
    const { ivs, emulator } = await start({ faults: 'throttle=1' });
    expect(await burst(3, () => ivs.send(new GetStreamSessionCommand({ channelArn: A })))).toEqual(['ThrottlingException', 'ThrottlingException', 'ThrottlingException']);
    expect(emulator.calls.records.map((c) => [c.status, c.fault])).toEqual([
      [429, 'throttle'],
      [429, 'throttle'],
      [429, 'throttle'],
    ]);
  });

  it('error=1 answers 500 InternalServerException', async () => {
    const { ivs } = await start({ faults: 'error=1' });
    const error = await ivs.send(new GetStreamSessionCommand({ channelArn: A })).catch((e: unknown) => e as { name: string; $metadata: { httpStatusCode: number } });
    expect(error).toMatchObject({ name: 'InternalServerException', $metadata: { httpStatusCode: 500 } });
  });

  it('drop=1 closes the connection without an answer', async () => {
    const { ivs, emulator } = await start({ faults: 'drop=1' });
    const error = await ivs.send(new GetStreamSessionCommand({ channelArn: A })).catch((e: unknown) => e as { name: string; code?: string; $metadata?: { httpStatusCode?: number } });
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toHaveProperty('$metadata.httpStatusCode');
    expect(emulator.calls.records).toEqual([expect.objectContaining({ operation: 'GetStreamSession', status: 0, fault: 'drop' })]);
  });

  it('latency=ms delays every answer', async () => {
    const { ivs } = await start({ faults: 'latency=150' });
    const started = performance.now();
    await ivs.send(new GetStreamSessionCommand({ channelArn: A }));
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('fails the same calls for the same seed', async () => {
    const outcomes = async (seed: number) => {
      const { ivs } = await start({ faults: 'throttle=0.3,error=0.2', seed });
      const results: string[] = [];
      for (let i = 0; i < 30; i += 1) results.push(await ivs.send(new GetStreamSessionCommand({ channelArn: A })).then(() => 'ok', (e: Error) => e.name));
      return results;
    };
    const first = await outcomes(7);
    expect(await outcomes(7)).toEqual(first);
    expect(await outcomes(8)).not.toEqual(first);
    expect(new Set(first)).toEqual(new Set(['ok', 'ThrottlingException', 'InternalServerException']));
  });

  it.each([
    ['throttle=2', "faults: 'throttle=2' needs a probability between 0 and 1"],
    ['thrtl=0.1', "faults: 'thrtl=0.1' names no fault: known are throttle, error, drop, latency"],
    ['latency=-5', "faults: 'latency=-5' needs a whole number of milliseconds"],
    ['throttle', "faults: 'throttle' is not name=value"],
    ['throttle=0.6,error=0.6', 'faults: throttle + error + drop is 1.2, more than 1'],
  ])('refuses the spec %s, naming the bad part', (spec, message) => {
    expect(() => parseFaults(spec)).toThrow(message);
  });

  it('parses a full spec', () => {
    expect(parseFaults('throttle=0.3, error=0.05,latency=200,drop=0.02')).toEqual({ throttle: 0.3, error: 0.05, latencyMs: 200, drop: 0.02 });
  });
});
