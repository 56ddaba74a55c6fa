/**
 * The event contracts: one zod schema per IVS detail-type and one for the application's revocation
 * request, and the table that says which (source, detail-type) each one parses. Schemas are tolerant
 * where IVS is loose (unknown fields kept, `limit` or `limit_name`, empty `channel_name`, numbers as
 * strings) and strict where a wrong value would misdirect an action (ARNs, stream ids, times, viewer ids).
 */
import type { z } from 'zod';
import {
  limitBreachEventSchema,
  recordingStateEventSchema,
  streamHealthEventSchema,
  streamStateEventSchema,
  toLimitBreachEvent,
  toRecordingStateEvent,
  toStreamHealthEvent,
  toStreamStateEvent,
} from './channel-events.ts';
import { IVS_SOURCE } from './fields.ts';
import { plainWords } from './rejections.ts';
import { DEFAULT_MODERATION_SOURCE, revocationRequestEventSchema, toRevocationRequestEvent } from './revocation-request.ts';
import {
  compositionStateEventSchema,
  participantRecordingEventSchema,
  stageUpdateEventSchema,
  toCompositionStateEvent,
  toParticipantRecordingEvent,
  toStageUpdateEvent,
} from './stage-events.ts';
import { DETAIL_TYPES } from './types.ts';
import type { DetailType, GuardEvent, GuardEventKind } from './types.ts';

export { eventBridgeEnvelopeSchema } from './envelope.ts';
export type { EventBridgeEnvelope } from './envelope.ts';
export {
  limitBreachDetailSchema,
  limitBreachEventSchema,
  recordingStateDetailSchema,
  recordingStateEventSchema,
  streamHealthDetailSchema,
  streamHealthEventSchema,
  streamStateDetailSchema,
  streamStateEventSchema,
} from './channel-events.ts';
export {
  compositionStateDetailSchema,
  compositionStateEventSchema,
  participantRecordingDetailSchema,
  participantRecordingEventSchema,
  stageUpdateDetailSchema,
  stageUpdateEventSchema,
} from './stage-events.ts';
export { DEFAULT_MODERATION_SOURCE, revocationRequestDetailSchema, revocationRequestEventSchema, viewerSessionPairSchema } from './revocation-request.ts';
export { IVS_SOURCE } from './fields.ts';

/** What a contract's parse gives: the typed event, or zod's issues (turned into rejections by the parser). */
export type ContractResult = { ok: true; event: GuardEvent } | { ok: false; issues: readonly z.core.$ZodIssue[] };

/** One kind of event: where it comes from, and how to turn the raw event into the typed one. */
export interface EventContract {
  readonly kind: GuardEventKind;
  readonly detailType: DetailType;
  readonly source: string;
  parse(raw: Record<string, unknown>): ContractResult;
}

function contract<S extends z.ZodType>(
  kind: GuardEventKind,
  detailType: DetailType,
  source: string,
  schema: S,
  toEvent: (parsed: z.output<S>, raw: Record<string, unknown>) => GuardEvent,
): EventContract {
  return {
    kind,
    detailType,
    source,
    parse(raw) {
      const result = schema.safeParse(raw, { error: plainWords });
      return result.success ? { ok: true, event: toEvent(result.data, raw) } : { ok: false, issues: result.error.issues };
    },
  };
}

/** The seven IVS detail-types, all from `aws.ivs`. */
export const IVS_EVENT_CONTRACTS: readonly EventContract[] = [
  contract('stream-state', DETAIL_TYPES.streamState, IVS_SOURCE, streamStateEventSchema, toStreamStateEvent),
  contract('stream-health', DETAIL_TYPES.streamHealth, IVS_SOURCE, streamHealthEventSchema, toStreamHealthEvent),
  contract('limit-breach', DETAIL_TYPES.limitBreach, IVS_SOURCE, limitBreachEventSchema, toLimitBreachEvent),
  contract('recording-state', DETAIL_TYPES.recordingState, IVS_SOURCE, recordingStateEventSchema, toRecordingStateEvent),
  contract('stage-update', DETAIL_TYPES.stageUpdate, IVS_SOURCE, stageUpdateEventSchema, toStageUpdateEvent),
  contract('participant-recording', DETAIL_TYPES.participantRecording, IVS_SOURCE, participantRecordingEventSchema, toParticipantRecordingEvent),
  contract('composition-state', DETAIL_TYPES.compositionState, IVS_SOURCE, compositionStateEventSchema, toCompositionStateEvent),
];

/** The revocation request's contract for the deployment's moderation source. */
export function revocationRequestContract(source: string = DEFAULT_MODERATION_SOURCE): EventContract {
  return contract('revocation-request', DETAIL_TYPES.revocationRequest, source, revocationRequestEventSchema(source), toRevocationRequestEvent);
}

/** Every contract the guard knows, with the revocation request from `moderationSource`. */
export function eventContracts(moderationSource: string = DEFAULT_MODERATION_SOURCE): readonly EventContract[] {
  return [...IVS_EVENT_CONTRACTS, revocationRequestContract(moderationSource)];
}
