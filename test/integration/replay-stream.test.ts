/**
 * #9.3: `--output table|text` write each event's row when it is decided, the summary at the end.
 */
import { describe, expect, it, vi } from 'vitest';
import { readEvents } from '../../local/cli/read-events.ts';
import { render } from '../../local/cli/format.ts';
import { reportStream, STREAMED_TABLE_WIDTHS } from '../../local/cli/stream-report.ts';
import * as invoke from '../../local/replay/invoke.ts';
import { replay } from '../../local/replay/replay.ts';
import type { ReportEvent } from '../../local/replay/report.ts';

describe('a streamed replay report', () => {
  it('hands over each row before the replay is over, in the order of the report, unreadable pieces included', async () => {
    const { events, errors } = await readEvents(['events/scenarios', 'events/malformed']);
    const spy = vi.spyOn(invoke, 'deliverBatch');
    const rows: ReportEvent[] = [];
    const invocationsAtRow: number[] = [];
    const report = await replay(events, errors, {
      policiesPath: 'policies.yml',
      worldPath: 'events/scenarios/world.yml',
      onEvent: (row) => {
        rows.push(row);
        invocationsAtRow.push(spy.mock.calls.length);
      },
    });
    const invocations = spy.mock.calls.length;
    spy.mockRestore();

    expect(rows).toEqual(report.events);
    expect(errors.length).toBeGreaterThan(0);
    // The first row was out while most invocations were still to come.
    expect(invocationsAtRow[0]).toBeLessThan(invocations / 2);

    const text = reportStream('text');
    expect([...text.start(), ...rows.flatMap(text.event), ...text.end(report)].join('\n')).toBe(render(report, 'text'));
    const table = reportStream('table', 100);
    const lines = [...table.start(), ...rows.flatMap(table.event)];
    expect(lines).toHaveLength(3 + rows.length);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(100);
    expect(table.end(report).join('\n')).toContain(`${report.summary.events} events: ${report.summary.processed} processed`);
  });

  it('cuts a table cell to its column and keeps the rest for why:', () => {
    const table = reportStream('table');
    const event: ReportEvent = { id: 'e1', detailType: 'IVS Stream State Change', name: 'Stream Start', origin: 'x:1', functions: ['stream'], status: 'rejected', error: 'detail.stream_id: is required', attempts: 1, decisions: [{ policy: 'p'.repeat(80), mode: 'enforce', evidence: ['why'], actions: [] }] };
    const [row] = table.event(event);
    expect(row!.length).toBe(STREAMED_TABLE_WIDTHS.reduce((a, b) => a + b, 0) + 3 * STREAMED_TABLE_WIDTHS.length + 1);
    expect(row).toContain('…');
    const summary = { events: 1, processed: 0, ignored: 0, rejected: 1, failed: 0, actions: { applied: 0, planned: 0, skipped: 0, failed: 0 }, apiCalls: {} };
    expect(table.end({ events: [event], summary, published: [] }).join('\n')).toContain(`${'p'.repeat(80)} on e1: why`);
  });
});
