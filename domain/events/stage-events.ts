/**
 * Contracts of the IVS real-time events: stage updates, individual participant recording, publisher recording and
 * server-side composition. `resources[0]` is the stage ARN, or the composition ARN. Each schema transforms the raw
 * event into the typed one, whose type is the schema's output.
 */
import * as z from 'zod/mini';
import { transformed } from '../zod.ts';
import { withDefined } from '../defined.ts';
import { ivsEventEnvelope, namedEventBase } from './envelope.ts';
import type { ParsedEvent } from './envelope.ts';
import { arn, eitherName, eventName, isoTime, isResourceArn, looseNumber, optionalText, participantId, resourcesWith, resourcesWithAny, stageSessionId } from './fields.ts';
import { COMPOSITION_NAMES, DETAIL_TYPES, PARTICIPANT_RECORDING_NAMES, PUBLISHER_RECORDING_NAMES, STAGE_UPDATE_NAMES } from './names.ts';

export const stageUpdateDetailSchema = z.looseObject({
  event_name: eventName(STAGE_UPDATE_NAMES),
  session_id: stageSessionId(),
  participant_id: z.nullish(participantId()),
  user_id: optionalText(),
  /** When it happened at the stage (the envelope's `time` is when EventBridge got it). */
  event_time: z.nullish(isoTime()),
  /** Participant Publish Error: why (`INSUFFICIENT_CAPABILITIES`, `BITRATE_EXCEEDED`, … as ListParticipantEvents' `errorCode`). */
  error_code: optionalText(),
  /** Participant Replication Started/Ended: where the participant is replicated. */
  destination_stage_arn: z.nullish(arn('stage')),
  destination_session_id: z.nullish(stageSessionId()),
});

export const stageUpdateEventSchema = transformed(ivsEventEnvelope(DETAIL_TYPES.stageUpdate, resourcesWith('stage', { required: true }), stageUpdateDetailSchema), (parsed) => {
  const { detail } = parsed;
  return {
    ...namedEventBase(parsed, DETAIL_TYPES.stageUpdate, 'event_name', detail.event_name, STAGE_UPDATE_NAMES),
    kind: 'stage-update' as const,
    stageArn: parsed.resources[0] ?? '',
    sessionId: detail.session_id,
    ...withDefined({
      participantId: detail.participant_id,
      userId: detail.user_id,
      eventTime: detail.event_time,
      errorCode: detail.error_code,
      destinationStageArn: detail.destination_stage_arn,
      destinationSessionId: detail.destination_session_id,
    }),
  };
});
/** An `IVS Stage Update`: a participant of a real-time stage published, stopped, failed, was replicated or exchanged its token. */
export type StageUpdateEvent = ParsedEvent<typeof stageUpdateEventSchema>;

export const participantRecordingDetailSchema = z.looseObject({
  event_name: eventName(PARTICIPANT_RECORDING_NAMES),
  session_id: stageSessionId(),
  participant_id: z.nullish(participantId()),
  recording_s3_bucket_name: optionalText(),
  recording_s3_key_prefix: optionalText(),
  recording_duration_ms: z.nullish(looseNumber()),
});

export const participantRecordingEventSchema = transformed(ivsEventEnvelope(DETAIL_TYPES.participantRecording, resourcesWith('stage', { required: true }), participantRecordingDetailSchema), (parsed) => {
  const { detail } = parsed;
  return {
    ...namedEventBase(parsed, DETAIL_TYPES.participantRecording, 'event_name', detail.event_name, PARTICIPANT_RECORDING_NAMES),
    kind: 'participant-recording' as const,
    stageArn: parsed.resources[0] ?? '',
    sessionId: detail.session_id,
    ...withDefined({
      participantId: detail.participant_id,
      recordingS3BucketName: detail.recording_s3_bucket_name,
      recordingS3KeyPrefix: detail.recording_s3_key_prefix,
      recordingDurationMs: detail.recording_duration_ms,
    }),
  };
});
/** An `IVS Participant Recording State Change`: one publisher's individual recording. */
export type ParticipantRecordingEvent = ParsedEvent<typeof participantRecordingEventSchema>;

/**
 * `IVS Publisher Recording State Change`: listed by the EventBridge reference, shown by no example in the user
 * guides. Taken tolerantly: only a name is required (`event_name`, or `recording_status` as the channel recording
 * events call it); the stage, session, participant and user are read when there, everything else stays in `raw`.
 */
const publisherRecordingName = eitherName('event_name', 'recording_status', PUBLISHER_RECORDING_NAMES, "or as 'recording_status'");

export const publisherRecordingDetailSchema = z.looseObject({
    event_name: z.optional(eventName(PUBLISHER_RECORDING_NAMES)),
    recording_status: z.optional(eventName(PUBLISHER_RECORDING_NAMES)),
    session_id: optionalText(),
    participant_id: optionalText(),
    user_id: optionalText(),
    recording_s3_bucket_name: optionalText(),
    recording_s3_key_prefix: optionalText(),
    recording_duration_ms: z.nullish(looseNumber()),
  }).check(z.superRefine(publisherRecordingName.required));

export const publisherRecordingEventSchema = transformed(ivsEventEnvelope(DETAIL_TYPES.publisherRecording, resourcesWithAny(), publisherRecordingDetailSchema), (parsed) => {
  const { detail } = parsed;
  const { field, name } = publisherRecordingName.of(detail);
  const [resource] = parsed.resources;
  return {
    ...namedEventBase(parsed, DETAIL_TYPES.publisherRecording, field, name, PUBLISHER_RECORDING_NAMES),
    kind: 'publisher-recording' as const,
    ...withDefined({
      // Only a stage ARN is taken for the stage: an action must never be aimed at something else.
      stageArn: resource !== undefined && isResourceArn('stage', resource) ? resource : undefined,
      sessionId: detail.session_id,
      participantId: detail.participant_id,
      userId: detail.user_id,
      recordingS3BucketName: detail.recording_s3_bucket_name,
      recordingS3KeyPrefix: detail.recording_s3_key_prefix,
      recordingDurationMs: detail.recording_duration_ms,
    }),
  };
});
/** An `IVS Publisher Recording State Change`, read tolerantly (see its schema). */
export type PublisherRecordingEvent = ParsedEvent<typeof publisherRecordingEventSchema>;

export const compositionStateDetailSchema = z.looseObject({
  event_name: eventName(COMPOSITION_NAMES),
  /** Destination events: which of the composition's destinations. */
  id: optionalText(),
  /** The stage the composition is of (the composition itself is `resources[0]`). */
  stage_arn: z.nullish(arn('stage')),
});

export const compositionStateEventSchema = transformed(ivsEventEnvelope(DETAIL_TYPES.compositionState, resourcesWith('composition', { required: true }), compositionStateDetailSchema), (parsed) => {
  const { detail } = parsed;
  return {
    ...namedEventBase(parsed, DETAIL_TYPES.compositionState, 'event_name', detail.event_name, COMPOSITION_NAMES),
    kind: 'composition-state' as const,
    compositionArn: parsed.resources[0] ?? '',
    ...withDefined({ destinationId: detail.id, stageArn: detail.stage_arn }),
  };
});
/** An `IVS Composition State Change` of a server-side composition or one of its destinations. */
export type CompositionStateEvent = ParsedEvent<typeof compositionStateEventSchema>;
