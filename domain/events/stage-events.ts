/**
 * Contracts of the IVS real-time events: stage updates, individual participant recording and
 * server-side composition. `resources[0]` is the stage ARN, or the composition ARN.
 */
import { z } from 'zod';
import { eventBase, eventBridgeEnvelopeSchema } from './envelope.ts';
import { eventNameEnum, ivsSource, looseNumber, nonEmptyText, optionalText, resourcesWith } from './fields.ts';
import { present } from './present.ts';
import { COMPOSITION_NAMES, DETAIL_TYPES, PARTICIPANT_RECORDING_NAMES, STAGE_UPDATE_NAMES } from './types.ts';
import type { CompositionStateEvent, ParticipantRecordingEvent, StageUpdateEvent } from './types.ts';

/** Stage session ids are `st-…` (16 characters in the API model); held loosely, they are only passed back to IVS. */
const stageSessionId = () => nonEmptyText(128);

export const stageUpdateDetailSchema = z.looseObject({
  event_name: eventNameEnum(STAGE_UPDATE_NAMES, 'event_name', DETAIL_TYPES.stageUpdate),
  session_id: stageSessionId(),
  participant_id: optionalText(),
  user_id: optionalText(),
  event_time: optionalText(),
});

export const stageUpdateEventSchema = eventBridgeEnvelopeSchema.extend({
  'detail-type': z.literal(DETAIL_TYPES.stageUpdate),
  source: ivsSource(),
  resources: resourcesWith('stage', { required: true }),
  detail: stageUpdateDetailSchema,
});

export function toStageUpdateEvent(parsed: z.output<typeof stageUpdateEventSchema>, raw: Record<string, unknown>): StageUpdateEvent {
  const { detail } = parsed;
  return {
    ...eventBase(parsed, DETAIL_TYPES.stageUpdate, detail.event_name, raw),
    kind: 'stage-update',
    stageArn: parsed.resources[0] ?? '',
    sessionId: detail.session_id,
    ...present('participantId', detail.participant_id),
    ...present('userId', detail.user_id),
  };
}

export const participantRecordingDetailSchema = z.looseObject({
  event_name: eventNameEnum(PARTICIPANT_RECORDING_NAMES, 'event_name', DETAIL_TYPES.participantRecording),
  session_id: stageSessionId(),
  participant_id: optionalText(),
  recording_s3_bucket_name: optionalText(),
  recording_s3_key_prefix: optionalText(),
  recording_duration_ms: looseNumber().nullish(),
});

export const participantRecordingEventSchema = eventBridgeEnvelopeSchema.extend({
  'detail-type': z.literal(DETAIL_TYPES.participantRecording),
  source: ivsSource(),
  resources: resourcesWith('stage', { required: true }),
  detail: participantRecordingDetailSchema,
});

export function toParticipantRecordingEvent(parsed: z.output<typeof participantRecordingEventSchema>, raw: Record<string, unknown>): ParticipantRecordingEvent {
  const { detail } = parsed;
  return {
    ...eventBase(parsed, DETAIL_TYPES.participantRecording, detail.event_name, raw),
    kind: 'participant-recording',
    stageArn: parsed.resources[0] ?? '',
    sessionId: detail.session_id,
    ...present('participantId', detail.participant_id),
    ...present('recordingS3BucketName', detail.recording_s3_bucket_name),
    ...present('recordingS3KeyPrefix', detail.recording_s3_key_prefix),
    ...present('recordingDurationMs', detail.recording_duration_ms),
  };
}

export const compositionStateDetailSchema = z.looseObject({
  event_name: eventNameEnum(COMPOSITION_NAMES, 'event_name', DETAIL_TYPES.compositionState),
});

export const compositionStateEventSchema = eventBridgeEnvelopeSchema.extend({
  'detail-type': z.literal(DETAIL_TYPES.compositionState),
  source: ivsSource(),
  resources: resourcesWith('composition', { required: true }),
  detail: compositionStateDetailSchema,
});

export function toCompositionStateEvent(parsed: z.output<typeof compositionStateEventSchema>, raw: Record<string, unknown>): CompositionStateEvent {
  return {
    ...eventBase(parsed, DETAIL_TYPES.compositionState, parsed.detail.event_name, raw),
    kind: 'composition-state',
    compositionArn: parsed.resources[0] ?? '',
  };
}
