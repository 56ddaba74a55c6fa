/**
 * Step 1 of a day: what each channel is (ceiling, must-record, burst, quiet burst, protected, plain), when its
 * broadcast runs, and how the world file seeds it.
 */
import type { WorldChannel } from '../../../local/emulator/index.ts';
import { dayChannelArn, DAY_START, dayStreamId, iso, MINUTE, SECOND, type DayContext } from './context.ts';
import type { DayOptions } from './types.ts';

/** One channel's part in the day. */
export interface ChannelPlan {
  index: number;
  arn: string;
  streamId: string;
  /** Its broadcast, epoch ms. */
  start: number;
  end: number;
  isCeiling: boolean;
  mustRecord: boolean;
  isProtected: boolean;
  /** Takeover failures in its burst (0: none). */
  failures: number;
  /** Whether the broadcast starts during the day (else it was on the air already, seeded in the world). */
  startsToday: boolean;
  world: WorldChannel;
}

const INGEST_4K60 = {
  videoConfigurations: [{ codec: 'avc1.640033', track: 'Track0', targetBitrate: 12_000_000, targetFramerate: 60, videoHeight: 2160, videoWidth: 3840 }],
  audioConfigurations: [{ codec: 'mp4a.40.2', track: 'Track0', targetBitrate: 160_000, sampleRate: 48_000, channels: 2 }],
};

/** How many failures channel `c`'s burst has: the first channels must be recorded, the next get bursts, then quiet ones. */
function burstSize(day: DayContext, options: Required<Omit<DayOptions, 'seed'>>, c: number, isProtected: boolean): number {
  // The protected channel gets a burst too, which the guard must leave alone.
  if (isProtected) return 3;
  const burstIndex = c - options.recordingFailures;
  if (burstIndex >= 0 && burstIndex < options.bursts) return day.between(3, 4);
  if (burstIndex >= options.bursts && burstIndex < options.bursts + options.quietBursts) return 2;
  return 0;
}

/** Channel `c`'s plan. */
export function planChannel(day: DayContext, options: Required<Omit<DayOptions, 'seed'>>, c: number): ChannelPlan {
  const regular = options.channels - options.ceilingChannels;
  const isCeiling = c >= regular;
  const arn = dayChannelArn(`${isCeiling ? 'ceil' : 'day'}${String(c).padStart(3, '0')}`);
  const streamId = dayStreamId(c, 0);
  const start = DAY_START + c * 10 * MINUTE + day.between(0, 59) * SECOND;
  const end = start + day.between(180, 240) * MINUTE;
  const mustRecord = !isCeiling && c < options.recordingFailures;
  const isProtected = c === regular - 1;
  const failures = isCeiling ? 0 : burstSize(day, options, c, isProtected);
  // Most broadcasts were already on the air when the day's events begin (seeded live in the world);
  // the others start during the day, and a Stream Start costs a GetStreamSession (ingest-ceiling).
  const startsToday = isCeiling || mustRecord || c % 4 === 0;
  const session = { streamId, startTime: iso(startsToday ? start : start - day.between(10, 120) * MINUTE), truncatedEvents: [] };
  const tags = { ...(mustRecord ? { compliance: 'record-required' } : {}), ...(isProtected ? { guard: 'off' } : {}) };
  const world: WorldChannel = isCeiling
    ? { arn, name: `ceiling-${c}`, streamSessions: [{ ...session, ingestConfigurations: INGEST_4K60 }] }
    : { arn, name: `day-${c}`, tags, ...(startsToday ? {} : { streamSessions: [session] }) };
  return { index: c, arn, streamId, start, end, isCeiling, mustRecord, isProtected, failures, startsToday, world };
}
