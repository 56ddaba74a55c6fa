/**
 * #9, peak memory: a replay handed its inputs lets each go once decided (`releaseInputs`), and a streamed
 * report keeps only the rows its footer prints again (`rows: 'notable'`); neither changes what is decided,
 * counted or printed.
 */
import { describe, expect, it } from 'vitest';
import { readEvents } from '../../local/cli/read-events.ts';
import { reportStream } from '../../local/cli/stream-report.ts';
import { replay } from '../../local/replay/replay.ts';
import type { ReportEvent } from '../../local/replay/report.ts';

const OPTIONS = { policiesPath: 'policies.yml', worldPath: 'events/scenarios/world.yml' };

describe('a lean replay', () => {
  it('decides, counts and prints as the full one, keeping only the rows with an error, a decision or a note', async () => {
    const full = await readEvents(['events/scenarios', 'events/malformed']);
    const whole = await replay(full.events, full.errors, OPTIONS);

    const { events, errors } = await readEvents(['events/scenarios', 'events/malformed']);
    const rows: ReportEvent[] = [];
    const lean = await replay(events, errors, { ...OPTIONS, releaseInputs: true, rows: 'notable', onEvent: (row) => rows.push(row) });

    expect(rows).toEqual(whole.events);
    expect(lean.summary).toEqual(whole.summary);
    expect(lean.published).toEqual(whole.published);
    const notable = whole.events.filter((e) => e.error !== undefined || e.decisions.length > 0 || (e.notes ?? []).length > 0);
    expect(notable.length).toBeGreaterThan(0);
    expect(notable.length).toBeLessThan(whole.events.length);
    expect(lean.events).toEqual(notable);
    for (const format of ['table', 'text'] as const) expect(reportStream(format).end(lean)).toEqual(reportStream(format).end(whole));
    // Every input was handed over and let go.
    expect(events.length).toBe(full.events.length);
    expect(events.every((e) => e.raw === undefined)).toBe(true);
  });
});
