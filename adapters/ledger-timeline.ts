/**
 * The ledger's time index across its day shards (rows in `ledger-items.ts`). Writers note each day's
 * shard once per container in the `shards` partition before its first row; `history` lists the shards
 * of its window there, queries them newest first until it has `limit` rows, and merges in the rows an
 * older version wrote to the one partition `actions`.
 */
import { finalError } from '../domain/errors.ts';
import { LEGACY_TIMELINE_KEY, shardItem, TIMELINE_SHARDS_KEY, timelineKeyOf, type Item } from './ledger-items.ts';
import type { LedgerTable, SortKeyRange } from './ledger-store.ts';
import { BY_TIME_INDEX } from './ledger-table.ts';

/** A span of time: from `since` (inclusive) to `until` (exclusive); an absent bound is open. */
export interface TimeWindow {
  since?: Date | undefined;
  until?: Date | undefined;
}

const TIMELINE_ATTRIBUTE = 'timelineKey';
const ORDER_ATTRIBUTE = 'timelineOrder';

/**
 * A function that makes sure the shard of a row about `at` is listed, before the row is written (so a
 * row is never in a shard `history` cannot find). It writes each shard once per `table` object, that is
 * once a day per container: one PutItem, on a row of its own.
 */
export function shardNoter(table: LedgerTable, ttlDays: number): (at: string) => Promise<void> {
  const noted = new Set<string>();
  return async (at) => {
    const shard = timelineKeyOf(at);
    if (noted.has(shard)) return;
    await table.put(shardItem(shard, ttlDays), 'shard');
    noted.add(shard);
  };
}

/** `window` checked: a final error naming a bound that is not a time; `undefined` when it holds no time at all. */
export function checkedWindow(window: TimeWindow): TimeWindow | undefined {
  for (const [name, bound] of Object.entries(window) as Array<[string, Date | undefined]>) {
    if (bound !== undefined && Number.isNaN(bound.getTime())) throw finalError(`ledger: history's ${name} is not a time`, 'ValidationException');
  }
  const { since, until } = window;
  return since !== undefined && until !== undefined && since >= until ? undefined : window;
}

/**
 * The `timelineOrder` range of `window`. Order keys are `<at>#<actionKey>`, so `<= until` leaves out the
 * rows at `until` itself, and `>= since` keeps those at `since`.
 */
export function orderRange({ since, until }: TimeWindow): SortKeyRange {
  return { attribute: ORDER_ATTRIBUTE, ...(since ? { from: since.toISOString() } : {}), ...(until ? { to: until.toISOString() } : {}) };
}

/** The range of shard names (`actions#<day>`) `window` touches. */
function shardRange({ since, until }: TimeWindow): SortKeyRange {
  const last = until ? new Date(until.getTime() - 1) : undefined;
  return {
    attribute: ORDER_ATTRIBUTE,
    ...(since ? { from: timelineKeyOf(since.toISOString()) } : {}),
    ...(last ? { to: timelineKeyOf(last.toISOString()) } : {}),
  };
}

/** Up to `limit` action rows of `window`, all channels, newest first. */
export async function timelineHistory(table: LedgerTable, window: TimeWindow, limit: number): Promise<Item[]> {
  const [sharded, legacy] = await Promise.all([
    shardedHistory(table, window, limit),
    table.queryNewestFirst(BY_TIME_INDEX, TIMELINE_ATTRIBUTE, LEGACY_TIMELINE_KEY, limit, orderRange(window)),
  ]);
  return mergeNewestFirst(sharded, legacy).slice(0, limit);
}

async function shardedHistory(table: LedgerTable, window: TimeWindow, limit: number): Promise<Item[]> {
  const shards = await table.queryNewestFirst(BY_TIME_INDEX, TIMELINE_ATTRIBUTE, TIMELINE_SHARDS_KEY, Infinity, shardRange(window));
  const rows: Item[] = [];
  // The shards are whole days, listed newest first: their rows follow each other in time.
  for (const shard of shards) {
    if (rows.length >= limit) break;
    rows.push(...(await table.queryNewestFirst(BY_TIME_INDEX, TIMELINE_ATTRIBUTE, orderOf(shard), limit - rows.length, orderRange(window))));
  }
  return rows;
}

/** Two lists each in descending `timelineOrder`, as one. */
function mergeNewestFirst(a: Item[], b: Item[]): Item[] {
  if (b.length === 0) return a;
  const merged: Item[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const takeA = j >= b.length || (i < a.length && orderOf(a[i]) >= orderOf(b[j]));
    const next = takeA ? a[i++] : b[j++];
    if (next) merged.push(next);
  }
  return merged;
}

function orderOf(item: Item | undefined): string {
  const order = item?.[ORDER_ATTRIBUTE];
  return typeof order === 'string' ? order : '';
}
