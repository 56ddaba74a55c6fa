/**
 * Step 2 of a day: the events of one channel's broadcast: its start (when it starts today), the ordinary life
 * that needs no IVS call (starvations, bitrate breaches, an accepted takeover), its takeover-failure burst,
 * and its end.
 */
import { MINUTE, SECOND, type DayContext } from './context.ts';
import type { ChannelPlan } from './channels.ts';
import type { DayBurst } from './types.ts';

function startEvents(day: DayContext, { arn, streamId, start, isCeiling, mustRecord }: ChannelPlan): void {
  day.push(start, { kind: 'ordinary', raw: day.state('Session Created', arn, streamId, start) });
  day.push(start + 2 * SECOND, { kind: isCeiling ? 'ceiling-start' : 'stream-start', raw: day.state('Stream Start', arn, streamId, start + 2 * SECOND) });
  day.push(start + 5 * SECOND, {
    kind: mustRecord ? 'recording-failure' : 'ordinary',
    raw: day.recording(mustRecord ? 'Recording Start Failure' : 'Recording Start', arn, streamId, start + 5 * SECOND),
  });
}

function ordinaryLife(day: DayContext, { arn, streamId, start, end }: ChannelPlan, starvations: number): void {
  for (let h = 0; h < starvations; h += 1) {
    const at = start + 10 * MINUTE + Math.floor((h * (end - start - 20 * MINUTE)) / starvations) + day.between(0, 120) * SECOND;
    const over = at + day.between(5, 40) * SECOND;
    day.push(at, { kind: 'ordinary', raw: day.health('Starvation Start', arn, streamId, at) });
    day.push(over, { kind: 'ordinary', raw: day.health('Starvation End', arn, streamId, over) });
  }
  for (let b = 0; b < 3; b += 1) {
    const at = start + day.between(12, 170) * MINUTE;
    day.push(at, { kind: 'ordinary', raw: day.bitrateBreach(arn, streamId, at, day.between(1, 2000)) });
  }
  if (day.coin()) {
    const at = start + day.between(20, 170) * MINUTE;
    day.push(at, { kind: 'ordinary', raw: day.state('Stream Takeover', arn, streamId, at) });
  }
}

/** The channel's takeover failures, 40 to 140 s apart, alternating the two codes IVS sends. */
function takeoverBurst(day: DayContext, { index, arn, streamId, start, failures }: ChannelPlan): DayBurst {
  const burst: DayBurst = { id: `burst-${index}`, channelArn: arn, streamId, failures };
  let at = start + day.between(25, 120) * MINUTE;
  for (let f = 0; f < failures; f += 1) {
    const code = f % 2 === 0 ? 'StreamTakeoverInvalidPriority' : 'StreamTakeoverLimitBreached';
    day.push(at, { kind: 'takeover-failure', burst: burst.id, raw: day.state('Stream Takeover Failure', arn, streamId, at, { code }) });
    at += day.between(40, 140) * SECOND;
  }
  return burst;
}

function endEvents(day: DayContext, { arn, streamId, end, mustRecord }: ChannelPlan): void {
  day.push(end - 5 * SECOND, { kind: 'ordinary', raw: day.recording(mustRecord ? 'Recording End Failure' : 'Recording End', arn, streamId, end - 5 * SECOND) });
  day.push(end, { kind: 'ordinary', raw: day.state('Stream End', arn, streamId, end) });
  day.push(end + 10 * SECOND, { kind: 'ordinary', raw: day.state('Session Ended', arn, streamId, end + 10 * SECOND) });
}

/** Adds the broadcast's events to the day; returns its burst, if it has one. */
export function broadcast(day: DayContext, plan: ChannelPlan, starvations: number): DayBurst | undefined {
  if (plan.startsToday) startEvents(day, plan);
  ordinaryLife(day, plan, starvations);
  const burst = plan.failures > 0 ? takeoverBurst(day, plan) : undefined;
  endEvents(day, plan);
  return burst;
}
