/**
 * Contracts of the IVS low-latency events about a channel: stream state, stream health, limit breaches and
 * recording state. Each schema parses the raw event and transforms it into the typed event, whose type is the
 * schema's output: the event is written once. The channel ARN is only in `resources[0]`; `channel_name` can be
 * empty; numbers in limit breaches can arrive as strings.
 */
import { z } from 'zod';
import { withDefined } from '../defined.ts';
import { eventBase, eventBridgeEnvelopeSchema } from './envelope.ts';
import type { ParsedEvent } from './envelope.ts';
import { eventName, ivsSource, looseNumber, nameNotes, optionalText, resourceRequiredReason, resourcesWith, streamId, text, typeError } from './fields.ts';
import { DETAIL_TYPES, LIMIT_NAMES, RECORDING_STATUSES, STREAM_HEALTH_NAMES, STREAM_LIMIT_NAMES, STREAM_STATE_NAMES } from './names.ts';

export const streamStateDetailSchema = z.looseObject({
  event_name: eventName(STREAM_STATE_NAMES),
  channel_name: optionalText(),
  stream_id: streamId(),
  /** Takeover and multitrack codes (StreamEvent `code`). */
  code: optionalText(),
  /** Stream Failure, e.g. "Transcode capacity exceeded. Please try again." */
  reason: optionalText(),
});

export const streamStateEventSchema = eventBridgeEnvelopeSchema
  .extend({
    'detail-type': z.literal(DETAIL_TYPES.streamState),
    source: ivsSource(),
    resources: resourcesWith('channel', { required: true }),
    detail: streamStateDetailSchema,
  })
  .transform((parsed) => {
    const { detail } = parsed;
    return {
      ...eventBase(parsed, DETAIL_TYPES.streamState, detail.event_name, nameNotes(DETAIL_TYPES.streamState, 'event_name', detail.event_name, STREAM_STATE_NAMES)),
      kind: 'stream-state' as const,
      channelArn: parsed.resources[0] ?? '',
      channelName: detail.channel_name ?? '',
      streamId: detail.stream_id,
      ...withDefined({ code: detail.code, reason: detail.reason }),
    };
  });
export type StreamStateEvent = ParsedEvent<typeof streamStateEventSchema>;

export const streamHealthDetailSchema = z.looseObject({
  event_name: eventName(STREAM_HEALTH_NAMES),
  channel_name: optionalText(),
  stream_id: streamId(),
});

export const streamHealthEventSchema = eventBridgeEnvelopeSchema
  .extend({
    'detail-type': z.literal(DETAIL_TYPES.streamHealth),
    source: ivsSource(),
    resources: resourcesWith('channel', { required: true }),
    detail: streamHealthDetailSchema,
  })
  .transform((parsed) => {
    const { detail } = parsed;
    return {
      ...eventBase(parsed, DETAIL_TYPES.streamHealth, detail.event_name, nameNotes(DETAIL_TYPES.streamHealth, 'event_name', detail.event_name, STREAM_HEALTH_NAMES)),
      kind: 'stream-health' as const,
      channelArn: parsed.resources[0] ?? '',
      channelName: detail.channel_name ?? '',
      streamId: detail.stream_id,
    };
  });
export type StreamHealthEvent = ParsedEvent<typeof streamHealthEventSchema>;

/** `limit_name` as the IVS user guide writes it, or `limit` as the schema registry does: either is accepted. */
export const limitBreachDetailSchema = z
  .looseObject({
    limit_name: eventName(LIMIT_NAMES).optional(),
    limit: eventName(LIMIT_NAMES).optional(),
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
    if (name !== undefined && STREAM_LIMIT_NAMES.includes(name) && event.resources.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['resources', 0], message: `${resourceRequiredReason('channel')} (an ${name} breach is about one channel)` });
    }
  })
  .transform((parsed) => {
    const { detail } = parsed;
    // The detail's refinement guarantees one of the two names.
    const field = detail.limit_name === undefined ? 'limit' : 'limit_name';
    const name = detail.limit_name ?? detail.limit ?? '';
    return {
      ...eventBase(parsed, DETAIL_TYPES.limitBreach, name, nameNotes(DETAIL_TYPES.limitBreach, field, name, LIMIT_NAMES)),
      kind: 'limit-breach' as const,
      // All absent for account-wide limits (`resources: []`).
      ...withDefined({
        channelArn: parsed.resources[0],
        channelName: detail.channel_name,
        streamId: detail.stream_id,
        limitValue: detail.limit_value,
        exceededBy: detail.exceeded_by,
        limitUnit: detail.limit_unit,
      }),
    };
  });
export type LimitBreachEvent = ParsedEvent<typeof limitBreachEventSchema>;

export const recordingStateDetailSchema = z.looseObject({
  recording_status: eventName(RECORDING_STATUSES),
  channel_name: optionalText(),
  stream_id: streamId(),
  recording_status_reason: optionalText(),
  recording_s3_bucket_name: optionalText(),
  recording_s3_key_prefix: optionalText(),
  recording_duration_ms: looseNumber().nullish(),
  recording_session_id: optionalText(),
  /** Recording End of a merged recording: the streams it holds. */
  recording_session_stream_ids: z.array(text(), { error: typeError('an array of stream ids') }).nullish(),
});

export const recordingStateEventSchema = eventBridgeEnvelopeSchema
  .extend({
    'detail-type': z.literal(DETAIL_TYPES.recordingState),
    source: ivsSource(),
    resources: resourcesWith('channel', { required: true }),
    detail: recordingStateDetailSchema,
  })
  .transform((parsed) => {
    const { detail } = parsed;
    return {
      ...eventBase(parsed, DETAIL_TYPES.recordingState, detail.recording_status, nameNotes(DETAIL_TYPES.recordingState, 'recording_status', detail.recording_status, RECORDING_STATUSES)),
      kind: 'recording-state' as const,
      channelArn: parsed.resources[0] ?? '',
      channelName: detail.channel_name ?? '',
      streamId: detail.stream_id,
      ...withDefined({
        // `recording_status_reason` is "" when there is nothing to say.
        reason: detail.recording_status_reason || undefined,
        recordingSessionId: detail.recording_session_id,
        recordingS3BucketName: detail.recording_s3_bucket_name,
        recordingS3KeyPrefix: detail.recording_s3_key_prefix,
        recordingDurationMs: detail.recording_duration_ms,
        recordingSessionStreamIds: detail.recording_session_stream_ids,
      }),
    };
  });
export type RecordingStateEvent = ParsedEvent<typeof recordingStateEventSchema>;
