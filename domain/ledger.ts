/**
 * The ledger port: what the guard did, and the state its safety rules need across containers —
 * per-action idempotency, cooldowns and the hourly action budget (DESIGN §1, §3).
 *
 * Every method is atomic on its own (the DynamoDB adapter uses conditional writes); none holds a lock.
 */
import type { ActionOutcome, ActionType } from './actions.ts';
import type { Mode } from './decision.ts';

/** One action the guard took, planned, skipped or failed: the ledger's row. */
export interface LedgerEntry {
  /** `eventId#policy#index`: one action of one decision of one event. */
  actionKey: string;
  eventId: string;
  policy: string;
  mode: Mode;
  type: ActionType;
  target: string;
  /** The channel acted on, when there is one (for `history --channel`). */
  channelArn?: string;
  status: ActionOutcome['status'] | 'pending';
  reason?: string;
  evidence: string[];
  /** ISO 8601: when the outcome was recorded (the guard's clock). */
  at: string;
}

export type BeginResult =
  /** First time this action is attempted, or a retry of one that never finished: go on. */
  | { kind: 'begin' }
  /** An earlier delivery finished it: reuse its outcome, do not act again. */
  | { kind: 'done'; entry: LedgerEntry };

export type ReserveResult =
  | { ok: true }
  | { ok: false; why: 'cooldown'; until: string; byEventId: string }
  | { ok: false; why: 'budget'; used: number; limit: number; firstTime: boolean };

export interface LedgerPort {
  /** Marks the action pending unless an earlier delivery already finished it. */
  beginAction(entry: LedgerEntry): Promise<BeginResult>;
  /**
   * Takes the action's cooldown on its (type, target) and one unit of the hourly budget, both or neither.
   * The same event may take its own cooldown again (a retry). `firstTime` on a budget refusal is true
   * once per hour, so the guard says "budget exhausted" loudly once.
   */
  reserve(input: { type: ActionType; target: string; eventId: string; now: Date; cooldownSeconds: number; maxActionsPerHour: number }): Promise<ReserveResult>;
  /** Gives back what `reserve` took, when the action failed before it could take effect. */
  release(input: { type: ActionType; target: string; eventId: string; now: Date }): Promise<void>;
  /** Records the final outcome of an action (applied, planned, skipped, failed). */
  finishAction(entry: LedgerEntry): Promise<void>;
  /** Whether an earlier delivery of this event put its decisions on the audit bus. */
  wasPublished(eventId: string): Promise<boolean>;
  /** Notes that this event's decisions are on the audit bus, so a redelivery does not publish them again. */
  markPublished(eventId: string, at: Date): Promise<void>;
  /** Newest first; all channels when `channelArn` is absent. */
  history(query: { channelArn?: string; limit?: number }): Promise<LedgerEntry[]>;
}
