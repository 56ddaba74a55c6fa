/**
 * `IvsPort` over the AWS SDK IVS client. Every failure is a `GuardError` (see `aws-errors.ts`).
 */
import {
  GetStreamSessionCommand,
  ListTagsForResourceCommand,
  PutMetadataCommand,
  StopStreamCommand,
  type IvsClient,
  type StreamSession as SdkStreamSession,
} from '@aws-sdk/client-ivs';
import { finalError } from '../domain/errors.ts';
import { IVS_LIMITS } from '../domain/limits.ts';
import type { IvsPort } from '../domain/ports.ts';
import type { StreamSession } from '../domain/session.ts';
import { errorCodeOf, guarded, noteUnanswered, toGuardError } from './aws-errors.ts';
import { resolveRetryOptions, type RetryOptions } from './backoff.ts';
import { isoDates } from './iso-dates.ts';
import { revokeViewerSessions } from './ivs-revocation.ts';
import { deleteStreamKeys, rotateStreamKey } from './ivs-stream-keys.ts';
import { logger } from './observability.ts';

/**
 * The domain's view of a GetStreamSession answer: dates as ISO strings, `channel.tags` kept, and the
 * channel's SRT passphrase (a secret, `sensitive` in the API model) dropped.
 */
export function toStreamSession(session: SdkStreamSession): StreamSession {
  const { channel, ...rest } = isoDates(session);
  if (channel === undefined) return rest;
  const { srt, ...channelRest } = channel;
  const safeSrt = srt?.endpoint === undefined ? undefined : { endpoint: srt.endpoint };
  return { ...rest, channel: safeSrt === undefined ? channelRest : { ...channelRest, srt: safeSrt } };
}

async function getStreamSession(client: IvsClient, channelArn: string, streamId?: string): Promise<StreamSession | undefined> {
  try {
    const { streamSession } = await client.send(new GetStreamSessionCommand(streamId === undefined ? { channelArn } : { channelArn, streamId }));
    return streamSession === undefined ? undefined : toStreamSession(streamSession);
  } catch (error) {
    if (errorCodeOf(error) === 'ResourceNotFoundException') return undefined;
    throw toGuardError(error, 'IVS GetStreamSession');
  }
}

async function stopStream(client: IvsClient, channelArn: string): Promise<'stopped' | 'not-broadcasting'> {
  const command = new StopStreamCommand({ channelArn });
  const attempts = noteUnanswered(command);
  try {
    await client.send(command);
    logger.info('Stream stopped', { channelArn });
    return 'stopped';
  } catch (error) {
    if (errorCodeOf(error) !== 'ChannelNotBroadcasting') throw toGuardError(error, 'IVS StopStream');
    // An attempt that got no answer may have stopped it, and the SDK's retry met the channel off the air: it was this call.
    if (attempts.unanswered) {
      logger.warn('StopStream got no answer, and its retry found the channel off the air: the first attempt stopped it', { channelArn });
      return 'stopped';
    }
    // The goal, the channel off the air, is already met.
    return 'not-broadcasting';
  }
}

/** The name of the error that stops the SDK from re-sending a PutMetadata whose answer was lost. */
const NOT_RESENT = 'PutMetadataNotResent';

/**
 * PutMetadata at most once: an attempt that got no answer may have been inserted, so the SDK's retry of it is
 * stopped (a middleware after the retry step, per attempt) and the call resolves `'unconfirmed'`. An attempt the
 * service answered with an error (throttled, 5xx) was not inserted and is retried as usual.
 */
async function putMetadata(client: IvsClient, channelArn: string, text: string): Promise<void | 'unconfirmed'> {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes === 0 || bytes > IVS_LIMITS.metadataMaxBytes) {
    throw finalError(`PutMetadata payload is ${bytes} bytes (UTF-8); it must be 1 to ${IVS_LIMITS.metadataMaxBytes} bytes`, 'MetadataSizeInvalid');
  }
  const command = new PutMetadataCommand({ channelArn, metadata: text });
  let unanswered = false;
  command.middlewareStack.add(
    (next) => async (args) => {
      if (unanswered) throw Object.assign(new Error('PutMetadata is not sent again: the previous attempt got no answer'), { name: NOT_RESENT });
      try {
        return await next(args);
      } catch (error) {
        if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === undefined) unanswered = true;
        throw error;
      }
    },
    { step: 'deserialize', name: 'ivsGuardPutMetadataAtMostOnce' },
  );
  try {
    await client.send(command);
  } catch (error) {
    if (unanswered) {
      logger.warn('PutMetadata got no answer: it may have been inserted, and is not sent again (at most once)', { channelArn, bytes });
      return 'unconfirmed';
    }
    throw toGuardError(error, 'IVS PutMetadata');
  }
  logger.info('Metadata put', { channelArn, bytes });
}

/** Options of the IVS adapter. */
export interface IvsAdapterOptions {
  /** Retries of per-pair revocation failures (the SDK retries whole calls itself). */
  retry?: RetryOptions;
}

/** The IVS adapter. */
export function ivsAdapter(client: IvsClient, options: IvsAdapterOptions = {}): IvsPort {
  const retryOptions = resolveRetryOptions(options.retry);
  return {
    getStreamSession: (channelArn, streamId) => getStreamSession(client, channelArn, streamId),
    getChannelTags: async (channelArn) => {
      const { tags } = await guarded('IVS ListTagsForResource', () => client.send(new ListTagsForResourceCommand({ resourceArn: channelArn })));
      return tags ?? {};
    },
    stopStream: (channelArn) => stopStream(client, channelArn),
    rotateStreamKey: (channelArn, rotate) => rotateStreamKey(client, channelArn, rotate),
    deleteStreamKey: (channelArn) => deleteStreamKeys(client, channelArn),
    putMetadata: (channelArn, text) => putMetadata(client, channelArn, text),
    revokeViewerSessions: (pairs) => revokeViewerSessions(client, pairs, retryOptions),
  };
}
