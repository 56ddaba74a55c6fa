/**
 * A replay of an IVS event whose name ivs-guard does not know yet (#14.4): the real stream handler processes it,
 * no policy fires, nothing is rejected (exit 0), and the report carries the parser's note in its JSON, table and
 * text output.
 */
import { describe, expect, it } from 'vitest';
import { render } from '../../local/cli/format.ts';
import { exitStatusOf } from '../../local/replay/report.ts';
import { replay } from '../../local/replay/replay.ts';
import { streamStateEvent } from '../fakes/events.ts';

const NOTE = "IVS Stream State Change event_name 'Stream Frobnicated' is not one ivs-guard knows yet: processed, no policy names it";

describe('replaying a name ivs-guard does not know yet', async () => {
  const start = streamStateEvent('Stream Start', { id: 'known-start', time: '2026-11-20T19:00:00Z' });
  const frob = streamStateEvent('Stream Frobnicated', { id: 'new-name', time: '2026-11-20T19:00:05Z', detail: { frobnication_level: 11 } });
  const report = await replay([{ raw: start, origin: 'day.jsonl:1' }, { raw: frob, origin: 'day.jsonl:2' }], [], { policiesPath: 'policies.yml' });

  it('processes it through the stream function, rejecting nothing', () => {
    expect(report.events.map((event) => [event.id, event.functions, event.status, event.name])).toEqual([
      ['known-start', ['stream'], 'processed', 'Stream Start'],
      ['new-name', ['stream'], 'processed', 'Stream Frobnicated'],
    ]);
    expect(report.summary).toMatchObject({ processed: 2, rejected: 0, failed: 0 });
    expect(exitStatusOf(report)).toBe(0);
  });

  it('fires no policy on it', () => {
    expect(report.events[1]!.decisions).toEqual([]);
  });

  it('carries the note on that event only', () => {
    expect(report.events[1]!.notes).toEqual([NOTE]);
    expect(report.events[0]).not.toHaveProperty('notes');
  });

  it('shows the note in every output format', () => {
    expect(JSON.parse(render(report, 'json')).events[1].notes).toEqual([NOTE]);
    expect(render(report, 'table')).toContain(`notes:\n  new-name: ${NOTE}`);
    expect(render(report, 'text').split('\n')).toContain(`NOTE\tnew-name\t${NOTE}`);
    expect(render(report, 'json', 'events[?notes].id')).toBe(JSON.stringify(['new-name'], null, 2));
  });
});
