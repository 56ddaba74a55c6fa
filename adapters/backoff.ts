/**
 * Bounded retries with exponential backoff and full jitter, for the partial failures the SDK does not
 * retry itself (per-entry errors inside a 200 response: revocation pairs, PutEvents entries).
 */
import { setTimeout as delay } from 'node:timers/promises';

/** How an adapter retries partial failures. Tests pass `sleep` to run without waiting. */
export interface RetryOptions {
  /** Retries after the first attempt. Default 2. */
  maxRetries?: number;
  /** Delay cap of the first retry, doubled for each next one. Default 100 ms. */
  baseDelayMs?: number;
  /** Waits `ms`; default a timer. */
  sleep?: (ms: number) => Promise<void>;
}

/** The options with defaults applied. */
export type ResolvedRetryOptions = Required<RetryOptions>;

const MAX_DELAY_MS = 2_000;

/** Applies the defaults. */
export function resolveRetryOptions(options: RetryOptions = {}): ResolvedRetryOptions {
  return {
    maxRetries: options.maxRetries ?? 2,
    baseDelayMs: options.baseDelayMs ?? 100,
    sleep: options.sleep ?? ((ms: number) => delay(ms)),
  };
}

/** Full-jitter delay before retry number `retry` (1-based): random in [0, min(cap, base·2^(retry-1))]. */
export function backoffDelay(retry: number, baseDelayMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(MAX_DELAY_MS, baseDelayMs * 2 ** (retry - 1));
  return Math.round(random() * ceiling);
}
