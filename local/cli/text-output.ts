/**
 * What every command's output shares: the AWS CLI's way with `--query` results, a plain text table,
 * and short forms of ARNs for narrow columns.
 */
export type OutputFormat = 'table' | 'json' | 'text';

/** A query's result: JSON for json and for objects, bare scalars (tab-separated in a list) otherwise. */
export function renderQueryResult(value: unknown, format: OutputFormat): string {
  if (format !== 'json' && Array.isArray(value) && value.every((v) => typeof v !== 'object' || v === null)) return value.map(String).join('\t');
  if (format !== 'json' && typeof value === 'string') return value;
  return JSON.stringify(value, null, format === 'json' ? 2 : undefined) ?? 'null';
}

/** `arn:aws:ivs:us-west-2:123456789012:channel/abc` → `channel/abc`, for every IVS ARN in the text. */
export function shortArns(text: string): string {
  return text.replace(/arn:aws:ivs:[^:]*:[^:]*:/g, '');
}

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Narrowest a column is cut to when the table must fit the terminal. */
const MIN_COLUMN = 8;

/**
 * A bordered table; the first row is the header. With `maxWidth` (a terminal's `columns`), the widest
 * columns are cut (their cells end in `…`) until the table fits, never below a few characters.
 */
export function table(rows: string[][], maxWidth?: number): string {
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((r) => (r[col] ?? '').length)));
  if (maxWidth !== undefined) fitWidths(widths, maxWidth);
  rows = rows.map((row) => row.map((cell, col) => truncate(cell, widths[col]!)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  const rule = `+-${widths.map((w) => '-'.repeat(w)).join('-+-')}-+`;
  return [rule, line(rows[0]!), rule, ...rows.slice(1).map(line), rule].join('\n');
}

/** Shrinks the widest column, one character at a time, until the bordered table is at most `maxWidth`. */
export function fitWidths(widths: number[], maxWidth: number): void {
  const total = () => widths.reduce((sum, w) => sum + w, 0) + 3 * widths.length + 1;
  while (total() > maxWidth) {
    const widest = widths.indexOf(Math.max(...widths));
    if (widths[widest]! <= MIN_COLUMN) return;
    widths[widest]! -= 1;
  }
}

/** The terminal's width when output goes to one, else undefined (a file or pipe keeps whole cells). */
export function terminalWidth(): number | undefined {
  return process.stdout.isTTY && process.stdout.columns > 0 ? process.stdout.columns : undefined;
}
