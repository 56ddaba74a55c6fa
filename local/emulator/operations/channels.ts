/**
 * Channels and tags: GetChannel, BatchGetChannel, ListTagsForResource (IVS and IVS real-time).
 */
import { notFound } from '../errors.ts';
import { channelOrThrow } from './streams.ts';
import type { OperationHandler } from './types.ts';

const getChannel: OperationHandler = (world, input) => {
  const { arn } = input as { arn: string };
  return { channel: channelOrThrow(world, arn).channel };
};

/** Channels it knows; the others come back in `errors`, as the batch answers them. */
const batchGetChannel: OperationHandler = (world, input) => {
  const { arns } = input as { arns: string[] };
  const unique = [...new Set(arns)];
  const channels = unique.flatMap((arn) => {
    const state = world.channels.get(arn);
    return state ? [state.channel] : [];
  });
  const errors = unique.filter((arn) => !world.channels.has(arn)).map((arn) => ({ arn, code: 'ResourceNotFoundException', message: `Channel not found: ${arn}` }));
  return { channels, errors };
};

const listTagsForResource: OperationHandler = (world, input) => {
  const { resourceArn } = input as { resourceArn: string };
  const tags = world.tagsOf(resourceArn);
  if (!tags) throw notFound('Resource', resourceArn);
  return { tags };
};

export const CHANNEL_OPERATIONS: Record<string, OperationHandler> = {
  GetChannel: getChannel,
  BatchGetChannel: batchGetChannel,
  ListTagsForResource: listTagsForResource,
};
