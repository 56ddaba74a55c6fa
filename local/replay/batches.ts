/**
 * How the replay groups routed events into SQS batches and runs them, as the event source mappings do:
 * up to `batchSize` records per invocation, a batch closed once its batching window (in event time) is
 * over, and up to `maximumConcurrency` batches of a queue in flight at once.
 *
 * Decisions must not depend on it: a batch holds at most one event of a channel, and a batch runs only
 * once every earlier batch with one of its channels is done, so each channel sees its events one at a
 * time and in order, exactly as in the sequential replay. Events of different channels do not share
 * what the guard decides on (sessions, cooldowns are per channel or target), so running them together
 * changes nothing but the time it takes. The hourly action budget is the one thing they share: when it
 * runs out in a replay, which of two concurrent channels got the last action may differ from the
 * sequential replay.
 */
import type { DeliverySettings } from './delivery-settings.ts';

/** One routed event, as batching sees it. */
export interface Routed {
  /** Its place in the input. */
  index: number;
  /** The functions (queues) it is delivered to, in order. */
  functions: string[];
  /** What orders it: its channels (resources), or one shared key for events without any. */
  channels: readonly string[];
  /** Its time, ms (the batching window is in event time). */
  timeMs: number;
}

/** Records delivered together, to the same functions. */
export interface Batch {
  queue: string;
  items: Routed[];
}

/** Groups events into batches, in the order their first records arrive. */
export function planBatches(items: readonly Routed[], settings: Pick<DeliverySettings, 'batchSize' | 'maximumBatchingWindow'>): Batch[] {
  const closed: Batch[] = [];
  const open = new Map<string, { batch: Batch; channels: Set<string>; firstMs: number }>();
  for (const item of items) {
    const queue = item.functions.join('+');
    let current = open.get(queue);
    const windowOver = current !== undefined && item.timeMs - current.firstMs > settings.maximumBatchingWindow * 1000;
    if (current && (current.batch.items.length >= settings.batchSize || item.channels.some((c) => current!.channels.has(c)) || windowOver)) {
      closed.push(current.batch);
      current = undefined;
    }
    if (!current) {
      current = { batch: { queue, items: [] }, channels: new Set(), firstMs: item.timeMs };
      open.set(queue, current);
    }
    current.batch.items.push(item);
    for (const channel of item.channels) current.channels.add(channel);
  }
  closed.push(...[...open.values()].map((o) => o.batch));
  return closed.sort((a, b) => a.items[0]!.index - b.items[0]!.index);
}

/** How many batches, at most, a round looks through for ones it can run (a queue's backlog as the poller sees it). */
const LOOKAHEAD = 64;

/**
 * Splits batches into rounds that run together: a round takes, in order, each batch none of whose channels
 * is in a batch it takes or passes over, whose first record arrives within the batching window of the first
 * batch's last one, with at most `maximumConcurrency` batches of one queue.
 */
export function* planRounds(batches: readonly Batch[], settings: Pick<DeliverySettings, 'maximumConcurrency' | 'maximumBatchingWindow'>): Generator<Batch[]> {
  let window: Batch[] = [];
  let next = 0;
  for (;;) {
    while (window.length < LOOKAHEAD && next < batches.length) window.push(batches[next++]!);
    if (window.length === 0) return;
    const round: Batch[] = [];
    const later: Batch[] = [];
    const blocked = new Set<string>();
    const perQueue = new Map<string, number>();
    // Batches are in flight together only when their records arrive within one batching window.
    const lastOfFirst = window[0]!.items.at(-1)!.timeMs;
    for (const batch of window) {
      const free = batch.items.every((item) => item.channels.every((c) => !blocked.has(c)));
      const room = (perQueue.get(batch.queue) ?? 0) < settings.maximumConcurrency;
      const together = batch === window[0] || batch.items[0]!.timeMs - lastOfFirst < settings.maximumBatchingWindow * 1000;
      if (free && room && together) {
        round.push(batch);
        perQueue.set(batch.queue, (perQueue.get(batch.queue) ?? 0) + 1);
      } else {
        later.push(batch);
      }
      for (const item of batch.items) for (const channel of item.channels) blocked.add(channel);
    }
    window = later;
    yield round;
  }
}
