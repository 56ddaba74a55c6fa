/**
 * A decision as an EventBridge PutEvents entry: redacted, sized the way EventBridge sizes it, and
 * trimmed (never refused) when it would not fit. Pure: the replay report uses it without AWS.
 */
import type { PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { EVENTBRIDGE_LIMITS } from '../domain/limits.ts';
import type { DecisionRecord } from '../domain/ports.ts';
import { assertNoSecrets, redactDeep } from './redact.ts';

/** The detail-type of every audit event. */
export const AUDIT_DETAIL_TYPE = 'IVS Guard Decision';
/** The source of audit events unless configured. */
export const DEFAULT_AUDIT_SOURCE = 'ivs-guard';
/** Appended where something was cut to make the entry fit. */
export const TRUNCATED_NOTE = '…truncated';

/** Where the entry goes and under which source. */
export interface AuditEntryOptions {
  busName?: string;
  source?: string;
}

const utf8Bytes = (text: string) => Buffer.byteLength(text, 'utf8');

/**
 * The size EventBridge counts against its 256 KB limit: 14 bytes for `Time` when set, plus the UTF-8
 * bytes of `Source`, `DetailType`, `Detail` and each of `Resources`.
 */
export function entrySize(entry: PutEventsRequestEntry): number {
  const resources = (entry.Resources ?? []).reduce((sum, resource) => sum + utf8Bytes(resource), 0);
  return (entry.Time === undefined ? 0 : 14) + utf8Bytes(entry.Source ?? '') + utf8Bytes(entry.DetailType ?? '') + utf8Bytes(entry.Detail ?? '') + resources;
}

/** Whether the entry is under EventBridge's limit ("must be less than 256KB"). */
export function entryFits(entry: PutEventsRequestEntry): boolean {
  return entrySize(entry) < EVENTBRIDGE_LIMITS.maxEntryBytes;
}

/** The first `n` UTF-16 units of `text`, without splitting a surrogate pair. */
function cut(text: string, n: number): string {
  const end = n > 0 && n < text.length && /[\uD800-\uDBFF]/.test(text.charAt(n - 1)) ? n - 1 : n;
  return text.slice(0, end);
}

/** Evidence kept up to `budget` characters, the item that crosses it cut, then the note. */
function evidenceWithin(evidence: readonly string[], budget: number): string[] {
  const kept: string[] = [];
  let left = budget;
  for (const item of evidence) {
    if (left <= 0) break;
    kept.push(item.length <= left ? item : cut(item, left));
    left -= item.length;
  }
  return [...kept, TRUNCATED_NOTE];
}

/** Every string cut to `n` characters and every array to `n` items: the last resort, when evidence is not what is large. */
function capAll(value: unknown, n: number): unknown {
  if (typeof value === 'string') return value.length <= n ? value : `${cut(value, n)}${TRUNCATED_NOTE}`;
  if (Array.isArray(value)) return value.slice(0, n).map((item) => capAll(item, n));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, capAll(inner, n)]));
  return value;
}

/** The largest n in [0, high] with `fits(n)`, for a monotone `fits`; `undefined` if not even 0 fits. */
function largestFitting(high: number, fits: (n: number) => boolean): number | undefined {
  if (!fits(0)) return undefined;
  let low = 0;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (fits(mid)) low = mid;
    else high = mid - 1;
  }
  return low;
}

function trim(record: DecisionRecord, build: (detail: object) => PutEventsRequestEntry): PutEventsRequestEntry {
  const evidenceChars = record.evidence.reduce((sum, item) => sum + item.length, 0);
  const withEvidence = (n: number) => build({ ...record, evidence: evidenceWithin(record.evidence, n), truncated: true });
  const n = largestFitting(evidenceChars, (budget) => entryFits(withEvidence(budget)));
  if (n !== undefined) return withEvidence(n);

  const bare = { ...record, evidence: [TRUNCATED_NOTE], truncated: true };
  const longest = JSON.stringify(bare).length;
  const cap = largestFitting(longest, (limit) => entryFits(build(capAll(bare, limit) as object))) ?? 0;
  return build(capAll(bare, cap) as object);
}

/**
 * The PutEvents entry for one decision: detail-type `IVS Guard Decision`, `Resources` the channel ARN
 * when there is one, `Time` the decision time, `Detail` the record with secrets redacted. An entry
 * that would reach 256 KB has its evidence cut (ending with `…truncated`) and `truncated: true` set.
 */
export function auditEntry(record: DecisionRecord, options: AuditEntryOptions = {}): PutEventsRequestEntry {
  const safe = redactDeep(record);
  const time = new Date(safe.decidedAt);
  const base: PutEventsRequestEntry = {
    Source: options.source ?? DEFAULT_AUDIT_SOURCE,
    DetailType: AUDIT_DETAIL_TYPE,
    Resources: safe.channelArn === undefined ? [] : [safe.channelArn],
    ...(Number.isNaN(time.getTime()) ? {} : { Time: time }),
    ...(options.busName === undefined ? {} : { EventBusName: options.busName }),
  };
  const build = (detail: object): PutEventsRequestEntry => ({ ...base, Detail: JSON.stringify(detail) });
  const whole = build(safe);
  const entry = entryFits(whole) ? whole : trim(safe, build);
  assertNoSecrets(entry.Detail ?? '', `the audit entry of event ${safe.eventId}`);
  return entry;
}
