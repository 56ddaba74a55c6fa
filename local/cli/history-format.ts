/**
 * Renders ledger entries for `ivs-guard history` as the AWS CLI would: `json` (the LedgerEntry
 * list), `text` (one tab-separated line an entry) or `table`, with `--query` applying JMESPath to
 * the JSON first.
 */
import { searchJson } from '../../domain/policy/jmespath.ts';
import type { LedgerEntry } from '../../domain/ports.ts';
import { renderQueryResult, shortArns, table, terminalWidth, truncate } from './text-output.ts';
import type { OutputFormat } from './text-output.ts';

/** Past this, a reason is cut in the table (json and text keep it whole). */
const TABLE_REASON_MAX = 90;

export function renderHistory(entries: LedgerEntry[], format: OutputFormat, query?: string): string {
  if (query !== undefined) return renderQueryResult(searchJson(entries, query), format);
  switch (format) {
    case 'json':
      return JSON.stringify(entries, null, 2);
    case 'text':
      return entries.map((e) => [e.at, e.policy, e.mode, e.type, e.target, e.status, e.reason ?? ''].join('\t')).join('\n');
    case 'table':
      return renderTable(entries);
  }
}

function renderTable(entries: LedgerEntry[]): string {
  if (entries.length === 0) return 'no actions recorded';
  const rows = entries.map((e) => [
    e.at,
    e.mode === 'dry-run' ? `${e.policy} (dry-run)` : e.policy,
    e.type,
    shortArns(e.target),
    e.status,
    truncate(shortArns(e.reason ?? ''), TABLE_REASON_MAX),
  ]);
  return table([['time', 'policy', 'action', 'target', 'status', 'reason'], ...rows], terminalWidth());
}
