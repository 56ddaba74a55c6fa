/**
 * The words a policy may use: detail-types, event names, session event codes, channel settings.
 * A misspelt name would make a policy silently never fire, so the loader checks every one against these lists.
 */
import {
  COMPOSITION_NAMES,
  DETAIL_TYPES,
  LIMIT_NAMES,
  PARTICIPANT_RECORDING_NAMES,
  PUBLISHER_RECORDING_NAMES,
  RECORDING_STATUSES,
  STAGE_UPDATE_NAMES,
  STREAM_HEALTH_NAMES,
  STREAM_STATE_NAMES,
  type DetailType,
} from '../events/types.ts';
import { quote } from '../wording.ts';

/** Every detail-type a policy can be triggered by. */
export const POLICY_DETAIL_TYPES: readonly DetailType[] = Object.values(DETAIL_TYPES);

/** The event names (`event_name`, `recording_status`, `limit_name`) each detail-type carries. */
export const EVENT_NAMES_BY_DETAIL_TYPE: Readonly<Record<DetailType, readonly string[]>> = {
  [DETAIL_TYPES.streamState]: STREAM_STATE_NAMES,
  [DETAIL_TYPES.streamHealth]: STREAM_HEALTH_NAMES,
  [DETAIL_TYPES.limitBreach]: LIMIT_NAMES,
  [DETAIL_TYPES.recordingState]: RECORDING_STATUSES,
  [DETAIL_TYPES.stageUpdate]: STAGE_UPDATE_NAMES,
  [DETAIL_TYPES.participantRecording]: PARTICIPANT_RECORDING_NAMES,
  [DETAIL_TYPES.compositionState]: COMPOSITION_NAMES,
  [DETAIL_TYPES.publisherRecording]: PUBLISHER_RECORDING_NAMES,
  // The application's own requests have no event name of their own: the parser names each by its detail-type.
  [DETAIL_TYPES.revocationRequest]: [DETAIL_TYPES.revocationRequest],
  [DETAIL_TYPES.disconnectRequest]: [DETAIL_TYPES.disconnectRequest],
};

/** Every event name any IVS event carries, sorted. Session events (`truncatedEvents`) use the same names. */
export const EVENT_NAMES: readonly string[] = [...new Set(Object.values(EVENT_NAMES_BY_DETAIL_TYPE).flat())].sort();

/** `StreamEvent.code` values GetStreamSession documents (takeover and multitrack codes). */
export const STREAM_EVENT_CODES = [
  'StreamTakeoverMediaMismatch',
  'StreamTakeoverInvalidPriority',
  'StreamTakeoverLimitBreached',
  'MultitrackInputNotAllowed',
  'MultitrackInputRequired',
  'InvalidGetClientConfigurationStreamKey',
  'GetClientConfigurationStreamKeyRequired',
  'InvalidMultitrackInputTrackCount',
  'InvalidMultitrackInputVideoTrackMediaProperties',
] as const;

/** Channel `type` values (API model `ChannelType`). */
export const CHANNEL_TYPES = ['BASIC', 'STANDARD', 'ADVANCED_SD', 'ADVANCED_HD'] as const;

/** Channel `latencyMode` values (API model `ChannelLatencyMode`). */
export const LATENCY_MODES = ['NORMAL', 'LOW'] as const;

/**
 * The closest of `candidates` to `word` when it is near enough to be a slip of the keyboard
 * (case-insensitive edit distance at most a third of the word), for "did you mean" hints.
 */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (best === undefined || distance < best.distance) best = { candidate, distance };
  }
  return best !== undefined && best.distance <= Math.max(1, Math.floor(word.length / 3)) ? best.candidate : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** `'x'`, or `'x' (did you mean 'y'?)` when a known word is close. */
export function quoteWithHint(word: string, candidates: readonly string[]): string {
  const hint = closest(word, candidates);
  return hint === undefined || hint === word ? quote(word) : `${quote(word)} (did you mean ${quote(hint)}?)`;
}
