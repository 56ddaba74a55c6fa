/**
 * An in-memory `LedgerPort` with the DynamoDB adapter's semantics (test/integration/ledger-agreement.test.ts
 * runs both on the same steps), for pipeline tests. It records its calls and can be told to fail.
 */
import type { ActionType } from '../../domain/actions/index.ts';
import type { BeginResult, Lease, LedgerEntry, LedgerPort, PublishClaim, ReserveResult } from '../../domain/ports.ts';
import { transientError } from '../../domain/errors.ts';
import { Recorder } from './ivs-fake.ts';

export type LedgerOp = 'beginAction' | 'finishAction' | 'reserve' | 'release' | 'history' | 'wasPublished' | 'markPublished' | 'noteProgress' | 'releaseAction' | 'claimPublish' | 'releasePublish';

type ReserveInput = Parameters<LedgerPort['reserve']>[0];
type ReleaseInput = Parameters<LedgerPort['release']>[0];

const cooldownKey = (type: ActionType, target: string) => `${type}#${target}`;
const hourOf = (now: Date) => now.toISOString().slice(0, 13);
const orderOf = (entry: LedgerEntry) => `${new Date(entry.at).toISOString()}#${entry.actionKey}`;

export class FakeLedger extends Recorder<LedgerOp> implements LedgerPort {
  /** Action rows by action key. */
  readonly entries = new Map<string, LedgerEntry>();
  /** Cooldowns by `type#target`. */
  readonly cooldowns = new Map<string, { eventId: string; until: string }>();
  /** Budget units used, by hour (`2026-11-20T19`). */
  readonly budgets = new Map<string, number>();
  /** Hours whose budget refusal has been announced. */
  readonly alerts = new Set<string>();
  /** Events whose decisions are on the audit bus. */
  readonly published = new Set<string>();
  /** Leases on pending actions and on publishing, by action key / `published#eventId`; notes by action key. */
  readonly leases = new Map<string, { claimant: string; until: string }>();
  readonly progress = new Map<string, string>();
  /** The action keys each hour's budget charged. */
  readonly charged = new Map<string, Set<string>>();

  async beginAction(entry: LedgerEntry, lease?: Lease): Promise<BeginResult> {
    await this.call('beginAction', entry.actionKey, entry);
    const existing = this.entries.get(entry.actionKey);
    if (existing && existing.status !== 'pending') return { kind: 'done', entry: structuredClone(existing) };
    const held = this.leases.get(entry.actionKey);
    let result: BeginResult = { kind: 'begin' };
    if (lease) {
      const now = lease.now.toISOString();
      if (held && held.until > now && held.claimant !== lease.claimant) return { kind: 'busy', claimant: held.claimant, until: held.until };
      const progress = this.progress.get(entry.actionKey);
      if (existing && held && held.claimant !== lease.claimant) result = { kind: 'taken-over', from: held.claimant, ...(progress === undefined ? {} : { progress }) };
      this.leases.set(entry.actionKey, { claimant: lease.claimant, until: new Date(lease.now.getTime() + lease.seconds * 1000).toISOString() });
    }
    this.entries.set(entry.actionKey, { ...structuredClone(entry), status: 'pending' });
    return result;
  }

  async noteProgress(actionKey: string, claimant: string, progress: string): Promise<void> {
    await this.call('noteProgress', actionKey, { actionKey, claimant, progress });
    if (this.leases.get(actionKey)?.claimant !== claimant || this.entries.get(actionKey)?.status !== 'pending') {
      throw transientError(`ledger: the lease on action ${actionKey} is no longer this delivery's; it stops here`, 'LeaseLost');
    }
    this.progress.set(actionKey, progress);
  }

  async releaseAction(actionKey: string, claimant: string): Promise<void> {
    await this.call('releaseAction', actionKey, { actionKey, claimant });
    if (this.leases.get(actionKey)?.claimant === claimant && this.entries.get(actionKey)?.status === 'pending') this.leases.set(actionKey, { claimant, until: '' });
  }

  async claimPublish(eventId: string, lease: Lease): Promise<PublishClaim> {
    await this.call('claimPublish', eventId, eventId);
    if (this.published.has(eventId)) return 'published';
    const held = this.leases.get(`published#${eventId}`);
    if (held && held.until > lease.now.toISOString() && held.claimant !== lease.claimant) return 'busy';
    this.leases.set(`published#${eventId}`, { claimant: lease.claimant, until: new Date(lease.now.getTime() + lease.seconds * 1000).toISOString() });
    return 'go';
  }

  async releasePublish(eventId: string, claimant: string): Promise<void> {
    await this.call('releasePublish', eventId, eventId);
    if (this.leases.get(`published#${eventId}`)?.claimant === claimant) this.leases.delete(`published#${eventId}`);
  }

  async finishAction(entry: LedgerEntry, claimant?: string): Promise<void> {
    await this.call('finishAction', entry.actionKey, entry);
    const existing = this.entries.get(entry.actionKey);
    if (claimant !== undefined && existing && (existing.status !== 'pending' || this.leases.get(entry.actionKey)?.claimant !== claimant)) {
      throw transientError(`ledger: action ${entry.actionKey} was taken over by another delivery before this one finished; its outcome stands`, 'LeaseLost');
    }
    this.entries.set(entry.actionKey, structuredClone(entry));
    this.leases.delete(entry.actionKey);
    this.progress.delete(entry.actionKey);
  }

  async reserve(input: ReserveInput): Promise<ReserveResult> {
    await this.call('reserve', input.target, input);
    const now = input.now.toISOString();
    const key = cooldownKey(input.type, input.target);
    const holder = this.cooldowns.get(key);
    if (input.cooldownSeconds > 0 && holder && holder.until > now && holder.eventId !== input.eventId) {
      return { ok: false, why: 'cooldown', until: holder.until, byEventId: holder.eventId };
    }
    const hour = hourOf(input.now);
    const used = this.budgets.get(hour) ?? 0;
    const limit = input.maxActionsPerHour;
    const charged = this.charged.get(hour) ?? new Set<string>();
    if (input.actionKey !== undefined && charged.has(input.actionKey)) return { ok: true };
    if (used >= limit) {
      const firstTime = !this.alerts.has(hour);
      this.alerts.add(hour);
      return { ok: false, why: 'budget', used, limit, firstTime };
    }
    if (input.cooldownSeconds > 0) {
      this.cooldowns.set(key, { eventId: input.eventId, until: new Date(input.now.getTime() + input.cooldownSeconds * 1000).toISOString() });
    }
    this.budgets.set(hour, used + 1);
    if (input.actionKey !== undefined) this.charged.set(hour, charged.add(input.actionKey));
    return { ok: true };
  }

  async release(input: ReleaseInput): Promise<void> {
    await this.call('release', input.target, input);
    const key = cooldownKey(input.type, input.target);
    if (this.cooldowns.get(key)?.eventId === input.eventId) this.cooldowns.delete(key);
    const hour = hourOf(input.now);
    const used = this.budgets.get(hour) ?? 0;
    if (input.actionKey !== undefined && !this.charged.get(hour)?.delete(input.actionKey)) return;
    if (used > 0) this.budgets.set(hour, used - 1);
  }

  async wasPublished(eventId: string): Promise<boolean> {
    await this.call('wasPublished', eventId, eventId);
    return this.published.has(eventId);
  }

  async markPublished(eventId: string, at: Date): Promise<void> {
    await this.call('markPublished', eventId, at);
    this.published.add(eventId);
  }

  async history(query: { channelArn?: string; limit?: number; since?: Date; until?: Date }): Promise<LedgerEntry[]> {
    await this.call('history', query.channelArn, query);
    const limit = Math.floor(query.limit ?? 50);
    if (!(limit > 0)) return [];
    const inWindow = (at: number) => (query.since === undefined || at >= query.since.getTime()) && (query.until === undefined || at < query.until.getTime());
    return [...this.entries.values()]
      .filter((entry) => query.channelArn === undefined || entry.channelArn === query.channelArn)
      .filter((entry) => inWindow(new Date(entry.at).getTime()))
      .sort((a, b) => (orderOf(a) < orderOf(b) ? 1 : orderOf(a) > orderOf(b) ? -1 : 0))
      .slice(0, limit)
      .map((entry) => structuredClone(entry));
  }

  /** Records the call, yields once (as a real call would), then throws a planned failure if one applies. */
  private async call(op: LedgerOp, subject: string | undefined, input: unknown): Promise<void> {
    await Promise.resolve();
    this.take(op, subject, [structuredClone(input)]);
  }
}
