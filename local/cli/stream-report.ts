/**
 * `ivs-guard replay --output table|text` as the replay goes: each event's row is written when it is
 * decided, the summary at the end. `--output text` prints what `render` would, line for line; the table's
 * columns are sized before the first row (to the terminal, or generous widths for a file or pipe), so a
 * cell longer than its column is cut; the reasons it loses are under `why:` at the end, whole.
 */
import type { ReplayReport, ReportEvent } from '../replay/report.ts';
import { TABLE_HEADER, TEXT_COLUMNS, tableCells, tableFooter, textLines, textSummary } from './format.ts';
import { fitWidths, truncate } from './text-output.ts';

/** What a streamed report writes: before the first event, for each event, after the last. */
export interface ReportStream {
  start(): string[];
  event(event: ReportEvent): string[];
  end(report: ReplayReport): string[];
}

/** The widths of the streamed table's columns (event, channel, decision, actions, status) when nothing bounds them. */
export const STREAMED_TABLE_WIDTHS = [46, 32, 32, 48, 9];

/** The streamed form of `format`; `width` (a terminal's columns) bounds the table. */
export function reportStream(format: 'table' | 'text', width?: number): ReportStream {
  if (format === 'text') return { start: () => [TEXT_COLUMNS.join('\t')], event: textLines, end: textSummary };
  const widths = [...STREAMED_TABLE_WIDTHS];
  if (width !== undefined) fitWidths(widths, width);
  const line = (cells: string[]) => `| ${cells.map((c, i) => truncate(c, widths[i]!).padEnd(widths[i]!)).join(' | ')} |`;
  const rule = `+-${widths.map((w) => '-'.repeat(w)).join('-+-')}-+`;
  return {
    start: () => [rule, line(TABLE_HEADER), rule],
    event: (event) => [line(tableCells(event))],
    end: (report) => [rule, ...tableFooter(report)],
  };
}
