/**
 * Plausible values for whatever a world does not say. Every default depends only on the resource's
 * ARN (or on the generator it is given), so the same world always looks the same.
 */
import type { ArnParts } from './arn.ts';
import { parseArn } from './arn.ts';
import type { Random } from './prng.ts';
import { derivedId, randomId } from './prng.ts';
import type { AudioConfiguration, Channel, IngestConfigurations, Stage, StreamKey, VideoConfiguration } from './types.ts';

function partsOf(arn: string): ArnParts {
  return parseArn(arn) ?? { region: 'us-west-2', account: '123456789012', resourceType: 'channel', resourceId: derivedId(arn, 12) };
}

/**
 * The transcode preset IVS answers for a channel type: ADVANCED channels default to
 * HIGHER_BANDWIDTH_DELIVERY; BASIC and STANDARD channels have none, and answer `""`.
 */
export function defaultPreset(type: string): string {
  return type.startsWith('ADVANCED') ? 'HIGHER_BANDWIDTH_DELIVERY' : '';
}

/** A STANDARD, LOW-latency, public channel with its endpoints. */
export function defaultChannel(arn: string): Channel {
  const { region, account, resourceId } = partsOf(arn);
  const host = derivedId(`${arn}#ingest`, 12).toLowerCase();
  return {
    arn,
    name: resourceId,
    type: 'STANDARD',
    latencyMode: 'LOW',
    preset: defaultPreset('STANDARD'),
    authorized: false,
    insecureIngest: false,
    ingestEndpoint: `${host}.global-contribute.live-video.net`,
    playbackUrl: `https://${host}.${region}.playback.live-video.net/api/video/v1/${region}.${account}.channel.${resourceId}.m3u8`,
    recordingConfigurationArn: '',
    playbackRestrictionPolicyArn: '',
    tags: {},
    srt: { endpoint: `${host}.srt.live-video.net`, passphrase: derivedId(`${arn}#srt`, 32) },
    multitrackInputConfiguration: { enabled: false, policy: 'ALLOW', maximumResolution: 'FULL_HD' },
    containerFormat: 'TS',
  };
}

/** A stage named after its ARN's id, with the endpoints IVS gives every stage (events, WHIP, RTMP(S)). */
export function defaultStage(arn: string): Stage {
  const { resourceId } = partsOf(arn);
  const host = derivedId(`${arn}#stage`, 12).toLowerCase();
  return {
    arn,
    name: resourceId,
    tags: {},
    endpoints: {
      events: 'wss://global.events.live-video.net',
      whip: `https://${host}.global-bm.whip.live-video.net`,
      rtmp: `rtmp://${host}.global-contribute-staging.live-video.net/app/`,
      rtmps: `rtmps://${host}.global-contribute-staging.live-video.net:443/app/`,
    },
  };
}

/** The key IVS creates with a channel: derived from the channel ARN, or drawn from `random`. */
export function defaultStreamKey(channelArn: string, random?: Random): StreamKey {
  const { region, account } = partsOf(channelArn);
  const id = random ? randomId(random, 12) : derivedId(`${channelArn}#key`, 12);
  const secret = random ? randomId(random, 36) : derivedId(`${channelArn}#secret`, 36);
  return { arn: `arn:aws:ivs:${region}:${account}:stream-key/${id}`, value: `sk_${region}_${secret}`, channelArn, tags: {} };
}

/** `st-` and 23 alphanumerics (26 characters), derived from a name. */
export function derivedStreamId(name: string): string {
  return `st-${derivedId(name, 23)}`;
}

/** A stage session id: `st-` and 13 alphanumerics (16 characters, as the real-time model says). */
export function derivedStageSessionId(name: string): string {
  return `st-${derivedId(name, 13)}`;
}

/** A 12-character participant id, derived from a name. */
export function derivedParticipantId(name: string): string {
  return derivedId(name, 12);
}

const DEFAULT_VIDEO: VideoConfiguration = {
  codec: 'avc1.64002A',
  encoder: 'obs-output module (libobs version 30.1.2)',
  avcProfile: 'High',
  avcLevel: '4.2',
  profile: 'High',
  level: '4.2',
  track: 'Track0',
  targetBitrate: 6_000_000,
  targetFramerate: 30,
  videoHeight: 1080,
  videoWidth: 1920,
};

const DEFAULT_AUDIO: AudioConfiguration = { codec: 'mp4a.40.2', targetBitrate: 160_000, sampleRate: 48_000, channels: 2, track: 'Track0' };

/** A 1080p30 H.264 broadcast with stereo AAC, as OBS sends it. */
export function defaultIngest(): IngestConfigurations {
  return { videoConfigurations: [{ ...DEFAULT_VIDEO }], audioConfigurations: [{ ...DEFAULT_AUDIO }] };
}

/** The deprecated single-track `ingestConfiguration`: track 0 of `ingestConfigurations`. */
export function firstTracks(ingest: IngestConfigurations): { video?: VideoConfiguration; audio?: AudioConfiguration } {
  const [video] = ingest.videoConfigurations;
  const [audio] = ingest.audioConfigurations;
  return { ...(video ? { video } : {}), ...(audio ? { audio } : {}) };
}

/** The recording configuration a session reports when its channel records. */
export function defaultRecordingConfiguration(arn: string): Record<string, unknown> {
  return {
    arn,
    name: partsOf(arn).resourceId,
    destinationConfiguration: { s3: { bucketName: 'ivs-recordings' } },
    state: 'ACTIVE',
    tags: {},
    thumbnailConfiguration: { recordingMode: 'INTERVAL', targetIntervalSeconds: 60, resolution: 'HD', storage: ['SEQUENTIAL'] },
    recordingReconnectWindowSeconds: 0,
    renditionConfiguration: { renditionSelection: 'ALL', renditions: [] },
  };
}
