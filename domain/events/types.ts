/**
 * The typed view of an IVS EventBridge event, produced once at the edge by `parseGuardEvent`. Past the parser,
 * code trusts these types. Each event kind is written once, as its contract schema (`channel-events.ts`,
 * `stage-events.ts`, `revocation-request.ts`, `disconnect-request.ts`); the types here are those schemas' outputs.
 */
import type { LimitBreachEvent, RecordingStateEvent, StreamHealthEvent, StreamStateEvent } from './channel-events.ts';
import type { DisconnectRequestEvent } from './disconnect-request.ts';
import type { RevocationRequestEvent } from './revocation-request.ts';
import type { CompositionStateEvent, ParticipantRecordingEvent, PublisherRecordingEvent, StageUpdateEvent } from './stage-events.ts';

export * from './names.ts';
export type { LimitBreachEvent, RecordingStateEvent, StreamHealthEvent, StreamStateEvent } from './channel-events.ts';
export type { RevocationRequestEvent, ViewerSessionPair } from './revocation-request.ts';
export type { DisconnectRequestEvent } from './disconnect-request.ts';
export type { CompositionStateEvent, ParticipantRecordingEvent, PublisherRecordingEvent, StageUpdateEvent } from './stage-events.ts';

export type GuardEvent =
  | StreamStateEvent
  | StreamHealthEvent
  | LimitBreachEvent
  | RecordingStateEvent
  | StageUpdateEvent
  | ParticipantRecordingEvent
  | PublisherRecordingEvent
  | CompositionStateEvent
  | RevocationRequestEvent
  | DisconnectRequestEvent;

export type GuardEventKind = GuardEvent['kind'];

/** Why an event was rejected: the field (a dotted path such as `detail.stream_id`) and the reason. */
export interface Rejection {
  field: string;
  reason: string;
}

export type ParseResult = { ok: true; event: GuardEvent } | { ok: false; rejections: Rejection[] };

/** The channel an event concerns, if any. */
export function channelOf(event: GuardEvent): string | undefined {
  return 'channelArn' in event ? event.channelArn : undefined;
}

/** The stream an event concerns, if any. */
export function streamOf(event: GuardEvent): string | undefined {
  return 'streamId' in event ? event.streamId : undefined;
}
