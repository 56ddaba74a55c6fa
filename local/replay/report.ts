/**
 * The replay report: the JSON contract of DESIGN §4 (fields may be added, not renamed).
 */
import type { ActionStatus } from '../../domain/actions/index.ts';

export type EventStatus = 'processed' | 'ignored' | 'rejected' | 'failed';

export interface ReportAction {
  type: string;
  target: string;
  status: ActionStatus;
  reason?: string;
}

export interface ReportDecision {
  policy: string;
  mode: 'enforce' | 'dry-run';
  evidence: string[];
  actions: ReportAction[];
}

export interface ReportEvent {
  id: string;
  detailType: string;
  name: string;
  channelArn?: string;
  /** The real-time stage a stage event (or a disconnect request) is about. */
  stageArn?: string;
  streamId?: string;
  /** Where the event was read from (`file.jsonl:3`). */
  origin: string;
  /** The functions whose rules route it. */
  functions: string[];
  status: EventStatus;
  error?: string;
  /** What the parser wants a reader to know about a processed event (an event name ivs-guard does not know yet). */
  notes?: string[];
  /** Deliveries it took (SQS redeliveries after transient failures). */
  attempts: number;
  decisions: ReportDecision[];
}

export interface ReplayReport {
  events: ReportEvent[];
  summary: {
    events: number;
    processed: number;
    ignored: number;
    rejected: number;
    failed: number;
    actions: Record<ActionStatus, number>;
    apiCalls: Record<string, number>;
  };
  /** The entries the guard published on its audit bus (captured by the local EventBridge endpoint). */
  published: unknown[];
  /** Present when SIGINT or SIGTERM stopped the replay: the report covers the events replayed until then. */
  interrupted?: true;
}

export function summarize(events: ReportEvent[], apiCalls: Record<string, number>, published: unknown[]): ReplayReport {
  const count = (status: EventStatus) => events.filter((e) => e.status === status).length;
  const actions: Record<ActionStatus, number> = { applied: 0, planned: 0, skipped: 0, failed: 0 };
  for (const event of events) for (const decision of event.decisions) for (const action of decision.actions) actions[action.status] += 1;
  return {
    events,
    summary: {
      events: events.length,
      processed: count('processed'),
      ignored: count('ignored'),
      rejected: count('rejected'),
      failed: count('failed'),
      actions,
      apiCalls,
    },
    published,
  };
}

/** Exit status of DESIGN §4: 0 when nothing was rejected or failed, 1 otherwise. */
export function exitStatusOf(report: ReplayReport): 0 | 1 {
  return report.summary.rejected + report.summary.failed === 0 ? 0 : 1;
}
