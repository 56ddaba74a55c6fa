/**
 * Leases on the ledger's rows (#7): one conditional write claims an action (or the publishing of an event's
 * decisions) for one claimant until an expiry. A live lease of another claimant is `busy`; an expired one may
 * be taken over, and the taker learns what the one before it noted (`progress`). Nothing waits or locks:
 * a busy record goes back to SQS and comes again after the lease.
 */
import { transientError } from '../domain/errors.ts';
import type { BeginResult, Lease, PublishClaim } from '../domain/ports.ts';
import { actionKeyOf, entryOf, expiresAt, publishedKeyOf, type Item } from './ledger-items.ts';
import { REFUSED, type LedgerTable } from './ledger-store.ts';
import { TTL_ATTRIBUTE } from './ledger-table.ts';

/** When a lease taken `now` for `seconds` ends, as an ISO string (string order is time order). */
export function leaseUntil(lease: Lease): string {
  return new Date(lease.now.getTime() + lease.seconds * 1000).toISOString();
}

/** Claims the pending row `pending` (an action item) for `lease.claimant`: begin, taken-over, done or busy. */
export async function beginLeased(table: LedgerTable, pending: Item, actionKey: string, lease: Lease): Promise<BeginResult> {
  const item = { ...pending, claimant: lease.claimant, leaseUntil: leaseUntil(lease) };
  const now = lease.now.toISOString();
  // Two tries: a row read back as missing or finished-then-gone can only have been deleted (TTL) in between.
  for (let attempt = 0; attempt < 2; attempt++) {
    const put = await table.put(item, 'action', {
      expression: 'attribute_not_exists(pk) OR (#status = :pending AND (attribute_not_exists(#leaseUntil) OR #leaseUntil <= :now OR #claimant = :me))',
      names: { '#status': 'status', '#leaseUntil': 'leaseUntil', '#claimant': 'claimant' },
      values: { ':pending': 'pending', ':now': now, ':me': lease.claimant },
    });
    if (put !== REFUSED) return takenFrom(table, actionKey, put.old, lease.claimant);
    const row = await table.get(actionKeyOf(actionKey), 'action');
    if (row && row.status !== 'pending') return { kind: 'done', entry: entryOf(row) };
    if (row && typeof row.leaseUntil === 'string' && row.leaseUntil > now && row.claimant !== lease.claimant) {
      return { kind: 'busy', claimant: String(row.claimant), until: row.leaseUntil };
    }
  }
  throw transientError(`ledger: the row of action ${actionKey} kept changing; try again`, 'LedgerContention');
}

/** What the claim replaced: nothing or an unleased retry (begin), or another claimant's expired lease (taken over). */
async function takenFrom(table: LedgerTable, actionKey: string, old: Item | undefined, claimant: string): Promise<BeginResult> {
  if (old === undefined || typeof old.claimant !== 'string' || old.claimant === claimant) {
    // The same claimant again keeps its own notes: put them back on the row it just rewrote.
    if (typeof old?.progress === 'string') await noteProgress(table, actionKey, claimant, old.progress);
    return { kind: 'begin' };
  }
  const progress = typeof old.progress === 'string' ? old.progress : undefined;
  // The notes stay on the row, so that a claimant after this one learns them too.
  if (progress !== undefined) await noteProgress(table, actionKey, claimant, progress);
  return { kind: 'taken-over', from: old.claimant, ...(progress === undefined ? {} : { progress }) };
}

/** Notes `progress` on the action's pending row, if `claimant` still holds it; a transient error if not. */
export async function noteProgress(table: LedgerTable, actionKey: string, claimant: string, progress: string): Promise<void> {
  const noted = await table.update(
    actionKeyOf(actionKey),
    'action',
    { expression: 'SET #progress = :progress', names: { '#progress': 'progress' }, values: { ':progress': progress } },
    { expression: '#status = :pending AND #claimant = :me', names: { '#status': 'status', '#claimant': 'claimant' }, values: { ':pending': 'pending', ':me': claimant } },
  );
  if (!noted) throw transientError(`ledger: the lease on action ${actionKey} is no longer this delivery's; it stops here`, 'LeaseLost');
}

/** Ends `claimant`'s lease on the pending action (its notes stay), if it still holds it. */
export async function releaseAction(table: LedgerTable, actionKey: string, claimant: string): Promise<void> {
  await table.update(
    actionKeyOf(actionKey),
    'action',
    { expression: 'REMOVE #leaseUntil', names: { '#leaseUntil': 'leaseUntil' } },
    { expression: '#status = :pending AND #claimant = :me', names: { '#status': 'status', '#claimant': 'claimant' }, values: { ':pending': 'pending', ':me': claimant } },
  );
}

/** Claims publishing `eventId`'s decisions: a row without `at` holds the claim until `markPublished` writes `at`. */
export async function claimPublish(table: LedgerTable, eventId: string, lease: Lease, ttlDays: number): Promise<PublishClaim> {
  const key = publishedKeyOf(eventId);
  const now = lease.now.toISOString();
  const item = { ...key, eventId, claimant: lease.claimant, leaseUntil: leaseUntil(lease), [TTL_ATTRIBUTE]: expiresAt(lease.now, ttlDays) };
  const put = await table.put(item, 'published', {
    expression: 'attribute_not_exists(pk) OR (attribute_not_exists(#at) AND (#leaseUntil <= :now OR #claimant = :me))',
    names: { '#at': 'at', '#leaseUntil': 'leaseUntil', '#claimant': 'claimant' },
    values: { ':now': now, ':me': lease.claimant },
  });
  if (put !== REFUSED) return 'go';
  const row = await table.get(key, 'published');
  return row?.at !== undefined ? 'published' : 'busy';
}

/** Deletes the claim of `claimant` on publishing `eventId`, unless it was published meanwhile. */
export async function releasePublish(table: LedgerTable, eventId: string, claimant: string): Promise<void> {
  await table.delete(publishedKeyOf(eventId), 'published', {
    expression: '#claimant = :me AND attribute_not_exists(#at)',
    names: { '#claimant': 'claimant', '#at': 'at' },
    values: { ':me': claimant },
  });
}
