/**
 * Amazon IVS limits and quotas the guard relies on, in one place (see shared/IVS-FACTS.md).
 * Rates are per account and region unless the name says otherwise.
 */
export const IVS_LIMITS = {
  /** BatchStartViewerSessionRevocation takes 1 to 20 pairs a call. */
  revocationPairsPerCall: 20,
  /** viewerId is 1 to 40 characters. */
  viewerIdMaxLength: 40,
  /** PutMetadata payload, in bytes (UTF-8). */
  metadataMaxBytes: 1024,
  /** GetStreamSession returns at most this many truncated events. */
  truncatedEventsMax: 500,
  /** A stream id is `st-` followed by 23 alphanumerics: 26 characters. */
  streamIdLength: 26,
} as const;

/** Documented request rates (transactions per second), per account and region. */
export const IVS_QUOTAS_TPS = {
  GetStreamSession: 5,
  StopStream: 5,
  BatchStartViewerSessionRevocation: 2,
  PutMetadataPerChannel: 5,
  PutMetadataPerAccount: 155,
  GetChannel: 5,
  GetParticipant: 5,
} as const;

/** EventBridge PutEvents: at most 10 entries a call, 256 KB a request. */
export const EVENTBRIDGE_LIMITS = {
  entriesPerPutEvents: 10,
  maxEntryBytes: 256 * 1024,
} as const;

/** Patterns from the IVS API model (botocore ivs/2020-07-14 service-2.json). */
export const IVS_PATTERNS = {
  channelArn: /^arn:aws:ivs:[a-z0-9-]+:[0-9]+:channel\/[a-zA-Z0-9-]+$/,
  streamKeyArn: /^arn:aws:ivs:[a-z0-9-]+:[0-9]+:stream-key\/[a-zA-Z0-9-]+$/,
  stageArn: /^arn:aws:ivs:[a-z0-9-]+:[0-9]+:stage\/[a-zA-Z0-9-]+$/,
  compositionArn: /^arn:aws:ivs:[a-z0-9-]+:[0-9]+:composition\/[a-zA-Z0-9-]+$/,
  streamId: /^st-[a-zA-Z0-9]+$/,
} as const;
