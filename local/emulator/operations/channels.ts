/**
 * Channels: GetChannel, BatchGetChannel, ListChannels.
 */
import { ApiError } from '../errors.ts';
import type { Channel } from '../types.ts';
import { paginate } from './pagination.ts';
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

type ListChannelsInput = {
  filterByName?: string;
  filterByRecordingConfigurationArn?: string;
  filterByPlaybackRestrictionPolicyArn?: string;
  filterByAdConfigurationArn?: string;
  maxResults?: number;
  nextToken?: string;
};

const FILTERS = ['filterByName', 'filterByRecordingConfigurationArn', 'filterByPlaybackRestrictionPolicyArn', 'filterByAdConfigurationArn'] as const;

/** A world file may set the model's `adConfigurationArn`; the emulator's own channels have none. */
function adConfigurationOf(channel: Channel): string {
  const value = (channel as Record<string, unknown>).adConfigurationArn;
  return typeof value === 'string' ? value : '';
}

/** Whether a channel passes the one filter given: a name that contains the filter, or the exact ARN it refers to. */
function passes(channel: Channel, filter: (typeof FILTERS)[number], value: string): boolean {
  if (filter === 'filterByName') return channel.name.includes(value);
  if (filter === 'filterByRecordingConfigurationArn') return channel.recordingConfigurationArn === value;
  if (filter === 'filterByPlaybackRestrictionPolicyArn') return channel.playbackRestrictionPolicyArn === value;
  return adConfigurationOf(channel) === value;
}

/** Channel summaries in ARN order, at most one filter (IVS answers two with ConflictException), 100 a page. */
const listChannels: OperationHandler = (world, input) => {
  const { maxResults, nextToken, ...filters } = input as ListChannelsInput;
  const given = FILTERS.filter((f) => filters[f] !== undefined);
  if (given.length > 1) throw new ApiError('ConflictException', `ListChannels takes one filter at a time (got ${given.join(', ')})`);
  const [filter] = given;
  const channels = [...world.channels.values()]
    .map((state) => state.channel)
    .filter((channel) => filter === undefined || passes(channel, filter, filters[filter] ?? ''))
    .sort((a, b) => a.arn.localeCompare(b.arn));
  const page = paginate(channels, { ...(maxResults ? { maxResults } : {}), ...(nextToken ? { nextToken } : {}) }, 100);
  const summaries = page.items.map((c) => ({
    arn: c.arn,
    name: c.name,
    latencyMode: c.latencyMode,
    authorized: c.authorized,
    recordingConfigurationArn: c.recordingConfigurationArn,
    tags: c.tags,
    insecureIngest: c.insecureIngest,
    type: c.type,
    preset: c.preset,
    playbackRestrictionPolicyArn: c.playbackRestrictionPolicyArn,
    ...(adConfigurationOf(c) ? { adConfigurationArn: adConfigurationOf(c) } : {}),
  }));
  return { channels: summaries, ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
};

export const CHANNEL_OPERATIONS: Record<string, OperationHandler> = {
  GetChannel: getChannel,
  BatchGetChannel: batchGetChannel,
  ListChannels: listChannels,
};
