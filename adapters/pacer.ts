/**
 * Client-side pacing of IVS calls at the documented quotas (DESIGN §5), shared by every call a container
 * makes. Each operation (and PutMetadata per channel too) has its own bucket; a call waits for its slot,
 * so a burst is spread at the quota rate instead of being answered with throttles.
 *
 * The bucket holds one request: the calls of a bucket start at least `1 / rate` apart, so in any window of
 * `t` seconds at most `1 + rate·t` of them start. A call takes the earliest time that keeps that spacing in
 * every bucket it draws from, a gap between calls reserved earlier included: a channel whose PutMetadata
 * calls are reserved a second ahead (its own 5 TPS) does not hold the account's bucket for the other
 * channels meanwhile, as one "next slot" per bucket did. Throttles never lower the rate: the only reason a paced
 * call is throttled is someone else spending the same account quota, or a random fault, and neither is
 * cured by sending less than our share. A retry takes a new slot like any call, so retries never exceed
 * the rate either.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { IVS_QUOTAS_TPS } from '../domain/limits.ts';

/** One bucket a call draws from: its key and rate (calls per second). */
export interface PaceLimit {
  key: string;
  tps: number;
}

/** The buckets an operation draws from, given its input (PutMetadata: per channel and per account). */
export type PaceRule = (input: Record<string, unknown>) => PaceLimit[];

const perAccount =
  (operation: string, tps: number): PaceRule =>
  () => [{ key: operation, tps }];

/** Every IVS and IVS real-time operation the guard calls, at its documented rate (`IVS_QUOTAS_TPS`). */
export const PACE_RULES: Readonly<Record<string, PaceRule>> = {
  GetStreamSession: perAccount('GetStreamSession', IVS_QUOTAS_TPS.GetStreamSession),
  StopStream: perAccount('StopStream', IVS_QUOTAS_TPS.StopStream),
  BatchStartViewerSessionRevocation: perAccount('BatchStartViewerSessionRevocation', IVS_QUOTAS_TPS.BatchStartViewerSessionRevocation),
  GetChannel: perAccount('GetChannel', IVS_QUOTAS_TPS.GetChannel),
  ListStreamKeys: perAccount('ListStreamKeys', IVS_QUOTAS_TPS.ListStreamKeys),
  DeleteStreamKey: perAccount('DeleteStreamKey', IVS_QUOTAS_TPS.DeleteStreamKey),
  CreateStreamKey: perAccount('CreateStreamKey', IVS_QUOTAS_TPS.CreateStreamKey),
  ListTagsForResource: perAccount('ListTagsForResource', IVS_QUOTAS_TPS.ListTagsForResource),
  GetParticipant: perAccount('GetParticipant', IVS_QUOTAS_TPS.GetParticipant),
  DisconnectParticipant: perAccount('DisconnectParticipant', IVS_QUOTAS_TPS.DisconnectParticipant),
  GetStage: perAccount('GetStage', IVS_QUOTAS_TPS.GetStage),
  ListParticipants: perAccount('ListParticipants', IVS_QUOTAS_TPS.ListParticipants),
  ListParticipantEvents: perAccount('ListParticipantEvents', IVS_QUOTAS_TPS.ListParticipantEvents),
  PutMetadata: (input) => [
    { key: 'PutMetadata', tps: IVS_QUOTAS_TPS.PutMetadataPerAccount },
    ...(typeof input.channelArn === 'string' ? [{ key: `PutMetadata ${input.channelArn}`, tps: IVS_QUOTAS_TPS.PutMetadataPerChannel }] : []),
  ],
};

/**
 * An operation with no rule is paced at the lowest documented IVS rate, so an operation added to an
 * adapter without a quota here can never run unpaced.
 */
export const UNKNOWN_OPERATION_TPS = Math.min(...Object.values(IVS_QUOTAS_TPS));

/** The buckets `operation` draws from. */
export function limitsOf(operation: string, input: Record<string, unknown> = {}): PaceLimit[] {
  return PACE_RULES[operation]?.(input) ?? [{ key: operation, tps: UNKNOWN_OPERATION_TPS }];
}

/** Clock and sleep, injected so tests run on a fake clock. */
export interface PacerOptions {
  /** Milliseconds, monotonic. Default `performance.now()`. */
  now?: () => number;
  /** Waits `ms`. Default a timer. */
  sleep?: (ms: number) => Promise<void>;
}

/** Milliseconds below which two times count as one (floating-point rounding of `start + interval`). */
const EPSILON = 1e-6;

/** Token buckets keyed by operation, at `share` × the documented rate. */
export class Pacer {
  /** Per bucket: the start times (ms, ascending) reserved within one interval of now or later. */
  private readonly reserved = new Map<string, number[]>();
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  /** `share`: the fraction of each documented rate this container may use (see `rateShareFromEnv`). */
  constructor(
    readonly share: number,
    options: PacerOptions = {},
  ) {
    if (!Number.isFinite(share) || share <= 0) throw new RangeError(`pacer share must be a positive number, not ${share}`);
    this.now = options.now ?? (() => performance.now());
    this.sleep = options.sleep ?? ((ms: number) => delay(ms));
  }

  /**
   * Reserves the earliest start, from now on, that is at least one interval (`1 / rate`) from every start
   * reserved in each bucket of `limits`, and resolves when it comes; returns how long it waited, in ms.
   */
  async acquire(limits: readonly PaceLimit[]): Promise<number> {
    const now = this.now();
    const buckets = limits.map(({ key, tps }) => {
      const interval = 1000 / (tps * this.share);
      return { times: this.reservedIn(key, now - interval), interval };
    });
    let slot = now;
    // Each clash moves the slot past a reserved start, never back, so this ends; `EPSILON` keeps a slot put
    // exactly one interval after a start (up to rounding) from clashing with that start again.
    for (let moved = true; moved; ) {
      moved = false;
      for (const { times, interval } of buckets) {
        const clash = times.find((time) => time > slot - interval + EPSILON && time < slot + interval - EPSILON);
        if (clash !== undefined) {
          slot = clash + interval;
          moved = true;
        }
      }
    }
    for (const { times } of buckets) {
      const at = times.findIndex((time) => time > slot);
      times.splice(at === -1 ? times.length : at, 0, slot);
    }
    const wait = slot - now;
    if (wait > 0) await this.sleep(wait);
    return wait;
  }

  /** The bucket's reservations, those at or before `since` dropped (they can no longer clash). */
  private reservedIn(key: string, since: number): number[] {
    let times = this.reserved.get(key);
    if (!times) {
      times = [];
      this.reserved.set(key, times);
    }
    let old = 0;
    while (old < times.length && times[old]! <= since) old += 1;
    if (old > 0) times.splice(0, old);
    return times;
  }
}

/** Why `IVS_GUARD_RATE_SHARE` cannot be used. */
export class RateShareError extends Error {
  override readonly name = 'RateShareError';
}

/**
 * `IVS_GUARD_RATE_SHARE`: the fraction of the account's documented IVS rates one container may use,
 * written as a number (`0.25`) or a fraction (`1/4`); `off` turns pacing off (only for an emulator that
 * enforces no quota). Unset: 1, the whole quota. Deployed, it is 1 over the number of containers that can
 * call the same operations at once: the sum of `maximumConcurrency` of the queues whose functions do.
 * Returns `undefined` for `off`.
 */
export function rateShareFromEnv(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const raw = env.IVS_GUARD_RATE_SHARE?.trim();
  if (raw === undefined || raw === '') return 1;
  if (raw === 'off') return undefined;
  const fraction = /^(\d+(?:\.\d+)?)\s*\/\s*(\d+(?:\.\d+)?)$/.exec(raw);
  const value = fraction ? Number(fraction[1]) / Number(fraction[2]) : /^\d+(?:\.\d+)?$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isFinite(value) || value <= 0) {
    throw new RateShareError(`IVS_GUARD_RATE_SHARE must be a positive number (0.25), a fraction (1/4) or off, not '${raw}'`);
  }
  return value;
}
