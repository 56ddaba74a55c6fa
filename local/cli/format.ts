/**
 * Renders a replay report as the AWS CLI would: `json`, `text` (tab-separated) or `table`,
 * with `--query` applying JMESPath to the JSON first.
 */
import { searchJson } from '../../domain/policy/jmespath.ts';
import type { ReplayReport, ReportEvent } from '../replay/report.ts';
import { renderQueryResult, shortArns, table, terminalWidth } from './text-output.ts';
import type { OutputFormat } from './text-output.ts';

export type { OutputFormat } from './text-output.ts';

/** The column names of `--output text`, printed as its first line. */
export const TEXT_COLUMNS = ['STATUS', 'ID', 'DETAIL_TYPE', 'NAME', 'CHANNEL', 'POLICY', 'ACTION', 'ACTION_STATUS', 'REASON'];

/** The report as `format` prints it; `width` (default: the terminal's) bounds the table. */
export function render(report: ReplayReport, format: OutputFormat, query?: string, width: number | undefined = terminalWidth()): string {
  if (query !== undefined) return renderQueryResult(searchJson(report, query), format);
  switch (format) {
    case 'json':
      return JSON.stringify(report, null, 2);
    case 'text':
      return renderText(report);
    case 'table':
      return renderTable(report, width);
  }
}

/** A header row, one line per action (or per event without actions), tab-separated; a NOTE line per note; a labelled SUMMARY. */
function renderText(report: ReplayReport): string {
  return [TEXT_COLUMNS.join('\t'), ...report.events.flatMap(textLines), ...textSummary(report)].join('\n');
}

/** One event's lines of `--output text`: one per action (or one without actions), a NOTE per note. */
export function textLines(event: ReportEvent): string[] {
  const lines: string[] = [];
  const head = [event.status.toUpperCase(), event.id, event.detailType, event.name, event.channelArn ?? '-'];
  if (event.decisions.length === 0) lines.push([...head, '-', '-', '-', event.error ?? ''].join('\t'));
  for (const decision of event.decisions) {
    for (const action of decision.actions) lines.push([...head, decision.policy, action.type, action.status, action.reason ?? ''].join('\t'));
  }
  for (const note of event.notes ?? []) lines.push(['NOTE', event.id, note].join('\t'));
  return lines;
}

/** The last lines of `--output text`: the labelled SUMMARY, and INTERRUPTED when it was. */
export function textSummary(report: ReplayReport): string[] {
  const s = report.summary;
  const counts = { events: s.events, processed: s.processed, ignored: s.ignored, rejected: s.rejected, failed: s.failed, applied: s.actions.applied, planned: s.actions.planned, skipped: s.actions.skipped, actionsFailed: s.actions.failed };
  return [['SUMMARY', ...Object.entries(counts).map(([label, n]) => `${label}=${n}`)].join('\t'), ...(report.interrupted ? ['INTERRUPTED'] : [])];
}

/** The columns of `--output table`. */
export const TABLE_HEADER = ['event', 'channel', 'decision', 'actions', 'status'];

/** One event's cells in `--output table`. */
export function tableCells(event: ReportEvent): string[] {
  return [
    event.detailType.replace(/^IVS /, '') + (event.name && event.name !== event.detailType ? `: ${event.name}` : ''),
    // A stage event has no channel: its stage (`stage/<id>`) stands in the column.
    shortArns(event.channelArn ?? event.stageArn ?? '-'),
    decisionCell(event),
    actionsCell(event),
    event.status,
  ];
}

function renderTable(report: ReplayReport, width: number | undefined): string {
  return [table([TABLE_HEADER, ...report.events.map(tableCells)], width), ...tableFooter(report)].join('\n');
}

/** What follows the table: the reasons cut from it, the notes, the summary. */
export function tableFooter(report: ReplayReport): string[] {
  const out: string[] = [];
  const why = report.events.flatMap(whyLines);
  if (why.length > 0) out.push('why:', ...why);
  const notes = report.events.flatMap((e) => (e.notes ?? []).map((note) => `  ${e.id}: ${note}`));
  if (notes.length > 0) out.push('notes:', ...notes);
  const s = report.summary;
  out.push(
    ...(report.interrupted ? ['interrupted: the events after these were not replayed'] : []),
    `${s.events} events: ${s.processed} processed, ${s.ignored} ignored, ${s.rejected} rejected, ${s.failed} failed`,
    `actions: ${s.actions.applied} applied, ${s.actions.planned} planned, ${s.actions.skipped} skipped, ${s.actions.failed} failed`,
    `API calls: ${Object.entries(s.apiCalls).map(([op, n]) => `${op} ${n}`).join(', ') || 'none'}`,
  );
  return out;
}

/** The reasons a table cell would cut: a rejection or failure, each decision's evidence, each skipped or failed action's reason. */
function whyLines(event: ReportEvent): string[] {
  const lines = event.error ? [`  ${event.id}: ${event.status}: ${event.error}`] : [];
  for (const d of event.decisions) {
    lines.push(`  ${d.policy} on ${event.id}: ${d.evidence.join('; ')}`);
    for (const a of d.actions) if ((a.status === 'skipped' || a.status === 'failed') && a.reason) lines.push(`    ${a.type} ${a.status}: ${a.reason}`);
  }
  return lines;
}

function decisionCell(event: ReportEvent): string {
  return event.decisions.map((d) => (d.mode === 'dry-run' ? `${d.policy} (dry-run)` : d.policy)).join(', ') || '-';
}

function actionsCell(event: ReportEvent): string {
  return event.decisions.flatMap((d) => d.actions.map((a) => `${a.type}:${a.status}`)).join(', ') || '-';
}
