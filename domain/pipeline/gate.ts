/**
 * The gate between a decision and an action (DESIGN §1), all of it in one place, in the order it is asked:
 *
 * 1. protected channels — by ARN glob, or by tag (from the session's channel snapshot, else looked up once per batch);
 *    a revocation keeps its pairs on channels that are not protected; protected stages likewise (ARN glob, or tags
 *    looked up once per batch with ivs-realtime ListTagsForResource) for a disconnection;
 * 2. permission — an action the running function may not take (its IAM role) is skipped;
 * 3. plan only — `replay --live` without `--apply`: every action is planned, nothing is recorded or published;
 * 4. dry-run — the policy's mode: the action is planned;
 * 5. cooldown and budget — taken in the ledger just before the action runs, given back when it fails for good (a
 *    transient failure keeps them for the redelivery, which reuses them).
 *
 * Steps 1–4 are `gate`; step 5 is `reserve`; what plan-only means for the ledger and the audit bus is `gatedConfig`.
 * Before all of them the delivery claims the action's ledger row with a lease (`leaseOf`, used by `record.ts`),
 * so that concurrent copies of one message take each action once.
 */
import { definitionOf, sameActionKey } from '../actions/index.ts';
import type { Action, ActionStatus } from '../actions/index.ts';
import type { Decision } from '../decision.ts';
import { isRetryable } from '../errors.ts';
import type { GuardEvent } from '../events/types.ts';
import { globMatches } from '../policy/glob.ts';
import type { AuditPort, Lease, LedgerPort, ReserveResult } from '../ports.ts';
import type { StreamSession } from '../session.ts';
import type { GuardConfig, RunContext } from './run-context.ts';

/**
 * How long a claim on an action lasts unless `leaseSeconds` says otherwise: longer than a guard function may run
 * (30 s, serverless.yml) and shorter than the queue's visibility timeout (6 × that), so that a record whose copy
 * found the action busy comes back after the lease, and a dead claimant's lease is over when its record returns.
 */
export const DEFAULT_LEASE_SECONDS = 60;

/** The lease this delivery claims with, from now. */
export function leaseOf(run: RunContext): Lease {
  return { claimant: run.claimant, now: run.config.clock(), seconds: run.config.leaseSeconds ?? DEFAULT_LEASE_SECONDS };
}

/** Go on with `action` (narrowed to unprotected channels; `leftOut` says what was dropped), or stop with a status and why. */
export type GateVerdict = { go: true; action: Action; leftOut?: string } | { go: false; status: Extract<ActionStatus, 'planned' | 'skipped' | 'failed'>; reason: string };

/** Whether `action` of `decision` may be taken now: protection, then permission, then plan-only, then dry-run. */
export async function gate(action: Action, decision: Decision, session: StreamSession | undefined, run: RunContext): Promise<GateVerdict> {
  const { config } = run;
  const stage = await stageProtection(action, config.policies.protectedStages, run).catch((error: unknown) => {
    if (isRetryable(error)) throw error;
    return { unknown: error instanceof Error ? error.message : String(error) };
  });
  if (stage && 'unknown' in stage) return { go: false, status: 'failed', reason: `could not tell whether the stage is protected: ${stage.unknown}` };
  if (stage) return { go: false, status: 'skipped', reason: `protected stage: ${stage.protectedBy}` };
  const protection = await protectionOf(action, session, config.policies.protectedChannels, run).catch((error: unknown) => {
    // A final error (the channel does not exist) fails the action once; a transient one fails the record for SQS.
    if (isRetryable(error)) throw error;
    return { failed: error instanceof Error ? error.message : String(error) } as const;
  });
  if ('failed' in protection) return { go: false, status: 'failed', reason: `could not tell whether the channel is protected: ${protection.failed}` };
  if (!protection.remaining) return { go: false, status: 'skipped', reason: `protected channel: ${protection.reason}` };
  if (config.allowedActions && !config.allowedActions.has(action.type)) return { go: false, status: 'skipped', reason: `this function may not ${action.type}` };
  if (config.planOnly) return { go: false, status: 'planned', reason: 'plan only: actions are taken with --apply' };
  if (decision.mode === 'dry-run') return { go: false, status: 'planned', reason: `dry-run: policy ${decision.policy} only plans` };
  return { go: true, action: protection.remaining, ...(protection.reason !== undefined && { leftOut: protection.reason }) };
}

/** The cooldown and budget an action holds while it runs: `release` gives them back when it could not take effect. */
export type Reservation = { ok: true; release(): Promise<void> } | { ok: false; reason: string };

/**
 * Takes the action's cooldown on "the same action" and one unit of the hourly budget, both or neither.
 * Audit-only actions take neither. When the budget is spent the guard says so loudly, once an hour.
 */
export async function reserve(action: Action, event: GuardEvent, now: Date, run: RunContext, actionKey: string): Promise<Reservation> {
  if (!definitionOf(action).reserves) return { ok: true, release: () => Promise.resolve() };
  const { ledger, policies } = run.config;
  // Charged once per action: a claimant that took over an expired lease reserves again without paying again.
  const held = { type: action.type, target: sameActionKey(action), eventId: event.id, now, actionKey };
  const { cooldownSeconds, maxActionsPerHour } = policies.safety;
  const reserved = await ledger.reserve({ ...held, cooldownSeconds, maxActionsPerHour });
  if (reserved.ok) return { ok: true, release: () => ledger.release(held) };
  if (reserved.why === 'budget' && reserved.firstTime) raiseBudgetAlert(event, reserved, now, run);
  return { ok: false, reason: refusal(reserved) };
}

/**
 * The configuration the pipeline runs with. Plan-only runs publish nothing and record nothing: their decisions
 * reach the replay report through the outcome listeners, and a planned outcome in the deployed ledger would later
 * pass for the real one. Every action is planned (by `gate`) before the ledger's cooldown or budget would be asked.
 */
export function gatedConfig(config: GuardConfig): GuardConfig {
  return config.planOnly ? { ...config, ledger: unrecordedLedger, audit: unpublishedAudit } : config;
}

const unpublishedAudit: AuditPort = { publish: () => Promise.resolve() };
const unrecordedLedger: LedgerPort = {
  beginAction: () => Promise.resolve({ kind: 'begin' }),
  noteProgress: () => Promise.resolve(),
  releaseAction: () => Promise.resolve(),
  claimPublish: () => Promise.resolve('go'),
  releasePublish: () => Promise.resolve(),
  reserve: () => Promise.resolve({ ok: true }),
  release: () => Promise.resolve(),
  finishAction: () => Promise.resolve(),
  wasPublished: () => Promise.resolve(false),
  markPublished: () => Promise.resolve(),
  history: () => Promise.resolve([]),
};

/**
 * Whether the guard must leave a channel alone. `reason` is set only when it is protected.
 * `needsTags`: the ARN is not protected, tag rules exist and the channel's tags are unknown — fetch them and ask
 * again; until then the answer is not final.
 */
export interface ChannelProtection {
  protected: boolean;
  reason?: string;
  needsTags: boolean;
}

/** The `protectedChannels` of a policy document (both lists may be left out). */
export interface ProtectionRules {
  arns?: readonly string[];
  tags?: Readonly<Record<string, string>>;
}

/** Whether `channelArn` is protected: by an ARN glob (`*` spans `:` and `/`), or by carrying all the protected tags with their values. */
export function isProtected(channelArn: string, channelTags: Readonly<Record<string, string>> | undefined, rules: ProtectionRules): ChannelProtection {
  const glob = (rules.arns ?? []).find((pattern) => globMatches(pattern, channelArn));
  if (glob !== undefined) return { protected: true, reason: `ARN matches '${glob}'`, needsTags: false };
  const wanted = Object.entries(rules.tags ?? {});
  if (wanted.length === 0) return { protected: false, needsTags: false };
  if (channelTags === undefined) return { protected: false, needsTags: true };
  const carriesAll = wanted.every(([key, value]) => Object.hasOwn(channelTags, key) && channelTags[key] === value);
  if (!carriesAll) return { protected: false, needsTags: false };
  const tags = wanted.map(([key, value]) => `${key}=${value}`).join(', ');
  return { protected: true, reason: `tag${wanted.length === 1 ? '' : 's'} ${tags}`, needsTags: false };
}

/** The action narrowed to its unprotected channels (absent when nothing is left), and why some or all of it was left out. */
async function protectionOf(action: Action, session: StreamSession | undefined, rules: ProtectionRules, run: RunContext): Promise<{ remaining?: Action; reason?: string }> {
  const reasons = new Map<string, string>();
  for (const channelArn of definitionOf(action).channels(action)) {
    const reason = await protectedReason(channelArn, session, rules, run);
    if (reason) reasons.set(channelArn, reason);
  }
  if (reasons.size === 0) return { remaining: action };
  const reason = [...reasons.values()].join('; ');
  const remaining = definitionOf(action).narrow?.(action, (channelArn) => reasons.has(channelArn));
  return remaining ? { remaining, reason } : { reason };
}

async function protectedReason(channelArn: string, session: StreamSession | undefined, rules: ProtectionRules, run: RunContext): Promise<string | undefined> {
  const byArn = isProtected(channelArn, undefined, rules);
  if (byArn.protected || !byArn.needsTags) return byArn.reason;
  const sessionTags = session?.channel?.arn === channelArn ? session.channel.tags : undefined;
  const tags = sessionTags ?? (await run.scope.channelTags(channelArn));
  return isProtected(channelArn, tags, rules).reason;
}

/** Why a stage the action touches is protected, or why that could not be told; `undefined` when it may act on all of them. */
async function stageProtection(action: Action, rules: ProtectionRules, run: RunContext): Promise<{ protectedBy: string } | { unknown: string } | undefined> {
  for (const stageArn of definitionOf(action).stages?.(action) ?? []) {
    const byArn = isProtected(stageArn, undefined, rules);
    if (byArn.reason !== undefined) return { protectedBy: byArn.reason };
    if (!byArn.needsTags) continue;
    const tags = run.scope.stageTags(stageArn);
    if (tags === undefined) return { unknown: 'this function has no IVS real-time client to read its tags' };
    const reason = isProtected(stageArn, await tags, rules).reason;
    if (reason !== undefined) return { protectedBy: reason };
  }
  return undefined;
}

function refusal(result: Exclude<ReserveResult, { ok: true }>): string {
  return result.why === 'cooldown'
    ? `cooldown: the same action was taken on this target for event ${result.byEventId}; next allowed after ${result.until}`
    : `budget exhausted: ${result.used} of ${result.limit} actions this hour`;
}

/** The budget is spent: logged as an error and published on the audit bus with the record's decisions. */
function raiseBudgetAlert(event: GuardEvent, refused: Extract<ReserveResult, { why: 'budget' }>, now: Date, run: RunContext): void {
  const message = `action budget exhausted: ${refused.used} of ${refused.limit} actions this hour; the guard takes no more actions until the hour turns`;
  run.log.error(message, { eventId: event.id });
  run.alerts.push({
    eventId: event.id,
    detailType: event.detailType,
    eventName: event.name,
    eventTime: event.time,
    policy: 'ivs-guard/safety',
    mode: 'enforce',
    severity: 'critical',
    evidence: [message],
    actions: [{ type: 'notify', target: 'audit', status: 'applied', reason: 'critical: budget exhausted' }],
    decidedAt: now.toISOString(),
  });
}
