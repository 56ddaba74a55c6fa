/**
 * Bounded retries with exponential backoff and full jitter: `PacedRetryStrategy` for every SDK call,
 * and `backoffDelay` for the partial failures the SDK does not retry itself (per-entry errors inside a
 * 200 response: revocation pairs, PutEvents entries).
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

/** The first retry's delay cap for SDK calls; doubled for each next one, up to `SDK_RETRY_MAX_DELAY_MS`. */
export const SDK_RETRY_BASE_DELAY_MS = 25;
/** No SDK retry waits longer than this, whatever the attempt or a `Retry-After` says. */
export const SDK_RETRY_MAX_DELAY_MS = 1_000;

/** What the SDK's retry middleware says of a failed attempt (`RetryErrorInfo`, kept to what is read). */
export interface SdkRetryErrorInfo {
  errorType: 'TRANSIENT' | 'THROTTLING' | 'SERVER_ERROR' | 'CLIENT_ERROR';
  retryAfterHint?: Date;
}

/** The SDK's retry token: how many retries so far, and the delay before the next one. */
export interface SdkRetryToken {
  getRetryCount(): number;
  getRetryDelay(): number;
}

const RETRIED: ReadonlySet<SdkRetryErrorInfo['errorType']> = new Set(['THROTTLING', 'TRANSIENT', 'SERVER_ERROR']);

/**
 * The SDK retry strategy of every client (the SDK's `RetryStrategyV2`): throttles, timeouts, dropped
 * connections and 5xx are retried up to `maxAttempts` attempts in all, after a full-jitter delay of
 * at most 25 ms, 50 ms, 100 ms … 1 s. It keeps no state between calls: unlike the SDK's adaptive mode,
 * whose client-side rate falls with every throttle and recovers slowly, random throttles cannot lower
 * the rate of later calls. What keeps the guard within the IVS quotas is the pacer (adapters/pacer.ts),
 * which every attempt goes through; the short delay only spreads retries that collide.
 */
export class PacedRetryStrategy {
  /** `maxAttempts`: attempts per call, the first included (at least 1). */
  constructor(
    private readonly maxAttempts: number,
    private readonly random: () => number = Math.random,
    private readonly now: () => number = () => Date.now(),
  ) {
    if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new RangeError(`maxAttempts must be a whole number ≥ 1, not ${maxAttempts}`);
  }

  /** The token of a call's first attempt. */
  acquireInitialRetryToken(_scope: string): Promise<SdkRetryToken> {
    return Promise.resolve(token(0, 0));
  }

  /** The token of the next attempt, or a rejection when the error is final or the attempts are spent. */
  refreshRetryTokenForRetry(previous: SdkRetryToken, error: SdkRetryErrorInfo): Promise<SdkRetryToken> {
    const retry = previous.getRetryCount() + 1;
    if (!RETRIED.has(error.errorType)) return Promise.reject(new Error(`not retried: a ${error.errorType} error`));
    if (retry >= this.maxAttempts) return Promise.reject(new Error(`not retried: ${this.maxAttempts} attempts spent`));
    const jittered = Math.round(this.random() * Math.min(SDK_RETRY_MAX_DELAY_MS, SDK_RETRY_BASE_DELAY_MS * 2 ** (retry - 1)));
    const hinted = error.retryAfterHint ? error.retryAfterHint.getTime() - this.now() : 0;
    return Promise.resolve(token(retry, Math.min(SDK_RETRY_MAX_DELAY_MS, Math.max(jittered, hinted))));
  }

  /** Nothing to record: a success changes no later call. */
  recordSuccess(_token: SdkRetryToken): void {}
}

function token(count: number, delayMs: number): SdkRetryToken {
  return { getRetryCount: () => count, getRetryDelay: () => delayMs };
}
