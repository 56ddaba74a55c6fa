/**
 * Reads the command blocks out of the project's Markdown: the fenced shell blocks (```sh, ```bash,
 * ```shell, ```console), each split into the commands a user would type, and the output blocks the
 * docs tie to a command with an `<!-- output of: COMMAND[, on a terminal] -->` comment.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

/** One command as a user types it: continuation lines joined, its trailing comment apart. */
export interface DocCommand {
  /** `README.md:167`: the file and the line the command starts on. */
  where: string;
  /** The command, as written (without its comment). */
  text: string;
  /** The trailing `# …` comment, when there is one. */
  comment: string;
}

/** A fenced shell block and its commands, in order. */
export interface ShellBlock {
  where: string;
  commands: DocCommand[];
}

/** An output block and the command whose output it shows. */
export interface ShownOutput {
  where: string;
  command: string;
  /** The comment says `on a terminal`: the command runs under a pseudo-terminal. */
  terminal: boolean;
  lines: string[];
}

interface Fence {
  /** 1-based line of the opening fence. */
  line: number;
  lang: string;
  body: string[];
}

const SHELL_LANGS = new Set(['sh', 'bash', 'shell', 'console']);
/** What a command line of a block starts with: a block like this that is not labelled a shell block is an error. */
const COMMAND_START = /^(\$ |npx |npm |aws |node |serverless )/;
const OUTPUT_OF = /^<!--\s*output of:\s*(.+?)(,\s*on a terminal)?\s*-->$/;

function fences(text: string): Fence[] {
  const lines = text.split('\n');
  const found: Fence[] = [];
  let open: Fence | undefined;
  lines.forEach((raw, index) => {
    const fence = /^\s*```(\S*)/.exec(raw);
    if (!fence) {
      open?.body.push(raw);
      return;
    }
    if (open) {
      found.push(open);
      open = undefined;
    } else {
      open = { line: index + 1, lang: fence[1] ?? '', body: [] };
    }
  });
  return found;
}

/** The offset of the `#` that starts a trailing comment (outside quotes, after a blank), or -1. */
function commentStart(line: string): number {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"') {
      quote = c;
    } else if (c === '#' && (i === 0 || /\s/.test(line[i - 1] ?? ''))) {
      return i;
    }
  }
  return -1;
}

function commandsOf(file: string, fence: Fence): DocCommand[] {
  const commands: DocCommand[] = [];
  let pending: { line: number; parts: string[] } | undefined;
  fence.body.forEach((raw, index) => {
    const lineNo = fence.line + 1 + index;
    let line = raw;
    if (fence.lang === 'console') {
      // In a console block only `$ ` lines are typed; the rest is what they print.
      if (!pending && !line.startsWith('$ ')) return;
      if (!pending) line = line.slice(2);
    }
    const hash = commentStart(line);
    const code = (hash >= 0 ? line.slice(0, hash) : line).trimEnd();
    const comment = hash >= 0 ? line.slice(hash + 1).trim() : '';
    if (!pending && code.trim() === '') return;
    pending ??= { line: lineNo, parts: [] };
    if (code.endsWith('\\')) {
      pending.parts.push(code.slice(0, -1).trim());
      return;
    }
    pending.parts.push(code.trim());
    commands.push({ where: `${file}:${pending.line}`, text: pending.parts.join(' '), comment });
    pending = undefined;
  });
  if (pending) commands.push({ where: `${file}:${pending.line}`, text: pending.parts.join(' '), comment: '' });
  return commands;
}

/** A Markdown file of the project, read once. */
export class DocFile {
  readonly text: string;
  private readonly all: Fence[];

  /** @param root the project's folder; @param path the file, relative to it. */
  constructor(
    readonly root: string,
    readonly path: string,
  ) {
    this.text = readFileSync(join(root, path), 'utf8');
    this.all = fences(this.text);
  }

  /** Its fenced shell blocks, with their commands. */
  shellBlocks(): ShellBlock[] {
    return this.all
      .filter((fence) => SHELL_LANGS.has(fence.lang))
      .map((fence) => ({ where: `${this.path}:${fence.line}`, commands: commandsOf(this.path, fence) }));
  }

  /** Blocks not labelled as shell whose lines read like commands (`npx …`, `aws …`): they would escape the test. */
  unlabelledCommandBlocks(): string[] {
    return this.all
      .filter((fence) => !SHELL_LANGS.has(fence.lang) && fence.body.some((line) => COMMAND_START.test(line.trim())))
      .map((fence) => `${this.path}:${fence.line}`);
  }

  /** The output blocks tied to a command by an `<!-- output of: … -->` line just before them. */
  shownOutputs(): ShownOutput[] {
    const lines = this.text.split('\n');
    return this.all.flatMap((fence) => {
      const marker = OUTPUT_OF.exec((lines[fence.line - 2] ?? '').trim());
      if (!marker?.[1]) return [];
      return [{ where: `${this.path}:${fence.line}`, command: marker[1].replace(/^`|`$/g, ''), terminal: Boolean(marker[2]), lines: fence.body }];
    });
  }

  /** The project's Markdown files this one links to (`[…](docs/x.md)`), relative to the root. */
  linkedDocs(): string[] {
    const targets = [...this.text.matchAll(/\]\(([^)#\s]+\.md)(#[^)]*)?\)/g)].map((m) => m[1] ?? '');
    const paths = targets
      .filter((target) => !/^[a-z]+:/i.test(target))
      .map((target) => relative(this.root, join(this.root, dirname(this.path), target)))
      .filter((path) => existsSync(join(this.root, path)));
    return [...new Set(paths)].sort();
  }
}
