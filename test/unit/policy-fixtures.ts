/**
 * Hand-built GuardEvents, stream sessions and policy documents for the policy tests.
 * Each event carries a `raw` EventBridge event consistent with its typed fields, so `match` paths read it.
 */
import type {
  CompositionStateEvent,
  LimitBreachEvent,
  ParticipantRecordingEvent,
  RecordingStateEvent,
  RevocationRequestEvent,
  StageUpdateEvent,
  StreamHealthEvent,
  StreamStateEvent,
  ViewerSessionPair,
} from '../../domain/events/types.ts';
import { loadPolicyDocument } from '../../domain/policy/index.ts';
import type { PolicyDocument } from '../../domain/policy/index.ts';
import type { AudioConfiguration, SessionChannel, StreamEvent, StreamSession, VideoConfiguration } from '../../domain/session.ts';

export const ACCOUNT = '123456789012';
export const REGION = 'us-west-2';
export const CHANNEL = `arn:aws:ivs:${REGION}:${ACCOUNT}:channel/abcdABCDefgh`;
export const OTHER_CHANNEL = `arn:aws:ivs:${REGION}:${ACCOUNT}:channel/zyxwZYXWvuts`;
export const STAGE = `arn:aws:ivs:${REGION}:${ACCOUNT}:stage/abcdABCDefgh`;
export const COMPOSITION = `arn:aws:ivs:${REGION}:${ACCOUNT}:composition/abcdABCDefgh`;
export const STREAM_ID = 'st-1A2b3c4D5e6F78ghij9Klmn';
/** The triggering events' time, unless a test says otherwise. */
export const EVENT_TIME = '2026-11-20T19:10:00Z';
export const NOW = new Date('2026-11-20T19:10:05Z');

interface Envelope {
  detailType: string;
  source?: string;
  time?: string;
  resources: string[];
  detail: Record<string, unknown>;
}

let counter = 0;
function base(envelope: Envelope) {
  counter += 1;
  const id = `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`;
  const time = envelope.time ?? EVENT_TIME;
  const source = envelope.source ?? 'aws.ivs';
  return {
    id,
    source,
    account: ACCOUNT,
    region: REGION,
    time,
    timeMs: Date.parse(time),
    resources: envelope.resources,
    raw: { version: '0', id, 'detail-type': envelope.detailType, source, account: ACCOUNT, time, region: REGION, resources: envelope.resources, detail: envelope.detail },
  };
}

export function streamState(name: string, options: { code?: string; reason?: string; time?: string; channelArn?: string } = {}): StreamStateEvent {
  const channelArn = options.channelArn ?? CHANNEL;
  const detail = { event_name: name, channel_name: 'main-stage', stream_id: STREAM_ID, ...(options.code && { code: options.code }), ...(options.reason && { reason: options.reason }) };
  return {
    ...base({ detailType: 'IVS Stream State Change', ...(options.time && { time: options.time }), resources: [channelArn], detail }),
    detailType: 'IVS Stream State Change',
    kind: 'stream-state',
    name,
    channelArn,
    channelName: 'main-stage',
    streamId: STREAM_ID,
    ...(options.code && { code: options.code }),
    ...(options.reason && { reason: options.reason }),
  };
}

export function takeoverFailure(options: { code?: string; time?: string } = {}): StreamStateEvent {
  return streamState('Stream Takeover Failure', { code: options.code ?? 'StreamTakeoverInvalidPriority', ...(options.time && { time: options.time }) });
}

export function streamHealth(name: string): StreamHealthEvent {
  const detail = { event_name: name, channel_name: 'main-stage', stream_id: STREAM_ID };
  return { ...base({ detailType: 'IVS Stream Health Change', resources: [CHANNEL], detail }), detailType: 'IVS Stream Health Change', kind: 'stream-health', name, channelArn: CHANNEL, channelName: 'main-stage', streamId: STREAM_ID };
}

/** A limit breach on `CHANNEL`, or account-wide (no channel) with `accountWide`. */
export function limitBreach(name: string, options: { accountWide?: boolean } = {}): LimitBreachEvent {
  const onChannel = options.accountWide !== true;
  const detail = { limit_name: name, limit_value: 10, exceeded_by: 2, limit_unit: 'count', ...(onChannel && { channel_name: 'main-stage', stream_id: STREAM_ID }) };
  return {
    ...base({ detailType: 'IVS Limit Breach', resources: onChannel ? [CHANNEL] : [], detail }),
    detailType: 'IVS Limit Breach',
    kind: 'limit-breach',
    name,
    limitValue: 10,
    exceededBy: 2,
    limitUnit: 'count',
    ...(onChannel && { channelArn: CHANNEL, channelName: 'main-stage', streamId: STREAM_ID }),
  };
}

export function recordingState(status: string, options: { channelArn?: string } = {}): RecordingStateEvent {
  const channelArn = options.channelArn ?? CHANNEL;
  const detail = { recording_status: status, channel_name: 'main-stage', stream_id: STREAM_ID, recording_status_reason: 'bucket unavailable' };
  return { ...base({ detailType: 'IVS Recording State Change', resources: [channelArn], detail }), detailType: 'IVS Recording State Change', kind: 'recording-state', name: status, channelArn, channelName: 'main-stage', streamId: STREAM_ID, reason: 'bucket unavailable' };
}

export function stageUpdate(name: string, options: { participantId?: string | null } = {}): StageUpdateEvent {
  const participantId = options.participantId === null ? undefined : (options.participantId ?? 'abCDEf12GHIj');
  const detail = { event_name: name, session_id: 'st-a1b2c3d4e5f6g', user_id: 'host-1', ...(participantId && { participant_id: participantId }) };
  return {
    ...base({ detailType: 'IVS Stage Update', resources: [STAGE], detail }),
    detailType: 'IVS Stage Update',
    kind: 'stage-update',
    name,
    stageArn: STAGE,
    sessionId: 'st-a1b2c3d4e5f6g',
    userId: 'host-1',
    ...(participantId && { participantId }),
  };
}

export function participantRecording(name: string): ParticipantRecordingEvent {
  const detail = { event_name: name, session_id: 'st-a1b2c3d4e5f6g', participant_id: 'abCDEf12GHIj' };
  return { ...base({ detailType: 'IVS Participant Recording State Change', resources: [STAGE], detail }), detailType: 'IVS Participant Recording State Change', kind: 'participant-recording', name, stageArn: STAGE, sessionId: 'st-a1b2c3d4e5f6g', participantId: 'abCDEf12GHIj' };
}

export function compositionState(name: string): CompositionStateEvent {
  const detail = { event_name: name };
  return { ...base({ detailType: 'IVS Composition State Change', resources: [COMPOSITION], detail }), detailType: 'IVS Composition State Change', kind: 'composition-state', name, compositionArn: COMPOSITION };
}

export function revocationRequest(pairs: ViewerSessionPair[], options: { source?: string } = {}): RevocationRequestEvent {
  const source = options.source ?? 'ivs-guard.moderation';
  const detail = { viewerSessions: pairs, reason: 'abuse report' };
  return {
    ...base({ detailType: 'Viewer Session Revocation Requested', source, resources: [], detail }),
    detailType: 'Viewer Session Revocation Requested',
    kind: 'revocation-request',
    name: 'Viewer Session Revocation Requested',
    viewerSessions: pairs,
    reason: 'abuse report',
  };
}

export function pair(viewerId: string, version = 0, channelArn = CHANNEL): ViewerSessionPair {
  return { channelArn, viewerId, viewerSessionVersionsLessThanOrEqualTo: version };
}

/** ISO time `secondsBefore` seconds before `EVENT_TIME` (negative: after it). */
export function before(secondsBefore: number, from = EVENT_TIME): string {
  return new Date(Date.parse(from) - secondsBefore * 1000).toISOString();
}

/** Session events, most recent first as the API lists them: `count` takeover failures `spacingSeconds` apart, the last `lastSecondsBefore` the event. */
export function failures(count: number, spacingSeconds: number, options: { lastSecondsBefore?: number; codes?: string[] } = {}): StreamEvent[] {
  const last = options.lastSecondsBefore ?? 0;
  return Array.from({ length: count }, (_, i) => ({
    name: 'Stream Takeover Failure',
    type: 'IVS Stream State Change',
    eventTime: before(last + i * spacingSeconds),
    code: options.codes?.[i % options.codes.length] ?? 'StreamTakeoverInvalidPriority',
  }));
}

export interface SessionOptions {
  events?: StreamEvent[];
  video?: VideoConfiguration[];
  audio?: AudioConfiguration[];
  channel?: SessionChannel;
}

export function session(options: SessionOptions = {}): StreamSession {
  return {
    streamId: STREAM_ID,
    startTime: before(3600),
    channel: options.channel ?? { arn: CHANNEL, name: 'main-stage', type: 'STANDARD', latencyMode: 'LOW', authorized: false, tags: {} },
    ingestConfigurations: { videoConfigurations: options.video ?? [], audioConfigurations: options.audio ?? [] },
    truncatedEvents: options.events ?? [],
  };
}

export function video(width: number, height: number, framerate: number, bitrate: number, track = 'Track0'): VideoConfiguration {
  return { codec: 'avc1.42C02A', track, videoWidth: width, videoHeight: height, targetFramerate: framerate, targetBitrate: bitrate };
}

export function audio(bitrate: number, track = 'Track0'): AudioConfiguration {
  return { codec: 'mp4a.40.2', track, targetBitrate: bitrate, sampleRate: 48000, channels: 2 };
}

/** A policy document of the given `policies:` YAML (indented by two spaces), with the usual header. */
export function policies(yaml: string, header = 'version: 1\nmode: enforce\n'): PolicyDocument {
  return loadPolicyDocument(`${header}policies:\n${yaml}`);
}
