/**
 * Issue #12: usage errors found before anything runs (exit 2, naming the option or file), the
 * command's usage with the nearest option, help and --version, empty input, input order, and
 * generate-event's --count/--compact piped into `replay -`.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './cli.ts';

const WORLD = ['--world', 'events/scenarios/world.yml'];
const scratch = () => mkdtempSync(join(tmpdir(), 'ivs-guard-usage-'));

describe('usage errors exit 2 before anything runs', () => {
  it.each([
    ['a bad --query', ['replay', 'events/scenarios', ...WORLD, '--query', 'summary['], /--query 'summary\[' is not a JMESPath expression/],
    ['a misspelt JMESPath function', ['replay', 'events/scenarios', ...WORLD, '--query', 'lenght(events)'], /--query .*Unknown function: lenght/],
    ['a bad --faults', ['replay', 'events/scenarios', '--faults', 'throttle=2'], /--faults: .*'throttle=2' needs a probability/],
    ['a bad --quota', ['replay', 'events/scenarios', '--quota', 'fast'], /--quota: .*'fast'/],
    ['a missing --world', ['replay', 'events/scenarios', '--world', 'no-world.yml'], /--world: no such file: no-world\.yml/],
    ['a missing --policies', ['replay', 'events/scenarios', '--policies', 'no-policies.yml'], /--policies: cannot read no-policies\.yml/],
    ['a missing input file', ['replay', 'nowhere.jsonl'], /no such file or directory: nowhere\.jsonl/],
    ['an unknown generate-event kind', ['generate-event', 'volcano'], /no sample event 'volcano'/],
    ['a bad --count', ['generate-event', 'stream-start', '--count', '0'], /--count takes a whole number/],
    ['a bad history --query', ['history', '--query', 'entries['], /--query 'entries\[' is not a JMESPath expression/],
    ['a missing validate file', ['validate', 'no-such.yml'], /cannot read no-such\.yml/],
    ['a bad emulator --faults', ['emulator', '--faults', 'throttle=2'], /--faults: .*'throttle=2' needs a probability/],
    ['a bad emulator --seed', ['emulator', '--seed', 'x'], /--seed must be a whole number, not 'x'/],
  ])('%s', async (_, args, message) => {
    const result = await runCli(args);

    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
  });

  it('writes no --state when the --query is bad (#12.2)', async () => {
    const state = join(scratch(), 'state');

    const result = await runCli(['replay', 'events/scenarios/01-stream-key-leak.jsonl', ...WORLD, '--state', state, '--query', 'summary[']);

    expect(result.code).toBe(2);
    expect(existsSync(state)).toBe(false);
  });
});

describe('unknown options and help (#12.9)', () => {
  it('prints the usage and the nearest option', async () => {
    const result = await runCli(['replay', 'events/scenarios', '--wrld', 'events/scenarios/world.yml']);

    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^ivs-guard replay: unknown option '--wrld'; did you mean `--world`\?\n/);
    expect(result.stderr).toContain('usage: ivs-guard replay');
  });

  it('suggests the nearest command', async () => {
    const result = await runCli(['rplay']);

    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/unknown command 'rplay'; did you mean `replay`\?/);
  });

  it.each(['replay', 'history', 'emulator', 'validate', 'generate-event'])('help %s matches its --help', async (command) => {
    const viaHelp = await runCli(['help', command]);
    const viaFlag = await runCli([command, '--help']);

    expect(viaHelp.code).toBe(0);
    expect(viaHelp.stdout).toContain(`usage: ivs-guard ${command}`);
    expect(viaHelp.stdout).toBe(viaFlag.stdout);
  });

  it('prints its version', async () => {
    const result = await runCli(['--version']);

    expect(result.code).toBe(0);
    expect(result.stdout).toBe('ivs-guard 0.1.0\n');
  });
});

describe('input', () => {
  it.each([
    ['an empty file', () => { const f = join(scratch(), 'empty.jsonl'); writeFileSync(f, ''); return [f]; }, ''],
    ['an empty directory', () => [scratch()], ''],
    ['empty stdin', () => ['-'], ''],
  ])('says "no events read" for %s, and exits 0 (#12.5)', async (_, paths) => {
    const result = await runCli(['replay', ...paths(), '--output', 'json']);

    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/no events read from/);
    expect(JSON.parse(result.stdout)).toMatchObject({ summary: { events: 0 } });
  });

  it('reports the events of a file in its order, the unreadable line included (#12.6)', async () => {
    const result = await runCli(['replay', 'events/malformed', '--output', 'json', '--query', 'events[].origin']);

    expect(JSON.parse(result.stdout)).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map((n) => `events/malformed/malformed-events.jsonl:${n}`));
  });

  it.each([[[] as string[]], [['--compact']]])('replays generate-event --count 3 %j from stdin: distinct ids, a second apart', async (flags) => {
    const generated = await runCli(['generate-event', 'stream-start', '--count', '3', ...flags]);
    expect(generated.code).toBe(0);

    const result = await runCli(['replay', '-', '--output', 'json'], generated.stdout);

    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { events: Array<{ id: string; status: string }> };
    expect(report.events.map((e) => e.status)).toEqual(['processed', 'processed', 'processed']);
    expect(new Set(report.events.map((e) => e.id)).size).toBe(3);
    const times = generated.stdout.match(/"time": ?"([^"]+)"/g)!.map((t) => Date.parse(t.replace(/.*"([^"]+)"$/, '$1')));
    expect(times.map((t) => t - times[0]!)).toEqual([0, 1000, 2000]);
  });
});
