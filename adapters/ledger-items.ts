/**
 * The rows of the ledger table and how a `LedgerEntry` maps onto one. The kinds, told apart by `sk`:
 *
 * | row       | pk                           | sk          | attributes                                                        |
 * |-----------|------------------------------|-------------|-------------------------------------------------------------------|
 * | action    | `action#<actionKey>`         | `action`    | the `LedgerEntry` fields; `timelineKey` (its day's shard), `timelineOrder`, `channelKey` for `history` |
 * | cooldown  | `cooldown#<type>#<target>`   | `cooldown`  | type, target, eventId (the holder), takenAt, until                |
 * | budget    | `budget#<yyyy-mm-ddThh>`     | `budget`    | window, used (atomic counter), limit                              |
 * | alert     | `alert#<yyyy-mm-ddThh>`      | `alert`     | window, limit, at, eventId: written once, by the first refusal    |
 * | published | `published#<eventId>`        | `published` | eventId, at (absent while only claimed), claimant, leaseUntil     |
 * | shard     | `shard#actions#<yyyy-mm-dd>` | `shard`     | `timelineKey` `shards`, `timelineOrder` the shard: the `by-time` shards that exist |
 *
 * The `by-time` index is sharded by UTC day (`actions#2026-12-04`), so that no partition holds every
 * action; the `shards` partition lists the days, so `history` queries only shards that exist. Rows an
 * older version wrote keep the one partition `actions` (`LEGACY_TIMELINE_KEY`), which `history` reads too.
 *
 * Every row carries `expiresAt` (TTL, epoch seconds): `ttlDays` after the time it is about.
 * Times are stored as `Date#toISOString()` strings, so comparing them as strings compares the times.
 */
import { createHash } from 'node:crypto';
import type { ActionType } from '../domain/actions/index.ts';
import type { Mode } from '../domain/decision.ts';
import { finalError } from '../domain/errors.ts';
import type { LedgerEntry } from '../domain/ports.ts';
import { TTL_ATTRIBUTE } from './ledger-table.ts';

/** The `by-time` partition of every action row written before the index was sharded by day. */
export const LEGACY_TIMELINE_KEY = 'actions';
/** The `by-time` partition that lists the day shards (`actions#<yyyy-mm-dd>`) that have rows. */
export const TIMELINE_SHARDS_KEY = 'shards';

/** Partition keys above this length are hashed (DynamoDB allows 2048 bytes; a revocation's target lists channels). */
const MAX_PLAIN_KEY_LENGTH = 1024;

/** The primary key of a row. */
export type Key = { pk: string; sk: string };
/** A row as the document client reads and writes it. */
export type Item = Record<string, unknown>;

function key(kind: string, id: string): Key {
  const pk = `${kind}#${id}`;
  return { pk: pk.length <= MAX_PLAIN_KEY_LENGTH ? pk : `${kind}#sha256:${createHash('sha256').update(id).digest('hex')}`, sk: kind };
}

/** The keys of the four row kinds (see the table above). */
export const actionKeyOf = (actionKey: string): Key => key('action', actionKey);
export const cooldownKeyOf = (type: ActionType, target: string): Key => key('cooldown', `${type}#${target}`);
export const budgetKeyOf = (window: string): Key => key('budget', window);
export const alertKeyOf = (window: string): Key => key('alert', window);
export const publishedKeyOf = (eventId: string): Key => key('published', eventId);
export const shardKeyOf = (shard: string): Key => key('shard', shard);

/** The UTC hour `now` falls in, e.g. `2026-11-20T19`: the budget's window. */
export function hourWindow(now: Date): string {
  return now.toISOString().slice(0, 13);
}

/** The `by-time` shard of a row about `iso`: its UTC day, e.g. `actions#2026-12-04`. */
export function timelineKeyOf(iso: string): string {
  return `${LEGACY_TIMELINE_KEY}#${normalizedTime(iso).slice(0, 10)}`;
}

/**
 * The row that lists `shard` in the `shards` partition. It expires with the last row the shard can
 * hold: `ttlDays` after the end of its day.
 */
export function shardItem(shard: string, ttlDays: number): Item {
  const day = shard.slice(LEGACY_TIMELINE_KEY.length + 1);
  const endOfDay = new Date(`${day}T23:59:59.999Z`);
  return { ...shardKeyOf(shard), timelineKey: TIMELINE_SHARDS_KEY, timelineOrder: shard, [TTL_ATTRIBUTE]: expiresAt(endOfDay, ttlDays) };
}

/** `iso` in `toISOString` form, so that string order is time order; a final error when it is not a time. */
export function normalizedTime(iso: string): string {
  const time = new Date(iso);
  if (Number.isNaN(time.getTime())) throw finalError(`ledger: "${iso}" is not an ISO 8601 time`, 'ValidationException');
  return time.toISOString();
}

/** The TTL of a row about `time`: `ttlDays` later, in epoch seconds. */
export function expiresAt(time: string | Date, ttlDays: number): number {
  const ms = typeof time === 'string' ? new Date(normalizedTime(time)).getTime() : time.getTime();
  return Math.floor(ms / 1000) + Math.round(ttlDays * 86_400);
}

/** `history` order: newest first, then by action key (descending), as the indexes' sort key orders it. */
export function timelineOrderOf(entry: Pick<LedgerEntry, 'at' | 'actionKey'>): string {
  return `${normalizedTime(entry.at)}#${entry.actionKey}`;
}

/** The action row of `entry`. */
export function actionItem(entry: LedgerEntry, ttlDays: number): Item {
  return {
    ...actionKeyOf(entry.actionKey),
    ...entryFields(entry),
    timelineKey: timelineKeyOf(entry.at),
    timelineOrder: timelineOrderOf(entry),
    ...(entry.channelArn === undefined ? {} : { channelKey: channelKeyOf(entry.channelArn) }),
    [TTL_ATTRIBUTE]: expiresAt(entry.at, ttlDays),
  };
}

/** The `by-channel` partition of a channel's actions. */
export function channelKeyOf(channelArn: string): string {
  return `channel#${channelArn}`;
}

function entryFields(entry: LedgerEntry): LedgerEntry {
  const { actionKey, eventId, policy, mode, type, target, channelArn, status, reason, evidence, at } = entry;
  return {
    actionKey, eventId, policy, mode, type, target, status, evidence: [...evidence], at,
    ...(channelArn === undefined ? {} : { channelArn }),
    ...(reason === undefined ? {} : { reason }),
  };
}

/** The entry an action row holds (the row is ours: its fields are trusted, not re-validated). */
export function entryOf(item: Item): LedgerEntry {
  const text = (name: string): string => (typeof item[name] === 'string' ? item[name] : '');
  const entry: LedgerEntry = {
    actionKey: text('actionKey'),
    eventId: text('eventId'),
    policy: text('policy'),
    mode: text('mode') as Mode,
    type: text('type') as ActionType,
    target: text('target'),
    status: text('status') as LedgerEntry['status'],
    evidence: Array.isArray(item.evidence) ? item.evidence.filter((line): line is string => typeof line === 'string') : [],
    at: text('at'),
  };
  if (typeof item.channelArn === 'string') entry.channelArn = item.channelArn;
  if (typeof item.reason === 'string') entry.reason = item.reason;
  return entry;
}
