/**
 * Renders ledger entries for `ivs-guard history` as the AWS CLI would: `json` (the LedgerEntry
 * list), `text` (one tab-separated line an entry) or `table`, with `--query` applying JMESPath to
 * the JSON first.
 */
import jmespath from 'jmespath';
import type { LedgerEntry } from '../../domain/ledger.ts';
import type { OutputFormat } from './format.ts';

/** Past this, a reason is cut in the table (json and text keep it whole). */
const TABLE_REASON_MAX = 90;

export function renderHistory(entries: LedgerEntry[], format: OutputFormat, query?: string): string {
  if (query !== undefined) return renderValue(jmespath.search(entries, query) as unknown, format);
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
  return table([['time', 'policy', 'action', 'target', 'status', 'reason'], ...rows]);
}

/** A query's result: JSON for json and for objects, bare scalars (tab-separated in a list) otherwise. */
function renderValue(value: unknown, format: OutputFormat): string {
  if (format !== 'json' && Array.isArray(value) && value.every((v) => typeof v !== 'object' || v === null)) return value.map(String).join('\t');
  if (format !== 'json' && typeof value === 'string') return value;
  return JSON.stringify(value, null, format === 'json' ? 2 : undefined) ?? 'null';
}

/** `arn:aws:ivs:us-west-2:123456789012:channel/abc` → `channel/abc`, for every ARN in a target. */
function shortArns(target: string): string {
  return target.replace(/arn:aws:ivs:[^:]*:[^:]*:/g, '');
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((r) => (r[col] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  const rule = `+-${widths.map((w) => '-'.repeat(w)).join('-+-')}-+`;
  return [rule, line(rows[0]!), rule, ...rows.slice(1).map(line), rule].join('\n');
}
