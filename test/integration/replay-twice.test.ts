/**
 * `replay()` is a function (the CLI's, the benchmark's): each call starts its own emulator and dynalite,
 * so two calls in one process must each replay against their own.
 */
import { describe, expect, it } from 'vitest';
import { replay } from '../../local/replay/replay.ts';
import { streamStateEvent } from '../fakes/events.ts';

describe('two replays in one process', () => {
  it('each decides against its own emulator', async () => {
    const start = streamStateEvent('Stream Start', { time: '2026-11-20T19:00:00Z' });

    const first = await replay([{ raw: start, origin: 'first:1' }], [], { policiesPath: 'policies.yml' });
    const second = await replay([{ raw: start, origin: 'second:1' }], [], { policiesPath: 'policies.yml' });

    expect(first.summary).toMatchObject({ processed: 1, failed: 0, apiCalls: { GetStreamSession: 1 } });
    expect(second.events.map((e) => [e.status, e.error])).toEqual([['processed', undefined]]);
    expect(second.summary).toMatchObject({ processed: 1, failed: 0, apiCalls: { GetStreamSession: 1 } });
  });
});
