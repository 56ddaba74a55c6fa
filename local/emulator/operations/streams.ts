/**
 * Streams and their sessions: GetStreamSession, ListStreamSessions, GetStream, ListStreams,
 * StopStream, PutMetadata.
 */
import { IVS_LIMITS } from '../../../domain/limits.ts';
import { ApiError, invalid, notBroadcasting, notFound } from '../errors.ts';
import type { ChannelState, StreamSession } from '../types.ts';
import type { EmulatorWorld } from '../world.ts';
import { closeSession, latestSession } from '../world.ts';
import { paginate } from './pagination.ts';
import type { OperationHandler } from './types.ts';

// Type aliases, not interfaces: a checked request body (Record<string, unknown>) casts to them.
type ChannelInput = { channelArn: string };
type PageInput = { maxResults?: number; nextToken?: string };

/** The channel, or ResourceNotFoundException as every channel-scoped operation answers. */
export function channelOrThrow(world: EmulatorWorld, arn: string): ChannelState {
  const state = world.channels.get(arn);
  if (!state) throw notFound('Channel', arn);
  return state;
}

function liveOrThrow(state: ChannelState): NonNullable<ChannelState['live']> {
  if (!state.live) throw notBroadcasting(state.channel.arn);
  return state.live;
}

const getStreamSession: OperationHandler = (world, input) => {
  const { channelArn, streamId } = input as ChannelInput & { streamId?: string };
  const state = channelOrThrow(world, channelArn);
  const session = streamId ? state.sessions.find((s) => s.streamId === streamId) : latestSession(state);
  if (!session) throw new ApiError('ResourceNotFoundException', streamId ? `Stream session not found: ${streamId}` : `Channel ${channelArn} has no stream session`);
  return { streamSession: session };
};

/** A session "encountered a quota breach or failure". */
function hasErrorEvent(session: StreamSession): boolean {
  return session.truncatedEvents.some((e) => e.type === 'IVS Limit Breach' || (e.name ?? '').endsWith('Failure'));
}

const listStreamSessions: OperationHandler = (world, input) => {
  const { channelArn, ...page } = input as ChannelInput & PageInput;
  const sessions = [...channelOrThrow(world, channelArn).sessions].reverse();
  const { items, nextToken } = paginate(sessions, page, 100);
  const streamSessions = items.map((s) => ({
    streamId: s.streamId,
    startTime: s.startTime,
    ...(s.endTime ? { endTime: s.endTime } : {}),
    hasErrorEvent: hasErrorEvent(s),
  }));
  return { streamSessions, ...(nextToken ? { nextToken } : {}) };
};

const getStream: OperationHandler = (world, input) => {
  const { channelArn } = input as ChannelInput;
  const state = channelOrThrow(world, channelArn);
  const live = liveOrThrow(state);
  return { stream: { channelArn, streamId: live.streamId, playbackUrl: state.channel.playbackUrl, startTime: live.startTime, state: 'LIVE', health: live.health, viewerCount: live.viewerCount } };
};

const listStreams: OperationHandler = (world, input) => {
  const { filterBy, ...page } = input as PageInput & { filterBy?: { health?: string } };
  const live = [...world.channels.values()].flatMap((state) => (state.live ? [{ channelArn: state.channel.arn, ...state.live }] : []));
  const wanted = live.filter((s) => !filterBy?.health || s.health === filterBy.health);
  const { items, nextToken } = paginate(wanted, page, 100);
  const streams = items.map((s) => ({ channelArn: s.channelArn, streamId: s.streamId, state: 'LIVE', health: s.health, viewerCount: s.viewerCount, startTime: s.startTime }));
  return { streams, ...(nextToken ? { nextToken } : {}) };
};

const stopStream: OperationHandler = (world, input) => {
  const { channelArn } = input as ChannelInput;
  const state = channelOrThrow(world, channelArn);
  const live = liveOrThrow(state);
  const session = state.sessions.find((s) => s.streamId === live.streamId);
  if (session) closeSession(state, session, world.now());
  delete state.live;
  world.recordAction('StopStream', channelArn, { streamId: live.streamId });
  return {};
};

const putMetadata: OperationHandler = (world, input) => {
  const { channelArn, metadata } = input as ChannelInput & { metadata: string };
  // The model sets no maximum; the documentation does: 1 KB a request.
  const bytes = Buffer.byteLength(metadata, 'utf8');
  if (bytes > IVS_LIMITS.metadataMaxBytes) throw invalid(`Metadata is ${bytes} bytes; at most ${IVS_LIMITS.metadataMaxBytes} are allowed`);
  const live = liveOrThrow(channelOrThrow(world, channelArn));
  world.metadata.push({ channelArn, streamId: live.streamId, metadata, time: world.now() });
  world.recordAction('PutMetadata', channelArn, { streamId: live.streamId });
  return undefined;
};

export const STREAM_OPERATIONS: Record<string, OperationHandler> = {
  GetStreamSession: getStreamSession,
  ListStreamSessions: listStreamSessions,
  GetStream: getStream,
  ListStreams: listStreams,
  StopStream: stopStream,
  PutMetadata: putMetadata,
};
