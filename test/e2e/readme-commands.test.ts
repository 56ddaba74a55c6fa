/**
 * The README's commands work as written on a fresh clone (#12): every command of every shell block
 * of README.md and of the docs it links to runs, as written, in a fresh copy of the project, and must
 * exit as documented (0, or the `exit N` its comment names). The commands that need an AWS account
 * or are CI itself are listed in NOT_RUN, each with its reason; a command that matches none of them
 * runs, so a new command that does not work fails this test. An output block tied to a command
 * (`<!-- output of: COMMAND, on a terminal -->` before it) must match what the command prints.
 *
 * The emulator: a block that starts `ivs-guard emulator` has it started in the background (stopped
 * with Ctrl-C at the block's end), on a port the system picks (`--port N` becomes `--port 0`: the
 * documented port may be taken on a shared machine), and the block's later commands have every
 * `http://127.0.0.1:PORT` or `:N` replaced by the URL it printed.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './cli.ts';
import { DocFile, type DocCommand, type ShownOutput } from './readme-blocks.ts';
import { freshCopy, removeCopy, runShell, startBackground, userEnv, type Background } from './shell.ts';

function hasAwsCli(): boolean {
  return spawnSync('aws', ['--version'], { stdio: 'ignore' }).status === 0;
}

/** Commands this test does not run: reviewed, each with why. Keep it to what needs an AWS account, or is CI. */
const NOT_RUN: { pattern: RegExp; reason: string }[] = [
  { pattern: /^npm ci\b/, reason: 'installs the dependencies: .ci/run does, and this test runs on what it installed' },
  { pattern: /^npm test\b/, reason: 'all of CI, many minutes: .ci/run runs it, and it runs this test' },
  { pattern: /\bserverless (deploy|rollback|remove)\b/, reason: 'deploys to, or reads the deployments of, a real AWS account' },
  { pattern: /(^|[\s;&|(])aws (?!.*--endpoint-url)/, reason: 'an AWS CLI call without --endpoint-url goes to a real AWS account' },
  { pattern: /\bivs-guard (replay|history)\b(?!.*--endpoint-url).*\s--live\b/, reason: '--live reads (with --apply, acts on) a real AWS account' },
  { pattern: /\bivs-guard stack\b/, reason: 'packages the stack and runs it on moto until Ctrl-C, minutes long: test/stack/stack.test.ts runs it' },
  { pattern: /\bivs-guard (publish|history --live)\b.*--endpoint-url http:\/\/127\.0\.0\.1:PORT/, reason: 'talks to a running `ivs-guard stack`: test/stack/ covers publish and history against it' },
  { pattern: /^\$EDITOR\b/, reason: "opens the user's editor" },
  // The README's emulator examples use the AWS CLI; a machine without it cannot run them (CI's has it).
  ...(hasAwsCli() ? [] : [{ pattern: /(^|[\s;&|(])aws /, reason: 'the AWS CLI is not installed on this machine (python3 -m pip install awscli)' }]),
];

const EMULATOR = /\bivs-guard emulator\b/;
/**
 * A block whose commands depend on what an earlier one left (a server, `--state`, a file, a folder)
 * runs them in order in one copy, as a user would; the commands of any other block run side by side,
 * each in its own copy. Taking a block for independent when it is not fails loudly; the other way is only slower.
 */
const KEEPS_STATE = /\bivs-guard (emulator|history)\b|--state\b|>|\bcd\s/;
const EMULATOR_READY = /listening on (http:\/\/127\.0\.0\.1:\d+)/;
const LOCAL_URL = /http:\/\/(?:127\.0\.0\.1|localhost):(?:PORT|\d+)/g;
/** Commands run at most this many at a time: the machine has 2 cores, shared. */
const POOL = 3;
const COMMAND_TIMEOUT_MS = 60_000;
/** A test waits its turn in the pool within its time, so this is much more than one command takes. */
const BLOCK_TIMEOUT_MS = 240_000;

const readme = new DocFile(ROOT, 'README.md');
const docs = [readme, ...readme.linkedDocs().map((path) => new DocFile(ROOT, path))];
const env = userEnv();

function notRun(command: DocCommand): string | undefined {
  return NOT_RUN.find(({ pattern }) => pattern.test(command.text))?.reason;
}

/** The exit status the docs give a command: `exit N` in its comment, else 0. */
function documentedExit(command: DocCommand): number {
  return Number(/\bexit (\d+)\b/.exec(command.comment)?.[1] ?? 0);
}

let running = 0;
const waiting: (() => void)[] = [];
/** Runs `work` when one of the POOL places is free; a place that frees up is handed straight to the next waiting. */
async function inPool<T>(work: () => Promise<T>): Promise<T> {
  if (running < POOL) running++;
  else await new Promise<void>((go) => waiting.push(go));
  try {
    return await work();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

function report(command: string, result: { code: number | null; stdout: string; stderr: string; timedOut: boolean }): string {
  const status = result.timedOut ? `killed after ${COMMAND_TIMEOUT_MS} ms` : `exit ${result.code}`;
  return `\`${command}\`: ${status}\n--- stdout (end)\n${result.stdout.slice(-2000)}\n--- stderr (end)\n${result.stderr.slice(-2000)}`;
}

/** Runs commands in order, in a fresh copy of their own; every failure is reported, not only the first. */
async function runBlock(commands: DocCommand[], check: typeof expect): Promise<void> {
  const cwd = freshCopy(ROOT);
  let emulator: Background | undefined;
  try {
    for (const command of commands) {
      const text = emulator ? command.text.replace(LOCAL_URL, emulator.ready[1] ?? '') : command.text;
      if (EMULATOR.test(text)) {
        const started = text.replace(/--port \d+/, '--port 0');
        emulator = await inPool(() => startBackground(started, EMULATOR_READY, { cwd, env, timeoutMs: COMMAND_TIMEOUT_MS }));
        continue;
      }
      const result = await inPool(() => runShell(text, { cwd, env, timeoutMs: COMMAND_TIMEOUT_MS }));
      check.soft(result.code, `${command.where} ${report(text, result)}`).toBe(documentedExit(command));
    }
  } finally {
    await emulator?.stop();
    removeCopy(cwd);
  }
}

/** Runs the command an output block names, in a fresh copy, and checks its exit status and the lines shown. */
async function runShown(output: ShownOutput, check: typeof expect, exit: number): Promise<void> {
  const cwd = freshCopy(ROOT);
  const result = await inPool(() => runShell(output.command, { cwd, env, timeoutMs: COMMAND_TIMEOUT_MS, terminal: output.terminal })).finally(() => removeCopy(cwd));

  check.soft(result.code, report(output.command, result)).toBe(exit);
  const missing = missingLines(output.lines, result.stdout);
  check.soft(missing, `${output.where} shows lines that \`${output.command}\` does not print:\n${missing.join('\n')}\n--- it printed:\n${result.stdout}`).toEqual([]);
}

/** The cells of a table row `| a | b |`, or undefined for a line that is not one. */
function cells(line: string): string[] | undefined {
  const row = line.trim();
  if (!row.startsWith('|') || !row.endsWith('|')) return undefined;
  return row.slice(1, -1).split('|').map((cell) => cell.trim());
}

/** A cell the docs show matches a printed one; either may be cut short with `…`. */
function sameCell(shown: string, printed: string): boolean {
  const cut = (cell: string) => (cell.endsWith('…') ? cell.slice(0, -1) : undefined);
  return shown === printed || printed.startsWith(cut(shown) ?? '\0') || shown.startsWith(cut(printed) ?? '\0');
}

/** A line the docs show matches a printed one: table rows cell by cell, other lines with `…` standing for anything. */
function sameLine(shown: string, printed: string): boolean {
  const shownCells = cells(shown);
  const printedCells = cells(printed);
  if (shownCells || printedCells) {
    return Boolean(shownCells && printedCells && shownCells.length === printedCells.length && shownCells.every((cell, i) => sameCell(cell, printedCells[i] ?? '')));
  }
  const pattern = shown.trim().split('…').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*?');
  return new RegExp(`^${pattern}$`).test(printed.trim());
}

/** The shown lines (less borders, blank lines and the `...` rows that say lines were left out) missing from `printed`, in order. */
function missingLines(shown: string[], printed: string): string[] {
  const lines = printed.split('\n');
  const missing: string[] = [];
  let from = 0;
  for (const line of shown) {
    if (/^\s*$|^\+[-+]+\+$/.test(line) || cells(line)?.[0] === '...') continue;
    const at = lines.findIndex((candidate, i) => i >= from && sameLine(line, candidate));
    if (at < 0) missing.push(line);
    else from = at + 1;
  }
  return missing;
}

describe('the commands of the README and of the docs it links to', () => {
  const blocks = docs.flatMap((doc) => doc.shellBlocks());

  it('reads the README and the docs it links to', () => {
    expect(docs.map((doc) => doc.path)).toEqual(expect.arrayContaining(['README.md', 'docs/emulator.md', 'docs/stack.md']));
    expect(readme.shellBlocks().length).toBeGreaterThanOrEqual(5);
    expect(readme.shownOutputs().map((output) => output.command)).toContain('npm run replay');
  });

  it('finds every command block: none is left unlabelled, where it would not run', () => {
    expect(docs.flatMap((doc) => doc.unlabelledCommandBlocks()), 'label these blocks ```sh').toEqual([]);
  });

  it('lists in NOT_RUN only patterns that some documented command matches', () => {
    const commands = blocks.flatMap((block) => block.commands);
    const unused = NOT_RUN.filter(({ pattern }) => !commands.some((command) => pattern.test(command.text)));
    expect(unused.map(({ pattern }) => String(pattern))).toEqual([]);
  });

  // The same command documented in several places runs once, under all its places.
  const alone = new Map<string, DocCommand[]>();
  for (const block of blocks) {
    for (const command of block.commands) {
      const reason = notRun(command);
      if (reason) it.skip(`${command.where} \`${command.text}\`: not run: ${reason}`, () => {});
    }
    const run = block.commands.filter((command) => !notRun(command));
    if (run.some((command) => KEEPS_STATE.test(command.text))) {
      const name = `${block.where}, in order: ${run.map((command) => `\`${command.text}\``).join(', ')}`;
      it.concurrent(name, ({ expect: check }) => runBlock(run, check), BLOCK_TIMEOUT_MS);
    } else {
      for (const command of run) {
        const key = `${command.text}\0${documentedExit(command)}`;
        alone.set(key, [...(alone.get(key) ?? []), command]);
      }
    }
  }
  // A command whose output a block shows runs once, as that block says (on a terminal or not), for both.
  const shown = docs.flatMap((doc) => doc.shownOutputs());
  for (const [first, ...more] of alone.values()) {
    if (!first) continue;
    const output = shown.find((candidate) => candidate.command === first.text);
    const where = [first, ...more].map((command) => command.where).join(', ');
    const prints = output ? `, printing what ${output.where} shows${output.terminal ? ' on a terminal' : ''}` : '';
    it.concurrent(`${where} \`${first.text}\`${prints}`, ({ expect: check }) => (output ? runShown(output, check, documentedExit(first)) : runBlock([first], check)), BLOCK_TIMEOUT_MS);
  }
  for (const output of shown.filter((candidate) => !blocks.some((block) => block.commands.some((command) => command.text === candidate.command)))) {
    it.concurrent(`${output.where} shows what \`${output.command}\` prints${output.terminal ? ' on a terminal' : ''}`, ({ expect: check }) => runShown(output, check, 0), BLOCK_TIMEOUT_MS);
  }
});

describe('reading the command blocks of a Markdown file', () => {
  const doc = (text: string) => {
    const root = mkdtempSync(join(tmpdir(), 'ivs-guard-readme-doc-'));
    try {
      writeFileSync(join(root, 'DOC.md'), text);
      return new DocFile(root, 'DOC.md');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  };

  it('joins continued lines, keeps a trailing comment apart, and drops comment lines', () => {
    const [block] = doc(['# Title', '', '```sh', 'npx a --x 1 \\', "  --y '#not-a-comment'   # exit 1", '# only a comment', '', 'npx b', '```', ''].join('\n')).shellBlocks();

    expect(block?.where).toBe('DOC.md:3');
    expect(block?.commands).toEqual([
      { where: 'DOC.md:4', text: "npx a --x 1 --y '#not-a-comment'", comment: 'exit 1' },
      { where: 'DOC.md:8', text: 'npx b', comment: '' },
    ]);
    expect(block?.commands.map(documentedExit)).toEqual([1, 0]);
  });

  it('reads only the $ lines of a console block, and no block in another language', () => {
    const file = doc(['```console', '$ npx a', 'what a prints', '```', '```yaml', 'npx: no', '```', '```', 'npx c', '```', ''].join('\n'));

    expect(file.shellBlocks().flatMap((block) => block.commands.map((command) => command.text))).toEqual(['npx a']);
    expect(file.unlabelledCommandBlocks()).toEqual(['DOC.md:8']);
  });

  it('ties an output block to the command its comment names', () => {
    const [output] = doc(['<!-- output of: npx a --b, on a terminal -->', '```', '| x | y |', '```', ''].join('\n')).shownOutputs();

    expect(output).toEqual({ where: 'DOC.md:2', command: 'npx a --b', terminal: true, lines: ['| x | y |'] });
  });

  it('finds the shown lines that were not printed, in order, cells and … cut short', () => {
    const shown = ['+---+', '| Stream Start | channel/A | - |', '| ... | | |', 'why:', '  leak on 5ce7…0005: at 19:09', '2 events'];
    const printed = ['| Stream St… | channel/A | - |', 'why:', '  leak on 5ce7a1d0-0000-0005: at 19:09', '2 events'].join('\n');

    expect(missingLines(shown, printed)).toEqual([]);
    expect(missingLines(shown, printed.replace('2 events', '3 events'))).toEqual(['2 events']);
    expect(missingLines(['2 events', 'why:'], printed)).toEqual(['why:']);
    expect(missingLines(['| Stream Start | channel/B | - |'], printed)).toEqual(['| Stream Start | channel/B | - |']);
  });
});
