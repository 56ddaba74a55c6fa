import { beforeEach, describe, expect, it, vi } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { BatchStartViewerSessionRevocationCommand, IvsClient, ThrottlingException, ValidationException } from '@aws-sdk/client-ivs';
import type { ViewerSessionPair } from '../../domain/events/types.ts';
import { ivsAdapter } from '../../adapters/ivs.ts';
import { quietLogger } from '../quiet-logger.ts';

const channelArn = 'arn:aws:ivs:us-west-2:123456789012:channel/abcdEFGH1234';
const otherChannel = 'arn:aws:ivs:us-west-2:123456789012:channel/other5678';
const pair = (i: number, version = 1_700_000_000): ViewerSessionPair => ({ channelArn, viewerId: `viewer-${i}`, viewerSessionVersionsLessThanOrEqualTo: version });
const pairs = (n: number) => Array.from({ length: n }, (_, i) => pair(i));

const ivs = mockClient(IvsClient);
const sleep = vi.fn((_ms: number) => Promise.resolve());
const adapter = (maxRetries = 2) => ivsAdapter(new IvsClient({ region: 'us-west-2' }), { retry: { maxRetries, sleep } });
const sentBatches = () => ivs.commandCalls(BatchStartViewerSessionRevocationCommand).map((call) => call.args[0].input.viewerSessions ?? []);

quietLogger();
beforeEach(() => {
  ivs.reset();
  sleep.mockClear();
});

describe('revokeViewerSessions', () => {
  it('packs 45 pairs into 3 calls of 20, 20 and 5, in order', async () => {
    ivs.on(BatchStartViewerSessionRevocationCommand).resolves({ errors: [] });
    const all = pairs(45);

    const result = await adapter().revokeViewerSessions(all);

    expect(ivs).toHaveReceivedCommandTimes(BatchStartViewerSessionRevocationCommand, 3);
    expect(ivs).toHaveReceivedNthCommandWith(BatchStartViewerSessionRevocationCommand, 1, { viewerSessions: all.slice(0, 20) });
    expect(ivs).toHaveReceivedNthCommandWith(BatchStartViewerSessionRevocationCommand, 2, { viewerSessions: all.slice(20, 40) });
    expect(ivs).toHaveReceivedNthCommandWith(BatchStartViewerSessionRevocationCommand, 3, { viewerSessions: all.slice(40, 45) });
    expect(result).toEqual({ revoked: 45, failed: [] });
  });

  it('spaces calls to stay within the 2 TPS quota', async () => {
    ivs.on(BatchStartViewerSessionRevocationCommand).resolves({});
    await adapter().revokeViewerSessions(pairs(45));
    expect(sleep.mock.calls).toEqual([[500], [500]]);
  });

  it('sends nothing for no pairs', async () => {
    await expect(adapter().revokeViewerSessions([])).resolves.toEqual({ revoked: 0, failed: [] });
    expect(ivs).toHaveReceivedCommandTimes(BatchStartViewerSessionRevocationCommand, 0);
  });

  it('sends identical pairs once, and one pair per viewer with the highest version', async () => {
    ivs.on(BatchStartViewerSessionRevocationCommand).resolves({});
    const result = await adapter().revokeViewerSessions([pair(1, 5), pair(1, 5), pair(2, 3), pair(1, 9), pair(2, 1), { ...pair(2, 7), channelArn: otherChannel }]);

    expect(sentBatches()).toEqual([[pair(1, 9), pair(2, 3), { ...pair(2, 7), channelArn: otherChannel }]]);
    expect(result.revoked).toBe(3);
  });

  it('surfaces per-pair errors pair by pair, and does not retry final ones', async () => {
    ivs.on(BatchStartViewerSessionRevocationCommand).resolves({
      errors: [
        { channelArn, viewerId: 'viewer-3', code: 'ResourceNotFoundException', message: 'channel not found' },
        { channelArn, viewerId: 'viewer-7', code: 'AccessDeniedException', message: 'denied' },
      ],
    });

    const result = await adapter().revokeViewerSessions(pairs(10));

    expect(ivs).toHaveReceivedCommandTimes(BatchStartViewerSessionRevocationCommand, 1);
    expect(result).toEqual({
      revoked: 8,
      failed: [
        { pair: pair(3), code: 'ResourceNotFoundException', message: 'channel not found', retryable: false },
        { pair: pair(7), code: 'AccessDeniedException', message: 'denied', retryable: false },
      ],
    });
  });

  it('retries only the pairs that failed with a retryable code, with backoff, then succeeds', async () => {
    ivs
      .on(BatchStartViewerSessionRevocationCommand)
      .resolvesOnce({ errors: [{ channelArn, viewerId: 'viewer-2', code: 'ThrottlingException', message: 'slow down' }, { channelArn, viewerId: 'viewer-4', code: 'ValidationException', message: 'bad' }] })
      .resolvesOnce({ errors: [] });

    const result = await adapter().revokeViewerSessions(pairs(5));

    expect(sentBatches()).toEqual([pairs(5), [pair(2)]]);
    expect(sleep).toHaveBeenCalledTimes(1);
    expect(result).toEqual({ revoked: 4, failed: [{ pair: pair(4), code: 'ValidationException', message: 'bad', retryable: false }] });
  });

  it.each([['InternalServerException'], ['ThrottlingException'], ['500'], ['429']])('treats a per-pair %s as retryable', async (code) => {
    ivs.on(BatchStartViewerSessionRevocationCommand).resolves({ errors: [{ channelArn, viewerId: 'viewer-0', code, message: 'try later' }] });

    const result = await adapter(2).revokeViewerSessions(pairs(1));

    expect(ivs).toHaveReceivedCommandTimes(BatchStartViewerSessionRevocationCommand, 3); // 1 + 2 retries, bounded
    expect(result).toEqual({ revoked: 0, failed: [{ pair: pair(0), code, message: 'try later', retryable: true }] });
  });

  it('rejects pairs the API would refuse without letting them fail the other 19', async () => {
    ivs.on(BatchStartViewerSessionRevocationCommand).resolves({});
    const tooLong = { ...pair(0), viewerId: 'v'.repeat(41) };
    const millisecondVersion = { ...pair(1), viewerSessionVersionsLessThanOrEqualTo: 1_700_000_000_000 };

    const result = await adapter().revokeViewerSessions([tooLong, millisecondVersion, pair(2)]);

    expect(sentBatches()).toEqual([[pair(2)]]);
    expect(result.revoked).toBe(1);
    expect(result.failed.map((f) => [f.pair.viewerId, f.code, f.retryable])).toEqual([
      [tooLong.viewerId, 'ValidationException', false],
      ['viewer-1', 'ValidationException', false],
    ]);
  });

  it('throws a transient GuardError when the whole call is throttled after the SDK retries', async () => {
    ivs.on(BatchStartViewerSessionRevocationCommand).rejects(new ThrottlingException({ message: 'Rate exceeded', $metadata: { httpStatusCode: 429 } }));
    await expect(adapter().revokeViewerSessions(pairs(3))).rejects.toMatchObject({ name: 'GuardError', errorClass: 'transient', code: 'ThrottlingException' });
  });

  it('throws a final GuardError when the whole call is refused', async () => {
    ivs.on(BatchStartViewerSessionRevocationCommand).rejects(new ValidationException({ message: 'nope', $metadata: { httpStatusCode: 400 } }));
    await expect(adapter().revokeViewerSessions(pairs(3))).rejects.toMatchObject({ errorClass: 'final', code: 'ValidationException' });
  });
});
