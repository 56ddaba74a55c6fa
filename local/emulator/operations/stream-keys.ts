/**
 * Stream keys: ListStreamKeys, GetStreamKey, CreateStreamKey, DeleteStreamKey. A channel has at
 * most one key: rotating one is DeleteStreamKey then CreateStreamKey.
 */
import { defaultStreamKey } from '../defaults.ts';
import { ApiError, notFound } from '../errors.ts';
import { paginate } from './pagination.ts';
import { channelOrThrow } from './streams.ts';
import type { OperationHandler } from './types.ts';

const listStreamKeys: OperationHandler = (world, input) => {
  const { channelArn, ...page } = input as { channelArn: string; maxResults?: number; nextToken?: string };
  const keys = channelOrThrow(world, channelArn).streamKeys;
  const { items, nextToken } = paginate(keys, page, 1);
  return { streamKeys: items.map(({ arn, tags }) => ({ arn, channelArn, tags })), ...(nextToken ? { nextToken } : {}) };
};

const getStreamKey: OperationHandler = (world, input) => {
  const { arn } = input as { arn: string };
  const found = world.findStreamKey(arn);
  if (!found) throw notFound('Stream key', arn);
  return { streamKey: found.key };
};

const createStreamKey: OperationHandler = (world, input) => {
  const { channelArn, tags } = input as { channelArn: string; tags?: Record<string, string> };
  const state = channelOrThrow(world, channelArn);
  if (state.streamKeys.length > 0) {
    throw new ApiError('ServiceQuotaExceededException', `Channel ${channelArn} already has a stream key; IVS allows one per channel`);
  }
  const key = { ...defaultStreamKey(channelArn, world.random), tags: { ...tags } };
  state.streamKeys.push(key);
  world.recordAction('CreateStreamKey', channelArn, { streamKeyArn: key.arn });
  return { streamKey: key };
};

const deleteStreamKey: OperationHandler = (world, input) => {
  const { arn } = input as { arn: string };
  const found = world.findStreamKey(arn);
  if (!found) throw notFound('Stream key', arn);
  found.owner.streamKeys = found.owner.streamKeys.filter((k) => k.arn !== arn);
  world.recordAction('DeleteStreamKey', arn, { channelArn: found.owner.channel.arn });
  return undefined;
};

export const STREAM_KEY_OPERATIONS: Record<string, OperationHandler> = {
  ListStreamKeys: listStreamKeys,
  GetStreamKey: getStreamKey,
  CreateStreamKey: createStreamKey,
  DeleteStreamKey: deleteStreamKey,
};
