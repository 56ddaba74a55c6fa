/**
 * What one record's processing carries along: the guard's configuration, the batch it belongs to,
 * where it reports, and the alerts it raises on the way.
 */
import type { GuardEvent } from '../events/types.ts';
import type { ReserveResult } from '../ledger.ts';
import type { DecisionRecord } from '../ports.ts';
import type { GuardConfig } from './guard.ts';
import type { BatchScope } from './batch-scope.ts';
import type { GuardLog, GuardMetrics } from './observe.ts';

export interface RunContext {
  config: GuardConfig;
  scope: BatchScope;
  log: GuardLog;
  metrics: GuardMetrics;
  alerts: Alerts;
}

/** Safety alerts: published on the audit bus with the record's decisions, loudly logged. */
export class Alerts {
  readonly records: DecisionRecord[] = [];

  constructor(private readonly log: GuardLog) {}

  budgetExhausted(event: GuardEvent, refusal: Extract<ReserveResult, { why: 'budget' }>, now: Date): void {
    const message = `action budget exhausted: ${refusal.used} of ${refusal.limit} actions this hour; the guard takes no more actions until the hour turns`;
    this.log.error(message, { eventId: event.id });
    this.records.push({
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
}
