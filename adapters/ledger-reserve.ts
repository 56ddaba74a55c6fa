/**
 * `reserve` and `release` of the ledger: a cooldown row per (type, target) and an hourly budget
 * counter, each taken by one conditional write. DynamoDB transactions would make the pair atomic, but
 * dynalite (the local and test DynamoDB) has no TransactWriteItems, so "both or neither" is kept by
 * compensation: the cooldown is taken first and, when the budget refuses, the row it replaced is put back.
 */
import type { ActionType } from '../domain/actions/index.ts';
import { transientError } from '../domain/errors.ts';
import type { ReserveResult } from '../domain/ports.ts';
import { alertKeyOf, budgetKeyOf, cooldownKeyOf, expiresAt, hourWindow, type Item } from './ledger-items.ts';
import { REFUSED, type LedgerTable } from './ledger-store.ts';
import { TTL_ATTRIBUTE } from './ledger-table.ts';

export interface ReserveInput {
  type: ActionType;
  target: string;
  eventId: string;
  now: Date;
  cooldownSeconds: number;
  maxActionsPerHour: number;
  /** The action charged: the hour's row keeps the keys it charged, so one action is charged once (#7). */
  actionKey?: string;
}

type Refusal = Extract<ReserveResult, { ok: false }>;

/**
 * A refusal is read back to say who holds the cooldown or how much budget is used. When that read
 * finds the obstacle gone (released, expired), the write is tried again, a few times at most.
 */
const ATTEMPTS = 3;

/** The cooldown row this reservation wrote, and the one it replaced (an expired hold, or this event's earlier one). */
interface TakenCooldown {
  row: Item & { eventId: string; until: string };
  previous: Item | undefined;
}

/** Takes the cooldown (unless `cooldownSeconds` is 0), then one unit of the hour's budget: both or neither. */
export async function reserve(table: LedgerTable, ttlDays: number, input: ReserveInput): Promise<ReserveResult> {
  let taken: TakenCooldown | undefined;
  if (input.cooldownSeconds > 0) {
    const cooldown = await takeCooldown(table, ttlDays, input);
    if ('why' in cooldown) return cooldown;
    taken = cooldown;
  }
  let budget: ReserveResult;
  try {
    budget = await takeBudget(table, ttlDays, input);
  } catch (error) {
    // Best effort: the retry of this record may take its own cooldown again anyway.
    if (taken) await giveBackCooldown(table, taken).catch(() => undefined);
    throw error;
  }
  if (!budget.ok && taken) await giveBackCooldown(table, taken);
  return budget;
}

/** Gives back the cooldown (only if this event holds it) and one unit of the budget of `now`'s hour. */
export async function release(table: LedgerTable, input: { type: ActionType; target: string; eventId: string; now: Date; actionKey?: string }): Promise<void> {
  await table.delete(cooldownKeyOf(input.type, input.target), 'cooldown', {
    expression: '#eventId = :eventId',
    names: { '#eventId': 'eventId' },
    values: { ':eventId': input.eventId },
  });
  const charged = input.actionKey === undefined ? undefined : { names: { '#charged': 'charged' }, values: { ':key': input.actionKey, ':keys': new Set([input.actionKey]) } };
  await table.update(
    budgetKeyOf(hourWindow(input.now)),
    'budget',
    {
      expression: charged ? 'ADD #used :minusOne DELETE #charged :keys' : 'ADD #used :minusOne',
      names: { '#used': 'used', ...charged?.names },
      values: { ':minusOne': -1, ...(charged ? { ':keys': charged.values[':keys'] } : {}) },
    },
    { expression: charged ? '#used > :zero AND contains(#charged, :key)' : '#used > :zero', values: { ':zero': 0, ...(charged ? { ':key': charged.values[':key'] } : {}) } },
  );
}

async function takeCooldown(table: LedgerTable, ttlDays: number, input: ReserveInput): Promise<TakenCooldown | Refusal> {
  const { type, target, eventId, now } = input;
  const key = cooldownKeyOf(type, target);
  const nowIso = now.toISOString();
  const until = new Date(now.getTime() + input.cooldownSeconds * 1000).toISOString();
  const row = { ...key, type, target, eventId, takenAt: nowIso, until, [TTL_ATTRIBUTE]: expiresAt(until, ttlDays) };
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const put = await table.put(row, 'cooldown', {
      expression: 'attribute_not_exists(pk) OR #until <= :now OR #eventId = :eventId',
      names: { '#until': 'until', '#eventId': 'eventId' },
      values: { ':now': nowIso, ':eventId': eventId },
    });
    if (put !== REFUSED) return { row, previous: put.old };
    const holder = await table.get(key, 'cooldown');
    if (holder && typeof holder.until === 'string' && typeof holder.eventId === 'string' && holder.until > nowIso && holder.eventId !== eventId) {
      return { ok: false, why: 'cooldown', until: holder.until, byEventId: holder.eventId };
    }
  }
  throw transientError(`ledger: the cooldown of ${type} on ${target} kept changing; try again`, 'LedgerContention');
}

/** Puts back the row the reservation replaced (or deletes its own), unless someone has taken the cooldown since. */
async function giveBackCooldown(table: LedgerTable, { row, previous }: TakenCooldown): Promise<void> {
  const stillOurs = {
    expression: '#eventId = :eventId AND #until = :until',
    names: { '#eventId': 'eventId', '#until': 'until' },
    values: { ':eventId': row.eventId, ':until': row.until },
  };
  if (previous) await table.put(previous, 'cooldown', stillOurs);
  else await table.delete({ pk: String(row.pk), sk: String(row.sk) }, 'cooldown', stillOurs);
}

async function takeBudget(table: LedgerTable, ttlDays: number, input: ReserveInput): Promise<ReserveResult> {
  const window = hourWindow(input.now);
  const key = budgetKeyOf(window);
  const limit = input.maxActionsPerHour;
  const ttl = expiresAt(`${window}:00:00.000Z`, ttlDays);
  const actionKey = input.actionKey;
  const charge = actionKey === undefined ? undefined : { ':key': actionKey, ':keys': new Set([actionKey]) };
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    // `attribute_not_exists(#used)` would let a limit of 0 take the first unit: such a budget refuses without writing.
    const counted =
      limit > 0 &&
      (await table.update(
        key,
        'budget',
        {
          expression: `ADD #used :one${charge ? ', #charged :keys' : ''} SET #window = :window, #limit = :limit, #ttl = :ttl`,
          names: { '#used': 'used', '#window': 'window', '#limit': 'limit', '#ttl': TTL_ATTRIBUTE, ...(charge ? { '#charged': 'charged' } : {}) },
          values: { ':one': 1, ':window': window, ':limit': limit, ':ttl': ttl, ...(charge ? { ':keys': charge[':keys'] } : {}) },
        },
        {
          expression: charge
            ? '(attribute_not_exists(#used) OR #used < :limit) AND (attribute_not_exists(#charged) OR NOT contains(#charged, :key))'
            : 'attribute_not_exists(#used) OR #used < :limit',
          ...(charge ? { values: { ':key': charge[':key'] } } : {}),
        },
      ));
    if (counted) return { ok: true };
    const row = await table.get(key, 'budget');
    // This action was charged already (by a claimant whose lease expired): not again.
    if (actionKey !== undefined && row?.charged instanceof Set && row.charged.has(actionKey)) return { ok: true };
    const used = typeof row?.used === 'number' ? row.used : 0;
    if (used >= limit) return { ok: false, why: 'budget', used, limit, firstTime: await raiseAlert(table, ttl, window, input) };
  }
  throw transientError(`ledger: the action budget of ${window} kept changing; try again`, 'LedgerContention');
}

/** `true` for the first refusal of the hour only: it creates the hour's alert row. */
async function raiseAlert(table: LedgerTable, ttl: number, window: string, input: ReserveInput): Promise<boolean> {
  const item = { ...alertKeyOf(window), window, limit: input.maxActionsPerHour, at: input.now.toISOString(), eventId: input.eventId, [TTL_ATTRIBUTE]: ttl };
  const put = await table.put(item, 'alert', { expression: 'attribute_not_exists(pk)' });
  return put !== REFUSED;
}
