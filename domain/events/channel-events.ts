/**
 * Contracts of the IVS low-latency events about a channel: stream state, stream health, limit breaches and
 * recording state. Each schema parses the raw event and transforms it into the typed event, whose type is the
 * schema's output: the event is written once. The channel ARN is only in `resources[0]`; `channel_name` can be
 * empty; numbers in limit breaches can arrive as strings.
 */
import * as z from 'zod/mini';
import { transformed } from '../zod.ts';
import { withDefined } from '../defined.ts';
import { ivsEventEnvelope, namedEventBase } from './envelope.ts';
import type { ParsedEvent } from './envelope.ts';
import { eitherName, eventName, looseNumber, optionalText, resourceRequiredReason, resourcesWith, streamId, text, typeError } from './fields.ts';
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

export const streamStateEventSchema = transformed(ivsEventEnvelope(DETAIL_TYPES.streamState, resourcesWith('channel', { required: true }), streamStateDetailSchema), (parsed) => {
  const { detail } = parsed;
  return {
    ...namedEventBase(parsed, DETAIL_TYPES.streamState, 'event_name', detail.event_name, STREAM_STATE_NAMES),
    kind: 'stream-state' as const,
    channelArn: parsed.resources[0] ?? '',
    channelName: detail.channel_name ?? '',
    streamId: detail.stream_id,
    ...withDefined({ code: detail.code, reason: detail.reason }),
  };
});
/** An `IVS Stream State Change`: a session or stream of a channel began, ended, failed or was taken over. */
export type StreamStateEvent = ParsedEvent<typeof streamStateEventSchema>;

export const streamHealthDetailSchema = z.looseObject({
  event_name: eventName(STREAM_HEALTH_NAMES),
  channel_name: optionalText(),
  stream_id: streamId(),
});

export const streamHealthEventSchema = transformed(ivsEventEnvelope(DETAIL_TYPES.streamHealth, resourcesWith('channel', { required: true }), streamHealthDetailSchema), (parsed) => {
  const { detail } = parsed;
  return {
    ...namedEventBase(parsed, DETAIL_TYPES.streamHealth, 'event_name', detail.event_name, STREAM_HEALTH_NAMES),
    kind: 'stream-health' as const,
    channelArn: parsed.resources[0] ?? '',
    channelName: detail.channel_name ?? '',
    streamId: detail.stream_id,
  };
});
/** An `IVS Stream Health Change`: a stream started or stopped starving. */
export type StreamHealthEvent = ParsedEvent<typeof streamHealthEventSchema>;

/** `limit_name` as the IVS user guide writes it, or `limit` as the schema registry does: either is accepted. */
const limitName = eitherName('limit_name', 'limit', LIMIT_NAMES, "IVS also sends it as 'limit'");

export const limitBreachDetailSchema = z.looseObject({
    limit_name: z.optional(eventName(LIMIT_NAMES)),
    limit: z.optional(eventName(LIMIT_NAMES)),
    limit_value: z.nullish(looseNumber()),
    exceeded_by: z.nullish(looseNumber()),
    limit_unit: optionalText(),
    channel_name: optionalText(),
    stream_id: z.nullish(streamId()),
  }).check(z.superRefine(limitName.required));

const limitBreachEnvelopeSchema = ivsEventEnvelope(DETAIL_TYPES.limitBreach, resourcesWith('channel', { required: false }), limitBreachDetailSchema).check(
  z.superRefine((event, ctx) => {
    const name = event.detail.limit_name ?? event.detail.limit;
    if (name !== undefined && STREAM_LIMIT_NAMES.includes(name) && event.resources.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['resources', 0], message: `${resourceRequiredReason('channel')} (an ${name} breach is about one channel)` });
    }
  }),
);

export const limitBreachEventSchema = transformed(limitBreachEnvelopeSchema, (parsed) => {
  const { detail } = parsed;
  const { field, name } = limitName.of(detail);
  return {
    ...namedEventBase(parsed, DETAIL_TYPES.limitBreach, field, name, LIMIT_NAMES),
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
/** An `IVS Limit Breach`: about one channel (ingest) or the account (concurrency). */
export type LimitBreachEvent = ParsedEvent<typeof limitBreachEventSchema>;

export const recordingStateDetailSchema = z.looseObject({
  recording_status: eventName(RECORDING_STATUSES),
  channel_name: optionalText(),
  stream_id: streamId(),
  recording_status_reason: optionalText(),
  recording_s3_bucket_name: optionalText(),
  recording_s3_key_prefix: optionalText(),
  recording_duration_ms: z.nullish(looseNumber()),
  recording_session_id: optionalText(),
  /** Recording End of a merged recording: the streams it holds. */
  recording_session_stream_ids: z.nullish(z.array(text(), { error: typeError('an array of stream ids') })),
});

export const recordingStateEventSchema = transformed(ivsEventEnvelope(DETAIL_TYPES.recordingState, resourcesWith('channel', { required: true }), recordingStateDetailSchema), (parsed) => {
  const { detail } = parsed;
  return {
    ...namedEventBase(parsed, DETAIL_TYPES.recordingState, 'recording_status', detail.recording_status, RECORDING_STATUSES),
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
/** An `IVS Recording State Change` of a channel's auto-record to S3. */
export type RecordingStateEvent = ParsedEvent<typeof recordingStateEventSchema>;
