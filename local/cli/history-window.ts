/**
 * `history --since` and `--until`: a time as ISO 8601 (`2026-12-04`, a UTC day's start, or
 * `2026-12-04T19:00:00Z` with its zone) or a span back from now (`90m`, `24h`, `7d`).
 */
import { UsageError } from './args.ts';

/** `since` (inclusive) and `until` (exclusive), when given. */
export interface HistoryWindow {
  since?: Date;
  until?: Date;
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i;
const AGO = /^(\d+)(m|h|d)$/;
const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const FORMS = "an ISO 8601 day or time with its zone (2026-12-04, 2026-12-04T19:00:00Z) or a span back from now (90m, 24h, 7d)";

/** One bound, named `option` in errors; `now` for the spans. */
export function timeBound(option: string, value: string, now: Date): Date {
  const ago = AGO.exec(value);
  if (ago) return new Date(now.getTime() - Number(ago[1]) * UNIT_MS[ago[2] as keyof typeof UNIT_MS]);
  if (ISO_DAY.test(value) || ISO_TIME.test(value)) {
    const day = value.slice(0, 10);
    const time = new Date(ISO_DAY.test(value) ? `${day}T00:00:00Z` : value);
    // `Date` rolls 2026-02-30 over to March: a day that does not exist is an error, not another day.
    if (Number.isNaN(time.getTime()) || !isRealDay(day)) {
      throw new UsageError(`${option} '${value}' is not a real day or time`);
    }
    return time;
  }
  if (/^\d{4}-\d{2}-\d{2}T[\d:.]+$/.test(value)) throw new UsageError(`${option} '${value}' has no zone: add Z (UTC) or +hh:mm`);
  throw new UsageError(`${option} takes ${FORMS}, not '${value}'`);
}

function isRealDay(day: string): boolean {
  const start = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(start.getTime()) && start.toISOString().startsWith(day);
}

/** The window of `--since` and `--until`; a UsageError when it holds no time. */
export function historyWindow(since: string | undefined, until: string | undefined, now: Date): HistoryWindow {
  const window: HistoryWindow = {
    ...(since === undefined ? {} : { since: timeBound('--since', since, now) }),
    ...(until === undefined ? {} : { until: timeBound('--until', until, now) }),
  };
  if (window.since && window.until && window.since >= window.until) {
    throw new UsageError(`--since (${window.since.toISOString()}) must be before --until (${window.until.toISOString()})`);
  }
  return window;
}
