/**
 * BatchStartViewerSessionRevocation over any number of pairs: merged, validated, packed 20 to a call,
 * per-pair errors mapped back to their pairs, retryable ones retried with backoff.
 */
import { BatchStartViewerSessionRevocationCommand, type IvsClient } from '@aws-sdk/client-ivs';
import type { ViewerSessionPair } from '../domain/events/types.ts';
import type { RevocationResult } from '../domain/ports.ts';
import { IVS_LIMITS, IVS_PATTERNS, IVS_QUOTAS_TPS } from '../domain/limits.ts';
import { guarded, isRetryableCode, noteUnanswered } from './aws-errors.ts';
import { backoffDelay, type ResolvedRetryOptions } from './backoff.ts';
import { redact } from './redact.ts';
import { logger } from './observability.ts';

type Failure = RevocationResult['failed'][number];

/** `viewerSessionVersionsLessThanOrEqualTo` is a Smithy `integer` (32-bit) with min 0 in the API model. */
const MAX_VERSION = 2 ** 31 - 1;
/** Spacing between calls, so one batch does not spend the account's 2 TPS on throttles. */
const CALL_INTERVAL_MS = Math.ceil(1000 / IVS_QUOTAS_TPS.BatchStartViewerSessionRevocation);

const keyOf = (channelArn: string, viewerId: string) => JSON.stringify([channelArn, viewerId]);

/**
 * One pair per (channel, viewer), keeping the highest version: revoking versions ≤ v covers every
 * smaller v, and the API reports errors by (channel, viewer) only, so duplicates could not be told apart.
 */
export function mergePairs(pairs: readonly ViewerSessionPair[]): ViewerSessionPair[] {
  const merged = new Map<string, ViewerSessionPair>();
  for (const pair of pairs) {
    const key = keyOf(pair.channelArn, pair.viewerId);
    const seen = merged.get(key);
    if (seen === undefined || pair.viewerSessionVersionsLessThanOrEqualTo > seen.viewerSessionVersionsLessThanOrEqualTo) {
      merged.set(key, { channelArn: pair.channelArn, viewerId: pair.viewerId, viewerSessionVersionsLessThanOrEqualTo: pair.viewerSessionVersionsLessThanOrEqualTo });
    }
  }
  return [...merged.values()];
}

/** Why the API would reject the pair (so one bad pair cannot fail a whole call of 20), or `undefined`. */
export function invalidPairReason(pair: ViewerSessionPair): string | undefined {
  if (!IVS_PATTERNS.channelArn.test(pair.channelArn)) return 'channelArn is not an IVS channel ARN';
  if (pair.viewerId.length < 1 || pair.viewerId.length > IVS_LIMITS.viewerIdMaxLength) return `viewerId must be 1 to ${IVS_LIMITS.viewerIdMaxLength} characters`;
  const version = pair.viewerSessionVersionsLessThanOrEqualTo;
  if (!Number.isInteger(version) || version < 0 || version > MAX_VERSION) return `viewerSessionVersionsLessThanOrEqualTo must be an integer from 0 to ${MAX_VERSION}`;
  return undefined;
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}

/** One pass over `pairs`, 20 a call; the failures reported pair by pair, and the pairs sent again after a lost answer. A whole-call error throws. */
async function sendAll(client: IvsClient, pairs: readonly ViewerSessionPair[], retry: ResolvedRetryOptions, resent: { pairs: number }): Promise<Failure[]> {
  const failures: Failure[] = [];
  const calls = chunk(pairs, IVS_LIMITS.revocationPairsPerCall);
  for (const [index, viewerSessions] of calls.entries()) {
    if (index > 0) await retry.sleep(CALL_INTERVAL_MS);
    const command = new BatchStartViewerSessionRevocationCommand({ viewerSessions });
    const attempts = noteUnanswered(command);
    const output = await guarded('IVS BatchStartViewerSessionRevocation', () => client.send(command));
    // The SDK sent the call again after an answer was lost: IVS may have revoked these pairs twice (harmless).
    if (attempts.unanswered) resent.pairs += viewerSessions.length;
    const sent = new Map(viewerSessions.map((pair) => [keyOf(pair.channelArn, pair.viewerId), pair]));
    for (const error of output.errors ?? []) {
      const pair = sent.get(keyOf(error.channelArn ?? '', error.viewerId ?? ''));
      if (pair === undefined) {
        logger.warn('Revocation error for a pair that was not sent', { channelArn: error.channelArn, code: error.code });
        continue;
      }
      failures.push({ pair, code: error.code ?? 'UnknownError', message: redact(error.message ?? ''), retryable: isRetryableCode(error.code) });
    }
  }
  return failures;
}

/** Revokes the sessions of every pair; see `IvsPort.revokeViewerSessions`. */
export async function revokeViewerSessions(client: IvsClient, pairs: readonly ViewerSessionPair[], retry: ResolvedRetryOptions): Promise<RevocationResult> {
  const invalid: Failure[] = [];
  const valid: ViewerSessionPair[] = [];
  for (const pair of mergePairs(pairs)) {
    const reason = invalidPairReason(pair);
    if (reason === undefined) valid.push(pair);
    else invalid.push({ pair, code: 'ValidationException', message: reason, retryable: false });
  }

  const failed: Failure[] = [];
  const resent = { pairs: 0 };
  let pending: ViewerSessionPair[] = valid;
  for (let attempt = 0; pending.length > 0; attempt += 1) {
    if (attempt > 0) await retry.sleep(backoffDelay(attempt, retry.baseDelayMs));
    const failures = await sendAll(client, pending, retry, resent);
    const again = attempt < retry.maxRetries ? failures.filter((failure) => failure.retryable) : [];
    failed.push(...failures.filter((failure) => !again.includes(failure)));
    pending = again.map((failure) => failure.pair);
    if (again.length > 0) logger.warn('Retrying viewer session revocations', { pairs: again.length, codes: [...new Set(again.map((f) => f.code))], retry: attempt + 1 });
  }

  const result = { revoked: valid.length - failed.length, failed: [...invalid, ...failed], ...(resent.pairs > 0 ? { resent: resent.pairs } : {}) };
  logger.info('Viewer sessions revoked', { requested: pairs.length, revoked: result.revoked, failed: result.failed.length });
  return result;
}
