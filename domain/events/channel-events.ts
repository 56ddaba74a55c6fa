/**
 * Contracts of the IVS low-latency events about a channel: stream state, stream health, limit
 * breaches and recording state. The channel ARN is only in `resources[0]`; `channel_name` can be
 * empty; numbers in limit breaches can arrive as strings.
 */
import { z } from 'zod';
import { eventBase, eventBridgeEnvelopeSchema } from './envelope.ts';
import { eventNameEnum, ivsSource, looseNumber, optionalText, resourceRequiredReason, resourcesWith, streamId, text } from './fields.ts';
import { present } from './present.ts';
import { DETAIL_TYPES, LIMIT_NAMES, RECORDING_STATUSES, STREAM_HEALTH_NAMES, STREAM_STATE_NAMES } from './types.ts';
import type { LimitBreachEvent, RecordingStateEvent, StreamHealthEvent, StreamStateEvent } from './types.ts';

export const streamStateDetailSchema = z.looseObject({
  event_name: eventNameEnum(STREAM_STATE_NAMES, 'event_name', DETAIL_TYPES.streamState),
  channel_name: optionalText(),
  stream_id: streamId(),
  code: optionalText(),
  reason: optionalText(),
});

export const streamStateEventSchema = eventBridgeEnvelopeSchema.extend({
  'detail-type': z.literal(DETAIL_TYPES.streamState),
  source: ivsSource(),
  resources: resourcesWith('channel', { required: true }),
  detail: streamStateDetailSchema,
});

export function toStreamStateEvent(parsed: z.output<typeof streamStateEventSchema>, raw: Record<string, unknown>): StreamStateEvent {
  const { detail } = parsed;
  return {
    ...eventBase(parsed, DETAIL_TYPES.streamState, detail.event_name, raw),
    kind: 'stream-state',
    channelArn: parsed.resources[0] ?? '',
    channelName: detail.channel_name ?? '',
    streamId: detail.stream_id,
    ...present('code', detail.code),
    ...present('reason', detail.reason),
  };
}

export const streamHealthDetailSchema = z.looseObject({
  event_name: eventNameEnum(STREAM_HEALTH_NAMES, 'event_name', DETAIL_TYPES.streamHealth),
  channel_name: optionalText(),
  stream_id: streamId(),
});

export const streamHealthEventSchema = eventBridgeEnvelopeSchema.extend({
  'detail-type': z.literal(DETAIL_TYPES.streamHealth),
  source: ivsSource(),
  resources: resourcesWith('channel', { required: true }),
  detail: streamHealthDetailSchema,
});

export function toStreamHealthEvent(parsed: z.output<typeof streamHealthEventSchema>, raw: Record<string, unknown>): StreamHealthEvent {
  const { detail } = parsed;
  return {
    ...eventBase(parsed, DETAIL_TYPES.streamHealth, detail.event_name, raw),
    kind: 'stream-health',
    channelArn: parsed.resources[0] ?? '',
    channelName: detail.channel_name ?? '',
    streamId: detail.stream_id,
  };
}

/** Limits about one stream: IVS names its channel. The others are account-wide (`resources: []`). */
const STREAM_LIMITS: readonly string[] = ['Ingest Bitrate', 'Ingest Resolution'];

const limitNameEnum = (field: 'limit_name' | 'limit') => eventNameEnum(LIMIT_NAMES, field, DETAIL_TYPES.limitBreach);

/** `limit_name` as the IVS user guide writes it, or `limit` as the schema registry does: either is accepted. */
export const limitBreachDetailSchema = z
  .looseObject({
    limit_name: limitNameEnum('limit_name').optional(),
    limit: limitNameEnum('limit').optional(),
    limit_value: looseNumber().nullish(),
    exceeded_by: looseNumber().nullish(),
    limit_unit: optionalText(),
    channel_name: optionalText(),
    stream_id: streamId().nullish(),
  })
  .superRefine((detail, ctx) => {
    if (detail.limit_name === undefined && detail.limit === undefined) {
      ctx.addIssue({ code: 'custom', path: ['limit_name'], message: `is required (IVS also sends it as 'limit'); expected one of ${LIMIT_NAMES.map((name) => `'${name}'`).join(', ')}` });
    }
  });

export const limitBreachEventSchema = eventBridgeEnvelopeSchema
  .extend({
    'detail-type': z.literal(DETAIL_TYPES.limitBreach),
    source: ivsSource(),
    resources: resourcesWith('channel', { required: false }),
    detail: limitBreachDetailSchema,
  })
  .superRefine((event, ctx) => {
    const name = event.detail.limit_name ?? event.detail.limit;
    if (name !== undefined && STREAM_LIMITS.includes(name) && event.resources.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['resources', 0], message: `${resourceRequiredReason('channel')} (an ${name} breach is about one channel)` });
    }
  });

export function toLimitBreachEvent(parsed: z.output<typeof limitBreachEventSchema>, raw: Record<string, unknown>): LimitBreachEvent {
  const { detail } = parsed;
  // The schema guarantees one of the two names.
  const name = detail.limit_name ?? detail.limit ?? '';
  return {
    ...eventBase(parsed, DETAIL_TYPES.limitBreach, name, raw),
    kind: 'limit-breach',
    ...present('channelArn', parsed.resources[0]),
    ...present('channelName', detail.channel_name),
    ...present('streamId', detail.stream_id),
    ...present('limitValue', detail.limit_value),
    ...present('exceededBy', detail.exceeded_by),
    ...present('limitUnit', detail.limit_unit),
  };
}

export const recordingStateDetailSchema = z.looseObject({
  recording_status: eventNameEnum(RECORDING_STATUSES, 'recording_status', DETAIL_TYPES.recordingState),
  channel_name: optionalText(),
  stream_id: streamId(),
  recording_status_reason: optionalText(),
  recording_s3_bucket_name: optionalText(),
  recording_s3_key_prefix: optionalText(),
  recording_duration_ms: looseNumber().nullish(),
  recording_session_id: optionalText(),
  recording_session_stream_ids: z.array(text()).nullish(),
});

export const recordingStateEventSchema = eventBridgeEnvelopeSchema.extend({
  'detail-type': z.literal(DETAIL_TYPES.recordingState),
  source: ivsSource(),
  resources: resourcesWith('channel', { required: true }),
  detail: recordingStateDetailSchema,
});

export function toRecordingStateEvent(parsed: z.output<typeof recordingStateEventSchema>, raw: Record<string, unknown>): RecordingStateEvent {
  const { detail } = parsed;
  return {
    ...eventBase(parsed, DETAIL_TYPES.recordingState, detail.recording_status, raw),
    kind: 'recording-state',
    channelArn: parsed.resources[0] ?? '',
    channelName: detail.channel_name ?? '',
    streamId: detail.stream_id,
    // `recording_status_reason` is "" when there is nothing to say.
    ...present('reason', detail.recording_status_reason || undefined),
    ...present('recordingSessionId', detail.recording_session_id),
    ...present('recordingS3BucketName', detail.recording_s3_bucket_name),
    ...present('recordingS3KeyPrefix', detail.recording_s3_key_prefix),
    ...present('recordingDurationMs', detail.recording_duration_ms),
  };
}
