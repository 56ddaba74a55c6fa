/**
 * The event contracts: one transforming zod schema per IVS detail-type and one for each of the application's
 * requests (viewer-session revocation, participant disconnect), and the table that says which (source, detail-type) each one parses. Schemas are tolerant where IVS is
 * loose (unknown fields kept, names IVS adds later, `limit` or `limit_name`, empty `channel_name`, numbers as
 * strings) and strict where a wrong value would misdirect an action (ARNs, stream ids, times, viewer ids).
 */
import type * as z from 'zod/mini';
import { limitBreachEventSchema, recordingStateEventSchema, streamHealthEventSchema, streamStateEventSchema } from './channel-events.ts';
import type { Received } from './envelope.ts';
import { IVS_SOURCE } from './fields.ts';
import { DETAIL_TYPES } from './names.ts';
import type { DetailType } from './names.ts';
import { plainWords } from './rejections.ts';
import { disconnectRequestEventSchema } from './disconnect-request.ts';
import { DEFAULT_MODERATION_SOURCE, revocationRequestEventSchema } from './revocation-request.ts';
import { compositionStateEventSchema, participantRecordingEventSchema, publisherRecordingEventSchema, stageUpdateEventSchema } from './stage-events.ts';
import type { GuardEvent, GuardEventKind } from './types.ts';

export { eventBridgeEnvelopeSchema } from './envelope.ts';
export type { EventBridgeEnvelope, ParsedEvent, Received } from './envelope.ts';
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
  publisherRecordingDetailSchema,
  publisherRecordingEventSchema,
  stageUpdateDetailSchema,
  stageUpdateEventSchema,
} from './stage-events.ts';
export { DEFAULT_MODERATION_SOURCE, revocationRequestDetailSchema, revocationRequestEventSchema, viewerSessionPairSchema } from './revocation-request.ts';
export { disconnectRequestDetailSchema, disconnectRequestEventSchema } from './disconnect-request.ts';
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

/** What a contract schema outputs: a typed event but for the event as received, which the contract adds. */
type EventFields = GuardEvent extends infer E ? (E extends GuardEvent ? Omit<E, keyof Received> : never) : never;

function contract(kind: GuardEventKind, detailType: DetailType, source: string, schema: z.ZodMiniType<EventFields>): EventContract {
  return {
    kind,
    detailType,
    source,
    parse(raw) {
      const result = schema.safeParse(raw, { error: plainWords });
      return result.success ? { ok: true, event: { ...result.data, raw } } : { ok: false, issues: result.error.issues };
    },
  };
}

/** The eight IVS detail-types, all from `aws.ivs`. */
export const IVS_EVENT_CONTRACTS: readonly EventContract[] = [
  contract('stream-state', DETAIL_TYPES.streamState, IVS_SOURCE, streamStateEventSchema),
  contract('stream-health', DETAIL_TYPES.streamHealth, IVS_SOURCE, streamHealthEventSchema),
  contract('limit-breach', DETAIL_TYPES.limitBreach, IVS_SOURCE, limitBreachEventSchema),
  contract('recording-state', DETAIL_TYPES.recordingState, IVS_SOURCE, recordingStateEventSchema),
  contract('stage-update', DETAIL_TYPES.stageUpdate, IVS_SOURCE, stageUpdateEventSchema),
  contract('participant-recording', DETAIL_TYPES.participantRecording, IVS_SOURCE, participantRecordingEventSchema),
  contract('publisher-recording', DETAIL_TYPES.publisherRecording, IVS_SOURCE, publisherRecordingEventSchema),
  contract('composition-state', DETAIL_TYPES.compositionState, IVS_SOURCE, compositionStateEventSchema),
];

/** The revocation request's contract for the deployment's moderation source. */
export function revocationRequestContract(source: string = DEFAULT_MODERATION_SOURCE): EventContract {
  return contract('revocation-request', DETAIL_TYPES.revocationRequest, source, revocationRequestEventSchema(source));
}

/** The disconnect request's contract for the deployment's moderation source. */
export function disconnectRequestContract(source: string = DEFAULT_MODERATION_SOURCE): EventContract {
  return contract('disconnect-request', DETAIL_TYPES.disconnectRequest, source, disconnectRequestEventSchema(source));
}

/** The application's requests (revocation, disconnect) from `moderationSource`. */
export function requestContracts(moderationSource: string = DEFAULT_MODERATION_SOURCE): readonly EventContract[] {
  return [revocationRequestContract(moderationSource), disconnectRequestContract(moderationSource)];
}

/** Every contract the guard knows, with the application's requests from `moderationSource`. */
export function eventContracts(moderationSource: string = DEFAULT_MODERATION_SOURCE): readonly EventContract[] {
  return [...IVS_EVENT_CONTRACTS, ...requestContracts(moderationSource)];
}
