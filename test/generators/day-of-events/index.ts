/**
 * A seeded, repeatable day of IVS events over many channels, with the world it happens in, for replays under
 * faults: stream sessions full of ordinary events, takeover-failure bursts that cross the stream-key-leak
 * threshold (and some that stay below it), broadcasts above the ingest ceiling, recording failures on
 * channels that must be recorded, revocation requests, and malformed events that each break one named field.
 *
 * Made in four steps, each a module here: plan the channels (channels.ts), play each broadcast
 * (broadcast.ts), add the revocation requests (revocations.ts) and the malformed events (malformed.ts).
 * The events themselves come from the project's event builders (local/event-builders.ts).
 *
 * @example
 * ```ts
 * const day = dayOfEvents({ seed: 4242, channels: 10, malformed: 0 });
 * // day.events in time order, day.world for the emulator, day.bursts that must each stop their stream once
 * ```
 */
import { broadcast } from './broadcast.ts';
import { planChannel } from './channels.ts';
import { DayContext } from './context.ts';
import { malformedEvents } from './malformed.ts';
import { revocations } from './revocations.ts';
import type { Day, DayOptions } from './types.ts';

export { DAY_ACCOUNT, DAY_REGION, dayChannelArn, dayStreamId } from './context.ts';
export type { Day, DayBurst, DayEvent, DayEventKind, DayOptions } from './types.ts';

const DEFAULTS: Required<Omit<DayOptions, 'seed'>> = {
  channels: 40,
  ceilingChannels: 4,
  bursts: 5,
  quietBursts: 2,
  recordingFailures: 2,
  starvations: 22,
  revocations: 6,
  malformed: 60,
};

/** The day `options.seed` makes: the same seed and options give the same day. */
export function dayOfEvents({ seed, ...given }: DayOptions): Day {
  const options = { ...DEFAULTS, ...given };
  const day = new DayContext(seed);
  const result: Day = { events: [], world: { channels: [] }, bursts: [], protectedChannels: [], ceilingChannels: [], mustRecordChannels: [] };
  const regularArns: string[] = [];

  for (let c = 0; c < options.channels; c += 1) {
    const plan = planChannel(day, options, c);
    result.world.channels.push(plan.world);
    (plan.isCeiling ? result.ceilingChannels : regularArns).push(plan.arn);
    if (plan.mustRecord) result.mustRecordChannels.push(plan.arn);
    if (plan.isProtected) result.protectedChannels.push(plan.arn);
    const burst = broadcast(day, plan, options.starvations);
    if (burst) result.bursts.push(burst);
  }
  revocations(day, options.revocations, regularArns, result.protectedChannels[0]);
  malformedEvents(day, options.malformed);
  return { ...result, events: day.inTimeOrder() };
}
