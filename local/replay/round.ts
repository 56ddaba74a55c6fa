/**
 * One batch of the replay delivered to its functions, as the SQS event source mappings would: one
 * invocation per function with every record of the batch (failed ones again, up to maxReceiveCount), the
 * next function only for the records the previous one processed.
 */
import type { DecisionRecord } from '../../domain/ports.ts';
import type { GuardEvent } from '../../domain/events/types.ts';
import type { InputEvent } from '../cli/read-events.ts';
import type { Batch } from './batches.ts';
import { deliverBatch } from './invoke.ts';
import type { ReportDecision, ReportEvent } from './report.ts';

/** Delivers a batch; `reports` holds each item's report as described, completed in place. */
export async function deliverReplayBatch(batch: Batch, inputs: readonly InputEvent[], reports: Map<number, ReportEvent>, region: string, maxReceiveCount: number): Promise<void> {
  let live = batch.items.map((item) => item.index);
  for (const fn of batch.items[0]!.functions) {
    if (live.length === 0) return;
    const deliveries = await deliverBatch(fn, live.map((index) => inputs[index]!.raw), region, maxReceiveCount);
    live = live.filter((index, i) => {
      const { outcome, attempts } = deliveries[i]!;
      const report = reports.get(index)!;
      report.attempts += attempts;
      if (!outcome) return fail(reports, index, { status: 'failed', error: `the ${fn} handler reported no outcome` });
      if (outcome.status === 'rejected') return fail(reports, index, { status: 'rejected', error: outcome.rejections.map((r) => `${r.field}: ${r.reason}`).join('; ') });
      if (outcome.status === 'failed') return fail(reports, index, { status: 'failed', error: `${outcome.error} (after ${attempts} deliveries)` });
      report.decisions.push(...outcome.decisions.map(toReportDecision));
      Object.assign(report, identity(outcome.event));
      return true;
    });
  }
}

function fail(reports: Map<number, ReportEvent>, index: number, how: Pick<ReportEvent, 'status' | 'error'>): false {
  reports.set(index, { ...reports.get(index)!, ...how });
  return false;
}

function toReportDecision(record: DecisionRecord): ReportDecision {
  return { policy: record.policy, mode: record.mode, evidence: record.evidence, actions: record.actions };
}

/** What the parsed event says it is: more exact than the envelope read before parsing. */
function identity(event: GuardEvent): Partial<ReportEvent> {
  const out: Partial<ReportEvent> = { name: event.name };
  if ('channelArn' in event && typeof event.channelArn === 'string') out.channelArn = event.channelArn;
  if ('stageArn' in event && typeof event.stageArn === 'string') out.stageArn = event.stageArn;
  if ('streamId' in event && typeof event.streamId === 'string') out.streamId = event.streamId;
  if (event.notes !== undefined) out.notes = event.notes;
  return out;
}
