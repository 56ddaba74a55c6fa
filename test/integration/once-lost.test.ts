/**
 * The emulator's `lost=P` fault (#7.3): the operation is applied, then the connection is dropped without an
 * answer, so the real SDK's retry meets the consequence. The emulator's record (`world.actions`, the call log)
 * stays the truth a test checks the guard against.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CreateStreamKeyCommand, DeleteStreamKeyCommand, GetStreamSessionCommand, IvsClient, PutMetadataCommand } from '@aws-sdk/client-ivs';
import type { Emulator, WorldFile } from '../../local/emulator/index.ts';
import { parseFaults, startEmulator } from '../../local/emulator/index.ts';
import { ivsAdapter } from '../../adapters/ivs.ts';

const A = 'arn:aws:ivs:us-west-2:123456789012:channel/ChannelAAAAAA';
const WORLD: WorldFile = { channels: [{ arn: A, streamSessions: [{ streamId: 'st-AAAAAAAAAAAAAAAAAAAAAAA', startTime: '2026-11-20T19:00:00Z' }] }] };

const running: { emulator: Emulator; ivs: IvsClient }[] = [];

/** The SDK with its default retries (3 attempts): a lost answer is retried, as in the deployed guard. */
async function start(faults?: string): Promise<{ emulator: Emulator; ivs: IvsClient }> {
  const emulator = await startEmulator({ world: WORLD, ...(faults ? { faults } : {}) });
  const ivs = new IvsClient({ endpoint: emulator.url, region: 'us-west-2', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  running.push({ emulator, ivs });
  return { emulator, ivs };
}

afterEach(async () => {
  for (const { emulator, ivs } of running.splice(0)) {
    ivs.destroy();
    await emulator.stop();
  }
});

const keysOf = (emulator: Emulator) => emulator.world.channels.get(A)?.streamKeys.map((k) => k.arn) ?? [];

describe('lost answers, through the real SDK and its retries', () => {
  it('a lost CreateStreamKey creates the key; the retry meets ServiceQuotaExceededException', async () => {
    const { emulator, ivs } = await start();
    await ivs.send(new DeleteStreamKeyCommand({ arn: keysOf(emulator)[0] }));
    emulator.loseNext('CreateStreamKey');
    const error = await ivs.send(new CreateStreamKeyCommand({ channelArn: A })).then(() => undefined, (e: Error) => e);
    expect(error?.name).toBe('ServiceQuotaExceededException');
    expect(keysOf(emulator)).toHaveLength(1);
    expect(emulator.world.actions.filter((a) => a.operation === 'CreateStreamKey')).toHaveLength(1);
    expect(emulator.calls.of('CreateStreamKey').map((c) => [c.status, c.fault])).toEqual([
      [200, 'lost'],
      [402, undefined],
    ]);
  });

  it('a lost PutMetadata inserts the metadata, and the SDK retry inserts it again', async () => {
    const { emulator, ivs } = await start();
    emulator.loseNext('PutMetadata');
    await ivs.send(new PutMetadataCommand({ channelArn: A, metadata: 'once' }));
    expect(emulator.world.metadata.map((m) => m.metadata)).toEqual(['once', 'once']);
    expect(emulator.calls.of('PutMetadata').map((c) => c.fault)).toEqual(['lost', undefined]);
  });

  it('a lost DeleteStreamKey deletes the key; the retry meets ResourceNotFoundException', async () => {
    const { emulator, ivs } = await start();
    const [arn] = keysOf(emulator);
    emulator.loseNext('DeleteStreamKey');
    const error = await ivs.send(new DeleteStreamKeyCommand({ arn })).then(() => undefined, (e: Error) => e);
    expect(error?.name).toBe('ResourceNotFoundException');
    expect(keysOf(emulator)).toEqual([]);
  });

  it('lost=1 in --faults loses every answer: the operation is applied each time, the caller never hears', async () => {
    const { emulator, ivs } = await start('lost=1');
    const error = await ivs.send(new PutMetadataCommand({ channelArn: A, metadata: 'x' })).then(() => undefined, (e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toHaveProperty('$metadata.httpStatusCode');
    expect(emulator.world.metadata.length).toBe(emulator.calls.of('PutMetadata').length);
    expect(emulator.calls.of('PutMetadata').every((c) => c.status >= 200 && c.status < 300 && c.fault === 'lost')).toBe(true);
  });

  it('a read whose answer is lost changes nothing', async () => {
    const { emulator, ivs } = await start();
    emulator.loseNext('GetStreamSession', 2);
    await ivs.send(new GetStreamSessionCommand({ channelArn: A }));
    expect(emulator.calls.of('GetStreamSession').map((c) => c.fault)).toEqual(['lost', 'lost', undefined]);
    expect(emulator.world.actions).toEqual([]);
  });

  it('parses lost=P and refuses a bad one, naming it', () => {
    expect(parseFaults('lost=0.02,drop=0.01')).toEqual({ throttle: 0, error: 0, drop: 0.01, lost: 0.02, latencyMs: 0 });
    expect(() => parseFaults('lost=1.5')).toThrow("faults: 'lost=1.5' needs a probability between 0 and 1");
    expect(() => parseFaults('lost=0.6,drop=0.6')).toThrow('faults: throttle + error + drop + lost is 1.2, more than 1');
    expect(() => parseFaults('lose=0.1')).toThrow('known are throttle, error, drop, latency, lost');
  });
});

describe('the guard IVS adapter against lost answers (#7.2)', () => {
  it('PutMetadata is at most once: a lost answer is not re-sent and resolves unconfirmed', async () => {
    const { emulator, ivs } = await start();
    emulator.loseNext('PutMetadata');
    expect(await ivsAdapter(ivs).putMetadata(A, 'once')).toBe('unconfirmed');
    expect(emulator.world.metadata.map((m) => m.metadata)).toEqual(['once']);
    expect(emulator.calls.of('PutMetadata')).toHaveLength(1);
  });

  it('a StopStream whose answer is lost stopped the stream: reported stopped, not "nothing to stop", though the retry met ChannelNotBroadcasting', async () => {
    const { emulator, ivs } = await start();
    emulator.world.channels.get(A)!.live = { streamId: 'st-AAAAAAAAAAAAAAAAAAAAAAA', startTime: '2026-11-20T19:00:00Z', health: 'HEALTHY', viewerCount: 0 };
    emulator.loseNext('StopStream');
    expect(await ivsAdapter(ivs).stopStream(A)).toBe('stopped');
    expect(emulator.calls.of('StopStream').map((c) => [c.status, c.fault ?? c.errorType])).toEqual([
      [200, 'lost'],
      [404, 'ChannelNotBroadcasting'],
    ]);
    expect(await ivsAdapter(ivs).stopStream(A)).toBe('not-broadcasting');
  });

  it('a rotation whose CreateStreamKey answer is lost finds its own key: one key, reported as created', async () => {
    const { emulator, ivs } = await start();
    const [old] = keysOf(emulator);
    emulator.loseNext('CreateStreamKey');
    const rotated = await ivsAdapter(ivs).rotateStreamKey(A);
    expect(keysOf(emulator)).toEqual([rotated.newKeyArn]);
    expect(rotated.deletedKeyArns).toEqual([old]);
    expect(emulator.world.actions.filter((a) => a.operation === 'CreateStreamKey')).toHaveLength(1);
  });

  it('a rotation taken over after the key was created is done without rotating again', async () => {
    const { emulator, ivs } = await start();
    const [old] = keysOf(emulator);
    const first = await ivsAdapter(ivs).rotateStreamKey(A);
    const again = await ivsAdapter(ivs).rotateStreamKey(A, { before: [old ?? ''] });
    expect(again).toMatchObject({ newKeyArn: first.newKeyArn, earlier: true });
    expect(keysOf(emulator)).toEqual([first.newKeyArn]);
  });
});
