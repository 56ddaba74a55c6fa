/**
 * Renders a replay report as the AWS CLI would: `json`, `text` (tab-separated) or `table`,
 * with `--query` applying JMESPath to the JSON first.
 */
import { searchJson } from '../../domain/policy/jmespath.ts';
import type { ReplayReport, ReportEvent } from '../replay/report.ts';
import { renderQueryResult, shortArns, table, truncate } from './text-output.ts';
import type { OutputFormat } from './text-output.ts';

export type { OutputFormat } from './text-output.ts';

export function render(report: ReplayReport, format: OutputFormat, query?: string): string {
  if (query !== undefined) return renderQueryResult(searchJson(report, query), format);
  switch (format) {
    case 'json':
      return JSON.stringify(report, null, 2);
    case 'text':
      return renderText(report);
    case 'table':
      return renderTable(report);
  }
}

/** One line per action (or per event without actions), tab-separated, stable columns; then a NOTE line per note. */
function renderText(report: ReplayReport): string {
  const lines: string[] = [];
  for (const event of report.events) {
    const head = [event.status.toUpperCase(), event.id, event.detailType, event.name, event.channelArn ?? '-'];
    if (event.decisions.length === 0) lines.push([...head, '-', '-', '-', event.error ?? ''].join('\t'));
    for (const decision of event.decisions) {
      for (const action of decision.actions) lines.push([...head, decision.policy, action.type, action.status, action.reason ?? ''].join('\t'));
    }
    for (const note of event.notes ?? []) lines.push(['NOTE', event.id, note].join('\t'));
  }
  const s = report.summary;
  lines.push(['SUMMARY', s.events, s.processed, s.ignored, s.rejected, s.failed, s.actions.applied, s.actions.planned, s.actions.skipped, s.actions.failed].join('\t'));
  return lines.join('\n');
}

function renderTable(report: ReplayReport): string {
  const rows = report.events.map((event) => [
    event.detailType.replace(/^IVS /, '') + (event.name && event.name !== event.detailType ? `: ${event.name}` : ''),
    event.channelArn ? shortArns(event.channelArn) : '-',
    decisionCell(event),
    actionsCell(event),
    event.status + (event.error ? ` (${truncate(event.error, 60)})` : ''),
  ]);
  const header = ['event', 'channel', 'decision', 'actions', 'status'];
  const out = [table([header, ...rows])];
  const evidence = report.events.flatMap((e) => e.decisions.map((d) => `  ${d.policy} on ${e.id}: ${d.evidence.join('; ')}`));
  if (evidence.length > 0) out.push('why:', ...evidence);
  const notes = report.events.flatMap((e) => (e.notes ?? []).map((note) => `  ${e.id}: ${note}`));
  if (notes.length > 0) out.push('notes:', ...notes);
  const s = report.summary;
  out.push(
    `${s.events} events: ${s.processed} processed, ${s.ignored} ignored, ${s.rejected} rejected, ${s.failed} failed`,
    `actions: ${s.actions.applied} applied, ${s.actions.planned} planned, ${s.actions.skipped} skipped, ${s.actions.failed} failed`,
    `API calls: ${Object.entries(s.apiCalls).map(([op, n]) => `${op} ${n}`).join(', ') || 'none'}`,
  );
  return out.join('\n');
}

function decisionCell(event: ReportEvent): string {
  return event.decisions.map((d) => (d.mode === 'dry-run' ? `${d.policy} (dry-run)` : d.policy)).join(', ') || '-';
}

function actionsCell(event: ReportEvent): string {
  return event.decisions.flatMap((d) => d.actions.map((a) => `${a.type}:${a.status}`)).join(', ') || '-';
}
