/**
 * `AuditPort` over EventBridge PutEvents: up to 10 entries a call and under 256 KB a request; entries
 * that come back with an `ErrorCode` are sent again a bounded number of times.
 */
import { PutEventsCommand, type EventBridgeClient, type PutEventsRequestEntry, type PutEventsResponse } from '@aws-sdk/client-eventbridge';
import { transientError } from '../domain/errors.ts';
import { EVENTBRIDGE_LIMITS } from '../domain/limits.ts';
import type { AuditPort, DecisionRecord } from '../domain/ports.ts';
import { guarded } from './aws-errors.ts';
import { auditEntry, entrySize } from './audit-entry.ts';
import { backoffDelay, resolveRetryOptions, type ResolvedRetryOptions, type RetryOptions } from './backoff.ts';
import { logger } from './observability.ts';

export { AUDIT_DETAIL_TYPE, DEFAULT_AUDIT_SOURCE, auditEntry, entrySize } from './audit-entry.ts';

/** The audit bus, the source of its events (default `ivs-guard`), and the retries of failed entries. */
export interface AuditOptions {
  busName: string;
  source?: string;
  retry?: RetryOptions;
}

interface FailedEntry {
  entry: PutEventsRequestEntry;
  code: string;
}

/** Entries packed into PutEvents calls: at most 10 a call, their summed size under 256 KB. */
export function packEntries(entries: readonly PutEventsRequestEntry[]): PutEventsRequestEntry[][] {
  const calls: PutEventsRequestEntry[][] = [];
  let current: PutEventsRequestEntry[] = [];
  let bytes = 0;
  for (const entry of entries) {
    const size = entrySize(entry);
    if (current.length > 0 && (current.length === EVENTBRIDGE_LIMITS.entriesPerPutEvents || bytes + size >= EVENTBRIDGE_LIMITS.maxEntryBytes)) {
      calls.push(current);
      current = [];
      bytes = 0;
    }
    current.push(entry);
    bytes += size;
  }
  if (current.length > 0) calls.push(current);
  return calls;
}

/** The entries of `sent` that failed: results are in request order; an `ErrorCode` marks a failure. */
function failedEntries(sent: readonly PutEventsRequestEntry[], output: PutEventsResponse): FailedEntry[] {
  const results = output.Entries ?? [];
  const failed = sent.flatMap((entry, index) => {
    const result = results[index];
    return result?.ErrorCode !== undefined ? [{ entry, code: result.ErrorCode }] : [];
  });
  if (failed.length > 0 || (output.FailedEntryCount ?? 0) === 0) return failed;
  // A failure count without per-entry codes: whatever has no EventId was not accepted.
  return sent.flatMap((entry, index) => (results[index]?.EventId === undefined ? [{ entry, code: 'Unknown' }] : []));
}

async function putWithRetries(client: EventBridgeClient, entries: PutEventsRequestEntry[], retry: ResolvedRetryOptions): Promise<FailedEntry[]> {
  let pending = entries;
  for (let attempt = 0; ; attempt += 1) {
    if (attempt > 0) await retry.sleep(backoffDelay(attempt, retry.baseDelayMs));
    const output = await guarded('EventBridge PutEvents', () => client.send(new PutEventsCommand({ Entries: pending })));
    const failed = failedEntries(pending, output);
    if (failed.length === 0 || attempt >= retry.maxRetries) return failed;
    logger.warn('Retrying failed audit entries', { entries: failed.length, codes: [...new Set(failed.map((f) => f.code))], retry: attempt + 1 });
    pending = failed.map((f) => f.entry);
  }
}

async function publish(client: EventBridgeClient, decisions: readonly DecisionRecord[], options: AuditOptions, retry: ResolvedRetryOptions): Promise<void> {
  const entryOptions = options.source === undefined ? { busName: options.busName } : { busName: options.busName, source: options.source };
  const entries = decisions.map((decision) => auditEntry(decision, entryOptions));
  const failed: FailedEntry[] = [];
  // Every call is made even after one fails, so as much as possible is published before the error.
  for (const call of packEntries(entries)) failed.push(...(await putWithRetries(client, call, retry)));
  if (failed.length > 0) {
    const codes = [...new Set(failed.map((f) => f.code))].join(', ');
    throw transientError(`EventBridge PutEvents: ${failed.length} of ${entries.length} audit entries failed after ${retry.maxRetries + 1} attempts (${codes})`, 'PutEventsFailedEntries');
  }
}

/** The audit adapter: publishes each decision as an `IVS Guard Decision` event on `options.busName`. */
export function auditAdapter(client: EventBridgeClient, options: AuditOptions): AuditPort {
  const retry = resolveRetryOptions(options.retry);
  return { publish: (decisions) => publish(client, decisions, options, retry) };
}
