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

/**
 * Which rows a replay's report keeps: `all` (the JSON report), or `notable` (a streamed table or text,
 * whose rows were printed as they were decided): only those with an error, a decision or a note, what
 * the table's footer prints under `why:` and `notes:`. The summary counts every event either way.
 */
export type KeptRows = 'all' | 'notable';

/** Collects a replay's rows as they are reported, and counts them for the summary. */
export class ReportCollector {
  private readonly events: ReportEvent[] = [];
  private readonly counts: Record<EventStatus, number> = { processed: 0, ignored: 0, rejected: 0, failed: 0 };
  private readonly actions: Record<ActionStatus, number> = { applied: 0, planned: 0, skipped: 0, failed: 0 };
  private total = 0;

  constructor(private readonly kept: KeptRows = 'all') {}

  add(row: ReportEvent): void {
    this.total += 1;
    this.counts[row.status] += 1;
    for (const decision of row.decisions) for (const action of decision.actions) this.actions[action.status] += 1;
    const notable = row.error !== undefined || row.decisions.length > 0 || (row.notes ?? []).length > 0;
    // A copy, keys in the same order: the row was built up piecemeal, and V8 gives such objects a
    // hidden class of their own (hundreds of bytes each); the copy shares one with its like.
    if (this.kept === 'all' || notable) this.events.push({ ...row });
  }

  /** The report of every row added: what `summarize` gives for the rows kept, counting every row. */
  report(apiCalls: Record<string, number>, published: unknown[]): ReplayReport {
    const { processed, ignored, rejected, failed } = this.counts;
    return { events: this.events, summary: { events: this.total, processed, ignored, rejected, failed, actions: { ...this.actions }, apiCalls }, published };
  }
}

/** Exit status of DESIGN §4: 0 when nothing was rejected or failed, 1 otherwise. */
export function exitStatusOf(report: ReplayReport): 0 | 1 {
  return report.summary.rejected + report.summary.failed === 0 ? 0 : 1;
}
