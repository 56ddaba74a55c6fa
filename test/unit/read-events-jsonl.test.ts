/**
 * A `.jsonl` file is read as it streams in (#9, peak memory): the events, the errors and the line numbers
 * they name are those of the whole text split into lines, wherever the stream's chunks end.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readEvents } from '../../local/cli/read-events.ts';

const dir = mkdtempSync(join(tmpdir(), 'read-events-jsonl-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('readEvents on a .jsonl file', () => {
  it('names each line by its number, CRLF or LF, blank lines skipped, a bad line an error in its place', async () => {
    const path = file('mixed.jsonl', '{"a":1}\r\n\n{"b":"é"}\nnot json\r\n{"c":3}');
    const { events, errors } = await readEvents([path]);
    expect(events).toEqual([
      { raw: { a: 1 }, origin: `${path}:1` },
      { raw: { b: 'é' }, origin: `${path}:3` },
      { raw: { c: 3 }, origin: `${path}:5` },
    ]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ origin: `${path}:4`, position: 2 });
    expect(errors[0]!.message).toMatch(/^not valid JSON: /);
  });

  it('reads lines longer than a stream chunk, and multi-byte characters across chunk ends, whole', async () => {
    const long = 'é'.repeat(100_000); // 200 KB of UTF-8: several 64 KB chunks, some ending inside a character
    const lines = [{ id: 1, text: long }, { id: 2, text: `x${long}` }, { id: 3 }];
    const path = file('long.jsonl', `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`);
    const { events, errors } = await readEvents([path]);
    expect(errors).toEqual([]);
    expect(events.map((e) => e.raw)).toEqual(lines);
    expect(events.map((e) => e.origin)).toEqual([1, 2, 3].map((n) => `${path}:${n}`));
  });

  it('gives the same events as the same lines in a .json file', async () => {
    const text = '{"detail-type":"IVS Stream State Change","resources":["arn:x"]}\n{"detail-type":"IVS Stream State Change","resources":["arn:x"]}\n';
    const jsonl = await readEvents([file('same.jsonl', text)]);
    const json = await readEvents([file('same.json', text)]);
    expect(jsonl.events.map((e) => e.raw)).toEqual(json.events.map((e) => e.raw));
    expect(jsonl.events[0]!.raw).toEqual({ 'detail-type': 'IVS Stream State Change', resources: ['arn:x'] });
  });
});
