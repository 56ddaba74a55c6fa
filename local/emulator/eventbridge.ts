/**
 * A minimal EventBridge `PutEvents` (AWS JSON 1.1), so the guard's audit adapter publishes over real
 * HTTP during a replay. Accepted entries are kept; the limits are EventBridge's: 1 to 10 entries, a
 * total entry size under 256 KB (ValidationException), and per-entry failures in `Entries`.
 */
import { EVENTBRIDGE_LIMITS } from '../../domain/limits.ts';
import { ApiError } from './errors.ts';
import type { Random } from './prng.ts';
import { randomUuid } from './prng.ts';
import type { PublishedEntry } from './types.ts';
import { isRecord } from './validate.ts';

/** HTTP statuses of the JSON 1.1 errors it answers (throttling is a 400 in this protocol). */
export const EVENTBRIDGE_ERROR_STATUS: Record<string, number> = {
  ValidationException: 400,
  SerializationException: 400,
  ThrottlingException: 400,
  UnknownOperationException: 400,
  InternalException: 500,
};

type ResultEntry = { EventId: string } | { ErrorCode: string; ErrorMessage: string };

export function putEvents(input: unknown, published: PublishedEntry[], random: Random, now: () => string): { FailedEntryCount: number; Entries: ResultEntry[] } {
  const entries = isRecord(input) ? input.Entries : undefined;
  if (!Array.isArray(entries)) throw new ApiError('ValidationException', "1 validation error detected: Value null at 'entries' failed to satisfy constraint: Member must not be null");
  if (entries.length < 1 || entries.length > EVENTBRIDGE_LIMITS.entriesPerPutEvents) {
    throw new ApiError(
      'ValidationException',
      `1 validation error detected: Value '[...]' at 'entries' failed to satisfy constraint: Member must have length ${entries.length < 1 ? 'greater than or equal to 1' : `less than or equal to ${EVENTBRIDGE_LIMITS.entriesPerPutEvents}`}`,
    );
  }
  const size = entries.reduce((total: number, entry) => total + entrySize(entry), 0);
  if (size > EVENTBRIDGE_LIMITS.maxEntryBytes) throw new ApiError('ValidationException', 'Total size of the entries in the request is over the limit.');

  const results = entries.map((entry): ResultEntry => {
    const failure = entryFailure(entry);
    if (failure) return failure;
    const e = entry as Record<string, unknown>;
    const accepted: PublishedEntry = {
      EventId: randomUuid(random),
      Source: e.Source as string,
      DetailType: e.DetailType as string,
      Detail: e.Detail as string,
      Resources: Array.isArray(e.Resources) ? e.Resources.filter((r): r is string => typeof r === 'string') : [],
      ...(typeof e.EventBusName === 'string' ? { EventBusName: e.EventBusName } : {}),
      Time: timeOf(e.Time) ?? now(),
    };
    published.push(accepted);
    return { EventId: accepted.EventId };
  });
  return { FailedEntryCount: results.filter((r) => 'ErrorCode' in r).length, Entries: results };
}

/** The entry size EventBridge counts: Time (14), Source, DetailType, Detail and Resources, in UTF-8 bytes. */
function entrySize(entry: unknown): number {
  if (!isRecord(entry)) return 0;
  const bytes = (v: unknown): number => (typeof v === 'string' ? Buffer.byteLength(v, 'utf8') : 0);
  const resources = Array.isArray(entry.Resources) ? entry.Resources.reduce((n: number, r) => n + bytes(r), 0) : 0;
  return (entry.Time !== undefined ? 14 : 0) + bytes(entry.Source) + bytes(entry.DetailType) + bytes(entry.Detail) + resources;
}

function entryFailure(entry: unknown): ResultEntry | undefined {
  const e = isRecord(entry) ? entry : {};
  for (const field of ['Source', 'DetailType', 'Detail'] as const) {
    if (typeof e[field] !== 'string' || e[field] === '') {
      return { ErrorCode: 'InvalidArgument', ErrorMessage: `Parameter ${field} is not valid. Reason: ${field} is a required argument.` };
    }
  }
  if (!isJsonObject(e.Detail as string)) return { ErrorCode: 'InvalidArgument', ErrorMessage: 'Parameter Detail is not valid. Reason: Detail is malformed.' };
  if ((e.Source as string).startsWith('aws.')) return { ErrorCode: 'NotAuthorizedForSourceException', ErrorMessage: 'Not authorized for the source.' };
  return undefined;
}

function isJsonObject(text: string): boolean {
  try {
    return isRecord(JSON.parse(text));
  } catch {
    return false;
  }
}

/** JSON 1.1 sends timestamps as epoch seconds. */
function timeOf(value: unknown): string | undefined {
  const date = typeof value === 'number' ? new Date(value * 1000) : typeof value === 'string' ? new Date(value) : undefined;
  return date && !Number.isNaN(date.getTime()) ? date.toISOString() : undefined;
}
