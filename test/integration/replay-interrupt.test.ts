/**
 * #12.3: an interrupted `--state` replay stops taking events, finishes the one in flight, and saves
 * the world and the ledger together, so the next run sees in the world what the ledger says was done.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readEvents } from '../../local/cli/read-events.ts';
import type { WorldFile } from '../../local/emulator/index.ts';
import { replay } from '../../local/replay/replay.ts';

const LEAKY = 'arn:aws:ivs:us-west-2:123456789012:channel/LeakyChannel1';
const LEAKED_KEY = 'arn:aws:ivs:us-west-2:123456789012:stream-key/LeakyKey0001';

describe('an interrupted replay', () => {
  it('ends after the event in flight, with the world and the ledger saved together', async () => {
    const state = mkdtempSync(join(tmpdir(), 'ivs-guard-interrupt-'));
    const { events, errors } = await readEvents(['events/scenarios/01-stream-key-leak.jsonl', 'events/scenarios/02-over-limit-ingest.jsonl']);
    const controller = new AbortController();

    // The fifth event rotates the leaked key; the signal arrives as it ends, the sixth (02's) is never taken.
    const report = await replay(events, errors, {
      policiesPath: 'policies.yml',
      worldPath: 'events/scenarios/world.yml',
      stateDir: state,
      signal: controller.signal,
      onProgress: (done) => {
        if (done === 5) controller.abort();
      },
    });

    expect(report.interrupted).toBe(true);
    expect(report.summary.events).toBe(5);
    expect(report.events.at(-1)?.decisions.map((d) => d.actions.map((a) => [a.type, a.status]))).toEqual([[['rotateStreamKey', 'applied'], ['stopStream', 'applied']]]);
    const world = JSON.parse(readFileSync(join(state, 'world.json'), 'utf8')) as WorldFile;
    const keys = world.channels?.find((c) => c.arn === LEAKY)?.streamKeys?.map((k) => k.arn);
    expect(keys).toHaveLength(1);
    expect(keys).not.toContain(LEAKED_KEY);
  });

  it('is a whole replay when the signal never comes', async () => {
    const { events, errors } = await readEvents(['events/scenarios/02-over-limit-ingest.jsonl']);

    const report = await replay(events, errors, { policiesPath: 'policies.yml', worldPath: 'events/scenarios/world.yml', signal: new AbortController().signal });

    expect(report.interrupted).toBeUndefined();
    expect(report.summary.events).toBe(events.length);
  });
});
