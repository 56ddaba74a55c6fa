/**
 * Puts events on an event bus the way IVS does: PutEvents, at most 10 entries a call, keeping each
 * event's source, detail-type, resources, detail and time.
 */
import type { EventBridgeClient} from '@aws-sdk/client-eventbridge';
import { PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { isRecord } from '../../domain/defined.ts';

/** EventBridge's limit of entries in one PutEvents call. */
export const MAX_ENTRIES_PER_PUT = 10;

/** One event that was not put, and why. */
export interface PublishFailure {
  readonly origin: string;
  readonly reason: string;
}

/** The PutEvents entry of one EventBridge event, or the reason it cannot be one. */
export function toEntry(raw: unknown, busName: string): PutEventsRequestEntry | string {
  if (!isRecord(raw)) return 'not a JSON object';
  const source = raw.source;
  const detailType = raw['detail-type'];
  if (typeof source !== 'string' || source === '') return 'no "source"';
  if (typeof detailType !== 'string' || detailType === '') return 'no "detail-type"';
  if (!isRecord(raw.detail)) return '"detail" is not a JSON object';
  const resources = Array.isArray(raw.resources) ? raw.resources : [];
  if (!resources.every((r): r is string => typeof r === 'string')) return '"resources" holds something other than strings';
  const time = typeof raw.time === 'string' ? new Date(raw.time) : undefined;
  if (time && Number.isNaN(time.getTime())) return `"time" is not a date: ${String(raw.time)}`;
  return { EventBusName: busName, Source: source, DetailType: detailType, Resources: resources, Detail: JSON.stringify(raw.detail), ...(time ? { Time: time } : {}) };
}

/** Puts `events` in calls of at most 10; returns the events EventBridge refused, with its reason. */
export async function publishEvents(client: EventBridgeClient, events: readonly { raw: unknown; origin: string }[], busName = 'default'): Promise<{ put: number; failures: PublishFailure[] }> {
  const failures: PublishFailure[] = [];
  const ready: { entry: PutEventsRequestEntry; origin: string }[] = [];
  for (const event of events) {
    const entry = toEntry(event.raw, busName);
    if (typeof entry === 'string') failures.push({ origin: event.origin, reason: entry });
    else ready.push({ entry, origin: event.origin });
  }
  let put = 0;
  for (let i = 0; i < ready.length; i += MAX_ENTRIES_PER_PUT) {
    const chunk = ready.slice(i, i + MAX_ENTRIES_PER_PUT);
    const answer = await client.send(new PutEventsCommand({ Entries: chunk.map((c) => c.entry) }));
    (answer.Entries ?? []).forEach((result, j) => {
      if (result.ErrorCode) failures.push({ origin: chunk[j]?.origin ?? '?', reason: `${result.ErrorCode}: ${result.ErrorMessage ?? ''}` });
      else put += 1;
    });
  }
  return { put, failures };
}
