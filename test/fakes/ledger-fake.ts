/**
 * An in-memory `LedgerPort` with the DynamoDB adapter's semantics (test/integration/ledger-agreement.test.ts
 * runs both on the same steps), for pipeline tests. It records its calls and can be told to fail.
 */
import type { ActionType } from '../../domain/actions/index.ts';
import type { BeginResult, LedgerEntry, LedgerPort, ReserveResult } from '../../domain/ports.ts';
import { Recorder } from './ivs-fake.ts';

export type LedgerOp = 'beginAction' | 'finishAction' | 'reserve' | 'release' | 'history' | 'wasPublished' | 'markPublished';

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

  async beginAction(entry: LedgerEntry): Promise<BeginResult> {
    await this.call('beginAction', entry.actionKey, entry);
    const existing = this.entries.get(entry.actionKey);
    if (existing && existing.status !== 'pending') return { kind: 'done', entry: structuredClone(existing) };
    this.entries.set(entry.actionKey, { ...structuredClone(entry), status: 'pending' });
    return { kind: 'begin' };
  }

  async finishAction(entry: LedgerEntry): Promise<void> {
    await this.call('finishAction', entry.actionKey, entry);
    this.entries.set(entry.actionKey, structuredClone(entry));
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
    if (used >= limit) {
      const firstTime = !this.alerts.has(hour);
      this.alerts.add(hour);
      return { ok: false, why: 'budget', used, limit, firstTime };
    }
    if (input.cooldownSeconds > 0) {
      this.cooldowns.set(key, { eventId: input.eventId, until: new Date(input.now.getTime() + input.cooldownSeconds * 1000).toISOString() });
    }
    this.budgets.set(hour, used + 1);
    return { ok: true };
  }

  async release(input: ReleaseInput): Promise<void> {
    await this.call('release', input.target, input);
    const key = cooldownKey(input.type, input.target);
    if (this.cooldowns.get(key)?.eventId === input.eventId) this.cooldowns.delete(key);
    const hour = hourOf(input.now);
    const used = this.budgets.get(hour) ?? 0;
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

  async history(query: { channelArn?: string; limit?: number }): Promise<LedgerEntry[]> {
    await this.call('history', query.channelArn, query);
    const limit = Math.floor(query.limit ?? 50);
    if (!(limit > 0)) return [];
    return [...this.entries.values()]
      .filter((entry) => query.channelArn === undefined || entry.channelArn === query.channelArn)
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
