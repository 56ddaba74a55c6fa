/**
 * The world follows the events (DESIGN §4): each IVS EventBridge event changes the world the way IVS
 * had changed itself when it sent it, so GetStreamSession answers what the service would have
 * answered at that moment. Deterministic: the event's `time` is the clock, nothing is random, and a
 * duplicate delivery (same event id, or the same event again) changes nothing. Stream events apply
 * in their own time order per channel, whatever order they arrive in (timeline.ts): a late event
 * changes only the past. Stage events: apply-stage-event.ts.
 */
import { IVS_LIMITS } from '../../domain/limits.ts';
import { parseArn } from './arn.ts';
import { applyStageEvent } from './apply-stage-event.ts';
import { defaultChannel } from './defaults.ts';
import type { ChannelState } from './types.ts';
import { isRecord } from './validate.ts';
import type { EmulatorWorld } from './world.ts';
import { addStreamEvent, openSession, toIso } from './world.ts';

export type ApplyResult = { applied: true; change: string } | { applied: false; reason: string };

const STREAM_DETAIL_TYPES = new Set(['IVS Stream State Change', 'IVS Stream Health Change', 'IVS Limit Breach', 'IVS Recording State Change']);
const STAGE_DETAIL_TYPES = new Set(['IVS Stage Update', 'IVS Participant Recording State Change']);

/** The model's ChannelName; a name it would refuse (events carry display names) keeps the default. */
const CHANNEL_NAME = new RegExp(`^[a-zA-Z0-9-_]{1,${IVS_LIMITS.channelNameMaxLength}}$`);

/** Updates `world` in place with one raw EventBridge event. Events it does not know are ignored. */
export function applyIvsEvent(world: EmulatorWorld, rawEvent: unknown): ApplyResult {
  if (!isRecord(rawEvent) || !isRecord(rawEvent.detail)) return ignored('not an EventBridge event with a detail');
  const detailType = text(rawEvent['detail-type']);
  const time = text(rawEvent.time);
  if (!time || Number.isNaN(Date.parse(time))) return ignored('no valid time');
  const id = text(rawEvent.id);
  if (id && world.appliedEventIds.has(id)) return ignored(`event ${id} was already applied`);
  const resource = Array.isArray(rawEvent.resources) ? text(rawEvent.resources[0]) : undefined;
  const input = { detail: rawEvent.detail, detailType: detailType ?? '', time: toIso(time), resource: resource ?? '' };
  const result = STREAM_DETAIL_TYPES.has(input.detailType)
    ? applyStreamEvent(world, input)
    : STAGE_DETAIL_TYPES.has(input.detailType)
      ? applyStageEvent(world, input)
      : ignored(`the emulator does not follow '${input.detailType}' events`);
  if (result.applied && id) world.appliedEventIds.add(id);
  return result;
}

interface EventInput {
  detail: Record<string, unknown>;
  detailType: string;
  time: string;
  resource: string;
}

function applyStreamEvent(world: EmulatorWorld, { detail, detailType, time, resource }: EventInput): ApplyResult {
  if (parseArn(resource)?.resourceType !== 'channel') return ignored('no channel ARN in resources[0]');
  const streamId = text(detail.stream_id);
  if (!streamId) return ignored('no detail.stream_id');
  const name = text(detail.event_name) ?? text(detail.recording_status) ?? text(detail.limit_name) ?? text(detail.limit);
  if (!name) return ignored('no event name');

  const channelName = text(detail.channel_name);
  const state = world.ensureChannel(resource);
  if (channelName && CHANNEL_NAME.test(channelName)) nameChannel(state, channelName);
  const session = state.sessions.find((s) => s.streamId === streamId) ?? openSession(state, streamId, time);
  const code = text(detail.code);
  // What the event says about the stream (live, starving, over) follows in time order (timeline.ts).
  addStreamEvent(state, session, { name, type: detailType, eventTime: time, ...(code ? { code } : {}) });
  return { applied: true, change: `${name} on ${streamId}` };
}

/**
 * Names a channel the world knows only by its ARN with the name an event gives it, in the channel and
 * in the copies its sessions keep, so a health event (which carries no name) arriving first makes no
 * difference. A channel that has a name keeps it.
 */
function nameChannel(state: ChannelState, name: string): void {
  const unnamed = defaultChannel(state.channel.arn).name;
  for (const channel of [state.channel, ...state.sessions.map((s) => s.channel)]) if (channel.name === unnamed) channel.name = name;
}

function ignored(reason: string): ApplyResult {
  return { applied: false, reason };
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
