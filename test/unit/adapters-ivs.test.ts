import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import {
  ChannelNotBroadcasting,
  CreateStreamKeyCommand,
  DeleteStreamKeyCommand,
  GetStreamSessionCommand,
  IvsClient,
  ListStreamKeysCommand,
  ListTagsForResourceCommand,
  PutMetadataCommand,
  ResourceNotFoundException,
  StopStreamCommand,
  StreamUnavailable,
  ValidationException,
} from '@aws-sdk/client-ivs';
import { GuardError } from '../../domain/errors.ts';
import { ivsAdapter } from '../../adapters/ivs.ts';
import { logger } from '../../adapters/observability.ts';
import { quietLogger } from '../quiet-logger.ts';

const channelArn = 'arn:aws:ivs:us-west-2:123456789012:channel/abcdEFGH1234';
const streamId = 'st-1A2b3c4D5e6F78ghij9Klmn';
const oldKeyArn = 'arn:aws:ivs:us-west-2:123456789012:stream-key/oldKey1';
const newKeyArn = 'arn:aws:ivs:us-west-2:123456789012:stream-key/newKey2';
const SECRET = 'sk_us-west-2_SECRETa1b2c3d4e5f6g7h8';

const ivs = mockClient(IvsClient);
const adapter = () => ivsAdapter(new IvsClient({ region: 'us-west-2' }));
const meta = { $metadata: { httpStatusCode: 404, requestId: 'req-1' } };

quietLogger();
beforeEach(() => ivs.reset());

describe('getStreamSession', () => {
  it('sends GetStreamSession and converts every date to ISO, keeping channel tags', async () => {
    ivs.on(GetStreamSessionCommand).resolves({
      streamSession: {
        streamId,
        startTime: new Date('2024-05-01T10:00:00Z'),
        endTime: undefined,
        channel: { arn: channelArn, name: 'news', latencyMode: 'LOW', tags: { guard: 'strict' }, srt: { endpoint: 'srt.example', passphrase: 'srt-pass-secret' } },
        truncatedEvents: [
          { name: 'Stream Takeover Failure', type: 'IVS Stream State Change', eventTime: new Date('2024-05-01T10:05:00Z'), code: 'StreamTakeoverInvalidPriority' },
          { name: 'Session Created', type: 'IVS Stream State Change', eventTime: new Date('2024-05-01T10:00:00Z') },
        ],
      },
    });

    const session = await adapter().getStreamSession(channelArn, streamId);

    expect(ivs).toHaveReceivedCommandExactlyOnceWith(GetStreamSessionCommand, { channelArn, streamId });
    expect(session).toEqual({
      streamId,
      startTime: '2024-05-01T10:00:00.000Z',
      channel: { arn: channelArn, name: 'news', latencyMode: 'LOW', tags: { guard: 'strict' }, srt: { endpoint: 'srt.example' } },
      truncatedEvents: [
        { name: 'Stream Takeover Failure', type: 'IVS Stream State Change', eventTime: '2024-05-01T10:05:00.000Z', code: 'StreamTakeoverInvalidPriority' },
        { name: 'Session Created', type: 'IVS Stream State Change', eventTime: '2024-05-01T10:00:00.000Z' },
      ],
    });
    expect(session).not.toHaveProperty('endTime');
    expect(JSON.stringify(session)).not.toContain('srt-pass-secret');
  });

  it('asks for the latest session when no stream id is given', async () => {
    ivs.on(GetStreamSessionCommand).resolves({ streamSession: { streamId } });
    await adapter().getStreamSession(channelArn);
    const input = ivs.commandCalls(GetStreamSessionCommand)[0]!.args[0].input;
    expect(input).toStrictEqual({ channelArn });
  });

  it('answers undefined when the channel or session does not exist', async () => {
    ivs.on(GetStreamSessionCommand).rejects(new ResourceNotFoundException({ message: 'not found', ...meta }));
    await expect(adapter().getStreamSession(channelArn, streamId)).resolves.toBeUndefined();
  });

  it('turns other errors into a GuardError that says whether to retry', async () => {
    ivs.on(GetStreamSessionCommand).rejects(new ValidationException({ message: 'bad', $metadata: { httpStatusCode: 400 } }));
    await expect(adapter().getStreamSession(channelArn, streamId)).rejects.toMatchObject({ name: 'GuardError', errorClass: 'final', code: 'ValidationException' });
  });
});

describe('getChannelTags', () => {
  it('sends ListTagsForResource for the channel', async () => {
    ivs.on(ListTagsForResourceCommand).resolves({ tags: { guard: 'strict' } });
    await expect(adapter().getChannelTags(channelArn)).resolves.toEqual({ guard: 'strict' });
    expect(ivs).toHaveReceivedCommandWith(ListTagsForResourceCommand, { resourceArn: channelArn });
  });
});

describe('stopStream', () => {
  it('sends StopStream and resolves stopped', async () => {
    ivs.on(StopStreamCommand).resolves({});
    await expect(adapter().stopStream(channelArn)).resolves.toBe('stopped');
    expect(ivs).toHaveReceivedCommandExactlyOnceWith(StopStreamCommand, { channelArn });
  });

  it('counts ChannelNotBroadcasting as done', async () => {
    ivs.on(StopStreamCommand).rejects(new ChannelNotBroadcasting({ message: 'offline', ...meta }));
    await expect(adapter().stopStream(channelArn)).resolves.toBe('not-broadcasting');
  });

  it('makes StreamUnavailable (503) transient', async () => {
    ivs.on(StopStreamCommand).rejects(new StreamUnavailable({ message: 'later', $metadata: { httpStatusCode: 503 } }));
    const error: unknown = await adapter().stopStream(channelArn).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GuardError);
    expect((error as GuardError).retryable).toBe(true);
  });
});

describe('putMetadata', () => {
  it('sends PutMetadata for a payload of exactly 1 KB', async () => {
    ivs.on(PutMetadataCommand).resolves({});
    const text = 'x'.repeat(1024);
    await adapter().putMetadata(channelArn, text);
    expect(ivs).toHaveReceivedCommandWith(PutMetadataCommand, { channelArn, metadata: text });
  });

  it('rejects a payload over 1 KB in UTF-8 bytes without calling, naming size and limit', async () => {
    const text = 'é'.repeat(513); // 513 characters, 1026 bytes
    const error: unknown = await adapter().putMetadata(channelArn, text).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'GuardError', errorClass: 'final' });
    expect((error as Error).message).toContain('1026 bytes');
    expect((error as Error).message).toContain('1024');
    expect((error as Error).message).not.toContain('é');
    expect(ivs).toHaveReceivedCommandTimes(PutMetadataCommand, 0);
  });
});

describe('stream keys', () => {
  /** Everything the adapter writes to stdout/stderr while `run` runs, at DEBUG level. */
  async function captureOutput(run: () => Promise<unknown>): Promise<{ output: string; outcome: unknown }> {
    const lines: string[] = [];
    const collect = (chunk: unknown) => {
      lines.push(String(chunk));
      return true;
    };
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(collect);
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(collect);
    const level = logger.getLevelName();
    logger.setLogLevel('DEBUG');
    try {
      const outcome = await run().catch((e: unknown) => e);
      return { output: lines.join('\n'), outcome };
    } finally {
      logger.setLogLevel(level);
      out.mockRestore();
      err.mockRestore();
    }
  }

  /** The error as anything could print it: message, stack, cause, and every own property. */
  const errorText = (error: unknown) =>
    error instanceof Error ? [error.message, error.stack, JSON.stringify(error), String(error.cause), JSON.stringify(Object.getOwnPropertyDescriptors(error))].join('\n') : JSON.stringify(error);

  afterEach(() => vi.restoreAllMocks());

  it('rotates in order ListStreamKeys → DeleteStreamKey → CreateStreamKey and returns ARNs only', async () => {
    ivs.on(ListStreamKeysCommand).resolves({ streamKeys: [{ arn: oldKeyArn, channelArn }] });
    ivs.on(DeleteStreamKeyCommand).resolves({});
    ivs.on(CreateStreamKeyCommand).resolves({ streamKey: { arn: newKeyArn, channelArn, value: SECRET, tags: {} } });

    const { output, outcome } = await captureOutput(() => adapter().rotateStreamKey(channelArn));

    expect(ivs.calls().map((call) => call.args[0].constructor.name)).toEqual(['ListStreamKeysCommand', 'DeleteStreamKeyCommand', 'CreateStreamKeyCommand']);
    expect(ivs).toHaveReceivedCommandWith(ListStreamKeysCommand, { channelArn });
    expect(ivs).toHaveReceivedCommandWith(DeleteStreamKeyCommand, { arn: oldKeyArn });
    expect(ivs).toHaveReceivedCommandWith(CreateStreamKeyCommand, { channelArn });
    expect(outcome).toStrictEqual({ deletedKeyArns: [oldKeyArn], newKeyArn });
    expect(output).toContain(newKeyArn); // the capture works: the rotation is logged
    expect(output).not.toContain(SECRET);
    expect(JSON.stringify(outcome)).not.toContain(SECRET);
  });

  it('keeps the new key value out of errors and logs when rotation fails after the key was created', async () => {
    ivs.on(ListStreamKeysCommand).resolves({ streamKeys: [] });
    // A response with a value but no ARN: the adapter cannot report it and must fail without echoing it.
    ivs.on(CreateStreamKeyCommand).resolves({ streamKey: { channelArn, value: SECRET } });

    const { output, outcome } = await captureOutput(() => adapter().rotateStreamKey(channelArn));

    expect(outcome).toBeInstanceOf(GuardError);
    expect(errorText(outcome)).not.toContain(SECRET);
    expect(output).not.toContain(SECRET);
  });

  it('keeps a secret-bearing SDK failure out of the thrown error', async () => {
    ivs.on(ListStreamKeysCommand).resolves({ streamKeys: [] });
    // What the SDK throws when it cannot parse a body: the message and $responseBodyText carry the body.
    const parseFailure = Object.assign(new SyntaxError(`Unexpected token in JSON: {"streamKey":{"value":"${SECRET}"`), { $responseBodyText: `{"streamKey":{"value":"${SECRET}"` });
    ivs.on(CreateStreamKeyCommand).rejects(parseFailure);

    const { output, outcome } = await captureOutput(() => adapter().rotateStreamKey(channelArn));

    expect(outcome).toMatchObject({ name: 'GuardError', errorClass: 'transient', code: 'SyntaxError' });
    expect(errorText(outcome)).not.toContain(SECRET);
    expect(output).not.toContain(SECRET);
  });

  it('reads every page of ListStreamKeys and treats a key already gone as deleted', async () => {
    const second = 'arn:aws:ivs:us-west-2:123456789012:stream-key/second';
    ivs.on(ListStreamKeysCommand).resolvesOnce({ streamKeys: [{ arn: oldKeyArn }], nextToken: 'page2' }).resolvesOnce({ streamKeys: [{ arn: second }] });
    ivs.on(DeleteStreamKeyCommand, { arn: oldKeyArn }).rejects(new ResourceNotFoundException({ message: 'gone', ...meta }));
    ivs.on(DeleteStreamKeyCommand, { arn: second }).resolves({});

    await expect(adapter().deleteStreamKey(channelArn)).resolves.toEqual({ deletedKeyArns: [oldKeyArn, second] });
    expect(ivs).toHaveReceivedNthCommandWith(ListStreamKeysCommand, 2, { channelArn, nextToken: 'page2' });
    expect(ivs).toHaveReceivedCommandTimes(DeleteStreamKeyCommand, 2);
    expect(ivs).toHaveReceivedCommandTimes(CreateStreamKeyCommand, 0);
  });
});
