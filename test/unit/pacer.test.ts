import { describe, expect, it } from 'vitest';
import { PacedRetryStrategy, SDK_RETRY_MAX_DELAY_MS } from '../../adapters/backoff.ts';
import { limitsOf, Pacer, RateShareError, rateShareFromEnv, UNKNOWN_OPERATION_TPS } from '../../adapters/pacer.ts';
import { IVS_QUOTAS_TPS } from '../../domain/limits.ts';

/** A fake clock: `sleep` parks a timer, `run` fires the timers in time order until none is left or `until`. */
class FakeClock {
  time = 0;
  private timers: Array<{ at: number; resolve: () => void }> = [];
  readonly now = () => this.time;
  readonly sleep = (ms: number) => new Promise<void>((resolve) => this.timers.push({ at: this.time + ms, resolve }));
  async run(until: number): Promise<void> {
    for (;;) {
      await new Promise((resolve) => setImmediate(resolve)); // let every woken caller reach its next sleep
      this.timers.sort((a, b) => a.at - b.at);
      const next = this.timers[0];
      if (!next || next.at > until) return;
      this.timers.shift();
      this.time = next.at;
      next.resolve();
    }
  }
}

/** A seeded PRNG (mulberry32), so a run draws the same throttles every time. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The most starts in any window of `windowMs` (each window opening at a start). */
function mostInWindow(starts: number[], windowMs: number): number {
  let most = 0;
  for (const [i, from] of starts.entries()) most = Math.max(most, starts.slice(i).filter((t) => t < from + windowMs).length);
  return most;
}

describe('the pacer never exceeds its rate', () => {
  it.each([
    ['StopStream, whole quota, 8 callers', 'StopStream', 1, 8],
    ['StopStream, a quarter share, 3 callers', 'StopStream', 0.25, 3],
    ['revocations (2 TPS), one caller', 'BatchStartViewerSessionRevocation', 1, 1],
    ['revocations, emulator x10, 20 callers', 'BatchStartViewerSessionRevocation', 10, 20],
    ['tags (10 TPS), half share, 5 callers', 'ListTagsForResource', 0.5, 5],
  ])('%s', async (_, operation, share, callers) => {
    const clock = new FakeClock();
    const pacer = new Pacer(share, clock);
    const starts: number[] = [];
    const durationMs = 20_000;
    for (let c = 0; c < callers; c += 1) {
      void (async () => {
        while (clock.time < durationMs) {
          await pacer.acquire(limitsOf(operation));
          starts.push(clock.time);
          await clock.sleep(7); // the call itself
        }
      })();
    }
    await clock.run(durationMs);
    const rate = limitsOf(operation)[0]!.tps * share;
    for (const windowMs of [1_000, 3_300, 10_000]) expect(mostInWindow(starts, windowMs)).toBeLessThanOrEqual(1 + Math.ceil((rate * windowMs) / 1000));
    // and it is not slower than the rate either, when the callers keep it busy
    expect(starts.filter((t) => t < durationMs).length).toBeGreaterThanOrEqual(Math.floor((rate * durationMs) / 1000) - 1);
  });

  // Which bucket binds depends on how many channels are busy: with a few, each channel's 5 TPS (the account's 155
  // are far off); with 40, the account's (40 × 5 > 155). Each row checks the binding one is kept and kept busy.
  it.each([
    ['3 channels: each channel is held to its own rate', 3, 'channel'],
    ['40 channels: together they are held to the account rate', 40, 'account'],
  ] as const)('paces PutMetadata per channel and per account at once: %s', async (_, channelCount, binding) => {
    const clock = new FakeClock();
    const pacer = new Pacer(1, clock);
    const starts = new Map<string, number[]>();
    const durationMs = 5_000;
    const channels = Array.from({ length: channelCount }, (_, i) => `arn:aws:ivs:us-west-2:123456789012:channel/c${i}`);
    for (const channelArn of channels) {
      for (let worker = 0; worker < 3; worker += 1) {
        void (async () => {
          while (clock.time < durationMs) {
            await pacer.acquire(limitsOf('PutMetadata', { channelArn }));
            if (clock.time < durationMs) starts.set(channelArn, [...(starts.get(channelArn) ?? []), clock.time]);
          }
        })();
      }
    }
    await clock.run(durationMs);
    const perChannel = IVS_QUOTAS_TPS.PutMetadataPerChannel;
    const perAccount = IVS_QUOTAS_TPS.PutMetadataPerAccount;
    const all = [...starts.values()].flat().sort((a, b) => a - b);
    expect(starts.size).toBe(channelCount);
    for (const times of starts.values()) {
      for (const windowMs of [1_000, 2_500]) expect(mostInWindow(times, windowMs)).toBeLessThanOrEqual(1 + Math.ceil((perChannel * windowMs) / 1000));
    }
    expect(mostInWindow(all, 1_000)).toBeLessThanOrEqual(1 + perAccount);
    if (binding === 'channel') {
      // Each channel at its own rate: without the per-channel bucket each would get a third of the account's.
      for (const times of starts.values()) expect(times.length).toBeGreaterThanOrEqual(Math.floor((perChannel * durationMs) / 1000) - 1);
    } else {
      expect(all.length).toBeGreaterThanOrEqual(Math.floor((perAccount * durationMs) / 1000) - 1);
    }
  });

  it('lets a call through at once when its bucket is idle, and keeps buckets apart', async () => {
    const clock = new FakeClock();
    const pacer = new Pacer(1, clock);
    await expect(pacer.acquire(limitsOf('StopStream'))).resolves.toBe(0);
    await expect(pacer.acquire(limitsOf('GetStreamSession'))).resolves.toBe(0);
    const second = pacer.acquire(limitsOf('StopStream'));
    await clock.run(1_000);
    await expect(second).resolves.toBe(1000 / IVS_QUOTAS_TPS.StopStream);
  });

  it('paces an operation it has no quota for at the lowest documented rate', () => {
    expect(limitsOf('SomeNewOperation')).toEqual([{ key: 'SomeNewOperation', tps: UNKNOWN_OPERATION_TPS }]);
    expect(UNKNOWN_OPERATION_TPS).toBe(IVS_QUOTAS_TPS.BatchStartViewerSessionRevocation);
  });

  it.each([0, -1, Number.NaN])('refuses a share of %s', (share) => {
    expect(() => new Pacer(share)).toThrow(/pacer share must be a positive number/);
  });
});

describe('random throttles do not collapse the send rate', () => {
  it.each([
    ['StopStream, 4 callers, 20 ms calls', 'StopStream', 4, 20],
    ['revocations, 2 callers, 50 ms calls', 'BatchStartViewerSessionRevocation', 2, 50],
    ['GetStreamSession x10 (emulator), 12 callers, 20 ms calls', 'GetStreamSession', 12, 20],
  ])('30%% throttles: %s', async (name, operation, callers, callMs) => {
    const share = name.includes('x10') ? 10 : 1;
    const clock = new FakeClock();
    const pacer = new Pacer(share, clock);
    const retries = new PacedRetryStrategy(5, seeded(7), clock.now);
    const throttled = seeded(42);
    let sent = 0;
    const durationMs = 60_000;
    for (let c = 0; c < callers; c += 1) {
      void (async () => {
        while (clock.time < durationMs) {
          let token = await retries.acquireInitialRetryToken('');
          for (;;) {
            await pacer.acquire(limitsOf(operation));
            sent += 1;
            await clock.sleep(callMs);
            if (throttled() >= 0.3) break;
            try {
              token = await retries.refreshRetryTokenForRetry(token, { errorType: 'THROTTLING' });
            } catch {
              break; // attempts spent: the record fails and SQS redelivers it
            }
            await clock.sleep(token.getRetryDelay());
          }
        }
      })();
    }
    await clock.run(durationMs);
    const quotaRate = limitsOf(operation)[0]!.tps * share;
    expect(sent / (durationMs / 1000)).toBeGreaterThanOrEqual(quotaRate * 0.5);
  });
});

describe('PacedRetryStrategy', () => {
  it.each([
    ['a throttle', 'THROTTLING', true],
    ['a timeout or dropped connection', 'TRANSIENT', true],
    ['a 5xx', 'SERVER_ERROR', true],
    ['a 4xx', 'CLIENT_ERROR', false],
  ] as const)('%s is retried: %s', async (_, errorType, retried) => {
    const strategy = new PacedRetryStrategy(3);
    const refreshed = strategy.refreshRetryTokenForRetry(await strategy.acquireInitialRetryToken(''), { errorType });
    if (retried) await expect(refreshed).resolves.toMatchObject({});
    else await expect(refreshed).rejects.toThrow(/not retried: a CLIENT_ERROR error/);
  });

  it('stops after maxAttempts attempts, with delays growing to the cap and never past it', async () => {
    const strategy = new PacedRetryStrategy(12, () => 1) // the jitter's ceiling;
    let token = await strategy.acquireInitialRetryToken('');
    const delays: number[] = [];
    for (let i = 1; i < 12; i += 1) {
      token = await strategy.refreshRetryTokenForRetry(token, { errorType: 'THROTTLING' });
      delays.push(token.getRetryDelay());
    }
    await expect(strategy.refreshRetryTokenForRetry(token, { errorType: 'THROTTLING' })).rejects.toThrow(/12 attempts spent/);
    expect(delays.slice(0, 3)).toEqual([25, 50, 100]);
    expect(Math.max(...delays)).toBe(SDK_RETRY_MAX_DELAY_MS);
  });

  it('honours a Retry-After hint up to the cap', async () => {
    const strategy = new PacedRetryStrategy(3, () => 0, () => 0);
    const first = await strategy.acquireInitialRetryToken('');
    await expect(strategy.refreshRetryTokenForRetry(first, { errorType: 'THROTTLING', retryAfterHint: new Date(300) })).resolves.toMatchObject({});
    expect((await strategy.refreshRetryTokenForRetry(first, { errorType: 'THROTTLING', retryAfterHint: new Date(300) })).getRetryDelay()).toBe(300);
    expect((await strategy.refreshRetryTokenForRetry(first, { errorType: 'THROTTLING', retryAfterHint: new Date(60_000) })).getRetryDelay()).toBe(SDK_RETRY_MAX_DELAY_MS);
  });

  it('refuses maxAttempts below 1', () => {
    expect(() => new PacedRetryStrategy(0)).toThrow(/maxAttempts must be a whole number ≥ 1, not 0/);
  });
});

describe('IVS_GUARD_RATE_SHARE', () => {
  it.each([
    [undefined, 1],
    ['1', 1],
    ['0.25', 0.25],
    ['1/4', 0.25],
    [' 1 / 6 ', 1 / 6],
    ['10', 10],
    ['off', undefined],
  ])('%s gives a share of %s', (value, expected) => {
    expect(rateShareFromEnv(value === undefined ? {} : { IVS_GUARD_RATE_SHARE: value })).toBe(expected);
  });

  it.each(['0', '-1', 'fast', '1/0', '1/', 'NaN'])('refuses %s, naming the variable', (value) => {
    expect(() => rateShareFromEnv({ IVS_GUARD_RATE_SHARE: value })).toThrow(RateShareError);
    expect(() => rateShareFromEnv({ IVS_GUARD_RATE_SHARE: value })).toThrow(`IVS_GUARD_RATE_SHARE must be a positive number (0.25), a fraction (1/4) or off, not '${value.trim()}'`);
  });
});
