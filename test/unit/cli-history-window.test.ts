/**
 * `history --since` / `--until`: the forms a time takes, and a clear usage error for every other.
 */
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../local/cli/args.ts';
import { historyWindow, timeBound } from '../../local/cli/history-window.ts';

const NOW = new Date('2026-12-04T19:50:00.000Z');

describe('a time bound', () => {
  it.each([
    ['a UTC day: its start', '2026-12-04', '2026-12-04T00:00:00.000Z'],
    ['a time in UTC', '2026-12-04T19:00:00Z', '2026-12-04T19:00:00.000Z'],
    ['a time without seconds', '2026-12-04T19:00Z', '2026-12-04T19:00:00.000Z'],
    ['a time with milliseconds', '2026-12-01T23:59:59.999Z', '2026-12-01T23:59:59.999Z'],
    ['a time with an offset', '2026-12-04T20:00:00+01:00', '2026-12-04T19:00:00.000Z'],
    ['90 minutes back', '90m', '2026-12-04T18:20:00.000Z'],
    ['24 hours back', '24h', '2026-12-03T19:50:00.000Z'],
    ['7 days back', '7d', '2026-11-27T19:50:00.000Z'],
  ])('%s (%s)', (_, value, expected) => {
    expect(timeBound('--since', value, NOW).toISOString()).toBe(expected);
  });

  it.each([
    ['a day that does not exist', '2026-02-30', /^--since '2026-02-30' is not a real day or time$/],
    ['a month that does not exist', '2026-13-01T00:00:00Z', /^--since '2026-13-01T00:00:00Z' is not a real day or time$/],
    ['an hour that does not exist', '2026-12-04T25:00:00Z', /is not a real day or time/],
    ['a time without a zone', '2026-12-04T19:00:00', /^--since '2026-12-04T19:00:00' has no zone: add Z \(UTC\) or \+hh:mm$/],
    ['words', 'yesterday', /^--since takes an ISO 8601 day or time with its zone .* or a span back from now \(90m, 24h, 7d\), not 'yesterday'$/],
    ['a span in weeks', '2w', /not '2w'/],
    ['a negative span', '-1d', /not '-1d'/],
  ])('%s is a usage error naming it', (_, value, message) => {
    expect(() => timeBound('--since', value, NOW)).toThrow(UsageError);
    expect(() => timeBound('--since', value, NOW)).toThrow(message);
  });
});

describe('a window', () => {
  it('takes either bound, or both', () => {
    expect(historyWindow(undefined, undefined, NOW)).toEqual({});
    expect(historyWindow('1d', undefined, NOW)).toEqual({ since: new Date('2026-12-03T19:50:00.000Z') });
    expect(historyWindow(undefined, '2026-12-04', NOW)).toEqual({ until: new Date('2026-12-04T00:00:00.000Z') });
    expect(historyWindow('2026-12-01', '2026-12-04', NOW)).toEqual({ since: new Date('2026-12-01T00:00:00.000Z'), until: new Date('2026-12-04T00:00:00.000Z') });
  });

  it.each([
    ['until before since', '2026-12-04', '2026-12-01'],
    ['until equal to since', '2026-12-04', '2026-12-04T00:00:00Z'],
  ])('%s is a usage error', (_, since, until) => {
    expect(() => historyWindow(since, until, NOW)).toThrow(/^--since \(2026-12-04T00:00:00\.000Z\) must be before --until \(/);
  });
});
