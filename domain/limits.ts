/**
 * Amazon IVS limits and quotas the guard relies on, in one place. Lengths and patterns are the API model's
 * (botocore `ivs/2020-07-14` and `ivs-realtime/2020-07-14` service-2.json; the shape is named on each);
 * rates are per account and region unless the name says otherwise.
 */
export const IVS_LIMITS = {
  /** BatchStartViewerSessionRevocation takes 1 to 20 pairs a call (`BatchStartViewerSessionRevocationViewerSessionList`). */
  revocationPairsPerCall: 20,
  /** `ViewerId` is 1 to 40 characters. */
  viewerIdMaxLength: 40,
  /** `ViewerSessionVersion` is an `integer` ≥ 0: a 32-bit signed int, so a Unix time in seconds fits until 2038. */
  viewerSessionVersionMax: 2_147_483_647,
  /** PutMetadata payload, in bytes (UTF-8): the user guide's 1 KB (`StreamMetadata` itself only says min 1). */
  metadataMaxBytes: 1024,
  /** GetStreamSession returns at most this many truncated events (`StreamEvents`). */
  truncatedEventsMax: 500,
  /** A stream id is `st-` followed by 23 alphanumerics: 26 characters (`StreamId`). */
  streamIdLength: 26,
  /** Every IVS ARN (`ChannelArn`, `StageArn`, `CompositionArn`, `ResourceArn`, …) is 1 to 128 characters. */
  arnMaxLength: 128,
  /** `ChannelName` is at most 128 characters of `[a-zA-Z0-9-_]`. */
  channelNameMaxLength: 128,
  /** DisconnectParticipant's `reason` is at most 128 characters (`DisconnectParticipantReason`). */
  disconnectReasonMaxLength: 128,
  /** A stage session id is `st-` and 13 alphanumerics: 16 characters (`StageSessionId`). */
  stageSessionIdLength: 16,
  /** `ParticipantId` is at most 64 characters of `[a-zA-Z0-9-]`. */
  participantIdMaxLength: 64,
  /** A participant's `UserId` is at most 128 characters. */
  userIdMaxLength: 128,
  /** ListParticipantEvents answers at most 100 events a page (`MaxParticipantEventResults`). */
  participantEventsPerPage: 100,
  /** ListParticipants answers at most 100 participants a page (`MaxParticipantResults`). */
  participantsPerPage: 100,
  /** ListStreamKeys answers at most 50 keys a page (`MaxStreamKeyResults`). */
  streamKeysPerPage: 50,
  /** A resource carries at most 50 tags (`Tags`); a key is 1 to 128 characters, a value at most 256. */
  tagsPerResource: 50,
  tagKeyMaxLength: 128,
  tagValueMaxLength: 256,
} as const;

/**
 * Documented request rates (transactions per second), per account and region, of every IVS and IVS
 * real-time operation the guard calls (the user guides' "Service Quotas" pages, API call rate quotas; not
 * adjustable). The guard's pacer (adapters/pacer.ts) and the emulator's quotas both read them.
 */
export const IVS_QUOTAS_TPS = {
  GetStreamSession: 5,
  StopStream: 5,
  BatchStartViewerSessionRevocation: 2,
  PutMetadataPerChannel: 5,
  PutMetadataPerAccount: 155,
  GetChannel: 5,
  /** Stream key operations: 5 TPS each. */
  ListStreamKeys: 5,
  DeleteStreamKey: 5,
  CreateStreamKey: 5,
  /** Tags: 10 TPS (the same on IVS and IVS real-time). */
  ListTagsForResource: 10,
  /** IVS real-time (stages): 5 TPS each (the real-time user guide's "Service Quotas"). */
  GetParticipant: 5,
  DisconnectParticipant: 5,
  ListParticipants: 5,
  ListParticipantEvents: 5,
  GetStage: 5,
  ListStages: 5,
  GetStageSession: 5,
  ListStageSessions: 5,
} as const;

/** EventBridge PutEvents: at most 10 entries a call, 256 KB a request, a `DetailType` and `Source` of 1 to 256 characters. */
export const EVENTBRIDGE_LIMITS = {
  entriesPerPutEvents: 10,
  maxEntryBytes: 256 * 1024,
  detailTypeMaxLength: 256,
  sourceMaxLength: 256,
} as const;

/** Patterns from the IVS API model, anchored (the model leaves them unanchored). */
export const IVS_PATTERNS = {
  channelArn: /^arn:aws:ivs:[a-z0-9-]+:[0-9]+:channel\/[a-zA-Z0-9-]+$/,
  streamKeyArn: /^arn:aws:ivs:[a-z0-9-]+:[0-9]+:stream-key\/[a-zA-Z0-9-]+$/,
  stageArn: /^arn:aws:ivs:[a-z0-9-]+:[0-9]+:stage\/[a-zA-Z0-9-]+$/,
  compositionArn: /^arn:aws:ivs:[a-z0-9-]+:[0-9]+:composition\/[a-zA-Z0-9-]+$/,
  streamId: /^st-[a-zA-Z0-9]+$/,
  /** `StageSessionId`: the same shape as a stream id, 16 characters long. */
  stageSessionId: /^st-[a-zA-Z0-9]+$/,
  participantId: /^[a-zA-Z0-9-]*$/,
  /** `ParticipantTokenId`, DisconnectParticipant's participant: also `_` (a self-signed token's `jti`). */
  participantTokenId: /^[a-zA-Z0-9_-]*$/,
} as const;

/**
 * What the guard takes in one `Participant Disconnect Requested`. DisconnectParticipant takes one participant a call
 * at 5 TPS: 100 participants take 20 s of a 30 s function (the API model itself has no list to bound).
 */
export const DISCONNECT_REQUEST_LIMITS = {
  participantIdsMax: 100,
} as const;
