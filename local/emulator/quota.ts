/**
 * Request-rate quotas: one token bucket per operation (and per channel for PutMetadata), refilled at
 * the documented rate, holding one second of it. An empty bucket answers 429 ThrottlingException.
 */
import { IVS_QUOTAS_TPS } from '../../domain/limits.ts';

export type QuotaMode = 'real' | 'off' | `x${number}`;

/** Per account (and region), from the IVS service-quotas pages (not adjustable). */
export const OPERATION_TPS: Readonly<Record<string, number>> = {
  GetStreamSession: IVS_QUOTAS_TPS.GetStreamSession,
  StopStream: IVS_QUOTAS_TPS.StopStream,
  BatchStartViewerSessionRevocation: IVS_QUOTAS_TPS.BatchStartViewerSessionRevocation,
  PutMetadata: IVS_QUOTAS_TPS.PutMetadataPerAccount,
  GetChannel: IVS_QUOTAS_TPS.GetChannel,
  GetParticipant: IVS_QUOTAS_TPS.GetParticipant,
  DisconnectParticipant: IVS_QUOTAS_TPS.DisconnectParticipant,
  ListParticipants: IVS_QUOTAS_TPS.ListParticipants,
  ListParticipantEvents: IVS_QUOTAS_TPS.ListParticipantEvents,
  GetStage: IVS_QUOTAS_TPS.GetStage,
  ListStages: IVS_QUOTAS_TPS.ListStages,
  GetStageSession: IVS_QUOTAS_TPS.GetStageSession,
  ListStageSessions: IVS_QUOTAS_TPS.ListStageSessions,
  BatchGetChannel: 5,
  GetStream: 5,
  ListStreams: 5,
  ListStreamSessions: 5,
};

/** Per channel, on top of the account rate. */
export const PER_CHANNEL_TPS: Readonly<Record<string, number>> = {
  PutMetadata: IVS_QUOTAS_TPS.PutMetadataPerChannel,
};

/**
 * Rate assumed for operations whose quota the emulator does not know from the documentation (the
 * stream key operations, StartViewerSessionRevocation; the tag operations' documented 10 TPS is this rate):
 * generous, so that only the documented quotas shape a run.
 */
export const DEFAULT_TPS = 10;

/** The rate multiplier of a quota mode: 1 for `real`, N for `xN`, undefined for `off`. */
export function quotaMultiplier(mode: string): number | undefined {
  if (mode === 'off') return undefined;
  if (mode === 'real') return 1;
  const factor = /^x(\d+(?:\.\d+)?)$/.exec(mode)?.[1];
  if (factor !== undefined && Number(factor) > 0) return Number(factor);
  throw new Error(`quota must be real, off or xN with N a positive number (e.g. x10), not '${mode}'`);
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

export class QuotaGate {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly multiplier: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Takes a token for a request; false when the operation (or the channel) is over its rate. */
  take(operation: string, channelArn?: string): boolean {
    const perChannel = PER_CHANNEL_TPS[operation];
    const keys: [string, number][] = [[operation, OPERATION_TPS[operation] ?? DEFAULT_TPS]];
    if (perChannel !== undefined && channelArn) keys.push([`${operation} ${channelArn}`, perChannel]);
    const buckets = keys.map(([key, tps]) => ({ bucket: this.refilled(key, tps * this.multiplier), key }));
    if (buckets.some(({ bucket }) => bucket.tokens < 1)) return false;
    for (const { bucket } of buckets) bucket.tokens -= 1;
    return true;
  }

  private refilled(key: string, rate: number): Bucket {
    const capacity = Math.max(1, rate);
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: capacity, updatedAt: now };
    bucket.tokens = Math.min(capacity, bucket.tokens + ((now - bucket.updatedAt) / 1000) * rate);
    bucket.updatedAt = now;
    this.buckets.set(key, bucket);
    return bucket;
  }
}
